/**
 * Acceptance-style variants of the complete FINAL example: one defect each must give
 * exactly its finding, on the offending value; valid but unusual spellings must stay
 * silent ("a finding on a correct value is a bug"). Each case here once failed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { readDuration, readTimestamp } from '../../server/src/core/values';
import { EXAMPLES, read, run, show } from '../helpers/core';

const FINAL_PATH = path.join(EXAMPLES, 'post-mortems', 'INC-2026-0042-final.md');
const FINAL = read(FINAL_PATH);

function variant(...subs: [string, string][]): string {
  let s = FINAL;
  for (const [a, b] of subs) {
    assert.ok(s.includes(a), `the example has no ${JSON.stringify(a)}`);
    s = s.replace(a, b);
  }
  return s;
}

const check = (text: string) => show(run(text, { filePath: FINAL_PATH }));
const brief = (text: string) => check(text).map((f) => `${f.code} ${f.line}:${f.column} ${f.severity} ${f.text}`);

const AUDIT = '| Audit log export | `governance/evidence/INC-2026-0042/audit-log.csv` |';
const audit = (cell: string): [string, string] => [AUDIT, `| Audit log export | ${cell} |`];

const silent: [string, string][][] = [
  // Blanks after a row's closing pipe are not part of its last cell.
  [],
  [['| Total duration | 2h 15m |', '| Total duration | 2h15m |']],
  [['| Total duration | 2h 15m |', '| Total duration | 2 hours 15 minutes |']],
  [['| 15:04 | First responder', '| 15:04 +00:00 | First responder']],
  [['| 15:04 | First responder', '| 15:04 UTC | First responder']],
  [audit('[`audit-log.csv`](governance/evidence/INC-2026-0042/audit-log.csv)')],
  [audit('[audit log](<governance/evidence/INC-2026-0042/audit-log.csv>)')],
  [audit('[audit log](governance/evidence/INC-2026-0042/audit-log.csv "Audit log")')],
  [audit('`governance/evidence/../evidence/INC-2026-0042/audit-log.csv`')],
  [['| Make the relay fail closed when its upstream is unauthenticated | Tomás Ortega |', '| Make the relay fail closed when its upstream is unauthenticated | SRE team |']],
];

for (const subs of silent) {
  const name = subs.length ? subs.map(([, b]) => b).join(' / ') : 'blanks after every closing pipe';
  test(`silent: ${name}`, () => {
    const text = subs.length ? variant(...subs) : FINAL.replace(/ \|\n/g, ' |   \n');
    assert.deepEqual(brief(text), []);
  });
}

test('trailing blanks after the closing pipe, with CRLF, are still silent', () => {
  assert.deepEqual(brief(FINAL.replace(/ \|\n/g, ' | \t\n').replace(/\n/g, '\r\n')), []);
});

test('PM021 only for an action whose Status says it is open', () => {
  // Today is 2026-11-26 (test/helpers/core.ts); action 3's target date 2026-11-20 has passed.
  const row = '| Lena Vogt | 2026-11-20 | NO | DONE |';
  assert.deepEqual(brief(variant([row, '| Lena Vogt | 2026-11-20 | NO | |'])), ['PM003 112:80 error  ']);
  assert.deepEqual(brief(variant([row, '| Lena Vogt | 2026-11-20 | NO | CLOSED |'])), ['PM004 112:81 error CLOSED']);
  assert.deepEqual(brief(variant([row, '| Lena Vogt | 2026-11-20 | NO | In Progress |'])).sort(), [
    'PM004 112:81 information In Progress',
    'PM021 112:63 information 2026-11-20',
  ]);
});

test('PM005 for UTC+N / GMT-N offsets, in the summary and in the timeline', () => {
  assert.deepEqual(brief(variant(['| First detected (UTC) | 2026-09-28 14:52 UTC |', '| First detected (UTC) | 2026-09-28 16:52 UTC+2 |'])), [
    'PM005 18:26 error 2026-09-28 16:52 UTC+2',
  ]);
  assert.deepEqual(brief(variant(['| 15:04 | First responder', '| 10:04 GMT-5 | First responder'])), ['PM005 41:3 error 10:04 GMT-5']);
  const t = readTimestamp('2026-09-28 10:04 GMT-5', true);
  assert.equal(t.kind, 'non-utc');
  assert.equal(t.utc?.toISO(), '2026-09-28T15:04:00.000Z');
});

test('durations without blanks between their parts', () => {
  assert.equal(readDuration('2h15m'), 135);
  assert.equal(readDuration('1d3h'), 1620);
  assert.equal(readDuration('2hours'), 120);
  assert.equal(readDuration('5 months'), undefined);
});

test('PM010 for an owner that names nobody (TBD, N/A, ?, unassigned)', () => {
  const row = '| Make the relay fail closed when its upstream is unauthenticated | Tomás Ortega |';
  for (const owner of ['TBD', 'tbd', 'TBA', 'N/A', 'None', '?', 'unassigned']) {
    const out = brief(variant([row, `| Make the relay fail closed when its upstream is unauthenticated | ${owner} |`]));
    assert.deepEqual(out, [`PM010 111:73 error ${owner}`], owner);
  }
});

test('PM013 alone (no PM014) for a path into another incident\'s folder', () => {
  const out = brief(variant(['`governance/evidence/INC-2026-0042/decision-checklist.md`', '`governance/evidence/INC-2026-0057/decision-checklist.md`']));
  assert.deepEqual(out, ['PM013 121:25 error governance/evidence/INC-2026-0057/decision-checklist.md']);
});

test('PM013 on a Markdown link whose target still holds <INCIDENT_ID>', () => {
  const out = brief(variant(['`governance/evidence/INC-2026-0042/decision-checklist.md`', '[checklist](governance/evidence/<INCIDENT_ID>/decision-checklist.md)']));
  assert.deepEqual(out, ['PM013 121:36 error governance/evidence/<INCIDENT_ID>/decision-checklist.md']);
});

test('PM017 when a case-insensitive yes leaves its detail unfilled', () => {
  const out = brief(variant(['| Pool(s) removed | NO | Pool(s): none |', '| Pool(s) removed | yes | Pool(s): ___ |']));
  assert.deepEqual(out, ['PM004 76:21 information yes', 'PM017 76:27 error Pool(s): ___']);
});
