/**
 * Markdown → document model with a source map. Parsing never fails: any text
 * gives a model, with the parts it could not find left out.
 *
 * Every value is a `Val`: its trimmed source text and the UTF-16 offsets of
 * that text (for an empty cell, the blank between its pipes).
 */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import type { Root, RootContent, Heading as MdHeading, Table as MdTable, TableRow as MdRow, Parent } from 'mdast';

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

export const HEADER_KEYS = ['incidentId', 'author', 'dateWritten', 'reviewMeetingDate', 'status'] as const;
export type HeaderKey = (typeof HEADER_KEYS)[number];
export const HEADER_LABELS: Record<HeaderKey, string> = {
  incidentId: 'Incident ID',
  author: 'Post-Mortem Author',
  dateWritten: 'Date Written (UTC)',
  reviewMeetingDate: 'Review Meeting Date',
  status: 'Status',
};

export const SECTION_KEYS = ['s1', 's2', 's3', 's4', 's5', 's6', 's7', 's8', 's9'] as const;
export type SectionKey = (typeof SECTION_KEYS)[number];
export const SECTION_TITLES: Record<SectionKey, string> = {
  s1: '1. Incident Summary',
  s2: '2. Timeline',
  s3: '3. Root Cause Analysis',
  s4: '4. Impact Assessment',
  s5: '5. What Went Well',
  s6: '6. What Went Poorly',
  s7: '7. Action Items',
  s8: '8. Evidence References',
  s9: '9. Sign-off',
};
export const SUBSECTION_KEYS = ['summary', 's3a', 's3b', 's3c'] as const;
export type SubsectionKey = (typeof SUBSECTION_KEYS)[number];
export const SUBSECTION_TITLES: Record<SubsectionKey, string> = {
  summary: 'Summary (2–4 sentences)',
  s3a: '3A — What happened (technical)',
  s3b: '3B — Contributing factors',
  s3c: "3C — Why it wasn't caught sooner",
};
export const SUBSECTION_PARENT: Record<SubsectionKey, SectionKey> = { summary: 's1', s3a: 's3', s3b: 's3', s3c: 's3' };

export const SUMMARY_KEYS = [
  'severity', 'scope', 'trigger', 'firstDetected', 'incidentOpened', 'incidentResolved',
  'totalDuration', 'drill', 'customerImpact', 'fundsAtRisk',
] as const;
export type SummaryKey = (typeof SUMMARY_KEYS)[number];
export const SUMMARY_LABELS: Record<SummaryKey, string> = {
  severity: 'Severity',
  scope: 'Scope',
  trigger: 'Trigger',
  firstDetected: 'First detected (UTC)',
  incidentOpened: 'Incident opened (UTC)',
  incidentResolved: 'Incident resolved (UTC)',
  totalDuration: 'Total duration',
  drill: 'Was this a drill?',
  customerImpact: 'Customer/partner impact',
  fundsAtRisk: 'Funds at risk at peak',
};

export const IMPACT_KEYS = [
  'originationsBlocked', 'activeLoansAffected', 'partnersSuspended', 'poolsRemoved',
  'onChainPause', 'signerRotation', 'externalNotification', 'regulatoryReporting',
] as const;
export type ImpactKey = (typeof IMPACT_KEYS)[number];
export const IMPACT_LABELS: Record<ImpactKey, string> = {
  originationsBlocked: 'Originations blocked',
  activeLoansAffected: 'Active loans affected',
  partnersSuspended: 'Partner(s) suspended',
  poolsRemoved: 'Pool(s) removed',
  onChainPause: 'On-chain pause invoked',
  signerRotation: 'Signer rotation required',
  externalNotification: 'External notification required',
  regulatoryReporting: 'Regulatory reporting required',
};
/** The label an impact row's Notes start with, in the template. */
export const IMPACT_DETAIL: Partial<Record<ImpactKey, string>> = {
  originationsBlocked: 'Duration:',
  activeLoansAffected: 'Count:',
  partnersSuspended: 'Partner(s):',
  poolsRemoved: 'Pool(s):',
  onChainPause: 'Tx:',
  externalNotification: 'Recipients:',
  regulatoryReporting: 'Regulator:',
};

