/**
 * The language server of the web extension (github.dev, vscode.dev): the same handler modules and
 * core as the desktop server (`start.ts`), in a web worker. The client starts it with
 * `new Worker(dist/browserServer.js)` and speaks LSP over `postMessage`
 * (vscode-languageserver/browser); files are the client's (`browser/host.ts`, docs/web.md).
 * Bundled by esbuild.mjs for the browser: no Node built-ins.
 */
import { BrowserMessageReader, BrowserMessageWriter, createConnection } from 'vscode-languageserver/browser';
import { browserHost } from './browser/host';
import { describe } from './handlers/guard';
import { listen } from './start';

declare const self: {
  postMessage(message: unknown): void;
  addEventListener(type: string, listener: (e: { reason?: unknown; error?: unknown; message?: string }) => void): void;
};

// The core and the handlers yield with `setImmediate` (Node); a worker has none. A message
// channel runs the callback as soon as the queue is free, like Node's (a timer would wait ≥ 1 ms
// after nesting, and much longer in a background tab).
if (typeof (globalThis as { setImmediate?: unknown }).setImmediate !== 'function') {
  const channel = new MessageChannel();
  const queue: (() => void)[] = [];
  (channel.port1 as unknown as { onmessage: () => void }).onmessage = () => queue.shift()?.();
  (globalThis as unknown as { setImmediate: (f: (...a: unknown[]) => void, ...args: unknown[]) => void }).setImmediate = (f, ...args) => {
    queue.push(() => f(...args));
    channel.port2.postMessage(undefined);
  };
}

const reader = new BrowserMessageReader(self as never);
const writer = new BrowserMessageWriter(self as never);
const connection = createConnection(reader, writer);
const server = listen(connection, browserHost(connection, (message) => server.log('warn', message)));

self.addEventListener('error', (e) => server.log('error', `uncaught exception: ${describe(e.error ?? e.message)}`));
self.addEventListener('unhandledrejection', (e) => server.log('error', `unhandled rejection: ${describe(e.reason)}`));
