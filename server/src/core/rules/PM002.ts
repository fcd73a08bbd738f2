import type { TemplateDescriptor } from '../../../../shared/src/template/descriptor';
import type { Model, Row, Span, TableKey } from '../model';
import { templateModel, type Template } from '../templates';
import type { Fix } from '../types';
import type { Rule, RuleContext } from './rule';

interface Container {
  order: readonly string[];
  labels: Record<string, string>;
  /** Present entries' line spans by key. */
  present: (m: Model) => Record<string, Span | undefined>;
  fallback: (m: Model) => Span | undefined;
}

const rowsOf = (rec: unknown) =>
  Object.fromEntries(Object.entries(rec as Record<string, { row: Row }>).map(([k, v]) => [k, v.row])) as Record<string, Span>;

/** Where required entries live: the header's fields, and each keyed table of the template (its rows). */
function containersOf(d: TemplateDescriptor): Record<string, Container> {
  let cs = CONTAINERS.get(d);
  if (cs) return cs;
  cs = {
    header: {
      order: d.fields.map((f) => f.key),
      labels: Object.fromEntries(d.fields.map((f) => [f.key, f.label])),
      present: (m) => Object.fromEntries(Object.entries(m.header).map(([k, v]) => [k, v!.line])),
      fallback: (m) => m.title,
    },
  };
  for (const t of d.tables) {
    if (t.shape !== 'keyed') continue;
    const key = t.key as TableKey;
    cs[key] = {
      order: t.rows.map((r) => r.key),
      labels: Object.fromEntries(t.rows.map((r) => [r.key, r.label])),
      present: (m) => rowsOf((m as unknown as Record<string, unknown>)[key] ?? {}),
      fallback: (m) => m.templateTables[key]?.header,
    };
  }
  CONTAINERS.set(d, cs);
  return cs;
}
const CONTAINERS = new WeakMap<TemplateDescriptor, Record<string, Container>>();

function lineEndAfter(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  return i;
}

/** The template's own line for a missing entry. */
function templateLine(t: Template, container: string, key: string): string {
  const { text } = t;
  const model = templateModel(t);
  const c = containersOf(t.descriptor)[container]!;
  const span = c.present(model)[key];
  if (!span) return '';
  const start = text.lastIndexOf('\n', span.start - 1) + 1;
  return text.slice(start, lineEndAfter(text, span.start));
}

export function missingEntry(ctx: RuleContext, container: string, key: string): { range: Span; fix?: Fix; label: string } | undefined {
  const c = containersOf(ctx.template.descriptor)[container];
  if (!c) return undefined;
  const { model, text, eol } = ctx;
  const present = c.present(model);
  const idx = c.order.indexOf(key);
  const label = c.labels[key] ?? key;
  let next: Span | undefined;
  for (let i = idx + 1; i < c.order.length && !next; i++) next = present[c.order[i]!];
  let prev: Span | undefined;
  for (let i = idx - 1; i >= 0 && !prev; i--) prev = present[c.order[i]!];
  const line = templateLine(ctx.template, container, key);
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
