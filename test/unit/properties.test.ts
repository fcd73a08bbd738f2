/**
 * Property-based tests of SPEC §7 (bad input) over generated documents:
 * analyze() never throws and has no internal error, ranges stay inside the
 * document and never split a surrogate pair, every fix is a clean local edit
 * that keeps the document's line endings, fix-all never overlaps, Mark Final is
 * only offered on a document without errors and then changes only the Status
 * value; hostile schemas fall back to the bundled one; pathological documents finish.
 *
 * A failing generator saves its minimal counterexample as
 * test/fixtures/regressions/new-<generator>-<seed>.md (rename it); the
 * "regressions" test runs properties 1–5 on every file there.
 *
 * Speed (~10,000 documents): the generators run in two worker threads, every
 * analysis of one text (plain, Mark Final, as-if-FINAL) shares one parse through
 * `parse`, which is exactly the default parser (`parseMarkdown`) memoised by text,
 * and the "all-fixes" generators analyse every fixed text again while the others
 * analyse one fixed text per document, picked by fast-check.
 * Knobs: PM_PROP_SEED (replay), PM_PROP_SCALE (runs ×), PM_PROP_WORKERS (0: in this thread).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import fc from 'fast-check';
import type { Root } from 'mdast';
import {
  analyze, applyEdits, collectFixAll, DEFAULT_SETTINGS, loadSchema, planMarkFinal,
  type AnalyzeOptions, type Finding, type TextEdit,
} from '../../server/src/core';
import { parseMarkdown } from '../../server/src/core/model';
import { BUNDLED_SCHEMA_NAME } from '../../server/src/core/schema';
import { TEMPLATE_1_1 } from '../../server/src/core/template';

const REPO = path.resolve(__dirname, '..', '..');
const FINAL = fs.readFileSync(path.join(REPO, 'examples', 'post-mortems', 'INC-2026-0042-final.md'), 'utf8');
const REGRESSIONS = path.join(REPO, 'test', 'fixtures', 'regressions');
const NOW = new Date('2026-11-26T12:00:00Z');
const TITLE = '# Incident Post-Mortem\n';
const nodeRequire = createRequire(__filename);

let generated = 0;

/** Tests are registered by the main thread only; workers only run generators. */
const mainTest: typeof test = ((...args: Parameters<typeof test>) => (isMainThread ? test(...args) : undefined)) as typeof test;

// ------------------------------------------------------------------ analysis helpers

const parseCache = new Map<string, Root>();
/** parseMarkdown (the default of `analyze`), memoised for the last few texts. */
function parse(text: string): Root {
  let root = parseCache.get(text);
  if (!root) {
    root = parseMarkdown(text);
    if (parseCache.size >= 4) parseCache.delete(parseCache.keys().next().value!);
    parseCache.set(text, root);
  }
  return root;
}

const OPTS: AnalyzeOptions = { settings: DEFAULT_SETTINGS, now: NOW, parse };

function isHigh(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}
function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
/** True when offset o falls between the two halves of a surrogate pair. */
function splitsPair(text: string, o: number): boolean {
  return o > 0 && o < text.length && isHigh(text.charCodeAt(o - 1)) && isLow(text.charCodeAt(o));
}

/** Edits overlap: they share text, or two inserts at one spot, or an insert inside a replacement. */
function overlaps(a: TextEdit, b: TextEdit): boolean {
  if (a.start < b.end && b.start < a.end) return true;
  if (a.start === a.end && b.start === b.end) return a.start === b.start;
  if (a.start === a.end) return a.start > b.start && a.start < b.end;
  if (b.start === b.end) return b.start > a.start && b.start < a.end;
  return false;
}

function assertNoOverlap(edits: readonly TextEdit[], what: string): void {
  for (let i = 0; i < edits.length; i++) {
    for (let j = i + 1; j < edits.length; j++) {
      assert.ok(!overlaps(edits[i]!, edits[j]!), `${what}: edits overlap: ${JSON.stringify(edits[i])} / ${JSON.stringify(edits[j])}`);
    }
  }
}

/** The one kind of line break a document uses, when it uses exactly one. */
function onlyEol(text: string): '\r\n' | '\r' | '\n' | undefined {
  const kinds = new Set(text.match(/\r\n|\r|\n/g) ?? []);
  return kinds.size === 1 ? ([...kinds][0] as '\r\n' | '\r' | '\n') : undefined;
}

function assertRange(text: string, start: number, end: number, what: string): void {
  assert.ok(Number.isInteger(start) && Number.isInteger(end), `${what}: non-integer offsets ${start}..${end}`);
  assert.ok(start >= 0 && start <= end && end <= text.length, `${what}: ${start}..${end} outside 0..${text.length}`);
  assert.ok(!splitsPair(text, start) && !splitsPair(text, end), `${what}: ${start}..${end} splits a surrogate pair`);
}

