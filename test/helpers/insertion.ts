/**
 * Where the incremental tests insert a snippet into a post-mortem (issue 16): at every section
 * boundary, inside prose, right before and right after the timeline table (glued to it and
 * with a blank line) and at the end.
 */
export interface InsertionPoint {
  name: string;
  at: number;
  /** The snippet as inserted there (with the line breaks that place it). */
  text: (s: string) => string;
}

export function insertionPoints(doc: string): InsertionPoint[] {
  const out: InsertionPoint[] = [];
  for (let at = doc.indexOf('\n## '); at >= 0; at = doc.indexOf('\n## ', at + 1)) out.push({ name: `before ${doc.slice(at + 1, at + 8)}`, at: at + 1, text: (s) => `${s}\n` });
  const prose = doc.indexOf('The relay that forwards');
  out.push({ name: 'inside prose', at: doc.indexOf('. ', prose) + 2, text: (s) => `\n\n${s}\n` });
  const tl = doc.indexOf('| Time (UTC) |');
  out.push({ name: 'before the timeline', at: tl, text: (s) => `${s}\n` });
  out.push({ name: 'glued before the timeline', at: tl, text: (s) => s });
  const after = doc.indexOf('\n\n', tl) + 1;
  out.push({ name: 'after the timeline', at: after, text: (s) => `\n${s}` });
  out.push({ name: 'glued after the timeline', at: after, text: (s) => s });
  out.push({ name: 'at the end', at: doc.length, text: (s) => `\n${s}` });
  return out;
}

/** `doc` with `snippet` inserted at `p`, its line breaks written as `eol` (the document's are `\n`). */
export function insert(doc: string, p: InsertionPoint, snippet: string, eol = '\n'): { text: string; at: number; length: number } {
  const ins = p.text(snippet);
  const text = doc.slice(0, p.at) + ins + doc.slice(p.at);
  if (eol === '\n') return { text, at: p.at, length: ins.length };
  const before = doc.slice(0, p.at).replace(/\n/g, eol);
  return { text: text.replace(/\r?\n/g, eol), at: before.length, length: ins.replace(/\r?\n/g, eol).length };
}
