/**
 * Incremental parsing: the document is cut into chunks that parse the same on
 * their own as inside the whole document, each chunk's mdast is cached by its
 * text, and only changed chunks are parsed again. The assembled tree carries
 * absolute offsets, so the model builder cannot tell it from a full parse.
 *
 * Cut points (conservative — a false "no cut" only costs time):
 *  - before an ATX heading at column 0 (`# `…`###### `), outside fenced code
 *    and HTML blocks: such a heading always interrupts what came before and
 *    belongs to no list item or block quote;
 *  - inside a long GFM table, every TABLE_GROUP rows: a later group is parsed
 *    with the table's header and delimiter rows in front, and its rows are
 *    appended to the table node of the group before it.
 * Only `position.start/end.offset` of nodes is kept exact (line/column are not
 * used by the core). test/unit/incremental.test.ts checks on random edit
 * sequences that findings equal those of a full parse.
 */
import type { Root, RootContent, Table } from 'mdast';
import { parseMarkdown } from './model';

/**
 * Rows per table group. Smaller groups make an edit in a long table re-parse
 * less (a group of 50 timeline rows parses in a few ms); the cost is a few more
 * cache entries and table merges per parse.
 */
const TABLE_GROUP = 50;

interface Chunk {
  start: number;
  end: number;
  /** For a later group of a split table: the header + delimiter text parsed in front. */
  prefix: string;
}

interface Line {
  start: number;
  /** Offset after the line break. */
  next: number;
  text: string;
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  const re = /\r\n|\n|\r/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    lines.push({ start, next: m.index + m[0].length, text: text.slice(start, m.index) });
    start = m.index + m[0].length;
  }
  if (start < text.length || lines.length === 0) lines.push({ start, next: text.length, text: text.slice(start) });
  return lines;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const HTML_START = /^ {0,3}</;
const ATX = /^#{1,6}(?:[ \t]|$)/;
const DELIMITER = /^ {0,3}\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/;

/** Cuts a document into independently parsable chunks. */
export function chunkDocument(text: string, tableGroup = TABLE_GROUP): Chunk[] {
  const lines = splitLines(text);
  const cuts: { at: number; prefix: string }[] = [];
  let fence: string | undefined;
  let html: 'comment' | 'block' | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.text;
    if (fence) {
      const f = FENCE.exec(line);
      if (f && f[1]![0] === fence[0] && f[1]!.length >= fence.length && line.trim() === f[1]) fence = undefined;
      continue;
    }
    if (html === 'comment') {
      if (line.includes('-->')) html = undefined;
      continue;
    }
    if (html === 'block') {
      if (line.trim() === '') html = undefined;
      continue;
    }
    const f = FENCE.exec(line);
    if (f) {
      fence = f[1]!;
      continue;
    }
    if (HTML_START.test(line)) {
      html = /<!--/.test(line) && !/<!--[\s\S]*-->/.test(line) ? 'comment' : 'block';
      if (html === 'block' && /<!--[\s\S]*-->\s*$/.test(line.trim()) && /^ {0,3}<!--/.test(line)) html = 'block';
      continue;
    }
    if (ATX.test(line) && i > 0) {
      cuts.push({ at: lines[i]!.start, prefix: '' });
      continue;
    }
    // A table: header line with a pipe, then a delimiter row, then rows starting with "|".
    if (line.includes('|') && i + 1 < lines.length && DELIMITER.test(lines[i + 1]!.text) && lines[i + 1]!.text.includes('-')) {
      const prefix = text.slice(lines[i]!.start, lines[i + 1]!.next);
      const prefixNl = /\r\n|\n|\r$/.test(prefix) ? prefix : prefix + '\n';
      let j = i + 2;
      let rows = 0;
      while (j < lines.length && /^\|/.test(lines[j]!.text)) {
        rows++;
        if (rows > 1 && (rows - 1) % tableGroup === 0 && j + 1 < lines.length && /^\|/.test(lines[j + 1]!.text)) {
          cuts.push({ at: lines[j]!.start, prefix: prefixNl });
        }
        j++;
      }
      i = j - 1;
    }
  }
  const chunks: Chunk[] = [];
  let start = 0;
  let prefix = '';
  for (const c of cuts) {
    if (c.at <= start) continue;
    chunks.push({ start, end: c.at, prefix });
    start = c.at;
    prefix = c.prefix;
  }
  chunks.push({ start, end: text.length, prefix });
  return chunks;
}

