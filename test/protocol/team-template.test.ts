/**
 * A team template picked up by the language server from `postmortem.templates`
 * (workspace/configuration and initialization options): the document's
 * diagnostics follow it, and Mark Final sets the team's final status.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LspTestClient, fileUri } from '../helpers/lspClient';
import { REPO } from '../helpers/core';

const VALID = path.join(REPO, 'test', 'fixtures', 'templates', 'sre', 'valid.md');
const EMPTY_OWNER = path.join(REPO, 'test', 'fixtures', 'templates', 'sre', 'PM010-empty-owner.md');
const SETTINGS = { validation: { delayMs: 0 }, templates: ['examples/templates/sre.md'] };

for (const how of ['workspace/configuration', 'initialization options'] as const) {
  describe(`team template from ${how}`, () => {
    let client: LspTestClient;
    before(async () => {
      client = await LspTestClient.start(how === 'workspace/configuration'
        ? { root: REPO, configuration: () => SETTINGS }
        : { root: REPO, configurationCapability: false, initializationOptions: { postmortem: SETTINGS } });
    });
    after(() => client?.stop());

    it('checks a document written with it: an empty owner is PM010 on its cell', async () => {
      const { uri, text } = await client.openFile(EMPTY_OWNER);
      const { diagnostics } = await client.waitForDiagnostics(uri, (p) => p.version === 1);
      const loud = diagnostics.filter((d) => d.severity === 1 || d.severity === 2);
      assert.deepEqual(loud.map((d) => d.code), ['PM010']);
      assert.equal(loud[0]!.range.start.line, text.split('\n').findIndex((l) => l.startsWith('| Add a connection-limit check')));
    });

    it('Mark Final sets the team\'s final status', async () => {
      const text = fs.readFileSync(VALID, 'utf8').replace('**Status:** Published', '**Status:** In review');
      const uri = `${fileUri(VALID)}?mark-final`;
      await client.open(uri, text, 1);
      await client.waitForDiagnostics(uri, (p) => p.version === 1);
      const r = await client.request('workspace/executeCommand', { command: 'postmortem.markFinal', arguments: [uri] });
      assert.deepEqual(r, { applied: true });
      const edit = client.appliedEdits.at(-1)!.edit;
      const changes = edit.documentChanges?.[0] as { edits: { newText: string }[] } | undefined;
      assert.equal(changes?.edits[0]?.newText ?? edit.changes?.[uri]?.[0]?.newText, 'Published');
    });
  });
}
