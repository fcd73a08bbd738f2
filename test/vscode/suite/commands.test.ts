// The commands that ask the user something, with the question answered by a stub of
// vscode.window (see stubWindow in helpers.ts): Insert Evidence Path and New Post-Mortem.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as vscode from 'vscode';
import {
  activateExtension,
  changedLines,
  codesOf,
  diagnosticCode,
  openWorkspaceFile,
  stubWindow,
  utcToday,
  waitFor,
  waitForCodes,
  waitForDiagnostics,
  workspaceFolder,
  workspaceUri,
} from './helpers';

type Item = vscode.QuickPickItem & { rel?: string };

describe('Insert Evidence Path', () => {
  before(async () => {
    await activateExtension();
  });

  it('lists governance/evidence/<ID>/ and inserts the picked file in backticks at the cursor', async () => {
    // INC-2026-0042 (UNDER REVIEW) whose "On-chain tx links" location (line 125) is empty: PM003.
    const rel = 'post-mortems/INC-2026-0042-evidence.md';
    const uri = workspaceUri(rel);
    const editor = await openWorkspaceFile(rel);
    const doc = editor.document;
    await waitForCodes(uri, ['PM003'], [], 15_000);
    const before = doc.getText();
    const line = 124;
    assert.equal(doc.lineAt(line).text, '| On-chain tx links |  |');
    editor.selection = new vscode.Selection(line, 22, line, 22); // between the two spaces of the empty cell

    const pick = stubWindow('showQuickPick', async (items: Item[]) => items.find((i) => i.rel === 'audit-log.csv'));
    try {
      await vscode.commands.executeCommand('postmortemAssistant.insertEvidencePath');
    } finally {
      pick.restore();
    }

    assert.equal(pick.calls.length, 1, 'the evidence quick pick was shown (and stubbed)');
    const [items, options] = pick.calls[0] as [Item[], vscode.QuickPickOptions];
    assert.equal(options.title, 'Insert an evidence path (governance/evidence/INC-2026-0042/)');
    assert.deepEqual(
      items.map((i) => i.label),
      [
        '$(folder) governance/evidence/INC-2026-0042/',
        '$(file) audit-log.csv',
        '$(file) dashboard.png',
        '$(file) decision-checklist.md',
        '$(file) reconciliation-report.md',
      ],
    );
    assert.deepEqual(changedLines(before, doc.getText()), [line]);
    assert.equal(doc.lineAt(line).text, '| On-chain tx links | `governance/evidence/INC-2026-0042/audit-log.csv` |');
    // The empty-location problem is gone and the inserted path exists (no PM014).
    await waitForDiagnostics(uri, () => codesOf(uri).length === 0);
  });
});

describe('New Post-Mortem', () => {
  const ID = 'INC-2026-0999';
  const rel = `post-mortems/${ID}.md`;

  before(async () => {
    await activateExtension();
    // Independent of earlier runs in the same folder (VSCODE_TEST_WORKSPACE): start without the file.
    await vscode.workspace.fs.delete(workspaceUri(rel)).then(undefined, () => undefined);
  });

  it('asks for the Incident ID, creates the file from the template and opens it', async () => {
    const uri = workspaceUri(rel);
    const input = stubWindow('showInputBox', async () => ID);
    try {
      await vscode.commands.executeCommand('postmortemAssistant.newPostmortem');
    } finally {
      input.restore();
    }

    assert.equal(input.calls.length, 1, 'the Incident ID was asked for (and stubbed)');
    const [options] = input.calls[0] as [vscode.InputBoxOptions];
    assert.equal(options.title, 'New Post-Mortem');
    // The input box refuses an ID that cannot name an evidence folder.
    assert.ok(await options.validateInput?.('bad/id'), 'a slash is refused');
    assert.ok(!(await options.validateInput?.(ID)), `${ID} is accepted`);

    // It opened in the active editor...
    const editor = await waitFor(
      vscode.window.onDidChangeActiveTextEditor,
      () => (vscode.window.activeTextEditor?.document.uri.toString() === uri.toString() ? vscode.window.activeTextEditor : undefined),
      `${rel} in the active editor`,
    );
    // ...and was written to disk with the ID and Date Written filled in.
    const onDisk = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    assert.equal(editor.document.getText(), onDisk);
    const lines = onDisk.split(/\r?\n/);
    assert.equal(lines[0], '# Incident Post-Mortem');
    assert.ok(lines.includes(`**Incident ID:** ${ID}`), `Incident ID line in:\n${lines.slice(0, 8).join('\n')}`);
    assert.ok(lines.includes(`**Date Written (UTC):** ${utcToday()}`), `Date Written line in:\n${lines.slice(0, 8).join('\n')}`);
    const author = gitUserName(workspaceFolder().uri.fsPath);
    const authorLine = lines.find((l) => l.startsWith('**Post-Mortem Author:**'));
    if (author) assert.equal(authorLine, `**Post-Mortem Author:** ${author}`);
    else assert.match(authorLine ?? '', /^\*\*Post-Mortem Author:\*\* _{3,}$/);
    // The cursor is on the first value still to fill in.
    assert.match(editor.document.getText(editor.selection), /^_{3,}$/);

    assert.ok(lines.includes('**Status:** DRAFT'));
    // The evidence paths name the new incident's folder (a leftover <INCIDENT_ID> would be PM013).
    assert.ok(lines.includes(`| Decision checklist | \`governance/evidence/${ID}/decision-checklist.md\` |`));
    assert.ok(!onDisk.includes('<INCIDENT_ID>'));

    // The new draft has no error: what is still to fill in is information. The only warnings are
    // PM014 on the two evidence paths, because governance/evidence/INC-2026-0999/ does not exist yet.
    const diagnostics = await waitForDiagnostics(uri, (ds) => ds.length > 0, 15_000);
    const severe = (s: vscode.DiagnosticSeverity) => diagnostics.filter((d) => d.severity === s).map((d) => `${diagnosticCode(d)}: ${d.message}`);
    assert.deepEqual(severe(vscode.DiagnosticSeverity.Error), []);
    assert.deepEqual(severe(vscode.DiagnosticSeverity.Warning).sort(), [
      `PM014: Evidence path "governance/evidence/${ID}/" does not exist in the workspace`,
      `PM014: Evidence path "governance/evidence/${ID}/decision-checklist.md" does not exist in the workspace`,
    ]);
    assert.ok(diagnostics.some((d) => diagnosticCode(d) === 'PM003' && d.severity === vscode.DiagnosticSeverity.Information));
  });
});

function gitUserName(cwd: string): string | undefined {
  try {
    return execFileSync('git', ['config', 'user.name'], { cwd, encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}
