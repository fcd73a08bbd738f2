import { finding, type Rule } from './rule';
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
    const { model } = ctx;
    const detected = summaryInstant(model, 'firstDetected');
    const opened = summaryInstant(model, 'incidentOpened');
    const resolved = summaryInstant(model, 'incidentResolved');
    const rel = (k: 'firstDetected' | 'incidentOpened', msg: string) => [{ start: model.summary[k]!.value.start, end: model.summary[k]!.value.end, message: msg }];
    if (detected && opened && opened < detected) {
      ctx.report(finding('PM008', 'error', model.summary.incidentOpened!.value,
        `Incident opened (${model.summary.incidentOpened!.value.text}) is before First detected (${model.summary.firstDetected!.value.text}); expected First detected ≤ Incident opened ≤ Incident resolved`,
        undefined, rel('firstDetected', 'First detected')));
    }
    const lower = opened ?? detected;
    const lowerKey = opened ? 'incidentOpened' : 'firstDetected';
    if (lower && resolved && resolved < lower) {
      ctx.report(finding('PM008', 'error', model.summary.incidentResolved!.value,
        `Incident resolved (${model.summary.incidentResolved!.value.text}) is before ${lowerKey === 'incidentOpened' ? 'Incident opened' : 'First detected'} (${model.summary[lowerKey]!.value.text}); expected First detected ≤ Incident opened ≤ Incident resolved`,
        undefined, rel(lowerKey, lowerKey === 'incidentOpened' ? 'Incident opened' : 'First detected')));
    }
  },
};
