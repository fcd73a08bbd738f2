/**
 * "New Post-Mortem": the template with Incident ID, author and Date Written filled
 * in, and where the file goes. No `vscode` import.
 */
import { escapeRegExp, fieldSpec, statusWorkflow, type TemplateDescriptor } from '../../../shared/src/template/descriptor';
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

/**
 * The template, filled in for a new incident:
 * - Incident ID, Post-Mortem Author (when known) and Date Written (UTC) set;
 * - Status set to DRAFT (a new post-mortem is a draft; same severities as unset);
 * - `<INCIDENT_ID>` in evidence paths replaced by the ID, because once the ID is set
 *   a leftover `<INCIDENT_ID>` is an error (PM013).
 * Everything else stays the template, byte for byte, with the template's line endings.
 */
export function fillTemplate(template: string, fields: NewPostmortemFields, d: TemplateDescriptor = V1_1): string {
  const id = fields.incidentId.trim();
  const label = (key: string) => fieldSpec(d, key)!.label;
  let out = template;
  out = setHeaderValue(out, label('incidentId'), id);
  const author = fields.author?.replace(/\s+/g, ' ').trim();
  if (author) out = setHeaderValue(out, label('author'), author);
  out = setHeaderValue(out, label('dateWritten'), utcDate(fields.now));
  out = setHeaderValue(out, label(d.statusField), statusWorkflow(d).draft);
  out = out.split('<INCIDENT_ID>').join(id);
  return out;
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
