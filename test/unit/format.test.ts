/**
 * The timeline-table formatter (SPEC §6): examples, a cross-check against
 * remark-gfm (what the language server parses), and fast-check properties
 * (lossless, idempotent, line endings kept).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import {
  findTables,
  findTimelineTable,
  formatDocument,
  layoutTable,
  parseTimelineTime,
  sortTimelineRows,
  splitRow,
  type FormatOptions,
  type TableBlock,
} from '../../server/src/core/format';
import { applyEdits } from '../../server/src/core/text';

const ALL: FormatOptions = { scope: 'all', sortByTime: false };
const TIMELINE: FormatOptions = { scope: 'timeline', sortByTime: false };
const SORT: FormatOptions = { scope: 'timeline', sortByTime: true };

function fmt(text: string, opts: FormatOptions = ALL): string {
  return applyEdits(text, formatDocument(text, opts));
}

/** Lines and their line breaks. */
function split(text: string): { lines: string[]; eols: string[] } {
  const parts = text.split(/(\r\n|\n|\r)/);
  return { lines: parts.filter((_, i) => i % 2 === 0), eols: parts.filter((_, i) => i % 2 === 1) };
}

// ---------------------------------------------------------------------------
// remark: top-level tables with each cell's trimmed source text.

interface MdNode {
  type: string;
  children?: MdNode[];
  position?: { start: { line: number; offset?: number }; end: { line: number; offset?: number } };
}
const remark = unified().use(remarkParse).use(remarkGfm);

interface SimpleTable {
  start: number;
  end: number;
  rows: string[][];
}

function remarkTables(text: string): SimpleTable[] {
  const root = remark.parse(text) as unknown as MdNode;
  return (root.children ?? [])
    .filter((c) => c.type === 'table')
    .map((t) => ({
      start: t.position!.start.line - 1,
      end: t.position!.end.line - 1,
      rows: (t.children ?? []).map((r) =>
        (r.children ?? []).map((cell) => {
          const k = cell.children ?? [];
          return k.length === 0 ? '' : text.slice(k[0]!.position!.start.offset, k[k.length - 1]!.position!.end.offset);
        }),
      ),
    }));
}

function ourTables(text: string): SimpleTable[] {
  return findTables(text).map((t) => ({
    start: t.startLine,
    end: t.endLine,
    rows: [t.header, ...t.body].map((r) => r.cells.map((c) => c.text)),
  }));
}

// ---------------------------------------------------------------------------
// Examples.

test('aligns by display width: emoji and CJK count as two', () => {
  const doc = '| Event | Actor |\n|---|---|\n| 🚀 deploy | 張三 |\n| rollback | ops |\n';
  assert.equal(
    fmt(doc),
    '| Event     | Actor |\n' + '| --------- | ----- |\n' + '| 🚀 deploy | 張三  |\n' + '| rollback  | ops   |\n',
  );
});

test('escaped pipes and inline code survive byte for byte (GFM split: `|` in code splits unless escaped)', () => {
  const doc = '| a | b | c |\n|-|-|-|\n|`x\\|y`| q \\| r |`u|v`|\n';
  const out = fmt(doc);
  assert.equal(out, '| a      | b      | c   |\n| ------ | ------ | --- |\n| `x\\|y` | q \\| r | `u  | v` |\n');
  const row = findTables(out)[0]!.body[0]!.cells.map((c) => c.text);
  assert.deepEqual(row, ['`x\\|y`', 'q \\| r', '`u', 'v`']);
});

test('keeps CRLF, mixed line breaks and a missing final line break', () => {
  const doc = 'Intro\r\n\r\n| a | bb |\r\n|--|--|\n|ccc|d|\r|e|f|';
  const out = fmt(doc);
  assert.equal(out, 'Intro\r\n\r\n| a   | bb  |\r\n| --- | --- |\n| ccc | d   |\r| e   | f   |');
  assert.deepEqual(split(out).eols, split(doc).eols);
});

