#!/usr/bin/env node
// A stand-in "VS Code executable" for @vscode/test-electron's runTests({ vscodeExecutablePath })
// on machines that cannot download VS Code (see ../shared/spec/REAL-VSCODE.md and README.md here).
//
// It accepts the desktop arguments that runTests passes
//   --extensionDevelopmentPath=DIR (repeatable)  --extensionTestsPath=FILE|DIR
//   --user-data-dir=DIR  --extensions-dir=DIR  --disable-extensions  [FOLDER or FILE]
// (unknown flags are ignored), then
//   1. starts the VS Code server shipped inside code-server (server-main.js on Node 24) on a free
//      127.0.0.1 port, in its own process group, with TMPDIR/XDG_* inside the test profile,
//   2. waits until it answers HTTP,
//   3. opens headless Chromium (playwright-core, /usr/bin/chromium, fresh profile) at
//      /?folder=…&payload=… with the extension-test payload,
//   4. forwards window.codeAutomationLog lines to stdout and exits with the code given to
//      window.codeAutomationExit — or 1 on the overall timeout, printing why,
//   5. always kills the whole server process group and the browser.
//
// Environment:
//   VSCODE_TEST_CACHE          where scripts/setup-vscode.sh installed things (default <repo>/.vscode-test)
//   VSCODE_TEST_TIMEOUT_MS     overall timeout (default 300000)
//   VSCODE_TEST_EXTENSION_ENV  JSON object passed as the payload's extensionEnvironment (the extension
//                              host also inherits this process's environment, e.g. runTests' extensionTestsEnv)
//   VSCODE_TEST_VERBOSE=1      also echo server output and browser console messages
//   CHROMIUM                   browser executable (default /usr/bin/chromium)
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { format } from 'node:util';
import {
  assertInstalled, cache, closeContext, freePort, killGroup, launchChromium, makeProfile, node24, repoRoot, serverMain,
  stopGroup, tail, waitForHttp,
} from './lib.mjs';

const timeoutMs = Number(process.env.VSCODE_TEST_TIMEOUT_MS || 300_000);
const verbose = process.env.VSCODE_TEST_VERBOSE === '1';
const started = Date.now();

// Workbench log lines that say nothing about the tests (an offline, signed-out web workbench).
const NOISE = new RegExp([
  String.raw`^\[(AgentHost|AgentHost:remote|ChatModelSelection|AccountPolicyGate|reconnection-grace-time|Service Worker)\]`,
  '^Resolv(ing|ed) connection token', '^Creating a socket', '^Updating additional builtin extensions cache',
  'ENOTFOUND', "authentication provider 'github'", 'Authentication provider is not ready',
  '^Canceled: Canceled', // extension hosts being stopped after the tests
].join('|'));

