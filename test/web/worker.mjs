#!/usr/bin/env node
// The web extension's language server in a real browser, offline: dist/browserServer.js (the
// bundle the web extension starts) runs in a dedicated Worker of headless Chromium (playwright-core),
// and the page (test/web/harness.js) speaks LSP to it over postMessage, answering the server's file
// requests (postmortem/fs/*) from an in-memory copy of examples/ under a non-file workspace URI
// (vscode-vfs://github/acme/governance, as on github.dev). Asserted:
//   1. every example post-mortem gets diagnostics with the same codes, severities and ranges as the
//      CLI (`node dist/cli.js --format json` in examples/) — evidence paths that exist and do not
//      (PM014), the rc file's team template (sre-post-mortems/) all read through the client;
//   2. a quick fix: "Convert to UTC: 15:04" on the DRAFT's PM005, applied, and PM005 is gone;
//   3. Mark Final refused on the DRAFT (blockers, PM010 among them; no edit asked for);
//   4. Mark Final applied on a clean document (the FINAL example set back to UNDER REVIEW): the
//      server asks the client to apply an edit that sets Status to FINAL;
//   5. the summary of a file the client has not opened (postmortem/summary), read through the client.
// Only 127.0.0.1 is served; any other request of the browser is aborted and fails the run.
// Prints `web: N passed, M failed`; exits 1 on any failure.
//
//   node test/web/worker.mjs     (after `node esbuild.mjs`; Chromium from scripts/setup-vscode.sh)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { chromiumPath, closeContext, launchChromium, makeProfile, repoRoot } from '../vscode/lib.mjs';

const EXAMPLES = path.join(repoRoot, 'examples');
const BUNDLE = path.join(repoRoot, 'dist', 'browserServer.js');
const HARNESS = path.join(repoRoot, 'test', 'web', 'harness.js');
const FOLDER = 'vscode-vfs://github/acme/governance';
const FOLDER_PATH = '/acme/governance';
const SEVERITY = { 1: 'error', 2: 'warning', 3: 'information', 4: 'hint' };
const TIMEOUT_MS = Number(process.env.WEB_TEST_TIMEOUT_MS ?? 120_000);

