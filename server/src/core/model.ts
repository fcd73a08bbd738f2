/**
 * Markdown → document model with a source map. Parsing never fails: any text
 * gives a model, with the parts it could not find left out.
 *
 * Every value is a `Val`: its trimmed source text and the UTF-16 offsets of
 * that text (for an empty cell, the blank between its pipes).
 */
import { parseMarkdown } from './markdown';
import type { Root, RootContent, Heading as MdHeading, Table as MdTable, TableRow as MdRow, Parent } from 'mdast';
import { labelMatches, matcher, normLabel, type KeyedTableSpec, type RowSpec, type TableSpec, type TemplateDescriptor } from '../../../shared/src/template/descriptor';
import { V1_1 as TEMPLATE } from '../../../shared/src/template/v1_1';
import { isBlank, isSpace, ownCopy } from './text';

export { normLabel };

export interface Span {
  start: number;
  end: number;
}

export interface Val extends Span {
  text: string;
}

export interface Heading extends Span {
  depth: number;
  text: string;
  /** The heading's text, without the `#`s. */
  textSpan: Span;
}

export interface Row extends Span {
  cells: Val[];
}

/** A column's alignment, from the colons of the delimiter row (GFM). */
export type Align = 'none' | 'left' | 'center' | 'right';

export interface Table extends Span {
  header: Row;
  rows: Row[];
  /** Lower-cased header texts. */
  columns: string[];
  /** One per header cell. */
  align: Align[];
}

// ------------------------------------------------------------------ vocabulary
// Every key, label and matcher comes from the template descriptor (shared/src/template/v1_1.ts).

type D = typeof TEMPLATE;
type KeyedTable<K extends string> = Extract<D['tables'][number], { key: K }>;
export type HeaderKey = D['fields'][number]['key'];
export type SectionKey = D['sections'][number]['key'];
export type SubsectionKey = D['subsections'][number]['key'];
export type TableKey = D['tables'][number]['key'];
export type SummaryKey = RowKeys<'summary'>;
export type ImpactKey = RowKeys<'impact'>;
export type RoleKey = RowKeys<'signoff'>;
/** Sections whose body is prose that must not stay template guidance (PM016). */
export type ProseKey = Extract<D['sections'][number] | D['subsections'][number], { prose: { guidanceOnly: true } }>['key'];

const keysOf = <K extends string>(xs: readonly { key: K }[]): readonly K[] => xs.map((x) => x.key);
const labelsOf = <K extends string>(xs: readonly { key: K }[], label: (x: { key: K } & Record<string, unknown>) => string): Record<K, string> =>
  Object.fromEntries(xs.map((x) => [x.key, label(x as { key: K } & Record<string, unknown>)])) as Record<K, string>;
type RowKeys<K extends TableKey> = KeyedTable<K> extends { rows: readonly (infer R)[] } ? (R extends { key: infer RK extends string } ? RK : never) : never;
const keyedRows = <K extends TableKey>(key: K) =>
  (TEMPLATE.tables.find((t) => t.key === key) as KeyedTableSpec).rows as readonly (RowSpec & { key: RowKeys<K> })[];

export const HEADER_KEYS = keysOf(TEMPLATE.fields);
export const HEADER_LABELS = labelsOf(TEMPLATE.fields, (f) => f.label as string);
export const SECTION_KEYS = keysOf(TEMPLATE.sections);
export const SECTION_TITLES = labelsOf(TEMPLATE.sections, (s) => s.title as string);
export const SUBSECTION_KEYS = keysOf(TEMPLATE.subsections);
export const SUBSECTION_TITLES = labelsOf(TEMPLATE.subsections, (s) => s.title as string);
export const SUBSECTION_PARENT = labelsOf(TEMPLATE.subsections, (s) => s.parent as string) as Record<SubsectionKey, SectionKey>;
export const SUMMARY_KEYS = keysOf(keyedRows('summary'));
export const SUMMARY_LABELS = labelsOf(keyedRows('summary'), (r) => r.label as string);
export const IMPACT_KEYS = keysOf(keyedRows('impact'));
export const IMPACT_LABELS = labelsOf(keyedRows('impact'), (r) => r.label as string);
/** The label an impact row's Notes start with, in the template. */
export const IMPACT_DETAIL: Partial<Record<ImpactKey, string>> = Object.fromEntries(
  keyedRows('impact').filter((r) => r.detail).map((r) => [r.key, r.detail!]),
);
export const ROLE_KEYS = keysOf(keyedRows('signoff'));
export const ROLE_LABELS = labelsOf(keyedRows('signoff'), (r) => r.label as string);
export const PROSE_KEYS = [...TEMPLATE.sections, ...TEMPLATE.subsections]
  .filter((s) => 'prose' in s && s.prose.guidanceOnly)
  .map((s) => s.key) as readonly ProseKey[];

