/**
 * The web extension's pure pieces (docs/web.md): URI paths behave as node:path's posix ones, the
 * core lists every evidence path an analysis asks about, the web host answers the core from what it
 * fetched through the client (and asks again only for what it does not know), the rc file is found
 * and read through the client, and git's user.name is read from a config file's text.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, evidenceFileQueries, type AnalyzeOptions } from '../../server/src/core';
import { browserHost } from '../../server/src/browser/host';
import { joinUri, splitUri, uriPath } from '../../server/src/browser/uriPath';
import { gitConfigUserName } from '../../client/src/pure/gitConfig';
import { FS_READ_FILE_REQUEST, FS_STAT_REQUEST } from '../../shared/src/protocol';
import { EXAMPLES, options } from '../helpers/core';

const DRAFT = fs.readFileSync(path.join(EXAMPLES, 'post-mortems', 'INC-2026-0057-draft.md'), 'utf8');
const FINAL = fs.readFileSync(path.join(EXAMPLES, 'post-mortems', 'INC-2026-0042-final.md'), 'utf8');

test('URI paths: resolve, dirname, relative and join agree with node:path.posix', () => {
  const cases: [string, string][] = [
    ['/acme/repo', 'governance/evidence'],
    ['/acme/repo/', './a/../b'],
    ['/acme/repo', '/abs/x.json'],
    ['/', 'x'],
    ['/a/b', '../../../c'],
  ];
  for (const [a, b] of cases) {
    assert.equal(uriPath.resolve(a, b), path.posix.resolve(a, b), `resolve(${a}, ${b})`);
    assert.equal(uriPath.join(a, b), path.posix.join(a, b), `join(${a}, ${b})`);
  }
  for (const p of ['/a/b/c.md', '/a', '/', '/a/b/']) assert.equal(uriPath.dirname(p), path.posix.dirname(p), `dirname(${p})`);
  for (const [a, b] of [['/a/b', '/a/b/c/d'], ['/a/b', '/a/x'], ['/a', '/a'], ['/a/b/c', '/a']]) {
    assert.equal(uriPath.relative(a!, b!), path.posix.relative(a!, b!), `relative(${a}, ${b})`);
  }
});

test('URIs: a path and back, with the scheme and authority of the workspace', () => {
  const uri = 'vscode-vfs://github/acme/gov%20docs/post-mortems/INC-1.md';
  assert.deepEqual(splitUri(uri), { scheme: 'vscode-vfs', authority: 'github', path: '/acme/gov docs/post-mortems/INC-1.md' });
  assert.equal(joinUri('vscode-vfs', 'github', '/acme/gov docs/post-mortems/INC-1.md'), uri);
  assert.equal(splitUri('untitled:Untitled-1'), undefined);
  assert.equal(splitUri('file:///c%3A/x.md')?.path, '/c:/x.md');
});

test('evidenceFileQueries lists every path PM014 and the links ask about, under the root', () => {
  const root = '/acme/governance';
  const a = analyze(DRAFT, { ...options(), root, fs: undefined });
  const asked = new Set<string>();
  analyze(DRAFT, { ...options(), root, fs: { exists: (p) => (asked.add(p), false), realpath: (p) => (asked.add(p), undefined) } });
  const listed = evidenceFileQueries(a, root, 'governance/evidence');
  assert.ok(listed.length > 0);
  for (const p of listed) assert.ok(p.startsWith(`${root}/`), p);
  // Every path the rules asked (but the root's own realpath) is listed.
  for (const p of asked) if (p !== root) assert.ok(listed.includes(p), `not listed: ${p}`);
  assert.ok(listed.includes(`${root}/governance/evidence/INC-2026-0057`), 'the Incident ID folder (document links)');
});

/** A client in memory: the examples under vscode-vfs://github/acme/governance. */
function fakeClient() {
  const calls: { method: string; params: unknown }[] = [];
  const files = new Map<string, string>();
  const walk = (dir: string, rel: string) => {
    for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(dir, r);
      else files.set(`/acme/governance/${r}`, fs.readFileSync(path.join(dir, r), 'utf8'));
    }
  };
  walk(EXAMPLES, '');
  const isDir = (p: string) => [...files.keys()].some((f) => f.startsWith(`${p}/`));
  const connection = {
    sendRequest: async (method: string, params: { uris?: string[]; uri?: string }) => {
      calls.push({ method, params });
      if (method === FS_STAT_REQUEST) {
        return {
          stats: params.uris!.map((u) => {
            const p = splitUri(u)!.path;
            return files.has(p) ? { type: 'file', mtime: 1, size: files.get(p)!.length } : isDir(p) ? { type: 'directory', mtime: 1, size: 0 } : null;
          }),
        };
      }
      if (method === FS_READ_FILE_REQUEST) {
        const p = splitUri(params.uri!)!.path;
        return { text: files.get(p) ?? null };
      }
      throw new Error(method);
    },
  };
  return { calls, files, connection };
}

