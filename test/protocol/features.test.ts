/**
 * Requests over stdio: code actions, hover, completion, document symbols,
 * formatting and the `workspace/executeCommand` commands.
 *
 * Tests named "[core] …" need real results from the core (findings, fixes,
 * hovers, completions, symbols, Mark Final plans); they fail while those are
 * stubs. The others check the server's own behaviour.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type {
  CodeAction,
  CompletionItem,
  Diagnostic,
  DocumentSymbol,
  Hover,
  InitializeResult,
  TextDocumentEdit,
  TextEdit,
} from 'vscode-languageserver-protocol';
import { COMPLETE, DRAFT, lineOf, memUri, positionOf, PROTOCOL_FIXTURES, read } from '../helpers/fixtures';
import { LspTestClient } from '../helpers/lspClient';


function onlyEdit(action: CodeAction): { version: number | null; uri: string; edits: TextEdit[] } {
  const changes = action.edit?.documentChanges;
  assert.ok(changes && changes.length === 1, `${action.title}: one versioned document change`);
  const change = changes[0] as TextDocumentEdit;
  return { version: change.textDocument.version, uri: change.textDocument.uri, edits: change.edits as TextEdit[] };
}

describe('language features', () => {
  let client: LspTestClient;
  let draftUri: string;
  let draftDiagnostics: Diagnostic[];

  before(async () => {
    client = await LspTestClient.start({ root: PROTOCOL_FIXTURES, configuration: () => ({ validation: { delayMs: 0 } }) });
    ({ uri: draftUri } = await client.openFile(DRAFT));
    draftDiagnostics = (await client.waitForDiagnostics(draftUri, (p) => p.version === 1)).diagnostics;
  });
  after(() => client?.stop());

  it('initialize answers with the capabilities', () => {
    const caps = (client.initializeResult as InitializeResult).capabilities;
    assert.deepEqual(caps.textDocumentSync, { openClose: true, change: 2 });
    const kinds = (caps.codeActionProvider as { codeActionKinds: string[] }).codeActionKinds;
    assert.deepEqual(kinds, ['quickfix', 'source.fixAll', 'source.fixAll.postmortem']);
    assert.equal(caps.hoverProvider, true);
    assert.ok(caps.completionProvider);
    assert.equal(caps.documentSymbolProvider, true);
    assert.equal(caps.documentFormattingProvider, true);
    assert.ok(caps.executeCommandProvider?.commands.includes('postmortem.markFinal'));
    assert.ok(caps.executeCommandProvider?.commands.includes('postmortem.formatTimeline'));
  });

  // ---------------------------------------------------------- code actions

  it('a quick fix comes from Diagnostic.data alone, as a versioned edit', async () => {
    const range = { start: { line: 6, character: 12 }, end: { line: 6, character: 17 } };
    const fake: Diagnostic = {
      range,
      message: 'test',
      source: 'postmortem',
      code: 'PM999',
      data: { uri: draftUri, version: 1, fixes: [{ title: 'Do it', safe: true, edits: [{ range, newText: 'X' }] }] },
    };
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: draftUri },
      range,
      context: { diagnostics: [fake] },
    });
    const fix = actions.find((a) => a.title === 'Do it');
    assert.ok(fix, JSON.stringify(actions));
    assert.equal(fix.kind, 'quickfix');
    assert.equal(fix.isPreferred, true, 'the only fix of its diagnostic is preferred');
    assert.deepEqual(onlyEdit(fix), { uri: draftUri, version: 1, edits: [{ range, newText: 'X' }] });
  });

  it('two fixes on one diagnostic: two actions, none preferred', async () => {
    const range = { start: { line: 6, character: 12 }, end: { line: 6, character: 17 } };
    const fixes = ['A', 'B'].map((t) => ({ title: `Pick ${t}`, safe: false, edits: [{ range, newText: t }] }));
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: draftUri },
      range,
      context: { diagnostics: [{ range, message: 'm', source: 'postmortem', code: 'PM004', data: { uri: draftUri, version: 1, fixes } }] },
    });
    assert.deepEqual(actions.map((a) => a.title), ['Pick A', 'Pick B']);
    assert.ok(actions.every((a) => !a.isPreferred));
  });

  it('data of another version, another document, another source or garbage gives no action', async () => {
    const range = { start: { line: 6, character: 12 }, end: { line: 6, character: 17 } };
    const fixes = [{ title: 'Stale', safe: true, edits: [{ range, newText: 'X' }] }];
    const diagnostics = [
      { range, message: 'old', source: 'postmortem', code: 'PM001', data: { uri: draftUri, version: 0, fixes } },
      { range, message: 'other doc', source: 'postmortem', code: 'PM001', data: { uri: 'file:///elsewhere.md', version: 1, fixes } },
      { range, message: 'other source', source: 'markdownlint', code: 'MD001', data: { uri: draftUri, version: 1, fixes } },
      { range, message: 'garbage', source: 'postmortem', code: 'PM001', data: 'nonsense' },
      { range, message: 'bad edit', source: 'postmortem', code: 'PM001', data: { uri: draftUri, version: 1, fixes: [{ title: 'x', safe: true, edits: [{}] }] } },
      'not even an object',
    ];
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: draftUri },
      range,
      context: { diagnostics },
    });
    assert.deepEqual(actions, []);
  });

  it('[core] the PM009 quick fix writes the computed duration', async () => {
    const pm009 = draftDiagnostics.find((d) => d.code === 'PM009');
    assert.ok(pm009, 'PM009 published for draft.md');
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: draftUri },
      range: pm009.range,
      context: { diagnostics: [pm009], only: ['quickfix'] },
    });
    const fix = actions.find((a) => a.diagnostics?.[0]?.code === 'PM009');
    assert.ok(fix, JSON.stringify(actions));
    const { version, edits } = onlyEdit(fix);
    assert.equal(version, 1);
    assert.deepEqual(edits.map((e) => e.newText), ['8h 30m']);
    assert.deepEqual(edits[0]!.range, pm009.range);
  });

  it('[core] "Fix all PM004 in this document" when PM004 occurs more than once with safe fixes', async () => {
    const uri = memUri('fixall.md');
    const text = read(COMPLETE)
      .replace('| Severity | HIGH |', '| Severity | high |')
      .replace('| Active loans affected | NO |', '| Active loans affected | no |')
      .replace('| Pool(s) removed | NO |', '| Pool(s) removed | no |');
    await client.open(uri, text, 1);
    const { diagnostics } = await client.waitForDiagnostics(uri, (p) => p.version === 1);
    const pm004 = diagnostics.filter((d) => d.code === 'PM004');
    assert.equal(pm004.length, 3, JSON.stringify(diagnostics.map((d) => d.code)));
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: pm004[0]!.range,
      context: { diagnostics: [pm004[0]] },
    });
    const all = actions.find((a) => a.title === 'Fix all PM004 in this document');
    assert.ok(all, JSON.stringify(actions.map((a) => a.title)));
    assert.equal(all.kind, 'quickfix');
    const { version, edits } = onlyEdit(all);
    assert.equal(version, 1);
    assert.deepEqual(edits.map((e) => e.newText), ['HIGH', 'NO', 'NO']);

    const source = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    });
    assert.equal(source.length, 1);
    assert.equal(source[0]!.kind, 'source.fixAll.postmortem');
    assert.deepEqual(onlyEdit(source[0]!).edits.map((e) => e.newText), ['HIGH', 'NO', 'NO']);
  });

  it('source.fixAll.postmortem answers without error', async () => {
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: draftUri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll.postmortem'] },
    });
    assert.ok(Array.isArray(actions));
    assert.ok(actions.every((a) => a.kind === 'source.fixAll.postmortem'));
  });

  it('[core] source.fixAll.postmortem on draft.md applies the safe fixes (PM005, PM009) in one edit', async () => {
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: draftUri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll.postmortem'] },
    });
    assert.equal(actions.length, 1);
    const texts = onlyEdit(actions[0]!).edits.map((e) => e.newText);
    assert.ok(texts.includes('8h 30m'), JSON.stringify(texts));
    assert.ok(texts.some((t) => t.includes('14:52')), JSON.stringify(texts));
  });

  it('no source action unless asked for one', async () => {
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: draftUri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [] },
    });
    assert.ok(actions.every((a) => !a.kind?.startsWith('source')));
  });

  // ------------------------------------------------- hover, completion, ...

  it('hover, completion and documentSymbol answer without error', async () => {
    const text = read(DRAFT);
    const position = positionOf(text, '**Status:** FINAL', '**Status:** '.length + 1);
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: draftUri }, position });
    assert.ok(hover === null || typeof hover === 'object');
    const items = await client.request<CompletionItem[] | { items: CompletionItem[] }>('textDocument/completion', {
      textDocument: { uri: draftUri },
      position,
    });
    assert.ok(Array.isArray(items) || Array.isArray(items.items));
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: draftUri } });
    assert.ok(Array.isArray(symbols));
  });

  it('[core] hover on the Status value explains the field', async () => {
    const text = read(DRAFT);
    const position = positionOf(text, '**Status:** FINAL', '**Status:** '.length + 1);
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: draftUri }, position });
    assert.ok(hover, 'a hover');
    const contents = hover.contents as { kind: string; value: string };
    assert.equal(contents.kind, 'markdown');
    assert.ok(contents.value.length > 0);
    assert.equal(hover.range?.start.line, lineOf(text, '**Status:**'));
  });

  it('[core] completion in the Severity cell offers the choices as EnumMember with a textEdit', async () => {
    const text = read(DRAFT);
    const position = positionOf(text, '| Severity | HIGH |', '| Severity | '.length + 1);
    const r = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri: draftUri }, position });
    assert.deepEqual(r.map((i) => i.label), ['CRITICAL', 'HIGH', 'MEDIUM']);
    for (const item of r) {
      assert.equal(item.kind, 20 /* EnumMember */);
      const edit = item.textEdit as TextEdit;
      assert.equal(edit.newText, item.label);
      assert.equal(edit.range.start.line, position.line);
    }
  });

  it('[core] completion in an evidence cell offers the files under governance/evidence/', async () => {
    const text = read(DRAFT);
    const position = positionOf(text, '| On-chain tx links | None |', '| On-chain tx links | '.length + 1);
    const r = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri: draftUri }, position });
    const labels = r.map((i) => i.label);
    assert.ok(labels.some((l) => l.includes('governance/evidence/INC-2026-0928-01/decision-checklist.md')), JSON.stringify(labels));
    const file = r.find((i) => i.label.includes('decision-checklist.md'))!;
    assert.equal(file.kind, 17 /* File */);
  });

  it('[core] documentSymbol lists the nine sections', async () => {
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: draftUri } });
    const names = JSON.stringify(symbols);
    for (const n of ['1.', '2.', '3.', '4.', '5.', '6.', '7.', '8.', '9.']) assert.ok(names.includes(n), `section ${n} in ${names}`);
    const walk = (s: DocumentSymbol): void => {
      const inside =
        (s.range.start.line < s.selectionRange.start.line ||
          (s.range.start.line === s.selectionRange.start.line && s.range.start.character <= s.selectionRange.start.character)) &&
        (s.range.end.line > s.selectionRange.end.line ||
          (s.range.end.line === s.selectionRange.end.line && s.range.end.character >= s.selectionRange.end.character));
      assert.ok(inside, `${s.name}: selectionRange inside range`);
      s.children?.forEach(walk);
    };
    symbols.forEach(walk);
  });

  it('documentFormatting answers with edits (possibly none)', async () => {
    const edits = await client.request<TextEdit[]>('textDocument/formatting', {
      textDocument: { uri: draftUri },
      options: { tabSize: 2, insertSpaces: true },
    });
    assert.ok(Array.isArray(edits));
  });

  it('formatting an ordinary Markdown file (not a post-mortem) answers null: no edits, even for a ragged table', async () => {
    const uri = memUri('notes/README.md');
    const text = '# Notes\n\n| a | b |\n|---|---|\n| long cell here | x |\n';
    await client.open(uri, text);
    const edits = await client.request<TextEdit[] | null>('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } });
    assert.equal(edits, null);
    await client.close(uri);
  });

  // ------------------------------------------------------------- commands

  it('postmortem.markFinal on an incomplete document edits nothing and lists blockers', async () => {
    const before = client.appliedEdits.length;
    const r = await client.request<{ applied: boolean; blockers?: Diagnostic[] }>('workspace/executeCommand', {
      command: 'postmortem.markFinal',
      arguments: [draftUri],
    });
    assert.equal(r.applied, false);
    assert.equal(client.appliedEdits.length, before, 'no workspace/applyEdit');
  });

  it('[core] postmortem.markFinal blockers are diagnostics: PM005, PM009, PM010, PM012', async () => {
    const r = await client.request<{ applied: boolean; blockers: Diagnostic[] }>('workspace/executeCommand', {
      command: 'postmortem.markFinal',
      arguments: [draftUri],
    });
    const codes = new Set(r.blockers.map((b) => b.code));
    for (const c of ['PM005', 'PM009', 'PM010', 'PM012']) assert.ok(codes.has(c), `${c} blocks`);
    for (const b of r.blockers) {
      assert.equal(b.source, 'postmortem');
      assert.ok(b.range && typeof b.message === 'string');
    }
  });

  it('[core] postmortem.markFinal on a complete DRAFT applies one versioned edit that sets Status to FINAL', async () => {
    const uri = memUri('complete-copy.md');
    const text = read(COMPLETE);
    await client.open(uri, text, 1);
    const r = await client.request<{ applied: boolean }>('workspace/executeCommand', { command: 'postmortem.markFinal', arguments: [uri] });
    assert.deepEqual(r, { applied: true });
    const applied = client.appliedEdits.at(-1)!;
    const change = applied.edit.documentChanges![0] as TextDocumentEdit;
    assert.deepEqual(change.textDocument, { uri, version: 1 });
    assert.equal(change.edits.length, 1);
    const edit = change.edits[0] as TextEdit;
    assert.equal(edit.newText, 'FINAL');
    assert.equal(edit.range.start.line, lineOf(text, '**Status:**'));
  });

  it('postmortem.finalBlockers and postmortem.formatTimeline answer without error', async () => {
    const b = await client.request<{ blockers: unknown[] }>('workspace/executeCommand', {
      command: 'postmortem.finalBlockers',
      arguments: [draftUri],
    });
    assert.ok(Array.isArray(b.blockers));
    const f = await client.request<{ applied: boolean }>('workspace/executeCommand', {
      command: 'postmortem.formatTimeline',
      arguments: [draftUri, { sortByTime: false }],
    });
    assert.equal(typeof f.applied, 'boolean');
  });

  it('postmortem.formatTimeline applies a versioned edit to a misaligned timeline', async () => {
    const uri = memUri('misaligned.md');
    const text = read(COMPLETE).replace('| 2026-09-28 07:35 | Incident commander assigned | Priya Raman |', '|2026-09-28 07:35|Incident commander assigned|Priya Raman|');
    await client.open(uri, text, 1);
    const before = client.appliedEdits.length;
    const r = await client.request<{ applied: boolean; changed?: boolean }>('workspace/executeCommand', {
      command: 'postmortem.formatTimeline',
      arguments: [uri],
    });
    assert.equal(r.applied, true);
    if (r.changed) {
      assert.equal(client.appliedEdits.length, before + 1);
      const change = client.appliedEdits.at(-1)!.edit.documentChanges![0] as TextDocumentEdit;
      assert.deepEqual(change.textDocument, { uri, version: 1 });
    }
  });
});

