/**
 * The web server's host (host.ts): a web worker has no file system, so every file question goes to
 * the client (shared/src/protocol.ts `postmortem/fs/*`), which answers with `vscode.workspace.fs`.
 * Paths are URI paths (posix; `browser/uriPath.ts`), mapped back to URIs with the scheme and
 * authority of the workspace folder that holds them.
 *
 * The core asks synchronously; the answers come from what was fetched:
 * - evidence paths: after an analysis, `settle` lists the paths it asked (core
 *   `evidenceFileQueries`), fetches those not known (or older than `FRESH_MS`) in one
 *   `postmortem/fs/stat` and says whether the analysis must run again with the answers;
 * - team schemas and templates: `prepare` reads the files the settings name before the analysis;
 * - `.postmortemrc.json`: read when the settings are fetched (already asynchronous).
 * There are no symbolic links to follow: `realpath` is the path itself (docs/web.md).
 */
import type { Connection } from 'vscode-languageserver';
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
import {
  bundledSchema,
  evidenceFileQueries,
  indexedPostmortem,
  loadSchema,
  relativePath,
  selectCandidate,
  templateCandidate,
  templateSchemaPath,
  withEvidenceFolders,
  type CompiledSchema,
  type FileSystem,
  type Template,
  type TemplateCandidate,
} from '../core';
import { describe } from '../handlers/guard';
import type { SchemaSource, ServerHost, TemplateSource } from '../host';
import type { IndexedPostmortem } from '../node/workspaceIndex';
import { ConfigError, parseRcText, rcCandidates, type RcSettings } from '../rcSettings';
import { joinUri, splitUri, uriPath as path } from './uriPath';

/** An answer younger than this is used without asking again. */
const FRESH_MS = 3000;
const MAX_EVIDENCE_FILES = 2000;
const MAX_MARKDOWN_FILES = 5000;
const HEAD_CHARS = 64 * 1024;

type Stat = FsStatResult['stats'][number];

interface Folder {
  scheme: string;
  authority: string;
  path: string;
}

