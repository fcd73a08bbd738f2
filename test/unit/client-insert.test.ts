/** Client: Insert Timeline Row (UTC now) and Insert Evidence Path (client/src/pure/timeline.ts, evidence.ts). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TEMPLATE_1_1 } from '../../server/src/core/template';
import { analyze, DEFAULT_SETTINGS, summarize } from '../../server/src/core';
import { timelineInsertLine, timelineRowSnippet, utcMinute } from '../../client/src/pure/timeline';
import { evidenceInsertText, evidencePath, sortEvidenceFiles } from '../../client/src/pure/evidence';

test('the row carries the current time in UTC, whatever the local zone', () => {
  const now = new Date('2026-03-01T01:05:59+02:00');
  assert.equal(utcMinute(now), '2026-02-28 23:05');
  assert.equal(timelineRowSnippet(now), '| 2026-02-28 23:05 | $1 | $2 |$0');
});

test("a team template's wider timeline gets a tab stop per column (the summary counts its header cells)", () => {
  const now = new Date('2026-03-01T10:00:00Z');
  const text = TEMPLATE_1_1.replace('| Time (UTC) | Event | Actor |', '| Time (UTC) | Event | Actor | Source |').replace(/(\| Time \(UTC\) \| Event \| Actor \| Source \|\n)\|[-| ]+\|/, '$1|---|---|---|---|');
  const columns = summarize(analyze(text, { settings: DEFAULT_SETTINGS })).timeline!.columns;
  assert.equal(columns, 4);
  assert.equal(timelineRowSnippet(now, columns), '| 2026-03-01 10:00 | $1 | $2 | $3 |$0');
  assert.equal(summarize(analyze(TEMPLATE_1_1, { settings: DEFAULT_SETTINGS })).timeline!.columns, 3);
});

test('where the row goes', () => {
  // The Timeline table as the server gives it (postmortem/summary): the core's summary, in lines.
  const timelineOf = (text: string) => {
    const a = analyze(text, { settings: DEFAULT_SETTINGS });
    const t = summarize(a).timeline!;
    return { headerLine: a.lines.positionAt(t.start).line, lastLine: a.lines.positionAt(t.end).line };
  };
  const lines = TEMPLATE_1_1.split('\n');
  const header = lines.indexOf('| Time (UTC) | Event | Actor |');
  const last = lines.indexOf('| | Post-mortem initiated | |');
  const timeline = timelineOf(TEMPLATE_1_1);
  assert.deepEqual(timeline, { headerLine: header, lastLine: last });
  assert.equal(timelineInsertLine(timeline, 0), last + 1, 'cursor outside the timeline: after its last row');
  assert.equal(timelineInsertLine(timeline, header), header + 2, 'on the header row: after the delimiter row');
  assert.equal(timelineInsertLine(timeline, header + 1), header + 2, 'on the delimiter row: right after it');
  assert.equal(timelineInsertLine(timeline, header + 3), header + 4, 'on a row: after it');
  assert.equal(timelineInsertLine(undefined, 4), undefined, 'no timeline: at the cursor');
  const atEnd = '# Incident Post-Mortem\n\n## 2. Timeline\n\n| Time (UTC) | Event | Actor |\n|---|---|---|\n| 10:00 | x | y |';
  assert.equal(timelineInsertLine(timelineOf(atEnd), 0), 7, 'after the last line of the document');
  assert.equal(timelineInsertLine({ headerLine: 4, lastLine: 5 }, 4), 6, 'a table without rows: after its delimiter row');
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
