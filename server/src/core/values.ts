/**
 * Readers for the value formats of SPEC §3: placeholders, choices, UTC
 * timestamps, dates, durations, USD amounts. Pure functions of a trimmed string.
 * Time-zone arithmetic is luxon's, never an offset table of our own.
 */
import { DateTime, IANAZone, Settings as Luxon } from 'luxon';
import { ownCopy } from './text';

// Times are read and written with fixed numeric formats, the same on every machine: luxon is told
// so instead of asking Intl for the system's locale (a cold Intl lookup cost ≈ 17 ms per process).
Luxon.defaultLocale = 'en-US';
Luxon.defaultNumberingSystem = 'latn';
Luxon.defaultOutputCalendar = 'gregory';

// ---------------------------------------------------------------- placeholders

export { isAllChoices, isPlaceholder } from './placeholders';

/** The canonical choice a value names case-insensitively, when it is not already exact. */
export function caseInsensitiveChoice(value: string, choices: readonly string[]): string | undefined {
  const norm = value.trim().replace(/\s+/g, ' ').toUpperCase();
  return choices.find((c) => c.toUpperCase() === norm);
}

// ---------------------------------------------------------------- timestamps

export type TimestampForm = 'space-utc' | 'iso-z' | 'space-offset' | 'iso-offset' | 'space-bare' | 'iso-bare';

export interface ReadTime {
  kind: 'utc' | 'time-only' | 'non-utc' | 'unreadable';
  /** For 'utc' (and 'non-utc' when convertible): the instant, in UTC. */
  utc?: DateTime;
  /** For 'time-only': seconds since midnight. */
  secondsOfDay?: number;
  hasSeconds?: boolean;
  form?: TimestampForm;
  /** For 'non-utc': what names the zone, and whether a UTC conversion is unambiguous. */
  zoneText?: string;
  /** For 'non-utc': a note when no fix can be offered. */
  why?: string;
  /** For 'unreadable' dates that can be rewritten unambiguously. */
  isoRewrite?: string;
}

/**
 * Zone abbreviations (and generic zone names) that map to exactly one IANA zone.
 * This is a name table, not an offset table: the offset on the given date is luxon's.
 */
const ZONE_NAMES: Record<string, string> = {
  PST: 'America/Los_Angeles', PDT: 'America/Los_Angeles', PT: 'America/Los_Angeles', PACIFIC: 'America/Los_Angeles',
  MST: 'America/Denver', MDT: 'America/Denver', MT: 'America/Denver',
  CDT: 'America/Chicago', CT: 'America/Chicago',
  EST: 'America/New_York', EDT: 'America/New_York', ET: 'America/New_York', EASTERN: 'America/New_York',
  AKST: 'America/Anchorage', AKDT: 'America/Anchorage', HST: 'Pacific/Honolulu',
  BST: 'Europe/London', WET: 'Europe/Lisbon', WEST: 'Europe/Lisbon',
  CET: 'Europe/Paris', CEST: 'Europe/Paris', EET: 'Europe/Athens', EEST: 'Europe/Athens', MSK: 'Europe/Moscow',
  JST: 'Asia/Tokyo', KST: 'Asia/Seoul', HKT: 'Asia/Hong_Kong', SGT: 'Asia/Singapore',
  AEST: 'Australia/Sydney', AEDT: 'Australia/Sydney', ACST: 'Australia/Adelaide', ACDT: 'Australia/Adelaide',
  AWST: 'Australia/Perth', NZST: 'Pacific/Auckland', NZDT: 'Pacific/Auckland',
  GMT: 'Etc/UTC',
};
/** Abbreviations that name several zones: not UTC, and no fix. */
const AMBIGUOUS_ZONES = new Set(['IST', 'CST', 'AST', 'ADT', 'BDT', 'GST', 'SST', 'AMT', 'ECT', 'PKT', 'LOCAL']);

const DATE_RE = String.raw`(\d{4})-(\d{2})-(\d{2})`;
const TIME_RE = String.raw`(\d{1,2}):(\d{2})(?::(\d{2}))?`;

