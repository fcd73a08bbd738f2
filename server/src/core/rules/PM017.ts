import type { Rule } from './rule';

export const PM017: Rule = {
  code: 'PM017',
  title: 'An impact row is YES but its detail is not filled',
  why: 'A YES without its detail (Duration:, Count:, Partner(s):, Pool(s):, Tx:, Recipients:, Regulator:) cannot be reviewed or reported.',
  severity: 'error',
  examples: { fails: '| Originations blocked | YES | Duration: ___ |', passes: '| Originations blocked | YES | Duration: 2h 15m |' },
  fromSchema(ctx, { pointer, message }) {
    if (pointer) ctx.report(pointer.val, message);
  },
};
