/**
 * Insert Timeline Row (UTC now): a Timeline row with the current UTC time, Event and
 * Actor as tab stops. (Snippet variables like $CURRENT_HOUR are local time, so this is
 * a command, not a snippet.)
 */
import * as vscode from 'vscode';
import { editorFor, targetPostmortem } from '../editorTarget';
import type { PostmortemClient } from '../languageClient';
import { timelineInsertLine, timelineRowSnippet } from '../pure/timeline';

export async function insertTimelineRow(client: PostmortemClient, arg: unknown, now: () => Date = () => new Date()): Promise<void> {
  const doc = await targetPostmortem(arg, client);
  if (!doc) return;
  const editor = await editorFor(doc);
  const eol = doc.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
  // Where the Timeline table is, as the server reads it; without an answer, the row goes at the cursor.
  const summary = await client.summary(doc.uri);
  const timeline = summary?.checked && summary.version === doc.version ? summary.timeline : undefined;
  const row = timelineRowSnippet(now(), timeline?.columns);
  const line = timelineInsertLine(timeline, editor.selection.active.line);
  if (line === undefined) {
    await editor.insertSnippet(new vscode.SnippetString(row));
    return;
  }
  let at: vscode.Position;
  let text: string;
  if (line < doc.lineCount) {
    at = new vscode.Position(line, 0);
    text = row + eol;
  } else {
    at = doc.lineAt(doc.lineCount - 1).range.end;
    text = eol + row;
  }
  await editor.insertSnippet(new vscode.SnippetString(text), at);
  editor.revealRange(new vscode.Range(at, at), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}
