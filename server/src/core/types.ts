/**
 * Core data types. The core (everything under `server/src/core/`) never imports
 * `vscode` or `vscode-languageserver`: positions are UTF-16 offsets into the
 * document text, converted to line/column once, in `text.ts`.
 */

import type { Severity } from '../../../shared/src/settings';

export type { InlayHintSettings, RuleLevel, Settings, Severity } from '../../../shared/src/settings';
export type { DocumentStatus } from '../../../shared/src/status';

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

