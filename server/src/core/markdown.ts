/**
 * The Markdown parser: remark-parse with GFM, as remark-gfm configures it — but each GFM part only
 * when the text holds the characters without which that part cannot change the parse.
 *
 * Why: micromark tries GFM's constructs at nearly every character. On plain prose, CommonMark alone
 * parses about 4× faster than with GFM (an email-autolink attempt at every letter, a table attempt
 * at every line): 1 KB of prose, 0.3 ms instead of 1.25 ms here. A post-mortem's prose sections
 * rarely contain `|`, `~`, `@` or `[^`, so most chunks need no GFM part at all, or one.
 *
 * A part is left out only when it provably makes no difference (test/unit/markdown.test.ts parses
 * the CommonMark spec examples, GFM's own cases and random texts both ways and compares the trees):
 *  - autolink literals: the syntax needs `www`, `http` or `@`; the mdast transform also reads text
 *    nodes, whose value can gain a `.`, `:` or `@` through a character escape (`\`) or reference
 *    (`&`), so any of `@ & \ www http` (any case) keeps it;
 *  - footnotes: calls and definitions start with `[^`;
 *  - strikethrough: `~`;
 *  - tables: a delimiter row has a `|`, or else is one cell with a colon next to a dash (`a` over
 *    `:-` is a table);
 *  - task list items: `[`.
 * The order of the parts is remark-gfm's (constructs on the same character are tried in order).
 */
import type { Root } from 'mdast';
import { unified, type Processor } from 'unified';
import remarkParse from 'remark-parse';
import type { Extension } from 'micromark-util-types';
import { gfmAutolinkLiteral } from 'micromark-extension-gfm-autolink-literal';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import { gfmFromMarkdown } from 'mdast-util-gfm';

interface Part {
  syntax: () => Extension;
  /** False only when the part cannot change how `text` parses. */
  possible: (text: string) => boolean;
}

const AUTOLINK = /[@&\\]|www|http/i;
const TABLE = /\||:[ \t]*-|-[ \t]*:/;

const PARTS: readonly Part[] = [
  { syntax: gfmAutolinkLiteral, possible: (t) => AUTOLINK.test(t) },
  { syntax: gfmFootnote, possible: (t) => t.includes('[^') },
  { syntax: () => gfmStrikethrough(), possible: (t) => t.includes('~') },
  { syntax: gfmTable, possible: (t) => TABLE.test(t) },
  { syntax: gfmTaskListItem, possible: (t) => t.includes('[') },
];
const AUTOLINK_PART = 0;

/** One processor per set of parts (a bit per part), made on first use. */
const processors = new Map<number, Processor<Root>>();

function processorFor(parts: number): Processor<Root> {
  let p = processors.get(parts);
  if (!p) {
    // The mdast side of GFM only adds handlers for tokens the syntax parts make, and the autolink
    // transform (its one tree walk), which is dropped with the autolink syntax.
    const mdast = gfmFromMarkdown().map((e) => (parts & (1 << AUTOLINK_PART) || !e.transforms ? e : { ...e, transforms: [] }));
    p = unified()
      .use(remarkParse)
      .data('micromarkExtensions', PARTS.filter((_, i) => parts & (1 << i)).map((part) => part.syntax()))
      .data('fromMarkdownExtensions', mdast) as unknown as Processor<Root>;
    processors.set(parts, p);
  }
  return p;
}

/** The GFM parts `text` may need (a bit per part of PARTS). */
export function gfmPartsFor(text: string): number {
  let parts = 0;
  for (let i = 0; i < PARTS.length; i++) if (PARTS[i]!.possible(text)) parts |= 1 << i;
  return parts;
}

/** All of GFM, as remark-gfm configures it: the reference the lean parse must equal. */
export const ALL_GFM_PARTS = (1 << PARTS.length) - 1;

/** The mdast of `text`, offsets into `text` (a leading BOM included). */
export function parseMarkdown(text: string, parts = gfmPartsFor(text)): Root {
  const root = processorFor(parts).parse(text) as Root;
  // micromark drops a leading BOM and counts offsets without it; the model's offsets are into `text`.
  if (text.charCodeAt(0) === 0xfeff) shiftOffsets(root, 1);
  return root;
}

function shiftOffsets(root: Root, by: number): void {
  const seen = new Set<object>();
  const stack: { position?: Root['position']; children?: unknown[] }[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    for (const p of [n.position?.start, n.position?.end]) {
      if (p && p.offset !== undefined && !seen.has(p)) {
        seen.add(p);
        p.offset += by;
      }
    }
    for (const c of (n.children ?? []) as typeof stack) stack.push(c);
  }
}
