/**
 * Templates in use: the built-in v1.1 and any team's template written in
 * Markdown (docs/templates.md). A team template is read into the same kind of
 * descriptor as v1.1, with a schema generated from it, so the same model,
 * view, rules, fixes and Mark Final apply.
 */
import type { Heading as MdHeading, List as MdList, Root, RootContent, Table as MdTable } from 'mdast';
import type { NewFileTemplate, TemplateInfo } from '../../../shared/src/protocol';
import {
  escapeRegExp, exactly, fieldRoles, labelMatches, normLabel, statusWorkflow,
  type BlockSpec, type ColumnSpec, type FieldSpec, type RowSpec, type SectionSpec, type SubsectionSpec, type TableSpec,
  type TemplateDescriptor, type ValueKind,
} from '../../../shared/src/template/descriptor';
import type { CompiledSchema } from './api';
import { firstHeading, matchesFiles } from './detect';
import { buildModel, parseMarkdown, type Model } from './model';
import { bundledSchema, bundledSchemaJson, compileSchemaJson } from './schema';
import { TEMPLATE, TEMPLATE_1_1 } from './template';

export interface Template {
  descriptor: TemplateDescriptor;
  /** The template's Markdown: section skeletons and missing rows are copied from it. */
  text: string;
  schema: CompiledSchema;
  /** Where it came from: a file path, or `built-in template v1.1`. */
  source: string;
  /** A document whose first heading matches this is written with this template. */
  title: RegExp;
}

const BUILT_IN_SOURCE = 'built-in template v1.1';

let builtIn: Template | undefined;
export function builtInTemplate(): Template {
  builtIn ??= { descriptor: TEMPLATE, text: TEMPLATE_1_1, schema: bundledSchema(), source: BUILT_IN_SOURCE, title: titleMatcher(TEMPLATE.title) };
  return builtIn;
}

/** What the client is told about a template (`postmortem/summary`'s `template`). */
export function templateInfo(t: Template): TemplateInfo {
  return { title: t.descriptor.title, source: t.source, builtIn: t === builtInTemplate(), statuses: [...statusWorkflow(t.descriptor).values] };
}

/** A template as New Post-Mortem writes it (`postmortem/templates`). */
export function newFileTemplate(t: Template): NewFileTemplate {
  const { incidentId, author, date, status } = fieldRoles(t.descriptor);
  const fields: NewFileTemplate['fields'] = {};
  if (incidentId !== undefined) fields.incidentId = incidentId;
  if (author !== undefined) fields.author = author;
  if (date !== undefined) fields.date = date;
  if (status !== undefined) fields.status = status;
  return { ...templateInfo(t), text: t.text, fields };
}

const templateModels = new WeakMap<Template, Model>();
/** The template's own text as a model (where skeletons and template lines are found). */
export function templateModel(t: Template): Model {
  let m = templateModels.get(t);
  if (!m) {
    m = buildModel(t.text, parseMarkdown(t.text), t.descriptor);
    templateModels.set(t, m);
  }
  return m;
}

/** `Incident <ID>: <title>` → a matcher of first headings: each `<...>` a wildcard. */
export function titleMatcher(title: string): RegExp {
  const parts = title.trim().split(/<[^<>]*>/).map((p) => escapeRegExp(normLabel(p)));
  return new RegExp(`^${parts.join('.+?')}$`, 'i');
}

/**
 * A configured team template before it is read in full: the matcher of its title when its first
 * line gives it (`titleLine`), and how to read it. Matching a document needs only the titles: a
 * template is read (parsed, its schema generated) when a document may be written with it.
 */
export interface TemplateCandidate {
  /** Undefined: the title is known only by reading the template. */
  readonly title?: RegExp;
  /** The template read in full; undefined when it cannot be used (the reader reports why). */
  load(): Template | undefined;
}

/**
 * A team template file as a candidate: read once, its title taken from its first line; the rest
 * (`loadTemplateFile`: parse, schema) done the first time it is loaded, and `report` told then why
 * it cannot be used. Hosts cache one per file version.
 */
export function templateCandidate(absPath: string, readFile: (p: string) => string, report: (message: string) => void): TemplateCandidate {
  let text: string | undefined;
  try {
    text = readFile(absPath);
  } catch {
    text = undefined; // loadTemplateFile reads it again and says why
  }
  const title = text === undefined ? undefined : titleLine(text);
  let loaded: { template?: Template } | undefined;
  return {
    ...(title !== undefined ? { title: titleMatcher(title) } : {}),
    load() {
      if (!loaded) {
        const r = loadTemplateFile(absPath, (p) => (p === absPath && text !== undefined ? text : readFile(p)));
        if (r.error !== undefined) report(r.error);
        loaded = r;
      }
      return loaded.template;
    },
  };
}

