/**
 * Navigation between a post-mortem, its evidence and the workspace's other post-mortems:
 * document links (evidence paths, the Incident ID → its evidence folder), workspace symbols (every
 * post-mortem by Incident ID, title, severity and status) and go to definition (an incident ID
 * mentioned in prose opens that post-mortem). The core decides; this module finds files.
 */
import { SymbolKind, type DocumentLink, type Location, type SymbolInformation } from 'vscode-languageserver';
import { LineIndex, describeIncident, documentLinks, incidentIdOf, matchesQuery, tokenAt } from '../core';
import type { HandlerModule, ServerContext } from '../context';
import { toRange } from '../node/lspConvert';
import type { IndexedPostmortem } from '../node/workspaceIndex';
import { isRecord, invalidParams, positionParam, uriParam } from './guard';

/** At most this many workspace symbols in one answer. */
const MAX_SYMBOLS = 1000;

/** The workspace's post-mortems, open documents by their current text. */
async function workspacePostmortems(server: ServerContext): Promise<IndexedPostmortem[]> {
  if (server.root === undefined) return [];
  const settings = await server.settings.fetch(server.host.uriOf(server.root));
  const open = new Map<string, string>();
  for (const doc of server.documents.all()) {
    const p = server.filePathOf(doc.uri);
    if (p !== undefined) open.set(p, doc.getText());
  }
  const templates = settings.enable ? server.templates.resolve(settings.templates, server.root) : [];
  return server.host.workspacePostmortems(server.root, settings.files, (file) => open.get(file), templates);
}

function locationOf(server: ServerContext, pm: IndexedPostmortem): Location {
  return { uri: server.host.uriOf(pm.file), range: toRange(new LineIndex(pm.head), pm.summary.start, pm.summary.end) };
}

export const navigationHandlers: HandlerModule = {
  capabilities: () => ({
    documentLinkProvider: { resolveProvider: false },
    workspaceSymbolProvider: true,
    definitionProvider: true,
  }),

  register(server) {
    const { connection } = server;

    connection.onDocumentLinks(
      server.guard('textDocument/documentLink', async (params: unknown): Promise<DocumentLink[]> => {
        const uri = uriParam(params);
        const { settings, analysis } = await server.current(uri);
        if (!analysis) return [];
        const links = documentLinks(analysis, { root: server.root, evidenceRoot: settings.evidenceRoot, fs: server.host.fs });
        return links.map((l) => ({ range: toRange(analysis.lines, l.start, l.end), target: server.host.uriOf(l.target), tooltip: l.tooltip }));
      }),
    );

    connection.onWorkspaceSymbol(
      server.guard('workspace/symbol', async (params: unknown): Promise<SymbolInformation[]> => {
        const query = isRecord(params) && typeof params.query === 'string' ? params.query : undefined;
        if (query === undefined) throw invalidParams('Expected params.query (a string)');
        const out: SymbolInformation[] = [];
        for (const pm of await workspacePostmortems(server)) {
          const { name, detail } = describeIncident(pm.summary, pm.file.split(/[\\/]/).pop() ?? pm.file);
          if (!matchesQuery(query, name, detail)) continue;
          out.push({ name, kind: SymbolKind.File, location: locationOf(server, pm), containerName: detail });
          if (out.length >= MAX_SYMBOLS) break;
        }
        return out;
      }),
    );

    connection.onDefinition(
      server.guard('textDocument/definition', async (params: unknown): Promise<Location[]> => {
        const uri = uriParam(params);
        const pos = positionParam(params);
        const { analysis } = await server.current(uri);
        if (!analysis) return [];
        const token = tokenAt(analysis.text, analysis.lines.offsetAt(pos));
        if (!token) return [];
        const own = incidentIdOf(analysis);
        if (own && own.id === token.text) {
          // This document's own ID: its header field (from any mention of it).
          if (token.start === own.start) return [];
          return [{ uri, range: toRange(analysis.lines, own.start, own.end) }];
        }
        const self = server.filePathOf(uri);
        return (await workspacePostmortems(server))
          .filter((pm) => pm.summary.id === token.text && pm.file !== self)
          .map((pm) => locationOf(server, pm));
      }),
    );
  },
};
