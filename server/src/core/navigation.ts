/**
 * Across post-mortems: what a post-mortem is in a list of them (workspace symbols), an incident
 * ID mentioned in prose (go to definition), and the Status line's code lens (Mark Final or the
 * blockers). Pure: the server finds the files, reads them and keeps the index.
 */
import type { Analysis } from './analyze';
import type { MarkFinalPlan } from './api';
import { buildModel, type Model } from './model';
import { isPlaceholder } from './values';
import { escapeRegExp, fieldRoles, fieldSpec, statusWorkflow, type TemplateDescriptor } from '../../../shared/src/template/descriptor';
import { V1_1 } from '../../../shared/src/template/v1_1';
import { isPostmortemText } from './detect';
import { builtInTemplate, selectTemplate, type Template } from './templates';
import { SERVER_COMMANDS } from '../../../shared/src/protocol';

/** One post-mortem of the workspace, as workspace symbols list it. */
export interface IncidentSummary {
  /** The Incident ID (undefined while a placeholder). */
  id?: string;
  /** What the incident was: the title when it says more than the template's, else the Trigger. */
  title?: string;
  severity?: string;
  status?: string;
  /** Span of the Incident ID value (else of the title heading, else 0–0). */
  start: number;
  end: number;
}

/** A value that is written (not a placeholder). */
const filled = (v: { text: string } | undefined): string | undefined => (v && v.text !== '' && !isPlaceholder(v.text) ? v.text : undefined);
/** A choice that is made: filled, and not the template's list of options (`HIGH / MEDIUM`). */
const chosen = (v: { text: string } | undefined): string | undefined => {
  const t = filled(v);
  return t !== undefined && !t.includes('/') ? t : undefined;
};

type Fields = Record<string, { value: { text: string; start: number; end: number } } | undefined>;

/**
 * What a title heading says beyond the template's: the text its `<...>` wildcards stand for
 * (`Postmortem: <title>` → `Checkout latency`); undefined when it is the template's bare title
 * (`Incident Post-Mortem`); the whole heading when it does not follow the template's title.
 */
function titleBeyondTemplate(heading: string, d: TemplateDescriptor): string | undefined {
  const parts = d.title.trim().split(/<[^<>]*>/);
  if (parts.length === 1) {
    const bare = new RegExp(`^${escapeRegExp(d.title.trim()).replace(/-/g, '-?')}`, 'i');
    if (!bare.test(heading)) return heading;
    const rest = heading.replace(bare, '');
    if (rest.trim() === '') return undefined;
    return /^\s*[:—–-]\s*/.test(rest) ? rest.replace(/^\s*[:—–-]\s*/, '') : heading;
  }
  const m = new RegExp(`^${parts.map((p) => escapeRegExp(p.replace(/\s+/g, ' ').trim()).replace(/ /g, '\\s+')).join('\\s*(.+?)\\s*')}$`, 'i').exec(heading);
  if (!m) return heading;
  const got = m.slice(1).map((g) => g.trim()).filter((g) => g !== '' && !isPlaceholder(g));
  return got.length ? got.join(' ') : undefined;
}

