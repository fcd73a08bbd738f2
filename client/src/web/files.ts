/**
 * The web extension's answers to the language server's file requests (shared/src/protocol.ts
 * `postmortem/fs/*`): the server runs in a web worker without a file system, so it asks, and these
 * answer with `vscode.workspace.fs` and `workspace.findFiles` — which read whatever the workspace
 * is (github.dev's virtual file system, vscode.dev's local folder access). docs/web.md.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import {
  FS_FIND_FILES_REQUEST,
  FS_READ_FILE_REQUEST,
  FS_STAT_MAX_URIS,
  FS_STAT_REQUEST,
  type FsFindFilesParams,
  type FsFindFilesResult,
  type FsReadFileParams,
  type FsReadFileResult,
  type FsStatParams,
  type FsStatResult,
} from '../../../shared/src/protocol';

/** Never into these while listing files (as the desktop server's walks skip them). */
const EXCLUDE = '{**/node_modules/**,**/.*/**}';
const MAX_FIND = 5000;

export function answerFileRequests(client: BaseLanguageClient): void {
  client.onRequest(FS_STAT_REQUEST, async (params: FsStatParams): Promise<FsStatResult> => {
    const uris = Array.isArray(params?.uris) ? params.uris.slice(0, FS_STAT_MAX_URIS) : [];
    const stats = await Promise.all(
      uris.map(async (u) => {
        try {
          const s = await vscode.workspace.fs.stat(vscode.Uri.parse(u, true));
          return { type: s.type & vscode.FileType.Directory ? ('directory' as const) : ('file' as const), mtime: s.mtime, size: s.size };
        } catch {
          return null;
        }
      }),
    );
    return { stats };
  });

  client.onRequest(FS_READ_FILE_REQUEST, async (params: FsReadFileParams): Promise<FsReadFileResult> => {
    try {
      const bytes = await vscode.workspace.fs.readFile(vscode.Uri.parse(params.uri, true));
      return { text: new TextDecoder('utf-8').decode(bytes) };
    } catch (e) {
      return { text: null, error: e instanceof Error ? e.message : String(e) };
    }
  });

  client.onRequest(FS_FIND_FILES_REQUEST, async (params: FsFindFilesParams): Promise<FsFindFilesResult> => {
    const limit = Math.max(0, Math.min(Number(params?.limit) || 0, MAX_FIND));
    const found = await vscode.workspace.findFiles(new vscode.RelativePattern(vscode.Uri.parse(params.base, true), params.pattern), EXCLUDE, limit);
    return { uris: found.map((u) => u.toString()) };
  });
}
