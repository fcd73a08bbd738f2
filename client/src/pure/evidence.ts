/** "Insert Evidence Path": the path that is inserted, and how. No `vscode` import. */

/** `governance/evidence/INC-1/logs/a.csv`: workspace-relative, forward slashes; `relFile` '' = the folder itself (with a trailing slash). */
export function evidencePath(rootSegments: readonly string[], incidentId: string, relFile: string): string {
  const base = [...rootSegments, incidentId].join('/');
  const rel = relFile.replace(/\\/g, '/').replace(/^\/+/, '');
  return rel === '' ? `${base}/` : `${base}/${rel}`;
}

/**
 * The text to insert at the cursor: the path in backticks, unless the cursor is
 * already between backticks (`before` ends with one and `after` starts with one).
 */
export function evidenceInsertText(path: string, before: string, after: string): string {
  if (before.endsWith('`') && after.startsWith('`')) return path;
  return `\`${path}\``;
}

/** Sorts files the way a file explorer does: folders' files after shallower ones, then by name. */
export function sortEvidenceFiles(files: readonly string[]): string[] {
  return [...files].sort((a, b) => {
    const da = a.split('/').length;
    const db = b.split('/').length;
    return da - db || a.localeCompare(b, 'en', { numeric: true });
  });
}
