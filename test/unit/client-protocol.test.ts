/** Client: reading the server's command and summary results (client/src/pure/protocol.ts). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  blockerDescription,
  describeSummary,
  groupLabel,
  parseCheckWorkspaceResult,
  parseFormatResult,
  parseMarkFinalResult,
  parseSummaryResult,
  toBlocker,
  type Blocker,
} from '../../client/src/pure/protocol';

const diag = (line: number, ch: number, code: string, message = `${code} message`): Record<string, unknown> => ({
  range: { start: { line, character: ch }, end: { line, character: ch + 3 } },
  message,
  code,
  severity: 1,
  source: 'postmortem',
});

test('markFinal: applied, blockers sorted by position, reason kept, junk refused', () => {
  assert.deepEqual(parseMarkFinalResult({ applied: true }), { applied: true });
  const r = parseMarkFinalResult({ applied: false, blockers: [diag(9, 0, 'PM012'), diag(2, 5, 'PM003'), { nope: 1 }] });
  assert.ok(r && !r.applied);
  assert.deepEqual(r.blockers.map((b) => b.code), ['PM003', 'PM012']);
  assert.deepEqual(parseMarkFinalResult({ applied: false, reason: 'not a post-mortem' }), { applied: false, blockers: [], reason: 'not a post-mortem' });
  for (const junk of [null, undefined, 'x', [], { applied: 'yes' }]) assert.equal(parseMarkFinalResult(junk), undefined);
});

test('a diagnostic needs a range of non-negative numbers and a message', () => {
  assert.equal(toBlocker({ range: { start: { line: -1, character: 0 }, end: { line: 0, character: 0 } }, message: 'x' }), undefined);
  assert.equal(toBlocker({ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 'a' } }, message: 'x' }), undefined);
  assert.equal(toBlocker({ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }), undefined);
  assert.deepEqual(toBlocker({ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, message: 'm', code: 14 }), {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
    message: 'm',
    code: '14',
  });
});

test('formatTimeline: applied / unchanged / reason; null counts as applied', () => {
  assert.deepEqual(parseFormatResult({ applied: true, changed: false }), { applied: true, changed: false });
  assert.deepEqual(parseFormatResult({ applied: false, reason: 'not a post-mortem' }), { applied: false, message: 'not a post-mortem' });
  assert.deepEqual(parseFormatResult(null), { applied: true });
  assert.equal(parseFormatResult({ ok: 1 }), undefined);
});

test('quick pick description: 1-based line and code', () => {
  const b: Blocker = { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, message: 'm', code: 'PM001' };
  assert.equal(blockerDescription(b), 'Line 1 · PM001');
  assert.equal(blockerDescription({ ...b, code: undefined }), 'Line 1');
});

test('summary: checked summaries read field by field, anything else is unchecked', () => {
  const good = {
    uri: 'file:///a.md',
    checked: true,
    version: 3,
    status: 'UNDER REVIEW',
    statusRange: { start: { line: 6, character: 12 }, end: { line: 6, character: 24 } },
    incidentId: { state: 'set', value: 'INC-1' },
    errors: 2,
    blockers: 5,
    actions: { open: 1, overdue: 0 },
    timeline: { headerLine: 20, lastLine: 30, columns: 4 },
  };
  const [a, b, c, d] = parseSummaryResult(
    { summaries: [good, { uri: 'file:///b.md', checked: false, reason: 'not a post-mortem' }, { ...good, status: 'DONE' }, { ...good, version: null, blockers: -1, timeline: { headerLine: 3, lastLine: 1 } }] },
    ['file:///a.md', 'file:///b.md', 'file:///c.md', 'file:///d.md'],
  )!;
  assert.deepEqual(a, good);
  assert.deepEqual(b, { uri: 'file:///b.md', checked: false, reason: 'not a post-mortem' });
  assert.deepEqual(c, { uri: 'file:///c.md', checked: false, reason: 'unexpected summary' }, 'an unknown status');
  assert.ok(d?.checked);
  assert.deepEqual([d.version, d.blockers, d.timeline], [null, undefined, undefined], 'bad optional fields are left out');
  assert.equal(parseSummaryResult({ summaries: [good] }, []), undefined, 'one summary per URI');
  for (const junk of [null, {}, { summaries: 'x' }]) assert.equal(parseSummaryResult(junk, []), undefined);
});

test('the view\'s description and group labels', () => {
  assert.equal(describeSummary({ errors: 3, actions: { open: 2, overdue: 1 } }), '3 errors · 2 open · 1 overdue');
  assert.equal(describeSummary({ errors: 1, actions: { open: 0, overdue: 0 } }), '1 error · 0 open · 0 overdue');
  assert.equal(groupLabel('unset'), 'Status not set');
  assert.equal(groupLabel('UNDER REVIEW'), 'UNDER REVIEW');
});

test('checkWorkspace: counts read, problems kept as strings, junk refused', () => {
  const ok = { files: 12, postmortems: 3, errors: 5, warnings: 1, infos: 58, hints: 0, withErrors: 1, problems: ['cannot read directory x: EACCES', 7], truncated: false };
  assert.deepEqual(parseCheckWorkspaceResult(ok), { ...ok, problems: ['cannot read directory x: EACCES'] });
  assert.equal(parseCheckWorkspaceResult({ ...ok, truncated: true })?.truncated, true);
  for (const junk of [null, 'x', [], { ...ok, errors: -1 }, { ...ok, files: 1.5 }, { ...ok, postmortems: undefined }]) assert.equal(parseCheckWorkspaceResult(junk), undefined);
});

