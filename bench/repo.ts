/**
 * `npm run bench -- repo` — the CLI at repository scale (issue 16, item 5): BENCH_REPO_FILES
 * (default 10,000) generated post-mortems of about 8 KB (≈ 80 MB) checked by `postmortem-lint`
 * cold (default `--jobs`: one worker thread per core), with `--cache` the first time (writing it)
 * and again unchanged (warm), one file changed (warm), and `--jobs 1`; markdownlint-cli2 on the same
 * files for scale. Wall time of the process, its CPU time (all threads) and its peak RSS.
 * Slow (minutes): never part of `npm test` or of the default `npm run bench`.
 *
 *   npm run bench -- repo
 *   BENCH_REPO_FILES=1000 npm run bench -- repo
 *   BENCH_REPO_SKIP=jobs1,markdownlint npm run bench -- repo   leave rows out
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const MARKDOWNLINT = path.join(ROOT, 'node_modules', 'markdownlint-cli2', 'markdownlint-cli2-bin.mjs');

const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(0)} ms`);

/**
 * The i-th post-mortem: the FINAL example with its own Incident ID, owners, dates and a timeline
 * grown by 25–55 exported rows (≈ 8 KB; the rows differ per file, so no two files are equal).
 */
export function repoPostmortem(example: string, i: number): string {
  const id = `INC-2026-${String(10_000 + i)}`;
  const rows: string[] = [];
  const n = 25 + (i % 31);
  for (let k = 0; k < n; k++) {
    const s = 2 * k + (i % 2);
    rows.push(`| 17:${String(17 + Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')} | Relay ${i % 17} heartbeat ${k}: breaker ${k % 5 ? 'armed' : 'tripped'} on pool ${k % 13} | system |`);
  }
  const anchor = '| 17:16 | Incident resolved | Priya Raman |\n';
  return example
    .replace(/INC-2026-0042/g, id)
    .replace(anchor, anchor + rows.map((r) => `${r}\n`).join(''))
    .replace('| 3 | Automate fallback to the secondary oracle | Lena Vogt | 2026-11-20 | NO | DONE |', `| 3 | Automate fallback to the secondary oracle | Owner ${i % 37} | 2026-${String(1 + (i % 12)).padStart(2, '0')}-15 | ${i % 3 ? 'NO' : 'YES'} | ${i % 4 ? 'OPEN' : 'DONE'} |`);
}

interface Run {
  ms: number;
  /** CPU time of the process, all threads (user + system). */
  cpu: number;
  rss: number;
  code: number | null;
}

/** Runs `node args…` in `cwd`, output discarded; wall time, peak RSS (its own maxRSS at exit), exit code. */
function timed(args: string[], cwd: string): Promise<Run> {
  return new Promise((resolve) => {
    const t = performance.now();
    const proc = spawn(process.execPath, ['-r', path.join(__dirname, 'maxrss.cjs'), ...args], { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    proc.stderr!.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-4000)));
    proc.on('exit', (code) => {
      resolve({ ms: performance.now() - t, cpu: Number(/cpu=(\d+)/.exec(err)?.[1] ?? NaN), rss: Number(/maxrss=(\d+)/.exec(err)?.[1] ?? NaN) / 1024, code });
    });
  });
}

export async function benchRepo(): Promise<void> {
  const n = Number(process.env.BENCH_REPO_FILES ?? 10_000);
  const skip = new Set((process.env.BENCH_REPO_SKIP ?? '').split(',').filter(Boolean));
  if (!fs.existsSync(CLI)) throw new Error('dist/cli.js missing: run npm run build first');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-bench-repo-'));
  try {
    const example = fs.readFileSync(path.join(ROOT, 'examples', 'post-mortems', 'INC-2026-0042-final.md'), 'utf8');
    let bytes = 0;
    // 100 files per folder, as a repository might keep them by year/team.
    for (let i = 0; i < n; i++) {
      const sub = path.join(dir, 'post-mortems', `team-${String(Math.floor(i / 100)).padStart(3, '0')}`);
      if (i % 100 === 0) fs.mkdirSync(sub, { recursive: true });
      const text = repoPostmortem(example, i);
      bytes += Buffer.byteLength(text);
      fs.writeFileSync(path.join(sub, `INC-2026-${10_000 + i}.md`), text);
    }
    const cache = path.join(dir, '.postmortemlintcache');
    const lint = (...extra: string[]) => timed([CLI, '--format', 'json', ...extra, 'post-mortems'], dir);
    const rows: [string, Run][] = [];
    const row = async (label: string, run: () => Promise<Run>) => {
      const r = await run();
      rows.push([label, r]);
      console.error(`  ${label}: ${fmt(r.ms)}`);
    };
    console.error(`repo bench: ${n} files, ${(bytes / 1e6).toFixed(1)} MB in ${dir}`);
    await row(`postmortem-lint, cold (--jobs default: ${os.availableParallelism()} on this machine)`, () => lint());
    await row('postmortem-lint --cache, first run (writes the cache)', () => lint('--cache', '--cache-location', cache));
    await row('postmortem-lint --cache, unchanged (warm)', () => lint('--cache', '--cache-location', cache));
    const one = path.join(dir, 'post-mortems', 'team-000', 'INC-2026-10000.md');
    fs.appendFileSync(one, '\nOne more line.\n');
    await row('postmortem-lint --cache, one file changed (warm)', () => lint('--cache', '--cache-location', cache));
    if (!skip.has('jobs1')) await row('postmortem-lint --jobs 1 (no worker threads)', () => lint('--jobs', '1'));
    if (!skip.has('markdownlint')) {
      if (fs.existsSync(MARKDOWNLINT)) await row('markdownlint-cli2 (default rules, one thread)', () => timed([MARKDOWNLINT, 'post-mortems/**/*.md'], dir));
      else console.error('  markdownlint-cli2 not installed: row left out');
    }
    console.log(`\nRepository scale — ${n} post-mortems, ${(bytes / 1e6).toFixed(1)} MB, ${os.availableParallelism()} cores, Node ${process.version}, load ${os.loadavg()[0]!.toFixed(1)} at the end\n`);
    console.log('| run | wall | per file | CPU (all threads) | peak RSS | exit |');
    console.log('|---|---|---|---|---|---|');
    for (const [label, r] of rows) console.log(`| ${label} | ${fmt(r.ms)} | ${(r.ms / n).toFixed(2)} ms | ${fmt(r.cpu)} | ${r.rss.toFixed(0)} MB | ${r.code} |`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
