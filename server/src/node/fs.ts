/**
 * Node implementations of what the core asks of the outside world. The core
 * itself never imports `node:fs`; the server and the CLI pass these in.
 */
import * as nodeFs from 'node:fs';
import type { FileSystem } from '../core';

/** The real file system, as the core's `FileSystem` (absolute paths only). */
export const nodeFileSystem: FileSystem = {
  exists(absPath: string): boolean {
    try {
      return nodeFs.existsSync(absPath);
    } catch {
      return false;
    }
  },
  realpath(absPath: string): string | undefined {
    try {
      return nodeFs.realpathSync.native(absPath);
    } catch {
      return undefined;
    }
  },
};

/** Reads a UTF-8 file; a leading BOM is dropped so offsets match what editors show. */
export function readTextFile(absPath: string): string {
  const text = nodeFs.readFileSync(absPath, 'utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export function isDirectory(absPath: string): boolean {
  try {
    return nodeFs.statSync(absPath).isDirectory();
  } catch {
    return false;
  }
}

export function isFile(absPath: string): boolean {
  try {
    return nodeFs.statSync(absPath).isFile();
  } catch {
    return false;
  }
}

/** Forward slashes, for workspace-relative paths shown to users and matched by globs. */
export function toPosix(p: string): string {
  return p.split('\\').join('/');
}
