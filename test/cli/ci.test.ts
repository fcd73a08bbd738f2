/**
 * `postmortem-lint` as CI users run it (issue 12 item 3): --fix and
 * --fix-dry-run, negated globs, the ignore file, stdin, --quiet, --max-warnings,
 * -o, colours, --verbose, SARIF help and invocations, and every I/O problem as
 * exit 2. Spawns the built `dist/cli.js`.
 */
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { applyPatch } from 'diff';
import { CLI_JS, REPO, ensureBuilt } from '../helpers/build';
import { COMPLETE, DRAFT, read, tempDir, write } from '../helpers/fixtures';
import type { ReportFinding } from '../../server/src/node/cliReport';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

interface CliOptions {
  cwd: string;
  input?: string;
  env?: Record<string, string | undefined>;
  uid?: number;
}

/** The CLI with a clean colour environment (FORCE_COLOR / NO_COLOR only when a test sets them). */
function cli(args: string[], o: CliOptions): Run {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.FORCE_COLOR;
  delete env.NO_COLOR;
  for (const [k, v] of Object.entries(o.env ?? {})) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  const options: SpawnSyncOptions = { cwd: o.cwd, encoding: 'utf8', timeout: 60_000, env };
  if (o.input !== undefined) options.input = o.input;
  if (o.uid !== undefined) Object.assign(options, { uid: o.uid, gid: o.uid });
  const r = spawnSync(process.execPath, [CLI_JS, ...args], options);
  return { code: r.status, stdout: String(r.stdout), stderr: String(r.stderr) };
}

type JsonFinding = ReportFinding & { file: string };
const json = (r: Run) => JSON.parse(r.stdout) as JsonFinding[];

const EXAMPLES = path.join(REPO, 'examples');
const DRAFT_EXAMPLE = path.join(EXAMPLES, 'post-mortems', 'INC-2026-0057-draft.md');
const TEMPLATE_EXAMPLE = path.join(EXAMPLES, 'post-mortems', 'template.md');
/** The DRAFT example after `--fix` (UPDATE_GOLDEN=1 rewrites it). */
const FIXED_GOLDEN = path.join(REPO, 'test', 'fixtures', 'cli', 'INC-2026-0057-draft.fixed.md');
const crlf = (s: string) => s.replace(/\r?\n/g, '\r\n');

/** A copy of examples/ (post-mortems and their evidence) in a fresh folder. */
function examplesCopy(dir: string, name: string): string {
  const root = path.join(dir, name);
  fs.cpSync(EXAMPLES, root, { recursive: true });
  return root;
}

before(() => ensureBuilt());

