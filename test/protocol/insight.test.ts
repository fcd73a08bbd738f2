/**
 * Issue 15 over stdio: `postmortem/summary` with `actionItems: true` (the Action Items view) and
 * `postmortem/report` (Export Report), for an open document and a file on disk.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { REPORT_REQUEST, SUMMARY_REQUEST, type CheckedSummary, type ReportResult, type SummaryResult } from '../../shared/src/protocol';
import { COMPLETE, DRAFT, PROTOCOL_FIXTURES, README, lineOf, read } from '../helpers/fixtures';
import { fileUri, LspTestClient } from '../helpers/lspClient';

describe('issue 15: action items and the report over the protocol', () => {
  let client: LspTestClient;
  let draftUri: string;

  before(async () => {
    client = await LspTestClient.start({ root: PROTOCOL_FIXTURES, configuration: () => ({ validation: { delayMs: 0 } }) });
    ({ uri: draftUri } = await client.openFile(DRAFT));
  });
  after(() => client?.stop());

  it('postmortem/summary lists the action items only when asked, each on its row', async () => {
    const plain = (await client.request<SummaryResult>(SUMMARY_REQUEST, { uris: [draftUri] })).summaries[0] as CheckedSummary;
    assert.equal(plain.actionItems, undefined);
    const uris = [draftUri, fileUri(COMPLETE)];
    const result = (await client.request<SummaryResult>(SUMMARY_REQUEST, { uris, actionItems: true })).summaries;
    for (const [i, file] of [DRAFT, COMPLETE].entries()) {
      const s = result[i] as CheckedSummary;
      assert.ok(s.checked && s.actionItems, file);
      const text = read(file);
      for (const item of s.actionItems) {
        assert.equal(text.split(/\r?\n/)[item.line]!.includes(item.action), true, `${file}:${item.line + 1} holds "${item.action}"`);
        assert.equal(typeof item.open, 'boolean');
      }
      assert.equal(s.actionItems.filter((x) => x.open && ['OPEN', 'IN PROGRESS'].includes(x.status ?? '')).length, s.actions.open);
    }
  });

  it('postmortem/report: the Markdown report of the post-mortems among the URIs', async () => {
    const r = await client.request<ReportResult>(REPORT_REQUEST, { uris: [draftUri, fileUri(COMPLETE), fileUri(README)], names: ['draft.md', 'complete.md', 'README.md'] });
    assert.equal(r.postmortems, 2);
    assert.match(r.markdown, /^# Post-mortem report$/m);
    assert.match(r.markdown, /\b2 post-mortems; \d+ action items/);
    assert.match(r.markdown, /^## Open action items by owner$/m);
    assert.ok(lineOf(r.markdown, '## By status') > 0, 'a section per count');
    await assert.rejects(client.request(REPORT_REQUEST, { uris: 'x' }), /expects \{uris/);
  });
});