/** `log`: told once when the client does not answer the file requests. */
export function browserHost(connection: Pick<Connection, 'sendRequest'>, log: (message: string) => void = () => undefined): ServerHost {
  let reported = false;
  const onClientError = (e: unknown) => {
    if (reported) return;
    reported = true;
    log(`the client does not answer ${FS_STAT_REQUEST} (${describe(e)}): evidence paths and .postmortemrc.json are not read (docs/web.md)`);
  };
  let folders: Folder[] = [];
  /** Existence of paths, as last fetched. */
  const known = new Map<string, { exists: boolean; at: number }>();
  /** Text files read (schemas, templates, rc files): null = missing. */
  const texts = new Map<string, { text: string | null; error?: string; at: number }>();

  const filePathOf = (uri: string): string | undefined => splitUri(uri)?.path;

  const uriOf = (p: string): string => {
    let best: Folder | undefined;
    for (const f of folders) {
      if ((p === f.path || p.startsWith(f.path.endsWith('/') ? f.path : `${f.path}/`)) && (!best || f.path.length > best.path.length)) best = f;
    }
    const f = best ?? folders[0] ?? { scheme: 'file', authority: '', path: '/' };
    return joinUri(f.scheme, f.authority, p);
  };

  /**
   * False once the client failed to answer `postmortem/fs/stat` (an LSP client that embeds this
   * server without the file requests): from then on an unknown path counts as existing, so no
   * evidence path is reported missing (PM014) on no information.
   */
  let clientAnswers = true;

  async function stat(paths: readonly string[]): Promise<Stat[]> {
    const out: Stat[] = [];
    for (let i = 0; i < paths.length; i += FS_STAT_MAX_URIS) {
      const batch = paths.slice(i, i + FS_STAT_MAX_URIS);
      const params: FsStatParams = { uris: batch.map(uriOf) };
      const r = (await connection.sendRequest(FS_STAT_REQUEST, params)) as FsStatResult | null;
      batch.forEach((p, j) => {
        const s = r?.stats?.[j] ?? null;
        known.set(p, { exists: s !== null, at: Date.now() });
        out.push(s);
      });
    }
    return out;
  }

  async function read(uri: string): Promise<FsReadFileResult> {
    const params: FsReadFileParams = { uri };
    const r = (await connection.sendRequest(FS_READ_FILE_REQUEST, params)) as FsReadFileResult | null;
    return r && (typeof r.text === 'string' || r.text === null) ? r : { text: null, error: 'no answer from the client' };
  }

  /** Reads the files at `paths` that were not read in the last `FRESH_MS` (all of them with `force`). */
  async function refresh(paths: readonly string[], force = false): Promise<void> {
    const now = Date.now();
    await Promise.all(
      paths
        .filter((p) => force || (texts.get(p)?.at ?? -Infinity) < now - FRESH_MS)
        .map(async (p) => {
          const r = await read(uriOf(p)).catch((e: unknown) => ({ text: null, error: describe(e) }));
          texts.set(p, { text: r.text, ...(r.error !== undefined ? { error: r.error } : {}), at: Date.now() });
        }),
    );
  }

  /** A file read by `refresh`, for the core's synchronous readers; throws like a missing file. */
  function readFetched(p: string): string {
    const t = texts.get(p);
    if (!t || t.text === null) throw new Error(t?.error ?? 'file not found');
    return t.text.charCodeAt(0) === 0xfeff ? t.text.slice(1) : t.text;
  }

  /** The files a schema's `$ref`s name (relative files only). */
  function refsOf(abs: string): string[] {
    const t = texts.get(abs)?.text;
    if (!t) return [];
    return [...t.matchAll(/"\$ref"\s*:\s*"([^"#]+)/g)].filter((m) => !/^[a-z][a-z0-9+.-]*:/i.test(m[1]!)).map((m) => path.resolve(path.dirname(abs), m[1]!));
  }

  /** The host paths of the files under `base` matching `pattern` (the client's `workspace.findFiles`), sorted. */
  async function findFiles(base: string, pattern: string, limit: number): Promise<string[]> {
    const params: FsFindFilesParams = { base: uriOf(base), pattern, limit };
    const r = (await connection.sendRequest(FS_FIND_FILES_REQUEST, params)) as FsFindFilesResult | null;
    return (r?.uris ?? []).map(filePathOf).filter((p): p is string => p !== undefined).sort();
  }

  /** `onError`, each message once. */
  const once = (onError: (message: string) => void) => {
    const reported = new Set<string>();
    return (message: string) => {
      if (reported.has(message)) return;
      reported.add(message);
      onError(message);
    };
  };

  const fs: FileSystem = {
    exists: (p) => known.get(p)?.exists ?? !clientAnswers,
    realpath: (p) => (known.get(p)?.exists ? p : undefined),
  };

  const schemaPath = (setting: string, base: string) => path.resolve(base, setting.trim());
  const templatePaths = (settings: readonly string[], base: string) => settings.map((s) => path.resolve(base, s.trim()));

  return {
    kind: 'browser',
    path,
    filePathOf,
    uriOf,
    cwd: () => folders[0]?.path ?? '/',
    fs,

    setFolders(uris) {
      folders = uris.map(splitUri).filter((f): f is Folder => f !== undefined);
    },

    createSchemas(onError): SchemaSource {
      const compiled = new Map<string, { key: string; schema: CompiledSchema }>();
      const report = once(onError);
      return {
        resolve(setting, base) {
          if (setting.trim() === '') return undefined;
          const abs = schemaPath(setting, base);
          const t = texts.get(abs);
          if (!t) return undefined; // not read yet: `prepare` reads it before the analysis
          if (t.text === null) {
            report(`${abs}: schema file not found`);
            return bundledSchema();
          }
          const key = [abs, ...refsOf(abs)].map((p) => texts.get(p)?.text ?? '').join('\u0000');
          let hit = compiled.get(abs);
          if (!hit || hit.key !== key) {
            const r = loadSchema(abs, (p) => readFetched(path.resolve(path.dirname(abs), p)));
            if (r.error !== undefined) report(r.error);
            hit = { key, schema: r.schema };
            compiled.set(abs, hit);
          }
          return hit.schema;
        },
      };
    },

    createTemplates(onError): TemplateSource {
      /** One candidate per fetched version of a template and its schema (as desktop: node/templateCache.ts). */
      const loaded = new Map<string, { key: string; candidate: TemplateCandidate }>();
      const report = once(onError);
      const candidates = (settings: readonly string[], base: string): TemplateCandidate[] =>
        templatePaths(settings, base).map((abs) => {
          const key = `${texts.get(abs)?.text ?? ''}\u0000${texts.get(templateSchemaPath(abs))?.text ?? ''}`;
          let hit = loaded.get(abs);
          if (!hit || hit.key !== key) {
            hit = { key, candidate: templateCandidate(abs, readFetched, report) };
            loaded.set(abs, hit);
          }
          return hit.candidate;
        });
      return {
        resolve(settings, base) {
          return candidates(settings, base)
            .map((c) => c.load())
            .filter((t): t is Template => t !== undefined);
        },
        templateFor(text, relPath, settings, base) {
          if (settings.templates.length === 0) return undefined;
          return selectCandidate(text, relPath, candidates(settings.templates, base), settings.files);
        },
      };
    },

    createRcReader(warn) {
      const parsed = new Map<string, { text: string; rc: RcSettings | undefined }>();
      /** The rc files' mtime and size when last read: a change is read at once (it is watched: workspace.ts). */
      const stamps = new Map<string, string>();
      return async (file, folder) => {
        // The document's folder, then each parent up to the workspace folder, as on desktop.
        const candidates = rcCandidates(path.dirname(file), folder, path);
        let stats: Stat[];
        try {
          stats = await stat(candidates);
        } catch (e) {
          onClientError(e);
          return undefined;
        }
        const i = stats.findIndex((s) => s?.type === 'file');
        if (i < 0) return undefined;
        const rcFile = candidates[i]!;
        const stamp = `${stats[i]!.mtime}:${stats[i]!.size}`;
        await refresh([rcFile], stamps.get(rcFile) !== stamp);
        stamps.set(rcFile, stamp);
        const t = texts.get(rcFile);
        if (!t || t.text === null) {
          warn(`${rcFile}: cannot read the file (${t?.error ?? 'unknown error'}); the file is ignored`, 'error');
          return undefined;
        }
        const hit = parsed.get(rcFile);
        if (hit && hit.text === t.text) return hit.rc;
        let rc: RcSettings | undefined;
        try {
          rc = parseRcText(rcFile, readFetched(rcFile));
        } catch (e) {
          warn(`${e instanceof ConfigError ? e.message : `${rcFile}: ${describe(e)}`}; the file is ignored`, 'error');
        }
        parsed.set(rcFile, { text: t.text, rc });
        return rc;
      };
    },

    async prepare(_doc, settings, base) {
      const paths: string[] = [];
      if (settings.schema.trim() !== '') paths.push(schemaPath(settings.schema, base));
      for (const abs of templatePaths(settings.templates, base)) paths.push(abs, templateSchemaPath(abs));
      if (paths.length === 0) return;
      await refresh(paths);
      // One level of `$ref`s to other files of a team schema.
      if (settings.schema.trim() !== '') await refresh(refsOf(schemaPath(settings.schema, base)));
    },

    async settle(analysis, opts) {
      if (opts.root === undefined) return false;
      const now = Date.now();
      const asked = evidenceFileQueries(analysis, opts.root, opts.settings.evidenceRoot);
      const before = new Map(asked.map((p) => [p, fs.exists(p)]));
      const stale = asked.filter((p) => (known.get(p)?.at ?? -Infinity) < now - FRESH_MS);
      if (stale.length === 0 || !clientAnswers) return false;
      try {
        await stat(stale);
      } catch (e) {
        clientAnswers = false;
        onClientError(e);
      }
      return stale.some((p) => fs.exists(p) !== before.get(p));
    },

    async readDocument(uri) {
      const r = await read(uri);
      if (r.text === null) throw new Error(r.error ?? 'file not found');
      return r.text;
    },

    async stamp(uri) {
      const p = filePathOf(uri);
      const [s] = p !== undefined ? await stat([p]) : [null];
      return s ? `${s.mtime}:${s.size}` : `missing:${Math.random()}`;
    },

    async exists(p) {
      const [s] = await stat([p]);
      return s !== null && s !== undefined;
    },

    async evidenceFiles(root, evidenceRoot) {
      if (root === undefined) return () => [];
      const base = path.resolve(root, evidenceRoot);
      const top = path.relative(root, base);
      if (top.startsWith('..')) return () => [];
      const found = (await findFiles(base, '**/*', MAX_EVIDENCE_FILES)).map((p) => path.relative(root, p)).sort();
      const files = withEvidenceFolders(found, top);
      return () => files;
    },

    async workspacePostmortems(root, globs, open, templates) {
      const files = await findFiles(root, '**/*.{md,markdown}', MAX_MARKDOWN_FILES);
      const closed = files.filter((f) => open(f) === undefined);
      await refresh(closed);
      const out: IndexedPostmortem[] = [];
      for (const file of files) {
        const rel = relativePath(file, root);
        let head = open(file);
        if (head === undefined) {
          try {
            head = readFetched(file).slice(0, HEAD_CHARS);
          } catch {
            continue;
          }
        }
        const pm = indexedPostmortem(file, head, rel, templates, globs);
        if (pm) out.push(pm);
      }
      return out;
    },

    afterWork() {
      // The browser collects garbage by itself; there is no `gc` to call (server/src/gc.ts is desktop-only).
    },
  };
}