export const ROLE_KEYS = ['author', 'incidentCommander', 'technicalLead', 'riskCompliance', 'engineeringManager'] as const;
export type RoleKey = (typeof ROLE_KEYS)[number];
export const ROLE_LABELS: Record<RoleKey, string> = {
  author: 'Post-Mortem Author',
  incidentCommander: 'Incident Commander',
  technicalLead: 'Technical Lead',
  riskCompliance: 'Risk / Compliance',
  engineeringManager: 'Engineering Manager',
};

export const PROSE_KEYS = ['s3a', 's3b', 's3c', 's5', 's6'] as const;
export type ProseKey = (typeof PROSE_KEYS)[number];

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

const processor = unified().use(remarkParse).use(remarkGfm);

export function parseMarkdown(text: string): Root {
  const root = processor.parse(text);
  // micromark drops a leading BOM and counts offsets without it; the model's offsets are into `text`.
  if (text.charCodeAt(0) === 0xfeff) shiftOffsets(root, 1);
  return root;
}

function shiftOffsets(root: Root, by: number): void {
  const seen = new Set<object>();
  const stack: { position?: Root['position']; children?: unknown[] }[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    for (const p of [n.position?.start, n.position?.end]) {
      if (p && p.offset !== undefined && !seen.has(p)) {
        seen.add(p);
        p.offset += by;
      }
    }
    for (const c of (n.children ?? []) as typeof stack) stack.push(c);
  }
}

function startOf(n: { position?: { start: { offset?: number } } }): number {
  return n.position?.start.offset ?? 0;
}
function endOf(n: { position?: { end: { offset?: number } } }): number {
  return n.position?.end.offset ?? 0;
}

