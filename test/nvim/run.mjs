#!/usr/bin/env node
// Runs the language server under a second LSP client, headless Neovim (test/nvim/check.lua), on one
// file, prints the diagnostics it published and checks that the expected codes are among them.
//
//   node test/nvim/run.mjs FILE [CODE...]          e.g. node test/nvim/run.mjs test/nvim/fixtures/pm005-pm010.md PM005 PM010
//   node test/nvim/run.mjs --self-test             the harness against a stand-in server (fake-server.cjs)
// Options:
//   --server "CMD ARGS"   server command (default: node dist/server.js --stdio; build it first)
//   --root DIR            workspace root given to the server (default: the file's folder)
//   --timeout MS          how long nvim waits for the diagnostics (default 15000)
//   --json                print the raw result JSON as well
//   --features LIST       also check language features after the diagnostics (issue 14), comma-separated:
//                         links (an evidence link to an existing file), inlay (the computed Total
//                         duration and a timeline hint), rename (the Incident ID renamed everywhere
//                         in the buffer). For a copy of the draft fixture (test/nvim/fixtures/nav/).
// Exit code: 0 when every expected code was published (or, with none given, when any publication
// arrived), 1 otherwise. Needs `nvim` (scripts/setup-vscode.sh installs Debian's neovim).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');

function usage(msg) {
  if (msg) console.error(`run.mjs: ${msg}`);
  console.error('usage: node test/nvim/run.mjs [--server CMD] [--root DIR] [--timeout MS] [--json] FILE [CODE...]\n' +
    '       node test/nvim/run.mjs --self-test');
  process.exit(2);
}

const opts = { server: undefined, root: undefined, timeout: 15000, json: false, selfTest: false, features: '' };
const positional = [];
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  const next = () => (i + 1 < argv.length ? argv[++i] : usage(`${a} needs a value`));
  if (a === '--server') opts.server = next();
  else if (a === '--root') opts.root = path.resolve(next());
  else if (a === '--timeout') opts.timeout = Number(next());
  else if (a === '--json') opts.json = true;
  else if (a === '--features') opts.features = next();
  else if (a === '--self-test') opts.selfTest = true;
  else if (a === '-h' || a === '--help') usage();
  else if (a.startsWith('--')) usage(`unknown option ${a}`);
  else positional.push(a);
}

let file;
let expected;
let serverCmd;
if (opts.selfTest) {
  file = path.join(here, 'fixtures/pm005-pm010.md');
  expected = ['PM999'];
  serverCmd = [process.execPath, path.join(here, 'fake-server.cjs'), '--stdio'];
} else {
  if (positional.length === 0) usage('no FILE given');
  [file, ...expected] = positional;
  file = path.resolve(file);
  serverCmd = opts.server
    ? opts.server.split(/\s+/).filter(Boolean)
    : [process.execPath, path.join(root, 'dist/server.js'), '--stdio'];
}
if (!fs.existsSync(file)) usage(`${file} does not exist`);

const nvim = process.env.NVIM || 'nvim';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-nvim-'));
const outFile = path.join(tmp, 'result.json');
const env = {
  ...process.env,
  PM_NVIM_OUT: outFile,
  PM_NVIM_SERVER_CMD: JSON.stringify(serverCmd),
  PM_NVIM_TIMEOUT_MS: String(opts.timeout),
  PM_NVIM_EXPECT: expected.join(','),
  PM_NVIM_FEATURES: opts.features,
  XDG_STATE_HOME: path.join(tmp, 'state'), // nvim's lsp.log and shada stay in the temp folder
  XDG_DATA_HOME: path.join(tmp, 'data'),
  XDG_CACHE_HOME: path.join(tmp, 'cache'),
};
if (opts.root) env.PM_NVIM_ROOT = opts.root;

const probe = spawnSync(nvim, ['--version'], { encoding: 'utf8', env });
if (probe.error || probe.status !== 0) {
  fs.rmSync(tmp, { recursive: true, force: true });
  console.error(`run.mjs: cannot run ${nvim} (${probe.error?.message ?? probe.stderr}); run bash scripts/setup-vscode.sh`);
  process.exit(1);
}
console.log(`[nvim] ${probe.stdout.split('\n')[0]}; server: ${serverCmd.join(' ')}`);
console.log(`[nvim] file: ${path.relative(process.cwd(), file)}; expecting: ${expected.length ? expected.join(', ') : '(any publication)'}`);

