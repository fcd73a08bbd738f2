/** Which documents and files are post-mortems (VS Code side of pure/detect.ts). */
import * as vscode from 'vscode';
import { hasPostmortemTitle, isPostmortemText, matchesFiles } from './pure/detect';
import { filesGlobs, isEnabled } from './settings';

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

export function isPostmortemDocument(doc: vscode.TextDocument): boolean {
  if (doc.languageId !== 'markdown' || !schemes.has(doc.uri.scheme)) return false;
  if (!isEnabled(doc.uri)) return false;
  return isPostmortemText(doc.getText(), workspaceRelativePath(doc.uri), filesGlobs(doc.uri));
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

  async find(token?: vscode.CancellationToken): Promise<vscode.Uri[]> {
    const found = new Map<string, vscode.Uri>();
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
