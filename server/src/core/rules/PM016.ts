import type { Prose, Section } from '../model';
import { isPlaceholder } from '../values';
import type { Rule } from './rule';

/** Guidance: an italic paragraph, or a list whose items are empty or only italic template text. */
function isGuidance(b: Prose['blocks'][number]): boolean {
  if (b.type === 'html') return true;
  if (b.type === 'paragraph') return isPlaceholder(b.text.trim()) || /^\*[^*][\s\S]*\*$/.test(b.text.trim()) || /^_[^_][\s\S]*_$/.test(b.text.trim());
  if (b.type === 'list') {
    return b.text.split(/\r?\n|\r/).every((line) => {
      const item = line.replace(/^\s*(?:[-+*]|\d+[.)])\s*/, '').trim();
      return item === '' || /^\*[^*].*\*$/.test(item) || /^_[^_].*_$/.test(item) || isPlaceholder(item);
    });
  }
  return false;
}

export const PM016: Rule = {
  code: 'PM016',
  title: 'A prose section (3A, 3B, 3C, 5, 6) holds only template guidance or empty bullets',
  why: 'Root cause and lessons are the point of a post-mortem; guidance text left alone means they were not written.',
  severity: 'by status',
  examples: { fails: '### 3B — Contributing factors\n\n- *Factor 1*\n- *Factor 2*', passes: '### 3B — Contributing factors\n\n- Oracle heartbeat was 10 minutes\n- No alert on feed staleness' },
  check(ctx) {
    const d = ctx.template.descriptor;
    const prose = ctx.model.prose as Record<string, Prose | undefined>;
    for (const sec of [...d.sections, ...d.subsections]) {
      if (!sec.prose?.guidanceOnly) continue;
      const p = prose[sec.key];
      if (!p) continue;
      if (!p.blocks.every(isGuidance)) continue;
      const shown = p.blocks.filter((b) => b.type !== 'html');
      const heading = ((ctx.model.sections as Record<string, Section>)[sec.key] ?? (ctx.model.subsections as Record<string, Section>)[sec.key])!.heading;
      const range = shown.length ? { start: shown[0]!.start, end: shown[shown.length - 1]!.end } : heading.textSpan;
      ctx.report(range, `Section ${sec.title} holds only template guidance or empty bullets; expected your own text`);
    }
  },
};
