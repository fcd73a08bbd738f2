/**
 * Settings as the server reads them: the shape and defaults are shared with the client
 * (shared/src/settings.ts); this file only sanitises untrusted input.
 */
import { DEFAULT_SETTINGS, RULE_LEVELS, type RuleLevel, type Settings } from '../../../shared/src/settings';

export { DEFAULT_SETTINGS };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function stringArray(v: unknown): string[] | undefined {
  return Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : undefined;
}

/**
 * Merges a partial, untrusted settings object (from `workspace/configuration`
 * or `.postmortemrc.json`) over the defaults. Wrong types fall back to the default;
 * nothing here throws. `problems` collects what was ignored, for a clear message.
 */
export function sanitizeSettings(input: unknown, problems: string[] = []): Settings {
  const d = DEFAULT_SETTINGS;
  if (input === undefined || input === null) return structuredClone(d);
  if (!isRecord(input)) {
    problems.push('settings: expected an object');
    return structuredClone(d);
  }
  const s = input;
  const out: Settings = structuredClone(d);
  if (typeof s.enable === 'boolean') out.enable = s.enable;
  const files = stringArray(s.files);
  if (files) out.files = files;
  else if (s.files !== undefined) problems.push('postmortem.files: expected an array of glob strings');
  if (typeof s.incidentIdPattern === 'string' && s.incidentIdPattern !== '') {
    try {
      new RegExp(s.incidentIdPattern, 'u');
      out.incidentIdPattern = s.incidentIdPattern;
    } catch (e) {
      problems.push(`postmortem.incidentIdPattern: not a valid regular expression (${(e as Error).message}); using the default`);
    }
  }
  const triggers = stringArray(s.breakerTriggers);
  if (triggers) out.breakerTriggers = triggers;
  if (isRecord(s.rules)) {
    for (const [code, level] of Object.entries(s.rules)) {
      if (/^PM\d{3}$/.test(code) && typeof level === 'string' && (RULE_LEVELS as readonly string[]).includes(level)) {
        out.rules[code] = level as RuleLevel;
      } else {
        problems.push(`postmortem.rules.${code}: expected "off", "information", "warning", "error" or "hint"`);
      }
    }
  }
  if (typeof s.schema === 'string') out.schema = s.schema;
  const templates = stringArray(s.templates);
  if (templates) out.templates = templates.filter((t) => t.trim() !== '');
  else if (s.templates !== undefined) problems.push('postmortem.templates: expected an array of paths');
  if (typeof s.evidenceRoot === 'string' && s.evidenceRoot.trim() !== '') out.evidenceRoot = s.evidenceRoot.trim();
  if (isRecord(s.validation) && typeof s.validation.delayMs === 'number' && Number.isFinite(s.validation.delayMs)) {
    out.validation.delayMs = Math.max(0, Math.min(10_000, Math.round(s.validation.delayMs)));
  }
  if (isRecord(s.timeline) && typeof s.timeline.sortOnFormat === 'boolean') out.timeline.sortOnFormat = s.timeline.sortOnFormat;
  if (isRecord(s.format) && typeof s.format.onSave === 'boolean') out.format.onSave = s.format.onSave;
  if (isRecord(s.inlayHints)) {
    for (const k of ['totalDuration', 'timeline', 'summary'] as const) {
      const v = s.inlayHints[k];
      if (typeof v === 'boolean') out.inlayHints[k] = v;
      else if (v !== undefined) problems.push(`postmortem.inlayHints.${k}: expected true or false`);
    }
  } else if (s.inlayHints !== undefined) problems.push('postmortem.inlayHints: expected an object');
  return out;
}
