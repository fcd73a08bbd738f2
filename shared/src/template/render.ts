/**
 * A descriptor's template text: what New Post-Mortem writes, what section
 * skeletons and missing rows are copied from, what snippets are made of.
 */
import { templateValue, type BlockSpec, type KeyedTableSpec, type TableSpec, type TemplateDescriptor } from './descriptor';

function row(cells: readonly string[]): string {
  return `|${cells.map((c) => (c === '' ? ' ' : ` ${c} `)).join('|')}|`;
}

/** A keyed table's template row: its label, then each column's template text. */
export function keyedRowCells(t: KeyedTableSpec, r: KeyedTableSpec['rows'][number]): string[] {
  const values = t.columns.slice(1);
  if (values.length === 1) return [r.label, templateValue(r)];
  return [r.label, ...values.map((c) => (c.kind === 'detail' ? (r.detail ? `${r.detail} ___` : '') : templateValue(c)))];
}

export function renderTable(t: TableSpec): string[] {
  const header = t.columns.map((c) => c.header);
  const lines = [row(header), `|${header.map((h) => '-'.repeat(h.length + 2)).join('|')}|`];
  if (t.shape === 'keyed') for (const r of t.rows) lines.push(row(keyedRowCells(t, r)));
  else for (const r of t.rows) lines.push(row(r));
  return lines;
}

function renderBlocks(d: TemplateDescriptor, blocks: readonly BlockSpec[]): string[] {
  const out: string[] = [];
  for (const b of blocks) {
    out.push('');
    if ('guidance' in b) out.push(`*${b.guidance}*`);
    else if ('bullets' in b) out.push(...b.bullets.map((x) => (x === '' ? '-' : `- ${x}`)));
    else if ('table' in b) out.push(...renderTable(d.tables.find((t) => t.key === b.table)!));
    else {
      const sub = d.subsections.find((s) => s.key === b.subsection)!;
      out.push(`### ${sub.title}`, ...renderBlocks(d, sub.body));
    }
  }
  return out;
}

/** The template's text, `\n` line endings, one final newline. */
export function renderTemplate(d: TemplateDescriptor): string {
  const lines = [`# ${d.title}`, ''];
  for (const f of d.fields) lines.push(`**${f.label}:** ${templateValue(f)}`);
  for (const s of d.sections) lines.push('', '---', '', `## ${s.title}`, ...renderBlocks(d, s.body));
  lines.push('', '---', '', ...d.footer, `*Template version: ${d.version}*`);
  return `${lines.join('\n')}\n`;
}