function validDateTime(y: number, mo: number, d: number, h: number, mi: number, s: number): DateTime | undefined {
  if (h > 23 || mi > 59 || s > 59) return undefined;
  const dt = DateTime.fromObject({ year: y, month: mo, day: d, hour: h, minute: mi, second: s }, { zone: 'utc' });
  return dt.isValid ? dt : undefined;
}

/**
 * Reads a timestamp. `utcColumn`: the field's label says `(UTC)`, so a bare
 * `YYYY-MM-DD HH:MM` is UTC. `allowTimeOnly`: a timeline cell may hold `HH:MM[:SS]`.
 */
export function readTimestamp(raw: string, utcColumn: boolean, allowTimeOnly = false): ReadTime {
  // Memoized: a timeline has thousands of cells and is read again on every edit.
  // The result is frozen, so sharing it between callers is safe.
  if (raw.length > MEMO_MAX_INPUT) return readTimestampUncached(raw, utcColumn, allowTimeOnly);
  // One map per combination of flags, keyed by the text itself (a key built by concatenation
  // would be a new string to flatten and hash on every call).
  const memo = timestampMemo[(utcColumn ? 2 : 0) + (allowTimeOnly ? 1 : 0)]!;
  let r = memo.get(raw);
  if (!r) {
    if (memo.size >= MEMO_MAX_ENTRIES) memo.clear();
    r = Object.freeze(readTimestampUncached(raw, utcColumn, allowTimeOnly));
    // Not `raw` itself as the key: a cell's text may be a slice that keeps a whole (old) document alive.
    memo.set(ownCopy(raw), r);
  }
  return r;
}

const MEMO_MAX_INPUT = 200;
const MEMO_MAX_ENTRIES = 50_000;
const timestampMemo = [new Map<string, ReadTime>(), new Map<string, ReadTime>(), new Map<string, ReadTime>(), new Map<string, ReadTime>()];

const RE_12H = new RegExp(`^${DATE_RE}[T ](\\d{1,2}):(\\d{2})(?::(\\d{2}))? ?([AaPp][Mm])(?: (.+))?$`);
const RE_DATE_TIME = new RegExp(`^${DATE_RE}(T| )${TIME_RE} ?(.*)$`);
const RE_TIME_ONLY = new RegExp(`^${TIME_RE}(?: ?(.*))?$`);

/**
 * A timeline's usual cell, `H:MM`, `HH:MM` or `HH:MM:SS` and nothing else, read without regular
 * expressions (a long timeline's first analysis reads thousands); undefined for anything else,
 * out-of-range fields included, which the general reading below decides.
 */
function plainTimeOfDay(raw: string): ReadTime | undefined {
  const n = raw.length;
  if (n < 4 || n > 8) return undefined;
  /** The digit at `i`, NaN for anything else (so every comparison below fails). */
  const d = (i: number) => {
    const c = raw.charCodeAt(i) - 48;
    return c >= 0 && c <= 9 ? c : NaN;
  };
  const colon = raw.charCodeAt(1) === 58 ? 1 : raw.charCodeAt(2) === 58 ? 2 : -1;
  if (colon < 0) return undefined;
  const h = colon === 1 ? d(0) : d(0) * 10 + d(1);
  const mi = d(colon + 1) * 10 + d(colon + 2);
  let s: number | undefined;
  if (n === colon + 6 && raw.charCodeAt(colon + 3) === 58) s = d(colon + 4) * 10 + d(colon + 5);
  else if (n !== colon + 3) return undefined;
  if (!(h <= 23 && mi <= 59 && (s === undefined || s <= 59))) return undefined;
  return { kind: 'time-only', secondsOfDay: h * 3600 + mi * 60 + (s ?? 0), hasSeconds: s !== undefined };
}

