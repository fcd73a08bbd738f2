/**
 * A team's own schema (`postmortem.schema`), loaded with the core's `loadSchema`
 * and cached by path + mtime + size. When it cannot be used, the bundled schema
 * stays in force and `onError` hears the problem once per distinct message.
 */
import * as nodeFs from 'node:fs';
import * as path from 'node:path';
import { bundledSchema, loadSchema, type CompiledSchema } from '../core';
import { readTextFile } from './fs';

interface Entry {
  stamp: string;
  schema: CompiledSchema;
  error?: string;
}

export class SchemaCache {
  private readonly entries = new Map<string, Entry>();
  private readonly reported = new Set<string>();

  constructor(private readonly onError: (message: string) => void) {}

  /** The schema to analyze with; undefined = the bundled one (no `schema` setting). */
  resolve(setting: string, base: string): CompiledSchema | undefined {
    if (setting.trim() === '') return undefined;
    const abs = path.resolve(base, setting.trim());
    let stamp: string;
    try {
      const st = nodeFs.statSync(abs);
      stamp = st.isFile() ? `${st.mtimeMs}:${st.size}` : 'not-a-file';
    } catch (e) {
      stamp = `missing:${(e as NodeJS.ErrnoException).code ?? ''}`;
    }
    let entry = this.entries.get(abs);
    if (!entry || entry.stamp !== stamp) {
      entry = this.load(abs, stamp);
      this.entries.set(abs, entry);
    }
    if (entry.error !== undefined && !this.reported.has(entry.error)) {
      this.reported.add(entry.error);
      try {
        this.onError(entry.error);
      } catch {
        // reporting must never break analysis
      }
    }
    return entry.schema;
  }

  private load(abs: string, stamp: string): Entry {
    if (stamp.startsWith('missing:')) {
      return { stamp, schema: bundledSchema(), error: `${abs}: schema file not found` };
    }
    if (stamp === 'not-a-file') {
      return { stamp, schema: bundledSchema(), error: `${abs}: schema path is not a file` };
    }
    try {
      const r = loadSchema(abs, (p) => readTextFile(path.resolve(path.dirname(abs), p)));
      return { stamp, schema: r.schema, ...(r.error !== undefined ? { error: r.error } : {}) };
    } catch (e) {
      return { stamp, schema: bundledSchema(), error: `${abs}: cannot load the schema (${(e as Error).message})` };
    }
  }
}
