#!/usr/bin/env node
// The web extension in VS Code's web worker extension host, offline: code-server (installed by
// scripts/setup-vscode.sh) with the packaged .vsix installed and the user setting
// `remote.extensionKind: {"postmortem-assistant.postmortem-assistant": ["web"]}`, which makes the
// workbench run the extension's `browser` entry (dist/browserExtension.js) in its web worker
// extension host, and the extension start dist/browserServer.js in a worker of its own — as on
// github.dev and vscode.dev. A fresh copy of examples/ is opened in headless Chromium. Asserted:
//   1. the DRAFT example gets squiggles and the Problems panel lists exactly the codes the CLI
//      reports (PM014 among them: evidence read through vscode.workspace.fs);
//   2. the workbench started its web worker extension host, and no Node process runs the desktop
//      server (dist/server.js): the diagnostics came from dist/browserServer.js;
//   3. Mark Final (command palette) on the DRAFT is refused with its blockers, PM010 among them;
//   4. the Post-Mortems view lists the post-mortems with their error counts, the closed FINAL one too.
// Only 127.0.0.1 is reached: any other request of the browser is aborted and fails the run.
// Prints `web host: N passed, M failed`; exits 1 on any failure.
//
//   node test/web/host.mjs --vsix PATH   (scripts/test-web.sh packages one first)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { assert, createChecks } from '../vscode/checks.mjs';
import {
  assertInstalled, cache, closeContext, codeServerEntry, killGroup, launchChromium, node24, repoRoot, codeServerProfile, paletteTitle,
  startCodeServer, stopGroup, tail,
} from '../vscode/lib.mjs';

const EXTENSION_ID = 'postmortem-assistant.postmortem-assistant';
const DRAFT = 'post-mortems/INC-2026-0057-draft.md';
const WAIT = 30_000;
const TIMEOUT_MS = Number(process.env.WEB_TEST_TIMEOUT_MS ?? 240_000);

const started = Date.now();
const log = (...a) => console.log(`[web host ${((Date.now() - started) / 1000).toFixed(1)}s]`, ...a);
const vsixArg = process.argv.indexOf('--vsix');
const vsix = vsixArg > 0 ? path.resolve(process.argv[vsixArg + 1]) : undefined;
if (!vsix || !fs.existsSync(vsix)) {
  console.error('usage: node test/web/host.mjs --vsix PATH');
  process.exit(2);
}
assertInstalled(codeServerEntry);

const MARK_FINAL_TITLE = paletteTitle('postmortemAssistant.markFinal');

const webDir = path.join(cache, 'web-host');
const { dirs, sandboxEnv, env, serverLog, extensionsDir, commonArgs } = codeServerProfile(path.join(webDir, 'profile'), {
  // The extension runs where github.dev runs it: in the browser's web worker extension host.
  'remote.extensionKind': { [EXTENSION_ID]: ['web'] },
  ...(process.env.WEB_TEST_VERBOSE ? { 'postmortem.trace.server': 'messages' } : {}),
});
const folder = path.join(webDir, 'workspace');
fs.rmSync(folder, { recursive: true, force: true });
fs.cpSync(path.join(repoRoot, 'examples'), folder, { recursive: true });

let server;
let context;
let page;
const checks = createChecks({ log, page: () => page, screenshots: webDir, relativeTo: repoRoot });
const { check } = checks;
/** The extension's Output channel (Post-Mortem: Show Output), for a failed run's log. */
async function extensionOutput() {
  try {
    await page.keyboard.press('Escape');
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 5000 });
    await input.fill('>Post-Mortem: Show Output');
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Show Output' }).first().waitFor({ timeout: 5000 });
    await page.keyboard.press('Enter');
    await page.locator('.output-view .view-lines').waitFor({ timeout: 5000 });
    return (await page.locator('.output-view .view-lines .view-line').allTextContents()).join('\n');
  } catch (e) {
    return `(no output: ${e.message.split('\n')[0]})`;
  }
}
let finishing = false;
async function finish(code, why) {
  if (finishing) return;
  finishing = true;
  if (why) console.log(`[web host] ${why}`);
  if (code !== 0 && page) console.log(`[web host] the extension's output:\n${await extensionOutput()}`);
  killGroup(server, 'SIGTERM');
  await closeContext(context);
  await stopGroup(server);
  if (code !== 0) console.log(`[web host] last lines of ${serverLog}:\n${tail(serverLog, 15)}`);
  console.log(`web host: ${checks.passed} passed, ${checks.failed} failed (${((Date.now() - started) / 1000).toFixed(1)}s)`);
  process.exit(code);
}
process.on('exit', () => killGroup(server, 'SIGKILL'));
const overall = setTimeout(() => {
  checks.fail('the run completes in time');
  void finish(1, `TIMEOUT after ${TIMEOUT_MS / 1000}s`);
}, TIMEOUT_MS);

