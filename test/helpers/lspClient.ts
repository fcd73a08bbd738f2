/**
 * A tiny LSP client for tests: spawns `node dist/server.js --stdio`, speaks
 * JSON-RPC with Content-Length framing (vscode-jsonrpc), answers the server's
 * requests (configuration, applyEdit, registrations) and records what the
 * server sends. Waiting is always on events, with a timeout that fails clearly;
 * never on a fixed sleep.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { EventEmitter } from 'node:events';
import * as fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import {
  StreamMessageReader,
  StreamMessageWriter,
  createMessageConnection,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import type {
  ApplyWorkspaceEditParams,
  ApplyWorkspaceEditResult,
  ClientCapabilities,
  ConfigurationItem,
  ConfigurationParams,
  InitializeResult,
  LogMessageParams,
  PublishDiagnosticsParams,
  ShowMessageParams,
  TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol';
import { SERVER_JS, ensureBuilt } from './build';

export const DEFAULT_TIMEOUT_MS = 10_000;

export interface StartOptions {
  /** Workspace root folder (absolute path). */
  root?: string;
  /** Workspace folders (absolute paths); default: `root` alone. The first is the root. */
  folders?: string[];
  initializationOptions?: unknown;
  /** Answers `workspace/configuration` items; undefined → null. Omit `configuration` capability with `configurationCapability: false`. */
  configuration?: (item: ConfigurationItem) => unknown;
  configurationCapability?: boolean;
  /** Replaces the announced client capabilities (e.g. `{}` for a bare client). */
  capabilities?: ClientCapabilities;
  /** What the client answers to `workspace/applyEdit` (default: applied). */
  applyEdit?: (params: ApplyWorkspaceEditParams) => ApplyWorkspaceEditResult;
}

export const CLIENT_CAPABILITIES = (configuration: boolean): ClientCapabilities => ({
  workspace: {
    configuration,
    applyEdit: true,
    workspaceEdit: { documentChanges: true },
    didChangeConfiguration: { dynamicRegistration: true },
    workspaceFolders: true,
  },
  textDocument: {
    synchronization: { dynamicRegistration: false, didSave: true },
    publishDiagnostics: {
      relatedInformation: true,
      versionSupport: true,
      codeDescriptionSupport: true,
      dataSupport: true,
    },
    codeAction: {
      dataSupport: true,
      isPreferredSupport: true,
      codeActionLiteralSupport: {
        codeActionKind: { valueSet: ['', 'quickfix', 'source', 'source.fixAll'] },
      },
    },
    completion: { completionItem: { snippetSupport: false } },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
    formatting: {},
  },
  window: { showMessage: {} },
});

export function fileUri(absPath: string): string {
  return pathToFileURL(absPath).href;
}

export class LspTestClient {
  readonly diagnostics: PublishDiagnosticsParams[] = [];
  readonly messages: ShowMessageParams[] = [];
  readonly logs: LogMessageParams[] = [];
  readonly appliedEdits: ApplyWorkspaceEditParams[] = [];
  readonly configurationRequests: ConfigurationParams[] = [];
  initializeResult!: InitializeResult;
  stderr = '';
  exitCode: number | null | undefined = undefined;

  private readonly events = new EventEmitter();
  private readonly versions = new Map<string, number>();

  private constructor(
    private readonly proc: ChildProcessWithoutNullStreams,
    readonly connection: MessageConnection,
    private readonly options: StartOptions,
  ) {
    this.events.setMaxListeners(100);
  }

  /** A started client for the duration of `fn`, stopped afterwards whatever `fn` does. */
  static async using<T>(options: StartOptions, fn: (client: LspTestClient) => Promise<T>): Promise<T> {
    const client = await LspTestClient.start(options);
    try {
      return await fn(client);
    } finally {
      await client.stop();
    }
  }

