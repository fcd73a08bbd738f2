/**
 * The language client: starts the language server (desktop: `dist/server.js` over IPC; web:
 * `dist/browserServer.js` in a worker — `ClientPlatform`) when the first post-mortem shows up (or a command needs it), restarts it when the workspace becomes trusted,
 * and forwards server commands. The server decides which Markdown files are
 * post-mortems; the client syncs every Markdown document (file and untitled).
 */
import * as vscode from 'vscode';
import { DidChangeConfigurationNotification, ExecuteCommandRequest, WorkDoneProgress, type BaseLanguageClient, type LanguageClientOptions } from 'vscode-languageclient';
import {
  CHECK_WORKSPACE_REQUEST,
  CLIENT_COMMANDS,
  DIAGNOSTIC_SOURCE,
  SERVER_COMMANDS,
  REPORT_REQUEST,
  SUMMARY_MAX_URIS,
  SUMMARY_REQUEST,
  TEMPLATES_REQUEST,
  type CheckWorkspaceResult,
  type DocumentSummary,
  type NewFileTemplate,
  type ReportParams,
  type SummaryParams,
  type TemplatesParams,
} from '../../shared/src/protocol';
import { CONFIG_SECTION } from '../../shared/src/settings';
import { MARKDOWN_SELECTOR, rememberServerAnswer } from './postmortems';
import { parseCheckWorkspaceResult, parseSummaryResult, parseTemplatesResult } from './pure/protocol';
import type { ClientPlatform } from './platform';
import { initialSettings } from './settings';

type LanguageClient = BaseLanguageClient;

