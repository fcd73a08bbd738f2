/**
 * Workspace root detection for files checked outside an editor (the CLI):
 * the nearest ancestor holding a `governance/` folder, else the git top-level,
 * else the current directory.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { isDirectory } from './fs';

const gitTopCache = new Map<string, string | undefined>();

/** Nearest ancestor of `dir` (itself included) that holds a `governance/` folder. */
export function findGovernanceRoot(dir: string): string | undefined {
  let cur = path.resolve(dir);
  for (;;) {
    if (isDirectory(path.join(cur, 'governance'))) return cur;
    const parent = path.dirname(cur);
    if (parent === cur) return undefined;
    cur = parent;
  }
}

/** `git rev-parse --show-toplevel` run in `dir`; undefined when git is missing or `dir` is not in a repository. */
export function gitTopLevel(dir: string): string | undefined {
  const key = path.resolve(dir);
  if (gitTopCache.has(key)) return gitTopCache.get(key);
  let top: string | undefined;
  try {
    const r = spawnSync('git', ['rev-parse', '--show-toplevel'], {
      cwd: key,
      encoding: 'utf8',
      timeout: 5000,
      stdio: ['ignore', 'pipe', 'ignore'],
      windowsHide: true,
    });
    const out = r.status === 0 && typeof r.stdout === 'string' ? r.stdout.trim() : '';
    top = out !== '' ? path.resolve(out) : undefined;
  } catch {
    top = undefined;
  }
  gitTopCache.set(key, top);
  return top;
}

/** The root evidence paths of `filePath` resolve against (see SPEC §2, `--root`). */
export function detectRoot(filePath: string, cwd: string = process.cwd()): string {
  const dir = path.dirname(path.resolve(cwd, filePath));
  return findGovernanceRoot(dir) ?? gitTopLevel(dir) ?? path.resolve(cwd);
}
