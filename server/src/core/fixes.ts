import type { Finding, TextEdit } from './types';

/**
 * The edits of every safe fix, skipping any fix whose edits overlap an edit
 * already taken (overlapping edits are never combined). Sorted by offset.
 */
export function collectFixAll(findings: readonly Finding[]): TextEdit[] {
  const taken: TextEdit[] = [];
  const overlaps = (a: TextEdit, b: TextEdit) =>
    a.start < b.end && b.start < a.end || (a.start === a.end && b.start === b.end && a.start === b.start) ||
    (a.start === a.end && a.start > b.start && a.start < b.end) || (b.start === b.end && b.start > a.start && b.start < a.end);
  for (const f of findings) {
    const fix = f.fixes?.find((x) => x.safe);
    if (!fix) continue;
    if (fix.edits.some((e) => taken.some((t) => overlaps(e, t)))) continue;
    taken.push(...fix.edits);
  }
  return taken.sort((a, b) => a.start - b.start || a.end - b.end);
}
