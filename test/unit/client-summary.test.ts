/** Client: what the Post-Mortems view shows per document (client/src/pure/summary.ts). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TEMPLATE_1_1 } from '../../server/src/core/template';
import { describeSummary, groupLabel, summarize } from '../../client/src/pure/summary';

const EXAMPLES = path.resolve(__dirname, '..', '..', 'examples', 'post-mortems');
const TODAY = new Date('2026-11-26T12:00:00Z');

const withActions = (status: string, rows: string[]): string =>
  `# Incident Post-Mortem\n\n**Incident ID:** INC-9\n**Status:** ${status}\n\n## 7. Action Items\n\n| # | Action | Owner | Target date | Blocking? | Status |\n|---|--------|-------|-------------|-----------|--------|\n${rows.join('\n')}\n\n## 8. Evidence References\n\n| Artifact | Location |\n|---|---|\n| x | OPEN |\n`;

test('the untouched template: Status not set, no open item (its rows have no action)', () => {
  assert.deepEqual(summarize(TEMPLATE_1_1, TODAY), { status: 'unset', statusLine: 6, open: 0, overdue: 0 });
});

test('open = OPEN or IN PROGRESS with an action; overdue = target date before today (UTC)', () => {
  const s = summarize(
    withActions('UNDER REVIEW', [
      '| 1 | Rotate keys | Lena | 2026-11-25 | YES | OPEN |',
      '| 2 | Add alert | Priya | 2026-11-26 | NO | in progress |',
      '| 3 | Done thing | Tomás | 2020-01-01 | NO | DONE |',
      '| 4 | | | 2020-01-01 | YES / NO | OPEN |',
      '| 5 | Undated | Dana | | NO | OPEN |',
      '| 6 | Bad date | Dana | 25/11/2026 | NO | WONTFIX |',
    ]),
    TODAY,
  );
  assert.deepEqual(s, { status: 'UNDER REVIEW', statusLine: 3, incidentId: 'INC-9', open: 3, overdue: 1 });
});

test('Status: case-insensitive choice, unknown value kept as text, placeholder = unset', () => {
  assert.equal(summarize(withActions('final', []), TODAY).status, 'FINAL');
  assert.equal(summarize(withActions('**DRAFT**', []), TODAY).status, 'DRAFT');
  assert.deepEqual(
    [summarize(withActions('FINALISED', []), TODAY).status, summarize(withActions('FINALISED', []), TODAY).statusText],
    ['unset', 'FINALISED'],
  );
  assert.equal(summarize(withActions('DRAFT / UNDER REVIEW / FINAL', []), TODAY).statusText, undefined);
  assert.equal(summarize('# Incident Post-Mortem\n', TODAY).status, 'unset');
});

test('the bundled examples', () => {
  const draft = summarize(fs.readFileSync(path.join(EXAMPLES, 'INC-2026-0057-draft.md'), 'utf8'), TODAY);
  assert.equal(draft.status, 'DRAFT');
  assert.equal(draft.incidentId, 'INC-2026-0057');
  assert.deepEqual([draft.open, draft.overdue], [1, 0]);
  const final = summarize(fs.readFileSync(path.join(EXAMPLES, 'INC-2026-0042-final.md'), 'utf8'), TODAY);
  assert.equal(final.status, 'FINAL');
});

test('the description: errors when known, then open and overdue', () => {
  assert.equal(describeSummary({ open: 2, overdue: 1 }, 3), '3 errors · 2 open · 1 overdue');
  assert.equal(describeSummary({ open: 0, overdue: 0 }, 1), '1 error · 0 open · 0 overdue');
  assert.equal(describeSummary({ open: 1, overdue: 0 }, undefined), '1 open · 0 overdue');
  assert.equal(groupLabel('unset'), 'Status not set');
  assert.equal(groupLabel('UNDER REVIEW'), 'UNDER REVIEW');
});
