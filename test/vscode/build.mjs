// Compiles the real-VS-Code test harness into out/test/vscode/ (one CommonJS bundle per entry):
//   runTest.ts          -> out/test/vscode/runTest.js          (runs in Node, calls @vscode/test-electron)
//   suite/index.ts      -> out/test/vscode/suite/index.js      (mocha runner, runs in the extension host)
//   suite/**/*.test.ts  -> out/test/vscode/suite/**/*.test.js  (the suites; index.js loads them all)
// `vscode` is provided by the extension host; mocha and test-electron are loaded from node_modules.
// Usage: node test/vscode/build.mjs   (the extension itself is built by `node esbuild.mjs`)
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const outdir = path.join(root, 'out/test/vscode');

const suiteDir = path.join(here, 'suite');
const suites = fs
  .readdirSync(suiteDir, { recursive: true })
  .map(String)
  .filter((f) => f.endsWith('.test.ts'))
  .map((f) => path.join(suiteDir, f));

fs.rmSync(outdir, { recursive: true, force: true });
await esbuild.build({
  entryPoints: [path.join(here, 'runTest.ts'), path.join(suiteDir, 'index.ts'), ...suites],
  outbase: here,
  outdir,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'inline',
  external: ['vscode', 'mocha', '@vscode/test-electron', 'playwright-core'],
  logLevel: 'warning',
});
console.log(`[build] ${suites.length} suite file(s) -> ${path.relative(root, outdir)}/`);
