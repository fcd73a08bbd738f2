/**
 * Diagnostics: every change schedules a validation of that version (debounced by
 * `validation.delayMs`); diagnostics are published with the version they were computed for, and
 * a stale result (a newer version, a newer schedule, a close) is never published. A close clears
 * the document's diagnostics and drops its session; a settings change validates every open
 * document again.
 */
import type { Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { HandlerModule, ServerContext } from '../context';
import { toDiagnostic } from '../node/lspConvert';
import type { DocumentSession } from '../session';
import { describe } from './guard';

async function publish(server: ServerContext, session: DocumentSession, version: number, stale: () => boolean): Promise<void> {
  if (stale()) return;
  const settings = await session.settings();
  const doc = session.document();
  if (!doc || stale()) return; // a newer version has its own run
  const uri = session.uri;
  let diagnostics: Diagnostic[] = [];
  if (settings.enable) {
    const analysis = await session.analysisFor(doc, settings, stale);
    if (stale()) return;
    if (analysis?.isPostmortem) {
      diagnostics = analysis.findings.map((f) => toDiagnostic(f, analysis.lines, uri, version, server.ruleHref));
    }
  }
  if (stale()) return;
  await server.connection.sendDiagnostics({ uri, version, diagnostics });
}

/** Validates `doc`'s version after `validation.delayMs`; a newer version (or a close) cancels older pending work. */
export function scheduleValidation(server: ServerContext, doc: TextDocument): void {
  const session = server.sessions.get(doc.uri);
  const version = doc.version;
  session.schedule(version, (stale) => server.publishing(() => publish(server, session, version, stale)));
}

export const validationHandlers: HandlerModule = {
  register(server) {
    const { connection, documents } = server;

    documents.onDidChangeContent((e) => {
      try {
        scheduleValidation(server, e.document);
      } catch (err) {
        server.log('error', `didChange failed: ${describe(err)}`);
      }
    });

    documents.onDidClose((e) => {
      try {
        const uri = e.document.uri;
        server.sessions.close(uri);
        void connection.sendDiagnostics({ uri, diagnostics: [] }).then(undefined, () => undefined);
      } catch (err) {
        server.log('error', `didClose failed: ${describe(err)}`);
      }
    });

    connection.onDidChangeConfiguration(
      server.guardNotification('didChangeConfiguration', (params) => {
        server.settings.changed(params);
        server.sessions.forgetAll();
        for (const doc of documents.all()) scheduleValidation(server, doc);
        for (const w of server.workspaceWatchers) w.recheckAll?.(); // e.g. the files Check Workspace published from disk
        // Inlay hints and code lenses follow the settings too (postmortem.inlayHints.*).
        const ws = server.clientCapabilities.workspace;
        if (ws?.inlayHint?.refreshSupport) void connection.languages.inlayHint.refresh().catch(() => undefined);
        if (ws?.codeLens?.refreshSupport) void connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
      }),
    );
  },
};
