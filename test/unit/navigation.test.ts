/**
 * The core of links, inlay hints, rename, workspace symbols, go to definition and the Status
 * lens (core/links.ts, inlayHints.ts, rename.ts, navigation.ts): offsets in, data out, on
 * in-memory documents and an in-memory file system.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  DEFAULT_SETTINGS,
  analyze,
  applyEdits,
  describeIncident,
  documentLinks,
  formatSpan,
  incidentIdAt,
  idOccurrences,
  inlayHints,
  invalidIncidentId,
  matchesQuery,
  planRename,
  readIncidentSummary,
  renamedFilePath,
  sanitizeSettings,
  statusLens,
  tokenAt,
  type FileSystem,
} from '../../server/src/core';
import { REPO } from '../helpers/core';

const DRAFT = fs.readFileSync(path.join(REPO, 'test/fixtures/protocol/draft.md'), 'utf8');
const ROOT = '/ws';
const memFs = (paths: string[]): FileSystem => {
  const all = new Set<string>();
  for (const p of paths) {
    const segs = p.split('/');
    for (let i = 2; i <= segs.length; i++) all.add(segs.slice(0, i).join('/'));
  }
  return { exists: (p) => all.has(p.replace(/\/+$/, '')), realpath: (p) => (all.has(p) ? p : undefined) };
};
const EVIDENCE = '/ws/governance/evidence/INC-2026-0928-01';
const fsWith = memFs([`${EVIDENCE}/decision-checklist.md`, `${EVIDENCE}/audit-log.jsonl`]);
const run = (text: string) => analyze(text, { settings: DEFAULT_SETTINGS, root: ROOT, fs: fsWith });
const slice = (text: string, s: { start: number; end: number }) => text.slice(s.start, s.end);

test('document links: existing evidence paths and the Incident ID → its folder; missing paths and URLs get none', () => {
  const extra = DRAFT.replace('## 3. Root Cause Analysis', 'See `governance/evidence/INC-2026-0928-01/audit-log.jsonl` and `governance/evidence/INC-2026-0928-01/nope.txt`.\n\n## 3. Root Cause Analysis');
  const a = run(extra);
  const links = documentLinks(a, { root: ROOT, evidenceRoot: 'governance/evidence', fs: fsWith });
  const texts = links.map((l) => [slice(extra, l), l.target]);
  assert.deepEqual(texts, [
    ['INC-2026-0928-01', EVIDENCE],
    ['governance/evidence/INC-2026-0928-01/audit-log.jsonl', `${EVIDENCE}/audit-log.jsonl`],
    ['governance/evidence/INC-2026-0928-01/decision-checklist.md', `${EVIDENCE}/decision-checklist.md`],
    ['governance/evidence/INC-2026-0928-01/audit-log.jsonl', `${EVIDENCE}/audit-log.jsonl`],
  ]);
  assert.deepEqual(documentLinks(a, { evidenceRoot: 'governance/evidence', fs: fsWith }), [], 'no root, no links');
});

test('inlay hints: computed Total duration when it differs or is empty, +time since detection, time to open/resolve', () => {
  const a = run(DRAFT);
  const hints = inlayHints(a, DEFAULT_SETTINGS.inlayHints);
  /** Offset right after the cell `| needle |`'s text. */
  const at = (needle: string) => DRAFT.indexOf(`| ${needle} |`) + 2 + needle.length;
  const labels = new Map(hints.map((h) => [h.offset, h.label]));
  assert.equal(labels.get(at('6h 30m')), '≠ 8h 30m');
  assert.equal(labels.get(at('2026-09-28 07:40 UTC')), 'time to open 9m');
  assert.equal(labels.get(at('2026-09-28 16:10 UTC')), 'time to resolve 8h 30m');
  assert.equal(labels.get(at('2026-09-28 07:31')), '+0m');
  assert.equal(labels.get(at('2026-09-28 07:35')), '+4m');
  assert.equal(labels.get(at('2026-09-29 09:00')), '+1d 1h 29m');
  assert.ok(![...labels.keys()].includes(at('2026-09-28 07:52 PDT')), 'a non-UTC time gets no hint');
  // empty Total duration: the computed one, with "="
  const empty = DRAFT.replace('| Total duration | 6h 30m |', '| Total duration | |');
  assert.ok(inlayHints(run(empty), DEFAULT_SETTINGS.inlayHints).some((h) => h.label === '= 8h 30m'));
  // matching duration: no hint there
  const right = DRAFT.replace('| Total duration | 6h 30m |', '| Total duration | 8h 30m |');
  assert.ok(!inlayHints(run(right), DEFAULT_SETTINGS.inlayHints).some((h) => /^[=≠] /.test(h.label)));
  // settings switch each kind off; a range keeps only its hints
  assert.deepEqual(inlayHints(a, { totalDuration: false, timeline: false, summary: false }), []);
  const tl = DRAFT.indexOf('## 2. Timeline');
  const inRange = inlayHints(a, DEFAULT_SETTINGS.inlayHints, { start: tl, end: DRAFT.indexOf('## 3.') });
  assert.equal(inRange.length, 9, JSON.stringify(inRange));
  assert.ok(inRange.every((h) => h.label.startsWith('+')));
});

test('inlay hints: unreadable First detected means no timeline or summary hints; seconds are kept when written', () => {
  const broken = DRAFT.replace('| First detected (UTC) | 2026-09-28 07:31 UTC |', '| First detected (UTC) | soon |');
  const hints = inlayHints(run(broken), DEFAULT_SETTINGS.inlayHints);
  assert.deepEqual(hints.map((h) => h.label), ['≠ 8h 30m']);
  assert.equal(formatSpan(450, true), '7m 30s');
  assert.equal(formatSpan(450, false), '8m');
  assert.equal(formatSpan(-180, false), '-3m');
  assert.equal(formatSpan(30, true), '30s');
});

