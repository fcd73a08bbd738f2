/**
 * The one place where offsets become line/column positions. Lines and columns
 * are 0-based here (LSP); columns are UTF-16 code units, as JavaScript strings are.
 * A line ends at "\n", "\r\n" or a lone "\r", as LSP says.
 */
export interface Position {
  line: number;
  character: number;
}

export class LineIndex {
  private lineStarts: number[] | undefined;

  constructor(readonly text: string) {}

  /**
   * Offset where each line starts. Computed on first use: every analysis has a LineIndex, but
   * only findings and requests read it (an edit without findings never does).
   */
  get starts(): number[] {
    return (this.lineStarts ??= lineStartsOf(this.text));
  }

  get lineCount(): number {
    return this.starts.length;
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - starts[lo]! };
  }

  offsetAt(pos: Position): number {
    if (pos.line < 0) return 0;
    if (pos.line >= this.starts.length) return this.text.length;
    const start = this.starts[pos.line]!;
    const end = this.lineEnd(pos.line);
    return Math.max(start, Math.min(start + Math.max(0, pos.character), end));
  }

  /** Offset of the end of a line's content (before its line break). */
  lineEnd(line: number): number {
    const next = line + 1 < this.starts.length ? this.starts[line + 1]! : this.text.length;
    let e = next;
    if (e > this.starts[line]! && this.text.charCodeAt(e - 1) === 10) e--;
    if (e > this.starts[line]! && this.text.charCodeAt(e - 1) === 13) e--;
    return e;
  }
}

/** The document's dominant line ending, for text an edit inserts. */
export function detectEol(text: string): '\n' | '\r\n' | '\r' {
  if (!text.includes('\r')) return '\n';
  // Counted with indexOf: a match array per line break is costly in a long document.
  const count = (s: string) => {
    let n = 0;
    for (let i = text.indexOf(s); i >= 0; i = text.indexOf(s, i + s.length)) n++;
    return n;
  };
  const crlf = count('\r\n');
  const lf = count('\n') - crlf;
  const cr = count('\r') - crlf;
  if (cr > lf && cr > crlf) return '\r';
  return crlf > lf ? '\r\n' : '\n';
}

/** Applies non-overlapping edits (any order). Overlapping edits are a programming error. */
export function applyEdits(text: string, edits: readonly { start: number; end: number; newText: string }[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let pos = 0;
  for (const e of sorted) {
    if (e.start < pos) throw new Error('overlapping edits');
    out += text.slice(pos, e.start) + e.newText;
    pos = e.end;
  }
  return out + text.slice(pos);
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  forEachLine(text, (_start, end, next) => {
    if (next > end) starts.push(next); // not after a last line without a break
  });
  return starts;
}

/**
 * Calls `line` for each line of `text` (breaks: \n, \r\n, \r): its start, where its break is (or
 * the text's end) and the offset after the break. A last line without a break is visited when it
 * is not empty; an empty text has no line.
 */
export function forEachLine(text: string, line: (start: number, end: number, next: number) => void): void {
  const n = text.length;
  let start = 0;
  if (!text.includes('\r')) {
    // The common case, \n only: indexOf is much faster than a loop over every character.
    for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', start)) {
      line(start, at, at + 1);
      start = at + 1;
    }
  } else {
    for (let k = 0; k < n; k++) {
      const c = text.charCodeAt(k);
      if (c !== 0x0a && c !== 0x0d) continue;
      const next = c === 0x0d && text.charCodeAt(k + 1) === 0x0a ? k + 2 : k + 1;
      line(start, k, next);
      start = next;
      k = next - 1;
    }
  }
  if (start < n) line(start, n, n);
}

/** A blank within a line: space or tab. */
export const isBlank = (c: number): boolean => c === 0x20 || c === 0x09;
/** A blank or a line break character. */
export const isSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a;

/**
 * A string equal to `s` that references no other string. A slice of a document may be kept by
 * V8 as a view of the whole text: a value that outlives its version (a cached chunk's nodes, a
 * memoized row) would keep every such version of a long document alive.
 */
export function ownCopy(s: string): string {
  return (s + ' ').slice(0, -1);
}
