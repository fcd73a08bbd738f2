/**
 * The workspace around the documents: workspace folders coming and going (each document is
 * checked against its own folder) and `.postmortemrc.json` files changing (watched through the
 * client when it can register file watchers). Either re-checks every open document (and whatever the
 * handler modules watch: `server.workspaceWatchers`, e.g. the files Check Workspace published from disk).
 */
import { DidChangeWatchedFilesNotification, type InitializeParams } from 'vscode-languageserver';
import type { HandlerModule, ServerContext } from '../context';
import { RC_FILE } from '../rcSettings';
import { describe } from './guard';
import { scheduleValidation } from './validation';

function revalidateAll(server: ServerContext): void {
  server.sessions.forgetAll();
  for (const doc of server.documents.all()) scheduleValidation(server, doc);
  for (const w of server.workspaceWatchers) w.recheckAll?.();
}

let canWatch = false;
let folderEvents = false;

export const workspaceHandlers: HandlerModule = {
  capabilities(params: InitializeParams) {
    canWatch = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    folderEvents = params.capabilities.workspace?.workspaceFolders === true;
    return folderEvents ? { workspace: { workspaceFolders: { supported: true, changeNotifications: true } } } : {};
  },

  initialized(server) {
    const { connection } = server;
    if (folderEvents) {
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        try {
          const removed = new Set(e.removed.map((f) => f.uri));
          server.setFolders([...server.folderUris.filter((u) => !removed.has(u)), ...e.added.map((f) => f.uri)]);
          revalidateAll(server);
        } catch (err) {
          server.log('error', `didChangeWorkspaceFolders failed: ${describe(err)}`);
        }
      });
    }
    if (canWatch) {
      connection.client
        .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: `**/${RC_FILE}` }] })
        .then(undefined, (e: unknown) => server.log('warn', `could not watch ${RC_FILE} files: ${describe(e)}`));
    }
  },

  register(server) {
    server.connection.onDidChangeWatchedFiles(
      server.guardNotification('didChangeWatchedFiles', (params) => {
        const changes = (params as { changes?: { uri: string; type: number }[] }).changes ?? [];
        if (changes.some((c) => c.uri.endsWith(`/${RC_FILE}`))) revalidateAll(server);
        // Markdown files (watched once Check Workspace ran): their diagnostics from disk.
        for (const w of server.workspaceWatchers) w.filesChanged?.(changes);
      }),
    );
  },
};
