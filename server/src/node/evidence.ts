/**
 * Evidence files offered by path completion: files under `<root>/<evidenceRoot>/`,
 * workspace-relative with forward slashes, and the folders holding them
 * (ending in `/`). Bounded in count and cached briefly,
 * since completion asks on every keystroke.
 */
import * as path from 'node:path';
import { isDirectory, toPosix } from './fs';
import { walkFiles } from './walk';

export const MAX_EVIDENCE_FILES = 2000;
const TTL_MS = 2000;

const cache = new Map<string, { at: number; files: string[] }>();

export function listEvidenceFiles(root: string | undefined, evidenceRoot: string, now = Date.now()): string[] {
  if (root === undefined) return [];
  const base = path.resolve(root, evidenceRoot);
  const rel = path.relative(root, base);
  // The evidence folder must lie inside the workspace.
  if (rel.startsWith('..') || path.isAbsolute(rel)) return [];
  const key = base;
  const hit = cache.get(key);
  if (hit && now - hit.at < TTL_MS) return hit.files;
  const found = isDirectory(base)
    ? walkFiles(base, () => true, MAX_EVIDENCE_FILES).map((abs) => toPosix(path.relative(root, abs)))
    : [];
  // Folders (with a trailing slash) too: a drill evidence bundle is a folder.
  const folders = new Set<string>();
  const top = toPosix(rel);
  for (const f of found) {
    for (let i = f.lastIndexOf('/'); i > top.length; i = f.lastIndexOf('/', i - 1)) {
      const dir = f.slice(0, i + 1);
      if (folders.has(dir)) break;
      folders.add(dir);
    }
  }
  const files = [...[...folders].sort(), ...found];
  cache.set(key, { at: now, files });
  return files;
}
