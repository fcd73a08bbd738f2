/**
 * `.postmortemrc.json` read from its text: what a file holds, its known keys and the warnings for
 * unknown ones (node/rc.ts documents the format). Pure: no `node:` — the web server
 * (server/src/browser/host.ts) reads the file through the client and parses it here too.
 */
import { CONFIG_SECTION } from '../../shared/src/settings';
import { DEFAULT_SETTINGS, sanitizeSettings, type Settings } from './core';

export const RC_FILE = '.postmortemrc.json';

export class ConfigError extends Error {}

/** The path operations `rcCandidates` needs (node:path on desktop, URI paths on the web). */
export interface RcPathOps {
  resolve(...segments: string[]): string;
  relative(from: string, to: string): string;
  isAbsolute(p: string): boolean;
  join(...segments: string[]): string;
  dirname(p: string): string;
}

/**
 * Where a document's rc file may be, nearest first: `dir` (the document's folder), then each
 * parent up to the workspace folder `root` (a `dir` outside it searches `root` only).
 */
export function rcCandidates(dir: string, root: string, p: RcPathOps): string[] {
  const top = p.resolve(root);
  let cur = p.resolve(dir);
  const rel = p.relative(top, cur);
  if (rel.startsWith('..') || p.isAbsolute(rel)) cur = top;
  const out: string[] = [];
  for (;;) {
    out.push(p.join(cur, RC_FILE));
    if (cur === top) return out;
    const parent = p.dirname(cur);
    if (parent === cur) return out;
    cur = parent;
  }
}

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

/** Settings of an rc file's text (`file` names it in messages); throws `ConfigError`. */
export function parseRcText(file: string, text: string): RcSettings {
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