/** Normalises a label: lower case, single spaces, no trailing colon, no emphasis markers. */
export function normLabel(s: string): string {
  return s
    .replace(/[*_`]/g, '')
    .replace(/[\u2010-\u2015]/g, '-')
    .replace(/\s+/g, ' ')
    .replace(/:\s*$/, '')
    .trim()
    .toLowerCase();
}

function trimmedVal(text: string, start: number, end: number): Val {
  let s = start;
  let e = end;
  while (s < e && /[ \t]/.test(text[s]!)) s++;
  while (e > s && /[ \t\r\n]/.test(text[e - 1]!)) e--;
  return { start: s, end: e, text: text.slice(s, e) };
}

/** A cell's trimmed content; the position remark gives includes the leading pipe. */
function cellVal(text: string, start: number, end: number, last: boolean): Val {
  let s = start;
  let e = end;
  if (text[s] === '|') s++;
  if (last) {
    // remark's last cell runs to the end of the line: past the closing pipe, trailing blanks included.
    while (e > s && /[ \t\r\n]/.test(text[e - 1]!)) e--;
    if (e > s && text[e - 1] === '|') {
      // The closing pipe, unless escaped: an odd run of backslashes before it (`\\|` is a backslash, then the pipe).
      let b = 0;
      while (e - 2 - b >= s && text[e - 2 - b] === '\\') b++;
      if (b % 2 === 0) e--;
    }
  }
  const v = trimmedVal(text, s, e);
  if (v.text === '') {
    // An empty cell: point at the blank between its pipes (or the spot, when there is none).
    const blankStart = s;
    const blankEnd = Math.max(s, e);
    return { start: blankStart, end: blankEnd, text: '' };
  }
  return v;
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
  const cells = row.children.map((c, i) => cellVal(text, startOf(c), endOf(c), i === row.children.length - 1));
  const r = { start, end: endOf(row), cells };
  rowMemo.set(row, r);
  return r;
}

function toTable(text: string, t: MdTable): Table {
  const [head, ...body] = t.children;
  const header = toRow(text, head!);
  return {
    start: startOf(t),
    end: endOf(t),
    header,
    rows: body.map((r) => toRow(text, r)),
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

const SECTION_MATCHERS: [SectionKey, RegExp][] = [
  ['s1', /incident summary/],
  ['s2', /^timeline\b|time ?line/],
  ['s3', /root cause/],
  ['s4', /impact assessment/],
  ['s5', /went well/],
  ['s6', /went poorly|went badly/],
  ['s7', /action items?/],
  ['s8', /evidence/],
  ['s9', /sign[- ]?off/],
];

export function sectionKeyOf(headingText: string): SectionKey | undefined {
  const n = normLabel(headingText);
  const stripped = n.replace(/^\d+\s*[.)]?\s*/, '');
  for (const [k, re] of SECTION_MATCHERS) if (re.test(stripped)) return k;
  const num = /^(\d)\s*[.)]/.exec(n);
  if (num && +num[1]! >= 1 && +num[1]! <= 9) return `s${num[1]}` as SectionKey;
  return undefined;
}

function subsectionKeyOf(headingText: string, parent: SectionKey | undefined): SubsectionKey | undefined {
  const n = normLabel(headingText);
  if (parent === 's1' && /^summary\b/.test(n)) return 'summary';
  if (/^3\s*a\b/.test(n) || (parent === 's3' && /what happened/.test(n))) return 's3a';
  if (/^3\s*b\b/.test(n) || (parent === 's3' && /contributing/.test(n))) return 's3b';
  if (/^3\s*c\b/.test(n) || (parent === 's3' && /caught|sooner/.test(n))) return 's3c';
  return undefined;
}

const SUMMARY_MATCH: [SummaryKey, RegExp][] = [
  ['severity', /^severity$/],
  ['scope', /^scope$/],
  ['trigger', /^trigger$/],
  ['firstDetected', /^first detected/],
  ['incidentOpened', /^incident opened/],
  ['incidentResolved', /^incident resolved/],
  ['totalDuration', /^total duration/],
  ['drill', /^was this a drill/],
  ['customerImpact', /^customer\s*\/?\s*partner impact|^customer impact/],
  ['fundsAtRisk', /^funds at risk/],
];

function keyByLabel<K extends string>(labels: Record<K, string>, text: string): K | undefined {
  const n = normLabel(text);
  for (const [k, l] of Object.entries(labels) as [K, string][]) if (normLabel(l) === n) return k;
  return undefined;
}

const HEADER_MATCH: [HeaderKey, RegExp][] = [
  ['incidentId', /^incident id$/],
  ['author', /^post-?mortem author$|^author$/],
  ['dateWritten', /^date written/],
  ['reviewMeetingDate', /^review meeting date/],
  ['status', /^status$/],
];

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
  if ('children' in n) for (const c of (n as Parent).children) collectExtras(c as RootContent, out);
}

function extrasOf(n: RootContent): ExtraNode[] {
  let r = extrasMemo.get(n);
  if (!r) {
    r = [];
    if (n.type === 'table') {
      // A split table's node is assembled per parse; its rows are the cached ones.
      for (const row of n.children) for (const x of extrasOf(row as unknown as RootContent)) r.push(x);
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
    for (const x of xs) out.push(x);
  }
  return out;
}

export function buildModel(text: string, root: Root = parseMarkdown(text)): Model {
  const model: Model = {
    header: {},
    headerOrder: [],
    headerZone: { start: 0, end: text.length },
    headings: [],
    sections: {},
    subsections: {},
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
  for (const n of nodes) if (n.type === 'table') model.tables.push(toTable(text, n));
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
      const k = sectionKeyOf(h.text);
      currentSection = k;
      if (k && !model.sections[k]) model.sections[k] = { heading: h, start: h.start, end: extentEnd(i) };
    } else if (h.depth >= 3) {
      const k = subsectionKeyOf(h.text, currentSection);
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
      if (n.type === 'table' && inSpan(n, s) && (before === undefined || startOf(n) < before)) return toTable(text, n);
    }
    return undefined;
  };

  // Header fields: lines "**Label:** value" in paragraphs of the header zone.
  for (const n of nodes) {
    if (n.type !== 'paragraph' || !inSpan(n, model.headerZone)) continue;
    readHeaderLines(text, startOf(n), endOf(n), model);
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

  // 1. Summary table and prose summary.
  const s1 = model.sections.s1;
  const summarySub = model.subsections.summary;
  model.summaryTable = firstTableIn(s1, summarySub?.start);
  if (model.summaryTable) {
    for (const row of model.summaryTable.rows) {
      const label = cell(row, 0);
      const n = normLabel(label.text);
      const hit = SUMMARY_MATCH.find(([, re]) => re.test(n));
      if (hit && !model.summary[hit[0]]) model.summary[hit[0]] = { label, value: cell(row, 1), row };
    }
  }
  if (summarySub) model.summaryText = proseOf(text, nodes, summarySub);

  // 2. Timeline.
  model.timelineTable = firstTableIn(model.sections.s2);
  if (model.timelineTable) {
    const cols = model.timelineTable.columns;
    const ti = columnIndex(cols, /time/, 0);
    const ei = columnIndex(cols, /event/, 1);
    const ai = columnIndex(cols, /actor|who|owner/, 2);
    for (const row of model.timelineTable.rows) {
      model.timeline.push({ time: cell(row, ti), event: cell(row, ei), actor: cell(row, ai), row });
    }
  }

  // 3A/3B/3C, 5, 6: prose.
  for (const k of ['s3a', 's3b', 's3c'] as const) {
    const sub = model.subsections[k];
    if (sub) model.prose[k] = proseOf(text, nodes, sub);
  }
  for (const k of ['s5', 's6'] as const) {
    const sec = model.sections[k];
    if (sec) model.prose[k] = proseOf(text, nodes, sec);
  }

  // 4. Impact.
  model.impactTable = firstTableIn(model.sections.s4);
  if (model.impactTable) {
    const cols = model.impactTable.columns;
    const ii = columnIndex(cols, /^impact$/, 1);
    const ni = columnIndex(cols, /notes?/, 2);
    for (const row of model.impactTable.rows) {
      const area = cell(row, 0);
      const k = keyByLabel(IMPACT_LABELS, area.text);
      if (k && !model.impact[k]) model.impact[k] = { area, impact: cell(row, ii), notes: cell(row, ni), row };
    }
  }

  // 7. Action items.
  model.actionTable = firstTableIn(model.sections.s7);
  if (model.actionTable) {
    const cols = model.actionTable.columns;
    const idx = {
      number: columnIndex(cols, /^#$|^no\.?$|^n(umbe)?r$/, 0),
      action: columnIndex(cols, /^action/, 1),
      owner: columnIndex(cols, /owner/, 2),
      targetDate: columnIndex(cols, /target|due/, 3),
      blocking: columnIndex(cols, /blocking/, 4),
      status: columnIndex(cols, /status/, 5),
    };
    for (const row of model.actionTable.rows) {
      model.actions.push({
        number: cell(row, idx.number),
        action: cell(row, idx.action),
        owner: cell(row, idx.owner),
        targetDate: cell(row, idx.targetDate),
        blocking: cell(row, idx.blocking),
        status: cell(row, idx.status),
        row,
      });
    }
  }

  // 8. Evidence.
  model.evidenceTable = firstTableIn(model.sections.s8);
  if (model.evidenceTable) {
    const li = columnIndex(model.evidenceTable.columns, /location|path|link/, 1);
    for (const row of model.evidenceTable.rows) model.evidence.push({ artifact: cell(row, 0), location: cell(row, li), row });
  }

  // 9. Sign-off.
  model.signoffTable = firstTableIn(model.sections.s9);
  if (model.signoffTable) {
    const cols = model.signoffTable.columns;
    const ni = columnIndex(cols, /^name/, 1);
    const si = columnIndex(cols, /signature/, 2);
    const di = columnIndex(cols, /date/, 3);
    for (const row of model.signoffTable.rows) {
      const role = cell(row, 0);
      const k = keyByLabel(ROLE_LABELS, role.text);
      if (k && !model.signoff[k]) model.signoff[k] = { role, name: cell(row, ni), signature: cell(row, si), date: cell(row, di), row };
    }
  }

  return model;
}

function readHeaderLines(text: string, start: number, end: number, model: Model): void {
  const re = /[^\r\n]+/g;
  const chunk = text.slice(start, end);
  for (const m of chunk.matchAll(re)) {
    const lineStart = start + m.index!;
    const line = m[0];
    // **Label:** value  |  **Label**: value
    const f = /^(\s*)\*\*([^*]+?)(:?)\*\*(:?)[ \t]*/.exec(line);
    if (!f) continue;
    if (!f[3] && !f[4]) continue;
    const key = HEADER_MATCH.find(([, r]) => r.test(normLabel(f[2]!)))?.[0];
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
