/**
 * Renaming the Incident ID: where it occurs (the header field and every other occurrence in the
 * text, evidence paths included), whether a new ID may be used, and the paths named after the ID
 * (its evidence folder, a file named after it). The server turns the plan into one WorkspaceEdit.
 */
import type { Analysis } from './analyze';
import type { TextEdit } from './types';
import { evidenceRootOf, incidentIdOf } from './links';
import { safeTest } from './rules/evidence';

export interface IdOccurrence {
  start: number;
  end: number;
}

const ID_CHAR = /[A-Za-z0-9_-]/;

/**
 * Every occurrence of `id` in the text as a whole token: not inside a longer ID (`INC-1` is not
 * in `INC-12` or `XINC-1`); a `.` after it ends a sentence unless a letter or digit follows.
 */
export function idOccurrences(text: string, id: string): IdOccurrence[] {
  const out: IdOccurrence[] = [];
  if (id === '') return out;
  for (let i = text.indexOf(id); i >= 0; i = text.indexOf(id, i + id.length)) {
    const before = i > 0 ? text[i - 1]! : '';
    const after = text[i + id.length] ?? '';
    if (before !== '' && (ID_CHAR.test(before) || (before === '.' && i > 1 && ID_CHAR.test(text[i - 2]!)))) continue;
    if (after !== '' && (ID_CHAR.test(after) || (after === '.' && ID_CHAR.test(text[i + id.length + 1] ?? '')))) continue;
    out.push({ start: i, end: i + id.length });
  }
  return out;
}

/** The Incident ID occurrence under `offset` (its header value or any other occurrence). */
export function incidentIdAt(a: Analysis, offset: number): { id: string; start: number; end: number } | undefined {
  if (!a.isPostmortem) return undefined;
  const id = incidentIdOf(a);
  if (!id) return undefined;
  if (offset >= id.start && offset <= id.end) return id;
  // Only the text around the offset: an occurrence holding it lies within ±length, and the two
  // characters beyond each side (the token-boundary checks) are inside the window too.
  const from = Math.max(0, offset - id.id.length - 2);
  const window = a.text.slice(from, Math.min(a.text.length, offset + id.id.length + 2));
  for (const o of idOccurrences(window, id.id)) {
    if (from + o.start <= offset && offset <= from + o.end) return { id: id.id, start: from + o.start, end: from + o.end };
  }
  return undefined;
}

/** Why `newId` cannot be the Incident ID (undefined: it can). */
export function invalidIncidentId(newId: string, pattern: string): string | undefined {
  if (newId.trim() !== newId || newId === '') return 'An Incident ID cannot be empty or start or end with blanks';
  if (/[\\/\s]|^\.\.?$/.test(newId)) return `"${newId}" cannot be an Incident ID: it names a folder, so it must not hold slashes or blanks`;
  if (!safeTest(pattern, newId)) return `"${newId}" does not match the Incident ID pattern ${pattern} (postmortem.incidentIdPattern)`;
  return undefined;
}

export interface RenamePlan {
  oldId: string;
  newId: string;
  /** Every occurrence replaced, in document order. */
  edits: TextEdit[];
  /** The evidence folder named after the old ID and the one it becomes (workspace-relative, `/`). */
  evidenceFolder: { from: string; to: string };
}

/** The rename of the Incident ID at `offset` to `newId`; an error message when it cannot be done. */
export function planRename(a: Analysis, offset: number, newId: string, settings: { incidentIdPattern: string; evidenceRoot: string }): RenamePlan | { error: string } {
  const at = incidentIdAt(a, offset);
  if (!at) return { error: 'Only the Incident ID can be renamed here: put the cursor on it (the header field or any occurrence)' };
  const why = invalidIncidentId(newId, settings.incidentIdPattern);
  if (why) return { error: why };
  const edits = newId === at.id ? [] : idOccurrences(a.text, at.id).map((o) => ({ start: o.start, end: o.end, newText: newId }));
  const root = evidenceRootOf(settings.evidenceRoot);
  return { oldId: at.id, newId, edits, evidenceFolder: { from: `${root}/${at.id}`, to: `${root}/${newId}` } };
}

/** The file's new path when its name holds the old ID (`INC-1.md`, `INC-1-postmortem.md`); otherwise undefined. */
export function renamedFilePath(filePath: string, oldId: string, newId: string): string | undefined {
  const slash = Math.max(filePath.lastIndexOf('/'), filePath.lastIndexOf('\\'));
  const dir = filePath.slice(0, slash + 1);
  const full = filePath.slice(slash + 1);
  const ext = /\.[A-Za-z0-9]+$/.exec(full)?.[0] ?? '';
  const name = full.slice(0, full.length - ext.length);
  const hits = idOccurrences(name, oldId);
  if (hits.length === 0 || oldId === newId) return undefined;
  let out = '';
  let pos = 0;
  for (const h of hits) {
    out += name.slice(pos, h.start) + newId;
    pos = h.end;
  }
  return dir + out + name.slice(pos) + ext;
}