export interface HeaderField {
  label: Val;
  value: Val;
  line: Span;
}

export interface SummaryRow {
  label: Val;
  value: Val;
  row: Row;
}

export interface TimelineRow {
  time: Val;
  event: Val;
  actor: Val;
  row: Row;
}

export interface ImpactRow {
  area: Val;
  impact: Val;
  notes: Val;
  row: Row;
}

export interface ActionRow {
  number: Val;
  action: Val;
  owner: Val;
  targetDate: Val;
  blocking: Val;
  status: Val;
  row: Row;
}

export interface EvidenceRow {
  artifact: Val;
  location: Val;
  row: Row;
}

export interface SignoffRow {
  role: Val;
  name: Val;
  signature: Val;
  date: Val;
  row: Row;
}

/** From the heading's start to the next heading of the same or a higher level. */
export interface Section extends Span {
  heading: Heading;
}

export interface Prose extends Span {
  /** Source text of the section body (below its heading). */
  body: string;
  bodyStart: number;
  /** Top-level blocks of the body: their kind and span. */
  blocks: { type: string; start: number; end: number; text: string }[];
}

export interface HtmlComment extends Span {
  text: string;
}

export interface Model {
  title?: Heading;
  templateVersion?: Val;
  header: Partial<Record<HeaderKey, HeaderField>>;
  /** Header lines in document order (for inserting a missing one). */
  headerOrder: HeaderKey[];
  /** Where header fields live: from the title to the first section. */
  headerZone: Span;
  headings: Heading[];
  sections: Partial<Record<SectionKey, Section>>;
  subsections: Partial<Record<SubsectionKey, Section>>;
  /** Each template table found, by its descriptor key; the typed aliases below are the same tables. */
  templateTables: Partial<Record<TableKey, Table>>;
  summaryTable?: Table;
  summary: Partial<Record<SummaryKey, SummaryRow>>;
  summaryText?: Prose;
  timelineTable?: Table;
  timeline: TimelineRow[];
  /** Every top-level table of the document, in order (the formatter's input). */
  tables: Table[];
  prose: Partial<Record<ProseKey, Prose>>;
  impactTable?: Table;
  impact: Partial<Record<ImpactKey, ImpactRow>>;
  actionTable?: Table;
  actions: ActionRow[];
  evidenceTable?: Table;
  evidence: EvidenceRow[];
  signoffTable?: Table;
  signoff: Partial<Record<RoleKey, SignoffRow>>;
  comments: HtmlComment[];
  /** Spans of code (fenced, indented, inline) — never read as values. */
  code: Span[];
}

// ------------------------------------------------------------------ parsing

export { parseMarkdown } from './markdown';

function startOf(n: { position?: { start: { offset?: number } } }): number {
  return n.position?.start.offset ?? 0;
}
function endOf(n: { position?: { end: { offset?: number } } }): number {
  return n.position?.end.offset ?? 0;
}

function trimmedVal(text: string, start: number, end: number): Val {
  let s = start;
  let e = end;
  while (s < e && isBlank(text.charCodeAt(s))) s++;
  while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
  return { start: s, end: e, text: text.slice(s, e) };
}

/**
 * A cell's trimmed content; the position remark gives includes the leading pipe. Memoized with the
 * mdast row, which outlives this version: its text is no view of this version's text. A cell that
 * is one text node spanning its content has that node's value (parsed from the chunk's own copy,
 * see IncrementalParser) already: when equal to the content, that string is kept (no slice made).
 */
