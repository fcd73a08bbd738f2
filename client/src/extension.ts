/**
 * The VS Code extension: starts the language server when the workspace has
 * post-mortems (or one is opened, or a command needs it) and wires the UI — commands,
 * the Mark Final code lens, the readiness status-bar item and the Post-Mortems view.
 * Diagnostics, quick fixes, fix-all, hover, completion, symbols and document
 * formatting all come from the server through vscode-languageclient.
 *
 * Activation (package.json): `workspaceContains` for the default post-mortem paths,
 * the commands, and `onLanguage:markdown` — the last one only so that a post-mortem
 * recognised by its first heading (which no activation event can express) is checked
 * too. Activation itself is cheap: the server starts only once a post-mortem is seen.
 */
import * as vscode from 'vscode';
import { ACTION_ITEMS_VIEW_ID, CLIENT_COMMANDS as COMMANDS, CONTEXT_KEYS as CONTEXT, VIEW_ID } from '../../shared/src/protocol';
import { ActionItemsView } from './actionItemsView';
import { exportReport } from './commands/exportReport';
import { formatTimeline } from './commands/formatTimeline';
import { insertEvidencePath } from './commands/insertEvidencePath';
import { insertTimelineRow } from './commands/insertTimelineRow';
import { markFinal } from './commands/markFinal';
import { newPostmortem } from './commands/newPostmortem';
import { PostmortemClient } from './languageClient';
import type { ClientPlatform } from './platform';
import { addDocumentSchemes, isPostmortemDocument, MARKDOWN_SELECTOR, workspaceHasPostmortemPaths } from './postmortems';
import { PostmortemsView } from './postmortemsView';
import { postmortemPreview, type MarkdownItLike } from './pure/preview';
import { ReadinessStatusBar } from './statusBar';
import { UtcTimelineRowCompletion } from './timelineCompletion';

let client: PostmortemClient | undefined;

/**
 * What `activate()` returns (`vscode.extensions.getExtension(id).exports`). It exists for the
 * real-VS-Code tests (test/vscode/suite/view.test.ts): VS Code offers no way to read another
 * extension's tree items, so the Post-Mortems view's data provider is exposed here. Read-only
 * use; not a public, stable API.
 */
export interface PostmortemAssistantApi {
  /** The data provider behind the Post-Mortems view (`postmortemAssistant.postmortems`). */
  readonly postmortemsView: vscode.TreeDataProvider<unknown>;
  /** The data provider behind the Action Items view (`postmortemAssistant.actionItems`). */
  readonly actionItemsView: vscode.TreeDataProvider<unknown>;
  /** The Markdown preview's plugin (`contributes.markdown.markdownItPlugins`): client/src/pure/preview.ts. */
  extendMarkdownIt<M extends MarkdownItLike & { use(plugin: (md: MarkdownItLike) => void): M }>(md: M): M;
}

/**
 * Activation, shared by the desktop entry (`desktopExtension.ts`) and the web entry
 * (`browserExtension.ts`); `platform` is what differs (transport, author name, tasks).
 */
