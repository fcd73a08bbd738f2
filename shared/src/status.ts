/**
 * The status vocabulary of template v1.1 (SPEC §3 "Choice"): the document's Status and an action
 * item's Status, as its descriptor (template/v1_1.ts) defines them. Shared by the core (rules,
 * schema view, summary) and the client (view groups). Pure data.
 */
import { ACTION_STATUSES, STATUS_VALUES } from './template/v1_1';

/** `**Status:**` of a post-mortem, in the template's order. */
export const DOCUMENT_STATUSES = STATUS_VALUES;
/** A status of a template's workflow: v1.1's `DRAFT`, `UNDER REVIEW`, `FINAL`, or a team template's. */
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number] | (string & {});

/** The Status column of §7 Action Items. */
export { ACTION_STATUSES };
export type ActionStatus = (typeof ACTION_STATUSES)[number];

/** Action-item states that count as open (the Post-Mortems view, overdue reminders). */
export const OPEN_ACTION_STATUSES: readonly ActionStatus[] = ['OPEN', 'IN PROGRESS'];

/** A document's Status as the Post-Mortems view groups it: `unset` = placeholder, empty, unknown or missing. */
export type StatusGroup = DocumentStatus | 'unset';
export const STATUS_GROUPS: readonly StatusGroup[] = [...DOCUMENT_STATUSES, 'unset'];
