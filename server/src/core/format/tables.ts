/**
 * GFM pipe tables, found by a line scan (no parser): what the formatter and
 * the timeline sorter work on. Pure; offsets are UTF-16 code units.
 *
 * The scan follows micromark-extension-gfm-table (what remark-gfm, and so the
 * language server, sees), block by block:
 * - a table is a header row followed by a delimiter row with the same number
 *   of cells, then body rows until a blank line or a line that starts another
 *   block (ATX heading, fence, thematic break, HTML block, block quote, list
 *   item, footnote definition, or 4+ columns of indentation). A body row needs
 *   no pipe at all: `plain text` right under a table is a one-cell row;
 * - nothing inside fenced code (``` / ~~~, closed by a fence of the same
 *   character at least as long), indented code or HTML blocks is a table;
 * - a header row may interrupt a paragraph;
 * - tables inside block quotes, list items and footnote definitions (container
 *   blocks) are NOT returned: the scan skips containers as a whole, so the
 *   formatter never touches them;
 * - where a line scan cannot tell how Markdown reads a line (see "The scan"),
 *   a table is reported only if every reading sees it: the error, if any, is to
 *   leave a table alone, never to format text that is not a table. A property
 *   test checks every table found against remark-gfm.
 *
 * Cell splitting follows GFM too, and that is a deliberate decision: a `|`
 * splits a cell unless it is backslash-escaped (`\|`, where `\\|` is an escaped
 * backslash followed by a real divider) — EVEN INSIDE A BACKTICK CODE SPAN
 * (`` `a|b` `` is two cells, "`a" and "b`", for GitHub and remark alike). The
 * formatter formats what the parser sees, so every cell's trimmed source text
 * (escaped pipes and code spans included) survives byte for byte, and a cell
 * never gets merged with or split from its neighbour by formatting.
 */
import { LineIndex } from '../text';

export type Align = 'none' | 'left' | 'center' | 'right';

export interface TableCell {
  /** Source text of the cell without its surrounding spaces/tabs (GFM trims only those). */
  text: string;
  /** Offsets of `text` in the document (start === end for an empty cell). */
  start: number;
  end: number;
}

export interface TableRow {
  /** 0-based line number. */
  line: number;
  /** Offset of the start of the line (after a BOM on line 0). */
  start: number;
  /** Offset of the end of the line's content, before its line break. */
  end: number;
  /** Leading spaces (at most 3 columns). */
  indent: string;
  cells: TableCell[];
}

export interface AtxHeading {
  level: number;
  /** Heading content: no `#` marks, no closing sequence, trimmed. */
  text: string;
  /** The line without its indentation, e.g. `## 2. Timeline`. */
  raw: string;
  line: number;
  start: number;
  end: number;
}

export interface TableBlock {
  startLine: number;
  /** Inclusive. */
  endLine: number;
  /** Start of the header line; end of the last row's content (before its line break). */
  start: number;
  end: number;
  header: TableRow;
  /** The delimiter row; its cells' text is `---`, `:--:`, … */
  delimiter: TableRow;
  body: TableRow[];
  /** One per header cell. */
  align: Align[];
  /** Nearest ATX heading above the table (any level). */
  heading: AtxHeading | undefined;
  /** Nearest ATX heading of level 1 or 2 above the table: the section the table is in. */
  section: AtxHeading | undefined;
}

// ---------------------------------------------------------------------------
// Line classification (the line is its content, without the line break).

interface Indent {
  /** Columns, tabs advancing to the next multiple of 4. */
  cols: number;
  /** Characters of leading whitespace. */
  len: number;
}

function indentOf(line: string): Indent {
  let cols = 0;
  let len = 0;
  while (len < line.length) {
    const c = line.charCodeAt(len);
    if (c === 32) cols++;
    else if (c === 9) cols += 4 - (cols % 4);
    else break;
    len++;
  }
  return { cols, len };
}

const BLANK = /^[ \t]*$/;
const THEMATIC = /^(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$/;
const SETEXT = /^(?:=+|-+)[ \t]*$/;
const ATX = /^#{1,6}(?:[ \t]|$)/;
const FENCE_OPEN = /^(?:(`{3,})([^`]*)|(~{3,}).*)$/;
const LIST_ITEM = /^(?:[-+*]|(\d{1,9})[.)])(?:([ \t])|$)/;
const FOOTNOTE_DEF = /^\[\^[^\]\s][^\]]*\]:/;
const HTML_RAW = /^<(?:pre|script|style|textarea)(?:[ \t>]|$)/i;
const HTML_BLOCK_NAMES =
  'address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl|dt|' +
  'fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|header|hr|html|iframe|legend|li|link|main|menu|' +
  'menuitem|nav|noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul';
