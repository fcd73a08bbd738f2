/**
 * The status vocabulary of the template (SPEC §3 "Choice"): the document's Status and an action
 * item's Status. Shared by the core (rules, schema view, summary) and the client (view groups).
 * Pure data: imports nothing.
 */

/** `**Status:**` of a post-mortem, in the template's order. */
export const DOCUMENT_STATUSES = ['DRAFT', 'UNDER REVIEW', 'FINAL'] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

/** The Status column of §7 Action Items. */
export const ACTION_STATUSES = ['OPEN', 'IN PROGRESS', 'DONE', 'WONTFIX'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

/** Action-item states that count as open (the Post-Mortems view, overdue reminders). */
export const OPEN_ACTION_STATUSES: readonly ActionStatus[] = ['OPEN', 'IN PROGRESS'];

/** A document's Status as the Post-Mortems view groups it: `unset` = placeholder, empty, unknown or missing. */
export type StatusGroup = DocumentStatus | 'unset';
export const STATUS_GROUPS: readonly StatusGroup[] = [...DOCUMENT_STATUSES, 'unset'];
