// STUB — being implemented (core owner). Signatures are final.
import type { CompiledSchema } from './api';

export function bundledSchema(): CompiledSchema {
  return { source: 'bundled' };
}

/**
 * Loads a team's schema. On any problem returns the bundled schema and `error`,
 * one message naming the file and the problem. Never fetches a remote $ref.
 */
export function loadSchema(path: string, readFile: (p: string) => string): { schema: CompiledSchema; error?: string } {
  void readFile;
  return { schema: bundledSchema(), error: `${path}: custom schemas not implemented yet` };
}
