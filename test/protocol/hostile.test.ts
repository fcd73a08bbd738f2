/**
 * Hostile shapes (issue 16, bench/hostile.ts) over the protocol: each gets its diagnostics and the
 * server still answers a later request. Not timed: the shapes are scaled down so that each runs in
 * a few seconds (the bench runs them at full size); the waits below are liveness bounds, not
 * speed assertions.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { HOSTILE, nestedList } from '../../bench/hostile';
import { memUri, PROTOCOL_FIXTURES } from '../helpers/fixtures';
import { LspTestClient } from '../helpers/lspClient';

/** Scale per shape (index in HOSTILE): small enough for a test, still the shape. */
const SCALE: Record<string, number> = {
  'non-UTC timeline': 0.05,
  'nested list 1,000': 1,
  'nested list 3,000': 0.5,
  'table 100,000 cells': 0.05,
  'fence 50,000 lines': 0.2,
  '10,000 headings': 0.1,
  '2 MB line': 0.06,
  '100,000 link definitions': 0.02,
  '10,000 suppressions': 0.05,
};
const LIVENESS_MS = 120_000;

describe('hostile shapes get an answer and the server stays alive', () => {
  let client: LspTestClient;
  before(async () => {
    client = await LspTestClient.start({ root: PROTOCOL_FIXTURES, configuration: () => ({ validation: { delayMs: 0 } }) });
  });
  after(() => client?.stop());

  for (const shape of HOSTILE) {
    it(`${shape.name}: diagnostics, then a documentSymbol answer`, async () => {
      const uri = memUri(`hostile-${shape.name.replace(/[^a-z0-9]+/gi, '-')}.md`);
      const text = shape.make(SCALE[shape.name] ?? 0.05);
      await client.open(uri, text);
      const p = await client.waitForDiagnostics(uri, (d) => d.version === 1, LIVENESS_MS);
      assert.ok(Array.isArray(p.diagnostics));
      if (shape.name.startsWith('nested') || shape.name === '2 MB line') {
        assert.equal(p.diagnostics.filter((d) => d.code === 'PM026').length, 1, 'one PM026 names the lines not checked');
      }
      const symbols = await client.request<unknown[]>('textDocument/documentSymbol', { textDocument: { uri } }, LIVENESS_MS);
      assert.ok(Array.isArray(symbols) && symbols.length > 0);
      await client.close(uri);
      assert.ok(client.alive);
    });
  }

  it('a close and a newer version cancel the work on a hostile document; other documents are still answered', async () => {
    const big = memUri('hostile-cancel.md');
    const small = memUri('hostile-small.md');
    await client.open(big, nestedList(3000));
    await client.close(big);
    await client.open(big, nestedList(2000), 2);
    await client.change(big, [{ text: nestedList(100) }], 3);
    await client.open(small, nestedList(10));
    const s = await client.waitForDiagnostics(small, (d) => d.version === 1, LIVENESS_MS);
    assert.equal(s.diagnostics.filter((d) => d.code === 'PM026').length, 0);
    const b = await client.waitForDiagnostics(big, (d) => d.version === 3, LIVENESS_MS);
    assert.equal(b.diagnostics.filter((d) => d.code === 'PM026').length, 1);
    await client.close(big);
    await client.close(small);
  });
});
