/**
 * "New Post-Mortem": the template with Incident ID, author and Date Written filled
 * in, and where the file goes. No `vscode` import.
 */
import type { NewFileTemplate } from '../../../shared/src/protocol';
import { escapeRegExp, fieldRoles, statusWorkflow } from '../../../shared/src/template/descriptor';
import { V1_1 } from '../../../shared/src/template/v1_1';
import { english, type Translate } from './l10n';

export interface NewPostmortemFields {
  incidentId: string;
  /** Git `user.name`; undefined or blank keeps the template's placeholder. */
  author?: string;
  /** The moment of creation; Date Written is its UTC date. */
  now: Date;
}

/** `YYYY-MM-DD` of `d` in UTC. */
export function utcDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** Replaces the value of the header line `**<label>:** …` (first occurrence), keeping the line's ending. */
function setHeaderValue(text: string, label: string, value: string): string {
  const esc = escapeRegExp(label);
  const re = new RegExp(`^(\\*\\*${esc}:\\*\\*)[ \\t]*[^\\r\\n]*`, 'm');
  return text.replace(re, (_m, head: string) => `${head} ${value}`);
}

/** Which header fields New Post-Mortem fills in (their labels) and the draft status. */
export interface NewFileLabels {
  fields: NewFileTemplate['fields'];
  /** The status workflow; its first status is the draft one. */
  statuses: readonly string[];
}

/** Template v1.1's: Incident ID, Post-Mortem Author, Date Written (UTC), Status → DRAFT. */
export const V1_1_LABELS: NewFileLabels = { fields: fieldRoles(V1_1), statuses: statusWorkflow(V1_1).values };

/**
 * The template, filled in for a new incident (the template's fields by role, docs/templates.md;
 * a field the template does not have is skipped):
 * - Incident ID, author (when known) and date written (UTC) set;
 * - Status set to the workflow's first status (v1.1: DRAFT; a new post-mortem is a draft; same
 *   severities as unset);
 * - `<INCIDENT_ID>` in evidence paths replaced by the ID, because once the ID is set
 *   a leftover `<INCIDENT_ID>` is an error (PM013).
 * Everything else stays the template, byte for byte, with the template's line endings.
 */
export function fillTemplate(template: string, fields: NewPostmortemFields, labels: NewFileLabels = V1_1_LABELS): string {
  const id = fields.incidentId.trim();
  const { incidentId, author: authorLabel, date, status } = labels.fields;
  let out = template;
  if (incidentId !== undefined) out = setHeaderValue(out, incidentId, id);
  const author = fields.author?.replace(/\s+/g, ' ').trim();
  if (author && authorLabel !== undefined) out = setHeaderValue(out, authorLabel, author);
  if (date !== undefined) out = setHeaderValue(out, date, utcDate(fields.now));
  const draft = labels.statuses[0];
  if (status !== undefined && draft !== undefined) out = setHeaderValue(out, status, draft);
  out = out.split('<INCIDENT_ID>').join(id);
  return out;
}

/**
 * The first value still to fill in on a line of the new file (its column and length): the
 * built-in template's `___`, a team template's `<...>`.
 */
export function firstBlank(line: string, builtIn: boolean): { start: number; length: number } | undefined {
  const m = (builtIn ? /_{3,}/ : /<[^<>]*>/).exec(line);
  return m ? { start: m.index, length: m[0].length } : undefined;
}

/**
 * Which templates New Post-Mortem offers (`postmortem/templates`: the configured team templates,
 * then the built-in one): none configured → the built-in one, no question; one → that one, no
 * question; several → all of them (the built-in one last), for a quick pick.
 */
export function templateChoices<T extends { builtIn: boolean }>(templates: readonly T[]): { use: T } | { pick: T[] } | undefined {
  const team = templates.filter((t) => !t.builtIn);
  if (team.length === 1) return { use: team[0]! };
  if (team.length === 0) {
    const builtIn = templates.find((t) => t.builtIn);
    return builtIn ? { use: builtIn } : undefined;
  }
  return { pick: [...templates] };
}

/**
 * The workspace-relative segments of `postmortem.newFileFolder` (or `evidenceRoot`):
 * forward or back slashes, no `..`, not absolute. `[]` means the workspace root.
 */
export function relativeFolderSegments(folder: string, t: Translate = english): { segments: string[] } | { error: string } {
  const f = folder.trim();
  if (/^([A-Za-z]:)?[\\/]/.test(f) || /^[A-Za-z]:/.test(f) || f.startsWith('~')) {
    return { error: t('"{0}" is not a workspace-relative folder', folder) };
  }
  const segments = f.split(/[\\/]+/).filter((s) => s !== '' && s !== '.');
  if (segments.some((s) => s === '..')) return { error: t('"{0}" leaves the workspace ("..")', folder) };
  return { segments };
}

/** `post-mortems/INC-1.md`: the new file's workspace-relative path. */
export function newFileRelPath(segments: readonly string[], incidentId: string): string {
  return [...segments, `${incidentId.trim()}.md`].join('/');
}
