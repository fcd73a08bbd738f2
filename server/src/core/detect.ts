/**
 * Which documents are post-mortems (SPEC §2): the first heading is `Incident Post-Mortem`, or the
 * workspace-relative path matches a `postmortem.files` glob and the file is not a folder's
 * `README`/`index` (docs/detection.md). A cheap line scan, no Markdown parse,
 * shared by the server's core and the client's UI (code lens, status bar, tree view).
 * Imports nothing but picomatch.
 */
import picomatch from 'picomatch';

const TITLE_RE = /^incident post-?mortem$/i;

/** The first heading is looked for in this many characters at the start of a document. */
export const HEADING_SCAN_CHARS = 20_000;

/** The text of the document's first ATX or setext heading, outside code fences. */
export function firstHeading(text: string): string | undefined {
  // The lines of the first HEADING_SCAN_CHARS characters (as `split(/\r\n|\n|\r/)` cuts them),
  // read one at a time: the heading is nearly always on the first line, and the whole prefix
  // split into strings on every analysis cost more than the rest of this scan.
  const limit = Math.min(text.length, HEADING_SCAN_CHARS);
  let pos = 0;
  return headingOfLines(() => {
    if (pos < 0) return undefined;
    let k = pos;
    while (k < limit) {
      const c = text.charCodeAt(k);
      if (c === 0x0a || c === 0x0d) break;
      k++;
    }
    const line = text.slice(pos, k);
    if (k >= limit) pos = -1;
    else pos = k + (text.charCodeAt(k) === 0x0d && k + 1 < limit && text.charCodeAt(k + 1) === 0x0a ? 2 : 1);
    return line;
  });
}

/** The first ATX or setext heading's text among the lines `nextLine` gives (undefined: no more), outside code fences. */
export function headingOfLines(nextLine: () => string | undefined): string | undefined {
  let fence: string | undefined;
  for (let raw = nextLine(), next = nextLine(); raw !== undefined; raw = next, next = nextLine()) {
    const line = raw.replace(/^\uFEFF/, '');
    const f = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (fence) {
      if (f && f[1]![0] === fence[0] && f[1]!.length >= fence.length && line.trim() === f[1]) fence = undefined;
      continue;
    }
    if (f) {
      fence = f[1]!;
      continue;
    }
    const atx = /^ {0,3}#{1,6}(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/.exec(line);
    if (atx) return (atx[1] ?? '').trim();
    if (line.trim() !== '' && next !== undefined && /^ {0,3}(=+|-+)[ \t]*$/.test(next) && !/^ {0,3}([-*+]|\d+[.)])\s/.test(line)) {
      return line.trim();
    }
  }
  return undefined;
}

export function hasPostmortemTitle(text: string): boolean {
  const h = firstHeading(text);
  return h !== undefined && TITLE_RE.test(h.replace(/[*_`]/g, '').trim());
}

const matchers = new Map<string, (p: string) => boolean>();

/**
 * `README.md`, `index.md` (any case, any extension): the page that introduces a folder of
 * post-mortems, not one of them. The globs never match it; its first heading still can.
 */
export function isFolderIndex(relPath: string): boolean {
  const base = relPath.replace(/\\/g, '/').split('/').pop() ?? '';
  return /^(readme|index)(\.[^.]*)?$/i.test(base);
}

/**
 * True when `relPath` (workspace-relative, either slash) matches one of the globs and is not a
 * folder's README or index (`isFolderIndex`).
 */
export function matchesFiles(relPath: string, globs: readonly string[]): boolean {
  if (globs.length === 0 || isFolderIndex(relPath)) return false;
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

/** By first heading, or by a glob on the workspace-relative path. */
export function isPostmortemText(text: string, relPath: string | undefined, globs: readonly string[]): boolean {
  if (hasPostmortemTitle(text)) return true;
  return relPath !== undefined && matchesFiles(relPath, globs);
}

/** `filePath` relative to `root` with forward slashes; the whole path when it is not under root. */
export function relativePath(filePath: string | undefined, root: string | undefined): string | undefined {
  if (filePath === undefined) return undefined;
  const f = filePath.replace(/\\/g, '/');
  const r = root?.replace(/\\/g, '/').replace(/\/+$/, '');
  return r !== undefined && f.startsWith(`${r}/`) ? f.slice(r.length + 1) : f;
}
