// Mark Final (postmortemAssistant.markFinal) both ways: refused on an incomplete document (nothing
// changes, the blockers are listed in a quick pick), applied on a complete one (Status becomes
// FINAL and no other line changes).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, changedLines, markFinal, openWorkspaceFile, waitForCodes, waitForText, workspaceUri } from './helpers';

describe('Mark Final', () => {
  before(async () => {
    await activateExtension();
  });

  it('refuses an incomplete post-mortem: lists the blockers and changes nothing', async () => {
    // The three-defects document while UNDER REVIEW: as FINAL it has PM005, PM010 and PM012 twice
    // (the unsigned row, and the Status value itself).
    const rel = 'post-mortems/INC-2026-0042-not-ready.md';
    const uri = workspaceUri(rel);
    const { document: doc } = await openWorkspaceFile(rel);
    await waitForCodes(uri, ['PM005', 'PM010'], [], 15_000);
    const before = doc.getText();
    const version = doc.version;

    const { pick, info } = await markFinal(uri);

    assert.equal(pick.calls.length, 1, 'the blockers were shown once');
    const [items, options] = pick.calls[0] as [vscode.QuickPickItem[], vscode.QuickPickOptions];
    assert.equal(options.title, 'Mark Final: 4 problems block FINAL — nothing was changed');
    assert.deepEqual(
      items.map((i) => i.description),
      ['Line 7 · PM012', 'Line 18 · PM005', 'Line 112 · PM010', 'Line 140 · PM012'],
    );
    assert.match(items[1]!.label, /^\$\(error\) First detected \(UTC\): "2026-09-28 16:52 \+02:00" is not in UTC/);
    assert.match(items[3]!.label, /Engineering Manager lacks Signature/);
    assert.deepEqual(info.calls, [], 'no "Status set to FINAL" message');
    assert.equal(doc.getText(), before);
    assert.equal(doc.version, version, 'the document was not edited');
    assert.equal(doc.isDirty, false);
    assert.match(doc.lineAt(6).text, /^\*\*Status:\*\* UNDER REVIEW$/);
  });

  it('sets Status to FINAL on a complete post-mortem, and nothing else', async () => {
    // examples/post-mortems/INC-2026-0042-final.md with Status UNDER REVIEW.
    const rel = 'post-mortems/INC-2026-0042-ready.md';
    const uri = workspaceUri(rel);
    const { document: doc } = await openWorkspaceFile(rel);
    const before = doc.getText();
    assert.equal(doc.lineAt(6).text, '**Status:** UNDER REVIEW');

    const { pick, info } = await markFinal(uri);

    const after = await waitForText(doc, (t) => t !== before, 'the Mark Final edit');
    assert.deepEqual(changedLines(before, after), [6]);
    assert.equal(doc.lineAt(6).text, '**Status:** FINAL');
    assert.equal(pick.calls.length, 0, 'no blockers listed');
    assert.deepEqual(info.calls.map((c) => c[0]), [`Status set to FINAL in ${rel}.`]);
  });
});
