/**
 * Shapes the Markdown parser handles badly, found by one linear scan before parsing (issue 16).
 * micromark is superlinear on some inputs: containers nested hundreds of levels deep (a list
 * nested 1,000 levels takes it ~40 s for 1 MB) and extremely long lines. Such lines are not given
 * to the parser: they are masked (same length, line breaks kept, so every offset stays valid —
 * like the suppression comments of directives.ts) and the analysis reports them once (PM026,
 * docs/rules/PM026.md); everything else is checked and fixed as usual, and no fix edits them.
 *
 * - Nesting: a line whose container prefix (its leading spaces, tabs, `>` and list markers)
 *   stands for more than MAX_NESTING levels, counted as one level per `>` or list marker plus
 *   one per two columns of blanks (a nested list item needs at least two more). An
 *   over-estimate on purpose: a line indented more than 2 × MAX_NESTING columns is masked even
 *   when it is in a code block.
 * - Length: a line longer than MAX_LINE characters.
 *
 * A masked line becomes an HTML comment of its length (`<!--`, blanks, `-->`): a block of its own
 * that ends any list, quote or paragraph open above it, and that no rule reads. A long line that
 * continues a table (it and the line above start with `|`) becomes `|` and blanks instead, a
 * one-cell row that the analysis drops again, so the rows after it stay in their table.
 */

/** Container nesting (as estimated above) up to which a line is parsed. */
export const MAX_NESTING = 64;
/** Line length (UTF-16 code units, without the line break) up to which a line is parsed. */
export const MAX_LINE = 100_000;

export interface UncheckedLine {
  /** 0-based line number. */
  line: number;
  start: number;
  /** End of the line's text (before its line break). */
  end: number;
  why: 'nesting' | 'length';
}

export interface Prescan {
  /** The text to parse: equal to the input but for masked lines. */
  text: string;
  /** Masked lines, in document order. */
  unchecked: UncheckedLine[];
  /** Masked table rows (`|` and blanks) to drop from the tree: the span of their `|`. */
  maskedRows: { start: number; end: number }[];
}

const SPACE = 0x20;
const TAB = 0x09;
const GT = 0x3e;

/** Nesting estimate of the line text[start, end) (see the module comment). */
function nesting(text: string, start: number, end: number): number {
  let levels = 0;
  let col = 0;
  let i = start;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === SPACE) {
      col++;
      i++;
    } else if (c === TAB) {
      col += 4 - (col % 4);
      i++;
    } else if (c === GT) {
      levels++;
      i++;
    } else if ((c === 0x2d || c === 0x2a || c === 0x2b) && (i + 1 === end || text.charCodeAt(i + 1) === SPACE || text.charCodeAt(i + 1) === TAB)) {
      // `-`, `*`, `+` followed by a blank or the line end
      levels++;
      i++;
    } else if (c >= 0x30 && c <= 0x39) {
      let j = i;
      while (j < end && j - i < 9 && text.charCodeAt(j) >= 0x30 && text.charCodeAt(j) <= 0x39) j++;
      const d = text.charCodeAt(j);
      const after = text.charCodeAt(j + 1);
      if ((d === 0x2e || d === 0x29) && (j + 1 === end || after === SPACE || after === TAB)) {
        levels++;
        i = j + 1;
      } else break;
    } else break;
    if (levels + (col >> 1) > MAX_NESTING) return levels + (col >> 1);
  }
  return levels + (col >> 1);
}

const startsWithPipe = (text: string, start: number, end: number): boolean => {
  let i = start;
  while (i < end && i - start < 3 && text.charCodeAt(i) === SPACE) i++;
  return i < end && text.charCodeAt(i) === 0x7c;
};

/** One pass over the lines; the input text itself when nothing is masked. */
export function prescan(text: string): Prescan {
  const unchecked: UncheckedLine[] = [];
  const maskedRows: Prescan['maskedRows'] = [];
  const parts: string[] = [];
  let last = 0;
  let line = 0;
  let start = 0;
  let prevPipe = false;
  const n = text.length;
  let nextLf = -1;
  let nextCr = -1;
  while (start <= n) {
    // The line's end: the next \n or \r.
    if (nextLf < start) nextLf = text.indexOf('\n', start) >>> 0; // -1 (none) becomes 2^32 - 1, past the end
    if (nextCr < start) nextCr = text.indexOf('\r', start) >>> 0; // each searched once per occurrence: linear
    const end = Math.min(nextLf, nextCr, n);
    const len = end - start;
    const why = len > MAX_LINE ? 'length' : len > MAX_NESTING && nesting(text, start, end) > MAX_NESTING ? 'nesting' : undefined;
    const pipe = startsWithPipe(text, start, end);
    if (why) {
      unchecked.push({ line, start, end, why });
      parts.push(text.slice(last, start));
      if (why === 'length' && pipe && prevPipe) {
        const at = text.indexOf('|', start);
        parts.push(' '.repeat(at - start), '|', ' '.repeat(end - at - 1));
        maskedRows.push({ start: at, end: at + 1 });
      } else {
        // An HTML comment at column 0 (a masked line is longer than 64 characters): it closes every
        // open container and paragraph at once. Blanks would keep the containers open, and micromark
        // would scan each blank line once per open container.
        parts.push('<!--', ' '.repeat(len - 7), '-->');
      }
      last = end;
    }
    prevPipe = pipe;
    if (end >= n) break;
    start = end + (text.charCodeAt(end) === 0x0d && text.charCodeAt(end + 1) === 0x0a ? 2 : 1);
    line++;
  }
  if (unchecked.length === 0) return { text, unchecked, maskedRows };
  parts.push(text.slice(last));
  return { text: parts.join(''), unchecked, maskedRows };
}

/** Line ranges as text for a message: `12–1,011, 1,200` (1-based), at most `max` ranges named. */
export function describeLines(unchecked: readonly UncheckedLine[], max = 5): string {
  const ranges: [number, number][] = [];
  for (const u of unchecked) {
    const l = u.line + 1;
    const r = ranges[ranges.length - 1];
    if (r && r[1] === l - 1) r[1] = l;
    else ranges.push([l, l]);
  }
  const one = ([a, b]: [number, number]) => (a === b ? `${a}` : `${a}–${b}`);
  const named = ranges.slice(0, max).map(one).join(', ');
  return ranges.length > max ? `${named} and ${ranges.length - max} more ranges` : named;
}

/** Whether the span [start, end) touches a masked line (an insertion strictly inside one counts). */
export function touchesUnchecked(unchecked: readonly UncheckedLine[], start: number, end: number): boolean {
  // Binary search: the last masked line starting at or before `end`.
  let lo = 0;
  let hi = unchecked.length - 1;
  let k = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (unchecked[mid]!.start <= end) {
      k = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  for (; k >= 0; k--) {
    const u = unchecked[k]!;
    if (u.end < start) break; // masked lines are sorted and disjoint: none before this one reaches `start`
    if (start === end ? start > u.start && start < u.end : start < u.end && end > u.start) return true;
  }
  return false;
}
