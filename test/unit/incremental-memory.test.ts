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

/** A WeakRef's target stays alive until the current job ends: collect after the next turn. */
const collectedLater = async () => {
  await new Promise<void>((resolve) => setImmediate(resolve));
  live();
};

test('a new version of a long document lets the previous version go (the formatter keeps one model of it)', async () => {
  const base = read(path.join(EXAMPLES, 'post-mortems', 'INC-2026-0042-final.md'));
  const anchor = '### 3C';
  // ≈ 1.2 M characters: two versions are more than the formatter's memo keeps.
  const table = ['| Relay | State |\n', '|---|---|\n'];
  for (let i = 0; i < 15_000; i++) table.push(`| pool ${i} saw it retrying on every heartbeat of upstream | armed since 17:${String(i % 60).padStart(2, '0')} |\n`);
  const long = base.replace(anchor, table.join('') + '\n' + anchor);
  assert.ok(long.length > 1_100_000);
  const parser = new IncrementalParser();
  const run = (t: string) => analyze(t, options({ parse: (x) => parser.parse(x) }));
  const first = new WeakRef(run(long).model);
  const second = run(long.replace('pool 6000 saw', 'pool 6000 (ok) saw'));
  await collectedLater();
  assert.equal(first.deref(), undefined, 'the first version\'s model is still alive');
  assert.equal(second.isPostmortem, true);

  // Short documents: the last two models stay (formatting, checking the result and sorting share one parse).
  const small = new WeakRef(run(base).model);
  run(base.replace('## 1. Incident Summary', '## 1. Incident Summary ')); // another text
  await collectedLater();
  assert.notEqual(small.deref(), undefined, 'the previous short version\'s model was dropped');
});
