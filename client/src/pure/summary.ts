/**
 * What the Post-Mortems view shows for one document: its Status and its open and
 * overdue action items, read from the text. No `vscode` import.
 */
import { readIncidentId } from './incidentId';
import { columnIndex, headerField, isPlaceholder, sectionTable, splitLines } from './markdown';
import { utcDate } from './newPostmortem';

export type StatusGroup = 'DRAFT' | 'UNDER REVIEW' | 'FINAL' | 'unset';

export const STATUS_GROUPS: readonly StatusGroup[] = ['DRAFT', 'UNDER REVIEW', 'FINAL', 'unset'];

export interface PostmortemSummary {
  /** The Status, canonical; `unset` for a placeholder, an empty or unknown value, or no Status line. */
  status: StatusGroup;
  /** The Status text as written, when it is not one of the three (e.g. `FINALISED`). */
  statusText?: string;
  /** 0-based line of the Status field, when there is one. */
  statusLine?: number;
  incidentId?: string;
  /** Filled action items whose Status is OPEN or IN PROGRESS. */
  open: number;
  /** Open action items whose target date (YYYY-MM-DD) is before today (UTC). */
  overdue: number;
}

const OPEN_STATES = new Set(['OPEN', 'IN PROGRESS']);

function canonicalStatus(value: string): StatusGroup | undefined {
  const v = value.replace(/[`*_]/g, '').replace(/\s+/g, ' ').trim().toUpperCase();
  return v === 'DRAFT' || v === 'UNDER REVIEW' || v === 'FINAL' ? v : undefined;
}

export function summarize(text: string, now: Date): PostmortemSummary {
  const out: PostmortemSummary = { status: 'unset', open: 0, overdue: 0 };
  const status = headerField(text, 'Status');
  if (status) {
    out.statusLine = status.line;
    const c = canonicalStatus(status.value);
    // `DRAFT / UNDER REVIEW / FINAL` (all choices) is the template's placeholder: unset.
    if (c) out.status = c;
    else if (!isPlaceholder(status.value) && !/\//.test(status.value)) out.statusText = status.value;
  }
  const id = readIncidentId(text);
  if (id.kind === 'set') out.incidentId = id.id;

  const table = sectionTable(splitLines(text), /^(7\.?\s*)?action items\b/i);
  if (table) {
    const action = columnIndex(table.columns, /^action/, 1);
    const target = columnIndex(table.columns, /target|due/, 3);
    const state = columnIndex(table.columns, /status/, 5);
    const today = utcDate(now);
    for (const row of table.rows) {
      const a = row.cells[action] ?? '';
      if (isPlaceholder(a)) continue;
      const s = (row.cells[state] ?? '').replace(/\s+/g, ' ').trim().toUpperCase();
      if (!OPEN_STATES.has(s)) continue;
      out.open++;
      const d = /^(\d{4}-\d{2}-\d{2})$/.exec((row.cells[target] ?? '').trim());
      if (d && d[1]! < today) out.overdue++;
    }
  }
  return out;
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/**
 * The tree item's description: `2 errors · 1 open · 1 overdue`. `errors` is undefined
 * when the error count is not known (the document is not open, so the server has not
 * checked it); then only the action items are shown.
 */
export function describeSummary(s: Pick<PostmortemSummary, 'open' | 'overdue'>, errors: number | undefined): string {
  const parts: string[] = [];
  if (errors !== undefined) parts.push(plural(errors, 'error', 'errors'));
  parts.push(`${s.open} open`);
  parts.push(`${s.overdue} overdue`);
  return parts.join(' · ');
}

export function groupLabel(g: StatusGroup): string {
  return g === 'unset' ? 'Status not set' : g;
}
