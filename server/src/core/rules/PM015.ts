import { isPlaceholder } from '../values';
import type { Rule } from './rule';

const ABBREVIATIONS = /\b(e\.g|i\.e|etc|vs|approx|incl|no|fig|mr|mrs|ms|dr|st|inc|ltd|u\.s|a\.m|p\.m)\.$/i;

/** Sentences in prose: Intl.Segmenter, re-joined where a split follows an abbreviation, a decimal or a version. */
export function countSentences(text: string): number {
  const plain = text
    .replace(/`[^`]*`/g, 'code')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_]{1,3}/g, '')
    .replace(/^\s*[-+*]\s+/gm, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (plain === '') return 0;
  const seg = new Intl.Segmenter('en', { granularity: 'sentence' });
  const parts: string[] = [];
  for (const s of seg.segment(plain)) {
    const t = s.segment.trim();
    if (!t) continue;
    if (parts.length && (ABBREVIATIONS.test(parts[parts.length - 1]!) || /^[a-z0-9]/.test(t) && !/[.!?]["')\]]?$/.test(parts[parts.length - 1]!))) {
      parts[parts.length - 1] += ' ' + t;
    } else parts.push(t);
  }
  return parts.filter((p) => /[A-Za-z0-9]/.test(p)).length;
}

export const PM015: Rule = {
  code: 'PM015',
  title: 'The Summary is not 2–4 sentences',
  why: 'The summary is what most readers read; two to four sentences say what happened, why it mattered and how it ended without becoming a second report.',
  severity: 'warning',
  examples: { fails: 'Oracle lag halted originations.', passes: 'Oracle lag halted originations for 2 hours. The breaker fired as designed. A config fix restored feeds.' },
  check(ctx) {
    const st = ctx.model.summaryText;
    if (!st) return;
    const blocks = st.blocks.filter((b) => b.type !== 'html' && !(b.type === 'paragraph' && isPlaceholder(b.text.trim())));
    if (blocks.length === 0) return;
    const n = countSentences(blocks.map((b) => b.text).join(' '));
    if (n >= 2 && n <= 4) return;
    ctx.report({ start: blocks[0]!.start, end: blocks[blocks.length - 1]!.end },
      `Summary has ${n} sentence${n === 1 ? '' : 's'}; expected 2–4`);
  },
};
