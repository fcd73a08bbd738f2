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
import { CONFIG_SECTION } from '../../../shared/src/settings';
import { DEFAULT_SETTINGS, sanitizeSettings, type Settings } from '../core';
import { isFile, readTextFile } from './fs';

export const RC_FILE = '.postmortemrc.json';

export class ConfigError extends Error {}

export interface RcSettings {
  settings: Settings;
  /** The file's known keys as written (editor spellings normalised), for merging over editor settings. */
  raw: Record<string, unknown>;
  /** The rc file read; undefined when there is none (defaults). */
  file?: string;
  /** Keys that were ignored, one message each, naming the file and the key. */
  warnings: string[];
}

/**
 * The keys an rc file may hold: every setting that changes what is checked or
 * fixed (those of `Settings`), plus the editor-only ones (accepted so one file
 * can hold a team's whole configuration, unused by the CLI). Objects list their keys.
 */
export const RC_KEYS: Readonly<Record<string, readonly string[] | true>> = {
  ...Object.fromEntries(
    Object.entries(DEFAULT_SETTINGS).map(([k, v]) => [
      k,
      typeof v === 'object' && v !== null && !Array.isArray(v) && k !== 'rules' ? Object.keys(v) : true,
    ]),
  ),
  newFileFolder: true,
  trace: ['server'],
  $schema: true,
};

/** Settings of one rc file (`file` undefined: the defaults). */
export function loadRcFile(file: string | undefined): RcSettings {
  if (file === undefined) return { settings: sanitizeSettings(undefined), raw: {}, warnings: [] };
  let text: string;
  try {
    text = readTextFile(file);
  } catch (e) {
    throw new ConfigError(`${file}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new ConfigError(`${file}: not valid JSON (${(e as Error).message})`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new ConfigError(`${file}: expected a JSON object such as {"rules": {"PM021": "off"}}`);
  }
  const obj = normalize(raw as Record<string, unknown>);
  const warnings: string[] = [];
  const knownTop = Object.keys(RC_KEYS).filter((k) => k !== '$schema');
  for (const [k, v] of Object.entries(obj)) {
    const known = RC_KEYS[k];
    if (known === undefined) {
      warnings.push(`${file}: unknown setting "${k}" ignored (known: ${knownTop.join(', ')})`);
    } else if (Array.isArray(known) && typeof v === 'object' && v !== null && !Array.isArray(v)) {
      for (const sub of Object.keys(v)) {
        if (!known.includes(sub)) warnings.push(`${file}: unknown setting "${k}.${sub}" ignored (known: ${known.map((s) => `${k}.${s}`).join(', ')})`);
      }
    }
  }
  const problems: string[] = [];
  const settings = sanitizeSettings(obj, problems);
  if (problems.length > 0) {
    throw new ConfigError(`${file}: ${problems.map((p) => p.replace(/^postmortem\./, '')).join('; ')}`);
  }
  const known = Object.fromEntries(Object.entries(obj).filter(([k]) => RC_KEYS[k] !== undefined && k !== '$schema'));
  return { settings, raw: known, file, warnings };
}

/**
 * The nearest rc file for a document in `dir`: `dir` itself, then each parent
 * up to and including `root`. A `dir` outside `root` looks in `root` only.
 */
export function findRcFile(dir: string, root: string): string | undefined {
  const top = path.resolve(root);
  let cur = path.resolve(dir);
  const rel = path.relative(top, cur);
  if (rel.startsWith('..') || path.isAbsolute(rel)) cur = top;
  for (;;) {
    const candidate = path.join(cur, RC_FILE);
    if (isFile(candidate)) return candidate;
    if (cur === top) return undefined;
    const parent = path.dirname(cur);
    if (parent === cur) return undefined;
    cur = parent;
  }
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

/** Editor spellings to the rc shape: `postmortem.` prefix and `postmortem` object dropped, dotted keys nested. */
function normalize(obj: Record<string, unknown>): Record<string, unknown> {
  const nested = obj[CONFIG_SECTION];
  const flat: [string, unknown][] =
    typeof nested === 'object' && nested !== null && !Array.isArray(nested) ? Object.entries(nested as Record<string, unknown>) : [];
  for (const [k, v] of Object.entries(obj)) {
    if (k === CONFIG_SECTION) continue;
    flat.push([k.startsWith(`${CONFIG_SECTION}.`) ? k.slice(CONFIG_SECTION.length + 1) : k, v]);
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of flat) {
    const dot = k.indexOf('.');
    if (dot > 0 && k !== '$schema') {
      const head = k.slice(0, dot);
      const tail = k.slice(dot + 1);
      const cur = out[head];
      const obj = typeof cur === 'object' && cur !== null && !Array.isArray(cur) ? (cur as Record<string, unknown>) : {};
      obj[tail] = v;
      out[head] = obj;
    } else if (typeof v === 'object' && v !== null && !Array.isArray(v) && typeof out[k] === 'object' && out[k] !== null) {
      out[k] = { ...(out[k] as Record<string, unknown>), ...(v as Record<string, unknown>) };
    } else {
      out[k] = v;
    }
  }
  return out;
}
