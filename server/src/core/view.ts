/**
 * The JSON view of the model: what the schema validates and what
 * `postmortem-lint --print-model` prints (docs/model.md). A value is its
 * trimmed text, or null while it is still a placeholder. `pointers` maps each
 * JSON pointer back to its source (the source map).
 */
import {
  HEADER_KEYS, IMPACT_DETAIL, IMPACT_KEYS, IMPACT_LABELS, ROLE_KEYS, ROLE_LABELS, SUMMARY_KEYS, SUMMARY_LABELS, HEADER_LABELS,
  type Model, type Prose, type Val,
} from './model';
import { ACTION_STATUSES, DOCUMENT_STATUSES } from '../../../shared/src/status';
import { isPlaceholder } from './values';

export const CHOICES = {
  status: DOCUMENT_STATUSES,
  severity: ['CRITICAL', 'HIGH', 'MEDIUM'],
  scope: ['GLOBAL', 'PARTNER', 'POOL'],
  yesNo: ['YES', 'NO'],
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
}

export interface JsonView {
  json: Record<string, unknown>;
  pointers: PointerIndex;
}

const TIMELINE_POINTER = /^\/timeline\/(0|[1-9]\d*)\/(time|event|actor)$/;
const TIMELINE_COLUMNS = ['time', 'event', 'actor'] as const;

/**
 * The pointers, with the timeline's made on demand: a long timeline would
 * otherwise cost three strings, a label and a map entry per row on every edit.
 * Iteration order is insertion order with the timeline's rows in their place.
 */
class Pointers implements PointerIndex {
  readonly before = new Map<string, Pointer>();
  readonly after = new Map<string, Pointer>();
  timeline: Model['timeline'] | undefined;

  set(path: string, p: Pointer): void {
    (this.timeline ? this.after : this.before).set(path, p);
  }

  private timelinePointer(i: number, col: (typeof TIMELINE_COLUMNS)[number]): Pointer {
    return { val: this.timeline![i]![col], label: `Timeline row ${i + 1} ${col}` };
  }

  get(path: string): Pointer | undefined {
    const m = this.timeline && path.startsWith('/timeline/') ? TIMELINE_POINTER.exec(path) : null;
    if (m) {
      const i = Number(m[1]);
      return i < this.timeline!.length ? this.timelinePointer(i, m[2] as (typeof TIMELINE_COLUMNS)[number]) : undefined;
    }
    return this.before.get(path) ?? this.after.get(path);
  }

