/**
 * A team template over stdio, for what an editor shows besides diagnostics: `postmortem/summary`
 * names the document's template (the client's one detector), `postmortem/templates` lists the
 * folder's templates for New Post-Mortem, completion offers the team's snippets, and workspace
 * symbols read each file with its own template. A temporary workspace: the SRE template under
 * `templates/`, its example under `incidents/` (no `postmortem.files` glob matches it), and a
 * v1.1 post-mortem.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CompletionItem, DocumentSymbol, SymbolInformation, TextEdit } from 'vscode-languageserver-protocol';
import { SUMMARY_REQUEST, TEMPLATES_REQUEST, type CheckedSummary, type SummaryResult, type TemplatesResult } from '../../shared/src/protocol';
import { REPO } from '../helpers/build';
import { COMPLETE, read, tempDir, write } from '../helpers/fixtures';
import { fileUri, LspTestClient } from '../helpers/lspClient';

const SETTINGS = { validation: { delayMs: 0 }, templates: ['templates/sre.md'] };

describe('team template in the editor (issue 11)', () => {
  let ws: { dir: string; cleanup: () => void };
  let client: LspTestClient;
  let sreFile: string;
  let sreUri: string;
  let sreText: string;

  before(async () => {
    ws = tempDir('pm-team-');
    write(path.join(ws.dir, 'templates', 'sre.md'), read(path.join(REPO, 'examples', 'templates', 'sre.md')));
    sreFile = path.join(ws.dir, 'incidents', 'checkout-latency.md');
    write(sreFile, read(path.join(REPO, 'examples', 'sre-post-mortems', 'checkout-latency.md')));
    write(path.join(ws.dir, 'post-mortems', 'INC-2026-0928-01.md'), read(COMPLETE));
    write(path.join(ws.dir, 'notes.md'), '# Notes\n\nNot a post-mortem.\n');
    client = await LspTestClient.start({ root: ws.dir, configuration: () => SETTINGS });
    ({ uri: sreUri, text: sreText } = await client.openFile(sreFile));
    await client.waitForDiagnostics(sreUri, (p) => p.version === 1);
  });
  after(async () => {
    await client?.stop();
    ws?.cleanup();
  });

  it('postmortem/summary says a team document is a post-mortem, and which template it follows (open and on disk)', async () => {
    const closed = fileUri(path.join(ws.dir, 'incidents', 'copy.md'));
    fs.copyFileSync(sreFile, new URL(closed).pathname);
    const notes = fileUri(path.join(ws.dir, 'notes.md'));
    const templateUri = fileUri(path.join(ws.dir, 'templates', 'sre.md'));
    const { summaries } = await client.request<SummaryResult>(SUMMARY_REQUEST, { uris: [sreUri, closed, notes, templateUri] });
    const template = { title: 'Postmortem: <title>', source: path.join(ws.dir, 'templates', 'sre.md'), builtIn: false, statuses: ['Draft', 'In review', 'Published'] };
    for (const s of summaries.slice(0, 2)) {
      assert.ok(s.checked, JSON.stringify(s));
      assert.deepEqual((s as CheckedSummary).template, template);
      assert.equal((s as CheckedSummary).status, 'Published');
    }
    assert.equal(summaries[2]!.checked, false);
    // The template file matches its own title, but it is not an incident.
    assert.deepEqual(summaries[3], { uri: templateUri, checked: false, reason: 'a template file (postmortem.templates), not a post-mortem' });
  });

  it('postmortem/templates: the folder\'s team templates, then the built-in one, with the fields New Post-Mortem fills', async () => {
    const probe = fileUri(path.join(ws.dir, 'post-mortems', 'new-post-mortem.md'));
    const r = await client.request<TemplatesResult>(TEMPLATES_REQUEST, { textDocument: { uri: probe } });
    assert.deepEqual(r.templates.map((t) => [t.title, t.builtIn, t.fields]), [
      ['Postmortem: <title>', false, { incidentId: 'Incident ID', author: 'Authors', date: 'Date', status: 'Status' }],
      ['Incident Post-Mortem', true, { incidentId: 'Incident ID', author: 'Post-Mortem Author', date: 'Date Written (UTC)', status: 'Status' }],
    ]);
    assert.equal(r.templates[0]!.text, read(path.join(ws.dir, 'templates', 'sre.md')));
    await assert.rejects(client.request(TEMPLATES_REQUEST, {}), /textDocument\.uri/);
  });

  it('completion at the start of a line offers the team\'s snippets (snippet format), replacing the word typed', async () => {
    const line = sreText.split('\n').findIndex((l) => l === '## Impact') - 1;
    const text = sreText.split('\n').map((l, i) => (i === line ? 'pm-act' : l)).join('\n');
    await client.change(sreUri, [{ text }]);
    const items = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri: sreUri }, position: { line, character: 6 } });
    assert.deepEqual(items.map((i) => i.label), ['pm-template', 'pm-timeline-row', 'pm-action-row']);
    const row = items.find((i) => i.label === 'pm-action-row')!;
    assert.equal(row.insertTextFormat, 2);
    assert.deepEqual((row.textEdit as TextEdit).range, { start: { line, character: 0 }, end: { line, character: 6 } });
    assert.equal((row.textEdit as TextEdit).newText, '| ${1:<what will change>} | ${2:<owner>} | ${3:<YYYY-MM-DD>} | ${4|Open / In progress / Done,Open,In progress,Done|} |$0');
    await client.change(sreUri, [{ text: sreText }]);
  });

  it('the outline is the team document\'s sections', async () => {
    const syms = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: sreUri } });
    assert.deepEqual(syms.map((s) => s.name), ['Postmortem: Checkout latency after the cache migration']);
    assert.deepEqual(syms[0]!.children?.map((s) => s.name), ['Summary', 'Impact', 'Timeline', 'Root causes', 'Action items', 'Lessons learned (optional)']);
  });

  it('workspace symbols: a team document by its Incident ID, title, Severity and Status, beside the v1.1 ones', async () => {
    const all = await client.request<SymbolInformation[]>('workspace/symbol', { query: '' });
    const byName = all.map((s) => [s.name, s.containerName, path.relative(ws.dir, new URL(s.location.uri).pathname)]).sort();
    assert.deepEqual(byName, [
      ['INC-2026-0113 — Checkout latency after the cache migration', 'SEV2 · Published', path.join('incidents', 'checkout-latency.md')],
      ['INC-2026-0113 — Checkout latency after the cache migration', 'SEV2 · Published', path.join('incidents', 'copy.md')],
      ['INC-2026-0928-01 — Oracle price staleness', 'HIGH · DRAFT', path.join('post-mortems', 'INC-2026-0928-01.md')],
    ]);
    const some = await client.request<SymbolInformation[]>('workspace/symbol', { query: 'sev2 checkout' });
    assert.equal(some.length, 2);
  });
});
