/**
 * The JSON view of the model: what the schema validates and what
 * `postmortem-lint --print-model` prints (docs/model.md). A value is its
 * trimmed text, or null while it is still a placeholder. `pointers` maps each
 * JSON pointer back to its source (the source map).
 */
import { statusWorkflow, type ColumnSpec, type FieldSpec, type RowSpec, type TableSpec, type TemplateDescriptor, type ValueKind } from '../../../shared/src/template/descriptor';
import { ACTION_STATUSES, SCOPES, SEVERITIES, YES_NO } from '../../../shared/src/template/v1_1';
import { IMPACT_DETAIL, type ImpactKey, type Model, type Prose, type Row, type Val } from './model';
import { TEMPLATE } from './template';
import { isPlaceholder } from './values';

/** The template's choice lists (from its descriptor). */
export const CHOICES = {
  status: statusWorkflow(TEMPLATE).values,
  severity: SEVERITIES,
  scope: SCOPES,
  yesNo: YES_NO,
  actionStatus: ACTION_STATUSES,
} as const;

export interface Pointer {
  val: Val;
  /** How messages name the value: "Severity", "Timeline row 3 time". */
  label: string;
}

/** JSON pointer → source, in document order (what `Map` offers, read-only). */
export interface PointerIndex extends Iterable<[string, Pointer]> {
  get(path: string): Pointer | undefined;
  /** The first pointer, in iteration order, whose value holds `offset` (its end included). */
  at(offset: number): [string, Pointer] | undefined;
}

export interface JsonView {
  json: Record<string, unknown>;
  pointers: PointerIndex;
}

const TIMELINE_POINTER = /^\/timeline\/(0|[1-9]\d*)\/([A-Za-z0-9_]+)$/;

/**
 * The pointers, with the timeline's made on demand: a long timeline would
 * otherwise cost three strings, a label and a map entry per row on every edit.
 * Iteration order is insertion order with the timeline's rows in their place.
 */
class Pointers implements PointerIndex {
  readonly before = new Map<string, Pointer>();
  readonly after = new Map<string, Pointer>();
  timeline: Model['timeline'] | undefined;
  timelineColumns: readonly ColumnSpec[] = [];

  set(path: string, p: Pointer): void {
    (this.timeline ? this.after : this.before).set(path, p);
  }

  private timelinePointer(i: number, spec: ColumnSpec): Pointer {
    return { val: (this.timeline![i] as unknown as Record<string, Val>)[spec.key]!, label: valueName(spec.name, { i: i + 1 }) };
  }

  get(path: string): Pointer | undefined {
    const m = this.timeline && path.startsWith('/timeline/') ? TIMELINE_POINTER.exec(path) : null;
    if (m) {
      const i = Number(m[1]);
      const spec = this.timelineColumns.find((c) => c.key === m[2]);
      return i < this.timeline!.length && spec ? this.timelinePointer(i, spec) : undefined;
    }
    return this.before.get(path) ?? this.after.get(path);
  }

  at(offset: number): [string, Pointer] | undefined {
    const holds = (p: Pointer) => offset >= p.val.start && offset <= p.val.end;
    for (const e of this.before) if (holds(e[1])) return e;
    // Timeline rows are in document order and apart: the one row that may hold it, by bisection
    // (a hover in a long timeline made a pointer and its name for every cell above it).
    const rows = this.timeline ?? [];
    let lo = 0;
    let hi = rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (rows[mid]!.row.end < offset) lo = mid + 1;
      else hi = mid;
    }
    if (lo < rows.length && rows[lo]!.row.start <= offset) {
      for (const spec of this.timelineColumns) {
        const p = this.timelinePointer(lo, spec);
        if (holds(p)) return [`/timeline/${lo}/${spec.key}`, p];
      }
    }
    for (const e of this.after) if (holds(e[1])) return e;
    return undefined;
  }

  *[Symbol.iterator](): Iterator<[string, Pointer]> {
    yield* this.before;
    const rows = this.timeline ?? [];
    for (let i = 0; i < rows.length; i++) {
      for (const spec of this.timelineColumns) yield [`/timeline/${i}/${spec.key}`, this.timelinePointer(i, spec)];
    }
    yield* this.after;
  }
}

/** Placeholder test for evidence locations: `<INCIDENT_ID>` counts while the ID is unset. */
export function evidencePlaceholder(text: string, incidentIdSet: boolean): boolean {
  if (isPlaceholder(text)) return true;
  if (!incidentIdSet && /<INCIDENT_ID>/i.test(text)) return true;
  return false;
}

