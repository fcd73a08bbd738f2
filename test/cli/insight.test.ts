/**
 * `postmortem-lint actions` and `postmortem-lint stats` end to end (spawns `node dist/cli.js`) on a
 * generated workspace of 200 post-mortems (made from examples/post-mortems/INC-2026-0042-final.md
 * with seeded, varied values). Counts, medians and p90s are checked against values this test
 * computes from what it generated; the full outputs against golden files in
 * test/fixtures/insight/ (`UPDATE_GOLDEN=1` rewrites them). Each run analyses every file it is
 * given, so the filter and format variants of `actions` run on a glob of 50 of them.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CLI_JS, REPO, ensureBuilt } from '../helpers/build';
import { read, tempDir, write } from '../helpers/fixtures';

const TODAY = '2026-11-26';
const GOLDEN = path.join(REPO, 'test', 'fixtures', 'insight');
const EXAMPLE = read(path.join(REPO, 'examples', 'post-mortems', 'INC-2026-0042-final.md'));
const N = 200;
/** INC-2026-1000 … INC-2026-1049: the subset the `actions` variants run on. */
const SUBSET = 'post-mortems/INC-2026-10[0-4]?.md';
const inSubset = (file: string) => /INC-2026-10[0-4]\d\.md$/.test(file);

const STATUSES = ['DRAFT', 'UNDER REVIEW', 'FINAL', 'DRAFT / UNDER REVIEW / FINAL'];
const SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'high'];
const TRIGGERS = ['ORACLE_STALENESS', 'LIQUIDATION_SPIKE', 'MANUAL', 'SIGNER_OUTAGE', '*(BreakerTrigger enum value or free-text)*'];
const OWNERS = ['Lena Vogt', 'Priya Raman', 'Tomás Ortega', 'Dana Whitfield', '___'];
const ACTION_STATUSES = ['OPEN', 'IN PROGRESS', 'DONE', 'WONTFIX', 'done'];

/** A small deterministic PRNG (mulberry32): the workspace is the same on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number) => String(n).padStart(2, '0');
const utc = (ms: number) => {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} UTC`;
};

interface Expected {
  file: string;
  status: string;
  severity: string;
  trigger: string;
  month: string;
  /** Minutes, or 'missing' / 'unreadable'. */
  toOpen: number | 'missing' | 'unreadable';
  toResolve: number | 'missing' | 'unreadable';
  actions: { line: number; owner: string | null; target: string; blocking: boolean; status: string; open: boolean; overdue: boolean }[];
}

function generate(dir: string): Expected[] {
  const rnd = prng(15);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const out: Expected[] = [];
  const actionHeader = '| # | Action | Owner | Target date | Blocking? | Status |';
  const tableStart = EXAMPLE.indexOf(actionHeader);
  const tableEnd = EXAMPLE.indexOf('\n\n', tableStart);
  const headerLines = EXAMPLE.slice(0, tableStart).split('\n').length + 1; // the delimiter row's line (1-based)
  for (let i = 0; i < N; i++) {
    const id = `INC-2026-${String(1000 + i)}`;
    const file = `post-mortems/${id}.md`;
    const status = pick(STATUSES);
    const severity = pick(SEVERITIES);
    const trigger = pick(TRIGGERS);
    const detected = Date.UTC(2026, 0, 1) + Math.floor(rnd() * 300) * 86_400_000 + Math.floor(rnd() * 1440) * 60_000;
    const toOpen = 1 + Math.floor(rnd() * 120);
    const toResolve = 10 + Math.floor(rnd() * 2000);
    const opened = detected + toOpen * 60_000;
    const resolved = opened + toResolve * 60_000;
    let openedCell = utc(opened);
    let resolvedCell = utc(resolved);
    const exp: Expected = {
      file,
      status: status.includes('/') ? 'unset' : status,
      severity: severity.toUpperCase(),
      trigger: trigger.startsWith('*(') ? '(unset)' : trigger,
      month: utc(detected).slice(0, 7),
      toOpen,
      toResolve,
      actions: [],
    };
    if (i % 25 === 7) {
      // Not UTC: both durations need Incident opened, so both are counted apart.
      openedCell = openedCell.replace(' UTC', ' PST');
      exp.toOpen = 'unreadable';
      exp.toResolve = 'unreadable';
    } else if (i % 40 === 3) {
      resolvedCell = '*(not yet)*';
      exp.toResolve = 'missing';
    } else if (i % 50 === 11) {
      resolvedCell = utc(opened - 3_600_000); // before it was opened (PM008): never a negative duration
      exp.toResolve = 'unreadable';
    }
    const rows: string[] = [];
    const nActions = Math.floor(rnd() * 5);
    for (let k = 0; k < nActions; k++) {
      const owner = pick(OWNERS);
      const target = `2026-${pad(9 + Math.floor(rnd() * 4))}-${pad(1 + Math.floor(rnd() * 28))}`;
      const blocking = rnd() < 0.4;
      const st = pick(ACTION_STATUSES);
      const open = st.toUpperCase() !== 'DONE';
      rows.push(`| ${k + 1} | Action ${k + 1} of ${id}, with a comma | ${owner} | ${target} | ${blocking ? 'YES' : 'NO'} | ${st} |`);
      exp.actions.push({ line: headerLines + 1 + k, owner: owner === '___' ? null : owner, target, blocking, status: st.toUpperCase(), open, overdue: open && target < TODAY });
    }
    const text = (EXAMPLE.slice(0, tableStart) + [actionHeader, '|---|--------|-------|-------------|-----------|--------|', ...rows].join('\n') + EXAMPLE.slice(tableEnd))
      .replace(/INC-2026-0042/g, id)
      .replace('**Status:** FINAL', `**Status:** ${status}`)
      .replace('| Severity | HIGH |', `| Severity | ${severity} |`)
      .replace('| Trigger | ORACLE_STALENESS |', `| Trigger | ${trigger} |`)
      .replace('| First detected (UTC) | 2026-09-28 14:52 UTC |', `| First detected (UTC) | ${utc(detected)} |`)
      .replace('| Incident opened (UTC) | 2026-09-28 15:01 UTC |', `| Incident opened (UTC) | ${openedCell} |`)
      .replace('| Incident resolved (UTC) | 2026-09-28 17:16 UTC |', `| Incident resolved (UTC) | ${resolvedCell} |`);
    write(path.join(dir, file), text);
    out.push(exp);
  }
  // Not a post-mortem (outside post-mortems/, another first heading): skipped.
  write(path.join(dir, 'docs', 'README.md'), '# Post-mortems\n\nOne file per incident.\n');
  return out;
}

