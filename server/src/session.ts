/**
 * One open document's state, in one object: its incremental parser, its settings, the pending
 * (debounced) validation, the analysis run under way and the last analysis.
 *
 * Invariants:
 * - Version guard: work is for one document version; a newer version, a newer `schedule` or
 *   `close` makes older work stale, and stale work gives up (its result is never used).
 * - Joining: a request for the version being analysed shares that run instead of parsing the
 *   same text again; the analysis is cached per version, settings and schema.
 * - Parsing yields to the event loop between chunks, every 10 ms of work (`analyzeInSteps`), so no
 *   request and no validation parses a large document in one blocking step.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { IncrementalParser, analyze, analyzeInSteps, type Analysis, type AnalyzeOptions, type CompiledSchema, type Settings } from './core';

/** What a session needs from the server. */
export interface SessionHost {
  /** The open document `uri` (undefined once closed). */
  document(uri: string): TextDocument | undefined;
  /** The document's settings, fetched now (the session caches them). */
  fetchSettings(uri: string): Promise<Settings>;
  /** How to analyse `doc` under `settings` (root, file system, schema resolved by mtime). */
  analyzeOptions(doc: TextDocument, settings: Settings): AnalyzeOptions;
  /** Web only (host.ts): fetch what the synchronous answers need before an analysis. */
  prepare?(doc: TextDocument, settings: Settings): Promise<void>;
  /** Web only (host.ts): fetch what an analysis asked and was not known; true: analyse again. */
  settle?(analysis: Analysis, opts: AnalyzeOptions): Promise<boolean>;
  /** Told of every analysis the session keeps (the server logs internal errors once). */
  analyzed(uri: string, analysis: Analysis): void;
  /** A scheduled job failed. */
  failed(uri: string, e: unknown): void;
}

/** The current version's document, settings and analysis (undefined: not a post-mortem, disabled or too late). */
export interface Current {
  doc: TextDocument;
  settings: Settings;
  analysis: Analysis | undefined;
}

function looksLikeMarkdown(doc: TextDocument): boolean {
  return doc.languageId === 'markdown' || /\.(md|markdown)$/i.test(doc.uri);
}

export class DocumentSession {
  /** Only changed chunks are parsed again. Mark Final uses it too (no second full parse). */
  readonly parser = new IncrementalParser();
  private settingsPromise: Promise<Settings> | undefined;
  private cached: { version: number; settings: Settings; schema: CompiledSchema | undefined; analysis: Analysis } | undefined;
  /** The stepwise analysis running for a document version (see `analysisFor`). */
  private running: { version: number; settings: Settings; promise: Promise<Analysis | undefined> } | undefined;
  /** Bumped by every `schedule` and by `close`: older scheduled work is stale. */
  private generation = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private closed = false;

  constructor(
    readonly uri: string,
    private readonly host: SessionHost,
  ) {}

  /** The open document, undefined once closed. */
  document(): TextDocument | undefined {
    return this.closed ? undefined : this.host.document(this.uri);
  }

  settings(): Promise<Settings> {
    this.settingsPromise ??= this.host.fetchSettings(this.uri);
    return this.settingsPromise;
  }

  /** Settings changed: fetch them again, analyse again. */
  forget(): void {
    this.settingsPromise = undefined;
    this.cached = undefined;
  }

  /**
   * Runs `job` for `version` after `validation.delayMs`. A newer `schedule`, a newer document
   * version or `close` cancels the pending job and makes a running one stale (`job`'s argument).
   */
  schedule(version: number, job: (stale: () => boolean) => Promise<void>): void {
    this.cancelPending();
    const gen = this.generation;
    const stale = () => this.generation !== gen || this.document()?.version !== version;
    const run = () => {
      job(stale).catch((e: unknown) => this.host.failed(this.uri, e));
    };
    this.settings()
      .then((settings) => {
        if (stale()) return;
        const delay = settings.validation.delayMs;
        if (delay <= 0) run();
        else this.timer = setTimeout(run, delay);
      })
      .catch((e: unknown) => this.host.failed(this.uri, e));
  }