test('the web host: evidence existence fetched once after an analysis, then answered synchronously', async () => {
  const { calls, connection } = fakeClient();
  const host = browserHost(connection as never);
  host.setFolders!(['vscode-vfs://github/acme/governance']);
  const root = '/acme/governance';
  const opts: AnalyzeOptions = { ...options(), root, fs: host.fs };
  const first = analyze(FINAL, opts);
  assert.ok(first.findings.some((f) => f.code === 'PM014'), 'nothing known yet: the evidence files look missing');
  assert.equal(await host.settle!(first, opts), true, 'the answers change the analysis');
  assert.equal(calls.filter((c) => c.method === FS_STAT_REQUEST).length, 1, 'one batched stat');
  assert.ok((calls[0]!.params as { uris: string[] }).uris.every((u) => u.startsWith('vscode-vfs://github/acme/governance/')));
  const second = analyze(FINAL, opts);
  assert.deepEqual(second.findings.filter((f) => f.code === 'PM014'), [], 'the evidence files exist');
  assert.equal(await host.settle!(second, opts), false, 'fresh answers: nothing asked again');
  assert.equal(calls.length, 1);
  assert.equal(host.uriOf('/acme/governance/post-mortems/a b.md'), 'vscode-vfs://github/acme/governance/post-mortems/a%20b.md');
});

test('the web host: a client that does not answer the file requests gets no false PM014, and one log line', async () => {
  const logged: string[] = [];
  const host = browserHost({ sendRequest: async () => Promise.reject(new Error('Unhandled method postmortem/fs/stat')) } as never, (m) => logged.push(m));
  host.setFolders!(['vscode-vfs://github/acme/governance']);
  const opts: AnalyzeOptions = { ...options(), root: '/acme/governance', fs: host.fs };
  const first = analyze(FINAL, opts);
  assert.equal(await host.settle!(first, opts), true, 'analyse again: nothing is known to be missing');
  assert.deepEqual(analyze(FINAL, opts).findings.filter((f) => f.code === 'PM014'), []);
  assert.equal(await host.createRcReader(() => undefined)('/acme/governance/x.md', '/acme/governance'), undefined);
  assert.equal(logged.length, 1, logged.join('\n'));
});

test('the web host: the nearest .postmortemrc.json is found and read through the client', async () => {
  const { calls, files, connection } = fakeClient();
  const host = browserHost(connection as never);
  host.setFolders!(['vscode-vfs://github/acme/governance']);
  const warnings: string[] = [];
  const read = host.createRcReader((m) => warnings.push(m));
  const rc = await read('/acme/governance/sre-post-mortems/checkout-latency.md', '/acme/governance');
  assert.deepEqual(rc?.raw, { templates: ['templates/sre.md'] });
  assert.equal(rc?.file, '/acme/governance/.postmortemrc.json');
  assert.deepEqual(warnings, []);
  const stat = calls.find((c) => c.method === FS_STAT_REQUEST)!.params as { uris: string[] };
  assert.deepEqual(stat.uris, [
    'vscode-vfs://github/acme/governance/sre-post-mortems/.postmortemrc.json',
    'vscode-vfs://github/acme/governance/.postmortemrc.json',
  ]);
  // Edited a moment later (its size changes): read again at once, not after the 3 s freshness.
  files.set('/acme/governance/.postmortemrc.json', '{ "rules": { "PM021": "off" } }');
  const again = await read('/acme/governance/post-mortems/x.md', '/acme/governance');
  assert.deepEqual(again?.raw, { rules: { PM021: 'off' } });
});

test('git config: user.name of the [user] section', () => {
  assert.equal(gitConfigUserName('[core]\n\tbare = false\n[user]\n\tname = Dana Whitfield\n\temail = d@example.com\n'), 'Dana Whitfield');
  assert.equal(gitConfigUserName('[user]\n  name = "Ana \\"Q\\" Ruiz" # comment\n'), 'Ana "Q" Ruiz');
  assert.equal(gitConfigUserName('[remote "origin"]\n\tname = nope\n'), undefined);
  assert.equal(gitConfigUserName(''), undefined);
});

test('package.json declares the web entry, the .vsix carries both web bundles, virtual workspaces are limited', () => {
  const root = path.resolve(__dirname, '..', '..');
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  assert.equal(pkg.browser, './dist/browserExtension.js');
  assert.equal(pkg.main, './dist/extension.js');
  assert.equal(pkg.capabilities.virtualWorkspaces.supported, 'limited');
  const ignore = fs.readFileSync(path.join(root, '.vscodeignore'), 'utf8').split('\n');
  for (const f of ['dist/extension.js', 'dist/server.js', 'dist/browserExtension.js', 'dist/browserServer.js']) assert.ok(ignore.includes(`!${f}`), f);
  assert.match(pkg.scripts.test, /test:web && npm run test:e2e/);
});
