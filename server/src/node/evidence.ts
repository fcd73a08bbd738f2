/**
 * Evidence files offered by path completion: files under `<root>/<evidenceRoot>/`,
 * workspace-relative with forward slashes, and the folders holding them
 * (ending in `/`). Bounded in count and cached briefly,
 * since completion asks on every keystroke.
 */
import * as path from 'node:path';
import { isDirectory, toPosix } from './fs';
import { walkFiles } from './walk';
import { withEvidenceFolders } from '../core';

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
  const files = withEvidenceFolders(found, toPosix(rel));
  cache.set(key, { at: now, files });
  return files;
}
