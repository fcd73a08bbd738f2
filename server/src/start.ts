/**
 * The server's wiring, shared by the desktop entry (`server.ts`, Node) and the web entry
 * (`browserServer.ts`, a web worker): the handler modules, `initialize` and `initialized`. The
 * transport and the host (host.ts: files and paths) are the entry's.
 */
import {
  DidChangeConfigurationNotification,
  TextDocumentSyncKind,
  TextDocuments,
  type Connection,
  type InitializeParams,
  type InitializeResult,
  type ServerCapabilities,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ServerContext, type HandlerModule } from './context';
import { codeActionHandlers } from './handlers/codeActions';
import { commandHandlers } from './handlers/commands';
import { featureHandlers } from './handlers/features';
import { describe } from './handlers/guard';
import { lensHandlers } from './handlers/lenses';
import { navigationHandlers } from './handlers/navigation';
import { renameHandlers } from './handlers/rename';
import { reportHandlers } from './handlers/report';
import { summaryHandlers } from './handlers/summary';
import { validationHandlers } from './handlers/validation';
import { workspaceHandlers } from './handlers/workspace';
import type { ServerHost } from './host';

/** Every handler module; a new one is one more entry here. */
export const HANDLERS: readonly HandlerModule[] = [
  validationHandlers,
  codeActionHandlers,
  featureHandlers,
  commandHandlers,
  summaryHandlers,
  workspaceHandlers,
  navigationHandlers,
  renameHandlers,
  lensHandlers,
  reportHandlers,
];

/**
 * Registers every handler on `connection` and starts listening. `extra`: the entry's own handler
 * modules, after HANDLERS (the desktop's Check Workspace, which reads folders with Node).
 */
export function listen(connection: Connection, host: ServerHost, extra: readonly HandlerModule[] = []): ServerContext {
  const handlers = [...HANDLERS, ...extra];
  const documents = new TextDocuments(TextDocument);
  const server = new ServerContext(connection, documents, host);
  let hasDynamicConfigurationRegistration = false;

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    server.initialize(params);
    hasDynamicConfigurationRegistration = params.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    let capabilities: ServerCapabilities = { textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental } };
    for (const h of handlers) capabilities = { ...capabilities, ...h.capabilities?.(params) };
    return { capabilities, serverInfo: { name: 'postmortem-language-server' } };
  });

  connection.onInitialized(() => {
    if (server.settings.canAskClient && hasDynamicConfigurationRegistration) {
      connection.client
        .register(DidChangeConfigurationNotification.type, { section: 'postmortem' })
        .then(undefined, (e: unknown) => server.log('warn', `could not register for configuration changes: ${describe(e)}`));
    }
    for (const h of handlers) h.initialized?.(server);
    server.log('info', `postmortem server ready (folders: ${server.folders.join(', ') || 'none'}, trusted: ${server.settings.isTrusted})`);
  });

  for (const h of handlers) h.register(server);

  documents.listen(connection);
  connection.listen();
  return server;
}
