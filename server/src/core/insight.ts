/**
 * From documents to insight (issue 15): the action items of many post-mortems as rows, and the
 * statistics a governance review asks for (post-mortems by status, severity, trigger and month;
 * median and p90 time to open and to resolve; open, overdue and blocking action items per owner).
 * Read from analyses (`analyze()`), with the readers of `values.ts` / `timeline.ts`: nothing here
 * reads Markdown. Pure: no `node:`, no `vscode`, no LSP. The output formats are `insightFormat.ts`.
 *
 * Decisions (docs/cli.md, "actions and stats"):
 * - An action item is a §7 row whose Action is filled (a placeholder row is the template's).
 * - It is **open unless its Status is DONE** (the words): `OPEN`, `IN PROGRESS`, `WONTFIX`,
 *   a placeholder or an unknown Status all count as open. Note: the Post-Mortems view and the
 *   status bar (`summary.ts`) count only `OPEN` / `IN PROGRESS` as open.
 * - Overdue: open, and its target date (`YYYY-MM-DD`) is before today (UTC). An unreadable or empty
 *   target date is never overdue (PM011 reports it).
 * - Time to open = Incident opened − First detected; time to resolve = Incident resolved − Incident
 *   opened, in minutes, from readable UTC values only. A document whose times are written but
 *   cannot be read (PM005/PM006), or whose difference is negative (PM008), is counted apart as
 *   `unreadable`; one with a time still empty/placeholder as `missing`. Nothing is guessed.
 * - Median: the mean of the two middle values for an even count; p90: nearest rank
 *   (the ⌈0.9·n⌉-th smallest value).
 */
import type { DateTime } from 'luxon';
import { ACTION_STATUSES, SEVERITIES, YES_NO } from '../../../shared/src/template/v1_1';
import { DOCUMENT_STATUSES } from '../../../shared/src/status';
import { statusWorkflow } from '../../../shared/src/template/descriptor';
import type { ActionItemFacts } from '../../../shared/src/protocol';
import type { Analysis } from './analyze';
import { summaryInstant } from './timeline';
import { caseInsensitiveChoice, isPlaceholder, readDate } from './values';

/** The one action-item Status that closes an item (the words: open unless DONE). */
const DONE: (typeof ACTION_STATUSES)[number] = 'DONE';

export const UNSET = '(unset)';
export const NO_OWNER = '(no owner)';
export const UNKNOWN_MONTH = '(unknown)';

/** One action item of one post-mortem. Values as written (trimmed), `null` while still a placeholder. */
export interface ActionItemRow extends ActionItemFacts {
  /** The document's name as the caller gives it (the CLI: the path as shown). */
  file: string;
  /** 1-based line of the row. */
  line: number;
  incidentId: string | null;
  /** The `#` cell. */
  number: string | null;
}

