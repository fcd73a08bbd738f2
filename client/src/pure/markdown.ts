/**
 * Small, line-based readers for the parts of a post-mortem the client shows
 * (header fields, the first heading, one section's table). The server's core
 * does the real parsing; these only feed UI (tree view, code lens, status bar,
 * commands) and never decide what is an error. No `vscode` import.
 */

export function splitLines(text: string): string[] {
  return text.split(/\r\n|\n|\r/);
}

export { firstHeading } from '../../../server/src/core/detect';

/** True when a value is still template text: empty, `-`, a run of underscores, italic guidance. */
export { isPlaceholder } from '../../../server/src/core/placeholders';

export interface HeaderField {
  /** 0-based line of the field. */
  line: number;
  /** The value after `**Label:**`, trimmed (hard-break backslash removed). */
  value: string;
  /** UTF-16 columns of the value on its line (end exclusive); equal when empty. */
  valueStart: number;
  valueEnd: number;
}

const normLabel = (s: string): string => s.replace(/\s+/g, ' ').trim().toLowerCase();

/**
 * A header field `**Label:** value` (or `**Label**: value`) above the first `##` heading.
 * `label` is matched case-insensitively, ignoring a trailing `(UTC)`.
 */
export function headerField(text: string, label: string): HeaderField | undefined {
  const want = normLabel(label).replace(/\s*\(utc\)$/, '');
  const lines = splitLines(text);
  let fence = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^ {0,3}(`{3,}|~{3,})/.test(line)) fence = !fence;
    if (fence) continue;
    if (/^ {0,3}##(?!#)/.test(line)) break;
    const m = /^(\s*)\*\*([^*]+?)(:?)\*\*(:?)[ \t]*/.exec(line);
    if (!m || (!m[3] && !m[4])) continue;
    if (normLabel(m[2]!).replace(/\s*\(utc\)$/, '') !== want) continue;
    const start = m[0].length;
    // A trailing hard break (a backslash or spaces) is not part of the value.
    const raw = line.slice(start).replace(/\\?\s*$/, '');
    return { line: i, value: raw.trim(), valueStart: start, valueEnd: start + raw.length };
  }
  return undefined;
}

/** Cells of a GFM table row: split on unescaped `|`, outer pipes optional, cells trimmed. */
export function tableCells(line: string): string[] {
  let s = line.trim();
  if (s.startsWith('|')) s = s.slice(1);
  if (s.endsWith('|') && !s.endsWith('\\|')) s = s.slice(0, -1);
  const cells: string[] = [];
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '\\' && s[i + 1] === '|') {
      cur += '\\|';
      i++;
    } else if (c === '|') {
      cells.push(cur.trim());
      cur = '';
    } else {
      cur += c;
    }
  }
  cells.push(cur.trim());
  return cells;
}

export function isTableLine(line: string): boolean {
  return /^\s{0,3}\|/.test(line);
}

export function isDelimiterRow(line: string): boolean {
  return /^\s{0,3}\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/.test(line);
}

export interface TableAt {
  /** 0-based line of the header row. */
  headerLine: number;
  /** 0-based line of the last row (the delimiter row when there is no body row). */
  lastLine: number;
  columns: string[];
  /** Body rows: their line and cells. */
  rows: { line: number; cells: string[] }[];
}

/**
 * The first table under the `##` heading whose text matches `heading`, before the next `##`.
 */
export function sectionTable(lines: readonly string[], heading: RegExp): TableAt | undefined {
  let i = 0;
  let fence = false;
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^ {0,3}(`{3,}|~{3,})/.test(line)) fence = !fence;
    if (fence) continue;
    const h = /^ {0,3}##[ \t]+(.*?)[ \t#]*$/.exec(line);
    if (h && heading.test(h[1]!)) break;
  }
  for (i++; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^ {0,3}##(?!#)/.test(line)) return undefined;
    if (isTableLine(line) && i + 1 < lines.length && isDelimiterRow(lines[i + 1]!)) {
      const table: TableAt = {
        headerLine: i,
        lastLine: i + 1,
        columns: tableCells(line).map((c) => c.toLowerCase()),
        rows: [],
      };
      for (let j = i + 2; j < lines.length && isTableLine(lines[j]!); j++) {
        table.rows.push({ line: j, cells: tableCells(lines[j]!) });
        table.lastLine = j;
      }
      return table;
    }
  }
  return undefined;
}

/** Index of the first column whose header matches `re`, else `fallback`. */
export function columnIndex(columns: readonly string[], re: RegExp, fallback: number): number {
  const i = columns.findIndex((c) => re.test(c));
  return i >= 0 ? i : fallback;
}
