import type { Rule } from './rule';

export const PM010: Rule = {
  code: 'PM010',
  title: 'An action item has no owner',
  why: 'An action nobody owns is not done. This is an error in any status once the action text is filled in.',
  severity: 'error',
  examples: { fails: '| 1 | Add alert on oracle lag | | 2026-04-01 | NO | OPEN |', passes: '| 1 | Add alert on oracle lag | alice | 2026-04-01 | NO | OPEN |' },
  fromSchema(ctx, { pointer, message }) {
    if (pointer) ctx.report(pointer.val, message);
  },
};
