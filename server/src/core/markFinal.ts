import type { AnalyzeOptions, MarkFinalPlan } from './api';
import { analyze } from './analyze';
import { builtInTemplate } from './templates';
import { statusWorkflow } from '../../../shared/src/template/descriptor';

/**
 * Validates as if FINAL. Any error blocks and nothing is edited; otherwise the
 * one edit replaces the Status value (and only it) with FINAL.
 */
export function planMarkFinal(text: string, opts: AnalyzeOptions): MarkFinalPlan {
  const a = analyze(text, { ...opts, statusAs: 'FINAL' });
  if (!a.isPostmortem) return { ok: false, blockers: [] };
  const blockers = a.findings.filter((f) => f.severity === 'error');
  const status = a.model.header.status;
  if (!status) {
    // PM002 reports the missing Status line; without it there is nothing to set.
    return { ok: false, blockers: blockers.length ? blockers : [{ code: 'PM002', severity: 'error', start: 0, end: 0, message: 'Missing header field "Status"' }] };
  }
  if (blockers.length) return { ok: false, blockers };
  return { ok: true, edit: { start: status.value.start, end: status.value.end, newText: statusWorkflow((opts.template ?? builtInTemplate()).descriptor).final } };
}
