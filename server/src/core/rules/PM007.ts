import { sortTimelineRows } from '../format';
import { chronology, timelineInstants } from '../timeline';
import type { Fix, RelatedLocation } from '../types';
import type { Rule } from './rule';

export const PM007: Rule = {
  code: 'PM007',
  title: 'Timeline rows are not in chronological order',
  why: 'Readers follow the timeline top to bottom; an event out of place tells a different story.',
  severity: 'warning',
  fix: 'Sort the timeline rows by time (stable).',
  examples: {
    fails: '| 2026-03-14 10:05 | Fix deployed | alice |\n| 2026-03-14 09:30 | Alert | system |',
    passes: '| 2026-03-14 09:30 | Alert | system |\n| 2026-03-14 10:05 | Fix deployed | alice |',
  },
  /**
   * The fewest rows: those outside the longest chronological run (of several, the
   * one keeping the earliest rows), each named against the nearest rows of that
   * run above and below it. One mistyped time is one finding, on that row. The
   * finding and the fix read the same times (core/timeline.ts).
   */
  check(ctx) {
    const rows = ctx.model.timeline;
    const { keys, run, inRun } = chronology(timelineInstants(ctx.model));
    let first = true;
    let k = 0; // run[k] is the first row of the run below the current row
    keys.forEach((key, i) => {
      while (k < run.length && run[k]! < i) k++;
      if (key === undefined || inRun.has(i)) return;
      const above = k > 0 ? run[k - 1] : undefined;
      const below = k < run.length ? run[k] : undefined;
      const row = rows[i]!;
      const name = (j: number) => `row ${j + 1} (${rows[j]!.time.text})`;
      const where =
        above !== undefined && below !== undefined
          ? `is out of order between ${name(above)} and ${name(below)}`
          : above !== undefined
            ? `is earlier than ${name(above)} above it`
            : `is later than ${name(below!)} below it`;
      const related: RelatedLocation[] = [];
      if (above !== undefined) related.push({ start: rows[above]!.time.start, end: rows[above]!.time.end, message: 'the row above in time order' });
      if (below !== undefined) related.push({ start: rows[below]!.time.start, end: rows[below]!.time.end, message: 'the row below in time order' });
      // The sort fix rewrites the rows between the first and last it moves: only the first finding carries it.
      let fix: Fix[] | undefined;
      if (first) {
        const edits = sortTimelineRows(ctx.text, ctx.model);
        if (edits) fix = [{ title: 'Sort the timeline by time', safe: true, edits }];
        first = false;
      }
      ctx.report(row.time, `Timeline row ${i + 1} (${row.time.text}) ${where}; expected chronological order`, { fixes: fix, related });
    });
  },
};
