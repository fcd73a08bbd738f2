/**
 * Reading the server's `workspace/executeCommand` and `postmortem/summary` results, checked at
 * the boundary (a server is another process: never trust its JSON). The ids and result types
 * are shared with the server (shared/src/protocol.ts). No `vscode` import.
 */
import type { CheckWorkspaceResult, CheckedSummary, DocumentSummary, NewFileTemplate, TemplateInfo, WireDiagnostic, WirePosition, WireActionItem, WireRange } from '../../../shared/src/protocol';
import { STATUS_GROUPS, type StatusGroup } from '../../../shared/src/status';
import { english, type Translate } from './l10n';

/** A diagnostic from the server as the client keeps it: its code as a string. */
export interface Blocker extends WireDiagnostic {
  code?: string;
}

export type MarkFinalResult = { applied: true } | { applied: false; blockers: Blocker[]; reason?: string };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function position(v: unknown): WirePosition | undefined {
  if (!isRecord(v)) return undefined;
  const { line, character } = v;
  if (typeof line !== 'number' || typeof character !== 'number' || !(line >= 0) || !(character >= 0)) return undefined;
  return { line: Math.floor(line), character: Math.floor(character) };
}

function range(v: unknown): WireRange | undefined {
  if (!isRecord(v)) return undefined;
  const start = position(v.start);
  const end = position(v.end);
  return start && end ? { start, end } : undefined;
}

/** One diagnostic from the server, or undefined when it is not one. */
export function toBlocker(v: unknown): Blocker | undefined {
  if (!isRecord(v) || typeof v.message !== 'string') return undefined;
  const r = range(v.range);
  if (!r) return undefined;
  const b: Blocker = { range: r, message: v.message };
  if (typeof v.code === 'string' || typeof v.code === 'number') b.code = String(v.code);
  if (typeof v.severity === 'number') b.severity = v.severity;
  return b;
}

function blockerList(v: unknown): Blocker[] {
  if (!Array.isArray(v)) return [];
  const out: Blocker[] = [];
  for (const x of v) {
    const b = toBlocker(x);
    if (b) out.push(b);
  }
  return out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

/** The Mark Final result, or undefined when the server answered something else. */
export function parseMarkFinalResult(v: unknown): MarkFinalResult | undefined {
  if (!isRecord(v) || typeof v.applied !== 'boolean') return undefined;
  if (v.applied) return { applied: true };
  const r: MarkFinalResult = { applied: false, blockers: blockerList(v.blockers) };
  if (typeof v.reason === 'string' && v.reason !== '') r.reason = v.reason;
  return r;
}

export interface FormatResult {
  applied: boolean;
  /** false when the table was already formatted. */
  changed?: boolean;
  /** Why nothing was applied. */
  message?: string;
}

/** The Format Timeline result; `null` (a server that applies and returns nothing) counts as applied. */
export function parseFormatResult(v: unknown): FormatResult | undefined {
  if (v === null || v === undefined) return { applied: true };
  if (!isRecord(v) || typeof v.applied !== 'boolean') return undefined;
  const r: FormatResult = { applied: v.applied };
  if (typeof v.changed === 'boolean') r.changed = v.changed;
  if (typeof v.message === 'string') r.message = v.message;
  else if (typeof v.reason === 'string') r.message = v.reason;
  return r;
}

/** `Line 12 · PM003`: the quick pick's description for a blocker. */
export function blockerDescription(b: Blocker, t: Translate = english): string {
  return b.code ? t('Line {0} · {1}', b.range.start.line + 1, b.code) : t('Line {0}', b.range.start.line + 1);
}

const count = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : undefined);

const strings = (v: unknown): string[] | undefined => (Array.isArray(v) && v.every((x) => typeof x === 'string') ? [...(v as string[])] : undefined);

/** A summary's `template` (which template the document follows), or undefined when it is not one. */
export function templateInfo(v: unknown): TemplateInfo | undefined {
  if (!isRecord(v) || typeof v.title !== 'string' || typeof v.source !== 'string' || typeof v.builtIn !== 'boolean') return undefined;
  const statuses = strings(v.statuses);
  if (!statuses) return undefined;
  return { title: v.title, source: v.source, builtIn: v.builtIn, statuses };
}

/** The `postmortem/templates` answer (New Post-Mortem's choices); templates the client cannot read are left out. */
export function parseTemplatesResult(v: unknown): NewFileTemplate[] | undefined {
  if (!isRecord(v) || !Array.isArray(v.templates)) return undefined;
  const out: NewFileTemplate[] = [];
  for (const t of v.templates) {
    const info = templateInfo(t);
    if (!info || !isRecord(t) || typeof t.text !== 'string' || !isRecord(t.fields)) continue;
    const fields: NewFileTemplate['fields'] = {};
    for (const k of ['incidentId', 'author', 'date', 'status'] as const) {
      const label = t.fields[k];
      if (typeof label === 'string' && label !== '') fields[k] = label;
    }
    out.push({ ...info, text: t.text, fields });
  }
  return out;
}

/** The final status of a summarised document: its template's last status (v1.1: `FINAL`). */
export function finalStatus(s: Pick<CheckedSummary, 'template'>): string {
  return s.template?.statuses.at(-1) ?? 'FINAL';
}

