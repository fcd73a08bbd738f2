/**
 * A guard in front of the server's stdin for `--stdio`. vscode-jsonrpc drops a body that is not
 * JSON without answering, and a broken header makes it lose the framing for good (every later
 * message goes unanswered). This transform reads the Content-Length framing itself and
 *  - passes every well-formed JSON-RPC message through unchanged (the same bytes),
 *  - answers a body that is not JSON with a Parse error (-32700, id null),
 *  - answers a JSON value that is no JSON-RPC message (an array, a number, an object with neither
 *    a method nor a result/error) with Invalid Request (-32600, its id when it has one),
 *  - skips a malformed header block (to a `Content-Length:` line inside it, if any) and answers
 *    Parse error,
 * so the server keeps answering whatever a client sends. Pure stream logic; no LSP import.
 */
import { Transform, type Readable } from 'node:stream';

export const PARSE_ERROR = -32700;
export const INVALID_REQUEST = -32600;

export interface ErrorReply {
  jsonrpc: '2.0';
  id: number | string | null;
  error: { code: number; message: string };
}

const HEADER_END = Buffer.from('\r\n\r\n', 'ascii');
const CONTENT_LENGTH = Buffer.from('Content-Length:', 'ascii');
/** Bytes kept while no header end has been seen: more is garbage, dropped. */
const MAX_HEADER = 64 * 1024;

const reply = (id: ErrorReply['id'], code: number, message: string): ErrorReply => ({ jsonrpc: '2.0', id, error: { code, message } });

/** Why a message body is not a JSON-RPC message, as the error to answer; undefined when it is one. */
export function checkBody(body: Buffer): ErrorReply | undefined {
  let msg: unknown;
  try {
    msg = JSON.parse(body.toString('utf8'));
  } catch (e) {
    return reply(null, PARSE_ERROR, `Parse error: the message body is not JSON (${(e as Error).message})`);
  }
  if (typeof msg !== 'object' || msg === null || Array.isArray(msg)) {
    return reply(null, INVALID_REQUEST, `Invalid Request: expected a JSON-RPC message object, got ${Array.isArray(msg) ? 'an array (batches are not supported)' : msg === null ? 'null' : typeof msg}`);
  }
  const m = msg as Record<string, unknown>;
  const id = typeof m.id === 'number' || typeof m.id === 'string' ? m.id : null;
  if ('method' in m) {
    return typeof m.method === 'string' ? undefined : reply(id, INVALID_REQUEST, 'Invalid Request: "method" must be a string');
  }
  if ('id' in m && ('result' in m || 'error' in m)) return undefined; // a response to one of our requests
  return reply(id, INVALID_REQUEST, 'Invalid Request: a message needs a "method" (or is a response with "result" or "error")');
}

/**
 * `input` through the guard. `answer` receives the error replies (write them with the
 * connection's own MessageWriter so they never interleave with other output).
 */
export function guardInput(input: Readable, answer: (r: ErrorReply) => void): Transform {
  let buf: Buffer = Buffer.alloc(0);
  const guard = new Transform({
    transform(chunk: Buffer, _enc, done) {
      buf = buf.length === 0 ? chunk : Buffer.concat([buf, chunk]);
      for (;;) {
        const end = buf.indexOf(HEADER_END);
        if (end < 0) {
          if (buf.length > MAX_HEADER) {
            answer(reply(null, PARSE_ERROR, 'Parse error: no message header found; input skipped'));
            const next = buf.indexOf(CONTENT_LENGTH, 1);
            buf = next > 0 ? buf.subarray(next) : buf.subarray(buf.length - CONTENT_LENGTH.length);
          }
          break;
        }
        const header = buf.subarray(0, end).toString('ascii');
        const lines = header.split('\r\n');
        const length = lines.map((l) => /^Content-Length:[ \t]*(\d+)[ \t]*$/i.exec(l)?.[1]).find((v) => v !== undefined);
        if (length === undefined || !lines.every((l) => /^[^:\s][^:]*:/.test(l))) {
          answer(reply(null, PARSE_ERROR, `Parse error: malformed message header ${JSON.stringify(header.slice(0, 80))}; skipped`));
          // A Content-Length line later in this block starts the real header; else skip the block.
          const next = buf.indexOf(CONTENT_LENGTH, 1);
          buf = next > 0 && next < end ? buf.subarray(next) : buf.subarray(end + HEADER_END.length);
          continue;
        }
        const bodyStart = end + HEADER_END.length;
        const total = bodyStart + Number(length);
        if (buf.length < total) break;
        const bad = checkBody(buf.subarray(bodyStart, total));
        if (bad) answer(bad);
        else this.push(Buffer.from(buf.subarray(0, total)));
        buf = buf.subarray(total);
      }
      done();
    },
  });
  input.pipe(guard);
  return guard;
}
