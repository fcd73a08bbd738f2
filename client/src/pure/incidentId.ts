/** The document's Incident ID, and whether it can name a folder. No `vscode` import. */
import { headerField, isPlaceholder } from './markdown';

export type IncidentIdRead =
  | { kind: 'set'; id: string; line: number }
  | { kind: 'placeholder'; line: number }
  | { kind: 'missing' };

/** Reads the `**Incident ID:** value` header line. `___…`, empty or italic guidance = not set. */
export function readIncidentId(text: string): IncidentIdRead {
  const f = headerField(text, 'Incident ID');
  if (!f) return { kind: 'missing' };
  // `INC-1` and `` `INC-1` `` name the same incident.
  const id = f.value.replace(/^`(.*)`$/, '$1').trim();
  if (isPlaceholder(id)) return { kind: 'placeholder', line: f.line };
  return { kind: 'set', id, line: f.line };
}

/**
 * Why an Incident ID cannot be used as a folder name under the evidence root, or
 * undefined when it can. Keeps every path the client builds inside the workspace.
 */
export function unsafeIdReason(id: string): string | undefined {
  if (id === '') return 'the Incident ID is empty';
  if (id.includes('/') || id.includes('\\')) return 'the Incident ID contains a slash';
  if (id.includes('..')) return 'the Incident ID contains ".."';
  if (id === '.') return 'the Incident ID is "."';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(id)) return 'the Incident ID contains a control character';
  if (/[<>:"|?*]/.test(id)) return 'the Incident ID contains a character that cannot be in a file name (<>:"|?*)';
  if (id !== id.trim()) return 'the Incident ID starts or ends with a space';
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
export function validateNewIncidentId(id: string, pattern: RegExp): string | undefined {
  const v = id.trim();
  if (v === '') return 'Enter the Incident ID, e.g. INC-2026-0042.';
  const unsafe = unsafeIdReason(v);
  if (unsafe) return `Not usable as a file name: ${unsafe}.`;
  if (!pattern.test(v)) return `The Incident ID must match postmortem.incidentIdPattern (${pattern.source}).`;
  return undefined;
}
