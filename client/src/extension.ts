/**
 * The VS Code extension: starts the language server when the workspace has
 * post-mortems (or one is opened, or a command needs it) and wires the UI — commands,
 * the Mark Final code lens, the readiness status-bar item and the Post-Mortems view.
 * Diagnostics, quick fixes, fix-all, hover, completion and symbols come from the server through
 * vscode-languageclient; document formatting too, through a provider registered for open
 * post-mortems only (formatting.ts).
 *
 * Activation (package.json): `workspaceContains` for the default post-mortem paths,
 * the commands, and `onLanguage:markdown` — the last one only so that a post-mortem
 * recognised by its first heading (which no activation event can express) is checked
 * too. Activation itself is cheap: the server starts only once a post-mortem is seen.
 */
import * as vscode from 'vscode';
import { ACTION_ITEMS_VIEW_ID, CLIENT_COMMANDS as COMMANDS, CONTEXT_KEYS as CONTEXT, VIEW_ID } from '../../shared/src/protocol';
import { ActionItemsView } from './actionItemsView';
import { checkWorkspace } from './commands/checkWorkspace';
import { exportReport } from './commands/exportReport';
import { formatTimeline } from './commands/formatTimeline';
import { PostmortemFormatter } from './formatting';
import { insertEvidencePath } from './commands/insertEvidencePath';
import { insertTimelineRow } from './commands/insertTimelineRow';
import { markFinal } from './commands/markFinal';
import { newPostmortem } from './commands/newPostmortem';
import { PostmortemClient } from './languageClient';
import type { ClientPlatform } from './platform';
import { addDocumentSchemes, detectPostmortem, isPostmortemDocument, MARKDOWN_SELECTOR, onDidChangePostmortemState, workspaceHasPostmortemPaths, workspaceMayHaveTeamTemplates } from './postmortems';
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
  /**
   * The active editor's `postmortemAssistant.isPostmortem` context key and the readiness status-bar
   * item, as last set (VS Code offers no way to read either); `onDidChangeEditorState` fires on each change.
   */
  editorState(): { isPostmortem: boolean; readiness: { text: string; visible: boolean } };
  readonly onDidChangeEditorState: vscode.Event<void>;
  /** Which open documents Format Document is this extension's (client/src/formatting.ts). */
  readonly formatter: { has(uri: vscode.Uri): boolean; readonly onDidChange: vscode.Event<void> };
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
  const formatter = new PostmortemFormatter(pm);
  const run = (id: string, title: string, f: (...args: unknown[]) => Promise<void>) =>
    vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      try {
        await f(...args);
      } catch (e) {
        output.error(`${id}: ${(e as Error).stack ?? e}`);
        void vscode.window.showErrorMessage(vscode.l10n.t('{0} failed: {1}', title, (e as Error).message));
      }
    });

  context.subscriptions.push(
    output,
    pm,
    view,
    statusBar,
    formatter,
    vscode.window.createTreeView(VIEW_ID, { treeDataProvider: view, showCollapseAll: true }),
    vscode.languages.registerCompletionItemProvider(MARKDOWN_SELECTOR, new UtcTimelineRowCompletion(pm)),
    run(COMMANDS.markFinal, vscode.l10n.t('Mark Final'), (uri) => markFinal(pm, uri)),
    run(COMMANDS.formatTimeline, vscode.l10n.t('Format Timeline Table'), (uri, options) => formatTimeline(pm, uri, options)),
    run(COMMANDS.insertEvidencePath, vscode.l10n.t('Insert Evidence Path'), (uri) => insertEvidencePath(pm, uri)),
    run(COMMANDS.insertTimelineRow, vscode.l10n.t('Insert Timeline Row'), (uri) => insertTimelineRow(pm, uri)),
    run(COMMANDS.newPostmortem, vscode.l10n.t('New Post-Mortem'), () => newPostmortem((folder) => platform.authorName(folder), pm)),
    run(COMMANDS.refreshView, vscode.l10n.t('Refresh Post-Mortems'), async () => view.refresh(true)),
    run(COMMANDS.restartServer, vscode.l10n.t('Restart Language Server'), async () => {
      if (pm.isStarted) await pm.restart(vscode.l10n.t('asked for by the user'));
      else await pm.start();
    }),
    run(COMMANDS.showOutput, vscode.l10n.t('Show Output'), async () => output.show(true)),
    pm.onDidStart(() => view.refresh()),
    actionItems,
    vscode.window.createTreeView(ACTION_ITEMS_VIEW_ID, { treeDataProvider: actionItems, showCollapseAll: true }),
    run(COMMANDS.toggleActionItemsGrouping, vscode.l10n.t('Group Action Items'), async () => actionItems.toggleGrouping()),
    run(COMMANDS.exportReport, vscode.l10n.t('Export Report'), () => exportReport(pm)),
    run(COMMANDS.checkWorkspace, vscode.l10n.t('Check Workspace'), async () => {
      startServer(pm);
      if (await checkWorkspace(pm)) view.refresh(true);
    }),
    pm.onDidStart(() => actionItems.refresh()),
  );
  if (platform.registerTasks) context.subscriptions.push(platform.registerTasks());
  void vscode.commands.executeCommand('setContext', CONTEXT.canCheckWorkspace, platform.checkWorkspace);

  // The active editor's context key (menus) and the lazy start of the server. The line test
  // answers at once; for anything else the running server is asked (a team template's document).
  let isPostmortemKey = false;
  const editorStateChanged = new vscode.EventEmitter<void>();
  const setIsPostmortem = (yes: boolean): void => {
    isPostmortemKey = yes;
    void vscode.commands.executeCommand('setContext', CONTEXT.isPostmortem, yes);
    editorStateChanged.fire();
  };
  const onEditor = (editor: vscode.TextEditor | undefined): void => {
    const yes = editor !== undefined && isPostmortemDocument(editor.document);
    setIsPostmortem(yes);
    if (yes) startServer(pm);
    else if (editor && pm.isStarted) {
      void detectPostmortem(editor.document, pm).then((server) => {
        if (server && vscode.window.activeTextEditor === editor) setIsPostmortem(true);
      });
    }
  };
  context.subscriptions.push(
    editorStateChanged,
    statusBar.onDidChange(() => editorStateChanged.fire()),
    vscode.window.onDidChangeActiveTextEditor(onEditor),
    pm.onDidStart(() => onEditor(vscode.window.activeTextEditor)),
    onDidChangePostmortemState((uri) => {
      const editor = vscode.window.activeTextEditor;
      if (editor && editor.document.uri.toString() === uri.toString()) {
        setIsPostmortem(isPostmortemDocument(editor.document));
        statusBar.schedule(0);
      }
    }),
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
  return {
    postmortemsView: view as vscode.TreeDataProvider<unknown>,
    actionItemsView: actionItems as vscode.TreeDataProvider<unknown>,
    editorState: () => ({ isPostmortem: isPostmortemKey, readiness: statusBar.shown }),
    onDidChangeEditorState: editorStateChanged.event,
    formatter,
    extendMarkdownIt: (md) => md.use((m) => postmortemPreview(m, vscode.l10n.t)),
  };
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
    // Team templates: documents only the server recognises (their first heading is the team's).
    if ((await workspaceHasPostmortemPaths()) || (await workspaceMayHaveTeamTemplates())) startServer(pm);
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
