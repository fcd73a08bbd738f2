import { DateTime } from 'luxon';
import { isoDay, isPlaceholder, readDate } from '../values';
import type { Rule } from './rule';

export const PM021: Rule = {
  code: 'PM021',
  title: "An open action item's target date is before today (UTC)",
  why: 'Overdue actions are the ones that let an incident happen twice; this is a reminder, not a defect of the document.',
  severity: 'information',
  examples: { fails: '| 1 | Add alert | alice | 2020-01-01 | NO | OPEN |', passes: '| 1 | Add alert | alice | 2020-01-01 | NO | DONE |' },
  check(ctx) {
    const today = DateTime.fromJSDate(ctx.opts.now ?? new Date(), { zone: 'utc' }).startOf('day');
    for (const a of ctx.model.actions) {
      if (isPlaceholder(a.action.text)) continue;
      // Only a status that says open (OPEN / IN PROGRESS, any case): a placeholder or a bad choice
      // is PM003 / PM004 on the status, and whether the item is open is then unknown.
      const status = a.status.text.trim().replace(/\s+/g, ' ').toUpperCase();
      if (status !== 'OPEN' && status !== 'IN PROGRESS') continue;
      const d = readDate(a.targetDate.text);
      if (d.kind !== 'date' || !d.date || d.date >= today) continue;
      ctx.report(a.targetDate, `Action ${a.number.text || ''} is overdue: target date ${a.targetDate.text} is before today (${isoDay(today)} UTC)`.replace('Action  is', 'Action is'));
    }
  },
};