const HTML_BLOCK = new RegExp(`^</?(?:${HTML_BLOCK_NAMES})(?:[ \\t>]|/>|$)`, 'i');
const HTML_COMPLETE_TAG =
  /^(?:<[A-Za-z][A-Za-z0-9-]*(?:[ \t]+[A-Za-z_:][A-Za-z0-9_.:-]*(?:[ \t]*=[ \t]*(?:[^ \t"'=<>`]+|'[^']*'|"[^"]*"))?)*[ \t]*\/?>|<\/[A-Za-z][A-Za-z0-9-]*[ \t]*>)[ \t]*$/;

interface HtmlStart {
  /** Types 1–5 end on a line holding this text (searched after the opener); 6 and 7 at a blank line. */
  end: string | undefined;
  endRe: RegExp | undefined;
  from: number;
  type: number;
}

/** `rest` is the line without its indentation. */
function htmlStart(rest: string): HtmlStart | undefined {
  if (rest.charCodeAt(0) !== 60 /* < */) return undefined;
  if (HTML_RAW.test(rest)) return { type: 1, end: undefined, endRe: /<\/(?:pre|script|style|textarea)>/i, from: 1 };
  if (rest.startsWith('<!--')) return { type: 2, end: '-->', endRe: undefined, from: 2 };
  if (rest.startsWith('<?')) return { type: 3, end: '?>', endRe: undefined, from: 2 };
  if (/^<![A-Za-z]/.test(rest)) return { type: 4, end: '>', endRe: undefined, from: 2 };
  if (rest.startsWith('<![CDATA[')) return { type: 5, end: ']]>', endRe: undefined, from: 9 };
  if (HTML_BLOCK.test(rest)) return { type: 6, end: undefined, endRe: undefined, from: 0 };
  if (HTML_COMPLETE_TAG.test(rest)) return { type: 7, end: undefined, endRe: undefined, from: 0 };
  return undefined;
}

function htmlEndsOn(h: HtmlStart, text: string): boolean {
  if (h.end !== undefined) return text.includes(h.end);
  if (h.endRe !== undefined) return h.endRe.test(text);
  return false;
}

interface ListItemStart {
  /** Columns of indentation that continue the item (CommonMark's content column). */
  width: number;
  /** The item's first line holds nothing after the marker. */
  empty: boolean;
  canInterruptParagraph: boolean;
}

function listItemStart(rest: string, indentCols: number): ListItemStart | undefined {
  if (THEMATIC.test(rest)) return undefined;
  const m = LIST_ITEM.exec(rest);
  if (!m) return undefined;
  const ordered = m[1] !== undefined;
  const markerLen = ordered ? m[1]!.length + 1 : 1;
  const c0 = indentCols + markerLen;
  let col = c0;
  let k = markerLen;
  for (; k < rest.length; k++) {
    const c = rest.charCodeAt(k);
    if (c === 32) col++;
    else if (c === 9) col += 4 - (col % 4);
    else break;
  }
  const empty = k === rest.length;
  return {
    width: empty || col - c0 > 4 ? c0 + 1 : col,
    empty,
    canInterruptParagraph: !empty && (!ordered || Number(m[1]) === 1),
  };
}

function fenceOpen(rest: string): { char: string; len: number } | undefined {
  const m = FENCE_OPEN.exec(rest);
  if (!m) return undefined;
  const run = m[1] ?? m[3]!;
  return { char: run[0]!, len: run.length };
}

function closesFence(line: string, fence: { char: string; len: number }): boolean {
  const ind = indentOf(line);
  if (ind.cols > 3) return false;
  const rest = line.slice(ind.len);
  let n = 0;
  while (n < rest.length && rest[n] === fence.char) n++;
  return n >= fence.len && BLANK.test(rest.slice(n));
}

/** Would this line start a block that may interrupt a paragraph (so it cannot be a lazy continuation line)? */
function interruptsParagraph(line: string): boolean {
  const ind = indentOf(line);
  if (BLANK.test(line)) return true;
  if (ind.cols > 3) return false;
  const rest = line.slice(ind.len);
  if (THEMATIC.test(rest) || ATX.test(rest) || fenceOpen(rest) || rest.startsWith('>')) return true;
  const li = listItemStart(rest, ind.cols);
  if (li?.canInterruptParagraph) return true;
  const h = htmlStart(rest);
  return h !== undefined && h.type !== 7;
}

/** Can this line be a body row of a table above it? */
function isBodyRow(line: string): boolean {
  if (BLANK.test(line)) return false;
  const ind = indentOf(line);
  if (ind.cols > 3) return false;
  const rest = line.slice(ind.len);
  return !(
    THEMATIC.test(rest) ||
    rest.startsWith('>') ||
    listItemStart(rest, ind.cols) !== undefined ||
    FOOTNOTE_DEF.test(rest) ||
    ATX.test(rest) ||
    fenceOpen(rest) !== undefined ||
    htmlStart(rest) !== undefined
  );
}

function isContainerStart(rest: string, indentCols: number): boolean {
  return rest.startsWith('>') || listItemStart(rest, indentCols) !== undefined || FOOTNOTE_DEF.test(rest);
}

// ---------------------------------------------------------------------------
// Rows.

function isSpaceOrTab(c: number): boolean {
  return c === 32 || c === 9;
}

/**
 * Splits one row's content (the line without its indentation, starting at
 * offset `base`) into cells, as micromark-extension-gfm-table does: a leading
 * and a trailing pipe are optional; a row without any cell has one empty cell;
 * `\|` is an escaped pipe (no split), also inside code spans (see the file comment).
 */
export function splitRow(content: string, base = 0): TableCell[] {
  const segs: [number, number][] = [];
  let segStart = 0;
  for (let k = 0; k < content.length; k++) {
    const c = content.charCodeAt(k);
    if (c === 92 /* \ */) {
      const nx = content.charCodeAt(k + 1);
      if (nx === 92 || nx === 124) k++;
    } else if (c === 124 /* | */) {
      segs.push([segStart, k]);
      segStart = k + 1;
    }
  }
  segs.push([segStart, content.length]);
  const blank = (s: [number, number]) => BLANK.test(content.slice(s[0], s[1]));
  if (segs.length > 1 && blank(segs[0]!)) segs.shift(); // leading pipe
  if (segs.length > 1 && blank(segs[segs.length - 1]!)) segs.pop(); // trailing pipe
  return segs.map(([s, e]) => {
    let a = s;
    let b = e;
    while (a < b && isSpaceOrTab(content.charCodeAt(a))) a++;
    while (b > a && isSpaceOrTab(content.charCodeAt(b - 1))) b--;
    if (a === b) return { text: '', start: base + s, end: base + s };
    return { text: content.slice(a, b), start: base + a, end: base + b };
  });
}

/** Alignments of a delimiter row (without indentation), or undefined if it is not one. */
export function parseDelimiterRow(content: string): Align[] | undefined {
  let s = content.replace(/[ \t]+$/, '');
  let sawPipe = false;
  if (s.startsWith('|')) {
    s = s.slice(1);
    sawPipe = true;
  }
  if (s.endsWith('|')) {
    s = s.slice(0, -1);
    sawPipe = true;
  }
  const parts = s.split('|');
  if (parts.length > 1) sawPipe = true;
  const align: Align[] = [];
  let sawColon = false;
  for (const p of parts) {
    const t = p.replace(/^[ \t]+|[ \t]+$/g, '');
    if (!/^:?-+:?$/.test(t)) return undefined;
    const l = t.startsWith(':');
    const r = t.endsWith(':');
    if (l || r) sawColon = true;
    align.push(l && r ? 'center' : l ? 'left' : r ? 'right' : 'none');
  }
  return sawPipe || sawColon ? align : undefined;
}

function atxHeading(rest: string, line: number, start: number, end: number): AtxHeading {
  const level = /^#+/.exec(rest)![0].length;
  let body = rest.slice(level);
  body = body.replace(/[ \t]+$/, '');
  // Closing sequence: a run of # preceded by a space/tab (or the whole content).
  body = /^[ \t]*#+$/.test(body) ? '' : body.replace(/[ \t]+#+$/, '');
  return { level, text: body.replace(/^[ \t]+|[ \t]+$/g, ''), raw: rest.replace(/[ \t]+$/, ''), line, start, end };
}

// ---------------------------------------------------------------------------
// The scan.
//
// Where a line scan cannot know how Markdown reads a line — a line after a
// block quote or list item that may be its lazy continuation, a line that may
// be a link reference definition — the scan follows every reading at once (a
// small set of parser states, merged when equal) and reports a table only
// where every reading sees that same table. So the formatter may miss a table
// in odd Markdown, but does not format text that is not one.

type Mode =
  | { kind: 'none' }
  | { kind: 'fence'; char: string; len: number }
  | { kind: 'html'; h: HtmlStart }
  | { kind: 'table'; start: number; last: number }
  | ({ kind: 'container' } & Container);

interface Container {
  /** A block quote (continues on `>` lines), else a list item or footnote definition (continues on indented lines). */
  quote: boolean;
  /** Columns of indentation that continue a list item or footnote definition. */
  width: number;
  /** The last line had content: a following line may be a lazy continuation. */
  lazy: boolean;
  /** A list item whose first line is empty, on its first line: a blank line next ends it. */
  emptyStart: boolean;
}

interface ScanState {
  mode: Mode;
  /** The previous line is paragraph text. */
  paragraph: boolean;
  /** The previous non-blank line is indented code (see `top`). */
  afterCode: boolean;
  heading: AtxHeading | undefined;
  section: AtxHeading | undefined;
}

const LINK_DEFINITION = /^\[(?:[^\]\\]|\\.)+\]:/;

/** Every top-level GFM pipe table of the document, in order. Never throws. */
export function findTables(text: string): TableBlock[] {
  const idx = new LineIndex(text);
  const n = idx.lineCount;
  const startOf = (i: number) => (i === 0 && text.charCodeAt(0) === 0xfeff ? 1 : idx.starts[i]!);
  const lines: string[] = [];
  for (let i = 0; i < n; i++) lines.push(text.slice(startOf(i), idx.lineEnd(i)));
  const row = (i: number): TableRow => {
    const line = lines[i]!;
    const ind = indentOf(line);
    const start = startOf(i);
    return {
      line: i,
      start,
      end: idx.lineEnd(i),
      indent: line.slice(0, ind.len),
      cells: splitRow(line.slice(ind.len), start + ind.len),
    };
  };

  /** The alignments if line i (a header row candidate) and line i+1 (a delimiter row) start a table. */
  const tableAt = (i: number): Align[] | undefined => {
    if (i + 1 >= n) return undefined;
    const line = lines[i]!;
    const ind = indentOf(line);
    const rest = line.slice(ind.len);
    if (ind.cols > 3 || /^\|[ \t]*$/.test(rest)) return undefined; // a lone pipe is no header
    const next = lines[i + 1]!;
    const nind = indentOf(next);
    const nrest = next.slice(nind.len);
    if (nind.cols > 3 || isContainerStart(nrest, nind.cols)) return undefined;
    const align = parseDelimiterRow(nrest);
    return align && splitRow(rest).length === align.length ? align : undefined;
  };
  /** Last line of the table starting at line i. */
  const tableEnd = (i: number): number => {
    let j = i + 2;
    while (j < n && isBodyRow(lines[j]!)) j++;
    return j - 1;
  };

  /** A line read at the top level (outside any container). */
  const top = (s: ScanState, i: number): ScanState[] => {
    const line = lines[i]!;
    const set = (patch: Partial<ScanState>): ScanState[] => [{ ...s, afterCode: false, ...patch }];
    if (BLANK.test(line)) return [{ ...s, paragraph: false }];
    const ind = indentOf(line);
    // Paragraph continuation or indented code: never a table line.
    if (ind.cols >= 4) return [{ ...s, afterCode: s.afterCode || !s.paragraph }];
    const rest = line.slice(ind.len);
    // micromark: right after indented code (blank lines aside), a list item
    // starts only where it could interrupt a paragraph.
    const strict = s.paragraph || s.afterCode;

    if (s.paragraph && SETEXT.test(rest)) return set({ paragraph: false });
    if (THEMATIC.test(rest)) return set({ paragraph: false });
    if (rest.startsWith('>'))
      return set({ mode: { kind: 'container', quote: true, width: 0, lazy: !BLANK.test(rest.slice(1)), emptyStart: false }, paragraph: false });
    const li = listItemStart(rest, ind.cols);
    if (li && (!strict || li.canInterruptParagraph))
      return set({ mode: { kind: 'container', quote: false, width: li.width, lazy: !li.empty, emptyStart: li.empty }, paragraph: false });
    if (FOOTNOTE_DEF.test(rest)) return set({ mode: { kind: 'container', quote: false, width: 4, lazy: true, emptyStart: false }, paragraph: false });
    if (ATX.test(rest)) {
      const heading = atxHeading(rest, i, startOf(i), idx.lineEnd(i));
      return set({ heading, section: heading.level <= 2 ? heading : s.section, paragraph: false });
    }
    const fence = fenceOpen(rest);
    if (fence) return set({ mode: { kind: 'fence', ...fence }, paragraph: false });
    // A table header may interrupt a paragraph; its line then starts afresh,
    // where an HTML block of type 7 (which cannot interrupt a paragraph) wins.
    const table = tableAt(i);
    const h = htmlStart(rest);
    if (h && (h.type !== 7 || !s.paragraph || table !== undefined))
      return set({ mode: h.type >= 6 || !htmlEndsOn(h, rest.slice(h.from)) ? { kind: 'html', h } : { kind: 'none' }, paragraph: false });
    if (table) return set({ mode: { kind: 'table', start: i, last: tableEnd(i) }, paragraph: false });
    // A link reference definition is no paragraph (an HTML block may follow it);
    // telling one for sure takes a parser: both readings go on.
    if (!s.paragraph && LINK_DEFINITION.test(rest)) return [...set({ paragraph: true }), ...set({ paragraph: false })];
    return set({ paragraph: true });
  };

  const advance = (s: ScanState, i: number): ScanState[] => {
    const m = s.mode;
    const line = lines[i]!;
    switch (m.kind) {
      case 'table':
        return [i >= m.last ? { ...s, mode: { kind: 'none' } } : s];
      case 'fence':
        return [closesFence(line, m) ? { ...s, mode: { kind: 'none' } } : s];
      case 'html': {
        const ends = m.h.type >= 6 ? BLANK.test(line) : htmlEndsOn(m.h, line);
        return [ends ? { ...s, mode: { kind: 'none' }, paragraph: false } : s];
      }
      case 'container': {
        const c: Container = { ...m, emptyStart: false };
        const r = continuesContainer(line, m);
        const closed = top({ ...s, mode: { kind: 'none' }, paragraph: false, afterCode: false }, i);
        if (r === 'end') return closed;
        if (r === 'continue') return [{ ...s, mode: { kind: 'container', ...c, lazy: !BLANK.test(line) && lazyAfter(line, m) } }];
        return [{ ...s, mode: { kind: 'container', ...c, lazy: true } }, ...closed];
      }
      default:
        return top(s, i);
    }
  };

  const tables: TableBlock[] = [];
  let states: ScanState[] = [{ mode: { kind: 'none' }, paragraph: false, afterCode: false, heading: undefined, section: undefined }];
  for (let i = 0; i < n; i++) {
    const next = new Map<string, ScanState>();
    for (const s of states)
      for (const t of advance(s, i)) {
        const key = JSON.stringify([t.mode, t.paragraph, t.afterCode]);
        if (!next.has(key)) next.set(key, t);
      }
    states = [...next.values()];
    const first = states[0]!;
    if (first.mode.kind === 'table' && first.mode.start === i && states.length === 1) {
      const last = first.mode.last;
      const header = row(i);
      const body: TableRow[] = [];
      for (let j = i + 2; j <= last; j++) body.push(row(j));
      tables.push({
        startLine: i,
        endLine: last,
        start: header.start,
        end: idx.lineEnd(last),
        header,
        delimiter: row(i + 1),
        body,
        align: tableAt(i)!,
        heading: first.heading,
        section: first.section,
      });
    }
  }
  return tables;
}

/** Whether the container's content on this (continuation) line may be followed by a lazy line. */
function lazyAfter(line: string, c: Container): boolean {
  if (!c.quote) return true;
  const ind = indentOf(line);
  return ind.cols <= 3 && line.charCodeAt(ind.len) === 62 ? !BLANK.test(line.slice(ind.len + 1)) : true;
}

/**
 * How a line relates to an open container: its continuation, its end, or
 * 'maybe' — a lazy continuation line if the container's last block is a
 * paragraph, which only a parser knows.
 */
function continuesContainer(line: string, c: Container): 'continue' | 'end' | 'maybe' {
  if (BLANK.test(line)) return c.quote || c.emptyStart ? 'end' : 'continue';
  const ind = indentOf(line);
  if (c.quote) {
    if (ind.cols <= 3 && line.charCodeAt(ind.len) === 62 /* > */) return 'continue';
  } else if (ind.cols >= c.width) return 'continue';
  return c.lazy && !interruptsParagraph(line) ? 'maybe' : 'end';
}
