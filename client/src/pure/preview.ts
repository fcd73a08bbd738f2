/**
 * The Markdown preview of a post-mortem as a reader wants it (issue 15): a status badge and the
 * key times (detected, opened, resolved, time to open and to resolve) under the title, and a
 * timeline strip (inline SVG: the events in order, the summary times marked, a text alternative)
 * above the Timeline table. A markdown-it plugin (`contributes.markdown.markdownItPlugins`,
 * `extendMarkdownIt` in extension.ts). Pure: no `vscode`, and no luxon or remark (the client
 * bundle stays small).
 *
 * It reads markdown-it's own tokens of the document being rendered (no Markdown reader of its
 * own) with the template descriptor's labels (shared/src/template/v1_1.ts). It only displays:
 * what it cannot read as a UTC time it shows as "—" and leaves out of the strip; the checks (and
 * their diagnostics) stay the server's. Colours are VS Code theme variables with fallbacks.
 */
import { matcher, normLabel } from '../../../shared/src/template/descriptor';
import { STATUS_VALUES, V1_1 } from '../../../shared/src/template/v1_1';
import { hasPostmortemTitle } from './detect';
import { english, type Translate } from './l10n';

/** The parts of markdown-it this plugin uses (markdown-it ≥ 12). */
export interface MdToken {
  type: string;
  tag: string;
  content: string;
  children: MdToken[] | null;
  block: boolean;
  map: [number, number] | null;
}
export interface MdState {
  src: string;
  tokens: MdToken[];
  Token: new (type: string, tag: string, nesting: number) => MdToken;
}
export interface MarkdownItLike {
  core: { ruler: { push(name: string, rule: (state: MdState) => void): void } };
}

export type TimeKey = 'firstDetected' | 'incidentOpened' | 'incidentResolved';

/** What the preview shows, read from the rendered tokens. */
export interface PreviewFacts {
  /** The Status as written; `statusKnown`: one of the template's choices (any case). */
  status?: string;
  statusKnown: boolean;
  /** Summary times as written and as read (ms since epoch, UTC), by key. */
  times: Partial<Record<TimeKey, { text: string; ms?: number }>>;
  /** Timeline rows in document order: the time as written, the event, the instant when readable. */
  events: { time: string; event: string; ms?: number }[];
}

const SUMMARY_ROWS = V1_1.tables.find((t) => t.key === 'summary')!;
const TIMELINE = V1_1.tables.find((t) => t.key === 'timeline')!;
const TIME_KEYS: readonly TimeKey[] = ['firstDetected', 'incidentOpened', 'incidentResolved'];
/** A summary time's name: `Detected` (a column of the header), or as a word in a sentence (`detected`). */
function timeName(k: TimeKey, t: Translate, inSentence = false): string {
  switch (k) {
    case 'firstDetected':
      return inSentence ? t('detected') : t('Detected');
    case 'incidentOpened':
      return inSentence ? t('opened') : t('Opened');
    case 'incidentResolved':
      return inSentence ? t('resolved') : t('Resolved');
  }
}

// ------------------------------------------------------------------ times (display only)

const FULL = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?\s*(?:UTC|Z|\+00:?00)?$/i;
const TIME_ONLY = /^(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(?:UTC|Z)?$/i;

/** A UTC timestamp as the template writes it; undefined for anything else (shown, not placed). */
export function readUtc(text: string): number | undefined {
  const m = FULL.exec(text.replace(/`/g, '').trim());
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map((x) => Number(x ?? 0)) as [number, number, number, number, number, number];
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(ms);
  return back.getUTCDate() === d && back.getUTCMonth() === mo - 1 && h < 24 && mi < 60 && s < 60 ? ms : undefined;
}

/** The timeline's cells read in order: a time-only cell is on the date of the row above (or of First detected). */
export function readTimelineTimes(cells: readonly string[], firstDetected: number | undefined): (number | undefined)[] {
  let day = firstDetected === undefined ? undefined : firstDetected - (firstDetected % 86_400_000);
  return cells.map((c) => {
    const full = readUtc(c);
    if (full !== undefined) {
      day = full - (full % 86_400_000);
      return full;
    }
    const m = TIME_ONLY.exec(c.replace(/`/g, '').trim());
    if (!m || day === undefined) return undefined;
    const [h, mi, s] = [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
    return h < 24 && mi < 60 && s < 60 ? day + ((h * 60 + mi) * 60 + s) * 1000 : undefined;
  });
}