const started = Date.now();
const log = (...a) => console.log(`[web ${((Date.now() - started) / 1000).toFixed(1)}s]`, ...a);
let passed = 0;
let failed = 0;
function check(name, ok, detail = '') {
  if (ok) passed++;
  else failed++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${ok || !detail ? '' : `\n     ${detail.split('\n').join('\n     ')}`}`);
}

function walk(dir, rel = '') {
  const out = [];
  for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...walk(dir, r));
    else out.push(r);
  }
  return out;
}

const uriOf = (rel) => `${FOLDER}/${rel.split('/').map(encodeURIComponent).join('/')}`;
const key = (d) => `${d.code} ${d.severity} ${d.line}:${d.column}-${d.endLine}:${d.endColumn}`;

async function main() {
  if (!fs.existsSync(BUNDLE)) throw new Error(`${path.relative(repoRoot, BUNDLE)} is missing — run: node esbuild.mjs`);
  if (!fs.existsSync(chromiumPath)) throw new Error(`Chromium is missing at ${chromiumPath} — run: bash scripts/setup-vscode.sh`);

  // What the CLI says about the examples (the reference).
  const cli = spawnSync(process.execPath, [path.join(repoRoot, 'dist', 'cli.js'), '--format', 'json', 'post-mortems', 'sre-post-mortems'], { cwd: EXAMPLES, encoding: 'utf8' });
  const expected = new Map();
  for (const f of JSON.parse(cli.stdout)) {
    const list = expected.get(f.file) ?? [];
    list.push(key(f));
    expected.set(f.file, list);
  }
  const documents = walk(EXAMPLES).filter((r) => /^(post-mortems|sre-post-mortems)\/.*\.md$/.test(r));
  for (const d of documents) if (!expected.has(d)) expected.set(d, []);
  const workspace = walk(EXAMPLES).map((r) => [`${FOLDER_PATH}/${r}`, fs.readFileSync(path.join(EXAMPLES, r), 'utf8')]);

  const server = http.createServer((req, res) => {
    const routes = { '/': ['text/html', '<!doctype html><title>web server test</title><script src="/harness.js"></script>'], '/harness.js': ['text/javascript', HARNESS], '/browserServer.js': ['text/javascript', BUNDLE] };
    const r = routes[req.url];
    if (!r) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': r[0] });
    res.end(r[1].startsWith('<') ? r[1] : fs.readFileSync(r[1]));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;

  const { dirs, env } = makeProfile(path.join(repoRoot, '.vscode-test', 'web-worker'));
  const context = await launchChromium(dirs, env);
  const offline = [];
  await context.route('**/*', (route) => {
    if (route.request().url().startsWith(origin)) return route.continue();
    offline.push(route.request().url());
    return route.abort();
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(TIMEOUT_MS);
    page.on('pageerror', (e) => log(`page error: ${e.message}`));
    page.on('console', (m) => (m.type() === 'error' || process.env.WEB_TEST_VERBOSE) && log(`console.${m.type()}: ${m.text()}`));
    await page.goto(`${origin}/`);
    await page.evaluate(
      async ({ workspace }) => {
        window.harness.setFiles(workspace);
        await window.harness.start('/browserServer.js');
      },
      { workspace },
    );
    const init = await page.evaluate(
      ({ folder }) =>
        window.harness.request('initialize', {
          processId: null,
          rootUri: folder,
          workspaceFolders: [{ uri: folder, name: 'governance' }],
          capabilities: { workspace: { configuration: true, applyEdit: true, workspaceEdit: { documentChanges: true } }, textDocument: { publishDiagnostics: { versionSupport: true } } },
          initializationOptions: { trusted: true },
        }),
      { folder: FOLDER },
    );
    check('the worker answers initialize', init?.serverInfo?.name === 'postmortem-language-server', JSON.stringify(init));
    await page.evaluate(() => window.harness.notify('initialized', {}));
    log('initialized');

    // 1. The examples' diagnostics, as the CLI reports them.
    const texts = new Map(documents.map((d) => [d, fs.readFileSync(path.join(EXAMPLES, d), 'utf8')]));
    const got = await page.evaluate(
      async ({ docs }) => {
        for (const [uri, text] of docs) window.harness.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
        return Promise.all(docs.map(([uri]) => window.harness.diagnosticsFor(uri, 1)));
      },
      { docs: documents.map((d) => [uriOf(d), texts.get(d)]) },
    );
    const byDoc = new Map(documents.map((d, i) => [d, got[i]]));
    for (const d of documents) {
      const actual = byDoc.get(d).map((x) => key({ code: x.code, severity: SEVERITY[x.severity], line: x.range.start.line + 1, column: x.range.start.character + 1, endLine: x.range.end.line + 1, endColumn: x.range.end.character + 1 })).sort();
      const want = [...expected.get(d)].sort();
      const missing = want.filter((k) => !actual.includes(k));
      const extra = actual.filter((k) => !want.includes(k));
      check(`${d}: ${actual.length} diagnostics, the same codes and ranges as the CLI (${want.length})`, missing.length === 0 && extra.length === 0, `missing: ${missing.join(', ') || 'none'}\nextra: ${extra.join(', ') || 'none'}`);
    }
    const draft = 'post-mortems/INC-2026-0057-draft.md';
    const draftUri = uriOf(draft);
    const codes = (d) => byDoc.get(d).map((x) => x.code);
    check('the DRAFT names a missing evidence file (PM014, asked through the client)', codes(draft).includes('PM014'));
    check('the FINAL example has no PM014: its evidence files exist (asked through the client)', !codes('post-mortems/INC-2026-0042-final.md').includes('PM014'));
    const fsCalls = await page.evaluate(() => window.harness.fsRequests.map((r) => r.method));
    check('the server read files through the client (postmortem/fs/stat and readFile)', fsCalls.includes('postmortem/fs/stat') && fsCalls.includes('postmortem/fs/readFile'), fsCalls.join(', '));

    // 2. A quick fix.
    const pm005 = byDoc.get(draft).find((x) => x.code === 'PM005');
    const actions = await page.evaluate(
      ({ uri, d }) => window.harness.request('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d], only: ['quickfix'] } }),
      { uri: draftUri, d: pm005 },
    );
    const fix = (actions ?? []).find((a) => a.title === 'Convert to UTC: 15:04');
    check('the DRAFT\'s PM005 offers "Convert to UTC: 15:04"', fix !== undefined, JSON.stringify((actions ?? []).map((a) => a.title)));
    if (fix) {
      const edits = fix.edit?.documentChanges?.[0]?.edits ?? fix.edit?.changes?.[draftUri] ?? [];
      const lines = texts.get(draft).split('\n');
      for (const e of [...edits].sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character)) {
        if (e.range.start.line !== e.range.end.line) throw new Error('multi-line edit not expected');
        const l = lines[e.range.start.line];
        lines[e.range.start.line] = l.slice(0, e.range.start.character) + e.newText + l.slice(e.range.end.character);
      }
      const fixed = lines.join('\n');
      check('the fix writes 15:04 in place of 08:04 PDT', fixed.includes('| 15:04 ') && !fixed.includes('08:04 PDT'), edits.map((e) => e.newText).join(' | '));
      const after = await page.evaluate(
        ({ uri, text }) => {
          window.harness.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text }] });
          return window.harness.diagnosticsFor(uri, 2);
        },
        { uri: draftUri, text: fixed },
      );
      const left = after.map((x) => x.code);
      check('after the fix, PM005 is gone and the other findings stay', !left.includes('PM005') && left.includes('PM010') && left.includes('PM014'), left.join(', '));
    }

    // 3. Mark Final refused on the DRAFT.
    const refused = await page.evaluate((uri) => window.harness.request('workspace/executeCommand', { command: 'postmortem.markFinal', arguments: [uri] }), draftUri);
    const blockers = (refused?.blockers ?? []).map((b) => b.code);
    const editsAsked = await page.evaluate(() => window.harness.applied.length);
    check('Mark Final on the DRAFT is refused with its blockers (PM010 among them), no edit asked for', refused?.applied === false && blockers.includes('PM010') && editsAsked === 0, JSON.stringify({ applied: refused?.applied, blockers, editsAsked }));

    // 4. Mark Final applied on a clean document.
    const finalDoc = 'post-mortems/INC-2026-0042-final.md';
    const review = texts.get(finalDoc).replace('**Status:** FINAL', '**Status:** UNDER REVIEW');
    const reviewDiags = await page.evaluate(
      ({ uri, text }) => {
        window.harness.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text }] });
        return window.harness.diagnosticsFor(uri, 2);
      },
      { uri: uriOf(finalDoc), text: review },
    );
    check('the FINAL example set back to UNDER REVIEW has no errors', reviewDiags.every((x) => x.severity !== 1), reviewDiags.map((x) => x.code).join(', '));
    const done = await page.evaluate((uri) => window.harness.request('workspace/executeCommand', { command: 'postmortem.markFinal', arguments: [uri] }), uriOf(finalDoc));
    const edit = await page.evaluate(() => window.harness.applied[0]);
    const change = edit?.edit?.documentChanges?.[0];
    const newTexts = (change?.edits ?? []).map((e) => e.newText).join('');
    check('Mark Final on the clean document is applied: Status becomes FINAL', done?.applied === true && change?.textDocument?.uri === uriOf(finalDoc) && change?.textDocument?.version === 2 && /FINAL/.test(newTexts) && (change?.edits ?? []).every((e) => e.range.start.line === 6), JSON.stringify({ done, edit }));

    // 5. A file the client has not opened (the Post-Mortems view asks for these): read through the client.
    await page.evaluate((uri) => window.harness.notify('textDocument/didClose', { textDocument: { uri } }), draftUri);
    const summary = await page.evaluate((uri) => window.harness.request('postmortem/summary', { uris: [uri], blockers: true }), draftUri);
    const s = summary?.summaries?.[0];
    const cliErrors = expected.get(draft).filter((k) => k.split(' ')[1] === 'error').length;
    check(`a closed file's summary is read through the client: ${cliErrors} errors as the CLI, from the file (version null)`, s?.checked === true && s.version === null && s.errors === cliErrors && s.incidentId?.value === 'INC-2026-0057', JSON.stringify(s));

    const errors = (await page.evaluate(() => window.harness.log)).filter((l) => /error|exception|rejection/i.test(l));
    check('the server logged no error', errors.length === 0, errors.join('\n'));
    check('nothing but 127.0.0.1 was requested (offline)', offline.length === 0, offline.join('\n'));
    await page.evaluate(() => window.harness.request('shutdown', null));
  } finally {
    await closeContext(context);
    server.close();
  }
}

const timer = setTimeout(() => {
  console.log(`FAIL timed out after ${TIMEOUT_MS / 1000}s`);
  console.log(`web: ${passed} passed, ${failed + 1} failed`);
  process.exit(1);
}, TIMEOUT_MS);
main()
  .catch((e) => {
    failed++;
    console.log(`FAIL ${e.stack ?? e}`);
  })
  .finally(() => {
    clearTimeout(timer);
    console.log(`web: ${passed} passed, ${failed} failed (${((Date.now() - started) / 1000).toFixed(1)}s)`);
    process.exit(failed > 0 ? 1 : 0);
  });
