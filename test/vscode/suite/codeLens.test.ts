// The Mark Final code lens (client/src/codeLens.ts): on the Status line of a post-mortem that is not
// FINAL, placed where the server's postmortem/summary says the Status is; none on a FINAL one.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, codesOf, openWorkspaceFile, waitForCodes, waitForDiagnostics, workspaceUri } from './helpers';

async function lenses(uri: vscode.Uri): Promise<vscode.CodeLens[]> {
  return (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
}

describe('Mark Final code lens', () => {
  before(async () => {
    await activateExtension();
  });

  it('sits on the Status line of a post-mortem under review, and not on a FINAL one', async () => {
    const review = 'post-mortems/INC-2026-0042-review.md'; // UNDER REVIEW, read only by the tests
    const editor = await openWorkspaceFile(review);
    await waitForDiagnostics(workspaceUri(review), () => codesOf(workspaceUri(review)).includes('PM021'), 15_000);
    const statusLine = editor.document.getText().split(/\r?\n/).findIndex((l) => l.startsWith('**Status:**'));
    const found = (await lenses(workspaceUri(review))).filter((l) => l.command?.title === 'Mark Final');
    assert.equal(found.length, 1, 'one Mark Final lens');
    assert.equal(found[0]!.range.start.line, statusLine);
    assert.equal(found[0]!.command?.command, 'postmortemAssistant.markFinal');

    const final = 'post-mortems/INC-2026-0042-three-defects.md'; // FINAL
    await openWorkspaceFile(final);
    await waitForCodes(workspaceUri(final), ['PM005', 'PM010', 'PM012'], [], 15_000);
    assert.deepEqual((await lenses(workspaceUri(final))).filter((l) => l.command?.title === 'Mark Final'), []);
  });
});
