// The language server's navigation features in a real VS Code (issue 14): document links on
// evidence paths, inlay hints with computed durations, and the Incident ID rename, asked for
// through VS Code's own provider commands as the editor does; and the Action Items view
// (issue 15) listing a post-mortem's action items from the server.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, codesOf, openWorkspaceFile, waitForDiagnostics, workspaceUri } from './helpers';

const REVIEW = 'post-mortems/INC-2026-0042-review.md'; // UNDER REVIEW, read only by the tests

async function ready(): Promise<vscode.TextDocument> {
  const editor = await openWorkspaceFile(REVIEW);
  const uri = workspaceUri(REVIEW);
  await waitForDiagnostics(uri, () => codesOf(uri).includes('PM021'), 15_000);
  return editor.document;
}

describe('navigation from the language server', () => {
  before(async () => {
    await activateExtension();
  });

  it('document links: each evidence path that exists opens its file', async () => {
    const doc = await ready();
    const links = (await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', doc.uri)) ?? [];
    const targets = links.map((l) => l.target?.path ?? '').filter((p) => p.includes('/governance/evidence/INC-2026-0042/'));
    for (const f of ['decision-checklist.md', 'reconciliation-report.md', 'audit-log.csv', 'dashboard.png']) {
      assert.ok(targets.some((t) => t.endsWith(`/INC-2026-0042/${f}`)), `a link to ${f} (links: ${targets.join(', ')})`);
    }
  });

  it('inlay hints: time since detection after timeline times', async () => {
    const doc = await ready();
    const range = new vscode.Range(0, 0, doc.lineCount, 0);
    const hints = (await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', doc.uri, range)) ?? [];
    const labels = hints.map((h) => (typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join('')));
    assert.ok(labels.some((l) => /^\+\d/.test(l.trim())), `a "+…" hint (hints: ${labels.join(' | ')})`);
    assert.ok(labels.some((l) => /time to resolve/.test(l)), `a "time to resolve" hint (hints: ${labels.join(' | ')})`);
  });

  it('rename: the Incident ID and every occurrence (evidence paths included), checked against the pattern', async () => {
    const doc = await ready();
    const line = doc.getText().split(/\r?\n/).findIndex((l) => l.startsWith('**Incident ID:**'));
    const at = new vscode.Position(line, doc.lineAt(line).text.indexOf('INC-2026-0042') + 2);
    const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', doc.uri, at, 'INC-2026-0043');
    const edits = edit.get(doc.uri);
    assert.ok(edits.length >= 5, `the ID field and the evidence paths (${edits.length} edits)`);
    assert.ok(edits.every((e) => e.newText === 'INC-2026-0043' && doc.getText(e.range) === 'INC-2026-0042'));
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('vscode.executeDocumentRenameProvider', doc.uri, at, 'bad/id')),
      'a new ID with a slash is refused',
    );
  });
});

describe('workspace symbols and go to definition', () => {
  it('finds a post-mortem by its Incident ID, and an ID in prose opens that post-mortem', async () => {
    await activateExtension();
    await ready();
    const symbols = (await vscode.commands.executeCommand<vscode.SymbolInformation[]>('vscode.executeWorkspaceSymbolProvider', 'INC-2026-0314')) ?? [];
    const hit = symbols.find((x) => x.location.uri.path.endsWith('/post-mortems/INC-2026-0314.md'));
    assert.ok(hit, `INC-2026-0314.md among ${symbols.map((x) => x.name).join(', ')}`);

    const review = await ready();
    const text = review.getText().replace('## 1. Incident Summary', 'See INC-2026-0314 for the earlier outage.\n\n## 1. Incident Summary');
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: text });
    const line = doc.getText().split(/\r?\n/).findIndex((l) => l.startsWith('See INC-2026-0314'));
    const defs = (await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', doc.uri, new vscode.Position(line, 6))) ?? [];
    const targets = defs.map((d) => ('targetUri' in d ? d.targetUri : d.uri).path);
    assert.ok(targets.some((t) => t.endsWith('/post-mortems/INC-2026-0314.md')), `definitions: ${targets.join(', ')}`);
  });
});

describe('Action Items view', () => {
  it('lists a post-mortem\'s action items, the overdue one marked', async () => {
    const ext = await activateExtension();
    await ready();
    const view = (ext.exports as { actionItemsView: vscode.TreeDataProvider<unknown> & { allItems: readonly { uri: string; item: { action: string; overdue: boolean; open: boolean } }[] } }).actionItemsView;
    // getChildren loads: finds the workspace's post-mortems and asks the server for their items.
    await view.getChildren();
    const items = view.allItems.filter((r) => r.uri === workspaceUri(REVIEW).toString());
    const overdue = items.find((r) => r.item.action.startsWith('Track oracle relay key expiry'));
    assert.ok(overdue?.item.open && overdue.item.overdue, 'the OPEN item of 2020-01-15 is overdue');
    const done = items.find((r) => r.item.action.startsWith('Make the relay fail closed'));
    assert.ok(done && !done.item.open, 'the DONE item is not open');
  });
});
