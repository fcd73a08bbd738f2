/**
 * What the client and the server say to each other, and the ids the extension contributes:
 * one definition for both sides (the way vscode-eslint keeps `$shared/`). package.json must
 * agree (test/unit/shared-drift.test.ts). Pure data and types: no `vscode`, no
 * `vscode-languageserver`, no `node:` — esbuild bundles this into both.
 */
import type { StatusGroup } from './status';

// ------------------------------------------------------------------ server

/** `source` of every diagnostic the server publishes. */
export const DIAGNOSTIC_SOURCE = 'postmortem';

/** The fix-all code action kind (`source.fixAll` + `.postmortem`), usable in `editor.codeActionsOnSave`. */
export const FIX_ALL_KIND = 'source.fixAll.postmortem';

/**
 * `workspace/executeCommand` commands of the server, offered to every LSP client:
 * - `postmortem.markFinal [uri]` → {@link MarkFinalResult}
 * - `postmortem.finalBlockers [uri]` → {@link FinalBlockersResult} (read-only)
 * - `postmortem.formatTimeline [uri, {sortByTime?}]` → {@link CommandResult}
 */
export const SERVER_COMMANDS = {
  markFinal: 'postmortem.markFinal',
  finalBlockers: 'postmortem.finalBlockers',
  formatTimeline: 'postmortem.formatTimeline',
} as const;

/** LSP shapes as they travel (UTF-16 columns), without a dependency on an LSP library. */
export interface WirePosition {
  line: number;
  character: number;
}
export interface WireRange {
  start: WirePosition;
  end: WirePosition;
}
/** The parts of an LSP Diagnostic the client reads. */
export interface WireDiagnostic {
  range: WireRange;
  message: string;
  code?: string | number;
  /** 1 error, 2 warning, 3 information, 4 hint. */
  severity?: number;
}

/** A command's answer: applied (`changed: false` = nothing to do), or why not and what blocks. */
export type CommandResult<D = WireDiagnostic> =
  | { applied: true; changed?: boolean }
  | { applied: false; reason?: string; blockers?: D[] };
export type MarkFinalResult<D = WireDiagnostic> = CommandResult<D>;
/** `blockers: []` with a `reason`: the server did not check the document. */
export interface FinalBlockersResult<D = WireDiagnostic> {
  blockers: D[];
  reason?: string;
}

/**
 * `postmortem/summary` (request, client → server): what the status bar, the Mark Final code lens
 * and the Post-Mortems view show, computed by the core from the analysis (`core/summary.ts`).
 * An open document is summarised at its current version; any other `file:` URI is read from disk.
 */
export const SUMMARY_REQUEST = 'postmortem/summary';
/** At most this many URIs per request (the client sends longer lists in batches). */
export const SUMMARY_MAX_URIS = 500;

export interface SummaryParams {
  uris: string[];
  /** Also count what would block Mark Final (a second, as-FINAL check per document). */
  blockers?: boolean;
  /** Also list the action items (`CheckedSummary.actionItems`, the Action Items view). */
  actionItems?: boolean;
}

/**
 * One §7 action item (a row whose Action is filled in), as `postmortem-lint actions` lists it
 * (server/src/core/insight.ts): open unless its Status is DONE; overdue when open and its target
 * date is before today (UTC). Values as written; null while empty or a placeholder.
 */
export interface ActionItemFacts {
  action: string;
  owner: string | null;
  /** `YYYY-MM-DD` when readable, else as written. */
  targetDate: string | null;
  /** `YES` → true, `NO` → false, anything else null. */
  blocking: boolean | null;
  /** Canonical spelling when it is one of the choices, else as written; null for a placeholder. */
  status: string | null;
  open: boolean;
  overdue: boolean;
}

/** An action item as `postmortem/summary` sends it. */
export interface WireActionItem extends ActionItemFacts {
  /** 0-based line of the row. */
  line: number;
}

export interface SummaryResult {
  /** One per requested URI, in order. */
  summaries: DocumentSummary[];
}

export type DocumentSummary = CheckedSummary | UncheckedSummary;

/** The server does not check this document: not a post-mortem, checks disabled, unreadable. */
export interface UncheckedSummary {
  uri: string;
  checked: false;
  reason: string;
}

