/**
 * What a template descriptor says: the shape of a post-mortem as data, not
 * code. The model builder, the JSON view, PM001/PM002, the template text,
 * snippets and New Post-Mortem all read one descriptor (`v1_1.ts`).
 *
 * Pure data and types: no imports, nothing Node- or VS Code-specific, so the
 * client, the server and the browser bundle share it.
 *
 * Matchers are regular-expression sources (JSON-friendly), tested against a
 * label normalised by `normLabel` (lower case, single spaces, no emphasis,
 * no trailing colon, Unicode dashes as `-`).
 */

/** How a value is read and checked. */
export type ValueKind =
  | 'text'
  | 'choice'
  | 'utcTimestamp'
  | 'date'
  | 'duration'
  | 'usd'
  | 'incidentId'
  /** An evidence location: a path, link or URL; `<INCIDENT_ID>` is a placeholder while the ID is unset. */
  | 'evidence'
  /** An impact row's notes: filled once something follows the row's detail label (`Duration: …`). */
  | 'detail';

/** What a column means to the rules that need one (PM007/PM010/PM011/PM021, Mark Final). */
export type ColumnRole = 'time' | 'event' | 'actor' | 'owner' | 'date' | 'status' | 'action' | 'number' | 'path';

export interface FieldSpec {
  /** Key in the model and the JSON view (`/header/<key>`). */
  readonly key: string;
  /** The label as the template writes it (`Date Written (UTC)`). */
  readonly label: string;
  /** Matcher of a normalised label; default: equal to the normalised `label`. */
  readonly match?: string;
  readonly kind: ValueKind;
  readonly choices?: readonly string[];
  /** The template's value text (default: the choices joined by ` / `, else empty). */
  readonly template?: string;
}

export interface ColumnSpec {
  readonly key: string;
  /** The header cell as the template writes it. */
  readonly header: string;
  /** Matcher of a normalised header cell; none: the column is always at `fallback`. */
  readonly match?: string;
  /** Column index when no header matches. */
  readonly fallback: number;
  readonly kind: ValueKind;
  readonly choices?: readonly string[];
  readonly role?: ColumnRole;
  /** The template's text in this column of a row it writes (keyed tables). */
  readonly template?: string;
  /**
   * How messages name a value of this column: `{row}` the row's label (keyed
   * tables), `{i}` the row's 1-based index, `{n}` the row's `number` cell or
   * `{i}`, `{first}` the row's first cell or `{i}`.
   */
  readonly name: string;
}

/** A required row of a keyed table, named by its first cell. */
export interface RowSpec {
  readonly key: string;
  readonly label: string;
  /** Matcher of the normalised first cell; default: equal to the normalised `label`. */
  readonly match?: string;
  /** The value cell's kind (single-value tables such as the Incident Summary). */
  readonly kind?: ValueKind;
  readonly choices?: readonly string[];
  /** The template's text of the value cell (default: choices joined by ` / `, else empty). */
  readonly template?: string;
  /** The label an impact row's notes start with (`Duration:`): the detail PM017 asks for. */
  readonly detail?: string;
}

interface TableBase {
  /** Key in the model (`model.tables[key]`) and the JSON view (`/<key>`). */
  readonly key: string;
  /** The section or subsection whose first table this is. */
  readonly section: string;
  /** Only a table before this subsection's heading counts (the summary table, above "Summary"). */
  readonly before?: string;
  readonly columns: readonly ColumnSpec[];
}

/** Rows named by their first cell, each required (summary, impact, sign-off). */
export interface KeyedTableSpec extends TableBase {
  readonly shape: 'keyed';
  readonly rows: readonly RowSpec[];
}

/** Rows the author adds (timeline, action items, evidence); the template writes `rows` as examples. */
export interface ListTableSpec extends TableBase {
  readonly shape: 'list';
  readonly rows: readonly (readonly string[])[];
}

export type TableSpec = KeyedTableSpec | ListTableSpec;

/** A block of a section body, in template order (for the template's text). */
export type BlockSpec =
  | { readonly guidance: string }
  | { readonly table: string }
  | { readonly bullets: readonly string[] }
  | { readonly subsection: string };

/** Where a prose section's text goes in the JSON view, and whether guidance alone is a gap (PM016). */
export interface ProseSpec {
  /** JSON view path, e.g. `['rootCause', 'technical']`. */
  readonly path: readonly string[];
  /** Holding only template guidance or empty bullets is incomplete (PM016). */
  readonly guidanceOnly: boolean;
}

export interface SectionSpec {
  readonly key: string;
  /** The heading text as the template writes it (`1. Incident Summary`). */
  readonly title: string;
  /** Matcher of the normalised heading text, its leading number stripped. */
  readonly match: string;
  /** The heading's number: a heading `N.` that matches nothing else is this section. */
  readonly number?: string;
  readonly required: boolean;
  readonly body: readonly BlockSpec[];
  readonly prose?: ProseSpec;
}