function cellVal(text: string, c: MdRow['children'][number], last: boolean): Val {
  let s = startOf(c);
  let e = endOf(c);
  if (text.charCodeAt(s) === 0x7c) s++;
  if (last) {
    // remark's last cell runs to the end of the line: past the closing pipe, trailing blanks included.
    while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
    if (e > s && text.charCodeAt(e - 1) === 0x7c) {
      // The closing pipe, unless escaped: an odd run of backslashes before it (`\\|` is a backslash, then the pipe).
      let b = 0;
      while (e - 2 - b >= s && text.charCodeAt(e - 2 - b) === 0x5c) b++;
      if (b % 2 === 0) e--;
    }
  }
  let cs = s;
  let ce = e;
  while (cs < ce && isBlank(text.charCodeAt(cs))) cs++;
  while (ce > cs && isSpace(text.charCodeAt(ce - 1))) ce--;
  // An empty cell: point at the blank between its pipes (or the spot, when there is none).
  if (cs >= ce) return { start: s, end: Math.max(s, e), text: '' };
  const only = c.children.length === 1 ? c.children[0]! : undefined;
  const same = only?.type === 'text' && only.value.length === ce - cs && text.startsWith(only.value, cs);
  return { start: cs, end: ce, text: same ? only.value : ownCopy(text.slice(cs, ce)) };
}

/** Rows already read, per mdast row (see `extrasOf`): reused as they are, or moved when their chunk moved. */
const rowMemo = new WeakMap<MdRow, Row>();

function toRow(text: string, row: MdRow): Row {
  const start = startOf(row);
  const hit = rowMemo.get(row);
  if (hit && hit.end - hit.start === endOf(row) - start) {
    if (hit.start === start) return hit;
    const d = start - hit.start;
    const moved: Row = { start, end: hit.end + d, cells: hit.cells.map((c) => ({ start: c.start + d, end: c.end + d, text: c.text })) };
    rowMemo.set(row, moved);
    return moved;
  }
  const mdCells = row.children;
  const cells: Val[] = new Array(mdCells.length);
  for (let i = 0; i < mdCells.length; i++) cells[i] = cellVal(text, mdCells[i]!, i === mdCells.length - 1);
  const r = { start, end: endOf(row), cells };
  rowMemo.set(row, r);
  return r;
}

function toTable(text: string, t: MdTable): Table {
  const mdRows = t.children;
  const header = toRow(text, mdRows[0]!);
  // (No `[head, ...body]`: spreading a long timeline's 30,000 rows costs megabytes on every edit.)
  const rows: Row[] = new Array(Math.max(0, mdRows.length - 1));
  for (let i = 1; i < mdRows.length; i++) rows[i - 1] = toRow(text, mdRows[i]!);
  return {
    start: startOf(t),
    end: endOf(t),
    header,
    rows,
    columns: header.cells.map((c) => normLabel(c.text)),
    align: header.cells.map((_, i) => t.align?.[i] ?? 'none'),
  };
}

function headingText(text: string, h: MdHeading): { text: string; span: Span } {
  const s = startOf(h);
  const e = endOf(h);
  const raw = text.slice(s, e);
  const m = /^ {0,3}(#{1,6})[ \t]*/.exec(raw);
  let cs = s + (m ? m[0].length : 0);
  let ce = e;
  const tail = /[ \t]+#+[ \t]*$/.exec(text.slice(cs, ce));
  if (tail) ce -= tail[0].length;
  const v = trimmedVal(text, cs, ce);
  cs = v.start;
  ce = v.end;
  if (!m) {
    // Setext heading: text is the first line(s).
    const firstLine = raw.split(/\r?\n|\r/)[0] ?? '';
    const fv = trimmedVal(text, s, s + firstLine.length);
    return { text: fv.text, span: { start: fv.start, end: fv.end } };
  }
  return { text: v.text, span: { start: cs, end: ce } };
}

export function sectionKeyOf(headingText: string, d: TemplateDescriptor = TEMPLATE): SectionKey | undefined {
  const n = normLabel(headingText);
  const stripped = n.replace(/^\d+\s*[.)]?\s*/, '');
  for (const sec of d.sections) if (matcher(sec.match).test(stripped)) return sec.key as SectionKey;
  const num = /^(\d+)\s*[.)]/.exec(n);
  return num ? (d.sections.find((sec) => sec.number === num[1])?.key as SectionKey | undefined) : undefined;
}

