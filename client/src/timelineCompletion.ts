/**
 * The timeline-row snippet with the current UTC time. VS Code's snippet variables
 * ($CURRENT_HOUR, …) are local time, so a static snippet in snippets/ cannot hold it:
 * this completion offers the same row as snippets/ `pm-timeline-row`, with the time filled
 * in UTC at the moment the completion list opens. Offered only in post-mortems, while the
 * line so far is the prefix being typed.
 */
import * as vscode from 'vscode';
import type { PostmortemClient } from './languageClient';
import { isPostmortemDocument } from './postmortems';
import { timelineRowSnippet } from './pure/timeline';

export const UTC_ROW_PREFIX = 'pm-timeline-row-now';

export class UtcTimelineRowCompletion implements vscode.CompletionItemProvider {
  constructor(
    /** Asked for the Timeline table's column count (a team template's may exist beyond v1.1's three). */
    private readonly client?: Pick<PostmortemClient, 'isStarted' | 'summary'>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async provideCompletionItems(doc: vscode.TextDocument, position: vscode.Position, token?: vscode.CancellationToken): Promise<vscode.CompletionItem[]> {
    const before = doc.lineAt(position.line).text.slice(0, position.character);
    const typed = /^\s*([\w-]*)$/.exec(before);
    if (!typed || !isPostmortemDocument(doc)) return []; // the cheap line test first
    const item = new vscode.CompletionItem(UTC_ROW_PREFIX, vscode.CompletionItemKind.Snippet);
    item.detail = vscode.l10n.t('Timeline row (current UTC time)');
    item.documentation = vscode.l10n.t('A Timeline row with the current UTC time, the other columns as tab stops.');
    const summary = this.client?.isStarted ? await this.client.summary(doc.uri, {}, token) : undefined;
    const columns = summary?.checked ? summary.timeline?.columns : undefined;
    item.insertText = new vscode.SnippetString(timelineRowSnippet(this.now(), columns));
    item.range = new vscode.Range(position.line, position.character - typed[1]!.length, position.line, position.character);
    return [item];
  }
}
