// The Mark Final code lens in VS Code is the language server's (textDocument/codeLens, issue 14):
// on the Status line of a post-mortem that is not FINAL ("Mark Final", or "Mark Final: N
// blockers"), running the extension's Mark Final command; none on a FINAL one.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, codesOf, openWorkspaceFile, waitForCodes, waitForDiagnostics, workspaceUri } from './helpers';

async function lenses(uri: vscode.Uri): Promise<vscode.CodeLens[]> {
  return (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
}

const markFinalLenses = (ls: vscode.CodeLens[]) => ls.filter((l) => /^Mark Final(: \d+ blockers?)?$/.test(l.command?.title ?? ''));

describe('Mark Final code lens', () => {
  before(async () => {
    await activateExtension();
  });

  it('sits on the Status line of a post-mortem under review, and not on a FINAL one', async () => {
    const review = 'post-mortems/INC-2026-0042-review.md'; // UNDER REVIEW, read only by the tests
    const editor = await openWorkspaceFile(review);
    await waitForDiagnostics(workspaceUri(review), () => codesOf(workspaceUri(review)).includes('PM021'), 15_000);
    const statusLine = editor.document.getText().split(/\r?\n/).findIndex((l) => l.startsWith('**Status:**'));
    const found = markFinalLenses(await lenses(workspaceUri(review)));
    assert.equal(found.length, 1, 'one Mark Final lens');
    assert.equal(found[0]!.range.start.line, statusLine);
    assert.equal(found[0]!.command?.command, 'postmortemAssistant.markFinal', 'the lens runs the extension\'s Mark Final');
    assert.equal(String(found[0]!.command?.arguments?.[0]), workspaceUri(review).toString());

    const final = 'post-mortems/INC-2026-0042-three-defects.md'; // FINAL
    await openWorkspaceFile(final);
    await waitForCodes(workspaceUri(final), ['PM005', 'PM010', 'PM012'], [], 15_000);
    assert.deepEqual(markFinalLenses(await lenses(workspaceUri(final))), []);
  });
});
