// Snippets in VS Code: the static ones from snippets/postmortem.json are offered in a post-mortem,
// and pm-timeline-row-now carries the current UTC time (no static snippet can: their variables
// are local time).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, openWorkspaceFile } from './helpers';

function label(i: vscode.CompletionItem): string {
  return typeof i.label === 'string' ? i.label : i.label.label;
}

function snippetText(i: vscode.CompletionItem): string {
  const t = i.insertText;
  return t instanceof vscode.SnippetString ? t.value : typeof t === 'string' ? t : '';
}

describe('snippets', () => {
  before(async () => {
    await activateExtension();
  });

  it('offers the template rows and a timeline row with the current UTC minute', async () => {
    const editor = await openWorkspaceFile('post-mortems/INC-2026-0314.md');
    const doc = editor.document;
    // A blank line in the document: type the prefix there (in memory, never saved).
    const line = doc.lineCount - 1;
    const end = doc.lineAt(line).range.end;
    await editor.edit((e) => e.insert(end, '\npm-time'));
    const at = new vscode.Position(line + 1, 'pm-time'.length);
    try {
      const before = new Date();
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, at);
      const after = new Date();
      const labels = list.items.map(label);
      for (const want of ['pm-timeline-row', 'pm-timeline-row-now']) assert.ok(labels.includes(want), `${want} among ${labels.join(', ')}`);
      const now = list.items.find((i) => label(i) === 'pm-timeline-row-now')!;
      const m = /^\| (\d{4}-\d{2}-\d{2} \d{2}:\d{2}) \| \$1 \| \$2 \|\$0$/.exec(snippetText(now));
      assert.ok(m, `row snippet: ${snippetText(now)}`);
      const minute = (d: Date) => d.toISOString().slice(0, 16).replace('T', ' ');
      assert.ok([minute(before), minute(after)].includes(m[1]!), `${m[1]} is the UTC minute (${minute(before)})`);
    } finally {
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  });
});
