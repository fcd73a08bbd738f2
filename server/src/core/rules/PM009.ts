import { formatDuration, readDuration } from '../values';
import { replaceFix, type Rule, type RuleContext } from './rule';
import { summaryInstant } from './shared';

function computedMinutes(ctx: RuleContext): number | undefined {
  const opened = summaryInstant(ctx.model, 'incidentOpened');
  const resolved = summaryInstant(ctx.model, 'incidentResolved');
  if (!opened || !resolved || resolved < opened) return undefined;
  return resolved.diff(opened, 'minutes').minutes;
}

export const PM009: Rule = {
  code: 'PM009',
  title: 'Total duration ≠ Incident resolved − Incident opened',
  why: 'Durations feed reporting and SLAs; a duration that disagrees with its own timestamps makes both suspect.',
  severity: 'error',
  fix: 'Write the computed duration.',
  examples: {
    fails: '| Incident opened (UTC) | 2026-03-14 09:41 |\n| Incident resolved (UTC) | 2026-03-14 11:56 |\n| Total duration | 2h |',
    passes: '| Incident opened (UTC) | 2026-03-14 09:41 |\n| Incident resolved (UTC) | 2026-03-14 11:56 |\n| Total duration | 2h 15m |',
  },
  fromSchema(ctx, { pointer, message }) {
    if (!pointer) return;
    const minutes = computedMinutes(ctx);
    const fixes = minutes !== undefined ? [replaceFix(`Write the computed duration: ${formatDuration(minutes)}`, pointer.val, formatDuration(minutes))] : undefined;
    ctx.report(pointer.val, message, { fixes });
  },
  check(ctx) {
    const row = ctx.model.summary.totalDuration;
    if (!row) return;
    const stated = readDuration(row.value.text);
    const minutes = computedMinutes(ctx);
    if (stated === undefined || minutes === undefined) return;
    if (Math.abs(stated - minutes) < 1) return;
    const want = formatDuration(minutes);
    ctx.report(row.value,
      `Total duration "${row.value.text}" does not match Incident resolved − Incident opened (${want})`,
      { fixes: [replaceFix(`Write the computed duration: ${want}`, row.value, want)] });
  },
};