function subsectionKeyOf(headingText: string, parent: SectionKey | undefined, d: TemplateDescriptor): SubsectionKey | undefined {
  const n = normLabel(headingText);
  for (const sub of d.subsections) {
    const anywhere = sub.matchAnywhere !== undefined && matcher(sub.matchAnywhere).test(n);
    if (anywhere || (parent === sub.parent && matcher(sub.match).test(n))) return sub.key as SubsectionKey;
  }
  return undefined;
}

function columnIndex(columns: string[], re: RegExp, fallback: number): number {
  const i = columns.findIndex((c) => re.test(c));
  return i >= 0 ? i : fallback;
}

function cell(row: Row, i: number): Val {
  const c = row.cells[i];
  if (c) return c;
  // A missing cell (ragged row): an empty value at the row's end.
  return { start: row.end, end: row.end, text: '' };
}

// ------------------------------------------------------------------ builder

type ExtraNode = RootContent & { type: 'code' | 'inlineCode' | 'html' };

/**
 * The code and HTML nodes under a node, in document (pre-)order. Memoized per
 * top-level block and per table row: an incremental parse hands back the same
 * node objects for unchanged chunks (moved, never restructured), so a long
 * document is not walked node by node again on every edit.
 */
const extrasMemo = new WeakMap<object, ExtraNode[]>();
const NO_EXTRAS: ExtraNode[] = [];

function collectExtras(n: RootContent, out: ExtraNode[]): void {
  if (n.type === 'code' || n.type === 'inlineCode' || n.type === 'html') out.push(n as ExtraNode);
  if (!('children' in n)) return;
  // (Index loops: a for-of allocates an iterator until the code is optimized, and an open walks each table row once.)
  const cs = (n as Parent).children;
  for (let k = 0; k < cs.length; k++) collectExtras(cs[k] as RootContent, out);
}

function plainRow(row: MdRow): boolean {
  const cells = row.children;
  for (let k = 0; k < cells.length; k++) {
    const cs = cells[k]!.children;
    for (let j = 0; j < cs.length; j++) if (cs[j]!.type !== 'text') return false;
  }
  return true;
}

function extrasOf(n: RootContent): ExtraNode[] {
  let r = extrasMemo.get(n);
  if (!r) {
    r = [];
    if (n.type === 'table') {
      // A split table's node is assembled per parse; its rows are the cached ones.
      const rows = n.children;
      for (let k = 0; k < rows.length; k++) {
        // A row of plain text cells (nearly every timeline row) has none, and needs no memo entry.
        if (plainRow(rows[k]!)) continue;
        const xs = extrasOf(rows[k] as unknown as RootContent);
        for (let j = 0; j < xs.length; j++) r.push(xs[j]!);
      }
    } else {
      collectExtras(n, r);
    }
    if (r.length === 0) r = NO_EXTRAS;
    extrasMemo.set(n, r);
  }
  return r;
}

function extraNodes(root: Root): ExtraNode[] {
  const out: ExtraNode[] = [];
  for (const n of root.children) {
    const xs = extrasOf(n);
    for (let j = 0; j < xs.length; j++) out.push(xs[j]!);
  }
  return out;
}

/**
 * The model of `text` by a template descriptor (template v1.1 unless told):
 * which headings are its sections, which lines its header fields, which
 * tables and rows its tables.
 */
