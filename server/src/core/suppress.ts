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

export function applySuppressions(findings: Finding[], comments: HtmlComment[], lines: LineIndex): Finding[] {
  const directives = parse(comments, lines);
  if (directives.length === 0) return findings;
  return findings.filter((f) => {
    const line = lines.positionAt(f.start).line;
    let disabled = false;
    for (const d of directives) {
      if (d.kind === 'next-line') {
        if (d.line + 1 === line && covers(d.codes, f.code)) return false;
        continue;
      }
      if (d.line > line) break;
      if (covers(d.codes, f.code)) disabled = d.kind === 'disable';
    }
    return !disabled;
  });
}
