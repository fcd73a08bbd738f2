/** Pieces several rules share: timeline dates, the template's own rows, evidence paths. */
import { DateTime } from 'luxon';
import { buildModel, type Model, type Row, type Val } from '../model';
import { TEMPLATE_1_1 } from '../template';
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
 * above (or of First detected, for the first rows). Read once per model (a model is
 * built per analysis and not changed by rules): rules that need it per finding get the
 * same array instead of reading every timeline time again.
 */
export function timelineInstants(model: Model): TimelineInstant[] {
  let r = instantsOf.get(model);
  if (!r) {
    r = readTimeline(model);
    instantsOf.set(model, r);
  }
  return r;
}

const instantsOf = new WeakMap<Model, TimelineInstant[]>();

function readTimeline(model: Model): TimelineInstant[] {
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

export interface TimelineFacts {
  instants: TimelineInstant[];
  /** The spelling most of the timeline's full UTC timestamps use. */
  form: TimestampForm;
  /** For row i: the day of the nearest row above it that has one (undefined: none). */
  dayAbove: (DateTime | undefined)[];
}

const factsOf = new WeakMap<Model, TimelineFacts>();

/** `timelineInstants` plus what per-row rules derive from all rows, computed once per model. */
export function timelineFacts(model: Model): TimelineFacts {
  let f = factsOf.get(model);
  if (!f) {
    const instants = timelineInstants(model);
    const dayAbove: (DateTime | undefined)[] = [];
    let last: DateTime | undefined;
    for (const x of instants) {
      dayAbove.push(last);
      if (x.day) last = x.day;
    }
    f = { instants, form: dominantForm(instants.map((x) => x.read)), dayAbove };
    factsOf.set(model, f);
  }
  return f;
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

let templateModel: Model | undefined;

export function template(): { text: string; model: Model } {
  templateModel ??= buildModel(TEMPLATE_1_1);
  return { text: TEMPLATE_1_1, model: templateModel };
}

export function sourceOf(text: string, span: { start: number; end: number }): string {
  return text.slice(span.start, span.end);
}

export function rowText(text: string, row: Row): string {
  return sourceOf(text, row);
}

// ------------------------------------------------------------ evidence paths

export interface EvidenceRef {
  /** The path text as written (inside backticks or the link target). */
  path: string;
  start: number;
  end: number;
  /** A URL: never checked. */
  url: boolean;
}

const URL_RE = /^[a-z][a-z0-9+.-]*:\/\//i;

/** The paths and URLs a location cell names: `code`, [text](target), <url>, bare URLs or paths. */
export function evidenceRefs(loc: Val): EvidenceRef[] {
  const out: EvidenceRef[] = [];
  const t = loc.text;
  if (/^(none|n\/a)$/i.test(t.trim())) return out;
  const add = (path: string, s: number) => {
    const p = path.trim();
    if (!p) return;
    const lead = path.indexOf(p);
    out.push({ path: p, start: loc.start + s + lead, end: loc.start + s + lead + p.length, url: URL_RE.test(p) || /^mailto:/i.test(p) });
  };
  // A code span in a link's text (`[`audit-log.csv`](governance/…)`) is a label, not a path.
  const labels = [...t.matchAll(/\[([^\]]*)\]\(/g)].map((m) => [m.index!, m.index! + m[0].length] as const);
  for (const m of t.matchAll(/(`+)([^`]+?)\1/g)) {
    if (labels.some(([a, b]) => m.index! > a && m.index! < b)) continue;
    add(m[2]!, m.index! + m[1]!.length);
  }
  // [text](target), [text](<target>); a target may hold `<INCIDENT_ID>` itself.
  for (const m of t.matchAll(/\]\(\s*(?:<([^<>\s]+)>|([^)\s]+))(?:\s+"[^"]*")?\s*\)/g)) {
    const target = m[1] ?? m[2]!;
    const inner = m[0].indexOf(target, 2);
    add(target, m.index! + inner);
  }
  if (out.length === 0) {
    for (const m of t.matchAll(/(?:^|\s)(<?)([^\s<>`]+)>?/g)) {
      const word = m[2]!;
      if (URL_RE.test(word) || (word.includes('/') && !/^[([]/.test(word))) add(word, m.index! + m[0].indexOf(word));
    }
  }
  return out;
}

/** Percent-decodes a link target; leaves it as is when malformed. */
export function decodePath(p: string): string {
  try {
    return decodeURIComponent(p);
  } catch {
    return p;
  }
}
