/**
 * Runs of link reference definitions without micromark (issue 16): the mdast remark gives for a
 * chunk made only of simple one-line definitions — positions included — or undefined, and the
 * caller parses with remark. test/unit/fast-table.test.ts checks it against remark.
 *
 * Taken only when every line is `[label]: destination` with an optional `"title"`, at column 0:
 * the label has no brackets, backslashes, `&` or tabs and no blank at either end (no footnote `^`),
 * the destination has no parentheses, angle brackets, backslashes, `&`, blanks or controls, the
 * title no `"`, backslash or `&` (so nothing is unescaped or decoded), nothing after it but blanks,
 * and at most one line break after the last line. Such a definition spans its whole line.
 */
import type { Definition, RootContent } from 'mdast';

const LINE = /^\[(?!\^)([^[\]\\&\s](?:[^[\]\\&\t\r\n]*[^[\]\\&\s])?)\]:[ \t]*([^\s()<>\\&\x00-\x1f\x7f]+)(?:[ \t]+"([^"\\&\r\n]*)")?[ \t]*$/;

/** micromark's label normalisation (micromark-util-normalize-identifier), lower-cased as mdast's identifier is. */
export function identifierOf(label: string): string {
  return label.replace(/[\t\n\r ]+/g, ' ').replace(/^ | $/g, '').toLowerCase().toUpperCase().toLowerCase();
}

export function fastDefinitions(text: string): RootContent[] | undefined {
  if (text.charCodeAt(0) !== 0x5b) return undefined;
  const out: Definition[] = [];
  let start = 0;
  let line = 1;
  const n = text.length;
  while (start < n) {
    let end = start;
    while (end < n && text.charCodeAt(end) !== 0x0a && text.charCodeAt(end) !== 0x0d) end++;
    const m = LINE.exec(text.slice(start, end));
    if (!m || m[1]!.length > 999) return undefined;
    out.push({
      type: 'definition',
      identifier: identifierOf(m[1]!),
      label: m[1]!,
      title: m[3] ?? null,
      url: m[2]!,
      position: { start: { line, column: 1, offset: start }, end: { line, column: end - start + 1, offset: end } },
    });
    if (end === n) break;
    start = end + (text.charCodeAt(end) === 0x0d && text.charCodeAt(end + 1) === 0x0a ? 2 : 1);
    line++;
  }
  return out;
}
