/**
 * What the handler modules share: the connection and its open documents, the workspace (root,
 * trust, what the client can do), settings, schemas and the per-document sessions. Created once
 * by `server.ts`; handler modules get it in `register`.
 */
import type { CancellationToken, ClientCapabilities, Connection, InitializeParams, ResponseError, ServerCapabilities, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, chunkedParse, relativePath, type Analysis, type AnalyzeOptions, type Settings } from './core';
import { describe, guard, guardNotification, invalidParams } from './handlers/guard';
import type { SchemaSource, ServerHost, TemplateSource } from './host';
import { ruleUrl } from './node/ruleDocs';
import { Sessions, type Current, type SessionHost } from './session';
import { SettingsSource } from './settings';

/** A module of LSP handlers (`handlers/*.ts`), registered by one line in `start.ts` (HANDLERS). */
export interface HandlerModule {
  /** What the module adds to the `initialize` result's capabilities. */
  capabilities?(params: InitializeParams): ServerCapabilities;
  /** Registers the module's handlers; called once, before the connection listens. */
  register(server: ServerContext): void;
  /** After `initialized`: dynamic registrations, workspace notifications. */
  initialized?(server: ServerContext): void;
}

/** What a handler module watches in the workspace (handlers/workspace.ts calls it). */
export interface WorkspaceWatcher {
  /** Settings, an rc file or the workspace folders changed: everything is checked again. */
  recheckAll?(): void;
  /** Watched files changed (`workspace/didChangeWatchedFiles`; type 1 created, 2 changed, 3 deleted). */
  filesChanged?(changes: readonly { uri: string; type: number }[]): void;
}

export class ServerContext {
  readonly settings: SettingsSource;
  readonly sessions: Sessions;
  readonly schemas: SchemaSource;
  readonly templates: TemplateSource;
  /** Added by handler modules at registration: told when the workspace changes. */
  readonly workspaceWatchers: WorkspaceWatcher[] = [];
  /** Workspace root (absolute), from `initialize`: the first workspace folder. */
  root: string | undefined;
  /** Every workspace folder (absolute); a document is checked against the one it is in. */
  folders: string[] = [];
  /** The workspace folders' URIs, as the client named them. */
  folderUris: string[] = [];
  /** The client announced `workspace.applyEdit`. */
  hasApplyEdit = false;
  /** What the client announced in `initialize`. */
  clientCapabilities: ClientCapabilities = {};
  private readonly loggedInternal = new Set<string>();
  /** Validations between their start and their published diagnostics (`publishing`). */
  private publishes = 0;

  constructor(
    readonly connection: Connection,
    readonly documents: TextDocuments<TextDocument>,
    /** Files and paths: node/host.ts on desktop, browser/host.ts on the web. */
    readonly host: ServerHost,
  ) {
    this.settings = new SettingsSource(connection, this.log, host.createRcReader.bind(host), (uri) => {
      const file = this.filePathOf(uri);
      const folder = this.rootFor(uri);
      return { ...(file !== undefined ? { file } : {}), ...(folder !== undefined ? { folder } : {}) };
    });
    this.schemas = host.createSchemas((message) => {
      this.log('error', `schema: ${message}`);
      void connection.window.showErrorMessage(`Post-Mortem Assistant: ${message}. The bundled schema is used instead.`);
    });
    this.templates = host.createTemplates((message) => {
      this.log('error', `template: ${message}`);
      void connection.window.showErrorMessage(`Post-Mortem Assistant: ${message}.`);
    });
    const sessionHost: SessionHost = {
      document: (uri) => this.documents.get(uri),
      fetchSettings: (uri) => this.settings.fetch(uri),
      analyzeOptions: (doc, settings) => this.analyzeOptions(doc, settings),
      ...(host.prepare ? { prepare: (doc: TextDocument, settings: Settings) => host.prepare!(doc, settings, this.baseFor(doc)) } : {}),
      ...(host.settle ? { settle: host.settle.bind(host) } : {}),
      analyzed: (uri, analysis) => this.logInternalErrors(uri, analysis),
      failed: (uri, e) => this.log('error', `validation of ${uri} failed: ${describe(e)}`),
    };
    this.sessions = new Sessions(sessionHost);
  }

  /** From `initialize`: root, what the client can do, trust and initial settings. */
  initialize(params: InitializeParams): void {
    const caps = params.capabilities;
    this.hasApplyEdit = caps.workspace?.applyEdit === true;
    this.clientCapabilities = caps ?? {};
    this.settings.initialize(caps.workspace?.configuration === true, params.initializationOptions);
    const rootUri = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
    let root = rootUri ? this.filePathOf(rootUri) : undefined;
    if (root === undefined && typeof params.rootPath === 'string' && params.rootPath !== '') root = params.rootPath;
    this.root = root !== undefined ? this.host.path.resolve(root) : undefined;
    this.setFolders((params.workspaceFolders ?? []).map((f) => f.uri));
  }

  /** The workspace folders now (from `initialize` or `workspace/didChangeWorkspaceFolders`). */
  setFolders(uris: readonly string[]): void {
    this.folderUris = [...uris];
    this.host.setFolders?.(uris);
    this.folders = uris.map((u) => this.filePathOf(u)).filter((p): p is string => p !== undefined).map((p) => this.host.path.resolve(p));
    if (this.folders.length === 0 && this.root !== undefined) this.folders = [this.root];
  }

