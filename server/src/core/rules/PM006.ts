import { readDate, readTimestamp } from '../values';
import { replaceFix, type Rule } from './rule';

export const PM006: Rule = {
  code: 'PM006',
  title: 'A date or timestamp cannot be read',
  why: 'Dates are compared and subtracted (chronology, durations, overdue items); only ISO dates compare without guessing.',
  severity: 'error',
  fix: 'Rewrite to ISO (YYYY-MM-DD) when unambiguous: "October 2, 2026" yes, "03/04/2026" no.',
  examples: { fails: '**Review Meeting Date:** March 14, 2026', passes: '**Review Meeting Date:** 2026-03-14' },
  fromSchema(ctx, { pointer, message }) {
    if (!pointer) return;
    const d = readDate(pointer.val.text);
    const rewrite = d.isoRewrite ?? readTimestamp(pointer.val.text, true).isoRewrite;
    ctx.report(pointer.val, message, { fixes: rewrite ? [replaceFix(`Rewrite as ${rewrite}`, pointer.val, rewrite)] : undefined });
  },
};
