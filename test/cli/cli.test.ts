/**
 * `postmortem-lint` end to end: spawns `node dist/cli.js` (built first).
 *
 * Tests named "[core] …" need real findings of the core (draft.md's planted
 * PM005 / PM009 / PM010 / PM012); they fail while `analyze` is a stub.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CLI_JS, REPO, ensureBuilt } from '../helpers/build';
import { COMPLETE, DRAFT, PROTOCOL_FIXTURES, README, lineOf, read, tempDir, write } from '../helpers/fixtures';
import type { ReportFinding } from '../../server/src/node/cliReport';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], cwd = REPO): Run {
  const r = spawnSync(process.execPath, [CLI_JS, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** One element of `--format json`: the report's finding and its file. */
type JsonFinding = ReportFinding & { file: string };

/** "in N files" / "in K of N files" of the text summary: N post-mortems checked. */
function checkedCount(stdout: string): number {
  const m = /in (?:\d+ of )?(\d+) files?/.exec(stdout);
  assert.ok(m, `a summary line in:\n${stdout}`);
  return Number(m[1]);
}

const rel = (p: string) => path.relative(REPO, p);

before(() => ensureBuilt());

describe('postmortem-lint: usage and exit codes', () => {
  it('--help prints usage, exit 0', () => {
    const r = cli(['--help']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /Usage: postmortem-lint/);
    assert.match(r.stdout, /--format <text\|json\|github\|sarif>/);
  });

  it('--version prints the package version', () => {
    const r = cli(['--version']);
    assert.equal(r.code, 0);
    assert.equal(r.stdout.trim(), JSON.parse(read(path.join(REPO, 'package.json'))).version);
  });

  for (const [name, args, pattern] of [
    ['no file', [], /no files given/],
    ['an unknown option', ['--fast', rel(COMPLETE)], /unknown option --fast/],
    ['an unknown format', ['--format', 'xml', rel(COMPLETE)], /--format must be one of/],
    ['a format without value', [rel(COMPLETE), '--format'], /--format needs a value/],
    ['--status-as other than FINAL', ['--status-as', 'DRAFT', rel(COMPLETE)], /--status-as accepts only FINAL/],
    ['a missing file', ['test/fixtures/protocol/nope.md'], /no such file or directory: test\/fixtures\/protocol\/nope\.md/],
    ['a glob that matches nothing', ['test/fixtures/protocol/**/*.nothing'], /no files match the pattern/],
    ['--root that is not a folder', ['--root', rel(COMPLETE), rel(COMPLETE)], /--root: not a directory/],
    ['--print-model with two files', ['--print-model', rel(COMPLETE), rel(DRAFT)], /exactly one file/],
  ] as const) {
    it(`exit 2 on ${name}, message on stderr`, () => {
      const r = cli([...args]);
      assert.equal(r.code, 2, r.stdout + r.stderr);
      assert.match(r.stderr, pattern);
      assert.match(r.stderr, /^postmortem-lint: /);
    });
  }

  it('exit 0 on a complete post-mortem', () => {
    const r = cli([rel(COMPLETE)]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^✔ no problems in 1 file\n$/);
  });

  it('a Markdown file that is not a post-mortem is skipped: exit 0', () => {
    const r = cli([rel(README)]);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /✔ no problems in 0 files \(1 skipped: not a post-mortem\)/);
  });

  it('[core] exit 1 when a finding is an error; text lines path:line:col severity code message', () => {
    const r = cli([rel(DRAFT)]);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    const text = read(DRAFT);
    const pm009 = `${rel(DRAFT)}:${lineOf(text, '| Total duration |') + 1}:`;
    assert.ok(r.stdout.split('\n').some((l) => l.startsWith(pm009) && /\s+error\s+PM009\s+\S/.test(l)), r.stdout);
    assert.match(r.stdout, /✖ \d+ problems \(\d+ errors?[^)]*\) in 1 file\n$/);
  });

  it('exit 2 wins over exit 1 when one of the files cannot be read', () => {
    const r = cli([rel(DRAFT), 'test/fixtures/protocol/nope.md']);
    assert.equal(r.code, 2);
  });
});