describe('postmortem-lint --fix', () => {
  let dir: string;
  let cleanup: () => void;
  before(() => ({ dir, cleanup } = tempDir()));
  after(() => cleanup());
  const PM = path.join('post-mortems', 'INC-2026-0057-draft.md');

  it('[core] fixes the DRAFT example (golden), prints what is left, is idempotent', () => {
    const root = examplesCopy(dir, 'lf');
    const r = cli(['--fix', PM], { cwd: root });
    const after1 = read(path.join(root, PM));
    if (process.env.UPDATE_GOLDEN === '1') fs.writeFileSync(FIXED_GOLDEN, after1);
    assert.equal(after1, read(FIXED_GOLDEN));
    assert.match(r.stdout, /^fixed \d+ problems in 1 file$/m);
    // What is left are findings without a fix: no owner (PM010), missing evidence files (PM014).
    const left = r.stdout.split('\n').filter((l) => l.startsWith(PM));
    assert.ok(left.length > 0);
    for (const l of left) assert.match(l, /\s(PM010|PM014)\s/, l);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    // A second run finds nothing to fix and leaves the file alone.
    const again = cli(['--fix', '--format', 'json', PM], { cwd: root });
    assert.equal(read(path.join(root, PM)), after1);
    assert.equal(again.code, 1);
    assert.deepEqual(new Set(json(again).map((f) => f.code)), new Set(['PM010', 'PM014']));
    // No temporary file is left beside it.
    assert.deepEqual(fs.readdirSync(path.join(root, 'post-mortems')).sort(), ['INC-2026-0042-final.md', 'INC-2026-0057-draft.md', 'template.md']);
  });

  it('[core] keeps CRLF line endings and a BOM, and the file mode', () => {
    const root = examplesCopy(dir, 'crlf');
    const file = path.join(root, PM);
    fs.writeFileSync(file, `\ufeff${crlf(read(DRAFT_EXAMPLE))}`);
    fs.chmodSync(file, 0o640);
    const r = cli(['--fix', PM], { cwd: root });
    assert.equal(r.code, 1, r.stderr);
    const out = fs.readFileSync(file, 'utf8');
    assert.equal(out, `\ufeff${crlf(read(FIXED_GOLDEN))}`);
    assert.doesNotMatch(out.replace(/\r\n/g, ''), /\n/);
    assert.equal(fs.statSync(file).mode & 0o777, 0o640);
  });

  it('[core] a symlinked post-mortem: its target is fixed, the link stays a link', () => {
    const root = examplesCopy(dir, 'link');
    const target = path.join(root, 'elsewhere.md');
    fs.renameSync(path.join(root, PM), target);
    fs.symlinkSync(target, path.join(root, PM));
    cli(['--fix', PM], { cwd: root });
    assert.ok(fs.lstatSync(path.join(root, PM)).isSymbolicLink());
    assert.equal(read(target), read(FIXED_GOLDEN));
  });

  it('[core] --fix-dry-run prints a unified diff that gives the fixed file, and changes nothing', () => {
    const root = examplesCopy(dir, 'dry');
    const before = read(path.join(root, PM));
    const r = cli(['--fix-dry-run', PM], { cwd: root });
    assert.equal(read(path.join(root, PM)), before);
    assert.equal(r.code, 1, 'errors would be left (PM010)');
    assert.match(r.stdout, /^--- a\/post-mortems\/INC-2026-0057-draft\.md\n\+\+\+ b\/post-mortems\/INC-2026-0057-draft\.md\n@@ /);
    assert.match(r.stdout, /^-\| Total duration \| 2h \|$/m);
    assert.match(r.stdout, /^\+\| Total duration \| 2h 15m \|$/m);
    assert.equal(applyPatch(before, r.stdout), read(FIXED_GOLDEN));
    assert.match(r.stderr, /would fix \d+ problems in 1 file; 1 error and 2 warnings would be left/);
    // CRLF: the diff carries the document's own line endings.
    fs.writeFileSync(path.join(root, PM), crlf(before));
    const r2 = cli(['--fix-dry-run', PM], { cwd: root });
    assert.match(r2.stdout, /^\+\| Total duration \| 2h 15m \|\r$/m);
  });

  it('--fix-dry-run on a clean file prints no diff, exit 0', () => {
    const r = cli(['--fix-dry-run', path.relative(REPO, COMPLETE)], { cwd: REPO });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /nothing to fix/);
  });

  it('--fix with stdin is a usage error', () => {
    const r = cli(['--fix', '-'], { cwd: dir, input: read(DRAFT) });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--fix cannot write to stdin/);
  });
});

