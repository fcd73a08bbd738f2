/**
 * Insert Evidence Path: a quick pick of the files under
 * `<workspace>/<postmortem.evidenceRoot>/<Incident ID>/`, inserted at the cursor as a
 * workspace-relative path in backticks. Never lists or creates anything outside the
 * workspace folder: the Incident ID may not hold a slash or `..`, the root must be
 * relative, and symbolic links are not followed.
 */
import * as vscode from 'vscode';
import { editorFor, targetPostmortem } from '../editorTarget';
import { evidenceInsertText, evidencePath, sortEvidenceFiles } from '../pure/evidence';
import type { PostmortemClient } from '../languageClient';
import { unsafeIdReason } from '../pure/incidentId';
import { relativeFolderSegments } from '../pure/newPostmortem';
import { folderSetting } from '../settings';

/** Bounds of the listing: a folder of evidence, not a disk. */
const MAX_FILES = 2000;
const MAX_DEPTH = 8;

export async function insertEvidencePath(client: PostmortemClient, arg: unknown): Promise<void> {
  const doc = await targetPostmortem(arg, client);
  if (!doc) return;
  // The Incident ID as the server reads it (the document's current version).
  const summary = await client.summary(doc.uri);
  if (!summary?.checked) {
    void vscode.window.showErrorMessage(
      summary
        ? vscode.l10n.t('Insert Evidence Path: the language server could not read the Incident ID ({0}).', summary.reason)
        : vscode.l10n.t('Insert Evidence Path: the language server could not read the Incident ID.'),
    );
    return;
  }
  const read = summary.incidentId;
  if (read.state !== 'set') {
    void vscode.window.showWarningMessage(
      read.state === 'missing'
        ? vscode.l10n.t('Set the Incident ID first: this post-mortem has no "**Incident ID:**" line.')
        : vscode.l10n.t('Set the Incident ID first: evidence lives in a folder named after it.'),
    );
    return;
  }
  const id = read.value;
  const unsafe = unsafeIdReason(id, vscode.l10n.t);
  if (unsafe) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Cannot look for evidence: {0} ("{1}").', unsafe, id));
    return;
  }
  const folder = await workspaceFolderFor(doc);
  if (!folder) return;
  const rootSetting = folderSetting('evidenceRoot', doc.uri);
  const root = relativeFolderSegments(rootSetting, vscode.l10n.t);
  if ('error' in root) {
    void vscode.window.showErrorMessage(vscode.l10n.t('postmortem.evidenceRoot: {0}.', root.error));
    return;
  }
  const dir = vscode.Uri.joinPath(folder.uri, ...root.segments, id);
  const display = evidencePath(root.segments, id, '');

  const kind = await fileKind(dir);
  if (kind === 'missing') {
    const create = vscode.l10n.t('Create folder');
    const answer = await vscode.window.showWarningMessage(vscode.l10n.t('The evidence folder {0} does not exist.', display), create);
    if (answer !== create) return;
    try {
      await vscode.workspace.fs.createDirectory(dir);
    } catch (e) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Cannot create {0}: {1}', display, (e as Error).message));
      return;
    }
  } else if (kind !== 'directory') {
    void vscode.window.showErrorMessage(
      kind === 'link'
        ? vscode.l10n.t('{0} is a symbolic link; it is not followed (it may leave the workspace).', display)
        : vscode.l10n.t('{0} is not a folder.', display),
    );
    return;
  }

  const files = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Listing {0}…', display) },
    () => listFiles(dir),
  );
  const items: (vscode.QuickPickItem & { rel: string })[] = [
    { label: `$(folder) ${display}`, description: vscode.l10n.t('the folder itself (e.g. the drill evidence bundle)'), rel: '' },
    ...sortEvidenceFiles(files.paths).map((rel) => ({ label: `$(file) ${rel}`, description: display, rel })),
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title:
      files.paths.length === 0
        ? vscode.l10n.t('{0} is empty: add the evidence files, or insert the folder', display)
        : vscode.l10n.t('Insert an evidence path ({0})', display),
    placeHolder: files.truncated ? vscode.l10n.t('Showing the first {0} files', MAX_FILES) : vscode.l10n.t('Type to filter'),
    matchOnDescription: false,
  });
  if (!picked) return;

  const editor = await editorFor(doc);
  const path = evidencePath(root.segments, id, picked.rel);
  await editor.edit((b) => {
    for (const sel of editor.selections) {
      const line = doc.lineAt(sel.start.line).text;
      const before = line.slice(0, sel.start.character);
      const after = sel.end.line === sel.start.line ? line.slice(sel.end.character) : '';
      b.replace(sel, evidenceInsertText(path, before, after));
    }
  });
}

async function workspaceFolderFor(doc: vscode.TextDocument): Promise<vscode.WorkspaceFolder | undefined> {
  const own = vscode.workspace.getWorkspaceFolder(doc.uri);
  if (own) return own;
  const all = vscode.workspace.workspaceFolders ?? [];
  if (all.length === 1) return all[0];
  if (all.length === 0) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Open the folder of your governance repository: evidence paths are workspace-relative.'));
    return undefined;
  }
  return vscode.window.showWorkspaceFolderPick({ placeHolder: vscode.l10n.t('Which workspace folder holds the evidence?') });
}

async function fileKind(uri: vscode.Uri): Promise<'missing' | 'directory' | 'link' | 'other'> {
  try {
    const s = await vscode.workspace.fs.stat(uri);
    if (s.type & vscode.FileType.SymbolicLink) return 'link';
    return s.type & vscode.FileType.Directory ? 'directory' : 'other';
  } catch {
    return 'missing';
  }
}

/** Files under `dir` (relative, forward slashes), breadth-first, symbolic links skipped, bounded. */
async function listFiles(dir: vscode.Uri): Promise<{ paths: string[]; truncated: boolean }> {
  const paths: string[] = [];
  const queue: { uri: vscode.Uri; rel: string; depth: number }[] = [{ uri: dir, rel: '', depth: 0 }];
  while (queue.length) {
    const { uri, rel, depth } = queue.shift()!;
    let entries: [string, vscode.FileType][];
    try {
      entries = await vscode.workspace.fs.readDirectory(uri);
    } catch {
      continue;
    }
    for (const [name, type] of entries) {
      if (type & vscode.FileType.SymbolicLink) continue;
      const childRel = rel ? `${rel}/${name}` : name;
      if (type & vscode.FileType.Directory) {
        if (depth + 1 < MAX_DEPTH) queue.push({ uri: vscode.Uri.joinPath(uri, name), rel: childRel, depth: depth + 1 });
      } else if (type & vscode.FileType.File) {
        paths.push(childRel);
        if (paths.length >= MAX_FILES) return { paths, truncated: true };
      }
    }
  }
  return { paths, truncated: false };
}
