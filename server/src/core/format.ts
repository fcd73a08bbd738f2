/**
 * The timeline-table formatter (SPEC §6). Pure: text in, edits out.
 *
 * Decisions:
 * - The formatter works on the analysis: its tables are the model's (remark-gfm's
 *   top-level `table` nodes, alignment from their `align`, see format/tables.ts),
 *   the timeline is the model's timeline table (`## 2. Timeline`, `## Timeline`, …
 *   whatever the rules read as section 2), its time column the model's, and its
 *   times are read and written by values.ts. So a `|` inside a code span splits the
 *   cell unless escaped as `\|` (as GFM and remark do), and fenced code is never a table.
 * - Every row becomes `| c1 | c2 | … |`, each cell padded with spaces to its
 *   column's display width (string-width: wide characters and emoji count as
 *   two). Padding follows the column's alignment: left/none pad on the right,
 *   right-aligned cells on the left, centred cells on both sides (the odd space
 *   on the right).
 * - The delimiter row is rebuilt as dashes filling the column width, keeping
 *   the alignment colons (`:---`, `:---:`, `---:`), at least 3 dashes; a column
 *   is never narrower than its delimiter.
 * - Ragged rows: a row with fewer cells than the header gets empty cells (what
 *   GFM renders anyway); a row with more keeps its extra cells (never drop
 *   text), aligned among themselves, no delimiter above them.
 * - A cell's trimmed text is never changed, except the timeline's time column,
 *   whose full UTC timestamps are rewritten to the document's UTC form (see
 *   format/timeline.ts). Non-UTC times and time-only cells are left as written.
 * - Sorting (optional) orders rows by the instants PM007 reads (core/timeline.ts):
 *   a time-only cell needs a date (a dated row above it, or First detected).
 * - All lines of a table take the header line's indentation (≤ 3 spaces).
 * - Edits replace only the content of lines that change (one edit per changed
 *   line); line breaks are never part of an edit, so each line keeps its own
 *   CRLF/LF/CR and a missing final line break stays missing. When sorting
 *   moves rows, line breaks stay in place and the rows move between them.
 * - Formatting twice gives the same text as formatting once.
 */
import stringWidth from 'string-width';
import type { TextEdit } from './types';
import type { Model } from './model';
import { LineIndex } from './text';
import { modelOf, tablesOf, type Align, type TableBlock } from './format/tables';
import { isUtcColumn, modelTimelineOrder, normaliseTimelineCells, timeColumn } from './format/timeline';

export interface FormatOptions {
  /** 'timeline': only the model's timeline table; 'all': every GFM table. */
  scope: 'timeline' | 'all';
  sortByTime: boolean;
}

export { findTables, splitRow, tablesOf } from './format/tables';
export type { Align, TableBlock, TableCell, TableHeading, TableRow } from './format/tables';
export {
  findTimelineTable,
  sortTimelineRows,
  timelineOrder,
  normaliseTimelineCells,
  documentUtcSpelling,
} from './format/timeline';
export { parseTimelineTime, formatTimelineTime } from './values';
export type { TimelineTime, FullTimelineTime, TimeOfDay } from './values';

/** Display width of a cell's text (a tab counts as one column). */
export function displayWidth(s: string): number {
  if (/^[\x20-\x7e]*$/.test(s)) return s.length; // printable ASCII: the common case, and string-width is slow
  return stringWidth(s.replace(/\t/g, ' '));
}

function colons(a: Align): number {
  return a === 'center' ? 2 : a === 'left' || a === 'right' ? 1 : 0;
}

function pad(text: string, textWidth: number, width: number, align: Align): string {
  const gap = Math.max(0, width - textWidth);
  if (align === 'right') return ' '.repeat(gap) + text;
  if (align === 'center') {
    const l = gap >> 1;
    return ' '.repeat(l) + text + ' '.repeat(gap - l);
  }
  return text + ' '.repeat(gap);
}

/**
 * Lays out a table: the header row, the delimiter row, then the body rows.
 * Rows shorter than the header are padded with empty cells; longer rows keep
 * their extra cells.
 */
export function layoutTable(header: readonly string[], align: readonly Align[], body: readonly (readonly string[])[], indent = ''): string[] {
  const n = header.length;
  const rows = [header, ...body].map((r) => (r.length < n ? [...r, ...Array<string>(n - r.length).fill('')] : [...r]));
  const cellWidths = rows.map((r) => r.map(displayWidth));
  const cols = Math.max(...rows.map((r) => r.length));
  const widths: number[] = [];
  for (let c = 0; c < cols; c++) {
    let w = c < n ? 3 + colons(align[c] ?? 'none') : 0;
    for (const r of cellWidths) if (c < r.length) w = Math.max(w, r[c]!);
    widths.push(w);
  }
  const line = (cells: string[]) => `${indent}| ${cells.join(' | ')} |`;
  const delim = header.map((_, c) => {
    const a = align[c] ?? 'none';
    const dashes = '-'.repeat(widths[c]! - colons(a));
    return (a === 'left' || a === 'center' ? ':' : '') + dashes + (a === 'right' || a === 'center' ? ':' : '');
  });
  const out = rows.map((r, k) => line(r.map((t, c) => pad(t, cellWidths[k]![c]!, widths[c]!, c < n ? (align[c] ?? 'none') : 'none'))));
  out.splice(1, 0, line(delim));
  return out;
}

function formatTable(text: string, table: TableBlock, model: Model | undefined, opts: FormatOptions): TextEdit[] {
  const header = table.header.cells.map((c) => c.text);
  let body = table.body.map((r) => r.cells.map((c) => c.text));
  const tc = model ? timeColumn(model) : -1;
  if (model && tc >= 0 && body.length > 0) {
    // Normalise first: the tie-break of the document's UTC form is document order.
    const times = normaliseTimelineCells(
      body.map((r) => r[tc] ?? ''),
      isUtcColumn(header[tc]),
    );
    body = body.map((r, i) => (tc < r.length ? [...r.slice(0, tc), times[i]!, ...r.slice(tc + 1)] : r));
    if (opts.sortByTime) {
      const order = modelTimelineOrder(model);
      if (order) body = order.map((i) => body[i]!);
    }
  }
  const lines = layoutTable(header, table.align, body, table.header.indent);
  const targets = [table.header, table.delimiter, ...table.body];
  const edits: TextEdit[] = [];
  targets.forEach((row, k) => {
    const newText = lines[k]!;
    if (text.slice(row.start, row.end) !== newText) edits.push({ start: row.start, end: row.end, newText });
  });
  return edits;
}

/**
 * The edits that format `text`. `model`: the model of `text` as the analysis
 * built it from a plain parse (default: built here); its tables are what is formatted.
 */
export function formatDocument(text: string, opts: FormatOptions, model: Model = modelOf(text)): TextEdit[] {
  const tables = tablesOf(text, model, new LineIndex(text));
  const chosen = opts.scope === 'all' ? tables : tables.filter((t) => t.timeline);
  // The model's rows are the timeline's only when they are the table's rows, one for one.
  const timelineModel = (t: TableBlock) => (t.timeline && t.body.length === model.timeline.length ? model : undefined);
  return chosen.flatMap((t) => formatTable(text, t, timelineModel(t), opts));
}
