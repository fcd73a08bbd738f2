import { isPlaceholder } from '../values';
import type { Rule } from './rule';
import { evidenceRefs, safeTest, wrongIncidentId } from './evidence';

export const PM013: Rule = {
  code: 'PM013',
  title: 'An evidence path still holds <INCIDENT_ID> or another incident\'s ID',
  why: 'Evidence of one incident must not point into another incident\'s folder; a left-over <INCIDENT_ID> points nowhere.',
  severity: 'error',
  fix: 'Substitute this document\'s Incident ID.',
  examples: {
    fails: '**Incident ID:** INC-2026-0042\n...\n| Decision checklist | `governance/evidence/<INCIDENT_ID>/decision-checklist.md` |',
    passes: '**Incident ID:** INC-2026-0042\n...\n| Decision checklist | `governance/evidence/INC-2026-0042/decision-checklist.md` |',
  },
  check(ctx) {
    const id = ctx.model.header.incidentId?.value.text;
    if (!id || isPlaceholder(id)) return;
    // An ID that breaks the pattern (PM019) names no folder to compare with.
    if (!safeTest(ctx.opts.settings.incidentIdPattern, id)) return;
    for (const row of ctx.model.evidence) {
      for (const ref of evidenceRefs(row.location)) {
        if (ref.url) continue;
        const wrong = wrongIncidentId(ref, id, ctx.opts.settings.evidenceRoot);
        if (!wrong) continue;
        const what = /^<INCIDENT_ID>$/i.test(wrong.other) ? 'still holds <INCIDENT_ID>' : `points to another incident (${wrong.other})`;
        ctx.report(ref, `Evidence path ${what}; expected this document's Incident ID ${id}`, { fixes: [
          { title: `Use this incident's ID: ${id}`, safe: true, edits: wrong.edits },
        ] });
      }
    }
  },
};
