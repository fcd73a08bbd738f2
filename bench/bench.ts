/**
 * npm run bench — edit → diagnostics over the LSP (debounce 0) for the bundled
 * server, next to a full re-parse of the same documents and markdownlint on
 * them; plus the server's peak RSS, cold start, and the latency of a hover sent
 * while a long analysis runs. Prints one table.
 * Speed is reported here, never asserted in tests.
 *
 *   npm run bench                       all sizes
 *   BENCH_SIZES=4k,100k npm run bench
 *   BENCH_EDITS=40 npm run bench        one-line edits per size (default 30; 10 at 5 MB)
 *   BENCH_NODE_ARGS=--cpu-prof npm run bench   flags for the server's node (profiles land in the cwd)
 *   BENCH_SERVER=../old/dist/server.js npm run bench   another build of the server (A/B on the same machine state)
 *   BENCH_HOSTILE=only npm run bench    only the hostile-shapes table (BENCH_HOSTILE=0: without it)
 *   BENCH_HOSTILE_SHAPES=2,7            only these rows of the hostile table (1-based)
 *
 * The hostile-shapes table (issue 16, bench/hostile.ts): per shape, the CLI (`dist/cli.js
 * --format json` on the file, wall time and its peak RSS) and the language server (a fresh one:
 * didOpen → the publishDiagnostics of that version, then a documentSymbol request to show it
 * still answers; its peak RSS). A run is stopped after BENCH_HOSTILE_TIMEOUT seconds (default 300).
 *   BENCH_SIZES=1m BENCH_EDITS=2 npm run bench  a quick run of the 1 MB rows
 *
 * A second table times the navigation requests of issue 14 on the last version (its analysis
 * is cached, as in an editor): document links, inlay hints (a screen of timeline rows and the
 * whole document), prepareRename + rename of the Incident ID, the Status code lens (its first
 * answer runs Mark Final's check), workspace symbols (the examples/ folder) and go to definition.
 *   BENCH_REPORTS=10000 npm run bench   post-mortems for the `actions` / `stats` rows (default 10000; 0 = none)
 *   npm run bench -- repo               only the repository-scale CLI section (bench/repo.ts: 10,000 files, minutes)
 *   BENCH_FULL=0 npm run bench          without the in-process full analyze and markdownlint columns (faster)
 *
 * An edit is one incremental `didChange` with a range: a few characters typed
 * into (or deleted from) one Timeline row's Event cell, a different row each
 * time, spread over the middle half of the timeline. It is timed from sending
 * `didChange` to the `publishDiagnostics` carrying that version.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as os from 'node:os';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { lint } from 'markdownlint/sync';
import { analyze, DEFAULT_SETTINGS, LineIndex } from '../server/src/core';
import { generate } from './generate';
import { HOSTILE } from './hostile';
import { benchRepo } from './repo';

const ROOT = path.resolve(__dirname, '..');
const SERVER = process.env.BENCH_SERVER ? path.resolve(process.env.BENCH_SERVER) : path.join(ROOT, 'dist', 'server.js');
const SIZES: Record<string, number> = { '4k': 4_000, '100k': 100_000, '1m': 1_000_000, '5m': 5_000_000 };
const HOSTILE_MODE = process.env.BENCH_HOSTILE ?? '1';
const wanted = HOSTILE_MODE === 'only' ? [] : (process.env.BENCH_SIZES ?? '4k,100k,1m,5m').split(',').filter((s) => SIZES[s]);
const EDITS = process.env.BENCH_EDITS ? Number(process.env.BENCH_EDITS) : undefined;
const editsFor = (size: number) => EDITS ?? (size >= 5_000_000 ? 10 : 30);
const FULL = process.env.BENCH_FULL !== '0';
const REPORTS = process.env.BENCH_REPORTS !== undefined ? Number(process.env.BENCH_REPORTS) : 10_000;

/** `postmortem-lint actions` and `stats` (JSON) over `n` post-mortems made from the FINAL example: wall time of the process. */
function benchReports(n: number): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-bench-reports-'));
  try {
    const example = fs.readFileSync(path.join(ROOT, 'examples', 'post-mortems', 'INC-2026-0042-final.md'), 'utf8');
    fs.mkdirSync(path.join(dir, 'post-mortems'));
    for (let i = 0; i < n; i++) {
      const id = `INC-2026-${String(10_000 + i)}`;
      const text = example.replace(/INC-2026-0042/g, id).replace('| 3 | Automate fallback to the secondary oracle | Lena Vogt | 2026-11-20 | NO | DONE |', `| 3 | Automate fallback to the secondary oracle | Owner ${i % 37} | 2026-${String(1 + (i % 12)).padStart(2, '0')}-15 | ${i % 3 ? 'NO' : 'YES'} | ${i % 4 ? 'OPEN' : 'DONE'} |`);
      fs.writeFileSync(path.join(dir, 'post-mortems', `${id}.md`), text);
    }
    return ['actions', 'stats'].map((cmd) => {
      const t0 = performance.now();
      const r = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), cmd, '-f', 'json', 'post-mortems'], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 30 });
      const ms = performance.now() - t0;
      if (r.status !== 0) throw new Error(`postmortem-lint ${cmd}: exit ${r.status}: ${r.stderr}`);
      return `postmortem-lint ${cmd} -f json over ${n} post-mortems: ${fmt(ms)} (process wall time, ${(ms / n).toFixed(2)} ms per file)`;
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!;
}