test('inlay hint settings are sanitised', () => {
  const problems: string[] = [];
  const s = sanitizeSettings({ inlayHints: { timeline: false, summary: 'no' } }, problems);
  assert.deepEqual(s.inlayHints, { totalDuration: true, timeline: false, summary: true });
  assert.deepEqual(problems, ['postmortem.inlayHints.summary: expected true or false']);
});

test('rename: occurrences are whole tokens; the plan edits each one and names the evidence folders', () => {
  assert.deepEqual(idOccurrences('INC-1 INC-12 XINC-1 INC-1. INC-1.5 (INC-1)', 'INC-1').map((o) => o.start), [0, 20, 36]);
  const a = run(DRAFT);
  const idAt = DRAFT.indexOf('INC-2026-0928-01');
  assert.equal(incidentIdAt(a, idAt + 3)?.start, idAt);
  const inPath = DRAFT.indexOf('evidence/INC-2026-0928-01/reconciliation') + 'evidence/'.length + 2;
  assert.equal(slice(DRAFT, incidentIdAt(a, inPath)!), 'INC-2026-0928-01');
  assert.equal(incidentIdAt(a, DRAFT.indexOf('Dana Whitfield')), undefined);
  const plan = planRename(a, inPath, 'INC-2026-0928-02', DEFAULT_SETTINGS);
  assert.ok(!('error' in plan));
  assert.equal(plan.edits.length, 4);
  const renamed = applyEdits(DRAFT, plan.edits);
  assert.ok(!renamed.includes('INC-2026-0928-01'));
  assert.equal(renamed.split('INC-2026-0928-02').length - 1, 4);
  assert.deepEqual(plan.evidenceFolder, { from: 'governance/evidence/INC-2026-0928-01', to: 'governance/evidence/INC-2026-0928-02' });
});

test('rename: the new ID is checked first', () => {
  const a = run(DRAFT);
  const at = DRAFT.indexOf('INC-2026-0928-01');
  const bad = planRename(a, at, 'a/b', DEFAULT_SETTINGS);
  assert.ok('error' in bad && /slashes/.test(bad.error));
  const pattern = planRename(a, at, 'X', DEFAULT_SETTINGS);
  assert.ok('error' in pattern && /does not match the Incident ID pattern/.test(pattern.error), JSON.stringify(pattern));
  assert.match(invalidIncidentId('INC-9', '^INC-\\d{4}$') ?? '', /INC-\\d\{4\}/);
  assert.equal(invalidIncidentId('INC-2026', '^INC-\\d{4}$'), undefined);
  const elsewhere = planRename(a, DRAFT.indexOf('Dana'), 'INC-1234', DEFAULT_SETTINGS);
  assert.ok('error' in elsewhere && /Only the Incident ID/.test(elsewhere.error));
  assert.equal(renamedFilePath('/ws/post-mortems/INC-1.md', 'INC-1', 'INC-2'), '/ws/post-mortems/INC-2.md');
  assert.equal(renamedFilePath('/ws/INC-1/pm.md', 'INC-1', 'INC-2'), undefined, 'only the file name, not its folder');
});

test('workspace symbols: a post-mortem by ID, title (else Trigger), severity and status, read from its head', () => {
  const s = readIncidentSummary(DRAFT);
  assert.equal(s.id, 'INC-2026-0928-01');
  assert.equal(slice(DRAFT, s), 'INC-2026-0928-01');
  assert.deepEqual(describeIncident(s, 'draft.md'), { name: 'INC-2026-0928-01 — Oracle price staleness', detail: 'HIGH · FINAL' });
  const fresh = readIncidentSummary('# Incident Post-Mortem: Relayer outage\n\n**Incident ID:** ___\n**Status:** DRAFT / UNDER REVIEW / FINAL\n');
  assert.deepEqual(describeIncident(fresh, 'x.md'), { name: 'Relayer outage', detail: '' });
  assert.ok(matchesQuery('oracle high', 'INC-1 — Oracle price staleness', 'HIGH · FINAL'));
  assert.ok(!matchesQuery('oracle medium', 'INC-1 — Oracle price staleness', 'HIGH · FINAL'));
  assert.ok(matchesQuery('', 'anything'));
});

test('go to definition: the ID-like token under the cursor, without a full stop', () => {
  const text = 'See INC-2026-0042. Then nothing.';
  assert.deepEqual(tokenAt(text, 8), { text: 'INC-2026-0042', start: 4, end: 17 });
  assert.equal(tokenAt(text, 25), undefined, 'a word without a digit is no incident ID');
});

test('status lens: Mark Final, or the blockers, and nothing once FINAL', () => {
  const draft = DRAFT.replace('**Status:** FINAL', '**Status:** DRAFT');
  const a = run(draft);
  const line = draft.indexOf('**Status:**');
  const ok = statusLens(a, { ok: true, edit: { start: 0, end: 0, newText: 'FINAL' } });
  assert.deepEqual(ok, { start: line, end: line + '**Status:** DRAFT'.length, title: 'Mark Final', command: 'postmortem.markFinal' });
  const blocked = statusLens(a, { ok: false, blockers: [{ code: 'PM010', message: '', severity: 'error', start: 0, end: 0 }] });
  assert.equal(blocked?.title, 'Mark Final: 1 blocker');
  assert.equal(blocked?.command, 'postmortem.finalBlockers');
  assert.equal(statusLens(run(DRAFT), { ok: true, edit: { start: 0, end: 0, newText: '' } }), undefined);
});