  /**
   * The workspace folder a document belongs to: the innermost folder holding its file, else the
   * first folder (an untitled or out-of-workspace document), else none.
   */
  rootFor(uri: string): string | undefined {
    const file = this.filePathOf(uri);
    const path = this.host.path;
    let best: string | undefined;
    if (file !== undefined) {
      for (const f of this.folders) {
        const rel = path.relative(f, file);
        if (rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel) && (best === undefined || f.length > best.length)) best = f;
      }
    }
    return best ?? this.root;
  }

  readonly log = (level: 'error' | 'warn' | 'info', message: string): void => {
    try {
      this.connection.console[level](message);
    } catch {
      // the connection may be gone; nothing else to do
    }
  };

  /**
   * Wraps a request handler: an exception becomes an error response and a log line, never an exit.
   * After the answer, the host may collect garbage (a request on a huge document can leave tens of MB).
   */
  guard<P, R>(name: string, fn: (params: P, token: CancellationToken) => R | Promise<R>): (params: P, token: CancellationToken) => Promise<R | ResponseError<void>> {
    const guarded = guard(this.log, name, fn);
    return (params, token) => guarded(params, token).finally(() => this.afterWork());
  }

  /**
   * Runs a validation from its start to its published diagnostics. Meanwhile no garbage is
   * collected after a request: a hover that joined a document's first analysis is answered just
   * before its diagnostics are written, and a full collection there (20–70 ms) would delay them.
   * The validation's end collects instead.
   */
  async publishing(job: () => Promise<void>): Promise<void> {
    this.publishes++;
    try {
      await job();
    } finally {
      this.publishes--;
      this.afterWork();
    }
  }

  /** Work is done: the host may collect garbage, unless diagnostics are on their way (`publishing`). */
  private afterWork(): void {
    if (this.publishes === 0) this.host.afterWork();
  }

  /** Wraps a notification handler: exceptions are logged. */
  guardNotification<P>(name: string, fn: (params: P) => void | Promise<void>): (params: P) => void {
    return guardNotification(this.log, name, fn);
  }

  openDocument(uri: string): TextDocument {
    const doc = this.documents.get(uri);
    if (!doc) throw invalidParams(`Document is not open: ${uri}`);
    return doc;
  }

  /**
   * For a request on the open document `uri`: its current version, settings and analysis
   * (undefined analysis = not a post-mortem or disabled; see `DocumentSession.current`).
   */
  async current(uri: string, patienceMs?: number): Promise<Current> {
    this.openDocument(uri);
    const c = await this.sessions.get(uri).current(patienceMs);
    if (!c) throw invalidParams(`Document is not open: ${uri}`);
    return c;
  }

  /** The host path of a document URI (host.ts). */
  filePathOf(uri: string): string | undefined {
    return this.host.filePathOf(uri);
  }

  /** Where a document's relative settings (schema, templates) resolve: its workspace folder, else its folder. */
  baseFor(doc: TextDocument): string {
    const filePath = this.filePathOf(doc.uri);
    return this.rootFor(doc.uri) ?? (filePath !== undefined ? this.host.path.dirname(filePath) : this.host.cwd());
  }

  analyzeOptions(doc: TextDocument, settings: Settings): AnalyzeOptions {
    const filePath = this.filePathOf(doc.uri);
    const root = this.rootFor(doc.uri);
    const base = this.baseFor(doc);
    const schema = settings.schema !== '' ? this.schemas.resolve(settings.schema, base) : undefined;
    const opts: AnalyzeOptions = { settings, fs: this.host.fs };
    if (filePath !== undefined) opts.filePath = filePath;
    if (root !== undefined) opts.root = root;
    if (schema !== undefined) opts.schema = schema;
    const template = this.templates.templateFor(doc.getText(), relativePath(filePath, root), settings, base);
    if (template) opts.template = template;
    return opts;
  }

  /**
   * Whether `uri` is one of the team templates configured for it: a template is not an incident
   * (its title matches itself), so `postmortem/summary` does not call it a post-mortem.
   */
  isTemplateFile(uri: string, settings: Settings): boolean {
    const file = this.filePathOf(uri);
    if (file === undefined || settings.templates.length === 0) return false;
    const p = this.host.path;
    const base = this.rootFor(uri) ?? p.dirname(file);
    return settings.templates.some((t) => p.resolve(base, t.trim()) === p.resolve(file));
  }

  /**
   * `analyze` for a document outside the sessions (a closed file): on the web, with what
   * it asks the file system fetched first (host.ts `settle`); on desktop, one `analyze`.
   */
  async analyzeSettled(doc: TextDocument, settings: Settings, extra: Partial<AnalyzeOptions> = {}): Promise<Analysis> {
    await this.host.prepare?.(doc, settings, this.baseFor(doc));
    // In chunks, kept: the analysis after `settle` parses nothing again.
    const opts = { parse: chunkedParse(), ...this.analyzeOptions(doc, settings), ...extra };
    const a = analyze(doc.getText(), opts);
    if (this.host.settle && (await this.host.settle(a, opts))) return analyze(doc.getText(), opts);
    return a;
  }

  /** The rule's rendered page (node/ruleDocs.ts), as the CLI's SARIF links it. */
  readonly ruleHref = (code: string): string | undefined => ruleUrl(code);

  private logInternalErrors(uri: string, analysis: Analysis): void {
    for (const e of analysis.internalErrors ?? []) {
      // A rule that throws is isolated by the core; log each distinct failure once, not on every keystroke.
      if (this.loggedInternal.has(e)) continue;
      if (this.loggedInternal.size < 200) this.loggedInternal.add(e);
      this.log('error', `internal error while checking ${uri}: ${e}`);
    }
  }
}
