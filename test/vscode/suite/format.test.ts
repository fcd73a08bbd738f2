// Format Document on a post-mortem: the server's formatter aligns the timeline table by display
// width (an emoji counts two columns), keeps every cell's text, touches nothing else, and is
// idempotent. On an ordinary Markdown file it is not a formatter at all: another formatter is
// used without the "multiple formatters" prompt, and with none the file stays as it is.
import * as assert from 'node:assert/strict';
import stringWidth from 'string-width';
import * as vscode from 'vscode';
import type { PostmortemAssistantApi } from '../../../client/src/extension';
import { activateExtension, changedLines, openWorkspaceFile, waitFor, waitForText, workspaceUri } from './helpers';

// INC-2026-0042 (no finding) whose timeline (lines 36–47) is ragged: a row without spaces around
// its pipes and with an emoji, a row with extra spaces, inline code and an escaped pipe.
const REL = 'post-mortems/INC-2026-0042-format.md';
const TIMELINE = { first: 35, last: 46 }; // 0-based, header to last row

/** Cells of a table row, split on unescaped pipes, trimmed. */
function cells(line: string): string[] {
  const parts = line.trim().replace(/^\|/, '').replace(/\|$/, '').split(/(?<!\\)\|/);
  return parts.map((c) => c.trim());
}

/** Display columns of a row's unescaped pipes. */
function pipeColumns(line: string): number[] {
  const cols: number[] = [];
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '|' && line[i - 1] !== '\\') cols.push(stringWidth(line.slice(0, i)));
  }
  return cols;
}

