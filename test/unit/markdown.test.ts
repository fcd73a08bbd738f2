/**
 * The lean parse (core/markdown.ts) leaves a GFM part out only when the text lacks the characters
 * that part needs. Whatever the text, its tree — positions included — must equal remark with all
 * of GFM (remark-gfm's configuration): on every CommonMark 0.31.2 spec example (npm
 * `commonmark-spec`), on GFM's own cases (autolink literals behind escapes and character
 * references, tables without pipes, footnotes, task lists, strikethrough), on the examples, and on
 * random texts made of the characters those parts react to.
 * Knobs: PM_PROP_SEED (replay), PM_PROP_SCALE (runs ×).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import { ALL_GFM_PARTS, gfmPartsFor, parseMarkdown } from '../../server/src/core/markdown';
import { REPO } from '../helpers/core';

const SEED = process.env.PM_PROP_SEED ? Number(process.env.PM_PROP_SEED) : undefined;
const SCALE = Number(process.env.PM_PROP_SCALE ?? 1);

/** What remark-gfm's users get. */
const remark = unified().use(remarkParse).use(remarkGfm);
const reference = (text: string) => remark.parse(text);

function same(text: string): void {
  assert.deepEqual(parseMarkdown(text), reference(text), JSON.stringify(text));
}

const spec = createRequire(__filename)('commonmark-spec') as { tests: { markdown: string }[] };

test('lean parse = remark-gfm on every CommonMark spec example', () => {
  let lean = 0;
  for (const t of spec.tests) {
    const md = t.markdown.replace(/→/g, '\t');
    same(md);
    if (gfmPartsFor(md) !== ALL_GFM_PARTS) lean++;
  }
  // Not vacuous: most examples are parsed without some GFM part.
  assert.ok(lean > spec.tests.length / 2, `${lean} of ${spec.tests.length} examples parsed lean`);
});

test('lean parse = remark-gfm on GFM cases that hide their trigger', () => {
  const cases = [
    // Autolink literals: a `.`, `:` or `@` that only a character escape or reference makes.
    'www\\.example.com', 'www&#46;example.com', 'WWW.EXAMPLE.COM', 'see http\\://a.b', 'http&#58;//a.b', 'a&#64;b.com', 'x\\@y.com', 'mailto:a@b.co', 'xmpp:a@b.co/r',
    'Www.a.b and hTTps://x.y', 'a@b', 'foo@bar.baz.', '(www.a.b)',
    // Tables without pipes, and what only looks like one.
    'a\n:-', 'a\n-:', 'a\n:-:', 'a\n---:', 'a\n: -', ':-\n-', 'a\n-', 'a\n---', '| a |\n| - |\n| b |',
    // Footnotes, strikethrough, task lists.
    'x[^1]\n\n[^1]: note', '[^a]', '[\n^a]', '~a~ ~~b~~ ~~~c~~~', '- [ ] open\n- [x] done', '* [X]\ttab', '1. [ ] n',
    // Several at once, and none.
    '| a | b |\n|---|---|\n| ~x~ | www.a.b |\n\n- [ ] t[^n]\n\n[^n]: x', 'plain *text* with `code`, <b>html</b> and # a heading\n===',
  ];
  for (const c of cases) {
    same(c);
    same(c + '\n');
  }
});

test('lean parse = remark-gfm on the examples', () => {
  for (const dir of ['examples/post-mortems', 'examples/sre-post-mortems']) {
    for (const f of fs.readdirSync(path.join(REPO, dir))) {
      if (f.endsWith('.md')) same(fs.readFileSync(path.join(REPO, dir, f), 'utf8'));
    }
  }
});

const piece = fc.constantFrom(
  'a', 'b c', ' ', '\t', '\n', '\n\n', '.', ':', '/', '@', '&', '&#46;', '&amp;', '\\', '~', '[', ']', '^', '|', '-', '*', '_', '`', '<', '>', '#', '!', '(', ')',
  'www', 'http', 'https://', 'mailto:', 'xmpp:', 'x.y', '1.', '- ', '> ', '    ', '[ ]', '[x]', ':-', '---', '===',
);
const text = fc.array(piece, { maxLength: 40 }).map((ps) => ps.join(''));

test('lean parse = remark-gfm on random texts of GFM trigger characters', () => {
  let lean = 0;
  fc.assert(
    fc.property(text, (t) => {
      same(t);
      if (gfmPartsFor(t) !== ALL_GFM_PARTS) lean++;
    }),
    { numRuns: Math.max(1, Math.round(4000 * SCALE)), seed: SEED },
  );
  assert.ok(lean > 100, `${lean} random texts parsed lean`);
});
