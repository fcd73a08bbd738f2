/**
 * `postmortem/checkWorkspace` (Check Workspace): diagnostics for the post-mortems that are not
 * open, the same findings as `postmortem-lint <folder>`, kept true afterwards (open → live text,
 * close → from disk again, changed or deleted on disk), with work-done progress and cancellation.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CancellationTokenSource, WorkDoneProgress, type PublishDiagnosticsParams, type WorkDoneProgressBegin, type WorkDoneProgressEnd, type WorkDoneProgressReport } from 'vscode-languageserver-protocol';
import { CHECK_WORKSPACE_REQUEST, type CheckWorkspaceResult } from '../../shared/src/protocol';
import { CLI_JS, REPO } from '../helpers/build';
import { tempDir } from '../helpers/fixtures';
import { LspTestClient, fileUri } from '../helpers/lspClient';

interface CliFinding {
  file: string;
  line: number;
  column: number;
  severity: string;
  code: string;
}

const SEVERITY = ['', 'error', 'warning', 'information', 'hint'];
/** `line:column severity code` of each diagnostic, sorted: what the CLI's JSON says too. */
const rows = (p: PublishDiagnosticsParams) => p.diagnostics.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${SEVERITY[d.severity ?? 1]} ${d.code}`).sort();

describe('postmortem/checkWorkspace', () => {
  let ws: ReturnType<typeof tempDir>;
  let client: LspTestClient;
  let draft: string;
  let rules: Record<string, string> = {};

  before(async () => {
    ws = tempDir('pm-checkws-');
    fs.cpSync(path.join(REPO, 'examples'), ws.dir, { recursive: true });
    // Not looked at: a README (not a post-mortem), an ignored file, node_modules, a dot folder.
    fs.writeFileSync(path.join(ws.dir, 'README.md'), '# Governance\n\nNothing to check here.\n');
    for (const rel of ['ignored/post-mortem-old.md', 'node_modules/pkg/post-mortem.md', '.archive/post-mortem.md']) {
      fs.mkdirSync(path.dirname(path.join(ws.dir, rel)), { recursive: true });
      fs.copyFileSync(path.join(REPO, 'examples', 'post-mortems', 'INC-2026-0057-draft.md'), path.join(ws.dir, rel));
    }
    fs.writeFileSync(path.join(ws.dir, '.postmortemignore'), 'ignored/\n');
    draft = path.join(ws.dir, 'post-mortems', 'INC-2026-0057-draft.md');
    client = await LspTestClient.start({ folders: [ws.dir], configuration: () => ({ validation: { delayMs: 0 }, rules }) });
  });
  after(async () => {
    await client?.stop();
    ws?.cleanup();
  });

  it('publishes, for every post-mortem that is not open, what postmortem-lint finds in the folder', async () => {
    const progress: string[] = [];
    const token = 'check-1';
    const sub = client.connection.onProgress(WorkDoneProgress.type, token, (v: WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd) => {
      progress.push(v.kind);
    });
    const result = await client.request<CheckWorkspaceResult>(CHECK_WORKSPACE_REQUEST, { workDoneToken: token }, 30_000);
    sub.dispose();

    const cli = spawnSync(process.execPath, [CLI_JS, '--format', 'json', '.'], { cwd: ws.dir, encoding: 'utf8' });
    assert.ok(cli.status === 0 || cli.status === 1, cli.stderr);
    const findings = JSON.parse(cli.stdout) as CliFinding[];
    const files = [...new Set(findings.map((f) => f.file))].sort();
    assert.ok(files.includes('post-mortems/INC-2026-0057-draft.md'), files.join(', '));
    assert.ok(!files.some((f) => f.startsWith('ignored/') || f.startsWith('node_modules/') || f.startsWith('.archive/')), files.join(', '));

    for (const file of files) {
      const uri = fileUri(path.join(ws.dir, file));
      const published = await client.waitForDiagnostics(uri);
      const expected = findings.filter((f) => f.file === file).map((f) => `${f.line}:${f.column} ${f.severity} ${f.code}`).sort();
      assert.deepEqual(rows(published), expected, file);
      assert.equal(published.version, undefined, 'a file from disk has no version');
      assert.ok(published.diagnostics.every((d) => d.source === 'postmortem' && d.data === undefined), 'no quick fixes for a file that is not open');
    }
    const published = new Set(client.diagnostics.map((p) => p.uri));
    for (const rel of ['README.md', 'ignored/post-mortem-old.md', 'node_modules/pkg/post-mortem.md', '.archive/post-mortem.md']) {
      assert.ok(!published.has(fileUri(path.join(ws.dir, rel))), `nothing published for ${rel}`);
    }

    const count = (s: string) => findings.filter((f) => f.severity === s).length;
    assert.equal(result.errors, count('error'));
    assert.equal(result.warnings, count('warning'));
    assert.equal(result.infos, count('information'));
    assert.ok(result.postmortems >= files.length && result.files > result.postmortems, JSON.stringify(result));
    assert.equal(result.truncated, false);
    assert.deepEqual(result.problems, []);
    assert.equal(progress[0], 'begin');
    assert.equal(progress.at(-1), 'end');
    assert.ok(progress.includes('report'));
  });

  it('an opened file gets its live diagnostics; closed, it gets those from disk again', async () => {
    const { uri } = await client.openFile(draft);
    const live = await client.waitForDiagnostics(uri, (p) => p.version === 1);
    assert.ok(live.diagnostics.some((d) => d.data !== undefined), 'live diagnostics carry their quick fixes');
    const count = client.diagnostics.length;
    await client.close(uri);
    const fromDisk = await client.nextDiagnostics(uri, (p) => p.version === undefined && p.diagnostics.length > 0);
    assert.deepEqual(rows(fromDisk), rows(live));
    assert.ok(client.diagnostics.slice(count).every((p) => p.uri !== uri || p.version === undefined));
  });

  it('a settings change checks the files from disk again', async () => {
    const uri = fileUri(draft);
    const before = client.diagnostics.filter((p) => p.uri === uri).at(-1)!;
    assert.ok(rows(before).some((r) => r.endsWith('warning PM014')), rows(before).join(', '));
    rules = { PM014: 'off' };
    await client.notify('workspace/didChangeConfiguration', { settings: null });
    const after = await client.nextDiagnostics(uri);
    assert.ok(!rows(after).some((r) => r.endsWith(' PM014')), `PM014 is off: ${rows(after).join(', ')}`);
    assert.equal(after.version, undefined);
    rules = {};
  });

  it('a file changed on disk is checked again; a deleted one loses its diagnostics', async () => {
    const uri = fileUri(draft);
    const before = client.diagnostics.filter((p) => p.uri === uri).at(-1)!;
    assert.ok(rows(before).some((r) => r.endsWith(' PM006')), rows(before).join(', '));
    fs.writeFileSync(draft, fs.readFileSync(draft, 'utf8').replace('October 2, 2026', '2026-10-02'));
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 2 }] });
    const changed = await client.nextDiagnostics(uri);
    assert.ok(!rows(changed).some((r) => r.endsWith(' PM006')), `PM006 fixed on disk: ${rows(changed).join(', ')}`);

    fs.rmSync(draft);
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 3 }] });
    const deleted = await client.nextDiagnostics(uri);
    assert.deepEqual(deleted.diagnostics, []);
  });

  it('a post-mortem created on disk after the check gets its diagnostics; an ignored one does not', async () => {
    const created = path.join(ws.dir, 'post-mortems', 'INC-2026-0099-new.md');
    fs.copyFileSync(path.join(REPO, 'examples', 'post-mortems', 'INC-2026-0057-draft.md'), created);
    const ignored = path.join(ws.dir, 'ignored', 'post-mortem-new.md');
    fs.copyFileSync(created, ignored);
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(ignored), type: 1 }, { uri: fileUri(created), type: 1 }] });
    const p = await client.waitForDiagnostics(fileUri(created));
    assert.ok(p.diagnostics.length > 0);
    assert.ok(!client.diagnostics.some((d) => d.uri === fileUri(ignored)), 'the ignored file gets nothing');
  });

  it('is cancellable', async () => {
    const cts = new CancellationTokenSource();
    const pending = client.connection.sendRequest(CHECK_WORKSPACE_REQUEST, {}, cts.token);
    cts.cancel();
    await assert.rejects(pending as Promise<unknown>, (e: { code?: number }) => e.code === -32800);
  });
});
