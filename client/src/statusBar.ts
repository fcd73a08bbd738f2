/**
 * The readiness of the active post-mortem in the status bar: "$(pass) FINAL-ready" or
 * "$(error) N blockers". N counts the document's current errors plus what the server
 * reports would be an error at FINAL (`postmortem.finalBlockers`), each once.
 * Clicking it runs Mark Final.
 */
import * as vscode from 'vscode';
import { currentErrors } from './diagnostics';
import { CLIENT_COMMANDS, SERVER_COMMANDS } from '../../shared/src/protocol';
import { CONFIG_SECTION } from '../../shared/src/settings';
import type { PostmortemClient } from './languageClient';
import { headerField } from './pure/markdown';
import { mergeBlockers, parseFinalBlockers, type Blocker } from './pure/protocol';
import { isPostmortemDocument } from './postmortems';

const DEBOUNCE_MS = 300;

export class ReadinessStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('postmortemAssistant.readiness', vscode.StatusBarAlignment.Left, 50);
  private readonly disposables: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private generation = 0;
  private pending: vscode.CancellationTokenSource | undefined;

  constructor(private readonly client: PostmortemClient) {
    this.item.name = 'Post-Mortem Readiness';
    this.disposables.push(
      this.item,
      vscode.window.onDidChangeActiveTextEditor(() => this.schedule(0)),
      vscode.languages.onDidChangeDiagnostics((e) => {
        const uri = vscode.window.activeTextEditor?.document.uri.toString();
        if (uri && e.uris.some((u) => u.toString() === uri)) this.schedule();
      }),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration(CONFIG_SECTION) && this.schedule()),
      client.onDidStart(() => this.schedule()),
    );
    this.schedule(0);
  }

  schedule(delay = DEBOUNCE_MS): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.update(), delay);
  }

  private async update(): Promise<void> {
    const gen = ++this.generation;
    this.pending?.cancel();
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc || !isPostmortemDocument(doc)) {
      this.item.hide();
      return;
    }
    const uri = doc.uri;
    const errors = currentErrors(uri);
    let asFinal: Blocker[] | undefined;
    if (this.client.isStarted && this.client.supports(SERVER_COMMANDS.finalBlockers)) {
      this.pending?.dispose();
      const cts = (this.pending = new vscode.CancellationTokenSource());
      try {
        asFinal = parseFinalBlockers(await this.client.executeCommand(SERVER_COMMANDS.finalBlockers, uri, [], cts.token));
      } catch {
        asFinal = undefined;
      }
      if (cts.token.isCancellationRequested || gen !== this.generation) return;
    }
    if (gen !== this.generation) return;
    const blockers = mergeBlockers(errors, asFinal);
    const isFinal = /^\W*FINAL\W*$/i.test(headerField(doc.getText(), 'Status')?.value ?? '');
    this.item.command = { title: 'Mark Final', command: CLIENT_COMMANDS.markFinal, arguments: [uri] };
    if (blockers.length > 0) {
      this.item.text = `$(error) ${blockers.length === 1 ? '1 blocker' : `${blockers.length} blockers`}`;
      this.item.tooltip = `${blockers.length} problem${blockers.length === 1 ? '' : 's'} would block FINAL. Click to list them (Mark Final changes nothing while anything blocks).`;
    } else if (asFinal === undefined) {
      // Without the server's as-FINAL check, no error now does not mean ready: a placeholder is an error only at FINAL.
      this.item.text = '$(circle-large-outline) FINAL?';
      this.item.tooltip = 'No errors now. Click Mark Final to check the post-mortem as FINAL.';
    } else if (isFinal) {
      this.item.text = '$(pass) FINAL';
      this.item.tooltip = 'Status is FINAL and nothing blocks it.';
      this.item.command = undefined;
    } else {
      this.item.text = '$(pass) FINAL-ready';
      this.item.tooltip = 'Nothing blocks FINAL. Click to mark the post-mortem FINAL.';
    }
    this.item.show();
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.pending?.cancel();
    this.pending?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
