/**
 * A small synchronous walker with a limit (the server lists evidence files with it).
 * Skips `node_modules` and dot-folders; never follows symlinked folders (no loops).
 */
import * as nodeFs from 'node:fs';
import * as path from 'node:path';
import { isFile } from './fs';

const MAX_DEPTH = 64;

function skipDir(name: string): boolean {
  return name === 'node_modules' || name.startsWith('.');
}

/** Every file under `dir` (sorted, depth-first) whose path relative to `dir` passes `accept`. */
export function walkFiles(dir: string, accept: (rel: string) => boolean, limit = Infinity): string[] {
  const out: string[] = [];
  const visit = (abs: string, rel: string, depth: number) => {
    if (depth > MAX_DEPTH || out.length >= limit) return;
    let entries: nodeFs.Dirent[];
    try {
      entries = nodeFs.readdirSync(abs, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (out.length >= limit) return;
      const childAbs = path.join(abs, e.name);
      const childRel = rel === '' ? e.name : `${rel}/${e.name}`;
      if (e.isDirectory()) {
        if (!skipDir(e.name)) visit(childAbs, childRel, depth + 1);
      } else if (e.isFile() || (e.isSymbolicLink() && isFile(childAbs))) {
        if (accept(childRel)) out.push(childAbs);
      }
    }
  };
  visit(dir, '', 0);
  return out;
}
