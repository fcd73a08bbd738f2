/**
 * Document links: every evidence path that exists opens its file or folder; the Incident ID in
 * the header opens its evidence folder. A path that does not exist (PM014), that leaves the
 * workspace (PM022) or still holds a placeholder gets no link. URLs are left to the client's own
 * Markdown links.
 */
import type { Analysis } from './analyze';
import type { FileSystem } from './api';
import { isPlaceholder } from './values';
import { evidenceRefs, resolveEvidencePath, type EvidenceRef } from './rules/evidence';

export interface LinkEntry {
  start: number;
  end: number;
  /** Absolute path (forward slashes) of the file or folder the link opens. */
  target: string;
  tooltip: string;
}

export interface LinkOptions {
  /** Workspace root (absolute); without one there are no links. */
  root?: string;
  evidenceRoot: string;
  fs: FileSystem;
}

/** The evidence root without leading `./` or `/` and without a trailing slash. */
export function evidenceRootOf(evidenceRoot: string): string {
  return evidenceRoot.replace(/\\/g, '/').replace(/^\.?\/+|\/+$/g, '');
}

/** The Incident ID when it is filled in (not a placeholder). */
export function incidentIdOf(a: Analysis): { id: string; start: number; end: number } | undefined {
  const f = a.model.header.incidentId;
  if (!f || f.value.text === '' || isPlaceholder(f.value.text)) return undefined;
  return { id: f.value.text, start: f.value.start, end: f.value.end };
}

/**
 * Inline code spans outside the evidence table that name a path under the evidence root
 * (`governance/evidence/INC-1/log.txt` in prose): evidence paths too.
 */
function proseEvidenceRefs(a: Analysis, evidenceRoot: string): EvidenceRef[] {
  const out: EvidenceRef[] = [];
  const table = a.model.evidenceTable;
  const prefix = `${evidenceRootOf(evidenceRoot)}/`;
  for (const c of a.model.code) {
    if (table && c.start >= table.start && c.end <= table.end) continue;
    if (a.text.charCodeAt(c.start) !== 96 /* ` */) continue; // fenced and indented code: not paths
    const m = /^(`+)([^`\r\n]+?)\1$/.exec(a.text.slice(c.start, c.end));
    if (!m) continue;
    const p = m[2]!.trim();
    if (!p.replace(/^\.\//, '').startsWith(prefix)) continue;
    const s = c.start + m[1]!.length + m[2]!.indexOf(p);
    out.push({ path: p, start: s, end: s + p.length, url: false });
  }
  return out;
}

export function documentLinks(a: Analysis, opts: LinkOptions): LinkEntry[] {
  if (!a.isPostmortem || opts.root === undefined) return [];
  const out: LinkEntry[] = [];
  const existing = (raw: string): string | undefined => {
    const v = resolveEvidencePath(raw, opts.root!, opts.fs);
    return v.kind === 'inside' && opts.fs.exists(v.abs) ? v.abs : undefined;
  };
  const id = incidentIdOf(a);
  if (id && !/[\\/]/.test(id.id) && id.id !== '.' && id.id !== '..') {
    const folder = existing(`${evidenceRootOf(opts.evidenceRoot)}/${id.id}`);
    if (folder) out.push({ start: id.start, end: id.end, target: folder, tooltip: `Open the evidence folder ${evidenceRootOf(opts.evidenceRoot)}/${id.id}/` });
  }
  const refs = [...a.model.evidence.flatMap((row) => evidenceRefs(row.location)), ...proseEvidenceRefs(a, opts.evidenceRoot)];
  for (const ref of refs) {
    if (ref.url) continue;
    const target = existing(ref.path);
    if (target) out.push({ start: ref.start, end: ref.end, target, tooltip: `Open ${ref.path}` });
  }
  return out.sort((x, y) => x.start - y.start);
}

/**
 * Every path the file system is asked about when `a` is checked (PM014's existence, PM022's
 * symbolic links) and its links drawn (`documentLinks`): the evidence paths the document names,
 * in its evidence table and in prose, and the Incident ID's evidence folder — absolute, under
 * `root`. The web server (docs/web.md) fetches these before the analysis it keeps, whose
 * `FileSystem` then answers synchronously.
 */
export function evidenceFileQueries(a: Analysis, root: string, evidenceRoot: string): string[] {
  if (!a.isPostmortem) return [];
  const out = new Set<string>();
  const add = (raw: string) => {
    const v = resolveEvidencePath(raw, root);
    if (v.kind === 'inside') out.add(v.abs);
  };
  const id = incidentIdOf(a);
  if (id && !/[\\/]/.test(id.id) && id.id !== '.' && id.id !== '..') add(`${evidenceRootOf(evidenceRoot)}/${id.id}`);
  for (const ref of [...a.model.evidence.flatMap((row) => evidenceRefs(row.location)), ...proseEvidenceRefs(a, evidenceRoot)]) {
    if (ref.url) continue;
    add(ref.path);
    // PM022 follows a path still holding the placeholder as if it were a folder name.
    if (/<INCIDENT_ID>/i.test(ref.path)) add(ref.path.replace(/<INCIDENT_ID>/gi, 'INCIDENT_ID'));
  }
  return [...out];
}
