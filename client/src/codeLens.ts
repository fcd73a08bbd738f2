/**
 * A "Mark Final" code lens on the `**Status:**` line of a post-mortem that is not FINAL yet.
 * The line and the Status come from the server (`postmortem/summary`), for the document's
 * current version; lenses are asked for again whenever the server publishes diagnostics.
 */
import * as vscode from 'vscode';
import { CLIENT_COMMANDS } from '../../shared/src/protocol';
import type { PostmortemClient } from './languageClient';
import { isPostmortemDocument } from './postmortems';

export class MarkFinalCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly client: PostmortemClient) {
    this.disposables = [
      this.changed,
      client.onDidStart(() => this.changed.fire()),
      vscode.languages.onDidChangeDiagnostics((e) => {
        const shown = new Set(vscode.window.visibleTextEditors.map((ed) => ed.document.uri.toString()));
        if (e.uris.some((u) => shown.has(u.toString()))) this.changed.fire();
      }),
    ];
  }

  async provideCodeLenses(doc: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.CodeLens[]> {
    if (!this.client.isStarted || !isPostmortemDocument(doc)) return [];
    const version = doc.version;
    const s = await this.client.summary(doc.uri, {}, token);
    // A summary of another version would put the lens on the wrong line: the next diagnostics ask again.
    if (!s?.checked || s.status === 'FINAL' || !s.statusRange || s.version !== version || doc.version !== version) return [];
    const line = s.statusRange.start.line;
    if (line >= doc.lineCount) return [];
    return [
      new vscode.CodeLens(doc.lineAt(line).range, {
        title: 'Mark Final',
        tooltip: 'Check this post-mortem as FINAL; set Status to FINAL only if nothing blocks',
        command: CLIENT_COMMANDS.markFinal,
        arguments: [doc.uri],
      }),
    ];
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
