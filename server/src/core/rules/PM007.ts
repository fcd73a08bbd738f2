import { sortTimelineRows } from '../format';
import type { Rule } from './rule';
import { timelineInstants } from './shared';

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
  check(ctx) {
    const instants = timelineInstants(ctx.model);
    let prev: { at: number; row: number } | undefined;
    let edits: ReturnType<typeof sortTimelineRows> | null = null;
    instants.forEach((x, i) => {
      if (!x.instant) return;
      const at = x.instant.toMillis();
      if (prev && at < prev.at) {
        // The sort fix rewrites the whole table: only the first out-of-order row carries it.
        const first = edits === null;
        if (first) edits = sortTimelineRows(ctx.text);
        const row = ctx.model.timeline[i]!;
        const prevRow = ctx.model.timeline[prev.row]!;
        ctx.report(row.time, `Timeline row ${i + 1} (${row.time.text}) is earlier than the row above (${prevRow.time.text}); expected chronological order`, {
          fixes: first && edits ? [{ title: 'Sort the timeline by time', safe: true, edits }] : undefined,
          related: [{ start: prevRow.time.start, end: prevRow.time.end, message: 'the row above' }],
        });
      }
      if (!prev || at >= prev.at) prev = { at, row: i };
    });
  },
};
