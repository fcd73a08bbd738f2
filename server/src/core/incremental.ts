/**
 * Incremental parsing: the document is cut into chunks that parse the same on
 * their own as inside the whole document, each chunk's mdast is cached by its
 * text, and only changed chunks are parsed again. The assembled tree carries
 * absolute offsets, so the model builder cannot tell it from a full parse.
 *
 * Cut points (conservative — a false "no cut" only costs time):
 *  - before an ATX heading at column 0 (`# `…`###### `), outside fenced code
 *    and HTML blocks: such a heading always interrupts what came before and
 *    belongs to no list item or block quote. Only about one in SOFT_EVERY of
 *    these is kept (chosen by the heading's text, or after SOFT_MAX characters):
 *    each parse has a fixed cost, and small sections parse faster together;
 *  - before a GFM table whose header is at column 0 after a blank line, and at
 *    the blank line after it: a table is a chunk of its own, built without
 *    micromark when its cells are plain (fastTable.ts);
 *  - inside a long GFM table, every TABLE_GROUP rows: a later group is parsed
 *    with the table's header and delimiter rows in front, and its rows are
 *    appended to the table node of the group before it;
 *  - around a long fenced code block (its code node built by `fastCode`);
 *  - inside a run of simple one-line link definitions, every DEFINITION_GROUP
 *    lines — when no reference can resolve across chunks (else, and with any
 *    footnote, the document is one chunk).
 * Only `position.start/end.offset` of nodes is kept exact (line/column are not
 * used by the core). test/unit/incremental.test.ts checks on random edit
 * sequences that findings equal those of a full parse.
 */
import type { Code, Root, RootContent, Table } from 'mdast';
import { parseMarkdown } from './model';
import { fastTable } from './fastTable';
import { fastDefinitions, identifierOf } from './fastDefinitions';
import { forEachLine, ownCopy } from './text';

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

/**
 * The document's lines as offsets, in typed arrays: a line's text is sliced only when a scan asks
 * for it (most lines are table rows, of which only the first character is read). An object per
 * line cost ~6 MB on every edit of a 5 MB document.
 */
class Lines {
  private starts: Uint32Array;
  /** Offset of each line's break (or the text's end). */
  private ends: Uint32Array;
  length = 0;

  constructor(private readonly src: string) {
    const guess = 16 + (src.length >>> 6);
    this.starts = new Uint32Array(guess);
    this.ends = new Uint32Array(guess);
    forEachLine(src, (start, end) => this.add(start, end));
    if (this.length === 0) this.add(0, 0);
  }

