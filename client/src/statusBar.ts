/**
 * The readiness of the active post-mortem in the status bar: "$(pass) FINAL-ready" or
 * "$(error) N blockers". N and the Status come from the server (`postmortem/summary` with
 * blockers: Mark Final's blockers, every error of the document checked as if FINAL, each once).
 * Clicking it runs Mark Final.
 */
import * as vscode from 'vscode';
import { CLIENT_COMMANDS } from '../../shared/src/protocol';
import { CONFIG_SECTION } from '../../shared/src/settings';
import type { PostmortemClient } from './languageClient';
import { isPostmortemDocument, mayBePostmortem } from './postmortems';
import { finalStatus } from './pure/protocol';

const DEBOUNCE_MS = 300;

export class ReadinessStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('postmortemAssistant.readiness', vscode.StatusBarAlignment.Left, 50);
  private readonly disposables: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private generation = 0;
  private pending: vscode.CancellationTokenSource | undefined;
  private visible = false;
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires after the item was shown, changed or hidden (for the extension's test API). */
  readonly onDidChange = this.changed.event;

  constructor(private readonly client: PostmortemClient) {
    this.item.name = vscode.l10n.t('Post-Mortem Readiness');
    this.disposables.push(
      this.item,
      this.changed,
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
    this.pending?.dispose();
    this.pending = undefined;
    const doc = vscode.window.activeTextEditor?.document;
    // The line test says yes at once; any other Markdown document is the server's to judge
    // (a team template's document), once it runs.
    const known = doc !== undefined && isPostmortemDocument(doc);
    if (!doc || (!known && !(this.client.isStarted && mayBePostmortem(doc)))) {
      this.setVisible(false);
      return;
    }
    const uri = doc.uri;
    const cts = (this.pending = new vscode.CancellationTokenSource());
    const summary = this.client.isStarted ? await this.client.summary(uri, { blockers: true }, cts.token) : undefined;
    if (cts.token.isCancellationRequested || gen !== this.generation) return;
    if ((summary && !summary.checked) || (!summary && !known)) {
      this.setVisible(false); // the server does not check this document (not a post-mortem, disabled), or cannot say
      return;
    }
    const final = summary?.checked ? finalStatus(summary) : 'FINAL';
    this.item.command = { title: vscode.l10n.t('Mark Final'), command: CLIENT_COMMANDS.markFinal, arguments: [uri] };
    const blockers = summary?.blockers;
    if (blockers === undefined) {
      // The server has not answered (yet): readiness is unknown.
      this.item.text = `$(circle-large-outline) ${vscode.l10n.t('FINAL?')}`;
      this.item.tooltip = vscode.l10n.t('Click Mark Final to check the post-mortem as FINAL.');
    } else if (blockers > 0) {
      this.item.text = `$(error) ${blockers === 1 ? vscode.l10n.t('1 blocker') : vscode.l10n.t('{0} blockers', blockers)}`;
      this.item.tooltip =
        blockers === 1
          ? vscode.l10n.t('1 problem would block {0}. Click to list it (Mark Final changes nothing while anything blocks).', final)
          : vscode.l10n.t('{0} problems would block {1}. Click to list them (Mark Final changes nothing while anything blocks).', blockers, final);
    } else if (summary?.status === final) {
      this.item.text = `$(pass) ${final}`;
      this.item.tooltip = vscode.l10n.t('Status is {0} and nothing blocks it.', final);
      this.item.command = undefined;
    } else {
      this.item.text = `$(pass) ${vscode.l10n.t('{0}-ready', final)}`;
      this.item.tooltip = vscode.l10n.t('Nothing blocks {0}. Click to mark the post-mortem {0}.', final);
    }
    this.setVisible(true);
  }

  /** What the item shows now: its text, and whether it is shown at all. */
  get shown(): { text: string; visible: boolean } {
    return { text: this.item.text, visible: this.visible };
  }

  private setVisible(visible: boolean): void {
    if (visible) this.item.show();
    else this.item.hide();
    this.visible = visible;
    this.changed.fire();
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.pending?.cancel();
    this.pending?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
