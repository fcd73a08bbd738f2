/**
 * The "Action Items" view in the Explorer (issue 15): every action item of every post-mortem in
 * the workspace, grouped by owner or by due date (`postmortemAssistant.toggleActionItemsGrouping`),
 * overdue and blocking ones marked; a click opens the row. The items come from the server
 * (`postmortem/summary` with `actionItems: true`, the rows `postmortem-lint actions` lists);
 * finding the files, asking the server and following changes: `SummaryTree`.
 */
import * as vscode from 'vscode';
import type { DocumentSummary } from '../../shared/src/protocol';
import type { PostmortemClient } from './languageClient';
import { describeGroup, describeItem, groupActionItems, type ActionGroup, type ActionGrouping, type ActionItemRef } from './pure/actionItems';
import { SummaryTree } from './summaryTree';

interface GroupNode {
  kind: 'group';
  group: ActionGroup;
}
interface ItemNode {
  kind: 'item';
  ref: ActionItemRef;
}
type Node = GroupNode | ItemNode;

export class ActionItemsView extends SummaryTree<ActionItemRef[], Node> {
  grouping: ActionGrouping = 'owner';

  constructor(client: PostmortemClient) {
    super(client, { actionItems: true });
  }

  toggleGrouping(): void {
    this.grouping = this.grouping === 'owner' ? 'due' : 'owner';
    this.redraw();
  }

  /** All items, for the VS Code test (read-only). */
  get allItems(): readonly ActionItemRef[] {
    return [...this.entries.values()].flatMap((e) => e.entry);
  }

  protected entryOf(uri: vscode.Uri, s: DocumentSummary | undefined): ActionItemRef[] {
    if (!s?.checked) return [];
    return (s.actionItems ?? []).map((item) => ({ uri: uri.toString(), item, ...(s.incidentId.state === 'set' ? { incidentId: s.incidentId.value } : {}) }));
  }

  protected childrenOf(node: Node): Node[] {
    return node.kind === 'group' ? node.group.items.map((ref): ItemNode => ({ kind: 'item', ref })) : [];
  }

  protected roots(entries: { entry: ActionItemRef[] }[]): Node[] {
    const all = entries.flatMap((e) => e.entry);
    return groupActionItems(all, this.grouping, new Date().toISOString().slice(0, 10), vscode.l10n.t).map((group): GroupNode => ({ kind: 'group', group }));
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'group') {
      const item = new vscode.TreeItem(node.group.label, vscode.TreeItemCollapsibleState.Expanded);
      item.id = `group:${this.grouping}:${node.group.key}`;
      item.description = describeGroup(node.group, vscode.l10n.t);
      item.iconPath = new vscode.ThemeIcon(this.grouping === 'owner' ? 'person' : node.group.key === 'overdue' ? 'warning' : 'calendar');
      item.contextValue = 'postmortemActionGroup';
      return item;
    }
    const { ref } = node;
    const i = ref.item;
    const uri = vscode.Uri.parse(ref.uri);
    const item = new vscode.TreeItem(i.action, vscode.TreeItemCollapsibleState.None);
    item.id = `item:${this.grouping}:${ref.uri}#${i.line}`;
    item.description = describeItem(ref, this.grouping, vscode.l10n.t);
    item.iconPath = !i.open
      ? new vscode.ThemeIcon('pass', new vscode.ThemeColor('charts.green'))
      : i.overdue
        ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'))
        : i.blocking
          ? new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('list.errorForeground'))
          : new vscode.ThemeIcon('circle-large-outline');
    const tip = new vscode.MarkdownString();
    const t = vscode.l10n.t;
    const notSet = t('not set');
    const lines = [
      i.action,
      t('Owner: {0}', i.owner ?? notSet),
      i.overdue ? t('Target date: {0} (overdue: before today, UTC)', i.targetDate ?? notSet) : t('Target date: {0}', i.targetDate ?? notSet),
      // YES/NO are the template's own values, as written in the document.
      t('Blocking: {0}', i.blocking === null ? notSet : i.blocking ? 'YES' : 'NO'),
      i.open ? t('Status: {0} (open)', i.status ?? notSet) : t('Status: {0} (done)', i.status ?? notSet),
      `${vscode.workspace.asRelativePath(uri)}:${i.line + 1}${ref.incidentId ? ` · ${ref.incidentId}` : ''}`,
    ];
    lines.forEach((l, k) => {
      if (k > 0) tip.appendMarkdown('  \n');
      tip.appendText(l);
    });
    item.tooltip = tip;
    const at = new vscode.Range(i.line, 0, i.line, 0);
    item.command = { title: t('Open'), command: 'vscode.open', arguments: [uri, { selection: at } satisfies vscode.TextDocumentShowOptions] };
    item.contextValue = i.open ? (i.overdue ? 'postmortemActionOverdue' : 'postmortemActionOpen') : 'postmortemActionDone';
    return item;
  }
}
