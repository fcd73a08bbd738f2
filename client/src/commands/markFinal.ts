/**
 * Mark Final: the server validates as if FINAL and either sets Status to the template's final
 * status (v1.1: FINAL; a team template's last Status choice) and nothing else, or returns what
 * blocks; the blockers are listed and the selected one is revealed. The messages name the
 * document's final status, as the server's summary gives it.
 */
import * as vscode from 'vscode';
import type { PostmortemClient } from '../languageClient';
import { targetDocument } from '../editorTarget';
import { SERVER_COMMANDS } from '../../../shared/src/protocol';
import { blockerDescription, finalStatus, parseMarkFinalResult, type Blocker } from '../pure/protocol';

export async function markFinal(client: PostmortemClient, arg: unknown): Promise<void> {
  // The server decides whether it is a post-mortem (a team template's documents included) and says why not.
  const doc = await targetDocument(arg);
  if (!doc) return;
  const summary = client.isStarted ? await client.summary(doc.uri) : undefined;
  const final = summary?.checked ? finalStatus(summary) : 'FINAL';
  let raw: unknown;
  try {
    raw = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Checking the post-mortem as {0}…', final) },
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
    void vscode.window.showInformationMessage(vscode.l10n.t('Status set to {0} in {1}.', final, label(doc)));
    return;
  }
  if (result.blockers.length === 0) {
    void vscode.window.showWarningMessage(
      result.reason
        ? vscode.l10n.t('Mark Final: the language server did not set Status to {0} ({1}). Nothing was changed.', final, result.reason)
        : vscode.l10n.t('Mark Final: the language server did not set Status to {0}. Nothing was changed.', final),
    );
    return;
  }
  await showBlockers(doc, result.blockers, vscode.l10n.t('Mark Final'), final);
}

interface BlockerItem extends vscode.QuickPickItem {
  blocker: Blocker;
}

/** Lists blockers in a quick pick; the selected one is revealed and selected in its editor. */
export async function showBlockers(doc: vscode.TextDocument, blockers: readonly Blocker[], action: string, final = 'FINAL'): Promise<void> {
  if (blockers.length === 0) return;
  const items: BlockerItem[] = blockers.map((b) => ({
    label: `$(error) ${b.message}`,
    description: blockerDescription(b, vscode.l10n.t),
    blocker: b,
  }));
  const picked = await vscode.window.showQuickPick(items, {
    title:
      blockers.length === 1
        ? vscode.l10n.t('{0}: 1 problem blocks {1} — nothing was changed', action, final)
        : vscode.l10n.t('{0}: {1} problems block {2} — nothing was changed', action, blockers.length, final),
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