  private add(start: number, end: number): void {
    if (this.length === this.starts.length) {
      const grow = (a: Uint32Array) => {
        const b = new Uint32Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.starts = grow(this.starts);
      this.ends = grow(this.ends);
    }
    this.starts[this.length] = start;
    this.ends[this.length] = end;
    this.length++;
  }

  start(i: number): number {
    return this.starts[i]!;
  }
  /** Offset after the line's break: the next line's start (the text's end for the last line). */
  next(i: number): number {
    return i + 1 < this.length ? this.starts[i + 1]! : this.src.length;
  }
  text(i: number): string {
    return this.src.slice(this.starts[i]!, this.ends[i]!);
  }
  /** The first character's code (NaN for an empty line). */
  first(i: number): number {
    return this.starts[i]! < this.ends[i]! ? this.src.charCodeAt(this.starts[i]!) : NaN;
  }
}

const FENCE = /^( {0,3})(`{3,}|~{3,})(.*)$/;
const HTML_START = /^( {0,3})</;
const ATX = /^#{1,6}(?:[ \t]|$)/;
const DELIMITER = /^ {0,3}\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/;
const BLANK = /^[ \t]*$/;
/** A fence marker behind a tab or 4+ columns: at top level indented code, in a list item (`*` then `    ```) a fence. */
const INDENTED_FENCE = /^(?: *\t| {4,})[ \t]*(?:`{3,}|~{3,})/;
/** Indentation in columns of a line's leading spaces and tabs (tab stops of 4). */
function indentOf(line: string): number {
  let col = 0;
  for (let k = 0; k < line.length; k++) {
    const ch = line[k];
    if (ch === ' ') col++;
    else if (ch === '\t') col += 4 - (col % 4);
    else break;
  }
  return col;
}

/**
 * Fenced code blocks with at least this many characters between their fences
 * get a chunk of their own, whose `code` node is built without micromark (see
 * `fastCode`): a pasted multi-megabyte log is then neither one long parse step
 * nor micromark's event arrays for megabytes of text.
 */
const BIG_FENCE = 32 * 1024;

/** Container markers (block quote, list item) in front of a line's content, as far as a line scan can tell. */
const PREFIX = String.raw`(?:[ \t]*(?:>|(?:[-*+]|\d{1,9}[.)])(?=[ \t])))*[ \t]*`;

/**
 * A line that may be a link reference definition (`[x]: /url "title"`, the destination possibly
 * on the next line) or a footnote definition (`[^1]: text`), also inside a block quote or list
 * item (`> [x]: /url`, `- [x]: /url`), with escapes in its label or title (`"ti\"tle"`). Strict
 * enough that log lines like `[INFO]: starting server` in a pasted log do not switch chunking off.
 */
const DEFINITION = new RegExp(
  String.raw`^${PREFIX}(?:\[\^[^\]\r\n]+\]:|\[(?:[^\]\\\r\n]|\\.)+\]:[ \t]*(?:(?:<[^>\r\n]*>|\S+)(?:[ \t]+(?:"(?:[^"\\\r\n]|\\.)*"?|'(?:[^'\\\r\n]|\\.)*'?|\((?:[^)\\\r\n]|\\.)*\)?))?)?[ \t]*$)`,
  'm',
);
/** A definition whose label spans lines (`[multi` / `line]: /url`); a label has at most 999 characters. */
const DEFINITION_MULTILINE = new RegExp(String.raw`^${PREFIX}\[(?:[^\]\\\r\n]|\\.){0,999}(?:\r\n|\n|\r)(?:[^\]\\]|\\[^]){0,999}\]:`, 'm');

/**
 * A fence or HTML block opened behind a container marker (`- ```, `> <!--`, `1. <div>`): where it
 * ends depends on the container, which this scan does not track.
 */
const CONTAINED_BLOCK = /^ {0,3}(?:(?:>|[-*+]|\d{1,9}[.)])[ \t]*)+(?:`{3,}|~{3,}|<(?:!--|[A-Za-z][A-Za-z0-9-]*(?:[\s/>]|$)|\/[A-Za-z]|[?!]))/;

/**
 * A complete one-line link reference definition at column 0, as micromark surely reads it: a label
 * without brackets or escapes (no footnote), a destination without parentheses, angle brackets or
 * escapes, an optional double-quoted title without escapes, nothing after it.
 */
const SIMPLE_DEFINITION = /^\[(?!\^)[^[\]\\\r\n]*[^[\]\\\r\n \t][^[\]\\\r\n]*\]:[ \t]*[^\s()<>\\\x00-\x1f\x7f]+(?:[ \t]+"[^"\\\r\n]*")?[ \t]*$/;
/** A line that is such a definition (a label has at most 999 characters). */
const isSimpleDefinition = (line: string) => SIMPLE_DEFINITION.test(line) && line.indexOf(']') <= 1000;
/** Definitions per chunk in a long run of them. */
const DEFINITION_GROUP = 500;

/** micromark's label normalisation (micromark-util-normalize-identifier). */
const normalizeLabel = identifierOf;

/**
 * Whether a reference (or footnote call) may resolve to a definition in another chunk: any
 * footnote syntax, or a defined label (from every line shaped like a definition, also inside
 * containers) that occurs in brackets more than once in the whole text. Over-counting brackets
 * (in code, in link text, in the definition lines themselves) only answers "may" more often.
 */
function referencesMayResolve(text: string): boolean {
  if (text.includes('[^')) return true;
  const defined = new Set<string>();
  const labels = new RegExp(String.raw`^${PREFIX}\[((?:[^\]\\\r\n]|\\.)+)\]:`, 'gm');
  for (let m = labels.exec(text); m; m = labels.exec(text)) defined.add(normalizeLabel(m[1]!));
  const seen = new Set<string>();
  const brackets = /\[((?:[^[\]\\]|\\[^])*)\]/g;
  for (let m = brackets.exec(text); m; m = brackets.exec(text)) {
    const label = normalizeLabel(m[1]!);
    if (!defined.has(label)) continue;
    if (seen.has(label)) return true;
    seen.add(label);
  }
  return false;
}

/** Cells of a table row as GFM counts them: split at unescaped pipes, outer pipes optional. */
function cellCount(row: string): number {
  let s = row.trim();
  if (s.startsWith('|')) s = s.slice(1);
  if (s.endsWith('|') && !s.endsWith('\\|')) s = s.slice(0, -1);
  let n = 1;
  for (let k = 0; k < s.length; k++) {
    if (s[k] === '\\') k++;
    else if (s[k] === '|') n++;
  }
  return n;
}

/** A heading cut is kept when its line's hash is 0 modulo this (about one in SOFT_EVERY)… */
const SOFT_EVERY = 16;
/** …or when the chunk before it has at least this many characters. */
const SOFT_MAX = 4096;

/** A hash of the line starting at `at` (its first 80 characters). */
function lineHash(text: string, at: number): number {
  let h = 2166136261;
  for (let k = at; k < text.length && k < at + 80; k++) {
    const c = text.charCodeAt(k);
    if (c === 0x0a || c === 0x0d) break;
    h = Math.imul(h ^ c, 16777619);
  }
  return h >>> 0;
}

/** Cuts a document into independently parsable chunks. */
export function chunkDocument(text: string, tableGroup = TABLE_GROUP, bigFence = BIG_FENCE): Chunk[] {
  // A link reference or footnote definition anywhere resolves references everywhere (and a later
  // duplicate is ignored): one parse for the whole document.
  // Unless no reference can use them (each defined label's only bracket in the document is its
  // definition's, no footnotes): then the definitions are plain blocks, and runs of them are cut too.
  // Every definition has a `]:` (a footnote's too): without one, the two line-anchored scans of the
  // whole text (≈ 4 ms at 1 MB, on every edit) have nothing to find.
  if (text.includes(']:') && (DEFINITION_MULTILINE.test(text) || (DEFINITION.test(text) && referencesMayResolve(text)))) return [{ start: 0, end: text.length, prefix: '' }];
  const lines = new Lines(text);
  /** `soft`: a heading cut, which may be left out to keep small sections together (see below). */
  const cuts: { at: number; prefix: string; soft?: boolean }[] = [];
  /** The open fence (its marker and indentation), as far as it can be known without tracking containers. */
  let fence: { marker: string; indent: number } | undefined;
  /** An open HTML block: a comment (until `-->`) or one that ends at a blank line, and its indentation. */
  let html: { kind: 'comment' | 'block'; indent: number } | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines.text(i);
    // A fence behind a tab or 4+ columns: whether it opens, closes or is content depends on the
    // container's column (a list item's, say), which this scan does not track: no more cuts.
    if (INDENTED_FENCE.test(line)) break;
    if (fence) {
      const f = FENCE.exec(line);
      if (f && f[2]![0] === fence.marker[0] && f[2]!.length >= fence.marker.length && BLANK.test(f[3]!)) {
        // A closing line less indented than an indented opening could instead end a list item
        // (and open a new fence): not knowable here, so no more cuts.
        if (fence.indent > 0 && f[1]!.length < fence.indent) break;
        fence = undefined;
      } else if (fence.indent > 0 && !BLANK.test(line) && indentOf(line) < fence.indent) {
        // An indented fence may sit in a list item that this line ends: stop cutting.
        break;
      }
      continue;
    }
    if (html) {
      if (html.indent > 0 && !BLANK.test(line) && indentOf(line) < html.indent) break;
      if (html.kind === 'comment') {
        if (line.includes('-->')) html = undefined;
        continue;
      }
      if (BLANK.test(line)) html = undefined;
      // A fence or an HTML start inside what looked like an HTML block: the "block" may have been
      // a paragraph (a type 7 tag cannot interrupt one, `<b>x</b> text` is no HTML block), and then
      // this line opens something. Not knowable without a full parse: no more cuts.
      else if (FENCE.test(line) || HTML_START.test(line)) break;
      continue;
    }
    if (CONTAINED_BLOCK.test(line)) break;
    // A run of complete one-line definitions starting a block: micromark parses each as a block
    // of its own (a line starting with `[` is no title of the one above), so the run may be cut
    // between two of them, every DEFINITION_GROUP lines.
    if (isSimpleDefinition(line) && (i === 0 || BLANK.test(lines.text(i - 1)))) {
      // The run is a chunk (or several) of its own, built without micromark (fastDefinitions.ts).
      if (i > 0) cuts.push({ at: lines.start(i), prefix: '' });
      let j = i + 1;
      while (j < lines.length && isSimpleDefinition(lines.text(j))) {
        if ((j - i) % DEFINITION_GROUP === 0) cuts.push({ at: lines.start(j), prefix: '' });
        j++;
      }
      // A blank line ends the last definition (a title could follow on the next line otherwise).
      if (j < lines.length && BLANK.test(lines.text(j))) cuts.push({ at: lines.start(j), prefix: '' });
      i = j - 1;
      continue;
    }
    const f = FENCE.exec(line);
    if (f && !(f[2]![0] === '`' && f[3]!.includes('`'))) {
      const marker = f[2]!;
      const indent = f[1]!.length;
      if (indent === 0 && (i === 0 || BLANK.test(lines.text(i - 1)))) {
        // A column-0 fence after a blank line starts a top-level block whatever came before; if it
        // has a closing fence at column 0 (marker characters and spaces only) and a long body, it
        // becomes a chunk of its own.
        let j = i + 1;
        let closing = -1;
        for (; j < lines.length; j++) {
          const g = FENCE.exec(lines.text(j));
          if (g && g[2]![0] === marker[0] && g[2]!.length >= marker.length && BLANK.test(g[3]!)) {
            if (g[1]!.length === 0 && /^ *$/.test(g[3]!)) closing = j;
            break;
          }
        }
        if (closing > 0 && lines.start(closing) - lines.next(i) >= bigFence) {
          cuts.push({ at: lines.start(i), prefix: '' });
          if (lines.next(closing) < text.length) cuts.push({ at: lines.next(closing), prefix: '' });
          i = closing;
          continue;
        }
      }
      fence = { marker, indent };
      continue;
    }
    const h = HTML_START.exec(line);
    if (h) {
      const indent = h[1]!.length;
      const prevBlank = i === 0 || BLANK.test(lines.text(i - 1));
      const rest = line.slice(indent);
      if (rest.startsWith('<!--')) {
        const after = rest.slice(4);
        // `<!-->` and `<!--->` end at once in CommonMark; not worth modelling: no more cuts.
        if (after.startsWith('>') || after.startsWith('->')) break;
        html = after.includes('-->') ? undefined : { kind: 'comment', indent };
        continue;
      }
      // Raw-text (`<pre>`, `<script>`, `<style>`, `<textarea>`), `<?`, `<!X` and CDATA blocks end at
      // their own markers, and a type-7 tag cannot interrupt a paragraph: no more cuts.
      if (/^<(?:script|pre|style|textarea)(?:[\s>]|$)/i.test(rest) || /^<[?!]/.test(rest) || !prevBlank) break;
      html = { kind: 'block', indent };
      continue;
    }
    if (ATX.test(line) && i > 0) {
      cuts.push({ at: lines.start(i), prefix: '', soft: true });
      continue;
    }
    // A table: header line with a pipe at column 0 (indented, it may be code or a list item's), then
    // a delimiter row with a pipe (`| a |` over `---` is a setext heading), then rows starting with "|".
    if (
      line.includes('|') && indentOf(line) === 0 && i + 1 < lines.length && DELIMITER.test(lines.text(i + 1)) && lines.text(i + 1).includes('-') &&
      lines.text(i + 1).includes('|') &&
      cellCount(line) === cellCount(lines.text(i + 1)) && // else GFM sees no table
      (i === 0 || BLANK.test(lines.text(i - 1))) // else it may be a paragraph's (or list item's) lazy line
    ) {
      const prefix = text.slice(lines.start(i), lines.next(i + 1));
      const prefixNl = /\r\n|\n|\r$/.test(prefix) ? prefix : prefix + '\n';
      // The table is a chunk (or a run of row groups) of its own: the blank line above ended
      // whatever came before, and a table chunk can be built without micromark (fastTable).
      if (i > 0) cuts.push({ at: lines.start(i), prefix: '' });
      let j = i + 2;
      let rows = 0;
      while (j < lines.length && lines.first(j) === 0x7c) {
        rows++;
        if (rows > 1 && (rows - 1) % tableGroup === 0 && j + 1 < lines.length && lines.first(j + 1) === 0x7c) {
          cuts.push({ at: lines.start(j), prefix: prefixNl });
        }
        j++;
      }
      // A blank line after the last row ends the table: what follows is a chunk of its own.
      if (j < lines.length && BLANK.test(lines.text(j))) cuts.push({ at: lines.start(j), prefix: '' });
      i = j - 1;
    }
  }
  const chunks: Chunk[] = [];
  let start = 0;
  let prefix = '';
  for (const c of cuts) {
    if (c.at <= start) continue;
    // Small sections are parsed together: each parse has a fixed cost (micromark's and
    // mdast-util-from-markdown's set-up), which dominates for thousands of short sections. Which
    // heading cuts are kept depends on the heading's own text (and a size bound), so an edit
    // changes at most the chunks around it, and the others stay cached.
    if (c.soft && c.at - start < SOFT_MAX && lineHash(text, c.at) % SOFT_EVERY !== 0) continue;
    chunks.push({ start, end: c.at, prefix });
    start = c.at;
    prefix = c.prefix;
  }
  chunks.push({ start, end: text.length, prefix });
  return chunks;
}

const FAST_OPEN = /^(`{3,}|~{3,}) *([A-Za-z0-9_+#.-]*) *(?:\r\n|\n|\r)/;
const EOL = /\r\n|\n|\r/g;

/**
 * The mdast of `body` when it is exactly one fenced code block (opening fence at
 * column 0 with an empty or simple info string, closing fence at column 0 made
 * of the marker and spaces, at most one line break after it) — the same node
 * remark gives, built without micromark. Undefined for anything else (the caller
 * then parses with remark). test/unit/incremental.test.ts compares it with remark.
 */
export function fastCode(body: string): Code | undefined {
  const c = body.charCodeAt(0);
  if (c !== 0x60 && c !== 0x7e) return undefined;
  const open = FAST_OPEN.exec(body);
  if (!open) return undefined;
  const marker = open[1]!;
  const contentStart = open[0].length;
  // The closing line: the last line, after at most one final line break.
  let end = body.length;
  if (body.endsWith('\r\n')) end -= 2;
  else if (body.endsWith('\n') || body.endsWith('\r')) end -= 1;
  if (end < contentStart) return undefined;
  const closeStart = Math.max(body.lastIndexOf('\n', end - 1), body.lastIndexOf('\r', end - 1)) + 1;
  if (closeStart < contentStart) return undefined;
  const close = body.slice(closeStart, end);
  const m = /^(`{3,}|~{3,}) *$/.exec(close);
  if (!m || m[1]![0] !== marker[0] || m[1]!.length < marker.length) return undefined;
  const inner = body.slice(contentStart, closeStart);
  // micromark replaces NUL; and no earlier line may close the fence.
  if (inner.includes('\u0000')) return undefined;
  const ch = marker[0] === '`' ? '`' : '~';
  if (new RegExp(`(?:^|\\r\\n|\\n|\\r) {0,3}${ch}{${marker.length},}[ \\t]*(?=\\r\\n|\\n|\\r|$)`).test(inner)) return undefined;
  let value = inner;
  if (value.endsWith('\r\n')) value = value.slice(0, -2);
  else if (value.endsWith('\n') || value.endsWith('\r')) value = value.slice(0, -1);
  let line = 1;
  EOL.lastIndex = 0;
  const head = body.slice(0, closeStart);
  while (EOL.exec(head)) line++;
  return {
    type: 'code',
    lang: open[2] ? open[2] : null,
    meta: null,
    value,
    position: { start: { line: 1, column: 1, offset: 0 }, end: { line, column: end - closeStart + 1, offset: end } },
  };
}

type AnyNode = { position?: { start: { offset?: number }; end: { offset?: number } }; children?: AnyNode[] };

/** Moves the nodes' positions by `delta`; with `collect`, pushes their points onto it (and returns it). */
function shift(node: AnyNode | AnyNode[], delta: number, collect?: Point[]): Point[] | undefined {
  if (delta === 0 && !collect) return undefined;
  const stack: AnyNode[] = Array.isArray(node) ? node.slice() : [node];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.position) {
      if (n.position.start.offset !== undefined) n.position.start.offset += delta;
      if (n.position.end.offset !== undefined) n.position.end.offset += delta;
      collect?.push(n.position.start, n.position.end);
    }
    const cs = n.children;
    if (cs) for (let k = 0; k < cs.length; k++) stack.push(cs[k]!);
  }
  return collect;
}

type Point = { offset?: number };

/**
 * Gives every `children` array of the tree its exact length. The parser grows them by push, which
 * keeps room for 17 elements: in a cached tree, most of them hold one or two nodes for as long as
 * the chunk is unchanged.
 */
function exactArrays<T extends AnyNode>(root: T): T {
  const stack: AnyNode[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (!n.children) continue;
    n.children = n.children.slice();
    for (let k = 0; k < n.children.length; k++) if (n.children[k]!.children) stack.push(n.children[k]!);
  }
  return root;
}

/** Moves a cache entry's nodes by `delta` (see `CacheEntry.points`). */
function move(entry: CacheEntry, delta: number): void {
  if (delta === 0) return;
  if (entry.points) {
    for (const p of entry.points) if (p.offset !== undefined) p.offset += delta;
  } else {
    entry.points = shift(entry.children as AnyNode[], delta, []);
  }
}

function clone<T>(x: T): T {
  return structuredClone(x);
}

interface CacheEntry {
  /** Parsed children; their offsets are absolute for a chunk starting at `base`. */
  children: RootContent[];
  /**
   * Every position point of `children`, collected the first time the chunk moves (it is built at
   * its place; most chunks of a first parse never move): from then on, moving it is one loop over
   * them instead of a walk of its tree (a 1 MB edit's parse 9 → 4 ms).
   */
  points?: Point[];
  base: number;
  usedIn: number;
}

/** How long parsing runs before it lets other work (requests, other documents) have a turn. */
const YIELD_AFTER_MS = 10;

export class IncrementalParser {
  /**
   * @param tableGroup rows per group of a split table
   * @param bigFence body length from which a fenced code block gets its own chunk (tests use small ones)
   */
  constructor(
    private readonly tableGroup = TABLE_GROUP,
    private readonly bigFence = BIG_FENCE,
  ) {}

  /**
   * Parsed chunks by their prefix ('' but for later table groups), then by their text: a slice of
   * the document, so no key is copied, concatenated or flattened on an edit.
   */
  private cache = new Map<string, Map<string, CacheEntry>>();
  private generation = 0;
  /** Chunks parsed (not taken from the cache) by the last parse: for tests and the benchmark. */
  lastParsed = 0;
  lastChunks = 0;

  /** Parses a chunk at offset `at` of the text (after `prefix`, its table's header, when it continues a table). */
  private parseChunk(prefix: string, slice: string, at: number): CacheEntry {
    // The nodes are cached across versions: their strings must not be views of this version's text.
    const body = ownCopy(slice);
    // The tree's offsets: the text parsed starts `prefix` before `at`.
    const base = at - prefix.length;
    const code = prefix ? undefined : fastCode(body);
    // (Built at its place; any other tree is moved there with one walk.)
    let children = code ? undefined : fastTable(prefix + body, base);
    if (!children) {
      const fast = code ? [code] : prefix ? undefined : fastDefinitions(body);
      children = fast ?? exactArrays(parseMarkdown(prefix + body)).children;
      shift(children as AnyNode[], base);
    }
    this.lastParsed++;
    return { children, base: at, usedIn: -1 };
  }

  /** Parses synchronously. */
  parse(text: string): Root {
    const it = this.steps(text);
    let r = it.next();
    while (!r.done) r = it.next();
    return r.value;
  }

  /**
   * Parses, yielding to the event loop once the chunks parsed since the last yield took
   * `YIELD_AFTER_MS`; resolves undefined as soon as `cancelled()` says the result is no longer
   * wanted. (A yield after every parsed chunk cost ≈ 0.2 ms each: 30 ms of a 1 MB open's 150 chunks.)
   */
  async parseAsync(text: string, cancelled: () => boolean = () => false): Promise<Root | undefined> {
    const it = this.steps(text);
    let since = performance.now();
    let r = it.next();
    while (!r.done) {
      if (performance.now() - since >= YIELD_AFTER_MS) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        since = performance.now();
      }
      if (cancelled()) return undefined;
      r = it.next();
    }
    return r.value;
  }

  private *steps(text: string): Generator<void, Root> {
    const gen = ++this.generation;
    this.lastParsed = 0;
    const chunks = chunkDocument(text, this.tableGroup, this.bigFence);
    this.lastChunks = chunks.length;
    const children: RootContent[] = [];
    const keep = new Map<string, Map<string, CacheEntry>>();
    /** The table node this parse assembled from groups (its own object, so rows are appended in place). */
    let assembled: Table | undefined;
    for (const c of chunks) {
      const body = text.slice(c.start, c.end);
      // (`keep` too: the same chunk text twice in one document is parsed once.)
      let entry = this.cache.get(c.prefix)?.get(body) ?? keep.get(c.prefix)?.get(body);
      if (!entry) {
        entry = this.parseChunk(c.prefix, body, c.start);
        yield;
      }
      let kept = keep.get(c.prefix);
      if (!kept) keep.set(c.prefix, (kept = new Map()));
      kept.set(body, entry);
      let nodes: RootContent[];
      if (entry.usedIn === gen) {
        // The same chunk text twice in one document: the second use gets its own copy.
        nodes = clone(entry.children);
        shift(nodes as AnyNode[], c.start - entry.base);
      } else {
        // Cached nodes are moved in place: the tree is never mutated otherwise.
        move(entry, c.start - entry.base);
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

/**
 * A `parse` for `analyze` (AnalyzeOptions.parse) that parses in chunks — the same tree as a full
 * parse, but a long table or log is never one micromark run — and keeps them: analysing the text
 * again, or a fixed version of it, parses only the chunks that changed.
 */
export function chunkedParse(): (text: string) => Root {
  const parser = new IncrementalParser();
  return (text) => parser.parse(text);
}