test('ragged rows: short rows get empty cells, long rows keep their extra cells', () => {
  const doc = '| a | b | c |\n|---|---|---|\n| 1 |\nonly text\n| 1 | 2 | 3 | 4 | 5 |\n';
  assert.equal(
    fmt(doc),
    '| a         | b   | c   |\n' +
      '| --------- | --- | --- |\n' +
      '| 1         |     |     |\n' +
      '| only text |     |     |\n' +
      '| 1         | 2   | 3   | 4 | 5 |\n',
  );
});

test('alignment colons are kept; cells are padded by their alignment; at least 3 dashes', () => {
  const doc = 'x | y | z | w\n:- | :-: | -: | -\nl | c | r | n\nlonger | centred | right | none\n';
  assert.equal(
    fmt(doc),
    '| x      |    y    |     z | w    |\n' +
      '| :----- | :-----: | ----: | ---- |\n' +
      '| l      |    c    |     r | n    |\n' +
      '| longer | centred | right | none |\n',
  );
  assert.equal(fmt('|a|b|c|\n|:-|:-:|-:|\n'), '| a    |   b   |    c |\n| :--- | :---: | ---: |\n');
});

test('tables inside fenced code, indented code and HTML blocks are untouched; fence length rules apply', () => {
  const doc = [
    '````md',
    '| a | b |',
    '|---|---|',
    '```',
    '| still | code |',
    '|---|---|',
    '````',
    '~~~',
    '|x|y|',
    '|-|-|',
    '~~~',
    '',
    '    | a | b |',
    '    |---|---|',
    '',
    '<div>',
    '| a | b |',
    '|---|---|',
    '</div>',
    '',
    '> | a | b |',
    '> |---|---|',
    '',
    '|real|table|',
    '|-|-|',
    '',
  ].join('\n');
  const out = fmt(doc);
  const tables = findTables(doc);
  assert.equal(tables.length, 1);
  assert.equal(tables[0]!.startLine, 23);
  assert.equal(out, doc.replace('|real|table|\n|-|-|', '| real | table |\n| ---- | ----- |'));
});

test('an unclosed fence hides every table below it', () => {
  const doc = 'para\n\n```\n| a | b |\n|---|---|\n';
  assert.deepEqual(findTables(doc), []);
  assert.deepEqual(formatDocument(doc, ALL), []);
});

test('keeps the indentation of an indented table, never touches text around it', () => {
  const doc = 'Before the table.\n  | a | b |\n  |-|-|\n   | c | d |\nAfter text is a row.\n\nAfter.\n';
  assert.equal(
    fmt(doc),
    'Before the table.\n  | a                    | b   |\n  | -------------------- | --- |\n  | c                    | d   |\n  | After text is a row. |     |\n\nAfter.\n',
  );
});

test('findTables: line range, offsets, cells, nearest heading and section', () => {
  const doc = '# Title\n\n## 2. Timeline\n\n### Detail\n\n|  Time (UTC) | Event |\n|---|---|\n| 10:00 | x |\n\n## 3. Next\n\n|a|\n|-|\n';
  const tables = findTables(doc);
  assert.equal(tables.length, 2);
  const t = tables[0]!;
  assert.equal(t.startLine, 6);
  assert.equal(t.endLine, 8);
  assert.equal(doc.slice(t.start, t.end), '|  Time (UTC) | Event |\n|---|---|\n| 10:00 | x |');
  for (const r of [t.header, ...t.body]) for (const c of r.cells) assert.equal(doc.slice(c.start, c.end), c.text);
  assert.deepEqual(
    t.header.cells.map((c) => c.text),
    ['Time (UTC)', 'Event'],
  );
  assert.equal(t.heading?.text, 'Detail');
  assert.equal(t.section?.text, '2. Timeline');
  assert.equal(tables[1]!.section?.text, '3. Next');
  assert.equal(findTimelineTable(tables), t);
  // A table after the next level-2 heading is not the timeline.
  assert.equal(findTimelineTable(findTables('## 2. Timeline\n\ntext\n\n## 3. RCA\n\n|a|\n|-|\n')), undefined);
});