  /**
   * The analysis of `doc`'s version under `settings` (cached per version, settings and schema): a
   * post-mortem is parsed in steps that yield to the event loop, and the run gives up (undefined)
   * as soon as `stale()` says the result is not wanted. A run of the same version under way is
   * joined, unless its owner gave it up while this caller still wants the result.
   */
  async analysisFor(doc: TextDocument, settings: Settings, stale: () => boolean): Promise<Analysis | undefined> {
    if (!looksLikeMarkdown(doc)) return undefined;
    if (this.host.prepare) await this.host.prepare(doc, settings);
    const opts = this.host.analyzeOptions(doc, settings);
    const hit = this.cached;
    if (hit && hit.version === doc.version && hit.settings === settings && hit.schema === opts.schema) return hit.analysis;
    // An older version's analysis is never used again: let it go before the new one is built.
    if (hit && hit.version !== doc.version) this.cached = undefined;
    const running = this.running;
    if (running && running.version === doc.version && running.settings === settings) {
      const shared = await running.promise.catch(() => undefined);
      if (shared !== undefined || stale()) return shared;
      return this.analysisFor(doc, settings, stale);
    }
    let steps = analyzeInSteps(doc.getText(), opts, this.parser, stale);
    const settle = this.host.settle;
    if (settle) {
      // Web: what the analysis asked the file system is fetched, then the text is analysed again
      // (its chunks are parsed already) with the answers in place.
      steps = steps.then(async (a) => {
        if (!a || stale() || !(await settle(a, opts)) || stale()) return a;
        return analyze(doc.getText(), { ...opts, parse: (t) => this.parser.parse(t) });
      });
    }
    const run = steps.then((a) => (a && !stale() ? this.remember(doc, settings, opts, a) : undefined));
    // Requests for this version (hover, completion…) join this run instead of analysing the same text again.
    const entry = { version: doc.version, settings, promise: run };
    this.running = entry;
    try {
      return await run;
    } finally {
      if (this.running === entry) this.running = undefined;
    }
  }

  /**
   * For a request: the current document, settings and analysis. Joins a validation of the same
   * version under way or starts one (both yield between chunks). With `patienceMs`, the analysis
   * is waited for that long at most (then: undefined analysis). Undefined: the document is not
   * open (any more).
   */
  async current(patienceMs?: number): Promise<Current | undefined> {
    if (!this.document()) return undefined;
    const settings = await this.settings();
    const doc = this.document(); // may have changed (or closed) while settings were fetched
    if (!doc) return undefined;
    if (!settings.enable) return { doc, settings, analysis: undefined };
    const result = this.analysisFor(doc, settings, () => this.document()?.version !== doc.version).catch(() => undefined);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const analysis =
      patienceMs === undefined
        ? await result
        : await Promise.race([result, new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), patienceMs)))]);
    if (timer) clearTimeout(timer);
    if (analysis === 'late') return { doc, settings, analysis: undefined };
    if (this.document()?.version !== doc.version) return this.current(patienceMs); // edited meanwhile
    return { doc, settings, analysis: analysis?.isPostmortem ? analysis : undefined };
  }

  /** The document was closed: pending work is cancelled, running work is stale, state is dropped. */
  close(): void {
    this.cancelPending();
    this.closed = true;
    this.settingsPromise = undefined;
    this.cached = undefined;
    this.running = undefined;
  }

  private cancelPending(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.generation++;
  }

  private remember(doc: TextDocument, settings: Settings, opts: AnalyzeOptions, analysis: Analysis): Analysis {
    this.cached = { version: doc.version, settings, schema: opts.schema, analysis };
    this.host.analyzed(this.uri, analysis);
    return analysis;
  }
}

/** The sessions of the open documents, by URI. */
export class Sessions {
  private readonly byUri = new Map<string, DocumentSession>();

  constructor(private readonly host: SessionHost) {}

  /** The document's session (created on first use). */
  get(uri: string): DocumentSession {
    let s = this.byUri.get(uri);
    if (!s) {
      s = new DocumentSession(uri, this.host);
      this.byUri.set(uri, s);
    }
    return s;
  }

  close(uri: string): void {
    this.byUri.get(uri)?.close();
    this.byUri.delete(uri);
  }

  /** Settings changed: every session fetches them again and analyses again. */
  forgetAll(): void {
    for (const s of this.byUri.values()) s.forget();
  }
}
