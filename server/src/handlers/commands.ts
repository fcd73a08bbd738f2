/**
 * `workspace/executeCommand`: Mark Final, the blockers of Mark Final, Format Timeline. Each
 * command is one entry of `COMMANDS`. The server never writes files itself: edits go through the
 * client (`workspace/applyEdit`), versioned for an open document.
 *
 * `advertiseCommands: false` in the initialization options: the commands are not listed in
 * `executeCommandProvider` (they are still served), for clients (like vscode-languageclient) that
 * would otherwise register commands of the same name as their own.
 */
import type { Diagnostic } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LineIndex, formatDocument, isChecked, planMarkFinal, type MarkFinalPlan, type Settings } from '../core';
import type { HandlerModule, ServerContext } from '../context';
import { toDiagnostic, toLspEdit, versionedEdit } from '../node/lspConvert';
import { SERVER_COMMANDS } from '../../../shared/src/protocol';
import { invalidParams, isRecord } from './guard';

export const { markFinal: COMMAND_MARK_FINAL, formatTimeline: COMMAND_FORMAT_TIMELINE, finalBlockers: COMMAND_FINAL_BLOCKERS } = SERVER_COMMANDS;

type CommandResult =
  | { applied: true; changed?: boolean }
  | { applied: false; reason?: string; blockers?: Diagnostic[] };

function uriArgument(command: string, args: unknown[] | undefined, usage: string): string {
  const uri = args?.[0];
  if (typeof uri !== 'string' || uri === '') throw invalidParams(`${command} expects arguments ${usage}`);
  return uri;
}

/** `version` null: a document the client has not opened. */
async function applyVersioned(server: ServerContext, label: string, uri: string, version: number | null, edits: ReturnType<typeof toLspEdit>[]): Promise<CommandResult> {
  // Asked even when the client did not announce workspace.applyEdit: many small clients answer it
  // anyway. A client that cannot answers with an error, which becomes the reason.
  let r: { applied: boolean; failureReason?: string };
  try {
    r = await server.connection.workspace.applyEdit({ label, edit: versionedEdit(uri, version, edits) });
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return { applied: false, reason: `the client could not apply the edit (workspace/applyEdit: ${why})${server.hasApplyEdit ? '' : '; it does not announce workspace.applyEdit'}` };
  }
  return r?.applied ? { applied: true, changed: true } : { applied: false, reason: r?.failureReason ?? 'the client did not apply the edit' };
}

/** Why a command does nothing to a document the server does not check. */
function notChecked(settings: Settings): string {
  return settings.enable ? 'not a post-mortem' : 'postmortem.enable is false';
}

/**
 * Mark Final's plan for `doc`. An open document's text goes through its session's incremental
 * parser, which holds every chunk of that text already: no second full parse.
 */
export function markFinalPlan(server: ServerContext, doc: TextDocument, settings: Settings, open: boolean): MarkFinalPlan {
  const opts = server.analyzeOptions(doc, settings);
  if (open) {
    const parser = server.sessions.get(doc.uri).parser;
    opts.parse = (t) => parser.parse(t);
  }
  return planMarkFinal(doc.getText(), opts);
}

/** A document the client has not opened, read from disk (version 0); on the web, through the client. */
export async function closedDocument(server: ServerContext, uri: string): Promise<TextDocument> {
  const filePath = server.filePathOf(uri);
  if (filePath === undefined) throw invalidParams(`Document is not open and not a file: ${uri}`);
  try {
    return TextDocument.create(uri, 'markdown', 0, await server.host.readDocument(uri));
  } catch (e) {
    throw invalidParams(`Document is not open and cannot be read: ${(e as Error).message}`);
  }
}

/**
 * Mark Final. A document the client has not opened is read from disk and edited through the
 * client with an unversioned edit.
 */