/**
 * A template's title from its first line alone, when that line is a level-1 ATX heading: the
 * heading `readTemplate` takes as the title then (same text, see `headingText`). Else undefined.
 */
export function titleLine(text: string): string | undefined {
  const end = text.search(/[\r\n]/);
  const line = end < 0 ? text : text.slice(0, end);
  return /^ {0,3}#(?:[ \t]|$)/.test(line) ? stripHeadingMarks(line) : undefined;
}

/**
 * The template a document is written with: the first configured one whose
 * title its first heading matches, else (when the built-in title does not
 * match either) the first configured one if its path matches a
 * `postmortem.files` glob, else the built-in v1.1. Unusable templates are
 * left out.
 */
export function selectTemplate(text: string, relPath: string | undefined, templates: readonly Template[], files: readonly string[]): Template {
  return selectCandidate(text, relPath, templates.map((t) => ({ title: t.title, load: () => t })), files);
}

/** `selectTemplate` over candidates: only those the document may be written with are read. */
export function selectCandidate(text: string, relPath: string | undefined, candidates: readonly TemplateCandidate[], files: readonly string[]): Template {
  if (candidates.length === 0) return builtInTemplate();
  const heading = firstHeading(text);
  if (heading !== undefined) {
    const n = normLabel(heading);
    for (const c of candidates) {
      if (c.title && !c.title.test(n)) continue;
      const t = c.load();
      if (t?.title.test(n)) return t;
    }
    if (builtInTemplate().title.test(n)) return builtInTemplate();
  }
  if (relPath !== undefined && matchesFiles(relPath, files)) {
    for (const c of candidates) {
      const t = c.load();
      if (t) return t;
    }
  }
  return builtInTemplate();
}

// ------------------------------------------------------------------ reading a Markdown template

export class TemplateError extends Error {
  constructor(readonly source: string, readonly line: number, message: string) {
    super(`${source}:${line}: ${message}`);
  }
}

const PLACEHOLDER = /^<[^<>]*>$/;
const startOf = (n: { position?: { start: { offset?: number } } }) => n.position?.start.offset ?? 0;
const endOf = (n: { position?: { end: { offset?: number } } }) => n.position?.end.offset ?? 0;
const lineOf = (n: { position?: { start: { line: number } } }) => n.position?.start.line ?? 1;

/** `Root causes` → `rootCauses`. */
export function camelKey(label: string): string {
  const words = normLabel(label).replace(/^\d+\s*[.)]\s*/, '').replace(/\(.*?\)/g, ' ').split(/[^a-z0-9]+/).filter(Boolean);
  const key = words.map((w, i) => (i === 0 ? w : w[0]!.toUpperCase() + w.slice(1))).join('');
  return /^[a-z]/.test(key) ? key : `k${key}`;
}

function choicesOf(value: string): string[] | undefined {
  const parts = value.split(' / ').map((p) => p.trim());
  return parts.length >= 2 && parts.every((p) => p !== '' && !PLACEHOLDER.test(p)) ? parts : undefined;
}

/** A value's kind by the template's text (and its label or column header). */
function kindOf(value: string, label: string): { kind: ValueKind; choices?: string[] } {
  const choices = choicesOf(value);
  if (choices) return { kind: 'choice', choices };
  if (/^<\s*YYYY-MM-DD[ T]HH:MM(:SS)?\s*(UTC|Z)?\s*>$/i.test(value) || /\(utc\)/i.test(label) && !/date/i.test(label)) return { kind: 'utcTimestamp' };
  if (/^<\s*YYYY-MM-DD\s*>$/i.test(value) || /\bdate\b/i.test(label)) return { kind: 'date' };
  return { kind: 'text' };
}

const cellText = (text: string, c: { position?: unknown }): string =>
  text.slice(startOf(c as never), endOf(c as never)).replace(/^\|/, '').replace(/\|\s*$/, '').trim();

