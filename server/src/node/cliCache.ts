/**
 * `--cache`: the CLI's results by file content, like eslint's cache. An entry
 * is reused when its key — tool version, path, root, settings, team schema
 * stamp, `--status-as`, the UTC day (overdue action items) and the text — is
 * unchanged, and every file-system question the analysis asked (evidence
 * paths: exists / realpath) still gets the same answer. So a new or deleted
 * evidence file is seen although the post-mortem did not change.
 */
import { createHash } from 'node:crypto';
import * as nodeFs from 'node:fs';
import * as path from 'node:path';
import type { FileSystem } from '../core';
import type { ReportFinding } from './cliReport';

export const DEFAULT_CACHE_FILE = '.postmortemlintcache';
const FORMAT = 1;

export interface FsCall {
  op: 'exists' | 'realpath';
  path: string;
  result: boolean | string | null;
}

interface Entry {
  key: string;
  calls: FsCall[];
  postmortem: boolean;
  findings: ReportFinding[];
}

/** A `FileSystem` that answers as `base` does and writes down every question and answer. */
export function recordingFs(base: FileSystem): { fs: FileSystem; calls: FsCall[] } {
  const calls: FsCall[] = [];
  return {
    calls,
    fs: {
      exists(p) {
        const result = base.exists(p);
        calls.push({ op: 'exists', path: p, result });
        return result;
      },
      realpath(p) {
        const result = base.realpath(p);
        calls.push({ op: 'realpath', path: p, result: result ?? null });
        return result;
      },
    },
  };
}

export function cacheKey(parts: readonly unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

export class ResultCache {
  private entries: Record<string, Entry> = {};
  private dirty = false;
  /** Set when an existing cache file could not be used (it is rebuilt). */
  problem: string | undefined;

  private constructor(readonly file: string) {}

  /** The cache at `file`; a missing file is an empty cache, an unusable one too (with `problem` set). */
  static load(file: string): ResultCache {
    const cache = new ResultCache(file);
    let text: string;
    try {
      text = nodeFs.readFileSync(file, 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT') cache.problem = `cannot read the cache ${file} (${code ?? (e as Error).message}); rebuilding it`;
      return cache;
    }
    try {
      const data = JSON.parse(text) as { format?: number; entries?: Record<string, Entry> };
      if (data.format === FORMAT && typeof data.entries === 'object' && data.entries !== null) cache.entries = data.entries;
      else cache.dirty = true;
    } catch {
      cache.problem = `the cache ${file} is not valid JSON; rebuilding it`;
      cache.dirty = true;
    }
    return cache;
  }

  /** The cached result for `abs` when `key` matches and `fs` answers every recorded question the same. */
  get(abs: string, key: string, fs: FileSystem): { postmortem: boolean; findings: ReportFinding[] } | undefined {
    const e = this.entries[abs];
    if (!e || e.key !== key) return undefined;
    for (const c of e.calls) {
      const now = c.op === 'exists' ? fs.exists(c.path) : (fs.realpath(c.path) ?? null);
      if (now !== c.result) return undefined;
    }
    return { postmortem: e.postmortem, findings: e.findings };
  }

  set(abs: string, key: string, calls: FsCall[], postmortem: boolean, findings: ReportFinding[]): void {
    // The same question asked twice needs to be checked once.
    const seen = new Set<string>();
    const unique = calls.filter((c) => {
      const k = `${c.op}\0${c.path}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
    this.entries[abs] = { key, calls: unique, postmortem, findings };
    this.dirty = true;
  }

  /** Writes the cache (atomically) when it changed; throws on an I/O error. */
  save(): void {
    if (!this.dirty) return;
    const tmp = path.join(path.dirname(this.file), `.${path.basename(this.file)}.${process.pid}.tmp`);
    try {
      nodeFs.writeFileSync(tmp, JSON.stringify({ format: FORMAT, entries: this.entries }));
      nodeFs.renameSync(tmp, this.file);
    } catch (e) {
      nodeFs.rmSync(tmp, { force: true });
      throw e;
    }
  }
}
