#!/usr/bin/env node
// End-to-end, as a user sees it: code-server with the packaged extension (.vsix) installed, a
// folder opened in headless Chromium, a file opened through Quick Open, a screenshot taken.
// Skeleton: detailed assertions (Problems panel, squiggles, commands) come later.
//
//   node test/e2e/run.mjs --vsix postmortem-assistant.vsix [--folder DIR] [--file REL] [--name NAME]
//     --vsix PATH     the packaged extension to install (required; `npm run package` makes one)
//     --folder DIR    workspace to open (default: a fresh copy of test/vscode/workspace/)
//     --file REL      file to open, relative to the folder (default post-mortems/INC-2026-0314.md)
//     --name NAME     screenshot name (default: the file's base name) -> test/e2e/screenshots/NAME.png
//     --timeout MS    overall timeout (default 180000)
// Needs scripts/setup-vscode.sh (code-server, Node 24, Chromium). Everything code-server and the
// browser write stays under .vscode-test/e2e/.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {
  assertInstalled, cache, codeServerEntry, freePort, killGroup, launchChromium, makeProfile, node24, repoRoot,
  stopGroup, tail, waitForHttp,
} from '../vscode/lib.mjs';

const EXTENSION_ID = 'postmortem-assistant.postmortem-assistant';
const started = Date.now();
const log = (...a) => console.log(`[e2e ${((Date.now() - started) / 1000).toFixed(1)}s]`, ...a);

function parseArgs(argv) {
  const o = { vsix: undefined, folder: undefined, file: 'post-mortems/INC-2026-0314.md', name: undefined, timeout: 180_000 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--vsix') o.vsix = path.resolve(v());
    else if (a === '--folder') o.folder = path.resolve(v());
    else if (a === '--file') o.file = v();
    else if (a === '--name') o.name = v();
    else if (a === '--timeout') o.timeout = Number(v());
    else throw new Error(`unknown argument ${a}`);
  }
  if (!o.vsix) throw new Error('--vsix PATH is required');
  if (!fs.existsSync(o.vsix)) throw new Error(`${o.vsix} does not exist`);
  return o;
}

let opts;
try {
  opts = parseArgs(process.argv.slice(2));
  assertInstalled(codeServerEntry);
} catch (err) {
  console.error(`[e2e] ${err.message}`);
  console.error('usage: node test/e2e/run.mjs --vsix PATH [--folder DIR] [--file REL] [--name NAME] [--timeout MS]');
  process.exit(2);
}

const e2eDir = path.join(cache, 'e2e');
const { dirs, env: sandboxEnv } = makeProfile(path.join(e2eDir, 'profile'));
const userDataDir = path.join(dirs.profile, 'user-data');
const extensionsDir = path.join(dirs.profile, 'extensions');
const config = path.join(dirs.profile, 'config.yaml');
fs.writeFileSync(config, 'auth: none\ncert: false\n');
const serverLog = path.join(dirs.profile, 'code-server.log');
// User settings of a quiet, offline first start (code-server keeps them in <user-data-dir>/User).
fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
fs.writeFileSync(path.join(userDataDir, 'User/settings.json'), JSON.stringify({
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  'git.openRepositoryInParentFolders': 'never',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
}, null, 2));
const screenshots = path.join(repoRoot, 'test/e2e/screenshots');
fs.mkdirSync(screenshots, { recursive: true });

let folder = opts.folder;
if (!folder) {
  folder = path.join(e2eDir, 'workspace');
  fs.rmSync(folder, { recursive: true, force: true });
  fs.cpSync(path.join(repoRoot, 'test/vscode/workspace'), folder, { recursive: true });
}
const env = { ...process.env, ...sandboxEnv, HOME: dirs.home };
const commonArgs = ['--config', config, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];

