/**
 * What the editor shows for a document of a team template (examples/templates/sre.md,
 * examples/sre-post-mortems/checkout-latency.md): which template the summary names, the team's
 * snippets (completion), hover, the outline, the timeline formatter, workspace symbols' fields,
 * and New Post-Mortem writing the team's template.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  applyEdits, builtInTemplate, completionsAt, documentSymbols, formatDocument, hoverAt, loadTemplateFile, newFileTemplate,
  readIncidentSummary, summarize, templateInfo, type Template,
} from '../../server/src/core';
import { DEFAULT_SETTINGS } from '../../server/src/core/settings';
import { templateSnippets, wholeTemplateBody } from '../../server/src/core/templateSnippets';
import { fillTemplate, firstBlank, templateChoices, V1_1_LABELS } from '../../client/src/pure/newPostmortem';
import { finalStatus, parseSummaryResult, parseTemplatesResult } from '../../client/src/pure/protocol';
import { fieldRoles } from '../../shared/src/template/descriptor';
import { V1_1 } from '../../shared/src/template/v1_1';
import { EXAMPLES, read, run } from '../helpers/core';

const TEMPLATE_FILE = path.join(EXAMPLES, 'templates', 'sre.md');
const DOC = read(path.join(EXAMPLES, 'sre-post-mortems', 'checkout-latency.md'));
const NOW = new Date('2026-11-26T23:30:00-05:00'); // 2026-11-27 04:30 UTC

function sre(): Template {
  const r = loadTemplateFile(TEMPLATE_FILE, (p) => fs.readFileSync(p, 'utf8'));
  assert.equal(r.error, undefined);
  return r.template!;
}

/** A snippet body with every tab stop at its default (a choice: its first option), as VS Code inserts it when one tabs through. */
function expand(body: string): string {
  return body
    .replace(/\$\{\d+\|((?:\\.|[^,|\\])*)(?:,(?:\\.|[^|\\])*)*\|\}/g, (_m, first: string) => first)
    .replace(/\$\{\d+:((?:\\.|[^}\\])*)\}/g, (_m, text: string) => text)
    .replace(/\$\{\d+\}|\$\d+/g, '')
    .replace(/\\([\\$}|,])/g, '$1');
}

test('the summary names the template: the team\'s title, file and workflow; v1.1 for a v1.1 document', () => {
  const t = sre();
  const s = summarize(run(DOC, { template: t }), { now: NOW });
  assert.deepEqual(s.template, { title: 'Postmortem: <title>', source: TEMPLATE_FILE, builtIn: false, statuses: ['Draft', 'In review', 'Published'] });
  assert.equal(s.status, 'Published');
  assert.deepEqual(templateInfo(builtInTemplate()), { title: 'Incident Post-Mortem', source: 'built-in template v1.1', builtIn: true, statuses: ['DRAFT', 'UNDER REVIEW', 'FINAL'] });
});

test('the client reads a team document\'s summary: its own statuses, its template, its final status', () => {
  const template = { title: 'Postmortem: <title>', source: '/w/sre.md', builtIn: false, statuses: ['Draft', 'In review', 'Published'] };
  const base = { uri: 'file:///a.md', checked: true, version: 1, incidentId: { state: 'missing' }, errors: 0, actions: { open: 0, overdue: 0 } };
  const [a, b, c] = parseSummaryResult(
    { summaries: [{ ...base, status: 'In review', template }, { ...base, status: 'In review' }, { ...base, status: 'FINAL', template }] },
    ['file:///a.md', 'file:///b.md', 'file:///c.md'],
  )!;
  assert.ok(a!.checked);
  assert.equal(a.status, 'In review');
  assert.deepEqual(a.template, template);
  assert.equal(finalStatus(a), 'Published');
  assert.equal(b!.checked, false, 'without its template, a status outside v1.1\'s is not one');
  assert.equal(c!.checked, false, 'a v1.1 status is not one of the team\'s');
  assert.equal(finalStatus({}), 'FINAL');
});

