/**
 * Which documents and files are post-mortems. The server decides (it knows each folder's team
 * templates: `postmortem.templates` and `.postmortemrc.json`); every `postmortem/summary` answer
 * about a document is remembered here (`rememberServerAnswer`). Before the server has answered
 * (or while it is not running) the core's own line test (pure/detect.ts: the title `Incident
 * Post-Mortem` or a `postmortem.files` glob — the same test the server applies for the built-in
 * template) gives the answer, so the status bar and menus need no round trip for v1.1 documents.
 */
import * as vscode from 'vscode';
import { hasPostmortemTitle, isPostmortemText, matchesFiles } from './pure/detect';
import { filesGlobs, isEnabled, templatesSetting } from './settings';

/** What the server last said about a document or file (by `uri.toString()`): a post-mortem or not. */
const serverSays = new Map<string, boolean>();
const changed = new vscode.EventEmitter<vscode.Uri>();
/** Fires when the server's answer about a document changes what `isPostmortemDocument` says. */
export const onDidChangePostmortemState = changed.event;

/** Records the server's answer about `uri` (called for every `postmortem/summary` result). */
export function rememberServerAnswer(uri: vscode.Uri, isPostmortem: boolean): void {
  const key = uri.toString();
  if (serverSays.get(key) === isPostmortem) return;
  if (serverSays.size > 10_000) serverSays.clear();
  serverSays.set(key, isPostmortem);
  changed.fire(uri);
}

/** Markdown in a file or untitled editor, with checks enabled: what may be a post-mortem at all. */
export function mayBePostmortem(doc: vscode.TextDocument): boolean {
  return doc.languageId === 'markdown' && schemes.has(doc.uri.scheme) && isEnabled(doc.uri);
}

/** URI schemes of the documents checked: files and untitled documents (desktop). */
const schemes = new Set(['file', 'untitled']);

/** The Markdown documents the server checks (language client, completion): one entry per scheme. */
export const MARKDOWN_SELECTOR: { language: string; scheme: string }[] = [...schemes].map((scheme) => ({ language: 'markdown', scheme }));

/**
 * More schemes whose documents are checked — on the web, the workspace folders' own
 * (`vscode-vfs` on github.dev, `vscode-remote` in code-server). Called before anything is registered.
 */
export function addDocumentSchemes(more: readonly string[]): void {
  for (const s of more) {
    if (schemes.has(s)) continue;
    schemes.add(s);
    MARKDOWN_SELECTOR.push({ language: 'markdown', scheme: s });
  }
}

/** The workspace-relative path of a file in a workspace folder, else undefined. */
export function workspaceRelativePath(uri: vscode.Uri): string | undefined {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  if (!folder) return undefined;
  const rel = vscode.workspace.asRelativePath(uri, false);
  return rel === uri.fsPath ? undefined : rel;
}

/**
 * Whether `doc` is a post-mortem, now (synchronous): the core's line test, or the server's last
 * answer (a document of a team template). `detectPostmortem` asks the server.
 */
export function isPostmortemDocument(doc: vscode.TextDocument): boolean {
  if (!mayBePostmortem(doc)) return false;
  return isPostmortemText(doc.getText(), workspaceRelativePath(doc.uri), filesGlobs(doc.uri)) || serverSays.get(doc.uri.toString()) === true;
}

/** What `detectPostmortem` needs from the language client. */
export interface DetectClient {
  readonly isStarted: boolean;
  summary(uri: vscode.Uri, options?: { blockers?: boolean }, token?: vscode.CancellationToken): Promise<{ checked: boolean } | undefined>;
}

/**
 * Whether `doc` is a post-mortem, asking the running server when the line test says no (a team
 * template's document: `# Postmortem: …`). The answer is remembered for `isPostmortemDocument`.
 */
export async function detectPostmortem(doc: vscode.TextDocument, client: DetectClient): Promise<boolean> {
  if (isPostmortemDocument(doc)) return true;
  if (!mayBePostmortem(doc) || !client.isStarted) return false;
  const s = await client.summary(doc.uri); // remembered by the client's `summaries`
  return s?.checked === true;
}

