/** Core: what the status bar, code lens and Post-Mortems view show (server/src/core/summary.ts). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { analyze, planMarkFinal, summarize } from '../../server/src/core';
import { TEMPLATE_1_1 } from '../../server/src/core/template';
import { EXAMPLES, options, read, REPO, run, TODAY } from '../helpers/core';

const withActions = (status: string, rows: string[]): string =>
  `# Incident Post-Mortem\n\n**Incident ID:** INC-9\n**Status:** ${status}\n\n## 7. Action Items\n\n| # | Action | Owner | Target date | Blocking? | Status |\n|---|--------|-------|-------------|-----------|--------|\n${rows.join('\n')}\n\n## 8. Evidence References\n\n| Artifact | Location |\n|---|---|\n| x | OPEN |\n`;

const summaryOf = (text: string) => summarize(run(text), { now: TODAY });

test('the untouched template: Status not set, Incident ID a placeholder, no open item (its rows have no action)', () => {
  const a = run(TEMPLATE_1_1);
  const s = summarize(a, { now: TODAY });
  assert.equal(s.status, 'unset');
  assert.equal(s.statusText, undefined, 'all the choices (DRAFT / UNDER REVIEW / FINAL) is the placeholder');
  assert.equal(a.lines.positionAt(s.statusValue!.start).line, 6);
  assert.deepEqual(s.incidentId, { state: 'placeholder' });
  assert.deepEqual(s.actions, { open: 0, overdue: 0 });
  assert.equal(s.errors, 0);
  assert.equal(s.blockers, undefined, 'counted only when the as-FINAL blockers are given');
  assert.match(a.text.slice(s.timeline!.start, s.timeline!.end), /^\| Time \(UTC\) \| Event \| Actor \|[\s\S]*\| \| Post-mortem initiated \| \|$/);
});

test('open = OPEN or IN PROGRESS (any case) with an action; overdue = target date before today (UTC)', () => {
  const s = summaryOf(
    withActions('UNDER REVIEW', [
      '| 1 | Rotate keys | Lena | 2026-11-25 | YES | OPEN |',
      '| 2 | Add alert | Priya | 2026-11-26 | NO | in progress |',
      '| 3 | Done thing | Tomás | 2020-01-01 | NO | DONE |',
      '| 4 | | | 2020-01-01 | YES / NO | OPEN |',
      '| 5 | Undated | Dana | | NO | OPEN |',
      '| 6 | Bad date | Dana | 25/11/2026 | NO | WONTFIX |',
    ]),
  );
  assert.equal(s.status, 'UNDER REVIEW');
  assert.deepEqual(s.incidentId, { state: 'set', value: 'INC-9' });
  assert.deepEqual(s.actions, { open: 3, overdue: 1 });
});

test('a fenced example table in §7 is not counted: only the real rows are', () => {
  const text = read(path.join(REPO, 'test', 'fixtures', 'summary', 'fenced-example-actions.md'));
  assert.match(text, /```markdown\n\| # \| Action[\s\S]*\| 2 \| Example: alert on key expiry \| John Roe \| 2020-02-01 \| NO \| IN PROGRESS \|\n```/);
  const s = summaryOf(text);
  // The example rows are OPEN and overdue; the real table has one open item, not overdue.
  assert.deepEqual(s.actions, { open: 1, overdue: 0 });
  assert.deepEqual(s.actions, summaryOf(read(path.join(EXAMPLES, 'post-mortems', 'INC-2026-0057-draft.md'))).actions);
});

test('Status: case-insensitive choice; an unknown value is kept as text; no Status line = unset', () => {
  assert.equal(summaryOf(withActions('final', [])).status, 'FINAL');
  const odd = summaryOf(withActions('FINALISED', []));
  assert.deepEqual([odd.status, odd.statusText], ['unset', 'FINALISED']);
  const none = summaryOf('# Incident Post-Mortem\n');
  assert.deepEqual([none.status, none.statusValue, none.incidentId], ['unset', undefined, { state: 'missing' }]);
});

test('Incident ID: backticks and spaces removed; empty or underscores = placeholder', () => {
  const id = (line: string) => summaryOf(`# Incident Post-Mortem\n\n${line}\n**Status:** DRAFT\n`).incidentId;
  assert.deepEqual(id('**Incident ID:**  `INC-7` '), { state: 'set', value: 'INC-7' });
  assert.deepEqual(id('**Incident ID:**'), { state: 'placeholder' });
  assert.deepEqual(id('**Incident ID:** ___'), { state: 'placeholder' });
});

test('one count of blockers: Mark Final\'s list = the errors of --status-as FINAL, each finding once', () => {
  for (const name of ['INC-2026-0057-draft.md', 'INC-2026-0042-final.md']) {
    const text = read(path.join(EXAMPLES, 'post-mortems', name));
    const a = run(text);
    const plan = planMarkFinal(text, options());
    const blockers = plan.ok ? [] : plan.blockers;
    const s = summarize(a, { now: TODAY, asFinal: blockers });
    assert.equal(s.errors, a.findings.filter((f) => f.severity === 'error').length, name);
    assert.equal(s.blockers, blockers.length, `${name}: the status bar counts what Mark Final lists`);
    const asFinal = analyze(text, { ...options(), statusAs: 'FINAL' }).findings.filter((f) => f.severity === 'error');
    assert.equal(s.blockers, asFinal.length, `${name}: and what postmortem-lint --status-as FINAL counts as errors`);
  }
  // A FINAL document with unsigned rows: the errors now ("Status is FINAL but …") and as FINAL
  // ("FINAL needs …") are the same findings; they are counted once, not added up.
  const unsigned = read(path.join(EXAMPLES, 'post-mortems', 'INC-2026-0042-final.md')).replace(/(\| Technical Lead \|[^|]*\|)[^|]*\|/, '$1 |');
  const plan = planMarkFinal(unsigned, options());
  assert.ok(!plan.ok);
  const pm012 = plan.blockers.filter((f) => f.code === 'PM012');
  assert.equal(pm012.length, 2, 'PM012 on the Status value and on the unsigned row');
  assert.equal(summarize(run(unsigned), { now: TODAY, asFinal: plan.blockers }).blockers, plan.blockers.length);
});

test('the bundled examples', () => {
  const draft = summaryOf(read(path.join(EXAMPLES, 'post-mortems', 'INC-2026-0057-draft.md')));
  assert.equal(draft.status, 'DRAFT');
  assert.deepEqual(draft.incidentId, { state: 'set', value: 'INC-2026-0057' });
  assert.deepEqual(draft.actions, { open: 1, overdue: 0 });
  assert.equal(summaryOf(read(path.join(EXAMPLES, 'post-mortems', 'INC-2026-0042-final.md'))).status, 'FINAL');
});