function readTimestampUncached(raw: string, utcColumn: boolean, allowTimeOnly: boolean): ReadTime {
  const plain = allowTimeOnly && utcColumn ? plainTimeOfDay(raw) : undefined;
  if (plain) return plain;
  const v = raw.trim().replace(/\s+/g, ' ');
  // 12-hour clock with a zone: "2026-09-28 7:52 AM PDT"
  let m = RE_12H.exec(v);
  if (m) {
    const [, y, mo, d, h, mi, s, ampm, zone] = m;
    let hour = +h!;
    if (hour < 1 || hour > 12) return { kind: 'unreadable' };
    if (/p/i.test(ampm!)) hour = hour === 12 ? 12 : hour + 12;
    else hour = hour === 12 ? 0 : hour;
    const local = validDateTime(+y!, +mo!, +d!, hour, +mi!, s ? +s : 0);
    if (!local) return { kind: 'unreadable' };
    if (!zone) return { kind: 'unreadable', why: '12-hour time without a zone' };
    if (/^(UTC|Z)$/i.test(zone)) return { kind: 'non-utc', utc: local, hasSeconds: s !== undefined, zoneText: `${ampm} ${zone}`, form: 'space-utc' };
    return nonUtcByName(local, zone, s !== undefined, 'space-utc');
  }
  m = RE_DATE_TIME.exec(v);
  if (m) {
    const [, y, mo, d, sep, h, mi, s, rest] = m;
    const zone = (rest ?? '').trim();
    const hasSeconds = s !== undefined;
    const local = validDateTime(+y!, +mo!, +d!, +h!, +mi!, s ? +s : 0);
    if (!local) return { kind: 'unreadable' };
    const iso = sep === 'T';
    if (zone === '') {
      if (!utcColumn) return { kind: 'unreadable', why: 'no time zone' };
      return { kind: 'utc', utc: local, hasSeconds, form: iso ? 'iso-bare' : 'space-bare' };
    }
    if (/^(UTC|Z)$/i.test(zone)) {
      return { kind: 'utc', utc: local, hasSeconds, form: /^z$/i.test(zone) ? 'iso-z' : 'space-utc' };
    }
    // `+02:00`, `-0800`, `+02`; after UTC/GMT also one-digit hours (`UTC+2`, `GMT-5`).
    const off = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone) ?? /^(?:UTC|GMT) ?([+-])(\d{1,2})(?::?(\d{2}))?$/i.exec(zone);
    if (off) {
      const hh = off[2]!.padStart(2, '0');
      const minutes = (+hh * 60 + +(off[3] ?? 0)) * (off[1] === '-' ? -1 : 1);
      if (minutes === 0) return { kind: 'utc', utc: local, hasSeconds, form: iso ? 'iso-offset' : 'space-offset' };
      const inZone = DateTime.fromObject(local.toObject(), { zone: `UTC${off[1]}${hh}:${off[3] ?? '00'}` });
      return { kind: 'non-utc', utc: inZone.isValid ? inZone.toUTC() : undefined, hasSeconds, zoneText: zone, form: iso ? 'iso-z' : 'space-utc' };
    }
    return nonUtcByName(local, zone, hasSeconds, iso ? 'iso-z' : 'space-utc');
  }
  if (allowTimeOnly) {
    m = RE_TIME_ONLY.exec(v);
    if (m) {
      const [, h, mi, s, zone] = m;
      if (+h! > 23 || +mi! > 59 || (s !== undefined && +s > 59)) return { kind: 'unreadable' };
      const sod = +h! * 3600 + +mi! * 60 + (s ? +s : 0);
      const z = (zone ?? '').trim();
      if (z === '' && utcColumn) return { kind: 'time-only', secondsOfDay: sod, hasSeconds: s !== undefined };
      if (/^(UTC|Z)$/i.test(z) || /^(?:UTC ?)?[+-]0{1,2}(?::?00)?$/i.test(z)) return { kind: 'time-only', secondsOfDay: sod, hasSeconds: s !== undefined };
      if (z === '') return { kind: 'unreadable', why: 'no time zone' };
      if (/^[AaPp][Mm]\b/.test(z) || /^([+-]\d{2}(?::?\d{2})?|(?:UTC|GMT) ?[+-]\d{1,2}(?::?\d{2})?|[A-Za-z]{2,5}|[A-Za-z]+\/[A-Za-z_]+)$/i.test(z)) {
        return { kind: 'non-utc', zoneText: z, secondsOfDay: sod, hasSeconds: s !== undefined, why: 'needs a date' };
      }
      return { kind: 'unreadable' };
    }
  }
  // A readable date in another spelling, with a time: PM006 (rewrite when unambiguous).
  const dt = readDate(v.replace(/[ T,]+\d{1,2}:\d{2}(:\d{2})?.*$/, ''));
  if (dt.kind === 'unreadable' && dt.isoRewrite) {
    const time = /\d{1,2}:\d{2}(:\d{2})?(.*)$/.exec(v);
    if (time) {
      const rewritten = `${dt.isoRewrite} ${time[0].trim()}`;
      const again = readTimestamp(rewritten, utcColumn, false);
      if (again.kind === 'utc' || again.kind === 'non-utc') return { kind: 'unreadable', isoRewrite: rewritten };
    }
  }
  return { kind: 'unreadable' };
}

