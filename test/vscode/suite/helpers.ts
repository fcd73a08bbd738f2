// Shared helpers for the real-VS-Code suites. Wait for events, never sleep.
import * as vscode from 'vscode';

export const EXTENSION_ID = 'postmortem-assistant.postmortem-assistant';

/** The fixture workspace folder (a fresh copy of test/vscode/workspace/ made by runTest). */
export function workspaceFolder(): vscode.WorkspaceFolder {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder is open (runTest opens test/vscode/workspace)');
  return folder;
}

/** URI of a file of the fixture workspace, by path relative to its root. */
export function workspaceUri(relativePath: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceFolder().uri, ...relativePath.split('/'));
}

/** Opens a workspace file in an editor and resolves once it is shown. */
export async function openWorkspaceFile(relativePath: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(workspaceUri(relativePath));
  return vscode.window.showTextDocument(doc);
}

/** Our extension, activated. */
export async function activateExtension(): Promise<vscode.Extension<unknown>> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not loaded`);
  await ext.activate();
  return ext;
}

/**
 * Resolves with the first value of `probe()` that is not undefined, re-probing whenever `event`
 * fires; rejects after `timeoutMs` with `what` in the message.
 */
export function waitFor<T>(
  event: vscode.Event<unknown>,
  probe: () => T | undefined,
  what: string,
  timeoutMs = 10_000,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const first = probe();
    if (first !== undefined) return resolve(first);
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
    }, timeoutMs);
    const sub = event(() => {
      const value = probe();
      if (value === undefined) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(value);
    });
  });
}

/** Waits until the diagnostics of `uri` satisfy `accept` (e.g. contain a given code). */
export function waitForDiagnostics(
  uri: vscode.Uri,
  accept: (diagnostics: readonly vscode.Diagnostic[]) => boolean,
  timeoutMs = 10_000,
): Promise<readonly vscode.Diagnostic[]> {
  return waitFor(
    vscode.languages.onDidChangeDiagnostics,
    () => {
      const diagnostics = vscode.languages.getDiagnostics(uri);
      return accept(diagnostics) ? diagnostics : undefined;
    },
    `diagnostics of ${uri.path}`,
    timeoutMs,
  );
}

/** The code of a diagnostic as a string (`PM010`), whatever shape the server gave it. */
export function diagnosticCode(d: vscode.Diagnostic): string | undefined {
  const c = d.code;
  if (c === undefined) return undefined;
  return typeof c === 'object' ? String(c.value) : String(c);
}
