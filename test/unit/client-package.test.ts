/** Client: package.json's contributions (the ids and defaults themselves: shared-drift.test.ts). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CLIENT_COMMANDS as COMMANDS, CONTEXT_KEYS as CONTEXT, TASK_TYPE, VIEW_ID } from '../../shared/src/protocol';
import { lintCommandLine, PROBLEM_PATTERN } from '../../client/src/pure/tasks';
import { DEFAULT_SETTINGS } from '../../shared/src/settings';

const ROOT = path.resolve(__dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const contributes = pkg.contributes;
const nls: Record<string, string> = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.nls.json'), 'utf8'));
/** A package.json string with its `%key%` looked up in package.nls.json. */
const localized = (s: string): string => s.replace(/^%(.+)%$/, (_, key: string) => nls[key] ?? assert.fail(`${key} is in package.nls.json`));

test('every client command is contributed, titled, in the Post-Mortem category, and activates the extension', () => {
  const contributed = new Map<string, { title: string; category: string }>(contributes.commands.map((c: { command: string }) => [c.command, c]));
  for (const id of Object.values(COMMANDS)) {
    const c = contributed.get(id);
    assert.ok(c, `${id} is contributed`);
    assert.ok(localized(c.title));
    assert.equal(localized(c.category), 'Post-Mortem');
    // VS Code >= 1.74 activates on a contributed command by itself.
    assert.ok(!pkg.activationEvents.includes(`onCommand:${id}`), `no onCommand:${id}`);
  }
  assert.equal(contributed.size, Object.values(COMMANDS).length, 'no contributed command without a handler');
  const palette = new Set(contributes.menus.commandPalette.map((m: { command: string }) => m.command));
  for (const id of Object.values(COMMANDS)) assert.ok(palette.has(id), `${id} has a commandPalette when clause`);
});

test('client command ids never clash with the server\'s (vscode-languageclient registers those)', () => {
  for (const id of Object.values(COMMANDS)) assert.ok(!id.startsWith('postmortem.'), id);
});

test('package.nls.json: every %key% of package.json is there, and every key is used', () => {
  const text = fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8');
  const used = new Set([...text.matchAll(/"%([^"%]+)%"/g)].map((m) => m[1]!));
  assert.ok(used.size > 20);
  assert.deepEqual([...used].sort(), Object.keys(nls).sort());
  assert.match(pkg.engines.vscode, /^\^1\.(7[4-9]|[89]\d|\d{3})\./, 'onCommand events are implicit from 1.74');
});

test('the postmortem-lint task: a task type and a problem matcher that reads the CLI\'s text output', () => {
  assert.deepEqual(contributes.taskDefinitions.map((t: { type: string }) => t.type), [TASK_TYPE]);
  const [matcher] = contributes.problemMatchers;
  assert.equal(matcher.name, TASK_TYPE);
  assert.equal(new RegExp(matcher.pattern.regexp).source, PROBLEM_PATTERN.source);
  const m = PROBLEM_PATTERN.exec('post-mortems/INC-2026-0057-draft.md:41:3    error    PM005  Timeline: "08:04 PDT" is not in UTC; expected a UTC time');
  assert.ok(m);
  const { file, line, column, severity, code, message } = matcher.pattern;
  assert.deepEqual([m[file], m[line], m[column], m[severity], m[code], m[message]], ['post-mortems/INC-2026-0057-draft.md', '41', '3', 'error', 'PM005', 'Timeline: "08:04 PDT" is not in UTC; expected a UTC time']);
  assert.equal(PROBLEM_PATTERN.exec('✖ 7 problems (7 errors, 0 warnings) in 1 file'), null, 'the summary line is not a problem');
  assert.deepEqual(lintCommandLine({}), ['--no-color', '.']);
  assert.deepEqual(lintCommandLine({ files: ['post-mortems', 3], args: ['--status-as', 'FINAL'] }), ['--status-as', 'FINAL', '--no-color', 'post-mortems']);
});

test('.vscodeignore keeps the CLI bundle and ajv-formats out', () => {
  const ignore = fs.readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8');
  assert.ok(!/^!dist\/\*\*/m.test(ignore) && !/^!dist\/cli/m.test(ignore), 'dist/cli.js is not re-included');
  assert.ok(/^!dist\/server\.js$/m.test(ignore) && /^!dist\/extension\.js$/m.test(ignore));
  assert.equal(pkg.dependencies['ajv-formats'], undefined);
  assert.equal(pkg.icon, 'images/icon.png');
  assert.ok(fs.existsSync(path.join(ROOT, pkg.icon)) && fs.existsSync(path.join(ROOT, 'CHANGELOG.md')));
});

test('activation: post-mortem paths, Markdown (lazy server start) and the commands — never "*"', () => {
  assert.ok(!pkg.activationEvents.includes('*'));
  assert.ok(!pkg.activationEvents.includes('onStartupFinished'));
  for (const glob of DEFAULT_SETTINGS.files) assert.ok(pkg.activationEvents.includes(`workspaceContains:${glob}`), glob);
  assert.equal(pkg.main, './dist/extension.js');
});

test('settings: every one described, with a default (the defaults themselves: shared-drift.test.ts)', () => {
  const props = contributes.configuration.properties as Record<string, { default: unknown; description?: string; markdownDescription?: string }>;
  for (const [key, p] of Object.entries(props)) {
    assert.ok(p.description || p.markdownDescription, `${key} has a description`);
    assert.ok('default' in p, `${key} has a default`);
  }
  assert.ok(!('postmortem.format.onSave' in props), 'editor.formatOnSave does that');
});

test('untrusted workspaces: the schema, the ID pattern and the templates are restricted', () => {
  const u = pkg.capabilities.untrustedWorkspaces;
  assert.equal(u.supported, 'limited');
  assert.deepEqual(u.restrictedConfigurations, ['postmortem.schema', 'postmortem.incidentIdPattern', 'postmortem.templates']);
});

test('view and snippets contributions', () => {
  const view = contributes.views.explorer.find((v: { id: string }) => v.id === VIEW_ID);
  assert.ok(view);
  assert.equal(view.when, CONTEXT.active);
  for (const s of contributes.snippets) {
    assert.equal(s.language, 'markdown');
    assert.ok(fs.existsSync(path.join(ROOT, s.path)), s.path);
  }
});

test('client/src/pure/ never imports vscode (tested in plain Node)', () => {
  const dir = path.join(ROOT, 'client', 'src', 'pure');
  for (const f of fs.readdirSync(dir)) {
    const text = fs.readFileSync(path.join(dir, f), 'utf8');
    assert.ok(!/from ['"]vscode['"]|require\(['"]vscode['"]\)/.test(text), f);
  }
});
