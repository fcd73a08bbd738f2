import { escapeRegExp } from '../../../../shared/src/template/descriptor';
import type { Section } from '../model';
import { templateModel, type Template } from '../templates';
import type { Rule, RuleContext } from './rule';

/** The template's closing lines (each optional but the version line), at the end of the text. */
const footerOf = (t: Template) =>
  new RegExp(`\\n${t.descriptor.footer.map((l) => `(${escapeRegExp(l.slice(0, 24))}[^\\n]*\\n)?`).join('')}\\*Template version:[^\\n]*\\n?$`);

const isSection = (t: Template, key: string) => t.descriptor.sections.some((s) => s.key === key);

/** The template's text of a section: its heading down to the next heading of its level (or the `---` before it). */
export function skeletonOf(t: Template, key: string, eol: string): string {
  const { text } = t;
  const model = templateModel(t);
  const sec = (model.sections as Record<string, Section>)[key] ?? (model.subsections as Record<string, Section>)[key];
  if (!sec) return '';
  let body = text.slice(sec.heading.start, sec.end);
  if (isSection(t, key) && separatedByRules(t)) {
    body = body.replace(/\n---\n\s*$/, '\n') + '---\n\n';
  }
  body = body.replace(/\n+$/, '\n\n');
  return eol === '\n' ? body : body.replace(/\n/g, eol);
}

/** Whether the template separates its sections by `---` lines (v1.1 does). */
function separatedByRules(t: Template): boolean {
  const secs = Object.values(templateModel(t).sections) as Section[];
  return secs.length > 1 && /\n---\n\s*$/.test(t.text.slice(secs[0]!.start, secs[0]!.end));
}

function missing(ctx: RuleContext, key: string, title: string, order: readonly string[], present: Record<string, Section | undefined>, parent?: Section): void {
  const { model, text } = ctx;
  const idx = order.indexOf(key);
  // Where it belongs: before the next present sibling, else at the end of the previous one / the parent / the document.
  let next: Section | undefined;
  for (let i = idx + 1; i < order.length && !next; i++) next = present[order[i]!];
  let at: number;
  let range: { start: number; end: number };
  if (next) {
    at = next.heading.start;
    range = next.heading.textSpan;
  } else {
    let prev: Section | undefined;
    for (let i = idx - 1; i >= 0 && !prev; i--) prev = present[order[i]!];
    const container = prev ?? parent;
    at = container ? container.end : text.length;
    if (!parent && !next && isSection(ctx.template, key)) {
      // Before the closing italic lines of the template, when they are there.
      const footer = footerOf(ctx.template).exec(text);
      if (footer && footer.index + 1 >= at - 2) at = Math.min(at, footer.index + 1);
    }
    range = container ? container.heading.textSpan : model.title?.textSpan ?? { start: 0, end: 0 };
  }
  let insert = skeletonOf(ctx.template, key, ctx.eol);
  if (at > 0 && text[at - 1] !== '\n' && text[at - 1] !== '\r') insert = ctx.eol + ctx.eol + insert;
  ctx.report(range, `Missing section "${title}"; expected its heading${next ? ' before this one' : ''}`, { fixes: [
    { title: `Insert section "${title}"`, safe: true, edits: [{ start: at, end: at, newText: insert }] },
  ] });
}

export const PM001: Rule = {
  code: 'PM001',
  title: 'A required section (1–9) heading is missing',
  why: 'Reviewers read every post-mortem in the same order; a missing section is usually a forgotten one.',
  severity: 'error',
  fix: 'Insert the section skeleton from the template at its place.',
  examples: {
    fails: '## 4. Impact Assessment\n...\n## 6. What Went Poorly',
    passes: '## 4. Impact Assessment\n...\n## 5. What Went Well\n...\n## 6. What Went Poorly',
  },
  check(ctx) {
    const { model } = ctx;
    const d = ctx.template.descriptor;
    const sections = model.sections as Record<string, Section | undefined>;
    const subsections = model.subsections as Record<string, Section | undefined>;
    const order = d.sections.map((s) => s.key);
    for (const s of d.sections) {
      if (s.required && !sections[s.key]) missing(ctx, s.key, s.title, order, sections);
    }
    for (const sub of d.subsections) {
      const parent = sections[sub.parent];
      if (!parent || subsections[sub.key] || !sub.required) continue;
      const siblings = d.subsections.filter((s) => s.parent === sub.parent).map((s) => s.key);
      missing(ctx, sub.key, sub.title, siblings, subsections, parent);
    }
  },
};
