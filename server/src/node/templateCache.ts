/**
 * Team templates (`postmortem.templates`), read with the core's `loadTemplateFile` and
 * cached by path and the mtime + size of the template and its `<name>.schema.json`.
 * A template that cannot be used is left out (documents fall back to the built-in
 * template) and `onError` hears why once. To match a document, only the templates' title
 * lines are read: a template is read in full when a document may be written with it
 * (`selectCandidate`), or when all are listed (`resolve`).
 */
import * as path from 'node:path';
import { loadTemplateFile, selectCandidate, templateSchemaPath, titleLine, titleMatcher, type Settings, type Template } from '../core';
import { FileCache, fileStamp } from './fileCache';
import { readTextFile } from './fs';

export class TemplateCache {
  private readonly cache: FileCache<Template | undefined>;
  /** Title matchers from the templates' first lines (undefined: not readable that way). */
  private readonly titles = new FileCache<RegExp | undefined>(
    (abs) => {
      try {
        const t = titleLine(readTextFile(abs));
        return { value: t === undefined ? undefined : titleMatcher(t) };
      } catch {
        return { value: undefined }; // the full read says why
      }
    },
    () => undefined,
  );

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
    const candidates = settings.templates.map((s) => {
      const abs = path.resolve(base, s.trim());
      return { title: this.titles.get(abs), load: () => this.cache.get(abs) };
    });
    return selectCandidate(text, relPath, candidates, settings.files);
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
