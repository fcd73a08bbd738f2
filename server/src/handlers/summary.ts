/**
 * `postmortem/summary` (shared/src/protocol.ts): the facts behind the client's status bar, Mark
 * Final code lens and Post-Mortems view, computed by the core (`summarize`) from the same analysis
 * as the diagnostics. An open document is summarised at its current version; any other `file:`
 * URI is read from disk (cached by modification time, size, settings and day).
 */
import {
  ErrorCodes,
  LSPErrorCodes,
  ResponseError,
  type CancellationToken,
  type Connection,
  type TextDocuments,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  SUMMARY_MAX_URIS as MAX_URIS,
  SUMMARY_REQUEST,
  TEMPLATES_REQUEST,
  type DocumentSummary,
  type TemplatesResult,
  type SummaryParams,
  type SummaryResult,
} from '../../../shared/src/protocol';
import { builtInTemplate, newFileTemplate, summarize, type Analysis, type MarkFinalPlan, type Settings } from '../core';
import { toDocumentSummary } from '../node/lspConvert';
import type { HandlerModule } from '../context';
import { uriParam } from './guard';
import { closedDocument, markFinalPlan } from './commands';

/** What the handler needs from the server (its documents, settings and analyses). */
export interface SummaryHost {
  documents: Pick<TextDocuments<TextDocument>, 'get'>;
  /** An open document's current version, its settings and analysis (undefined: not checked). */
  current(uri: string): Promise<{ doc: TextDocument; settings: Settings; analysis: Analysis | undefined }>;
  settingsFor(uri: string): Promise<Settings>;
  /** A document that is not open, read from disk; throws when it cannot be. */
  closedDocument(uri: string): Promise<TextDocument>;
  /** The analysis of a closed document (host.ts: on the web, its file questions fetched first). */
  analyzeClosed(doc: TextDocument, settings: Settings): Promise<Analysis>;
  /** What changes when the file changes (host.ts `stamp`). */
  stamp(uri: string): Promise<string>;
  markFinalPlan(doc: TextDocument, settings: Settings, open: boolean): MarkFinalPlan;
  /** A configured team template itself: not an incident (default: none is). */
  isTemplateFile?(uri: string, settings: Settings): boolean;
}

/** Why a configured template file is not summarised as a post-mortem. */
const TEMPLATE_FILE = 'a template file (postmortem.templates), not a post-mortem';

const MAX_CACHED = 5000;

interface CacheEntry {
  key: string;
  settings: Settings;
  summary: DocumentSummary;
}

/** The request on the server's sessions and settings (one entry of `server.ts`'s handler list). */
export const summaryHandlers: HandlerModule = {
  register(server) {
    register(server.connection, {
      documents: server.documents,
      current: (uri) => server.current(uri),
      settingsFor: (uri) => server.settings.fetch(uri),
      closedDocument: (uri) => closedDocument(server, uri),
      analyzeClosed: (doc, settings) => server.analyzeSettled(doc, settings),
      stamp: (uri) => server.host.stamp(uri),
      markFinalPlan: (doc, settings, open) => markFinalPlan(server, doc, settings, open),
      isTemplateFile: (uri, settings) => server.isTemplateFile(uri, settings),
    });
    // `postmortem/templates`: the configured team templates for a file at `uri` (which need not
    // exist: New Post-Mortem asks for the file it is about to write), then the built-in one.
    server.connection.onRequest(
      TEMPLATES_REQUEST,
      server.guard(TEMPLATES_REQUEST, async (params: unknown): Promise<TemplatesResult> => {
        const uri = uriParam(params);
        const settings = await server.settings.fetch(uri);
        const file = server.filePathOf(uri);
        const base = server.rootFor(uri) ?? (file !== undefined ? server.host.path.dirname(file) : server.host.cwd());
        const team = settings.enable ? server.templates.resolve(settings.templates, base) : [];
        return { templates: [...team, builtInTemplate()].map(newFileTemplate) };
      }),
    );
  },
};

export function register(connection: Pick<Connection, 'onRequest'>, host: SummaryHost, now: () => Date = () => new Date()): void {
  const closedCache = new Map<string, CacheEntry>();

  const reasonFor = (settings: Settings): string => (settings.enable ? 'not a post-mortem' : 'postmortem.enable is false');

  async function ofOpen(uri: string, blockers: boolean, actionItems: boolean): Promise<DocumentSummary> {
    const { doc, settings, analysis } = await host.current(uri);
    if (!analysis) return { uri, checked: false, reason: reasonFor(settings) };
    if (host.isTemplateFile?.(uri, settings)) return { uri, checked: false, reason: TEMPLATE_FILE };
    const plan = blockers ? host.markFinalPlan(doc, settings, true) : undefined;
    const asFinal = plan ? (plan.ok ? [] : plan.blockers) : undefined;
    return toDocumentSummary(uri, doc.version, analysis.lines, summarize(analysis, { now: now(), asFinal, actionItems }));
  }

  async function ofClosed(uri: string, blockers: boolean, actionItems: boolean): Promise<DocumentSummary> {
    const settings = await host.settingsFor(uri);
    if (!settings.enable) return { uri, checked: false, reason: reasonFor(settings) };
    if (host.isTemplateFile?.(uri, settings)) return { uri, checked: false, reason: TEMPLATE_FILE };
    const today = now();
    const key = `${await host.stamp(uri)}|${today.toISOString().slice(0, 10)}|${blockers}|${actionItems}`;
    const hit = closedCache.get(uri);
    if (hit && hit.key === key && hit.settings === settings) return hit.summary;
    const doc = await host.closedDocument(uri);
    const analysis = await host.analyzeClosed(doc, settings);
    let summary: DocumentSummary;
    if (!analysis.isPostmortem) {
      summary = { uri, checked: false, reason: reasonFor(settings) };
    } else {
      const plan = blockers ? host.markFinalPlan(doc, settings, false) : undefined;
      const asFinal = plan ? (plan.ok ? [] : plan.blockers) : undefined;
      summary = toDocumentSummary(uri, null, analysis.lines, summarize(analysis, { now: today, asFinal, actionItems }));
    }
    if (closedCache.size >= MAX_CACHED) closedCache.clear();
    closedCache.set(uri, { key, settings, summary });
    return summary;
  }

  connection.onRequest(SUMMARY_REQUEST, async (params: unknown, token: CancellationToken): Promise<SummaryResult | ResponseError<void>> => {
    const p = params as Partial<SummaryParams> | null;
    if (!p || !Array.isArray(p.uris) || !p.uris.every((u) => typeof u === 'string') || p.uris.length > MAX_URIS) {
      return new ResponseError(ErrorCodes.InvalidParams, `${SUMMARY_REQUEST} expects {uris: string[] (at most ${MAX_URIS}), blockers?: boolean, actionItems?: boolean}`);
    }
    const blockers = p.blockers === true;
    const actionItems = p.actionItems === true;
    const summaries: DocumentSummary[] = [];
    for (const uri of p.uris) {
      if (token.isCancellationRequested) return new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
      try {
        summaries.push(host.documents.get(uri) ? await ofOpen(uri, blockers, actionItems) : await ofClosed(uri, blockers, actionItems));
      } catch (e) {
        summaries.push({ uri, checked: false, reason: e instanceof Error ? e.message : String(e) });
      }
      // Other requests (hover, completion, code actions) get their turn between documents.
      await new Promise((resolve) => setImmediate(resolve));
    }
    return { summaries };
  });
}