const TIMELINE_DOC = (rows: string[], header = '| Time (UTC) | Event | Actor |') =>
  ['# Incident Post-Mortem', '', '## 1. Incident Summary', '', '|Field|Value|', '|-|-|', '|First detected (UTC)|2026-03-14 08:00 UTC|', '', '## 2. Timeline', '', header, '|---|---|---|', ...rows, '', '## 3. Root Cause Analysis', ''].join('\n');

test("scope 'timeline' formats only the timeline table; 'all' every table", () => {
  const doc = TIMELINE_DOC(['|2026-03-14 09:00 UTC|a|b|']);
  const t = fmt(doc, TIMELINE);
  assert.ok(t.includes('|Field|Value|'), 'summary table untouched');
  assert.ok(t.includes('| 2026-03-14 09:00 UTC | a     | b     |'));
  const a = fmt(doc, ALL);
  assert.ok(a.includes('| Field                | Value                |'));
  assert.deepEqual(formatDocument('no tables here\n', ALL), []);
  assert.deepEqual(formatDocument('|a|b|\n|-|-|\n', TIMELINE), []);
});

test('sorting is stable; unreadable rows travel with the row above; leading unreadable rows stay first', () => {
  const doc = TIMELINE_DOC([
    '| tbd | leading | - |',
    '| 2026-03-14 10:00 UTC | B1 | x |',
    '| 2026-03-14 09:00 UTC | A | x |',
    '| ??? | follows A | x |',
    '| 2026-03-14 10:00 UTC | B2 | x |',
    '| 2026-03-14 09:30 PDT | not UTC, follows B2 | x |',
    '| 2026-03-14 08:30 UTC | first | x |',
  ]);
  const out = fmt(doc, SORT);
  const events = findTimelineTable(findTables(out))!.body.map((r) => r.cells[1]!.text);
  assert.deepEqual(events, ['leading', 'first', 'A', 'follows A', 'B1', 'B2', 'not UTC, follows B2']);
  // Without sortByTime the order is kept.
  const kept = findTimelineTable(findTables(fmt(doc, TIMELINE)))!.body.map((r) => r.cells[1]!.text);
  assert.deepEqual(kept, ['leading', 'B1', 'A', 'follows A', 'B2', 'not UTC, follows B2', 'first']);
  // The non-UTC time is left as written.
  assert.ok(out.includes('| 2026-03-14 09:30 PDT |'));
});

test('time-only cells take the date of the row above (or First detected) when sorting', () => {
  const doc = TIMELINE_DOC(['| 09:10 | b | x |', '| 09:05 | a | x |', '| 2026-03-14 23:00 UTC | d | x |', '| 2026-03-14 12:00 UTC | c | x |', '| 12:30 | c2 | x |']);
  const out = fmt(doc, SORT);
  const events = findTimelineTable(findTables(out))!.body.map((r) => r.cells[1]!.text);
  assert.deepEqual(events, ['a', 'b', 'c', 'c2', 'd']);
});

test('sorting is refused when it would change the date a time-only cell takes from the row above', () => {
  // "09:00" means 2026-03-15 09:00 under the 15th; sorted, it would land under the 14th.
  const doc = TIMELINE_DOC(['| 2026-03-15 10:00 UTC | a | x |', '| 09:00 | b | x |', '| 2026-03-14 23:00 UTC | c | x |']);
  assert.equal(sortTimelineRows(doc), undefined);
  const events = findTimelineTable(findTables(fmt(doc, SORT)))!.body.map((r) => r.cells[1]!.text);
  assert.deepEqual(events, ['a', 'b', 'c']);
});

