/** A "Mark Final" code lens on the `**Status:**` line of a post-mortem that is not FINAL yet. */
import * as vscode from 'vscode';
import { CLIENT_COMMANDS } from '../../shared/src/protocol';
import { headerField } from './pure/markdown';
import { isPostmortemDocument } from './postmortems';

export class MarkFinalCodeLensProvider implements vscode.CodeLensProvider {
  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    if (!isPostmortemDocument(doc)) return [];
    const status = headerField(doc.getText(), 'Status');
    if (!status) return [];
    if (/^\W*FINAL\W*$/i.test(status.value)) return [];
    const range = doc.lineAt(status.line).range;
    return [
      new vscode.CodeLens(range, {
        title: 'Mark Final',
        tooltip: 'Check this post-mortem as FINAL; set Status to FINAL only if nothing blocks',
        command: CLIENT_COMMANDS.markFinal,
        arguments: [doc.uri],
      }),
    ];
  }
}
