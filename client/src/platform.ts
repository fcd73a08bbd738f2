/**
 * What differs between the desktop extension (`desktopExtension.ts`: the server in a Node process
 * over IPC, git for the author's name, tasks that run the CLI) and the web extension
 * (`browserExtension.ts`: the server in a web worker, files through `vscode.workspace.fs`, no
 * processes). Everything else is `extension.ts`, shared (docs/web.md).
 */
import type * as vscode from 'vscode';
import type { BaseLanguageClient, LanguageClientOptions } from 'vscode-languageclient';

export interface ClientPlatform {
  /** The language client with its transport (not started). */
  createLanguageClient(context: vscode.ExtensionContext, id: string, name: string, options: LanguageClientOptions): BaseLanguageClient;
  /** The author's name for New Post-Mortem (git `user.name`); undefined when unknown. */
  authorName(folder: vscode.WorkspaceFolder): Promise<string | undefined>;
  /** URI schemes checked besides `file` and `untitled` (web: the workspace folders' schemes). */
  documentSchemes?(): string[];
  /** Check Workspace can run (the desktop server walks the folders; the web server has no such handler). */
  readonly checkWorkspace: boolean;
  /** The `postmortem-lint` task type (runs the CLI in a shell: desktop only). */
  registerTasks?(): vscode.Disposable;
}
