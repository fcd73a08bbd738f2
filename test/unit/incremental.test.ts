/**
 * The incremental parser gives the same findings as a full parse, on random
 * edit sequences over documents with long tables, fences, HTML and headings.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import * as path from 'node:path';
import { IncrementalParser, chunkDocument } from '../../server/src/core';
import { fastCode } from '../../server/src/core/incremental';
import { parseMarkdown } from '../../server/src/core/model';
import { EXAMPLES, read, run, treeShape } from '../helpers/core';

const FINAL = read(path.join(EXAMPLES, 'post-mortems', 'INC-2026-0042-final.md'));
let rowsText = '';
for (let i = 0; i < 25; i++) rowsText += `| 2026-09-29 ${String(10 + (i % 12)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')} | event ${i} \`a|b\` 🚀 | bot |\n`;
const BIG = FINAL.replace('| 2026-09-29 09:00 | Post-mortem initiated | Dana Whitfield |\n', `| 2026-09-29 09:00 | Post-mortem initiated | Dana Whitfield |\n${rowsText}`);

const SNIPPETS = ['\n## 5. What Went Well\n', '\n```\n## not a heading\n', '\n```\n', '<!--\n', '-->\n', '<div>\n', '\n\n', '| x | y |\n', '|---|---|\n', '| 09:00 | e | a |\n', '# Title\n', '- item\n', '> quote\n', '**Status:** FINAL\n', '\r\n', 'text ', '|', '`', '~~~\n', '\n```text\nlog line one\nlog line two\n```\n', '\n~~~~ js\r\nx = 1\r\n~~~~~\r\n', '  ```\n', '- a\n  ```\n'];

const edit = fc.record({ pos: fc.double({ min: 0, max: 1, noNaN: true }), del: fc.nat(40), ins: fc.oneof(fc.constantFrom(...SNIPPETS), fc.string({ maxLength: 8 })) });

function key(text: string, parse?: (t: string) => never) {
  const a = run(text, parse ? { parse } : {});
  return a.findings.map((f) => `${f.start}:${f.end}:${f.code}:${f.severity}:${f.message}`);
}

let cases = 0;
test('incremental parse = full parse, on random edit sequences', () => {
  fc.assert(
    fc.property(fc.constantFrom(FINAL, BIG), fc.array(edit, { minLength: 1, maxLength: 6 }), (doc, edits) => {
      const parser = new IncrementalParser(4, 16);
      let text = doc;
      parser.parse(text);
      for (const e of edits) {
        const at = Math.floor(e.pos * text.length);
        text = text.slice(0, at) + e.ins + text.slice(Math.min(text.length, at + e.del));
        cases++;
        assert.deepEqual(key(text, ((t: string) => parser.parse(t)) as never), key(text));
      }
    }),
    { numRuns: 150 },
  );
  console.log(`incremental: ${cases} edited documents compared with a full parse`);
});

test('a one-line edit in a long table re-parses one chunk', () => {
  let big = FINAL;
  let rows = '';
  for (let i = 0; i < 2000; i++) rows += `| 2026-09-29 10:${String(i % 60).padStart(2, '0')} | event ${i} | bot |\n`;
  big = big.replace('| 2026-09-29 09:00 | Post-mortem initiated | Dana Whitfield |\n', `| 2026-09-29 09:00 | Post-mortem initiated | Dana Whitfield |\n${rows}`);
  const parser = new IncrementalParser();
  parser.parse(big);
  assert.ok(parser.lastChunks > 10);
  const at = big.indexOf('event 1500 ');
  parser.parse(big.slice(0, at) + 'EVENT' + big.slice(at + 5));
  assert.equal(parser.lastParsed, 1);
  assert.ok(chunkDocument(big).length === parser.lastChunks);
});

// ---- fenced code blocks: the fast path (no micromark) and their own chunks ----

const EOLS = ['\n', '\r\n', '\r'];
const INFOS = ['', 'js', 'text', ' c++  ', 'a b', 'x`y', '{.py}', 'C#', 'x&amp;', 'a\\b', '  '];
const CONTENT = ['log line', '', '  indented', '\tTab', '```', '~~~', '````', '~~~~~', '   ```', '    ```', '\t```', '``` x', '```  ', '```\t', 'a\u0000b', '监控 🚨', '# not a heading', '<div>', '-->', '| a | b |', ' '];
const CLOSES = ['```', '````', '``', '~~~', '~~~~', '```  ', '``` \t', ' ```', '   ```', '``` x', ''];

const fenceBlock = fc.record({
  marker: fc.constantFrom('```', '````', '`````', '~~~', '~~~~', '~~~~~'),
  info: fc.constantFrom(...INFOS),
  lines: fc.array(fc.oneof(fc.constantFrom(...CONTENT), fc.string({ maxLength: 6 })), { maxLength: 8 }),
  close: fc.oneof(fc.constant('same'), fc.constantFrom(...CLOSES)),
  eol: fc.constantFrom(...EOLS, 'mixed'),
  tail: fc.constantFrom('', 'eol', 'eol2', 'text'),
});

function renderFence(b: { marker: string; info: string; lines: string[]; close: string; eol: string; tail: string }, seed = 0): string {
  let k = seed;
  const nl = () => (b.eol === 'mixed' ? EOLS[k++ % 3]! : b.eol);
  let s = b.marker + b.info + nl();
  for (const l of b.lines) s += l + nl();
  s += b.close === 'same' ? b.marker : b.close;
  if (b.tail === 'eol') s += nl();
  if (b.tail === 'eol2') s += nl() + nl();
  if (b.tail === 'text') s += nl() + 'after';
  return s;
}

let fastHits = 0;
test('fastCode gives exactly the node remark gives, or nothing', () => {
  let total = 0;
  fc.assert(
    fc.property(fenceBlock, (b) => {
      const body = renderFence(b);
      total++;
      const fast = fastCode(body);
      if (!fast) return;
      fastHits++;
      assert.deepEqual([fast], parseMarkdown(body).children);
    }),
    { numRuns: 3000 },
  );
  // Hand-picked: CRLF, empty blocks, no final line break, a blank line, longer closing fence.
  for (const body of ['```\n```', '```\r\n```\r\n', '```\n\n```\n', '```\n\n\n```', '~~~~ js\r\na\r\n\r\nb\r\n~~~~~  \r\n', '```\ra\r```\r', '```text\nx\n```']) {
    const fast = fastCode(body);
    assert.ok(fast, JSON.stringify(body));
    assert.deepEqual([fast], parseMarkdown(body).children);
  }
  assert.equal(fastCode('```js x\nx\n```'), undefined);
  assert.equal(fastCode('```\nx\n```\n\n'), undefined);
  assert.equal(fastCode('```\n```\nx\n```'), undefined);
  assert.ok(fastHits > total / 10, `fast path taken ${fastHits} of ${total}`);
});

const shape = treeShape;

const BLOCKS = ['# Title\n', '## Section\n', 'Some text.\n', 'text with | pipe\n', '\n', '\n', '\n', '- item\n', '- a\n  ```\n', '  ```\n', '1. step\n   ~~~\n', '> quote\n', '> ```\n', '<div>\n', '<!--\n', '<!-- c -->\n', '-->\n', '<b>x</b> y\n', '<pre>\n', '</pre>\n', '<span>\n', '| a | b |\n|---|---|\n| 1 | 2 |\n', '| 3 | 4 |\n', '```x`y\n', '    code\n', 'Title\n===\n', '***\n', '```\n', '~~~\n',
  // Tables whose header and delimiter disagree (no table for GFM), more rows for group cuts,
  // definitions that resolve references across the whole document, and a log line that is none.
  ' | b |\n|---|---|\n', '| a |\n|---|---|\n| 1 |\n', '| 5 | 6 |\n| 7 | 8 |\n| 9 | 0 |\n', '[ref]: /url\n', '[ref]:\n', '[^1]: a note\n', 'see [ref], [x][ref] and [^1]\n', '[INFO]: starting server\n'];
const docPart = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...BLOCKS) }, { weight: 2, arbitrary: fenceBlock.map((b) => renderFence({ ...b, tail: 'eol' })) });

test('long fenced code blocks get their own chunk, and the tree equals a full parse', () => {
  let docs = 0;
  let fastChunks = 0;
  fc.assert(
    fc.property(fc.array(docPart, { maxLength: 14 }), fc.constantFrom('\n', '\r\n'), fc.boolean(), fc.array(edit, { maxLength: 3 }), (parts, eol, trim, edits) => {
      let text = parts.join('').replace(/\r?\n/g, (m) => (m === '\r\n' ? m : eol));
      if (trim) text = text.replace(/(\r\n|\n|\r)$/, '');
      const parser = new IncrementalParser(2, 6);
      for (let e = 0; e <= edits.length; e++) {
        if (e > 0) {
          const ed = edits[e - 1]!;
          const at = Math.floor(ed.pos * text.length);
          text = text.slice(0, at) + ed.ins + text.slice(Math.min(text.length, at + ed.del));
        }
        docs++;
        const inc = parser.parse(text);
        fastChunks += chunkDocument(text, 2, 6).filter((c) => !c.prefix && fastCode(text.slice(c.start, c.end))).length;
        assert.deepEqual(shape(inc.children), shape(parseMarkdown(text).children), JSON.stringify(text));
      }
    }),
    { numRuns: 1500 },
  );
  console.log(`fenced chunks: ${docs} documents compared with a full parse, ${fastChunks} code chunks built without micromark`);
  assert.ok(fastChunks > 100);
});

test('a 2.5 MB log in a fence is one chunk built without micromark, and an edit elsewhere reuses it', () => {
  let log = '';
  for (let i = 0; i < 40000; i++) log += `2026-09-29T10:00:${String(i % 60).padStart(2, '0')}Z relay[${i}] WARN upstream heartbeat age=${600 + i}s\n`;
  const doc = FINAL.replace('### 3C', '```text\n' + log + '```\n\n### 3C');
  const parser = new IncrementalParser();
  const root = parser.parse(doc);
  const code = root.children.find((n) => n.type === 'code' && n.value.length > 1_000_000);
  assert.ok(code && code.type === 'code');
  assert.equal(code.value, log.slice(0, -1));
  assert.equal(code.lang, 'text');
  assert.deepEqual(key(doc, ((t: string) => parser.parse(t)) as never), key(doc));
  const at = doc.indexOf('Post-mortem initiated');
  const edited = doc.slice(0, at) + 'X' + doc.slice(at);
  parser.parse(edited);
  assert.equal(parser.lastParsed, 1);
});

test('chunk cuts never land inside a block the chunker cannot follow', () => {
  const big = '```\nlog line 1\nlog line 2\n```\n';
  const cases = [
    '```x`y\n```\n# h\n```\n',
    '<pre>\n\n# h\n</pre>\n',
    '<div><!--\n-->\n# h\n',
    '- a\n  ```\n```\n# h\n```\n',
    '<b>x</b> y\n```\n\n# h\n```\n',
    '<span>\n```\n\n# h\n```\n',
    '<!-->\n```\n\n# h\n```\n',
    `<div>\n${big}# h\n`,
    `<b>x</b> y\n\n${big}# h\n`,
    `- a\n  ~~~\n${big}# h\n`,
    `<pre>\n\n${big}</pre>\n# h\n`,
    `text\n${big}text\n`,
    `> q\n\n${big}`,
  ];
  for (const text of cases) {
    for (const t of [text, text.replace(/\n/g, '\r\n')]) {
      const inc = new IncrementalParser(1000, 6).parse(t);
      assert.deepEqual(shape(inc.children), shape(parseMarkdown(t).children), JSON.stringify(t));
    }
  }
});
