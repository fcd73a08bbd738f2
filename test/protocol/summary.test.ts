/**
 * `postmortem/summary` over stdio: what the client's status bar, Mark Final code lens and
 * Post-Mortems view show, for open documents (current version) and files on disk.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { SUMMARY_REQUEST, type CheckedSummary, type DocumentSummary, type SummaryResult } from '../../shared/src/protocol';
import { REPO } from '../helpers/build';
import { COMPLETE, DRAFT, lineOf, memUri, PROTOCOL_FIXTURES, README, read, textAt } from '../helpers/fixtures';
import { fileUri, LspTestClient } from '../helpers/lspClient';

const FENCED = path.join(REPO, 'test', 'fixtures', 'summary', 'fenced-example-actions.md');

function checked(s: DocumentSummary | undefined): CheckedSummary {
  assert.ok(s?.checked, `checked: ${JSON.stringify(s)}`);
  return s;
}

describe('postmortem/summary', () => {
  let client: LspTestClient;
  let draftUri: string;
  let draftText: string;
  let draftDiagnostics: Diagnostic[];

  before(async () => {
    client = await LspTestClient.start({ root: PROTOCOL_FIXTURES, configuration: () => ({ validation: { delayMs: 0 } }) });
    ({ uri: draftUri, text: draftText } = await client.openFile(DRAFT));
    draftDiagnostics = (await client.waitForDiagnostics(draftUri, (p) => p.version === 1)).diagnostics;
  });
  after(() => client?.stop());

  const summaries = async (uris: string[], blockers?: boolean): Promise<DocumentSummary[]> =>
    (await client.request<SummaryResult>(SUMMARY_REQUEST, { uris, blockers })).summaries;

  it('an open document: its Status (range on the value), error count as published, blockers, action items', async () => {
    const [s] = await summaries([draftUri], true);
    const d = checked(s);
    assert.equal(d.uri, draftUri);
    assert.equal(d.version, 1);
    assert.equal(d.status, 'FINAL');
    assert.equal(d.statusRange?.start.line, lineOf(draftText, '**Status:**'));
    assert.equal(textAt(draftText, d.statusRange!), 'FINAL');
    assert.equal(d.errors, draftDiagnostics.filter((x) => x.severity === 1).length);
    assert.ok(d.errors > 0);
    // One count of blockers: exactly the list Mark Final shows (postmortem.finalBlockers).
    const listed = await client.request<{ blockers: Diagnostic[] }>('workspace/executeCommand', { command: 'postmortem.finalBlockers', arguments: [draftUri] });
    assert.ok(listed.blockers.length > 0);
    assert.equal(d.blockers, listed.blockers.length);
    assert.deepEqual(d.incidentId, { state: 'set', value: 'INC-2026-0928-01' });
    assert.equal(d.timeline?.headerLine, lineOf(draftText, '| Time (UTC)'));
    assert.ok(d.timeline!.lastLine > d.timeline!.headerLine);
    assert.equal(d.timeline?.columns, 3, "the Timeline header's cell count, for Insert Timeline Row");
    assert.equal(typeof d.actions.open, 'number');
  });

  it('follows edits: the version summarised is the current one', async () => {
    const uri = memUri('summary-edit.md');
    const text = read(COMPLETE);
    await client.open(uri, text);
    const before = checked((await summaries([uri]))[0]);
    assert.equal(before.status, 'DRAFT');
    assert.equal(before.errors, 0);
    assert.equal(before.blockers, undefined, 'blockers only when asked');
    const line = lineOf(text, '**Status:**');
    const version = await client.change(uri, [{ range: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } }, text: '**Status:** UNDER REVIEW\n' }]);
    const afterEdit = checked((await summaries([uri]))[0]);
    assert.equal(afterEdit.version, version);
    assert.equal(afterEdit.status, 'UNDER REVIEW');
  });

  it('files that are not open are read from disk; a fenced example table in §7 is not counted', async () => {
    const [fenced, complete, readme, missing] = await summaries([fileUri(FENCED), fileUri(COMPLETE), fileUri(README), fileUri(path.join(PROTOCOL_FIXTURES, 'nope.md'))]);
    const f = checked(fenced);
    assert.equal(f.version, null);
    assert.equal(f.status, 'DRAFT');
    assert.deepEqual(f.actions, { open: 1, overdue: 0 }, 'only the real rows: the fenced example has two open, overdue rows');
    assert.equal(f.statusRange?.start.line, lineOf(read(FENCED), '**Status:**'));
    assert.ok(f.errors > 0);
    assert.equal(checked(complete).errors, 0);
    assert.deepEqual(readme, { uri: fileUri(README), checked: false, reason: 'not a post-mortem' });
    assert.equal(missing?.checked, false);
    assert.match((missing as { reason: string }).reason, /cannot be read/);
  });

  it('bad params are an InvalidParams error, not a crash', async () => {
    await assert.rejects(client.request(SUMMARY_REQUEST, { uris: 'x' }), /expects \{uris/);
    await assert.rejects(client.request(SUMMARY_REQUEST, null), /expects \{uris/);
    assert.deepEqual(await summaries([]), []);
  });
});
