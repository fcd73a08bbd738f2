import type { Rule } from './rule';
import { summaryInstant } from './shared';

export const PM008: Rule = {
  code: 'PM008',
  title: 'First detected ≤ Incident opened ≤ Incident resolved does not hold',
  why: 'An incident cannot be opened before it was detected, nor resolved before it was opened; one of the times is wrong.',
  severity: 'error',
  examples: {
    fails: '| Incident opened (UTC) | 2026-03-14 11:00 |\n| Incident resolved (UTC) | 2026-03-14 10:00 |',
    passes: '| Incident opened (UTC) | 2026-03-14 10:00 |\n| Incident resolved (UTC) | 2026-03-14 11:00 |',
  },
  check(ctx) {
    // Which of two out-of-order values is wrong cannot be known: both get the finding, each pointing at the other.
    const { model } = ctx;
    const names = { firstDetected: 'First detected', incidentOpened: 'Incident opened', incidentResolved: 'Incident resolved' } as const;
    type K = keyof typeof names;
    const at: Partial<Record<K, ReturnType<typeof summaryInstant>>> = {
      firstDetected: summaryInstant(model, 'firstDetected'),
      incidentOpened: summaryInstant(model, 'incidentOpened'),
      incidentResolved: summaryInstant(model, 'incidentResolved'),
    };
    const pairs: [K, K][] = [['firstDetected', 'incidentOpened'], ['incidentOpened', 'incidentResolved']];
    if (!at.incidentOpened) pairs.push(['firstDetected', 'incidentResolved']);
    for (const [early, late] of pairs) {
      const a = at[early];
      const b = at[late];
      if (!a || !b || a <= b) continue;
      const ea = model.summary[early]!.value;
      const lb = model.summary[late]!.value;
      const msg = `${names[early]} (${ea.text}) is after ${names[late]} (${lb.text}); expected First detected ≤ Incident opened ≤ Incident resolved`;
      ctx.report(ea, msg, { related: [{ start: lb.start, end: lb.end, message: names[late] }] });
      ctx.report(lb, msg, { related: [{ start: ea.start, end: ea.end, message: names[early] }] });
    }
  },
};
