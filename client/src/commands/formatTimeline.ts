/** Format Timeline Table: the server's `postmortem.formatTimeline` aligns (and optionally sorts) the Timeline table. */
import * as vscode from 'vscode';
import type { PostmortemClient } from '../languageClient';
import { targetPostmortem } from '../editorTarget';
import { SERVER_COMMANDS } from '../../../shared/src/protocol';
import { parseFormatResult } from '../pure/protocol';
import { sortOnFormat } from '../settings';

export interface FormatTimelineOptions {
  /** Sort rows by time (stable); default: `postmortem.timeline.sortOnFormat`. */
  sortByTime?: boolean;
}

export async function formatTimeline(client: PostmortemClient, arg: unknown, options?: unknown): Promise<void> {
  const doc = await targetPostmortem(arg, client);
  if (!doc) return;
  const o = (typeof options === 'object' && options !== null ? options : {}) as FormatTimelineOptions;
  const sortByTime = typeof o.sortByTime === 'boolean' ? o.sortByTime : sortOnFormat(doc.uri);
  let raw: unknown;
  try {
    raw = await client.executeCommand(SERVER_COMMANDS.formatTimeline, doc.uri, [{ sortByTime }]);
  } catch (e) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Format Timeline Table failed: {0}', (e as Error).message));
    return;
  }
  const result = parseFormatResult(raw);
  if (!result) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Format Timeline Table: the language server gave an unexpected answer.'));
  } else if (!result.applied) {
    void vscode.window.showInformationMessage(
      result.message ? vscode.l10n.t('Format Timeline Table: nothing was changed ({0}).', result.message) : vscode.l10n.t('Format Timeline Table: nothing was changed.'),
    );
  } else if (result.changed === false) {
    vscode.window.setStatusBarMessage(`$(check) ${vscode.l10n.t('The Timeline table is already formatted.')}`, 3000);
  }
}
