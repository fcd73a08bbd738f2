/** Hover, completion and document symbols, from the model and the analysis's schema. */
import type { Analysis } from './analyze';
import type { CompletionEntry, HoverInfo, SymbolEntry } from './api';
import { HEADER_KEYS, ROLE_LABELS, SUMMARY_KEYS, type Span } from './model';
import { schemaAt } from './schema';
import { templateSnippets } from './templateSnippets';
import { builtInTemplate, templateModel, type Template } from './templates';
import { buildView, type JsonView } from './view';
import type { Settings } from './types';

const within = (s: Span, offset: number) => offset >= s.start && offset <= s.end;

/** The JSON pointer of the value (or its label) under the cursor. */
function pathAt(a: Analysis, offset: number): { path: string; span: Span } | undefined {
  const hit = a.view.pointers.at(offset);
  if (hit) return { path: hit[0], span: hit[1].val };
  const m = a.model;
  for (const k of HEADER_KEYS) {
    const f = m.header[k];
    if (f && within(f.label, offset)) return { path: `/header/${k}`, span: f.label };
  }
  for (const k of SUMMARY_KEYS) {
    const r = m.summary[k];
    if (r && within(r.label, offset)) return { path: `/summary/${k}`, span: r.label };
  }
  return undefined;
}

export function hoverAt(a: Analysis, offset: number): HoverInfo | undefined {
  if (!a.isPostmortem) return undefined;
  const hit = pathAt(a, offset);
  if (!hit) return undefined;
  const node = schemaAt(a.schema, hit.path);
  const description = typeof node?.description === 'string' ? node.description : undefined;
  if (!description) return undefined;
  const allowed = Array.isArray(node?.enum) ? `\n\nAllowed: ${(node!.enum as unknown[]).filter((x) => x !== null).map((x) => `\`${String(x)}\``).join(', ')}` : '';
  const guidance = a.template === builtInTemplate() ? undefined : templateGuidance(a.template, hit.path);
  return { markdown: description + allowed + (guidance ? `\n\nTemplate: *${guidance}*` : ''), start: hit.span.start, end: hit.span.end };
}

const templateViews = new WeakMap<Template, JsonView>();

/**
 * What a team template writes where the hovered value goes, when it is guidance (`<number or "None">`
 * → `number or "None"`): the same JSON pointer in the template's own view (a list row's: its first row).
 */
function templateGuidance(t: Template, path: string): string | undefined {
  let view = templateViews.get(t);
  if (!view) {
    view = buildView(templateModel(t), t.descriptor);
    templateViews.set(t, view);
  }
  const p = view.pointers.get(path) ?? view.pointers.get(path.replace(/^(\/[^/]+)\/\d+\//, '$1/0/'));
  if (!p) return undefined;
  const text = t.text.slice(p.val.start, p.val.end).trim();
  const m = /^<([^<>]+)>$/.exec(text);
  return m ? m[1]!.trim().replace(/[*_`\\]/g, (c) => `\\${c}`) : undefined;
}

/**
 * The evidence paths offered in completion: the folders of `files` below `top` (each with a
 * trailing slash: a drill evidence bundle is a folder), sorted, then `files` as given.
 * `files` and `top` are workspace-relative with forward slashes (`top`: the evidence root).
 */
export function withEvidenceFolders(files: readonly string[], top: string): string[] {
  const folders = new Set<string>();
  for (const f of files) {
    for (let i = f.lastIndexOf('/'); i > top.length; i = f.lastIndexOf('/', i - 1)) {
      const dir = f.slice(0, i + 1);
      if (folders.has(dir)) break;
      folders.add(dir);
    }
  }
  return [...[...folders].sort(), ...files];
}

/**
 * `evidenceFiles`: workspace-relative paths (forward slashes) that exist, offered in evidence cells;
 * a function is called only when the cursor is in one (listing them walks the disk).
 */
export function completionsAt(a: Analysis, offset: number, settings: Settings, evidenceFiles: string[] | (() => string[]) = []): CompletionEntry[] {
  if (!a.isPostmortem) return [];
  const snippets = snippetsAt(a, offset);
  if (snippets) return snippets;
  const m = a.model;
  for (const r of Object.values(m.signoff)) {
    if (r && within(r.role, offset)) {
      return Object.values(ROLE_LABELS).map((label) => ({ label, kind: 'role' as const, start: r.role.start, end: r.role.end }));
    }
  }
  const hit = pathAt(a, offset);
  if (!hit) return [];
  const { path, span } = hit;
  if (path === '/summary/trigger') {
    return settings.breakerTriggers.map((label) => ({ label, kind: 'trigger' as const, start: span.start, end: span.end, detail: 'BreakerTrigger' }));
  }
  if (/^\/evidence\/\d+\/location$/.test(path)) {
    return (typeof evidenceFiles === 'function' ? evidenceFiles() : evidenceFiles).map((f) => ({ label: `\`${f}\``, kind: 'path' as const, start: span.start, end: span.end, detail: 'evidence file' }));
  }
  const node = schemaAt(a.schema, path);
  if (Array.isArray(node?.enum)) {
    return (node!.enum as unknown[])
      .filter((x): x is string => typeof x === 'string')
      .map((label) => ({ label, kind: 'choice' as const, start: span.start, end: span.end }));
  }
  return [];
}

/**
 * A team template's snippets (templateSnippets.ts) at the start of a line, outside tables and
 * code: the word typed so far (`pm-ti`) is replaced. The built-in template's are the static
 * snippets of `snippets/postmortem.json`; none here.
 */
function snippetsAt(a: Analysis, offset: number): CompletionEntry[] | undefined {
  if (a.template === builtInTemplate()) return undefined;
  const lineStart = a.text.lastIndexOf('\n', offset - 1) + 1;
  const before = a.text.slice(lineStart, offset);
  const typed = /^[ \t]*([A-Za-z][\w-]*)?$/.exec(before);
  if (!typed) return undefined;
  if (a.model.code.some((c) => offset > c.start && offset < c.end)) return undefined;
  const start = offset - (typed[1]?.length ?? 0);
  return templateSnippets(a.template).map((s) => ({ label: s.prefix, kind: 'snippet' as const, start, end: offset, detail: s.description, snippet: s.body }));
}

export function documentSymbols(a: Analysis): SymbolEntry[] {
  if (!a.isPostmortem) return [];
  const heads = a.model.headings;
  const text = a.text;
  const out: SymbolEntry[] = [];
  const stack: { depth: number; sym: SymbolEntry }[] = [];
  heads.forEach((h, i) => {
    let end = text.length;
    for (let j = i + 1; j < heads.length; j++) if (heads[j]!.depth <= h.depth) { end = heads[j]!.start; break; }
    while (end > h.end && /\s/.test(text[end - 1]!)) end--;
    const sym: SymbolEntry = { name: h.text || '(untitled)', start: h.start, end: Math.max(end, h.end), selectionStart: h.textSpan.start, selectionEnd: h.textSpan.end, children: [] };
    while (stack.length && stack[stack.length - 1]!.depth >= h.depth) stack.pop();
    if (stack.length) stack[stack.length - 1]!.sym.children.push(sym);
    else out.push(sym);
    stack.push({ depth: h.depth, sym });
  });
  return out;
}