describe('postmortem-lint: negated globs and the ignore file', () => {
  let root: string;
  let cleanup: () => void;
  before(() => {
    const t = tempDir();
    cleanup = t.cleanup;
    root = examplesCopy(t.dir, 'ws');
  });
  after(() => cleanup());

  const checked = (r: Run) => Number(/in (?:\d+ of )?(\d+) files?/.exec(r.stdout)?.[1]);

  it("'!**/template.md' leaves the template out", () => {
    const all = cli(['post-mortems/**/*.md'], { cwd: root });
    assert.equal(checked(all), 3, all.stdout);
    const r = cli(['post-mortems/**/*.md', '!**/template.md'], { cwd: root });
    assert.equal(checked(r), 2, r.stdout);
    assert.match(r.stdout, /1 ignored/);
    const j = json(cli(['--format', 'json', 'post-mortems', '!**/template.md', '--verbose'], { cwd: root }));
    assert.ok(!j.some((f) => f.file.endsWith('template.md')));
  });

  it('only exclusions: a usage error', () => {
    const r = cli(['!**/template.md'], { cwd: root });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /no files given \(only exclusions\)/);
  });

  it('.postmortemignore in the current directory (gitignore syntax) applies to walks, globs and named files', () => {
    write(path.join(root, '.postmortemignore'), '# the template is not an incident\ntemplate.md\n/post-mortems/*-final.md\n');
    try {
      for (const args of [['post-mortems'], ['post-mortems/*.md'], ['post-mortems/template.md', 'post-mortems/INC-2026-0042-final.md', 'post-mortems/INC-2026-0057-draft.md']]) {
        const r = cli(args, { cwd: root });
        assert.equal(checked(r), 1, `${args.join(' ')}: ${r.stdout}`);
        assert.match(r.stdout, /2 ignored/);
      }
    } finally {
      fs.rmSync(path.join(root, '.postmortemignore'));
    }
  });

  it('--ignore-path names another ignore file; a missing one is exit 2', () => {
    write(path.join(root, 'ci', 'pm.ignore'), '**/template.md\n');
    // Patterns are relative to the ignore file's folder: ci/ holds no post-mortem.
    const outside = cli(['--ignore-path', 'ci/pm.ignore', 'post-mortems'], { cwd: root });
    assert.equal(checked(outside), 3, outside.stdout);
    write(path.join(root, 'pm.ignore'), '**/template.md\n');
    const r = cli(['--ignore-path', 'pm.ignore', 'post-mortems'], { cwd: root });
    assert.equal(checked(r), 2, r.stdout);
    const missing = cli(['--ignore-path', 'nope.ignore', 'post-mortems'], { cwd: root });
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /cannot read the ignore file .*nope\.ignore \(ENOENT\)/);
    assert.equal(missing.stdout, '');
  });
});

