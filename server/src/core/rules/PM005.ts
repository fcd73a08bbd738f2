import { type DateTime } from 'luxon';
import { clockTime, formatUtc, isoDay, readTimestamp } from '../values';
import { replaceFix, type Rule, type RuleContext } from './rule';
import { timelineFacts } from './shared';
import type { Val } from '../model';

/** The UTC text that replaces a non-UTC time, in the column's form; undefined when not unambiguous. */
export function utcReplacement(ctx: RuleContext, path: string, val: Val): string | undefined {
  const tl = /^\/timeline\/(\d+)\/time$/.exec(path);
  if (tl) {
    const i = +tl[1]!;
    const { instants, form, dayAbove } = timelineFacts(ctx.model); // once per analysis, not per finding
    const me = instants[i];
    if (!me || me.read.kind !== 'non-utc') return undefined;
    let utc: DateTime | undefined = me.read.utc;
    if (!utc && me.read.secondsOfDay !== undefined && me.read.zoneText && !me.read.why?.includes('several')) {
      // A time-only cell: its date is that of the row above.
      const prevDay = dayAbove[i];
      if (!prevDay) return undefined;
      const withDate = `${isoDay(prevDay)} ${val.text}`;
      const again = readTimestamp(withDate, true);
      if (again.kind !== 'non-utc' || !again.utc) return undefined;
      utc = again.utc;
      const sameDay = isoDay(utc) === isoDay(prevDay);
      if (sameDay) return clockTime(utc, !!me.read.hasSeconds);
      return formatUtc(utc, form, !!me.read.hasSeconds);
    }
    if (!utc) return undefined;
    return formatUtc(utc, form, !!me.read.hasSeconds);
  }
  const r = readTimestamp(val.text, true);
  if (r.kind !== 'non-utc' || !r.utc) return undefined;
  return formatUtc(r.utc, r.form ?? 'space-utc', !!r.hasSeconds);
}

export const PM005: Rule = {
  code: 'PM005',
  title: 'A time is not in UTC',
  why: 'Incidents cross teams and time zones; one clock (UTC) makes the timeline and the durations comparable.',
  severity: 'error',
  fix: 'Convert to UTC when the zone or offset is unambiguous (luxon does the zone maths; abbreviations like IST that name several zones get no fix).',
  examples: { fails: '| 2026-09-28 07:52 PDT | Alert fired | system |', passes: '| 2026-09-28 14:52 | Alert fired | system |' },
  fromSchema(ctx, { issue, pointer, message }) {
    if (!pointer) return;
    const utc = utcReplacement(ctx, issue.path, pointer.val);
    ctx.report(pointer.val, message, { fixes: utc ? [replaceFix(`Convert to UTC: ${utc}`, pointer.val, utc)] : undefined });
  },
};
