/**
 * Team templates (`postmortem.templates`), read with the core's `loadTemplateFile` and
 * cached by path and the mtime + size of the template and its `<name>.schema.json`.
 * A template that cannot be used is left out (documents fall back to the built-in
 * template) and `onError` hears why once.
 */
import * as path from 'node:path';
import { loadTemplateFile, selectTemplate, templateSchemaPath, type Settings, type Template } from '../core';
import { FileCache, fileStamp } from './fileCache';
import { readTextFile } from './fs';

export class TemplateCache {
  private readonly cache: FileCache<Template | undefined>;

  constructor(onError: (message: string) => void) {
    this.cache = new FileCache(
      (abs) => {
        const r = loadTemplateFile(abs, readTextFile);
        return { value: r.template, ...(r.error !== undefined ? { error: r.error } : {}) };
      },
      onError,
      (abs) => `${fileStamp(abs)}|${fileStamp(templateSchemaPath(abs))}`,
    );
  }

  /**
   * The template a document is written with (`selectTemplate`), from the `templates` setting (paths
   * relative to `base`, the workspace root); undefined without team templates (the built-in one).
   */
  templateFor(text: string, relPath: string | undefined, settings: Pick<Settings, 'templates' | 'files'>, base: string): Template | undefined {
    if (settings.templates.length === 0) return undefined;
    return selectTemplate(text, relPath, this.resolve(settings.templates, base), settings.files);
  }

  /** The usable templates of the `templates` setting, in its order (paths relative to `base`). */
  resolve(settings: readonly string[], base: string): Template[] {
    const out: Template[] = [];
    for (const s of settings) {
      const t = this.cache.get(path.resolve(base, s.trim()));
      if (t) out.push(t);
    }
    return out;
  }
}