describe('postmortem-lint: formats', () => {
  it('--format json on a clean file prints []', () => {
    const r = cli(['--format', 'json', rel(COMPLETE)]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), []);
  });

  it('[core] --format json: one array of findings with 1-based positions', () => {
    const r = cli(['--format=json', rel(DRAFT)]);
    assert.equal(r.code, 1, r.stderr);
    const findings = JSON.parse(r.stdout) as JsonFinding[];
    assert.ok(Array.isArray(findings) && findings.length > 0);
    for (const f of findings) {
      assert.deepEqual(Object.keys(f).sort(), ['code', 'column', 'endColumn', 'endLine', 'file', 'line', 'message', 'severity']);
      assert.equal(f.file, rel(DRAFT));
      for (const n of [f.line, f.column, f.endLine, f.endColumn]) assert.ok(Number.isInteger(n) && n >= 1);
      assert.ok(['error', 'warning', 'information', 'hint'].includes(f.severity));
      assert.match(f.code, /^PM\d{3}$/);
    }
    const codes = new Set(findings.map((f) => f.code));
    for (const c of ['PM005', 'PM009', 'PM010', 'PM012']) assert.ok(codes.has(c), `${c} in ${[...codes]}`);
    const text = read(DRAFT);
    const pm009 = findings.find((f) => f.code === 'PM009')!;
    assert.equal(pm009.line, lineOf(text, '| Total duration |') + 1);
    const line = text.split('\n')[pm009.line - 1]!;
    assert.equal(line.slice(pm009.column - 1, pm009.endColumn - 1), '6h 30m');
  });

  it('[core] --format github: one workflow command per finding', () => {
    const r = cli(['--format', 'github', rel(DRAFT)]);
    assert.equal(r.code, 1, r.stderr);
    const lines = r.stdout.trimEnd().split('\n');
    assert.ok(lines.length >= 5);
    for (const l of lines) {
      assert.match(
        l,
        /^::(error|warning|notice) file=test\/fixtures\/protocol\/draft\.md,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=PM\d{3}::\S/,
      );
    }
    assert.ok(lines.some((l) => l.startsWith('::error ') && l.includes('title=PM009::')));
  });

  it('--format github on a clean file prints nothing', () => {
    const r = cli(['--format', 'github', rel(COMPLETE)]);
    assert.equal(r.code, 0);
    assert.equal(r.stdout, '');
  });

  it('--format sarif: a SARIF 2.1.0 log with the rules of the registry', () => {
    const r = cli(['--format', 'sarif', rel(COMPLETE)]);
    assert.equal(r.code, 0, r.stderr);
    const log = JSON.parse(r.stdout);
    assert.equal(log.version, '2.1.0');
    assert.match(log.$schema, /sarif-2\.1\.0/);
    assert.equal(log.runs.length, 1);
    const driver = log.runs[0].tool.driver;
    assert.equal(driver.name, 'postmortem-lint');
    assert.ok(Array.isArray(driver.rules));
    assert.deepEqual(log.runs[0].results, []);
    for (const rule of driver.rules) assert.match(rule.id, /^PM\d{3}$/);
  });

  it('[core] --format sarif: rules PM001…PM025 and results with physical locations', () => {
    const r = cli(['--format', 'sarif', rel(DRAFT)]);
    assert.equal(r.code, 1, r.stderr);
    const run = JSON.parse(r.stdout).runs[0];
    const ids = run.tool.driver.rules.map((x: { id: string }) => x.id);
    assert.ok(ids.includes('PM001') && ids.includes('PM025'), JSON.stringify(ids));
    assert.ok(run.results.length >= 5);
    for (const res of run.results) {
      assert.equal(run.tool.driver.rules[res.ruleIndex].id, res.ruleId);
      assert.ok(['error', 'warning', 'note'].includes(res.level));
      const loc = res.locations[0].physicalLocation;
      assert.equal(loc.artifactLocation.uri, 'test/fixtures/protocol/draft.md');
      assert.equal(loc.artifactLocation.uriBaseId, '%SRCROOT%');
      for (const k of ['startLine', 'startColumn', 'endLine', 'endColumn']) assert.ok(loc.region[k] >= 1);
    }
  });

  it('--print-model prints the document model as JSON', () => {
    const r = cli(['--print-model', rel(COMPLETE)]);
    assert.equal(r.code, 0, r.stderr);
    const model = JSON.parse(r.stdout);
    assert.equal(typeof model, 'object');
  });
});