test('normalises full UTC timestamps to the majority spelling, keeping seconds presence; time-only and non-UTC stay', () => {
  const doc = TIMELINE_DOC([
    '| 2026-03-14T09:00Z | a | x |',
    '| 2026-03-14 09:05:30 UTC | b | x |',
    '| 2026-03-14T09:10:00+00:00 | c | x |',
    '| 09:15 | d | x |',
    '| 2026-03-14 09:20 UTC | e | x |',
    '| 2026-03-14 11:20 +02:00 | f | x |',
    '| 2026-03-14 09:25 | g | x |',
  ]);
  const cells = findTimelineTable(findTables(fmt(doc, TIMELINE)))!.body.map((r) => r.cells[0]!.text);
  assert.deepEqual(cells, [
    '2026-03-14 09:00 UTC',
    '2026-03-14 09:05:30 UTC',
    '2026-03-14 09:10:00 UTC',
    '09:15',
    '2026-03-14 09:20 UTC',
    '2026-03-14 11:20 +02:00',
    '2026-03-14 09:25 UTC',
  ]);
});

test('normalisation tie: the spelling of the first timestamp wins; bare times only in a (UTC) column', () => {
  const doc = TIMELINE_DOC(['| 2026-03-14T09:00Z | a | x |', '| 2026-03-14 09:05 UTC | b | x |']);
  const cells = findTimelineTable(findTables(fmt(doc, TIMELINE)))!.body.map((r) => r.cells[0]!.text);
  assert.deepEqual(cells, ['2026-03-14T09:00Z', '2026-03-14T09:05Z']);
  const noUtc = TIMELINE_DOC(['| 2026-03-14 09:00 | a | x |', '| 2026-03-14T09:05Z | b | x |'], '| Time | Event | Actor |');
  const cells2 = findTimelineTable(findTables(fmt(noUtc, TIMELINE)))!.body.map((r) => r.cells[0]!.text);
  assert.deepEqual(cells2, ['2026-03-14 09:00', '2026-03-14T09:05Z']);
});

test('parseTimelineTime reads exactly the accepted spellings', () => {
  const utc = { utcColumn: true };
  assert.deepEqual(parseTimelineTime('2026-03-14 09:05 UTC', utc), {
    kind: 'full',
    date: '2026-03-14',
    time: '09:05',
    spelling: 'space-utc',
    epochMs: Date.UTC(2026, 2, 14, 9, 5),
  });
  assert.equal(parseTimelineTime('2026-03-14T09:05:07Z', utc)?.kind, 'full');
  assert.equal(parseTimelineTime('2026-03-14T09:05+00:00', utc)?.kind, 'full');
  assert.equal(parseTimelineTime('2026-03-14 09:05+00:00', utc)?.kind, 'full');
  assert.equal(parseTimelineTime('2026-03-14 09:05', utc)?.kind, 'full');
  assert.equal(parseTimelineTime('2026-03-14 09:05', { utcColumn: false }), undefined);
  assert.deepEqual(parseTimelineTime('09:05:30', utc), { kind: 'time', time: '09:05:30', ms: (9 * 3600 + 5 * 60 + 30) * 1000 });
  for (const bad of ['2026-03-14 09:05 PDT', '2026-03-14 09:05+02:00', '2026-02-30 09:05 UTC', '24:00', '9:05', '2026-03-14 09:05Z', 'TBD', ''])
    assert.equal(parseTimelineTime(bad, utc), undefined, bad);
});

test('sortTimelineRows moves whole rows byte for byte; line breaks stay in place; undefined when nothing to do', () => {
  const doc = TIMELINE_DOC(['|2026-03-14 10:00 UTC|  late  |x|', '| 2026-03-14 09:00 UTC | early |x'], '|Time (UTC)|Event|Actor|').replace(
    '|x|\n',
    '|x|\r\n',
  );
  const edits = sortTimelineRows(doc)!;
  assert.equal(edits.length, 1);
  const out = applyEdits(doc, edits);
  assert.ok(out.includes('| 2026-03-14 09:00 UTC | early |x\r\n|2026-03-14 10:00 UTC|  late  |x|\n'));
  assert.deepEqual(split(out).eols, split(doc).eols);
  assert.equal(sortTimelineRows(out), undefined, 'already sorted');
  assert.equal(sortTimelineRows('|a|\n|-|\n|2|\n|1|\n'), undefined, 'no timeline table');
});