/**
 * True when some workspace folder configures team templates (`postmortem.templates`) or holds a
 * `.postmortemrc.json` (which may name some): documents only the server can recognise may exist.
 */
export async function workspaceMayHaveTeamTemplates(token?: vscode.CancellationToken): Promise<boolean> {
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    if (!isEnabled(folder.uri)) continue;
    if (templatesSetting(folder.uri).length > 0) return true;
    const rc = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, '**/.postmortemrc.json'), EXCLUDE, 1, token);
    if (rc.length) return true;
  }
  return false;
}

const EXCLUDE = '**/{node_modules,.git}/**';
/** At most this many Markdown files are opened to look for the `Incident Post-Mortem` heading. */
export const MAX_SCANNED_MARKDOWN = 2000;
/** Files larger than this are not opened by the scan (a post-mortem is a few KB). */
const MAX_SCANNED_BYTES = 1_000_000;

/** True when some workspace folder holds a file matching `postmortem.files` (cheap: one hit). */
export async function workspaceHasPostmortemPaths(token?: vscode.CancellationToken): Promise<boolean> {
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    if (!isEnabled(folder.uri)) continue;
    for (const glob of filesGlobs(folder.uri)) {
      const hits = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, glob), EXCLUDE, 1, token);
      if (hits.length) return true;
    }
  }
  return false;
}

interface ScanCacheEntry {
  mtime: number;
  size: number;
  isPostmortem: boolean;
}

/**
 * Finds the workspace's post-mortems: files matching `postmortem.files`, plus Markdown
 * files whose first heading is `Incident Post-Mortem` (at most MAX_SCANNED_MARKDOWN of
 * them are read; a cache keyed by mtime and size keeps rescans cheap).
 */
export class PostmortemScanner {
  private readonly cache = new Map<string, ScanCacheEntry>();

  /** `server`: the running language client, asked about the Markdown files the line test does not accept (team templates). */
  constructor(private readonly server?: DetectClient & { summaries(uris: readonly vscode.Uri[], options?: object, token?: vscode.CancellationToken): Promise<Map<string, { checked: boolean }>> }) {}

  async find(token?: vscode.CancellationToken): Promise<vscode.Uri[]> {
    const found = new Map<string, vscode.Uri>();
    const others: vscode.Uri[] = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      if (!isEnabled(folder.uri)) continue;
      const globs = filesGlobs(folder.uri);
      for (const glob of globs) {
        for (const uri of await vscode.workspace.findFiles(new vscode.RelativePattern(folder, glob), EXCLUDE, MAX_SCANNED_MARKDOWN, token)) {
          if (/\.md$/i.test(uri.path)) found.set(uri.toString(), uri);
        }
      }
      const markdown = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, '**/*.md'), EXCLUDE, MAX_SCANNED_MARKDOWN, token);
      for (const uri of markdown) {
        if (token?.isCancellationRequested) break;
        const key = uri.toString();
        if (found.has(key)) continue;
        const rel = vscode.workspace.asRelativePath(uri, false);
        if (matchesFiles(rel, globs) || (await this.hasTitle(uri))) found.set(key, uri);
        else others.push(uri);
      }
    }
    if (this.server?.isStarted && others.length && !token?.isCancellationRequested) {
      // Documents of a team template: only the server knows its folder's templates.
      try {
        const answers = await this.server.summaries(others, {}, token);
        for (const uri of others) if (answers.get(uri.toString())?.checked) found.set(uri.toString(), uri);
      } catch {
        // The server cannot say: the line test's answer stands.
      }
    }
    return [...found.values()].sort((a, b) => a.path.localeCompare(b.path));
  }

  private async hasTitle(uri: vscode.Uri): Promise<boolean> {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (open) return hasPostmortemTitle(open.getText());
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if (stat.size > MAX_SCANNED_BYTES) return false;
      const key = uri.toString();
      const hit = this.cache.get(key);
      if (hit && hit.mtime === stat.mtime && hit.size === stat.size) return hit.isPostmortem;
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      const isPostmortem = hasPostmortemTitle(text);
      this.cache.set(key, { mtime: stat.mtime, size: stat.size, isPostmortem });
      return isPostmortem;
    } catch {
      return false;
    }
  }
}
