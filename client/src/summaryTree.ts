/**
 * What the Explorer views over the workspace's post-mortems share (Post-Mortems, Action Items):
 * the client only finds the files (postmortems.ts) and every fact comes from the server
 * (`postmortem/summary`, which reads files that are not open from disk). A change to one document
 * asks again for that one only; the workspace is searched again only when files come and go or
 * settings change. Nothing runs while a view was never shown.
 */
import * as vscode from 'vscode';
import { CONFIG_SECTION } from '../../shared/src/settings';
import type { DocumentSummary } from '../../shared/src/protocol';
import type { PostmortemClient } from './languageClient';
import { PostmortemScanner } from './postmortems';

const DEBOUNCE_MS = 500;

export abstract class SummaryTree<Entry, Node> implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  /** Finds the files; asks the server about Markdown files of a team template. */
  private scanner: PostmortemScanner | undefined;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private watching = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** What is shown of each post-mortem, by `uri.toString()`. */
  protected entries = new Map<string, { uri: vscode.Uri; entry: Entry }>();
  /** Search the workspace again at the next load (else: only the `stale` files are asked for again). */
  private rescan = true;
  private readonly stale = new Set<string>();
  private loading: vscode.CancellationTokenSource | undefined;

  constructor(
    protected readonly client: PostmortemClient,
    private readonly request: { actionItems?: boolean } = {},
  ) {}

  abstract getTreeItem(node: Node): vscode.TreeItem;
  /** A file's entry from its summary (undefined: the server did not answer). */
  protected abstract entryOf(uri: vscode.Uri, summary: DocumentSummary | undefined): Entry;
  /** The top-level nodes for these entries, and a node's children. */
  protected abstract roots(entries: { uri: vscode.Uri; entry: Entry }[]): Node[];
  protected abstract childrenOf(node: Node): Node[];

  /** Searches the workspace again and asks for every summary (debounced unless `now`). */
  refresh(now = false): void {
    this.rescan = true;
    this.fire(now ? 0 : DEBOUNCE_MS);
  }

  /** Shows the tree again without asking the server (e.g. another grouping). */
  protected redraw(): void {
    this.fire(0);
  }

  /** Asks again for the summaries of these files, when they are shown. */
  private update(uris: readonly vscode.Uri[]): void {
    let any = false;
    for (const u of uris) {
      const key = u.toString();
      if (this.entries.has(key)) {
        this.stale.add(key);
        any = true;
      }
    }
    if (any) this.fire(DEBOUNCE_MS);
  }

  private fire(delay: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.changed.fire(undefined), delay);
  }

  /** Listens for changes once the view was shown. */
  private watch(): void {
    if (this.watching) return;
    this.watching = true;
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.md');
    this.disposables.push(
      watcher,
      watcher.onDidCreate(() => this.refresh()),
      watcher.onDidDelete(() => this.refresh()),
      // A file that is not shown may just have become a post-mortem (its first heading).
      watcher.onDidChange((u) => (this.entries.has(u.toString()) ? this.update([u]) : this.refresh())),
      // Closed: the server reads the file from disk again (unsaved edits are gone).
      vscode.workspace.onDidCloseTextDocument((d) => this.update([d.uri])),
      vscode.languages.onDidChangeDiagnostics((e) => this.update(e.uris)),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration(CONFIG_SECTION) && this.refresh()),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.refresh()),
    );
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (node) return this.childrenOf(node);
    this.watch();
    this.loading?.cancel();
    this.loading?.dispose();
    const cts = (this.loading = new vscode.CancellationTokenSource());
    await this.load(cts.token);
    return this.roots([...this.entries.values()]);
  }

  /** Brings `entries` up to date: the whole workspace after a rescan request, else the stale files. */
  private async load(token: vscode.CancellationToken): Promise<void> {
    const rescan = this.rescan;
    const stale = [...this.stale];
    let uris: vscode.Uri[];
    if (rescan) uris = await (this.scanner ??= new PostmortemScanner(this.client)).find(token);
    else uris = stale.map((k) => this.entries.get(k)?.uri).filter((u): u is vscode.Uri => u !== undefined);
    if (token.isCancellationRequested) return;
    let summaries: Map<string, DocumentSummary> | undefined;
    try {
      summaries = uris.length ? await this.client.summaries(uris, this.request, token) : new Map();
    } catch {
      summaries = undefined;
    }
    if (token.isCancellationRequested) return;
    if (rescan) {
      this.entries = new Map();
      this.rescan = false;
    }
    for (const k of stale) this.stale.delete(k);
    for (const uri of uris) this.entries.set(uri.toString(), { uri, entry: this.entryOf(uri, summaries?.get(uri.toString())) });
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.loading?.cancel();
    this.loading?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
