/** Reading `postmortem.*` settings (VS Code side). */
import * as vscode from 'vscode';
import { CLIENT_DEFAULT_SETTINGS, CONFIG_SECTION, DEFAULT_SETTINGS } from '../../shared/src/settings';

const strings = (v: unknown): string[] | undefined =>
  Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : undefined;

export function config(scope?: vscode.ConfigurationScope): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration(CONFIG_SECTION, scope);
}

export function filesGlobs(scope?: vscode.ConfigurationScope): string[] {
  return strings(config(scope).get('files')) ?? DEFAULT_SETTINGS.files;
}

export function isEnabled(scope?: vscode.ConfigurationScope): boolean {
  return config(scope).get('enable') !== false;
}

export function incidentIdPattern(scope?: vscode.ConfigurationScope): string {
  const p = config(scope).get('incidentIdPattern');
  return typeof p === 'string' && p !== '' ? p : DEFAULT_SETTINGS.incidentIdPattern;
}

/** A folder setting, trimmed; its shared default when unset, blank or not a string. */
export function folderSetting(key: 'evidenceRoot' | 'newFileFolder', scope?: vscode.ConfigurationScope): string {
  const v = config(scope).get(key);
  if (typeof v === 'string' && v.trim() !== '') return v.trim();
  return key === 'evidenceRoot' ? DEFAULT_SETTINGS.evidenceRoot : CLIENT_DEFAULT_SETTINGS.newFileFolder;
}

export function sortOnFormat(scope?: vscode.ConfigurationScope): boolean {
  return config(scope).get('timeline.sortOnFormat') === true;
}

/**
 * The settings sent once in `initializationOptions.postmortem`, in the server's
 * shape (`Settings` of shared/src/settings.ts, minus what VS Code handles itself). The server
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

/** `postmortem.templates`: the team templates configured for this scope (paths as written). */
export function templatesSetting(scope?: vscode.ConfigurationScope): string[] {
  return strings(config(scope).get('templates')) ?? [];
}
