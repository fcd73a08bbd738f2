/**
 * What the client shows about a post-mortem (status bar, Mark Final code lens, Post-Mortems view),
 * read from the analysis — the same model and findings the rules use, so a fenced example
 * table is never counted and the client needs no Markdown reader of its own. Offsets only;
 * the server turns them into lines (`postmortem/summary`, server/src/handlers/summary.ts).
 */
import { DateTime } from 'luxon';
import type { CheckedSummary } from '../../../shared/src/protocol';
import { ACTION_STATUSES, OPEN_ACTION_STATUSES } from '../../../shared/src/status';
import type { Analysis } from './analyze';
import type { Span } from './model';
import { actionRows, utcDay } from './insight';
import { templateInfo } from './templates';
import type { Finding } from './types';
import { caseInsensitiveChoice, isPlaceholder, readDate } from './values';

/**
 * `postmortem/summary`'s facts (shared/src/protocol.ts documents each), in offsets: the Status
 * value and the Timeline table as spans; `blockers` only with `asFinal`.
 */
export type Summary = Pick<CheckedSummary, 'status' | 'statusText' | 'incidentId' | 'errors' | 'blockers' | 'actions' | 'actionItems' | 'template'> & {
  statusValue?: Span;
  timeline?: Span & { columns: number };
};

export interface SummaryOptions {
  /** "Today" for overdue items; default: now. */
  now?: Date;
  /**
   * The blockers of Mark Final (`planMarkFinal`), when they should be counted. They are the one
   * count of blockers everywhere (status bar, code lens, Mark Final's list, the errors of
   * `postmortem-lint --status-as FINAL`): every error of the document checked as if FINAL,
   * each finding once — nothing merged, nothing added from the check at the current Status.
   */
  asFinal?: readonly Finding[];
  /** List the action items too (`insight.ts`'s rows, lines 0-based): the Action Items view. */
  actionItems?: boolean;
}

/** The summary of an analysed post-mortem. */
export function summarize(analysis: Analysis, opts: SummaryOptions = {}): Summary {
  const { model } = analysis;
  const out: Summary = {
    status: analysis.status ?? 'unset',
    incidentId: incidentIdOf(analysis),
    errors: analysis.findings.filter((f) => f.severity === 'error').length,
    actions: actionCounts(analysis, opts.now ?? new Date()),
    template: templateInfo(analysis.template),
  };
  const status = model.header.status?.value;
  if (status) {
    out.statusValue = { start: status.start, end: status.end };
    if (!analysis.status && !isPlaceholder(status.text, out.template!.statuses)) out.statusText = status.text;
  }
  if (opts.asFinal) out.blockers = opts.asFinal.length;
  if (model.timelineTable) out.timeline = { start: model.timelineTable.start, end: model.timelineTable.end, columns: model.timelineTable.columns.length };
  if (opts.actionItems) {
    // The facts of `postmortem-lint actions`, on a 0-based line, without what the view does not show.
    out.actionItems = actionRows('', analysis, utcDay(opts.now)).map(({ file: _f, incidentId: _i, number: _n, line, ...facts }) => ({ ...facts, line: line - 1 }));
  }
  return out;
}

function incidentIdOf(analysis: Analysis): Summary['incidentId'] {
  const field = analysis.model.header.incidentId;
  if (!field) return { state: 'missing' };
  // `INC-1` and `` `INC-1` `` name the same incident.
  const value = field.value.text.replace(/^`(.*)`$/, '$1').trim();
  return isPlaceholder(value) ? { state: 'placeholder' } : { state: 'set', value };
}

function actionCounts(analysis: Analysis, now: Date): Summary['actions'] {
  const today = DateTime.fromJSDate(now, { zone: 'utc' }).startOf('day');
  let open = 0;
  let overdue = 0;
  for (const item of analysis.model.actions) {
    if (isPlaceholder(item.action.text)) continue;
    const state = caseInsensitiveChoice(item.status.text, ACTION_STATUSES);
    if (!state || !OPEN_ACTION_STATUSES.includes(state as (typeof ACTION_STATUSES)[number])) continue;
    open++;
    const target = readDate(item.targetDate.text).date;
    if (target && target < today) overdue++;
  }
  return { open, overdue };
}
