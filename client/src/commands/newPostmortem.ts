/**
 * New Post-Mortem: asks for the Incident ID and creates
 * `<workspace>/<postmortem.newFileFolder>/<ID>.md` from the template, with the ID,
 * the author (git `user.name`: `ClientPlatform.authorName`) and Date Written (today, UTC) filled
 * in. Never overwrites a file.
 */
import * as vscode from 'vscode';
import { TEMPLATE_1_1 } from '../../../server/src/core/template';
import { compileIdPattern, validateNewIncidentId } from '../pure/incidentId';
import { fillTemplate, newFileRelPath, relativeFolderSegments } from '../pure/newPostmortem';
import { DEFAULT_SETTINGS } from '../../../shared/src/settings';
import { folderSetting, incidentIdPattern } from '../settings';

export async function newPostmortem(authorName: (folder: vscode.WorkspaceFolder) => Promise<string | undefined>): Promise<void> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) {
    void vscode.window.showWarningMessage('Open a folder first: the new post-mortem is created inside the workspace.');
    return;
  }
  const folder = folders.length === 1 ? folders[0] : await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Where should the post-mortem go?' });
  if (!folder) return;

  const patternSetting = incidentIdPattern(folder.uri);
  const compiled = compileIdPattern(patternSetting);
  if (!compiled) {
    void vscode.window.showWarningMessage('postmortem.incidentIdPattern is not a valid regular expression; the default pattern is used.');
  }
  const pattern = compiled ?? compileIdPattern(DEFAULT_SETTINGS.incidentIdPattern)!;
  const target = relativeFolderSegments(folderSetting('newFileFolder', folder.uri));
  if ('error' in target) {
    void vscode.window.showErrorMessage(`postmortem.newFileFolder: ${target.error}.`);
    return;
  }

  const input = await vscode.window.showInputBox({
    title: 'New Post-Mortem',
    prompt: `Incident ID (creates ${newFileRelPath(target.segments, '<ID>')})`,
    placeHolder: 'INC-2026-0042',
    ignoreFocusOut: true,
    validateInput: (v) => validateNewIncidentId(v, pattern),
  });
  if (input === undefined) return;
  const id = input.trim();
  if (validateNewIncidentId(id, pattern)) return;

  const rel = newFileRelPath(target.segments, id);
  const uri = vscode.Uri.joinPath(folder.uri, ...target.segments, `${id}.md`);
  if (await exists(uri)) {
    const open = 'Open it';
    const answer = await vscode.window.showWarningMessage(`${rel} already exists; it was not changed.`, open);
    if (answer === open) await vscode.window.showTextDocument(uri);
    return;
  }

  const author = await authorName(folder);
  const text = fillTemplate(TEMPLATE_1_1, { incidentId: id, author, now: new Date() });
  try {
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(folder.uri, ...target.segments));
    // Checked again right before writing: never overwrite a file that appeared meanwhile.
    if (await exists(uri)) {
      void vscode.window.showWarningMessage(`${rel} already exists; it was not changed.`);
      return;
    }
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  } catch (e) {
    void vscode.window.showErrorMessage(`Cannot create ${rel}: ${(e as Error).message}`);
    return;
  }
  const editor = await vscode.window.showTextDocument(uri);
  // Put the cursor on the first value still to fill in.
  for (let line = 0; line < editor.document.lineCount; line++) {
    const m = /_{3,}/.exec(editor.document.lineAt(line).text);
    if (m) {
      editor.selection = new vscode.Selection(line, m.index, line, m.index + m[0].length);
      editor.revealRange(editor.selection);
      break;
    }
  }
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
