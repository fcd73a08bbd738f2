/**
 * `postmortem/report` (shared/src/protocol.ts): the Markdown report of `postmortem-lint stats
 * --format markdown` for the documents the client names (Export Report). Open documents at their
 * current version, others read from disk; the numbers from the core (`core/insight.ts`).
 */
import { ErrorCodes, LSPErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver';
import { REPORT_REQUEST, type ReportParams, type ReportResult } from '../../../shared/src/protocol';
import { actionRows, computeStats, documentFacts, formatStatsMarkdown, utcDay, type ActionItemRow, type Analysis, type DocumentFacts } from '../core';
import type { HandlerModule } from '../context';
import { closedDocument } from './commands';

export const reportHandlers: HandlerModule = {
  register(server) {
    server.connection.onRequest(REPORT_REQUEST, async (params: unknown, token: CancellationToken): Promise<ReportResult | ResponseError<void>> => {
      const p = params as Partial<ReportParams> | null;
      if (!p || !Array.isArray(p.uris) || !p.uris.every((u) => typeof u === 'string') || (p.names !== undefined && (!Array.isArray(p.names) || p.names.length !== p.uris.length))) {
        return new ResponseError(ErrorCodes.InvalidParams, `${REPORT_REQUEST} expects {uris: string[], names?: string[] (one per uri)}`);
      }
      const today = utcDay();
      const rows: ActionItemRow[] = [];
      const facts: DocumentFacts[] = [];
      for (let i = 0; i < p.uris.length; i++) {
        if (token.isCancellationRequested) return new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
        const uri = p.uris[i]!;
        const name = typeof p.names?.[i] === 'string' ? p.names[i]! : uri;
        try {
          let analysis: Analysis | undefined;
          if (server.documents.get(uri)) analysis = (await server.current(uri)).analysis;
          else {
            const settings = await server.settings.fetch(uri);
            if (!settings.enable) continue;
            const doc = await closedDocument(server, uri);
            analysis = await server.analyzeSettled(doc, settings);
          }
          if (!analysis?.isPostmortem) continue;
          rows.push(...actionRows(name, analysis, today));
          facts.push(documentFacts(name, analysis));
        } catch {
          // An unreadable file is left out of the report (the view says it is not checked).
        }
        await new Promise((resolve) => setImmediate(resolve));
      }
      const stats = computeStats(facts, rows, today);
      return { markdown: formatStatsMarkdown(stats), postmortems: stats.postmortems };
    });
  },
};