export interface SubsectionSpec {
  readonly key: string;
  readonly parent: string;
  readonly title: string;
  /** Matcher of the normalised heading text under its parent section. */
  readonly match: string;
  /** Matcher anywhere in the document (e.g. `3A` wherever it is). */
  readonly matchAnywhere?: string;
  readonly required: boolean;
  readonly body: readonly BlockSpec[];
  readonly prose?: ProseSpec;
}

export interface TemplateDescriptor {
  /** Template version (`Template version: X` in the footer). */
  readonly version: string;
  /** The first heading (level 1). */
  readonly title: string;
  readonly fields: readonly FieldSpec[];
  /** The header field whose choices are the status workflow: first = draft, last = final. */
  readonly statusField: string;
  readonly sections: readonly SectionSpec[];
  readonly subsections: readonly SubsectionSpec[];
  readonly tables: readonly TableSpec[];
  /** Closing lines of the template (after the last section), before `*Template version: X*`. */
  readonly footer: readonly string[];
}

/** Normalises a label: lower case, single spaces, no trailing colon, no emphasis markers. */
export function normLabel(s: string): string {
  return s
    .replace(/[*_`]/g, '')
    .replace(/[\u2010-\u2015]/g, '-')
    .replace(/\s+/g, ' ')
    .replace(/:\s*$/, '')
    .trim()
    .toLowerCase();
}

/** `s` as a regular expression that matches it literally. */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The matcher source of exactly this normalised label. */
export function exactly(normalised: string): string {
  return `^${escapeRegExp(normalised)}$`;
}

const compiled = new Map<string, RegExp>();

/** The compiled matcher (cached by source). */
export function matcher(source: string): RegExp {
  let re = compiled.get(source);
  if (!re) {
    re = new RegExp(source);
    compiled.set(source, re);
  }
  return re;
}

/** Whether a normalised label is the one `spec` names. */
export function labelMatches(spec: { label: string; match?: string }, normalised: string): boolean {
  return spec.match !== undefined ? matcher(spec.match).test(normalised) : normLabel(spec.label) === normalised;
}

/** The template's text of a choice or value: explicit, else the choices as `A / B`, else empty. */
export function templateValue(spec: { template?: string; choices?: readonly string[] }): string {
  return spec.template ?? spec.choices?.join(' / ') ?? '';
}

/** The status workflow: every status, the draft (first) and final (last) one. */
export function statusWorkflow(d: TemplateDescriptor): { values: readonly string[]; draft: string; final: string } {
  const values = d.fields.find((f) => f.key === d.statusField)?.choices ?? [];
  return { values, draft: values[0] ?? '', final: values[values.length - 1] ?? '' };
}

export function tableSpec<T extends TemplateDescriptor>(d: T, key: string): TableSpec | undefined {
  return d.tables.find((t) => t.key === key);
}

export function fieldSpec(d: TemplateDescriptor, key: string): FieldSpec | undefined {
  return d.fields.find((f) => f.key === key);
}

/**
 * The header fields a template's fields play a part in, by role (docs/templates.md "Which field is
 * which"): the Incident ID (key `incidentId`: a field labelled `Incident ID`), the author
 * (`Post-Mortem Author`, `Author`, `Authors`), the date written (`Date Written (UTC)`, `Date`,
 * `Date written`) and the Status (the status workflow's field). Labels as the template writes them;
 * absent when the template has no such field. New Post-Mortem fills these in; workspace symbols read them.
 */
export interface FieldRoles {
  incidentId?: string;
  author?: string;
  date?: string;
  status?: string;
  /** A header field labelled `Severity` (v1.1 keeps it in the Incident Summary table instead). */
  severity?: string;
}

/** The labels of `d`'s fields by role (see `FieldRoles`). */
export function fieldRoles(d: TemplateDescriptor): FieldRoles {
  const out: FieldRoles = {};
  const by = (test: (f: FieldSpec, n: string) => boolean) => d.fields.find((f) => test(f, normLabel(f.label)))?.label;
  const set = (k: keyof FieldRoles, v: string | undefined) => {
    if (v !== undefined) out[k] = v;
  };
  set('incidentId', by((f, n) => f.key === 'incidentId' || n === 'incident id'));
  set('author', by((f, n) => f.key === 'author' || /^(post-?mortem )?authors?$/.test(n)));
  set('date', by((f, n) => f.key === 'dateWritten' || /^date( written)?( \(utc\))?$/.test(n)));
  set('status', d.statusField !== '' ? fieldSpec(d, d.statusField)?.label : undefined);
  set('severity', by((_f, n) => n === 'severity'));
  return out;
}
