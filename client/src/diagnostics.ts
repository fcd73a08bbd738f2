/** The server's diagnostics as the client reads them. */
import * as vscode from 'vscode';
import { DIAGNOSTIC_SOURCE } from '../../shared/src/protocol';
import type { Blocker } from './pure/protocol';

export function postmortemDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === DIAGNOSTIC_SOURCE);
}

export function diagnosticCode(d: vscode.Diagnostic): string | undefined {
  const c = d.code;
  if (c === undefined) return undefined;
  return typeof c === 'object' ? String(c.value) : String(c);
}

/** The document's current errors, in the shape of the server's blockers. */
export function currentErrors(uri: vscode.Uri): Blocker[] {
  return postmortemDiagnostics(uri)
    .filter((d) => d.severity === vscode.DiagnosticSeverity.Error)
    .map((d) => ({
      range: {
        start: { line: d.range.start.line, character: d.range.start.character },
        end: { line: d.range.end.line, character: d.range.end.character },
      },
      message: d.message,
      code: diagnosticCode(d),
      severity: 1,
    }));
}
