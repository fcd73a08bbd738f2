/**
 * Reading the server's `workspace/executeCommand` and `postmortem/summary` results, checked at
 * the boundary (a server is another process: never trust its JSON). The ids and result types
 * are shared with the server (shared/src/protocol.ts). No `vscode` import.
 */
import type { WireDiagnostic, WirePosition } from '../../../shared/src/protocol';

/** A diagnostic from the server as the client keeps it: its code as a string. */
export interface Blocker extends WireDiagnostic {
  code?: string;
}

export type MarkFinalResult = { applied: true } | { applied: false; blockers: Blocker[]; reason?: string };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function position(v: unknown): WirePosition | undefined {
  if (!isRecord(v)) return undefined;
  const { line, character } = v;
  if (typeof line !== 'number' || typeof character !== 'number' || !(line >= 0) || !(character >= 0)) return undefined;
  return { line: Math.floor(line), character: Math.floor(character) };
}

/** One diagnostic from the server, or undefined when it is not one. */
export function toBlocker(v: unknown): Blocker | undefined {
  if (!isRecord(v) || !isRecord(v.range) || typeof v.message !== 'string') return undefined;
  const start = position(v.range.start);
  const end = position(v.range.end);
  if (!start || !end) return undefined;
  const b: Blocker = { range: { start, end }, message: v.message };
  if (typeof v.code === 'string' || typeof v.code === 'number') b.code = String(v.code);
  if (typeof v.severity === 'number') b.severity = v.severity;
  return b;
}

function blockerList(v: unknown): Blocker[] {
  if (!Array.isArray(v)) return [];
  const out: Blocker[] = [];
  for (const x of v) {
    const b = toBlocker(x);
    if (b) out.push(b);
  }
  return out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

/** The Mark Final result, or undefined when the server answered something else. */
export function parseMarkFinalResult(v: unknown): MarkFinalResult | undefined {
  if (!isRecord(v) || typeof v.applied !== 'boolean') return undefined;
  if (v.applied) return { applied: true };
  const r: MarkFinalResult = { applied: false, blockers: blockerList(v.blockers) };
  if (typeof v.reason === 'string' && v.reason !== '') r.reason = v.reason;
  return r;
}

/** The as-FINAL blockers, or undefined when the answer is not `{blockers: [...]}`. */
export function parseFinalBlockers(v: unknown): Blocker[] | undefined {
  if (!isRecord(v) || !Array.isArray(v.blockers)) return undefined;
  const blockers = blockerList(v.blockers);
  // `{blockers: [], reason: 'not a post-mortem'}`: the server did not check the document.
  if (blockers.length === 0 && typeof v.reason === 'string' && v.reason !== '') return undefined;
  return blockers;
}

export interface FormatResult {
  applied: boolean;
  /** false when the table was already formatted. */
  changed?: boolean;
  /** Why nothing was applied. */
  message?: string;
}

/** The Format Timeline result; `null` (a server that applies and returns nothing) counts as applied. */
export function parseFormatResult(v: unknown): FormatResult | undefined {
  if (v === null || v === undefined) return { applied: true };
  if (!isRecord(v) || typeof v.applied !== 'boolean') return undefined;
  const r: FormatResult = { applied: v.applied };
  if (typeof v.changed === 'boolean') r.changed = v.changed;
  if (typeof v.message === 'string') r.message = v.message;
  else if (typeof v.reason === 'string') r.message = v.reason;
  return r;
}

/** One finding = one code on one range (its message may differ with the Status). */
const key = (b: Blocker): string =>
  `${b.code ?? b.message}|${b.range.start.line}:${b.range.start.character}-${b.range.end.line}:${b.range.end.character}`;

/**
 * What stands between the document and FINAL: the errors it shows now plus the
 * as-FINAL blockers, each counted once (an error now is also an error at FINAL).
 */
export function mergeBlockers(currentErrors: readonly Blocker[], asFinal: readonly Blocker[] | undefined): Blocker[] {
  const seen = new Set<string>();
  const out: Blocker[] = [];
  for (const b of [...currentErrors, ...(asFinal ?? [])]) {
    const k = key(b);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(b);
  }
  return out;
}

/** `Line 12 · PM003`: the quick pick's description for a blocker. */
export function blockerDescription(b: Blocker): string {
  return b.code ? `Line ${b.range.start.line + 1} · ${b.code}` : `Line ${b.range.start.line + 1}`;
}
