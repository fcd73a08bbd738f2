/**
 * Check Workspace (`postmortem/checkWorkspace`, shared/src/protocol.ts): diagnostics for every
 * post-mortem of the workspace, open or not. Files are found as the CLI finds them for a folder
 * argument (`node/files.ts`: every `.md` file below each workspace folder except in
 * `node_modules` and dot folders, less what the folder's `.postmortemignore` ignores) and each is
 * checked with its own settings (rc file included). An open document is left to validation.ts
 * (its diagnostics always come from its live text); a file that is not open gets its findings
 * from disk, without quick fixes (those need the open document's version).
 *
 * After a check the server keeps those diagnostics true: closing a post-mortem of the workspace
 * checks it from disk (unsaved edits are gone), a change on disk checks the file again, a deletion
 * clears its diagnostics, and settings, rc or workspace folder changes check them all again. It
 * watches every `*.md` file through the client for that (when the client can register watchers),
 * so a post-mortem created later is checked too.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DidChangeWatchedFilesNotification, FileChangeType, LSPErrorCodes, ResponseError, type CancellationToken, type Diagnostic } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CHECK_WORKSPACE_REQUEST,
  type CheckWorkspaceParams,
  type CheckWorkspaceResult,
} from '../../../shared/src/protocol';
import type { Analysis } from '../core';
import type { HandlerModule, ServerContext } from '../context';
import { IGNORE_FILE, IgnoreFile, expandInputs } from '../node/files';
import { isFile, readTextFile } from '../node/fs';
import { toDiagnostic } from '../node/lspConvert';
import { describe, isRecord } from './guard';

/** At most this many Markdown files per check (the rest are left out and the result says so). */
export const MAX_CHECKED_FILES = 10_000;

type Counts = Pick<CheckWorkspaceResult, 'errors' | 'warnings' | 'infos' | 'hints'>;

/** What the server remembers between checks. */
class DiskDiagnostics {
  /** Files (absolute paths) that were not open when checked and got diagnostics from disk → the URI they were published for. */
  readonly published = new Map<string, string>();
  /** A check has run: files created or changed later are checked too. */
  active = false;
  watching = false;
  /** A newer check stops an older one. */
  generation = 0;
}

const state = new WeakMap<ServerContext, DiskDiagnostics>();
function stateOf(server: ServerContext): DiskDiagnostics {
  let s = state.get(server);
  if (!s) state.set(server, (s = new DiskDiagnostics()));
  return s;
}

/**
 * The open document of `file`, if any. By path, not by URI string: a client may encode a file URI
 * differently from `pathToFileURL` (VS Code writes `%3A` for a drive letter's colon, …).
 */
function openDocumentOf(server: ServerContext, file: string): TextDocument | undefined {
  return server.documents.all().find((d) => server.filePathOf(d.uri) === file);
}

/** Forgets `file`; clears the diagnostics published from disk unless it is open (then they are its live ones). */
async function clearDisk(server: ServerContext, file: string): Promise<void> {
  const uri = stateOf(server).published.get(file);
  if (uri === undefined) return;
  stateOf(server).published.delete(file);
  if (!openDocumentOf(server, file)) await server.connection.sendDiagnostics({ uri, diagnostics: [] });
}

function ignoreFileOf(folder: string): IgnoreFile | undefined {
  const f = path.join(folder, IGNORE_FILE);
  if (!isFile(f)) return undefined;
  try {
    return IgnoreFile.load(f);
  } catch {
    return undefined;
  }
}

function countInto(counts: Counts, analysis: Analysis): number {
  let errors = 0;
  for (const f of analysis.findings) {
    if (f.severity === 'error') errors++;
    else if (f.severity === 'warning') counts.warnings++;
    else if (f.severity === 'information') counts.infos++;
    else counts.hints++;
  }
  counts.errors += errors;
  return errors;
}

/**
 * Checks `file` from disk and publishes its diagnostics for `uri` (or clears them when it is no
 * post-mortem now, or cannot be read). Nothing when the file is open: its own validation
 * publishes. The analysis, when the file is a post-mortem.
 */
