import { evidencePlaceholder } from '../view';
import { incidentIdSet } from './evidence';
import type { Rule } from './rule';

export const PM023: Rule = {
  code: 'PM023',
  title: 'Was this a drill? is YES but no drill evidence bundle path is given',
  why: 'A drill is only worth something with its evidence bundle; governance audits drills by it.',
  severity: 'warning',
  examples: {
    fails: '| Was this a drill? | YES |\n...\n| Drill evidence bundle | |',
    passes: '| Was this a drill? | YES |\n...\n| Drill evidence bundle | `governance/evidence/DRILL-2026-03/` |',
  },
  check(ctx) {
    const drill = ctx.model.summary.drill;
    if (!drill || drill.value.text.trim().toUpperCase() !== 'YES') return;
    const idSet = incidentIdSet(ctx);
    const row = ctx.model.evidence.find((e) => /drill/i.test(e.artifact.text));
    const loc = row?.location.text.trim() ?? '';
    if (row && !evidencePlaceholder(loc, idSet) && !/^(none|n\/a)$/i.test(loc)) return;
    ctx.report(drill.value, 'Was this a drill? is YES but no drill evidence bundle path is given; expected a path in the "Drill evidence bundle" row of section 8',
      { related: row ? [{ start: row.location.start, end: row.location.end, message: 'Drill evidence bundle' }] : undefined });
  },
};
