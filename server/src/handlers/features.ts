/** Hover, completion, document symbols and formatting: core results translated to LSP. */
import { completionsAt, documentSymbols, formatDocument, hoverAt } from '../core';
import type { HandlerModule } from '../context';
import { toCompletionItem, toDocumentSymbol, toHover, toLspEdit } from '../node/lspConvert';
import { positionParam, uriParam } from './guard';

/**
 * How long hover and completion wait for a validation of the same version that is under way
 * (the first parse of a multi-megabyte document takes seconds); after that they answer empty.
 */
const ASSIST_PATIENCE_MS = 750;

export const featureHandlers: HandlerModule = {
  capabilities: () => ({
    hoverProvider: true,
    completionProvider: { triggerCharacters: ['/'], resolveProvider: false },
    documentSymbolProvider: true,
    documentFormattingProvider: true,
  }),

  register(server) {
    const { connection } = server;

    connection.onHover(
      server.guard('textDocument/hover', async (params: unknown) => {
        const uri = uriParam(params);
        const pos = positionParam(params);
        const { analysis } = await server.current(uri, ASSIST_PATIENCE_MS);
        if (!analysis) return null;
        const h = hoverAt(analysis, analysis.lines.offsetAt(pos));
        return h ? toHover(analysis.lines, h) : null;
      }),
    );

    connection.onCompletion(
      server.guard('textDocument/completion', async (params: unknown) => {
        const uri = uriParam(params);
        const pos = positionParam(params);
        const { settings, analysis } = await server.current(uri, ASSIST_PATIENCE_MS);
        if (!analysis) return [];
        const evidence = await server.host.evidenceFiles(server.rootFor(uri), settings.evidenceRoot);
        const entries = completionsAt(analysis, analysis.lines.offsetAt(pos), settings, evidence);
        return entries.map((c, i) => toCompletionItem(analysis.lines, c, i));
      }),
    );

    connection.onDocumentSymbol(
      server.guard('textDocument/documentSymbol', async (params: unknown) => {
        const uri = uriParam(params);
        const { analysis } = await server.current(uri);
        if (!analysis) return [];
        return documentSymbols(analysis).map((s) => toDocumentSymbol(analysis.lines, s));
      }),
    );

    connection.onDocumentFormatting(
      server.guard('textDocument/formatting', async (params: unknown) => {
        const uri = uriParam(params);
        const { settings, analysis } = await server.current(uri);
        if (!analysis) return [];
        return formatDocument(analysis.text, { scope: 'timeline', sortByTime: settings.timeline.sortOnFormat }).map((e) => toLspEdit(analysis.lines, e));
      }),
    );
  },
};
