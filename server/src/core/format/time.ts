/**
 * Reading the UTC times of a timeline cell (SPEC §3), for the formatter's
 * time normalisation and the timeline sorter. All the formatter's time regexes
 * live here. (The general value parsers belong to the rules; this is the small,
 * strict subset the formatter needs, kept in one place on purpose.)
 *
 * Accepted, exactly as written (anything else — other offsets, zone names,
 * lower-case `utc`/`z`, single-digit hours, extra spaces — is "unreadable" and
 * the formatter leaves it alone):
 *   YYYY-MM-DD HH:MM[:SS] UTC        'space-utc'
 *   YYYY-MM-DDTHH:MM[:SS]Z           't-z'
 *   YYYY-MM-DD HH:MM[:SS]+00:00      'space-offset'
 *   YYYY-MM-DDTHH:MM[:SS]+00:00      't-offset'
 * and, only where the column says `(UTC)`:
 *   YYYY-MM-DD HH:MM[:SS]            'space-bare'
 *   YYYY-MM-DDTHH:MM[:SS]            't-bare'
 * and a time of day alone, HH:MM[:SS] (optionally followed by ` UTC` or `Z`),
 * whose date is that of the row above.
 */

export type UtcSpelling = 'space-utc' | 't-z' | 'space-offset' | 't-offset' | 'space-bare' | 't-bare';

export interface FullTimelineTime {
  kind: 'full';
  /** YYYY-MM-DD */
  date: string;
  /** HH:MM or HH:MM:SS, as written. */
  time: string;
  spelling: UtcSpelling;
  /** Milliseconds since the epoch (UTC). */
  epochMs: number;
}

export interface TimeOfDay {
  kind: 'time';
  /** HH:MM or HH:MM:SS, as written (without a suffix). */
  time: string;
  /** Milliseconds since midnight. */
  ms: number;
}

export type TimelineTime = FullTimelineTime | TimeOfDay;

const FULL = /^(\d{4})-(\d{2})-(\d{2})([ T])(\d{2}):(\d{2})(?::(\d{2}))?( UTC|Z|\+00:00)?$/;
const TIME_ONLY = /^(\d{2}):(\d{2})(?::(\d{2}))?(?: UTC|Z)?$/;

const SUFFIX: Record<UtcSpelling, string> = {
  'space-utc': ' UTC',
  't-z': 'Z',
  'space-offset': '+00:00',
  't-offset': '+00:00',
  'space-bare': '',
  't-bare': '',
};

function spellingOf(sep: string, suffix: string | undefined): UtcSpelling | undefined {
  const t = sep === 'T';
  switch (suffix) {
    case ' UTC':
      return t ? undefined : 'space-utc';
    case 'Z':
      return t ? 't-z' : undefined;
    case '+00:00':
      return t ? 't-offset' : 'space-offset';
    default:
      return t ? 't-bare' : 'space-bare';
  }
}

function timeMs(hh: string, mm: string, ss: string | undefined): number | undefined {
  const h = Number(hh);
  const m = Number(mm);
  const s = ss === undefined ? 0 : Number(ss);
  if (h > 23 || m > 59 || s > 59) return undefined;
  return ((h * 60 + m) * 60 + s) * 1000;
}

/** Epoch ms of midnight of a valid YYYY-MM-DD date, else undefined. */
export function dateMs(y: number, mo: number, d: number): number | undefined {
  if (mo < 1 || mo > 12 || d < 1) return undefined;
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return undefined;
  return ms;
}

/**
 * Reads a timeline cell's trimmed text. `utcColumn`: the column's header says
 * `(UTC)`, so a full timestamp may leave out its `UTC` suffix.
 */
export function parseTimelineTime(cell: string, opts: { utcColumn: boolean }): TimelineTime | undefined {
  const f = FULL.exec(cell);
  if (f) {
    const spelling = spellingOf(f[4]!, f[8]);
    if (spelling === undefined) return undefined;
    if ((spelling === 'space-bare' || spelling === 't-bare') && !opts.utcColumn) return undefined;
    const day = dateMs(Number(f[1]), Number(f[2]), Number(f[3]));
    const t = timeMs(f[5]!, f[6]!, f[7]);
    if (day === undefined || t === undefined) return undefined;
    const time = f[7] === undefined ? `${f[5]}:${f[6]}` : `${f[5]}:${f[6]}:${f[7]}`;
    return { kind: 'full', date: `${f[1]}-${f[2]}-${f[3]}`, time, spelling, epochMs: day + t };
  }
  const m = TIME_ONLY.exec(cell);
  if (m) {
    const t = timeMs(m[1]!, m[2]!, m[3]);
    if (t === undefined) return undefined;
    const time = m[3] === undefined ? `${m[1]}:${m[2]}` : `${m[1]}:${m[2]}:${m[3]}`;
    return { kind: 'time', time, ms: t };
  }
  return undefined;
}

/** Writes a full timestamp in a spelling (same date, time and seconds presence). */
export function formatTimelineTime(t: FullTimelineTime, spelling: UtcSpelling): string {
  const sep = spelling.startsWith('t-') ? 'T' : ' ';
  return `${t.date}${sep}${t.time}${SUFFIX[spelling]}`;
}

/** Midnight (epoch ms) of a full timestamp's date. */
export function dayOf(t: FullTimelineTime): number {
  const [y, mo, d] = t.date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, mo - 1, d);
}
