import { isPlaceholder } from '../values';
import type { Rule } from './rule';
import { evidenceRefs, type EvidenceRef } from './shared';

export function safeTest(pattern: string, id: string): boolean {
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

/**
 * Where an evidence path names `<INCIDENT_ID>` or another incident's folder under the
 * evidence root: the first such name and the edits that put `id` in its place.
 * PM014 skips these paths: their folder is the defect, not the file.
 */
export function wrongIncidentId(
  ref: EvidenceRef,
  id: string,
  evidenceRoot: string,
): { other: string; edits: { start: number; end: number; newText: string }[] } | undefined {
  const root = escapeRe(evidenceRoot.replace(/^\.?\/+|\/+$/g, ''));
  const re = new RegExp(`(?:^|/)${root}/([^/\\s\`]+)`, 'g');
  const pathText = ref.path;
  const edits: { start: number; end: number; newText: string }[] = [];
  let other: string | undefined;
  let m: RegExpExecArray | null;
  while ((m = re.exec(pathText))) {
    const seg = m[1]!;
    // `governance/evidence/../evidence/ID/…`: a dot segment names no incident.
    if (seg === id || seg === '.' || seg === '..') continue;
    other ??= seg;
    const segStart = ref.start + m.index + m[0].length - seg.length;
    edits.push({ start: segStart, end: segStart + seg.length, newText: id });
  }
  const placeholderOutside = /<INCIDENT_ID>/i.exec(pathText);
  if (placeholderOutside && !edits.some((e) => e.start === ref.start + placeholderOutside.index)) {
    other ??= placeholderOutside[0];
    edits.push({ start: ref.start + placeholderOutside.index, end: ref.start + placeholderOutside.index + placeholderOutside[0].length, newText: id });
  }
  return other ? { other, edits } : undefined;
}
