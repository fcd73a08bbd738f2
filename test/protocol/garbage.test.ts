/**
 * Raw bytes on the server's stdin (SPEC §7): a body that is not JSON, JSON that is no JSON-RPC
 * message, a broken header — each gets an error answer, and the next good request is still
 * answered. Speaks bytes, not vscode-jsonrpc, so nothing is cleaned up on the way in.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { SERVER_JS, ensureBuilt } from '../helpers/build';
import { messageFramer } from '../../server/src/node/stdioGuard';

const frame = (body: string) => `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
const INIT = (id: number) => frame(JSON.stringify({ jsonrpc: '2.0', id, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } }));

/** The server as a byte pipe: messages parsed from stdout as they come. */
class RawServer {
  readonly proc: ChildProcessWithoutNullStreams;
  private buf = Buffer.alloc(0);
  readonly messages: Record<string, unknown>[] = [];
  private waiters: (() => void)[] = [];
  constructor() {
    this.proc = spawn(process.execPath, [SERVER_JS, '--stdio']);
    this.proc.stdout.on('data', (d: Buffer) => {
      this.buf = Buffer.concat([this.buf, d]);
      for (;;) {
        const end = this.buf.indexOf('\r\n\r\n');
        if (end < 0) return;
        const len = Number(/Content-Length: (\d+)/.exec(this.buf.subarray(0, end).toString())![1]);
        if (this.buf.length < end + 4 + len) return;
        this.messages.push(JSON.parse(this.buf.subarray(end + 4, end + 4 + len).toString()) as Record<string, unknown>);
        this.buf = this.buf.subarray(end + 4 + len);
        for (const w of this.waiters.splice(0)) w();
      }
    });
  }
  send(bytes: string): void {
    this.proc.stdin.write(bytes);
  }
  /** Resolves with the first message with this id (waits for stdout, fails on exit or after 10 s). */
  async reply(id: number | null, from = 0): Promise<Record<string, unknown>> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const hit = this.messages.slice(from).find((m) => 'id' in m && m.id === id && ('result' in m || 'error' in m));
      if (hit) return hit;
      assert.equal(this.proc.exitCode, null, 'the server is still running');
      assert.ok(Date.now() < deadline, `no reply with id ${id}; got ${JSON.stringify(this.messages)}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, deadline - Date.now());
        this.waiters.push(() => (clearTimeout(t), resolve()));
      });
    }
  }
}

describe('garbage on stdin gets an error answer, never an exit', () => {
  let server: RawServer;
  before(async () => {
    await ensureBuilt();
    server = new RawServer();
  });
  after(() => server?.proc.kill());

  const cases: [string, string, number | null, number][] = [
    ['a body that is not JSON', frame('{this is not json'), null, -32700],
    ['a JSON array (batch)', frame('[1,2,3]'), null, -32600],
    ['a JSON number', frame('42'), null, -32600],
    ['an id without a method', frame('{"jsonrpc":"2.0","id":7}'), 7, -32600],
    ['a method that is not a string', frame('{"jsonrpc":"2.0","id":9,"method":3}'), 9, -32600],
    ['a header without Content-Length', 'garbage without a header\r\n\r\n', null, -32700],
    ['a header line without a colon', 'xyz\r\nContent-Length: 2\r\n\r\n{}', null, -32700],
  ];
  let id = 100;
  for (const [what, bytes, errId, code] of cases) {
    it(what, async () => {
      const from = server.messages.length;
      server.send(bytes);
      const err = await server.reply(errId, from);
      assert.equal((err.error as { code: number }).code, code, JSON.stringify(err));
      // The framing survived: the next good request is answered.
      const next = ++id;
      server.send(INIT(next));
      const ok = await server.reply(next, from);
      assert.ok('result' in ok || 'error' in ok);
    });
  }

  it('a request with wrong params gets an error response', async () => {
    const from = server.messages.length;
    server.send(frame('{"jsonrpc":"2.0","id":55,"method":"textDocument/hover","params":"nonsense"}'));
    const r = await server.reply(55, from);
    assert.ok('error' in r, JSON.stringify(r));
  });

  it('the end of stdin ends the server (code 1 without shutdown)', async () => {
    const exited = once(server.proc, 'exit');
    server.proc.stdin.end();
    const [code] = await exited;
    assert.equal(code, 1);
  });
});

describe('stdioGuard: framing', () => {
  /** What the guard makes of `chunks`: 'error' for each answered input, the message for each delivered one, in order. */
  const run = (chunks: Buffer[]) => {
    const events: unknown[] = [];
    const push = messageFramer(
      (m) => events.push(m),
      () => events.push('error'),
    );
    for (const c of chunks) push(c);
    return events;
  };

  it('good messages are delivered parsed however the input is chunked; bad ones are answered, all in order', () => {
    const good = fc.record({ id: fc.integer(), method: fc.string(), params: fc.array(fc.string({ unit: 'binary' })) })
      .map((m) => ({ jsonrpc: '2.0', ...m }));
    const bad = fc.constantFrom(frame('{'), frame('[]'), 'junk\r\n\r\n');
    fc.assert(
      fc.property(fc.array(fc.oneof(good.map((g) => ({ g })), bad.map((b) => ({ b })))), fc.array(fc.nat(), { maxLength: 20 }), (msgs, cuts) => {
        const bytes = Buffer.from(msgs.map((m) => ('g' in m ? frame(JSON.stringify(m.g)) : m.b)).join(''), 'utf8');
        const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
        const chunks: Buffer[] = [];
        let prev = 0;
        for (const p of [...points, bytes.length]) {
          if (p > prev) chunks.push(bytes.subarray(prev, p));
          prev = p;
        }
        assert.deepStrictEqual(run(chunks), msgs.map((m) => ('g' in m ? m.g : 'error')));
      }),
      { numRuns: 300 },
    );
  });

  it('a long body arriving in many chunks is delivered once, when its last byte arrives', () => {
    const text = 'x'.repeat(300_000);
    const bytes = Buffer.from(frame(JSON.stringify({ jsonrpc: '2.0', method: 'm', params: { text } })) + frame('{"jsonrpc":"2.0","method":"n"}'));
    const events: unknown[] = [];
    const push = messageFramer((m) => events.push(m), () => events.push('error'));
    const cut = bytes.indexOf('Content-Length', 1);
    for (let i = 0; i < cut; i += 65_536) {
      assert.equal(events.length, 0);
      push(bytes.subarray(i, Math.min(cut, i + 65_536)));
    }
    assert.deepStrictEqual(events, [{ jsonrpc: '2.0', method: 'm', params: { text } }]);
    push(bytes.subarray(cut));
    assert.equal(events.length, 2);
  });
});
