/**
 * The language server: LSP wiring only. Every decision about a document is the
 * core's (`./core`); this file turns LSP requests into core calls and core
 * results into LSP answers (through `node/lspConvert.ts`).
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
 */
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CodeAction,
  CodeActionKind,
  DidChangeConfigurationNotification,
  ErrorCodes,
  ProposedFeatures,
  ResponseError,
  TextDocumentSyncKind,
  TextDocuments,
  createConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type CancellationToken,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
  type Position,
  type Range,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { readFileSync } from 'node:fs';
import { format } from 'node:util';
import { getHeapStatistics, setFlagsFromString as setV8Flags } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { guardInput } from './node/stdioGuard';
import {
  IncrementalParser,
  LineIndex,
  analyzeInSteps,
  bundledSchema,
  isPostmortem,
  relativePath,
  collectFixAll,
  completionsAt,
  documentSymbols,
  formatDocument,
  hoverAt,
  planMarkFinal,
  sanitizeSettings,
  type Analysis,
  type AnalyzeOptions,
  type CompiledSchema,
  type MarkFinalPlan,
  type Settings,
} from './core';
import { listEvidenceFiles } from './node/evidence';
import { nodeFileSystem } from './node/fs';
import {
  FIX_ALL_KIND,
  SOURCE,
  isDiagnosticData,
  kindWanted,
  quickFixes,
  toCompletionItem,
  toDiagnostic,
  toDocumentSymbol,
  toHover,
  toLspEdit,
  versionedEdit,
} from './node/lspConvert';
import { SchemaCache } from './node/schemaCache';
import { SERVER_COMMANDS } from '../../shared/src/protocol';
import { register as registerSummary } from './handlers/summary';

const { markFinal: COMMAND_MARK_FINAL, formatTimeline: COMMAND_FORMAT_TIMELINE, finalBlockers: COMMAND_FINAL_BLOCKERS } = SERVER_COMMANDS;

/** `docs/rules/` beside the bundle (`dist/server.js` → `docs/rules/`). */
const RULE_DOCS_DIR = path.join(__dirname, '..', 'docs', 'rules');

const connection = process.argv.includes('--stdio') ? guardedStdioConnection() : createConnection(ProposedFeatures.all);