test('formatting is idempotent on the examples', () => {
  const docs = [
    TIMELINE_DOC(['| 2026-03-14T10:00Z | b | x |', '| 09:00 | a | 🚀 |', '| ??? | c |']),
    '|`a|b`|\\||\n|:-:|--:|\n|中文|x|y|z\n',
    'x|y\n-|-\n',
  ];
  for (const d of docs)
    for (const o of [ALL, SORT]) {
      const once = fmt(d, o);
      assert.deepEqual(formatDocument(once, o), [], JSON.stringify(d));
    }
});

test('layoutTable pads short rows and keeps long rows', () => {
  assert.deepEqual(layoutTable(['h'], ['right'], [['a', 'extra'], []]), ['|    h |', '| ---: |', '|    a | extra |', '|      |']);
});

// ---------------------------------------------------------------------------
// Cross-check against remark-gfm.

test('splitRow agrees with remark-gfm on tricky rows', () => {
  const rows = [
    '| `x|y` | z\\|w |',
    '`a\\|b` | ``c|`d`` | e',
    '||',
    '|||',
    '| |',
    'a|',
    '|a',
    '\\|',
    'a\\\\|b',
    ' a \\\\\\| b | c',
    '| *e|m* | [l](u) |',
    '|\tt\t| 😀 |中文|',
    'x\\',
    '|  a  \\',
    '| &amp; | <span>x</span> |',
  ];
  for (const row of rows) {
    const doc = `${row}\n${row}\n`; // a row under itself: one body row with the same cells
    const ours = splitRow(row).map((c) => c.text);
    const header = `|${ours.map(() => 'h').join('|')}|\n|${ours.map(() => '-').join('|')}|\n`;
    const theirs = remarkTables(header + row + '\n')[0]?.rows[1];
    assert.deepEqual(ours, theirs, `row ${JSON.stringify(row)} (${doc.length})`);
  }
});

test('findTables agrees with remark-gfm on tricky documents', () => {
  const docs = [
    'para\n| a | b |\n|---|---|\n| 1 | 2 |\n',
    '| a | b |\n|---|---|\n| 1 | 2 |\n- item\n',
    '| a | b |\n|---|---|\n#h\n===\nplain\n# h\n',
    '| a | b |\n|---|---|\n<span>\n',
    '| a | b |\n|---|---|\n<foo bar="1"> x\n    code\n',
    '    | a | b |\n|---|---|\n',
    '| a | b |\n    |---|---|\n',
    '| a |\n|---|---|\n',
    'a\n:-\n',
    '|\n|-|\n',
    '| |\n|-|\n',
    'para\n<span>\n| a | b |\n|---|---|\n',
    'para\n</pre>\n|-|\n',
    '<!-- x -->\n| a | b |\n|---|---|\n',
    '> para\n| a | b |\n|---|---|\n',
    '- item\n| a | b |\n|---|---|\n',
    'a | b\n- | -\n',
    '| a | b |\n|---|---|\n   \n| 3 |\n',
    '| a | b |\n|---|---|\n[^1]: note\n',
    '| a | b |\r\n|:-|-:|\r| c | d |\n|e',
    'para\n2. a|b\n-|-\n',
    '> | q | r |\n> |---|---|\n<span>\n```\n| a | b |\n|---|---|\n```\n|h\n|-',
    '    x\n-\n===\n:-',
    '    x\n\n-\n|a|\n|-|',
  ];
  for (const d of docs) assert.deepEqual(ourTables(d), remarkTables(d), JSON.stringify(d));
  // A byte-order mark is not part of the first line (remark drops it too; its offsets then shift, so no cross-check).
  const bom = findTables('\ufeff| a | b |\n|---|---|\n');
  assert.equal(bom[0]?.header.start, 1);
  assert.deepEqual(bom[0]?.header.cells.map((c) => c.text), ['a', 'b']);
});

// ---------------------------------------------------------------------------
// Properties.

