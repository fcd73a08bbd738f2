/**
 * What every handler module uses: `guard` (no exception reaches the connection: it becomes an
 * error response plus a log line) and the checks of untrusted request parameters.
 */
import { ErrorCodes, ResponseError, type CancellationToken, type Position } from 'vscode-languageserver';

type Log = (level: 'error' | 'warn' | 'info', message: string) => void;

export function describe(e: unknown): string {
  return e instanceof Error ? (e.stack ?? e.message) : String(e);
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function invalidParams(message: string): ResponseError<void> {
  return new ResponseError(ErrorCodes.InvalidParams, message);
}

/** Wraps a request handler: an exception becomes an error response and a log line, never an exit. */
export function guard<P, R>(log: Log, name: string, fn: (params: P, token: CancellationToken) => R | Promise<R>) {
  return async (params: P, token: CancellationToken): Promise<R | ResponseError<void>> => {
    try {
      return await fn(params, token);
    } catch (e) {
      if (e instanceof ResponseError) return e as ResponseError<void>;
      log('error', `${name} failed: ${describe(e)}`);
      return new ResponseError(ErrorCodes.InternalError, `${name} failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
}

/** Wraps a notification handler: exceptions are logged. */
export function guardNotification<P>(log: Log, name: string, fn: (params: P) => void | Promise<void>) {
  return (params: P): void => {
    try {
      const r = fn(params);
      if (r) r.catch((e: unknown) => log('error', `${name} failed: ${describe(e)}`));
    } catch (e) {
      log('error', `${name} failed: ${describe(e)}`);
    }
  };
}

export function uriParam(params: unknown): string {
  const td = isRecord(params) ? params.textDocument : undefined;
  if (!isRecord(td) || typeof td.uri !== 'string') throw invalidParams('Expected params.textDocument.uri (a string)');
  return td.uri;
}

export function positionParam(params: unknown): Position {
  const p = isRecord(params) ? params.position : undefined;
  if (!isRecord(p) || !Number.isInteger(p.line) || !Number.isInteger(p.character)) {
    throw invalidParams('Expected params.position {line, character} (integers)');
  }
  return { line: p.line as number, character: p.character as number };
}
