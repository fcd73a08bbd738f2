// Restart Language Server, Show Output, the postmortem-lint task, and a folder's README that is
// not a post-mortem (issue 12, items 5 and 6).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, diagnosticCode, openWorkspaceFile, postmortemDiagnostics, waitFor, waitForDiagnostics, workspaceUri } from './helpers';

describe('server commands and tasks', () => {
  it('Restart Language Server: the diagnostics go with the old server and come back from the new one', async () => {
    await activateExtension();
    const editor = await openWorkspaceFile('post-mortems/INC-2026-0042-three-defects.md');
    const uri = editor.document.uri;
    await waitForDiagnostics(uri, (d) => d.length > 0, 15_000);
    let cleared = false;
    const back = waitFor(
      vscode.languages.onDidChangeDiagnostics,
      () => {
        const n = postmortemDiagnostics(uri).length;
        if (n === 0) cleared = true;
        return cleared && n > 0 ? n : undefined;
      },
      'diagnostics cleared and published again',
      15_000,
    );
    await vscode.commands.executeCommand('postmortemAssistant.restartServer');
    assert.ok((await back) > 0);
  });

  it('Show Output runs without an error', async () => {
    await vscode.commands.executeCommand('postmortemAssistant.showOutput');
  });

  it('provides a postmortem-lint task per folder with the $postmortem-lint problem matcher', async () => {
    const tasks = await vscode.tasks.fetchTasks({ type: 'postmortem-lint' });
    assert.equal(tasks.length, 1, tasks.map((t) => t.name).join(', '));
    const [task] = tasks;
    assert.equal(task!.definition.type, 'postmortem-lint');
    assert.deepEqual(task!.problemMatchers, ['$postmortem-lint']);
    const exec = task!.execution as vscode.ShellExecution;
    assert.equal(exec.command, 'postmortem-lint');
    assert.deepEqual(exec.args, ['--no-color', '.']);
  });

  it('post-mortems/README.md (matched by the globs, no post-mortem title) gets no diagnostic', async () => {
    const readme = workspaceUri('post-mortems/README.md');
    await openWorkspaceFile('post-mortems/README.md');
    // A post-mortem opened after the README (a new file each run): once its diagnostics arrive,
    // the server has handled the README's didOpen (LSP messages are ordered).
    const probe = workspaceUri(`post-mortems/INC-2026-0314-after-index-${Date.now()}.md`);
    await vscode.workspace.fs.writeFile(probe, await vscode.workspace.fs.readFile(workspaceUri('post-mortems/INC-2026-0314.md')));
    try {
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(probe));
      await waitForDiagnostics(probe, (ds) => ds.some((d) => diagnosticCode(d) === 'PM005'), 15_000);
      assert.deepEqual(postmortemDiagnostics(readme).map((d) => `${diagnosticCode(d)} ${d.message}`), []);
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      await vscode.workspace.fs.delete(probe);
    }
  });
});
