// The page side of test/web/worker.mjs: a small LSP client in the page that starts the web
// server bundle (dist/browserServer.js) in a dedicated Worker and speaks JSON-RPC to it over
// postMessage, as vscode-languageclient/browser does. It answers the server's file requests
// (postmortem/fs/*, shared/src/protocol.ts) from an in-memory workspace the test puts in
// `window.harness.files`, as the extension answers them with vscode.workspace.fs.
(() => {
  const files = new Map(); // URI path → text
  const diagnostics = new Map(); // uri → [{version, diagnostics}]
  const pending = new Map();
  const listeners = [];
  const log = [];
  const fsRequests = [];
  const applied = [];
  let settings = null;
  let nextId = 1;
  let worker;

  const pathOf = (uri) => decodeURIComponent(uri.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, ''));
  const isDir = (p) => [...files.keys()].some((f) => f.startsWith(p.endsWith('/') ? p : `${p}/`));

  function send(msg) {
    worker.postMessage({ jsonrpc: '2.0', ...msg });
  }

  function globToRegExp(glob) {
    let re = '';
    for (let i = 0; i < glob.length; i++) {
      const c = glob[i];
      if (c === '*' && glob[i + 1] === '*') {
        re += '(?:.*/)?';
        i += glob[i + 2] === '/' ? 2 : 1;
      } else if (c === '*') re += '[^/]*';
      else if (c === '{') {
        const end = glob.indexOf('}', i);
        re += `(?:${glob.slice(i + 1, end).split(',').map((s) => s.replace(/[.+^$()|[\]\\]/g, '\\$&')).join('|')})`;
        i = end;
      } else re += c.replace(/[.+^$()|[\]\\?]/g, '\\$&');
    }
    return new RegExp(`^${re}$`);
  }

  function answer(method, params) {
    switch (method) {
      case 'workspace/configuration':
        return params.items.map(() => settings);
      case 'client/registerCapability':
      case 'client/unregisterCapability':
      case 'window/workDoneProgress/create':
        return null;
      case 'window/showMessageRequest':
        log.push(`showMessageRequest: ${params.message}`);
        return null;
      case 'workspace/applyEdit':
        applied.push(params);
        return { applied: true };
      case 'postmortem/fs/stat':
        fsRequests.push({ method, count: params.uris.length });
        return {
          stats: params.uris.map((u) => {
            const p = pathOf(u);
            if (files.has(p)) return { type: 'file', mtime: 1, size: files.get(p).length };
            return isDir(p) ? { type: 'directory', mtime: 1, size: 0 } : null;
          }),
        };
      case 'postmortem/fs/readFile': {
        fsRequests.push({ method, uri: params.uri });
        const p = pathOf(params.uri);
        return files.has(p) ? { text: files.get(p) } : { text: null, error: 'EntryNotFound (FileSystemError)' };
      }
      case 'postmortem/fs/findFiles': {
        fsRequests.push({ method, base: params.base });
        const base = pathOf(params.base).replace(/\/$/, '');
        const re = globToRegExp(params.pattern);
        const uriBase = params.base.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/]*).*$/i, '$1');
        const out = [...files.keys()]
          .filter((f) => f.startsWith(`${base}/`) && re.test(f.slice(base.length + 1)))
          .slice(0, params.limit)
          .map((f) => uriBase + f.split('/').map(encodeURIComponent).join('/'));
        return { uris: out };
      }
      default:
        throw new Error(`unexpected request ${method}`);
    }
  }

  function onMessage(m) {
    if (m.method !== undefined && m.id !== undefined) {
      try {
        send({ id: m.id, result: answer(m.method, m.params) });
      } catch (e) {
        send({ id: m.id, error: { code: -32601, message: String(e.message ?? e) } });
      }
    } else if (m.method !== undefined) {
      if (m.method === 'textDocument/publishDiagnostics') {
        const list = diagnostics.get(m.params.uri) ?? [];
        list.push(m.params);
        diagnostics.set(m.params.uri, list);
      } else if (m.method === 'window/logMessage' || m.method === 'window/showMessage') {
        log.push(`${m.method}: ${m.params.message}`);
      }
      for (const l of [...listeners]) l(m);
    } else if (m.id !== undefined) {
      const p = pending.get(m.id);
      pending.delete(m.id);
      if (!p) return;
      if (m.error) p.reject(new Error(`${m.error.code}: ${m.error.message}`));
      else p.resolve(m.result);
    }
  }

  window.harness = {
    log,
    fsRequests,
    applied,
    setFiles(entries) {
      files.clear();
      for (const [p, t] of entries) files.set(p, t);
    },
    setSettings(s) {
      settings = s;
    },
    start(url) {
      return new Promise((resolve, reject) => {
        worker = new Worker(url);
        worker.onmessage = (e) => onMessage(e.data);
        worker.onerror = (e) => {
          log.push(`worker error: ${e.message}`);
          reject(new Error(`worker error: ${e.message}`));
        };
        resolve();
      });
    },
    request(method, params) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        send({ id, method, params });
      });
    },
    notify(method, params) {
      send({ method, params });
    },
    /** The diagnostics of `uri` at `version` (waits for them: no sleep). */
    diagnosticsFor(uri, version) {
      const hit = (diagnostics.get(uri) ?? []).find((d) => d.version === version);
      if (hit) return Promise.resolve(hit.diagnostics);
      return new Promise((resolve) => {
        const l = (m) => {
          if (m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && m.params.version === version) {
            listeners.splice(listeners.indexOf(l), 1);
            resolve(m.params.diagnostics);
          }
        };
        listeners.push(l);
      });
    },
  };
})();
