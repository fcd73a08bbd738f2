/**
 * Post-Mortem: Export Report — the statistics of the workspace's post-mortems (by status,
 * severity, trigger, month; time to open and to resolve; action items per owner) as a Markdown
 * file: the report of `postmortem-lint stats --format markdown`, computed by the server
 * (`postmortem/report`). Asks where to save it (default `post-mortem-report-<today>.md` in the
 * first workspace folder) and opens it.
 */
import * as vscode from 'vscode';
import type { PostmortemClient } from '../languageClient';
import { PostmortemScanner } from '../postmortems';

export async function exportReport(pm: PostmortemClient): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Export Report needs a workspace folder with post-mortems.'));
    return;
  }
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Post-mortem report'), cancellable: true },
    async (_progress, token) => {
      const uris = await new PostmortemScanner(pm).find(token);
      if (token.isCancellationRequested) return undefined;
      return pm.report(uris, uris.map((u) => vscode.workspace.asRelativePath(u)), token);
    },
  );
  if (!result) return;
  if (result.postmortems === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No post-mortems found in this workspace: nothing to report.'));
    return;
  }
  const today = new Date().toISOString().slice(0, 10);
  const target = await vscode.window.showSaveDialog({
    defaultUri: vscode.Uri.joinPath(folder.uri, `post-mortem-report-${today}.md`),
    filters: { [vscode.l10n.t('Markdown')]: ['md'] },
    title: vscode.l10n.t('Export Post-Mortem Report'),
  });
  if (!target) return;
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(result.markdown));
  await vscode.window.showTextDocument(target);
}
