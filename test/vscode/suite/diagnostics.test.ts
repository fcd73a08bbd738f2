// Diagnostics from the real language server, as VS Code shows them (Problems panel, squiggles):
// the right codes on the right ranges, and nothing on Markdown that is not a post-mortem.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, diagnosticCode, openWorkspaceFile, postmortemDiagnostics, rangeTuple, waitForCodes, waitForDiagnostics, workspaceUri } from './helpers';

// Based on examples/post-mortems/INC-2026-0042-final.md (no finding), with three defects:
//   line 18  First detected (UTC) 2026-09-28 16:52 +02:00   -> PM005 (not UTC)
//   line 112 action item 3 has an empty Owner cell         -> PM010
//   line 140 Engineering Manager sign-off lacks Signature  -> PM012 on that row and on the FINAL Status value (line 7)
// Expected ranges (0-based) are those `node dist/cli.js --format json` prints for the file (1-based).
const THREE_DEFECTS = 'post-mortems/INC-2026-0042-three-defects.md';
const EXPECTED: { code: string; range: [number, number, number, number]; message: RegExp }[] = [
  { code: 'PM012', range: [6, 12, 6, 17], message: /Status is FINAL but 1 sign-off row is incomplete \(Engineering Manager\)/ },
  { code: 'PM005', range: [17, 25, 17, 48], message: /First detected \(UTC\): "2026-09-28 16:52 \+02:00" is not in UTC/ },
  { code: 'PM010', range: [111, 49, 111, 50], message: /Action item has no owner/ },
  { code: 'PM012', range: [139, 37, 139, 38], message: /sign-off of Engineering Manager lacks Signature/ },
];

describe('diagnostics', () => {
  before(async () => {
    await activateExtension();
  });

  it('reports PM010, PM005 and PM012 of a seeded post-mortem with codes, ranges and severity', async () => {
    const uri = workspaceUri(THREE_DEFECTS);
    const editor = await openWorkspaceFile(THREE_DEFECTS);
    await waitForCodes(uri, ['PM005', 'PM010', 'PM012'], [], 15_000);
    const diagnostics = [...postmortemDiagnostics(uri)].sort((a, b) => a.range.start.compareTo(b.range.start));
    assert.deepEqual(
      diagnostics.map((d) => ({ code: diagnosticCode(d), range: rangeTuple(d.range) })),
      EXPECTED.map(({ code, range }) => ({ code, range })),
    );
    diagnostics.forEach((d, i) => {
      assert.equal(d.severity, vscode.DiagnosticSeverity.Error, `${diagnosticCode(d)} is an error`);
      assert.equal(d.source, 'postmortem');
      assert.match(d.message, EXPECTED[i]!.message);
    });
    // The ranges cover the offending values, as a user sees them under the squiggle.
    const doc = editor.document;
    assert.equal(doc.getText(diagnostics[0]!.range), 'FINAL');
    assert.equal(doc.getText(diagnostics[1]!.range), '2026-09-28 16:52 +02:00');
    assert.equal(doc.lineAt(111).text.slice(0, 49), '| 3 | Automate fallback to the secondary oracle |');
    assert.equal(doc.lineAt(139).text, '| Engineering Manager | Marcus Bell | | 2026-10-03 |');
    // Each code links to its rule page.
    for (const d of diagnostics) {
      const code = d.code;
      assert.ok(typeof code === 'object' && code.target.scheme === 'https' && code.target.toString().endsWith(`/docs/rules/${diagnosticCode(d)}.md`), `${diagnosticCode(d)} links to its rule page`);
    }
  });

  it('gives a plain README.md no diagnostic', async () => {
    const readme = workspaceUri('README.md');
    await openWorkspaceFile('README.md');
    // A post-mortem opened after the README: once its diagnostics arrive, the server has
    // handled the README's didOpen (LSP messages are ordered). A new file each run, so its
    // diagnostics cannot be left over from an earlier test.
    const probe = workspaceUri(`post-mortems/INC-2026-0314-after-readme-${Date.now()}.md`);
    const text = await vscode.workspace.fs.readFile(workspaceUri('post-mortems/INC-2026-0314.md'));
    await vscode.workspace.fs.writeFile(probe, text);
    try {
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(probe));
      await waitForDiagnostics(probe, (ds) => ds.some((d) => diagnosticCode(d) === 'PM005'), 15_000);
      const readmeDoc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === readme.toString());
      assert.ok(readmeDoc, 'README.md is open (and so synced to the server)');
      assert.equal(readmeDoc.languageId, 'markdown');
      assert.deepEqual(
        vscode.languages.getDiagnostics(readme).map((d) => `${d.source}:${diagnosticCode(d)} ${d.message}`),
        [],
      );
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      await vscode.workspace.fs.delete(probe);
    }
  });
});