describe('postmortem-lint: stdin, --quiet, --max-warnings, -o, --verbose, colours', () => {
  let dir: string;
  let cleanup: () => void;
  let ws: string;
  before(() => {
    ({ dir, cleanup } = tempDir());
    ws = examplesCopy(dir, 'ws');
  });
  after(() => cleanup());

  it('[core] "-" reads stdin; --stdin-filename names it (output, root, rc)', () => {
    const plain = cli(['--format', 'json', '-'], { cwd: dir, input: read(DRAFT) });
    assert.equal(plain.code, 1, plain.stderr);
    assert.ok(json(plain).length > 0 && json(plain).every((f) => f.file === '<stdin>'));
    write(path.join(ws, 'post-mortems', '.postmortemrc.json'), '{"rules": {"PM009": "off"}}');
    const named = cli(['--format', 'json', '-', '--stdin-filename', 'post-mortems/new.md'], { cwd: ws, input: read(DRAFT) });
    const findings = json(named);
    assert.ok(findings.every((f) => f.file === 'post-mortems/new.md'));
    assert.ok(!findings.some((f) => f.code === 'PM009'), 'the rc file next to the named path applies');
    assert.ok(json(plain).some((f) => f.code === 'PM009'));
    fs.rmSync(path.join(ws, 'post-mortems', '.postmortemrc.json'));
  });

  it('stdin that is not a post-mortem is skipped', () => {
    const r = cli(['-'], { cwd: dir, input: '# Notes\n' });
    assert.equal(r.code, 0);
    assert.match(r.stdout, /no problems in 0 files \(1 skipped/);
  });

  it('[core] --quiet reports errors only (the exit code still counts them)', () => {
    const r = cli(['--format', 'json', '--quiet', path.relative(REPO, DRAFT_EXAMPLE)], { cwd: REPO });
    assert.equal(r.code, 1);
    const f = json(r);
    assert.ok(f.length > 0 && f.every((x) => x.severity === 'error'), JSON.stringify(f));
    const text = cli(['--quiet', path.relative(REPO, DRAFT_EXAMPLE)], { cwd: REPO });
    assert.doesNotMatch(text.stdout, /\swarning\s/);
  });

  it('[core] --max-warnings: more warnings than allowed is exit 1 with a message', () => {
    // complete.md without its evidence files: PM014 warnings only.
    write(path.join(dir, 'w', 'governance', '.keep'), '');
    write(path.join(dir, 'w', 'post-mortems', 'pm.md'), read(COMPLETE));
    const cwd = path.join(dir, 'w');
    const base = cli(['post-mortems/pm.md'], { cwd });
    assert.equal(base.code, 0, base.stdout);
    const warnings = Number(/(\d+) warnings?/.exec(base.stdout)?.[1]);
    assert.ok(warnings > 0, base.stdout);
    const over = cli(['--max-warnings', String(warnings - 1), 'post-mortems/pm.md'], { cwd });
    assert.equal(over.code, 1);
    assert.match(over.stderr, new RegExp(`too many warnings \\(${warnings}\\); --max-warnings allows ${warnings - 1}`));
    assert.equal(cli(['--max-warnings', String(warnings), 'post-mortems/pm.md'], { cwd }).code, 0);
  });

  it('-o writes the report to a file (stdout stays empty); an unwritable -o is exit 2', () => {
    const out = path.join(dir, 'report.sarif');
    const r = cli(['-f', 'sarif', '-o', out, path.relative(REPO, COMPLETE)], { cwd: REPO });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '');
    assert.equal(JSON.parse(read(out)).version, '2.1.0');
    const bad = cli(['-o', path.join(dir, 'no', 'such', 'dir', 'r.txt'), path.relative(REPO, COMPLETE)], { cwd: REPO });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /cannot write .*r\.txt: ENOENT/);
  });

  it('text output counts information findings; --verbose lists them', () => {
    const rel = path.relative(REPO, TEMPLATE_EXAMPLE);
    const quiet = cli([rel], { cwd: REPO });
    assert.equal(quiet.code, 0);
    assert.match(quiet.stdout, /^✔ no errors or warnings in 1 file \(\d+ info; --verbose lists them\)\n$/);
    const verbose = cli(['--verbose', rel], { cwd: REPO });
    assert.ok(verbose.stdout.split('\n').filter((l) => /\sinformation\s+PM\d{3}\s/.test(l)).length > 10, verbose.stdout);
    // JSON and the other machine formats always carry every finding.
    assert.ok(json(cli(['--format', 'json', rel], { cwd: REPO })).some((f) => f.severity === 'information'));
  });

  it('[core] colours: none in a pipe or with NO_COLOR; FORCE_COLOR and --color turn them on', () => {
    const rel = path.relative(REPO, DRAFT);
    const esc = /\u001b\[/;
    assert.doesNotMatch(cli([rel], { cwd: REPO }).stdout, esc);
    assert.match(cli([rel], { cwd: REPO, env: { FORCE_COLOR: '1' } }).stdout, esc);
    assert.doesNotMatch(cli([rel], { cwd: REPO, env: { FORCE_COLOR: '0' } }).stdout, esc);
    assert.doesNotMatch(cli([rel], { cwd: REPO, env: { FORCE_COLOR: '1', NO_COLOR: '1' } }).stdout, esc);
    assert.match(cli(['--color', rel], { cwd: REPO, env: { NO_COLOR: '1' } }).stdout, esc);
    assert.doesNotMatch(cli(['--no-color', rel], { cwd: REPO, env: { FORCE_COLOR: '1' } }).stdout, esc);
    // A report written with -o gets none unless --color asks.
    const out = path.join(REPO, 'test', '.tmp', `colour-${process.pid}.txt`);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    cli(['-o', out, rel], { cwd: REPO, env: { FORCE_COLOR: '1' } });
    assert.doesNotMatch(read(out), esc);
    fs.rmSync(out);
    // Machine formats never get colours.
    assert.doesNotMatch(cli(['--format', 'github', rel], { cwd: REPO, env: { FORCE_COLOR: '1' } }).stdout, esc);
  });
});

