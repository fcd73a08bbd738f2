/**
 * The CLI with a team template: `--template FILE` and the rc file's `templates`
 * (paths relative to the workspace root), the same findings as the editor.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { CLI_JS, REPO, ensureBuilt } from '../helpers/build';
import type { ReportFinding } from '../../server/src/node/cliReport';
import { tempDir } from '../helpers/fixtures';

const TEMPLATE = path.join(REPO, 'examples', 'templates', 'sre.md');
const FIXTURES = path.join(REPO, 'test', 'fixtures', 'templates', 'sre');

function cli(args: string[], cwd = REPO): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI_JS, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
const loud = (stdout: string) => (JSON.parse(stdout) as (ReportFinding & { file: string })[]).filter((f) => f.severity === 'error' || f.severity === 'warning');

describe('CLI: team templates', () => {
  before(() => ensureBuilt());

  it('--template: a document written with it is checked by it', () => {
    const r = cli(['--format', 'json', '--template', TEMPLATE, path.join(FIXTURES, 'PM010-empty-owner.md'), path.join(FIXTURES, 'valid.md')]);
    assert.equal(r.status, 1, r.stderr);
    const found = loud(r.stdout);
    assert.deepEqual(found.map((f) => [path.basename(f.file), f.code, f.line]), [['PM010-empty-owner.md', 'PM010', 43]]);
  });

  it('without it, the same document is not a post-mortem (its heading is the team\'s)', () => {
    const r = cli(['--format', 'json', path.join(FIXTURES, 'valid.md')]);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), []);
  });

  it('"templates" in .postmortemrc.json, relative to the workspace root', () => {
    const { dir, cleanup } = tempDir('pm-cli-template-');
    try {
      fs.mkdirSync(path.join(dir, 'governance'));
      fs.mkdirSync(path.join(dir, 'team'));
      fs.copyFileSync(TEMPLATE, path.join(dir, 'team', 'sre.md'));
      fs.writeFileSync(path.join(dir, '.postmortemrc.json'), JSON.stringify({ templates: ['team/sre.md'] }));
      fs.copyFileSync(path.join(FIXTURES, 'PM005-not-utc.md'), path.join(dir, 'incident.md'));
      const r = cli(['--format', 'json', 'incident.md'], dir);
      assert.equal(r.status, 1, r.stderr);
      assert.deepEqual(loud(r.stdout).map((f) => f.code), ['PM005']);
    } finally {
      cleanup();
    }
  });

  it('a broken template is one warning naming it; documents fall back to the built-in template', () => {
    const { dir, cleanup } = tempDir('pm-cli-template-');
    try {
      fs.writeFileSync(path.join(dir, 'broken.md'), 'no heading here\n');
      const r = cli(['--format', 'json', '--template', path.join(dir, 'broken.md'), path.join(REPO, 'examples', 'post-mortems', 'INC-2026-0042-final.md')]);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stderr, /broken\.md:1: a template starts with a level-1 heading .*using the built-in template/);
      assert.equal(r.stderr.match(/broken\.md/g)?.length, 1, 'said once');
    } finally {
      cleanup();
    }
  });
});