const fmt = (ms: number) => (Number.isNaN(ms) ? '–' : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`);

function rssOf(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  try {
    const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? +m[1]! / 1024 : NaN;
  } catch {
    return NaN;
  }
}

interface Server {
  proc: ChildProcess;
  conn: MessageConnection;
  coldStartMs: number;
  /** Diagnostics in the last publish, per URI. */
  diagnosticCount: Map<string, number>;
  waitFor(uri: string, version: number): Promise<number>;
  stop(): Promise<void>;
}

async function startServer(): Promise<Server> {
  const t0 = performance.now();
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const proc = spawn(process.execPath, [...nodeArgs, SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  const conn = createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  const waiters = new Map<string, { version: number; resolve: (t: number) => void }>();
  const diagnosticCount = new Map<string, number>();
  conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string; version?: number; diagnostics: unknown[] }) => {
    diagnosticCount.set(p.uri, p.diagnostics.length);
    const w = waiters.get(p.uri);
    if (w && p.version === w.version) {
      waiters.delete(p.uri);
      w.resolve(performance.now());
    }
  });
  conn.onNotification('window/logMessage', () => undefined);
  conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({ validation: { delayMs: 0 } })));
  conn.onRequest('client/registerCapability', () => null);
  conn.onRequest('window/workDoneProgress/create', () => null);
  conn.listen();
  await conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: `file://${ROOT}/examples`,
    workspaceFolders: [{ uri: `file://${ROOT}/examples`, name: 'examples' }],
    capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: { versionSupport: true } } },
    initializationOptions: { postmortem: { validation: { delayMs: 0 } } },
  });
  const coldStartMs = performance.now() - t0;
  await conn.sendNotification('initialized', {});
  return {
    proc,
    conn,
    coldStartMs,
    diagnosticCount,
    waitFor: (uri, version) => new Promise<number>((resolve) => waiters.set(uri, { version, resolve })),
    stop: async () => {
      try {
        await conn.sendRequest('shutdown');
        await conn.sendNotification('exit');
      } catch {
        proc.kill();
      }
      const timer = setTimeout(() => proc.kill(), 2000);
      await exited;
      clearTimeout(timer);
      conn.dispose();
    },
  };
}

interface LspResult {
  open: number;
  times: number[];
  hoverDuringOpen?: { hover: number; diagnostics: number };
  hoverDuringEdit?: { hover: number; diagnostics: number };
  /** Issue 14's requests: the first answer and the median of the next ones (ms). */
  requests: [string, { first: number; p50: number }][];
}

const REQUEST_RUNS = 5;