export function buildModel(text: string, root: Root = parseMarkdown(text), d: TemplateDescriptor = TEMPLATE): Model {
  const model: Model = {
    header: {},
    headerOrder: [],
    headerZone: { start: 0, end: text.length },
    headings: [],
    sections: {},
    subsections: {},
    templateTables: {},
    summary: {},
    timeline: [],
    tables: [],
    prose: {},
    impact: {},
    actions: [],
    evidence: [],
    signoff: {},
    comments: [],
    code: [],
  };

  // Top-level walk: headings, tables, sections. Everything nested (lists, quotes) is walked for code/comments.
  const nodes = root.children;
  /** Each top-level table read once (the template's tables are among them). */
  const tableOf = new Map<MdTable, Table>();
  for (const n of nodes) {
    if (n.type !== 'table') continue;
    const t = toTable(text, n);
    tableOf.set(n, t);
    model.tables.push(t);
  }
  for (const n of extraNodes(root)) {
    if (n.type === 'code' || n.type === 'inlineCode') model.code.push({ start: startOf(n), end: endOf(n) });
    if (n.type === 'html') {
      const s = startOf(n);
      const raw = text.slice(s, endOf(n));
      for (const m of raw.matchAll(/<!--([\s\S]*?)-->/g)) {
        model.comments.push({ start: s + m.index!, end: s + m.index! + m[0].length, text: m[1]!.trim() });
      }
    }
  }

  // Headings and their extents.
  const headingNodes: { node: MdHeading; idx: number }[] = [];
  nodes.forEach((n, idx) => {
    if (n.type === 'heading') headingNodes.push({ node: n, idx });
  });
  const headings: Heading[] = headingNodes.map(({ node }) => {
    const t = headingText(text, node);
    return { depth: node.depth, text: t.text, textSpan: t.span, start: startOf(node), end: endOf(node) };
  });
  model.headings = headings;
  const extentEnd = (i: number): number => {
    const d = headings[i]!.depth;
    for (let j = i + 1; j < headings.length; j++) if (headings[j]!.depth <= d) return headings[j]!.start;
    return text.length;
  };

  const title = headings.find((h) => h.depth === 1);
  if (title) model.title = title;
  let currentSection: SectionKey | undefined;
  headings.forEach((h, i) => {
    if (h.depth === 2) {
      const k = sectionKeyOf(h.text, d);
      currentSection = k;
      if (k && !model.sections[k]) model.sections[k] = { heading: h, start: h.start, end: extentEnd(i) };
    } else if (h.depth >= 3) {
      const k = subsectionKeyOf(h.text, currentSection, d);
      if (k && !model.subsections[k]) model.subsections[k] = { heading: h, start: h.start, end: extentEnd(i) };
    } else if (h.depth === 1) {
      currentSection = undefined;
    }
  });

  // Header zone: from the title (or start) to the first level-2 heading (or first thematic break after fields).
  const firstH2 = headings.find((h) => h.depth === 2);
  model.headerZone = { start: title ? title.end : 0, end: firstH2 ? firstH2.start : text.length };

  const inSpan = (n: { position?: unknown }, s: Span | undefined) =>
    s !== undefined && startOf(n as never) >= s.start && endOf(n as never) <= s.end;
  const firstTableIn = (s: Span | undefined, before?: number): Table | undefined => {
    if (!s) return undefined;
    for (const n of nodes) {
      if (n.type === 'table' && inSpan(n, s) && (before === undefined || startOf(n) < before)) return tableOf.get(n);
    }
    return undefined;
  };

  // Header fields: lines "**Label:** value" in paragraphs of the header zone.
  for (const n of nodes) {
    if (n.type !== 'paragraph' || !inSpan(n, model.headerZone)) continue;
    readHeaderLines(text, startOf(n), endOf(n), model, d);
  }

  // Template version: "Template version: X" anywhere in a paragraph (outside code).
  for (const n of nodes) {
    if (n.type !== 'paragraph') continue;
    const s = startOf(n);
    const raw = text.slice(s, endOf(n));
    const m = /Template version:\s*\**\s*([^\s*_]+)/i.exec(raw);
    if (m) {
      const vs = s + m.index! + m[0].length - m[1]!.length;
      model.templateVersion = { start: vs, end: vs + m[1]!.length, text: m[1]! };
    }
  }

  // Tables, each the first table of its section (the summary's: above the "Summary" subsection).
  const spanOf = (key: string): Section | undefined =>
    (model.sections as Record<string, Section>)[key] ?? (model.subsections as Record<string, Section>)[key];
  for (const spec of d.tables) {
    const before = spec.before !== undefined ? spanOf(spec.before)?.start : undefined;
    const table = firstTableIn(spanOf(spec.section), before);
    if (!table) continue;
    const key = spec.key as TableKey;
    model.templateTables[key] = table;
    // The table's key is the model's property for its rows (`model.timeline`, `model.signoff`, …).
    (model as unknown as Record<TableKey, unknown>)[key] = readTable(table, spec);
  }
  model.summaryTable = model.templateTables.summary;
  model.timelineTable = model.templateTables.timeline;
  model.impactTable = model.templateTables.impact;
  model.actionTable = model.templateTables.actions;
  model.evidenceTable = model.templateTables.evidence;
  model.signoffTable = model.templateTables.signoff;

  // Prose: the summary text and the sections that must not stay guidance.
  for (const sec of [...d.sections, ...d.subsections]) {
    if (!sec.prose) continue;
    const span = spanOf(sec.key);
    if (!span) continue;
    if (sec.key === 'summary') model.summaryText = proseOf(text, nodes, span);
    else model.prose[sec.key as ProseKey] = proseOf(text, nodes, span);
  }

  return model;
}

