import {
  HEADER_KEYS, HEADER_LABELS, IMPACT_KEYS, IMPACT_LABELS, ROLE_KEYS, ROLE_LABELS, SUMMARY_KEYS, SUMMARY_LABELS,
  type Model, type Row, type Span, type Table,
} from '../model';
import type { Fix } from '../types';
import type { Rule, RuleContext } from './rule';
import { template } from './shared';

interface Container {
  order: readonly string[];
  labels: Record<string, string>;
  /** Present entries' line spans by key. */
  present: (m: Model) => Record<string, Span | undefined>;
  table?: (m: Model) => Table | undefined;
  fallback: (m: Model) => Span | undefined;
}

const rowsOf = <K extends string>(rec: Partial<Record<K, { row: Row }>>) =>
  Object.fromEntries(Object.entries(rec).map(([k, v]) => [k, (v as { row: Row }).row])) as Record<string, Span>;

const CONTAINERS: Record<string, Container> = {
  header: {
    order: HEADER_KEYS, labels: HEADER_LABELS,
    present: (m) => Object.fromEntries(Object.entries(m.header).map(([k, v]) => [k, v!.line])),
    fallback: (m) => m.title,
  },
  summary: { order: SUMMARY_KEYS, labels: SUMMARY_LABELS, present: (m) => rowsOf(m.summary), table: (m) => m.summaryTable, fallback: (m) => m.summaryTable?.header },
  impact: { order: IMPACT_KEYS, labels: IMPACT_LABELS, present: (m) => rowsOf(m.impact), table: (m) => m.impactTable, fallback: (m) => m.impactTable?.header },
  signoff: { order: ROLE_KEYS, labels: ROLE_LABELS, present: (m) => rowsOf(m.signoff), table: (m) => m.signoffTable, fallback: (m) => m.signoffTable?.header },
};

function lineEndAfter(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  return i;
}

/** The template's own line for a missing entry. */
function templateLine(container: string, key: string): string {
  const { text, model } = template();
  const c = CONTAINERS[container]!;
  const span = c.present(model)[key];
  if (!span) return '';
  const start = text.lastIndexOf('\n', span.start - 1) + 1;
  return text.slice(start, lineEndAfter(text, span.start));
}

export function missingEntry(ctx: RuleContext, container: string, key: string): { range: Span; fix?: Fix; label: string } | undefined {
  const c = CONTAINERS[container];
  if (!c) return undefined;
  const { model, text, eol } = ctx;
  const present = c.present(model);
  const idx = c.order.indexOf(key);
  const label = c.labels[key] ?? key;
  let next: Span | undefined;
  for (let i = idx + 1; i < c.order.length && !next; i++) next = present[c.order[i]!];
  let prev: Span | undefined;
  for (let i = idx - 1; i >= 0 && !prev; i--) prev = present[c.order[i]!];
  const line = templateLine(container, key);
  let range: Span | undefined;
  let at: number | undefined;
  let newText = '';
  if (next) {
    range = next;
    at = text.lastIndexOf('\n', next.start - 1) + 1;
    newText = line + eol;
  } else if (prev) {
    range = prev;
    at = lineEndAfter(text, prev.end);
    newText = eol + line;
  } else {
    const fb = c.fallback(model);
    if (fb) {
      range = fb;
      if (container === 'header') {
        at = lineEndAfter(text, fb.end);
        newText = eol + eol + line;
      } else {
        // After the delimiter row that follows the table header.
        const afterHeader = lineEndAfter(text, fb.end);
        const delimEnd = lineEndAfter(text, afterHeader + (text[afterHeader] === '\r' && text[afterHeader + 1] === '\n' ? 2 : 1));
        at = delimEnd;
        newText = eol + line;
      }
    }
  }
  if (!range) return { range: model.title?.textSpan ?? { start: 0, end: 0 }, label };
  const fix = at !== undefined && line ? { title: `Insert "${label}"`, safe: true, edits: [{ start: at, end: at, newText }] } : undefined;
  return { range, fix, label };
}

export const PM002: Rule = {
  code: 'PM002',
  title: 'A required header field, summary-table row, impact row or sign-off role row is missing',
  why: 'Every post-mortem answers the same questions; a deleted row hides an unanswered one.',
  severity: 'error',
  fix: 'Insert the missing line or row from the template.',
  examples: {
    fails: '| Field | Value |\n|-------|-------|\n| Severity | HIGH |\n(no Scope row)',
    passes: '| Field | Value |\n|-------|-------|\n| Severity | HIGH |\n| Scope | POOL |',
  },
  fromSchema(ctx, { issue, message }) {
    const container = issue.path.split('/')[1] ?? '';
    const m = missingEntry(ctx, container, issue.missing ?? '');
    if (!m) return;
    ctx.report(m.range, message.replaceAll('{missing}', m.label), { fixes: m.fix ? [m.fix] : undefined });
  },
};
