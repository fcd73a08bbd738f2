/**
 * Template text that still stands where a value belongs (SPEC §3 "Placeholder"). No imports:
 * no dependency, so any reader can use it without pulling in luxon.
 */

/** Template text that still stands where a value belongs (SPEC §3 "Placeholder"). */
export function isPlaceholder(value: string, choices?: readonly string[]): boolean {
  const v = value.trim();
  if (v === '' || v === '-' || v === '—' || v === '–') return true;
  if (v.includes('___')) return true;
  // The patterns below start with their first character: tested only when it matches (a long
  // timeline's cells are read on every edit).
  const first = v[0];
  if (first === '*' && (/^\*\(.*\)\*$/s.test(v) || /^\*Describe\b.*\*$/s.test(v))) return true;
  if (first === '_' && /^_\(.*\)_$/s.test(v)) return true;
  // `<what to write>`: a team template's value to fill (docs/templates.md); not an autolink, a path or an e-mail.
  if (first === '<' && /^<(?![a-z][a-z0-9+.-]*:)[^<>@/\\]*>$/i.test(v)) return true;
  if (choices && isAllChoices(v, choices)) return true;
  return false;
}

/** `YES / NO`, `DRAFT / UNDER REVIEW / FINAL`: every option, as the template offers them. */
export function isAllChoices(value: string, choices: readonly string[]): boolean {
  const parts = value.split('/').map((p) => p.trim().toUpperCase());
  if (parts.length < 2 || parts.length !== choices.length) return false;
  return choices.every((c) => parts.includes(c.toUpperCase()));
}