function readTable(text: string, t: MdTable, section: string, sectionTitle: string, used: Set<string>): TableSpec {
  const [head, ...body] = t.children;
  const headers = head!.children.map((c) => cellText(text, c));
  const rows = body.map((r) => r.children.map((c) => cellText(text, c)));
  const norm = headers.map(normLabel);
  // A list the author extends: its only body row is all placeholders, or it is a timeline (first
  // column a time) or an owner table (v1.1's timeline and action items, whose rows are examples).
  const onlyPlaceholders = rows.length === 1 && rows[0]!.every((c) => c === '' || PLACEHOLDER.test(c) || choicesOf(c) !== undefined);
  const isList = onlyPlaceholders || /\(utc\)|^time\b/.test(norm[0] ?? '') || norm.includes('owner');
  const name = (h: string) => (isList ? `${sectionTitle} row {i} ${h}` : `{row} ${h}`);
  const column = (h: string, i: number, key: string, extra: Partial<ColumnSpec> = {}): ColumnSpec => {
    const sample = isList ? rows[0]?.[i] ?? '' : '';
    return { key, header: h, match: exactly(norm[i]!), fallback: i, ...kindOf(sample, h), name: name(h), ...extra };
  };
  if (isList && /\(utc\)|^time\b/.test(norm[0] ?? '')) {
    // The timeline: the table whose first column is a time.
    const actor = norm.findIndex((h, i) => i > 0 && /actor|who|owner/.test(h));
    const event = norm.findIndex((h, i) => i > 0 && i !== actor);
    return {
      key: unique('timeline', used), section, shape: 'list', rows: [],
      columns: headers.map((h, i) =>
        i === 0 ? column(h, i, 'time', { kind: 'utcTimestamp', role: 'time', name: 'Timeline row {i} time' })
          : i === event ? column(h, i, 'event', { role: 'event', name: 'Timeline row {i} event' })
            : i === actor ? column(h, i, 'actor', { role: 'actor', name: 'Timeline row {i} actor' })
              : column(h, i, camelKey(h))),
    };
  }
  const owner = norm.findIndex((h) => h === 'owner');
  if (isList && owner >= 0) {
    // An owner table: the action items (PM010, PM011, PM021).
    const date = norm.findIndex((h) => /date|due/.test(h));
    const status = norm.findIndex((h) => /status/.test(h));
    const num = norm.findIndex((h) => /^#$|^no\.?$/.test(h));
    const action = norm.findIndex((_h, i) => i !== owner && i !== date && i !== status && i !== num);
    return {
      key: unique('actions', used), section, shape: 'list', rows: [],
      columns: headers.map((h, i) => {
        const n = 'Action {n}';
        if (i === owner) return column(h, i, 'owner', { role: 'owner', name: `${n} owner` });
        if (i === date) return column(h, i, 'targetDate', { kind: 'date', role: 'date', name: `${n} ${norm[i]}` });
        if (i === status) return column(h, i, 'status', { role: 'status', name: `${n} status` });
        if (i === num) return column(h, i, 'number', { role: 'number', name: `${n} #` });
        if (i === action) return column(h, i, 'action', { role: 'action', name: n });
        return column(h, i, camelKey(h), { name: `${n} ${norm[i]}` });
      }),
    };
  }
  const key = unique(camelKey(sectionTitle), used);
  if (isList) return { key, section, shape: 'list', rows: [], columns: headers.map((h, i) => column(h, i, camelKey(h) || `c${i}`)) };
  // A key/value table: each first-column label is a required row.
  const rowSpecs: RowSpec[] = [];
  const rowKeys = new Set<string>();
  for (const r of rows) {
    const label = r[0] ?? '';
    if (label === '' || PLACEHOLDER.test(label)) continue;
    rowSpecs.push({ key: unique(camelKey(label), rowKeys), label, ...(headers.length === 2 ? kindOf(r[1] ?? '', label) : {}) });
  }
  const columns = headers.map((h, i) => column(h, i, i === 0 ? 'label' : headers.length === 2 ? 'value' : camelKey(h) || `c${i}`, i === 0 ? { match: undefined, name: '{row}' } : { name: headers.length === 2 ? '{row}' : `{row} ${h}` }));
  return { key, section, shape: 'keyed', rows: rowSpecs, columns };
}

function unique(key: string, used: Set<string>): string {
  let k = key;
  for (let i = 2; used.has(k); i++) k = `${key}${i}`;
  used.add(k);
  return k;
}

function headingText(text: string, h: MdHeading): string {
  return stripHeadingMarks(text.slice(startOf(h), endOf(h)));
}

/** An ATX heading's text: its line without the opening and closing `#`s. */
function stripHeadingMarks(line: string): string {
  return line.replace(/^ {0,3}#{1,6}[ \t]*/, '').replace(/[ \t]+#+[ \t]*$/, '').trim();
}

/**
 * A Markdown template → its descriptor (docs/templates.md says how it is read).
 * Throws `TemplateError` (with the line) when it cannot be a template.
 */
export function readTemplate(text: string, source: string): TemplateDescriptor {
  const root: Root = parseMarkdown(text);
  const nodes = root.children;
  const titleNode = nodes.find((n): n is MdHeading => n.type === 'heading' && n.depth === 1);
  if (!titleNode) throw new TemplateError(source, 1, 'a template starts with a level-1 heading (its title); none found');
  const title = headingText(text, titleNode);
  const fields: FieldSpec[] = [];
  const sections: SectionSpec[] = [];
  const subsections: SubsectionSpec[] = [];
  const tables: TableSpec[] = [];
  // Top-level keys of the JSON view: tables and prose sections share them.
  const usedTop = new Set<string>(['header', 'templateVersion']);
  const usedFields = new Set<string>();
  let statusField = '';
  let version = '';
  let current: { key: string; title: string; body: BlockSpec[]; hasTable: boolean; prose?: { guidanceOnly: boolean } } | undefined;
  let currentSection: SectionSpec | undefined;
  const flush = () => {
    if (!current) return;
    const spec = (current.key.includes('_') ? subsections : sections).find((s) => s.key === current!.key) as { prose?: unknown } | undefined;
    if (spec && !current.hasTable && current.prose) spec.prose = { path: [unique(camelKey(current.title), usedTop)], guidanceOnly: current.prose.guidanceOnly };
  };
  for (const n of nodes) {
    if (n === titleNode) continue;
    if (n.type === 'heading' && n.depth >= 2) {
      flush();
      const raw = headingText(text, n);
      const optional = /\(optional\)\s*$/i.test(raw);
      const t = raw.replace(/\s*\(optional\)\s*$/i, '');
      const num = /^(\d+)\s*[.)]/.exec(t)?.[1];
      const bare = normLabel(t).replace(/^\d+\s*[.)]?\s*/, '').replace(/^\d+[a-z]?\s*[-—.:)]?\s*/, '');
      if (bare === '') throw new TemplateError(source, lineOf(n), `heading "${raw}" has no title`);
      const match = exactly(bare);
      if (n.depth === 2 || !currentSection) {
        const key = `s${sections.length + 1}`;
        currentSection = { key, title: t, match, ...(num ? { number: num } : {}), required: !optional, body: [] };
        sections.push(currentSection);
        current = { key, title: t, body: currentSection.body as BlockSpec[], hasTable: false };
      } else {
        const key = `${currentSection.key}_${subsections.filter((s) => s.parent === currentSection!.key).length + 1}`;
        const sub: SubsectionSpec = { key, parent: currentSection.key, title: t, match, required: !optional, body: [] };
        subsections.push(sub);
        (currentSection.body as BlockSpec[]).push({ subsection: key });
        current = { key, title: t, body: sub.body as BlockSpec[], hasTable: false };
      }
      continue;
    }
    const raw = text.slice(startOf(n), endOf(n));
    const version_ = /Template version:\s*\**\s*([^\s*_]+)/i.exec(raw);
    if (n.type === 'paragraph' && version_) {
      version = version_[1]!;
      continue;
    }
    if (!current) {
      // The header zone: `**Label:** value` lines.
      if (n.type !== 'paragraph') continue;
      for (const line of raw.split(/\r?\n|\r/)) {
        const f = /^\s*\*\*([^*]+?):?\*\*:?[ \t]*(.*?)\s*\\?$/.exec(line);
        if (!f) continue;
        const label = f[1]!.replace(/:\s*$/, '').trim();
        const value = f[2]!.trim();
        const nl = normLabel(label);
        const known = TEMPLATE.fields.find((s) => labelMatches(s, nl));
        const key = unique(known?.key ?? camelKey(label), usedFields);
        const spec: FieldSpec = { key, label, match: exactly(nl), ...(key === 'incidentId' ? { kind: 'incidentId' as const } : kindOf(value, label)), template: value };
        if (nl === 'status' && spec.choices) statusField = key;
        fields.push(spec);
      }
      continue;
    }
    if (n.type === 'table') {
      if (current.hasTable) continue;
      current.hasTable = true;
      const spec = readTable(text, n, current.key, current.title, usedTop);
      tables.push(spec);
      current.body.push({ table: spec.key });
      continue;
    }
    if (n.type === 'list') {
      const items = (n as MdList).children.map((li) => text.slice(startOf(li), endOf(li)).replace(/^\s*(?:[-*+]|\d+[.)])\s?/, '').trim());
      current.body.push({ bullets: items });
      const allPlaceholders = items.every((x) => x === '' || PLACEHOLDER.test(x) || /^\*.*\*$/.test(x));
      current.prose = { guidanceOnly: (current.prose?.guidanceOnly ?? true) && allPlaceholders };
      continue;
    }
    if (n.type === 'paragraph') {
      const t = raw.trim();
      const guidance = PLACEHOLDER.test(t) || /^\*[^*].*\*$/s.test(t) || /^_[^_].*_$/s.test(t);
      if (guidance) current.body.push({ guidance: t.replace(/^[*_<]|[*_>]$/g, '') });
      current.prose = { guidanceOnly: (current.prose?.guidanceOnly ?? true) && guidance };
      continue;
    }
    if (n.type === 'thematicBreak' || n.type === 'html') continue;
    current.prose = { guidanceOnly: false };
  }
  flush();
  if (sections.length === 0) throw new TemplateError(source, lineOf(titleNode), 'a template has at least one section (a level-2 heading); none found');
  if (!statusField) {
    const f = fields.find((x) => normLabel(x.label) === 'status');
    if (f) throw new TemplateError(source, 1, `the Status field's value must be its choices ("DRAFT / FINAL"); found "${f.template ?? ''}"`);
  }
  return { version, title, fields, statusField, sections, subsections, tables, footer: [] };
}

