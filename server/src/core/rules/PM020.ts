import type { Rule } from './rule';

export const PM020: Rule = {
  code: 'PM020',
  title: 'Funds at risk is neither None nor a USD amount',
  why: 'Funds at risk is aggregated across incidents; it has to be a number in USD, or None.',
  severity: 'error',
  examples: { fails: '| Funds at risk at peak | about a million |', passes: '| Funds at risk at peak | $1,250,000 |' },
  fromSchema(ctx, { pointer, message }) {
    if (pointer) ctx.report(pointer.val, message);
  },
};
