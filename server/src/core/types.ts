/**
 * Core data types. The core (everything under `server/src/core/`) never imports
 * `vscode` or `vscode-languageserver`: positions are UTF-16 offsets into the
 * document text, converted to line/column once, in `text.ts`.
 */
import type { STATUS_VALUES } from '../../../shared/src/template/v1_1';

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type RuleLevel = Severity | 'off';

/** Replace text[start, end) with newText. Offsets are UTF-16 code units. */
export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

/** A quick fix is data: a title and the edits it makes. */
export interface Fix {
  title: string;
  edits: TextEdit[];
  /** Safe to apply unattended (source.fixAll). Fixes that pick one of several choices are not. */
  safe: boolean;
}

export interface RelatedLocation {
  start: number;
  end: number;
  message: string;
}

export interface Finding {
  code: string;
  message: string;
  severity: Severity;
  start: number;
  end: number;
  fixes?: Fix[];
  related?: RelatedLocation[];
}

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

/** A status of the template's workflow (its Status field's choices: v1.1's `DRAFT`, `UNDER REVIEW`, `FINAL`). */
export type DocumentStatus = (typeof STATUS_VALUES)[number] | (string & {});
