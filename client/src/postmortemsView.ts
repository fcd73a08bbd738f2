/**
 * The "Post-Mortems" view in the Explorer: the workspace's post-mortems grouped by
 * Status, each described as "N errors · M open · K overdue". Status and action items
 * come from the text (pure/summary.ts); the error count from the server's diagnostics,
 * known for documents the server has checked (open ones).
 */
import * as vscode from 'vscode';
import { CONFIG_SECTION } from '../../shared/src/settings';
import { postmortemDiagnostics } from './diagnostics';
import { describeSummary, groupLabel, STATUS_GROUPS, summarize, type PostmortemSummary, type StatusGroup } from './pure/summary';
import { PostmortemScanner } from './postmortems';

const DEBOUNCE_MS = 500;
const MAX_READ_BYTES = 1_000_000;

interface FileNode {
  kind: 'file';
  uri: vscode.Uri;
  summary: PostmortemSummary;
  errors: number | undefined;
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

export class PostmortemsView implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly scanner = new PostmortemScanner();
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private watching = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** URIs shown now: a diagnostics change elsewhere does not refresh the view. */
  private shown = new Set<string>();
  private loading: vscode.CancellationTokenSource | undefined;

  /** Schedules a refresh (debounced). */
  refresh(now = false): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.changed.fire(undefined), now ? 0 : DEBOUNCE_MS);
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
      watcher.onDidChange(() => this.refresh()),
      vscode.workspace.onDidSaveTextDocument((d) => d.languageId === 'markdown' && this.refresh()),
      vscode.workspace.onDidCloseTextDocument((d) => this.shown.has(d.uri.toString()) && this.refresh()),
      vscode.languages.onDidChangeDiagnostics((e) => {
        if (e.uris.some((u) => this.shown.has(u.toString()))) this.refresh();
      }),
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
    item.description = describeSummary(node.summary, node.errors);
    const lines = [
      vscode.workspace.asRelativePath(node.uri),
      `Incident ID: ${node.summary.incidentId ?? 'not set'}`,
      `Status: ${node.summary.statusText ?? groupLabel(node.summary.status)}`,
      node.errors === undefined ? 'Errors: open the file to have it checked' : `Errors: ${node.errors}`,
      `Action items: ${node.summary.open} open, ${node.summary.overdue} overdue (target date before today, UTC)`,
    ];
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
    const files = await this.load(cts.token);
    this.shown = new Set(files.map((f) => f.uri.toString()));
    const groups: GroupNode[] = [];
    for (const g of STATUS_GROUPS) {
      const inGroup = files.filter((f) => f.summary.status === g);
      if (inGroup.length) groups.push({ kind: 'group', group: g, files: inGroup });
    }
    return groups;
  }

  private async load(token: vscode.CancellationToken): Promise<FileNode[]> {
    const uris = await this.scanner.find(token);
    const now = new Date();
    const out: FileNode[] = [];
    for (const uri of uris) {
      if (token.isCancellationRequested) break;
      const text = await readText(uri);
      if (text === undefined) continue;
      out.push({ kind: 'file', uri, summary: summarize(text, now), errors: errorCount(uri) });
    }
    return out;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.loading?.cancel();
    this.loading?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

/** The text of an open document (unsaved edits included), else of the file. */
async function readText(uri: vscode.Uri): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return open.getText();
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    if (stat.size > MAX_READ_BYTES) return undefined;
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

/** Errors the server reported; undefined when it has not checked the file (not open, nothing published). */
function errorCount(uri: vscode.Uri): number | undefined {
  const diags = postmortemDiagnostics(uri);
  const isOpen = vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString());
  if (!isOpen && diags.length === 0) return undefined;
  return diags.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).length;
}