/** FORMAT_RUNS=20000 for a longer search. */
const RUNS = Number(process.env.FORMAT_RUNS ?? 1500);

const cellArb = fc.oneof(
  fc.constantFrom(
    '',
    'a',
    'word',
    '`x|y`',
    '`a\\|b`',
    '\\|',
    'a\\\\',
    'x\\',
    '😀',
    '👩‍👩‍👧 team',
    '中文',
    'ｶﾀｶﾅ',
    '\tt',
    '**b**',
    '<span>',
    '`',
    ':',
    '-',
    '2026-03-14 10:00 UTC',
    '2026-03-14T09:30Z',
    '2026-03-14 09:45:10+00:00',
    '2026-03-14 08:00',
    '11:20',
    '2026-03-14 10:00 PDT',
    'TBD',
  ),
  fc.string({ unit: fc.constantFrom('a', 'Z', ' ', '\\', '`', '-', ':', '\t', '中', '😀', '#', '*', '|'), maxLength: 6 }),
);

function rowText(cells: string[], lead: boolean, trail: boolean, indent: string): string {
  return indent + (lead ? '|' : '') + cells.join('|') + (trail ? '|' : '');
}

const tableArb = fc
  .record({
    cols: fc.integer({ min: 1, max: 4 }),
    align: fc.array(fc.constantFrom('-', '---', ':-', '-:', ':-:', ' --- ', ':----:'), { minLength: 4, maxLength: 4 }),
    header: fc.array(cellArb, { minLength: 4, maxLength: 4 }),
    body: fc.array(fc.tuple(fc.array(cellArb, { maxLength: 6 }), fc.boolean(), fc.boolean()), { maxLength: 6 }),
    indent: fc.constantFrom('', ' ', '   '),
    lead: fc.boolean(),
    trail: fc.boolean(),
  })
  .map(({ cols, align, header, body, indent, lead, trail }) => {
    const h = header.slice(0, cols).map((c) => (c.includes('|') || c.trim() === '' ? `h${c.replace(/[|\\`]/g, '')}` : c));
    return [
      rowText(h, lead || cols === 1, trail, indent),
      rowText(align.slice(0, cols), lead || cols === 1, trail, indent),
      ...body.map(([cells, l, t]) => rowText(cells, l, t, indent)),
    ];
  });

const otherArb = fc.constantFrom(
  [''],
  [''],
  ['Some paragraph text.'],
  ['## 2. Timeline'],
  ['## 3. Root Cause Analysis'],
  ['### Sub'],
  ['```', '| a | b |', '|---|---|', '```'],
  ['~~~md', '|x|', '|-|', '~~~'],
  ['    | in | code |', '    |---|---|'],
  ['- item', '  | a | b |'],
  ['> | q | r |', '> |---|---|'],
  ['<div>', '| h | t |', '|-|-|', '</div>'],
  ['<!-- postmortem-disable-next-line PM014 -->'],
  ['---'],
  ['|First detected (UTC)|2026-03-14 07:00 UTC|'],
);

const soupArb = fc.constantFrom(
  '',
  '   ',
  'text',
  '```',
  '~~~',
  '    x',
  '  x',
  '- i',
  '-',
  '2. i',
  '> q',
  '>',
  '> ```',
  '> |a|b|',
  '> |-|-|',
  '<span>',
  '<div>',
  '<!--',
  '-->',
  '[^1]: n',
  '[x]: /url',
  "'title'",
  '1. one',
  '   - nested',
  '|a|b|',
  '|-|-|',
  '  |-|-|',
  ':-',
  'a|b',
  '|',
  '===',
  '---',
  '# h',
);
/** Lines of everything, for the cross-check with remark. */
const soupDoc = fc
  .tuple(fc.array(soupArb, { maxLength: 14 }), fc.constantFrom('\n', '\r\n'))
  .map(([lines, eol]) => lines.join(eol));

