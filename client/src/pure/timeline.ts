/** "Insert Timeline Row (UTC now)": the row and where it goes. No `vscode` import. */
import { isDelimiterRow, isTableLine, sectionTable } from './markdown';

/** `2026-11-26 18:07`: the minute of `d` in UTC, in the form the timeline's `Time (UTC)` column takes. */
export function utcMinute(d: Date): string {
  return d.toISOString().slice(0, 16).replace('T', ' ');
}

/** The row as a snippet: the time filled in, tab stops for Event and Actor. */
export function timelineRowSnippet(now: Date): string {
  return `| ${utcMinute(now)} | $1 | $2 |$0`;
}

/**
 * The 0-based line before which the new row is inserted (may equal `lines.length`:
 * append at the end), or undefined to insert at the cursor:
 * - cursor in the Timeline table: after the cursor's row (after the delimiter row when
 *   the cursor is on the header row);
 * - cursor elsewhere: after the Timeline table's last row;
 * - no Timeline table: after the cursor's row when the cursor is in a table, else at the cursor.
 */
export function timelineInsertLine(lines: readonly string[], cursorLine: number): number | undefined {
  const afterCursorRow = (): number => {
    const cur = lines[cursorLine]!;
    const next = lines[cursorLine + 1];
    if (next !== undefined && isDelimiterRow(next) && !isDelimiterRow(cur)) return cursorLine + 2;
    return cursorLine + 1;
  };
  const t = sectionTable(lines, /^(2\.?\s*)?timeline\b/i);
  if (t) return cursorLine >= t.headerLine && cursorLine <= t.lastLine ? afterCursorRow() : t.lastLine + 1;
  const cur = lines[cursorLine];
  return cur !== undefined && isTableLine(cur) ? afterCursorRow() : undefined;
}
