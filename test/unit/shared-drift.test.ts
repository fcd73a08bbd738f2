/**
 * The shared layer (shared/src/) is the one definition of what the client, the server and
 * package.json must agree on. This test fails when they drift apart, when a copy of a shared
 * constant appears again in client/src or server/src, or when shared/src imports anything.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CodeActionKind } from 'vscode-languageserver';
import {
  ACTION_ITEMS_VIEW_ID,
  CHECK_WORKSPACE_REQUEST,
  CLIENT_COMMANDS,
  CONTEXT_KEYS,
  DIAGNOSTIC_SOURCE,
  FIX_ALL_KIND,
  SERVER_COMMANDS,
  SUMMARY_REQUEST,
  VIEW_ID,
} from '../../shared/src/protocol';
import { CLIENT_DEFAULT_SETTINGS, CONFIG_SECTION, DEFAULT_SETTINGS, RULE_LEVELS } from '../../shared/src/settings';
import { ACTION_STATUSES, DOCUMENT_STATUSES } from '../../shared/src/status';
import { CHOICES } from '../../server/src/core/view';
import { FIX_ALL_KIND as SERVER_FIX_ALL_KIND, SOURCE } from '../../server/src/node/lspConvert';

const ROOT = path.resolve(__dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const contributes = pkg.contributes;

function tsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...tsFiles(p));
    else if (e.name.endsWith('.ts')) out.push(p);
  }
  return out;
}

/** The code of a file without its comments (block comments and whole-line `//` comments). */
function codeOf(file: string): string {
  return fs
    .readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .split('\n')
    .filter((l) => !/^\s*\/\//.test(l))
    .join('\n');
}

test('shared/src imports nothing but itself: no node:, vscode, LSP library or luxon', () => {
  const files = tsFiles(path.join(ROOT, 'shared', 'src'));
  assert.ok(files.length >= 3);
  for (const f of files) {
    for (const m of codeOf(f).matchAll(/\bfrom\s+['"]([^'"]+)['"]|\brequire\(\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]/g)) {
      const spec = m[1] ?? m[2] ?? m[3]!;
      assert.ok(spec.startsWith('./'), `${path.relative(ROOT, f)} imports ${spec}`);
    }
  }
});

test('package.json commands, view, context keys and fix-all kind are the shared ones', () => {
  const ids = contributes.commands.map((c: { command: string }) => c.command).sort();
  assert.deepEqual(ids, Object.values(CLIENT_COMMANDS).sort());
  assert.deepEqual(contributes.views.explorer.map((v: { id: string }) => v.id), [VIEW_ID, ACTION_ITEMS_VIEW_ID]);
  const whens = JSON.stringify([contributes.menus, contributes.views]);
  for (const key of whens.match(/postmortemAssistant\.\w+/g) ?? []) {
    assert.ok(
      (Object.values(CONTEXT_KEYS) as string[]).includes(key) || (Object.values(CLIENT_COMMANDS) as string[]).includes(key) || key === VIEW_ID || key === ACTION_ITEMS_VIEW_ID,
      `${key} in a when clause is a shared id`,
    );
  }
  const kinds = contributes.codeActions.flatMap((c: { actions: { kind: string }[] }) => c.actions.map((a) => a.kind));
  assert.deepEqual(kinds, [FIX_ALL_KIND]);
  assert.equal(FIX_ALL_KIND, `${CodeActionKind.SourceFixAll}.${DIAGNOSTIC_SOURCE}`, 'the fix-all kind is source.fixAll.<source>');
  assert.equal(SERVER_FIX_ALL_KIND, FIX_ALL_KIND);
  assert.equal(SOURCE, DIAGNOSTIC_SOURCE);
  for (const id of Object.values(CLIENT_COMMANDS)) assert.ok(!(Object.values(SERVER_COMMANDS) as string[]).includes(id), `${id} differs from the server's`);
});

test('package.json configuration defaults are the shared settings', () => {
  const props = contributes.configuration.properties as Record<string, { default: unknown; additionalProperties?: { enum: string[] } }>;
  const shared: Record<string, unknown> = {};
  const flatten = (o: Record<string, unknown>, prefix: string): void => {
    for (const [k, v] of Object.entries(o)) {
      if (typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length > 0) flatten(v as Record<string, unknown>, `${prefix}${k}.`);
      else shared[`${prefix}${k}`] = v;
    }
  };
  flatten({ ...DEFAULT_SETTINGS, ...CLIENT_DEFAULT_SETTINGS }, `${CONFIG_SECTION}.`);
  // What VS Code handles itself: format on save is editor.formatOnSave; trace is vscode-languageclient's.
  delete shared[`${CONFIG_SECTION}.format.onSave`];
  const contributed = Object.keys(props).filter((k) => k !== `${CONFIG_SECTION}.trace.server`);
  assert.deepEqual(contributed.sort(), Object.keys(shared).sort(), 'every shared setting is contributed, nothing else');
  for (const key of contributed) assert.deepEqual(props[key]!.default, shared[key], key);
  assert.deepEqual([...props[`${CONFIG_SECTION}.rules`]!.additionalProperties!.enum].sort(), [...RULE_LEVELS].sort());
  assert.ok(Object.keys(props).every((k) => k.startsWith(`${CONFIG_SECTION}.`)));
  for (const glob of DEFAULT_SETTINGS.files) assert.ok(pkg.activationEvents.includes(`workspaceContains:${glob}`), glob);
});

test('the core reads the shared status vocabulary', () => {
  assert.equal(CHOICES.status, DOCUMENT_STATUSES);
  assert.equal(CHOICES.actionStatus, ACTION_STATUSES);
});

test('no copy of a shared constant in client/src or server/src', () => {
  const literals = [
    DEFAULT_SETTINGS.evidenceRoot,
    DEFAULT_SETTINGS.incidentIdPattern,
    ...DEFAULT_SETTINGS.files,
    FIX_ALL_KIND,
    SUMMARY_REQUEST,
    CHECK_WORKSPACE_REQUEST,
    VIEW_ID,
    ACTION_ITEMS_VIEW_ID,
    ...Object.values(SERVER_COMMANDS),
    ...Object.values(CLIENT_COMMANDS),
    ...Object.values(CONTEXT_KEYS),
  ];
  const found: string[] = [];
  for (const dir of ['client/src', 'server/src']) {
    for (const f of tsFiles(path.join(ROOT, dir))) {
      const code = codeOf(f);
      for (const lit of literals) {
        for (const q of ["'", '"', '`']) {
          if (code.includes(`${q}${lit}${q}`)) found.push(`${path.relative(ROOT, f)}: ${q}${lit}${q}`);
        }
      }
      if (/(['"`])(DRAFT|UNDER REVIEW|FINAL|OPEN|IN PROGRESS|DONE|WONTFIX)\1\s*,\s*(['"`])(DRAFT|UNDER REVIEW|FINAL|OPEN|IN PROGRESS|DONE|WONTFIX)\3/.test(code)) {
        found.push(`${path.relative(ROOT, f)}: a list of status values (shared/src/status.ts has them)`);
      }
    }
  }
  assert.deepEqual(found, []);
});

test('the client keeps no Markdown reader and no copy of the ids', () => {
  for (const gone of ['client/src/ids.ts', 'client/src/pure/markdown.ts', 'client/src/pure/summary.ts']) {
    assert.ok(!fs.existsSync(path.join(ROOT, gone)), `${gone} is gone`);
  }
});
