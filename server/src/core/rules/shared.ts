/** Pieces several rules share: timeline dates, source text of rows. Evidence paths: `evidence.ts`. */
import type { Row } from '../model';
import type { ReadTime, TimestampForm } from '../values';

// ------------------------------------------------------------ time

// The timeline's reading lives in core/timeline.ts (the formatter's sort uses it too).
export { summaryInstant, timelineInstants, type TimelineInstant } from '../timeline';

/** The spelling most full UTC timestamps of a set use (ties: the first seen). */
export function dominantForm(reads: ReadTime[], fallback: TimestampForm = 'space-utc'): TimestampForm {
  const counts = new Map<TimestampForm, number>();
  let first: TimestampForm | undefined;
  for (const r of reads) {
    if (r.kind !== 'utc' || !r.form) continue;
    first ??= r.form;
    counts.set(r.form, (counts.get(r.form) ?? 0) + 1);
  }
  let best = first ?? fallback;
  for (const [f, n] of counts) if (n > (counts.get(best) ?? 0)) best = f;
  return best;
}

// ------------------------------------------------------------ the template

export function sourceOf(text: string, span: { start: number; end: number }): string {
  return text.slice(span.start, span.end);
}

export function rowText(text: string, row: Row): string {
  return sourceOf(text, row);
}
