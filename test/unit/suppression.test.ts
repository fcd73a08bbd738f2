/**
 * Suppression comments (SPEC §5) where authors put them: between the rows of a table, right above
 * the row they silence. The table must survive the comment (no row lost, no PM002), only the next
 * row's finding goes, and the LSP and CLI see the same thing (both go through analyze()).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { maskTableDirectives } from '../../server/src/core/directives';
import { IncrementalParser } from '../../server/src/core/incremental';
import { EXAMPLES, run } from '../helpers/core';

const FINAL = fs.readFileSync(path.join(EXAMPLES, 'post-mortems', 'INC-2026-0042-final.md'), 'utf8');
const AUDIT = '| Audit log export | `governance/evidence/INC-2026-0042/audit-log.csv` |';
const DASH = '| Monitoring dashboard snapshot | `governance/evidence/INC-2026-0042/dashboard.png` |';
const missing = FINAL.replace('audit-log.csv', 'audit-log-missing.csv').replace('dashboard.png', 'dashboard-missing.png');
const codes = (t: string) => run(t).findings.map((f) => `${f.code}@${run(t).lines.positionAt(f.start).line}`);

test('without a comment, both missing files are PM014', () => {
  assert.deepEqual(run(missing).findings.map((f) => f.code), ['PM014', 'PM014']);
});

test('disable-next-line between two rows silences the next row only, and the table keeps every row', () => {
  const t = missing.replace(AUDIT.replace('audit-log.csv', 'audit-log-missing.csv'), `<!-- postmortem-disable-next-line PM014 -->\n${AUDIT.replace('audit-log.csv', 'audit-log-missing.csv')}`);
  assert.notEqual(t, missing);
  const a = run(t);
  assert.deepEqual(a.findings.map((f) => f.code), ['PM014'], codes(t).join());
  assert.ok(a.lines.positionAt(a.findings[0]!.start).line === t.split('\n').findIndex((l) => l.includes('dashboard-missing.png')));
  assert.equal(a.model.evidence.length, run(FINAL).model.evidence.length, 'no evidence row lost or added');
});

test('a comment for another code, or several comment lines, also keep the table whole', () => {
  const row = AUDIT.replace('audit-log.csv', 'audit-log-missing.csv');
  const other = missing.replace(row, `<!-- postmortem-disable-next-line PM021 -->\n${row}`);
  assert.deepEqual(run(other).findings.map((f) => f.code), ['PM014', 'PM014']);
  const two = missing.replace(row, `<!-- postmortem-disable-next-line PM021 -->\n  <!-- postmortem-disable-next-line PM014 -->\n${row}`);
  assert.deepEqual(run(two).findings.map((f) => f.code), ['PM014']);
  const crlf = missing.replace(row, `<!-- postmortem-disable-next-line -->\n${row}`).replace(/\n/g, '\r\n');
  assert.deepEqual(run(crlf).findings.map((f) => f.code), ['PM014']);
});

test('disable/enable pairs inside a table', () => {
  const row = AUDIT.replace('audit-log.csv', 'audit-log-missing.csv');
  const drow = DASH.replace('dashboard.png', 'dashboard-missing.png');
  const t = missing.replace(row, `<!-- postmortem-disable PM014 -->\n${row}`).replace(drow, `<!-- postmortem-enable PM014 -->\n${drow}`);
  assert.deepEqual(run(t).findings.map((f) => f.code), ['PM014']);
});

test('masking keeps every offset, leaves code fences and non-table comments alone', () => {
  const t = 'a\n| x | y |\n|---|---|\n| 1 | 2 |\n<!-- postmortem-disable-next-line PM014 -->\n| 3 | 4 |\n';
  const m = maskTableDirectives(t);
  assert.equal(m.text.length, t.length);
  assert.equal(m.text.split('\n')[4], '|' + ' '.repeat('<!-- postmortem-disable-next-line PM014 -->'.length - 1));
  assert.equal(t.slice(m.comments[0]!.start, m.comments[0]!.end), '<!-- postmortem-disable-next-line PM014 -->');
  for (const same of [
    '```\n| 1 | 2 |\n<!-- postmortem-disable-next-line PM014 -->\n| 3 | 4 |\n```\n',
    'text\n<!-- postmortem-disable-next-line PM014 -->\n| 3 | 4 |\n',
    '| 1 | 2 |\n<!-- postmortem-disable-next-line PM014 -->\n\n| 3 | 4 |\n',
    '| 1 | 2 |\n<!-- postmortem-disable-next-line PM014 -->\n|---|---|\n',
  ]) {
    assert.equal(maskTableDirectives(same).text, same, same);
  }
});

test('the incremental parser gives the same findings as the plain one for a masked document', () => {
  const row = AUDIT.replace('audit-log.csv', 'audit-log-missing.csv');
  const t = missing.replace(row, `<!-- postmortem-disable-next-line PM014 -->\n${row}`);
  const p = new IncrementalParser();
  assert.deepEqual(run(t, { parse: (x) => p.parse(x) }).findings, run(t).findings);
});
