// STUB — being implemented (core owner). Signature is final.
import type { AnalyzeOptions, MarkFinalPlan } from './api';

/** Validates as if FINAL; ok=true carries the one edit that sets Status to FINAL. */
export function planMarkFinal(text: string, opts: AnalyzeOptions): MarkFinalPlan {
  void text; void opts;
  return { ok: false, blockers: [] };
}
