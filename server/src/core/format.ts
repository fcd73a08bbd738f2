// STUB — being implemented (formatter owner). Signature is final.
import type { TextEdit } from './types';

export interface FormatOptions {
  /** 'timeline': only the table under "## 2. Timeline"; 'all': every GFM table. */
  scope: 'timeline' | 'all';
  sortByTime: boolean;
}

export function formatDocument(text: string, opts: FormatOptions): TextEdit[] {
  void text; void opts;
  return [];
}
