// Writes snippets/postmortem.json from the template (server/src/core/template.ts).
// `npm run snippets` regenerates; test/unit/client-snippets.test.ts fails in `npm test` when the
// file is stale.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { TEMPLATE_1_1 } from '../server/src/core/template';
import { snippetsFileText } from '../client/src/pure/snippets';

const file = join(__dirname, '..', 'snippets', 'postmortem.json');
const want = snippetsFileText(TEMPLATE_1_1);
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
