/**
 * GFM tables without micromark (issue 16, item 4): a row scanner that builds the mdast remark-gfm
 * gives for a chunk that is exactly one table of plain cells — positions (line, column, offset)
 * included. Anything it cannot prove to be that returns undefined, and the caller parses with
 * remark as before. test/unit/fast-table.test.ts checks it against remark on generated and real
 * tables (escaped pipes, code with pipes, alignment rows, ragged rows, CJK/emoji, trailing blanks,
 * CRLF/CR, inline markup in cells).
 *
 * Taken only when:
 *  - every line is a row that starts with `|` (so it is no other block: no heading, list item,
 *    quote, fence, HTML or thematic break), but the delimiter row, which may also start with `-`
 *    or `:`; the text is the header, the delimiter row, the body rows and at most one final
 *    line break — nothing after the table (no blank line, no lazy line);
 *  - the delimiter row is `:?-+:?` cells with as many cells as the header (else GFM sees no table);
 *  - no cell holds a backslash (an escaped pipe is no cell boundary) or NUL.
 * A plain cell (none of `` ` * _ [ ] < & ~ @ ``, no `http://`, `https://` or `www.`) is one text
 * node of the trimmed cell (or no node when empty). The other cells' contents are parsed by
 * micromark all at once, as single-line paragraphs separated by blank lines — the inline parse
 * of a paragraph line is a cell's. That parse must give exactly one paragraph per cell, spanning
 * its content; anything else (a content read as a heading, list, quote, HTML block, definition…)
 * declines the whole table.
 */
import type { Table, TableCell, TableRow, AlignType, RootContent, PhrasingContent } from 'mdast';
import { parseMarkdown } from './markdown';
import { forEachLine, isBlank } from './text';

