/** Hostile shapes (prescan.ts, PM026): masked lines keep every offset, the rest is still checked. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IncrementalParser, analyzeInSteps, collectFixAll, applyEdits } from '../../server/src/core';
import { describeLines, MAX_LINE, MAX_NESTING, prescan, touchesUnchecked } from '../../server/src/core/prescan';
import { baseDocument, nestedList } from '../../bench/hostile';
import { options, run } from '../helpers/core';

const codes = (fs: { code: string; message: string }[]) => fs.map((f) => `${f.code} ${f.message}`).sort();

test('a document without hostile lines is given to the parser as it is', () => {
  const t = baseDocument();
  const p = prescan(t);
  assert.equal(p.text, t);
  assert.deepEqual(p.unchecked, []);
});

test('masked lines keep their length and line breaks (LF, CRLF, CR)', () => {
  const deep = '  '.repeat(MAX_NESTING + 1) + '- deep';
  for (const eol of ['\n', '\r\n', '\r']) {
    const t = ['# x', deep, 'y'.repeat(MAX_LINE + 1), 'z'].join(eol) + eol;
    const p = prescan(t);
    assert.equal(p.text.length, t.length);
    assert.deepEqual(p.unchecked.map((u) => [u.line, u.why]), [[1, 'nesting'], [2, 'length']]);
    for (const u of p.unchecked) assert.equal(p.text.slice(u.end, u.end + eol.length), eol);
    assert.equal(p.text.split(/\r\n|\n|\r/).length, t.split(/\r\n|\n|\r/).length);
  }
});

test('nesting is counted by > and list markers too, and a line at the limit is parsed', () => {
  assert.equal(prescan('> '.repeat(MAX_NESTING + 1) + 'q\n').unchecked.length, 1);
  assert.equal(prescan('- '.repeat(MAX_NESTING + 1) + 'q\n').unchecked.length, 1);
  assert.equal(prescan('1. '.repeat(MAX_NESTING + 1) + 'q\n').unchecked.length, 1);
  assert.equal(prescan('  '.repeat(MAX_NESTING - 1) + '- ok\n').unchecked.length, 0);
  assert.equal(prescan('x'.repeat(MAX_LINE) + '\n').unchecked.length, 0);
});

test('a deeply nested list gets one PM026 naming its lines, and every other finding is unchanged', () => {
  const plain = run(baseDocument());
  const text = nestedList(200);
  const a = run(text);
  assert.deepEqual(a.internalErrors, []);
  const pm026 = a.findings.filter((f) => f.code === 'PM026');
  assert.equal(pm026.length, 1);
  const first = a.lines.positionAt(pm026[0]!.start).line + 1;
  assert.match(pm026[0]!.message, new RegExp(`^${200 - MAX_NESTING} lines \\(${first}–${first + 200 - MAX_NESTING - 1}\\) were not checked`));
  assert.deepEqual(codes(a.findings.filter((f) => f.code !== 'PM026')), codes(plain.findings));
});

test('a long line inside the timeline is dropped as a row: the rows after it are still checked and fixed', () => {
  const base = baseDocument();
  const row = '| 15:04 | First responder acknowledged | Tomás Ortega |\n';
  const text = base.replace(row, `| 15:03 | ${'x'.repeat(MAX_LINE)} | bot |\n` + row.replace('15:04', '08:04 PDT'));
  const a = run(text);
  assert.equal(a.model.timeline.length, run(base).model.timeline.length);
  const pm005 = a.findings.find((f) => f.code === 'PM005');
  assert.ok(pm005?.fixes?.length, 'the non-UTC time after the long row still gets its fix');
  assert.ok(a.findings.some((f) => f.code === 'PM026'));
  const fixed = applyEdits(text, collectFixAll(a.findings));
  assert.ok(fixed.includes(`| 15:03 | ${'x'.repeat(MAX_LINE)} | bot |\n`), 'the masked line is untouched');
});

test('no fix edit touches a masked line', () => {
  const u = prescan(['a', '  '.repeat(MAX_NESTING + 1) + '- deep', 'b', '  '.repeat(MAX_NESTING + 1) + '- deep'].join('\n')).unchecked;
  assert.equal(u.length, 2);
  const [m1, m2] = u as [typeof u[0], typeof u[0]];
  assert.equal(touchesUnchecked(u, 0, 1), false);
  assert.equal(touchesUnchecked(u, m1.start, m1.start), false, 'an insertion before the line');
  assert.equal(touchesUnchecked(u, m1.start + 1, m1.start + 1), true);
  assert.equal(touchesUnchecked(u, m1.end, m1.end), false, 'an insertion after the line');
  assert.equal(touchesUnchecked(u, 0, m1.start + 1), true);
  assert.equal(touchesUnchecked(u, m1.end, m2.start), false);
  assert.equal(touchesUnchecked(u, m1.end, m2.end + 1), true);
  assert.equal(touchesUnchecked(u, 0, m2.end + 1), true);
});

test('line ranges in the message', () => {
  const u = (ls: number[]) => ls.map((line) => ({ line, start: 0, end: 0, why: 'length' as const }));
  assert.equal(describeLines(u([0])), '1');
  assert.equal(describeLines(u([0, 1, 2, 5])), '1–3, 6');
  assert.equal(describeLines(u([0, 2, 4, 6, 8, 10, 12]), 3), '1, 3, 5 and 4 more ranges');
});

test('the server path (analyzeInSteps with the incremental parser) gives the same findings', async () => {
  const text = nestedList(150);
  const a = await analyzeInSteps(text, options(), new IncrementalParser(), () => false);
  assert.deepEqual(a!.findings, run(text).findings);
});
