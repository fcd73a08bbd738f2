/**
 * The quick-fix and Mark Final acceptance scenario over stdio, as a client that is not
 * VS Code sees it: one-defect variants of the complete FINAL example; each quick fix is
 * one code action whose edit changes only its own line, read from `changes` as well as
 * from `documentChanges`; Mark Final sets FINAL on a complete document and refuses,
 * listing PM012 and editing nothing, when a sign-off is missing.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, Diagnostic, TextDocumentEdit, TextEdit } from 'vscode-languageserver-protocol';
import { LineIndex, applyEdits } from '../../server/src/core';
import { versionedEdit } from '../../server/src/node/lspConvert';
import { REPO, TMP } from '../helpers/build';
import { memUri as sharedMemUri, read } from '../helpers/fixtures';
import { LspTestClient, fileUri } from '../helpers/lspClient';

const EXAMPLES = path.join(REPO, 'examples');
const FINAL = read(path.join(EXAMPLES, 'post-mortems', 'INC-2026-0042-final.md'));
const memUri = (name: string) => sharedMemUri(name, path.join(EXAMPLES, 'post-mortems'));

function variant(a: string, b: string, text = FINAL): string {
  assert.ok(text.includes(a), `the example has no ${JSON.stringify(a)}`);
  return text.replace(a, b);
}

/** Applies LSP text edits with the core's UTF-16 LineIndex. */
function applyLsp(text: string, edits: TextEdit[]): string {
  const li = new LineIndex(text);
  return applyEdits(text, edits.map((e) => ({ start: li.offsetAt(e.range.start), end: li.offsetAt(e.range.end), newText: e.newText })));
}

function changedLines(before: string, after: string): number[] {
  const a = before.split('\n');
  const b = after.split('\n');
  assert.equal(b.length, a.length, 'no line added or removed');
  return a.flatMap((l, i) => (l === b[i] ? [] : [i]));
}

describe('acceptance: quick fixes and Mark Final for any LSP client', () => {
  let client: LspTestClient;
  before(async () => {
    client = await LspTestClient.start({ root: EXAMPLES, configuration: () => ({ validation: { delayMs: 0 } }) });
  });
  after(() => client?.stop());

  it('a workspace edit carries the same edits in changes and in documentChanges', () => {
    const edit = { range: { start: { line: 1, character: 2 }, end: { line: 1, character: 4 } }, newText: 'x' };
    const we = versionedEdit('file:///a.md', 3, [edit]);
    assert.deepEqual(we.documentChanges, [{ textDocument: { uri: 'file:///a.md', version: 3 }, edits: [edit] }]);
    assert.deepEqual(we.changes, { 'file:///a.md': [edit] });
  });

  const cases: { name: string; code: string; text: string; line: string; expected: string }[] = [
    {
      name: 'a wrong duration',
      code: 'PM009',
      text: variant('| Total duration | 2h 15m |', '| Total duration | 2h |'),
      line: '| Total duration |',
      expected: '| Total duration | 2h 15m |',
    },
    {
      name: 'a PDT time in the summary',
      code: 'PM005',
      text: variant('| First detected (UTC) | 2026-09-28 14:52 UTC |', '| First detected (UTC) | 2026-09-28 07:52 PDT |'),
      line: '| First detected (UTC) |',
      expected: '| First detected (UTC) | 2026-09-28 14:52 UTC |',
    },
    {
      name: 'a PDT time in the timeline',
      code: 'PM005',
      text: variant('| 15:04 | First responder', '| 08:04 PDT | First responder'),
      line: 'First responder acknowledged',
      expected: '| 15:04 | First responder acknowledged | Tomás Ortega |',
    },
    {
      name: 'an <INCIDENT_ID> placeholder',
      code: 'PM013',
      text: variant('`governance/evidence/INC-2026-0042/decision-checklist.md`', '`governance/evidence/<INCIDENT_ID>/decision-checklist.md`'),
      line: '| Decision checklist |',
      expected: '| Decision checklist | `governance/evidence/INC-2026-0042/decision-checklist.md` |',
    },
  ];

  for (const [i, c] of cases.entries()) {
    it(`fixes ${c.name} (${c.code}) with one code action that changes only its own line`, async () => {
      const uri = memUri(`acceptance-${i}.md`);
      await client.open(uri, c.text, 1);
      const { diagnostics } = await client.waitForDiagnostics(uri, (p) => p.version === 1);
      assert.deepEqual(diagnostics.map((d) => d.code), [c.code], 'one defect, one finding');
      const d = diagnostics[0] as Diagnostic;
      const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri },
        range: d.range,
        context: { diagnostics: [d], only: ['quickfix'] },
      });
      const fixes = actions.filter((a) => a.edit);
      assert.equal(fixes.length, 1, `one quick fix: ${actions.map((a) => a.title).join(', ')}`);
      const action = fixes[0]!;
      const fromChanges = applyLsp(c.text, action.edit!.changes![uri]!);
      const fromDocumentChanges = applyLsp(c.text, (action.edit!.documentChanges![0] as TextDocumentEdit).edits as TextEdit[]);
      assert.equal(fromChanges, fromDocumentChanges);
      const lineNo = c.text.split('\n').findIndex((l) => l.includes(c.line));
      assert.deepEqual(changedLines(c.text, fromChanges), [lineNo]);
      assert.equal(fromChanges.split('\n')[lineNo], c.expected);
      assert.equal(fromChanges, FINAL, 'the fix restores the complete example');
    });
  }

  it('Mark Final sets FINAL, and nothing else, on a complete document', async () => {
    const text = variant('**Status:** FINAL', '**Status:** UNDER REVIEW');
    const uri = memUri('acceptance-complete.md');
    await client.open(uri, text, 1);
    await client.waitForDiagnostics(uri, (p) => p.version === 1);
    const before = client.appliedEdits.length;
    const r = await client.request<{ applied: boolean }>('workspace/executeCommand', { command: 'postmortem.markFinal', arguments: [uri] });
    assert.deepEqual(r, { applied: true });
    assert.equal(client.appliedEdits.length, before + 1);
    const change = client.appliedEdits.at(-1)!.edit.documentChanges![0] as TextDocumentEdit;
    assert.equal(applyLsp(text, change.edits as TextEdit[]), FINAL);
  });

  it('Mark Final refuses when a sign-off is missing: PM012 among the blockers, no edit', async () => {
    const text = variant(
      '| Technical Lead | Tomás Ortega | TO | 2026-10-02 |',
      '| Technical Lead | Tomás Ortega | | 2026-10-02 |',
      variant('**Status:** FINAL', '**Status:** UNDER REVIEW'),
    );
    const uri = memUri('acceptance-unsigned.md');
    await client.open(uri, text, 1);
    const { diagnostics } = await client.waitForDiagnostics(uri, (p) => p.version === 1);
    assert.deepEqual(diagnostics, [], 'unsigned is not a finding before FINAL');
    const before = client.appliedEdits.length;
    const r = await client.request<{ applied: boolean; blockers: Diagnostic[] }>('workspace/executeCommand', {
      command: 'postmortem.markFinal',
      arguments: [uri],
    });
    assert.equal(r.applied, false);
    assert.ok(r.blockers.some((b) => b.code === 'PM012'), 'PM012 blocks');
    assert.ok(r.blockers.every((b) => b.source === 'postmortem' && typeof b.message === 'string' && b.range));
    assert.equal(client.appliedEdits.length, before, 'no edit');
  });
});