describe('postmortem-lint: files, directories, globs', () => {
  let dir: string;
  let cleanup: () => void;
  const pm = () => read(COMPLETE);

  before(() => {
    ({ dir, cleanup } = tempDir());
    fs.mkdirSync(path.join(dir, 'governance'));
    write(path.join(dir, 'post-mortems', '2026', 'a.md'), pm());
    write(path.join(dir, 'post-mortems', '2026', 'q3', 'b.md'), pm());
    write(path.join(dir, 'post-mortems', 'notes.txt'), 'not markdown');
    write(path.join(dir, 'docs', 'readme.md'), '# Readme\n');
    write(path.join(dir, 'docs', 'incident-postmortem.md'), '# Something else\n\nMatched by the default files glob.\n');
    write(path.join(dir, 'node_modules', 'x', 'c.md'), pm());
    write(path.join(dir, '.hidden', 'd.md'), pm());
  });
  after(() => cleanup());

  it('a quoted glob is expanded (node_modules and dot-folders never walked)', () => {
    const r = cli(['post-mortems/**/*.md'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(checkedCount(r.stdout), 2);
  });

  it('a directory is walked for *.md; post-mortems by heading or by the files globs', () => {
    const r = cli(['.'], dir);
    assert.notEqual(r.code, 2, r.stderr); // docs/incident-postmortem.md lacks every section: errors
    // a.md, b.md (heading) and docs/incident-postmortem.md (glob); docs/readme.md skipped.
    assert.equal(checkedCount(r.stdout), 3);
    assert.match(r.stdout, /\(1 skipped: not a post-mortem\)/);
  });

  it('the same file named twice is checked once', () => {
    const r = cli(['post-mortems/2026/a.md', 'post-mortems/**/a.md', 'post-mortems'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(checkedCount(r.stdout), 2);
  });

  it('[core] file paths in the output are as given or relative to the current directory', () => {
    const { dir: d, cleanup: c } = tempDir();
    try {
      write(path.join(d, 'governance', '.keep'), '');
      write(path.join(d, 'pm', 'x.md'), read(DRAFT));
      const byArg = JSON.parse(cli(['--format', 'json', './pm/x.md'], d).stdout) as JsonFinding[];
      assert.ok(byArg.every((f) => f.file === './pm/x.md'));
      const byDir = JSON.parse(cli(['--format', 'json', 'pm'], d).stdout) as JsonFinding[];
      assert.ok(byDir.length > 0 && byDir.every((f) => f.file === path.join('pm', 'x.md')));
    } finally {
      c();
    }
  });
});

describe('postmortem-lint: --status-as, --root and .postmortemrc.json', () => {
  let dir: string;
  let cleanup: () => void;
  before(() => {
    ({ dir, cleanup } = tempDir());
  });
  after(() => cleanup());

  /** A workspace (governance/ folder) with one post-mortem and, optionally, an rc file. */
  function workspace(name: string, doc: string, rc?: string): string {
    const root = path.join(dir, name);
    fs.mkdirSync(path.join(root, 'governance'), { recursive: true });
    write(path.join(root, 'post-mortems', 'pm.md'), doc);
    if (rc !== undefined) write(path.join(root, '.postmortemrc.json'), rc);
    return root;
  }

  const unsigned = () => read(COMPLETE).replace('| Risk / Compliance | Marta Kowalski | MK | 2026-10-02 |', '| Risk / Compliance | | | |');

  it('a DRAFT with an empty sign-off row passes', () => {
    const root = workspace('draft-unsigned', unsigned());
    const r = cli(['--format', 'json', 'post-mortems/pm.md'], root);
    assert.equal(r.code, 0, r.stdout + r.stderr);
  });

  it('[core] --status-as FINAL checks it as FINAL: PM012, exit 1', () => {
    const root = path.join(dir, 'draft-unsigned');
    const r = cli(['--format', 'json', '--status-as', 'FINAL', 'post-mortems/pm.md'], root);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    const codes = (JSON.parse(r.stdout) as JsonFinding[]).map((f) => f.code);
    assert.ok(codes.includes('PM012'), JSON.stringify(codes));
  });

  it('a broken .postmortemrc.json is a usage error (exit 2) naming the file', () => {
    const root = workspace('broken-rc', read(COMPLETE), '{ "rules": { "PM021": "off" ');
    const r = cli(['post-mortems/pm.md'], root);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /\.postmortemrc\.json: not valid JSON/);
    assert.equal(r.stdout, '');
  });

  it('a .postmortemrc.json with a wrong value is a usage error', () => {
    const bad = workspace('bad-level', read(COMPLETE), '{ "rules": { "PM021": "loud" } }');
    const r1 = cli(['post-mortems/pm.md'], bad);
    assert.equal(r1.code, 2);
    assert.match(r1.stderr, /rules\.PM021/);
    const arr = workspace('array', read(COMPLETE), '[]');
    assert.equal(cli(['post-mortems/pm.md'], arr).code, 2);
  });

  // Issue 12 changed this: an unknown key was exit 2; now it is a warning naming the key.
  it('an unknown key in .postmortemrc.json is a warning naming it; the rest applies', () => {
    const typo = workspace('typo', read(DRAFT), '{ "rule": { "PM021": "off" }, "rules": { "PM009": "off" }, "timeline": { "sort": true } }');
    const r = cli(['--format', 'json', 'post-mortems/pm.md'], typo);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /^postmortem-lint: warning: .*\.postmortemrc\.json: unknown setting "rule" ignored/m);
    assert.match(r.stderr, /unknown setting "timeline\.sort" ignored/);
    assert.ok(!(JSON.parse(r.stdout) as JsonFinding[]).some((f) => f.code === 'PM009'));
  });

  it('the editor-only settings (newFileFolder, trace.server, validation.delayMs) are accepted silently', () => {
    const root = workspace(
      'editor-keys',
      read(COMPLETE),
      '{ "$schema": "x", "newFileFolder": "pm", "trace.server": "verbose", "postmortem.validation.delayMs": 10, "timeline": { "sortOnFormat": true } }',
    );
    const r = cli(['post-mortems/pm.md'], root);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
  });

  it('the nearest .postmortemrc.json above the file applies (up to the root)', () => {
    const root = workspace('nearest', read(DRAFT), '{ "rules": { "PM009": "off" } }');
    write(path.join(root, 'post-mortems', 'team-b', 'pm.md'), read(DRAFT));
    write(path.join(root, 'post-mortems', 'team-b', '.postmortemrc.json'), '{ "rules": { "PM010": "off" } }');
    const r = cli(['--format', 'json', 'post-mortems'], root);
    const findings = JSON.parse(r.stdout) as JsonFinding[];
    const codesOf = (file: string) => new Set(findings.filter((f) => f.file === file).map((f) => f.code));
    const a = codesOf(path.join('post-mortems', 'pm.md'));
    const b = codesOf(path.join('post-mortems', 'team-b', 'pm.md'));
    assert.ok(!a.has('PM009') && a.has('PM010'), [...a].join());
    // The nearest file wins as a whole (no merging): team-b's has PM009 on again.
    assert.ok(b.has('PM009') && !b.has('PM010'), [...b].join());
  });

  it('[core] .postmortemrc.json rules apply (PM009 and PM005 off)', () => {
    const root = workspace('rules-off', read(DRAFT), '{ "rules": { "PM009": "off", "PM005": "warning" } }');
    const r = cli(['--format', 'json', 'post-mortems/pm.md'], root);
    const findings = JSON.parse(r.stdout) as JsonFinding[];
    assert.ok(!findings.some((f) => f.code === 'PM009'));
    assert.equal(findings.find((f) => f.code === 'PM005')?.severity, 'warning');
    assert.ok(findings.some((f) => f.code === 'PM010'));
  });

  it('[core] root detection: evidence resolves against the nearest folder holding governance/', () => {
    // From the repository root, complete.md's evidence paths resolve against test/fixtures/protocol/.
    const r = cli(['--format', 'json', rel(COMPLETE)]);
    assert.deepEqual(JSON.parse(r.stdout), [], r.stderr);
    // The same document elsewhere has no evidence files: PM014 warnings, still exit 0.
    const root = workspace('no-evidence', read(COMPLETE));
    const r2 = cli(['--format', 'json', 'post-mortems/pm.md'], root);
    assert.equal(r2.code, 0);
    assert.ok((JSON.parse(r2.stdout) as JsonFinding[]).some((f) => f.code === 'PM014'));
    // --root pointing at the fixtures makes them resolve again.
    const r3 = cli(['--format', 'json', '--root', PROTOCOL_FIXTURES, 'post-mortems/pm.md'], root);
    assert.deepEqual(JSON.parse(r3.stdout), []);
  });

  it('a broken team schema: one warning on stderr, the bundled schema checks', () => {
    const root = workspace('bad-schema', read(COMPLETE), '{ "schema": "schemas/team.json" }');
    write(path.join(root, 'schemas', 'team.json'), '{ nope');
    write(path.join(root, 'post-mortems', 'pm2.md'), read(COMPLETE));
    const r = cli(['post-mortems'], root);
    assert.equal(r.code, 0, r.stderr);
    const warnings = r.stderr.split('\n').filter((l) => l.includes('team.json'));
    assert.equal(warnings.length, 1, r.stderr);
    assert.equal(warnings[0]!.split('using the bundled schema').length - 1, 1, `said once: ${warnings[0]}`);
    assert.equal(checkedCount(r.stdout), 2);
  });
});