function checkedSummary(v: Record<string, unknown>, uri: string): CheckedSummary | undefined {
  const errors = count(v.errors);
  const actions = isRecord(v.actions) ? { open: count(v.actions.open), overdue: count(v.actions.overdue) } : undefined;
  const id = isRecord(v.incidentId) ? v.incidentId : undefined;
  const template = v.template === undefined ? undefined : templateInfo(v.template);
  // A team template's statuses are its own (`Published`); v1.1's are the shared ones.
  const statuses: readonly unknown[] = template ? [...template.statuses, 'unset'] : STATUS_GROUPS;
  if (!statuses.includes(v.status) || errors === undefined || actions?.open === undefined || actions.overdue === undefined || !id) return undefined;
  const incidentId: CheckedSummary['incidentId'] =
    id.state === 'set' && typeof id.value === 'string' ? { state: 'set', value: id.value } : id.state === 'missing' ? { state: 'missing' } : { state: 'placeholder' };
  const out: CheckedSummary = {
    uri,
    checked: true,
    version: count(v.version) ?? null,
    status: v.status as StatusGroup,
    incidentId,
    errors,
    actions: { open: actions.open, overdue: actions.overdue },
  };
  if (typeof v.statusText === 'string') out.statusText = v.statusText;
  const statusRange = range(v.statusRange);
  if (statusRange) out.statusRange = statusRange;
  const blockers = count(v.blockers);
  if (blockers !== undefined) out.blockers = blockers;
  if (isRecord(v.timeline)) {
    const headerLine = count(v.timeline.headerLine);
    const lastLine = count(v.timeline.lastLine);
    const columns = count(v.timeline.columns);
    if (headerLine !== undefined && lastLine !== undefined && lastLine >= headerLine) {
      out.timeline = columns !== undefined && columns >= 2 ? { headerLine, lastLine, columns } : { headerLine, lastLine };
    }
  }
  if (Array.isArray(v.actionItems)) out.actionItems = v.actionItems.map(actionItem).filter((a): a is WireActionItem => a !== undefined);
  if (template) out.template = template;
  return out;
}

const text = (v: unknown): string | null | undefined => (typeof v === 'string' ? v : v === null ? null : undefined);

/** One action item of a summary; undefined when it is not one (left out). */
export function actionItem(v: unknown): WireActionItem | undefined {
  if (!isRecord(v)) return undefined;
  const line = count(v.line);
  const owner = text(v.owner);
  const targetDate = text(v.targetDate);
  const status = text(v.status);
  const blocking = typeof v.blocking === 'boolean' || v.blocking === null ? v.blocking : undefined;
  if (line === undefined || typeof v.action !== 'string' || owner === undefined || targetDate === undefined || status === undefined || blocking === undefined) return undefined;
  if (typeof v.open !== 'boolean' || typeof v.overdue !== 'boolean') return undefined;
  return { line, action: v.action, owner, targetDate, blocking, status, open: v.open, overdue: v.overdue };
}

/**
 * The `postmortem/summary` answer for `uris` (in that order), or undefined when it is not one.
 * A summary the client cannot read counts as unchecked.
 */
export function parseSummaryResult(v: unknown, uris: readonly string[]): DocumentSummary[] | undefined {
  const list: unknown = isRecord(v) ? v.summaries : undefined;
  if (!Array.isArray(list) || list.length !== uris.length) return undefined;
  return uris.map((uri, i): DocumentSummary => {
    const s: unknown = list[i];
    if (isRecord(s) && s.checked === true) return checkedSummary(s, uri) ?? { uri, checked: false, reason: 'unexpected summary' };
    return { uri, checked: false, reason: isRecord(s) && typeof s.reason === 'string' ? s.reason : 'unexpected summary' };
  });
}

/** The Post-Mortems view's description of a document: `2 errors · 1 open · 1 overdue`. */
export function describeSummary(s: Pick<CheckedSummary, 'errors' | 'actions'>, t: Translate = english): string {
  return [s.errors === 1 ? t('1 error') : t('{0} errors', s.errors), t('{0} open', s.actions.open), t('{0} overdue', s.actions.overdue)].join(' · ');
}

/** A status group's label: the Status value itself (what the document says, not translated), or `Status not set`. */
export function groupLabel(g: StatusGroup, t: Translate = english): string {
  return g === 'unset' ? t('Status not set') : g;
}

/** The Check Workspace result, or undefined when the server answered something else. */
export function parseCheckWorkspaceResult(v: unknown): CheckWorkspaceResult | undefined {
  if (!isRecord(v)) return undefined;
  const n = (k: string) => count(v[k]);
  const files = n('files');
  const postmortems = n('postmortems');
  const errors = n('errors');
  const warnings = n('warnings');
  const infos = n('infos');
  const hints = n('hints');
  const withErrors = n('withErrors');
  if (files === undefined || postmortems === undefined || errors === undefined || warnings === undefined || infos === undefined || hints === undefined || withErrors === undefined) return undefined;
  const problems = Array.isArray(v.problems) ? v.problems.filter((p): p is string => typeof p === 'string') : [];
  return { files, postmortems, errors, warnings, infos, hints, withErrors, problems, truncated: v.truncated === true };
}
