/**
 * Incremental equals full on the CommonMark spec (issue 16, item 3): the 652 examples of the
 * CommonMark 0.31.2 spec (npm `commonmark-spec`, CC-BY-SA-4.0, a devDependency: docs/performance.md)
 * inserted into the FINAL example — at section boundaries, inside prose, before and after the
 * timeline (glued to it or apart) and at the end, one to three at once, LF or CRLF — reached fresh
 * and by an edit sequence on one parser (the document without them, with them, edited inside one,
 * with them, without them). The tree (every node's type, values and offsets) and the findings must
 * equal a full parse's. Small table groups and fence sizes force the cuts a long document gets.
 *
 * Runtime: 70 documents (fast-check picks the examples; the seed is printed on failure).
 * Knobs: PM_PROP_SEED (replay a failure), PM_PROP_SCALE (runs ×; the whole spec is ~652 × 8 points).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { IncrementalParser } from '../../server/src/core';
import { parseMarkdown } from '../../server/src/core/model';
import { EXAMPLES, read, run, treeShape } from '../helpers/core';
import { insertionPoints } from '../helpers/insertion';

const spec = createRequire(__filename)('commonmark-spec') as { tests: { markdown: string; number: number; section: string }[] };
/** The spec writes tabs as `→`. */
const EXAMPLES_MD = spec.tests.map((t) => ({ number: t.number, section: t.section, markdown: t.markdown.replace(/→/g, '\t') }));
const FINAL = read(path.join(EXAMPLES, 'post-mortems', 'INC-2026-0042-final.md'));
const POINTS = insertionPoints(FINAL);
const SEED = process.env.PM_PROP_SEED ? Number(process.env.PM_PROP_SEED) : undefined;
const SCALE = Number(process.env.PM_PROP_SCALE ?? 1);

const findings = (text: string, parse?: (t: string) => ReturnType<typeof parseMarkdown>) =>
  run(text, parse ? { parse } : {}).findings.map((f) => `${f.start}:${f.end}:${f.code}:${f.severity}:${f.message}`);

interface Case {
  inserts: { example: number; point: number }[];
  eol: '\n' | '\r\n';
  sequence: boolean;
  small: boolean;
  edit: number;
}

/** The document with the case's examples inserted (later points first, so earlier offsets hold). */
function build(c: Case): { text: string; spans: { at: number; length: number }[] } {
  let text = FINAL;
  const byPoint = [...c.inserts].sort((a, b) => POINTS[b.point]!.at - POINTS[a.point]!.at);
  for (const ins of byPoint) {
    const p = POINTS[ins.point]!;
    text = text.slice(0, p.at) + p.text(EXAMPLES_MD[ins.example]!.markdown) + text.slice(p.at);
  }
  if (c.eol === '\r\n') text = text.replace(/\n/g, '\r\n');
  // Where the inserted text is, in the final document (for an edit inside it).
  const spans: { at: number; length: number }[] = [];
  for (const ins of c.inserts) {
    const snippet = POINTS[ins.point]!.text(EXAMPLES_MD[ins.example]!.markdown).replace(/\n/g, c.eol);
    const at = text.indexOf(snippet);
    if (at >= 0) spans.push({ at, length: snippet.length });
  }
  return { text, spans };
}

const describe = (c: Case) =>
  c.inserts.map((i) => `example ${EXAMPLES_MD[i.example]!.number} (${EXAMPLES_MD[i.example]!.section}) ${POINTS[i.point]!.name}`).join(' + ') +
  ` ${JSON.stringify(c.eol)} ${c.sequence ? 'by edits' : 'fresh'}${c.small ? ' small groups' : ''}`;

function check(c: Case): void {
  const { text: doc, spans } = build(c);
  const base = c.eol === '\n' ? FINAL : FINAL.replace(/\n/g, '\r\n');
  let edited = doc;
  if (spans.length) {
    const s = spans[c.edit % spans.length]!;
    const mid = s.at + Math.floor(((c.edit % 997) / 997) * s.length);
    edited = doc.slice(0, mid) + 'x' + doc.slice(mid);
  }
  const parser = c.small ? new IncrementalParser(2, 16) : new IncrementalParser();
  const seq = c.sequence ? [base, doc, edited, doc, base] : [doc];
  const where = describe(c);
  for (const text of seq) {
    assert.deepEqual(treeShape(parser.parse(text).children), treeShape(parseMarkdown(text).children), `tree: ${where}`);
  }
  // Findings: on the document with the examples (and its edit), through the same parser.
  for (const text of c.sequence ? [doc, edited] : [doc]) {
    assert.deepEqual(findings(text, (t) => parser.parse(t)), findings(text), `findings: ${where}`);
  }
}

const cases: fc.Arbitrary<Case> = fc.record({
  inserts: fc.array(fc.record({ example: fc.nat({ max: EXAMPLES_MD.length - 1 }), point: fc.nat({ max: POINTS.length - 1 }) }), { minLength: 1, maxLength: 3 }),
  eol: fc.constantFrom('\n' as const, '\r\n' as const),
  sequence: fc.boolean(),
  small: fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  edit: fc.nat({ max: 1_000_000 }),
});

test('incremental = full with CommonMark spec examples inserted (tree and findings)', () => {
  fc.assert(fc.property(cases, check), { numRuns: Math.max(1, Math.round(70 * SCALE)), seed: SEED });
});

test('incremental = full: every eighth spec example glued to the timeline table, by edits (PM_PROP_SCALE=8: every one)', () => {
  // Every example once, glued before or after the timeline table (where table cuts and the table
  // fast path meet it), on one parser per point: each document is an edit of the one before.
  const points = POINTS.map((p, k) => ({ p, k })).filter(({ p }) => p.name.startsWith('glued'));
  const parsers = points.map(() => new IncrementalParser(2, 16));
  const step = Math.max(1, Math.round(8 / SCALE));
  for (let e = 0; e < EXAMPLES_MD.length; e += step) {
    points.forEach(({ p }, k) => {
      const doc = FINAL.slice(0, p.at) + p.text(EXAMPLES_MD[e]!.markdown) + FINAL.slice(p.at);
      assert.deepEqual(treeShape(parsers[k]!.parse(doc).children), treeShape(parseMarkdown(doc).children), `tree: example ${EXAMPLES_MD[e]!.number} ${p.name}`);
    });
  }
});
