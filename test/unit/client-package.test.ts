/** Client: package.json's contributions agree with the code (client/src/ids.ts) and the core's settings. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_SETTINGS } from '../../server/src/core';
import { COMMANDS, CONTEXT, VIEW_ID } from '../../client/src/ids';

const ROOT = path.resolve(__dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const contributes = pkg.contributes;

test('every client command is contributed, titled, in the Post-Mortem category, and activates the extension', () => {
  const contributed = new Map<string, { title: string; category: string }>(contributes.commands.map((c: { command: string }) => [c.command, c]));
  for (const id of Object.values(COMMANDS)) {
    const c = contributed.get(id);
    assert.ok(c, `${id} is contributed`);
    assert.ok(c.title);
    assert.equal(c.category, 'Post-Mortem');
    assert.ok(pkg.activationEvents.includes(`onCommand:${id}`), `onCommand:${id}`);
  }
  assert.equal(contributed.size, Object.values(COMMANDS).length, 'no contributed command without a handler');
  const palette = new Set(contributes.menus.commandPalette.map((m: { command: string }) => m.command));
  for (const id of Object.values(COMMANDS)) assert.ok(palette.has(id), `${id} has a commandPalette when clause`);
});

test('client command ids never clash with the server\'s (vscode-languageclient registers those)', () => {
  for (const id of Object.values(COMMANDS)) assert.ok(!id.startsWith('postmortem.'), id);
});

test('activation: post-mortem paths, Markdown (lazy server start) and the commands — never "*"', () => {
  assert.ok(!pkg.activationEvents.includes('*'));
  assert.ok(!pkg.activationEvents.includes('onStartupFinished'));
  for (const glob of DEFAULT_SETTINGS.files) assert.ok(pkg.activationEvents.includes(`workspaceContains:${glob}`), glob);
  assert.equal(pkg.main, './dist/extension.js');
});

test('settings: every one described, defaults equal to the core\'s', () => {
  const props = contributes.configuration.properties as Record<string, { default: unknown; description?: string; markdownDescription?: string }>;
  for (const [key, p] of Object.entries(props)) {
    assert.ok(p.description || p.markdownDescription, `${key} has a description`);
    assert.ok('default' in p, `${key} has a default`);
  }
  const d = DEFAULT_SETTINGS;
  assert.deepEqual(props['postmortem.enable']!.default, d.enable);
  assert.deepEqual(props['postmortem.files']!.default, d.files);
  assert.deepEqual(props['postmortem.incidentIdPattern']!.default, d.incidentIdPattern);
  assert.deepEqual(props['postmortem.breakerTriggers']!.default, d.breakerTriggers);
  assert.deepEqual(props['postmortem.rules']!.default, d.rules);
  assert.deepEqual(props['postmortem.schema']!.default, d.schema);
  assert.deepEqual(props['postmortem.evidenceRoot']!.default, d.evidenceRoot);
  assert.deepEqual(props['postmortem.validation.delayMs']!.default, d.validation.delayMs);
  assert.deepEqual(props['postmortem.timeline.sortOnFormat']!.default, d.timeline.sortOnFormat);
  for (const k of ['totalDuration', 'timeline', 'summary'] as const) assert.deepEqual(props[`postmortem.inlayHints.${k}`]!.default, d.inlayHints[k]);
  assert.deepEqual(props['postmortem.newFileFolder']!.default, 'post-mortems');
  assert.ok(!('postmortem.format.onSave' in props), 'editor.formatOnSave does that');
  const levels = (props['postmortem.rules'] as unknown as { additionalProperties: { enum: string[] } }).additionalProperties.enum;
  assert.deepEqual([...levels].sort(), ['error', 'hint', 'information', 'off', 'warning']);
});

test('untrusted workspaces: the schema, the ID pattern and the templates are restricted', () => {
  const u = pkg.capabilities.untrustedWorkspaces;
  assert.equal(u.supported, 'limited');
  assert.deepEqual(u.restrictedConfigurations, ['postmortem.schema', 'postmortem.incidentIdPattern', 'postmortem.templates']);
});

test('view, snippets and fix-all contributions', () => {
  const view = contributes.views.explorer.find((v: { id: string }) => v.id === VIEW_ID);
  assert.ok(view);
  assert.equal(view.when, CONTEXT.active);
  for (const s of contributes.snippets) {
    assert.equal(s.language, 'markdown');
    assert.ok(fs.existsSync(path.join(ROOT, s.path)), s.path);
  }
  const kinds = contributes.codeActions.flatMap((c: { actions: { kind: string }[] }) => c.actions.map((a) => a.kind));
  assert.deepEqual(kinds, ['source.fixAll.postmortem']);
});

test('client/src/pure/ never imports vscode (tested in plain Node)', () => {
  const dir = path.join(ROOT, 'client', 'src', 'pure');
  for (const f of fs.readdirSync(dir)) {
    const text = fs.readFileSync(path.join(dir, f), 'utf8');
    assert.ok(!/from ['"]vscode['"]|require\(['"]vscode['"]\)/.test(text), f);
  }
});
