/**
 * The timeline table in the formatter: the stable sort of its rows and the
 * normalisation of its timestamps to the document's UTC form. Which table is
 * the timeline, which column holds its times and what each time means are the
 * model's and `values.ts`'s (through `core/timeline.ts`, the reading PM007 uses
 * too), so the sort always puts right what PM007 finds.
 */
import type { DateTime } from 'luxon';
import type { TextEdit } from '../types';
import type { Model } from '../model';
import { LineIndex } from '../text';
import { instantKeys, readTimelineCells, summaryInstant } from '../timeline';
import { formatTimelineTime, parseTimelineTime, type FullTimelineTime, type TimestampForm } from '../values';
import { modelOf, tablesOf, type TableBlock } from './tables';

/** The model's timeline table among the tables (`TableBlock.timeline`). */
export function findTimelineTable(tables: readonly TableBlock[]): TableBlock | undefined {
  return tables.find((t) => t.timeline);
}

/** Whether a header cell says `(UTC)`: its values may leave out the `UTC` suffix. */
export function isUtcColumn(headerCell: string | undefined): boolean {
  return headerCell !== undefined && /\(UTC\)/i.test(headerCell);
}

/**
 * The column of the timeline's times (the model's choice), or -1 when no row
 * has a cell there. Every body row of `model.timelineTable` is a `model.timeline` row.
 */
export function timeColumn(model: Model): number {
  for (const r of model.timeline) {
    const i = r.row.cells.indexOf(r.time);
    if (i >= 0) return i;
  }
  return -1;
}

/**
 * The stable sort of timeline rows by instant (`core/timeline.ts`, PM007's
 * reading): a permutation (new position → old index). A row without an instant
 * travels with the row above it; leading rows without one stay first. Undefined
 * when sorting would change the instant of a row — a time-only cell takes its
 * date from the row above, so moved it could mean another instant: the rows are
 * then left as they are.
 */
export function timelineOrder(cells: readonly string[], firstDetected: DateTime | undefined): number[] | undefined {
  const keys = instantKeys(readTimelineCells(cells, firstDetected));
  const head: number[] = [];
  const groups: { key: number; rows: number[] }[] = [];
  keys.forEach((k, i) => {
    if (k !== undefined) groups.push({ key: k, rows: [i] });
    else if (groups.length > 0) groups[groups.length - 1]!.rows.push(i);
    else head.push(i);
  });
  const sorted = groups.map((g, i) => ({ g, i })).sort((a, b) => a.g.key - b.g.key || a.i - b.i);
  const order = [...head, ...sorted.flatMap((s) => s.g.rows)];
  const after = instantKeys(
    readTimelineCells(
      order.map((i) => cells[i]!),
      firstDetected,
    ),
  );
  for (let j = 0; j < order.length; j++) if (after[j] !== keys[order[j]!]) return undefined;
  return order;
}

/** The sort of the model's timeline rows (see `timelineOrder`). */
export function modelTimelineOrder(model: Model): number[] | undefined {
  return timelineOrder(
    model.timeline.map((r) => r.time.text),
    summaryInstant(model, 'firstDetected'),
  );
}

/**
 * The document's UTC form: the spelling of most of the column's full
 * timestamps; on a tie, the one that occurs first.
 */
export function documentUtcSpelling(cells: readonly string[], utcColumn: boolean): TimestampForm | undefined {
  const counts = new Map<TimestampForm, number>();
  for (const c of cells) {
    const p = parseTimelineTime(c, { utcColumn });
    if (p?.kind === 'full') counts.set(p.spelling, (counts.get(p.spelling) ?? 0) + 1);
  }
  let best: TimestampForm | undefined;
  let bestCount = 0;
  for (const [s, n] of counts) {
    // Map iteration is in order of first occurrence, so `>` keeps the first on a tie.
    if (n > bestCount) {
      best = s;
      bestCount = n;
    }
  }
  return best;
}

/**
 * Rewrites each full UTC timestamp spelled exactly as accepted
 * (`parseTimelineTime`) to the document's UTC form. Time-only cells, unreadable
 * cells and non-UTC times are returned unchanged.
 */
export function normaliseTimelineCells(cells: readonly string[], utcColumn: boolean): string[] {
  const target = documentUtcSpelling(cells, utcColumn);
  if (target === undefined) return [...cells];
  return cells.map((c) => {
    const p = parseTimelineTime(c, { utcColumn });
    return p?.kind === 'full' && p.spelling !== target ? formatTimelineTime(p as FullTimelineTime, target) : c;
  });
}

/**
 * The PM007 quick fix: sorts the timeline's body rows by time (stable), moving
 * whole lines — each row's text is kept byte for byte; line breaks, and any line
 * between two rows (a suppression comment the analysis masks), stay where they
 * are. `model`: the analysis's model of `text` (default: a fresh one). Undefined
 * when there is no timeline table, it is already in order, or it cannot be
 * sorted safely (see timelineOrder).
 */
export function sortTimelineRows(text: string, model: Model = modelOf(text)): TextEdit[] | undefined {
  const table = tablesOf(text, model, new LineIndex(text)).find((t) => t.timeline);
  if (!table || table.body.length < 2 || table.body.length !== model.timeline.length) return undefined;
  const order = modelTimelineOrder(model);
  if (!order) return undefined;
  let first = -1;
  let last = -1;
  order.forEach((o, j) => {
    if (o !== j) {
      if (first < 0) first = j;
      last = j;
    }
  });
  if (first < 0) return undefined;
  const rows = table.body;
  let newText = '';
  for (let j = first; j <= last; j++) {
    const src = rows[order[j]!]!;
    newText += text.slice(src.start, src.end);
    if (j < last) newText += text.slice(rows[j]!.end, rows[j + 1]!.start); // what lies between positions j and j + 1
  }
  return [{ start: rows[first]!.start, end: rows[last]!.end, newText }];
}