/** Notes of an impact row are filled when something follows their detail label. */
export function impactNotesFilled(key: ImpactKey, text: string): boolean {
  if (isPlaceholder(text)) return false;
  const label = IMPACT_DETAIL[key];
  let rest = text.trim();
  if (label && rest.toLowerCase().startsWith(label.toLowerCase())) rest = rest.slice(label.length).trim();
  return rest !== '' && !isPlaceholder(rest);
}

export function proseText(p: Prose | undefined): string | null {
  if (!p) return null;
  const parts = p.blocks.filter((b) => b.type !== 'html').map((b) => b.text.trim());
  const hit = longProse.find((j) => isJoined(j.joined, parts));
  if (hit) return hit.text;
  const joined = parts.join('\n\n');
  const meaningful = joined.trim();
  const text = meaningful === '' ? null : meaningful;
  // (One part is not copied by the join: nothing to save, and it is a slice of the text.)
  if (parts.length > 1 && joined.length >= LONG_PROSE) {
    longProse.unshift({ joined, text });
    longProse.length = Math.min(longProse.length, 4);
  }
  return text;
}

/**
 * The last long prose texts joined: a section of megabytes is the same on nearly every edit of its
 * document, and joining it again copied it each time (5 MB of prose: ~10 MB an edit). Compared by
 * content, so correct for any document; a join of two or more parts is its own string (no view of
 * the document's text, which it would keep alive).
 */
const longProse: { joined: string; text: string | null }[] = [];
const LONG_PROSE = 64 * 1024;

/** Whether `joined` is `parts.join('\n\n')`, without building that string. */
function isJoined(joined: string, parts: readonly string[]): boolean {
  let length = 2 * Math.max(0, parts.length - 1);
  for (const part of parts) length += part.length;
  if (length !== joined.length) return false;
  let at = 0;
  for (let i = 0; i < parts.length; i++) {
    if (i > 0) {
      if (joined.charCodeAt(at) !== 10 || joined.charCodeAt(at + 1) !== 10) return false;
      at += 2;
    }
    if (!joined.startsWith(parts[i]!, at)) return false;
    at += parts[i]!.length;
  }
  return true;
}

/** A value's name in messages, from its column's `name` (see `ColumnSpec.name`). */
function valueName(name: string, at: { i: number; row?: string; n?: string; first?: string }): string {
  return name.replace(/\{(i|row|n|first)\}/g, (_m, k: string) => {
    if (k === 'row') return at.row ?? '';
    if (k === 'n') return at.n || String(at.i);
    if (k === 'first') return at.first || String(at.i);
    return String(at.i);
  });
}

/**
 * The timeline's rows in the view. A row's object is the previous view's when its cells' texts are
 * the same (an unchanged row's are the same strings: model rows are memoized, see model.ts), as
 * nearly all rows of a long timeline are after an edit: 3.5 → 1.7 ms per edit at 1 MB. Correct for
 * any sequence of documents (a row's object is a function of its texts), and safe to share: the
 * view is only read (ajv, --print-model).
 */
let lastTimeline: { spec: TableSpec; texts: string[]; rows: Record<string, string | null>[] } | undefined;

function timelineJson(timeline: Model['timeline'], spec: TableSpec): Record<string, string | null>[] {
  const keys = spec.columns.map((c) => c.key);
  const last = lastTimeline?.spec === spec ? lastTimeline : undefined;
  const texts: string[] = new Array(timeline.length * keys.length);
  const rows: Record<string, string | null>[] = new Array(timeline.length);
  for (let i = 0; i < timeline.length; i++) {
    const r = timeline[i] as unknown as Record<string, Val>;
    const at = i * keys.length;
    let same = last !== undefined && i < last.rows.length;
    for (let k = 0; k < keys.length; k++) {
      const t = r[keys[k]!]!.text;
      texts[at + k] = t;
      if (same && last!.texts[at + k] !== t) same = false;
    }
    if (same) {
      rows[i] = last!.rows[i]!;
      continue;
    }
    const row: Record<string, string | null> = {};
    for (let k = 0; k < keys.length; k++) row[keys[k]!] = isPlaceholder(texts[at + k]!) ? null : texts[at + k]!;
    rows[i] = row;
  }
  lastTimeline = { spec, texts, rows };
  return rows;
}