/** Minutes as `1d 2h 5m`. */
export function durationText(ms: number): string {
  let n = Math.round(ms / 60_000);
  if (n === 0) return '0m';
  const parts: string[] = [];
  for (const [unit, size] of [['d', 1440], ['h', 60], ['m', 1]] as const) {
    const k = Math.floor(n / size);
    n -= k * size;
    if (k) parts.push(`${k}${unit}`);
  }
  return parts.join(' ');
}

function utcText(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Inline Markdown of a cell as plain text (the tokens' content is the cell's source). */
function plain(s: string): string {
  return s.replace(/\\([\\`*_{}[\]()#+\-.!|])/g, '$1').replace(/[*_`]/g, '').trim();
}

// ------------------------------------------------------------------ reading the tokens

interface TableRead {
  open: number;
  header: string[];
  rows: string[][];
}

/** Each table of the token stream: its opening token's index, header cells and body rows (inline source). */
function tables(tokens: readonly MdToken[]): TableRead[] {
  const out: TableRead[] = [];
  let cur: TableRead | undefined;
  let row: string[] | undefined;
  let inHead = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.type === 'table_open') cur = { open: i, header: [], rows: [] };
    else if (t.type === 'table_close') {
      if (cur) out.push(cur);
      cur = undefined;
    } else if (!cur) continue;
    else if (t.type === 'thead_open') inHead = true;
    else if (t.type === 'thead_close') inHead = false;
    else if (t.type === 'tr_open') row = [];
    else if (t.type === 'tr_close' && row) {
      if (inHead) cur.header = row;
      else cur.rows.push(row);
      row = undefined;
    } else if (t.type === 'inline' && row) row.push(t.content);
  }
  return out;
}

function isTimelineTable(t: TableRead): boolean {
  const labels = t.header.map(normLabel);
  return TIMELINE.columns.filter((c) => c.key !== 'actor').every((c) => labels.some((l) => matcher(c.match).test(l)));
}

/** What the preview shows of a document, from its tokens; undefined when it is not a post-mortem. */
export function readFacts(src: string, tokens: readonly MdToken[]): PreviewFacts | undefined {
  if (!hasPostmortemTitle(src)) return undefined;
  const facts: PreviewFacts = { statusKnown: false, times: {}, events: [] };
  const statusField = V1_1.fields.find((f) => f.key === V1_1.statusField)!;
  for (const t of tokens) {
    if (t.type !== 'inline' || facts.status !== undefined) continue;
    for (const line of t.content.split('\n')) {
      const m = /^\s*\*\*([^*]+?):?\*\*:?\s*(.*)$/.exec(line);
      if (m && matcher(statusField.match).test(normLabel(m[1]!))) {
        facts.status = plain(m[2]!);
        facts.statusKnown = STATUS_VALUES.some((v) => v.toLowerCase() === facts.status!.toLowerCase());
        break;
      }
    }
  }
  const all = tables(tokens);
  for (const t of all) {
    for (const r of t.rows) {
      const label = normLabel(r[0] ?? '');
      for (const key of TIME_KEYS) {
        const spec = SUMMARY_ROWS.rows.find((x) => typeof x === 'object' && !Array.isArray(x) && x.key === key) as { match: string } | undefined;
        if (spec && facts.times[key] === undefined && matcher(spec.match).test(label)) {
          const text = plain(r[1] ?? '');
          const ms = readUtc(text);
          facts.times[key] = ms === undefined ? { text } : { text, ms };
        }
      }
    }
  }
  const timeline = all.find(isTimelineTable);
  if (timeline) {
    const labels = timeline.header.map(normLabel);
    const col = (key: string) => {
      const c = TIMELINE.columns.find((x) => x.key === key)!;
      const i = labels.findIndex((l) => matcher(c.match).test(l));
      return i >= 0 ? i : (c.fallback ?? 0);
    };
    const ti = col('time');
    const ei = col('event');
    const rows = timeline.rows.filter((r) => plain(r[ti] ?? '') !== '' || plain(r[ei] ?? '') !== '');
    const times = readTimelineTimes(rows.map((r) => plain(r[ti] ?? '')), facts.times.firstDetected?.ms);
    facts.events = rows.map((r, i) => {
      const e = { time: plain(r[ti] ?? ''), event: plain(r[ei] ?? '') };
      return times[i] === undefined ? e : { ...e, ms: times[i]! };
    });
  }
  return facts;
}