type ReadRow = Record<string, Val> & { row: Row };

/**
 * A table's rows by its descriptor: a list table's rows in order, a keyed
 * table's rows by the key their first cell names (the first such row wins).
 */
function readTable(table: Table, spec: TableSpec): ReadRow[] | Record<string, ReadRow> {
  const cols = table.columns;
  const idx = spec.columns.map((c) => ('match' in c && c.match !== undefined ? columnIndex(cols, matcher(c.match), c.fallback) : c.fallback));
  // A team template's timeline or action table may lack some of v1.1's columns (no Actor, no
  // Blocking?): those read as empty values at the row's end, so every reader finds each column.
  const canonical = TEMPLATE.tables.find((t) => t.key === spec.key)?.columns.filter((c) => !spec.columns.some((x) => x.key === c.key)) ?? [];
  const read = (row: Row): ReadRow => {
    const r = { row } as ReadRow;
    for (let i = 0; i < idx.length; i++) r[spec.columns[i]!.key] = cell(row, idx[i]!);
    for (const c of canonical) r[c.key] = { start: row.end, end: row.end, text: '' };
    return r;
  };
  if (spec.shape === 'list') return table.rows.map(read);
  const keyed: Record<string, ReadRow> = {};
  for (const row of table.rows) {
    const n = normLabel(cell(row, idx[0]!).text);
    const hit = spec.rows.find((r: RowSpec) => labelMatches(r, n));
    if (hit && !keyed[hit.key]) keyed[hit.key] = read(row);
  }
  return keyed;
}

function readHeaderLines(text: string, start: number, end: number, model: Model, d: TemplateDescriptor): void {
  const re = /[^\r\n]+/g;
  const chunk = text.slice(start, end);
  for (const m of chunk.matchAll(re)) {
    const lineStart = start + m.index!;
    const line = m[0];
    // **Label:** value  |  **Label**: value
    const f = /^(\s*)\*\*([^*]+?)(:?)\*\*(:?)[ \t]*/.exec(line);
    if (!f) continue;
    if (!f[3] && !f[4]) continue;
    const label = normLabel(f[2]!);
    const key = d.fields.find((spec) => labelMatches(spec, label))?.key as HeaderKey | undefined;
    if (!key || model.header[key]) continue;
    const labelStart = lineStart + f[1]!.length;
    const labelEnd = lineStart + f[0].trimEnd().length;
    const value = trimmedVal(text, lineStart + f[0].length, lineStart + line.length);
    // Strip a trailing hard-break backslash or double-space break.
    let v = value;
    if (v.text.endsWith('\\')) v = trimmedVal(text, v.start, v.end - 1);
    if (v.text === '') v = { start: lineStart + f[0].length, end: lineStart + f[0].length, text: '' };
    model.header[key] = {
      label: { start: labelStart, end: labelEnd, text: text.slice(labelStart, labelEnd) },
      value: v,
      line: { start: lineStart, end: lineStart + line.length },
    };
    model.headerOrder.push(key);
  }
}

function proseOf(text: string, nodes: RootContent[], sec: Section): Prose {
  const bodyStart = sec.heading.end;
  const blocks: Prose['blocks'] = [];
  for (const n of nodes) {
    const s = startOf(n);
    if (s < bodyStart || endOf(n) > sec.end) continue;
    if (n.type === 'heading' || n.type === 'thematicBreak') continue;
    blocks.push({ type: n.type, start: s, end: endOf(n), text: text.slice(s, endOf(n)) });
  }
  return { start: sec.heading.start, end: sec.end, bodyStart, body: text.slice(bodyStart, sec.end), blocks };
}
