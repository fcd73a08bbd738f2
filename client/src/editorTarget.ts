/** Which document a command works on: its URI argument (code lens, status bar, view) or the active editor. */
import * as vscode from 'vscode';
import { detectPostmortem, type DetectClient } from './postmortems';

export async function targetDocument(arg: unknown): Promise<vscode.TextDocument | undefined> {
  const uri = arg instanceof vscode.Uri ? arg : typeof arg === 'string' ? safeParse(arg) : undefined;
  if (uri) {
    try {
      return await vscode.workspace.openTextDocument(uri);
    } catch (e) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Cannot open {0}: {1}', uri.fsPath || uri.toString(), (e as Error).message));
      return undefined;
    }
  }
  const doc = vscode.window.activeTextEditor?.document;
  if (!doc) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a post-mortem first.'));
    return undefined;
  }
  return doc;
}

/**
 * The target, when it is a post-mortem (the line test, else the running server: a team
 * template's document); otherwise says so and returns undefined.
 */
export async function targetPostmortem(arg: unknown, client?: DetectClient): Promise<vscode.TextDocument | undefined> {
  const doc = await targetDocument(arg);
  if (!doc) return undefined;
  const yes = client ? await detectPostmortem(doc, client) : await detectPostmortem(doc, { isStarted: false, summary: async () => undefined });
  if (!yes) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t(
        'This is not a post-mortem: its first heading is neither "Incident Post-Mortem" nor the title of a configured template (postmortem.templates, .postmortemrc.json), and its path does not match postmortem.files.',
      ),
    );
    return undefined;
  }
  return doc;
}

/** An editor showing `doc` (the active one when it does). */
export async function editorFor(doc: vscode.TextDocument): Promise<vscode.TextEditor> {
  const active = vscode.window.activeTextEditor;
  if (active && active.document === doc) return active;
  return vscode.window.showTextDocument(doc);
}

function safeParse(s: string): vscode.Uri | undefined {
  try {
    return vscode.Uri.parse(s, true);
  } catch {
    return undefined;
  }
}
