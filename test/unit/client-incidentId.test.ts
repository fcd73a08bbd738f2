/** Client: keeping the Incident ID usable as a folder name (Insert Evidence Path, New Post-Mortem); the server reads it (summary.test.ts). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_SETTINGS } from '../../server/src/core';
import { compileIdPattern, unsafeIdReason, validateNewIncidentId } from '../../client/src/pure/incidentId';

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
