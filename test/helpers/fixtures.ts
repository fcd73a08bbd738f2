/** Paths of the protocol fixtures and small helpers shared by protocol and CLI tests. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LineIndex } from '../../server/src/core';
import { REPO } from './build';

export const PROTOCOL_FIXTURES = path.join(REPO, 'test', 'fixtures', 'protocol');
/**
 * `draft.md`: the v1.1 template filled in, Status FINAL, with four planted defects:
 * action item 1 has no owner (PM010), a timeline time `2026-09-28 07:52 PDT` (PM005),
 * an empty Risk / Compliance sign-off row (PM012, on Status and on the row) and
 * Total duration 6h 30m instead of 8h 30m (PM009).
 */
/** A `file:` URI under `<root>/mem/` for a document that exists only in the client (opened with text, never on disk). */
export function memUri(name: string, root = PROTOCOL_FIXTURES): string {
  return pathToFileURL(path.join(root, 'mem', name)).href;
}

export const DRAFT = path.join(PROTOCOL_FIXTURES, 'draft.md');
/** `complete.md`: the same incident, Status DRAFT, complete: no finding; Mark Final succeeds. */
export const COMPLETE = path.join(PROTOCOL_FIXTURES, 'complete.md');
/** `README.md`: Markdown that is not a post-mortem. */
export const README = path.join(PROTOCOL_FIXTURES, 'README.md');
/** `broken-schema.json`: not JSON; a team schema that cannot be used. */
export const BROKEN_SCHEMA = path.join(PROTOCOL_FIXTURES, 'broken-schema.json');

export function read(p: string): string {
  return fs.readFileSync(p, 'utf8');
}

/** The text a range covers (ranges in LSP positions, converted by the core's LineIndex). */
export function textAt(text: string, range: { start: { line: number; character: number }; end: { line: number; character: number } }): string {
  const li = new LineIndex(text);
  return text.slice(li.offsetAt(range.start), li.offsetAt(range.end));
}

/** 0-based line of the first line containing `needle`. */
export function lineOf(text: string, needle: string): number {
  const i = text.split(/\r\n|\n|\r/).findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`fixture has no line containing ${JSON.stringify(needle)}`);
  return i;
}

/** Position (0-based) of the first occurrence of `needle`, plus `delta` characters. */
export function positionOf(text: string, needle: string, delta = 0): { line: number; character: number } {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`fixture has no ${JSON.stringify(needle)}`);
  return new LineIndex(text).positionAt(at + delta);
}

/** A fresh temporary folder, removed by the returned cleanup. */
export function tempDir(prefix = 'pm-test-'): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export function write(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}
