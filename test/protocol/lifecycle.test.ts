/**
 * The server's robustness and configuration: bad requests get error responses
 * and the server stays up; IPC transport; settings from workspace/configuration
 * or initialization options; untrusted workspaces; a broken team schema.
 *
 * Tests named "[core] …" need real findings of the core.
 */
import assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { IPCMessageReader, IPCMessageWriter, createMessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic, DocumentSymbol, InitializeResult } from 'vscode-languageserver-protocol';
import { SERVER_JS, ensureBuilt } from '../helpers/build';
import { BROKEN_SCHEMA, COMPLETE, DRAFT, memUri, PROTOCOL_FIXTURES, read } from '../helpers/fixtures';
import { CLIENT_CAPABILITIES, LspTestClient } from '../helpers/lspClient';

const codes = (ds: Diagnostic[]) => ds.map((d) => d.code);

async function rejectsWith(p: Promise<unknown>, code: number): Promise<void> {
  await assert.rejects(p, (e: { code?: number; message?: string }) => {
    assert.equal(e.code, code, `error code (${e.message})`);
    return true;
  });
}

describe('bad input gets error responses, never a crash', () => {
  let client: LspTestClient;
  let uri: string;
  before(async () => {
    client = await LspTestClient.start({ root: PROTOCOL_FIXTURES, configuration: () => ({ validation: { delayMs: 0 } }) });
    ({ uri } = await client.openFile(DRAFT));
    await client.waitForDiagnostics(uri, (p) => p.version === 1);
  });
  after(() => client?.stop());

  const METHOD_NOT_FOUND = -32601;
  const INVALID_PARAMS = -32602;
  const zero = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

  it('an unknown method', () => rejectsWith(client.request('postmortem/nonsense', {}), METHOD_NOT_FOUND));

  it('codeAction for a document that is not open', () =>
    rejectsWith(
      client.request('textDocument/codeAction', { textDocument: { uri: 'file:///nowhere/x.md' }, range: zero, context: { diagnostics: [] } }),
      INVALID_PARAMS,
    ));

  it('codeAction without a context', () =>
    rejectsWith(client.request('textDocument/codeAction', { textDocument: { uri }, range: zero }), INVALID_PARAMS));

  it('hover with empty params', () => rejectsWith(client.request('textDocument/hover', {}), INVALID_PARAMS));

  it('completion with a malformed position', () =>
    rejectsWith(client.request('textDocument/completion', { textDocument: { uri }, position: { line: 'one' } }), INVALID_PARAMS));

  it('documentSymbol with null params', () => rejectsWith(client.request('textDocument/documentSymbol', null), INVALID_PARAMS));

  it('executeCommand: unknown command, bad arguments, unopened document', async () => {
    await rejectsWith(client.request('workspace/executeCommand', { command: 'postmortem.nonsense', arguments: [] }), INVALID_PARAMS);
    await rejectsWith(client.request('workspace/executeCommand', { command: 'postmortem.markFinal', arguments: [42] }), INVALID_PARAMS);
    await rejectsWith(client.request('workspace/executeCommand', { command: 'postmortem.markFinal' }), INVALID_PARAMS);
    await rejectsWith(
      client.request('workspace/executeCommand', { command: 'postmortem.markFinal', arguments: ['file:///nowhere/x.md'] }),
      INVALID_PARAMS,
    );
    await rejectsWith(
      client.request('workspace/executeCommand', { command: 'postmortem.formatTimeline', arguments: [uri, 'sorted please'] }),
      INVALID_PARAMS,
    );
    await rejectsWith(
      client.request('workspace/executeCommand', { command: 'postmortem.formatTimeline', arguments: [uri, { sortByTime: 'yes' }] }),
      INVALID_PARAMS,
    );
  });

  it('malformed notifications are survived', async () => {
    await client.notify('textDocument/didOpen', { textDocument: { uri: 42 } });
    await client.notify('textDocument/didChange', { textDocument: { uri: 'file:///never-opened.md', version: 3 }, contentChanges: [{ text: 'x' }] });
    await client.notify('textDocument/didClose', {});
    await client.notify('workspace/didChangeConfiguration', 'nonsense');
    await client.notify('postmortem/unknownNotification', { x: 1 });
  });

  it('positions outside the document are clamped, not a crash', async () => {
    const r = await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 99999, character: 99999 } });
    assert.ok(r === null || typeof r === 'object');
    await client.request('textDocument/completion', { textDocument: { uri }, position: { line: -5, character: -1 } });
  });

  it('the server is still alive and answers', async () => {
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.ok(Array.isArray(symbols));
    assert.ok(client.alive, client.stderr);
  });
});

