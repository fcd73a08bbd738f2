/**
 * The `postmortem.*` settings: their shape and defaults, one definition for the server (core
 * `sanitizeSettings`, CLI `.postmortemrc.json`) and the client (reading VS Code's configuration,
 * `initializationOptions`). package.json's `contributes.configuration` must agree
 * (test/unit/shared-drift.test.ts). Pure data: imports nothing.
 */

/** The configuration section (`postmortem.enable`, …) and the `workspace/configuration` section. */
export const CONFIG_SECTION = 'postmortem';

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type RuleLevel = Severity | 'off';
/** The values of `postmortem.rules`. */
export const RULE_LEVELS: readonly RuleLevel[] = ['off', 'error', 'warning', 'information', 'hint'];

/** The settings the server (and the CLI) use. */
export interface Settings {
  enable: boolean;
  files: string[];
  incidentIdPattern: string;
  breakerTriggers: string[];
  rules: Record<string, RuleLevel>;
  /** Path (workspace-relative or absolute) of a team's own schema; '' = bundled. */
  schema: string;
  /** Paths (workspace-relative or absolute) of team templates written in Markdown (docs/templates.md). */
  templates: string[];
  evidenceRoot: string;
  validation: { delayMs: number };
  timeline: { sortOnFormat: boolean };
  format: { onSave: boolean };
  /** Inlay hints (`textDocument/inlayHint`): each kind on or off. */
  inlayHints: InlayHintSettings;
}

export interface InlayHintSettings {
  /** The computed duration after Total duration when it is empty or differs. */
  totalDuration: boolean;
  /** Time since First detected after each timeline time (`+7m`). */
  timeline: boolean;
  /** Time to open and time to resolve (since First detected) after the summary timestamps. */
  summary: boolean;
}

/** Where evidence lives by default: `governance/evidence/<Incident ID>/` (SPEC §1). */
export const DEFAULT_EVIDENCE_ROOT = 'governance/evidence';

export const DEFAULT_SETTINGS: Settings = {
  enable: true,
  files: ['**/post-mortems/**/*.md', '**/postmortems/**/*.md', '**/*post-mortem*.md', '**/*postmortem*.md'],
  incidentIdPattern: '^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$',
  breakerTriggers: [],
  rules: {},
  schema: '',
  templates: [],
  evidenceRoot: DEFAULT_EVIDENCE_ROOT,
  validation: { delayMs: 50 },
  timeline: { sortOnFormat: false },
  format: { onSave: false },
  inlayHints: { totalDuration: true, timeline: true, summary: true },
};

/** Settings only the VS Code client reads (the server never sees them). */
export const CLIENT_DEFAULT_SETTINGS = {
  /** Where **New Post-Mortem** creates `<Incident ID>.md`. */
  newFileFolder: 'post-mortems',
} as const;
