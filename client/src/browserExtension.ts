/**
 * The web extension's entry (package.json `browser`, dist/browserExtension.js) for github.dev and
 * vscode.dev: `extension.ts` with the language server in a web worker (dist/browserServer.js,
 * vscode-languageclient/browser), its file questions answered through `vscode.workspace.fs`
 * (web/files.ts), the author's name from the workspace's `.git/config` when it has one, and no
 * tasks (a browser runs no processes). docs/web.md.
 */
import * as vscode from 'vscode';
import { BrowserMessageReader, BrowserMessageWriter, LanguageClient } from 'vscode-languageclient/browser';
import { activateWith, deactivate, type PostmortemAssistantApi } from './extension';
import type { ClientPlatform } from './platform';
import { gitConfigUserName } from './pure/gitConfig';
import { answerFileRequests } from './web/files';

declare const Worker: new (url: string, options?: { name?: string }) => { terminate(): void };
type WorkerLike = InstanceType<typeof Worker>;
const WORKER_NAME = 'postmortem-language-server';

/**
 * The server's worker. From an https: or file: extension folder (github.dev, vscode.dev) the
 * script's URL is enough. An extension installed on a remote server but run in the browser
 * (code-server with `remote.extensionKind` ["web"], test/web/host.mjs) has a `vscode-remote:`
 * folder, from which VS Code's web worker extension host refuses to start workers ("Creating
 * workers from remote extensions is currently not supported"); its `fetch` reads that URI, so
 * the worker starts from the fetched script instead.
 */
async function startWorker(script: vscode.Uri): Promise<WorkerLike> {
  if (script.scheme !== 'vscode-remote') return new Worker(script.toString(true), { name: WORKER_NAME });
  const response = await fetch(script.toString(true));
  if (!response.ok) throw new Error(`cannot load ${script.toString(true)}: HTTP ${response.status}`);
  const blob = new Blob([await response.text()], { type: 'application/javascript' });
  return new Worker(URL.createObjectURL(blob), { name: WORKER_NAME });
}

const web: ClientPlatform = {
  createLanguageClient(context, id, name, options) {
    const script = vscode.Uri.joinPath(context.extensionUri, 'dist', 'browserServer.js');
    let worker: WorkerLike | undefined;
    // A function: a restart (trust granted, Restart Language Server) gets a fresh worker.
    const client = new LanguageClient(id, name, async () => {
      worker?.terminate();
      worker = await startWorker(script);
      // The transports, not the worker: VS Code's web worker host replaces `Worker` with a function,
      // so the client's own `instanceof Worker` test fails on the workers it starts.
      return { reader: new BrowserMessageReader(worker as never), writer: new BrowserMessageWriter(worker as never) };
    }, options);
    answerFileRequests(client);
    return client;
  },
  // The web server has no Check Workspace handler (it would read every folder through requests to this client).
  checkWorkspace: false,
  // The workspace's own documents, whatever their scheme (vscode-vfs on github.dev).
  documentSchemes: () => [...new Set((vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.scheme))],
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
