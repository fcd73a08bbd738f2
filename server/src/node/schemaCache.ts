/**
 * A team's own schema (`postmortem.schema`), loaded with the core's `loadSchema`
 * and cached by path + mtime + size. When it cannot be used, the bundled schema
 * stays in force and `onError` hears the problem once per distinct message.
 */
import * as path from 'node:path';
import { bundledSchema, loadSchema, type CompiledSchema } from '../core';
import { FileCache } from './fileCache';
import { readTextFile } from './fs';

export class SchemaCache {
  private readonly cache: FileCache<CompiledSchema>;

  constructor(onError: (message: string) => void) {
    this.cache = new FileCache((abs, stamp) => load(abs, stamp), onError);
  }

  /** The schema to analyze with; undefined = the bundled one (no `schema` setting). */
  resolve(setting: string, base: string): CompiledSchema | undefined {
    if (setting.trim() === '') return undefined;
    return this.cache.get(path.resolve(base, setting.trim()));
  }
}

function load(abs: string, stamp: string): { value: CompiledSchema; error?: string } {
  if (stamp.startsWith('missing:')) return { value: bundledSchema(), error: `${abs}: schema file not found` };
  if (stamp === 'not-a-file') return { value: bundledSchema(), error: `${abs}: schema path is not a file` };
  try {
    const r = loadSchema(abs, (p) => readTextFile(path.resolve(path.dirname(abs), p)));
    return { value: r.schema, ...(r.error !== undefined ? { error: r.error } : {}) };
  } catch (e) {
    return { value: bundledSchema(), error: `${abs}: cannot load the schema (${(e as Error).message})` };
  }
}
