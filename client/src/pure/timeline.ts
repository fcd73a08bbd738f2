/** "Insert Timeline Row (UTC now)": the row and where it goes. No `vscode` import. */
import type { CheckedSummary } from '../../../shared/src/protocol';

/** `2026-11-26 18:07`: the minute of `d` in UTC, in the form the timeline's `Time (UTC)` column takes. */
export function utcMinute(d: Date): string {
  return d.toISOString().slice(0, 16).replace('T', ' ');
}

/**
 * The row as a snippet: the time filled in, a tab stop for each other column (v1.1's Event and
 * Actor; a team template's timeline may have more columns: `columns` counts the header's cells).
 */
export function timelineRowSnippet(now: Date, columns = 3): string {
  const stops = Array.from({ length: Math.max(1, columns - 1) }, (_, i) => ` $${i + 1} |`).join('');
  return `| ${utcMinute(now)} |${stops}$0`;
}

/**
 * The 0-based line before which the new row is inserted (may be past the last line: append at
 * the end), or undefined to insert at the cursor. `timeline` is the Timeline table as the server
 * reads it (`postmortem/summary`):
 * - cursor in the Timeline table: after the cursor's row (after the delimiter row when the
 *   cursor is on the header row);
 * - cursor elsewhere: after the Timeline table's last row;
 * - no Timeline table: at the cursor.
 */
export function timelineInsertLine(timeline: CheckedSummary['timeline'], cursorLine: number): number | undefined {
  if (!timeline) return undefined;
  const { headerLine, lastLine } = timeline;
  if (cursorLine < headerLine || cursorLine > lastLine) return lastLine + 1;
  return cursorLine === headerLine ? Math.min(headerLine + 2, lastLine + 1) : cursorLine + 1;
}
