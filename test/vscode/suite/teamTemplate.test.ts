// A team's own template (docs/templates.md) in a real VS Code: picked up from the rc file
// (team/.postmortemrc.json names team/sre.md) and from the postmortem.templates setting; Mark
// Final sets the team's final status ("Published").
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  activateExtension, changedLines, diagnosticCode, markFinal, openWorkspaceFile, postmortemDiagnostics, stubWindow, utcToday, waitFor, waitForCodes,
  waitForDiagnostics, waitForText, workspaceFolder, workspaceUri,
} from './helpers';

/** The part of the extension's test API (client/src/extension.ts) these tests read. */
interface EditorStateApi {
  editorState(): { isPostmortem: boolean; readiness: { text: string; visible: boolean } };
  readonly onDidChangeEditorState: vscode.Event<void>;
}

const loudCodes = (uri: vscode.Uri) =>
  postmortemDiagnostics(uri)
    .filter((d) => d.severity === vscode.DiagnosticSeverity.Error || d.severity === vscode.DiagnosticSeverity.Warning)
    .map((d) => String(typeof d.code === 'object' ? d.code.value : d.code));

describe('team template', () => {
  before(async () => {
    await activateExtension();
  });

  it('from .postmortemrc.json: a choice outside the template\'s list is PM004 on its line', async () => {
    const rel = 'team/incident-bad-choice.md';
    const uri = workspaceUri(rel);
    const editor = await openWorkspaceFile(rel);
    await waitForCodes(uri, ['PM004'], [], 20_000);
    assert.deepEqual(loudCodes(uri), ['PM004']);
    const line = editor.document.getText().split(/\r?\n/).findIndex((l) => l.startsWith('**Severity:**'));
    assert.equal(postmortemDiagnostics(uri).find((d) => d.code !== undefined && String(typeof d.code === 'object' ? d.code.value : d.code) === 'PM004')!.range.start.line, line);
  });

  it('Mark Final sets the team\'s final status, and nothing else', async () => {
    const rel = 'team/incident-ready.md';
    const uri = workspaceUri(rel);
    const { document: doc } = await openWorkspaceFile(rel);
    const before = doc.getText();
    const { pick, info } = await markFinal(uri);
    assert.equal(pick.calls.length, 0, 'no blockers listed');
    assert.deepEqual(info.calls.map((c) => c[0]), [`Status set to Published in ${rel}.`], "the message names the team's final status");
    const after = await waitForText(doc, (t) => t !== before, 'the Mark Final edit');
    const line = before.split('\n').findIndex((l) => l.startsWith('**Status:**'));
    assert.deepEqual(changedLines(before, after), [line]);
    assert.equal(doc.lineAt(line).text, '**Status:** Published');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('from the postmortem.templates setting: a non-UTC time is PM005', async () => {
    const config = vscode.workspace.getConfiguration('postmortem', workspaceFolder().uri);
    await config.update('templates', ['team-setting/sre.md'], vscode.ConfigurationTarget.WorkspaceFolder);
    try {
      const rel = 'team-setting/incident-not-utc.md';
      const uri = workspaceUri(rel);
      await openWorkspaceFile(rel);
      await waitForCodes(uri, ['PM005'], [], 20_000);
      assert.deepEqual(loudCodes(uri), ['PM005']);
    } finally {
      await config.update('templates', undefined, vscode.ConfigurationTarget.WorkspaceFolder);
    }
  });

  it('a team document is a post-mortem to the client too: context key and the status bar with the team\'s final status', async () => {
    const api = (await activateExtension()).exports as EditorStateApi;
    await openWorkspaceFile('team/incident-ready.md');
    const state = await waitFor(
      api.onDidChangeEditorState,
      () => {
        const s = api.editorState();
        return s.isPostmortem && s.readiness.visible && s.readiness.text === '$(pass) Published-ready' ? s : undefined;
      },
      'isPostmortem and "Published-ready" for team/incident-ready.md',
      20_000,
    );
    assert.ok(state.isPostmortem);
    // Markdown that is not a post-mortem: neither.
    await openWorkspaceFile('README.md');
    await waitFor(api.onDidChangeEditorState, () => {
      const s = api.editorState();
      return !s.isPostmortem && !s.readiness.visible ? true : undefined;
    }, 'no context key and no status bar for README.md', 20_000);
  });

  it('commands work on a team document: Insert Timeline Row adds a row to its timeline', async () => {
    const rel = 'team/incident-bad-choice.md';
    const uri = workspaceUri(rel);
    const { document: doc } = await openWorkspaceFile(rel);
    await waitForCodes(uri, ['PM004'], [], 20_000);
    const before = doc.getText();
    const info = stubWindow('showInformationMessage', async () => undefined);
    try {
      await vscode.commands.executeCommand('postmortemAssistant.insertTimelineRow', uri);
    } finally {
      info.restore();
    }
    assert.deepEqual(info.calls, [], 'no "not a post-mortem" message');
    const after = await waitForText(doc, (t) => t !== before, 'the inserted row');
    const lines = after.split(/\r?\n/);
    const old = before.split(/\r?\n/);
    assert.equal(lines.length, old.length + 1, 'one line added');
    const line = lines.findIndex((l, i) => l !== old[i]);
    assert.match(lines[line]!, /^\| \d{4}-\d{2}-\d{2} \d{2}:\d{2} \|/);
    assert.match(lines[line - 1]!, /^\| /, 'right after a timeline row');
    assert.deepEqual([...lines.slice(0, line), ...lines.slice(line + 1)], old, 'nothing else changed');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('New Post-Mortem asks which template when several are configured, and writes the one picked', async () => {
    const ID = 'INC-2026-0777';
    const uri = workspaceUri(`post-mortems/${ID}.md`);
    await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
    const config = vscode.workspace.getConfiguration('postmortem', workspaceFolder().uri);
    await config.update('templates', ['team-setting/sre.md', 'team/sre.md'], vscode.ConfigurationTarget.WorkspaceFolder);
    const pick = stubWindow('showQuickPick', async (items: readonly vscode.QuickPickItem[]) => items.find((i) => i.description === 'team-setting/sre.md'));
    const input = stubWindow('showInputBox', async () => ID);
    try {
      await vscode.commands.executeCommand('postmortemAssistant.newPostmortem');
      assert.equal(pick.calls.length, 1, 'asked which template');
      const items = pick.calls[0]![0] as vscode.QuickPickItem[];
      assert.deepEqual(items.map((i) => [i.label, i.description]), [
        ['Postmortem: <title>', 'team-setting/sre.md'],
        ['Postmortem: <title>', 'team/sre.md'],
        ['Incident Post-Mortem', 'built-in template'],
      ]);
      const editor = await waitFor(
        vscode.window.onDidChangeActiveTextEditor,
        () => (vscode.window.activeTextEditor?.document.uri.toString() === uri.toString() ? vscode.window.activeTextEditor : undefined),
        'the new post-mortem in the active editor',
      );
      const lines = editor.document.getText().split(/\r?\n/);
      assert.equal(lines[0], '# Postmortem: <title>');
      assert.ok(lines.includes(`**Incident ID:** ${ID}`));
      assert.ok(lines.includes(`**Date:** ${utcToday()}`));
      assert.ok(lines.includes('**Status:** Draft'));
      assert.equal(editor.document.getText(editor.selection), '<title>', 'the cursor on the first value to fill in');
      // The server reads it with the team template: a fresh draft, nothing louder than information.
      const diagnostics = await waitForDiagnostics(uri, (ds) => ds.length > 0, 20_000);
      assert.deepEqual(diagnostics.filter((d) => d.severity !== vscode.DiagnosticSeverity.Information).map(diagnosticCode), []);
      assert.ok(diagnostics.some((d) => diagnosticCode(d) === 'PM003'));
    } finally {
      pick.restore();
      input.restore();
      await config.update('templates', undefined, vscode.ConfigurationTarget.WorkspaceFolder);
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
    }
  });
});
