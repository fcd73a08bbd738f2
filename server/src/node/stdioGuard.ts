/**
 * A guard in front of the server's stdin for `--stdio`. vscode-jsonrpc drops a body that is not
 * JSON without answering, and a broken header makes it lose the framing for good (every later
 * message goes unanswered). The guard reads the Content-Length framing itself and
 *  - delivers every well-formed JSON-RPC message, parsed (once: vscode-jsonrpc does not read it again),
 *  - answers a body that is not JSON with a Parse error (-32700, id null),
 *  - answers a JSON value that is no JSON-RPC message (an array, a number, an object with neither
 *    a method nor a result/error) with Invalid Request (-32600, its id when it has one),
 *  - skips a malformed header block (to a `Content-Length:` line inside it, if any) and answers
 *    Parse error,
 * so the server keeps answering whatever a client sends. A long body (a 1 MB didOpen arrives in
 * 64 KB chunks) is joined once, when it is complete. Pure stream logic; no LSP import.
 */

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

/** A JSON-RPC message as the guard delivers it: an object with a string `method`, or a response. */
export type Message = Record<string, unknown>;

/** A message body: the message, or the error to answer when it is no JSON-RPC message. */
export function readBody(body: Buffer): { message: Message } | { error: ErrorReply } {
  let msg: unknown;
  try {
    msg = JSON.parse(body.toString('utf8'));
  } catch (e) {
    return { error: reply(null, PARSE_ERROR, `Parse error: the message body is not JSON (${(e as Error).message})`) };
  }
  if (typeof msg !== 'object' || msg === null || Array.isArray(msg)) {
    return { error: reply(null, INVALID_REQUEST, `Invalid Request: expected a JSON-RPC message object, got ${Array.isArray(msg) ? 'an array (batches are not supported)' : msg === null ? 'null' : typeof msg}`) };
  }
  const m = msg as Message;
  const id = typeof m.id === 'number' || typeof m.id === 'string' ? m.id : null;
  if ('method' in m) {
    return typeof m.method === 'string' ? { message: m } : { error: reply(id, INVALID_REQUEST, 'Invalid Request: "method" must be a string') };
  }
  if ('id' in m && ('result' in m || 'error' in m)) return { message: m }; // a response to one of our requests
  return { error: reply(id, INVALID_REQUEST, 'Invalid Request: a message needs a "method" (or is a response with "result" or "error")') };
}

/**
 * The guard: push stdin's chunks in order; each message is delivered (`deliver`) or answered
 * (`answer`: write the error replies with the connection's own MessageWriter so they never
 * interleave with other output) as soon as its last byte is pushed.
 */
export function messageFramer(deliver: (m: Message) => void, answer: (r: ErrorReply) => void): (chunk: Buffer) => void {
  /** Bytes not yet framed: a header, or a header and part of its body. */
  let buf: Buffer = Buffer.alloc(0);
  /** While a body is incomplete: the bytes `buf` needs (header and body), and the chunks since. */
  let need = 0;
  let parts: Buffer[] = [];
  let have = 0;
  return (chunk) => {
    if (need > 0) {
      parts.push(chunk);
      have += chunk.length;
      if (have < need) return;
      buf = Buffer.concat(parts, have);
      parts = [];
      need = 0;
    } else {
      buf = buf.length === 0 ? chunk : Buffer.concat([buf, chunk]);
    }
    for (;;) {
      const end = buf.indexOf(HEADER_END);
      if (end < 0) {
        if (buf.length > MAX_HEADER) {
          answer(reply(null, PARSE_ERROR, 'Parse error: no message header found; input skipped'));
          const next = buf.indexOf(CONTENT_LENGTH, 1);
          buf = next > 0 ? buf.subarray(next) : buf.subarray(buf.length - CONTENT_LENGTH.length);
        }
        return;
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
      if (buf.length < total) {
        need = total;
        parts = [buf];
        have = buf.length;
        buf = Buffer.alloc(0);
        return;
      }
      const r = readBody(buf.subarray(bodyStart, total));
      buf = buf.length === total ? Buffer.alloc(0) : buf.subarray(total);
      if ('error' in r) answer(r.error);
      else deliver(r.message);
    }
  };
}
