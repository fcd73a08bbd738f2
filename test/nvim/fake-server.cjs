// A stand-in LSP server for the harness's own test (`node test/nvim/run.mjs --self-test`): on
// didOpen it publishes an empty list, then one PM999 diagnostic on line 1 — so the harness must
// wait for the publication it expects rather than take the first one.
const { createConnection, TextDocumentSyncKind, DiagnosticSeverity } = require('vscode-languageserver/node');

const connection = createConnection(process.stdin, process.stdout);
connection.onInitialize(() => ({
  capabilities: { textDocumentSync: TextDocumentSyncKind.Full },
  serverInfo: { name: 'fake-postmortem-server', version: '0.0.0' },
}));
connection.onDidOpenTextDocument(({ textDocument }) => {
  connection.sendDiagnostics({ uri: textDocument.uri, diagnostics: [] });
  setTimeout(() => {
    connection.sendDiagnostics({
      uri: textDocument.uri,
      diagnostics: [{
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 22 } },
        severity: DiagnosticSeverity.Warning,
        code: 'PM999',
        source: 'fake',
        message: `fake finding for a ${textDocument.languageId} document of ${textDocument.text.length} characters`,
      }],
    });
  }, 50);
});
connection.listen();
