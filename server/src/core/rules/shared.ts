/** Pieces several rules share: timeline dates, source text of rows. Evidence paths: `evidence.ts`. */
import { DateTime } from 'luxon';
import type { Model, Row } from '../model';
import { isPlaceholder, readTimestamp, type ReadTime, type TimestampForm } from '../values';

// ------------------------------------------------------------ time

export interface TimelineInstant {
  read: ReadTime;
  /** The row's instant in UTC, when it is a UTC time whose date is known. */
  instant?: DateTime;
  /** The date the row is on (its own, or carried from the row above). */
  day?: DateTime;
}

/** Reads a summary timestamp field; undefined unless it is a readable UTC time. */
export function summaryInstant(model: Model, key: 'firstDetected' | 'incidentOpened' | 'incidentResolved'): DateTime | undefined {
  const r = model.summary[key];
  if (!r || isPlaceholder(r.value.text)) return undefined;
  const t = readTimestamp(r.value.text, true);
  return t.kind === 'utc' ? t.utc : undefined;
}

/**
 * Each timeline row's instant. A time-only cell is on the date of the row
 * above (or of First detected, for the first rows).
 */
export function timelineInstants(model: Model): TimelineInstant[] {
  const first = summaryInstant(model, 'firstDetected');
  let day = first ? startOfDay(first) : undefined;
  return model.timeline.map((row) => {
    const read = isPlaceholder(row.time.text) ? ({ kind: 'unreadable' } as ReadTime) : readTimestamp(row.time.text, true, true);
    if (read.kind === 'utc') {
      day = startOfDay(read.utc!);
      return { read, instant: read.utc, day };
    }
    if (read.kind === 'time-only') {
      return { read, instant: day ? plusSeconds(day, read.secondsOfDay!) : undefined, day };
    }
    if (read.kind === 'non-utc' && read.utc) day = startOfDay(read.utc);
    return { read, day };
  });
}

// luxon arithmetic is the costly part of reading a long timeline; DateTimes are
// immutable, so the results are shared (memoized per instance, and per day + seconds).
const dayOf = new WeakMap<DateTime, DateTime>();
function startOfDay(dt: DateTime): DateTime {
  let d = dayOf.get(dt);
  if (!d) {
    d = dt.startOf('day');
    dayOf.set(dt, d);
  }
  return d;
}

const MAX_INSTANTS = 100_000;
const instants = new WeakMap<DateTime, Map<number, DateTime>>();
function plusSeconds(day: DateTime, seconds: number): DateTime {
  let m = instants.get(day);
  if (!m) {
    m = new Map();
    instants.set(day, m);
  }
  let r = m.get(seconds);
  if (!r) {
    if (m.size >= MAX_INSTANTS) m.clear();
    r = day.plus({ seconds });
    m.set(seconds, r);
  }
  return r;
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
