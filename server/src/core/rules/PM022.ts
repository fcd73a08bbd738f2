import { evidencePlaceholder } from '../view';
import type { Rule } from './rule';
import { evidenceRefs, incidentIdSet, resolveEvidencePath } from './evidence';

export const PM022: Rule = {
  code: 'PM022',
  title: 'An evidence path leaves the workspace',
  why: 'Evidence must live in the governance repository; a path with "..", an absolute path or a link out of the workspace points at files reviewers do not have.',
  severity: 'error',
  examples: { fails: '| Audit log export | `../../etc/passwd` |', passes: '| Audit log export | `governance/evidence/INC-2026-0042/audit.csv` |' },
  check(ctx) {
    const idSet = incidentIdSet(ctx);
    const root = ctx.opts.root ?? '/workspace';
    for (const row of ctx.model.evidence) {
      if (evidencePlaceholder(row.location.text, idSet) && !/\.\./.test(row.location.text)) continue;
      for (const ref of evidenceRefs(row.location)) {
        if (ref.url) continue;
        const v = resolveEvidencePath(ref.path.replace(/<INCIDENT_ID>/gi, 'INCIDENT_ID'), root, ctx.opts.root ? ctx.opts.fs : undefined);
        if (v.kind === 'outside') ctx.report(ref, `Evidence path "${ref.path}" leaves the workspace: ${v.why}; expected a workspace-relative path`);
      }
    }
  },
};
