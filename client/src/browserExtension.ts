/**
 * The web extension's entry (package.json `browser`, dist/browserExtension.js) for github.dev and
 * vscode.dev: `extension.ts` with the language server in a web worker (dist/browserServer.js,
 * vscode-languageclient/browser), its file questions answered through `vscode.workspace.fs`
 * (web/files.ts), the author's name from the workspace's `.git/config` when it has one, and no
 * tasks (a browser runs no processes). docs/web.md.
 */
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/browser';
import { activateWith, deactivate, type PostmortemAssistantApi } from './extension';
import type { ClientPlatform } from './platform';
import { gitConfigUserName } from './pure/gitConfig';
import { answerFileRequests } from './web/files';

declare const Worker: new (url: string, options?: { name?: string }) => { terminate(): void };

const web: ClientPlatform = {
  createLanguageClient(context, id, name, options) {
    const url = vscode.Uri.joinPath(context.extensionUri, 'dist', 'browserServer.js').toString(true);
    let worker: { terminate(): void } | undefined;
    // A function: a restart (trust granted, Restart Language Server) gets a fresh worker.
    const client = new LanguageClient(id, name, async () => {
      worker?.terminate();
      worker = new Worker(url, { name: 'postmortem-language-server' });
      return worker as never;
    }, options);
    answerFileRequests(client);
    return client;
  },
  async authorName(folder) {
    try {
      const text = new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, '.git', 'config')));
      return gitConfigUserName(text);
    } catch {
      return undefined; // github.dev has no .git folder: the author is left to fill in
    }
  },
};

export function activate(context: vscode.ExtensionContext): PostmortemAssistantApi {
  return activateWith(context, web);
}

export { deactivate };
