import { readDate } from '../values';
import { replaceFix, type Rule } from './rule';

export const PM011: Rule = {
  code: 'PM011',
  title: 'An action item has no valid target date',
  why: 'Without a date an action item never becomes overdue, so nobody is reminded. An error in any status once the action text is filled in.',
  severity: 'error',
  fix: 'Rewrite the date to ISO when it is readable and unambiguous.',
  examples: { fails: '| 1 | Add alert on oracle lag | alice | next sprint | NO | OPEN |', passes: '| 1 | Add alert on oracle lag | alice | 2026-04-01 | NO | OPEN |' },
  fromSchema(ctx, { pointer, message }) {
    if (!pointer) return;
    const rewrite = readDate(pointer.val.text).isoRewrite;
    ctx.report(pointer.val, message, { fixes: rewrite ? [replaceFix(`Rewrite as ${rewrite}`, pointer.val, rewrite)] : undefined });
  },
};