async function benchLsp(server: Server, name: string, text: string, edits: number): Promise<LspResult> {
  const uri = `file://${ROOT}/examples/post-mortems/bench-${name}.md`;
  let version = 1;
  const lines = new LineIndex(text); // the edits below keep the line structure, so it stays valid
  // Timeline data rows (after the header and delimiter), middle half of the timeline.
  const tlStart = text.indexOf('## 2. Timeline');
  const tlEnd = text.indexOf('\n## ', tlStart + 1);
  const rows: number[] = [];
  for (let at = text.indexOf('\n| ', tlStart); at >= 0 && at < tlEnd; at = text.indexOf('\n| ', at + 1)) rows.push(at + 1);
  const data = rows.slice(2);
  /** Offset of the Event cell's text of the k-th edited row. */
  const rowAt = (k: number) => {
    const i = Math.floor(data.length * (0.25 + (0.5 * (k + 0.5)) / edits));
    const row = data[Math.min(data.length - 1, i)]!;
    return text.indexOf('| ', row + 1) + 2;
  };
  const hoverAtRow = (k: number) => ({ textDocument: { uri }, position: lines.positionAt(rowAt(k)) });

  let t = performance.now();
  let done = server.waitFor(uri, version);
  server.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version, text } });
  let hoverDuringOpen: LspResult['hoverDuringOpen'];
  if (text.length >= 1_000_000) {
    // A hover sent right behind the didOpen: answered while the first analysis runs?
    const h = await server.conn.sendRequest('textDocument/hover', hoverAtRow(0)).then(() => performance.now());
    const d = await done;
    hoverDuringOpen = { hover: h - t, diagnostics: d - t };
  } else {
    await done;
  }
  const open = performance.now() - t;

  const times: number[] = [];
  let hoverDuringEdit: LspResult['hoverDuringEdit'];
  // Type " (ok)" at the end of a row's event text, then delete it again on the next edit: one-line edits with a range.
  for (let k = 0; k < edits; k++) {
    const row = rowAt(Math.floor(k / 2));
    const cellEnd = text.indexOf(' |', row); // end of the Event cell's text
    const pos = lines.positionAt(cellEnd);
    const change =
      k % 2 === 0
        ? { range: { start: pos, end: pos }, text: ' (ok)' }
        : { range: { start: pos, end: { line: pos.line, character: pos.character + 5 } }, text: '' };
    version++;
    done = server.waitFor(uri, version);
    t = performance.now();
    server.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
    if (k === 0 && text.length >= 1_000_000) {
      const h = await server.conn.sendRequest('textDocument/hover', hoverAtRow(0)).then(() => performance.now());
      const d = await done;
      hoverDuringEdit = { hover: h - t, diagnostics: d - t };
    } else {
      await done;
    }
    times.push(performance.now() - t);
  }
  const requests: LspResult['requests'] = [];
  const idAt = lines.positionAt(text.indexOf('**Incident ID:**') + '**Incident ID:** '.length + 1);
  const screen = lines.positionAt(rowAt(Math.floor(edits / 2)));
  const screenRange = { start: { line: screen.line, character: 0 }, end: { line: screen.line + 60, character: 0 } };
  const wholeRange = { start: { line: 0, character: 0 }, end: lines.positionAt(text.length) };
  const timed: [string, string, unknown][] = [
    ['documentLink', 'textDocument/documentLink', { textDocument: { uri } }],
    ['inlayHint (60 lines)', 'textDocument/inlayHint', { textDocument: { uri }, range: screenRange }],
    ['inlayHint (whole document)', 'textDocument/inlayHint', { textDocument: { uri }, range: wholeRange }],
    ['prepareRename', 'textDocument/prepareRename', { textDocument: { uri }, position: idAt }],
    ['rename', 'textDocument/rename', { textDocument: { uri }, position: idAt, newName: 'INC-2099-0001' }],
    ['codeLens', 'textDocument/codeLens', { textDocument: { uri } }],
    ['workspace/symbol', 'workspace/symbol', { query: '' }],
    ['definition', 'textDocument/definition', { textDocument: { uri }, position: idAt }],
  ];
  for (const [label, method, params] of timed) {
    const ms: number[] = [];
    for (let k = 0; k <= REQUEST_RUNS; k++) {
      const t0 = performance.now();
      await server.conn.sendRequest(method, params);
      ms.push(performance.now() - t0);
    }
    requests.push([label, { first: ms[0]!, p50: quantile(ms.slice(1), 0.5) }]);
  }
  server.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  return { open, times, hoverDuringOpen, hoverDuringEdit, requests };
}

function benchFull(text: string): { p50: number; p95: number } {
  const runs = text.length > 2_000_000 ? 2 : text.length > 500_000 ? 3 : 10;
  const times: number[] = [];
  analyze(text.slice(0, 1000), { settings: DEFAULT_SETTINGS }); // warm up the schema compile
  for (let k = 0; k < runs; k++) {
    const t = performance.now();
    analyze(text, { settings: DEFAULT_SETTINGS });
    times.push(performance.now() - t);
  }
  return { p50: quantile(times, 0.5), p95: quantile(times, 0.95) };
}

