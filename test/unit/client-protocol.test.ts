/** Client: reading the server's command results (client/src/pure/protocol.ts). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  blockerDescription,
  mergeBlockers,
  parseFinalBlockers,
  parseFormatResult,
  parseMarkFinalResult,
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

test('finalBlockers: the list, or undefined when the server did not check the document', () => {
  assert.deepEqual(parseFinalBlockers({ blockers: [] }), []);
  assert.equal(parseFinalBlockers({ blockers: [diag(1, 0, 'PM003')] })?.length, 1);
  assert.equal(parseFinalBlockers({ blockers: [], reason: 'not a post-mortem' }), undefined);
  assert.equal(parseFinalBlockers({}), undefined);
  assert.equal(parseFinalBlockers(null), undefined);
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

test('readiness counts a current error and the same as-FINAL blocker once', () => {
  const now = [toBlocker(diag(3, 0, 'PM005'))!, toBlocker(diag(4, 0, 'PM006'))!];
  const asFinal = [toBlocker(diag(3, 0, 'PM005', 'other wording'))!, toBlocker(diag(1, 0, 'PM003'))!];
  assert.deepEqual(mergeBlockers(now, asFinal).map((b) => b.code), ['PM005', 'PM006', 'PM003']);
  assert.equal(mergeBlockers(now, undefined).length, 2);
  assert.equal(mergeBlockers([], []).length, 0);
});

test('quick pick description: 1-based line and code', () => {
  const b: Blocker = { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, message: 'm', code: 'PM001' };
  assert.equal(blockerDescription(b), 'Line 1 · PM001');
  assert.equal(blockerDescription({ ...b, code: undefined }), 'Line 1');
});