  /** Builds if needed, spawns the server over stdio, and completes initialize/initialized. */
  static async start(options: StartOptions = {}): Promise<LspTestClient> {
    await ensureBuilt();
    const proc = spawn(process.execPath, [SERVER_JS, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createMessageConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
    const client = new LspTestClient(proc, connection, options);
    client.wire();
    connection.listen();
    const folders = options.folders ?? (options.root ? [options.root] : []);
    const rootUri = folders[0] ? fileUri(folders[0]) : null;
    try {
      client.initializeResult = await client.withTimeout(
        connection.sendRequest('initialize', {
          processId: process.pid,
          rootUri,
          workspaceFolders: folders.length ? folders.map((f, i) => ({ uri: fileUri(f), name: `folder${i}` })) : null,
          capabilities: options.capabilities ?? CLIENT_CAPABILITIES(options.configurationCapability !== false),
          initializationOptions: options.initializationOptions,
        }) as Promise<InitializeResult>,
        'the initialize response',
      );
      await connection.sendNotification('initialized', {});
    } catch (e) {
      proc.kill('SIGKILL'); // a failed start leaves no server (and no open pipes) behind
      connection.dispose();
      throw e;
    }
    return client;
  }

  private wire(): void {
    const c = this.connection;
    this.proc.stderr.setEncoding('utf8');
    this.proc.stderr.on('data', (d: string) => (this.stderr += d));
    this.proc.on('exit', (code) => {
      this.exitCode = code;
      this.events.emit('exit', code);
    });
    c.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.diagnostics.push(p);
      this.events.emit('diagnostics', p);
    });
    c.onNotification('window/showMessage', (p: ShowMessageParams) => {
      this.messages.push(p);
      this.events.emit('message', p);
    });
    c.onNotification('window/logMessage', (p: LogMessageParams) => {
      this.logs.push(p);
    });
    c.onNotification('telemetry/event', () => undefined);
    c.onRequest('workspace/configuration', (p: ConfigurationParams) => {
      this.configurationRequests.push(p);
      return p.items.map((item) => this.options.configuration?.(item) ?? null);
    });
    c.onRequest('client/registerCapability', () => null);
    c.onRequest('client/unregisterCapability', () => null);
    c.onRequest('window/workDoneProgress/create', () => null);
    c.onRequest('window/showMessageRequest', (p: ShowMessageParams) => {
      this.messages.push(p);
      this.events.emit('message', p);
      return null;
    });
    c.onRequest('workspace/applyEdit', (p: ApplyWorkspaceEditParams) => {
      this.appliedEdits.push(p);
      this.events.emit('applyEdit', p);
      return this.options.applyEdit ? this.options.applyEdit(p) : { applied: true };
    });
    c.onError(() => undefined);
  }

  get alive(): boolean {
    return this.exitCode === undefined;
  }

