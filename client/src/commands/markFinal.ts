/**
 * Mark Final: the server validates as if FINAL and either sets Status to FINAL (and
 * nothing else) or returns what blocks; the blockers are listed and the selected one
 * is revealed.
 */
import * as vscode from 'vscode';
import type { PostmortemClient } from '../languageClient';
import { targetDocument } from '../editorTarget';
import { SERVER_COMMANDS } from '../../../shared/src/protocol';
import { blockerDescription, parseMarkFinalResult, type Blocker } from '../pure/protocol';

export async function markFinal(client: PostmortemClient, arg: unknown): Promise<void> {
  // The server decides whether it is a post-mortem (a team template's documents included) and says why not.
  const doc = await targetDocument(arg);
  if (!doc) return;
  let raw: unknown;
  try {
    raw = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Checking the post-mortem as FINAL…') },
      () => client.executeCommand(SERVER_COMMANDS.markFinal, doc.uri),
    );
  } catch (e) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Mark Final failed: {0}', (e as Error).message));
    return;
  }
  const result = parseMarkFinalResult(raw);
  if (!result) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Mark Final: the language server gave an unexpected answer; nothing was changed.'));
    return;
  }
  if (result.applied) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Status set to FINAL in {0}.', label(doc)));
    return;
  }
  if (result.blockers.length === 0) {
    void vscode.window.showWarningMessage(
      result.reason
        ? vscode.l10n.t('Mark Final: the language server did not set Status to FINAL ({0}). Nothing was changed.', result.reason)
        : vscode.l10n.t('Mark Final: the language server did not set Status to FINAL. Nothing was changed.'),
    );
    return;
  }
  await showBlockers(doc, result.blockers, vscode.l10n.t('Mark Final'));
}

interface BlockerItem extends vscode.QuickPickItem {
  blocker: Blocker;
}

/** Lists blockers in a quick pick; the selected one is revealed and selected in its editor. */
export async function showBlockers(doc: vscode.TextDocument, blockers: readonly Blocker[], action: string): Promise<void> {
  if (blockers.length === 0) return;
  const items: BlockerItem[] = blockers.map((b) => ({
    label: `$(error) ${b.message}`,
    description: blockerDescription(b, vscode.l10n.t),
    blocker: b,
  }));
  const picked = await vscode.window.showQuickPick(items, {
    title:
      blockers.length === 1
        ? vscode.l10n.t('{0}: 1 problem blocks FINAL — nothing was changed', action)
        : vscode.l10n.t('{0}: {1} problems block FINAL — nothing was changed', action, blockers.length),
    placeHolder: vscode.l10n.t('Select a problem to go to it'),
    matchOnDescription: true,
  });
  if (!picked) return;
  const r = picked.blocker.range;
  const range = doc.validateRange(new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character));
  const editor = await vscode.window.showTextDocument(doc, { selection: range, preserveFocus: false });
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

function label(doc: vscode.TextDocument): string {
  return doc.isUntitled ? doc.uri.path : vscode.workspace.asRelativePath(doc.uri);
}