describe('Mark Final when the client refuses the edit', () => {
  let client: LspTestClient;
  before(async () => {
    client = await LspTestClient.start({
      root: PROTOCOL_FIXTURES,
      configuration: () => ({ validation: { delayMs: 0 } }),
      applyEdit: () => ({ applied: false, failureReason: 'the file is read-only' }),
    });
  });
  after(() => client?.stop());

  it('[core] returns {applied: false, reason}', async () => {
    const uri = memUri('refused.md');
    await client.open(uri, read(COMPLETE), 1);
    const r = await client.request('workspace/executeCommand', { command: 'postmortem.markFinal', arguments: [uri] });
    assert.deepEqual(r, { applied: false, reason: 'the file is read-only' });
  });
});

describe('documentFormatting: false (a client that registers its own formatter for post-mortems only)', () => {
  it('leaves documentFormattingProvider out and still formats a post-mortem on request', async () => {
    await LspTestClient.using({ root: PROTOCOL_FIXTURES, initializationOptions: { documentFormatting: false }, configuration: () => ({ validation: { delayMs: 0 } }) }, async (client) => {
      assert.equal(client.initializeResult.capabilities.documentFormattingProvider, undefined);
      const { uri } = await client.openFile(DRAFT);
      const edits = await client.request<TextEdit[] | null>('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } });
      assert.ok(Array.isArray(edits), 'a post-mortem is still formatted');
    });
  });
});
