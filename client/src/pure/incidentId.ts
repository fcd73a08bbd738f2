/** Whether an Incident ID can name a folder, and New Post-Mortem's check of a new one. No `vscode` import. */
import { english, type Translate } from './l10n';

/**
 * Why an Incident ID cannot be used as a folder name under the evidence root, or
 * undefined when it can. Keeps every path the client builds inside the workspace.
 */
export function unsafeIdReason(id: string, t: Translate = english): string | undefined {
  if (id === '') return t('the Incident ID is empty');
  if (id.includes('/') || id.includes('\\')) return t('the Incident ID contains a slash');
  if (id.includes('..')) return t('the Incident ID contains ".."');
  if (id === '.') return t('the Incident ID is "."');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(id)) return t('the Incident ID contains a control character');
  if (/[<>:"|?*]/.test(id)) return t('the Incident ID contains a character that cannot be in a file name (<>:"|?*)');
  if (id !== id.trim()) return t('the Incident ID starts or ends with a space');
  return undefined;
}

/** Compiles `postmortem.incidentIdPattern`; undefined when it is not a valid regular expression. */
export function compileIdPattern(pattern: string): RegExp | undefined {
  try {
    return new RegExp(pattern, 'u');
  } catch {
    return undefined;
  }
}

/** For the New Post-Mortem input box: the problem with `id`, or undefined when it is fine. */
export function validateNewIncidentId(id: string, pattern: RegExp, t: Translate = english): string | undefined {
  const v = id.trim();
  if (v === '') return t('Enter the Incident ID, e.g. INC-2026-0042.');
  const unsafe = unsafeIdReason(v, t);
  if (unsafe) return t('Not usable as a file name: {0}.', unsafe);
  if (!pattern.test(v)) return t('The Incident ID must match postmortem.incidentIdPattern ({0}).', pattern.source);
  return undefined;
}
