// `npm start`: build everything, then lint the bundled examples. Findings are the
// point of the demo, so exit 1 (errors found) still counts as a successful run;
// a build failure or a usage/I-O error (exit 2) does not.
import { spawnSync } from 'node:child_process';

const build = spawnSync(process.execPath, ['esbuild.mjs'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
console.log('$ postmortem-lint examples/\n');
const lint = spawnSync(process.execPath, ['dist/cli.js', 'examples/'], { stdio: 'inherit' });
process.exit(lint.status === 0 || lint.status === 1 ? 0 : lint.status ?? 1);