describe('postmortem-lint: SARIF for code scanning', () => {
  it('[core] rules carry helpUri (the rule page), help and a full description; the run carries invocations', () => {
    const rel = path.relative(REPO, DRAFT);
    const r = cli(['--format', 'sarif', rel], { cwd: REPO });
    assert.equal(r.code, 1, r.stderr);
    const run = JSON.parse(r.stdout).runs[0];
    const pm009 = run.tool.driver.rules.find((x: { id: string }) => x.id === 'PM009');
    assert.match(pm009.helpUri, /^https:\/\/github\.com\/.+\/docs\/rules\/PM009\.md$/);
    assert.ok(fs.existsSync(path.join(REPO, 'docs', 'rules', 'PM009.md')));
    assert.match(pm009.help.text, /Total duration/);
    assert.match(pm009.help.markdown, /\*\*PM009: /);
    assert.equal(typeof pm009.fullDescription.text, 'string');
    assert.equal(run.invocations.length, 1);
    const inv = run.invocations[0];
    assert.deepEqual(inv.arguments, ['--format', 'sarif', rel]);
    assert.equal(inv.executionSuccessful, true);
    assert.equal(inv.exitCode, 1);
    assert.equal(inv.commandLine, `postmortem-lint --format sarif ${rel}`);
  });

  it('a run with an I/O error says so in its invocation', () => {
    const r = cli(['--format', 'sarif', path.relative(REPO, COMPLETE), 'nope.md'], { cwd: REPO });
    assert.equal(r.code, 2);
    const inv = JSON.parse(r.stdout).runs[0].invocations[0];
    assert.equal(inv.executionSuccessful, false);
    assert.equal(inv.exitCode, 2);
    assert.match(inv.toolExecutionNotifications[0].message.text, /no such file or directory: nope\.md/);
  });
});

