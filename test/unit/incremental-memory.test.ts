/**
 * What the incremental parse keeps between versions: the cached chunks' nodes and the rows the
 * model memoizes per mdast row outlive the version they were made from, so none of their strings
 * may be a view of that version's text (core/text.ts `ownCopy`). Otherwise each edit in a new
 * place of a long post-mortem keeps one more copy of the whole text alive (a 5 MB document grew
 * by ≈ 19 MB per edit).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { analyze } from '../../server/src/core/analyze';
import { IncrementalParser } from '../../server/src/core/incremental';
import { EXAMPLES, options, read } from '../helpers/core';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const live = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};

test('editing a long post-mortem in a new place each time keeps no old version alive', () => {
  const base = read(path.join(EXAMPLES, 'post-mortems', 'INC-2026-0042-final.md'));
  const anchor = '### 3C';
  assert.ok(base.includes(anchor));
  // Many tables of two-byte text (监控), each a chunk of its own: each version is ≈ 0.7 MB.
  const tables: string[] = [];
  for (let t = 0; t < 300; t++) {
    const rows = [`| Relay ${t} | State |\n`, '|---|---|\n'];
    for (let i = 0; i < 12; i++) rows.push(`| pool ${t}.${i} — 监控 saw it retrying on every heartbeat of the upstream | \`armed\` since 17:${String(i).padStart(2, '0')} |\n`);
    tables.push(rows.join('') + '\n');
  }
  let text = base.replace(anchor, tables.join('') + anchor);
  const parser = new IncrementalParser();
  const run = (t: string) => analyze(t, options({ parse: (x) => parser.parse(x) }));
  const edit = (table: number) => {
    const at = text.indexOf(' saw it', text.indexOf(`| pool ${table}.5 `));
    text = `${text.slice(0, at)} (ok)${text.slice(at)}`;
    const r = run(text);
    assert.equal(parser.lastParsed, 1);
    return r;
  };
  // Warm up (compiled code, memos), then measure.
  let a = run(text);
  for (let t = 0; t < 5; t++) a = edit(t);
  const before = live();
  const version = text.length * 2;
  const edits = 20;
  for (let k = 0; k < edits; k++) {
    // Another table each time: each edit re-parses another chunk.
    a = edit(10 + k * 14);
  }
  assert.equal(a.isPostmortem, true);
  const grown = live() - before;
  // Kept alive, each version would add its whole text (20 × ≈ 0.7 MB); allow three versions' worth.
  assert.ok(grown < 3 * version, `heap grew by ${(grown / 1e6).toFixed(1)} MB over ${edits} edits (one version is ${(version / 1e6).toFixed(1)} MB)`);
});
