/**
 * The CLI's pure parts on synthetic findings: argument parsing, output formats,
 * file expansion and the rc file. Independent of the core's rules.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { LineIndex } from '../../server/src/core';
import { UsageError, parseArgs } from '../../server/src/node/cliArgs';
import { formatGithub, formatJson, formatSarif, formatText, hasErrors, toReportFinding, type FileReport } from '../../server/src/node/cliReport';
import { IgnoreFile, expandInputs } from '../../server/src/node/files';
import { ConfigError, loadRcSettings } from '../../server/src/node/rc';
import { findGovernanceRoot } from '../../server/src/node/root';
import { tempDir, write } from '../helpers/fixtures';

const reports: FileReport[] = [
  {
    file: 'pm/a.md',
    findings: [
      { line: 3, column: 18, endLine: 3, endColumn: 30, severity: 'error', code: 'PM019', message: 'Incident ID "x,y: z" does not match' },
      { line: 40, column: 2, endLine: 40, endColumn: 5, severity: 'warning', code: 'PM007', message: '100% out of order\nsecond line' },
    ],
  },
  { file: 'pm/clean.md', findings: [] },
  { file: 'pm/b c#1.md', findings: [{ line: 1, column: 1, endLine: 1, endColumn: 2, severity: 'information', code: 'PM021', message: 'overdue' }] },
];

describe('cliArgs', () => {
  it('parses options in both spellings and keeps inputs in order', () => {
    const o = parseArgs(['--format=sarif', 'a.md', '--root', 'r', '--status-as', 'final', 'b/**/*.md', '--', '--weird.md']);
    assert.deepEqual(o, {
      format: 'sarif',
      root: 'r',
      statusAs: 'FINAL',
      templates: [],
      printModel: false,
      fix: false,
      fixDryRun: false,
      quiet: false,
      verbose: false,
      cache: false,
      help: false,
      version: false,
      inputs: ['a.md', 'b/**/*.md', '--weird.md'],
    });
  });
  it('parses the CI options (short forms too)', () => {
    const o = parseArgs(['-q', '--max-warnings', '0', '-o', 'out.sarif', '-f', 'sarif', '--ignore-path', 'x.ignore', '--fix', '--verbose', '--no-color', 'a.md', '!b.md']);
    assert.equal(o.quiet, true);
    assert.equal(o.maxWarnings, 0);
    assert.equal(o.output, 'out.sarif');
    assert.equal(o.format, 'sarif');
    assert.equal(o.ignorePath, 'x.ignore');
    assert.equal(o.fix, true);
    assert.equal(o.verbose, true);
    assert.equal(o.color, false);
    assert.deepEqual(o.inputs, ['a.md', '!b.md']);
    const s = parseArgs(['-', '--stdin-filename', 'pm/x.md', '--fix-dry-run']);
    assert.deepEqual([s.inputs, s.stdinFilename, s.fixDryRun], [['-'], 'pm/x.md', true]);
    assert.deepEqual(parseArgs(['--template', 'a.md', '--template=b.md', 'x.md']).templates, ['a.md', 'b.md']);
  });
  it('rejects contradictions and bad values of the CI options', () => {
    assert.throws(() => parseArgs(['--max-warnings', '-1', 'a.md']), /--max-warnings/);
    assert.throws(() => parseArgs(['--max-warnings', 'many', 'a.md']), /whole number/);
    assert.throws(() => parseArgs(['--fix', '--fix-dry-run', 'a.md']), /exclude each other/);
    assert.throws(() => parseArgs(['--color', '--no-color', 'a.md']), /exclude each other/);
    assert.throws(() => parseArgs(['-', 'a.md']), /cannot be combined/);
    assert.throws(() => parseArgs(['--fix', '-']), /--fix cannot write to stdin/);
    assert.throws(() => parseArgs(['--stdin-filename', 'x.md', 'a.md']), /needs "-"/);
    assert.throws(() => parseArgs(['-o']), /--output needs a value/);
    assert.throws(() => parseArgs(['-h=1']), UsageError);
  });
  it('rejects what it does not know', () => {
    assert.throws(() => parseArgs(['--nope']), UsageError);
    assert.throws(() => parseArgs(['--format', 'xml']), /one of text, json, github, sarif/);
    assert.throws(() => parseArgs(['--root']), /needs a value/);
    assert.throws(() => parseArgs(['--help=yes']), /takes no value/);
  });
});

