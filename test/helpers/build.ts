/**
 * Makes sure `dist/server.js` and `dist/cli.js` are built from the current
 * sources before a test spawns them. Test files run in parallel processes, so
 * the build is serialised with a lock folder and skipped when dist is fresh.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

export const REPO = path.resolve(__dirname, '..', '..');
export const SERVER_JS = path.join(REPO, 'dist', 'server.js');
export const CLI_JS = path.join(REPO, 'dist', 'cli.js');
export const TMP = path.join(REPO, 'test', '.tmp');

const LOCK = path.join(TMP, 'build.lock');
const STALE_LOCK_MS = 120_000;

function newestSourceMtime(): number {
  let newest = 0;
  const visit = (p: string) => {
    let st: fs.Stats;
    try {
      st = fs.statSync(p);
    } catch {
      return;
    }
    if (st.isDirectory()) {
      for (const e of fs.readdirSync(p)) visit(path.join(p, e));
    } else if (/\.(ts|json|mjs)$/.test(p)) {
      newest = Math.max(newest, st.mtimeMs);
    }
  };
  visit(path.join(REPO, 'server', 'src'));
  visit(path.join(REPO, 'package.json'));
  visit(path.join(REPO, 'esbuild.mjs'));
  return newest;
}

function builtMtime(): number {
  try {
    return Math.min(fs.statSync(SERVER_JS).mtimeMs, fs.statSync(CLI_JS).mtimeMs);
  } catch {
    return -1;
  }
}

function fresh(): boolean {
  return builtMtime() >= newestSourceMtime();
}

let done: Promise<void> | undefined;

/** Builds with `node esbuild.mjs` when dist is older than the sources. */
export function ensureBuilt(): Promise<void> {
  done ??= build();
  return done;
}

async function build(): Promise<void> {
  if (fresh()) return;
  fs.mkdirSync(TMP, { recursive: true });
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      fs.mkdirSync(LOCK);
      break;
    } catch {
      // Another test process builds; a lock left by a dead process is taken over.
      try {
        if (Date.now() - fs.statSync(LOCK).mtimeMs > STALE_LOCK_MS) fs.rmSync(LOCK, { recursive: true, force: true });
      } catch {
        /* gone meanwhile */
      }
      if (Date.now() > deadline) throw new Error(`ensureBuilt: gave up waiting for ${LOCK}`);
      await delay(100);
    }
  }
  try {
    if (fresh()) return;
    const started = Date.now();
    const r = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: REPO, encoding: 'utf8' });
    // esbuild.mjs also builds the client; a client being edited may fail while server and CLI built fine.
    if (r.status !== 0 && builtMtime() < started) {
      throw new Error(`node esbuild.mjs failed (exit ${r.status}):\n${r.stderr}${r.stdout}`);
    }
  } finally {
    fs.rmSync(LOCK, { recursive: true, force: true });
  }
}