function summaryOfModel(m: Model, d: TemplateDescriptor): IncidentSummary {
  const header = m.header as Fields;
  const roles = fieldRoles(d);
  const keyOf = (label: string | undefined) => (label === undefined ? undefined : d.fields.find((f) => f.label === label)?.key);
  const idKey = keyOf(roles.incidentId) ?? 'incidentId';
  const idField = header[idKey]?.value;
  const title = m.title?.text.replace(/[*_`]/g, '').trim();
  const s: IncidentSummary = { start: 0, end: 0 };
  const id = filled(idField);
  if (id !== undefined) s.id = id;
  const named = title ? titleBeyondTemplate(title, d) : undefined;
  const trigger = filled(m.summary.trigger?.value);
  if (named || trigger) s.title = named || trigger;
  const severityKey = keyOf(roles.severity);
  const severity = chosen(severityKey !== undefined ? header[severityKey]?.value : m.summary.severity?.value);
  if (severity) s.severity = severity;
  const status = chosen(fieldSpec(d, d.statusField) ? header[d.statusField]?.value : undefined);
  if (status) s.status = status;
  const at = idField ?? m.title?.textSpan;
  if (at) {
    s.start = at.start;
    s.end = at.end;
  }
  return s;
}

/** The summary of an analysed post-mortem. */
export function incidentSummary(a: Analysis): IncidentSummary {
  return summaryOfModel(a.model, a.template.descriptor);
}

/**
 * A workspace file as the workspace index sees it (workspace symbols, go to definition): a
 * post-mortem when a configured team template claims it (`selectTemplate`) or the built-in
 * detection does (title or `files` glob), as `analyze` decides; a template file itself is not
 * an incident (its title matches itself). `text`: the file's head; `rel`: its workspace-relative path.
 */
export function indexedPostmortem(
  file: string,
  text: string,
  rel: string | undefined,
  templates: readonly Template[],
  globs: readonly string[],
): { file: string; head: string; summary: IncidentSummary } | undefined {
  if (templates.some((t) => t.source === file)) return undefined;
  const t = selectTemplate(text, rel, templates, globs);
  if (t === builtInTemplate() && !isPostmortemText(text, rel, globs)) return undefined;
  return { file, head: text, summary: readIncidentSummary(text, t) };
}

/**
 * The summary read from a post-mortem's head only: the header and the Incident Summary table
 * stand before its second section, so a workspace scan parses a few kilobytes per file, never
 * the whole document. Offsets are into `text`. `template`: the one the document is written with
 * (default: the built-in v1.1); its fields are picked by role (docs/templates.md).
 */
export function readIncidentSummary(text: string, template: Template = builtInTemplate()): IncidentSummary {
  let cut = text.length;
  const sections = [...text.slice(0, 200_000).matchAll(/^## /gm)];
  if (sections.length >= 2) cut = sections[1]!.index!;
  return summaryOfModel(buildModel(text.slice(0, cut), undefined, template.descriptor), template.descriptor);
}

/** `INC-1 — Oracle price staleness` and `HIGH · FINAL`: a workspace symbol's name and detail. */
export function describeIncident(s: IncidentSummary, fallbackName: string): { name: string; detail: string } {
  const name = s.id !== undefined ? (s.title ? `${s.id} — ${s.title}` : s.id) : s.title ? s.title : fallbackName;
  return { name, detail: [s.severity, s.status].filter((x) => x !== undefined).join(' · ') };
}

/** Whether every word of `query` is in the symbol (case-insensitive); an empty query matches all. */
export function matchesQuery(query: string, ...texts: string[]): boolean {
  const hay = texts.join(' ').toLowerCase();
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((w) => hay.includes(w));
}

/** The ID-like token under `offset` (`INC-2026-0042` in `see INC-2026-0042.`), for go to definition. */
export function tokenAt(text: string, offset: number): { text: string; start: number; end: number } | undefined {
  const isId = (c: string | undefined) => c !== undefined && /[A-Za-z0-9._-]/.test(c);
  let s = Math.max(0, Math.min(offset, text.length));
  let e = s;
  const limit = 128;
  while (s > 0 && offset - s < limit && isId(text[s - 1])) s--;
  while (e < text.length && e - offset < limit && isId(text[e])) e++;
  while (e > s && /[._-]/.test(text[e - 1]!)) e--; // a sentence's full stop is not part of it
  while (s < e && /[._-]/.test(text[s]!)) s++;
  if (e - s < 3 || !/\d/.test(text.slice(s, e))) return undefined;
  return { text: text.slice(s, e), start: s, end: e };
}

/** A code lens: where, its title and the command it runs (arguments: the document URI). */
export interface LensEntry {
  start: number;
  end: number;
  title: string;
  command: typeof SERVER_COMMANDS.markFinal | typeof SERVER_COMMANDS.finalBlockers;
}

/**
 * The Status line's lens: "Mark Final" when nothing would block it, "Mark Final: N blockers"
 * otherwise; nothing when the Status is already final or there is no Status line. `plan` as a
 * function is called only when a lens is shown (it checks the document as if final).
 */
export function statusLens(a: Analysis, plan: MarkFinalPlan | (() => MarkFinalPlan), final: string = statusWorkflow(V1_1).final): LensEntry | undefined {
  if (!a.isPostmortem) return undefined;
  const status = a.model.header.status;
  if (!status) return undefined;
  if (a.status === final || status.value.text.trim().toUpperCase() === final.toUpperCase()) return undefined;
  const at = { start: status.line.start, end: status.line.end };
  if (typeof plan === 'function') plan = plan();
  const mark = `Mark ${final[0]}${final.slice(1).toLowerCase()}`;
  if (plan.ok) return { ...at, title: mark, command: SERVER_COMMANDS.markFinal };
  const n = plan.blockers.length;
  return { ...at, title: `${mark}: ${n} blocker${n === 1 ? '' : 's'}`, command: SERVER_COMMANDS.finalBlockers };
}