function label(f: Finding): string {
  return `${f.code} ${f.start}..${f.end} "${f.message}"`;
}

/**
 * Which fixed texts are analysed again: 'all', or the fixes picked (modulo their
 * number) by fast-check. Every fix of every finding is checked for its edits
 * either way; analysing a fixed text costs a full parse (up to 15 ms), and a
 * document without sections has 14 fixes, so most runs analyse a sample.
 */
type Reanalyse = 'all' | number[];

/** Properties 1–5 for one document. */
function checkDocument(text: string, reanalyse: Reanalyse = 'all'): void {
  generated++;
  // 1. never throws, no internal error.
  const a = analyze(text, OPTS);
  assert.deepEqual(a.internalErrors, [], 'internal errors');

  const fixed = new Map<string, string>();
  const eol = onlyEol(text);
  for (const f of a.findings) {
    // 2. ranges.
    assertRange(text, f.start, f.end, label(f));
    for (const o of [f.start, f.end]) assert.ok(a.lines.positionAt(o).line < a.lines.lineCount, `${label(f)}: line out of range`);
    for (const r of f.related ?? []) assertRange(text, r.start, r.end, `${label(f)} related`);

    // 3. fixes.
    for (const fix of f.fixes ?? []) {
      const what = `${label(f)} fix "${fix.title}"`;
      assert.ok(fix.edits.length > 0, `${what}: no edit`);
      for (const e of fix.edits) {
        assertRange(text, e.start, e.end, what);
        // A CRLF-only document gets no bare LF (and a CR-only one no LF at all): the file keeps its line endings.
        if (eol) assert.deepEqual(new Set(e.newText.match(/\r\n|\r|\n/g) ?? [eol]), new Set([eol]), `${what}: inserts ${JSON.stringify(e.newText)} into a document whose line breaks are all ${JSON.stringify(eol)}`);
      }
      assertNoOverlap(fix.edits, what);
      const out = applyEdits(text, fix.edits);
      const first = Math.min(...fix.edits.map((e) => e.start));
      const last = Math.max(...fix.edits.map((e) => e.end));
      assert.equal(out.slice(0, first), text.slice(0, first), `${what}: changed text before its first edit`);
      assert.ok(out.length >= text.length - last && out.endsWith(text.slice(last)), `${what}: changed text after its last edit`);
      if (!fixed.has(out)) fixed.set(out, what);
    }
  }
  const outs = [...fixed];
  const picked = reanalyse === 'all' ? outs : [...new Set(reanalyse.map((i) => outs[i % outs.length]!).filter(Boolean))];
  for (const [out, what] of picked) {
    const b = analyze(out, OPTS);
    assert.deepEqual(b.internalErrors, [], `${what}: internal errors in the fixed text`);
  }

  // 4. fix-all.
  const all = collectFixAll(a.findings);
  assertNoOverlap(all, 'fix-all');
  applyEdits(text, all);

  // 5. Mark Final.
  const plan = planMarkFinal(text, OPTS);
  if (plan.ok) {
    const asFinal = analyze(text, { ...OPTS, statusAs: 'FINAL' });
    assert.deepEqual(asFinal.internalErrors, [], 'internal errors as FINAL');
    const errors = asFinal.findings.filter((f) => f.severity === 'error');
    assert.deepEqual(errors.map(label), [], 'Mark Final ok although the document has errors as FINAL');
    // The one edit replaces exactly the Status value the model read.
    const status = a.model.header.status?.value;
    assert.ok(status, 'Mark Final ok without a Status field');
    assert.deepEqual(plan.edit, { start: status.start, end: status.end, newText: 'FINAL' }, 'Mark Final edits more than the Status value');
    assert.equal(text.slice(status.start, status.end), status.text);
    assert.equal(applyEdits(text, [plan.edit]), text.slice(0, status.start) + 'FINAL' + text.slice(status.end));
  } else if (a.isPostmortem) {
    assert.ok(plan.blockers.length > 0, 'Mark Final refused without a blocker');
  }
}

interface GeneratorResult {
  name: string;
  generated: number;
  ms: number;
  /** fast-check's report (seed, counterexample) and where the counterexample was saved. */
  failure?: string;
}

/**
 * fc.check one generator; a failure also saves the counterexample document under
 * test/fixtures/regressions/. `picks` > 0: that many fixed texts are analysed again
 * per document (fast-check picks which); 0: all of them.
 */
