// Runs the given *.test.ts files and every *.test.ts under the given folders with node:test through tsx.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const dirs = process.argv.slice(2);
const files = [];
const walk = (d) => {
  for (const f of readdirSync(d).sort()) {
    const p = join(d, f);
    if (statSync(p).isDirectory()) walk(p);
    else if (f.endsWith('.test.ts')) files.push(p);
  }
};
for (const d of dirs) {
  if (statSync(d).isDirectory()) walk(d);
  else files.push(d);
}
if (files.length === 0) {
  console.error(`no test files in ${dirs.join(', ')}`);
  process.exit(1);
}
// Tests wait for events, never for a fixed time; a test whose event never comes fails after 10 minutes.
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-timeout=600000', '--test-reporter=spec', ...files], { stdio: 'inherit' });
process.exit(r.status ?? 1);
