/**
 * The "Post-Mortems" view in the Explorer: the workspace's post-mortems grouped by Status, each
 * described as "N errors · M open · K overdue". Finding the files, asking the server and
 * following changes: `SummaryTree`.
 */
import * as vscode from 'vscode';
import { STATUS_GROUPS, type StatusGroup } from '../../shared/src/status';
import type { DocumentSummary } from '../../shared/src/protocol';
import type { PostmortemClient } from './languageClient';
import { describeSummary, groupLabel } from './pure/protocol';
import { SummaryTree } from './summaryTree';

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

const GROUP_ICONS: Partial<Record<StatusGroup, string>> = {
  DRAFT: 'edit',
  'UNDER REVIEW': 'eye',
  FINAL: 'pass',
  unset: 'question',
};

const groupOf = (f: FileNode): StatusGroup => (f.summary?.checked ? f.summary.status : 'unset');

export class PostmortemsView extends SummaryTree<FileNode, Node> {
  constructor(client: PostmortemClient) {
    super(client);
  }

  protected entryOf(uri: vscode.Uri, summary: DocumentSummary | undefined): FileNode {
    return { kind: 'file', uri, summary };
  }

  protected childrenOf(node: Node): Node[] {
    return node.kind === 'group' ? node.files : [];
  }

  protected roots(entries: { entry: FileNode }[]): Node[] {
    const files = entries.map((e) => e.entry).sort((a, b) => a.uri.path.localeCompare(b.uri.path));
    // v1.1's statuses in workflow order, then each team template's own in its workflow order
    // (templates in the order first seen).
    const order = [...STATUS_GROUPS];
    const add = (g: StatusGroup) => {
      if (!order.includes(g)) order.splice(order.length - 1, 0, g);
    };
    for (const f of files) {
      if (f.summary?.checked && f.summary.template) for (const st of f.summary.template.statuses) add(st);
      add(groupOf(f));
    }
    const groups: GroupNode[] = [];
    for (const g of order) {
      const inGroup = files.filter((f) => groupOf(f) === g);
      if (inGroup.length) groups.push({ kind: 'group', group: g, files: inGroup });
    }
    return groups;
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'group') {
      const item = new vscode.TreeItem(groupLabel(node.group, vscode.l10n.t), vscode.TreeItemCollapsibleState.Expanded);
      item.id = `group:${node.group}`;
      item.description = String(node.files.length);
      item.iconPath = new vscode.ThemeIcon(GROUP_ICONS[node.group] ?? 'circle-large-outline');
      item.contextValue = 'postmortemGroup';
      return item;
    }
    const item = new vscode.TreeItem(node.uri, vscode.TreeItemCollapsibleState.None);
    item.id = `file:${node.uri.toString()}`;
    const s = node.summary;
    const t = vscode.l10n.t;
    const lines = [vscode.workspace.asRelativePath(node.uri)];
    if (s?.checked) {
      item.description = describeSummary(s, t);
      lines.push(
        t('Incident ID: {0}', s.incidentId.state === 'set' ? s.incidentId.value : t('not set')),
        t('Status: {0}', s.statusText ?? groupLabel(s.status, t)),
        t('Errors: {0}', s.errors),
        t('Action items: {0} open, {1} overdue (target date before today, UTC)', s.actions.open, s.actions.overdue),
      );
    } else {
      item.description = s ? t('not checked: {0}', s.reason) : t('not checked (the language server did not answer)');
      lines.push(item.description);
    }
    const tip = new vscode.MarkdownString();
    lines.forEach((l, i) => {
      if (i > 0) tip.appendMarkdown('  \n');
      tip.appendText(l);
    });
    item.tooltip = tip;
    item.command = { title: t('Open'), command: 'vscode.open', arguments: [node.uri] };
    item.contextValue = 'postmortemFile';
    return item;
  }
}
