/**
 * Suppression comments inside a table. `<!-- postmortem-disable-next-line PM014 -->` on its own
 * line between two rows is where an author puts it (SPEC §5), but in Markdown that line is an HTML
 * block and ends the table: every row after it would be lost. So before parsing, such a line is
 * masked as a one-cell table row of the same length (`|` and blanks: offsets do not move), and
 * after parsing that row is dropped again. The comment itself is handed to the model's comments,
 * where suppression finds it as usual. A line scan; nothing happens when no such line exists.
 */
import type { Root, RootContent, Table } from 'mdast';
import type { HtmlComment } from './model';

export interface MaskedText {
  /** The text to parse: equal to the input but for masked lines. */
  text: string;
  /** The comments on masked lines, in document order. */
  comments: HtmlComment[];
}

const DIRECTIVE = /^([ \t]*)<!--([ \t]*postmortem-(?:disable-next-line|disable|enable)\b[^\r\n]*?)-->[ \t]*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const isRow = (l: string) => /^ {0,3}\S/.test(l) && l.includes('|');
const isDelimiter = (l: string) => /^ {0,3}\|?[ \t]*:?-+:?[ \t]*(\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/.test(l);

export function maskTableDirectives(text: string): MaskedText {
  if (!text.includes('postmortem-')) return { text, comments: [] };
  const lineRe = /[^\r\n]*(\r\n|\n|\r|$)/g;
  const lines: { start: number; body: string }[] = [];
  for (let m = lineRe.exec(text); m && m[0] !== ''; m = lineRe.exec(text)) {
    lines.push({ start: m.index, body: m[0].slice(0, m[0].length - m[1]!.length) });
  }
  const comments: HtmlComment[] = [];
  const parts: string[] = [];
  let last = 0;
  let fence: string | undefined;
  let prevInTable = false;
  for (let i = 0; i < lines.length; i++) {
    const { start, body } = lines[i]!;
    const f = FENCE.exec(body);
    if (fence) {
      if (f && f[1]![0] === fence[0] && f[1]!.length >= fence.length && body.trim() === f[1]) fence = undefined;
      prevInTable = false;
      continue;
    }
    if (f) {
      fence = f[1];
      prevInTable = false;
      continue;
    }
    const d = prevInTable ? DIRECTIVE.exec(body) : null;
    if (d) {
      let j = i + 1;
      while (j < lines.length && DIRECTIVE.test(lines[j]!.body)) j++;
      const next = lines[j]?.body;
      if (next !== undefined && isRow(next) && !isDelimiter(next)) {
        const at = start + d[1]!.length;
        comments.push({ start: at, end: at + d[2]!.length + 7, text: d[2]!.trim() });
        parts.push(text.slice(last, start), '|' + ' '.repeat(body.length - 1));
        last = start + body.length;
        continue; // still in the table
      }
    }
    prevInTable = isRow(body);
  }
  if (comments.length === 0) return { text, comments };
  parts.push(text.slice(last));
  return { text: parts.join(''), comments };
}

/**
 * `tree` without the table rows that start at a masked comment (a new root; `tree` is not mutated).
 * Masked spans never overlap; sorted by start, their ends are sorted too, so "is a span inside
 * [s, e]" is one binary search (the first span starting at or after s): linear in the tree.
 */
export function dropMaskedRows(tree: Root, comments: readonly { start: number; end: number }[]): Root {
  if (comments.length === 0) return tree;
  const spans = [...comments].sort((a, b) => a.start - b.start);
  const firstFrom = (s: number) => {
    let lo = 0;
    let hi = spans.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (spans[mid]!.start < s) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  /** Whether a span lies inside [s, e + slack]. */
  const spanIn = (s: number | undefined, e: number | undefined, slack = 0) => {
    if (s === undefined || e === undefined) return false;
    const c = spans[firstFrom(s)];
    return c !== undefined && c.end <= e + slack;
  };
  const pos = (n: { position?: { start: { offset?: number }; end: { offset?: number } } }) => [n.position?.start.offset, n.position?.end.offset] as const;
  const masked = (row: Table['children'][number]) => row.children.length <= 1 && spanIn(...pos(row), 1);
  const rebuild = <T extends { children?: unknown[] }>(node: T): T => {
    if (!Array.isArray(node.children)) return node;
    let changed = false;
    const children = (node.children as RootContent[]).map((child) => {
      if (!spanIn(...pos(child))) return child;
      if (child.type === 'table') {
        const rows = child.children.filter((r, k) => k === 0 || !masked(r));
        if (rows.length === child.children.length) return child;
        changed = true;
        return { ...child, children: rows };
      }
      const again = rebuild(child as { children?: unknown[] });
      if (again !== (child as unknown)) changed = true;
      return again as RootContent;
    });
    return changed ? { ...node, children } : node;
  };
  return rebuild(tree);
}
