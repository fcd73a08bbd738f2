// The Post-Mortems view (postmortemAssistant.postmortems): the workspace's post-mortems grouped
// by Status, each described by its error count and its open and overdue action items. Read
// through the data provider the extension returns from activate() (client/src/extension.ts).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PostmortemAssistantApi } from '../../../client/src/extension';
import { activateExtension, codesOf, openWorkspaceFile, waitForCodes, waitForDiagnostics, workspaceUri } from './helpers';

interface Shown {
  group: string;
  groupDescription: string | undefined;
  path: string;
  description: string | undefined;
}

async function label(provider: vscode.TreeDataProvider<unknown>, node: unknown): Promise<vscode.TreeItem> {
  return provider.getTreeItem(node);
}

/** Every file item of the view with the group it is under. */
async function readView(provider: vscode.TreeDataProvider<unknown>): Promise<Shown[]> {
  const out: Shown[] = [];
  for (const group of (await provider.getChildren()) ?? []) {
    const g = await label(provider, group);
    assert.equal(g.collapsibleState, vscode.TreeItemCollapsibleState.Expanded);
    for (const file of (await provider.getChildren(group)) ?? []) {
      const f = await label(provider, file);
      out.push({
        group: String(typeof g.label === 'object' ? g.label.label : g.label),
        groupDescription: typeof g.description === 'string' ? g.description : undefined,
        path: vscode.workspace.asRelativePath(f.resourceUri!, false),
        description: typeof f.description === 'string' ? f.description : undefined,
      });
    }
  }
  return out;
}

describe('Post-Mortems view', () => {
  it('groups post-mortems by Status with error counts and open/overdue action items', async () => {
    const ext = await activateExtension();
    const api = ext.exports as PostmortemAssistantApi | undefined;
    assert.ok(api?.postmortemsView, 'activate() returns { postmortemsView }');

    // Open three documents that no other test edits, so that the server has counted their errors.
    const final = 'post-mortems/INC-2026-0042-three-defects.md'; // FINAL, 4 errors
    const draft = 'post-mortems/INC-2026-0314.md'; // DRAFT, 4 errors, action item 1 OPEN and overdue
    const review = 'post-mortems/INC-2026-0042-review.md'; // UNDER REVIEW, 0 errors, 2 open, 1 overdue
    await openWorkspaceFile(final);
    await waitForCodes(workspaceUri(final), ['PM005', 'PM010', 'PM012'], [], 15_000);
    await openWorkspaceFile(draft);
    await waitForCodes(workspaceUri(draft), ['PM005', 'PM010', 'PM013'], [], 15_000);
    await openWorkspaceFile(review);
    await waitForDiagnostics(workspaceUri(review), () => codesOf(workspaceUri(review)).includes('PM021'), 15_000);

    const shown = await readView(api.postmortemsView);
    const at = (path: string) => shown.find((s) => s.path === path);
    assert.deepEqual(at(final), { group: 'FINAL', groupDescription: String(shown.filter((s) => s.group === 'FINAL').length), path: final, description: '4 errors · 0 open · 0 overdue' });
    assert.deepEqual(at(draft), { group: 'DRAFT', groupDescription: String(shown.filter((s) => s.group === 'DRAFT').length), path: draft, description: '4 errors · 1 open · 1 overdue' });
    assert.deepEqual(at(review), {
      group: 'UNDER REVIEW',
      groupDescription: String(shown.filter((s) => s.group === 'UNDER REVIEW').length),
      path: review,
      description: '0 errors · 2 open · 1 overdue',
    });
    // Groups come in the order DRAFT, UNDER REVIEW, FINAL, then the team template's statuses (team/,
    // named by team/.postmortemrc.json) in its workflow order, then Status not set; every fixture
    // post-mortem is listed, and nothing that is not a post-mortem (the README, the evidence files,
    // the team's template file itself).
    const order = ['DRAFT', 'UNDER REVIEW', 'FINAL', 'Draft', 'In review', 'Published', 'Status not set'];
    const groups = [...new Set(shown.map((s) => s.group))];
    assert.deepEqual(groups, order.filter((g) => groups.includes(g)));
    for (const s of shown) assert.match(s.path, /^(post-mortems|team)\/.+\.md$/, `${s.path} is a post-mortem`);
    assert.equal(at('team/incident-bad-choice.md')?.group, 'Published');
    assert.equal(at('team/incident-ready.md')?.group, 'In review');
    assert.equal(at('team/sre.md'), undefined, 'the template is not an incident');
    for (const f of ['INC-2026-0042-fix-all.md', 'INC-2026-0042-format.md', 'INC-2026-0042-ready.md', 'INC-2026-0042-quickfix.md']) {
      assert.ok(at(`post-mortems/${f}`), `${f} is listed: ${shown.map((s) => s.path).join(', ')}`);
    }
  });
});
