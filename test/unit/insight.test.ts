/** Core: action-item rows and statistics of many post-mortems (server/src/core/insight.ts, insightFormat.ts). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { actionRows, computeStats, documentFacts, filterActions, formatActions, formatStats, loadTemplateFile, median, minutesText, percentile } from '../../server/src/core';
import { TEMPLATE_1_1 } from '../../server/src/core/template';
import { EXAMPLES, read, run } from '../helpers/core';

const TODAY = '2026-11-26';

const doc = (o: { status?: string; severity?: string; trigger?: string; detected?: string; opened?: string; resolved?: string; actions?: string[] }): string =>
  `# Incident Post-Mortem\n\n**Incident ID:** INC-9\n**Status:** ${o.status ?? 'DRAFT'}\n\n## 1. Incident Summary\n\n| Field | Value |\n|---|---|\n` +
  `| Severity | ${o.severity ?? 'HIGH'} |\n| Trigger | ${o.trigger ?? 'ORACLE_STALENESS'} |\n| First detected (UTC) | ${o.detected ?? '2026-09-28 14:52 UTC'} |\n` +
  `| Incident opened (UTC) | ${o.opened ?? '2026-09-28 15:01 UTC'} |\n| Incident resolved (UTC) | ${o.resolved ?? '2026-09-28 17:16 UTC'} |\n\n` +
  `## 7. Action Items\n\n| # | Action | Owner | Target date | Blocking? | Status |\n|---|---|---|---|---|---|\n${(o.actions ?? []).join('\n')}\n`;

test('action rows: open unless DONE (WONTFIX and an unset Status too), overdue when open and before today (UTC)', () => {
  const rows = actionRows(
    'a.md',
    run(
      doc({
        actions: [
          '| 1 | Rotate keys | Lena | 2026-11-25 | YES | OPEN |',
          '| 2 | Add alert | Priya | 2026-11-26 | no | in progress |',
          '| 3 | Done thing | Tomás | 2020-01-01 | NO | DONE |',
          '| 4 | | | 2020-01-01 | YES / NO | OPEN |',
          '| 5 | Undated | | | YES / NO | OPEN / IN PROGRESS / DONE / WONTFIX |',
          '| 6 | Dropped | Dana | 2020-01-01 | NO | WONTFIX |',
          '| 7 | Bad date | Dana | 25/11/2026 | NO | OPEN |',
        ],
      }),
    ),
    TODAY,
  );
  assert.deepEqual(
    rows.map((r) => [r.number, r.action, r.owner, r.targetDate, r.blocking, r.status, r.open, r.overdue]),
    [
      ['1', 'Rotate keys', 'Lena', '2026-11-25', true, 'OPEN', true, true],
      ['2', 'Add alert', 'Priya', '2026-11-26', false, 'IN PROGRESS', true, false],
      ['3', 'Done thing', 'Tomás', '2020-01-01', false, 'DONE', false, false],
      ['5', 'Undated', null, null, null, null, true, false],
      ['6', 'Dropped', 'Dana', '2020-01-01', false, 'WONTFIX', true, true],
      ['7', 'Bad date', 'Dana', '25/11/2026', false, 'OPEN', true, false],
    ],
  );
  assert.equal(rows[0]!.file, 'a.md');
  assert.equal(rows[0]!.incidentId, 'INC-9');
  assert.equal(rows[0]!.line, 20, '1-based line of the row');
  assert.deepEqual(filterActions(rows, { overdue: true }).map((r) => r.number), ['1', '6']);
  assert.deepEqual(filterActions(rows, { open: true, owner: 'dana' }).map((r) => r.number), ['6', '7']);
});

test('the untouched template has no action items and no times (missing, not unreadable)', () => {
  const a = run(TEMPLATE_1_1);
  assert.deepEqual(actionRows('t.md', a, TODAY), []);
  const f = documentFacts('t.md', a);
  assert.equal(f.status, 'unset');
  assert.equal(f.severity, '(unset)');
  assert.equal(f.trigger, '(unset)');
  assert.equal(f.month, '(unknown)');
  assert.equal(f.toOpenState, 'missing');
  assert.equal(f.toResolveState, 'missing');
});

test('times: minutes from readable UTC values; non-UTC, unreadable or out of order counted apart', () => {
  const ok = documentFacts('ok.md', run(doc({})));
  assert.equal(ok.toOpen, 9);
  assert.equal(ok.toResolve, 135);
  assert.equal(ok.month, '2026-09');
  assert.equal(ok.severity, 'HIGH');
  const pst = documentFacts('pst.md', run(doc({ opened: '2026-09-28 08:01 PST' })));
  assert.equal(pst.toOpenState, 'unreadable');
  assert.equal(pst.toResolveState, 'unreadable');
  const bad = documentFacts('bad.md', run(doc({ resolved: 'Sept 28, late' })));
  assert.equal(bad.toOpen, 9);
  assert.equal(bad.toResolveState, 'unreadable');
  const backwards = documentFacts('back.md', run(doc({ resolved: '2026-09-28 14:00 UTC' })));
  assert.equal(backwards.toResolveState, 'unreadable', 'resolved before opened (PM008) is not a negative duration');
  const stats = computeStats([ok, pst, bad, backwards], [], TODAY);
  assert.deepEqual({ ...stats.timeToOpen }, { count: 3, median: 9, p90: 9, missing: 0, unreadable: 1 });
  assert.deepEqual({ ...stats.timeToResolve }, { count: 1, median: 135, p90: 135, missing: 0, unreadable: 3 });
  assert.deepEqual(stats.unreadableDocuments, ['pst.md', 'bad.md', 'back.md']);
});

test('median (mean of the middle two) and p90 (nearest rank)', () => {
  assert.equal(median([]), null);
  assert.equal(median([5]), 5);
  assert.equal(median([1, 2, 3, 10]), 2.5);
  assert.equal(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9), 9);
  assert.equal(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 0.9), 10);
  assert.equal(percentile([7], 0.9), 7);
  assert.equal(minutesText(0), '0m');
  assert.equal(minutesText(1505), '1d 1h 5m');
  assert.equal(minutesText(null), '—');
});

test('stats: by status, severity, trigger, month; open, overdue and blocking per owner', () => {
  const texts = [
    doc({ status: 'FINAL', severity: 'high', actions: ['| 1 | A | Lena | 2026-01-01 | YES | OPEN |', '| 2 | B | Lena | 2027-01-01 | NO | OPEN |'] }),
    doc({ status: 'DRAFT', severity: 'CRITICAL', trigger: 'MANUAL', detected: '2026-10-01 00:00 UTC', opened: '2026-10-01 00:30 UTC', resolved: '2026-10-01 04:30 UTC', actions: ['| 1 | C | Priya | 2026-01-01 | YES | DONE |'] }),
    doc({ status: 'DRAFT / UNDER REVIEW / FINAL', severity: 'CRITICAL / HIGH / MEDIUM' }),
  ];
  const analyses = texts.map((t) => run(t));
  const rows = analyses.flatMap((a, i) => actionRows(`${i}.md`, a, TODAY));
  const facts = analyses.map((a, i) => documentFacts(`${i}.md`, a));
  const s = computeStats(facts, rows, TODAY);
  assert.equal(s.postmortems, 3);
  assert.deepEqual(s.byStatus, { DRAFT: 1, 'UNDER REVIEW': 0, FINAL: 1, unset: 1 });
  assert.deepEqual(s.bySeverity, { CRITICAL: 1, HIGH: 1, MEDIUM: 0, '(unset)': 1 });
  assert.deepEqual(s.byTrigger, { MANUAL: 1, ORACLE_STALENESS: 2 });
  assert.deepEqual(s.byMonth, { '2026-09': 2, '2026-10': 1 });
  assert.deepEqual(s.actions, { total: 3, open: 2, overdue: 1, blocking: 1 });
  assert.deepEqual(s.owners, [{ owner: 'Lena', open: 2, overdue: 1, blocking: 1 }]);
  assert.deepEqual({ ...s.timeToOpen }, { count: 3, median: 9, p90: 30, missing: 0, unreadable: 0 });
  const table = formatStats(s, 'table');
  assert.match(table, /^3 post-mortems; 3 action items: 2 open, 1 overdue \(before 2026-11-26\), 1 open and blocking$/m);
  assert.match(table, /^Time to open\s+3\s+9m\s+30m\s+0\s+0$/m);
  const md = formatStats(s, 'markdown');
  assert.match(md, /^# Post-mortem report$/m);
  assert.match(md, /^\| Lena \| 2 \| 1 \| 1 \|$/m);
  assert.deepEqual(JSON.parse(formatStats(s, 'json')).owners, s.owners);
});

test('action formats: csv quotes per RFC 4180, markdown escapes pipes, json one object per item', () => {
  const rows = actionRows('x.md', run(doc({ actions: ['| 1 | Fix "a, b" \\| c | Lena | 2026-01-01 | YES | OPEN |'] })), TODAY);
  assert.equal(rows[0]!.action, 'Fix "a, b" | c');
  const csv = formatActions(rows, 'csv').split('\r\n');
  assert.equal(csv[0], 'File,Line,Incident,Action,Owner,Target date,Blocking,Status,Overdue');
  assert.equal(csv[1], 'x.md,20,INC-9,"Fix ""a, b"" | c",Lena,2026-01-01,YES,OPEN,YES');
  assert.match(formatActions(rows, 'markdown'), /\| Fix "a, b" \\\| c \|/);
  const json = JSON.parse(formatActions(rows, 'json'));
  assert.deepEqual(Object.keys(json[0]), ['file', 'line', 'incidentId', 'number', 'action', 'owner', 'targetDate', 'blocking', 'status', 'open', 'overdue']);
  assert.match(formatActions([], 'table'), /^0 action items, 0 open, 0 overdue\n$/);
});

test('the FINAL example: four DONE items, 9 minutes to open, 2h 15m to resolve', () => {
  const a = run(read(path.join(EXAMPLES, 'post-mortems', 'INC-2026-0042-final.md')));
  const rows = actionRows('f.md', a, TODAY);
  assert.equal(rows.length, 4);
  assert.ok(rows.every((r) => !r.open));
  const f = documentFacts('f.md', a);
  assert.equal(f.status, 'FINAL');
  assert.equal(f.toOpen, 9);
  assert.equal(f.toResolve, 135);
});

test("stats count statuses in the workflows of the documents' templates: a team's own, never v1.1's zeros beside it", () => {
  const sre = loadTemplateFile(path.join(EXAMPLES, 'templates', 'sre.md'), (p) => fs.readFileSync(p, 'utf8')).template!;
  const team = run(fs.readFileSync(path.join(EXAMPLES, 'sre-post-mortems', 'checkout-latency.md'), 'utf8'), { template: sre });
  assert.equal(team.status, 'Published');
  const teamFacts = documentFacts('team.md', team);
  assert.deepEqual(computeStats([teamFacts], [], TODAY).byStatus, { Draft: 0, 'In review': 0, Published: 1 });
  const v11 = documentFacts('v11.md', run(doc({ status: 'FINAL' })));
  assert.deepEqual(Object.keys(computeStats([v11, teamFacts], [], TODAY).byStatus), ['DRAFT', 'UNDER REVIEW', 'FINAL', 'Draft', 'In review', 'Published']);
  assert.deepEqual(computeStats([], [], TODAY).byStatus, { DRAFT: 0, 'UNDER REVIEW': 0, FINAL: 0 }, "no document: v1.1's statuses");
});