// ------------------------------------------------------------------ its schema

/** What a generated schema borrows from the bundled one: its value definitions and v1.1's timeline and action items. */
const BUNDLED = bundledSchemaJson() as { $defs: Record<string, unknown>; properties: Record<string, any> };
const DEFS = BUNDLED.$defs;
const BUNDLED_PROPS = BUNDLED.properties;

function valueSchema(spec: { kind: ValueKind; choices?: readonly string[] }, description: string): Record<string, unknown> {
  switch (spec.kind) {
    case 'choice':
      return {
        description, type: 'string', enum: spec.choices, 'x-pm-code': { type: 'PM003', enum: 'PM004' },
        'x-pm-message': { enum: '{label}: "{value}" is not one of {allowed}' },
      };
    case 'utcTimestamp':
      return { description, $ref: '#/$defs/utcTimestamp' };
    case 'date':
      return { description, $ref: '#/$defs/dateOrUtcTimestamp' };
    case 'incidentId':
      return { description, ...BUNDLED_PROPS.header.properties.incidentId };
    default:
      return { description, type: 'string', 'x-pm-code': { type: 'PM003' } };
  }
}

/**
 * v1.1's timeline or action-item schema (borrowed: the same checks) with the hover descriptions
 * naming the team's own column headers (`Target date: …` → `Due date: …`).
 */
