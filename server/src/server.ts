/**
 * The language server's entry point: transport and wiring. Every decision about a document is
 * the core's (`./core`); the handler modules (`handlers/`) turn LSP requests into core calls and
 * core results into LSP answers (through `node/lspConvert.ts`); each open document's state lives
 * in its session (`session.ts`).
 *
 * The handler modules and `initialize` are wired by `start.ts` (shared with the web entry,
 * `browserServer.ts`); this file is the Node transport and host (`node/host.ts`).
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
  AbstractMessageReader,
  ProposedFeatures,
  StreamMessageWriter,
  createConnection,
  type Connection,
  type DataCallback,
  type Disposable,
  type Message,
  type MessageReader,
} from 'vscode-languageserver/node';
import { checkWorkspaceHandlers } from './handlers/checkWorkspace';
import { describe } from './handlers/guard';
import { nodeHost } from './node/host';
import { messageFramer, type ErrorReply } from './node/stdioGuard';
import { listen } from './start';

/** stdin's messages, framed and parsed by the guard (instead of vscode-jsonrpc's StreamMessageReader). */
class GuardedReader extends AbstractMessageReader implements MessageReader {
  constructor(
    private readonly input: NodeJS.ReadableStream,
    private readonly answer: (r: ErrorReply) => void,
  ) {
    super();
  }

  listen(callback: DataCallback): Disposable {
    const onData = messageFramer((m) => callback(m as unknown as Message), this.answer);
    const onError = (e: Error) => this.fireError(e);
    const onClose = () => this.fireClose();
    this.input.on('data', onData);
    this.input.on('error', onError);
    this.input.on('close', onClose);
    return {
      dispose: () => {
        this.input.off('data', onData);
        this.input.off('error', onError);
        this.input.off('close', onClose);
      },
    };
  }
}

const connection: Connection = process.argv.includes('--stdio') ? guardedStdioConnection() : createConnection(ProposedFeatures.all);

/** Over stdio, malformed JSON-RPC gets an error answer and never costs the framing (node/stdioGuard.ts). */
function guardedStdioConnection(): Connection {
  const writer = new StreamMessageWriter(process.stdout);
  const input = process.stdin;
  // What vscode-languageserver does itself for a plain --stdio: stdout carries the protocol, so
  // console output goes to stderr, and the end of stdin ends the server (0 after shutdown).
  for (const k of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    console[k] = (...args: unknown[]) => process.stderr.write(`${format(...args)}\n`);
  }
  let shutdown = false;
  input.on('end', () => process.exit(shutdown ? 0 : 1));
  const conn = createConnection(ProposedFeatures.all, new GuardedReader(input, (r) => void writer.write(r)), writer);
  conn.onShutdown(() => {
    shutdown = true;
  });
  return conn;
}

// After the shared handlers (validation first): a close clears the document's diagnostics, then
// Check Workspace checks the file from disk. Desktop only: it reads folders with Node (docs/web.md).
const server = listen(connection, nodeHost(), [checkWorkspaceHandlers]);

process.on('uncaughtException', (e) => server.log('error', `uncaught exception: ${describe(e)}`));
process.on('unhandledRejection', (e) => server.log('error', `unhandled rejection: ${describe(e)}`));
