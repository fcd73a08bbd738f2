import type { Rule } from './rule';

export const PM018: Rule = {
  code: 'PM018',
  title: 'A timeline row lacks its time, event or actor',
  why: 'Each timeline row answers when, what and who; a row missing one of them cannot be placed or followed up.',
  severity: 'by status',
  examples: { fails: '| | Fix deployed | alice |', passes: '| 2026-03-14 11:40 | Fix deployed | alice |' },
  fromSchema(ctx, { pointer, message }) {
    if (pointer) ctx.report(pointer.val, message);
  },
};