function cli(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [CLI_JS, ...args], { cwd, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function golden(name: string, actual: string): void {
  const file = path.join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN === '1' || !fs.existsSync(file)) {
    write(file, actual);
    if (process.env.UPDATE_GOLDEN !== '1') assert.fail(`${name} written; check it and run again`);
    return;
  }
  assert.equal(actual, read(file), `${name} (UPDATE_GOLDEN=1 rewrites it)`);
}

/** Independent of the core: the middle value (mean of the middle two), and the ⌈0.9n⌉-th smallest. */
function medianOf(xs: number[]): number | null {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return null;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
function p90Of(xs: number[]): number | null {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? null : s[Math.ceil(0.9 * s.length) - 1]!;
}
function tally(xs: string[]): Record<string, number> {
  const t: Record<string, number> = {};
  for (const x of xs) t[x] = (t[x] ?? 0) + 1;
  return t;
}
const sorted = (o: Record<string, number>) => Object.fromEntries(Object.entries(o).filter(([, n]) => n > 0).sort(([a], [b]) => (a < b ? -1 : 1)));

let ws: { dir: string; cleanup: () => void };
let expected: Expected[];

before(async () => {
  await ensureBuilt();
  ws = tempDir('pm-insight-');
  expected = generate(ws.dir);
});
after(() => ws?.cleanup());

describe('postmortem-lint stats', () => {
  it('--format json: counts, medians and p90s as computed from the generated values', () => {
    const r = cli(['stats', '--format', 'json', '--today', TODAY, 'post-mortems', 'docs'], ws.dir);
    assert.equal(r.code, 0, r.stderr);
    const s = JSON.parse(r.stdout);
    assert.equal(s.postmortems, N);
    assert.equal(s.today, TODAY);
    assert.deepEqual(sorted(s.byStatus), sorted(tally(expected.map((e) => e.status))));
    assert.deepEqual(sorted(s.bySeverity), sorted(tally(expected.map((e) => e.severity))));
    assert.deepEqual(sorted(s.byTrigger), sorted(tally(expected.map((e) => e.trigger))));
    assert.deepEqual(sorted(s.byMonth), sorted(tally(expected.map((e) => e.month))));
    for (const [key, pick] of [
      ['timeToOpen', (e: Expected) => e.toOpen],
      ['timeToResolve', (e: Expected) => e.toResolve],
    ] as const) {
      const values = expected.map(pick).filter((v): v is number => typeof v === 'number');
      assert.deepEqual(s[key], {
        count: values.length,
        median: medianOf(values),
        p90: p90Of(values),
        missing: expected.map(pick).filter((v) => v === 'missing').length,
        unreadable: expected.map(pick).filter((v) => v === 'unreadable').length,
      }, key);
    }
    assert.ok(s.timeToOpen.unreadable > 0 && s.timeToResolve.missing > 0, 'the workspace has unreadable and missing times');
    const all = expected.flatMap((e) => e.actions);
    const open = all.filter((a) => a.open);
    assert.deepEqual(s.actions, { total: all.length, open: open.length, overdue: open.filter((a) => a.overdue).length, blocking: open.filter((a) => a.blocking).length });
    for (const o of s.owners as { owner: string; open: number; overdue: number; blocking: number }[]) {
      const mine = open.filter((a) => (a.owner ?? '(no owner)') === o.owner);
      assert.deepEqual(o, { owner: o.owner, open: mine.length, overdue: mine.filter((a) => a.overdue).length, blocking: mine.filter((a) => a.blocking).length });
    }
    assert.equal((s.owners as unknown[]).length, new Set(open.map((a) => a.owner ?? '(no owner)')).size);
  });

  it('--format table: golden output', () => {
    const r = cli(['stats', '-f', 'table', '--today', TODAY, 'post-mortems'], ws.dir);
    assert.equal(r.code, 0, r.stderr);
    golden('stats.txt', r.stdout);
  });

  it('--format markdown -o FILE: golden output, written to the file', () => {
    const r = cli(['stats', '-f', 'markdown', '--today', TODAY, '-o', 'report.md', 'post-mortems'], ws.dir);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '');
    golden('stats.md', read(path.join(ws.dir, 'report.md')));
  });
});

describe('postmortem-lint actions', () => {
  it('--format json: one object per action item, as generated', () => {
    const r = cli(['actions', '--format', 'json', '--today', TODAY, 'post-mortems'], ws.dir);
    assert.equal(r.code, 0, r.stderr);
    const rows = JSON.parse(r.stdout) as { file: string; line: number; owner: string | null; targetDate: string; blocking: boolean; status: string; open: boolean; overdue: boolean; action: string }[];
    const want = expected.flatMap((e) => e.actions.map((a) => ({ file: e.file, line: a.line, owner: a.owner, targetDate: a.target, blocking: a.blocking, status: a.status, open: a.open, overdue: a.overdue })));
    assert.deepEqual(
      rows.map(({ file, line, owner, targetDate, blocking, status, open, overdue }) => ({ file, line, owner, targetDate, blocking, status, open, overdue })),
      want,
    );
    assert.match(rows[0]!.action, /^Action 1 of INC-2026-\d{4}, with a comma$/);
  });

  it('--open, --overdue and --owner filter', () => {
    const all = expected.filter((e) => inSubset(e.file)).flatMap((e) => e.actions);
    const count = (args: string[]) => JSON.parse(cli(['actions', '-f', 'json', '--today', TODAY, ...args, SUBSET], ws.dir).stdout).length;
    assert.equal(count(['--open']), all.filter((a) => a.open).length);
    assert.equal(count(['--overdue']), all.filter((a) => a.overdue).length);
    assert.equal(count(['--open', '--owner', 'lena vogt']), all.filter((a) => a.open && a.owner === 'Lena Vogt').length);
  });

  for (const format of ['table', 'csv', 'markdown']) {
    it(`--format ${format}: golden output (overdue, Priya Raman)`, () => {
      const r = cli(['actions', '-f', format, '--today', TODAY, '--overdue', '--owner', 'Priya Raman', SUBSET], ws.dir);
      assert.equal(r.code, 0, r.stderr);
      golden(`actions-overdue-priya.${format === 'table' ? 'txt' : format === 'csv' ? 'csv' : 'md'}`, r.stdout);
    });
  }

  it('usage errors exit 2', () => {
    for (const [args, pattern] of [
      [['actions', '--format', 'sarif', 'post-mortems'], /--format must be one of table, csv, json, markdown/],
      [['stats', '--format', 'csv', 'post-mortems'], /--format must be one of table, json, markdown/],
      [['stats', '--open', 'post-mortems'], /--open is an option of "actions"/],
      [['actions', '--today', '2026-02-30', 'post-mortems'], /--today needs a date/],
      [['actions'], /no files given/],
      [['stats', 'nothing-here/'], /nothing-here/],
    ] as const) {
      const r = cli([...args], ws.dir);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, pattern);
    }
    const help = cli(['actions', '--help'], ws.dir);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /Usage: postmortem-lint actions/);
  });
});
