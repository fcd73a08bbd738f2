/**
 * One configuration for editor and CI, and multi-root workspaces: each document is checked
 * against its own workspace folder (evidence paths, `.postmortemrc.json`, templates), the
 * nearest rc file's keys override the editor's settings, and editing it re-checks open documents.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LspTestClient, fileUri } from '../helpers/lspClient';
import { REPO } from '../helpers/core';
import { tempDir } from '../helpers/fixtures';

const FINAL = path.join(REPO, 'examples', 'post-mortems', 'INC-2026-0042-final.md');
const EVIDENCE = path.join(REPO, 'examples', 'governance', 'evidence', 'INC-2026-0042');

/** Folder A holds the incident's evidence; folder B holds only a copy of the post-mortem. */
function twoFolders(): { a: string; b: string; cleanup: () => void } {
  const t = tempDir('pm-multiroot-');
  const a = path.join(t.dir, 'a');
  const b = path.join(t.dir, 'b');
  fs.mkdirSync(path.join(a, 'post-mortems'), { recursive: true });
  fs.mkdirSync(path.join(b, 'post-mortems'), { recursive: true });
  fs.cpSync(EVIDENCE, path.join(a, 'governance', 'evidence', 'INC-2026-0042'), { recursive: true });
  fs.copyFileSync(FINAL, path.join(a, 'post-mortems', 'final.md'));
  fs.copyFileSync(FINAL, path.join(b, 'post-mortems', 'final.md'));
  return { a, b, cleanup: t.cleanup };
}

const codes = (ds: { code?: string | number }[]) => ds.map((d) => String(d.code));

for (const order of ['a first', 'b first'] as const) {
  describe(`multi-root, ${order}`, () => {
    let client: LspTestClient;
    let ws: ReturnType<typeof twoFolders>;
    before(async () => {
      ws = twoFolders();
      const folders = order === 'a first' ? [ws.a, ws.b] : [ws.b, ws.a];
      client = await LspTestClient.start({ folders, configuration: () => ({ validation: { delayMs: 0 } }) });
    });
    after(async () => {
      await client?.stop();
      ws?.cleanup();
    });

    it('a document finds its evidence in its own folder', async () => {
      const { uri } = await client.openFile(path.join(ws.a, 'post-mortems', 'final.md'));
      const { diagnostics } = await client.waitForDiagnostics(uri, (p) => p.version === 1);
      assert.deepEqual(codes(diagnostics).filter((c) => c === 'PM014'), []);
    });

    it('the same document in the other folder misses them (PM014)', async () => {
      const { uri } = await client.openFile(path.join(ws.b, 'post-mortems', 'final.md'));
      const { diagnostics } = await client.waitForDiagnostics(uri, (p) => p.version === 1);
      assert.ok(codes(diagnostics).includes('PM014'));
    });
  });
}

describe('.postmortemrc.json in the language server', () => {
  let client: LspTestClient;
  let ws: ReturnType<typeof twoFolders>;
  before(async () => {
    ws = twoFolders();
    client = await LspTestClient.start({ folders: [ws.b], configuration: () => ({ validation: { delayMs: 0 }, rules: { PM014: 'warning' } }) });
  });
  after(async () => {
    await client?.stop();
    ws?.cleanup();
  });

  it('overrides the editor settings, and editing it re-checks open documents', async () => {
    const { uri } = await client.openFile(path.join(ws.b, 'post-mortems', 'final.md'));
    const first = await client.waitForDiagnostics(uri, (p) => p.version === 1);
    assert.ok(codes(first.diagnostics).includes('PM014'), 'PM014 before the rc file');
    const rc = path.join(ws.b, '.postmortemrc.json');
    fs.writeFileSync(rc, JSON.stringify({ rules: { PM014: 'off' } }));
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(rc), type: 1 }] });
    const second = await client.waitForDiagnostics(uri, (p) => p.version === 1 && !codes(p.diagnostics).includes('PM014'));
    assert.ok(!codes(second.diagnostics).includes('PM014'), 'the rc file turned PM014 off');
  });

  it('a team template named by the rc file checks documents written with it', async () => {
    fs.mkdirSync(path.join(ws.b, 'team'), { recursive: true });
    fs.copyFileSync(path.join(REPO, 'examples', 'templates', 'sre.md'), path.join(ws.b, 'team', 'sre.md'));
    const rc = path.join(ws.b, '.postmortemrc.json');
    fs.writeFileSync(rc, JSON.stringify({ templates: ['team/sre.md'] }));
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(rc), type: 2 }] });
    const file = path.join(ws.b, 'incident.md');
    fs.copyFileSync(path.join(REPO, 'test', 'fixtures', 'templates', 'sre', 'PM004-not-a-choice.md'), file);
    const { uri } = await client.openFile(file);
    const { diagnostics } = await client.waitForDiagnostics(uri, (p) => p.version === 1);
    assert.deepEqual(codes(diagnostics.filter((d) => d.severity === 1)), ['PM004']);
  });
});
