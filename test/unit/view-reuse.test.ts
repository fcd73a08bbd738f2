/**
 * The view reuses the previous view's timeline row objects when a row's texts are unchanged
 * (core/view.ts `timelineJson`): whatever came before, a view must equal the one built fresh.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { buildModel } from '../../server/src/core/model';
import { buildView } from '../../server/src/core/view';
import { EXAMPLES, read } from '../helpers/core';

const json = (text: string) => buildView(buildModel(text)).json;

test('a view after other views equals the view built fresh (timeline rows reused only when unchanged)', () => {
  const base = read(path.join(EXAMPLES, 'post-mortems', 'INC-2026-0042-final.md'));
  const row = '| 17:16 | Incident resolved | Priya Raman |';
  assert.ok(base.includes(row));
  const variants = [
    base,
    base.replace(row, '| 17:16 | Incident resolved (ok) | Priya Raman |'),
    base.replace(row, '| 17:16 | [TODO] | Priya Raman |'), // a placeholder: null in the view
    base.replace(row, `${row}\n| 17:17 | One more | system |`),
    base.replace(row, ''),
  ];
  const fresh = variants.map((v) => JSON.stringify(json(v)));
  // Not vacuous: the variants' views differ.
  assert.equal(new Set(fresh).size, variants.length);
  for (const order of [[0, 1, 0, 2, 3, 4, 1, 0], [4, 3, 2, 1, 0, 0, 2, 2]]) {
    for (const i of order) assert.equal(JSON.stringify(json(variants[i]!)), fresh[i], `variant ${i}`);
  }
});

test('pointers.at(offset) is the first pointer holding the offset, in iteration order (hover bisects the timeline)', async () => {
  const { generate } = await import('../../bench/generate');
  const texts = [
    read(path.join(EXAMPLES, 'post-mortems', 'INC-2026-0042-final.md')),
    // A ragged row (a missing cell reads as an empty value at the row's end) and a long timeline.
    read(path.join(EXAMPLES, 'post-mortems', 'INC-2026-0042-final.md')).replace('| 17:16 | Incident resolved | Priya Raman |', '| 17:16 | Incident resolved |'),
    generate(60_000),
  ];
  for (const text of texts) {
    const { pointers } = buildView(buildModel(text));
    const all = [...pointers];
    const first = (offset: number) => all.find(([, p]) => offset >= p.val.start && offset <= p.val.end);
    // Every value's edges and middle, and every 7th offset of the document.
    const offsets = new Set<number>();
    for (const [, p] of all) for (const o of [p.val.start - 1, p.val.start, (p.val.start + p.val.end) >> 1, p.val.end, p.val.end + 1]) offsets.add(o);
    for (let o = 0; o <= text.length; o += 7) offsets.add(o);
    for (const o of offsets) assert.deepEqual(pointers.at(o), first(o), `offset ${o}`);
  }
});

test('a long prose section reads the same whatever was joined before (proseText memoizes long joins by content)', async () => {
  const { proseText } = await import('../../server/src/core/view');
  const para = (k: number) => `Paragraph ${k}: ${'the relay retried on every heartbeat of the upstream pool. '.repeat(30)}`;
  const prose = (paras: string[]) => ({ start: 0, end: 0, bodyStart: 0, body: '', blocks: paras.map((text) => ({ type: 'paragraph', start: 0, end: 0, text: `  ${text}\n` })) });
  const expected = (paras: string[]) => paras.map((p) => p.trim()).join('\n\n').trim() || null;
  const a = Array.from({ length: 60 }, (_, k) => para(k));
  const b = a.map((p, k) => (k === 30 ? p.replace('relay', 'reLay') : p)); // same length, one letter differs
  const c = a.filter((_, k) => k !== 10);
  const d = [...a.slice(0, 59), a[59]!.slice(0, -2) + '\n\n' + 'x']; // the same text cut into other parts
  for (const paras of [a, b, a, c, b, d, a]) assert.equal(proseText(prose(paras) as never), expected(paras));
});
