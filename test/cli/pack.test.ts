/**
 * Installable for CI (issue 12 item 4): `npm run pack:cli` gives a tarball that
 * installs into an empty folder (offline: it has no dependencies) and runs on
 * the examples; the GitHub Actions recipe of docs/cli.md is run as written,
 * with the release URL replaced by the local tarball.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { REPO } from '../helpers/build';
import { read, tempDir } from '../helpers/fixtures';

const version = JSON.parse(read(path.join(REPO, 'package.json'))).version as string;
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

describe('postmortem-lint tarball', () => {
  let dir: string;
  let cleanup: () => void;
  let tgz: string;
  before(() => {
    ({ dir, cleanup } = tempDir('pm-pack-'));
    const r = spawnSync(process.execPath, [path.join(REPO, 'scripts', 'pack-cli.mjs'), '--out', dir], { cwd: REPO, encoding: 'utf8', timeout: 120_000 });
    assert.equal(r.status, 0, r.stderr + r.stdout);
    tgz = r.stdout.trim().split('\n').at(-1)!;
  });
  after(() => cleanup());

  it('is postmortem-lint-<version>.tgz with the bundle, README and LICENSE only', () => {
    assert.equal(path.basename(tgz), `postmortem-lint-${version}.tgz`);
    const list = spawnSync('tar', ['-tzf', tgz], { encoding: 'utf8' }).stdout.trim().split('\n').sort();
    assert.deepEqual(list, ['package/LICENSE', 'package/README.md', 'package/dist/cli.js', 'package/package.json']);
    const pkg = JSON.parse(read(path.join(REPO, 'cli', 'package.json')));
    assert.equal(pkg.version, version, 'cli/package.json follows the project version');
    assert.equal(pkg.dependencies, undefined);
  });

  it('npm install -g into an empty folder gives a working postmortem-lint (no node_modules needed)', () => {
    const prefix = path.join(dir, 'empty');
    fs.mkdirSync(prefix);
    const install = spawnSync(npm, ['install', '-g', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', tgz], { cwd: prefix, encoding: 'utf8', timeout: 120_000 });
    assert.equal(install.status, 0, install.stderr);
    const bin = path.join(prefix, 'bin', 'postmortem-lint');
    const v = spawnSync(bin, ['--version'], { encoding: 'utf8', cwd: prefix });
    assert.equal(v.stdout.trim(), version, v.stderr);
    const examples = path.join(dir, 'examples');
    fs.cpSync(path.join(REPO, 'examples'), examples, { recursive: true });
    const r = spawnSync(bin, ['--format', 'json', 'post-mortems'], { encoding: 'utf8', cwd: examples, env: { ...process.env, NODE_PATH: '' } });
    assert.equal(r.status, 1, r.stderr);
    const codes = new Set((JSON.parse(r.stdout) as { code: string }[]).map((f) => f.code));
    for (const c of ['PM005', 'PM009', 'PM010']) assert.ok(codes.has(c), [...codes].join());
  });

  it("docs/cli.md's GitHub Actions recipe runs as written", () => {
    const doc = read(path.join(REPO, 'docs', 'cli.md'));
    const block = /<!-- ci-recipe:github:start -->\n```yaml\n([\s\S]*?)```\n<!-- ci-recipe:github:end -->/.exec(doc)?.[1];
    assert.ok(block, 'the recipe block in docs/cli.md');
    const runs = [...block.matchAll(/^\s+(?:- )?run: (.+)$/gm)].map((m) => m[1]!);
    assert.equal(runs.length, 3, runs.join('\n'));
    const url = /npm install -g (\S+)/.exec(runs[0]!)?.[1];
    assert.ok(url?.endsWith(`/postmortem-lint-${version}.tgz`), `the recipe installs this version: ${url}`);
    const ws = path.join(dir, 'recipe');
    fs.cpSync(path.join(REPO, 'examples'), ws, { recursive: true });
    const prefix = path.join(dir, 'recipe-global');
    const env = {
      ...process.env,
      npm_config_prefix: prefix,
      npm_config_offline: 'true',
      npm_config_audit: 'false',
      npm_config_fund: 'false',
      PATH: `${path.join(prefix, 'bin')}${path.delimiter}${process.env.PATH}`,
    };
    const step = (cmd: string) => spawnSync('bash', ['-c', cmd.replace(url!, tgz)], { cwd: ws, env, encoding: 'utf8', timeout: 120_000 });
    const install = step(runs[0]!);
    assert.equal(install.status, 0, install.stderr);
    const annotate = step(runs[1]!);
    assert.equal(annotate.status, 1, `the DRAFT example has errors: ${annotate.stderr}`);
    assert.match(annotate.stdout, /^::error file=post-mortems\/INC-2026-0057-draft\.md,line=\d+/m);
    assert.doesNotMatch(annotate.stdout, /template\.md/);
    const sarif = step(runs[2]!);
    assert.equal(sarif.status, 0, `exit 1 (findings) is tolerated, exit 2 would not be: ${sarif.stderr}`);
    const log = JSON.parse(read(path.join(ws, 'postmortem-lint.sarif')));
    assert.equal(log.version, '2.1.0');
    assert.ok(log.runs[0].results.length > 0);
  });
});