const started = Date.now();
const child = spawn(nvim, ['--headless', '--clean', '-c', `luafile ${path.join(here, 'check.lua')}`, file], {
  cwd: root,
  env,
  stdio: ['ignore', 'pipe', 'pipe'],
});
let output = '';
child.stdout.on('data', (d) => (output += d));
child.stderr.on('data', (d) => (output += d));
// Backstop in case nvim itself hangs (check.lua has its own, shorter, timeout).
const killer = setTimeout(() => {
  console.error(`[nvim] nvim did not quit within ${opts.timeout + 15000} ms: killing it`);
  child.kill('SIGKILL');
}, opts.timeout + 15000);
const exitCode = await new Promise((resolve) => child.on('close', (code, signal) => resolve(code ?? signal)));
clearTimeout(killer);

let result;
try {
  result = JSON.parse(fs.readFileSync(outFile, 'utf8'));
} catch (err) {
  console.error(`[nvim] FAIL: no result from check.lua (nvim exit ${exitCode}): ${err.message}\n${output}`);
  process.exit(1);
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}

if (opts.json) console.log(JSON.stringify(result, null, 2));
const severity = { 1: 'error', 2: 'warning', 3: 'information', 4: 'hint' };
const diagnostics = Array.isArray(result.diagnostics) ? result.diagnostics : [];
console.log(`[nvim] nvim ${result.nvim}: started=${result.started} attached=${result.attached} ` +
  `initialized=${result.initialized} publications=${result.publications} in ${result.elapsed_ms} ms` +
  (result.server_info ? ` (server ${result.server_info.name} ${result.server_info.version ?? ''})` : ''));
for (const d of diagnostics) {
  const { line, character } = d.range.start;
  console.log(`  ${line + 1}:${character + 1}  ${severity[d.severity] ?? '?'}  ${d.code ?? '-'}  ${d.message}`);
}
if (result.error) console.log(`[nvim] ${result.error}`);

const got = new Set(diagnostics.map((d) => String(d.code)));
let failed = 0;
if (expected.length === 0) {
  if (result.publications === 0) failed++;
} else {
  for (const code of expected) {
    const ok = got.has(code);
    if (!ok) failed++;
    console.log(`  ${ok ? 'ok  ' : 'MISS'} ${code}`);
  }
}
// Issue 14: the answers to the feature requests check.lua made.
const features = result.features ?? {};
const featureChecks = [];
const wantFeature = new Set(opts.features.split(',').map((f) => f.trim()).filter(Boolean));
if (wantFeature.has('links')) {
  const links = Array.isArray(features.links) ? features.links : [];
  featureChecks.push(['links: evidence paths and the Incident ID link to existing files (file: URIs)',
    links.length >= 2 && links.every((l) => typeof l.target === 'string' && l.target.startsWith('file:')) && links.some((l) => /audit-log\.jsonl$/.test(l.target)),
    `${links.length} link(s) ${features.links_error ? JSON.stringify(features.links_error) : ''}`]);
}
if (wantFeature.has('inlay')) {
  const hints = Array.isArray(features.inlay) ? features.inlay : [];
  const labels = hints.map((h) => (typeof h.label === 'string' ? h.label : ''));
  featureChecks.push(['inlay hints (textDocument/inlayHint via buf_request_sync; nvim 0.7 has no inlay hint API): computed Total duration and +time since detection',
    labels.includes('≠ 8h 30m') && labels.includes('+34m'), `${labels.join(' | ')} ${features.inlay_error ? JSON.stringify(features.inlay_error) : ''}`]);
}
if (wantFeature.has('rename')) {
  const r = features.rename ?? {};
  featureChecks.push(['rename: prepareRename on the ID, every occurrence replaced in the buffer',
    features.prepare_rename?.placeholder !== undefined && r.edits >= 2 && r.new_id_count === r.edits && r.old_id_count === 0,
    `${JSON.stringify(r)} ${features.rename_error ? JSON.stringify(features.rename_error) : ''}`]);
}
for (const [what, ok, detail] of featureChecks) {
  if (!ok) failed++;
  console.log(`  ${ok ? 'ok  ' : 'MISS'} ${what}: ${detail}`);
}

const checks = Math.max(expected.length, 1) + featureChecks.length;
console.log(`nvim: ${checks - failed} passed, ${failed} failed (${((Date.now() - started) / 1000).toFixed(1)}s)`);
process.exit(failed === 0 && exitCode === 0 ? 0 : 1);