export interface CheckedSummary {
  uri: string;
  checked: true;
  /** The version summarised; null for a file read from disk. */
  version: number | null;
  /** The Status as the rules read it; `unset` for a placeholder, an unknown value or no Status line. */
  status: StatusGroup;
  /** The Status text as written, when it is set but none of the choices (e.g. `FINALISED`). */
  statusText?: string;
  /** The Status value's range (empty at the end of `**Status:**` when blank); absent without a Status line. */
  statusRange?: WireRange;
  /** The Incident ID: `set` with its value, still a `placeholder`, or `missing` (no header line). */
  incidentId: { state: 'set'; value: string } | { state: 'placeholder' | 'missing' };
  /** Findings of severity error now (what the Problems panel shows). */
  errors: number;
  /**
   * Only when asked (`blockers: true`): the number of Mark Final's blockers — every error of the
   * document checked as if FINAL, each finding once (what `postmortem-lint --status-as FINAL` counts as errors).
   */
  blockers?: number;
  /** §7 action items with an action whose Status is open; overdue = target date before today (UTC). */
  actions: { open: number; overdue: number };
  /**
   * Lines (0-based) of the Timeline table, header row to last row, and how many columns its
   * header has (a team template's timeline may have more than v1.1's three).
   */
  timeline?: { headerLine: number; lastLine: number; columns?: number };
  /** Only when asked (`actionItems: true`): every action item, in document order. */
  actionItems?: WireActionItem[];
  /** The template the document is read with (the built-in v1.1 or a team's: docs/templates.md). */
  template?: TemplateInfo;
}

/** Which template a document follows, as the client needs it (status bar, New Post-Mortem). */
export interface TemplateInfo {
  /** The template's title: its first heading, `<...>` kept (`Postmortem: <title>`). */
  title: string;
  /** The template file's path, or `built-in template v1.1`. */
  source: string;
  builtIn: boolean;
  /** The status workflow, in order: the first is the draft status, the last the final one Mark Final sets. */
  statuses: string[];
}

/**
 * `postmortem/templates` (request, client → server): the templates a document or folder can be
 * written with — the configured team templates (`postmortem.templates`, `.postmortemrc.json`) in
 * their order, then the built-in v1.1 — with what New Post-Mortem needs to write a new file.
 */
export const TEMPLATES_REQUEST = 'postmortem/templates';

export interface TemplatesParams {
  /** A document's URI (it need not exist: New Post-Mortem names the file it will write): whose settings and rc file apply. */
  textDocument: { uri: string };
}

export interface NewFileTemplate extends TemplateInfo {
  /** The template's Markdown, as New Post-Mortem writes it before filling in the header fields. */
  text: string;
  /** The header fields New Post-Mortem fills in, by role: their labels (absent: no such field). */
  fields: { incidentId?: string; author?: string; date?: string; status?: string };
}

export interface TemplatesResult {
  templates: NewFileTemplate[];
}

/**
 * `postmortem/report` (request, client → server): the statistics of the named post-mortems as
 * the Markdown of `postmortem-lint stats --format markdown` (Export Report). Open documents at
 * their current version, others read from disk; documents that are not post-mortems are left out.
 */
export const REPORT_REQUEST = 'postmortem/report';

export interface ReportParams {
  uris: string[];
  /** How the report names each document (e.g. workspace-relative paths); default: the URI. */
  names?: string[];
}

export interface ReportResult {
  markdown: string;
  /** Post-mortems in the report. */
  postmortems: number;
}

/**
 * `postmortem/checkWorkspace` (request, client → server): Check Workspace. The server finds the
 * Markdown files of every workspace folder as `postmortem-lint <folder>` would (every `.md` file
 * below it except in `node_modules` and dot folders, less the folder's `.postmortemignore`), checks each with its own
 * settings (rc file included), and publishes diagnostics for the post-mortems that are not open (an
 * open document's come from its live text, as always). Afterwards it keeps those up to date: a
 * file that is deleted loses them, one that changes on disk or is closed is checked again from disk.
 * Sends `$/progress` for `workDoneToken`; cancellable (diagnostics published so far stay).
 */
export const CHECK_WORKSPACE_REQUEST = 'postmortem/checkWorkspace';

export interface CheckWorkspaceParams {
  /** LSP work-done progress token (`$/progress` begin/report/end). */
  workDoneToken?: string | number;
}