/** "Today" as `YYYY-MM-DD` (UTC). */
export function utcDay(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** A cell as written (trimmed, code ticks dropped, `\\|` read as `|`); null while empty or a placeholder (`YES / NO` too). */
function cell(text: string, choices?: readonly string[]): string | null {
  const v = text.trim().replace(/^`(.*)`$/, '$1').replace(/\\\|/g, '|').trim();
  return v === '' || isPlaceholder(v, choices) ? null : v;
}

function incidentIdOf(analysis: Analysis): string | null {
  const f = analysis.model.header.incidentId;
  return f ? cell(f.value.text) : null;
}

/** The action items of one analysed post-mortem. `today`: `YYYY-MM-DD` (UTC). */
export function actionRows(file: string, analysis: Analysis, today: string): ActionItemRow[] {
  const out: ActionItemRow[] = [];
  if (!analysis.isPostmortem) return out;
  const incidentId = incidentIdOf(analysis);
  for (const item of analysis.model.actions) {
    const action = cell(item.action.text);
    if (action === null) continue;
    const statusText = cell(item.status.text, ACTION_STATUSES);
    const status = statusText === null ? null : (caseInsensitiveChoice(statusText, ACTION_STATUSES) ?? statusText);
    const open = status !== DONE;
    const target = cell(item.targetDate.text);
    const date = target !== null ? readDate(target).date : undefined;
    const blockingText = cell(item.blocking.text, YES_NO);
    const blocking = blockingText === null ? null : (caseInsensitiveChoice(blockingText, YES_NO) ?? null);
    out.push({
      file,
      line: analysis.lines.positionAt(item.row.start).line + 1,
      incidentId,
      number: cell(item.number.text),
      action,
      owner: cell(item.owner.text),
      targetDate: date ? (date.toISODate() ?? target) : target,
      blocking: blocking === null ? null : blocking === YES_NO[0],
      status,
      open,
      overdue: open && date !== undefined && (date.toISODate() ?? '') < today,
    });
  }
  return out;
}

export interface ActionFilter {
  open?: boolean;
  overdue?: boolean;
  /** Case-insensitive, whole owner cell. */
  owner?: string;
}

export function filterActions(rows: readonly ActionItemRow[], f: ActionFilter): ActionItemRow[] {
  const owner = f.owner?.trim().toLowerCase();
  return rows.filter((r) => (!f.open || r.open) && (!f.overdue || r.overdue) && (owner === undefined || (r.owner ?? '').toLowerCase() === owner));
}

// ------------------------------------------------------------------ stats

/** What one post-mortem contributes to the statistics. */
export interface DocumentFacts {
  file: string;
  status: string;
  severity: string;
  trigger: string;
  /** `YYYY-MM` of First detected (else Incident opened), or `(unknown)`. */
  month: string;
  /** Minutes; undefined when not computable (see `toOpenState`). */
  toOpen?: number;
  toOpenState: TimeState;
  toResolve?: number;
  toResolveState: TimeState;
  /** The Status workflow of the document's template (v1.1: DRAFT, UNDER REVIEW, FINAL). */
  workflow: readonly string[];
}

export type TimeState = 'ok' | 'missing' | 'unreadable';

type TimeKey = 'firstDetected' | 'incidentOpened' | 'incidentResolved';

function timeState(analysis: Analysis, key: TimeKey): { t?: DateTime; state: TimeState } {
  const row = analysis.model.summary[key];
  if (!row || cell(row.value.text) === null) return { state: 'missing' };
  const t = summaryInstant(analysis.model, key);
  return t ? { t, state: 'ok' } : { state: 'unreadable' };
}

function between(a: { t?: DateTime; state: TimeState }, b: { t?: DateTime; state: TimeState }): { minutes?: number; state: TimeState } {
  if (a.state === 'unreadable' || b.state === 'unreadable') return { state: 'unreadable' };
  if (!a.t || !b.t) return { state: 'missing' };
  const minutes = (b.t.toMillis() - a.t.toMillis()) / 60_000;
  return minutes < 0 ? { state: 'unreadable' } : { minutes, state: 'ok' };
}

export function documentFacts(file: string, analysis: Analysis): DocumentFacts {
  const s = analysis.model.summary;
  const sevText = s.severity ? cell(s.severity.value.text, SEVERITIES) : null;
  const severity = sevText === null ? UNSET : (caseInsensitiveChoice(sevText, SEVERITIES) ?? sevText);
  const trigger = (s.trigger ? cell(s.trigger.value.text) : null) ?? UNSET;
  const detected = timeState(analysis, 'firstDetected');
  const opened = timeState(analysis, 'incidentOpened');
  const resolved = timeState(analysis, 'incidentResolved');
  const monthOf = detected.t ?? opened.t;
  const o = between(detected, opened);
  const r = between(opened, resolved);
  const facts: DocumentFacts = {
    file,
    status: analysis.status ?? 'unset',
    severity,
    trigger,
    month: monthOf ? monthOf.toFormat('yyyy-MM') : UNKNOWN_MONTH,
    toOpenState: o.state,
    toResolveState: r.state,
    workflow: statusWorkflow(analysis.template.descriptor).values,
  };
  if (o.minutes !== undefined) facts.toOpen = o.minutes;
  if (r.minutes !== undefined) facts.toResolve = r.minutes;
  return facts;
}

export interface DurationStats {
  /** Documents with a computable duration. */
  count: number;
  /** Minutes; null when count is 0. */
  median: number | null;
  p90: number | null;
  /** Documents with a time still empty or a placeholder. */
  missing: number;
  /** Documents whose times cannot be read as UTC, or are out of order: counted apart, never guessed. */
  unreadable: number;
}

export interface OwnerStats {
  owner: string;
  open: number;
  overdue: number;
  /** Open and Blocking? YES. */
  blocking: number;
}

export interface Stats {
  /** `YYYY-MM-DD` the overdue counts are computed for. */
  today: string;
  postmortems: number;
  byStatus: Record<string, number>;
  bySeverity: Record<string, number>;
  byTrigger: Record<string, number>;
  byMonth: Record<string, number>;
  timeToOpen: DurationStats;
  timeToResolve: DurationStats;
  /** Documents with at least one unreadable time (counted once). */
  unreadableDocuments: string[];
  actions: { total: number; open: number; overdue: number; blocking: number };
  owners: OwnerStats[];
}

export function median(sorted: readonly number[]): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  return n % 2 === 1 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
}