// ------------------------------------------------------------------ HTML

const STATUS_COLOURS: Record<string, string> = {
  draft: 'var(--vscode-charts-blue, #3794ff)',
  'under review': 'var(--vscode-charts-orange, #d18616)',
  final: 'var(--vscode-charts-green, #388a34)',
};
const UNSET_COLOUR = 'var(--vscode-descriptionForeground, #717171)';

/** The status badge and the key times (placed under the title). */
export function renderHeader(f: PreviewFacts, t: Translate = english): string {
  // The template's own line (`DRAFT / UNDER REVIEW / FINAL`) and blanks are "not set"; other text is shown as written.
  const placeholder = !f.status || /^[_\s-]*$/.test(f.status) || STATUS_VALUES.every((v) => f.status!.toUpperCase().includes(v));
  const status = f.statusKnown ? f.status!.toUpperCase() : placeholder ? t('Status not set') : f.status!;
  const colour = f.statusKnown ? STATUS_COLOURS[f.status!.toLowerCase()]! : UNSET_COLOUR;
  const time = (k: TimeKey) => {
    const v = f.times[k];
    return v?.ms !== undefined ? utcText(v.ms) : '—';
  };
  const span = (a: TimeKey, b: TimeKey) => {
    const x = f.times[a]?.ms;
    const y = f.times[b]?.ms;
    return x !== undefined && y !== undefined && y >= x ? durationText(y - x) : '—';
  };
  const cells: [string, string][] = [
    ...TIME_KEYS.map((k): [string, string] => [timeName(k, t), time(k)]),
    [t('Time to open'), span('firstDetected', 'incidentOpened')],
    [t('Time to resolve'), span('incidentOpened', 'incidentResolved')],
  ];
  const badge =
    `<span class="postmortem-status" role="status" aria-label="${escapeHtml(t('Status: {0}', status))}" ` +
    `style="display:inline-block;padding:0.1em 0.6em;border-radius:1em;font-weight:600;font-size:0.85em;letter-spacing:0.04em;color:var(--vscode-editor-background, #fff);background:${colour}">${escapeHtml(status)}</span>`;
  const dl = cells
    .map(([k, v]) => `<div style="display:inline-block;margin:0 1.5em 0.3em 0"><dt style="font-size:0.8em;opacity:0.75;font-weight:normal">${escapeHtml(k)}</dt><dd style="margin:0;font-variant-numeric:tabular-nums">${escapeHtml(v)}</dd></div>`)
    .join('');
  return `<div class="postmortem-preview-header" style="margin:0.5em 0 1em 0">${badge}<dl style="margin:0.6em 0 0 0">${dl}</dl></div>\n`;
}

let stripCount = 0;