function relabelled(bundled: any, t: TableSpec): any {
  const out = structuredClone(bundled);
  for (const props of [out.items.properties, out.items.then?.properties]) {
    for (const c of t.columns) {
      const p = props?.[c.key];
      if (p && typeof p.description === 'string') p.description = p.description.replace(/^[^:]+:/, `${c.header}:`);
    }
  }
  return out;
}

/**
 * The JSON Schema a template implies: required fields and rows (PM002), a value
 * in each (PM003), choices (PM004), UTC times (PM005/PM006), dates (PM006),
 * timeline rows (PM018) and owned actions (PM010/PM011), as the bundled schema says them.
 */
export function schemaForTemplate(d: TemplateDescriptor): Record<string, unknown> {
  const props: Record<string, unknown> = {};
  props.header = {
    type: 'object', required: d.fields.map((f) => f.key),
    'x-pm-code': { required: 'PM002' }, 'x-pm-message': { required: 'Missing header field "{missing}"; expected a line "**{missing}:** ..." under the title' },
    properties: Object.fromEntries(d.fields.map((f) => [f.key, valueSchema(f, `${f.label}.`)])),
  };
  for (const t of d.tables) {
    if (t.key === 'timeline') {
      props.timeline = relabelled(BUNDLED_PROPS.timeline, t);
    } else if (t.key === 'actions') {
      const a = relabelled(BUNDLED_PROPS.actions, t);
      const then = a.items.then.properties;
      const status = t.columns.find((c) => c.key === 'status');
      if (status?.choices) then.status = valueSchema(status, `${status.header}: ${status.choices.join(', ')}.`);
      else delete then.status;
      delete then.blocking;
      for (const c of t.columns) if (!['owner', 'targetDate', 'status', 'number', 'action'].includes(c.key) && c.kind === 'choice') then[c.key] = valueSchema(c, `${c.header}.`);
      props.actions = a;
    } else if (t.shape === 'list') {
      props[t.key] = { type: 'array', items: { type: 'object', properties: Object.fromEntries(t.columns.map((c) => [c.key, { ...valueSchema(c, `${c.header}.`), type: ['string', 'null'] }])) } };
    } else {
      const values = t.columns.slice(1);
      props[t.key] = {
        type: 'object', required: t.rows.map((r) => r.key),
        'x-pm-code': { required: 'PM002' }, 'x-pm-message': { required: `Missing row "{missing}" in ${d.sections.find((s) => s.key === t.section)?.title ?? d.subsections.find((s) => s.key === t.section)?.title ?? t.key}` },
        properties: Object.fromEntries(t.rows.map((r) => [r.key, values.length === 1
          ? valueSchema({ kind: r.kind ?? 'text', choices: r.choices }, `${r.label}.`)
          : { type: 'object', properties: Object.fromEntries(values.map((c) => [c.key, valueSchema(c, `${r.label}: ${c.header}.`)])) }])),
      };
    }
  }
  return { $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'object', $defs: DEFS, properties: props };
}