  request<R = unknown>(method: string, params: unknown, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<R> {
    return this.withTimeout(this.connection.sendRequest(method, params) as Promise<R>, `the response to ${method}`, timeoutMs);
  }

  notify(method: string, params: unknown): Promise<void> {
    return this.connection.sendNotification(method, params);
  }

  /** didOpen; the text defaults to the file's content when `uri` is a file URI. */
  open(uri: string, text: string, version = 1, languageId = 'markdown'): Promise<void> {
    this.versions.set(uri, version);
    return this.notify('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  openFile(absPath: string, version = 1): Promise<{ uri: string; text: string }> {
    const uri = fileUri(absPath);
    const text = fs.readFileSync(absPath, 'utf8');
    return this.open(uri, text, version).then(() => ({ uri, text }));
  }

  /** didChange with the next version (or `version`). Returns the version sent. */
  async change(uri: string, changes: TextDocumentContentChangeEvent[], version?: number): Promise<number> {
    const v = version ?? (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, v);
    await this.notify('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: changes });
    return v;
  }

  close(uri: string): Promise<void> {
    this.versions.delete(uri);
    return this.notify('textDocument/didClose', { textDocument: { uri } });
  }

  /**
   * Resolves with the first publishDiagnostics for `uri` (already received or
   * still to come) that satisfies `predicate`. Rejects after `timeoutMs` with what
   * was received instead.
   */
  waitForDiagnostics(
    uri: string,
    predicate: (p: PublishDiagnosticsParams) => boolean = () => true,
    timeoutMs = DEFAULT_TIMEOUT_MS,
  ): Promise<PublishDiagnosticsParams> {
    const seen = this.diagnostics.find((p) => p.uri === uri && predicate(p));
    if (seen) return Promise.resolve(seen);
    return this.waitForEvent<PublishDiagnosticsParams>(
      'diagnostics',
      (p) => p.uri === uri && predicate(p),
      timeoutMs,
      () => {
        const got = this.diagnostics.filter((p) => p.uri === uri);
        const summary = got.map((p) => `v${p.version}: [${p.diagnostics.map((d) => d.code).join(', ')}]`).join('; ');
        return `diagnostics for ${uri} matching the predicate; received ${got.length} publish(es): ${summary || 'none'}`;
      },
    );
  }

  /** Like `waitForDiagnostics`, but only publishes that arrive after this call count. */
  nextDiagnostics(
    uri: string,
    predicate: (p: PublishDiagnosticsParams) => boolean = () => true,
    timeoutMs = DEFAULT_TIMEOUT_MS,
  ): Promise<PublishDiagnosticsParams> {
    return this.waitForEvent<PublishDiagnosticsParams>('diagnostics', (p) => p.uri === uri && predicate(p), timeoutMs, () => {
      const got = this.diagnostics.filter((p) => p.uri === uri);
      return `a new diagnostics publish for ${uri}; received so far: ${got.map((p) => `v${p.version}(${p.diagnostics.length})`).join(', ') || 'none'}`;
    });
  }

  /** Resolves on the first `window/showMessage` (or showMessageRequest) matching `predicate`. */
  waitForMessage(predicate: (m: ShowMessageParams) => boolean, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<ShowMessageParams> {
    const seen = this.messages.find(predicate);
    if (seen) return Promise.resolve(seen);
    return this.waitForEvent('message', predicate, timeoutMs, () => `a window message; received: ${JSON.stringify(this.messages)}`);
  }

  private waitForEvent<T>(event: string, predicate: (v: T) => boolean, timeoutMs: number, what: () => string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const onEvent = (v: T) => {
        if (!predicate(v)) return;
        cleanup();
        resolve(v);
      };
      const onExit = (code: number | null) => {
        cleanup();
        reject(new Error(`server exited (code ${code}) while waiting for ${what()}\nstderr:\n${this.stderr}`));
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what()}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.events.off(event, onEvent);
        this.events.off('exit', onExit);
      };
      this.events.on(event, onEvent);
      this.events.on('exit', onExit);
    });
  }

  /** `p`, or a clear failure when the server exits first or `timeoutMs` passes (vscode-jsonrpc itself never rejects a request whose server died). */
  private withTimeout<T>(p: Promise<T>, what: string, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    let onExit: ((code: number | null) => void) | undefined;
    const guard = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}${this.alive ? '' : ' (server exited)'}\nstderr:\n${this.stderr}`)),
        timeoutMs,
      );
      onExit = (code) => reject(new Error(`server exited (code ${code}) while waiting for ${what}\nstderr:\n${this.stderr}`));
      this.events.once('exit', onExit);
    });
    return Promise.race([p, guard]).finally(() => {
      clearTimeout(timer);
      if (onExit) this.events.off('exit', onExit);
    });
  }

  /**
   * shutdown + exit, then waits for the process to leave (the protocol says it must; the test
   * runner's --test-timeout bounds a server that would not). Killed at once when it cannot be asked.
   */
  async stop(): Promise<void> {
    if (this.alive) {
      const exited = new Promise<void>((resolve) => this.events.once('exit', () => resolve()));
      try {
        await this.request('shutdown', null, 5000);
        await this.notify('exit', null);
      } catch {
        if (this.alive) this.proc.kill('SIGKILL'); // no answer, or no pipe: it will not leave on its own
      }
      if (this.alive) await exited;
    }
    this.connection.dispose();
  }
}
