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

/** The server's diagnostics of `uri` (source `postmortem`). */
export function postmortemDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'postmortem');
}

/** Codes of the server's diagnostics of `uri`. */
export function codesOf(uri: vscode.Uri): string[] {
  return postmortemDiagnostics(uri).map((d) => diagnosticCode(d) ?? '?');
}

/** Waits until the server's diagnostics of `uri` hold every code of `codes` (and none of `absent`). */
export function waitForCodes(uri: vscode.Uri, codes: readonly string[], absent: readonly string[] = [], timeoutMs = 10_000): Promise<readonly vscode.Diagnostic[]> {
  return waitForDiagnostics(
    uri,
    () => {
      const have = codesOf(uri);
      return codes.every((c) => have.includes(c)) && !absent.some((c) => have.includes(c));
    },
    timeoutMs,
  );
}

/** Waits until the text of `doc` satisfies `accept` (checked now and on every change of the document). */
export function waitForText(doc: vscode.TextDocument, accept: (text: string) => boolean, what: string, timeoutMs = 10_000): Promise<string> {
  return waitFor(
    vscode.workspace.onDidChangeTextDocument,
    () => {
      const text = doc.getText();
      return accept(text) ? text : undefined;
    },
    `${what} (${doc.uri.path})`,
    timeoutMs,
  );
}

/** `[line, character, endLine, endCharacter]` of a range, for readable deep-equal assertions. */
export function rangeTuple(r: vscode.Range): [number, number, number, number] {
  return [r.start.line, r.start.character, r.end.line, r.end.character];
}

/** Indexes (0-based) of the lines that differ between two texts of the same line count. */
export function changedLines(before: string, after: string): number[] {
  const a = before.split(/\r?\n/);
  const b = after.split(/\r?\n/);
  if (a.length !== b.length) throw new Error(`line count changed: ${a.length} -> ${b.length}`);
  return a.flatMap((line, i) => (line === b[i] ? [] : [i]));
}

type WindowFunction = 'showQuickPick' | 'showInputBox' | 'showInformationMessage' | 'showWarningMessage' | 'showErrorMessage';

export interface Stub {
  /** The arguments of every call, in order. */
  readonly calls: unknown[][];
  restore(): void;
}

/**
 * Replaces `vscode.window[name]` until `restore()`. The extension sees the replacement: the
 * extension host hands one `vscode` API object per extension, chosen by the path of the file
 * that requires it, and these tests are loaded from inside the extension's own folder (the
 * development path), so the tests and the extension share that object. A stub that is not seen
 * shows the real UI instead, and the test times out.
 */
export function stubWindow(name: WindowFunction, impl: (...args: any[]) => unknown): Stub {
  const w = vscode.window as unknown as Record<string, unknown>;
  const original = w[name];
  const calls: unknown[][] = [];
  const replacement = (...args: unknown[]) => {
    calls.push(args);
    return impl(...args);
  };
  w[name] = replacement;
  if (w[name] !== replacement) throw new Error(`vscode.window.${name} cannot be replaced in this VS Code`);
  return {
    calls,
    restore: () => {
      w[name] = original;
    },
  };
}

/** The current UTC date, YYYY-MM-DD. */
export function utcToday(): string {
  return new Date().toISOString().slice(0, 10);
}

/**
 * Activates the built-in extensions that register language features for Markdown (the Markdown
 * language features, and the markdown-it plugins it activates itself). VS Code cancels a running
 * code-action request when a provider is registered meanwhile (a provider that answers after
 * that is dropped silently), so a request sent while these are still starting can miss ours.
 */
export async function activateMarkdownExtensions(): Promise<void> {
  const markdown = vscode.extensions.all.filter((e) => {
    const pkg = e.packageJSON as { activationEvents?: string[]; contributes?: Record<string, unknown> };
    return e.id !== EXTENSION_ID && (pkg.activationEvents?.includes('onLanguage:markdown') || pkg.contributes?.['markdown.markdownItPlugins'] !== undefined);
  });
  await Promise.all(markdown.map((e) => Promise.resolve(e.activate()).catch(() => undefined)));
}

type Action = vscode.CodeAction | vscode.Command;

/**
 * `vscode.executeCodeActionProvider`, asked again (at most `attempts` times, no waiting in
 * between) while `accept` rejects the answer: VS Code drops every provider's answer when the
 * set of code-action providers changes during the request (another extension starting), which
 * the lightbulb handles by asking again too.
 */
export async function codeActions(uri: vscode.Uri, range: vscode.Range, kind: string | undefined, accept: (actions: Action[]) => boolean, attempts = 3): Promise<Action[]> {
  let actions: Action[] = [];
  for (let i = 0; i < attempts; i++) {
    actions = (await vscode.commands.executeCommand<Action[]>('vscode.executeCodeActionProvider', uri, range, kind)) ?? [];
    if (accept(actions)) break;
    if (i + 1 < attempts) console.log(`[codeActions] answer ${i + 1} lacks the expected action (${actions.map((a) => a.title).join(' | ')}); asking again`);
  }
  return actions;
}

/**
 * Runs Mark Final (postmortemAssistant.markFinal) with the quick pick of blockers and the
 * information message stubbed (the user dismisses both); returns the stubs with the calls they saw.
 */
export async function markFinal(uri: vscode.Uri): Promise<{ pick: Stub; info: Stub }> {
  const pick = stubWindow('showQuickPick', async () => undefined);
  const info = stubWindow('showInformationMessage', async () => undefined);
  try {
    await vscode.commands.executeCommand('postmortemAssistant.markFinal', uri);
  } finally {
    pick.restore();
    info.restore();
  }
  return { pick, info };
}
