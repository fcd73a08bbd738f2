import { PROSE_KEYS, type Prose, type ProseKey } from '../model';
import { isPlaceholder } from '../values';
import type { Rule } from './rule';

const NAMES: Record<ProseKey, string> = {
  s3a: '3A — What happened (technical)',
  s3b: '3B — Contributing factors',
  s3c: "3C — Why it wasn't caught sooner",
  s5: '5. What Went Well',
  s6: '6. What Went Poorly',
};

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
    for (const k of PROSE_KEYS) {
      const p = ctx.model.prose[k];
      if (!p) continue;
      if (!p.blocks.every(isGuidance)) continue;
      const shown = p.blocks.filter((b) => b.type !== 'html');
      const sec = k === 's5' || k === 's6' ? ctx.model.sections[k] : ctx.model.subsections[k];
      const range = shown.length ? { start: shown[0]!.start, end: shown[shown.length - 1]!.end } : sec!.heading.textSpan;
      ctx.report(range, `Section ${NAMES[k]} holds only template guidance or empty bullets; expected your own text`);
    }
  },
};
