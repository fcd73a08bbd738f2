/**
 * Format Document for post-mortems only. VS Code picks a formatter among the providers whose
 * document selector matches the document (`editor.defaultFormatter` decides between several;
 * with one, it is used). A provider registered for all Markdown would become the formatter of
 * every README, or force the "multiple formatters" prompt beside Prettier. A selector cannot say
 * "first heading is Incident Post-Mortem", so this provider's selector names the open
 * post-mortems one by one (language, scheme and exact path) and is registered again when that set
 * changes. The server is started with `documentFormatting: false` (no all-Markdown registration
 * by vscode-languageclient) and still answers `textDocument/formatting`, with `null` for anything
 * that is not a post-mortem.
 */
import * as vscode from 'vscode';
import { DocumentFormattingRequest, type FileFormattingOptions } from 'vscode-languageclient';
import { CONFIG_SECTION } from '../../shared/src/settings';
import type { PostmortemClient } from './languageClient';
import { isPostmortemDocument } from './postmortems';
import { HEADING_SCAN_CHARS } from './pure/detect';

export class PostmortemFormatter implements vscode.DocumentFormattingEditProvider, vscode.Disposable {
  /** The open post-mortems, by `uri.toString()`. */
  private readonly documents = new Map<string, vscode.Uri>();
  private registration: vscode.Disposable | undefined;
  private registeredKey = '';
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly client: PostmortemClient) {
    this.disposables = [
      vscode.workspace.onDidOpenTextDocument((d) => this.track(d)),
      vscode.workspace.onDidCloseTextDocument((d) => this.forget(d)),
      // A document becomes (or stops being) a post-mortem with its first heading, which the test
      // looks for in the first 20,000 characters: edits after those change nothing.
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.some((c) => c.rangeOffset <= HEADING_SCAN_CHARS)) this.track(e.document);
      }),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration(CONFIG_SECTION) && this.trackAll()),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.trackAll()),
    ];
    this.trackAll();
  }

  /** The selector the provider is registered with now (empty: not registered). */
  get selector(): vscode.DocumentFilter[] {
    return [...this.documents.values()].map((uri) => ({ language: 'markdown', scheme: uri.scheme, pattern: uri.fsPath }));
  }

  private trackAll(): void {
    this.documents.clear();
    for (const d of vscode.workspace.textDocuments) if (isPostmortemDocument(d)) this.documents.set(d.uri.toString(), d.uri);
    this.register();
  }

  private track(doc: vscode.TextDocument): void {
    if (doc.languageId !== 'markdown' && !this.documents.has(doc.uri.toString())) return;
    const key = doc.uri.toString();
    const was = this.documents.has(key);
    const is = isPostmortemDocument(doc);
    if (was === is) return;
    if (is) this.documents.set(key, doc.uri);
    else this.documents.delete(key);
    this.register();
  }

  private forget(doc: vscode.TextDocument): void {
    if (this.documents.delete(doc.uri.toString())) this.register();
  }

  private register(): void {
    const selector = this.selector;
    const key = JSON.stringify(selector.map((f) => `${f.scheme}:${f.pattern as string}`).sort());
    if (key === this.registeredKey) return;
    this.registeredKey = key;
    this.registration?.dispose();
    this.registration = selector.length > 0 ? vscode.languages.registerDocumentFormattingEditProvider(selector, this) : undefined;
  }

  async provideDocumentFormattingEdits(document: vscode.TextDocument, options: vscode.FormattingOptions, token: vscode.CancellationToken): Promise<vscode.TextEdit[] | undefined> {
    if (!isPostmortemDocument(document)) return undefined;
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
