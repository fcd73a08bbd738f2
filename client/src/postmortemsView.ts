/**
 * The "Post-Mortems" view in the Explorer: the workspace's post-mortems grouped by Status, each
 * described as "N errors · M open · K overdue". The client only finds the files
 * (postmortems.ts); every fact comes from the server (`postmortem/summary`), which reads the
 * files that are not open from disk. A change to one document asks again for that one only;
 * the workspace is searched again only when files come and go or settings change.
 */
import * as vscode from 'vscode';
import { STATUS_GROUPS, type StatusGroup } from '../../shared/src/status';
import { CONFIG_SECTION } from '../../shared/src/settings';
import type { DocumentSummary } from '../../shared/src/protocol';
import type { PostmortemClient } from './languageClient';
import { describeSummary, groupLabel } from './pure/protocol';
import { PostmortemScanner } from './postmortems';

const DEBOUNCE_MS = 500;

interface FileNode {
  kind: 'file';
  uri: vscode.Uri;
  /** undefined: the server did not answer. */
  summary: DocumentSummary | undefined;
}

interface GroupNode {
  kind: 'group';
  group: StatusGroup;
  files: FileNode[];
}

type Node = GroupNode | FileNode;

const GROUP_ICONS: Record<StatusGroup, string> = {
  DRAFT: 'edit',
  'UNDER REVIEW': 'eye',
  FINAL: 'pass',
  unset: 'question',
};

const groupOf = (f: FileNode): StatusGroup => (f.summary?.checked ? f.summary.status : 'unset');

export class PostmortemsView implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly scanner = new PostmortemScanner();
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private watching = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The files shown, by `uri.toString()`. */
  private nodes = new Map<string, FileNode>();
  /** Search the workspace again at the next load (else: only the `stale` files are asked for again). */
  private rescan = true;
  private readonly stale = new Set<string>();
  private loading: vscode.CancellationTokenSource | undefined;

  constructor(private readonly client: PostmortemClient) {}

  /** Searches the workspace again and asks for every summary (debounced unless `now`). */
  refresh(now = false): void {
    this.rescan = true;
    this.fire(now ? 0 : DEBOUNCE_MS);
  }

  /** Asks again for the summaries of these files, when they are shown. */
  private update(uris: readonly vscode.Uri[]): void {
    let any = false;
    for (const u of uris) {
      const key = u.toString();
      if (this.nodes.has(key)) {
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

  /** Listens for changes once the view was shown (nothing runs while it never is). */
  private watch(): void {
    if (this.watching) return;
    this.watching = true;
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.md');
    this.disposables.push(
      watcher,
      watcher.onDidCreate(() => this.refresh()),
      watcher.onDidDelete(() => this.refresh()),
      // A file that is not shown may just have become a post-mortem (its first heading).
      watcher.onDidChange((u) => (this.nodes.has(u.toString()) ? this.update([u]) : this.refresh())),
      // Closed: the server reads the file from disk again (unsaved edits are gone).
      vscode.workspace.onDidCloseTextDocument((d) => this.update([d.uri])),
      vscode.languages.onDidChangeDiagnostics((e) => this.update(e.uris)),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration(CONFIG_SECTION) && this.refresh()),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.refresh()),
    );
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'group') {
      const item = new vscode.TreeItem(groupLabel(node.group), vscode.TreeItemCollapsibleState.Expanded);
      item.id = `group:${node.group}`;
      item.description = String(node.files.length);
      item.iconPath = new vscode.ThemeIcon(GROUP_ICONS[node.group]);
      item.contextValue = 'postmortemGroup';
      return item;
    }
    const item = new vscode.TreeItem(node.uri, vscode.TreeItemCollapsibleState.None);
    item.id = `file:${node.uri.toString()}`;
    const s = node.summary;
    const lines = [vscode.workspace.asRelativePath(node.uri)];
    if (s?.checked) {
      item.description = describeSummary(s);
      lines.push(
        `Incident ID: ${s.incidentId.state === 'set' ? s.incidentId.value : 'not set'}`,
        `Status: ${s.statusText ?? groupLabel(s.status)}`,
        `Errors: ${s.errors}`,
        `Action items: ${s.actions.open} open, ${s.actions.overdue} overdue (target date before today, UTC)`,
      );
    } else {
      item.description = s ? `not checked: ${s.reason}` : 'not checked (the language server did not answer)';
      lines.push(item.description);
    }
    const tip = new vscode.MarkdownString();
    lines.forEach((l, i) => {
      if (i > 0) tip.appendMarkdown('  \n');
      tip.appendText(l);
    });
    item.tooltip = tip;
    item.command = { title: 'Open', command: 'vscode.open', arguments: [node.uri] };
    item.contextValue = 'postmortemFile';
    return item;
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (node) return node.kind === 'group' ? node.files : [];
    this.watch();
    this.loading?.cancel();
    this.loading?.dispose();
    const cts = (this.loading = new vscode.CancellationTokenSource());
    await this.load(cts.token);
    const files = [...this.nodes.values()].sort((a, b) => a.uri.path.localeCompare(b.uri.path));
    const groups: GroupNode[] = [];
    for (const g of STATUS_GROUPS) {
      const inGroup = files.filter((f) => groupOf(f) === g);
      if (inGroup.length) groups.push({ kind: 'group', group: g, files: inGroup });
    }
    return groups;
  }

  /** Brings `nodes` up to date: the whole workspace after a rescan request, else the stale files. */
  private async load(token: vscode.CancellationToken): Promise<void> {
    const rescan = this.rescan;
    const stale = [...this.stale];
    let uris: vscode.Uri[];
    if (rescan) uris = await this.scanner.find(token);
    else uris = stale.map((k) => this.nodes.get(k)?.uri).filter((u): u is vscode.Uri => u !== undefined);
    if (token.isCancellationRequested) return;
    let summaries: Map<string, DocumentSummary> | undefined;
    try {
      summaries = uris.length ? await this.client.summaries(uris, {}, token) : new Map();
    } catch {
      summaries = undefined;
    }
    if (token.isCancellationRequested) return;
    if (rescan) {
      this.nodes = new Map();
      this.rescan = false;
    }
    for (const k of stale) this.stale.delete(k);
    for (const uri of uris) this.nodes.set(uri.toString(), { kind: 'file', uri, summary: summaries?.get(uri.toString()) });
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.loading?.cancel();
    this.loading?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
