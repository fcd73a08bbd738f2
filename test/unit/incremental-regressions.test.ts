/**
 * Incremental equals full on the shapes that once differed (issue 16: from the CommonMark spec
 * examples): test/fixtures/regressions/incremental/*.md. Each is inserted into the FINAL example at
 * section boundaries, inside prose, before and after the timeline — reached fresh and by an edit
 * sequence (the document without it, with it, edited inside it, without it again) — and the tree
 * (offsets) and the findings must equal a full parse. Small table groups force table cuts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { IncrementalParser } from '../../server/src/core';
import { parseMarkdown } from '../../server/src/core/model';
import { EXAMPLES, REPO, read, run, treeShape } from '../helpers/core';

const DIR = path.join(REPO, 'test', 'fixtures', 'regressions', 'incremental');
const SHAPES = fs.readdirSync(DIR).filter((f) => f.endsWith('.md')).sort();
const FINAL = read(path.join(EXAMPLES, 'post-mortems', 'INC-2026-0042-final.md'));

const shape = treeShape;

const findings = (text: string, parse?: (t: string) => ReturnType<typeof parseMarkdown>) =>
  run(text, parse ? { parse } : {}).findings.map((f) => `${f.start}:${f.end}:${f.code}:${f.severity}:${f.message}`);

/** Insertion points: every section boundary, inside prose, before and after the timeline table. */
function points(doc: string): { name: string; at: number; text: (s: string) => string }[] {
  const out: { name: string; at: number; text: (s: string) => string }[] = [];
  for (let at = doc.indexOf('\n## '); at >= 0; at = doc.indexOf('\n## ', at + 1)) out.push({ name: `before ${doc.slice(at + 1, at + 8)}`, at: at + 1, text: (s) => `${s}\n` });
  const prose = doc.indexOf('The relay that forwards');
  out.push({ name: 'inside prose', at: doc.indexOf('. ', prose) + 2, text: (s) => `\n\n${s}\n` });
  const tl = doc.indexOf('| Time (UTC) |');
  out.push({ name: 'before the timeline', at: tl, text: (s) => `${s}\n` });
  const after = doc.indexOf('\n\n', tl) + 1;
  out.push({ name: 'after the timeline', at: after, text: (s) => `\n${s}` });
  out.push({ name: 'at the end', at: doc.length, text: (s) => `\n${s}` });
  return out;
}

for (const file of SHAPES) {
  const snippet = read(path.join(DIR, file));
  test(`incremental = full: ${file}`, () => {
    for (const p of points(FINAL)) {
      for (const eol of ['\n', '\r\n']) {
        const base = eol === '\n' ? FINAL : FINAL.replace(/\n/g, '\r\n');
        const at = eol === '\n' ? p.at : p.at + FINAL.slice(0, p.at).split('\n').length - 1;
        const ins = p.text(snippet).replace(/\n/g, eol);
        const doc = base.slice(0, at) + ins + base.slice(at);
        const mid = at + Math.floor(ins.length / 2);
        const edited = doc.slice(0, mid) + 'x' + doc.slice(mid + 1);
        const where = `${file} ${p.name} ${JSON.stringify(eol)}`;
        // Fresh, and by an edit sequence on one parser.
        for (const seq of [[doc], [base, doc, edited, doc, base]]) {
          const parser = new IncrementalParser(2, 16);
          for (const text of seq) {
            const inc = parser.parse(text);
            assert.deepEqual(shape(inc.children), shape(parseMarkdown(text).children), `tree: ${where}`);
            assert.deepEqual(findings(text, (t) => parser.parse(t)), findings(text), `findings: ${where}`);
          }
        }
      }
    }
  });
}
