/**
 * Code actions: the quick fixes a diagnostic carries in its `data` (for the document version it
 * was computed for), "Fix all PMnnn in this document", and `source.fixAll.postmortem` (only when
 * asked for explicitly: on save, or from a Source Action menu).
 */
import { CodeAction, CodeActionKind, type Diagnostic, type Range } from 'vscode-languageserver';
import { collectFixAll } from '../core';
import type { HandlerModule, ServerContext } from '../context';
import { FIX_ALL_KIND, SOURCE, isDiagnosticData, kindWanted, quickFixes, toDiagnostic, toLspEdit, versionedEdit } from '../node/lspConvert';
import { invalidParams, isRecord, uriParam } from './guard';

/** The current version's fixable findings that touch `range`, as diagnostics carrying their fixes. */
async function findingsInRange(server: ServerContext, uri: string, range: Range): Promise<Diagnostic[]> {
  const { doc, analysis } = await server.current(uri);
  if (!analysis || !isRecord(range.start) || !isRecord(range.end)) return [];
  const lines = analysis.lines;
  const from = lines.offsetAt(range.start);
  const to = lines.offsetAt(range.end);
  return analysis.findings
    .filter((f) => f.fixes && f.fixes.length > 0 && f.start <= Math.max(from, to) && f.end >= Math.min(from, to))
    .map((f) => toDiagnostic(f, lines, uri, doc.version, server.ruleHref));
}

async function provideCodeActions(server: ServerContext, params: unknown): Promise<CodeAction[]> {
  const uri = uriParam(params);
  const doc = server.openDocument(uri);
  const context = isRecord(params) ? params.context : undefined;
  if (!isRecord(context) || !Array.isArray(context.diagnostics)) {
    throw invalidParams('Expected params.context.diagnostics (an array)');
  }
  const only = Array.isArray(context.only) ? context.only.filter((k): k is string => typeof k === 'string') : undefined;
  const version = doc.version;
  let ours = (context.diagnostics as unknown[]).filter(
    (d): d is Diagnostic => isRecord(d) && d.source === SOURCE && isDiagnosticData(d.data) && d.data.uri === uri,
  );
  const actions: CodeAction[] = [];
  const wantQuickFix = kindWanted(only, CodeActionKind.QuickFix);
  if (wantQuickFix && ours.length === 0 && isRecord(params) && isRecord(params.range)) {
    // A client that sends no diagnostics, or strips their `data`: the fixes of the current
    // findings that touch the requested range.
    ours = await findingsInRange(server, uri, params.range as unknown as Range);
  }
  if (wantQuickFix) for (const d of ours) actions.push(...quickFixes(d, uri, version));

  // "Fix all PMnnn": offered when a diagnostic in the request (current version) has a safe fix.
  const fixAllCodes = new Set<string>();
  if (wantQuickFix) {
    for (const d of ours) {
      const data = d.data as { version: number; fixes: { safe: boolean }[] };
      if (data.version === version && data.fixes.some((f) => f.safe) && typeof d.code === 'string') fixAllCodes.add(d.code);
    }
  }
  // source.fixAll only when asked for explicitly (on save, or a Source Action menu).
  const wantSourceFixAll = only !== undefined && only.length > 0 && kindWanted(only, FIX_ALL_KIND);
  if (fixAllCodes.size === 0 && !wantSourceFixAll) return actions;

  const { doc: now, analysis } = await server.current(uri);
  if (!analysis || now.version !== version) return actions;
  for (const code of fixAllCodes) {
    const same = analysis.findings.filter((f) => f.code === code && f.fixes?.some((x) => x.safe));
    if (same.length < 2) continue;
    const edits = collectFixAll(same);
    if (edits.length === 0) continue;
    const action = CodeAction.create(
      `Fix all ${code} in this document`,
      versionedEdit(uri, version, edits.map((e) => toLspEdit(analysis.lines, e))),
      CodeActionKind.QuickFix,
    );
    action.diagnostics = ours.filter((d) => d.code === code);
    actions.push(action);
  }
  if (wantSourceFixAll) {
    const edits = collectFixAll(analysis.findings);
    if (edits.length > 0) {
      actions.push(
        CodeAction.create(
          'Fix all auto-fixable post-mortem problems',
          versionedEdit(uri, version, edits.map((e) => toLspEdit(analysis.lines, e))),
          FIX_ALL_KIND,
        ),
      );
    }
  }
  return actions;
}

export const codeActionHandlers: HandlerModule = {
  capabilities: () => ({
    codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.SourceFixAll, FIX_ALL_KIND] },
  }),
  register(server) {
    server.connection.onCodeAction(server.guard('textDocument/codeAction', (params: unknown) => provideCodeActions(server, params)));
  },
};