function benchMarkdownlint(text: string): number {
  const runs = text.length > 2_000_000 ? 1 : text.length > 500_000 ? 3 : 10;
  const times: number[] = [];
  for (let k = 0; k < runs; k++) {
    const t = performance.now();
    lint({ strings: { doc: text } });
    times.push(performance.now() - t);
  }
  return quantile(times, 0.5);
}

const HOSTILE_TIMEOUT_MS = Number(process.env.BENCH_HOSTILE_TIMEOUT ?? 300) * 1000;

/** The CLI on one file: wall time, peak RSS (its own `maxRSS`, printed at exit), exit code. */
function benchCli(file: string): Promise<{ ms: number; rss: number; code: number | null; findings: string }> {
  return new Promise((resolve) => {
    const t = performance.now();
    const proc = spawn(process.execPath, ['-r', path.join(__dirname, 'maxrss.cjs'), path.join(ROOT, 'dist', 'cli.js'), '--format', 'json', file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    proc.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    const timer = setTimeout(() => proc.kill('SIGKILL'), HOSTILE_TIMEOUT_MS);
    proc.on('exit', (code) => {
      clearTimeout(timer);
      const ms = performance.now() - t;
      const rss = Number(/maxrss=(\d+)/.exec(err)?.[1] ?? NaN) / 1024;
      let findings = '—';
      try {
        const counts = new Map<string, number>();
        for (const f of JSON.parse(out) as { code: string }[]) counts.set(f.code, (counts.get(f.code) ?? 0) + 1);
        findings = [...counts].map(([c, n]) => `${c}×${n}`).join(' ');
      } catch {
        findings = code === null ? 'killed (timeout)' : `no JSON (exit ${code})`;
      }
      resolve({ ms, rss, code, findings });
    });
  });
}

/** A fresh server: didOpen → diagnostics of version 1, then a documentSymbol answer; peak RSS. */
async function benchLspOpen(name: string, text: string): Promise<{ ms: number; rss: number; alive: boolean; diagnostics: number }> {
  const server = await startServer();
  const uri = `file://${ROOT}/examples/post-mortems/hostile-${name.replace(/[^a-z0-9]+/gi, '-')}.md`;
  const t = performance.now();
  const done = server.waitFor(uri, 1);
  server.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<number>((resolve) => (timer = setTimeout(() => resolve(NaN), HOSTILE_TIMEOUT_MS)));
  const at = await Promise.race([done, timeout]);
  clearTimeout(timer);
  const ms = at - t;
  let alive = false;
  if (!Number.isNaN(ms)) {
    alive = await Promise.race([
      server.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri } }).then(() => true, () => false),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 60_000)),
    ]);
  }
  const rss = rssOf(server.proc.pid!, 'VmHWM');
  if (Number.isNaN(ms)) server.proc.kill('SIGKILL');
  else await server.stop();
  return { ms, rss, alive, diagnostics: server.diagnosticCount.get(uri) ?? NaN };
}

