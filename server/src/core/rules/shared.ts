/** Pieces several rules share: timeline dates, source text of rows. Evidence paths: `evidence.ts`. */
import type { DateTime } from 'luxon';
import type { Model, Row } from '../model';
import { timelineInstants, type TimelineInstant } from '../timeline';
import type { ReadTime, TimestampForm } from '../values';

// ------------------------------------------------------------ time

// The timeline's reading lives in core/timeline.ts (the formatter's sort uses it too).
export { summaryInstant, timelineInstants, type TimelineInstant } from '../timeline';

export interface TimelineFacts {
  instants: TimelineInstant[];
  /** The spelling most of the timeline's full UTC timestamps use. */
  form: TimestampForm;
  /** For row i: the day of the nearest row above it that has one (undefined: none). */
  dayAbove: (DateTime | undefined)[];
}

const factsOf = new WeakMap<readonly TimelineInstant[], TimelineFacts>();

/** `timelineInstants` plus what per-row rules derive from all rows, computed once per instants array (shared while the time cells stay the same). */
export function timelineFacts(model: Model): TimelineFacts {
  const instants = timelineInstants(model);
  let f = factsOf.get(instants);
  if (!f) {
    const dayAbove: (DateTime | undefined)[] = [];
    let last: DateTime | undefined;
    for (const x of instants) {
      dayAbove.push(last);
      if (x.day) last = x.day;
    }
    f = { instants, form: dominantForm(instants.map((x) => x.read)), dayAbove };
    factsOf.set(instants, f);
  }
  return f;
}

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
