/**
 * The core's public surface. The LSP server, the CLI and the tests use only
 * what this file exports (re-exported by `index.ts`).
 */
import type { Finding, Settings, TextEdit } from './types';

/** What the core needs from a file system; injected so tests run in memory. */
export interface FileSystem {
  /** True when the path (absolute) exists (file or folder). */
  exists(absPath: string): boolean;
  /** Resolves symlinks; undefined when the path does not exist. */
  realpath(absPath: string): string | undefined;
}

export interface AnalyzeOptions {
  settings: Settings;
  /** Absolute path of the document on disk, when it has one. */
  filePath?: string;
  /** Workspace root (absolute) that evidence paths resolve against; no root = evidence existence not checked. */
  root?: string;
  /** Check as if Status were FINAL (Mark Final, `--status-as FINAL`). */
  statusAs?: 'FINAL';
  /** "Today" for overdue action items; default: the current time. */
  now?: Date;
  fs?: FileSystem;
  /** Parses Markdown; default: a full remark parse. The server passes an IncrementalParser's result. */
  parse?: (text: string) => import('mdast').Root;
  /** A compiled schema from `loadSchema`; default: the bundled one. Used with the built-in template only. */
  schema?: CompiledSchema;
  /** The template the document is written with (`selectTemplate`); default: the built-in v1.1. */
  template?: import('./templates').Template;
}

/** Opaque handle of a compiled schema (see schema.ts). */
export interface CompiledSchema {
  readonly source: string;
}

export interface HoverInfo {
  markdown: string;
  start: number;
  end: number;
}

export type CompletionKind = 'choice' | 'trigger' | 'role' | 'path' | 'snippet';

export interface CompletionEntry {
  label: string;
  kind: CompletionKind;
  /** Range the completion replaces. */
  start: number;
  end: number;
  detail?: string;
  /** A snippet (`kind: 'snippet'`): what is inserted, in snippet syntax (the label is its prefix). */
  snippet?: string;
}

export interface SymbolEntry {
  name: string;
  detail?: string;
  start: number;
  end: number;
  selectionStart: number;
  selectionEnd: number;
  children: SymbolEntry[];
}

export type MarkFinalPlan = { ok: true; edit: TextEdit } | { ok: false; blockers: Finding[] };