export function buildView(model: Model, d: TemplateDescriptor = TEMPLATE): JsonView {
  const pointers = new Pointers();
  const idSet = model.header.incidentId !== undefined && !isPlaceholder(model.header.incidentId.value.text);
  /** A value: its text, or null while it is a placeholder of its kind. */
  const value = (path: string, val: Val, label: string, spec: { kind: ValueKind; choices?: readonly string[] }, rowKey?: string): string | null => {
    pointers.set(path, { val, label });
    let filled: boolean;
    if (spec.kind === 'evidence') filled = !evidencePlaceholder(val.text, idSet);
    else if (spec.kind === 'detail') filled = impactNotesFilled(rowKey as ImpactKey, val.text);
    else filled = !isPlaceholder(val.text, spec.kind === 'choice' ? spec.choices : undefined);
    return filled ? val.text : null;
  };

  const json: Record<string, unknown> = {};
  if (model.templateVersion) json.templateVersion = model.templateVersion.text;

  const header: Record<string, unknown> = {};
  for (const f of d.fields as readonly FieldSpec[]) {
    const hf = model.header[f.key as keyof Model['header']];
    if (hf) header[f.key] = value(`/header/${f.key}`, hf.value, f.label, f);
  }
  json.header = header;

  const table = (spec: TableSpec): void => {
    if (!model.templateTables[spec.key as keyof Model['templateTables']]) return;
    const rowsOf = (model as unknown as Record<string, unknown>)[spec.key];
    const valueColumns = spec.columns.slice(spec.shape === 'keyed' ? 1 : 0) as readonly ColumnSpec[];
    if (spec.key === 'timeline') {
      // Pointers of the rows: made on demand (see `Pointers`), same paths and labels.
      pointers.timeline = model.timeline;
      pointers.timelineColumns = spec.columns;
      json.timeline = timelineJson(model.timeline, spec);
      return;
    }
    if (spec.shape === 'list') {
      const rows = rowsOf as (Record<string, Val> & { row: Row })[];
      json[spec.key] = rows.map((r, idx) => {
        const at = { i: idx + 1, n: r.number?.text, first: r[spec.columns[0]!.key]!.text };
        return Object.fromEntries(valueColumns.map((c) => [c.key, value(`/${spec.key}/${idx}/${c.key}`, r[c.key]!, valueName(c.name, at), c)]));
      });
      return;
    }
    const rows = rowsOf as Record<string, Record<string, Val>>;
    const out: Record<string, unknown> = {};
    for (const rs of spec.rows as readonly RowSpec[]) {
      const r = rows[rs.key];
      if (!r) continue;
      if (valueColumns.length === 1) {
        // A single value column: the row's value itself (`/summary/severity`), of the row's kind.
        const c = valueColumns[0]!;
        out[rs.key] = value(`/${spec.key}/${rs.key}`, r[c.key]!, rs.label, { kind: rs.kind ?? c.kind, choices: rs.choices ?? c.choices });
      } else {
        out[rs.key] = Object.fromEntries(valueColumns.map((c) => [c.key, value(`/${spec.key}/${rs.key}/${c.key}`, r[c.key]!, valueName(c.name, { i: 0, row: rs.label }), c, rs.key)]));
      }
    }
    json[spec.key] = out;
  };

  const prose = (sec: { key: string; prose?: { path: readonly string[] } }, group: readonly { key: string; prose?: { path: readonly string[] } }[]): void => {
    const path = sec.prose?.path;
    if (!path) return;
    const p = (sec.key === 'summary' ? model.summaryText : model.prose[sec.key as keyof Model['prose']]) as Prose | undefined;
    if (path.length === 1) {
      if (p) json[path[0]!] = proseText(p);
      return;
    }
    // A group (`rootCause`): present as a whole when any of its parts is.
    const [head, leaf] = path as [string, string];
    const members = group.filter((g) => g.prose?.path[0] === head);
    const present = members.some((g) => model.prose[g.key as keyof Model['prose']]);
    if (!present) return;
    const obj = (json[head] ??= {}) as Record<string, unknown>;
    obj[leaf] = proseText(p);
  };

  // Sections in template order: a section's tables, then its own prose, then its subsections' prose.
  for (const sec of d.sections) {
    for (const t of d.tables) if (t.section === sec.key || d.subsections.some((s) => s.parent === sec.key && s.key === t.section)) table(t);
    const subs = d.subsections.filter((s) => s.parent === sec.key);
    prose(sec, d.sections);
    for (const sub of subs) prose(sub, subs);
  }

  return { json, pointers };
}
