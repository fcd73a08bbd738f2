// Writes snippets/postmortem.json from the template descriptor (shared/src/template/v1_1.ts).
// `npm run snippets` regenerates; test/unit/client-snippets.test.ts fails in `npm test` when the
// file is stale.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { snippetsFileText } from '../client/src/pure/snippets';

const file = join(__dirname, '..', 'snippets', 'postmortem.json');
const want = snippetsFileText();
let have: string | undefined;
try {
  have = readFileSync(file, 'utf8');
} catch {
  have = undefined;
}
if (have === want) {
  console.log(`${file} is up to date`);
} else {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, want);
  console.log(`wrote ${file}`);
}
