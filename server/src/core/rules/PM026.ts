import { describeLines, MAX_LINE, MAX_NESTING } from '../prescan';
import type { Rule } from './rule';

export const PM026: Rule = {
  code: 'PM026',
  title: 'Lines too deeply nested or too long to check',
  why:
    `Some shapes make Markdown parsing take minutes: containers (lists, block quotes) nested more than ${MAX_NESTING} levels deep, ` +
    `and lines longer than ${MAX_LINE.toLocaleString('en-US')} characters. Such lines are left out of the parse (as if blank), so that ` +
    'the rest of the document is still checked within seconds; this finding names them, once per document, on the first of them. ' +
    'No quick fix edits them. Unnest or split them to have them checked.',
  severity: 'information',
  examples: {
    fails: `- level 0\n  - level 1\n    - level 2\n      … (a list item ${MAX_NESTING + 1} levels deep)`,
    passes: '- level 0\n  - level 1\n    - level 2',
  },
  check(ctx) {
    const u = ctx.unchecked;
    if (!u || u.length === 0) return;
    const first = u[0]!;
    // On the first masked line, from its first non-blank character.
    const lead = /^[ \t]*/.exec(ctx.text.slice(first.start, Math.min(first.end, first.start + 10_000)))![0].length;
    const at = { start: Math.min(first.start + lead, first.end), end: first.end };
    const why = [u.some((x) => x.why === 'nesting') && `nested more than ${MAX_NESTING} levels`, u.some((x) => x.why === 'length') && `longer than ${MAX_LINE.toLocaleString('en-US')} characters`]
      .filter(Boolean)
      .join(' or ');
    const lines = u.length === 1 ? `Line ${describeLines(u)} was` : `${u.length.toLocaleString('en-US')} lines (${describeLines(u)}) were`;
    ctx.report(at, `${lines} not checked: ${why}; the rest of the document was checked`);
  },
};
