/** Shared setup for core tests: a real file system rooted at examples/, a fixed "today". */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, DEFAULT_SETTINGS, type AnalyzeOptions, type Analysis, type Finding } from '../../server/src/core';

export const REPO = path.resolve(__dirname, '..', '..');
export const EXAMPLES = path.join(REPO, 'examples');
export const TODAY = new Date('2026-11-26T12:00:00Z');

export const nodeFs = {
  exists: (p: string) => fs.existsSync(p),
  realpath: (p: string) => {
    try {
      return fs.realpathSync(p);
    } catch {
      return undefined;
    }
  },
};

export function options(extra: Partial<AnalyzeOptions> = {}): AnalyzeOptions {
  return { settings: DEFAULT_SETTINGS, root: EXAMPLES, fs: nodeFs, now: TODAY, ...extra };
}

export function run(text: string, extra: Partial<AnalyzeOptions> = {}): Analysis {
  return analyze(text, options(extra));
}

export interface Shown {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: string;
  code: string;
  message: string;
  text: string;
  fixes?: string[];
}

/** Findings as a person reads them: 1-based positions, the text they cover, fix titles. */
export function show(a: Analysis, findings: Finding[] = a.findings): Shown[] {
  return findings.map((f) => {
    const s = a.lines.positionAt(f.start);
    const e = a.lines.positionAt(f.end);
    const out: Shown = { line: s.line + 1, column: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1, severity: f.severity, code: f.code, message: f.message, text: a.text.slice(f.start, f.end) };
    if (f.fixes?.length) out.fixes = f.fixes.map((x) => x.title);
    return out;
  });
}

export function read(p: string): string {
  return fs.readFileSync(p, 'utf8');
}

/** An mdast tree with offsets only (line/column are not kept exact across incremental chunks). */
export function treeShape(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(treeShape);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === 'position') {
      const p = v as { start: { offset: number }; end: { offset: number } } | undefined;
      out[k] = p && [p.start.offset, p.end.offset];
    } else out[k] = treeShape(v);
  }
  return out;
}
