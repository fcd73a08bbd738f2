// A team's own template (docs/templates.md) in a real VS Code: picked up from the rc file
// (team/.postmortemrc.json names team/sre.md) and from the postmortem.templates setting; Mark
// Final sets the team's final status ("Published").
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, changedLines, markFinal, openWorkspaceFile, postmortemDiagnostics, waitForCodes, waitForText, workspaceFolder, workspaceUri } from './helpers';

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
    const { pick } = await markFinal(uri);
    assert.equal(pick.calls.length, 0, 'no blockers listed');
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
});