describe('IPC transport', () => {
  it('initializes over --node-ipc', async () => {
    await ensureBuilt();
    const child = fork(SERVER_JS, ['--node-ipc'], { silent: true });
    const conn = createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    conn.listen();
    try {
      const r = (await conn.sendRequest('initialize', {
        processId: process.pid,
        rootUri: null,
        capabilities: CLIENT_CAPABILITIES(true),
      })) as InitializeResult;
      assert.equal((r.capabilities.textDocumentSync as { change: number }).change, 2);
      await conn.sendRequest('shutdown');
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      await conn.sendNotification('exit');
      assert.equal(await exited, 0);
    } finally {
      conn.dispose();
      if (child.exitCode === null) child.kill();
    }
  });
});

describe('settings', () => {
  it('postmortem.enable = false publishes an empty list', async () => {
    await LspTestClient.using({ root: PROTOCOL_FIXTURES, configuration: () => ({ enable: false, validation: { delayMs: 0 } }) }, async (client) => {
      const { uri } = await client.openFile(DRAFT);
      const p = await client.waitForDiagnostics(uri);
      assert.equal(p.version, 1);
      assert.deepEqual(p.diagnostics, []);
      assert.ok(client.configurationRequests.some((r) => r.items.some((i) => i.section === 'postmortem' && i.scopeUri === uri)));
    });
  });

  it('without workspace/configuration, initialization options are the settings', async () => {
    await LspTestClient.using({
      root: PROTOCOL_FIXTURES,
      configurationCapability: false,
      initializationOptions: { postmortem: { enable: false, validation: { delayMs: 0 } } },
    }, async (client) => {
      const { uri } = await client.openFile(DRAFT);
      const p = await client.waitForDiagnostics(uri);
      assert.deepEqual(p.diagnostics, []);
      assert.equal(client.configurationRequests.length, 0);
    });
  });

  it('[core] initialization options: rules turn a code off', async () => {
    await LspTestClient.using({
      root: PROTOCOL_FIXTURES,
      configurationCapability: false,
      initializationOptions: { postmortem: { rules: { PM009: 'off' }, validation: { delayMs: 0 } } },
    }, async (client) => {
      const { uri } = await client.openFile(DRAFT);
      const p = await client.waitForDiagnostics(uri);
      assert.ok(!codes(p.diagnostics).includes('PM009'));
      assert.ok(codes(p.diagnostics).includes('PM010'));
    });
  });

  it('[core] didChangeConfiguration re-validates open documents', async () => {
    let enable = true;
    await LspTestClient.using({ root: PROTOCOL_FIXTURES, configuration: () => ({ enable, validation: { delayMs: 0 } }) }, async (client) => {
      const { uri } = await client.openFile(DRAFT);
      const first = await client.waitForDiagnostics(uri);
      assert.ok(first.diagnostics.length > 0);
      enable = false;
      const next = client.nextDiagnostics(uri);
      await client.notify('workspace/didChangeConfiguration', { settings: null });
      const p = await next;
      assert.equal(p.version, 1);
      assert.deepEqual(p.diagnostics, []);
    });
  });
});

describe('workspace trust and team schemas', () => {
  const workspaceSettings = { validation: { delayMs: 0 }, incidentIdPattern: '^PM-[0-9]+$', schema: path.basename(BROKEN_SCHEMA) };

  it('trusted: a broken team schema gives one error message naming the file, once', async () => {
    await LspTestClient.using({ root: PROTOCOL_FIXTURES, configuration: () => workspaceSettings }, async (client) => {
      const { uri } = await client.openFile(DRAFT);
      await client.waitForDiagnostics(uri);
      const other = memUri('second.md');
      await client.open(other, read(COMPLETE), 1);
      await client.waitForDiagnostics(other);
      const errors = client.messages.filter((m) => m.type === 1);
      assert.equal(errors.length, 1, JSON.stringify(client.messages));
      assert.match(errors[0]!.message, /broken-schema\.json/);
    });
  });

  it('[core] trusted: the bundled schema stays in force and the workspace pattern applies (PM019)', async () => {
    await LspTestClient.using({ root: PROTOCOL_FIXTURES, configuration: () => workspaceSettings }, async (client) => {
      const { uri } = await client.openFile(DRAFT);
      const p = await client.waitForDiagnostics(uri);
      assert.ok(codes(p.diagnostics).includes('PM009'), 'findings of the bundled schema');
      assert.ok(codes(p.diagnostics).includes('PM019'), 'INC-2026-0928-01 does not match ^PM-[0-9]+$');
    });
  });

  it('untrusted: workspace schema and incidentIdPattern are ignored', async () => {
    await LspTestClient.using({
      root: PROTOCOL_FIXTURES,
      initializationOptions: { trusted: false },
      configuration: () => workspaceSettings,
    }, async (client) => {
      const { uri } = await client.openFile(DRAFT);
      const p = await client.waitForDiagnostics(uri);
      assert.ok(!codes(p.diagnostics).includes('PM019'), 'the default pattern is used');
      assert.deepEqual(client.messages.filter((m) => m.type === 1), [], 'no schema error: the schema setting is not read');
    });
  });
});
