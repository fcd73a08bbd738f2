/**
 * A descriptor's template text: what New Post-Mortem writes, what section
 * skeletons and missing rows are copied from. With a `Renderer`, the same walk
 * writes other forms of it (the whole-template snippet).
 */
import { templateValue, type BlockSpec, type FieldSpec, type KeyedTableSpec, type TableSpec, type TemplateDescriptor } from './descriptor';

/** How each part of the template is written; the default writes the template's text. */
export interface Renderer {
  /** Literal text (headings, pipes, labels, guidance of no interest). */
  lit(s: string): string;
  /** A header field's value. */
  field(f: FieldSpec): string;
  /** A table cell (`row` 0-based, body rows only): `text` is the template's, unescaped. */
  cell(t: TableSpec, row: number, column: number, text: string): string;
  /** A guidance line of a section or subsection body, the first one being `index` 0. */
  guidance(section: string, index: number, text: string): string;
}

export const PLAIN: Renderer = {
  lit: (s) => s,
  field: (f) => templateValue(f),
  cell: (_t, _r, _c, text) => text,
  guidance: (_s, _i, text) => `*${text}*`,
};

/** A keyed table's template row: its label, then each column's template text. */
function keyedRowCells(t: KeyedTableSpec, r: KeyedTableSpec['rows'][number]): string[] {
  const values = t.columns.slice(1);
  if (values.length === 1) return [r.label, templateValue(r)];
  return [r.label, ...values.map((c) => (c.kind === 'detail' ? (r.detail ? `${r.detail} ___` : '') : templateValue(c)))];
}

/** A table's body rows as the template writes them. */
function tableRows(t: TableSpec): string[][] {
  return t.shape === 'keyed' ? t.rows.map((r) => keyedRowCells(t, r)) : t.rows.map((r) => [...r]);
}

function row(cells: readonly string[], r: Renderer): string {
  return `${r.lit('|')}${cells.map((c) => (c === '' ? r.lit(' ') : `${r.lit(' ')}${c}${r.lit(' ')}`)).join(r.lit('|'))}${r.lit('|')}`;
}

function renderTable(t: TableSpec, r: Renderer = PLAIN): string[] {
  const header = t.columns.map((c) => c.header);
  const lines = [r.lit(row(header, PLAIN)), r.lit(`|${header.map((h) => '-'.repeat(h.length + 2)).join('|')}|`)];
  tableRows(t).forEach((cells, i) => {
    lines.push(row(cells.map((text, c) => r.cell(t, i, c, text)), r));
  });
  return lines;
}

function renderBlocks(d: TemplateDescriptor, owner: string, blocks: readonly BlockSpec[], r: Renderer): string[] {
  const out: string[] = [];
  let guidance = 0;
  for (const b of blocks) {
    out.push('');
    if ('guidance' in b) out.push(r.guidance(owner, guidance++, b.guidance));
    else if ('bullets' in b) out.push(...b.bullets.map((x) => r.lit(x === '' ? '-' : `- ${x}`)));
    else if ('table' in b) out.push(...renderTable(d.tables.find((t) => t.key === b.table)!, r));
    else {
      const sub = d.subsections.find((s) => s.key === b.subsection)!;
      out.push(r.lit(`### ${sub.title}`), ...renderBlocks(d, sub.key, sub.body, r));
    }
  }
  return out;
}

/** The template's lines (no line endings). */
export function templateLines(d: TemplateDescriptor, r: Renderer = PLAIN): string[] {
  const lines = [r.lit(`# ${d.title}`), ''];
  for (const f of d.fields) lines.push(`${r.lit(`**${f.label}:** `)}${r.field(f)}`);
  for (const s of d.sections) lines.push('', r.lit('---'), '', r.lit(`## ${s.title}`), ...renderBlocks(d, s.key, s.body, r));
  lines.push('', r.lit('---'), '', ...d.footer.map(r.lit), r.lit(`*Template version: ${d.version}*`));
  return lines;
}

/** The template's text, `\n` line endings, one final newline. */
export function renderTemplate(d: TemplateDescriptor): string {
  return `${templateLines(d).join('\n')}\n`;
}
