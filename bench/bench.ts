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
 *   BENCH_REPORTS=10000 npm run bench   post-mortems for the `actions` / `stats` rows (default 10000; 0 = none)
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

const ROOT = path.resolve(__dirname, '..');
const SERVER = path.join(ROOT, 'dist', 'server.js');
const SIZES: Record<string, number> = { '4k': 4_000, '100k': 100_000, '1m': 1_000_000, '5m': 5_000_000 };
const wanted = (process.env.BENCH_SIZES ?? '4k,100k,1m,5m').split(',').filter((s) => SIZES[s]);
const EDITS = process.env.BENCH_EDITS ? Number(process.env.BENCH_EDITS) : undefined;
const editsFor = (size: number) => EDITS ?? (size >= 5_000_000 ? 10 : 30);
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

const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`);

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
  conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string; version?: number }) => {
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
}

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
  server.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  return { open, times, hoverDuringOpen, hoverDuringEdit };
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

async function main() {
  if (!fs.existsSync(SERVER)) throw new Error('dist/server.js missing: run npm run build first');
  const colds: number[] = [];
  for (let k = 0; k < 7; k++) {
    const s = await startServer();
    colds.push(s.coldStartMs);
    await s.stop();
  }
  const rows: string[][] = [];
  const notes: string[] = [];
  for (const name of wanted) {
    // One fresh server per size, so its peak RSS is that document's.
    const server = await startServer();
    const text = generate(SIZES[name]!);
    const edits = editsFor(text.length);
    const lsp = await benchLsp(server, name, text, edits);
    const rss = rssOf(server.proc.pid!, 'VmHWM');
    await server.stop();
    const full = benchFull(text);
    const ml = benchMarkdownlint(text);
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
  if (REPORTS > 0) for (const l of benchReports(REPORTS)) console.log(l);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