/** Over stdio, malformed JSON-RPC gets an error answer and never costs the framing (node/stdioGuard.ts). */
function guardedStdioConnection(): ReturnType<typeof createConnection> {
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

let hasConfigurationCapability = false;
let hasDynamicConfigurationRegistration = false;
let hasApplyEdit = false;
let trusted = true;
let root: string | undefined;
/** Settings from initialization options (or pushed by didChangeConfiguration when the client cannot be asked). */
let fallbackSettings: Record<string, unknown> = {};

const settingsCache = new Map<string, Promise<Settings>>();
const analysisCache = new Map<string, { version: number; settings: Settings; schema: CompiledSchema | undefined; analysis: Analysis }>();
const pending = new Map<string, { gen: number; timer?: NodeJS.Timeout }>();
const parsers = new Map<string, IncrementalParser>();
/** The stepwise analysis running for a document version (see `analysisInSteps`). */
const inFlight = new Map<string, { version: number; settings: Settings; promise: Promise<Analysis | undefined> }>();
const warned = new Set<string>();
const loggedInternal = new Set<string>();

const schemas = new SchemaCache((message) => {
  log('error', `schema: ${message}`);
  connection.window.showErrorMessage(`Post-Mortem Assistant: ${message}. The bundled schema is used instead.`);
});

// ---------------------------------------------------------------- utilities

function log(level: 'error' | 'warn' | 'info', message: string): void {
  try {
    connection.console[level](message);
  } catch {
    // the connection may be gone; nothing else to do
  }
}

function describe(e: unknown): string {
  return e instanceof Error ? (e.stack ?? e.message) : String(e);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function invalidParams(message: string): ResponseError<void> {
  return new ResponseError(ErrorCodes.InvalidParams, message);
}

/** Wraps a request handler: an exception becomes an error response and a log line, never an exit. */
function guard<P, R>(name: string, fn: (params: P, token: CancellationToken) => R | Promise<R>) {
  return async (params: P, token: CancellationToken): Promise<R | ResponseError<void>> => {
    try {
      return await fn(params, token);
    } catch (e) {
      if (e instanceof ResponseError) return e as ResponseError<void>;
      log('error', `${name} failed: ${describe(e)}`);
      return new ResponseError(ErrorCodes.InternalError, `${name} failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
}

/** Wraps a notification handler: exceptions are logged. */
function guardNotification<P>(name: string, fn: (params: P) => void | Promise<void>) {
  return (params: P): void => {
    try {
      const r = fn(params);
      if (r) r.catch((e: unknown) => log('error', `${name} failed: ${describe(e)}`));
    } catch (e) {
      log('error', `${name} failed: ${describe(e)}`);
    }
  };
}

function filePathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

function ruleHref(code: string): string | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(code)) return undefined;
  return pathToFileURL(path.join(RULE_DOCS_DIR, `${code}.md`)).href;
}

function uriParam(params: unknown): string {
  const td = isRecord(params) ? params.textDocument : undefined;
  if (!isRecord(td) || typeof td.uri !== 'string') throw invalidParams('Expected params.textDocument.uri (a string)');
  return td.uri;
}

function openDocument(uri: string): TextDocument {
  const doc = documents.get(uri);
  if (!doc) throw invalidParams(`Document is not open: ${uri}`);
  return doc;
}

function positionParam(params: unknown): Position {
  const p = isRecord(params) ? params.position : undefined;
  if (!isRecord(p) || !Number.isInteger(p.line) || !Number.isInteger(p.character)) {
    throw invalidParams('Expected params.position {line, character} (integers)');
  }
  return { line: p.line as number, character: p.character as number };
}

// ----------------------------------------------------------------- settings

async function fetchSettings(uri: string): Promise<Settings> {
  let raw: Record<string, unknown> = { ...fallbackSettings };
  if (hasConfigurationCapability) {
    try {
      const r: unknown = await connection.workspace.getConfiguration({ scopeUri: uri, section: 'postmortem' });
      if (isRecord(r)) raw = { ...raw, ...r };
    } catch (e) {
      log('warn', `workspace/configuration failed, using defaults: ${describe(e)}`);
    }
  }
  if (!trusted) {
    // Untrusted workspace: a schema or pattern it provides is not used.
    delete raw.schema;
    delete raw.incidentIdPattern;
  }
  const problems: string[] = [];
  const settings = sanitizeSettings(raw, problems);
  for (const p of problems) {
    if (warned.has(p)) continue;
    warned.add(p);
    log('warn', `settings: ${p}`);
    connection.window.showWarningMessage(`Post-Mortem Assistant: ${p}`);
  }
  return settings;
}

function settingsFor(uri: string): Promise<Settings> {
  let p = settingsCache.get(uri);
  if (!p) {
    p = fetchSettings(uri);
    settingsCache.set(uri, p);
  }
  return p;
}

// ----------------------------------------------------------------- analysis

function analyzeOptions(doc: TextDocument, settings: Settings): AnalyzeOptions {
  const filePath = filePathOf(doc.uri);
  const base = root ?? (filePath !== undefined ? path.dirname(filePath) : process.cwd());
  const schema = settings.schema !== '' ? schemas.resolve(settings.schema, base) : undefined;
  const opts: AnalyzeOptions = { settings, fs: nodeFileSystem };
  if (filePath !== undefined) opts.filePath = filePath;
  if (root !== undefined) opts.root = root;
  if (schema !== undefined) opts.schema = schema;
  return opts;
}

function looksLikeMarkdown(doc: TextDocument): boolean {
  return doc.languageId === 'markdown' || /\.(md|markdown)$/i.test(doc.uri);
}

/** One incremental parser per open document: only changed chunks are parsed again. */
function parserFor(uri: string): IncrementalParser {
  let p = parsers.get(uri);
  if (!p) {
    p = new IncrementalParser();
    parsers.set(uri, p);
  }
  return p;
}

function cachedAnalysis(doc: TextDocument, settings: Settings, schema: CompiledSchema | undefined): Analysis | undefined {
  const hit = analysisCache.get(doc.uri);
  return hit && hit.version === doc.version && hit.settings === settings && hit.schema === schema ? hit.analysis : undefined;
}

function remember(doc: TextDocument, settings: Settings, opts: AnalyzeOptions, analysis: Analysis): Analysis {
  analysisCache.set(doc.uri, { version: doc.version, settings, schema: opts.schema, analysis });
  for (const e of analysis.internalErrors ?? []) {
    // A rule that throws is isolated by the core; log each distinct failure once, not on every keystroke.
    if (loggedInternal.has(e)) continue;
    if (loggedInternal.size < 200) loggedInternal.add(e);
    log('error', `internal error while checking ${doc.uri}: ${e}`);
  }
  return analysis;
}

/**
 * The analysis of the document's current version (cached per version, settings and schema): a
 * post-mortem is parsed in steps that yield to the event loop, and the run gives up (undefined)
 * as soon as `stale()` says the result is not wanted.
 */
async function analysisInSteps(doc: TextDocument, settings: Settings, stale: () => boolean): Promise<Analysis | undefined> {
  if (!looksLikeMarkdown(doc)) return undefined;
  const opts = analyzeOptions(doc, settings);
  const hit = cachedAnalysis(doc, settings, opts.schema);
  if (hit) return hit;
  const running = inFlight.get(doc.uri);
  if (running && running.version === doc.version && running.settings === settings) {
    // The same version is being analysed (by a validation or a request): share that run, unless
    // its owner gave it up while this caller still wants the result.
    const shared = await running.promise.catch(() => undefined);
    if (shared !== undefined || stale()) return shared;
    return analysisInSteps(doc, settings, stale);
  }
  const run = analyzeInSteps(doc.getText(), opts, parserFor(doc.uri), stale).then((a) => (a && !stale() ? remember(doc, settings, opts, a) : undefined));
  // Requests for this version (hover, completion…) join this run instead of analysing the same text again.
  const entry = { version: doc.version, settings, promise: run };
  inFlight.set(doc.uri, entry);
  try {
    return await run;
  } finally {
    if (inFlight.get(doc.uri) === entry) inFlight.delete(doc.uri);
  }
}

/**
 * How long hover and completion wait for a validation of the same version that is under way
 * (the first parse of a multi-megabyte document takes seconds); after that they answer empty.
 */
const ASSIST_PATIENCE_MS = 750;

/**
 * Current document, settings and analysis (undefined analysis = not a post-mortem or disabled).
 * Joins a validation of the same version that is under way (it yields between chunks) or starts
 * one that yields too, so a request never parses a large document in one blocking step. With
 * `patienceMs`, that analysis is waited for that long at most (then: undefined).
 */
async function current(
  uri: string,
  patienceMs?: number,
): Promise<{ doc: TextDocument; settings: Settings; analysis: Analysis | undefined; schema: CompiledSchema | undefined }> {
  openDocument(uri);
  const settings = await settingsFor(uri);
  const doc = openDocument(uri); // may have changed (or closed) while settings were fetched
  if (!settings.enable) return { doc, settings, analysis: undefined, schema: undefined };
  const result = analysisInSteps(doc, settings, () => documents.get(uri)?.version !== doc.version).catch(() => undefined);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const analysis =
    patienceMs === undefined
      ? await result
      : await Promise.race([result, new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), patienceMs)))]);
  if (timer) clearTimeout(timer);
  if (analysis === 'late') return { doc, settings, analysis: undefined, schema: undefined };
  if (documents.get(uri)?.version !== doc.version) return current(uri, patienceMs); // edited meanwhile
  return { doc, settings, analysis: analysis?.isPostmortem ? analysis : undefined, schema: analysisCache.get(uri)?.schema };
}

function cancelPending(uri: string): void {
  const entry = pending.get(uri);
  if (entry) {
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = undefined;
    entry.gen++;
  }
}

/** Validates after `validation.delayMs`; a newer version (or a close) cancels older pending work. */
function scheduleValidation(doc: TextDocument): void {
  const uri = doc.uri;
  const version = doc.version;
  const entry = pending.get(uri) ?? { gen: 0 };
  if (entry.timer) clearTimeout(entry.timer);
  entry.timer = undefined;
  const gen = ++entry.gen;
  pending.set(uri, entry);
  const stale = () => pending.get(uri)?.gen !== gen || documents.get(uri)?.version !== version;
  const run = () => {
    validate(uri, version, stale).catch((e: unknown) => log('error', `validation of ${uri} failed: ${describe(e)}`));
  };
  settingsFor(uri)
    .then((settings) => {
      if (stale()) return;
      const delay = settings.validation.delayMs;
      if (delay <= 0) run();
      else entry.timer = setTimeout(run, delay);
    })
    .catch((e: unknown) => log('error', `validation of ${uri} failed: ${describe(e)}`));
}

async function validate(uri: string, version: number, stale: () => boolean): Promise<void> {
  if (stale()) return;
  const settings = await settingsFor(uri);
  const doc = documents.get(uri);
  if (!doc || stale()) return; // a newer version has its own run
  let diagnostics: Diagnostic[] = [];
  if (settings.enable) {
    const analysis = await analysisInSteps(doc, settings, stale);
    if (stale()) return;
    if (analysis?.isPostmortem) {
      diagnostics = analysis.findings.map((f) => toDiagnostic(f, analysis.lines, uri, version, ruleHref));
    }
  }
  if (stale()) return;
  await connection.sendDiagnostics({ uri, version, diagnostics });
  if (doc.getText().length >= COLLECT_AFTER_CHARS) collectSoon();
}

/**
 * After the diagnostics of a large document, a full garbage collection when the heap holds much
 * more than was alive after the last one: V8 otherwise lets it grow to about twice what is alive
 * (a 5 MB document: ~630 MB peak for ~300 MB live), since every edit of a huge text leaves its old
 * string, parse and analysis behind. Rare by design (one collection per 64 MB of garbage), run
 * once the event loop is free. Without `gc` (flags refused), nothing happens.
 */
const COLLECT_AFTER_CHARS = 1_000_000;
const GARBAGE_BYTES = 64 * 1024 * 1024;
let liveAfterGc = 0;
let gcTimer: ReturnType<typeof setTimeout> | undefined;
const fullGc: (() => void) | undefined = (() => {
  try {
    setV8Flags('--expose-gc');
    return runInNewContext('gc') as () => void;
  } catch {
    return undefined;
  }
})();
function collectSoon(): void {
  if (!fullGc || gcTimer) return;
  if (getHeapStatistics().used_heap_size < liveAfterGc + GARBAGE_BYTES) return;
  gcTimer = setTimeout(() => {
    gcTimer = undefined;
    fullGc();
    liveAfterGc = getHeapStatistics().used_heap_size;
  }, 0);
}

function revalidateAll(): void {
  settingsCache.clear();
  analysisCache.clear();
  for (const doc of documents.all()) scheduleValidation(doc);
}

// ---------------------------------------------------------- initialization

connection.onInitialize((params: InitializeParams): InitializeResult => {
  const caps = params.capabilities;
  hasConfigurationCapability = caps.workspace?.configuration === true;
  hasDynamicConfigurationRegistration = caps.workspace?.didChangeConfiguration?.dynamicRegistration === true;
  hasApplyEdit = caps.workspace?.applyEdit === true;

  const init: unknown = params.initializationOptions;
  if (isRecord(init)) {
    if (init.trusted === false) trusted = false;
    if (isRecord(init.postmortem)) fallbackSettings = { ...init.postmortem };
  }
  const rootUri = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
  root = rootUri ? filePathOf(rootUri) : undefined;
  if (root === undefined && typeof params.rootPath === 'string' && params.rootPath !== '') root = params.rootPath;
  if (root !== undefined) root = path.resolve(root);

  const advertiseCommands = !(isRecord(init) && init.advertiseCommands === false);
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      codeActionProvider: {
        codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.SourceFixAll, FIX_ALL_KIND],
      },
      hoverProvider: true,
      completionProvider: { triggerCharacters: ['/'], resolveProvider: false },
      documentSymbolProvider: true,
      documentFormattingProvider: true,
      ...(advertiseCommands
        ? { executeCommandProvider: { commands: [COMMAND_MARK_FINAL, COMMAND_FINAL_BLOCKERS, COMMAND_FORMAT_TIMELINE] } }
        : {}),
    },
    serverInfo: { name: 'postmortem-language-server' },
  };
});

connection.onInitialized(() => {
  if (hasConfigurationCapability && hasDynamicConfigurationRegistration) {
    connection.client
      .register(DidChangeConfigurationNotification.type, { section: 'postmortem' })
      .then(undefined, (e: unknown) => log('warn', `could not register for configuration changes: ${describe(e)}`));
  }
  log('info', `postmortem server ready (root: ${root ?? 'none'}, trusted: ${trusted})`);
});

connection.onDidChangeConfiguration(
  guardNotification('didChangeConfiguration', (params) => {
    const settings: unknown = isRecord(params) ? params.settings : undefined;
    if (!hasConfigurationCapability && isRecord(settings) && isRecord(settings.postmortem)) {
      fallbackSettings = { ...settings.postmortem };
    }
    revalidateAll();
  }),
);

// ---------------------------------------------------------------- documents

documents.onDidChangeContent((e) => {
  try {
    scheduleValidation(e.document);
  } catch (err) {
    log('error', `didChange failed: ${describe(err)}`);
  }
});

documents.onDidClose((e) => {
  try {
    const uri = e.document.uri;
    cancelPending(uri);
    pending.delete(uri);
    settingsCache.delete(uri);
    analysisCache.delete(uri);
    parsers.delete(uri);
    inFlight.delete(uri);
    void connection.sendDiagnostics({ uri, diagnostics: [] }).then(undefined, () => undefined);
  } catch (err) {
    log('error', `didClose failed: ${describe(err)}`);
  }
});

// ------------------------------------------------------------ code actions

connection.onCodeAction(
  guard('textDocument/codeAction', async (params: unknown) => {
    const uri = uriParam(params);
    const doc = openDocument(uri);
    const context = isRecord(params) ? params.context : undefined;
    if (!isRecord(context) || !Array.isArray(context.diagnostics)) {
      throw invalidParams('Expected params.context.diagnostics (an array)');
    }
    const only = Array.isArray(context.only) ? context.only.filter((k): k is string => typeof k === 'string') : undefined;
    const version = doc.version;
    let ours = (context.diagnostics as unknown[]).filter(
      (d): d is Diagnostic => isRecord(d) && d.source === SOURCE && isDiagnosticData(d.data) && d.data.uri === uri,
    );
    const actions: CodeAction[] = [];
    const wantQuickFix = kindWanted(only, CodeActionKind.QuickFix);
    if (wantQuickFix && ours.length === 0 && isRecord(params) && isRecord(params.range)) {
      // A client that sends no diagnostics, or strips their `data`: the fixes of the current
      // findings that touch the requested range.
      ours = await findingsInRange(uri, params.range as unknown as Range);
    }
    if (wantQuickFix) for (const d of ours) actions.push(...quickFixes(d, uri, version));

    // "Fix all PMnnn": offered when a diagnostic in the request (current version) has a safe fix.
    const fixAllCodes = new Set<string>();
    if (wantQuickFix) {
      for (const d of ours) {
        const data = d.data as { version: number; fixes: { safe: boolean }[] };
        if (data.version === version && data.fixes.some((f) => f.safe) && typeof d.code === 'string') fixAllCodes.add(d.code);
      }
    }
    // source.fixAll only when asked for explicitly (on save, or a Source Action menu).
    const wantSourceFixAll = only !== undefined && only.length > 0 && kindWanted(only, FIX_ALL_KIND);
    if (fixAllCodes.size === 0 && !wantSourceFixAll) return actions;

    const { doc: now, analysis } = await current(uri);
    if (!analysis || now.version !== version) return actions;
    for (const code of fixAllCodes) {
      const same = analysis.findings.filter((f) => f.code === code && f.fixes?.some((x) => x.safe));
      if (same.length < 2) continue;
      const edits = collectFixAll(same);
      if (edits.length === 0) continue;
      const action = CodeAction.create(
        `Fix all ${code} in this document`,
        versionedEdit(uri, version, edits.map((e) => toLspEdit(analysis.lines, e))),
        CodeActionKind.QuickFix,
      );
      action.diagnostics = ours.filter((d) => d.code === code);
      actions.push(action);
    }
    if (wantSourceFixAll) {
      const edits = collectFixAll(analysis.findings);
      if (edits.length > 0) {
        actions.push(
          CodeAction.create(
            'Fix all auto-fixable post-mortem problems',
            versionedEdit(uri, version, edits.map((e) => toLspEdit(analysis.lines, e))),
            FIX_ALL_KIND,
          ),
        );
      }
    }
    return actions;
  }),
);

// ------------------------------------------------------- hover, completion

connection.onHover(
  guard('textDocument/hover', async (params: unknown) => {
    const uri = uriParam(params);
    const pos = positionParam(params);
    const { analysis, schema } = await current(uri, ASSIST_PATIENCE_MS);
    if (!analysis) return null;
    const h = hoverAt(analysis, analysis.lines.offsetAt(pos), schema ?? bundledSchema());
    return h ? toHover(analysis.lines, h) : null;
  }),
);

connection.onCompletion(
  guard('textDocument/completion', async (params: unknown) => {
    const uri = uriParam(params);
    const pos = positionParam(params);
    const { settings, analysis, schema } = await current(uri, ASSIST_PATIENCE_MS);
    if (!analysis) return [];
    const evidence = () => listEvidenceFiles(root, settings.evidenceRoot);
    const entries = completionsAt(analysis, analysis.lines.offsetAt(pos), settings, evidence, schema ?? bundledSchema());
    return entries.map((c, i) => toCompletionItem(analysis.lines, c, i));
  }),
);

connection.onDocumentSymbol(
  guard('textDocument/documentSymbol', async (params: unknown) => {
    const uri = uriParam(params);
    const { analysis } = await current(uri);
    if (!analysis) return [];
    return documentSymbols(analysis).map((s) => toDocumentSymbol(analysis.lines, s));
  }),
);

connection.onDocumentFormatting(
  guard('textDocument/formatting', async (params: unknown) => {
    const uri = uriParam(params);
    const { settings, analysis } = await current(uri);
    if (!analysis) return [];
    return formatDocument(analysis.text, { scope: 'timeline', sortByTime: settings.timeline.sortOnFormat }).map((e) => toLspEdit(analysis.lines, e));
  }),
);

// ---------------------------------------------------------------- commands

type CommandResult =
  | { applied: true; changed?: boolean }
  | { applied: false; reason?: string; blockers?: Diagnostic[] };

function uriArgument(command: string, args: unknown[] | undefined, usage: string): string {
  const uri = args?.[0];
  if (typeof uri !== 'string' || uri === '') throw invalidParams(`${command} expects arguments ${usage}`);
  return uri;
}

/** The current version's fixable findings that touch `range`, as diagnostics carrying their fixes. */
async function findingsInRange(uri: string, range: Range): Promise<Diagnostic[]> {
  const { doc, analysis } = await current(uri);
  if (!analysis || !isRecord(range.start) || !isRecord(range.end)) return [];
  const lines = analysis.lines;
  const from = lines.offsetAt(range.start);
  const to = lines.offsetAt(range.end);
  return analysis.findings
    .filter((f) => f.fixes && f.fixes.length > 0 && f.start <= Math.max(from, to) && f.end >= Math.min(from, to))
    .map((f) => toDiagnostic(f, lines, uri, doc.version, ruleHref));
}

/** `version` null: a document the client has not opened. */
async function applyVersioned(label: string, uri: string, version: number | null, edits: ReturnType<typeof toLspEdit>[]): Promise<CommandResult> {
  // Asked even when the client did not announce workspace.applyEdit: many small clients answer it
  // anyway. A client that cannot answers with an error, which becomes the reason.
  let r: { applied: boolean; failureReason?: string };
  try {
    r = await connection.workspace.applyEdit({ label, edit: versionedEdit(uri, version, edits) });
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return { applied: false, reason: `the client could not apply the edit (workspace/applyEdit: ${why})${hasApplyEdit ? '' : '; it does not announce workspace.applyEdit'}` };
  }
  return r?.applied ? { applied: true, changed: true } : { applied: false, reason: r?.failureReason ?? 'the client did not apply the edit' };
}

/** Why a command does nothing to a document the server does not check. */
function notChecked(settings: Settings): string {
  return settings.enable ? 'not a post-mortem' : 'postmortem.enable is false';
}

/**
 * Mark Final's plan for `doc`. An open document's text goes through its incremental parser,
 * which holds every chunk of that text already: no second full parse.
 */
function markFinalPlan(doc: TextDocument, settings: Settings, open: boolean): MarkFinalPlan {
  const opts = analyzeOptions(doc, settings);
  if (open) {
    const parser = parserFor(doc.uri);
    opts.parse = (t) => parser.parse(t);
  }
  return planMarkFinal(doc.getText(), opts);
}

/** A document the client has not opened, read from disk (version 0). */
function closedDocument(uri: string): TextDocument {
  const filePath = filePathOf(uri);
  if (filePath === undefined) throw invalidParams(`Document is not open and not a file: ${uri}`);
  try {
    return TextDocument.create(uri, 'markdown', 0, readFileSync(filePath, 'utf8'));
  } catch (e) {
    throw invalidParams(`Document is not open and cannot be read: ${(e as Error).message}`);
  }
}

/**
 * Mark Final. A document the client has not opened is read from disk and edited through the
 * client with an unversioned edit; the server never writes files itself.
 */
async function markFinal(args: unknown[] | undefined): Promise<CommandResult> {
  const uri = uriArgument(COMMAND_MARK_FINAL, args, '[uri]');
  const open = documents.get(uri) !== undefined;
  let doc: TextDocument;
  let settings: Settings;
  let lines: LineIndex;
  if (open) {
    const c = await current(uri);
    if (!c.analysis) return { applied: false, reason: notChecked(c.settings) };
    ({ doc, settings } = c);
    lines = c.analysis.lines;
  } else {
    doc = closedDocument(uri);
    settings = await settingsFor(uri);
    if (!settings.enable || !isPostmortem(doc.getText(), relativePath(filePathOf(uri), root), settings)) {
      return { applied: false, reason: notChecked(settings) };
    }
    lines = new LineIndex(doc.getText());
  }
  const plan = markFinalPlan(doc, settings, open);
  if (!plan.ok) return { applied: false, blockers: plan.blockers.map((f) => toDiagnostic(f, lines, uri, doc.version, ruleHref)) };
  const r = await applyVersioned('Mark Final', uri, open ? doc.version : null, [toLspEdit(lines, plan.edit)]);
  return r.applied ? { applied: true } : r;
}

/** Read-only: what would block Mark Final now (`{blockers: []}` when nothing would). */
async function finalBlockers(args: unknown[] | undefined): Promise<{ blockers: Diagnostic[]; reason?: string }> {
  const uri = uriArgument(COMMAND_FINAL_BLOCKERS, args, '[uri]');
  const { doc, settings, analysis } = await current(uri);
  if (!analysis) return { blockers: [], reason: notChecked(settings) };
  const plan = markFinalPlan(doc, settings, true);
  return { blockers: plan.ok ? [] : plan.blockers.map((f) => toDiagnostic(f, analysis.lines, uri, doc.version, ruleHref)) };
}

async function formatTimeline(args: unknown[] | undefined): Promise<CommandResult> {
  const uri = uriArgument(COMMAND_FORMAT_TIMELINE, args, '[uri, {sortByTime?: boolean}]');
  const options: unknown = args?.[1];
  if (options !== undefined && options !== null && !isRecord(options)) {
    throw invalidParams(`${COMMAND_FORMAT_TIMELINE}: the second argument must be an object {sortByTime?: boolean}`);
  }
  const sortArg = isRecord(options) ? options.sortByTime : undefined;
  if (sortArg !== undefined && typeof sortArg !== 'boolean') {
    throw invalidParams(`${COMMAND_FORMAT_TIMELINE}: sortByTime must be a boolean`);
  }
  const { doc, settings, analysis } = await current(uri);
  if (!analysis) return { applied: false, reason: notChecked(settings) };
  const edits = formatDocument(analysis.text, { scope: 'timeline', sortByTime: sortArg ?? settings.timeline.sortOnFormat });
  if (edits.length === 0) return { applied: true, changed: false };
  return applyVersioned('Format timeline', uri, doc.version, edits.map((e) => toLspEdit(analysis.lines, e)));
}

connection.onExecuteCommand(
  guard('workspace/executeCommand', async (params: unknown) => {
    if (!isRecord(params) || typeof params.command !== 'string') throw invalidParams('Expected params.command (a string)');
    const args = params.arguments;
    if (args !== undefined && !Array.isArray(args)) throw invalidParams('Expected params.arguments to be an array');
    switch (params.command) {
      case COMMAND_MARK_FINAL:
        return markFinal(args);
      case COMMAND_FINAL_BLOCKERS:
        return finalBlockers(args);
      case COMMAND_FORMAT_TIMELINE:
        return formatTimeline(args);
      default:
        throw invalidParams(`Unknown command: ${params.command}`);
    }
  }),
);

registerSummary(connection, { documents, current, settingsFor, closedDocument, analyzeOptions, markFinalPlan });

// ------------------------------------------------------------------- start

process.on('uncaughtException', (e) => log('error', `uncaught exception: ${describe(e)}`));
process.on('unhandledRejection', (e) => log('error', `unhandled rejection: ${describe(e)}`));

documents.listen(connection);
connection.listen();
