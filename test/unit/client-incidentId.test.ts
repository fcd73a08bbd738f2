/** Client: reading the Incident ID and keeping it usable as a folder name (Insert Evidence Path, New Post-Mortem). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TEMPLATE_1_1 } from '../../server/src/core/template';
import { DEFAULT_SETTINGS } from '../../server/src/core';
import { compileIdPattern, readIncidentId, unsafeIdReason, validateNewIncidentId } from '../../client/src/pure/incidentId';

test('the template\'s Incident ID is not set', () => {
  assert.deepEqual(readIncidentId(TEMPLATE_1_1), { kind: 'placeholder', line: 2 });
});

test('a filled Incident ID is read, backticks and spaces removed', () => {
  assert.deepEqual(readIncidentId('# Incident Post-Mortem\n\n**Incident ID:** INC-2026-0042\n'), { kind: 'set', id: 'INC-2026-0042', line: 2 });
  assert.deepEqual(readIncidentId('**Incident ID:**  `INC-7` \r\n'), { kind: 'set', id: 'INC-7', line: 0 });
});

test('empty, underscores or no Incident ID line', () => {
  assert.equal(readIncidentId('**Incident ID:**\n').kind, 'placeholder');
  assert.equal(readIncidentId('**Incident ID:** ___\n').kind, 'placeholder');
  assert.deepEqual(readIncidentId('# Incident Post-Mortem\n\n## 1. Incident Summary\n'), { kind: 'missing' });
});

test('an ID that would leave the evidence folder is refused', () => {
  for (const bad of ['../x', 'a/b', 'a\\b', '..', 'INC..1', '.', 'a\u0000b', 'a:b', ' INC-1', '']) {
    assert.ok(unsafeIdReason(bad), JSON.stringify(bad));
  }
  for (const ok of ['INC-2026-0042', 'inc_1.2', 'Ω-1']) assert.equal(unsafeIdReason(ok), undefined, ok);
});

test('New Post-Mortem validates against postmortem.incidentIdPattern', () => {
  const p = compileIdPattern(DEFAULT_SETTINGS.incidentIdPattern)!;
  assert.equal(validateNewIncidentId('INC-2026-0042', p), undefined);
  assert.equal(validateNewIncidentId('  INC-2026-0042 ', p), undefined, 'surrounding spaces are trimmed');
  assert.match(validateNewIncidentId('', p)!, /Enter the Incident ID/);
  assert.match(validateNewIncidentId('ab', p)!, /must match/);
  assert.match(validateNewIncidentId('a/../b', p)!, /file name/);
  const strict = compileIdPattern('^INC-\\d{4}-\\d{4}$')!;
  assert.match(validateNewIncidentId('INC-1', strict)!, /must match postmortem\.incidentIdPattern \(\^INC-\\d\{4\}-\\d\{4\}\$\)/);
  assert.equal(compileIdPattern('(['), undefined);
});