export interface CheckWorkspaceResult {
  /** Markdown files looked at. */
  files: number;
  /** Post-mortems among them (open ones included, at their current version). */
  postmortems: number;
  /** Findings of severity error, warning, information and hint over those post-mortems. */
  errors: number;
  warnings: number;
  infos: number;
  hints: number;
  /** Post-mortems with at least one error. */
  withErrors: number;
  /** Folders that could not be read (the check went on without them). */
  problems: string[];
  /** True when there were more Markdown files than the check looks at (the rest were left out). */
  truncated: boolean;
}

// ------------------------------------------------------------------ web (server → client)

/**
 * Files on the web (docs/web.md). The language server of the web extension runs in a web worker
 * and has no file system: it asks the client, which answers with `vscode.workspace.fs` (and
 * `workspace.findFiles`). URIs are the workspace's own (`vscode-vfs://github/…`, `file:///…`).
 * The desktop server never sends these.
 */
export const FS_STAT_REQUEST = 'postmortem/fs/stat';
/** At most this many URIs in one `postmortem/fs/stat`. */
export const FS_STAT_MAX_URIS = 1000;

export interface FsStatParams {
  uris: string[];
}

/** One entry per URI, in order: null when it does not exist (or cannot be read). */
export interface FsStatResult {
  stats: ({ type: 'file' | 'directory'; mtime: number; size: number } | null)[];
}

/** `postmortem/fs/readFile`: a UTF-8 text file (a leading BOM dropped); `text` null when it cannot be read. */
export const FS_READ_FILE_REQUEST = 'postmortem/fs/readFile';

export interface FsReadFileParams {
  uri: string;
}

export interface FsReadFileResult {
  text: string | null;
  /** Why the file could not be read. */
  error?: string;
}

/**
 * `postmortem/fs/findFiles`: files under the folder `base` (URI) whose workspace glob is `pattern`
 * (relative to `base`, e.g. `**\/*.md`), without `node_modules` and dot folders, at most `limit`.
 */
export const FS_FIND_FILES_REQUEST = 'postmortem/fs/findFiles';

export interface FsFindFilesParams {
  base: string;
  pattern: string;
  limit: number;
}

export interface FsFindFilesResult {
  uris: string[];
}

// ------------------------------------------------------------------ client

/**
 * The commands the VS Code extension contributes (package.json). They use the
 * `postmortemAssistant.` prefix: vscode-languageclient registers each command the server
 * announces (`postmortem.markFinal`, …) as a VS Code command under the server's own id.
 */
export const CLIENT_COMMANDS = {
  markFinal: 'postmortemAssistant.markFinal',
  formatTimeline: 'postmortemAssistant.formatTimeline',
  insertEvidencePath: 'postmortemAssistant.insertEvidencePath',
  newPostmortem: 'postmortemAssistant.newPostmortem',
  refreshView: 'postmortemAssistant.refreshView',
  insertTimelineRow: 'postmortemAssistant.insertTimelineRow',
  restartServer: 'postmortemAssistant.restartServer',
  showOutput: 'postmortemAssistant.showOutput',
  /** The Action Items view: group by owner ⇄ by due date. */
  toggleActionItemsGrouping: 'postmortemAssistant.toggleActionItemsGrouping',
  /** Post-Mortem: Export Report — the workspace's statistics as a Markdown file. */
  exportReport: 'postmortemAssistant.exportReport',
  /** Post-Mortem: Check Workspace — every post-mortem's findings in the Problems panel (`postmortem/checkWorkspace`). */
  checkWorkspace: 'postmortemAssistant.checkWorkspace',
} as const;

/** The task type that runs the CLI (package.json `taskDefinitions`) and its problem matcher (`$postmortem-lint`). */
export const TASK_TYPE = 'postmortem-lint';

/** The Post-Mortems view in the Explorer. */
export const VIEW_ID = 'postmortemAssistant.postmortems';
/** The Action Items view in the Explorer (beside Post-Mortems). */
export const ACTION_ITEMS_VIEW_ID = 'postmortemAssistant.actionItems';

/** Context keys for `when` clauses. */
export const CONTEXT_KEYS = {
  /** The workspace has post-mortems (or one is open): the view is shown, the server runs. */
  active: 'postmortemAssistant.active',
  /** The active editor holds a post-mortem. */
  isPostmortem: 'postmortemAssistant.isPostmortem',
  /** Check Workspace is available (desktop: the server reads the folders itself; not on the web). */
  canCheckWorkspace: 'postmortemAssistant.canCheckWorkspace',
} as const;