describe('formatting', () => {
  before(async () => {
    await activateExtension();
  });

  it('Format Document aligns the timeline table and changes nothing else', async () => {
    const uri = workspaceUri(REL);
    const { document: doc } = await openWorkspaceFile(REL);
    const before = doc.getText();
    const rowsBefore = before.split('\n').slice(TIMELINE.first, TIMELINE.last + 1);
    assert.equal(rowsBefore[0], '| Time (UTC) | Event | Actor |');
    assert.notEqual(new Set(rowsBefore.map((l) => pipeColumns(l).join(','))).size, 1, 'the fixture starts ragged');

    const options: vscode.FormattingOptions = { tabSize: 4, insertSpaces: true };
    const edits = await vscode.commands.executeCommand<vscode.TextEdit[]>('vscode.executeFormatDocumentProvider', uri, options);
    assert.ok(edits && edits.length > 0, 'the formatter returns edits');
    const edit = new vscode.WorkspaceEdit();
    edit.set(uri, edits);
    assert.equal(await vscode.workspace.applyEdit(edit), true);
    const after = await waitForText(doc, (t) => t !== before, 'the formatting edit');

    // Only timeline lines changed.
    const changed = changedLines(before, after);
    assert.ok(changed.length > 0 && changed.every((i) => i >= TIMELINE.first && i <= TIMELINE.last), `changed lines: ${changed.join(', ')}`);
    const rows = after.split('\n').slice(TIMELINE.first, TIMELINE.last + 1);
    // Every row has its pipes in the same display columns: aligned as the user sees it.
    const columns = rows.map(pipeColumns);
    for (const [i, c] of columns.entries()) assert.deepEqual(c, columns[0], `row ${TIMELINE.first + i + 1} aligned:\n${rows.join('\n')}`);
    assert.equal(columns[0]!.length, 4);
    // The emoji row is two characters shorter than the others: the emoji takes two columns.
    assert.equal(rows[2], '| 2026-09-28 14:52 | 🚨 Alert triggered: oracle heartbeat older than 10 minutes         | system         |');
    assert.equal(rows[6], '| 15:10            | Soft halt applied to `Northwind` pools \\| all                      | Tomás Ortega   |');
    assert.match(rows[1]!, /^\| -+ \| -+ \| -+ \|$/);
    // Cell texts survive byte for byte.
    rowsBefore.forEach((line, i) => {
      if (i !== 1) assert.deepEqual(cells(rows[i]!), cells(line));
    });

    // Formatting again changes nothing.
    const again = await vscode.commands.executeCommand<vscode.TextEdit[]>('vscode.executeFormatDocumentProvider', uri, options);
    const text = doc.getText();
    const noop = (again ?? []).every((e) => doc.getText(e.range) === e.newText);
    assert.ok(noop, `second format changed: ${JSON.stringify(again?.map((e) => e.newText))}`);
    assert.equal(doc.getText(), text);
  });

  it('Format Document on an ordinary Markdown file is not ours: no edits, and another Markdown formatter is used without a prompt', async () => {
    const rel = 'notes/ragged-table.md';
    const uri = workspaceUri(rel);
    const { document: doc } = await openWorkspaceFile(rel);
    const before = doc.getText();
    const options: vscode.FormattingOptions = { tabSize: 4, insertSpaces: true };
    const edits = await vscode.commands.executeCommand<vscode.TextEdit[] | undefined>('vscode.executeFormatDocumentProvider', uri, options);
    assert.ok(!edits || edits.length === 0, `no formatter edits an ordinary Markdown file: ${JSON.stringify(edits)}`);
    assert.equal(doc.getText(), before);

    // Another extension's Markdown formatter: with ours registered for every Markdown file, VS Code
    // would have two candidates and ask which one is the default instead of formatting.
    const other = vscode.languages.registerDocumentFormattingEditProvider({ language: 'markdown' }, {
      provideDocumentFormattingEdits: (d) => [vscode.TextEdit.insert(new vscode.Position(d.lineCount - 1, 0), '<!-- formatted by the other formatter -->\n')],
    });
    try {
      await vscode.commands.executeCommand('editor.action.formatDocument');
      const after = await waitForText(doc, (t) => t !== before, 'the other formatter\'s edit');
      assert.ok(after.includes('<!-- formatted by the other formatter -->'), after);
      assert.equal(after.replace('<!-- formatted by the other formatter -->\n', ''), before, 'only the other formatter changed the file');
    } finally {
      other.dispose();
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  });

  it('an untitled document is formatted once its first heading makes it a post-mortem, and no longer when the heading goes', async () => {
    // The fixture (formatted by the first test, maybe saved) with its tables squeezed (no spaces
    // around pipes), under a first heading that does not make it a post-mortem.
    const { document: source } = await openWorkspaceFile(REL);
    const text = source
      .getText()
      .replace(/^# .*$/m, '# Notes')
      .split('\n')
      .map((l) => (l.startsWith('|') ? l.replace(/ *\| */g, '|') : l))
      .join('\n');
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: text });
    const editor = await vscode.window.showTextDocument(doc);
    const options: vscode.FormattingOptions = { tabSize: 4, insertSpaces: true };
    const format = async () => (await vscode.commands.executeCommand<vscode.TextEdit[] | undefined>('vscode.executeFormatDocumentProvider', doc.uri, options)) ?? [];
    assert.deepEqual(await format(), [], 'not a post-mortem: no formatter');

    const title = doc.lineAt(0).range;
    assert.ok(await editor.edit((b) => b.replace(title, '# Incident Post-Mortem')));
    // The extension hears of the edit (onDidChangeTextDocument) before edit() resolves, and registers
    // its provider for this document; the registration reaches the workbench before the request.
    const edits = await format();
    assert.ok(edits.length > 0, 'the post-mortem formatter answers');

    assert.ok(await editor.edit((b) => b.replace(doc.lineAt(0).range, '# Notes again')));
    assert.deepEqual(await format(), [], 'a heading that is not the post-mortem title: no formatter again');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('a team template\'s post-mortem (named by the rc file, no "Incident Post-Mortem" title) is formatted: the server says it is one', async () => {
    const ext = await activateExtension();
    const api = ext.exports as PostmortemAssistantApi;
    const rel = 'team/incident-ready.md'; // its Timeline table is ragged
    const uri = workspaceUri(rel);
    await openWorkspaceFile(rel);
    await waitFor(api.formatter.onDidChange, () => (api.formatter.has(uri) ? true : undefined), `the formatter registered for ${rel}`, 15_000);
    const edits = (await vscode.commands.executeCommand<vscode.TextEdit[] | undefined>('vscode.executeFormatDocumentProvider', uri, { tabSize: 4, insertSpaces: true })) ?? [];
    assert.ok(edits.length > 0, 'the team timeline is aligned');
    assert.ok(!api.formatter.has(workspaceUri('notes/ragged-table.md')), 'an ordinary Markdown file never');
  });
});