/** The timeline strip: the readable events on a time axis, the summary times marked; undefined with fewer than two instants. */
export function renderStrip(f: PreviewFacts, t: Translate = english): string | undefined {
  const events = f.events.filter((e) => e.ms !== undefined) as { time: string; event: string; ms: number }[];
  const marks = TIME_KEYS.flatMap((k) => (f.times[k]?.ms !== undefined ? [{ key: k, ms: f.times[k]!.ms! }] : []));
  const all = [...events.map((e) => e.ms), ...marks.map((m) => m.ms)];
  if (all.length < 2) return undefined;
  const min = Math.min(...all);
  const max = Math.max(...all);
  if (max === min) return undefined;
  const W = 1000;
  const L = 20;
  const R = 980;
  const x = (ms: number) => (L + ((ms - min) / (max - min)) * (R - L)).toFixed(1);
  const id = `pm-timeline-${++stripCount}`;
  const unplaced = f.events.length - events.length;
  const summary =
    (events.length === 1
      ? t('Timeline: 1 event from {0} to {1} ({2})', utcText(min), utcText(max), durationText(max - min))
      : t('Timeline: {0} events from {1} to {2} ({3})', events.length, utcText(min), utcText(max), durationText(max - min))) +
    (marks.length ? `; ${marks.map((m) => `${timeName(m.key, t, true)} ${utcText(m.ms)}`).join(', ')}` : '') +
    (unplaced === 1 ? `; ${t('1 row without a readable UTC time not shown')}` : unplaced > 1 ? `; ${t('{0} rows without a readable UTC time not shown', unplaced)}` : '') +
    '.';
  const parts: string[] = [];
  parts.push(`<line x1="${L}" y1="40" x2="${R}" y2="40" style="stroke:var(--vscode-editorWidget-border, currentColor);stroke-width:2;opacity:0.6"/>`);
  marks.forEach((m, i) => {
    const cx = x(m.ms);
    const label = timeName(m.key, t, true);
    const anchor = Number(cx) > 900 ? 'end' : Number(cx) < 100 ? 'start' : 'middle';
    parts.push(
      `<g><title>${escapeHtml(`${timeName(m.key, t)}: ${utcText(m.ms)}`)}</title>` +
        `<line x1="${cx}" y1="22" x2="${cx}" y2="58" style="stroke:var(--vscode-charts-red, #e51400);stroke-width:2;stroke-dasharray:4 3"/>` +
        `<text x="${cx}" y="${72 + i * 14}" text-anchor="${anchor}" style="fill:currentColor;font-size:12px">${escapeHtml(label)}</text></g>`,
    );
  });
  for (const e of events) {
    parts.push(
      `<circle cx="${x(e.ms)}" cy="40" r="6" style="fill:var(--vscode-charts-blue, #3794ff);stroke:var(--vscode-editor-background, #fff);stroke-width:1.5">` +
        `<title>${escapeHtml(`${utcText(e.ms)} — ${e.event}`)}</title></circle>`,
    );
  }
  parts.push(`<text x="${L}" y="14" style="fill:currentColor;font-size:12px;opacity:0.75">${escapeHtml(utcText(min))}</text>`);
  parts.push(`<text x="${R}" y="14" text-anchor="end" style="fill:currentColor;font-size:12px;opacity:0.75">${escapeHtml(utcText(max))}</text>`);
  const height = 72 + Math.max(0, marks.length - 1) * 14 + 8;
  return (
    `<figure class="postmortem-timeline" style="margin:0.5em 0 1em 0">` +
    `<svg viewBox="0 0 ${W} ${height}" width="100%" role="img" aria-labelledby="${id}-title ${id}-desc" style="max-height:${height * 1.2}px;overflow:visible">` +
    `<title id="${id}-title">${escapeHtml(t('Incident timeline'))}</title><desc id="${id}-desc">${escapeHtml(summary)}</desc>${parts.join('')}</svg>` +
    `<figcaption style="font-size:0.85em;opacity:0.75">${escapeHtml(summary)}</figcaption></figure>\n`
  );
}

/**
 * The markdown-it plugin: `md.use(postmortemPreview)` (English) or `md.use((m) => postmortemPreview(m, t))`.
 * Documents that are not post-mortems are left alone.
 */
export function postmortemPreview(md: MarkdownItLike, t: Translate = english): void {
  md.core.ruler.push('postmortem_preview', (state) => {
    let facts: PreviewFacts | undefined;
    try {
      facts = readFacts(state.src, state.tokens);
    } catch {
      return; // The preview must render whatever happens here.
    }
    if (!facts) return;
    const html = (content: string) => {
      const token = new state.Token('html_block', '', 0);
      token.content = content;
      token.block = true;
      return token;
    };
    const timelineOpen = tables(state.tokens).find(isTimelineTable)?.open;
    const strip = renderStrip(facts, t);
    if (strip !== undefined && timelineOpen !== undefined) state.tokens.splice(timelineOpen, 0, html(strip));
    const title = state.tokens.findIndex((t) => t.type === 'heading_close');
    state.tokens.splice(title >= 0 ? title + 1 : 0, 0, html(renderHeader(facts, t)));
  });
}
