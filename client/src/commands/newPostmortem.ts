/**
 * New Post-Mortem: asks for the Incident ID and creates
 * `<workspace>/<postmortem.newFileFolder>/<ID>.md` from the template, with the ID,
 * the author (git `user.name`: `ClientPlatform.authorName`) and Date Written (today, UTC) filled
 * in. Never overwrites a file. The template is the one the server names for that folder
 * (`postmortem/templates`): a configured team template, asked for in a quick pick when
 * there are several; the built-in v1.1 when none is configured or the server cannot say.
 */
import * as vscode from 'vscode';
import { TEMPLATE_1_1 } from '../../../server/src/core/template';
import { compileIdPattern, validateNewIncidentId } from '../pure/incidentId';
import type { NewFileTemplate } from '../../../shared/src/protocol';
import type { PostmortemClient } from '../languageClient';
import { fillTemplate, firstBlank, newFileRelPath, relativeFolderSegments, templateChoices, V1_1_LABELS, type NewFileLabels } from '../pure/newPostmortem';
import { DEFAULT_SETTINGS } from '../../../shared/src/settings';
import { folderSetting, incidentIdPattern } from '../settings';

interface TemplateItem extends vscode.QuickPickItem {
  template: NewFileTemplate;
}

/**
 * The template to write (undefined: the user cancelled the pick). `probe`: a file in the target
 * folder, whose settings and `.postmortemrc.json` apply.
 */
async function chooseTemplate(client: PostmortemClient | undefined, folder: vscode.WorkspaceFolder, probe: vscode.Uri): Promise<{ text: string; labels: NewFileLabels; builtIn: boolean } | undefined> {
  const builtIn = { text: TEMPLATE_1_1, labels: V1_1_LABELS, builtIn: true };
  let templates: NewFileTemplate[];
  try {
    if (!client) return builtIn;
    templates = await client.templates(probe);
  } catch {
    return builtIn; // the server cannot say: the built-in template
  }
  const choice = templateChoices(templates);
  if (!choice) return builtIn;
  let t: NewFileTemplate;
  if ('use' in choice) t = choice.use;
  else {
    const items: TemplateItem[] = choice.pick.map((template) => ({
      label: template.title,
      description: template.builtIn ? vscode.l10n.t('built-in template') : relativeTo(folder, template.source),
      template,
    }));
    const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('New Post-Mortem'), placeHolder: vscode.l10n.t('Which template?'), ignoreFocusOut: true });
    if (!picked) return undefined;
    t = picked.template;
  }
  return { text: t.builtIn ? TEMPLATE_1_1 : t.text, labels: { fields: t.fields, statuses: t.statuses }, builtIn: t.builtIn };
}

export async function newPostmortem(authorName: (folder: vscode.WorkspaceFolder) => Promise<string | undefined>, client?: PostmortemClient): Promise<void> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Open a folder first: the new post-mortem is created inside the workspace.'));
    return;
  }
  const folder = folders.length === 1 ? folders[0] : await vscode.window.showWorkspaceFolderPick({ placeHolder: vscode.l10n.t('Where should the post-mortem go?') });
  if (!folder) return;

  const patternSetting = incidentIdPattern(folder.uri);
  const compiled = compileIdPattern(patternSetting);
  if (!compiled) {
    void vscode.window.showWarningMessage(vscode.l10n.t('postmortem.incidentIdPattern is not a valid regular expression; the default pattern is used.'));
  }
  const pattern = compiled ?? compileIdPattern(DEFAULT_SETTINGS.incidentIdPattern)!;
  const target = relativeFolderSegments(folderSetting('newFileFolder', folder.uri), vscode.l10n.t);
  if ('error' in target) {
    void vscode.window.showErrorMessage(vscode.l10n.t('postmortem.newFileFolder: {0}.', target.error));
    return;
  }

  const template = await chooseTemplate(client, folder, vscode.Uri.joinPath(folder.uri, ...target.segments, 'new-post-mortem.md'));
  if (!template) return;

  const input = await vscode.window.showInputBox({
    title: vscode.l10n.t('New Post-Mortem'),
    prompt: vscode.l10n.t('Incident ID (creates {0})', newFileRelPath(target.segments, '<ID>')),
    placeHolder: vscode.l10n.t('INC-2026-0042'), // an example ID, in the format the team uses
    ignoreFocusOut: true,
    validateInput: (v) => validateNewIncidentId(v, pattern, vscode.l10n.t),
  });
  if (input === undefined) return;
  const id = input.trim();
  if (validateNewIncidentId(id, pattern)) return;

  const rel = newFileRelPath(target.segments, id);
  const uri = vscode.Uri.joinPath(folder.uri, ...target.segments, `${id}.md`);
  if (await exists(uri)) {
    const open = vscode.l10n.t('Open it');
    const answer = await vscode.window.showWarningMessage(vscode.l10n.t('{0} already exists; it was not changed.', rel), open);
    if (answer === open) await vscode.window.showTextDocument(uri);
    return;
  }

  const author = await authorName(folder);
  const text = fillTemplate(template.text, { incidentId: id, author, now: new Date() }, template.labels);
  try {
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(folder.uri, ...target.segments));
    // Checked again right before writing: never overwrite a file that appeared meanwhile.
    if (await exists(uri)) {
      void vscode.window.showWarningMessage(vscode.l10n.t('{0} already exists; it was not changed.', rel));
      return;
    }
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  } catch (e) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Cannot create {0}: {1}', rel, (e as Error).message));
    return;
  }
  const editor = await vscode.window.showTextDocument(uri);
  // Put the cursor on the first value still to fill in.
  for (let line = 0; line < editor.document.lineCount; line++) {
    const m = firstBlank(editor.document.lineAt(line).text, template.builtIn);
    if (m) {
      editor.selection = new vscode.Selection(line, m.start, line, m.start + m.length);
      editor.revealRange(editor.selection);
      break;
    }
  }
}

/** A template file's path (the server's) relative to the folder, when it is inside it. */
function relativeTo(folder: vscode.WorkspaceFolder, file: string): string {
  const base = folder.uri.path.replace(/\/+$/, '');
  const p = vscode.Uri.file(file).path;
  return p.startsWith(`${base}/`) ? p.slice(base.length + 1) : file;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
