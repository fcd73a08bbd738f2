// STUB — being implemented (core owner). Signatures are final.
import type { AnalyzeOptions } from './api';
import type { DocumentStatus, Finding, Settings } from './types';
import { LineIndex } from './text';

export interface Model {
  [key: string]: unknown;
}

export interface Analysis {
  text: string;
  lines: LineIndex;
  /** False: not a post-mortem; findings is empty. */
  isPostmortem: boolean;
  /** Sorted by start offset; suppression comments and settings.rules applied. */
  findings: Finding[];
  model: Model;
  status: DocumentStatus | undefined;
}

/** By first heading `Incident Post-Mortem`, or by a `settings.files` glob on relPath (forward slashes). */
export function isPostmortem(text: string, relPath: string | undefined, settings: Settings): boolean {
  void relPath;
  void settings;
  return /^\s*#\s+Incident Post-Mortem\s*$/m.test(text.slice(0, 2000));
}

export function analyze(text: string, opts: AnalyzeOptions): Analysis {
  void opts;
  return { text, lines: new LineIndex(text), isPostmortem: isPostmortem(text, undefined, opts.settings), findings: [], model: {}, status: undefined };
}
