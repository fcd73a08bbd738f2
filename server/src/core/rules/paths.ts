/**
 * Workspace-relative path arithmetic for evidence paths, without node:path so the
 * core stays platform-free. Paths use "/" (a "\" counts as one too).
 */
import type { FileSystem } from '../api';
import { decodePath } from './shared';

export type PathVerdict =
  | { kind: 'inside'; abs: string }
  | { kind: 'outside'; why: string }
  | { kind: 'skip' };

function normalizeSegments(segments: string[]): string[] | undefined {
  const out: string[] = [];
  for (const s of segments) {
    if (s === '' || s === '.') continue;
    if (s === '..') {
      if (out.length === 0) return undefined;
      out.pop();
    } else out.push(s);
  }
  return out;
}

function trimSlash(p: string): string {
  return p.replace(/\/+$/, '') || '/';
}

export function isInside(root: string, abs: string): boolean {
  const r = trimSlash(root);
  return abs === r || abs.startsWith(r === '/' ? '/' : r + '/');
}

/** Where a path written in a document points, relative to the workspace root. */
export function resolveEvidencePath(raw: string, root: string, fs?: FileSystem): PathVerdict {
  let p = decodePath(raw.trim()).replace(/\\/g, '/');
  p = p.replace(/[#?].*$/, '');
  if (p === '' || /[<>]/.test(p) || /_{3,}/.test(p)) return { kind: 'skip' };
  if (p.startsWith('~')) return { kind: 'outside', why: 'it starts in a home folder' };
  const rootN = trimSlash(root.replace(/\\/g, '/'));
  let abs: string;
  if (/^[A-Za-z]:\//.test(p) || p.startsWith('/')) {
    const segs = normalizeSegments(p.replace(/^[A-Za-z]:/, '').split('/'));
    abs = '/' + (segs ?? []).join('/');
    if (/^[A-Za-z]:\//.test(p) && !/^[A-Za-z]:\//.test(root)) return { kind: 'outside', why: 'it is an absolute path outside the workspace' };
    if (!segs || !isInside(rootN, abs)) return { kind: 'outside', why: 'it is an absolute path outside the workspace' };
  } else {
    const segs = normalizeSegments(p.split('/'));
    if (!segs) return { kind: 'outside', why: 'its ".." segments leave the workspace' };
    abs = (rootN === '/' ? '' : rootN) + '/' + segs.join('/');
  }
  if (fs) {
    const real = fs.realpath(abs);
    const realRoot = fs.realpath(rootN) ?? rootN;
    if (real && !isInside(realRoot, real)) return { kind: 'outside', why: 'it is a symbolic link that leads out of the workspace' };
  }
  return { kind: 'inside', abs };
}