async function benchHostile(): Promise<void> {
  const only = (process.env.BENCH_HOSTILE_SHAPES ?? '').split(',').filter(Boolean).map(Number);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-hostile-'));
  const rows: string[][] = [];
  try {
    for (const [k, shape] of HOSTILE.entries()) {
      if (only.length && !only.includes(k + 1)) continue;
      const text = shape.make();
      const file = path.join(dir, `${k + 1}.md`);
      fs.writeFileSync(file, text);
      const load = os.loadavg()[0]!.toFixed(1);
      const cli = await benchCli(file);
      const lsp = await benchLspOpen(shape.name, text);
      const mb = text.length / 1_000_000;
      rows.push([
        `${k + 1}. ${shape.what}`,
        `${(text.length / 1024).toFixed(0)} KB`,
        fmt(cli.ms),
        `${(cli.ms / 1000 / Math.max(mb, 1)).toFixed(2)} s`,
        `${cli.rss.toFixed(0)} MB`,
        Number.isNaN(lsp.ms) ? 'timeout' : fmt(lsp.ms),
        `${lsp.rss.toFixed(0)} MB`,
        lsp.alive ? 'yes' : 'NO',
        load,
        cli.findings,
      ]);
      console.error(`  hostile ${k + 1} done`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const head = ['shape', 'chars', 'CLI', 's per MB', 'CLI peak RSS', 'LSP open→diag', 'server peak RSS', 'answers after', 'load', 'CLI findings'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => '| ' + r.map((c, i) => c.padEnd(widths[i]!)).join(' | ') + ' |';
  console.log(`\nHostile shapes — ${new Date().toISOString().slice(0, 16)}Z, Node ${process.version}, ${os.cpus().length} CPUs; target ≤ ~2 s per MB and ≤ 500 MB (load = 1-min load average before the row)\n`);
  console.log(line(head));
  console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
  for (const r of rows) console.log(line(r));
}

async function main() {
  if (!fs.existsSync(SERVER)) throw new Error('dist/server.js missing: run npm run build first');
  // `npm run bench -- repo`: the repository-scale CLI section alone (bench/repo.ts; slow).
  if (process.argv[2] === 'repo') return benchRepo();
  if (HOSTILE_MODE === 'only') return benchHostile();
  const colds: number[] = [];
  for (let k = 0; k < 7; k++) {
    const s = await startServer();
    colds.push(s.coldStartMs);
    await s.stop();
  }
  const rows: string[][] = [];
  const requestRows: string[][] = [];
  const notes: string[] = [];
  for (const name of wanted) {
    // One fresh server per size, so its peak RSS is that document's.
    const server = await startServer();
    const text = generate(SIZES[name]!);
    const edits = editsFor(text.length);
    const lsp = await benchLsp(server, name, text, edits);
    const rss = rssOf(server.proc.pid!, 'VmHWM');
    await server.stop();
    const full = FULL ? benchFull(text) : { p50: NaN, p95: NaN };
    const ml = FULL ? benchMarkdownlint(text) : NaN;
    rows.push([
      name,
      `${(text.length / 1024).toFixed(0)} KB`,
      String(edits),
      fmt(quantile(lsp.times, 0.5)),
      fmt(quantile(lsp.times, 0.95)),
      fmt(Math.max(...lsp.times)),
      fmt(lsp.open),
      fmt(full.p50),
      fmt(full.p95),
      fmt(ml),
      `${rss.toFixed(0)} MB`,
    ]);
    if (lsp.hoverDuringOpen) {
      notes.push(`${name}: hover sent right after didOpen answered after ${fmt(lsp.hoverDuringOpen.hover)} (diagnostics after ${fmt(lsp.hoverDuringOpen.diagnostics)})`);
    }
    if (lsp.hoverDuringEdit) {
      notes.push(`${name}: hover sent right after an edit answered after ${fmt(lsp.hoverDuringEdit.hover)} (diagnostics after ${fmt(lsp.hoverDuringEdit.diagnostics)})`);
    }
    for (const [label, r] of lsp.requests) requestRows.push([name, label, fmt(r.first), fmt(r.p50)]);
    console.error(`  ${name} done`);
  }
  const head = ['size', 'chars', 'edits', 'LSP edit→diag p50', 'p95', 'max', 'LSP open→diag', 'full analyze p50', 'p95', 'markdownlint', 'server peak RSS'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => '| ' + r.map((c, i) => c.padEnd(widths[i]!)).join(' | ') + ' |';
  console.log(`\nPost-Mortem Assistant benchmark — ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, debounce 0, one-line edits in timeline rows\n`);
  console.log(line(head));
  console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
  for (const r of rows) console.log(line(r));
  console.log(`\nserver cold start (spawn → initialize answer), ${colds.length} runs: p50 ${fmt(quantile(colds, 0.5))}, max ${fmt(Math.max(...colds))}`);
  for (const n of notes) console.log(n);
  if (HOSTILE_MODE !== '0') await benchHostile();

  const rhead = ['size', 'request (issue 14)', 'first', `p50 of next ${REQUEST_RUNS}`];
  const rwidths = rhead.map((h, i) => Math.max(h.length, ...requestRows.map((r) => r[i]!.length)));
  const rline = (r: string[]) => '| ' + r.map((c, i) => c.padEnd(rwidths[i]!)).join(' | ') + ' |';
  console.log(`\nNavigation requests on the last version (analysis cached)\n`);
  console.log(rline(rhead));
  console.log('|' + rwidths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
  for (const r of requestRows) console.log(rline(r));
  if (REPORTS > 0) for (const l of benchReports(REPORTS)) console.log(l);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
