import { schemaAt } from '../schema';
import { isPlaceholder } from '../values';
import type { Rule } from './rule';

const FORMAT_HINTS: Record<string, string> = {
  'pm-timestamp': 'a UTC timestamp like 2026-03-14 09:30 UTC',
  'pm-date': 'a date YYYY-MM-DD',
  'pm-date-or-timestamp': 'a date YYYY-MM-DD',
  'pm-duration': 'a duration like 2h 15m',
  'pm-usd': 'None or a USD amount like $1,250,000',
};

function expectation(node: Record<string, unknown> | undefined): string {
  if (!node) return 'a value';
  if (Array.isArray(node.enum)) return `one of ${(node.enum as string[]).join(', ')}`;
  const fmt = (node.format as string | undefined) ?? ((node.allOf as { format?: string }[] | undefined)?.[0]?.format);
  if (fmt && FORMAT_HINTS[fmt]) return FORMAT_HINTS[fmt]!;
  return 'a value';
}

export const PM003: Rule = {
  code: 'PM003',
  title: 'A required value is still a placeholder or empty',
  why: 'Template text left in place means a question was not answered. It is information while DRAFT, a warning UNDER REVIEW, an error at FINAL.',
  severity: 'by status',
  examples: {
    fails: '| Severity | CRITICAL / HIGH / MEDIUM |',
    passes: '| Severity | HIGH |',
  },
  fromSchema(ctx, { issue, pointer }) {
    if (!pointer) return;
    const node = schemaAt(ctx.schema, issue.path);
    const what = pointer.val.text === '' ? 'is empty' : 'is still a placeholder';
    ctx.report(pointer.val, `${pointer.label} ${what}; expected ${expectation(node)}`);
  },
  check(ctx) {
    const { model } = ctx;
    // The Summary paragraph (2–4 sentences) left as template guidance.
    const st = model.summaryText;
    if (st) {
      const blocks = st.blocks.filter((b) => b.type !== 'html');
      const onlyGuidance = blocks.every((b) => b.type === 'paragraph' && isPlaceholder(b.text.trim()));
      if (onlyGuidance) {
        const at = blocks.length ? { start: blocks[0]!.start, end: blocks[blocks.length - 1]!.end } : model.subsections.summary!.heading.textSpan;
        ctx.report(at, 'Summary is still template guidance; expected 2–4 sentences on what happened, why it mattered, and how it was resolved');
      }
    }
    // Section 7 with no action item filled in at all.
    if (model.actionTable && model.actions.length > 0 && model.actions.every((a) => isPlaceholder(a.action.text))) {
      ctx.report(model.actions[0]!.action, 'Action Items has no action filled in; expected at least one action with an owner and a target date');
    }
  },
};
