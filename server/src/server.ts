/**
 * The language server's entry point: transport and wiring. Every decision about a document is
 * the core's (`./core`); the handler modules (`handlers/`) turn LSP requests into core calls and
 * core results into LSP answers (through `node/lspConvert.ts`); each open document's state lives
 * in its session (`session.ts`).
 *
 * Started as `node dist/server.js --stdio` (or `--node-ipc`, `--socket=N`):
 * `createConnection` picks the transport from the command line.
 *
 * Architecture invariants:
 * - No handler throws through to the connection: each is wrapped by `guard`,
 *   which turns an exception into an error response plus a log line.
 * - Diagnostics are published with the document version they were computed
 *   for; a result whose version is no longer current is dropped.
 * - Quick fixes travel in `Diagnostic.data`; the server keeps no fix state.
 *
 * Initialization options (all optional):
 * - `postmortem`: settings object, used when the client has no `workspace/configuration`
 *   (and as the base that `workspace/configuration` results override).
 * - `trusted: false`: the workspace is untrusted; the `schema` and `incidentIdPattern`
 *   settings are ignored (defaults used) whatever their source. The client restarts
 *   the server when trust is granted.
 * - `advertiseCommands: false`: do not list `postmortem.*` in `executeCommandProvider`
 *   (the requests are still served). For clients, like vscode-languageclient, that
 *   would otherwise register commands of the same name as their own.
 * - `serverCodeLens: false`: no `codeLensProvider` (handlers/lenses.ts), for a client that draws
 *   its own Mark Final lens on the Status line.
 */
import { format } from 'node:util';
import {
  DidChangeConfigurationNotification,
  ProposedFeatures,
  StreamMessageReader,
  StreamMessageWriter,
  TextDocumentSyncKind,
  TextDocuments,
  createConnection,
  type Connection,
  type InitializeParams,
  type InitializeResult,
  type ServerCapabilities,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ServerContext, type HandlerModule } from './context';
import { checkWorkspaceHandlers } from './handlers/checkWorkspace';
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
import { guardInput } from './node/stdioGuard';

/** Every handler module; a new one is one more entry here. */
const HANDLERS: readonly HandlerModule[] = [
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
  // After validationHandlers: a close clears the document's diagnostics first, then this checks the file from disk.
  checkWorkspaceHandlers,
];

const connection: Connection = process.argv.includes('--stdio') ? guardedStdioConnection() : createConnection(ProposedFeatures.all);

/** Over stdio, malformed JSON-RPC gets an error answer and never costs the framing (node/stdioGuard.ts). */
function guardedStdioConnection(): Connection {
  const writer = new StreamMessageWriter(process.stdout);
  const input = guardInput(process.stdin, (r) => void writer.write(r));
  // What vscode-languageserver does itself for a plain --stdio: stdout carries the protocol, so
  // console output goes to stderr, and the end of stdin ends the server (0 after shutdown).
  for (const k of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    console[k] = (...args: unknown[]) => process.stderr.write(`${format(...args)}\n`);
  }
  let shutdown = false;
  input.on('end', () => process.exit(shutdown ? 0 : 1));
  const conn = createConnection(ProposedFeatures.all, new StreamMessageReader(input), writer);
  conn.onShutdown(() => {
    shutdown = true;
  });
  return conn;
}

const documents = new TextDocuments(TextDocument);
const server = new ServerContext(connection, documents);
let hasDynamicConfigurationRegistration = false;

connection.onInitialize((params: InitializeParams): InitializeResult => {
  server.initialize(params);
  hasDynamicConfigurationRegistration = params.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true;
  let capabilities: ServerCapabilities = { textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental } };
  for (const h of HANDLERS) capabilities = { ...capabilities, ...h.capabilities?.(params) };
  return { capabilities, serverInfo: { name: 'postmortem-language-server' } };
});

connection.onInitialized(() => {
  if (server.settings.canAskClient && hasDynamicConfigurationRegistration) {
    connection.client
      .register(DidChangeConfigurationNotification.type, { section: 'postmortem' })
      .then(undefined, (e: unknown) => server.log('warn', `could not register for configuration changes: ${describe(e)}`));
  }
  for (const h of HANDLERS) h.initialized?.(server);
  server.log('info', `postmortem server ready (folders: ${server.folders.join(', ') || 'none'}, trusted: ${server.settings.isTrusted})`);
});

for (const h of HANDLERS) h.register(server);

process.on('uncaughtException', (e) => server.log('error', `uncaught exception: ${describe(e)}`));
process.on('unhandledRejection', (e) => server.log('error', `unhandled rejection: ${describe(e)}`));

documents.listen(connection);
connection.listen();
