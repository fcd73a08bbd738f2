import { ROLE_KEYS, ROLE_LABELS } from '../model';
import { isPlaceholder, readDateOrTimestamp } from '../values';
import type { Rule } from './rule';

export const PM025: Rule = {
  code: 'PM025',
  title: 'A sign-off date is before Date Written',
  why: 'Nobody can sign a document before it was written; the date is probably a typo.',
  severity: 'warning',
  examples: {
    fails: '**Date Written (UTC):** 2026-03-16\n...\n| Technical Lead | Bob Li | BL | 2026-03-15 |',
    passes: '**Date Written (UTC):** 2026-03-16\n...\n| Technical Lead | Bob Li | BL | 2026-03-18 |',
  },
  check(ctx) {
    const dw = ctx.model.header.dateWritten;
    if (!dw || isPlaceholder(dw.value.text)) return;
    const written = readDateOrTimestamp(dw.value.text, true).date;
    if (!written) return;
    for (const k of ROLE_KEYS) {
      const r = ctx.model.signoff[k];
      if (!r || isPlaceholder(r.date.text)) continue;
      const d = readDateOrTimestamp(r.date.text, true).date;
      if (d && d < written.startOf('day')) {
        ctx.report(r.date, `Sign-off date of ${ROLE_LABELS[k]} (${r.date.text}) is before Date Written (${dw.value.text})`,
          { related: [{ start: dw.value.start, end: dw.value.end, message: 'Date Written' }] });
      }
    }
  },
};
