// Packs the CLI as its own npm package, `postmortem-lint-<version>.tgz`, with no
// dependencies: dist/cli.js is one bundle (esbuild), so `npm install -g <tgz>`
// works offline and from an empty folder. The package lives in cli/ (its
// package.json is committed; dist/, README.md and LICENSE are copied in here).
//
//   node scripts/pack-cli.mjs [--out DIR]   → prints the tarball's path
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(ROOT, 'cli');
const outArg = process.argv.indexOf('--out');
const out = path.resolve(outArg > 0 ? process.argv[outArg + 1] : ROOT);

const rootPkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const cliPkg = JSON.parse(fs.readFileSync(path.join(CLI, 'package.json'), 'utf8'));
if (cliPkg.version !== rootPkg.version) {
  console.error(`cli/package.json version ${cliPkg.version} differs from package.json ${rootPkg.version}: make them equal`);
  process.exit(1);
}

await esbuild.build({
  entryPoints: [path.join(ROOT, 'server', 'src', 'cli.ts')],
  outfile: path.join(CLI, 'dist', 'cli.js'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
  // Same as esbuild.mjs: fdir (under tinyglobby) is ESM and reads import.meta.url.
  banner: { js: '#!/usr/bin/env node\nconst __importMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
  define: { 'import.meta.url': '__importMetaUrl' },
});
fs.chmodSync(path.join(CLI, 'dist', 'cli.js'), 0o755);
fs.copyFileSync(path.join(ROOT, 'LICENSE'), path.join(CLI, 'LICENSE'));
fs.copyFileSync(path.join(ROOT, 'docs', 'cli.md'), path.join(CLI, 'README.md'));

fs.mkdirSync(out, { recursive: true });
const json = execFileSync('npm', ['pack', '--json', '--pack-destination', out], { cwd: CLI, encoding: 'utf8' });
const [info] = JSON.parse(json);
console.log(path.join(out, info.filename));
