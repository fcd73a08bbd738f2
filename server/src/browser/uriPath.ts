/**
 * Paths of URIs on the web (host.ts): always posix, always absolute (`/owner/repo/file.md` of
 * `vscode-vfs://github/owner/repo/file.md`). The subset of `node:path` the handlers use, with the
 * same results for posix paths; `node:path` itself is not bundled for the browser.
 */
import type { PathOps } from '../host';

function normalize(p: string): string {
  const out: string[] = [];
  for (const s of p.split('/')) {
    if (s === '' || s === '.') continue;
    if (s === '..') out.pop();
    else out.push(s);
  }
  return '/' + out.join('/');
}

export const uriPath: PathOps = {
  resolve(...segments: string[]): string {
    let acc = '';
    for (const s of segments) {
      if (s === '') continue;
      acc = s.startsWith('/') ? s : `${acc}/${s}`;
    }
    return normalize(acc === '' ? '/' : acc);
  },
  dirname(p: string): string {
    const n = p.replace(/\/+$/, '');
    if (n === '' && p.startsWith('/')) return '/';
    const i = n.lastIndexOf('/');
    if (i < 0) return '.';
    return i === 0 ? '/' : n.slice(0, i);
  },
  relative(from: string, to: string): string {
    const a = normalize(from).split('/').filter(Boolean);
    const b = normalize(to).split('/').filter(Boolean);
    let i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    return [...a.slice(i).map(() => '..'), ...b.slice(i)].join('/');
  },
  isAbsolute: (p: string) => p.startsWith('/'),
  join(...segments: string[]): string {
    const joined = segments.filter((s) => s !== '').join('/');
    return joined === '' ? '.' : normalize(joined);
  },
};

/** A URI's scheme, authority and path (percent-decoded); undefined for one without an absolute path (`untitled:Untitled-1`). */
export function splitUri(uri: string): { scheme: string; authority: string; path: string } | undefined {
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):(?:\/\/([^/?#]*))?([^?#]*)/.exec(uri);
  if (!m || !m[3]!.startsWith('/')) return undefined;
  let path: string;
  try {
    path = decodeURIComponent(m[3]!);
  } catch {
    return undefined;
  }
  return { scheme: m[1]!.toLowerCase(), authority: m[2] ?? '', path };
}

/** The URI of `path` with a scheme and authority (each segment percent-encoded, as `vscode.Uri` reads it). */
export function joinUri(scheme: string, authority: string, path: string): string {
  return `${scheme}://${authority}${path.split('/').map(encodeURIComponent).join('/')}`;
}
