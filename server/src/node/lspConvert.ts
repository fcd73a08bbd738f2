/**
 * Translation between the core's data (UTF-16 offsets) and LSP shapes. Pure:
 * no connection, no state. Every offset → position conversion goes through the
 * core's `LineIndex`; this file never counts lines itself.
 */
import {
  CodeAction,
  CodeActionKind,
  CompletionItemKind,
  InsertTextFormat,
  DiagnosticSeverity,
  SymbolKind,
  type CompletionItem,
  type Diagnostic,
  type DocumentSymbol,
  type Hover,
  type Range,
  type TextEdit as LspTextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type {
  CompletionEntry,
  CompletionKind,
  Finding,
  HoverInfo,
  LineIndex,
  Severity,
  Summary,
  SymbolEntry,
  TextEdit,
} from '../core';

import { DIAGNOSTIC_SOURCE as SOURCE, FIX_ALL_KIND, type CheckedSummary } from '../../../shared/src/protocol';

export { FIX_ALL_KIND, SOURCE };

/** A fix as it travels in `Diagnostic.data`: already in LSP ranges, for one document version. */
export interface FixData {
  title: string;
  safe: boolean;
  edits: LspTextEdit[];
}

export interface DiagnosticData {
  uri: string;
  version: number;
  fixes: FixData[];
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toRange(lines: LineIndex, start: number, end: number): Range {
  const s = lines.positionAt(start);
  const e = lines.positionAt(Math.max(start, end));
  return { start: s, end: e };
}

export function toLspEdit(lines: LineIndex, e: TextEdit): LspTextEdit {
  return { range: toRange(lines, e.start, e.end), newText: e.newText };
}

/** A finding as an LSP diagnostic of `uri` at `version`; `ruleHref` gives the rule's documentation link. */
export function toDiagnostic(
  f: Finding,
  lines: LineIndex,
  uri: string,
  version: number,
  ruleHref: (code: string) => string | undefined,
): Diagnostic {
  const d: Diagnostic = {
    range: toRange(lines, f.start, f.end),
    severity: SEVERITY[f.severity] ?? DiagnosticSeverity.Error,
    code: f.code,
    source: SOURCE,
    message: f.message,
  };
  const href = ruleHref(f.code);
  if (href !== undefined) d.codeDescription = { href };
  if (f.related && f.related.length > 0) {
    d.relatedInformation = f.related.map((r) => ({
      location: { uri, range: toRange(lines, r.start, r.end) },
      message: r.message,
    }));
  }
  const data: DiagnosticData = {
    uri,
    version,
    fixes: (f.fixes ?? []).map((fix) => ({
      title: fix.title,
      safe: fix.safe,
      edits: fix.edits.map((e) => toLspEdit(lines, e)),
    })),
  };
  d.data = data;
  return d;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isPosition(v: unknown): boolean {
  return isRecord(v) && Number.isInteger(v.line) && Number.isInteger(v.character) && (v.line as number) >= 0 && (v.character as number) >= 0;
}

export function isRange(v: unknown): v is Range {
  return isRecord(v) && isPosition(v.start) && isPosition(v.end);
}

function isLspEdit(v: unknown): v is LspTextEdit {
  return isRecord(v) && isRange(v.range) && typeof v.newText === 'string';
}

/** `Diagnostic.data` comes back from the client: trust nothing about its shape. */
export function isDiagnosticData(v: unknown): v is DiagnosticData {
  return (
    isRecord(v) &&
    typeof v.uri === 'string' &&
    Number.isInteger(v.version) &&
    Array.isArray(v.fixes) &&
    v.fixes.every(
      (f) => isRecord(f) && typeof f.title === 'string' && typeof f.safe === 'boolean' && Array.isArray(f.edits) && f.edits.every(isLspEdit),
    )
  );
}

/**
 * The one kind of edit the server hands out: tied to the document version it was computed for
 * (`documentChanges`). The same edits also go in `changes`, for clients that do not support
 * `documentChanges`; a client that does prefers them (LSP: "documentChanges are preferred over changes").
 */
export function versionedEdit(uri: string, version: number | null, edits: LspTextEdit[]): WorkspaceEdit {
  return { documentChanges: [{ textDocument: { uri, version }, edits }], changes: { [uri]: edits } };
}

/** Quick fixes carried by a diagnostic's data (nothing when it belongs to another document or version). */
export function quickFixes(diagnostic: Diagnostic, uri: string, version: number): CodeAction[] {
  const data: unknown = diagnostic.data;
  if (!isDiagnosticData(data) || data.uri !== uri || data.version !== version) return [];
  return data.fixes
    .filter((fix) => fix.edits.length > 0)
    .map((fix) => {
      const action = CodeAction.create(fix.title, versionedEdit(uri, version, fix.edits), CodeActionKind.QuickFix);
      action.diagnostics = [diagnostic];
      if (data.fixes.length === 1) action.isPreferred = true;
      return action;
    });
}

/** Whether a code action of `kind` is wanted by a request's `context.only` (absent = all kinds). */
export function kindWanted(only: readonly string[] | undefined, kind: string): boolean {
  if (!only || only.length === 0) return true;
  return only.some((o) => o === '' || kind === o || kind.startsWith(`${o}.`));
}

export function toHover(lines: LineIndex, h: HoverInfo): Hover {
  return { contents: { kind: 'markdown', value: h.markdown }, range: toRange(lines, h.start, h.end) };
}

const COMPLETION_KIND: Record<CompletionKind, CompletionItemKind> = {
  choice: CompletionItemKind.EnumMember,
  trigger: CompletionItemKind.Value,
  role: CompletionItemKind.Keyword,
  path: CompletionItemKind.File,
  snippet: CompletionItemKind.Snippet,
};

export function toCompletionItem(lines: LineIndex, c: CompletionEntry, index: number): CompletionItem {
  const isFolder = c.kind === 'path' && /\/`?$/.test(c.label);
  const item: CompletionItem = {
    label: c.label,
    kind: isFolder ? CompletionItemKind.Folder : (COMPLETION_KIND[c.kind] ?? CompletionItemKind.Text),
    textEdit: { range: toRange(lines, c.start, c.end), newText: c.label },
    // Keep the core's order: it lists choices as the template does.
    sortText: String(index).padStart(5, '0'),
  };
  if (c.snippet !== undefined) {
    item.insertTextFormat = InsertTextFormat.Snippet;
    item.textEdit = { range: toRange(lines, c.start, c.end), newText: c.snippet };
  }
  if (c.detail !== undefined) item.detail = c.detail;
  return item;
}

function contains(outer: Range, inner: Range): boolean {
  const le = (a: Range['start'], b: Range['start']) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return le(outer.start, inner.start) && le(inner.end, outer.end);
}

export function toDocumentSymbol(lines: LineIndex, s: SymbolEntry, depth = 0): DocumentSymbol {
  const range = toRange(lines, s.start, s.end);
  let selectionRange = toRange(lines, s.selectionStart, s.selectionEnd);
  // LSP requires the selection inside the full range; a core slip must not break the outline.
  if (!contains(range, selectionRange)) selectionRange = range;
  const children = s.children.map((c) => toDocumentSymbol(lines, c, depth + 1));
  const sym: DocumentSymbol = {
    name: s.name.trim() === '' ? '(untitled)' : s.name,
    kind: depth === 0 || children.length > 0 ? SymbolKind.Namespace : SymbolKind.String,
    range,
    selectionRange,
    children,
  };
  if (s.detail !== undefined) sym.detail = s.detail;
  return sym;
}

/** The core's summary of a document as `postmortem/summary` sends it (lines instead of offsets). */
export function toDocumentSummary(uri: string, version: number | null, lines: LineIndex, s: Summary): CheckedSummary {
  const out: CheckedSummary = { uri, checked: true, version, status: s.status, incidentId: s.incidentId, errors: s.errors, actions: s.actions };
  if (s.statusText !== undefined) out.statusText = s.statusText;
  if (s.statusValue) out.statusRange = toRange(lines, s.statusValue.start, s.statusValue.end);
  if (s.blockers !== undefined) out.blockers = s.blockers;
  if (s.timeline) out.timeline = { headerLine: lines.positionAt(s.timeline.start).line, lastLine: lines.positionAt(s.timeline.end).line, columns: s.timeline.columns };
  if (s.actionItems) out.actionItems = s.actionItems;
  if (s.template) out.template = s.template;
  return out;
}
