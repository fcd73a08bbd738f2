/**
 * DocumentSession, the server's per-document state, in plain Node: runs of one version are
 * joined and cached, stale runs are neither cached nor used, a newer schedule or a close makes
 * older work stale.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DEFAULT_SETTINGS, type Analysis, type Settings } from '../../server/src/core';
import { TEMPLATE_1_1 } from '../../server/src/core/template';
import { DocumentSession, type SessionHost } from '../../server/src/session';

const URI = 'file:///ws/post-mortems/INC-1.md';
const SETTINGS: Settings = { ...DEFAULT_SETTINGS, validation: { delayMs: 0 } };

function setup(text = TEMPLATE_1_1) {
  const docs = new Map<string, TextDocument>([[URI, TextDocument.create(URI, 'markdown', 1, text)]]);
  const analyzed: Analysis[] = [];
  const host: SessionHost = {
    document: (uri) => docs.get(uri),
    fetchSettings: async () => SETTINGS,
    analyzeOptions: (_doc, settings) => ({ settings }),
    analyzed: (_uri, a) => void analyzed.push(a),
    failed: (_uri, e) => assert.fail(String(e)),
  };
  const session = new DocumentSession(URI, host);
  return { docs, analyzed, session, doc: () => docs.get(URI)! };
}

test('requests for the version being analysed join its run; the result is cached per version', async () => {
  const { session, doc, analyzed } = setup();
  const settings = await session.settings();
  const [a, b] = await Promise.all([session.analysisFor(doc(), settings, () => false), session.analysisFor(doc(), settings, () => false)]);
  assert.ok(a?.isPostmortem);
  assert.equal(a, b);
  assert.equal(await session.analysisFor(doc(), settings, () => false), a);
  assert.equal(analyzed.length, 1);
  assert.ok(a!.schema, 'the analysis carries its schema');
});

test('a run given up (stale) is neither cached nor returned', async () => {
  const { session, doc, analyzed } = setup();
  const settings = await session.settings();
  assert.equal(await session.analysisFor(doc(), settings, () => true), undefined);
  assert.equal(analyzed.length, 0);
  assert.ok(await session.analysisFor(doc(), settings, () => false));
  assert.equal(analyzed.length, 1);
});

test('a newer schedule makes the older job stale; close makes every job stale', async () => {
  const { session } = setup();
  const stales: (() => boolean)[] = [];
  session.schedule(1, async (stale) => void stales.push(stale));
  await session.settings(); // the job runs once the settings are there (delay 0)
  assert.equal(stales.length, 1);
  assert.equal(stales[0]!(), false);
  session.schedule(1, async (stale) => void stales.push(stale));
  assert.equal(stales[0]!(), true);
  await session.settings();
  assert.equal(stales.length, 2);
  assert.equal(stales[1]!(), false);
  session.close();
  assert.equal(stales[1]!(), true);
});

test('a job for an older version is stale', async () => {
  const { session, docs } = setup();
  const stales: (() => boolean)[] = [];
  session.schedule(1, async (stale) => void stales.push(stale));
  await session.settings();
  docs.set(URI, TextDocument.update(docs.get(URI)!, [{ text: 'x' }], 2));
  assert.equal(stales[0]!(), true);
});

test('current(): the current version and its analysis; undefined once closed', async () => {
  const { session } = setup();
  const c = await session.current();
  assert.equal(c?.doc.version, 1);
  assert.ok(c?.analysis?.isPostmortem);
  session.close();
  assert.equal(await session.current(), undefined);
});

test('current(): not a post-mortem gives no analysis', async () => {
  const { session } = setup('# Notes\n\nJust notes.\n');
  const c = await session.current();
  assert.ok(c);
  assert.equal(c.analysis, undefined);
});