async function checkFromDisk(server: ServerContext, file: string, uri = pathToFileURL(file).href): Promise<Analysis | undefined> {
  const disk = stateOf(server);
  if (openDocumentOf(server, file)) return undefined;
  let text: string;
  try {
    text = readTextFile(file); // without a BOM, as the CLI and an editor read it
  } catch {
    await clearDisk(server, file);
    return undefined;
  }
  const settings = await server.settings.fetch(uri);
  if (openDocumentOf(server, file)) return undefined; // opened meanwhile: its live text counts
  let analysis: Analysis | undefined;
  if (settings.enable) {
    const doc = TextDocument.create(uri, 'markdown', 0, text);
    const a = await server.analyzeSettled(doc, settings);
    if (a.isPostmortem) analysis = a;
  }
  if (!analysis) {
    await clearDisk(server, file);
    return undefined;
  }
  const lines = analysis.lines;
  const diagnostics: Diagnostic[] = analysis.findings.map((f) => {
    const d = toDiagnostic(f, lines, uri, 0, server.ruleHref);
    delete d.data; // quick fixes are offered once the document is open (live diagnostics)
    return d;
  });
  const before = disk.published.get(file);
  if (before !== undefined && before !== uri) await server.connection.sendDiagnostics({ uri: before, diagnostics: [] });
  disk.published.set(file, uri);
  await server.connection.sendDiagnostics({ uri, diagnostics });
  return analysis;
}

function watchMarkdown(server: ServerContext): void {
  const disk = stateOf(server);
  if (disk.watching || server.clientCapabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration !== true) return;
  disk.watching = true;
  server.connection.client
    .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.md' }] })
    .then(undefined, (e: unknown) => server.log('warn', `could not watch Markdown files: ${describe(e)}`));
}

/** Each folder's ignore file, read once per batch of files. */
type IgnoreFiles = Map<string, IgnoreFile | undefined>;

/** A file the check would look at: below a workspace folder, `.md`, not in `node_modules` or a dot folder, not ignored. */
function inScope(server: ServerContext, file: string, ignores: IgnoreFiles): boolean {
  if (!/\.md$/i.test(file)) return false;
  const folder = server.rootFor(pathToFileURL(file).href);
  if (folder === undefined) return false;
  const rel = path.relative(folder, file);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return false;
  const dirs = rel.split(path.sep).slice(0, -1);
  if (dirs.some((d) => d === 'node_modules' || d.startsWith('.'))) return false;
  if (!ignores.has(folder)) ignores.set(folder, ignoreFileOf(folder));
  return !(ignores.get(folder)?.ignores(file) ?? false);
}

/** `workspace/didChangeWatchedFiles` for Markdown files (called by workspace.ts). */
export function markdownFilesChanged(server: ServerContext, changes: readonly { uri: string; type: number }[]): void {
  const disk = stateOf(server);
  if (!disk.active) return;
  const ignores: IgnoreFiles = new Map();
  void (async () => {
    for (const c of changes) {
      const file = server.filePathOf(c.uri);
      if (file === undefined || !/\.md$/i.test(file) || openDocumentOf(server, file)) continue;
      if (c.type === FileChangeType.Deleted) await clearDisk(server, file);
      else if (disk.published.has(file) || inScope(server, file, ignores)) await checkFromDisk(server, file, disk.published.get(file) ?? c.uri);
    }
  })().catch((e: unknown) => server.log('error', `checking changed files failed: ${describe(e)}`));
}

/** Settings, rc files or workspace folders changed: every file published from disk is checked again. */
export function recheckFromDisk(server: ServerContext): void {
  const disk = stateOf(server);
  if (disk.published.size === 0) return;
  const ignores: IgnoreFiles = new Map();
  void (async () => {
    for (const [file, uri] of [...disk.published]) {
      if (!inScope(server, file, ignores)) await clearDisk(server, file);
      else await checkFromDisk(server, file, uri);
      await new Promise((resolve) => setImmediate(resolve));
    }
  })().catch((e: unknown) => server.log('error', `checking files again failed: ${describe(e)}`));
}

