/**
 * Team templates (`postmortem.templates`), read with the core's `loadTemplateFile` and
 * cached by path and the mtime + size of the template and its `<name>.schema.json`.
 * A template that cannot be used is left out (documents fall back to the built-in
 * template) and `onError` hears why once. To match a document, only the templates' title
 * lines are used: a template is parsed when a document may be written with it
 * (`selectCandidate`), or when all are listed (`resolve`).
 */
import * as path from 'node:path';
import { selectCandidate, templateCandidate, templateSchemaPath, type Settings, type Template, type TemplateCandidate } from '../core';
import { FileCache, fileStamp } from './fileCache';
import { readTextFile } from './fs';

export class TemplateCache {
  /** One candidate per template file version (the template's and its schema's mtime and size). */
  private readonly cache: FileCache<TemplateCandidate>;

  constructor(onError: (message: string) => void) {
    const reported = new Set<string>();
    const report = (message: string) => {
      if (reported.has(message)) return;
      reported.add(message);
      onError(message);
    };
    this.cache = new FileCache(
      (abs) => ({ value: templateCandidate(abs, readTextFile, report) }),
      report,
      (abs) => `${fileStamp(abs)}|${fileStamp(templateSchemaPath(abs))}`,
    );
  }

  /**
   * The template a document is written with (`selectCandidate`), from the `templates` setting (paths
   * relative to `base`, the workspace root); undefined without team templates (the built-in one).
   */
  templateFor(text: string, relPath: string | undefined, settings: Pick<Settings, 'templates' | 'files'>, base: string): Template | undefined {
    if (settings.templates.length === 0) return undefined;
    return selectCandidate(text, relPath, this.candidates(settings.templates, base), settings.files);
  }

  /** The usable templates of the `templates` setting, in its order (paths relative to `base`). */
  resolve(settings: readonly string[], base: string): Template[] {
    return this.candidates(settings, base)
      .map((c) => c.load())
      .filter((t): t is Template => t !== undefined);
  }

  private candidates(settings: readonly string[], base: string): TemplateCandidate[] {
    return settings.map((s) => this.cache.get(path.resolve(base, s.trim())));
  }
}
