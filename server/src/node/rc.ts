/**
 * `.postmortemrc.json`: the CLI's settings file. Same shape as the
 * `postmortem.*` editor settings without the prefix, e.g.
 * `{"rules": {"PM021": "off"}, "incidentIdPattern": "...", "schema": "..."}`;
 * the editor spellings `{"postmortem.rules": …}`, `{"postmortem": {…}}` and
 * dotted keys (`"timeline.sortOnFormat": true`) are accepted too. The nearest
 * file above a document (its folder, then each parent up to the workspace
 * root) applies; precedence: defaults < rc file. Paths in it (`schema`,
 * `evidenceRoot`) are workspace-relative, as in the editor settings.
 *
 * A key the CLI does not know is a warning naming it (the rest still applies);
 * a file that cannot be read, is not JSON or holds a wrong value is a
 * `ConfigError` (the CLI exits 2).
 */
import * as path from 'node:path';
import { sanitizeSettings } from '../core';
import { ConfigError, RC_FILE, parseRcText, rcCandidates, type RcSettings } from '../rcSettings';
import { isFile, readTextFile } from './fs';

export { ConfigError, RC_FILE, RC_KEYS, parseRcText, type RcSettings } from '../rcSettings';

/** Settings of one rc file (`file` undefined: the defaults). */
export function loadRcFile(file: string | undefined): RcSettings {
  if (file === undefined) return { settings: sanitizeSettings(undefined), raw: {}, warnings: [] };
  let text: string;
  try {
    text = readTextFile(file);
  } catch (e) {
    throw new ConfigError(`${file}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  return parseRcText(file, text);
}

/**
 * The nearest rc file for a document in `dir`: `dir` itself, then each parent
 * up to and including `root`. A `dir` outside `root` looks in `root` only.
 */
export function findRcFile(dir: string, root: string): string | undefined {
  return rcCandidates(dir, root, path).find(isFile);
}

/** Settings of the rc file at `root` itself (the pre-search behaviour; kept for callers that want exactly that). */
export function loadRcSettings(root: string): RcSettings {
  const file = path.join(root, RC_FILE);
  return loadRcFile(isFile(file) ? file : undefined);
}

/** Finds and loads rc files, each file read once per run. */
export class RcResolver {
  private readonly byFile = new Map<string, RcSettings>();
  private readonly byDir = new Map<string, string | undefined>();

  /** Settings for a document in `dir` under `root`; throws `ConfigError`. `onWarning` hears each file's warnings once. */
  resolve(dir: string, root: string, onWarning: (message: string) => void): RcSettings {
    const key = `${dir}\0${root}`;
    let file: string | undefined;
    if (this.byDir.has(key)) file = this.byDir.get(key);
    else {
      file = findRcFile(dir, root);
      this.byDir.set(key, file);
    }
    const cacheKey = file ?? '';
    let rc = this.byFile.get(cacheKey);
    if (!rc) {
      rc = loadRcFile(file);
      this.byFile.set(cacheKey, rc);
      for (const w of rc.warnings) onWarning(w);
    }
    return rc;
  }
}