type AnyNode = { position?: { start: { offset?: number }; end: { offset?: number } }; children?: AnyNode[] };

function shift(node: AnyNode, delta: number): void {
  if (delta === 0) return;
  const stack: AnyNode[] = [node];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.position) {
      if (n.position.start.offset !== undefined) n.position.start.offset += delta;
      if (n.position.end.offset !== undefined) n.position.end.offset += delta;
    }
    if (n.children) for (const c of n.children) stack.push(c);
  }
}

function clone<T>(x: T): T {
  return structuredClone(x);
}

interface CacheEntry {
  /** Parsed children; their offsets are absolute for a chunk starting at `base`. */
  children: RootContent[];
  base: number;
  usedIn: number;
}

export class IncrementalParser {
  constructor(private readonly tableGroup = TABLE_GROUP) {}

  private cache = new Map<string, CacheEntry>();
  private generation = 0;
  /** Chunks parsed (not taken from the cache) by the last parse: for tests and the benchmark. */
  lastParsed = 0;
  lastChunks = 0;

  private parseChunk(key: string, prefix: string, body: string): CacheEntry {
    const root = parseMarkdown(prefix + body);
    shift(root as AnyNode, -prefix.length);
    const entry = { children: root.children, base: 0, usedIn: -1 };
    this.cache.set(key, entry);
    this.lastParsed++;
    return entry;
  }

  /** Parses synchronously. */
  parse(text: string): Root {
    const it = this.steps(text);
    let r = it.next();
    while (!r.done) r = it.next();
    return r.value;
  }

  /**
   * Parses, yielding to the event loop after each chunk that had to be parsed;
   * resolves undefined as soon as `cancelled()` says the result is no longer wanted.
   */
  async parseAsync(text: string, cancelled: () => boolean = () => false): Promise<Root | undefined> {
    const it = this.steps(text);
    let r = it.next();
    while (!r.done) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (cancelled()) return undefined;
      r = it.next();
    }
    return r.value;
  }

  private *steps(text: string): Generator<void, Root> {
    const gen = ++this.generation;
    this.lastParsed = 0;
    const chunks = chunkDocument(text, this.tableGroup);
    this.lastChunks = chunks.length;
    const children: RootContent[] = [];
    const keep = new Map<string, CacheEntry>();
    /** The table node this parse assembled from groups (its own object, so rows are appended in place). */
    let assembled: Table | undefined;
    for (const c of chunks) {
      const body = text.slice(c.start, c.end);
      const key = c.prefix + '\u0000' + body;
      let entry = this.cache.get(key);
      if (!entry) {
        entry = this.parseChunk(key, c.prefix, body);
        yield;
      }
      keep.set(key, entry);
      let nodes: RootContent[];
      if (entry.usedIn === gen) {
        // The same chunk text twice in one document: the second use gets its own copy.
        nodes = clone(entry.children);
        for (const n of nodes) shift(n as AnyNode, c.start - entry.base);
      } else {
        // Cached nodes are moved in place: the tree is never mutated otherwise.
        for (const n of entry.children) shift(n as AnyNode, c.start - entry.base);
        entry.base = c.start;
        entry.usedIn = gen;
        nodes = entry.children;
      }
      if (c.prefix) {
        const [first, ...rest] = nodes;
        const last = children[children.length - 1];
        if (first && first.type === 'table' && last && last.type === 'table') {
          // A fresh table node: cached nodes are shared between parses and never mutated.
          let merged: Table;
          if (last === assembled) {
            merged = assembled;
          } else {
            merged = { ...(last as Table), children: [...(last as Table).children] };
            if (last.position) merged.position = { start: { ...last.position.start }, end: { ...last.position.end } };
            children[children.length - 1] = merged;
            assembled = merged;
          }
          const rows = (first as Table).children;
          for (let r = 1; r < rows.length; r++) merged.children.push(rows[r]!);
          if (merged.position && first.position) merged.position.end = { ...first.position.end };
          for (const n of rest) children.push(n);
          continue;
        }
      }
      for (const n of nodes) children.push(n);
    }
    this.cache = keep;
    return { type: 'root', children, position: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: text.length } } };
  }
}