function runGenerator<T>(name: string, arb: fc.Arbitrary<T>, toText: (v: T) => string, numRuns: number, seed: number, picks: number): GeneratorResult {
  const t0 = performance.now();
  const before = generated;
  const withPicks = fc.tuple(arb, fc.array(fc.nat(), { minLength: picks, maxLength: picks }));
  const out = fc.check(fc.property(withPicks, ([v, p]) => checkDocument(toText(v), picks ? p : 'all')), { numRuns, seed });
  const result: GeneratorResult = { name, generated: generated - before, ms: performance.now() - t0 };
  if (out.failed) {
    const text = toText(out.counterexample![0][0]);
    fs.mkdirSync(REGRESSIONS, { recursive: true });
    const file = path.join(REGRESSIONS, `new-${name}-${out.seed}.md`);
    fs.writeFileSync(file, text);
    result.failure = `${(out.errorInstance as Error)?.message ?? out.errorInstance}\n${fc.defaultReportMessage(out)}\ncounterexample saved to ${path.relative(REPO, file)}`;
  }
  return result;
}

// ------------------------------------------------------------------ generators

const NASTY_UNITS = [
  '\0', '\t', '|', '\\|', '\\', '`', '``', '\u0301', '\u0308\u0323', '\u200d', '\u200b', '\u00a0', '\ufeff', '\u2028',
  '😀', '👩‍👩‍👧', '🇺🇸', '🏳️‍🌈', '中', '文字', '한', 'ﷺ', '\ud800', '\udc00', '\r', '\n', '\r\n', '*', '**', '_', '<', '>',
  '<!--', '-->', '#', '[', '](', ')', '!', '&amp;', '$', '___', '*(', ')*', ':', '-', 'UTC', 'YES', 'FINAL', '2026-09-28 14:52',
];
const nastyString = fc
  .array(fc.oneof(fc.constantFrom(...NASTY_UNITS), fc.string({ unit: 'binary', maxLength: 4 }), fc.string({ unit: 'grapheme', maxLength: 3 })), { maxLength: 12 })
  .map((xs) => xs.join(''));

const INTERESTING_LINES = [
  '# Incident Post-Mortem', '## 1. Incident Summary', '## 2. Timeline', '## 4. Impact Assessment', '## 7. Action Items', '## 9. Sign-off',
  '### Summary (2–4 sentences)', '### 3A — What happened (technical)', '**Status:** FINAL', '**Status:** final', '**Status:** DRAFT',
  '**Status:** UNDER REVIEW', '**Status:**', '**Incident ID:** ../../etc', '**Incident ID:** <INCIDENT_ID>', '**Date Written (UTC):** 2026-13-45',
  '---', '***', '```', '~~~', '    indented code', '<!-- postmortem-disable -->', '<!-- postmortem-enable -->',
  '<!-- postmortem-disable-next-line PM003 PM004 -->', '<!--', '-->', '<div>', '</div>', 'Template version: 9.9', '*Template version: 1.1*',
  '| Field | Value |', '|-------|-------|', '| Time (UTC) | Event | Actor |', '|---|---|---|', '| 2026-09-28 25:99 | x | y |',
  '| 14:00 PST | event | actor |', '| 23:59 | e | a |', '| 00:01 | e | a |', '| Severity | high |', '| Total duration | 9d 99h 99m |',
  '| Funds at risk at peak | USD 2.5M |', '| Originations blocked | YES | |', '| Post-Mortem Author | | | |',
  '| 5 | Do it | | 2020-01-01 | YES | OPEN |', '| Drill evidence bundle | `governance/evidence/<INCIDENT_ID>/x.md` |',
  '| Audit | [x](../../../etc/passwd) |', '| Audit | `/etc/passwd` |', '- ', '- [ ] ', '1. ', '> ', '> > > x', '\\', '|', '||', '| |',
  'Setext heading', '===', '[ref]: http://example.invalid', '<https://example.invalid>',
];

/** Values that look right but are not, or are right in an unusual spelling. */
const PLAUSIBLE = [
  '2026-09-28 10:00 PST', '2026-09-28T10:00:00+02:00', '2026-09-28 15:01 EDT', '2026-09-28 15:01 IST', '10:00 CET', '2026-09-28 14:52 America/New_York',
  '3pm PST', '2026-09-28 3:05 pm UTC', 'March 14, 2026', '14/03/2026', '2026-02-30', '2026-09-28 25:61 UTC', '2026-09-28T14:52Z', '2026-09-28 14:52:07 UTC',
  '2026-09-28 14:52 +0000', '14:52', '23:59:59', '00:00', '09:00', '2h', '2h 16m', '90 minutes', '1d 2h 3m', '0m', 'high', 'Critical', 'partner', 'yes', 'No',
  'done', 'in progress', 'Wontfix', '$1.5M', 'USD 2,000', '1,000 USD', '$-5', 'None', 'N/A', '-', '___', '*(describe)*', 'YES / NO', 'DRAFT / UNDER REVIEW / FINAL',
  '`governance/evidence/<INCIDENT_ID>/x.md`', '`governance/evidence/INC-2025-0001/x.md`', '`../../etc/passwd`', '`/etc/passwd`',
  '[x](governance/evidence/INC-2026-0042/missing.md)', '[x](<governance/evidence/INC 2026/a b.md>)', 'https://example.invalid/x', 'Duration: ___',
  'Count:', 'Tx: 0xabc', 'Partner(s): ___', 'Dana Whitfield', 'DW', '2026-09-01', '2099-01-01', '2020-01-01',
];

