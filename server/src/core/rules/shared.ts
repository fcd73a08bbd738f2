/** Pieces several rules share: timeline dates, the template's own rows, evidence paths. */
import { buildModel, type Model, type Row, type Val } from '../model';
import { TEMPLATE_1_1 } from '../template';
import type { ReadTime, TimestampForm } from '../values';

// ------------------------------------------------------------ time

// The timeline's reading lives in core/timeline.ts (the formatter's sort uses it too).
export { summaryInstant, timelineInstants, type TimelineInstant } from '../timeline';

/** The spelling most full UTC timestamps of a set use (ties: the first seen). */
export function dominantForm(reads: ReadTime[], fallback: TimestampForm = 'space-utc'): TimestampForm {
  const counts = new Map<TimestampForm, number>();
  let first: TimestampForm | undefined;
  for (const r of reads) {
    if (r.kind !== 'utc' || !r.form) continue;
    first ??= r.form;
    counts.set(r.form, (counts.get(r.form) ?? 0) + 1);
  }
  let best = first ?? fallback;
  for (const [f, n] of counts) if (n > (counts.get(best) ?? 0)) best = f;
  return best;
}

// ------------------------------------------------------------ the template

let templateModel: Model | undefined;

export function template(): { text: string; model: Model } {
  templateModel ??= buildModel(TEMPLATE_1_1);
  return { text: TEMPLATE_1_1, model: templateModel };
}

export function sourceOf(text: string, span: { start: number; end: number }): string {
  return text.slice(span.start, span.end);
}

export function rowText(text: string, row: Row): string {
  return sourceOf(text, row);
}

// ------------------------------------------------------------ evidence paths

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
