/**
 * The Action Items view's grouping (client/src/actionItemsView.ts), pure: the items come from the
 * server (`postmortem/summary` with `actionItems: true`); this only sorts them into groups — by
 * owner, or by due date (overdue, due within 7 days, later, no target date, done).
 */
import type { WireActionItem } from '../../../shared/src/protocol';
import { english, type Translate } from './l10n';

export type ActionGrouping = 'owner' | 'due';

export interface ActionItemRef {
  /** The post-mortem's URI (as a string) and its Incident ID when set. */
  uri: string;
  incidentId?: string;
  item: WireActionItem;
}

export interface ActionGroup {
  key: string;
  label: string;
  items: ActionItemRef[];
}

const DUE_GROUPS = ['overdue', 'week', 'later', 'undated', 'done'] as const;
type DueGroup = (typeof DUE_GROUPS)[number];

function dueLabel(g: DueGroup, t: Translate): string {
  switch (g) {
    case 'overdue':
      return t('Overdue');
    case 'week':
      return t('Due within 7 days');
    case 'later':
      return t('Due later');
    case 'undated':
      return t('No target date');
    case 'done':
      return t('Done');
  }
}

const noOwner = (t: Translate): string => t('(no owner)');

/** `YYYY-MM-DD` + `days` (UTC). */
function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

const isIsoDate = (s: string | null): s is string => s !== null && /^\d{4}-\d{2}-\d{2}$/.test(s);

function dueBucket(i: WireActionItem, today: string): DueGroup {
  if (!i.open) return 'done';
  if (i.overdue) return 'overdue';
  if (!isIsoDate(i.targetDate)) return 'undated';
  return i.targetDate <= addDays(today, 7) ? 'week' : 'later';
}

/** Open before done, overdue first, then by target date (undated last), file and line. */
function compare(a: ActionItemRef, b: ActionItemRef): number {
  const rank = (r: ActionItemRef) => (r.item.open ? (r.item.overdue ? 0 : 1) : 2);
  const date = (r: ActionItemRef) => (isIsoDate(r.item.targetDate) ? r.item.targetDate : '9999');
  return rank(a) - rank(b) || date(a).localeCompare(date(b)) || a.uri.localeCompare(b.uri) || a.item.line - b.item.line;
}

/** The groups to show, empty ones left out. `today`: `YYYY-MM-DD` (UTC). */
export function groupActionItems(items: readonly ActionItemRef[], by: ActionGrouping, today: string, t: Translate = english): ActionGroup[] {
  if (by === 'due') {
    return DUE_GROUPS.map((key) => ({ key, label: dueLabel(key, t), items: items.filter((r) => dueBucket(r.item, today) === key).sort(compare) })).filter((g) => g.items.length > 0);
  }
  // Items without an owner: their own group, last (key '', which no owner has: an owner is never blank).
  const owners = new Map<string, ActionItemRef[]>();
  for (const r of items) {
    const o = r.item.owner ?? '';
    owners.set(o, [...(owners.get(o) ?? []), r]);
  }
  return [...owners.entries()]
    .sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)))
    .map(([owner, list]) => ({ key: `owner:${owner}`, label: owner === '' ? noOwner(t) : owner, items: list.sort(compare) }));
}

/** The group's description: `3 open · 1 overdue`. */
export function describeGroup(g: ActionGroup, t: Translate = english): string {
  const open = g.items.filter((r) => r.item.open).length;
  const overdue = g.items.filter((r) => r.item.overdue).length;
  return [t('{0} open', open), ...(overdue ? [t('{0} overdue', overdue)] : [])].join(' · ');
}

/** An item's description: what the grouping does not say (owner or due date), blocking, status, incident. */
export function describeItem(r: ActionItemRef, by: ActionGrouping, t: Translate = english): string {
  const i = r.item;
  const parts: string[] = [];
  if (i.overdue) parts.push(t('OVERDUE'));
  if (i.blocking && i.open) parts.push(t('BLOCKING'));
  parts.push(by === 'owner' ? (i.targetDate ? t('due {0}', i.targetDate) : t('no target date')) : (i.owner ?? noOwner(t)));
  if (i.status && i.status !== 'OPEN') parts.push(i.status);
  if (r.incidentId) parts.push(r.incidentId);
  return parts.join(' · ');
}