async function markFinal(server: ServerContext, args: unknown[] | undefined): Promise<CommandResult> {
  const uri = uriArgument(COMMAND_MARK_FINAL, args, '[uri]');
  const open = server.documents.get(uri) !== undefined;
  let doc: TextDocument;
  let settings: Settings;
  let lines: LineIndex;
  if (open) {
    const c = await server.current(uri);
    if (!c.analysis) return { applied: false, reason: notChecked(c.settings) };
    ({ doc, settings } = c);
    lines = c.analysis.lines;
  } else {
    doc = await closedDocument(server, uri);
    settings = await server.settings.fetch(uri);
    await server.host.prepare?.(doc, settings, server.baseFor(doc));
    if (!isChecked(doc.getText(), server.analyzeOptions(doc, settings))) {
      return { applied: false, reason: notChecked(settings) };
    }
    lines = new LineIndex(doc.getText());
  }
  const plan = markFinalPlan(server, doc, settings, open);
  if (!plan.ok) return { applied: false, blockers: plan.blockers.map((f) => toDiagnostic(f, lines, uri, doc.version, server.ruleHref)) };
  const r = await applyVersioned(server, 'Mark Final', uri, open ? doc.version : null, [toLspEdit(lines, plan.edit)]);
  return r.applied ? { applied: true } : r;
}

/** Read-only: what would block Mark Final now (`{blockers: []}` when nothing would). */
async function finalBlockers(server: ServerContext, args: unknown[] | undefined): Promise<{ blockers: Diagnostic[]; reason?: string }> {
  const uri = uriArgument(COMMAND_FINAL_BLOCKERS, args, '[uri]');
  const { doc, settings, analysis } = await server.current(uri);
  if (!analysis) return { blockers: [], reason: notChecked(settings) };
  const plan = markFinalPlan(server, doc, settings, true);
  return { blockers: plan.ok ? [] : plan.blockers.map((f) => toDiagnostic(f, analysis.lines, uri, doc.version, server.ruleHref)) };
}

async function formatTimeline(server: ServerContext, args: unknown[] | undefined): Promise<CommandResult> {
  const uri = uriArgument(COMMAND_FORMAT_TIMELINE, args, '[uri, {sortByTime?: boolean}]');
  const options: unknown = args?.[1];
  if (options !== undefined && options !== null && !isRecord(options)) {
    throw invalidParams(`${COMMAND_FORMAT_TIMELINE}: the second argument must be an object {sortByTime?: boolean}`);
  }
  const sortArg = isRecord(options) ? options.sortByTime : undefined;
  if (sortArg !== undefined && typeof sortArg !== 'boolean') {
    throw invalidParams(`${COMMAND_FORMAT_TIMELINE}: sortByTime must be a boolean`);
  }
  const { doc, settings, analysis } = await server.current(uri);
  if (!analysis) return { applied: false, reason: notChecked(settings) };
  const edits = formatDocument(analysis.text, { scope: 'timeline', sortByTime: sortArg ?? settings.timeline.sortOnFormat });
  if (edits.length === 0) return { applied: true, changed: false };
  return applyVersioned(server, 'Format timeline', uri, doc.version, edits.map((e) => toLspEdit(analysis.lines, e)));
}

/** Every command the server serves, in the order `executeCommandProvider` lists them. */
const COMMANDS = new Map<string, (server: ServerContext, args: unknown[] | undefined) => Promise<unknown>>([
  [COMMAND_MARK_FINAL, markFinal],
  [COMMAND_FINAL_BLOCKERS, finalBlockers],
  [COMMAND_FORMAT_TIMELINE, formatTimeline],
]);

export const commandHandlers: HandlerModule = {
  capabilities(params) {
    const init: unknown = params.initializationOptions;
    const advertise = !(isRecord(init) && init.advertiseCommands === false);
    return advertise ? { executeCommandProvider: { commands: [...COMMANDS.keys()] } } : {};
  },

  register(server) {
    server.connection.onExecuteCommand(
      server.guard('workspace/executeCommand', async (params: unknown) => {
        if (!isRecord(params) || typeof params.command !== 'string') throw invalidParams('Expected params.command (a string)');
        const args = params.arguments;
        if (args !== undefined && !Array.isArray(args)) throw invalidParams('Expected params.arguments to be an array');
        const run = COMMANDS.get(params.command);
        if (!run) throw invalidParams(`Unknown command: ${params.command}`);
        return run(server, args as unknown[] | undefined);
      }),
    );
  },
};