/** Processes (of this code-server's group) whose command line names `needle`. */
function processesWith(needle) {
  const ps = spawnSync('ps', ['-eo', 'pid,pgid,args'], { encoding: 'utf8' });
  return ps.stdout.split('\n').filter((l) => l.includes(needle) && l.includes(extensionsDir));
}

try {
  const install = spawnSync(node24, [codeServerEntry, ...commonArgs, '--install-extension', vsix], { env, encoding: 'utf8', timeout: 120_000 });
  if (install.status !== 0) throw new Error(`--install-extension failed (${install.status}): ${install.stderr}`);
  log(`installed ${path.relative(repoRoot, vsix)}`);

  const base = await startCodeServer({ args: commonArgs, env, folder, logFile: serverLog, onSpawn: (child) => (server = child) });
  server.once('exit', (code, signal) => void finish(1, `code-server exited unexpectedly (code ${code}, signal ${signal})`));
  log(`code-server ready on ${base}`);

  context = await launchChromium(dirs, sandboxEnv);
  const offline = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(base) || /^(blob|data):/.test(url)) return route.continue();
    offline.push(url);
    return route.abort();
  });
  page = context.pages()[0] ?? (await context.newPage());
  await page.setViewportSize({ width: 1400, height: process.env.WEB_TEST_VERBOSE ? 3000 : 900 });
  const workers = [];
  const watchWorkers = (p) => p.on('worker', (w) => workers.push(w.url()));
  watchWorkers(page);
  page.on('frameattached', () => undefined);
  page.on('pageerror', (e) => log(`page error: ${e.message}`));
  if (process.env.WEB_TEST_VERBOSE) page.on('console', (m) => log(`console.${m.type()}: ${m.text().slice(0, 400)}`));
  await page.goto(`${base}/?${new URLSearchParams({ folder })}`, { waitUntil: 'domcontentloaded', timeout: 60_000 });
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  log('workbench loaded');

  await page.locator('.monaco-workbench').click({ position: { x: 700, y: 450 } }).catch(() => {});
  await page.keyboard.press('Control+P');
  const quickInput = page.locator('.quick-input-widget input');
  await quickInput.waitFor({ state: 'visible', timeout: WAIT });
  await quickInput.fill(DRAFT);
  await page.locator('.quick-input-widget .monaco-list-row').first().waitFor({ timeout: WAIT });
  await page.keyboard.press('Enter');
  await page.locator(`.tabs-container .tab.active[aria-label*="${path.basename(DRAFT)}"]`).waitFor({ timeout: WAIT });
  log(`editor open: ${DRAFT}`);

  await check('error squiggles appear in the editor', async () => {
    await page.locator('.editor-instance .monaco-editor .squiggly-error').first().waitFor({ timeout: 60_000 });
    return `${await page.locator('.editor-instance .monaco-editor .squiggly-error').count()} in view`;
  });

  await page.keyboard.press('Control+Shift+M');
  const cli = spawnSync(process.execPath, [path.join(repoRoot, 'dist/cli.js'), '--format', 'json', DRAFT], { cwd: folder, encoding: 'utf8' });
  const cliCodes = [...new Set(JSON.parse(cli.stdout).map((f) => f.code))].sort();
  await check(`the Problems panel lists exactly the CLI's codes (${cliCodes.join(' ')})`, async () => {
    let seen = [];
    try {
      await page.waitForFunction((codes) => {
        const text = [...document.querySelectorAll('.markers-panel .monaco-list-row')].map((r) => r.textContent).join(' ');
        return codes.every((c) => text.includes(c));
      }, cliCodes, { timeout: WAIT });
    } finally {
      const text = (await page.locator('.markers-panel .monaco-list-row').allTextContents()).join(' ');
      seen = [...new Set(text.match(/PM\d{3}(?!\d)/g) ?? [])].sort();
    }
    assert(JSON.stringify(seen) === JSON.stringify(cliCodes), `Problems panel: ${seen.join(' ')}`);
    return seen.join(' ');
  });

  // Diagnostics came (above) and no Node process runs dist/server.js: the server is the worker.
  await check('the extension runs in the web worker extension host and no Node process runs the desktop server', async () => {
    const inWorker = workers.some((u) => u.includes('browserServer.js'));
    const frames = page.frames().map((f) => f.url()).filter((u) => /webWorkerExtensionHost/.test(u));
    const nodeServers = processesWith('dist/server.js');
    assert(nodeServers.length === 0, `a Node language server runs:\n${nodeServers.join('\n')}`);
    assert(inWorker || frames.length > 0, `no browser worker seen (workers: ${workers.join(', ') || 'none'})`);
    return inWorker ? 'worker dist/browserServer.js' : `web worker extension host frame ${frames[0]}`;
  });

  // Mark Final from the command palette: refused on the DRAFT, its blockers listed.
  await page.locator('.editor-instance .monaco-editor').first().click({ position: { x: 300, y: 200 } });
  await page.keyboard.press('F1');
  await quickInput.waitFor({ state: 'visible', timeout: WAIT });
  await quickInput.fill(`>${MARK_FINAL_TITLE}`);
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: MARK_FINAL_TITLE }).first().waitFor({ timeout: WAIT });
  await page.keyboard.press('Enter');
  await check('Mark Final on the DRAFT is refused, PM010 among the blockers', async () => {
    const title = page.locator('.quick-input-widget .quick-input-title', { hasText: 'block FINAL' });
    await title.waitFor({ state: 'visible', timeout: WAIT });
    await page.locator('.quick-input-widget .monaco-list-row').first().waitFor({ timeout: WAIT });
    const rows = (await page.locator('.quick-input-widget .monaco-list-row').allTextContents()).join(' | ');
    assert(rows.includes('PM010'), `rows: ${rows}`);
    return (await title.textContent()).replace(/\s+/g, ' ').trim();
  });
  await page.keyboard.press('Escape');
  await check('the file on disk still reads DRAFT', () => {
    assert(/^\*\*Status:\*\* DRAFT$/m.test(fs.readFileSync(path.join(folder, DRAFT), 'utf8')), 'Status is not DRAFT on disk');
  });
  // The Post-Mortems view: the FINAL example is not open, its summary is read by the server through
  // VS Code; the DRAFT's 5 errors are the CLI's.
  await check('the Post-Mortems view lists the post-mortems with their error counts (the FINAL one closed: 0, the DRAFT: 5)', async () => {
    const header = page.locator('.pane-header', { hasText: 'Post-Mortems' }).first();
    if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
    let rows = [];
    try {
      await page.waitForFunction(() => {
        const texts = [...document.querySelectorAll('.pane-body .monaco-list-row')].map((r) => r.textContent ?? '');
        return texts.some((t) => t.includes('INC-2026-0042-final.md') && t.includes('0 errors')) && texts.some((t) => t.includes('INC-2026-0057-draft.md') && t.includes('5 errors'));
      }, null, { timeout: WAIT });
    } finally {
      rows = (await page.locator('.pane-body .monaco-list-row').allTextContents()).filter((t) => /errors?|not checked/.test(t));
    }
    assert(!rows.some((t) => t.includes('not checked')), rows.join(' | '));
    return rows.join(' | ');
  });
  await check('nothing but 127.0.0.1 was reached (offline): only the workbench\'s own gallery query was aborted', () => {
    // The workbench asks its extension gallery (open-vsx.org) by itself; that request is aborted
    // and is not the extension's. Anything else going out is.
    const others = offline.filter((u) => !/^https:\/\/open-vsx\.org\//.test(u));
    assert(others.length === 0, others.slice(0, 5).join('\n'));
    return `${offline.length} workbench request(s) aborted`;
  });
  clearTimeout(overall);
  await finish(checks.failed ? 1 : 0);
} catch (e) {
  checks.fail('the run completes');
  clearTimeout(overall);
  await finish(1, `FAILED: ${e?.stack ?? e}`);
}