async function checkWorkspace(server: ServerContext, params: CheckWorkspaceParams, token: CancellationToken): Promise<CheckWorkspaceResult | ResponseError<void>> {
  const disk = stateOf(server);
  const generation = ++disk.generation;
  disk.active = true;
  watchMarkdown(server);
  const progress = server.connection.window.attachWorkDoneProgress(params.workDoneToken);
  progress.begin('Checking post-mortems', 0, 'finding Markdown files', true);
  try {
    // Files, as `postmortem-lint <folder>` finds them; each once (nested folders).
    const files: string[] = [];
    const seen = new Set<string>();
    const problems: string[] = [];
    let truncated = false;
    for (const folder of server.folders) {
      const ignore = ignoreFileOf(folder);
      const found = expandInputs(['.'], folder, ignore ? { ignore } : {});
      problems.push(...found.errors.filter((e) => !e.startsWith('no files match')));
      for (const f of found.files) {
        if (seen.has(f.abs)) continue;
        seen.add(f.abs);
        if (files.length >= MAX_CHECKED_FILES) truncated = true;
        else files.push(f.abs);
      }
    }
    const result: CheckWorkspaceResult = { files: files.length, postmortems: 0, errors: 0, warnings: 0, infos: 0, hints: 0, withErrors: 0, problems, truncated };
    for (const [i, file] of files.entries()) {
      if (token.isCancellationRequested || generation !== disk.generation) return new ResponseError(LSPErrorCodes.RequestCancelled, 'Check Workspace was cancelled');
      progress.report(Math.floor((i / Math.max(files.length, 1)) * 100), `${i + 1}/${files.length} ${path.basename(file)}`);
      let analysis: Analysis | undefined;
      try {
        const open = openDocumentOf(server, file);
        if (open) {
          // An open document: its current analysis (validation.ts publishes its diagnostics).
          const current = await server.current(open.uri);
          analysis = current.analysis?.isPostmortem ? current.analysis : undefined;
        } else {
          analysis = await checkFromDisk(server, file, stateOf(server).published.get(file));
        }
      } catch (e) {
        server.log('error', `Check Workspace: ${file}: ${describe(e)}`);
      }
      if (analysis) {
        result.postmortems++;
        if (countInto(result, analysis) > 0) result.withErrors++;
      }
      // Other requests (hover, completion, code actions) get their turn between files.
      await new Promise((resolve) => setImmediate(resolve));
    }
    return result;
  } finally {
    progress.done();
  }
}

export const checkWorkspaceHandlers: HandlerModule = {
  register(server) {
    server.workspaceWatchers.push({ recheckAll: () => recheckFromDisk(server), filesChanged: (changes) => markdownFilesChanged(server, changes) });
    server.connection.onRequest(
      CHECK_WORKSPACE_REQUEST,
      server.guard(CHECK_WORKSPACE_REQUEST, (params: unknown, token) => {
        const p: CheckWorkspaceParams = {};
        if (isRecord(params) && (typeof params.workDoneToken === 'string' || typeof params.workDoneToken === 'number')) p.workDoneToken = params.workDoneToken;
        return checkWorkspace(server, p, token);
      }),
    );
    // Closed: what the Problems panel shows comes from disk again (validation.ts has just cleared it).
    server.documents.onDidClose((e) => {
      const uri = e.document.uri;
      const file = server.filePathOf(uri);
      const disk = stateOf(server);
      if (file === undefined || !(disk.published.has(file) || (disk.active && inScope(server, file, new Map())))) return;
      // The client's own URI for the file: the one whose diagnostics validation.ts has just cleared.
      checkFromDisk(server, file, uri).catch((err: unknown) => server.log('error', `checking ${uri} from disk failed: ${describe(err)}`));
    });
  },
};
