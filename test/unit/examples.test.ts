/** The user-visible promises of SPEC §4 on the bundled examples. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { DEFAULT_SETTINGS, planMarkFinal, sanitizeSettings, analyze } from '../../server/src/core';
import { TEMPLATE_1_1 } from '../../server/src/core/template';
import { EXAMPLES, options, read, run, show } from '../helpers/core';

const FINAL = path.join(EXAMPLES, 'post-mortems', 'INC-2026-0042-final.md');
const DRAFT = path.join(EXAMPLES, 'post-mortems', 'INC-2026-0057-draft.md');
const TEMPLATE = path.join(EXAMPLES, 'post-mortems', 'template.md');

test('the bundled template is the spec template, verbatim', () => {
  assert.equal(read(TEMPLATE), TEMPLATE_1_1);
  const spec = path.join(EXAMPLES, '..', '..', 'shared', 'spec', 'postmortem-template-v1.1.md');
  try {
    assert.equal(read(spec), TEMPLATE_1_1);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
});

test('the untouched template is quiet: no error, no warning', () => {
  const a = run(TEMPLATE_1_1);
  assert.equal(a.isPostmortem, true);
  const loud = a.findings.filter((f) => f.severity === 'error' || f.severity === 'warning');
  assert.deepEqual(show(a, loud), []);
  assert.ok(a.findings.length > 10, 'the template still shows what is to fill in (information)');
});

test('the complete FINAL example has no finding at all, even checked as FINAL', () => {
  const text = read(FINAL);
  assert.deepEqual(show(run(text, { filePath: FINAL })), []);
  assert.deepEqual(show(run(text, { filePath: FINAL, statusAs: 'FINAL' })), []);
});

test('the DRAFT example shows its typical mistakes', () => {
  const a = run(read(DRAFT), { filePath: DRAFT });
  const codes = a.findings.map((f) => f.code);
  for (const c of ['PM004', 'PM005', 'PM006', 'PM009', 'PM010', 'PM013']) assert.ok(codes.includes(c), `expected ${c} in ${codes.join(',')}`);
});

test('severity of an incomplete value follows Status', () => {
  const t = read(FINAL).replace('| Trigger | ORACLE_STALENESS |', '| Trigger | |');
  const sev = (status: string) => run(t.replace('**Status:** FINAL', `**Status:** ${status}`)).findings.find((f) => f.code === 'PM003')?.severity;
  assert.equal(sev('DRAFT'), 'information');
  assert.equal(sev('UNDER REVIEW'), 'warning');
  assert.equal(sev('FINAL'), 'error');
  assert.equal(sev('DRAFT / UNDER REVIEW / FINAL'), 'information');
});

test('a placeholder gets PM003 and nothing else', () => {
  const t = read(FINAL).replace('**Status:** FINAL', '**Status:** DRAFT').replace('| Severity | HIGH |', '| Severity | CRITICAL / HIGH / MEDIUM |');
  const on = run(t).findings.filter((f) => t.slice(f.start, f.end) === 'CRITICAL / HIGH / MEDIUM');
  assert.deepEqual(on.map((f) => f.code), ['PM003']);
});

test('a document with an unknown template version gets PM024 and nothing else', () => {
  const t = TEMPLATE_1_1.replace('Template version: 1.1', 'Template version: 3.0');
  assert.deepEqual(run(t).findings.map((f) => f.code), ['PM024']);
});

test('no other Markdown file gets a finding', () => {
  const a = analyze('# README\n\nStatus: FINAL\n', options({ filePath: '/ws/README.md', root: '/ws' }));
  assert.equal(a.isPostmortem, false);
  assert.deepEqual(a.findings, []);
  const byGlob = analyze('# Notes\n', options({ filePath: '/ws/post-mortems/2026/x.md', root: '/ws' }));
  assert.equal(byGlob.isPostmortem, true);
  const off = analyze(TEMPLATE_1_1, options({ settings: sanitizeSettings({ enable: false }) }));
  assert.equal(off.isPostmortem, false);
});

test('settings.rules changes a severity or turns a rule off; suppression comments silence findings', () => {
  const t = read(DRAFT);
  const base = run(t, { filePath: DRAFT });
  assert.ok(base.findings.some((f) => f.code === 'PM014'));
  const off = run(t, { filePath: DRAFT, settings: sanitizeSettings({ rules: { PM014: 'off', PM009: 'warning' } }) });
  assert.ok(!off.findings.some((f) => f.code === 'PM014'));
  assert.equal(off.findings.find((f) => f.code === 'PM009')?.severity, 'warning');
  const lines = t.split('\n');
  const i = lines.findIndex((l) => l.startsWith('| Total duration'));
  const disabled = [...lines.slice(0, 13), '<!-- postmortem-disable PM009 -->', '', ...lines.slice(13)].join('\n');
  assert.ok(i > 13);
  assert.ok(!run(disabled).findings.some((f) => f.code === 'PM009'));
  const nextLine = t.replace('**Review Meeting Date:**', '<!-- postmortem-disable-next-line PM006 -->\n**Review Meeting Date:**');
  assert.ok(!run(nextLine).findings.some((f) => f.code === 'PM006'));
  assert.ok(run(nextLine).findings.some((f) => f.code === 'PM009'));
});

test('Mark Final: sets FINAL on a complete document and nothing else; refuses with blockers otherwise', () => {
  const complete = read(FINAL).replace('**Status:** FINAL', '**Status:** UNDER REVIEW');
  const plan = planMarkFinal(complete, options());
  assert.equal(plan.ok, true);
  if (plan.ok) assert.equal(complete.slice(0, plan.edit.start) + plan.edit.newText + complete.slice(plan.edit.end), read(FINAL));
  const unsigned = complete.replace('| Technical Lead | Tomás Ortega | TO | 2026-10-02 |', '| Technical Lead | | | |');
  const refused = planMarkFinal(unsigned, options());
  assert.equal(refused.ok, false);
  if (!refused.ok) {
    assert.ok(refused.blockers.some((b) => b.code === 'PM012'));
    // The document is UNDER REVIEW: the message says what FINAL needs, not "Status is FINAL".
    assert.ok(refused.blockers.filter((b) => b.code === 'PM012').every((b) => b.message.startsWith('FINAL needs all five sign-offs:')));
  }
  const draft = planMarkFinal(TEMPLATE_1_1, { settings: DEFAULT_SETTINGS });
  assert.equal(draft.ok, false);
});
