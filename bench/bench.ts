/**
 * npm run bench — edit → diagnostics over the LSP (debounce 0) for the bundled
 * server, next to a full re-parse of the same documents and markdownlint on
 * them; plus the server's peak RSS and cold start. Prints one table.
 * Speed is reported here, never asserted in tests.
 *
 *   npm run bench                 all sizes
 *   BENCH_SIZES=4k,100k npm run bench
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { lint } from 'markdownlint/sync';
import { analyze, DEFAULT_SETTINGS } from '../server/src/core';
import { generate } from './generate';

const ROOT = path.resolve(__dirname, '..');
const SERVER = path.join(ROOT, 'dist', 'server.js');
const SIZES: Record<string, number> = { '4k': 4_000, '100k': 100_000, '1m': 1_000_000, '5m': 5_000_000 };
const wanted = (process.env.BENCH_SIZES ?? '4k,100k,1m,5m').split(',').filter((s) => SIZES[s]);
const EDITS = Number(process.env.BENCH_EDITS ?? 15);

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
}

const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`);

function peakRss(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? +m[1]! / 1024 : NaN;
  } catch {
    return NaN;
  }
}

interface Server {
  proc: ChildProcess;
  conn: MessageConnection;
  coldStartMs: number;
  waitFor(uri: string, version: number): Promise<void>;
}

async function startServer(): Promise<Server> {
  const t0 = performance.now();
  const proc = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const conn = createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  const waiters = new Map<string, { version: number; resolve: () => void }>();
  conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string; version?: number }) => {
    const w = waiters.get(p.uri);
    if (w && p.version === w.version) {
      waiters.delete(p.uri);
      w.resolve();
    }
  });
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
  conn.sendNotification('initialized', {});
  return {
    proc,
    conn,
    coldStartMs,
    waitFor: (uri, version) => new Promise<void>((resolve) => waiters.set(uri, { version, resolve })),
  };
}

async function benchLsp(server: Server, name: string, text: string): Promise<{ first: number; p50: number; p95: number }> {
  const uri = `file://${ROOT}/examples/post-mortems/bench-${name}.md`;
  let version = 1;
  let t = performance.now();
  let done = server.waitFor(uri, version);
  server.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version, text } });
  await done;
  const first = performance.now() - t;
  const times: number[] = [];
  // One-line edits in the middle of the timeline: change one event's text.
  let doc = text;
  const anchor = doc.indexOf('Exported event ', Math.floor(doc.length / 3));
  for (let k = 0; k < EDITS; k++) {
    const at = anchor >= 0 ? anchor : Math.floor(doc.length / 2);
    const insert = k % 2 ? 'Exported' : 'EXPORTED';
    const lines = doc.slice(0, at).split('\n');
    const range = { start: { line: lines.length - 1, character: lines[lines.length - 1]!.length }, end: { line: lines.length - 1, character: lines[lines.length - 1]!.length + 8 } };
    doc = doc.slice(0, at) + insert + doc.slice(at + 8);
    version++;
    t = performance.now();
    done = server.waitFor(uri, version);
    server.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text: insert }] });
    await done;
    times.push(performance.now() - t);
  }
  server.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  return { first, p50: quantile(times, 0.5), p95: quantile(times, 0.95) };
}

function benchFull(text: string): { p50: number; p95: number } {
  const runs = text.length > 2_000_000 ? 2 : text.length > 500_000 ? 3 : 7;
  const times: number[] = [];
  for (let k = 0; k < runs; k++) {
    const t = performance.now();
    analyze(text, { settings: DEFAULT_SETTINGS });
    times.push(performance.now() - t);
  }
  return { p50: quantile(times, 0.5), p95: quantile(times, 0.95) };
}

function benchMarkdownlint(text: string): number {
  const runs = text.length > 2_000_000 ? 1 : text.length > 500_000 ? 3 : 7;
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
  for (let k = 0; k < 5; k++) {
    const s = await startServer();
    colds.push(s.coldStartMs);
    s.proc.kill();
  }
  const server = await startServer();
  const rows: string[][] = [];
  for (const name of wanted) {
    const text = generate(SIZES[name]!);
    const lsp = await benchLsp(server, name, text);
    const full = benchFull(text);
    const ml = benchMarkdownlint(text);
    rows.push([name, `${(text.length / 1024).toFixed(0)} KB`, fmt(lsp.p50), fmt(lsp.p95), fmt(lsp.first), fmt(full.p50), fmt(full.p95), fmt(ml), `${peakRss(server.proc.pid!).toFixed(0)} MB`]);
    console.error(`  ${name} done`);
  }
  server.proc.kill();
  const head = ['size', 'chars', 'LSP edit→diag p50', 'p95', 'LSP open→diag', 'full re-parse p50', 'p95', 'markdownlint', 'server peak RSS'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => '| ' + r.map((c, i) => c.padEnd(widths[i]!)).join(' | ') + ' |';
  console.log(`\nPost-Mortem Assistant benchmark — ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${EDITS} one-line edits per size, debounce 0\n`);
  console.log(line(head));
  console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
  for (const r of rows) console.log(line(r));
  console.log(`\nserver cold start (spawn → initialize answer): p50 ${fmt(quantile(colds, 0.5))}, max ${fmt(Math.max(...colds))}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
