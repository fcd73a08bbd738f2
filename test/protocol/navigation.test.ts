/**
 * Issue 14 over stdio: document links, inlay hints, rename of the Incident ID, workspace symbols,
 * go to definition and the Status line's code lens. A temporary workspace: the protocol fixtures
 * plus `post-mortems/INC-2026-0042.md` (another incident, named after its ID).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type {
  CodeLens,
  DocumentLink,
  InlayHint,
  Location,
  RenameFile,
  SymbolInformation,
  TextDocumentEdit,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { LineIndex, applyEdits } from '../../server/src/core';
import { COMPLETE, DRAFT, PROTOCOL_FIXTURES, positionOf, read, tempDir, textAt, write } from '../helpers/fixtures';
import { CLIENT_CAPABILITIES, LspTestClient, fileUri } from '../helpers/lspClient';

const OTHER_ID = 'INC-2026-0042';

describe('navigation and refactoring (issue 14)', () => {
  let ws: { dir: string; cleanup: () => void };
  let client: LspTestClient;
  let draftUri: string;
  let draftText: string;
  let otherFile: string;
  let inlaySettings: Record<string, boolean> = {};

  before(async () => {
    ws = tempDir('pm-nav-');
    fs.cpSync(PROTOCOL_FIXTURES, ws.dir, { recursive: true });
    otherFile = path.join(ws.dir, 'post-mortems', `${OTHER_ID}.md`);
    write(otherFile, read(COMPLETE).replaceAll('INC-2026-0928-01', OTHER_ID).replace('| Trigger | Oracle price staleness |', '| Trigger | Relayer key expired |'));
    const caps = CLIENT_CAPABILITIES(true);
    caps.workspace!.workspaceEdit = { documentChanges: true, resourceOperations: ['create', 'rename', 'delete'] };
    caps.workspace!.inlayHint = { refreshSupport: true };
    client = await LspTestClient.start({
      root: ws.dir,
      capabilities: caps,
      configuration: () => ({ validation: { delayMs: 0 }, inlayHints: inlaySettings }),
    });
    const draftFile = path.join(ws.dir, path.basename(DRAFT));
    draftText = read(draftFile);
    ({ uri: draftUri } = await client.openFile(draftFile));
    await client.waitForDiagnostics(draftUri, (p) => p.version === 1);
  });
  after(async () => {
    await client?.stop();
    ws?.cleanup();
  });

  it('initialize announces links, inlay hints, rename with prepare, workspace symbols, definition and code lens', () => {
    const caps = client.initializeResult.capabilities;
    assert.deepEqual(caps.documentLinkProvider, { resolveProvider: false });
    assert.equal(caps.inlayHintProvider, true);
    assert.deepEqual(caps.renameProvider, { prepareProvider: true });
    assert.equal(caps.workspaceSymbolProvider, true);
    assert.equal(caps.definitionProvider, true);
    assert.deepEqual(caps.codeLensProvider, { resolveProvider: false });
  });

  it('document links: each existing evidence path opens its file, the Incident ID its evidence folder', async () => {
    const links = await client.request<DocumentLink[]>('textDocument/documentLink', { textDocument: { uri: draftUri } });
    const got = links.map((l) => [textAt(draftText, l.range), l.target]);
    const ev = path.join(ws.dir, 'governance', 'evidence', 'INC-2026-0928-01');
    assert.deepEqual(got, [
      ['INC-2026-0928-01', fileUri(ev)],
      ['governance/evidence/INC-2026-0928-01/decision-checklist.md', fileUri(path.join(ev, 'decision-checklist.md'))],
      ['governance/evidence/INC-2026-0928-01/reconciliation.csv', fileUri(path.join(ev, 'reconciliation.csv'))],
      ['governance/evidence/INC-2026-0928-01/audit-log.jsonl', fileUri(path.join(ev, 'audit-log.jsonl'))],
    ]);
  });

  it('inlay hints: the computed duration, time since detection, time to open and resolve; a range and the settings narrow them', async () => {
    const lines = new LineIndex(draftText);
    const whole = { start: { line: 0, character: 0 }, end: lines.positionAt(draftText.length) };
    const hints = await client.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri: draftUri }, range: whole });
    const label = (needle: string) => {
      const at = lines.positionAt(draftText.indexOf(`| ${needle} |`) + 2 + needle.length);
      return hints.find((h) => h.position.line === at.line && h.position.character === at.character)?.label;
    };
    assert.equal(label('6h 30m'), '≠ 8h 30m');
    assert.equal(label('2026-09-28 07:40 UTC'), 'time to open 9m');
    assert.equal(label('2026-09-28 16:10 UTC'), 'time to resolve 8h 30m');
    assert.equal(label('2026-09-28 08:05'), '+34m');
    assert.equal(label('2026-09-28 07:52 PDT'), undefined, 'no hint on a time that is not UTC');
    assert.ok(hints.every((h) => h.paddingLeft === true && typeof h.tooltip === 'string'));

    const timeline = { start: { line: positionOf(draftText, '## 2. Timeline').line, character: 0 }, end: { line: positionOf(draftText, '## 3.').line, character: 0 } };
    const some = await client.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri: draftUri }, range: timeline });
    assert.equal(some.length, 9);

    inlaySettings = { timeline: false, summary: false };
    const refreshed = new Promise<void>((resolve) => client.connection.onRequest('workspace/inlayHint/refresh', () => (resolve(), null)));
    await client.notify('workspace/didChangeConfiguration', { settings: null });
    await client.nextDiagnostics(draftUri);
    await refreshed; // the client that announced refreshSupport is told to ask again
    const fewer = await client.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri: draftUri }, range: whole });
    assert.deepEqual(fewer.map((h) => h.label), ['≠ 8h 30m']);
    inlaySettings = {};
    await client.notify('workspace/didChangeConfiguration', { settings: null });
    await client.nextDiagnostics(draftUri);
  });

  it('prepareRename: the ID (header or any occurrence) with its range; elsewhere null', async () => {
    const inPath = positionOf(draftText, 'evidence/INC-2026-0928-01/audit', 'evidence/'.length + 4);
    const r = await client.request<{ range: { start: unknown; end: unknown }; placeholder: string }>('textDocument/prepareRename', { textDocument: { uri: draftUri }, position: inPath });
    assert.equal(r.placeholder, 'INC-2026-0928-01');
    assert.equal(textAt(draftText, r.range as never), 'INC-2026-0928-01');
    const none = await client.request('textDocument/prepareRename', { textDocument: { uri: draftUri }, position: positionOf(draftText, 'Dana Whitfield') });
    assert.equal(none, null);
  });

  it('rename: every occurrence, the evidence folder and the file named after the ID, in one versioned edit', async () => {
    const { uri, text } = await client.openFile(otherFile);
    await client.waitForDiagnostics(uri, (p) => p.version === 1);
    const edit = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri }, position: positionOf(text, OTHER_ID, 2), newName: 'INC-2026-0043' });
    const changes = edit.documentChanges!;
    const textEdit = changes[0] as TextDocumentEdit;
    assert.deepEqual(textEdit.textDocument, { uri, version: 1 });
    const lines = new LineIndex(text);
    const renamed = applyEdits(text, (textEdit.edits as TextEdit[]).map((e) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), newText: e.newText })));
    assert.ok(!renamed.includes(OTHER_ID));
    assert.equal(renamed.split('INC-2026-0043').length - 1, text.split(OTHER_ID).length - 1);
    // no evidence folder for INC-2026-0042 in the workspace: only the file is renamed
    assert.deepEqual(changes.slice(1), [{ kind: 'rename', oldUri: uri, newUri: fileUri(path.join(ws.dir, 'post-mortems', 'INC-2026-0043.md')), options: { overwrite: false, ignoreIfExists: false } }]);

    // the draft: its evidence folder exists and is renamed; its file name does not hold the ID
    const d = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri: draftUri }, position: positionOf(draftText, 'INC-2026-0928-01'), newName: 'INC-2026-0928-02' });
    const ev = path.join(ws.dir, 'governance', 'evidence');
    assert.deepEqual(d.documentChanges!.slice(1) as RenameFile[], [
      { kind: 'rename', oldUri: fileUri(path.join(ev, 'INC-2026-0928-01')), newUri: fileUri(path.join(ev, 'INC-2026-0928-02')), options: { overwrite: false, ignoreIfExists: false } },
    ]);
    assert.equal((d.documentChanges![0] as TextDocumentEdit).edits.length, 4);
    await client.close(uri);
  });

  it('rename: a new ID that does not match the pattern is refused with a clear message', async () => {
    await assert.rejects(
      client.request('textDocument/rename', { textDocument: { uri: draftUri }, position: positionOf(draftText, 'INC-2026-0928-01'), newName: 'x' }),
      (e: Error) => /does not match the Incident ID pattern/.test(e.message),
    );
    await assert.rejects(
      client.request('textDocument/rename', { textDocument: { uri: draftUri }, position: positionOf(draftText, 'INC-2026-0928-01'), newName: 'a/b' }),
      (e: Error) => /slashes/.test(e.message),
    );
  });

  it('workspace symbols: every post-mortem by ID, title, severity and status; the query filters', async () => {
    const all = await client.request<SymbolInformation[]>('workspace/symbol', { query: '' });
    const byName = all.map((s) => [s.name, s.containerName, path.relative(ws.dir, new URL(s.location.uri).pathname)]).sort();
    assert.deepEqual(byName, [
      ['INC-2026-0042 — Relayer key expired', 'HIGH · DRAFT', path.join('post-mortems', 'INC-2026-0042.md')],
      ['INC-2026-0928-01 — Oracle price staleness', 'HIGH · DRAFT', 'complete.md'],
      ['INC-2026-0928-01 — Oracle price staleness', 'HIGH · FINAL', 'draft.md'],
    ]);
    const some = await client.request<SymbolInformation[]>('workspace/symbol', { query: 'relayer' });
    assert.deepEqual(some.map((s) => s.name), ['INC-2026-0042 — Relayer key expired']);
    const loc = some[0]!.location;
    assert.equal(textAt(read(otherFile), loc.range), OTHER_ID);
  });

  it('go to definition: an incident ID in prose opens that post-mortem', async () => {
    const text = draftText.replace('The relayer health check only verified', `As in ${OTHER_ID}, the relayer health check only verified`);
    const uri = fileUri(path.join(ws.dir, 'mem', 'mention.md'));
    await client.open(uri, text);
    await client.waitForDiagnostics(uri, (p) => p.version === 1);
    const locs = await client.request<Location[]>('textDocument/definition', { textDocument: { uri }, position: positionOf(text, `${OTHER_ID},`, 5) });
    assert.deepEqual(locs.map((l) => l.uri), [fileUri(otherFile)]);
    const none = await client.request<Location[]>('textDocument/definition', { textDocument: { uri }, position: positionOf(text, 'Dana Whitfield') });
    assert.deepEqual(none, []);
    await client.close(uri);
  });

  it('code lens on the Status line: Mark Final when nothing blocks, the blockers otherwise, none once FINAL', async () => {
    const { uri } = await client.openFile(path.join(ws.dir, 'complete.md'));
    await client.waitForDiagnostics(uri, (p) => p.version === 1);
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    assert.equal(lenses.length, 1);
    assert.deepEqual(lenses[0]!.command, { title: 'Mark Final', command: 'postmortem.markFinal', arguments: [uri] });
    assert.equal(lenses[0]!.range.start.line, positionOf(read(COMPLETE), '**Status:**').line);
    await client.close(uri);

    const final = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: draftUri } });
    assert.deepEqual(final, [], 'the draft fixture is FINAL already');

    const blockedUri = fileUri(path.join(ws.dir, 'mem', 'blocked.md'));
    await client.open(blockedUri, draftText.replace('**Status:** FINAL', '**Status:** DRAFT'));
    await client.waitForDiagnostics(blockedUri, (p) => p.version === 1);
    const blocked = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: blockedUri } });
    assert.match(blocked[0]!.command!.title, /^Mark Final: \d+ blockers?$/);
    assert.equal(blocked[0]!.command!.command, 'postmortem.finalBlockers');
    await client.close(blockedUri);
  });

  it('a document that is not a post-mortem gets no links, hints, rename, definition or lens', async () => {
    const { uri } = await client.openFile(path.join(ws.dir, 'README.md'));
    await client.waitForDiagnostics(uri, (p) => p.version === 1);
    const doc = { textDocument: { uri } };
    const at = { ...doc, position: { line: 0, character: 2 } };
    assert.deepEqual(await client.request('textDocument/documentLink', doc), []);
    assert.deepEqual(await client.request('textDocument/inlayHint', { ...doc, range: { start: { line: 0, character: 0 }, end: { line: 5, character: 0 } } }), []);
    assert.equal(await client.request('textDocument/prepareRename', at), null);
    assert.deepEqual(await client.request('textDocument/definition', at), []);
    assert.deepEqual(await client.request('textDocument/codeLens', doc), []);
    await assert.rejects(client.request('textDocument/rename', { ...at, newName: 'INC-1234' }), /Not a post-mortem/);
    await client.close(uri);
  });

  it('serverCodeLens: false leaves the code lens out; without resource operations a rename edits the text only', async () => {
    await LspTestClient.using({ root: ws.dir, initializationOptions: { serverCodeLens: false }, configuration: () => ({ validation: { delayMs: 0 } }) }, async (c) => {
      const caps = c.initializeResult.capabilities;
      assert.equal(caps.codeLensProvider, undefined);
      assert.equal(caps.inlayHintProvider, true);
      const { uri, text } = await c.openFile(otherFile);
      await c.waitForDiagnostics(uri, (p) => p.version === 1);
      const edit = await c.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri }, position: positionOf(text, OTHER_ID), newName: 'INC-2026-0043' });
      assert.equal(edit.documentChanges!.length, 1, 'no RenameFile for a client without resourceOperations');
      assert.equal((edit.documentChanges![0] as TextDocumentEdit).textDocument.version, 1);
    });
  });
});
