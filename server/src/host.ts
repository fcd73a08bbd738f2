/**
 * The host seam: everything the language server's handlers need from outside the core that
 * differs between the desktop server (Node: `node:fs`, `node:path`, `file:` URIs —
 * `node/host.ts`) and the web server (a web worker with no file system: files through the
 * client's `vscode.workspace.fs`, URI paths — `browser/host.ts`). Handlers use `server.host`,
 * never `node:` modules, so `browserServer.ts` builds the same handler list as `server.ts`.
 *
 * Paths are "absolute paths" of the host: OS paths on desktop, the URI's path (posix) on the web.
 * The core's `FileSystem` stays synchronous; the web host answers it from what it fetched before
 * the analysis (`settle`, docs/web.md).
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis, AnalyzeOptions, CompiledSchema, FileSystem, Settings, Template } from './core';
import type { IndexedPostmortem } from './node/workspaceIndex';
import type { RcSettings } from './rcSettings';

/** The path operations handlers use (node:path's on desktop, posix on URI paths on the web). */
export interface PathOps {
  resolve(...segments: string[]): string;
  dirname(p: string): string;
  relative(from: string, to: string): string;
  isAbsolute(p: string): boolean;
  join(...segments: string[]): string;
}

/** Team schemas (`postmortem.schema`): node/schemaCache.ts on desktop. */
export interface SchemaSource {
  /** The schema to analyze with; undefined = the bundled one. */
  resolve(setting: string, base: string): CompiledSchema | undefined;
}

/** Team templates (`postmortem.templates`): node/templateCache.ts on desktop. */
export interface TemplateSource {
  /** The usable templates of the `templates` setting, in its order (paths relative to `base`). */
  resolve(settings: readonly string[], base: string): Template[];
  templateFor(text: string, relPath: string | undefined, settings: Pick<Settings, 'templates' | 'files'>, base: string): Template | undefined;
}

/** Reports a settings problem once (`SettingsSource`). */
export type Warn = (message: string, level?: 'warn' | 'error') => void;

export interface ServerHost {
  readonly kind: 'node' | 'browser';
  readonly path: PathOps;
  /** The host path of a document URI; undefined for one that has none (untitled, another scheme). */
  filePathOf(uri: string): string | undefined;
  /** The URI of a host path (for links, locations, renames). */
  uriOf(absPath: string): string;
  /** Where relative settings resolve when a document has neither workspace folder nor file. */
  cwd(): string;
  /** The core's synchronous file system. */
  readonly fs: FileSystem;
  /** The workspace folders changed (the web host maps paths back to their URIs with them). */
  setFolders?(uris: readonly string[]): void;
  createSchemas(onError: (message: string) => void): SchemaSource;
  createTemplates(onError: (message: string) => void): TemplateSource;
  /** The nearest `.postmortemrc.json` of the document `file` in the workspace folder `folder`. */
  createRcReader(warn: Warn): (file: string, folder: string) => RcSettings | undefined | Promise<RcSettings | undefined>;
  /**
   * Before an analysis: whatever the synchronous answers (schemas, templates, rc) need fetched.
   * Absent on desktop (everything is read when asked).
   */
  prepare?(doc: TextDocument, settings: Settings, base: string): Promise<void>;
  /**
   * After an analysis: fetch what it asked the file system and the host did not know yet; true
   * when something was fetched and the analysis must run again. Absent on desktop.
   */
  settle?(analysis: Analysis, opts: AnalyzeOptions): Promise<boolean>;
  /** The text of a document the client has not opened; throws when it cannot be read. */
  readDocument(uri: string): Promise<string>;
  /** What changes when a file changes (modification time and size); a never-repeating key when it cannot say. */
  stamp(uri: string): Promise<string>;
  /** Whether a host path exists (file or folder). */
  exists(absPath: string): Promise<boolean>;
  /** Evidence files for path completion (workspace-relative, folders with a trailing `/`), listed lazily when the host can. */
  evidenceFiles(root: string | undefined, evidenceRoot: string): Promise<() => string[]>;
  /** The workspace's post-mortems (workspace symbols, go to definition); `open` gives an open document's text. */
  workspacePostmortems(root: string, files: readonly string[], open: (file: string) => string | undefined, templates: readonly Template[]): Promise<IndexedPostmortem[]>;
  /** After diagnostics are published or a request is answered (desktop: a full GC once much garbage piled up, gc.ts). */
  afterWork(): void;
}
