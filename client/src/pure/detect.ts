/**
 * Which documents are post-mortems, for the client's UI (code lens, status bar,
 * tree view, lazy start). Mirrors the server's rule (SPEC §2): the first heading is
 * `Incident Post-Mortem`, or the workspace-relative path matches `postmortem.files`.
 * The server stays the authority for diagnostics.
 */
import picomatch from 'picomatch';
import { firstHeading } from './markdown';

const TITLE_RE = /^incident post-?mortem$/i;

export function hasPostmortemTitle(text: string): boolean {
  const h = firstHeading(text);
  return h !== undefined && TITLE_RE.test(h.replace(/[*_`]/g, '').trim());
}

const matchers = new Map<string, (p: string) => boolean>();

/** True when `relPath` (workspace-relative, either slash) matches one of the globs. */
export function matchesFiles(relPath: string, globs: readonly string[]): boolean {
  if (globs.length === 0) return false;
  const key = globs.join('\u0000');
  let m = matchers.get(key);
  if (!m) {
    try {
      m = picomatch([...globs], { dot: true, nocase: true });
    } catch {
      m = () => false;
    }
    matchers.set(key, m);
  }
  return m(relPath.replace(/\\/g, '/').replace(/^\/+/, ''));
}

export function isPostmortemText(text: string, relPath: string | undefined, globs: readonly string[]): boolean {
  if (hasPostmortemTitle(text)) return true;
  return relPath !== undefined && matchesFiles(relPath, globs);
}