export function activateWith(context: vscode.ExtensionContext, platform: ClientPlatform): PostmortemAssistantApi {
  if (platform.documentSchemes) addDocumentSchemes(platform.documentSchemes());
  const output = vscode.window.createOutputChannel('Post-Mortem Assistant', { log: true });
  client = new PostmortemClient(context, output, platform);
  const pm = client;
  const view = new PostmortemsView(pm);
  const actionItems = new ActionItemsView(pm);
  const statusBar = new ReadinessStatusBar(pm);
  const run = (id: string, title: string, f: (...args: unknown[]) => Promise<void>) =>
    vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      try {
        await f(...args);
      } catch (e) {
        output.error(`${id}: ${(e as Error).stack ?? e}`);
        void vscode.window.showErrorMessage(`${title} failed: ${(e as Error).message}`);
      }
    });

  context.subscriptions.push(
    output,
    pm,
    view,
    statusBar,
    vscode.window.createTreeView(VIEW_ID, { treeDataProvider: view, showCollapseAll: true }),
    vscode.languages.registerCompletionItemProvider(MARKDOWN_SELECTOR, new UtcTimelineRowCompletion()),
    run(COMMANDS.markFinal, 'Mark Final', (uri) => markFinal(pm, uri)),
    run(COMMANDS.formatTimeline, 'Format Timeline Table', (uri, options) => formatTimeline(pm, uri, options)),
    run(COMMANDS.insertEvidencePath, 'Insert Evidence Path', (uri) => insertEvidencePath(pm, uri)),
    run(COMMANDS.insertTimelineRow, 'Insert Timeline Row', (uri) => insertTimelineRow(pm, uri)),
    run(COMMANDS.newPostmortem, 'New Post-Mortem', () => newPostmortem((folder) => platform.authorName(folder))),
    run(COMMANDS.refreshView, 'Refresh Post-Mortems', async () => view.refresh(true)),
    run(COMMANDS.restartServer, 'Restart Language Server', async () => {
      if (pm.isStarted) await pm.restart(vscode.l10n.t('asked for by the user'));
      else await pm.start();
    }),
    run(COMMANDS.showOutput, 'Show Output', async () => output.show(true)),
    pm.onDidStart(() => view.refresh()),
    actionItems,
    vscode.window.createTreeView(ACTION_ITEMS_VIEW_ID, { treeDataProvider: actionItems, showCollapseAll: true }),
    run(COMMANDS.toggleActionItemsGrouping, 'Group Action Items', async () => actionItems.toggleGrouping()),
    run(COMMANDS.exportReport, 'Export Report', () => exportReport(pm)),
    pm.onDidStart(() => actionItems.refresh()),
  );
  if (platform.registerTasks) context.subscriptions.push(platform.registerTasks());

  // The active editor's context key (menus) and the lazy start of the server.
  const onEditor = (editor: vscode.TextEditor | undefined): void => {
    const yes = editor !== undefined && isPostmortemDocument(editor.document);
    void vscode.commands.executeCommand('setContext', CONTEXT.isPostmortem, yes);
    if (yes) startServer(pm);
  };
  context.subscriptions.push(
    vscode.window.onDidChangeActiveTextEditor(onEditor),
    vscode.workspace.onDidOpenTextDocument((doc) => {
      if (!pm.isStarted && isPostmortemDocument(doc)) startServer(pm);
    }),
    // An untitled document becomes a post-mortem when its first heading is typed.
    vscode.workspace.onDidChangeTextDocument(throttledByDocument((doc) => {
      if (doc === vscode.window.activeTextEditor?.document) onEditor(vscode.window.activeTextEditor);
    })),
    vscode.workspace.onDidChangeWorkspaceFolders(() => void startIfWorkspaceHasPostmortems(pm)),
  );
  onEditor(vscode.window.activeTextEditor);
  if (vscode.workspace.textDocuments.some(isPostmortemDocument)) startServer(pm);
  else void startIfWorkspaceHasPostmortems(pm);
  return { postmortemsView: view as vscode.TreeDataProvider<unknown>, actionItemsView: actionItems as vscode.TreeDataProvider<unknown>, extendMarkdownIt: (md) => md.use(postmortemPreview) };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

/** A post-mortem was seen: show the view and start the server (once). */
function startServer(pm: PostmortemClient): void {
  if (pm.isStarted) return;
  void vscode.commands.executeCommand('setContext', CONTEXT.active, true);
  pm.start().catch(() => {
    // Logged by PostmortemClient; the commands say so when they need the server.
  });
}

async function startIfWorkspaceHasPostmortems(pm: PostmortemClient): Promise<void> {
  if (pm.isStarted) return;
  try {
    if (await workspaceHasPostmortemPaths()) startServer(pm);
  } catch {
    // A failed search only delays the start until a post-mortem is opened.
  }
}

/** Runs `f` at most every 500 ms per document (trailing call kept), for typing. */
function throttledByDocument(f: (doc: vscode.TextDocument) => void): (e: vscode.TextDocumentChangeEvent) => void {
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  return (e) => {
    if (e.document.languageId !== 'markdown') return;
    const key = e.document.uri.toString();
    if (timers.has(key)) return;
    timers.set(
      key,
      setTimeout(() => {
        timers.delete(key);
        f(e.document);
      }, 500),
    );
  };
}
