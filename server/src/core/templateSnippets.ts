/**
 * Snippets of a team template (docs/templates.md "Snippets"), offered by the server as completion
 * items in documents written with it: the whole template (`pm-template`) and a row of each list
 * table (`pm-timeline-row`, `pm-action-row`, `pm-<table>-row`). The static snippets of
 * `snippets/postmortem.json` are template v1.1's; a team template's come from its own text, so
 * they say what the template file says, byte for byte apart from the tab stops:
 * - each `<...>` is a tab stop whose default is the placeholder itself (tabbing past one leaves a
 *   placeholder, never a made-up value);
 * - a choice (`A / B / C`, a whole header value or table cell) is a choice list: the Status field's
 *   workflow with the draft first, any other choice with the template's all-options text first;
 * - `$0` ends the whole template in the first cell of its timeline's first row, a row at its end.
 * Pure: snippet text only.
 */
import { normLabel, type TableSpec } from '../../../shared/src/template/descriptor';
import type { Template } from './templates';
import { templateModel } from './templates';

export interface TemplateSnippet {
  prefix: string;
  /** LSP/VS Code snippet syntax, `\n` line breaks. */
  body: string;
  description: string;
}

/** Escapes literal text for a snippet body. */
const escapeText = (s: string): string => s.replace(/[\\$}]/g, (c) => `\\${c}`);
const escapeChoice = (s: string): string => s.replace(/[\\,|$}]/g, (c) => `\\${c}`);

const PLACEHOLDER = /<[^<>\n]*>/g;

function choicesOf(value: string): string[] | undefined {
  const parts = value.split(' / ').map((p) => p.trim());
  return parts.length >= 2 && parts.every((p) => p !== '' && !/^<[^<>]*>$/.test(p)) ? parts : undefined;
}

class Stops {
  n = 0;
  /** Literal text with each `<...>` a tab stop. */
  text(s: string): string {
    let out = '';
    let last = 0;
    for (const m of s.matchAll(PLACEHOLDER)) {
      out += escapeText(s.slice(last, m.index)) + `\${${++this.n}:${escapeText(m[0])}}`;
      last = m.index! + m[0].length;
    }
    return out + escapeText(s.slice(last));
  }
  choice(options: readonly string[]): string {
    return `\${${++this.n}|${options.map(escapeChoice).join(',')}|}`;
  }
  /** A value: a choice list when it is one (the all-options text first), else text with tab stops. */
  value(s: string, status?: readonly string[]): string {
    const c = choicesOf(s.trim());
    if (!c) return this.text(s);
    const lead = s.slice(0, s.length - s.trimStart().length);
    const tail = s.slice(s.trimEnd().length);
    return lead + this.choice(status ?? [s.trim(), ...c]) + tail;
  }
}

/** Splits a table line at its unescaped pipes (outside code spans is not needed in a template). */
function cellsOf(line: string): string[] {
  return line.split(/(?<!\\)\|/);
}

function tableLine(line: string, stops: Stops, end?: { firstCell: boolean }): string {
  const parts = cellsOf(line);
  return parts
    .map((p, i) => {
      if (i === 0 || i === parts.length - 1) return escapeText(p);
      if (end?.firstCell && i === 1) {
        end.firstCell = false;
        const lead = p.slice(0, p.length - p.trimStart().length);
        return `${lead}\${0:${escapeText(p.trim())}}${p.slice(p.trimEnd().length)}`;
      }
      return stops.value(p);
    })
    .join('|');
}

/** The whole template as one snippet body. */
export function wholeTemplateBody(t: Template): string {
  const d = t.descriptor;
  const status = d.fields.find((f) => f.key === d.statusField)?.choices;
  const stops = new Stops();
  const lines = t.text.replace(/\r\n?/g, '\n').replace(/\n+$/, '').split('\n');
  const m = templateModel(t);
  const timeline = m.templateTables.timeline as { rows: { start: number }[] } | undefined;
  // The first timeline row's line (0-based) in the template's text: the cursor ends there.
  const firstRowLine = timeline?.rows[0] ? t.text.slice(0, timeline.rows[0].start).split(/\r\n?|\n/).length - 1 : -1;
  let fence = false;
  const out = lines.map((line, i) => {
    if (/^ {0,3}(```|~~~)/.test(line)) fence = !fence;
    if (fence || /^ {0,3}(```|~~~)/.test(line)) return escapeText(line);
    const field = /^(\s*\*\*([^*]+?):?\*\*:?[ \t]*)(.*)$/.exec(line);
    if (field) {
      const isStatus = status !== undefined && normLabel(field[2]!) === normLabel(d.fields.find((f) => f.key === d.statusField)!.label);
      return escapeText(field[1]!) + stops.value(field[3]!, isStatus ? status : undefined);
    }
    const isDelimiter = (l: string | undefined) => l !== undefined && /^\s*\|[\s:|-]+\|?\s*$/.test(l);
    if (/^\s*\|/.test(line) && !isDelimiter(line) && !isDelimiter(lines[i + 1])) return tableLine(line, stops, i === firstRowLine ? { firstCell: true } : undefined);
    return stops.text(line);
  });
  const body = out.join('\n');
  return firstRowLine >= 0 ? body : `${body}\n$0`;
}

/** `timeline` → `pm-timeline-row`, `actions` → `pm-action-row`, `rootCauses` → `pm-root-causes-row`. */
export function rowPrefix(key: string): string {
  if (key === 'actions') return 'pm-action-row';
  return `pm-${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}-row`;
}

/** One row of a list table, from the template's example row (its only body row). */
export function rowBody(t: Template, table: TableSpec): string | undefined {
  const found = (templateModel(t).templateTables as Record<string, { rows: { cells: { text: string }[] }[] } | undefined>)[table.key];
  const example = found?.rows[0]?.cells.map((c) => c.text) ?? table.columns.map(() => '');
  if (example.length === 0) return undefined;
  const stops = new Stops();
  const cells = table.columns.map((_c, i) => {
    const text = example[i] ?? '';
    return text === '' ? `\${${++stops.n}}` : stops.value(text);
  });
  return `| ${cells.join(' | ')} |$0`;
}

/** Every snippet of a team template: the whole template, then a row of each list table. */
export function templateSnippets(t: Template): TemplateSnippet[] {
  const d = t.descriptor;
  const out: TemplateSnippet[] = [{ prefix: 'pm-template', body: wholeTemplateBody(t), description: `The whole template "${d.title}" (${t.source.split(/[\\/]/).pop()})` }];
  for (const table of d.tables) {
    if (table.shape !== 'list') continue;
    const body = rowBody(t, table);
    if (body === undefined) continue;
    const section = d.sections.find((s) => s.key === table.section)?.title ?? d.subsections.find((s) => s.key === table.section)?.title ?? table.key;
    out.push({ prefix: rowPrefix(table.key), body, description: `A row of ${section}: ${table.columns.map((c) => c.header).join(', ')}` });
  }
  return out;
}
