/**
 * Evidence paths, for the rules that check them (PM013, PM014, PM022, PM023): the paths and
 * URLs a location cell names, this incident's ID in them, and where a path points relative to
 * the workspace root — without node:path, so the core stays platform-free. Paths use "/"
 * (a "\\" counts as one too).
 */
import { escapeRegExp } from '../../../../shared/src/template/descriptor';
import type { FileSystem } from '../api';
import type { Val } from '../model';
import type { RuleContext } from './rule';

// ------------------------------------------------------------ paths in a cell

export interface EvidenceRef {
  /** The path text as written (inside backticks or the link target). */
  path: string;
  start: number;
  end: number;
  /** A URL: never checked. */
  url: boolean;
}

const URL_RE = /^[a-z][a-z0-9+.-]*:\/\//i;

/** The paths and URLs a location cell names: `code`, [text](target), <url>, bare URLs or paths. */
export function evidenceRefs(loc: Val): EvidenceRef[] {
  const out: EvidenceRef[] = [];
  const t = loc.text;
  if (/^(none|n\/a)$/i.test(t.trim())) return out;
  const add = (path: string, s: number) => {
    const p = path.trim();
    if (!p) return;
    const lead = path.indexOf(p);
    out.push({ path: p, start: loc.start + s + lead, end: loc.start + s + lead + p.length, url: URL_RE.test(p) || /^mailto:/i.test(p) });
  };
  // A code span in a link's text (`[`audit-log.csv`](governance/…)`) is a label, not a path.
  const labels = [...t.matchAll(/\[([^\]]*)\]\(/g)].map((m) => [m.index!, m.index! + m[0].length] as const);
  for (const m of t.matchAll(/(`+)([^`]+?)\1/g)) {
    if (labels.some(([a, b]) => m.index! > a && m.index! < b)) continue;
    add(m[2]!, m.index! + m[1]!.length);
  }
  // [text](target), [text](<target>); a target may hold `<INCIDENT_ID>` itself.
  for (const m of t.matchAll(/\]\(\s*(?:<([^<>\s]+)>|([^)\s]+))(?:\s+"[^"]*")?\s*\)/g)) {
    const target = m[1] ?? m[2]!;
    const inner = m[0].indexOf(target, 2);
    add(target, m.index! + inner);
  }
  if (out.length === 0) {
    for (const m of t.matchAll(/(?:^|\s)(<?)([^\s<>`]+)>?/g)) {
      const word = m[2]!;
      if (URL_RE.test(word) || (word.includes('/') && !/^[([]/.test(word))) add(word, m.index! + m[0].indexOf(word));
    }
  }
  return out;
}

/** Percent-decodes a link target; leaves it as is when malformed. */
export function decodePath(p: string): string {
  try {
    return decodeURIComponent(p);
  } catch {
    return p;
  }
}

/** Whether the Incident ID is filled in (until it is, `<INCIDENT_ID>` in a path is a placeholder). */
export function incidentIdSet(ctx: Pick<RuleContext, 'view'>): boolean {
  return (ctx.view.json.header as Record<string, unknown> | undefined)?.incidentId != null;
}

// ------------------------------------------------------------ this incident's ID

/** Whether `id` matches the Incident ID pattern; a pattern that does not compile counts as a match. */
export function safeTest(pattern: string, id: string): boolean {
  try {
    return new RegExp(pattern, 'u').test(id);
  } catch {
    return true;
  }
}


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
  const root = escapeRegExp(evidenceRoot.replace(/^\.?\/+|\/+$/g, ''));
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

// ------------------------------------------------------------ where a path points

export type PathVerdict =
  | { kind: 'inside'; abs: string }
  | { kind: 'outside'; why: string }
  | { kind: 'skip' };

function normalizeSegments(segments: string[]): string[] | undefined {
  const out: string[] = [];
  for (const s of segments) {
    if (s === '' || s === '.') continue;
    if (s === '..') {
      if (out.length === 0) return undefined;
      out.pop();
    } else out.push(s);
  }
  return out;
}

function trimSlash(p: string): string {
  return p.replace(/\/+$/, '') || '/';
}

export function isInside(root: string, abs: string): boolean {
  const r = trimSlash(root);
  return abs === r || abs.startsWith(r === '/' ? '/' : r + '/');
}

/** Where a path written in a document points, relative to the workspace root. */
export function resolveEvidencePath(raw: string, root: string, fs?: FileSystem): PathVerdict {
  let p = decodePath(raw.trim()).replace(/\\/g, '/');
  p = p.replace(/[#?].*$/, '');
  if (p === '' || /[<>]/.test(p) || /_{3,}/.test(p)) return { kind: 'skip' };
  if (p.startsWith('~')) return { kind: 'outside', why: 'it starts in a home folder' };
  const rootN = trimSlash(root.replace(/\\/g, '/'));
  let abs: string;
  if (/^[A-Za-z]:\//.test(p) || p.startsWith('/')) {
    const segs = normalizeSegments(p.replace(/^[A-Za-z]:/, '').split('/'));
    abs = '/' + (segs ?? []).join('/');
    if (/^[A-Za-z]:\//.test(p) && !/^[A-Za-z]:\//.test(root)) return { kind: 'outside', why: 'it is an absolute path outside the workspace' };
    if (!segs || !isInside(rootN, abs)) return { kind: 'outside', why: 'it is an absolute path outside the workspace' };
  } else {
    const segs = normalizeSegments(p.split('/'));
    if (!segs) return { kind: 'outside', why: 'its ".." segments leave the workspace' };
    abs = (rootN === '/' ? '' : rootN) + '/' + segs.join('/');
  }
  if (fs) {
    const real = fs.realpath(abs);
    const realRoot = fs.realpath(rootN) ?? rootN;
    if (real && !isInside(realRoot, real)) return { kind: 'outside', why: 'it is a symbolic link that leads out of the workspace' };
  }
  return { kind: 'inside', abs };
}