type Mutation =
  | { k: 'delete' | 'duplicate' | 'crInside' | 'crlfInside'; i: number; p: number }
  | { k: 'swap' | 'swapRows' | 'deleteSection'; i: number; j: number }
  | { k: 'zone'; i: number; s: string }
  | { k: 'cell'; i: number; c: number; s: string }
  | { k: 'value'; i: number; s: string }
  | { k: 'insert'; i: number; s: string }
  | { k: 'longLine'; i: number; s: string; how: 0 | 1 | 2 }
  | { k: 'nest'; i: number; how: 0 | 1 | 2 | 3; s: string }
  | { k: 'ragged'; i: number; n: number; s: string }
  | { k: 'hugeTable'; i: number; n: number; s: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { arbitrary: fc.record({ k: fc.constantFrom('delete', 'duplicate', 'crInside', 'crlfInside'), i: fc.nat(), p: fc.nat() }), weight: 12 },
  { arbitrary: fc.record({ k: fc.constantFrom('swap', 'swapRows', 'swapRows', 'swapRows', 'deleteSection'), i: fc.nat(), j: fc.nat() }), weight: 12 },
  { arbitrary: fc.record({ k: fc.constant('cell'), i: fc.nat(), c: fc.nat(8), s: nastyString }), weight: 12 },
  { arbitrary: fc.record({ k: fc.constant('zone'), i: fc.nat(), s: fc.constantFrom(' PST', ' EDT', ' CET', ' IST', ' BST', ' ET', '+02:00', '-0800', ' America/New_York', ' local', ' pm EST', '+00:00', 'Z', '') }), weight: 10 },
  { arbitrary: fc.record({ k: fc.constant('cell'), i: fc.nat(), c: fc.nat(8), s: fc.constantFrom(...PLAUSIBLE) }), weight: 24 },
  { arbitrary: fc.record({ k: fc.constant('value'), i: fc.nat(), s: fc.oneof(nastyString, fc.constantFrom('FINAL', 'final', 'DRAFT', 'UNDER REVIEW', 'FINAL <!-- x -->', 'FINAL\\', '`FINAL`', '**FINAL**', '')) }), weight: 8 },
  { arbitrary: fc.record({ k: fc.constant('insert'), i: fc.nat(), s: fc.oneof(fc.constantFrom(...INTERESTING_LINES), nastyString) }), weight: 12 },
  { arbitrary: fc.record({ k: fc.constant('longLine'), i: fc.nat(), s: nastyString, how: fc.constantFrom(0, 1, 2) }), weight: 2 },
  { arbitrary: fc.record({ k: fc.constant('nest'), i: fc.nat(), how: fc.constantFrom(0, 1, 2, 3), s: nastyString }), weight: 1 },
  { arbitrary: fc.record({ k: fc.constant('ragged'), i: fc.nat(), n: fc.integer({ min: -6, max: 12 }), s: nastyString }), weight: 6 },
  { arbitrary: fc.record({ k: fc.constant('hugeTable'), i: fc.nat(), n: fc.integer({ min: 20, max: 250 }), s: nastyString }), weight: 1 },
) as fc.Arbitrary<Mutation>;

/** The index of the first line at or after i (cyclically) that satisfies p; undefined if none does. */
function findLine(lines: string[], i: number, p: (l: string) => boolean): number | undefined {
  for (let d = 0; d < lines.length; d++) {
    const j = (i + d) % lines.length;
    if (p(lines[j]!)) return j;
  }
  return undefined;
}

const isRow = (l: string) => /^\s*\|.*\|\s*$/.test(l) && !/^\s*\|[\s:|-]*\|\s*$/.test(l);