const docArb = fc
  .record({
    blocks: fc.array(fc.oneof({ weight: 3, arbitrary: tableArb }, { weight: 3, arbitrary: otherArb }, { weight: 1, arbitrary: soupArb.map((s) => [s]) }), {
      maxLength: 8,
    }),
    eols: fc.array(fc.constantFrom('\n', '\r\n', '\r'), { minLength: 1, maxLength: 5 }),
    finalEol: fc.boolean(),
  })
  .map(({ blocks, eols, finalEol }) => {
    const lines = blocks.flat();
    return lines.map((l, i) => l + (i < lines.length - 1 || finalEol ? eols[i % eols.length]! : '')).join('');
  });

const timeArb = fc.oneof(
  cellArb,
  fc
    .record({ d: fc.integer({ min: 13, max: 15 }), h: fc.integer({ min: 0, max: 23 }), m: fc.integer({ min: 0, max: 59 }), s: fc.constantFrom(' UTC', 'Z', '', 'time') })
    .map(({ d, h, m, s }) => {
      const hm = `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
      return s === 'time' ? hm : s === 'Z' ? `2026-03-${d}T${hm}Z` : `2026-03-${d} ${hm}${s}`;
    }),
);
const timelineDoc = fc
  .record({
    rows: fc.array(fc.tuple(timeArb, fc.string({ maxLength: 3, unit: fc.constantFrom('a', 'b', ' ') })), { minLength: 1, maxLength: 8 }),
    eols: fc.array(fc.constantFrom('\n', '\r\n', '\r'), { minLength: 1, maxLength: 4 }),
  })
  .map(({ rows, eols }) => {
    let k = 0;
    return TIMELINE_DOC(rows.map(([t, e], i) => `| ${t.replace(/\|/g, '')} | ${e}${i} | x |`)).replace(/\n/g, () => eols[k++ % eols.length]!);
  });

const anyDoc = fc.oneof(docArb, timelineDoc);

/** A time cell compared by meaning (normalisation may respell it). */
function canonTime(cell: string): string {
  const t = parseTimelineTime(cell, { utcColumn: true });
  return t?.kind === 'full' ? `@${t.epochMs}:${t.time.length}` : cell;
}

function tableRows(t: TableBlock, timeline: boolean): string[][] {
  const n = t.header.cells.length;
  return t.body.map((r) => {
    const cells = r.cells.map((c) => c.text);
    while (cells.length < n) cells.push('');
    if (timeline) cells[0] = canonTime(cells[0]!);
    return cells;
  });
}

function sortedRows(rows: string[][]): string[] {
  return rows.map((r) => JSON.stringify(r)).sort();
}

test(`property: formatting is lossless — cells per row/column kept, text outside tables byte-identical (${RUNS} runs)`, () => {
  let runs = 0;
  fc.assert(
    fc.property(anyDoc, fc.constantFrom<FormatOptions>(ALL, SORT, TIMELINE, { scope: 'all', sortByTime: true }), (doc, opts) => {
      runs++;
      const out = fmt(doc, opts);
      const before = findTables(doc);
      const after = findTables(out);
      assert.equal(after.length, before.length);
      const tl = findTimelineTable(before);
      const a = split(doc);
      const b = split(out);
      assert.equal(b.lines.length, a.lines.length);
      const inTable = new Set<number>();
      before.forEach((t, k) => {
        const u = after[k]!;
        assert.equal(u.startLine, t.startLine);
        assert.equal(u.endLine, t.endLine);
        assert.deepEqual(
          u.header.cells.map((c) => c.text),
          t.header.cells.map((c) => c.text),
        );
        assert.deepEqual(u.align, t.align);
        const isTl = t === tl;
        const changed = opts.scope === 'all' || isTl;
        // Lines of a table out of scope must stay byte-identical, like text outside tables.
        if (changed)
          for (const r of [t.header, t.delimiter, ...t.body]) {
            inTable.add(r.line);
            assert.ok(b.lines[r.line]!.startsWith(t.header.indent + '|'), 'indentation kept');
          }
        const x = tableRows(t, isTl);
        const y = tableRows(u, isTl);
        if (isTl && opts.sortByTime) assert.deepEqual(sortedRows(y), sortedRows(x));
        else assert.deepEqual(y, x);
      });
      a.lines.forEach((l, i) => {
        if (!inTable.has(i)) assert.equal(b.lines[i], l, `line ${i} outside tables`);
      });
    }),
    { numRuns: RUNS },
  );
  console.log(`lossless: ${runs} runs`);
  assert.ok(runs >= 1000);
});

test(`property: formatting is idempotent (${RUNS} runs)`, () => {
  let runs = 0;
  fc.assert(
    fc.property(anyDoc, fc.constantFrom<FormatOptions>(ALL, SORT, { scope: 'all', sortByTime: true }), (doc, opts) => {
      runs++;
      const once = fmt(doc, opts);
      assert.deepEqual(formatDocument(once, opts), []);
      if (opts.sortByTime) assert.equal(sortTimelineRows(once), undefined);
    }),
    { numRuns: RUNS },
  );
  console.log(`idempotent: ${runs} runs`);
  assert.ok(runs >= 1000);
});

test(`property: line endings are preserved, edits stay in bounds and only cover line content (${RUNS} runs)`, () => {
  let runs = 0;
  fc.assert(
    fc.property(anyDoc, fc.constantFrom<FormatOptions>(ALL, SORT), (doc, opts) => {
      runs++;
      const edits = formatDocument(doc, opts);
      for (const e of edits) {
        assert.ok(e.start >= 0 && e.start <= e.end && e.end <= doc.length);
        assert.ok(!/[\r\n]/.test(e.newText) && !/[\r\n]/.test(doc.slice(e.start, e.end)));
      }
      const out = applyEdits(doc, edits);
      assert.deepEqual(split(out).eols, split(doc).eols);
      const sorted = sortTimelineRows(doc);
      if (sorted) assert.deepEqual(split(applyEdits(doc, sorted)).eols, split(doc).eols);
    }),
    { numRuns: RUNS },
  );
  console.log(`line endings: ${runs} runs`);
  assert.ok(runs >= 1000);
});

test(`property: sortTimelineRows only reorders whole lines, and sorting again changes nothing (${RUNS} runs)`, () => {
  let runs = 0;
  let sortedDocs = 0;
  fc.assert(
    fc.property(timelineDoc, (doc) => {
      runs++;
      const edits = sortTimelineRows(doc);
      if (!edits) return;
      sortedDocs++;
      const out = applyEdits(doc, edits);
      assert.deepEqual([...split(out).lines].sort(), [...split(doc).lines].sort());
      assert.equal(sortTimelineRows(out), undefined);
    }),
    { numRuns: RUNS },
  );
  console.log(`sortTimelineRows: ${runs} runs, ${sortedDocs} reordered`);
  assert.ok(runs >= 1000 && sortedDocs > 0);
});

test(`property: tables found agree with remark-gfm, before and after formatting (${RUNS} runs)`, () => {
  let runs = 0;
  let exact = 0;
  const containers = /(^|[\r\n])[ \t]*([>*+-]|\d+[.)]|\[)/;
  fc.assert(
    fc.property(fc.oneof(docArb, soupDoc), (doc) => {
      runs++;
      for (const text of [doc, fmt(doc, { scope: 'all', sortByTime: true })]) {
        const ours = ourTables(text);
        const theirs = remarkTables(text).map((t) => JSON.stringify(t));
        // Sound: every table we format is exactly a table remark sees.
        for (const t of ours) assert.ok(theirs.includes(JSON.stringify(t)), `${JSON.stringify(text)}: ${JSON.stringify(t)}`);
        // Complete outside container blocks (inside them we deliberately skip).
        if (!containers.test(text)) {
          exact++;
          assert.equal(ours.length, theirs.length, JSON.stringify(text));
        }
      }
    }),
    { numRuns: RUNS },
  );
  console.log(`remark agreement: ${runs} runs, ${exact} documents compared exactly`);
  assert.ok(runs >= 1000 && exact > 0);
});
