import { isPlaceholder } from '../values';
import { finding, type Rule } from './rule';
import { evidenceRefs } from './shared';

function safeTest(pattern: string, id: string): boolean {
  try {
    return new RegExp(pattern, 'u').test(id);
  } catch {
    return true;
  }
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

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
    const root = escapeRe(ctx.opts.settings.evidenceRoot.replace(/^\.?\/+|\/+$/g, ''));
    const re = new RegExp(`(?:^|/)${root}/([^/\\s\`]+)`, 'g');
    for (const row of ctx.model.evidence) {
      for (const ref of evidenceRefs(row.location)) {
        if (ref.url) continue;
        const pathText = ref.path;
        let m: RegExpExecArray | null;
        re.lastIndex = 0;
        const edits: { start: number; end: number; newText: string }[] = [];
        let other: string | undefined;
        while ((m = re.exec(pathText))) {
          const seg = m[1]!;
          if (seg === id) continue;
          other ??= seg;
          const segStart = ref.start + m.index + m[0].length - seg.length;
          edits.push({ start: segStart, end: segStart + seg.length, newText: id });
        }
        const placeholderOutside = /<INCIDENT_ID>/i.exec(pathText);
        if (placeholderOutside && !edits.some((e) => e.start === ref.start + placeholderOutside.index)) {
          other ??= placeholderOutside[0];
          edits.push({ start: ref.start + placeholderOutside.index, end: ref.start + placeholderOutside.index + placeholderOutside[0].length, newText: id });
        }
        if (!other) continue;
        const what = /^<INCIDENT_ID>$/i.test(other) ? 'still holds <INCIDENT_ID>' : `points to another incident (${other})`;
        ctx.report(finding('PM013', 'error', ref, `Evidence path ${what}; expected this document's Incident ID ${id}`, [
          { title: `Use this incident's ID: ${id}`, safe: true, edits },
        ]));
      }
    }
  },
};