describe('postmortem-lint: every I/O problem is exit 2 with a message, never "no problems"', () => {
  let dir: string;
  let cleanup: () => void;
  before(() => {
    ({ dir, cleanup } = tempDir());
    write(path.join(dir, 'governance', '.keep'), '');
    write(path.join(dir, 'post-mortems', 'pm.md'), read(COMPLETE));
    write(path.join(dir, 'post-mortems', 'locked', 'x.md'), read(COMPLETE));
  });
  after(() => {
    fs.chmodSync(path.join(dir, 'post-mortems', 'locked'), 0o755);
    cleanup();
  });

  const noProblemsLine = /no problems/;

  for (const [name, args, pattern] of [
    ['a missing file', ['post-mortems/nope.md'], /no such file or directory: post-mortems\/nope\.md/],
    ['a file used as a folder', ['post-mortems/pm.md/x.md'], /no such file or directory: post-mortems\/pm\.md\/x\.md/],
    ['a glob whose folder is a file', ['post-mortems/pm.md/**/*.md'], /cannot read directory post-mortems\/pm\.md: not a directory/],
    ['a glob whose folder is missing', ['drafts/**/*.md'], /no files match the pattern "drafts\/\*\*\/\*\.md" \(no directory drafts\)/],
  ] as const) {
    it(`${name}: exit 2, message on stderr`, () => {
      const r = cli([...args], { cwd: dir });
      assert.equal(r.code, 2, r.stdout + r.stderr);
      assert.match(r.stderr, pattern);
      assert.doesNotMatch(r.stdout, noProblemsLine);
    });
  }

  it('a broken .postmortemrc.json above the file: exit 2 naming it', () => {
    write(path.join(dir, 'post-mortems', 'sub', '.postmortemrc.json'), '{');
    write(path.join(dir, 'post-mortems', 'sub', 'y.md'), read(COMPLETE));
    try {
      const r = cli(['post-mortems/sub/y.md'], { cwd: dir });
      assert.equal(r.code, 2);
      assert.match(r.stderr, /sub[/\\]\.postmortemrc\.json: not valid JSON/);
      assert.equal(r.stdout, '');
    } finally {
      fs.rmSync(path.join(dir, 'post-mortems', 'sub'), { recursive: true });
    }
  });

  // chmod 000 stops only a non-root user: as root the CLI runs as "nobody" (spawn uid), else as itself.
  const isRoot = process.getuid?.() === 0;
  const canTest = process.platform !== 'win32';
  it('an unreadable folder (chmod 000), named or met while walking: exit 2 naming it', { skip: !canTest }, () => {
    const locked = path.join(dir, 'post-mortems', 'locked');
    fs.chmodSync(dir, 0o755);
    for (const d of [path.join(dir, 'post-mortems'), path.join(dir, 'governance')]) fs.chmodSync(d, 0o755);
    fs.chmodSync(path.join(dir, 'post-mortems', 'pm.md'), 0o644);
    fs.chmodSync(locked, 0o000);
    const as = isRoot ? { uid: 65534 } : {};
    try {
      for (const args of [['post-mortems'], ['post-mortems/**/*.md'], ['post-mortems/locked']]) {
        const r = cli(args, { cwd: dir, ...as });
        assert.equal(r.code, 2, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
        assert.match(r.stderr, /cannot read directory .*locked: EACCES/, args.join(' '));
        assert.doesNotMatch(r.stdout, noProblemsLine);
      }
    } finally {
      fs.chmodSync(locked, 0o755);
    }
    // An unreadable file: exit 2 naming it, the other files are still checked.
    const file = path.join(dir, 'post-mortems', 'pm.md');
    fs.chmodSync(file, 0o000);
    try {
      const r = cli(['post-mortems/pm.md', 'post-mortems/locked/x.md'], { cwd: dir, ...as });
      assert.equal(r.code, 2);
      assert.match(r.stderr, /cannot read post-mortems\/pm\.md: EACCES/);
      assert.match(r.stdout, /1 input error \(see stderr\): 1 file checked/);
    } finally {
      fs.chmodSync(file, 0o644);
    }
  });
});

describe('postmortem-lint --cache (issue 16 item 5)', () => {
  let dir: string;
  let cleanup: () => void;
  let ws: string;
  before(() => {
    ({ dir, cleanup } = tempDir());
    ws = examplesCopy(dir, 'ws');
  });
  after(() => cleanup());

  it('[core] reuses the results of unchanged files; a changed file or evidence path is checked again', () => {
    const cacheFile = path.join(dir, 'c', 'pm.cache');
    fs.mkdirSync(path.dirname(cacheFile));
    const args = ['--format', 'json', '--cache', '--cache-location', cacheFile, 'post-mortems'];
    const cold = cli(args, { cwd: ws });
    assert.equal(cold.code, 1, cold.stderr);
    assert.ok(fs.existsSync(cacheFile));
    // Proof of reuse: a result edited in the cache comes back as it is.
    const data = JSON.parse(read(cacheFile));
    const final = path.join(ws, 'post-mortems', 'INC-2026-0042-final.md');
    assert.deepEqual(data.entries[final].findings, []);
    data.entries[final].findings = [{ line: 1, column: 1, endLine: 1, endColumn: 2, severity: 'warning', code: 'PM999', message: 'from the cache' }];
    fs.writeFileSync(cacheFile, JSON.stringify(data));
    const warm = json(cli(args, { cwd: ws }));
    assert.ok(warm.some((f) => f.code === 'PM999'));
    assert.deepEqual(
      warm.filter((f) => f.code !== 'PM999'),
      json(cold),
    );
    // An evidence file deleted: the unchanged post-mortem is checked again (PM014).
    fs.rmSync(path.join(ws, 'governance', 'evidence', 'INC-2026-0042', 'audit-log.csv'));
    const afterDelete = json(cli(args, { cwd: ws }));
    assert.ok(!afterDelete.some((f) => f.code === 'PM999'));
    assert.ok(afterDelete.some((f) => f.code === 'PM014' && f.file.endsWith('INC-2026-0042-final.md')));
    // A changed file is checked again; the result equals a run without the cache.
    fs.appendFileSync(final, '\n');
    assert.deepEqual(json(cli(args, { cwd: ws })), json(cli(['--format', 'json', 'post-mortems'], { cwd: ws })));
  });

  it('--cache-location may name a folder; a broken cache is a warning and is rebuilt', () => {
    const folder = path.join(dir, 'cachedir');
    fs.mkdirSync(folder);
    const args = ['--cache', '--cache-location', folder, 'post-mortems'];
    const first = cli(args, { cwd: ws });
    const file = path.join(folder, '.postmortemlintcache');
    assert.ok(fs.existsSync(file));
    fs.writeFileSync(file, '{ broken');
    const r = cli(args, { cwd: ws });
    assert.equal(r.code, first.code);
    assert.equal(r.stdout, first.stdout);
    assert.match(r.stderr, /warning: the cache .* is not valid JSON; rebuilding it/);
    assert.doesNotThrow(() => JSON.parse(read(file)));
  });

  it('an unwritable cache location is exit 2', () => {
    const r = cli(['--cache', '--cache-location', path.join(dir, 'no', 'such', 'cache'), 'post-mortems'], { cwd: ws });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /cannot write the cache .*: ENOENT/);
  });
});