function nonUtcByName(local: DateTime, zoneRaw: string, hasSeconds: boolean, form: TimestampForm): ReadTime {
  const zone = zoneRaw.replace(/^\((.*)\)$/, '$1').trim();
  const upper = zone.toUpperCase();
  if (AMBIGUOUS_ZONES.has(upper)) {
    return { kind: 'non-utc', zoneText: zone, hasSeconds, form, why: `"${zone}" names several time zones` };
  }
  const iana = ZONE_NAMES[upper] ?? (zone.includes('/') && IANAZone.isValidZone(zone) ? zone : undefined);
  if (!iana) {
    if (/^[A-Za-z]{2,5}$/.test(zone) || zone.includes('/')) {
      return { kind: 'non-utc', zoneText: zone, hasSeconds, form, why: `unknown time zone "${zone}"` };
    }
    return { kind: 'unreadable' };
  }
  const inZone = DateTime.fromObject(local.toObject(), { zone: iana });
  if (!inZone.isValid) return { kind: 'non-utc', zoneText: zone, hasSeconds, form, why: `no such local time in ${iana}` };
  return { kind: 'non-utc', utc: inZone.toUTC(), hasSeconds, zoneText: zone, form };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * `dt.toFormat('yyyy-MM-dd')`, without luxon's locale machinery: its first use sets up Intl (~8 ms
 * on the first document a server opens) and every call costs microseconds, once per timeline row.
 */
export function isoDay(dt: DateTime): string {
  const y = dt.year;
  return y >= 0 && y <= 9999 ? `${pad(y, 4)}-${pad(dt.month)}-${pad(dt.day)}` : dt.toFormat('yyyy-MM-dd');
}

/** `dt.toFormat('HH:mm:ss')` (`withSeconds`) or `dt.toFormat('HH:mm')`, the same way. */
export function clockTime(dt: DateTime, withSeconds: boolean): string {
  return withSeconds ? `${pad(dt.hour)}:${pad(dt.minute)}:${pad(dt.second)}` : `${pad(dt.hour)}:${pad(dt.minute)}`;
}

/** Writes a UTC instant in one of the accepted spellings. */
export function formatUtc(dt: DateTime, form: TimestampForm, withSeconds: boolean): string {
  const u = dt.toUTC();
  return spellUtc(isoDay(u), clockTime(u, withSeconds), form);
}

/** A UTC day (`yyyy-MM-dd`) and time of day (`HH:mm[:ss]`) in one of the accepted spellings. */
function spellUtc(date: string, time: string, form: TimestampForm): string {
  switch (form) {
    case 'iso-z': return `${date}T${time}Z`;
    case 'iso-offset': return `${date}T${time}+00:00`;
    case 'space-offset': return `${date} ${time}+00:00`;
    case 'iso-bare': return `${date}T${time}`;
    case 'space-bare': return `${date} ${time}`;
    case 'space-utc':
    default: return `${date} ${time} UTC`;
  }
}