  *[Symbol.iterator](): Iterator<[string, Pointer]> {
    yield* this.before;
    const rows = this.timeline ?? [];
    for (let i = 0; i < rows.length; i++) {
      for (const col of TIMELINE_COLUMNS) yield [`/timeline/${i}/${col}`, this.timelinePointer(i, col)];
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
export function impactNotesFilled(key: keyof typeof IMPACT_LABELS, text: string): boolean {
  if (isPlaceholder(text)) return false;
  const label = IMPACT_DETAIL[key];
  let rest = text.trim();
  if (label && rest.toLowerCase().startsWith(label.toLowerCase())) rest = rest.slice(label.length).trim();
  return rest !== '' && !isPlaceholder(rest);
}

export function proseText(p: Prose | undefined): string | null {
  if (!p) return null;
  const meaningful = p.blocks.filter((b) => b.type !== 'html').map((b) => b.text.trim()).join('\n\n').trim();
  return meaningful === '' ? null : meaningful;
}

export function buildView(model: Model): JsonView {
  const pointers = new Pointers();
  const put = (path: string, val: Val, label: string, value: string | null) => {
    pointers.set(path, { val, label });
    return value;
  };
  const v = (path: string, val: Val, label: string, choices?: readonly string[]) =>
    put(path, val, label, isPlaceholder(val.text, choices) ? null : val.text);

  const json: Record<string, unknown> = {};
  if (model.templateVersion) json.templateVersion = model.templateVersion.text;

  const header: Record<string, unknown> = {};
  for (const k of HEADER_KEYS) {
    const f = model.header[k];
    if (f) header[k] = v(`/header/${k}`, f.value, HEADER_LABELS[k], k === 'status' ? CHOICES.status : undefined);
  }
  json.header = header;

  if (model.summaryTable) {
    const summary: Record<string, unknown> = {};
    for (const k of SUMMARY_KEYS) {
      const r = model.summary[k];
      if (!r) continue;
      const choices = k === 'severity' ? CHOICES.severity : k === 'scope' ? CHOICES.scope : k === 'drill' ? CHOICES.yesNo : undefined;
      summary[k] = v(`/summary/${k}`, r.value, SUMMARY_LABELS[k], choices);
    }
    json.summary = summary;
  }
  if (model.summaryText) json.summaryText = proseText(model.summaryText);

  if (model.timelineTable) {
    // Pointers of the rows: made on demand (see `Pointers`), same paths and labels.
    pointers.timeline = model.timeline;
    const value = (val: Val) => (isPlaceholder(val.text) ? null : val.text);
    json.timeline = model.timeline.map((r) => ({ time: value(r.time), event: value(r.event), actor: value(r.actor) }));
  }

  if (model.prose.s3a || model.prose.s3b || model.prose.s3c) {
    json.rootCause = {
      technical: proseText(model.prose.s3a),
      contributingFactors: proseText(model.prose.s3b),
      whyNotCaughtSooner: proseText(model.prose.s3c),
    };
  }

  if (model.impactTable) {
    const impact: Record<string, unknown> = {};
    for (const k of IMPACT_KEYS) {
      const r = model.impact[k];
      if (!r) continue;
      const label = IMPACT_LABELS[k];
      impact[k] = {
        impact: v(`/impact/${k}/impact`, r.impact, label, CHOICES.yesNo),
        notes: put(`/impact/${k}/notes`, r.notes, label, impactNotesFilled(k, r.notes.text) ? r.notes.text : null),
      };
    }
    json.impact = impact;
  }

  if (model.prose.s5) json.wentWell = proseText(model.prose.s5);
  if (model.prose.s6) json.wentPoorly = proseText(model.prose.s6);

  if (model.actionTable) {
    json.actions = model.actions.map((a, i) => {
      const n = a.number.text || String(i + 1);
      return {
        number: v(`/actions/${i}/number`, a.number, `Action ${n} #`),
        action: v(`/actions/${i}/action`, a.action, `Action ${n}`),
        owner: v(`/actions/${i}/owner`, a.owner, `Action ${n} owner`),
        targetDate: v(`/actions/${i}/targetDate`, a.targetDate, `Action ${n} target date`),
        blocking: v(`/actions/${i}/blocking`, a.blocking, `Action ${n} Blocking?`, CHOICES.yesNo),
        status: v(`/actions/${i}/status`, a.status, `Action ${n} status`, CHOICES.actionStatus),
      };
    });
  }

  if (model.evidenceTable) {
    const idSet = model.header.incidentId !== undefined && !isPlaceholder(model.header.incidentId.value.text);
    json.evidence = model.evidence.map((e, i) => ({
      artifact: v(`/evidence/${i}/artifact`, e.artifact, `Evidence row ${i + 1}`),
      location: put(`/evidence/${i}/location`, e.location, `Evidence "${e.artifact.text || i + 1}" location`,
        evidencePlaceholder(e.location.text, idSet) ? null : e.location.text),
    }));
  }

  if (model.signoffTable) {
    const signoff: Record<string, unknown> = {};
    for (const k of ROLE_KEYS) {
      const r = model.signoff[k];
      if (!r) continue;
      const label = ROLE_LABELS[k];
      signoff[k] = {
        name: v(`/signoff/${k}/name`, r.name, `Sign-off (${label}) name`),
        signature: v(`/signoff/${k}/signature`, r.signature, `Sign-off (${label}) signature`),
        date: v(`/signoff/${k}/date`, r.date, `Sign-off (${label}) date`),
      };
    }
    json.signoff = signoff;
  }

  return { json, pointers };
}