/** A character that may start inline markup (or be changed by micromark) in a cell. */
const NOT_PLAIN = /[`*_[\]<&~@]|https?:\/\/|www\./i;
/** What declines the fast path: an escaped pipe splits no cell; micromark replaces NUL. */
const REFUSED = /[\\\u0000]/;
const DELIMITER_CELL = /^:?-+:?$/;

interface Point {
  line: number;
  column: number;
  offset: number;
}

/** A point at `offset` of the text, on the line starting at `lineStart`; `base`: where the text starts in its document. */
const point = (line: number, lineStart: number, offset: number, base: number): Point => ({ line, column: offset - lineStart + 1, offset: offset + base });


/**
 * The cells of the last `cellSpans` call: cell k runs from SPANS[2k] to SPANS[2k + 1]. Reused from
 * row to row (as is PIPES): arrays per row were a tenth of what opening a long table allocated.
 */
const SPANS: number[] = [];
const PIPES: number[] = [];

/**
 * The pipes of a row, the start of each cell and its end, as GFM cuts them: a cell runs from its
 * opening pipe (or the line's start) to just before the next pipe; the last cell takes a closing
 * pipe and the blanks after it with it (the row ends where its line does). Returns the number of
 * cells (in SPANS), 0 for a blank line.
 */
function cellSpans(text: string, start: number, end: number): number {
  let rowEnd = end;
  while (rowEnd > start && isBlank(text.charCodeAt(rowEnd - 1))) rowEnd--;
  if (rowEnd === start) return 0;
  let pipes = 0;
  for (let k = start; k < rowEnd; k++) if (text.charCodeAt(k) === 0x7c) PIPES[pipes++] = k;
  /** Entries written to SPANS (two per cell). */
  let k = 0;
  const leading = pipes > 0 && PIPES[0] === start;
  const trailing = pipes > 0 && PIPES[pipes - 1] === rowEnd - 1;
  if (leading && pipes === 1) {
    SPANS[0] = start;
    SPANS[1] = end;
    return 1;
  }
  let from = start;
  for (let p = leading ? 1 : 0; p < pipes; p++) {
    const at = PIPES[p]!;
    if (trailing && p === pipes - 1) {
      SPANS[k++] = from;
      SPANS[k++] = rowEnd;
      from = rowEnd;
      break;
    }
    SPANS[k++] = from;
    SPANS[k++] = at;
    from = at;
  }
  if (from < rowEnd) {
    SPANS[k++] = from;
    SPANS[k++] = rowEnd;
  }
  SPANS[k - 1] = end;
  return k / 2;
}

/** The trimmed content of a cell span (without its pipes): its start. */
function contentStart(text: string, s: number, e: number): number {
  if (text.charCodeAt(s) === 0x7c) s++;
  while (s < e && isBlank(text.charCodeAt(s))) s++;
  return s;
}

/** The trimmed content of a cell span (without its pipes): its end (`cs`: its start). */
function contentEnd(text: string, cs: number, e: number): number {
  while (e > cs && isBlank(text.charCodeAt(e - 1))) e--;
  if (e > cs && text.charCodeAt(e - 1) === 0x7c) e--;
  while (e > cs && isBlank(text.charCodeAt(e - 1))) e--;
  return e;
}

interface Line {
  start: number;
  end: number;
}

function lines(text: string): Line[] {
  const out: Line[] = [];
  forEachLine(text, (start, end) => out.push({ start, end }));
  return out;
}

/**
 * The mdast of `text` when it is exactly one GFM table of plain cells (see the module comment),
 * with positions as remark gives them for `text` on its own, their offsets moved by `base` (where
 * the text starts in its document: the tree is built in place, not walked again to move it);
 * undefined otherwise.
 */
export function fastTable(text: string, base = 0): RootContent[] | undefined {
  if (text.charCodeAt(0) !== 0x7c) return undefined;
  const ls = lines(text);
  if (ls.length < 2) return undefined;
  // Header.
  const rows: TableRow[] = [];
  const marked: Marked[] = [];
  const head = row(text, ls[0]!, 1, marked, base);
  // A header of empty cells only (`|`, `| |`) makes no table.
  if (!head || (marked.length === 0 && head.children.every((c) => c.children.length === 0))) return undefined;
  // Delimiter.
  const d = ls[1]!;
  const dc = text.charCodeAt(d.start);
  if (dc !== 0x7c && dc !== 0x2d && dc !== 0x3a) return undefined;
  // `- ` would start a list item.
  if (dc === 0x2d && isBlank(text.charCodeAt(d.start + 1))) return undefined;
  // Without a pipe, `-` under the header is a setext heading's underline.
  if (!text.slice(d.start, d.end).includes('|')) return undefined;
  const ds = cellSpans(text, d.start, d.end);
  if (ds === 0) return undefined;
  const align: AlignType[] = [];
  for (let i = 0; i < ds; i++) {
    const cs = contentStart(text, SPANS[2 * i]!, SPANS[2 * i + 1]!);
    const cell = text.slice(cs, contentEnd(text, cs, SPANS[2 * i + 1]!));
    if (!DELIMITER_CELL.test(cell)) return undefined;
    const left = cell.startsWith(':');
    const right = cell.length > 1 && cell.endsWith(':');
    align.push(left && right ? 'center' : left ? 'left' : right ? 'right' : null);
  }
  if (align.length !== head.children.length) return undefined;
  rows.push(head);
  for (let i = 2; i < ls.length; i++) {
    const l = ls[i]!;
    if (text.charCodeAt(l.start) !== 0x7c) return undefined;
    const r = row(text, l, i + 1, marked, base);
    if (!r) return undefined;
    rows.push(r);
  }
  // The table ends with its last row, or with the delimiter row when it has no body.
  const end = rows.length > 1 ? { ...rows[rows.length - 1]!.position!.end } : point(2, d.start, d.end, base);
  if (!inline(text, marked, base)) return undefined;
  const table: Table = { type: 'table', align, children: rows, position: { start: { line: 1, column: 1, offset: base }, end } };
  return [table];
}

/** A cell whose content has inline markup: parsed by micromark with the others (see `inline`). */
interface Marked {
  cell: TableCell;
  start: number;
  end: number;
  line: number;
  lineStart: number;
}

function row(text: string, l: Line, lineNo: number, marked: Marked[], base: number): TableRow | undefined {
  const n = cellSpans(text, l.start, l.end);
  if (n === 0) return undefined;
  const rowEnd = SPANS[2 * n - 1]!;
  // Arrays of their exact length: a cached table is most of a long document's tree, and an array
  // grown by push keeps room for 17 elements (a 5 MB timeline's cells: ~15 MB of it).
  const cells: TableCell[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const s = SPANS[2 * i]!;
    const e = SPANS[2 * i + 1]!;
    const cs = contentStart(text, s, e);
    const ce = contentEnd(text, cs, e);
    const value = text.slice(cs, ce);
    if (REFUSED.test(value)) return undefined;
    const plain = !NOT_PLAIN.test(value);
    const children: PhrasingContent[] =
      plain && cs < ce ? [{ type: 'text', value, position: { start: point(lineNo, l.start, cs, base), end: point(lineNo, l.start, ce, base) } }] : [];
    const cell: TableCell = { type: 'tableCell', children, position: { start: point(lineNo, l.start, s, base), end: point(lineNo, l.start, e, base) } };
    if (!plain) marked.push({ cell, start: cs, end: ce, line: lineNo, lineStart: l.start });
    cells[i] = cell;
  }
  return {
    type: 'tableRow',
    children: cells,
    position: { start: point(lineNo, l.start, l.start, base), end: point(lineNo, l.start, rowEnd, base) },
  };
}

type Positioned = { position?: { start: Point; end: Point }; children?: Positioned[] };

/**
 * Fills the marked cells with their inline content: one micromark parse of the contents as
 * paragraphs (blank lines between), each paragraph's children moved to its cell's line. False when
 * that parse is not exactly one paragraph per content, spanning it.
 */
function inline(text: string, marked: Marked[], base: number): boolean {
  if (marked.length === 0) return true;
  const starts: number[] = [];
  let joined = '';
  for (const m of marked) {
    if (joined) joined += '\n\n';
    starts.push(joined.length);
    joined += text.slice(m.start, m.end);
  }
  const blocks = parseMarkdown(joined).children;
  if (blocks.length !== marked.length) return false;
  for (let i = 0; i < marked.length; i++) {
    const b = blocks[i]!;
    const m = marked[i]!;
    if (b.type !== 'paragraph' || b.position!.start.offset !== starts[i] || b.position!.end.offset !== starts[i]! + m.end - m.start) return false;
    const delta = m.start - starts[i]!;
    const stack: Positioned[] = [...(b.children as Positioned[])];
    while (stack.length) {
      const n = stack.pop()!;
      if (n.position) {
        n.position.start = point(m.line, m.lineStart, n.position.start.offset + delta, base);
        n.position.end = point(m.line, m.lineStart, n.position.end.offset + delta, base);
      }
      if (n.children) stack.push(...n.children);
    }
    m.cell.children = b.children as PhrasingContent[];
  }
  return true;
}