describe('postmortem-lint --jobs (issue 16 item 5)', () => {
  let dir: string;
  let cleanup: () => void;
  before(() => ({ dir, cleanup } = tempDir()));
  after(() => cleanup());

  it('[core] worker threads give the same report, in the same order, as one thread', () => {
    const ws = examplesCopy(dir, 'same');
    for (let i = 0; i < 6; i++) fs.copyFileSync(DRAFT_EXAMPLE, path.join(ws, 'post-mortems', `d${i}.md`));
    write(path.join(ws, 'notes', 'notes.md'), '# Notes\n');
    const one = cli(['--format', 'json', '--jobs', '1', 'post-mortems', 'notes'], { cwd: ws });
    const three = cli(['--format', 'json', '--jobs', '3', 'post-mortems', 'notes'], { cwd: ws });
    assert.equal(three.code, one.code, three.stderr);
    assert.equal(three.stdout, one.stdout);
    const text1 = cli(['--jobs', '1', 'post-mortems', 'notes'], { cwd: ws });
    assert.equal(cli(['-j', '2', 'post-mortems', 'notes'], { cwd: ws }).stdout, text1.stdout);
    assert.match(text1.stdout, /1 skipped/);
  });

  it('[core] --fix and --cache work from worker threads', () => {
    const ws = examplesCopy(dir, 'fix');
    const names = ['a.md', 'b.md', 'c.md', 'd.md'];
    for (const n of names) fs.copyFileSync(DRAFT_EXAMPLE, path.join(ws, 'post-mortems', n));
    const r = cli(['--fix', '--jobs', '2', ...names.map((n) => `post-mortems/${n}`)], { cwd: ws });
    assert.equal(r.code, 1, r.stderr);
    for (const n of names) assert.equal(read(path.join(ws, 'post-mortems', n)), read(FIXED_GOLDEN), n);
    assert.match(r.stdout, /fixed \d+ problems in 4 files/);
    const cached = ['--format', 'json', '--cache', '--jobs', '2', 'post-mortems'];
    const cold = cli(cached, { cwd: ws });
    const warm = cli(cached, { cwd: ws });
    assert.equal(warm.stdout, cold.stdout);
    assert.equal(cold.stdout, cli(['--format', 'json', 'post-mortems'], { cwd: ws }).stdout);
    const data = JSON.parse(read(path.join(ws, '.postmortemlintcache')));
    const entry = data.entries[path.join(ws, 'post-mortems', 'a.md')];
    assert.ok(entry.calls.length > 0, 'the evidence lookups made in the worker are recorded');
  });

  it('--jobs needs a whole number', () => {
    const r = cli(['--jobs', '0', 'x.md'], { cwd: dir });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--jobs needs a whole number/);
  });
});
