/**
 * Document sync and diagnostics over stdio: what gets published, for which
 * version, and that stale work is never published.
 *
 * Tests named "[core] …" check real findings of the core (draft.md's planted
 * PM005 / PM009 / PM010 / PM012); they fail while `analyze` is a stub and pass
 * once the core lands. The others check the server alone.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { REPO } from '../helpers/build';
import { COMPLETE, DRAFT, lineOf, memUri, PROTOCOL_FIXTURES, read, README, textAt } from '../helpers/fixtures';
import { LspTestClient, fileUri } from '../helpers/lspClient';

const codes = (ds: Diagnostic[]) => ds.map((d) => d.code);

describe('documents and diagnostics', () => {
  let client: LspTestClient;
  const slowUri = memUri('debounce.md');

  before(async () => {
    client = await LspTestClient.start({
      root: PROTOCOL_FIXTURES,
      // A long debounce for one document, immediate validation for the rest.
      configuration: (item) => ({ validation: { delayMs: item.scopeUri === slowUri ? 400 : 0 } }),
    });
  });
  after(() => client?.stop());

  it('a Markdown file that is not a post-mortem gets an empty publish', async () => {
    const { uri } = await client.openFile(README);
    const p = await client.waitForDiagnostics(uri);
    assert.equal(p.version, 1);
    assert.deepEqual(p.diagnostics, []);
  });

  it('a post-mortem gets a publish that carries the document version', async () => {
    const { uri } = await client.openFile(DRAFT);
    const p = await client.waitForDiagnostics(uri);
    assert.equal(p.version, 1);
    assert.ok(Array.isArray(p.diagnostics));
  });

  it('[core] draft.md: PM005, PM009, PM010 and PM012 on the offending values', async () => {
    const uri = fileUri(DRAFT);
    const text = read(DRAFT);
    const { diagnostics } = await client.waitForDiagnostics(uri, (p) => p.version === 1);
    const byCode = (c: string) => diagnostics.filter((d) => d.code === c);

    assert.ok(byCode('PM005').some((d) => textAt(text, d.range).includes('07:52 PDT')), 'PM005 on the PDT time');
    assert.ok(byCode('PM009').some((d) => textAt(text, d.range).includes('6h 30m')), 'PM009 on Total duration');
    assert.ok(
      byCode('PM010').some((d) => d.range.start.line === lineOf(text, 'Alert on three consecutive failed oracle submissions')),
      'PM010 on action item 1',
    );
    const pm012 = byCode('PM012');
    assert.ok(pm012.some((d) => d.range.start.line === lineOf(text, '**Status:**')), 'PM012 on the Status value');
    assert.ok(pm012.some((d) => d.range.start.line === lineOf(text, '| Risk / Compliance |')), 'PM012 on the incomplete row');
    for (const d of [...byCode('PM005'), ...byCode('PM009'), ...byCode('PM010'), ...pm012]) {
      assert.equal(d.severity, 1, `${d.code} is an error`);
    }
  });

  it('[core] every diagnostic has source, code, rule link, data for its version, and a range inside the document', async () => {
    const uri = fileUri(DRAFT);
    const text = read(DRAFT);
    const lines = text.split(/\r\n|\n|\r/);
    const { diagnostics } = await client.waitForDiagnostics(uri, (p) => p.version === 1);
    assert.ok(diagnostics.length > 0, 'draft.md has findings');
    for (const d of diagnostics) {
      assert.equal(d.source, 'postmortem');
      assert.match(String(d.code), /^PM\d{3}$/);
      // The rendered rule page (as SARIF's helpUri), not the raw Markdown of the install folder.
      assert.equal(d.codeDescription?.href, `https://github.com/postmortem-assistant/postmortem-assistant/blob/main/docs/rules/${d.code}.md`);
      assert.ok(fs.existsSync(path.join(REPO, 'docs', 'rules', `${d.code}.md`)), `docs/rules/${d.code}.md exists`);
      const data = d.data as { uri: string; version: number; fixes: unknown[] };
      assert.equal(data.uri, uri);
      assert.equal(data.version, 1);
      assert.ok(Array.isArray(data.fixes));
      for (const pos of [d.range.start, d.range.end]) {
        assert.ok(pos.line < lines.length && pos.character <= lines[pos.line]!.length, `${d.code} range inside the document`);
      }
    }
  });

  it('didChange (incremental) publishes for the new version', async () => {
    const uri = memUri('edit.md');
    const text = read(DRAFT);
    await client.open(uri, text, 1);
    await client.waitForDiagnostics(uri, (p) => p.version === 1);
    const line = lineOf(text, '| Total duration |');
    const col = text.split('\n')[line]!.indexOf('6h 30m');
    const v = await client.change(uri, [
      { range: { start: { line, character: col }, end: { line, character: col + 1 } }, text: '8' },
    ]);
    const p = await client.waitForDiagnostics(uri, (x) => x.version === v);
    assert.equal(p.version, 2);
  });

  it('[core] didChange: fixing Total duration removes PM009 in the new version', async () => {
    const uri = memUri('edit.md');
    const v1 = await client.waitForDiagnostics(uri, (p) => p.version === 1);
    const v2 = await client.waitForDiagnostics(uri, (p) => p.version === 2);
    assert.ok(codes(v1.diagnostics).includes('PM009'));
    assert.ok(!codes(v2.diagnostics).includes('PM009'));
    assert.ok(codes(v2.diagnostics).includes('PM010'), 'the other findings stay');
  });

  it('a newer version cancels pending validation: stale versions are never published', async () => {
    const text = read(DRAFT);
    await client.open(slowUri, text, 1);
    // Three edits in a row, well inside the 400 ms debounce.
    await client.change(slowUri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '' }]);
    const last = await client.change(slowUri, [{ text: text.replace('6h 30m', '8h 30m') }]);
    const p = await client.waitForDiagnostics(slowUri, (x) => x.version === last);
    assert.equal(p.version, 3);
    const published = client.diagnostics.filter((x) => x.uri === slowUri).map((x) => x.version);
    assert.deepEqual(published, [3], 'only the last version is published');
  });

  it('didClose publishes an empty list', async () => {
    const uri = memUri('closing.md');
    await client.open(uri, read(COMPLETE), 1);
    await client.waitForDiagnostics(uri, (p) => p.version === 1);
    const next = client.nextDiagnostics(uri);
    await client.close(uri);
    const p = await next;
    assert.deepEqual(p.diagnostics, []);
  });

  it('[core] complete.md (the same incident, complete) gets no diagnostics', async () => {
    const { uri } = await client.openFile(COMPLETE);
    const p = await client.waitForDiagnostics(uri, (x) => x.version === 1);
    assert.deepEqual(codes(p.diagnostics), []);
  });

  it('CRLF, emoji and no trailing newline: ranges stay inside the document', async () => {
    const uri = memUri('crlf.md');
    const text = read(DRAFT).replace(/\n/g, '\r\n').replace('Oracle price staleness', 'Oracle 🔥 price staleness 价格').trimEnd();
    await client.open(uri, text, 1);
    const p = await client.waitForDiagnostics(uri, (x) => x.version === 1);
    const lines = text.split('\r\n');
    for (const d of p.diagnostics) {
      for (const pos of [d.range.start, d.range.end]) {
        assert.ok(pos.line < lines.length && pos.character <= lines[pos.line]!.length, `${d.code} range inside the document`);
      }
    }
  });

  it('the server is still alive', () => {
    assert.ok(client.alive, client.stderr);
  });
});
