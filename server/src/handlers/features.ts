/**
 * Hover, completion, document symbols and formatting: core results translated to LSP.
 *
 * Formatting answers `null` for a document that is not a post-mortem (or is disabled): the
 * server never formats ordinary Markdown. Initialization option `documentFormatting: false`
 * leaves `documentFormattingProvider` out (the request is still served), for a client that
 * registers its own formatter for post-mortems only (VS Code's: client/src/formatting.ts), so
 * that it never becomes the formatter of every Markdown file.
 */
import { completionsAt, documentSymbols, formatDocument, hoverAt } from '../core';
import type { HandlerModule } from '../context';
import { toCompletionItem, toDocumentSymbol, toHover, toLspEdit } from '../node/lspConvert';
import { isRecord, positionParam, uriParam } from './guard';

/**
 * How long hover and completion wait for a validation of the same version that is under way
 * (the first parse of a multi-megabyte document takes seconds); after that they answer empty.
 */
const ASSIST_PATIENCE_MS = 750;

export const featureHandlers: HandlerModule = {
  capabilities(params) {
    const init: unknown = params.initializationOptions;
    const formatting = !(isRecord(init) && init.documentFormatting === false);
    return {
      hoverProvider: true,
      completionProvider: { triggerCharacters: ['/'], resolveProvider: false },
      documentSymbolProvider: true,
      ...(formatting ? { documentFormattingProvider: true } : {}),
    };
  },

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
        if (!analysis) return null; // not a post-mortem: not ours to format
        return formatDocument(analysis.text, { scope: 'timeline', sortByTime: settings.timeline.sortOnFormat }).map((e) => toLspEdit(analysis.lines, e));
      }),
    );
  },
};