describe('cliReport', () => {
  it('positions are 1-based UTF-16 columns via LineIndex', () => {
    const text = 'ab\r\n😀x\n';
    const f = toReportFinding({ code: 'PM001', message: 'm', severity: 'error', start: 6, end: 7 }, new LineIndex(text));
    assert.deepEqual([f.line, f.column, f.endLine, f.endColumn], [2, 3, 2, 4]);
  });

  it('json: one flat array with the eight fields', () => {
    const out = JSON.parse(formatJson(reports));
    assert.equal(out.length, 3);
    assert.deepEqual(out[0], { file: 'pm/a.md', line: 3, column: 18, endLine: 3, endColumn: 30, severity: 'error', code: 'PM019', message: 'Incident ID "x,y: z" does not match' });
  });

  it('text (--verbose): aligned lines grouped by file, then a summary', () => {
    const out = formatText(reports, { checked: 3, skipped: 1 }, { verbose: true });
    const lines = out.split('\n');
    assert.equal(lines[0], 'pm/a.md:3:18     error        PM019  Incident ID "x,y: z" does not match');
    assert.equal(lines[1], 'pm/a.md:40:2     warning      PM007  100% out of order second line');
    assert.equal(lines[2], '');
    assert.equal(lines[3], 'pm/b c#1.md:1:1  information  PM021  overdue');
    assert.equal(lines.at(-2), '✖ 3 problems (1 error, 1 warning, 1 info) in 2 of 3 files (1 skipped: not a post-mortem)');
    assert.equal(formatText([], { checked: 1, skipped: 0 }), '✔ no problems in 1 file\n');
  });

  it('text: information findings are counted, not listed, unless verbose', () => {
    const out = formatText(reports, { checked: 3, skipped: 1, ignored: 2 });
    assert.ok(!out.includes('PM021'), out);
    assert.equal(
      out.split('\n').at(-2),
      '✖ 3 problems (1 error, 1 warning, 1 info) in 2 of 3 files (1 skipped: not a post-mortem; 2 ignored); 1 info not shown (--verbose lists them)',
    );
    const infoOnly = formatText([reports[2]!], { checked: 1, skipped: 0 });
    assert.equal(infoOnly, '✔ no errors or warnings in 1 file (1 info; --verbose lists it)\n');
  });

  it('text: a run with input errors never ends with "no problems"', () => {
    assert.equal(formatText([], { checked: 0, skipped: 0, inputErrors: 1 }), '✖ 1 input error (see stderr): 0 files checked\n');
    assert.doesNotMatch(formatText([reports[1]!], { checked: 1, skipped: 0, inputErrors: 2 }), /no problems/);
  });

  it('text: colours only when asked (ANSI), never otherwise', () => {
    assert.doesNotMatch(formatText(reports, { checked: 3, skipped: 0 }), /\u001b\[/);
    const coloured = formatText(reports, { checked: 3, skipped: 0 }, { color: true });
    assert.match(coloured, /\u001b\[31merror/);
    assert.equal(coloured.replace(/\u001b\[\d+m/g, ''), formatText(reports, { checked: 3, skipped: 0 }));
  });

  it('github: escapes data and properties', () => {
    const out = formatGithub(reports).trimEnd().split('\n');
    assert.equal(out[0], '::error file=pm/a.md,line=3,col=18,endLine=3,endColumn=30,title=PM019::Incident ID "x,y: z" does not match');
    assert.equal(out[1], '::warning file=pm/a.md,line=40,col=2,endLine=40,endColumn=5,title=PM007::100%25 out of order%0Asecond line');
    assert.equal(out[2], '::notice file=pm/b c#1.md,line=1,col=1,endLine=1,endColumn=2,title=PM021::overdue');
    assert.equal(formatGithub([]), '');
  });

  it('sarif: rules indexed, results with regions, relative URIs encoded', () => {
    const log = JSON.parse(formatSarif(reports, { version: '9.9.9', rules: [{ code: 'PM007', title: 'Timeline order', severity: 'warning' }], cwd: '/repo' }));
    const run = log.runs[0];
    assert.equal(log.version, '2.1.0');
    assert.equal(run.tool.driver.version, '9.9.9');
    assert.deepEqual(run.tool.driver.rules.map((r: { id: string }) => r.id), ['PM007', 'PM019', 'PM021']);
    assert.deepEqual(run.tool.driver.rules[0], {
      id: 'PM007',
      shortDescription: { text: 'Timeline order' },
      help: { text: 'Timeline order.', markdown: '**PM007: Timeline order**\n\n' },
      defaultConfiguration: { level: 'warning' },
    });
    assert.deepEqual(run.results.map((r: { ruleIndex: number; level: string }) => [r.ruleIndex, r.level]), [[1, 'error'], [0, 'warning'], [2, 'note']]);
    assert.deepEqual(run.results[0].locations[0].physicalLocation, {
      artifactLocation: { uri: 'pm/a.md', uriBaseId: '%SRCROOT%' },
      region: { startLine: 3, startColumn: 18, endLine: 3, endColumn: 30 },
    });
    assert.equal(run.results[2].locations[0].physicalLocation.artifactLocation.uri, 'pm/b%20c%231.md');
    assert.equal(run.originalUriBaseIds['%SRCROOT%'].uri, 'file:///repo/');
    assert.equal(run.columnKind, 'utf16CodeUnits');
  });

  it('hasErrors', () => {
    assert.equal(hasErrors(reports), true);
    assert.equal(hasErrors(reports.slice(1)), false);
  });
});

describe('files, root and rc', () => {
  let dir: string;
  let cleanup: () => void;
  before(() => {
    ({ dir, cleanup } = tempDir());
    for (const f of ['a/x.md', 'a/y.MD', 'a/z.txt', 'a/deep/w.md', 'a/node_modules/n.md', 'a/.git/g.md']) write(path.join(dir, f), '');
    fs.mkdirSync(path.join(dir, 'governance'));
  });
  after(() => cleanup());

  it('directories: *.md, sorted, without node_modules and dot-folders', () => {
    const r = expandInputs(['a'], dir);
    assert.deepEqual(r.files.map((f) => f.display), ['a/deep/w.md', 'a/x.md', 'a/y.MD']);
    assert.deepEqual(r.errors, []);
  });

  it('globs: matched against the part after their static base; errors for no match', () => {
    const r = expandInputs(['a/*.md', 'a/**/w.md', 'nothing/*.md', 'missing.md'], dir);
    assert.deepEqual(r.files.map((f) => f.display), ['a/x.md', 'a/deep/w.md']);
    assert.deepEqual(r.errors, ['no files match the pattern "nothing/*.md" (no directory nothing)', 'no such file or directory: missing.md']);
  });

  it('walks and globs: symlinked files count, symlinked folders are not followed (no loops, no duplicates)', () => {
    write(path.join(dir, 'l', 'real', 'r.md'), '');
    fs.symlinkSync(path.join(dir, 'l', 'real', 'r.md'), path.join(dir, 'l', 'link.md'));
    fs.symlinkSync(path.join(dir, 'l', 'real'), path.join(dir, 'l', 'dirlink'));
    fs.symlinkSync(path.join(dir, 'l'), path.join(dir, 'l', 'real', 'loop'));
    assert.deepEqual(expandInputs(['l'], dir).files.map((f) => f.display), ['l/link.md', 'l/real/r.md']);
    assert.deepEqual(expandInputs(['l/**/*.md'], dir).files.map((f) => f.display), ['l/link.md', 'l/real/r.md']);
    // A symlinked folder named as the base of a glob is used.
    assert.deepEqual(expandInputs(['l/dirlink/*.md'], dir).files.map((f) => f.display), ['l/dirlink/r.md']);
  });

  it('negated globs and an ignore file leave files out and count them', () => {
    write(path.join(dir, 'n', 'keep.md'), '');
    write(path.join(dir, 'n', 'template.md'), '');
    write(path.join(dir, 'n', 'old', 'x.md'), '');
    write(path.join(dir, 'n', '.pmignore'), 'old/\n');
    const ig = IgnoreFile.load(path.join(dir, 'n', '.pmignore'));
    const r = expandInputs(['n', '!**/template.md'], dir, { ignore: ig });
    assert.deepEqual(r.files.map((f) => f.display), ['n/keep.md']);
    assert.equal(r.ignored, 2);
    assert.throws(() => IgnoreFile.load(path.join(dir, 'n', 'missing')), /cannot read the ignore file/);
  });

  it('explicit files are kept as given, even when not .md', () => {
    const r = expandInputs(['./a/z.txt'], dir);
    assert.deepEqual(r.files.map((f) => f.display), ['./a/z.txt']);
  });

  it('root: nearest ancestor with governance/', () => {
    assert.equal(findGovernanceRoot(path.join(dir, 'a', 'deep')), dir);
  });

  it('rc: defaults without a file; clear errors for broken ones', () => {
    assert.equal(loadRcSettings(dir).file, undefined);
    write(path.join(dir, '.postmortemrc.json'), '{"rules": {"PM021": "off"}, "validation": {"delayMs": 5}}');
    const ok = loadRcSettings(dir);
    assert.equal(ok.settings.rules.PM021, 'off');
    write(path.join(dir, '.postmortemrc.json'), '{"incidentIdPattern": "("}');
    assert.throws(() => loadRcSettings(dir), (e) => e instanceof ConfigError && /incidentIdPattern/.test(e.message));
    write(path.join(dir, '.postmortemrc.json'), 'nope');
    assert.throws(() => loadRcSettings(dir), /not valid JSON/);
  });
});
