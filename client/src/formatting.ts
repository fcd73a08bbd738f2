/**
 * Format Document for post-mortems only. VS Code picks a formatter among the providers whose
 * document selector matches the document (`editor.defaultFormatter` decides between several;
 * with one, it is used). A provider registered for all Markdown would become the formatter of
 * every README, or force the "multiple formatters" prompt beside Prettier. A selector cannot say
 * "first heading is Incident Post-Mortem", so this provider's selector names the open
 * post-mortems one by one (language, scheme and exact path) and is registered again when that set
 * changes. Which documents are post-mortems: the core's line scan (postmortems.ts), and for a
 * document it rejects, the running server's word (`postmortem/summary`), which also knows team
 * templates and the rc file's `files` globs. The server is started with `documentFormatting: false` (no all-Markdown registration
 * by vscode-languageclient) and still answers `textDocument/formatting`, with `null` for anything
 * that is not a post-mortem.
 */
import * as vscode from 'vscode';
import { DocumentFormattingRequest, type FileFormattingOptions } from 'vscode-languageclient';
import { CONFIG_SECTION } from '../../shared/src/settings';
import type { PostmortemClient } from './languageClient';
import { detectPostmortem, isPostmortemDocument, onDidChangePostmortemState } from './postmortems';
import { HEADING_SCAN_CHARS } from './pure/detect';

/** How long after an edit the server is asked whether a document the line scan rejects is a post-mortem. */
const ASK_DELAY_MS = 300;

export class PostmortemFormatter implements vscode.DocumentFormattingEditProvider, vscode.Disposable {
  /** The open post-mortems, by `uri.toString()`. */
  private readonly documents = new Map<string, vscode.Uri>();
  private readonly asking = new Map<string, ReturnType<typeof setTimeout>>();
  private registration: vscode.Disposable | undefined;
  private registeredKey = '';
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when the set of documents the provider is registered for changes (tests wait for it). */
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly client: PostmortemClient) {
    this.disposables = [
      this.changed,
      vscode.workspace.onDidOpenTextDocument((d) => this.track(d, 0)),
      vscode.workspace.onDidCloseTextDocument((d) => this.forget(d)),
      // A document becomes (or stops being) a post-mortem with its first heading, which the test
      // looks for in the first 20,000 characters: edits after those change nothing.
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.some((c) => c.rangeOffset <= HEADING_SCAN_CHARS)) this.track(e.document, ASK_DELAY_MS);
      }),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration(CONFIG_SECTION) && this.trackAll()),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.trackAll()),
      // The server's settings (rc files, templates) may differ after a (re)start: ask again.
      client.onDidStart(() => this.trackAll()),
      // The one detector (postmortems.ts) heard from the server about a document: follow it.
      onDidChangePostmortemState((uri) => {
        const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
        if (doc) this.set(doc.uri, isPostmortemDocument(doc));
      }),
    ];
    this.trackAll();
  }

  /** True when Format Document on `uri` is this extension's (an open post-mortem). */
  has(uri: vscode.Uri): boolean {
    return this.documents.has(uri.toString());
  }

  /** The selector the provider is registered with now (empty: not registered). */
  get selector(): vscode.DocumentFilter[] {
    return [...this.documents.values()].map((uri) => ({ language: 'markdown', scheme: uri.scheme, pattern: uri.fsPath }));
  }

  private trackAll(): void {
    const open = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
    for (const key of [...this.documents.keys()]) if (!open.has(key)) this.documents.delete(key);
    for (const d of vscode.workspace.textDocuments) this.track(d, 0);
    this.register();
  }

  private track(doc: vscode.TextDocument, askDelay: number): void {
    const key = doc.uri.toString();
    if (doc.languageId !== 'markdown' || (doc.uri.scheme !== 'file' && doc.uri.scheme !== 'untitled')) {
      if (this.documents.delete(key)) this.register();
      return;
    }
    const local = isPostmortemDocument(doc);
    if (!local) this.askServer(doc, askDelay);
    this.set(doc.uri, local);
  }

  private set(uri: vscode.Uri, is: boolean): void {
    const key = uri.toString();
    if (this.documents.has(key) === is) return;
    if (is) this.documents.set(key, uri);
    else this.documents.delete(key);
    this.register();
  }

  /** Asks the running server whether `doc` is a post-mortem (the one detector, postmortems.ts); never starts it for that. */
  private askServer(doc: vscode.TextDocument, delay: number): void {
    if (!this.client.isStarted) return;
    const key = doc.uri.toString();
    clearTimeout(this.asking.get(key));
    this.asking.set(
      key,
      setTimeout(() => {
        this.asking.delete(key);
        void detectPostmortem(doc, this.client).then((is) => {
          if (!doc.isClosed) this.set(doc.uri, is);
        });
      }, delay),
    );
  }

  private forget(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    clearTimeout(this.asking.get(key));
    this.asking.delete(key);
    if (this.documents.delete(key)) this.register();
  }

  private register(): void {
    const selector = this.selector;
    const key = JSON.stringify(selector.map((f) => `${f.scheme}:${f.pattern as string}`).sort());
    if (key === this.registeredKey) return;
    this.registeredKey = key;
    this.registration?.dispose();
    this.registration = selector.length > 0 ? vscode.languages.registerDocumentFormattingEditProvider(selector, this) : undefined;
    this.changed.fire();
  }

  async provideDocumentFormattingEdits(document: vscode.TextDocument, options: vscode.FormattingOptions, token: vscode.CancellationToken): Promise<vscode.TextEdit[] | undefined> {
    if (!this.has(document.uri)) return undefined;
    const client = await this.client.start();
    const params = {
      textDocument: client.code2ProtocolConverter.asTextDocumentIdentifier(document),
      options: client.code2ProtocolConverter.asFormattingOptions(options, fileOptions(document)),
    };
    try {
      const result = await client.sendRequest(DocumentFormattingRequest.type, params, token);
      if (token.isCancellationRequested || !result) return undefined;
      return await client.protocol2CodeConverter.asTextEdits(result, token);
    } catch (e) {
      return client.handleFailedRequest(DocumentFormattingRequest.type, token, e, undefined);
    }
  }

  dispose(): void {
    for (const t of this.asking.values()) clearTimeout(t);
    this.registration?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

/** The `files.*` settings the formatting request carries (as vscode-languageclient sends them). */
function fileOptions(document: vscode.TextDocument): FileFormattingOptions {
  const files = vscode.workspace.getConfiguration('files', document);
  return {
    trimTrailingWhitespace: files.get<boolean>('trimTrailingWhitespace'),
    trimFinalNewlines: files.get<boolean>('trimFinalNewlines'),
    insertFinalNewline: files.get<boolean>('insertFinalNewline'),
  };
}