/** A full UTC timestamp in one of the accepted spellings, read exactly as written. */
export interface FullTimelineTime {
  kind: 'full';
  /** YYYY-MM-DD */
  date: string;
  /** HH:MM or HH:MM:SS, as written. */
  time: string;
  spelling: TimestampForm;
  /** Milliseconds since the epoch (UTC). */
  epochMs: number;
}

/** A timeline cell holding only a time of day (`HH:MM[:SS]`, optionally ` UTC` / `Z`). */
export interface TimeOfDay {
  kind: 'time';
  /** HH:MM or HH:MM:SS, as written (without a suffix). */
  time: string;
  /** Milliseconds since midnight. */
  ms: number;
}

export type TimelineTime = FullTimelineTime | TimeOfDay;

/**
 * A timeline cell read strictly: `readTimestamp`'s reading, kept only when the
 * cell is spelled exactly as `formatUtc` writes that reading (a time of day:
 * two-digit hours, then nothing, ` UTC` or `Z`). Anything else — other offsets,
 * zone names, lower-case `utc`, single-digit hours, extra blanks — is undefined.
 * The formatter respells only what this reads, so a respelling never changes
 * what `readTimestamp` (and so every rule) reads. `utcColumn`: the column's
 * header says `(UTC)`, so a full timestamp may leave out its `UTC` suffix.
 */
export function parseTimelineTime(cell: string, opts: { utcColumn: boolean }): TimelineTime | undefined {
  const r = readTimestamp(cell, opts.utcColumn, true);
  if (r.kind === 'utc' && r.utc && r.form) {
    const date = isoDay(r.utc);
    const time = clockTime(r.utc, r.hasSeconds === true);
    if (spellUtc(date, time, r.form) !== cell) return undefined;
    return { kind: 'full', date, time, spelling: r.form, epochMs: r.utc.toMillis() };
  }
  if (r.kind === 'time-only' && r.secondsOfDay !== undefined) {
    const sod = r.secondsOfDay;
    const time = `${pad(Math.floor(sod / 3600))}:${pad(Math.floor(sod / 60) % 60)}` + (r.hasSeconds ? `:${pad(sod % 60)}` : '');
    if (cell !== time && cell !== `${time} UTC` && cell !== `${time}Z`) return undefined;
    return { kind: 'time', time, ms: sod * 1000 };
  }
  return undefined;
}

/** Writes a full timestamp in another spelling: same date, time and seconds presence. */
export function formatTimelineTime(t: FullTimelineTime, spelling: TimestampForm): string {
  return formatUtc(DateTime.fromMillis(t.epochMs, { zone: 'utc' }), spelling, t.time.length > 5);
}

// ---------------------------------------------------------------- dates

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

function monthIndex(name: string): number | undefined {
  const n = name.toLowerCase().replace(/\.$/, '');
  if (n.length < 3) return undefined;
  const i = MONTHS.findIndex((m) => m === n || (m.startsWith(n) && n.length >= 3) || (n === 'sept' && m === 'september'));
  return i >= 0 ? i + 1 : undefined;
}

function isoDate(y: number, m: number, d: number): string | undefined {
  const dt = DateTime.fromObject({ year: y, month: m, day: d }, { zone: 'utc' });
  return dt.isValid ? isoDay(dt) : undefined;
}

export interface ReadDate {
  kind: 'date' | 'unreadable';
  date?: DateTime;
  /** An unambiguous ISO spelling of an unreadable date. */
  isoRewrite?: string;
}

