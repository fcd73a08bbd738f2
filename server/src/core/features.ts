// STUB — being implemented (core owner). Signatures are final.
import type { Analysis } from './analyze';
import type { CompletionEntry, HoverInfo, SymbolEntry } from './api';
import type { Settings } from './types';

export function hoverAt(a: Analysis, offset: number): HoverInfo | undefined {
  void a; void offset;
  return undefined;
}

/** `evidenceFiles`: workspace-relative paths (forward slashes) that exist, offered in evidence cells. */
export function completionsAt(a: Analysis, offset: number, settings: Settings, evidenceFiles: string[] = []): CompletionEntry[] {
  void a; void offset; void settings; void evidenceFiles;
  return [];
}

export function documentSymbols(a: Analysis): SymbolEntry[] {
  void a;
  return [];
}
