/**
 * Where a document's settings come from: `workspace/configuration` (section `postmortem`, scoped
 * to the document) over the initialization options' `postmortem` (or what
 * `didChangeConfiguration` pushed, for a client that cannot be asked), sanitised once by the core.
 * In an untrusted workspace the `schema` and `incidentIdPattern` it provides are ignored, whatever
 * their source. Each settings problem is shown to the user once.
 */
import type { Connection } from 'vscode-languageserver';
import { sanitizeSettings, type Settings } from './core';
import { describe, isRecord } from './handlers/guard';
import type { ServerHost } from './host';
import type { RcSettings } from './rcSettings';

/** Settings a workspace may only give when it is trusted (package.json `restrictedConfigurations`). */
const RESTRICTED = ['schema', 'incidentIdPattern', 'templates'] as const;

export class SettingsSource {
  /** The client answers `workspace/configuration`. */
  private askClient = false;
  private trusted = true;
  /** Settings from initialization options (or pushed by didChangeConfiguration when the client cannot be asked). */
  private fallback: Record<string, unknown> = {};
  private readonly warned = new Set<string>();
  /** The nearest rc file of a document in its workspace folder (the host reads it: node/host.ts, browser/host.ts). */
  private readonly rcReader: ReturnType<ServerHost['createRcReader']>;

  constructor(
    private readonly connection: Connection,
    private readonly log: (level: 'error' | 'warn' | 'info', message: string) => void,
    createRcReader: ServerHost['createRcReader'],
    /** The workspace folder of a document (absolute), where the search for its rc file stops. */
    private readonly folderOf: (uri: string) => { file?: string; folder?: string },
  ) {
    this.rcReader = createRcReader((message, level) => this.warnOnce(message, level));
  }

  private warnOnce(message: string, level: 'warn' | 'error' = 'warn'): void {
    if (this.warned.has(message)) return;
    this.warned.add(message);
    this.log(level, `settings: ${message}`);
    const text = `Post-Mortem Assistant: ${message}`;
    void (level === 'error' ? this.connection.window.showErrorMessage(text) : this.connection.window.showWarningMessage(text));
  }

  /**
   * The nearest `.postmortemrc.json` of a document (its folder, then each parent up to its
   * workspace folder), as the CLI finds it: its keys override the editor's settings.
   */
  private async rcFor(uri: string): Promise<RcSettings | undefined> {
    const { file, folder } = this.folderOf(uri);
    if (file === undefined || folder === undefined) return undefined;
    const rc = await this.rcReader(file, folder);
    for (const w of rc?.warnings ?? []) this.warnOnce(w);
    return rc;
  }

  /** From `initialize`: whether the client can be asked, trust (`trusted: false`), the initial settings. */
  initialize(askClient: boolean, init: unknown): void {
    this.askClient = askClient;
    if (isRecord(init)) {
      if (init.trusted === false) this.trusted = false;
      if (isRecord(init.postmortem)) this.fallback = { ...init.postmortem };
    }
  }

  get isTrusted(): boolean {
    return this.trusted;
  }

  get canAskClient(): boolean {
    return this.askClient;
  }

  /** `workspace/didChangeConfiguration`: a client that cannot be asked pushes its settings here. */
  changed(params: unknown): void {
    const settings: unknown = isRecord(params) ? params.settings : undefined;
    if (!this.askClient && isRecord(settings) && isRecord(settings.postmortem)) {
      this.fallback = { ...settings.postmortem };
    }
  }

  /** The settings of the document `uri` now (not cached: a session keeps its own). */
  async fetch(uri: string): Promise<Settings> {
    let raw: Record<string, unknown> = { ...this.fallback };
    if (this.askClient) {
      try {
        const r: unknown = await this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'postmortem' });
        if (isRecord(r)) raw = { ...raw, ...r };
      } catch (e) {
        this.log('warn', `workspace/configuration failed, using defaults: ${describe(e)}`);
      }
    }
    // defaults < user/workspace settings < the nearest .postmortemrc.json (rules merged per code).
    const rc = await this.rcFor(uri);
    if (rc) {
      const rules = { ...(isRecord(raw.rules) ? raw.rules : {}), ...(isRecord(rc.raw.rules) ? rc.raw.rules : {}) };
      raw = { ...raw, ...rc.raw, rules };
    }
    if (!this.trusted) {
      // Untrusted workspace: a schema or pattern it provides is not used.
      for (const k of RESTRICTED) delete raw[k];
    }
    const problems: string[] = [];
    const settings = sanitizeSettings(raw, problems);
    for (const p of problems) this.warnOnce(p);
    return settings;
  }
}