/** `YYYY-MM-DD`; other spellings are unreadable, with an ISO rewrite when unambiguous. */
export function readDate(raw: string): ReadDate {
  const v = raw.trim().replace(/\s+/g, ' ');
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (m) {
    const iso = isoDate(+m[1]!, +m[2]!, +m[3]!);
    return iso ? { kind: 'date', date: DateTime.fromISO(iso, { zone: 'utc' }) } : { kind: 'unreadable' };
  }
  let rewrite: string | undefined;
  if ((m = /^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$/.exec(v)) || (m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(v))) {
    rewrite = isoDate(+m[1]!, +m[2]!, +m[3]!);
  } else if ((m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(v))) {
    const a = +m[1]!, b = +m[2]!, y = +m[3]!;
    if (a > 12 && b <= 12) rewrite = isoDate(y, b, a);
    else if (b > 12 && a <= 12) rewrite = isoDate(y, a, b);
    else if (a === b) rewrite = isoDate(y, a, b);
  } else if ((m = /^(?:[A-Za-z]+,? )?([A-Za-z]{3,}\.?) (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})$/.exec(v))) {
    const mo = monthIndex(m[1]!);
    if (mo) rewrite = isoDate(+m[3]!, mo, +m[2]!);
  } else if ((m = /^(?:[A-Za-z]+,? )?(\d{1,2})(?:st|nd|rd|th)? ([A-Za-z]{3,}\.?),? (\d{4})$/.exec(v))) {
    const mo = monthIndex(m[2]!);
    if (mo) rewrite = isoDate(+m[3]!, mo, +m[1]!);
  } else if ((m = /^(\d{4})(\d{2})(\d{2})$/.exec(v))) {
    rewrite = isoDate(+m[1]!, +m[2]!, +m[3]!);
  }
  return rewrite ? { kind: 'unreadable', isoRewrite: rewrite } : { kind: 'unreadable' };
}

/** A date, or a UTC timestamp whose date counts (sign-off "Date (UTC)", "Date Written (UTC)"). */
export function readDateOrTimestamp(raw: string, utcColumn: boolean): { date?: DateTime; read: ReadDate | ReadTime } {
  const d = readDate(raw);
  if (d.kind === 'date') return { date: d.date, read: d };
  const t = readTimestamp(raw, utcColumn, false);
  if (t.kind === 'utc') return { date: t.utc!.startOf('day'), read: t };
  if (t.kind === 'non-utc') return { read: t };
  return { read: d.isoRewrite ? d : t.isoRewrite ? t : d };
}

// ---------------------------------------------------------------- durations

const DURATION_PART = /(\d+(?:\.\d+)?)\s*(d|days?|h|hrs?|hours?|m|mins?|minutes?)(?![a-z])/gi;

/** Minutes in `1d 3h 15m`, `2h 15m`, `45m`, `135 minutes`, `2 hours`; undefined when unreadable. */
export function readDuration(raw: string): number | undefined {
  const v = raw.trim();
  if (v === '') return undefined;
  const rest = v.replace(DURATION_PART, '').replace(/\b(and)\b/gi, '').replace(/[\s,]+/g, '');
  if (rest !== '') return undefined;
  let total = 0;
  let seen = 0;
  for (const m of v.matchAll(DURATION_PART)) {
    const n = parseFloat(m[1]!);
    const unit = m[2]!.toLowerCase();
    if (unit.startsWith('d')) total += n * 1440;
    else if (unit.startsWith('h')) total += n * 60;
    else total += n;
    seen++;
  }
  return seen > 0 ? total : undefined;
}

/** `1d 3h 15m`, with zero parts left out (`0m` for no time at all). */
export function formatDuration(minutes: number): string {
  const total = Math.round(minutes);
  const d = Math.floor(total / 1440);
  const h = Math.floor((total % 1440) / 60);
  const m = total % 60;
  const parts: string[] = [];
  if (d) parts.push(`${d}d`);
  if (h) parts.push(`${h}h`);
  if (m || parts.length === 0) parts.push(`${m}m`);
  return parts.join(' ');
}

// ---------------------------------------------------------------- money

/** `None`, or `$` / `USD ` and a number with optional thousands separators and a k/M/B suffix. */
export function isUsdAmount(raw: string): boolean {
  const v = raw.trim();
  if (/^none$/i.test(v)) return true;
  return /^(?:\$ ?|USD ?)(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?: ?[kMB])?$/.test(v);
}
