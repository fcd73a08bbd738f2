/**
 * In-document suppression (SPEC §5):
 *   <!-- postmortem-disable-next-line PM014 -->   the next line
 *   <!-- postmortem-disable PM014 PM021 --> ... <!-- postmortem-enable PM014 PM021 -->
 * No codes means every code.
 */
import type { HtmlComment } from './model';
import type { LineIndex } from './text';
import type { Finding } from './types';

interface Directive {
  kind: 'next-line' | 'disable' | 'enable';
  codes: string[] | 'all';
  line: number;
}

function parse(comments: HtmlComment[], lines: LineIndex): Directive[] {
  const out: Directive[] = [];
  for (const c of comments) {
    const m = /^postmortem-(disable-next-line|disable|enable)\b([\s\S]*)$/.exec(c.text.trim());
    if (!m) continue;
    const codes = m[2]!.split(/[\s,]+/).filter((x) => /^PM\d{3}$/i.test(x)).map((x) => x.toUpperCase());
    const kind = m[1] === 'disable-next-line' ? 'next-line' : (m[1] as 'disable' | 'enable');
    out.push({ kind, codes: codes.length ? codes : 'all', line: lines.positionAt(kind === 'next-line' ? c.end : c.start).line });
  }
  return out.sort((a, b) => a.line - b.line);
}

const covers = (codes: string[] | 'all', code: string) => codes === 'all' || codes.includes(code);

/**
 * Linear in findings + directives: `disable-next-line` by line in a map; `disable`/`enable` swept
 * once in line order, keeping for each code (and for "all codes") the last directive seen.
 */
export function applySuppressions(findings: Finding[], comments: HtmlComment[], lines: LineIndex): Finding[] {
  const directives = parse(comments, lines);
  if (directives.length === 0) return findings;
  const nextLine = new Map<number, Directive[]>();
  const ranges: Directive[] = [];
  for (const d of directives) {
    if (d.kind !== 'next-line') ranges.push(d);
    else {
      const at = nextLine.get(d.line + 1);
      if (at) at.push(d);
      else nextLine.set(d.line + 1, [d]);
    }
  }
  const lineOf = findings.map((f) => lines.positionAt(f.start).line);
  const order = findings.map((_, k) => k).sort((a, b) => lineOf[a]! - lineOf[b]! || a - b);
  const keep = new Array<boolean>(findings.length).fill(true);
  /** Per code, and for every code ('*'): [index of the last directive covering it, disabled]. */
  const last = new Map<string, [number, boolean]>();
  let r = 0;
  for (const k of order) {
    const f = findings[k]!;
    const line = lineOf[k]!;
    for (; r < ranges.length && ranges[r]!.line <= line; r++) {
      const d = ranges[r]!;
      for (const c of d.codes === 'all' ? ['*'] : d.codes) last.set(c, [r, d.kind === 'disable']);
    }
    if (nextLine.get(line)?.some((d) => covers(d.codes, f.code))) keep[k] = false;
    else {
      const all = last.get('*');
      const own = last.get(f.code);
      const state = all && own ? (all[0] > own[0] ? all : own) : (all ?? own);
      if (state?.[1]) keep[k] = false;
    }
  }
  return findings.filter((_, k) => keep[k]);
}