describe('acceptance: a bare client that announces no capabilities', () => {
  let client: LspTestClient;
  before(async () => {
    client = await LspTestClient.start({ root: EXAMPLES, capabilities: {}, initializationOptions: { postmortem: { validation: { delayMs: 0 } } } });
  });
  after(() => client?.stop());

  it('gets the quick fix from the range alone (no diagnostics in the request)', async () => {
    const text = variant('| Total duration | 2h 15m |', '| Total duration | 2h |');
    const uri = memUri('bare-duration.md');
    await client.open(uri, text, 1);
    const { diagnostics } = await client.waitForDiagnostics(uri, (p) => p.version === 1);
    assert.deepEqual(diagnostics.map((d) => d.code), ['PM009']);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: diagnostics[0]!.range.start, end: diagnostics[0]!.range.start },
      context: { diagnostics: [] },
    });
    const fixes = actions.filter((a) => a.edit);
    assert.equal(fixes.length, 1, actions.map((a) => a.title).join(', '));
    assert.equal(applyLsp(text, fixes[0]!.edit!.changes![uri]!), FINAL);
  });

  it('Mark Final still asks the client to apply its edit', async () => {
    const text = variant('**Status:** FINAL', '**Status:** UNDER REVIEW');
    const uri = memUri('bare-complete.md');
    await client.open(uri, text, 1);
    await client.waitForDiagnostics(uri, (p) => p.version === 1);
    const r = await client.request('workspace/executeCommand', { command: 'postmortem.markFinal', arguments: [uri] });
    assert.deepEqual(r, { applied: true });
    assert.equal(applyLsp(text, client.appliedEdits.at(-1)!.edit.changes![uri]!), FINAL);
  });
});

describe('acceptance: Mark Final on a file the client has not opened', () => {
  let client: LspTestClient;
  const dir = path.join(TMP, 'mark-final-on-disk');
  before(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    client = await LspTestClient.start({ root: EXAMPLES, configuration: () => ({ validation: { delayMs: 0 } }) });
  });
  after(() => {
    client?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reads it from disk and sets FINAL through one unversioned edit', async () => {
    const file = path.join(dir, 'complete.md');
    const text = variant('**Status:** FINAL', '**Status:** UNDER REVIEW');
    fs.writeFileSync(file, text);
    const uri = fileUri(file);
    const r = await client.request('workspace/executeCommand', { command: 'postmortem.markFinal', arguments: [uri] });
    assert.deepEqual(r, { applied: true });
    const edit = client.appliedEdits.at(-1)!.edit;
    const change = edit.documentChanges![0] as TextDocumentEdit;
    assert.equal(change.textDocument.version, null);
    assert.equal(applyLsp(text, change.edits as TextEdit[]), FINAL);
    assert.equal(fs.readFileSync(file, 'utf8'), text, 'the server itself never writes the file');
  });

  it('refuses with PM012 when a sign-off is missing', async () => {
    const file = path.join(dir, 'unsigned.md');
    fs.writeFileSync(file, variant('| Technical Lead | Tomás Ortega | TO | 2026-10-02 |', '| Technical Lead | Tomás Ortega | | 2026-10-02 |'));
    const before = client.appliedEdits.length;
    const r = await client.request<{ applied: boolean; blockers: Diagnostic[] }>('workspace/executeCommand', {
      command: 'postmortem.markFinal',
      arguments: [fileUri(file)],
    });
    assert.equal(r.applied, false);
    assert.ok(r.blockers.some((b) => b.code === 'PM012'));
    assert.equal(client.appliedEdits.length, before);
  });
});
