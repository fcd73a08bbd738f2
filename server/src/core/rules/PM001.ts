import { SECTION_KEYS, SECTION_TITLES, SUBSECTION_KEYS, SUBSECTION_PARENT, SUBSECTION_TITLES, type Section, type SectionKey, type SubsectionKey } from '../model';
import type { Rule, RuleContext } from './rule';
import { template } from './shared';

/** The template's text of a section: its heading down to the next heading of its level (or the `---` before it). */
export function skeletonOf(key: SectionKey | SubsectionKey, eol: string): string {
  const { text, model } = template();
  const sec = (model.sections as Record<string, Section>)[key] ?? (model.subsections as Record<string, Section>)[key];
  if (!sec) return '';
  let body = text.slice(sec.heading.start, sec.end);
  if (key.startsWith('s') && key.length === 2) {
    body = body.replace(/\n---\n\s*$/, '\n') + '---\n\n';
  }
  body = body.replace(/\n+$/, '\n\n');
  return eol === '\n' ? body : body.replace(/\n/g, eol);
}

function missing(ctx: RuleContext, key: SectionKey | SubsectionKey, title: string, order: readonly string[], present: Record<string, Section | undefined>, parent?: Section): void {
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
    if (!parent && !next && key.length === 2) {
      // Before the closing italic lines of the template, when they are there.
      const footer = /\n(\*Retain this document[^\n]*\n)?\*Template version:[^\n]*\n?$/.exec(text);
      if (footer && footer.index + 1 >= at - 2) at = Math.min(at, footer.index + 1);
    }
    range = container ? container.heading.textSpan : model.title?.textSpan ?? { start: 0, end: 0 };
  }
  let insert = skeletonOf(key, ctx.eol);
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
    for (const k of SECTION_KEYS) {
      if (!model.sections[k]) missing(ctx, k, SECTION_TITLES[k], SECTION_KEYS, model.sections);
    }
    for (const k of SUBSECTION_KEYS) {
      const parent = model.sections[SUBSECTION_PARENT[k]];
      if (!parent || model.subsections[k]) continue;
      const siblings = SUBSECTION_KEYS.filter((s) => SUBSECTION_PARENT[s] === SUBSECTION_PARENT[k]);
      missing(ctx, k, SUBSECTION_TITLES[k], siblings, model.subsections, parent);
    }
  },
};
