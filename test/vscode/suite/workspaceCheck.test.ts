// Post-Mortem: Check Workspace: the findings of a post-mortem that was never opened appear in the
// Problems panel (vscode.languages.getDiagnostics), the same codes, lines and severities as
// `postmortem-lint` prints for it; the Post-Mortems view counts its errors although it is not open.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { CLIENT_COMMANDS } from '../../../shared/src/protocol';
import type { PostmortemAssistantApi } from '../../../client/src/extension';
import { activateExtension, diagnosticCode, stubWindow, waitForDiagnostics, workspaceFolder, workspaceUri } from './helpers';

// A copy of the DRAFT example (INC-2026-0500) that no test opens.
const REL = 'post-mortems/INC-2026-0500-unopened.md';
const SEVERITY: Record<number, string> = {
  [vscode.DiagnosticSeverity.Error]: 'error',
  [vscode.DiagnosticSeverity.Warning]: 'warning',
  [vscode.DiagnosticSeverity.Information]: 'information',
  [vscode.DiagnosticSeverity.Hint]: 'hint',
};

describe('Check Workspace', () => {
  it('puts the findings of an unopened post-mortem in the Problems panel, as postmortem-lint reports them', async () => {
    const ext = await activateExtension();
    const uri = workspaceUri(REL);
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString()), `${REL} is not open`);

    // What the CLI says about the file (the extension's own dist/cli.js, run from the workspace folder
    // by the extension host's runtime: Node here, Electron as Node in a desktop VS Code).
    const cli = spawnSync(process.execPath, [path.join(ext.extensionPath, 'dist', 'cli.js'), '--format', 'json', REL], {
      cwd: workspaceFolder().uri.fsPath,
      encoding: 'utf8',
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    });
    assert.equal(cli.status, 1, cli.stderr);
    const expected = (JSON.parse(cli.stdout) as { line: number; column: number; severity: string; code: string }[]).map((f) => `${f.line}:${f.column} ${f.severity} ${f.code}`).sort();
    assert.ok(expected.some((r) => r.endsWith('error PM010')), expected.join(', '));

    const info = stubWindow('showInformationMessage', () => Promise.resolve(undefined));
    try {
      await vscode.commands.executeCommand(CLIENT_COMMANDS.checkWorkspace);
      const shown = await waitForDiagnostics(uri, (ds) => ds.length > 0, 30_000);
      const rows = shown.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${SEVERITY[d.severity]} ${diagnosticCode(d)}`).sort();
      assert.deepEqual(rows, expected);
      assert.ok(shown.every((d) => d.source === 'postmortem'));
      assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString()), 'the check did not open the file');
      // The summary message: post-mortems checked, with the errors counted.
      const message = info.calls.map((c) => String(c[0])).find((m) => m.startsWith('Post-mortems checked:'));
      assert.ok(message, `a summary message (got: ${JSON.stringify(info.calls)})`);
      assert.match(message, /Errors: \d+, warnings: \d+\./);
    } finally {
      info.restore();
    }
    // Nothing for a plain Markdown file.
    assert.deepEqual(vscode.languages.getDiagnostics(workspaceUri('README.md')).filter((d) => d.source === 'postmortem'), []);

    // The Post-Mortems view counts the unopened file's errors.
    const api = ext.exports as PostmortemAssistantApi;
    const view = api.postmortemsView;
    const errors = expected.filter((r) => / error /.test(r)).length;
    let description: string | undefined;
    for (const group of (await view.getChildren()) ?? []) {
      for (const file of (await view.getChildren(group)) ?? []) {
        const item = await view.getTreeItem(file);
        if (item.resourceUri?.toString() === uri.toString()) description = typeof item.description === 'string' ? item.description : undefined;
      }
    }
    assert.ok(description?.startsWith(`${errors} errors ·`), `the view describes ${REL} as "${description}"`);
  });
});