/**
 * A team template from its Markdown (and the optional `<template>.schema.json`
 * beside it, whose constraints are added to the generated ones).
 */
export function loadTemplate(source: string, text: string, extraSchema?: Record<string, unknown>): Template {
  const descriptor = readTemplate(text, source);
  const json = schemaForTemplate(descriptor);
  const title = titleMatcher(descriptor.title);
  if (extraSchema) {
    // A team's own schema part is compiled now: a problem in it is the template's error, reported once.
    (json as { allOf?: unknown[] }).allOf = [stripMeta(extraSchema)];
    return { descriptor, text, schema: compileSchemaJson(json, source), source, title };
  }
  // Generated from the template alone (it cannot fail to compile: no pattern of a user's in it), so
  // compiled when a document first uses the template: every configured template is read to match
  // titles, and compiling each cost ≈ 60 ms on the first open of any document.
  let schema: CompiledSchema | undefined;
  return {
    descriptor,
    text,
    get schema() {
      return (schema ??= compileSchemaJson(json, source, true));
    },
    source,
    title,
  };
}

function stripMeta(s: Record<string, unknown>): Record<string, unknown> {
  const { $schema: _s, $id: _i, ...rest } = s;
  return rest;
}

/** `team.md` → `team.schema.json`: the optional schema beside a template. */
export function templateSchemaPath(templatePath: string): string {
  return `${templatePath.replace(/\.(md|markdown)$/i, '')}.schema.json`;
}

/**
 * A team template file (absolute path) and the optional `<name>.schema.json`
 * beside it. On any problem: no template and one message naming the file (and
 * the line, for a template that cannot be read); the document falls back to
 * the built-in template.
 */
export function loadTemplateFile(absPath: string, readFile: (p: string) => string): { template?: Template; error?: string } {
  let text: string;
  try {
    text = readFile(absPath);
  } catch (e) {
    return { error: `${absPath}: cannot read the template (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); using the built-in template` };
  }
  const schemaPath = templateSchemaPath(absPath);
  let extra: Record<string, unknown> | undefined;
  let schemaText: string | undefined;
  try {
    schemaText = readFile(schemaPath);
  } catch {
    schemaText = undefined;
  }
  if (schemaText !== undefined) {
    try {
      const json: unknown = JSON.parse(schemaText);
      if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new Error('a schema must be a JSON object');
      extra = json as Record<string, unknown>;
    } catch (e) {
      return { error: `${schemaPath}: ${(e as Error).message}; using the built-in template` };
    }
  }
  try {
    return { template: loadTemplate(absPath, text, extra) };
  } catch (e) {
    const where = e instanceof TemplateError ? e.message : `${absPath}: ${(e as Error).message}`;
    return { error: `${where}; using the built-in template` };
  }
}
