/**
 * The output formats of `postmortem-lint actions` and `postmortem-lint stats` (and of the
 * extension's Export Report, which writes `formatStatsMarkdown`): table, csv, json, markdown.
 * Pure strings: no `node:`, no `vscode`.
 */
import type { ActionItemRow, DurationStats, Stats } from './insight';

export type ActionsFormat = 'table' | 'csv' | 'json' | 'markdown';
export const ACTIONS_FORMATS: readonly ActionsFormat[] = ['table', 'csv', 'json', 'markdown'];
export type StatsFormat = 'table' | 'json' | 'markdown';
export const STATS_FORMATS: readonly StatsFormat[] = ['table', 'json', 'markdown'];

const ACTION_COLUMNS = ['File', 'Line', 'Incident', 'Action', 'Owner', 'Target date', 'Blocking', 'Status', 'Overdue'] as const;

function yesNo(v: boolean | null): string {
  return v === null ? '' : v ? 'YES' : 'NO';
}

function actionCells(r: ActionItemRow): string[] {
  return [r.file, String(r.line), r.incidentId ?? '', r.action, r.owner ?? '', r.targetDate ?? '', yesNo(r.blocking), r.status ?? '', r.overdue ? 'YES' : 'NO'];
}

/** Plain columns separated by two spaces, padded by code points (no terminal-width library in the core). */
export function textTable(header: readonly string[], rows: readonly (readonly string[])[], rightAligned: ReadonlySet<number> = new Set()): string {
  const all = [header, ...rows].map((r) => r.map((c) => c.replace(/\s+/g, ' ')));
  const widths = header.map((_, i) => Math.max(...all.map((r) => [...(r[i] ?? '')].length)));
  const line = (r: readonly string[]) =>
    r
      .map((c, i) => {
        const pad = ' '.repeat(widths[i]! - [...c].length);
        return rightAligned.has(i) ? pad + c : i === r.length - 1 ? c : c + pad;
      })
      .join('  ')
      .trimEnd();
  return [line(all[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...all.slice(1).map(line)].join('\n') + '\n';
}

/** RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled; CRLF between records. */
export function csvField(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** A Markdown table cell: pipes escaped, line breaks as spaces. */
export function mdCell(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\s*[\r\n]+\s*/g, ' ');
}

function mdTable(header: readonly string[], rows: readonly (readonly string[])[], rightAligned: ReadonlySet<number> = new Set()): string {
  const out = [`| ${header.map(mdCell).join(' | ')} |`, `|${header.map((_, i) => (rightAligned.has(i) ? '---:' : '---')).join('|')}|`];
  for (const r of rows) out.push(`| ${r.map(mdCell).join(' | ')} |`);
  return out.join('\n') + '\n';
}

export function formatActions(rows: readonly ActionItemRow[], format: ActionsFormat): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(rows, null, 2)}\n`;
    case 'csv':
      return [ACTION_COLUMNS, ...rows.map(actionCells)].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
    case 'markdown':
      return mdTable(ACTION_COLUMNS, rows.map(actionCells), new Set([1]));
    default: {
      const open = rows.filter((r) => r.open).length;
      const overdue = rows.filter((r) => r.overdue).length;
      const summary = `${rows.length} action item${rows.length === 1 ? '' : 's'}, ${open} open, ${overdue} overdue\n`;
      return rows.length === 0 ? summary : `${textTable(ACTION_COLUMNS, rows.map(actionCells), new Set([1]))}\n${summary}`;
    }
  }
}

/** Minutes as `1d 2h 3m` (whole minutes, rounded); `—` for none. */
export function minutesText(m: number | null): string {
  if (m === null) return '—';
  let n = Math.round(m);
  if (n === 0) return '0m';
  const parts: string[] = [];
  const d = Math.floor(n / 1440);
  n -= d * 1440;
  const h = Math.floor(n / 60);
  n -= h * 60;
  if (d) parts.push(`${d}d`);
  if (h) parts.push(`${h}h`);
  if (n) parts.push(`${n}m`);
  return parts.join(' ');
}

function countRows(counts: Record<string, number>): string[][] {
  return Object.entries(counts).map(([k, n]) => [k, String(n)]);
}

function durationRow(name: string, d: DurationStats): string[] {
  return [name, String(d.count), minutesText(d.median), minutesText(d.p90), String(d.missing), String(d.unreadable)];
}

const DURATION_HEADER = ['Measure', 'Documents', 'Median', 'p90', 'Missing', 'Unreadable'];
const OWNER_HEADER = ['Owner', 'Open', 'Overdue', 'Blocking'];

function sections(s: Stats): { title: string; header: string[]; rows: string[][]; right: Set<number> }[] {
  return [
    { title: 'Time to open and to resolve', header: DURATION_HEADER, rows: [durationRow('Time to open', s.timeToOpen), durationRow('Time to resolve', s.timeToResolve)], right: new Set([1, 2, 3, 4, 5]) },
    { title: 'By status', header: ['Status', 'Post-mortems'], rows: countRows(s.byStatus), right: new Set([1]) },
    { title: 'By severity', header: ['Severity', 'Post-mortems'], rows: countRows(s.bySeverity), right: new Set([1]) },
    { title: 'By trigger', header: ['Trigger', 'Post-mortems'], rows: countRows(s.byTrigger), right: new Set([1]) },
    { title: 'By month (first detected)', header: ['Month', 'Post-mortems'], rows: countRows(s.byMonth), right: new Set([1]) },
    {
      title: 'Open action items by owner',
      header: OWNER_HEADER,
      rows: s.owners.map((o) => [o.owner, String(o.open), String(o.overdue), String(o.blocking)]),
      right: new Set([1, 2, 3]),
    },
  ];
}

function headline(s: Stats): string {
  return `${s.postmortems} post-mortem${s.postmortems === 1 ? '' : 's'}; ${s.actions.total} action items: ${s.actions.open} open, ${s.actions.overdue} overdue (before ${s.today}), ${s.actions.blocking} open and blocking`;
}

function unreadableNote(s: Stats): string {
  return s.unreadableDocuments.length === 0
    ? ''
    : `Counted apart (times that cannot be read as UTC, or out of order): ${s.unreadableDocuments.join(', ')}`;
}

export function formatStats(s: Stats, format: StatsFormat): string {
  if (format === 'json') return `${JSON.stringify(s, null, 2)}\n`;
  if (format === 'markdown') return formatStatsMarkdown(s);
  const parts = [`${headline(s)}\n`];
  for (const sec of sections(s)) parts.push(`${sec.title}\n${sec.rows.length === 0 ? '(none)\n' : textTable(sec.header, sec.rows, sec.right)}`);
  const note = unreadableNote(s);
  if (note) parts.push(`${note}\n`);
  return parts.join('\n');
}

/** The report as a Markdown document (`stats --format markdown`, Export Report). */
export function formatStatsMarkdown(s: Stats, title = 'Post-mortem report'): string {
  const parts = [`# ${mdCell(title)}\n`, `As of ${s.today} (UTC). ${headline(s)}.\n`];
  for (const sec of sections(s)) parts.push(`## ${sec.title}\n\n${sec.rows.length === 0 ? '(none)\n' : mdTable(sec.header, sec.rows, sec.right)}`);
  const note = unreadableNote(s);
  if (note) parts.push(`${note.replace(/: (.*)$/, (_, list: string) => `: ${list.split(', ').map((f) => `\`${f}\``).join(', ')}`)}\n`);
  parts.push('Time to open = Incident opened − First detected; time to resolve = Incident resolved − Incident opened (UTC). Median of the documents with readable times; p90 by nearest rank.\n');
  return parts.join('\n');
}
