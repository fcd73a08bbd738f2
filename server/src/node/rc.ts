/**
 * `.postmortemrc.json`: the CLI's settings file at the workspace root. Same shape
 * as the `postmortem.*` editor settings without the prefix, e.g.
 * `{"rules": {"PM021": "off"}, "incidentIdPattern": "...", "schema": "..."}`.
 */
import { readTextFile } from './fs';
import * as path from 'node:path';
import { CONFIG_SECTION } from '../../../shared/src/settings';
import { DEFAULT_SETTINGS, sanitizeSettings, type Settings } from '../core';

export const RC_FILE = '.postmortemrc.json';

export class ConfigError extends Error {}

/**
 * Settings for a root: defaults when there is no rc file; a `ConfigError`
 * naming the file and the problem when it cannot be read, is not JSON, is not
 * an object, or holds a value of the wrong type.
 */
export function loadRcSettings(root: string): { settings: Settings; file?: string } {
  const file = path.join(root, RC_FILE);
  let text: string;
  try {
    text = readTextFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { settings: sanitizeSettings(undefined) };
    throw new ConfigError(`${file}: cannot read the file (${code ?? (e as Error).message})`);
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
  // Accept the editor spelling too: {"postmortem.rules": ...} or {"postmortem": {...}}.
  const obj = unprefix(raw as Record<string, unknown>);
  const problems: string[] = [];
  const known = Object.keys(DEFAULT_SETTINGS);
  for (const k of Object.keys(obj)) {
    if (!known.includes(k) && k !== '$schema') problems.push(`unknown setting "${k}" (known: ${known.join(', ')})`);
  }
  const settings = sanitizeSettings(obj, problems);
  if (problems.length > 0) {
    throw new ConfigError(`${file}: ${problems.map((p) => p.replace(/^postmortem\./, '')).join('; ')}`);
  }
  return { settings, file };
}

function unprefix(obj: Record<string, unknown>): Record<string, unknown> {
  const nested = obj[CONFIG_SECTION];
  const out: Record<string, unknown> =
    typeof nested === 'object' && nested !== null && !Array.isArray(nested) ? { ...(nested as Record<string, unknown>) } : {};
  for (const [k, v] of Object.entries(obj)) {
    if (k === CONFIG_SECTION) continue;
    out[k.startsWith(`${CONFIG_SECTION}.`) ? k.slice(CONFIG_SECTION.length + 1) : k] = v;
  }
  return out;
}
