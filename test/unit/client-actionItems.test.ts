/** The Action Items view's grouping (client/src/pure/actionItems.ts) and the summary's action items (core/summary.ts). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import type { WireActionItem } from '../../shared/src/protocol';
import { describeGroup, describeItem, groupActionItems, type ActionItemRef } from '../../client/src/pure/actionItems';
import { actionItem, parseSummaryResult } from '../../client/src/pure/protocol';
import { summarize } from '../../server/src/core';
import { EXAMPLES, read, run, TODAY } from '../helpers/core';

const item = (o: Partial<WireActionItem>): WireActionItem => ({ line: 1, action: 'x', owner: null, targetDate: null, blocking: null, status: 'OPEN', open: true, overdue: false, ...o });
const ref = (uri: string, o: Partial<WireActionItem>): ActionItemRef => ({ uri, incidentId: 'INC-1', item: item(o) });

const refs: ActionItemRef[] = [
  ref('file:///b.md', { line: 10, action: 'late', owner: 'Lena', targetDate: '2026-11-01', overdue: true, blocking: true }),
  ref('file:///a.md', { line: 11, action: 'soon', owner: 'Priya', targetDate: '2026-11-30' }),
  ref('file:///a.md', { line: 12, action: 'later', owner: 'Lena', targetDate: '2027-01-01', status: 'IN PROGRESS' }),
  ref('file:///a.md', { line: 13, action: 'nobody', targetDate: null }),
  ref('file:///a.md', { line: 14, action: 'done', owner: 'Priya', targetDate: '2026-01-01', status: 'DONE', open: false }),
];

test('grouped by owner: names in order, (no owner) last; overdue first, then by date, done last', () => {
  const g = groupActionItems(refs, 'owner', '2026-11-26');
  assert.deepEqual(g.map((x) => [x.label, x.items.map((r) => r.item.action)]), [
    ['Lena', ['late', 'later']],
    ['Priya', ['soon', 'done']],
    ['(no owner)', ['nobody']],
  ]);
  assert.equal(describeGroup(g[0]!), '2 open · 1 overdue');
  assert.equal(describeItem(g[0]!.items[0]!, 'owner'), 'OVERDUE · BLOCKING · due 2026-11-01 · INC-1');
  assert.equal(describeItem(g[0]!.items[1]!, 'owner'), 'due 2027-01-01 · IN PROGRESS · INC-1');
});

test('grouped by due date: overdue, within 7 days, later, undated, done', () => {
  const g = groupActionItems(refs, 'due', '2026-11-26');
  assert.deepEqual(g.map((x) => [x.label, x.items.map((r) => r.item.action)]), [
    ['Overdue', ['late']],
    ['Due within 7 days', ['soon']],
    ['Due later', ['later']],
    ['No target date', ['nobody']],
    ['Done', ['done']],
  ]);
  assert.equal(describeItem(g[3]!.items[0]!, 'due'), '(no owner) · INC-1');
});

test('the summary lists the action items only when asked, lines 0-based, as the client reads them', () => {
  const a = run(read(path.join(EXAMPLES, 'post-mortems', 'INC-2026-0057-draft.md')));
  assert.equal(summarize(a, { now: TODAY }).actionItems, undefined);
  const items = summarize(a, { now: TODAY, actionItems: true }).actionItems!;
  assert.equal(items.length, 4);
  assert.deepEqual(items[1], { line: 110, action: 'Make the relay fail closed when its upstream is unauthenticated', owner: null, targetDate: '2026-12-30', blocking: true, status: 'OPEN', open: true, overdue: false });
  assert.match(a.text.split('\n')[items[1]!.line]!, /^\| 2 \| Make the relay fail closed/);
  const [parsed] = parseSummaryResult({ summaries: [{ uri: 'u', checked: true, version: 1, status: 'DRAFT', incidentId: { state: 'placeholder' }, errors: 0, actions: { open: 1, overdue: 0 }, actionItems: [...items, { line: -1 }] }] }, ['u'])!;
  assert.ok(parsed!.checked);
  assert.deepEqual(parsed!.actionItems, items, 'a malformed item is left out');
  assert.equal(actionItem({ ...items[0], blocking: 'YES' }), undefined);
});
