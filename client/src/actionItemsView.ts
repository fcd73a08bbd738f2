/**
 * The "Action Items" view in the Explorer (issue 15): every action item of every post-mortem in
 * the workspace, grouped by owner or by due date (`postmortemAssistant.toggleActionItemsGrouping`),
 * overdue and blocking ones marked; a click opens the row. The client only finds the files
 * (postmortems.ts); the items come from the server (`postmortem/summary` with `actionItems: true`,
 * the rows `postmortem-lint actions` lists). A change to one document asks again for that one only;
 * the workspace is searched again only when files come and go or settings change.
 */
import * as vscode from 'vscode';
import { CONFIG_SECTION } from '../../shared/src/settings';
import type { PostmortemClient } from './languageClient';
import { describeGroup, describeItem, groupActionItems, type ActionGroup, type ActionGrouping, type ActionItemRef } from './pure/actionItems';
import { PostmortemScanner } from './postmortems';

const DEBOUNCE_MS = 500;

interface GroupNode {
  kind: 'group';
  group: ActionGroup;
}
interface ItemNode {
  kind: 'item';
  ref: ActionItemRef;
}
type Node = GroupNode | ItemNode;

export class ActionItemsView implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly scanner = new PostmortemScanner();
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private watching = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Each post-mortem's items, by `uri.toString()`. */
  private items = new Map<string, { uri: vscode.Uri; refs: ActionItemRef[] }>();
  private rescan = true;
  private readonly stale = new Set<string>();
  private loading: vscode.CancellationTokenSource | undefined;
  grouping: ActionGrouping = 'owner';

  constructor(private readonly client: PostmortemClient) {}

  refresh(now = false): void {
    this.rescan = true;
    this.fire(now ? 0 : DEBOUNCE_MS);
  }

  toggleGrouping(): void {
    this.grouping = this.grouping === 'owner' ? 'due' : 'owner';
    this.fire(0);
  }

  private update(uris: readonly vscode.Uri[]): void {
    let any = false;
    for (const u of uris) {
      if (this.items.has(u.toString())) {
        this.stale.add(u.toString());
        any = true;
      }
    }
    if (any) this.fire(DEBOUNCE_MS);
  }

  private fire(delay: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.changed.fire(undefined), delay);
  }

  private watch(): void {
    if (this.watching) return;
    this.watching = true;
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.md');
    this.disposables.push(
      watcher,
      watcher.onDidCreate(() => this.refresh()),
      watcher.onDidDelete(() => this.refresh()),
      watcher.onDidChange((u) => (this.items.has(u.toString()) ? this.update([u]) : this.refresh())),
      vscode.workspace.onDidCloseTextDocument((d) => this.update([d.uri])),
      vscode.languages.onDidChangeDiagnostics((e) => this.update(e.uris)),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration(CONFIG_SECTION) && this.refresh()),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.refresh()),
    );
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'group') {
      const item = new vscode.TreeItem(node.group.label, vscode.TreeItemCollapsibleState.Expanded);
      item.id = `group:${this.grouping}:${node.group.key}`;
      item.description = describeGroup(node.group);
      item.iconPath = new vscode.ThemeIcon(this.grouping === 'owner' ? 'person' : node.group.key === 'overdue' ? 'warning' : 'calendar');
      item.contextValue = 'postmortemActionGroup';
      return item;
    }
    const { ref } = node;
    const i = ref.item;
    const uri = vscode.Uri.parse(ref.uri);
    const item = new vscode.TreeItem(i.action, vscode.TreeItemCollapsibleState.None);
    item.id = `item:${this.grouping}:${ref.uri}#${i.line}`;
    item.description = describeItem(ref, this.grouping);
    item.iconPath = !i.open
      ? new vscode.ThemeIcon('pass', new vscode.ThemeColor('charts.green'))
      : i.overdue
        ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'))
        : i.blocking
          ? new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('list.errorForeground'))
          : new vscode.ThemeIcon('circle-large-outline');
    const tip = new vscode.MarkdownString();
    const lines = [
      i.action,
      `Owner: ${i.owner ?? 'not set'}`,
      `Target date: ${i.targetDate ?? 'not set'}${i.overdue ? ' (overdue: before today, UTC)' : ''}`,
      `Blocking: ${i.blocking === null ? 'not set' : i.blocking ? 'YES' : 'NO'}`,
      `Status: ${i.status ?? 'not set'} (${i.open ? 'open' : 'done'})`,
      `${vscode.workspace.asRelativePath(uri)}:${i.line + 1}${ref.incidentId ? ` · ${ref.incidentId}` : ''}`,
    ];
    lines.forEach((l, k) => {
      if (k > 0) tip.appendMarkdown('  \n');
      tip.appendText(l);
    });
    item.tooltip = tip;
    const at = new vscode.Range(i.line, 0, i.line, 0);
    item.command = { title: 'Open', command: 'vscode.open', arguments: [uri, { selection: at } satisfies vscode.TextDocumentShowOptions] };
    item.contextValue = i.open ? (i.overdue ? 'postmortemActionOverdue' : 'postmortemActionOpen') : 'postmortemActionDone';
    return item;
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (node) return node.kind === 'group' ? node.group.items.map((ref): ItemNode => ({ kind: 'item', ref })) : [];
    this.watch();
    this.loading?.cancel();
    this.loading?.dispose();
    const cts = (this.loading = new vscode.CancellationTokenSource());
    await this.load(cts.token);
    const all = [...this.items.values()].flatMap((f) => f.refs);
    return groupActionItems(all, this.grouping, new Date().toISOString().slice(0, 10)).map((group): GroupNode => ({ kind: 'group', group }));
  }

  /** All items, for the VS Code test (read-only). */
  get allItems(): readonly ActionItemRef[] {
    return [...this.items.values()].flatMap((f) => f.refs);
  }

  private async load(token: vscode.CancellationToken): Promise<void> {
    const rescan = this.rescan;
    const stale = [...this.stale];
    let uris: vscode.Uri[];
    if (rescan) uris = await this.scanner.find(token);
    else uris = stale.map((k) => this.items.get(k)?.uri).filter((u): u is vscode.Uri => u !== undefined);
    if (token.isCancellationRequested) return;
    let summaries;
    try {
      summaries = uris.length ? await this.client.summaries(uris, { actionItems: true }, token) : new Map();
    } catch {
      summaries = undefined;
    }
    if (token.isCancellationRequested) return;
    if (rescan) {
      this.items = new Map();
      this.rescan = false;
    }
    for (const k of stale) this.stale.delete(k);
    for (const uri of uris) {
      const s = summaries?.get(uri.toString());
      const refs: ActionItemRef[] = [];
      if (s?.checked) {
        for (const item of s.actionItems ?? []) {
          refs.push({ uri: uri.toString(), item, ...(s.incidentId.state === 'set' ? { incidentId: s.incidentId.value } : {}) });
        }
      }
      this.items.set(uri.toString(), { uri, refs });
    }
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.loading?.cancel();
    this.loading?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