let server;
let context;
let finishing = false;
async function finish(code, why) {
  if (finishing) return;
  finishing = true;
  if (why) console.log(`[e2e] ${why}`);
  const serverTail = code !== 0 ? tail(serverLog, 25) : '';
  killGroup(server, 'SIGTERM');
  if (context) await Promise.race([context.close().catch(() => {}), new Promise((r) => setTimeout(r, 5000))]);
  await stopGroup(server);
  if (serverTail.trim()) console.log(`[e2e] last lines of ${serverLog}:\n${serverTail}`);
  log(`exit ${code}`);
  process.exit(code);
}
process.on('exit', () => killGroup(server, 'SIGKILL'));
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => void finish(130, `received ${sig}`));
const overall = setTimeout(() => void finish(1, `TIMEOUT after ${opts.timeout / 1000}s`), opts.timeout);

try {
  // 1. Install the .vsix the way a user would.
  log(`installing ${path.relative(process.cwd(), opts.vsix)}`);
  const install = spawnSync(node24, [codeServerEntry, ...commonArgs, '--install-extension', opts.vsix], {
    env, encoding: 'utf8', timeout: 120_000,
  });
  process.stdout.write(install.stdout.replace(/^/gm, '  '));
  if (install.status !== 0) throw new Error(`--install-extension failed (${install.status}): ${install.stderr}`);
  const list = spawnSync(node24, [codeServerEntry, ...commonArgs, '--list-extensions', '--show-versions'], { env, encoding: 'utf8' });
  if (!list.stdout.toLowerCase().includes(EXTENSION_ID)) throw new Error(`${EXTENSION_ID} not installed; --list-extensions: ${list.stdout}`);
  log(`installed: ${list.stdout.trim()}`);

  // 2. Start code-server in its own process group.
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const out = fs.openSync(serverLog, 'a');
  server = spawn(node24, [
    codeServerEntry, ...commonArgs,
    '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
    '--disable-getting-started-override', folder,
  ], { cwd: repoRoot, env, detached: true, stdio: ['ignore', out, out] });
  await waitForHttp(`${base}/healthz`, server, 60_000);
  server.once('exit', (code, signal) => void finish(1, `code-server exited unexpectedly (code ${code}, signal ${signal})`));
  log(`code-server ready on ${base}`);

  // 3. Open the folder in the browser.
  context = await launchChromium(dirs, sandboxEnv);
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (e) => console.error(`[browser] page error: ${e.message}`));
  await page.goto(`${base}/?${new URLSearchParams({ folder })}`, { waitUntil: 'domcontentloaded', timeout: 60_000 });
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  log(`workbench loaded (folder ${folder})`);

  // 4. Open the file through Quick Open, as a user would, and wait for its editor.
  const baseName = path.basename(opts.file);
  await page.locator('.monaco-workbench').click({ position: { x: 640, y: 400 } }).catch(() => {});
  await page.keyboard.press('Control+P');
  const quickInput = page.locator('.quick-input-widget input');
  await quickInput.waitFor({ state: 'visible', timeout: 15_000 });
  await quickInput.fill(opts.file);
  await page.locator('.quick-input-widget .monaco-list-row').first().waitFor({ timeout: 15_000 });
  await page.keyboard.press('Enter');
  await page.locator(`.tabs-container .tab.active[aria-label*="${baseName}"]`).waitFor({ timeout: 30_000 });
  await page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor({ timeout: 30_000 });
  log(`editor open: ${opts.file}`);

  // 5. Diagnostics appear a few seconds after opening: wait for a squiggle (reported, not asserted yet).
  try {
    await page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: 20_000 });
    log(`squiggles: ${await page.locator('.monaco-editor .squiggly-error').count()} error squiggle(s) in view`);
  } catch {
    log('squiggles: none appeared within 20s (not asserted yet)');
  }

  // 6. Screenshot.
  const shot = path.join(screenshots, `${opts.name ?? baseName.replace(/\.[^.]+$/, '')}.png`);
  await page.screenshot({ path: shot });
  log(`screenshot: ${path.relative(process.cwd(), shot)}`);
  clearTimeout(overall);
  await finish(0);
} catch (err) {
  await finish(1, `FAILED: ${err?.stack || err}`);
}
