// Quick fixes and fix-all as VS Code gets them from the server (lightbulb, Source Action menu,
// editor.codeActionsOnSave), applied through the editor.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  activateExtension,
  activateMarkdownExtensions,
  codeActions,
  changedLines,
  codesOf,
  diagnosticCode,
  openWorkspaceFile,
  postmortemDiagnostics,
  waitForCodes,
  waitForDiagnostics,
  waitForText,
  workspaceUri,
} from './helpers';

const isAction = (a: vscode.CodeAction | vscode.Command): a is vscode.CodeAction => !('command' in a && typeof a.command === 'string');

describe('code actions', () => {
  before(async () => {
    await activateExtension();
    await activateMarkdownExtensions();
  });

  it('quick fix converts a non-UTC time (PM005) and changes only that line', async () => {
    // Same text as the three-defects fixture: PM005 on line 18, PM010, PM012 elsewhere.
    const rel = 'post-mortems/INC-2026-0042-quickfix.md';
    const uri = workspaceUri(rel);
    const { document: doc } = await openWorkspaceFile(rel);
    await waitForCodes(uri, ['PM005', 'PM010', 'PM012'], [], 15_000);
    const before = doc.getText();
    const pm005 = postmortemDiagnostics(uri).find((d) => diagnosticCode(d) === 'PM005')!;
    assert.equal(pm005.range.start.line, 17);

    // Our quick fix (kind quickfix; executeCodeActionProvider's results carry no `diagnostics`,
    // so ours is told apart by its title).
    const isOurs = (a: vscode.CodeAction | vscode.Command): a is vscode.CodeAction =>
      isAction(a) && a.kind?.value === vscode.CodeActionKind.QuickFix.value && a.title.startsWith('Convert to UTC');
    const actions = await codeActions(uri, pm005.range, undefined, (all) => all.some(isOurs));
    const fixes = actions.filter(isOurs);
    assert.deepEqual(
      fixes.map((a) => a.title),
      ['Convert to UTC: 2026-09-28 14:52 UTC'],
      `code actions offered: ${actions.map((a) => a.title).join(' | ')}`,
    );
    const fix = fixes[0]!;
    assert.ok(fix.edit, 'the quick fix carries its edit');
    assert.equal(await vscode.workspace.applyEdit(fix.edit), true, 'the editor applied the fix');

    // The squiggle goes away; the other problems stay.
    await waitForCodes(uri, ['PM010', 'PM012'], ['PM005']);
    assert.deepEqual(codesOf(uri).sort(), ['PM010', 'PM012', 'PM012']);
    const after = doc.getText();
    assert.deepEqual(changedLines(before, after), [17]);
    assert.equal(doc.lineAt(17).text, '| First detected (UTC) | 2026-09-28 14:52 UTC |');
  });

  it('source.fixAll.postmortem fixes every auto-fixable problem and nothing else', async () => {
    // INC-2026-0042 with three fixable defects: Total duration 2h 30m (PM009), a timeline time
    // at +02:00 (PM005), and an evidence path naming INC-2026-0041 (PM013).
    const rel = 'post-mortems/INC-2026-0042-fix-all.md';
    const uri = workspaceUri(rel);
    const { document: doc } = await openWorkspaceFile(rel);
    await waitForCodes(uri, ['PM005', 'PM009', 'PM013'], [], 15_000);
    const before = doc.getText();

    const whole = new vscode.Range(0, 0, doc.lineCount, 0);
    const isFixAll = (a: vscode.CodeAction | vscode.Command): a is vscode.CodeAction => isAction(a) && a.kind?.value === 'source.fixAll.postmortem';
    const actions = await codeActions(uri, whole, 'source.fixAll.postmortem', (all) => all.some(isFixAll));
    const fixAll = actions.filter(isFixAll);
    assert.equal(fixAll.length, 1, `source.fixAll.postmortem actions: ${actions.map((a) => a.title).join(' | ')}`);
    assert.equal(fixAll[0]!.title, 'Fix all auto-fixable post-mortem problems');
    assert.equal(await vscode.workspace.applyEdit(fixAll[0]!.edit!), true);

    const after = await waitForText(doc, (t) => t !== before, 'the fix-all edit');
    assert.deepEqual(changedLines(before, after), [20, 40, 123]);
    assert.equal(doc.lineAt(20).text, '| Total duration | 2h 15m |');
    assert.equal(doc.lineAt(40).text, '| 2026-09-28 15:04 | First responder acknowledged | Tomás Ortega |');
    assert.equal(doc.lineAt(123).text, '| Audit log export | `governance/evidence/INC-2026-0042/audit-log.csv` |');

    // Every problem is gone (the corrected evidence path exists in the workspace: no PM014 either).
    await waitForDiagnostics(uri, () => codesOf(uri).length === 0);
  });
});
