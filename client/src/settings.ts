/** Reading `postmortem.*` settings (VS Code side). */
import * as vscode from 'vscode';
import { CONFIG_SECTION } from './ids';

/** The defaults of package.json's `contributes.configuration`, for values of the wrong type. */
export const DEFAULT_FILES = ['**/post-mortems/**/*.md', '**/postmortems/**/*.md', '**/*post-mortem*.md', '**/*postmortem*.md'];
export const DEFAULT_ID_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$';

const strings = (v: unknown): string[] | undefined =>
  Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : undefined;

export function config(scope?: vscode.ConfigurationScope): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration(CONFIG_SECTION, scope);
}

export function filesGlobs(scope?: vscode.ConfigurationScope): string[] {
  return strings(config(scope).get('files')) ?? DEFAULT_FILES;
}

export function isEnabled(scope?: vscode.ConfigurationScope): boolean {
  return config(scope).get('enable') !== false;
}

export function incidentIdPattern(scope?: vscode.ConfigurationScope): string {
  const p = config(scope).get('incidentIdPattern');
  return typeof p === 'string' && p !== '' ? p : DEFAULT_ID_PATTERN;
}

export function stringSetting(key: 'evidenceRoot' | 'newFileFolder', fallback: string, scope?: vscode.ConfigurationScope): string {
  const v = config(scope).get(key);
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : fallback;
}

export function sortOnFormat(scope?: vscode.ConfigurationScope): boolean {
  return config(scope).get('timeline.sortOnFormat') === true;
}

/**
 * The settings sent once in `initializationOptions.postmortem`, in the server's
 * shape (`Settings` of the core, minus what VS Code handles itself). The server
 * pulls `workspace/configuration` per document afterwards; this is only a first value.
 * In an untrusted workspace VS Code already leaves out workspace values of the
 * restricted settings (`postmortem.schema`, `postmortem.incidentIdPattern`, `postmortem.templates`).
 */
export function initialSettings(): Record<string, unknown> {
  const c = config();
  return {
    enable: c.get('enable'),
    files: c.get('files'),
    incidentIdPattern: c.get('incidentIdPattern'),
    breakerTriggers: c.get('breakerTriggers'),
    rules: c.get('rules'),
    schema: c.get('schema'),
    templates: c.get('templates'),
    evidenceRoot: c.get('evidenceRoot'),
    validation: { delayMs: c.get('validation.delayMs') },
    timeline: { sortOnFormat: c.get('timeline.sortOnFormat') },
  };
}