/** Nearest rank: the ⌈p·n⌉-th smallest value. */
export function percentile(sorted: readonly number[], p: number): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  return sorted[Math.min(n, Math.max(1, Math.ceil(p * n))) - 1]!;
}

function durationStats(facts: readonly DocumentFacts[], pick: (f: DocumentFacts) => [number | undefined, TimeState]): DurationStats {
  const values: number[] = [];
  let missing = 0;
  let unreadable = 0;
  for (const f of facts) {
    const [v, state] = pick(f);
    if (state === 'ok' && v !== undefined) values.push(v);
    else if (state === 'missing') missing++;
    else unreadable++;
  }
  values.sort((a, b) => a - b);
  return { count: values.length, median: median(values), p90: percentile(values, 0.9), missing, unreadable };
}

function countBy(facts: readonly DocumentFacts[], key: (f: DocumentFacts) => string, order?: readonly string[]): Record<string, number> {
  const counts = new Map<string, number>();
  for (const o of order ?? []) counts.set(o, 0);
  for (const f of facts) counts.set(key(f), (counts.get(key(f)) ?? 0) + 1);
  const keys = [...counts.keys()];
  if (!order) keys.sort();
  else keys.sort((a, b) => rank(order, a) - rank(order, b) || (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(keys.map((k) => [k, counts.get(k)!]));
}

function rank(order: readonly string[], k: string): number {
  const i = order.indexOf(k);
  return i < 0 ? order.length : i;
}

/**
 * The order the statuses are counted in: the workflows of the documents' templates, each status
 * once, in the order first seen (every status of a workflow is listed, zeros included); v1.1's
 * when there is no document.
 */
export function statusOrder(facts: readonly DocumentFacts[]): string[] {
  const order = new Set<string>();
  for (const f of facts) for (const s of f.workflow) order.add(s);
  return order.size > 0 ? [...order] : [...DOCUMENT_STATUSES];
}

/** The statistics of many post-mortems (facts and action rows of the same documents). */
export function computeStats(facts: readonly DocumentFacts[], rows: readonly ActionItemRow[], today: string): Stats {
  const owners = new Map<string, OwnerStats>();
  let open = 0;
  let overdue = 0;
  let blocking = 0;
  for (const r of rows) {
    if (!r.open) continue;
    const name = r.owner ?? NO_OWNER;
    let o = owners.get(name);
    if (!o) owners.set(name, (o = { owner: name, open: 0, overdue: 0, blocking: 0 }));
    o.open++;
    open++;
    if (r.overdue) {
      o.overdue++;
      overdue++;
    }
    if (r.blocking === true) {
      o.blocking++;
      blocking++;
    }
  }
  return {
    today,
    postmortems: facts.length,
    byStatus: countBy(facts, (f) => f.status, statusOrder(facts)),
    bySeverity: countBy(facts, (f) => f.severity, [...SEVERITIES]),
    byTrigger: countBy(facts, (f) => f.trigger),
    byMonth: countBy(facts, (f) => f.month),
    timeToOpen: durationStats(facts, (f) => [f.toOpen, f.toOpenState]),
    timeToResolve: durationStats(facts, (f) => [f.toResolve, f.toResolveState]),
    unreadableDocuments: facts.filter((f) => f.toOpenState === 'unreadable' || f.toResolveState === 'unreadable').map((f) => f.file),
    actions: { total: rows.length, open, overdue, blocking },
    owners: [...owners.values()].sort((a, b) => b.overdue - a.overdue || b.open - a.open || (a.owner < b.owner ? -1 : a.owner > b.owner ? 1 : 0)),
  };
}