const log = (...a) => console.log('[launcher]', ...a);
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)}s`;

// ---------------------------------------------------------------------------------------------
// Arguments
// ---------------------------------------------------------------------------------------------
function parseArgs(argv) {
  const out = { devPaths: [], testsPath: undefined, userDataDir: undefined, extensionsDir: undefined, target: undefined, disableExtensions: false };
  const valued = new Set(['extensionDevelopmentPath', 'extensionTestsPath', 'user-data-dir', 'extensions-dir']);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--version' || arg === '-v') {
      out.version = true;
      continue;
    }
    if (!arg.startsWith('-')) {
      out.target = path.resolve(arg);
      continue;
    }
    const m = /^--?([^=]+)(?:=(.*))?$/s.exec(arg);
    if (!m) continue;
    let [, key, value] = m;
    if (value === undefined && valued.has(key) && i + 1 < argv.length) value = argv[++i];
    switch (key) {
      case 'extensionDevelopmentPath': out.devPaths.push(path.resolve(value)); break;
      case 'extensionTestsPath': out.testsPath = path.resolve(value); break;
      case 'user-data-dir': out.userDataDir = path.resolve(value); break;
      case 'extensions-dir': out.extensionsDir = path.resolve(value); break;
      case 'disable-extensions': out.disableExtensions = true; break;
      default: if (verbose) log(`ignoring ${arg}`);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------------
const args = parseArgs(process.argv.slice(2));

try {
  assertInstalled();
} catch (err) {
  console.error(`[launcher] ${err.message}`);
  process.exit(1);
}
if (args.version) {
  const pkg = JSON.parse(fs.readFileSync(path.join(path.dirname(serverMain), '../package.json'), 'utf8'));
  console.log(`${pkg.version}\n(code-server web workbench via test/vscode/launcher.mjs)\nx64`);
  process.exit(0);
}

// Profile layout: everything the server and the browser write stays under one fresh folder.
const baseDir = args.userDataDir || path.join(cache, 'user-data');
const profile = path.join(baseDir, 'launcher-profile');
const { dirs: profileDirs, env: sandboxEnv } = makeProfile(profile);
const dirs = {
  ...profileDirs,
  server: path.join(profile, 'server'),
  user: path.join(profile, 'server/user'),
  ext: args.extensionsDir || path.join(profile, 'server/ext'),
};
for (const d of [dirs.server, dirs.user, dirs.ext]) fs.mkdirSync(d, { recursive: true });
const serverLog = path.join(profile, 'server.log');

let server;
let browserContext;
let finishing = false;

async function finish(code, why, { testsReported = false } = {}) {
  if (finishing) return;
  finishing = true;
  if (why) console.log(`[launcher] ${why}`);
  // The server log's end, read before shutting down adds its own noise to it.
  const serverTail = code !== 0 && !testsReported ? tail(serverLog, 30) : '';
  killGroup(server, 'SIGTERM');
  await closeContext(browserContext);
  await stopGroup(server);
  if (serverTail.trim()) console.log(`[launcher] last lines of ${serverLog}:\n${serverTail}`);
  log(`exit ${code} after ${elapsed()}`);
  process.exit(code);
}

process.on('exit', () => killGroup(server, 'SIGKILL')); // last resort, synchronous
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => void finish(130, `received ${sig}, stopping`));
}
const overall = setTimeout(
  () => void finish(1, `TIMEOUT: no codeAutomationExit within ${timeoutMs / 1000}s ` +
    `(tests hung, the extension host did not start, or the workbench never loaded the payload)`),
  timeoutMs,
);

try {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const out = fs.openSync(serverLog, 'a');
  const serverArgs = [
    serverMain,
    '--host', '127.0.0.1',
    '--port', String(port),
    '--without-connection-token',
    '--accept-server-license-terms',
    '--enable-smoke-test-driver',
    '--telemetry-level', 'off',
    '--disable-workspace-trust',
    '--server-data-dir', dirs.server,
    '--user-data-dir', dirs.user,
    '--extensions-dir', dirs.ext,
  ];
  log(`starting VS Code server on ${base} (profile ${profile})`);
  server = spawn(node24, serverArgs, {
    cwd: repoRoot,
    detached: true, // own process group: extension hosts and helpers die with it
    stdio: ['ignore', verbose ? 'pipe' : out, verbose ? 'pipe' : out],
    env: { ...process.env, ...sandboxEnv },
  });
  if (verbose) {
    for (const s of [server.stdout, server.stderr]) {
      s.on('data', (d) => {
        fs.writeSync(out, d);
        process.stderr.write(String(d).replace(/^/gm, '[server] '));
      });
    }
  }
  await waitForHttp(`${base}/version`, server, 60_000);
  log(`server ready after ${elapsed()}`);

  // Payload, as in REAL-VSCODE.md: paths are vscode-remote URIs on this server.
  const remote = (p) => `vscode-remote://127.0.0.1:${port}${pathToFileURL(p).pathname}`;
  const payload = [];
  for (const p of args.devPaths) payload.push(['extensionDevelopmentPath', remote(p)]);
  if (args.testsPath) payload.push(['extensionTestsPath', remote(args.testsPath)]);
  const extEnv = process.env.VSCODE_TEST_EXTENSION_ENV;
  if (extEnv) {
    JSON.parse(extEnv); // fail fast on malformed JSON
    payload.push(['extensionEnvironment', extEnv]);
  }
  if (args.disableExtensions) payload.push(['disableExtensions', 'true']);
  payload.push(['skipWelcome', 'true'], ['skipReleaseNotes', 'true']);

  let folder = args.target;
  if (folder && fs.existsSync(folder) && fs.statSync(folder).isFile()) {
    payload.push(['openFile', remote(folder)]);
    folder = path.dirname(folder);
  }
  const query = new URLSearchParams();
  if (folder) query.set('folder', folder);
  query.set('payload', JSON.stringify(payload));
  const url = `${base}/?${query}`;
  if (verbose) log(`opening ${url}`);

  browserContext = await launchChromium(dirs, sandboxEnv);

  let resolveExit;
  const exitCode = new Promise((resolve) => (resolveExit = resolve));
  await browserContext.exposeFunction('codeAutomationExit', (code, logs) => {
    // The workbench hands over its log files; keep them next to the server log.
    if (Array.isArray(logs)) {
      for (const l of logs) {
        if (!l?.relativePath || typeof l.contents !== 'string') continue;
        const target = path.join(profile, 'logs', path.normalize(l.relativePath).replace(/^(\.\.[/\\])+/, ''));
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.writeFileSync(target, l.contents);
      }
    }
    resolveExit(typeof code === 'number' ? code : 1);
  });
  // Log lines of the workbench, the extension host's console (mocha's reporter) included. All go
  // to workbench.log in the profile; stdout gets them minus the offline workbench's known chatter.
  const workbenchLog = fs.openSync(path.join(profile, 'workbench.log'), 'a');
  await browserContext.exposeFunction('codeAutomationLog', (type, logArgs) => {
    const line = Array.isArray(logArgs) ? format(...logArgs) : String(logArgs);
    fs.writeSync(workbenchLog, `${elapsed()} [${type}] ${line}\n`);
    if (finishing || (!verbose && NOISE.test(line))) return; // shutdown chatter stays in the file
    (type === 'error' ? process.stderr : process.stdout).write(line.endsWith('\n') ? line : `${line}\n`);
  });

  const page = browserContext.pages()[0] ?? (await browserContext.newPage());
  page.on('pageerror', (e) => console.error(`[browser] page error: ${e.message}`));
  page.on('crash', () => void finish(1, 'browser page crashed'));
  if (verbose) page.on('console', (m) => console.error(`[browser:${m.type()}] ${m.text()}`));
  server.once('exit', (code, signal) => void finish(1, `VS Code server exited unexpectedly (code ${code}, signal ${signal})`));

  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
  log(`workbench opened after ${elapsed()}${folder ? ` (folder ${folder})` : ''}; waiting for the tests`);
  const code = await exitCode;
  clearTimeout(overall);
  await finish(code, code === 0 ? undefined : `tests reported exit code ${code} (logs: ${profile})`, { testsReported: true });
} catch (err) {
  await finish(1, `FAILED: ${err?.stack || err}`);
}