function mutate(lines: string[], m: Mutation): void {
  const n = lines.length;
  if (n === 0) {
    lines.push('');
    return;
  }
  const i = m.i % n;
  const line = lines[i]!;
  switch (m.k) {
    case 'delete':
      lines.splice(i, 1);
      break;
    case 'duplicate':
      lines.splice(i, 0, line);
      break;
    case 'crInside':
    case 'crlfInside': {
      const p = m.p % (line.length + 1);
      lines[i] = line.slice(0, p) + (m.k === 'crInside' ? '\r' : '\r\n') + line.slice(p);
      break;
    }
    case 'zone': {
      // A time of the document given in another zone (or without its UTC suffix).
      const re = /(\d{1,2}:\d{2}(?::\d{2})?)(?: UTC|Z)?/;
      const r = findLine(lines, i, (l) => re.test(l));
      if (r !== undefined) lines[r] = lines[r]!.replace(re, (_, t: string) => t + m.s);
      break;
    }
    case 'swapRows': {
      // Two rows of one table: the timeline out of order, a role row moved.
      const r = findLine(lines, i, isRow);
      const r2 = r === undefined ? undefined : r + 1 + (m.j % 3);
      if (r === undefined || r2 === undefined || r2 >= n || !isRow(lines[r2]!)) break;
      [lines[r], lines[r2]] = [lines[r2]!, lines[r]!];
      break;
    }
    case 'deleteSection': {
      const h = findLine(lines, i, (l) => /^#{2,3} /.test(l));
      if (h === undefined) break;
      let e = h + 1;
      while (e < lines.length && !/^#{1,3} /.test(lines[e]!)) e++;
      lines.splice(h, e - h);
      break;
    }
    case 'swap': {
      const j = m.j % n;
      [lines[i], lines[j]] = [lines[j]!, line];
      break;
    }
    case 'cell': {
      const r = findLine(lines, i, isRow);
      if (r === undefined) break;
      const cells = lines[r]!.split(/(?<!\\)\|/);
      // cells[0] is before the first pipe, the last is after the last one.
      const c = 1 + (m.c % Math.max(1, cells.length - 2));
      cells[c] = ` ${m.s} `;
      lines[r] = cells.join('|');
      break;
    }
    case 'value': {
      const r = findLine(lines, i, (l) => /^\*\*[^*]+:\*\*/.test(l));
      if (r === undefined) break;
      lines[r] = lines[r]!.replace(/^(\*\*[^*]+:\*\*).*$/, (_, lbl: string) => `${lbl} ${m.s}`);
      break;
    }
    case 'insert':
      lines.splice(i, 0, m.s);
      break;
    case 'longLine': {
      const unit = m.s || 'x';
      const long = unit.repeat(Math.ceil(10_000 / unit.length)).slice(0, 10_000);
      if (m.how === 0) lines.splice(i, 0, long);
      else if (m.how === 1) lines[i] = line + long;
      else {
        const r = findLine(lines, i, isRow);
        if (r !== undefined) lines[r] = lines[r]!.replace(/\|\s*$/, `| ${long} |`);
      }
      break;
    }
    case 'nest': {
      const deep =
        m.how === 0 ? ['> '.repeat(200) + m.s]
        : m.how === 1 ? ['- '.repeat(200) + m.s]
        : m.how === 2 ? Array.from({ length: 200 }, (_, d) => '>'.repeat(d + 1) + ' ' + m.s)
        : Array.from({ length: 200 }, (_, d) => ' '.repeat(2 * d) + (d % 2 ? '1. ' : '- ') + m.s);
      lines.splice(i, 0, ...deep);
      break;
    }
    case 'ragged': {
      const r = findLine(lines, i, isRow);
      if (r === undefined) break;
      const row = lines[r]!;
      if (m.n >= 0) lines[r] = row + ` ${m.s} |`.repeat(m.n + 1);
      else lines[r] = row.split('|').slice(0, Math.max(1, row.split('|').length + m.n)).join('|');
      break;
    }
    case 'hugeTable': {
      const r = findLine(lines, i, isRow);
      if (r === undefined) break;
      const row = lines[r]!;
      const extra = Array.from({ length: m.n }, (_, k) => (k % 3 === 0 ? row : row.replace(/\|([^|]*)\|/, `| ${m.s}${k} |`)));
      lines.splice(r + 1, 0, ...extra);
      break;
    }
  }
}

const FINAL_DRAFT = FINAL.replace('**Status:** FINAL', '**Status:** DRAFT');
const FINAL_REVIEW = FINAL.replace('**Status:** FINAL', '**Status:** under review');
const BASES = [TEMPLATE_1_1, FINAL, FINAL_DRAFT, FINAL_REVIEW];

interface MutatedDoc {
  base: number;
  mutations: Mutation[];
  eol: 'lf' | 'crlf' | 'cr' | 'mixed';
  mixed: number[];
  bom: boolean;
  noFinalNewline: boolean;
}

const mutatedDoc: fc.Arbitrary<MutatedDoc> = fc.record({
  base: fc.nat(BASES.length - 1),
  mutations: fc.array(mutation, { minLength: 0, maxLength: 5 }),
  eol: fc.constantFrom('lf', 'lf', 'crlf', 'crlf', 'cr', 'mixed'),
  mixed: fc.array(fc.nat(2), { minLength: 1, maxLength: 7 }),
  bom: fc.boolean(),
  noFinalNewline: fc.boolean(),
});

function renderMutated(d: MutatedDoc): string {
  const lines = BASES[d.base]!.replace(/\n$/, '').split('\n');
  for (const m of d.mutations) mutate(lines, m);
  const EOLS = ['\n', '\r\n', '\r'];
  let text = '';
  lines.forEach((l, k) => {
    const eol = d.eol === 'lf' ? '\n' : d.eol === 'crlf' ? '\r\n' : d.eol === 'cr' ? '\r' : EOLS[d.mixed[k % d.mixed.length]!]!;
    text += (d.eol === 'crlf' ? l.replace(/\r?\n/g, '\r\n') : l) + eol;
  });
  if (d.noFinalNewline) text = text.replace(/(\r\n|\r|\n)$/, '');
  return (d.bom ? '\ufeff' : '') + text;
}

/** Markdown-ish soup: post-mortem tokens, table syntax and unicode, after the title. */
const SOUP_TOKENS = [
  ...INTERESTING_LINES.map((l) => l + '\n'), '\n', '\r\n', '\r', ' | ', '|', '**', '**Status:** ', 'FINAL', '`', '\\', '\t', '    ',
  '<!-- postmortem-disable-next-line PM003 -->\n', '| --- | --- |\n', '|:-:|\n',
];
const soupDoc = fc
  .tuple(fc.array(fc.oneof(fc.constantFrom(...SOUP_TOKENS), nastyString), { maxLength: 40 }), fc.constantFrom('as is', 'CRLF', 'CR'))
  .map(([xs, eol]) => {
    const t = TITLE + xs.join('');
    return eol === 'as is' ? t : t.replace(/\r\n|\r|\n/g, eol === 'CRLF' ? '\r\n' : '\r');
  });

// ------------------------------------------------------------------ properties 1–5, on all cores

const SCALE = Number(process.env.PM_PROP_SCALE ?? 1);
const unicodeDoc = fc.string({ unit: 'binary', maxLength: 300 }).map((s) => TITLE + s);

/** name → what it generates, runs per test run, fixed texts analysed again per document (0: all). */
const GENERATORS: Record<string, { title: string; runs: number; run: (runs: number, seed: number) => GeneratorResult }> = {
  'mutated/all-fixes': {
    title: 'the template and the FINAL example, randomly mutated; every fixed text analysed',
    runs: 60,
    run: (runs, seed) => runGenerator('mutated-all-fixes', mutatedDoc, renderMutated, runs, seed, 0),
  },
  mutated: {
    title: 'the template and the FINAL example, randomly mutated',
    runs: 900,
    run: (runs, seed) => runGenerator('mutated', mutatedDoc, renderMutated, runs, seed, 1),
  },
  'soup/all-fixes': {
    title: 'Markdown-ish soup after the title; every fixed text analysed',
    runs: 100,
    run: (runs, seed) => runGenerator('soup-all-fixes', soupDoc, (t) => t, runs, seed, 0),
  },
  soup: {
    title: 'Markdown-ish soup after the title',
    runs: 3500,
    run: (runs, seed) => runGenerator('soup', soupDoc, (t) => t, runs, seed, 1),
  },
  'unicode/all-fixes': {
    // fast-check 4 spells fullUnicodeString() as string({ unit: 'binary' }).
    title: 'arbitrary full-unicode text after the title; every fixed text analysed',
    runs: 100,
    run: (runs, seed) => runGenerator('unicode-all-fixes', unicodeDoc, (t) => t, runs, seed, 0),
  },
  unicode: {
    title: 'arbitrary full-unicode text after the title',
    runs: 5400,
    run: (runs, seed) => runGenerator('unicode', unicodeDoc, (t) => t, runs, seed, 1),
  },
};
const TOTAL_RUNS = Object.values(GENERATORS).reduce((n, g) => n + Math.round(g.runs * SCALE), 0);

interface Job {
  name: string;
  runs: number;
  seed: number;
}

if (!isMainThread && workerData?.propertiesJobs) {
  for (const job of workerData.propertiesJobs as Job[]) parentPort!.postMessage({ ...GENERATORS[job.name]!.run(job.runs, job.seed), name: job.name });
  // Stay alive until the main thread, having every result, terminates this worker.
  parentPort!.on('message', () => undefined);
}

/**
 * Splits every generator's runs over the cores (PM_PROP_WORKERS=0: all in this
 * thread); resolves each generator's results once every worker reported it.
 */
function startWorkers(): Map<string, Promise<GeneratorResult[]>> {
  const cores = Math.min(Number(process.env.PM_PROP_WORKERS ?? 2), os.availableParallelism());
  const seed = Number(process.env.PM_PROP_SEED ?? Date.now() % 2 ** 31);
  const names = Object.keys(GENERATORS);
  const jobsOf = (w: number, n: number): Job[] =>
    names.map((name) => {
      const total = Math.round(GENERATORS[name]!.runs * SCALE);
      return { name, runs: Math.floor(total / n) + (w < total % n ? 1 : 0), seed: seed + w };
    });
  const promises = new Map<string, Promise<GeneratorResult[]>>();
  if (cores < 1) {
    for (const job of jobsOf(0, 1)) promises.set(job.name, new Promise((resolve) => setImmediate(() => resolve([{ ...GENERATORS[job.name]!.run(job.runs, job.seed), name: job.name }]))));
    return promises;
  }
  const pending = new Map<string, { results: GeneratorResult[]; resolve: (r: GeneratorResult[]) => void; reject: (e: Error) => void }>();
  for (const name of names) promises.set(name, new Promise((resolve, reject) => pending.set(name, { results: [], resolve, reject })));
  const tsx = require.resolve('tsx/cjs');
  for (let w = 0; w < cores; w++) {
    const worker = new Worker(`require(${JSON.stringify(tsx)}); require(${JSON.stringify(__filename)});`, { eval: true, workerData: { propertiesJobs: jobsOf(w, cores) }, resourceLimits: { maxYoungGenerationSizeMb: Number(process.env.PM_PROP_YOUNG ?? 64) } });
    let reported = 0;
    worker.on('message', (r: GeneratorResult) => {
      const p = pending.get(r.name)!;
      p.results.push(r);
      if (p.results.length === cores) p.resolve(p.results);
      if (++reported === names.length) void worker.terminate();
    });
    worker.on('error', (e) => {
      for (const p of pending.values()) p.reject(e);
    });
    worker.on('exit', (code) => {
      if (reported < names.length) for (const p of pending.values()) p.reject(new Error(`property worker ${w} exited (${code}) before reporting every generator`));
    });
  }
  return promises;
}

if (isMainThread) {
  const inThread = Number(process.env.PM_PROP_WORKERS ?? 2) < 1;
  const results = startWorkers();
  for (const [name, g] of Object.entries(GENERATORS)) {
    mainTest(`1–5: ${g.title}`, async () => {
      const rs = await results.get(name)!;
      const count = rs.reduce((n, r) => n + r.generated, 0);
      if (!inThread) generated += count;
      console.log(`${name}: ${count} documents in ${rs.map((r) => (r.ms / 1000).toFixed(1) + ' s').join(' + ')}`);
      for (const r of rs) assert.equal(r.failure, undefined, r.failure);
    });
  }
}

mainTest('1–5: the unmutated bases', () => {
  for (const b of BASES) checkDocument(b);
});

mainTest('the memoised parse gives the same analysis as the default one', () => {
  for (const t of [TEMPLATE_1_1, FINAL, FINAL_DRAFT.replace(/\n/g, '\r\n')]) {
    const plain = analyze(t, { settings: DEFAULT_SETTINGS, now: NOW });
    const memo = analyze(t, OPTS);
    assert.deepEqual(memo.findings, plain.findings);
    assert.deepEqual(analyze(t, OPTS).findings, plain.findings, 'the tree is not changed by an analysis');
  }
});

// ------------------------------------------------------------------ 6. hostile schemas

/** Runs f with every way to reach the network (fetch, http, https, net, tls) replaced by a trap. */
function withoutNetwork<T>(f: () => T): { value: T; attempts: string[] } {
  const attempts: string[] = [];
  const saved: [Record<string, unknown>, string, unknown][] = [];
  const trap = (obj: Record<string, unknown>, name: string) => {
    saved.push([obj, name, obj[name]]);
    obj[name] = () => {
      attempts.push(name);
      throw new Error(`network access (${name}) in a test that forbids it`);
    };
  };
  trap(globalThis as unknown as Record<string, unknown>, 'fetch');
  for (const [mod, names] of [['node:http', ['request', 'get']], ['node:https', ['request', 'get']], ['node:net', ['connect', 'createConnection']], ['node:tls', ['connect']]] as const) {
    const m = nodeRequire(mod) as Record<string, unknown>;
    for (const n of names) trap(m, n);
  }
  try {
    return { value: f(), attempts };
  } finally {
    for (const [obj, name, v] of saved.reverse()) obj[name] = v;
  }
}

const bundledJson = JSON.parse(fs.readFileSync(path.join(REPO, BUNDLED_SCHEMA_NAME), 'utf8')) as Record<string, any>;

function withIdPattern(pattern: string): Record<string, any> {
  const s = structuredClone(bundledJson);
  s.properties.header.properties.incidentId = { ...s.properties.header.properties.incidentId, pattern };
  return s;
}

function nested(depth: number, inner: Record<string, unknown>): Record<string, unknown> {
  let s: Record<string, unknown> = inner;
  for (let i = 0; i < depth; i++) s = { allOf: [s] };
  return s;
}

const HOSTILE: [string, string][] = [
  ['invalid JSON', '{"type": "object",'],
  ['empty file', ''],
  ['a non-object (array)', '[1, 2, 3]'],
  ['a non-object (string)', '"schema"'],
  ['a non-object (null)', 'null'],
  ['an unknown keyword', JSON.stringify({ ...bundledJson, 'x-unknown-keyword': true, properties: { ...bundledJson.properties, header: { ...bundledJson.properties.header, frobnicate: 3 } } })],
  ['a remote $ref', JSON.stringify({ $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'object', properties: { header: { $ref: 'https://example.invalid/x.json' } } })],
  ['a catastrophic pattern ^(a+)+$', JSON.stringify(withIdPattern('^(a+)+$'))],
  ['a catastrophic pattern (\\w*)*x', JSON.stringify(withIdPattern('(\\w*)*x'))],
  ['a catastrophic pattern ^(a{1,3})+$', JSON.stringify(withIdPattern('^(a{1,3})+$'))],
  ['a catastrophic pattern nested 100 levels deep', JSON.stringify({ type: 'object', properties: { header: nested(100, { type: 'object', properties: { incidentId: { type: 'string', pattern: '^(a+)+$' } } }) } })],
  ['a catastrophic pattern after 200 KB of pattern text', JSON.stringify(withIdPattern('^(' + 'a+'.repeat(100_000) + ')$|^(a+)+$'))],
  ['a deeply nested JSON value', '['.repeat(100_000) + ']'.repeat(100_000)],
  ['allOf nested 20,000 levels deep', '{"allOf":['.repeat(20_000) + '{}' + ']}'.repeat(20_000)],
  ['a pattern that is not a regular expression', JSON.stringify(withIdPattern('(unclosed'))],
];

for (const [what, content] of HOSTILE) {
  mainTest(`6: a team schema with ${what} gives an error naming the file and the bundled schema`, () => {
    const file = '/ws/team-schema.json';
    const { value: r, attempts } = withoutNetwork(() => loadSchema(file, (p) => {
      assert.equal(p, file);
      return content;
    }));
    assert.ok(!(r instanceof Promise) && typeof (r as { then?: unknown }).then !== 'function', 'loadSchema returns synchronously');
    assert.deepEqual(attempts, [], 'no network access');
    assert.ok(r.error, 'an error is returned');
    assert.ok(r.error.includes(file), `the error names the file: ${r.error}`);
    assert.equal(r.schema.source, BUNDLED_SCHEMA_NAME, 'the bundled schema stays in force');
    // The bundled schema works: the example is clean, a broken header is found.
    const ok = analyze(FINAL, { ...OPTS, schema: r.schema });
    assert.deepEqual(ok.internalErrors, []);
    assert.deepEqual(ok.findings, []);
    const evil = FINAL.replace('**Incident ID:** INC-2026-0042', `**Incident ID:** ${'a'.repeat(40)}!`);
    const bad = analyze(evil, { ...OPTS, schema: r.schema });
    assert.deepEqual(bad.internalErrors, []);
    assert.ok(bad.findings.some((f) => f.code === 'PM019'), 'the bundled Incident ID pattern applies');
  });
}

mainTest('6: a readFile that throws gives an error naming the file', () => {
  const r = loadSchema('/ws/missing.json', () => {
    throw Object.assign(new Error('no such file'), { code: 'ENOENT' });
  });
  assert.ok(r.error?.includes('/ws/missing.json'));
  assert.equal(r.schema.source, BUNDLED_SCHEMA_NAME);
});

// ------------------------------------------------------------------ 7. bounded time

mainTest('7: a 200 KB line of "a" finishes', () => {
  const text = TITLE + 'a'.repeat(200_000);
  const a = analyze(text, { settings: DEFAULT_SETTINGS, now: NOW });
  assert.deepEqual(a.internalErrors, []);
  assert.equal(a.isPostmortem, true);
});

mainTest('7: a 5,000-row timeline finishes', () => {
  let rows = '';
  for (let i = 0; i < 5000; i++) rows += `| 2026-09-28 ${String(10 + (i % 12)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')} | event ${i} \`a|b\` 🚀 | bot |\n`;
  const text = FINAL.replace('| 2026-09-29 09:00 | Post-mortem initiated | Dana Whitfield |\n', `| 2026-09-29 09:00 | Post-mortem initiated | Dana Whitfield |\n${rows}`);
  const a = analyze(text, { settings: DEFAULT_SETTINGS, now: NOW });
  assert.deepEqual(a.internalErrors, []);
  assert.ok(a.model.timeline.length > 5000);
  collectFixAll(a.findings);
});

// ------------------------------------------------------------------ regressions

mainTest('regressions: every saved counterexample passes properties 1–5', () => {
  const files = fs.existsSync(REGRESSIONS) ? fs.readdirSync(REGRESSIONS).filter((f) => f.endsWith('.md')).sort() : [];
  for (const f of files) {
    const text = fs.readFileSync(path.join(REGRESSIONS, f), 'utf8');
    try {
      checkDocument(text);
    } catch (e) {
      (e as Error).message = `${f}: ${(e as Error).message}`;
      throw e;
    }
  }
});

mainTest('count', () => {
  console.log(`properties: ${generated} generated documents`);
  assert.ok(generated >= TOTAL_RUNS, `only ${generated} of ${TOTAL_RUNS} generated documents`);
});
