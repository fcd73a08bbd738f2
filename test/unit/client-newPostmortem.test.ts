/** Client: "New Post-Mortem" fills the template (client/src/pure/newPostmortem.ts). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, DEFAULT_SETTINGS } from '../../server/src/core';
import { TEMPLATE_1_1 } from '../../server/src/core/template';
import { fillTemplate, newFileRelPath, relativeFolderSegments, utcDate } from '../../client/src/pure/newPostmortem';

const NOW = new Date('2026-11-26T23:30:00-05:00'); // 2026-11-27 04:30 UTC

test('Date Written is the UTC date', () => {
  assert.equal(utcDate(NOW), '2026-11-27');
});

test('ID, author, Date Written and Status are filled; evidence paths name the incident', () => {
  const text = fillTemplate(TEMPLATE_1_1, { incidentId: 'INC-2026-0099', author: '  Dana   Whitfield ', now: NOW });
  const head = text.split('\n').slice(0, 7).join('\n');
  assert.equal(
    head,
    '# Incident Post-Mortem\n\n**Incident ID:** INC-2026-0099\n**Post-Mortem Author:** Dana Whitfield\n**Date Written (UTC):** 2026-11-27\n**Review Meeting Date:** ___________________________\n**Status:** DRAFT',
  );
  assert.ok(!text.includes('<INCIDENT_ID>'));
  assert.ok(text.includes('`governance/evidence/INC-2026-0099/decision-checklist.md`'));
});

test('everything else stays the template, byte for byte', () => {
  const text = fillTemplate(TEMPLATE_1_1, { incidentId: 'INC-1', author: 'A', now: NOW });
  const a = TEMPLATE_1_1.split('\n');
  const b = text.split('\n');
  assert.equal(b.length, a.length);
  const changed = a.flatMap((line, i) => (line === b[i] ? [] : [line]));
  const expected = a.filter((l) => /^\*\*(Incident ID|Post-Mortem Author|Date Written \(UTC\)|Status):\*\*/.test(l) || l.includes('<INCIDENT_ID>'));
  assert.deepEqual(changed, expected);
  assert.equal(changed.length, 6, '4 header lines and 2 evidence rows');
});

test('no author: the placeholder stays', () => {
  const text = fillTemplate(TEMPLATE_1_1, { incidentId: 'INC-1', author: undefined, now: NOW });
  assert.match(text, /\*\*Post-Mortem Author:\*\* _{3,}\n/);
  assert.match(fillTemplate(TEMPLATE_1_1, { incidentId: 'INC-1', author: '   ', now: NOW }), /\*\*Post-Mortem Author:\*\* _{3,}\n/);
});

test('CRLF template keeps CRLF; $ in values is literal', () => {
  const crlf = TEMPLATE_1_1.replace(/\n/g, '\r\n');
  const text = fillTemplate(crlf, { incidentId: 'INC-1', author: 'Pay $1 & $&', now: NOW });
  assert.ok(text.includes('**Post-Mortem Author:** Pay $1 & $&\r\n'));
  assert.equal(text.split('\r\n').length, crlf.split('\r\n').length);
  assert.ok(!/[^\r]\n/.test(text), 'no bare LF');
});

test('the new file is a quiet DRAFT: no error, no warning', () => {
  const text = fillTemplate(TEMPLATE_1_1, { incidentId: 'INC-2026-0099', author: 'Dana Whitfield', now: NOW });
  const a = analyze(text, { settings: DEFAULT_SETTINGS, now: NOW });
  assert.equal(a.isPostmortem, true);
  assert.equal(a.status, 'DRAFT');
  const loud = a.findings.filter((f) => f.severity === 'error' || f.severity === 'warning');
  assert.deepEqual(loud.map((f) => `${f.code} ${f.message}`), []);
});

test('target folder: relative segments only', () => {
  assert.deepEqual(relativeFolderSegments('post-mortems'), { segments: ['post-mortems'] });
  assert.deepEqual(relativeFolderSegments(' docs\\incidents/ '), { segments: ['docs', 'incidents'] });
  assert.deepEqual(relativeFolderSegments('./'), { segments: [] });
  for (const bad of ['/abs', 'C:\\x', 'c:x', '~/x', '../x', 'a/../../b']) assert.ok('error' in relativeFolderSegments(bad), bad);
  assert.equal(newFileRelPath(['post-mortems'], 'INC-1'), 'post-mortems/INC-1.md');
  assert.equal(newFileRelPath([], 'INC-1'), 'INC-1.md');
});
