/**
 * The timeline's times, read one way for everyone: PM005 and PM007 (findings),
 * PM007's fix and the formatter's sort. Which table is the timeline and which
 * column holds its times is the model's decision (`model.timeline`); each cell is
 * read by `values.ts` (`readTimestamp`). Pure.
 */
import type { DateTime } from 'luxon';
import type { Model } from './model';
import { isPlaceholder, readTimestamp, type ReadTime } from './values';

export interface TimelineInstant {
  read: ReadTime;
  /**
   * The row's instant (epoch ms), when it is a UTC time whose date is known. A number, not a
   * DateTime: a time-only row's instant is its day's midnight plus its seconds (UTC has no
   * offset changes), so a long timeline creates no luxon objects per row.
   */
  instant?: number;
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
  // Read once per model (a model is built per analysis and not changed by rules): the rules
  // that need it per finding, PM007's fix and the formatter's sort share one array.
  let r = instantsOf.get(model);
  if (!r) {
    r = readTimelineCells(
      model.timeline.map((row) => row.time.text),
      summaryInstant(model, 'firstDetected'),
    );
    instantsOf.set(model, r);
  }
  return r;
}

const instantsOf = new WeakMap<Model, TimelineInstant[]>();

/**
 * The last cells read and their instants: an edit outside the time column (most edits of a long
 * timeline) reads the same cells again, and comparing them is a tenth of reading them. The result
 * is frozen and shared; `firstDetected` is compared by identity (readTimestamp's results are memoized).
 */
let lastRead: { cells: readonly string[]; firstDetected: DateTime | undefined; instants: TimelineInstant[] } | undefined;

function sameCells(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** `timelineInstants` for time cells in a given order (`firstDetected`: the date of leading time-only cells). */
export function readTimelineCells(cells: readonly string[], firstDetected: DateTime | undefined): TimelineInstant[] {
  const last = lastRead;
  if (last && last.firstDetected === firstDetected && sameCells(last.cells, cells)) return last.instants;
  const instants = Object.freeze(readCells(cells, firstDetected)) as TimelineInstant[];
  lastRead = { cells, firstDetected, instants };
  return instants;
}

function readCells(cells: readonly string[], firstDetected: DateTime | undefined): TimelineInstant[] {
  let day = firstDetected ? startOfDay(firstDetected) : undefined;
  return cells.map((text) => {
    const read = isPlaceholder(text) ? ({ kind: 'unreadable' } as ReadTime) : readTimestamp(text, true, true);
    if (read.kind === 'utc') {
      day = startOfDay(read.utc!);
      return { read, instant: read.utc!.toMillis(), day };
    }
    if (read.kind === 'time-only') {
      return { read, instant: day ? day.toMillis() + read.secondsOfDay! * 1000 : undefined, day };
    }
    if (read.kind === 'non-utc' && read.utc) day = startOfDay(read.utc);
    return { read, day };
  });
}

/** The rows' keys and their longest chronological run (PM007), once per instants array (shared while the time cells stay the same). */
export function chronology(instants: readonly TimelineInstant[]): { keys: (number | undefined)[]; run: number[]; inRun: Set<number> } {
  let c = chronologyOf.get(instants);
  if (!c) {
    const keys = instantKeys(instants);
    const run = longestChronologicalRun(keys);
    c = { keys, run, inRun: new Set(run) };
    chronologyOf.set(instants, c);
  }
  return c;
}

const chronologyOf = new WeakMap<readonly TimelineInstant[], ReturnType<typeof chronology>>();

/** The sort key of each row (epoch ms), undefined where the row has no known UTC instant. */
export function instantKeys(instants: readonly TimelineInstant[]): (number | undefined)[] {
  return instants.map((x) => x.instant);
}

/**
 * The longest chronological run: the indices of a longest non-decreasing
 * subsequence of the defined keys (undefined keys are in no run and never out of
 * order). Of several longest runs, the one keeping the earliest rows (the
 * lexicographically smallest index list). O(n log n).
 */
export function longestChronologicalRun(keys: readonly (number | undefined)[]): number[] {
  const idx: number[] = [];
  keys.forEach((k, i) => {
    if (k !== undefined) idx.push(i);
  });
  const n = idx.length;
  // len[j]: the longest non-decreasing run starting at idx[j], found from the end:
  // tails[l] is the largest first key of a run of length l + 1 seen so far (tails decrease).
  const len = new Array<number>(n);
  const tails: number[] = [];
  for (let j = n - 1; j >= 0; j--) {
    const k = keys[idx[j]!]!;
    // The first l with tails[l] < k: k can start a run of length l + 1 (tails[l - 1] >= k).
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (tails[mid]! >= k) lo = mid + 1;
      else hi = mid;
    }
    tails[lo] = k;
    len[j] = lo + 1;
  }
  // Greedy from the top: the earliest row that can still start a longest remaining run.
  const run: number[] = [];
  let need = tails.length;
  let last = -Infinity;
  for (let j = 0; j < n && need > 0; j++) {
    const k = keys[idx[j]!]!;
    if (len[j] === need && k >= last) {
      run.push(idx[j]!);
      last = k;
      need--;
    }
  }
  return run;
}

// A day is computed once per distinct UTC DateTime (DateTimes are immutable; readTimestamp's are memoized).
const dayOf = new WeakMap<DateTime, DateTime>();
function startOfDay(dt: DateTime): DateTime {
  let d = dayOf.get(dt);
  if (!d) {
    d = dt.startOf('day');
    dayOf.set(dt, d);
  }
  return d;
}