test('the team template\'s whole-template snippet is its text, tab stops for <...> and choices, the Status its draft', () => {
  const t = sre();
  const body = wholeTemplateBody(t);
  assert.equal(expand(body), t.text.replace('**Status:** Draft / In review / Published', '**Status:** Draft').replace(/\n$/, ''));
  assert.match(body, /^# Postmortem: \$\{1:<title>\}$/m);
  assert.match(body, /^\*\*Status:\*\* \$\{\d+\|Draft,In review,Published\|\}$/m);
  assert.match(body, /^\*\*Severity:\*\* \$\{\d+\|SEV1 \/ SEV2 \/ SEV3,SEV1,SEV2,SEV3\|\}$/m);
  assert.match(body, /^\| \$\{0:<YYYY-MM-DD HH:MM>\} \| \$\{\d+:<what happened>\} \|/m, 'the cursor ends in the first timeline row');
  assert.match(body, /^\| Time \(UTC\) \| Event \| Who \|$/m, 'header rows stay literal');
});

test('the team template\'s row snippets: one per list table, from its example row', () => {
  const snippets = templateSnippets(sre());
  assert.deepEqual(snippets.map((s) => s.prefix), ['pm-template', 'pm-timeline-row', 'pm-action-row']);
  assert.equal(snippets[1]!.body, '| ${1:<YYYY-MM-DD HH:MM>} | ${2:<what happened>} | ${3:<person or system>} |$0');
  assert.equal(snippets[2]!.body, '| ${1:<what will change>} | ${2:<owner>} | ${3:<YYYY-MM-DD>} | ${4|Open / In progress / Done,Open,In progress,Done|} |$0');
  assert.equal(snippets[2]!.description, 'A row of Action items: Action, Owner, Due date, Status');
});

test('completion: the team\'s snippets at the start of a line, the word typed replaced; none for v1.1 documents', () => {
  const a = run(DOC, { template: sre() });
  const blank = DOC.indexOf('\n\n## Impact') + 1;
  assert.deepEqual(completionsAt(a, blank, DEFAULT_SETTINGS).map((c) => [c.label, c.kind]), [['pm-template', 'snippet'], ['pm-timeline-row', 'snippet'], ['pm-action-row', 'snippet']]);
  const typed = `${DOC.slice(0, blank)}pm-ti${DOC.slice(blank)}`;
  const b = run(typed, { template: sre() });
  const row = completionsAt(b, blank + 5, DEFAULT_SETTINGS).find((c) => c.label === 'pm-timeline-row')!;
  assert.deepEqual([row.start, row.end], [blank, blank + 5]);
  assert.deepEqual(completionsAt(a, DOC.indexOf('| 14:09') + 1, DEFAULT_SETTINGS), [], 'not inside a table row');
  const v11 = read(path.join(EXAMPLES, 'post-mortems', fs.readdirSync(path.join(EXAMPLES, 'post-mortems')).find((f) => f.endsWith('.md') && !/readme/i.test(f))!));
  const c = run(v11);
  assert.ok(c.isPostmortem);
  assert.deepEqual(completionsAt(c, v11.indexOf('\n\n') + 1, DEFAULT_SETTINGS), [], 'v1.1 has its static snippets');
});

test('hover and choices follow the team template', () => {
  const a = run(DOC, { template: sre() });
  const at = (s: string) => DOC.indexOf(s) + 1;
  assert.equal(hoverAt(a, at('SEV2'))?.markdown, 'Severity.\n\nAllowed: `SEV1`, `SEV2`, `SEV3`');
  assert.deepEqual(completionsAt(a, at('Published'), DEFAULT_SETTINGS).map((c) => c.label), ['Draft', 'In review', 'Published']);
  assert.match(hoverAt(a, at('14:09'))?.markdown ?? '', /^Time \(UTC\)/);
  // The template's own guidance for the value, and its column names.
  assert.equal(hoverAt(a, at('About 12,000'))?.markdown, 'Users affected.\n\nTemplate: *number or "None"*');
  assert.equal(hoverAt(a, at('2026-11-11'))?.markdown, 'Due date: YYYY-MM-DD.\n\nTemplate: *YYYY-MM-DD*');
  assert.match(hoverAt(a, at('deploy pipeline'))?.markdown ?? '', /^Who: [^]*\n\nTemplate: \*person or system\*$/);
});

test('the outline is the team document\'s headings, under its title', () => {
  const syms = documentSymbols(run(DOC, { template: sre() }));
  assert.deepEqual(syms.map((s) => [s.name, s.children.map((c) => c.name)]), [
    ['Postmortem: Checkout latency after the cache migration', ['Summary', 'Impact', 'Timeline', 'Root causes', 'Action items', 'Lessons learned (optional)']],
  ]);
});

test('the timeline formatter aligns the team\'s timeline and leaves its other tables alone', () => {
  const messy = DOC.replace('| 14:09 | p99 checkout latency alert fires | monitoring |', '|14:09|p99 checkout latency alert fires|monitoring|');
  const a = run(messy, { template: sre() });
  const out = applyEdits(messy, formatDocument(a.text, { scope: 'timeline', sortByTime: false }));
  const rows = out.split('\n').filter((l) => /^\| (Time|-|\d)/.test(l));
  assert.ok(rows.length >= 7);
  assert.equal(new Set(rows.map((r) => r.length)).size, 1, 'every timeline line as wide as the others');
  assert.ok(out.includes('| 14:09            | p99 checkout latency alert fires '));
  assert.ok(out.includes('| Measure | Value |\n|---------|-------|'), 'the Impact table is not the timeline');
  assert.equal(applyEdits(out, formatDocument(out, { scope: 'timeline', sortByTime: false })), out, 'idempotent');
});

test('workspace symbols: a team document\'s ID, title (beyond the template\'s), severity and status, by role', () => {
  assert.deepEqual(fieldRoles(sre().descriptor), { incidentId: 'Incident ID', author: 'Authors', date: 'Date', status: 'Status', severity: 'Severity' });
  const s = readIncidentSummary(DOC, sre());
  assert.deepEqual({ ...s, start: undefined, end: undefined }, { id: 'INC-2026-0113', title: 'Checkout latency after the cache migration', severity: 'SEV2', status: 'Published', start: undefined, end: undefined });
  assert.equal(DOC.slice(s.start, s.end), 'INC-2026-0113');
  const fresh = readIncidentSummary(sre().text, sre());
  assert.deepEqual([fresh.id, fresh.title, fresh.severity, fresh.status], [undefined, undefined, undefined, undefined], 'the bare template says nothing');
  assert.equal(readIncidentSummary(DOC).id, 'INC-2026-0113', 'read as v1.1, only the Incident ID is found');
});

test('New Post-Mortem with the team template: its fields by role filled, the draft status, nothing else changed', () => {
  const t = newFileTemplate(sre());
  assert.deepEqual(t.fields, { incidentId: 'Incident ID', author: 'Authors', date: 'Date', status: 'Status' });
  const text = fillTemplate(t.text, { incidentId: 'INC-2026-0200', author: 'Dana Whitfield', now: NOW }, { fields: t.fields, statuses: t.statuses });
  const changed = t.text.split('\n').flatMap((l, i) => (l === text.split('\n')[i] ? [] : [text.split('\n')[i]]));
  assert.deepEqual(changed, ['**Incident ID:** INC-2026-0200', '**Authors:** Dana Whitfield', '**Date:** 2026-11-27', '**Status:** Draft']);
  // The new file is a draft of that template: nothing louder than information.
  const a = run(text.replace('<title>', 'Checkout down'), { template: sre() });
  assert.deepEqual(a.findings.filter((f) => f.severity !== 'information').map((f) => f.code), []);
  assert.deepEqual(firstBlank('# Postmortem: <title>', false), { start: 14, length: 7 });
  assert.deepEqual(firstBlank('**Post-Mortem Author:** ____', true), { start: 24, length: 4 });
  assert.deepEqual(V1_1_LABELS.fields, { incidentId: 'Incident ID', author: 'Post-Mortem Author', date: 'Date Written (UTC)', status: 'Status' });
  assert.equal(fieldRoles(V1_1).severity, undefined);
});

test('New Post-Mortem asks which template only when several team templates are configured', () => {
  const builtIn = { builtIn: true, title: 'v1.1' };
  const a = { builtIn: false, title: 'a' };
  const b = { builtIn: false, title: 'b' };
  assert.deepEqual(templateChoices([builtIn]), { use: builtIn });
  assert.deepEqual(templateChoices([a, builtIn]), { use: a });
  assert.deepEqual(templateChoices([a, b, builtIn]), { pick: [a, b, builtIn] });
  assert.equal(templateChoices([]), undefined);
});

test('the postmortem/templates answer is read at the boundary', () => {
  const good = newFileTemplate(sre());
  const parsed = parseTemplatesResult({ templates: [good, { ...good, text: 3 }, newFileTemplate(builtInTemplate())] })!;
  assert.deepEqual(parsed.map((t) => t.title), ['Postmortem: <title>', 'Incident Post-Mortem']);
  assert.deepEqual(parsed[0], good);
  assert.equal(parseTemplatesResult({}), undefined);
});
