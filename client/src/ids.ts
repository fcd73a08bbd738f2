/**
 * Every id the extension contributes (package.json must agree). Client command ids
 * use the `postmortemAssistant.` prefix: vscode-languageclient registers each command
 * the server announces (`postmortem.markFinal`, …) as a VS Code command under the
 * server's own id, so ours must differ.
 */
export const COMMANDS = {
  markFinal: 'postmortemAssistant.markFinal',
  formatTimeline: 'postmortemAssistant.formatTimeline',
  insertEvidencePath: 'postmortemAssistant.insertEvidencePath',
  newPostmortem: 'postmortemAssistant.newPostmortem',
  refreshView: 'postmortemAssistant.refreshView',
  insertTimelineRow: 'postmortemAssistant.insertTimelineRow',
} as const;

export const VIEW_ID = 'postmortemAssistant.postmortems';

/** Context keys for `when` clauses. */
export const CONTEXT = {
  /** The workspace has post-mortems (or one is open): the view is shown, the server runs. */
  active: 'postmortemAssistant.active',
  /** The active editor holds a post-mortem. */
  isPostmortem: 'postmortemAssistant.isPostmortem',
} as const;

/** `source` of the server's diagnostics. */
export const DIAGNOSTIC_SOURCE = 'postmortem';

export const CONFIG_SECTION = 'postmortem';
