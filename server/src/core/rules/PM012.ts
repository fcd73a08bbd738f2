import { ROLE_KEYS, ROLE_LABELS } from '../model';
import { isPlaceholder } from '../values';
import type { Rule } from './rule';

export const PM012: Rule = {
  code: 'PM012',
  title: 'Status is FINAL but a sign-off row lacks Name, Signature or Date',
  why: 'FINAL means all five roles reviewed and signed. Reported on the Status value and on each incomplete row.',
  severity: 'error',
  examples: {
    fails: '**Status:** FINAL\n...\n| Technical Lead | Bob Li | | |',
    passes: '**Status:** FINAL\n...\n| Technical Lead | Bob Li | BL | 2026-03-20 |',
  },
  check(ctx) {
    if (ctx.status !== 'FINAL') return;
    const { model } = ctx;
    // Checked as if FINAL (Mark Final, --status-as FINAL): say what FINAL needs, not what Status says.
    const lead = ctx.opts.statusAs === 'FINAL' ? 'FINAL needs all five sign-offs:' : 'Status is FINAL but';
    const incomplete: string[] = [];
    for (const k of ROLE_KEYS) {
      const r = model.signoff[k];
      if (!r) continue;
      const lacking = (['name', 'signature', 'date'] as const).filter((c) => isPlaceholder(r[c].text));
      if (lacking.length === 0) continue;
      incomplete.push(ROLE_LABELS[k]);
      const first = r[lacking[0]!];
      const names = lacking.map((c) => (c === 'name' ? 'Name' : c === 'signature' ? 'Signature' : 'Date')).join(', ');
      ctx.report(first, `${lead} the sign-off of ${ROLE_LABELS[k]} lacks ${names}`);
    }
    if (incomplete.length) {
      const status = model.header.status?.value ?? model.title?.textSpan;
      const rows = `${incomplete.length} sign-off row${incomplete.length > 1 ? 's are' : ' is'} incomplete (${incomplete.join(', ')})`;
      const message = ctx.opts.statusAs === 'FINAL' ? `${lead} ${rows}` : `${lead} ${rows}; all five roles must sign first`;
      if (status) ctx.report(status, message);
    }
  },
};
