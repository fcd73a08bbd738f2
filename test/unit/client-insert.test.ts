/** Client: Insert Timeline Row (UTC now) and Insert Evidence Path (client/src/pure/timeline.ts, evidence.ts). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TEMPLATE_1_1 } from '../../server/src/core/template';
import { splitLines } from '../../client/src/pure/markdown';
import { timelineInsertLine, timelineRowSnippet, utcMinute } from '../../client/src/pure/timeline';
import { evidenceInsertText, evidencePath, sortEvidenceFiles } from '../../client/src/pure/evidence';

test('the row carries the current time in UTC, whatever the local zone', () => {
  const now = new Date('2026-03-01T01:05:59+02:00');
  assert.equal(utcMinute(now), '2026-02-28 23:05');
  assert.equal(timelineRowSnippet(now), '| 2026-02-28 23:05 | $1 | $2 |$0');
});

test('where the row goes', () => {
  const lines = splitLines(TEMPLATE_1_1);
  const header = lines.indexOf('| Time (UTC) | Event | Actor |');
  const last = lines.indexOf('| | Post-mortem initiated | |');
  assert.equal(timelineInsertLine(lines, 0), last + 1, 'cursor outside the timeline: after its last row');
  assert.equal(timelineInsertLine(lines, header), header + 2, 'on the header row: after the delimiter row');
  assert.equal(timelineInsertLine(lines, header + 1), header + 2, 'on the delimiter row: right after it');
  assert.equal(timelineInsertLine(lines, header + 3), header + 4, 'on a row: after it');
  const noTimeline = ['# x', '', '| a | b |', '|---|---|', '| 1 | 2 |', '', 'text'];
  assert.equal(timelineInsertLine(noTimeline, 4), 5, 'no timeline, cursor in a table: after the row');
  assert.equal(timelineInsertLine(noTimeline, 6), undefined, 'no timeline, cursor in text: at the cursor');
  const atEnd = ['## 2. Timeline', '', '| Time (UTC) | Event | Actor |', '|---|---|---|', '| 10:00 | x | y |'];
  assert.equal(timelineInsertLine(atEnd, 0), 5, 'after the last line of the document');
});

test('evidence path: workspace-relative, forward slashes, the folder itself ends in a slash', () => {
  assert.equal(evidencePath(['governance', 'evidence'], 'INC-1', 'logs\\audit.csv'), 'governance/evidence/INC-1/logs/audit.csv');
  assert.equal(evidencePath(['governance', 'evidence'], 'INC-1', ''), 'governance/evidence/INC-1/');
  assert.equal(evidencePath([], 'INC-1', 'a.md'), 'INC-1/a.md');
});

test('backticks are added unless the cursor is already between two', () => {
  assert.equal(evidenceInsertText('a/b.md', '| Audit log | ', ' |'), '`a/b.md`');
  assert.equal(evidenceInsertText('a/b.md', '| Audit log | `', '` |'), 'a/b.md');
});

test('files sort shallow first, then by name (numbers in order)', () => {
  assert.deepEqual(sortEvidenceFiles(['z/a.md', 'b.md', 'log10.csv', 'log9.csv', 'a/b/c.md']), ['b.md', 'log9.csv', 'log10.csv', 'z/a.md', 'a/b/c.md']);
});
