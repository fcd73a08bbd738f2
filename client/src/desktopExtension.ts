/**
 * The desktop extension's entry (package.json `main`, dist/extension.js): `extension.ts` with the
 * language server started as a Node process over IPC, git for the author's name and the
 * `postmortem-lint` tasks. The web entry is `browserExtension.ts`.
 */
import type * as vscode from 'vscode';
import { LanguageClient, TransportKind, type ServerOptions } from 'vscode-languageclient/node';
import { gitUserName } from './commands/gitUserName';
import { activateWith, deactivate, type PostmortemAssistantApi } from './extension';
import type { ClientPlatform } from './platform';
import { registerLintTasks } from './tasks';

const desktop: ClientPlatform = {
  createLanguageClient(context, id, name, options) {
    const module = context.asAbsolutePath('dist/server.js');
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc },
      debug: { module, transport: TransportKind.ipc },
    };
    return new LanguageClient(id, name, serverOptions, options);
  },
  authorName: async (folder) => (folder.uri.scheme === 'file' ? gitUserName(folder.uri.fsPath) : undefined),
  registerTasks: registerLintTasks,
  checkWorkspace: true,
};

export function activate(context: vscode.ExtensionContext): PostmortemAssistantApi {
  return activateWith(context, desktop);
}

export { deactivate };
