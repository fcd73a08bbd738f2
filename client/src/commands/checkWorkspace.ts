/**
 * Post-Mortem: Check Workspace — every post-mortem's findings in the Problems panel, open or not.
 * The server does the work (`postmortem/checkWorkspace`, server/src/handlers/checkWorkspace.ts):
 * it finds the files as `postmortem-lint <folder>` does, publishes diagnostics for the files that
 * are not open and keeps them up to date afterwards. This shows its progress (cancellable) and
 * what it found.
 */
import * as vscode from 'vscode';
import { LSPErrorCodes } from 'vscode-languageclient';
import type { CheckWorkspaceResult } from '../../../shared/src/protocol';
import type { PostmortemClient } from '../languageClient';

/** The command that opens the Problems panel. */
const SHOW_PROBLEMS = 'workbench.actions.view.problems';

export async function checkWorkspace(pm: PostmortemClient): Promise<CheckWorkspaceResult | undefined> {
  if (!vscode.workspace.workspaceFolders?.length) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Check Workspace needs an open folder.'));
    return undefined;
  }
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Checking post-mortems'), cancellable: true },
    async (progress, token) => {
      let done = 0;
      try {
        return await pm.checkWorkspace(token, (percentage, message) => {
          const increment = percentage !== undefined && percentage > done ? percentage - done : undefined;
          if (increment !== undefined) done = percentage!;
          progress.report({ message, ...(increment !== undefined ? { increment } : {}) });
        });
      } catch (e) {
        // Cancelled here, or by a newer Check Workspace: what was published so far stays.
        if (token.isCancellationRequested || (e as { code?: unknown }).code === LSPErrorCodes.RequestCancelled) return undefined;
        throw e;
      }
    },
  );
  if (!result) return undefined;
  for (const p of result.problems) void vscode.window.showWarningMessage(vscode.l10n.t('Check Workspace: {0}', p));
  if (result.postmortems === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No post-mortems found in this workspace ({0} Markdown files looked at).', result.files));
    return result;
  }
  const summary = vscode.l10n.t('Post-mortems checked: {0}, with errors: {3}. Errors: {1}, warnings: {2}.', result.postmortems, result.errors, result.warnings, result.withErrors);
  const text = result.truncated ? `${summary} ${vscode.l10n.t('Only the first {0} Markdown files were checked.', result.files)}` : summary;
  const show = vscode.l10n.t('Show Problems');
  void vscode.window.showInformationMessage(text, show).then((picked) => {
    if (picked === show) void vscode.commands.executeCommand(SHOW_PROBLEMS);
  });
  return result;
}