export class PostmortemClient implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private starting: Promise<LanguageClient> | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly onDidStartEmitter = new vscode.EventEmitter<void>();
  /** Fires after every (re)start, once the server answered `initialize`. */
  readonly onDidStart = this.onDidStartEmitter.event;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly output: vscode.LogOutputChannel,
    private readonly platform: ClientPlatform,
  ) {
    this.disposables.push(
      this.onDidStartEmitter,
      vscode.workspace.onDidGrantWorkspaceTrust(() => void this.restart('the workspace is now trusted')),
      vscode.workspace.onDidChangeConfiguration((e) => void this.configurationChanged(e)),
    );
  }

  get isStarted(): boolean {
    return this.client !== undefined;
  }

  /** The running client, starting it on first use. Rejects when the server cannot start. */
  start(): Promise<LanguageClient> {
    if (this.client) return Promise.resolve(this.client);
    if (!this.starting) {
      this.starting = this.create().finally(() => {
        this.starting = undefined;
      });
    }
    return this.starting;
  }

  private async create(): Promise<LanguageClient> {
    const clientOptions: LanguageClientOptions = {
      documentSelector: MARKDOWN_SELECTOR,
      // A function: evaluated again on every (re)start, so a restart after trust is granted sends `trusted: true`.
      // `documentFormatting: false`: no Format Document provider for all Markdown; formatting.ts registers one for post-mortems only.
      // As JSON: on the web it is posted to a worker, and VS Code's configuration values are proxies
      // that cannot be cloned (over IPC on desktop it is JSON anyway).
      initializationOptions: () => JSON.parse(JSON.stringify({ trusted: vscode.workspace.isTrusted, documentFormatting: false, postmortem: initialSettings() })),
      middleware: {
        // The server's Status-line lens ("Mark Final" / "Mark Final: N blockers") runs this extension's
        // Mark Final command, which sets the final status or lists what blocks it in a quick pick.
        provideCodeLenses: async (doc, token, next) => {
          const lenses = (await next(doc, token)) ?? [];
          for (const lens of lenses) {
            const id = lens.command?.command;
            if (id === SERVER_COMMANDS.markFinal || id === SERVER_COMMANDS.finalBlockers) {
              lens.command = { ...lens.command!, command: CLIENT_COMMANDS.markFinal, arguments: [doc.uri] };
            }
          }
          return lenses;
        },
      },
      outputChannel: this.output,
      diagnosticCollectionName: DIAGNOSTIC_SOURCE,
    };
    // Id = the configuration section: the client reads the `postmortem.trace.server` setting.
    const client = this.platform.createLanguageClient(this.context, CONFIG_SECTION, 'Post-Mortem Assistant', clientOptions);
    try {
      await client.start();
    } catch (e) {
      this.output.error(`The post-mortem language server did not start: ${(e as Error).message ?? e}`);
      void client.dispose().catch(() => undefined);
      throw e;
    }
    this.client = client;
    this.onDidStartEmitter.fire();
    return client;
  }

  /** Restarts a running client (a stopped one stays stopped until needed). */
  async restart(reason: string): Promise<void> {
    const client = this.client;
    if (!client) return;
    this.output.info(`Restarting the post-mortem language server: ${reason}`);
    try {
      // The desktop LanguageClient has `restart` (it waits for a debug port); the browser one has not.
      const restartable = client as LanguageClient & { restart?: () => Promise<void> };
      if (restartable.restart) await restartable.restart();
      else {
        await client.stop();
        await client.start();
      }
      this.onDidStartEmitter.fire();
    } catch (e) {
      this.output.error(`Restart failed: ${(e as Error).message ?? e}`);
    }
  }

  /** True when the server announced `command` in `executeCommandProvider.commands`. */
  supports(command: string): boolean {
    return this.client?.initializeResult?.capabilities.executeCommandProvider?.commands.includes(command) ?? false;
  }

  /** `workspace/executeCommand` with a document URI as first argument (in the server's URI form). */
  async executeCommand(command: string, uri: vscode.Uri, rest: unknown[] = [], token?: vscode.CancellationToken): Promise<unknown> {
    const client = await this.start();
    const params = { command, arguments: [client.code2ProtocolConverter.asUri(uri), ...rest] };
    return token ? client.sendRequest(ExecuteCommandRequest.type, params, token) : client.sendRequest(ExecuteCommandRequest.type, params);
  }

  /**
   * The server's summaries of documents (open ones at their current version, others read from
   * disk), keyed by `uri.toString()`: what the status bar, code lens and view show.
   * Rejects when the server cannot start or answers something else.
   */
  async summaries(uris: readonly vscode.Uri[], options: { blockers?: boolean; actionItems?: boolean } = {}, token?: vscode.CancellationToken): Promise<Map<string, DocumentSummary>> {
    const client = await this.start();
    const out = new Map<string, DocumentSummary>();
    for (let i = 0; i < uris.length; i += SUMMARY_MAX_URIS) {
      const batch = uris.slice(i, i + SUMMARY_MAX_URIS);
      const params: SummaryParams = { uris: batch.map((u) => client.code2ProtocolConverter.asUri(u)), blockers: options.blockers === true };
      if (options.actionItems) params.actionItems = true;
      // No `undefined` token argument: vscode-jsonrpc would send [params, null] as the params.
      const raw: unknown = token ? await client.sendRequest(SUMMARY_REQUEST, params, token) : await client.sendRequest(SUMMARY_REQUEST, params);
      const parsed = parseSummaryResult(raw, params.uris);
      if (!parsed) throw new Error(`${SUMMARY_REQUEST}: unexpected answer from the language server`);
      batch.forEach((u, j) => {
        out.set(u.toString(), parsed[j]!);
        // The server is the one detector: its answer counts wherever the client asks "a post-mortem?".
        rememberServerAnswer(u, parsed[j]!.checked);
      });
    }
    return out;
  }

  /**
   * `postmortem/templates`: the templates a file at `uri` (which need not exist) can be written
   * with — the configured team templates, then the built-in one. Rejects on a bad answer.
   */
  async templates(uri: vscode.Uri): Promise<NewFileTemplate[]> {
    const client = await this.start();
    const params: TemplatesParams = { textDocument: { uri: client.code2ProtocolConverter.asUri(uri) } };
    const parsed = parseTemplatesResult(await client.sendRequest(TEMPLATES_REQUEST, params));
    if (!parsed || parsed.length === 0) throw new Error(`${TEMPLATES_REQUEST}: unexpected answer from the language server`);
    return parsed;
  }

  /** `postmortem/report`: the Markdown statistics of these documents (Export Report). Rejects on a bad answer. */
  async report(uris: readonly vscode.Uri[], names: readonly string[], token?: vscode.CancellationToken): Promise<{ markdown: string; postmortems: number }> {
    const client = await this.start();
    const params: ReportParams = { uris: uris.map((u) => client.code2ProtocolConverter.asUri(u)), names: [...names] };
    const raw: unknown = token ? await client.sendRequest(REPORT_REQUEST, params, token) : await client.sendRequest(REPORT_REQUEST, params);
    const r = raw as { markdown?: unknown; postmortems?: unknown } | null;
    if (!r || typeof r.markdown !== 'string' || typeof r.postmortems !== 'number') throw new Error(`${REPORT_REQUEST}: unexpected answer from the language server`);
    return { markdown: r.markdown, postmortems: r.postmortems };
  }

  /**
   * `postmortem/checkWorkspace`: the server checks every post-mortem of the workspace and publishes
   * diagnostics for those that are not open. `onProgress` gets the server's work-done reports
   * (percentage 0–100, message). Rejects on cancellation or a bad answer.
   */
  async checkWorkspace(token: vscode.CancellationToken, onProgress: (percentage: number | undefined, message: string | undefined) => void): Promise<CheckWorkspaceResult> {
    const client = await this.start();
    const workDoneToken = `postmortem-check-${Date.now()}-${Math.random().toString(36).slice(2)}`;
    const sub = client.onProgress(WorkDoneProgress.type, workDoneToken, (v) => {
      if (v.kind !== 'end') onProgress(v.percentage, v.message);
    });
    try {
      const raw: unknown = await client.sendRequest(CHECK_WORKSPACE_REQUEST, { workDoneToken }, token);
      const result = parseCheckWorkspaceResult(raw);
      if (!result) throw new Error(`${CHECK_WORKSPACE_REQUEST}: unexpected answer from the language server`);
      return result;
    } finally {
      sub.dispose();
    }
  }

  /** The summary of one document; undefined when the server cannot say (not started, failed). */
  async summary(uri: vscode.Uri, options: { blockers?: boolean } = {}, token?: vscode.CancellationToken): Promise<DocumentSummary | undefined> {
    try {
      return (await this.summaries([uri], options, token)).get(uri.toString());
    } catch {
      return undefined;
    }
  }

  /** LSP → VS Code range of a running client. */
  get converter(): LanguageClient['protocol2CodeConverter'] | undefined {
    return this.client?.protocol2CodeConverter;
  }

  /**
   * The server pulls `postmortem` with `workspace/configuration`. When it registered
   * `workspace/didChangeConfiguration` dynamically, vscode-languageclient tells it about
   * changes; when it did not, the client sends the notification itself (settings: null,
   * "pull again"), so a change never goes unnoticed and is never sent twice.
   */
  private async configurationChanged(e: vscode.ConfigurationChangeEvent): Promise<void> {
    const client = this.client;
    if (!client || !e.affectsConfiguration(CONFIG_SECTION) || !client.isRunning()) return;
    const feature = (client.getFeature as (method: string) => { getState(): { kind: string; registrations?: boolean } } | undefined)(
      DidChangeConfigurationNotification.method,
    );
    const state = feature?.getState();
    if (state && state.kind === 'workspace' && state.registrations) return;
    await client.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client) await client.stop();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    void this.stop().catch(() => undefined);
  }
}
