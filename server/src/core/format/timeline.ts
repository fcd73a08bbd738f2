/**
 * The timeline table: which table it is, the time of each row, the stable
 * sort, and the normalisation of its timestamps to the document's UTC form.
 */
import type { TextEdit } from '../types';
import { LineIndex } from '../text';
import { findTables, type TableBlock } from './tables';
import {
  dayOf,
  formatTimelineTime,
  parseTimelineTime,
  type FullTimelineTime,
  type TimelineTime,
  type UtcSpelling,
} from './time';

/** The Timeline section's heading line (`## 2. Timeline`). */
export const TIMELINE_HEADING = /^#{2}\s*2\.\s*Timeline/i;

/**
 * The timeline table: the first table in the section opened by a heading
 * matching TIMELINE_HEADING (sub-headings of level 3+ may stand between them;
 * a table after the next level-1/2 heading is in another section and is not it).
 */
export function findTimelineTable(tables: readonly TableBlock[]): TableBlock | undefined {
  return tables.find((t) => t.section !== undefined && TIMELINE_HEADING.test(t.section.raw));
}

/** Whether a header cell says `(UTC)`: its values may leave out the `UTC` suffix. */
export function isUtcColumn(headerCell: string | undefined): boolean {
  return headerCell !== undefined && /\(UTC\)/i.test(headerCell);
}

/** Date of the summary table's `First detected (UTC)` value: the date of leading time-only rows. */
export function firstDetectedDay(tables: readonly TableBlock[]): number | undefined {
  for (const t of tables) {
    for (const r of t.body) {
      const label = r.cells[0]?.text ?? '';
      if (!/^First detected\b/i.test(label)) continue;
      const v = parseTimelineTime(r.cells[1]?.text ?? '', { utcColumn: isUtcColumn(label) });
      if (v?.kind === 'full') return dayOf(v);
    }
  }
  return undefined;
}

export interface TimelineContext {
  utcColumn: boolean;
  /** Date (midnight, epoch ms) for time-only cells above the first dated row. */
  fallbackDay: number | undefined;
}

/**
 * The instant of each row (by its time cell's text), or undefined where it
 * cannot be read. A time-only cell takes the date of the nearest dated row
 * above it (or the fallback day). Without any date at all (no full timestamp
 * in the column, no fallback), time-only cells compare by time of day alone;
 * otherwise a time-only cell above every dated row cannot be placed and is
 * unreadable.
 */
export function timelineKeys(cells: readonly string[], ctx: TimelineContext): (number | undefined)[] {
  const parsed: (TimelineTime | undefined)[] = cells.map((c) => parseTimelineTime(c, { utcColumn: ctx.utcColumn }));
  const anyDate = ctx.fallbackDay !== undefined || parsed.some((p) => p?.kind === 'full');
  let day = ctx.fallbackDay;
  return parsed.map((p) => {
    if (p === undefined) return undefined;
    if (p.kind === 'full') {
      day = dayOf(p);
      return p.epochMs;
    }
    if (day !== undefined) return day + p.ms;
    return anyDate ? undefined : p.ms;
  });
}

/**
 * The stable sort of timeline rows: a permutation (new position → old index).
 * A row whose time cannot be read travels with the row above it; leading
 * unreadable rows stay first. Returns undefined when sorting would change the
 * date a time-only cell gets from the row above (it would then mean another
 * instant): the rows are left as they are.
 */
export function timelineOrder(cells: readonly string[], ctx: TimelineContext): number[] | undefined {
  const keys = timelineKeys(cells, ctx);
  const head: number[] = [];
  const groups: { key: number; rows: number[] }[] = [];
  keys.forEach((k, i) => {
    if (k !== undefined) groups.push({ key: k, rows: [i] });
    else if (groups.length > 0) groups[groups.length - 1]!.rows.push(i);
    else head.push(i);
  });
  const sorted = groups.map((g, i) => ({ g, i })).sort((a, b) => a.g.key - b.g.key || a.i - b.i);
  const order = [...head, ...sorted.flatMap((s) => s.g.rows)];
  const after = timelineKeys(
    order.map((i) => cells[i]!),
    ctx,
  );
  for (let j = 0; j < order.length; j++) if (after[j] !== keys[order[j]!]) return undefined;
  return order;
}

/**
 * The document's UTC form: the spelling of most of the column's full
 * timestamps; on a tie, the one that occurs first.
 */
export function documentUtcSpelling(cells: readonly string[], utcColumn: boolean): UtcSpelling | undefined {
  const counts = new Map<UtcSpelling, number>();
  for (const c of cells) {
    const p = parseTimelineTime(c, { utcColumn });
    if (p?.kind === 'full') counts.set(p.spelling, (counts.get(p.spelling) ?? 0) + 1);
  }
  let best: UtcSpelling | undefined;
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
 * Rewrites each full UTC timestamp to the document's UTC form. Time-only
 * cells, unreadable cells and non-UTC times are returned unchanged.
 */
export function normaliseTimelineCells(cells: readonly string[], utcColumn: boolean): string[] {
  const target = documentUtcSpelling(cells, utcColumn);
  if (target === undefined) return [...cells];
  return cells.map((c) => {
    const p = parseTimelineTime(c, { utcColumn });
    return p?.kind === 'full' && p.spelling !== target ? formatTimelineTime(p as FullTimelineTime, target) : c;
  });
}

/** The sort context of a document's timeline table. */
export function timelineContext(table: TableBlock, tables: readonly TableBlock[]): TimelineContext {
  return { utcColumn: isUtcColumn(table.header.cells[0]?.text), fallbackDay: firstDetectedDay(tables) };
}

/**
 * The PM007 quick fix: sorts the timeline's body rows by time (stable),
 * moving whole lines — each row's text is kept byte for byte, line breaks stay
 * where they are. Undefined when there is no timeline table, it is already in
 * order, or it cannot be sorted safely (see timelineOrder).
 */
export function sortTimelineRows(text: string): TextEdit[] | undefined {
  const tables = findTables(text);
  const table = findTimelineTable(tables);
  if (!table || table.body.length < 2) return undefined;
  const order = timelineOrder(
    table.body.map((r) => r.cells[0]?.text ?? ''),
    timelineContext(table, tables),
  );
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
  const idx = new LineIndex(text);
  const rows = table.body;
  let newText = '';
  for (let j = first; j <= last; j++) {
    const src = rows[order[j]!]!;
    newText += text.slice(src.start, src.end);
    if (j < last) newText += text.slice(rows[j]!.end, idx.starts[rows[j]!.line + 1]!); // this position's line break
  }
  return [{ start: rows[first]!.start, end: rows[last]!.end, newText }];
}
