// Smoke test: the harness runs in a real VS Code, our extension is loaded as the development
// extension, and the fixture workspace's post-mortem opens in an editor.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, openWorkspaceFile, workspaceUri } from './helpers';

describe('smoke', () => {
  it('loads the development extension', () => {
    const ids = vscode.extensions.all.map((e) => e.id);
    assert.ok(
      vscode.extensions.all.some((e) => e.id.toLowerCase() === EXTENSION_ID),
      `${EXTENSION_ID} not among ${ids.length} extensions: ${ids.join(', ')}`,
    );
  });

  it('opens the workspace post-mortem in an editor', async () => {
    const uri = workspaceUri('post-mortems/INC-2026-0314.md');
    const editor = await openWorkspaceFile('post-mortems/INC-2026-0314.md');
    assert.equal(editor.document.uri.toString(), uri.toString());
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), uri.toString());
    assert.equal(editor.document.languageId, 'markdown');
    assert.equal(editor.document.lineAt(0).text, '# Incident Post-Mortem');
  });
});
