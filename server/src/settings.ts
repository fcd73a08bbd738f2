/**
 * Where a document's settings come from: `workspace/configuration` (section `postmortem`, scoped
 * to the document) over the initialization options' `postmortem` (or what
 * `didChangeConfiguration` pushed, for a client that cannot be asked), sanitised once by the core.
 * In an untrusted workspace the `schema` and `incidentIdPattern` it provides are ignored, whatever
 * their source. Each settings problem is shown to the user once.
 */
import type { Connection } from 'vscode-languageserver/node';
import { sanitizeSettings, type Settings } from './core';
import { describe, isRecord } from './handlers/guard';

/** Settings a workspace may only give when it is trusted (package.json `restrictedConfigurations`). */
const RESTRICTED = ['schema', 'incidentIdPattern', 'templates'] as const;

export class SettingsSource {
  /** The client answers `workspace/configuration`. */
  private askClient = false;
  private trusted = true;
  /** Settings from initialization options (or pushed by didChangeConfiguration when the client cannot be asked). */
  private fallback: Record<string, unknown> = {};
  private readonly warned = new Set<string>();

  constructor(
    private readonly connection: Connection,
    private readonly log: (level: 'error' | 'warn' | 'info', message: string) => void,
  ) {}

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
    if (!this.trusted) {
      // Untrusted workspace: a schema or pattern it provides is not used.
      for (const k of RESTRICTED) delete raw[k];
    }
    const problems: string[] = [];
    const settings = sanitizeSettings(raw, problems);
    for (const p of problems) {
      if (this.warned.has(p)) continue;
      this.warned.add(p);
      this.log('warn', `settings: ${p}`);
      void this.connection.window.showWarningMessage(`Post-Mortem Assistant: ${p}`);
    }
    return settings;
  }
}
