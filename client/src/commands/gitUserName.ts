/** `git config user.name` for New Post-Mortem on desktop (a process: not on the web). */
import { execFile } from 'node:child_process';

const GIT_TIMEOUT_MS = 3000;

/** `git config user.name` in `cwd`; undefined when git is missing, slow or has no name. */
export function gitUserName(cwd: string | undefined): Promise<string | undefined> {
  return new Promise((resolve) => {
    try {
      execFile('git', ['config', 'user.name'], { cwd, timeout: GIT_TIMEOUT_MS, windowsHide: true }, (err, stdout) => {
        const name = err ? '' : String(stdout).trim();
        resolve(name === '' ? undefined : name);
      });
    } catch {
      resolve(undefined);
    }
  });
}
