import { evidencePlaceholder } from '../view';
import type { Rule } from './rule';
import { evidenceRefs, incidentIdSet, resolveEvidencePath, safeTest, wrongIncidentId } from './evidence';

export const PM014: Rule = {
  code: 'PM014',
  title: 'An evidence path does not exist in the workspace',
  why: 'Reviewers follow evidence paths; a typo or an evidence file that was never committed leaves a claim unsupported.',
  severity: 'warning',
  examples: {
    fails: '| Decision checklist | `governance/evidence/INC-2026-0042/decison-checklist.md` |',
    passes: '| Decision checklist | `governance/evidence/INC-2026-0042/decision-checklist.md` |',
  },
  check(ctx) {
    const { root, fs } = ctx.opts;
    if (!root || !fs) return;
    const idSet = incidentIdSet(ctx);
    const id = idSet ? ctx.model.header.incidentId?.value.text : undefined;
    const incidentId = id && safeTest(ctx.opts.settings.incidentIdPattern, id) ? id : undefined;
    for (const row of ctx.model.evidence) {
      if (evidencePlaceholder(row.location.text, idSet)) continue;
      for (const ref of evidenceRefs(row.location)) {
        if (ref.url) continue;
        // A path into another incident's folder is PM013; whether that file exists does not matter.
        if (incidentId && wrongIncidentId(ref, incidentId, ctx.opts.settings.evidenceRoot)) continue;
        const v = resolveEvidencePath(ref.path, root, fs);
        if (v.kind !== 'inside') continue;
        if (!fs.exists(v.abs)) {
          ctx.report(ref, `Evidence path "${ref.path}" does not exist in the workspace`);
        }
      }
    }
  },
};
