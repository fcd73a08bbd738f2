/**
 * The tables the formatter works on, as the analysis parsed them: the model's
 * `tables` (every top-level mdast `table` node of remark-gfm, cells read by the
 * model, alignment from the node's `align`), placed on their lines. No scan of
 * our own: what is a table, where it ends, how a row splits into cells (a `|`
 * splits unless escaped as `\|`, even inside a code span), fenced and indented
 * code, HTML blocks — all of it is remark-gfm's reading, so the formatter
 * formats exactly what the language server sees. Tables inside containers
 * (block quotes, list items, footnotes) are not top-level and are not returned.
 * Pure; offsets are UTF-16 code units.
 */
import { buildModel, type Align, type Model, type Row, type Table } from '../model';
import { LineIndex } from '../text';

export type { Align } from '../model';

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
  /** Leading blanks (at most 3 columns). */
  indent: string;
  cells: TableCell[];
}

/** A heading above a table (the model's heading, ATX or setext). */
export interface TableHeading {
  level: number;
  /** Heading content: no `#` marks, no closing sequence, trimmed. */
  text: string;
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
  /** The delimiter row (the line under the header); its cells are not read. */
  delimiter: TableRow;
  body: TableRow[];
  /** One per header cell. */
  align: Align[];
  /** Nearest heading above the table (any level). */
  heading: TableHeading | undefined;
  /** Nearest heading of level 1 or 2 above the table: the section the table is in. */
  section: TableHeading | undefined;
  /** The model's timeline table (`model.timelineTable`). */
  timeline: boolean;
}

function lineRow(text: string, idx: LineIndex, line: number, cells: TableCell[]): TableRow {
  const start = line === 0 && text.charCodeAt(0) === 0xfeff ? 1 : idx.starts[line]!;
  const end = idx.lineEnd(line);
  const indent = /^[ \t]*/.exec(text.slice(start, end))![0];
  return { line, start, end, indent, cells };
}

function rowOf(text: string, idx: LineIndex, row: Row): TableRow {
  const cells = row.cells.map((c) => (c.text === '' ? { text: '', start: c.start, end: c.start } : { text: c.text, start: c.start, end: c.end }));
  return lineRow(text, idx, idx.positionAt(row.start).line, cells);
}

/** The model's tables on their lines; `idx` must index `text`. */
export function tablesOf(text: string, model: Model, idx: LineIndex = new LineIndex(text)): TableBlock[] {
  const headings = model.headings.map((h) => ({ level: h.depth, text: h.text, line: idx.positionAt(h.start).line, start: h.start, end: h.end }));
  return model.tables.map((t) => blockOf(text, idx, t, headings, model.timelineTable?.start === t.start));
}

function blockOf(text: string, idx: LineIndex, t: Table, headings: TableHeading[], timeline: boolean): TableBlock {
  const header = rowOf(text, idx, t.header);
  const body = t.rows.map((r) => rowOf(text, idx, r));
  const last = body.length > 0 ? body[body.length - 1]! : undefined;
  const endLine = last ? last.line : header.line + 1;
  let heading: TableHeading | undefined;
  let section: TableHeading | undefined;
  for (const h of headings) {
    if (h.start >= t.start) break;
    heading = h;
    if (h.level <= 2) section = h;
  }
  return {
    startLine: header.line,
    endLine,
    start: header.start,
    end: idx.lineEnd(endLine),
    header,
    delimiter: lineRow(text, idx, header.line + 1, []),
    body,
    align: t.header.cells.map((_, i) => t.align[i] ?? 'none'),
    heading,
    section,
    timeline,
  };
}

const recent = new Map<string, Model>();
/** Beyond this many characters in all, only the newest text's model is kept. */
const RECENT_CHARS = 2_000_000;

/**
 * `buildModel(text)` (a plain parse: what the formatter reads when no model is
 * handed in), memoised for the last two texts — only the last one when they are
 * long (a 5 MB document's model and text are ~40 MB: the previous version's
 * would stay alive through the next edit). The analysis registers its model
 * (`rememberModel`), so formatting the text just analysed parses nothing again,
 * and formatting, checking the result and sorting share one parse. Models are
 * never changed by their readers.
 */
export function modelOf(text: string): Model {
  let m = recent.get(text);
  if (!m) {
    m = buildModel(text);
    rememberModel(text, m);
  }
  return m;
}

/** Hands `modelOf` the model of `text`; it must be exactly `buildModel(text)` (a plain parse, nothing masked). */
export function rememberModel(text: string, model: Model): void {
  recent.delete(text);
  for (const older of recent.keys()) {
    if (recent.size < 2 && older.length + text.length <= RECENT_CHARS) break;
    recent.delete(older);
  }
  recent.set(text, model);
}

/** Every top-level GFM table of the document, in order, as remark-gfm parses it. Never throws. */
export function findTables(text: string): TableBlock[] {
  return tablesOf(text, modelOf(text));
}

const ROW_PREFIX = '|h|\n|-|\n';

/**
 * The cells of one table row's content (the line without its indentation,
 * starting at offset `base`), as remark-gfm splits it: the row is parsed as the
 * body row of a one-column table. A leading and a trailing pipe are optional; a
 * row without any cell has one empty cell; `\|` does not split.
 */
export function splitRow(content: string, base = 0): TableCell[] {
  const rows = findTables(ROW_PREFIX + content)[0]?.body ?? [];
  if (rows.length !== 1) {
    // Not a row on its own (a heading, a list item, …): one cell with the whole trimmed text.
    const text = content.replace(/^[ \t]+|[ \t]+$/g, '');
    const s = content.indexOf(text);
    return [{ text, start: base + s, end: base + s + text.length }];
  }
  const shift = base - ROW_PREFIX.length;
  return rows[0]!.cells.map((c) => ({ text: c.text, start: c.start + shift, end: c.end + shift }));
}
