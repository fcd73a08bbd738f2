/**
 * The incremental parser gives the same findings as a full parse, on random
 * edit sequences over documents with long tables, fences, HTML and headings.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import * as path from 'node:path';
import { IncrementalParser, chunkDocument } from '../../server/src/core';
import { EXAMPLES, read, run } from '../helpers/core';

const FINAL = read(path.join(EXAMPLES, 'post-mortems', 'INC-2026-0042-final.md'));
let rowsText = '';
for (let i = 0; i < 25; i++) rowsText += `| 2026-09-29 ${String(10 + (i % 12)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')} | event ${i} \`a|b\` 🚀 | bot |\n`;
const BIG = FINAL.replace('| 2026-09-29 09:00 | Post-mortem initiated | Dana Whitfield |\n', `| 2026-09-29 09:00 | Post-mortem initiated | Dana Whitfield |\n${rowsText}`);

const SNIPPETS = ['\n## 5. What Went Well\n', '\n```\n## not a heading\n', '\n```\n', '<!--\n', '-->\n', '<div>\n', '\n\n', '| x | y |\n', '|---|---|\n', '| 09:00 | e | a |\n', '# Title\n', '- item\n', '> quote\n', '**Status:** FINAL\n', '\r\n', 'text ', '|', '`', '~~~\n'];

const edit = fc.record({ pos: fc.double({ min: 0, max: 1, noNaN: true }), del: fc.nat(40), ins: fc.oneof(fc.constantFrom(...SNIPPETS), fc.string({ maxLength: 8 })) });

function key(text: string, parse?: (t: string) => never) {
  const a = run(text, parse ? { parse } : {});
  return a.findings.map((f) => `${f.start}:${f.end}:${f.code}:${f.severity}:${f.message}`);
}

let cases = 0;
test('incremental parse = full parse, on random edit sequences', () => {
  fc.assert(
    fc.property(fc.constantFrom(FINAL, BIG), fc.array(edit, { minLength: 1, maxLength: 6 }), (doc, edits) => {
      const parser = new IncrementalParser(4);
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
