/**
 * PM007 and the timeline sort read the timeline one way (the model's timeline,
 * values.ts times): the longest chronological run, one finding per mistyped
 * time, `## Timeline` without its number, fenced tables, and a property: PM007's
 * fix clears every PM007 finding and changes nothing but the timeline's rows.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { applyEdits, type Analysis } from '../../server/src/core';
import { findTables, findTimelineTable, formatDocument, sortTimelineRows } from '../../server/src/core/format';
import { longestChronologicalRun } from '../../server/src/core/timeline';
import { REPO, run } from '../helpers/core';

const FINAL = fs.readFileSync(path.join(REPO, 'examples', 'post-mortems', 'INC-2026-0042-final.md'), 'utf8');
const ROWS = /^\| (?:2026-09-2\d )?\d\d:\d\d \|.*\n/gm;
const FIRST_ROW = FINAL.search(ROWS);

/** The FINAL example with its timeline rows replaced. */
function withTimeline(rows: string[], heading = '## 2. Timeline'): string {
  const body = FINAL.replace(ROWS, '');
  return (body.slice(0, FIRST_ROW) + rows.map((r) => r + '\n').join('') + body.slice(FIRST_ROW)).replace('## 2. Timeline', heading);
}

function pm007(a: Analysis) {
  return a.findings.filter((f) => f.code === 'PM007');
}

test('the longest chronological run: non-decreasing, unreadable rows skipped, ties keep the earlier rows', () => {
  assert.deepEqual(longestChronologicalRun([]), []);
  assert.deepEqual(longestChronologicalRun([undefined, undefined]), []);
  assert.deepEqual(longestChronologicalRun([5, 5, 5]), [0, 1, 2]);
  assert.deepEqual(longestChronologicalRun([1, 2, 10, 11, 3, 4, 5]), [0, 1, 4, 5, 6]);
  assert.deepEqual(longestChronologicalRun([1, 16, 3, 4]), [0, 2, 3], 'one mistyped time is left out');
  assert.deepEqual(longestChronologicalRun([2, 1]), [0], 'a tie keeps the earlier row');
  assert.deepEqual(longestChronologicalRun([1, 3, 2, 4]), [0, 1, 3]);
  assert.deepEqual(longestChronologicalRun([3, undefined, 1, 2, undefined, 4]), [2, 3, 5]);
});

test('one mistyped time gives exactly one PM007, on that row, naming its neighbours', () => {
  const rows = ['| 2026-09-28 14:00 | a | x |', '| 14:02 | b | x |', '| 14:05 | c | x |', '| 14:07 | d | x |', '| 14:09 | e | x |'];
  for (let i = 0; i < rows.length; i++) {
    const typo = [...rows];
    typo[i] = typo[i]!.replace(/14:0(\d)/, '16:0$1').replace('2026-09-28 14:00', '2026-09-28 16:00');
    const a = run(withTimeline(typo));
    const f = pm007(a);
    // The last row mistyped later is still in order.
    if (i === rows.length - 1) {
      assert.deepEqual(f, []);
      continue;
    }
    assert.equal(f.length, 1, `typo in row ${i + 1}: ${f.map((x) => x.message).join(' / ')}`);
    // Only one row follows it: "16:07, 14:09" could be either row's mistake; the tie keeps the earlier row.
    const flagged = i === rows.length - 2 ? i + 1 : i;
    assert.equal(f[0]!.start, a.model.timeline[flagged]!.time.start, 'the finding is on the mistyped row');
  }
  const a = run(withTimeline(['| 2026-09-28 14:00 | a | x |', '| 14:02 | b | x |', '| 16:05 | c | x |', '| 14:07 | d | x |', '| 14:09 | e | x |']));
  assert.deepEqual(
    pm007(a).map((f) => f.message),
    ['Timeline row 3 (16:05) is out of order between row 2 (14:02) and row 4 (14:07); expected chronological order'],
  );
  assert.deepEqual(
    pm007(a)[0]!.related?.map((r) => a.text.slice(r.start, r.end)),
    ['14:02', '14:07'],
  );
  const early = run(withTimeline(['| 2026-09-28 14:00 | a | x |', '| 14:02 | b | x |', '| 2026-09-28 13:05 | c | x |']));
  assert.deepEqual(
    pm007(early).map((f) => f.message),
    ['Timeline row 3 (2026-09-28 13:05) is earlier than row 2 (14:02) above it; expected chronological order'],
  );
});

test('## Timeline without its number: Format Document formats and sorts it, PM007 finds and fixes it', () => {
  const text = withTimeline(['| 2026-09-28 14:52 | a | x |', '|15:10|b|x|', '| 15:01 | c | x |'], '## Timeline');
  const table = findTimelineTable(findTables(text));
  assert.ok(table, 'the model decides: ## Timeline is the timeline');
  const formatted = applyEdits(text, formatDocument(text, { scope: 'timeline', sortByTime: true }));
  assert.ok(
    formatted.includes('| 2026-09-28 14:52 | a     | x     |\n| 15:01            | c     | x     |\n| 15:10            | b     | x     |\n'),
    formatted.slice(table.start - 10, table.end + 200),
  );
  const a = run(text);
  const f = pm007(a);
  assert.equal(f.length, 1);
  const fix = f[0]!.fixes?.[0];
  assert.ok(fix, 'PM007 carries the sort fix');
  const fixed = applyEdits(text, fix.edits);
  assert.ok(fixed.includes('| 2026-09-28 14:52 | a | x |\n| 15:01 | c | x |\n|15:10|b|x|\n'));
  assert.deepEqual(pm007(run(fixed)), []);
});

test('a fenced example table is never the timeline, nor formatted', () => {
  const fenced = '```markdown\n| Time (UTC) | Event | Actor |\n|---|---|---|\n| 99:99 | example | x |\n```\n\n';
  const text = withTimeline(['| 2026-09-28 14:52 | a | x |', '| 14:50 | b | x |']).replace('| Time (UTC) |', fenced + '| Time (UTC) |');
  const a = run(text);
  assert.equal(a.model.timeline.length, 2);
  assert.equal(pm007(a).length, 1);
  const out = applyEdits(text, formatDocument(text, { scope: 'all', sortByTime: true }));
  assert.ok(out.includes(fenced), 'the fence is untouched');
  assert.deepEqual(pm007(run(out)), []);
});

// ---------------------------------------------------------------------------
// Property: the fix clears every PM007 finding and moves only timeline rows.

const RUNS = Number(process.env.PM007_RUNS ?? 200);

const timeCell = fc.oneof(
  { weight: 6, arbitrary: fc.record({ d: fc.integer({ min: 27, max: 29 }), h: fc.integer({ min: 0, max: 23 }), m: fc.integer({ min: 0, max: 59 }), form: fc.constantFrom(' ', 'T', 'Z', ' UTC') }).map(({ d, h, m, form }) => {
    const hm = `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
    return form === 'T' ? `2026-09-${d}T${hm}` : form === 'Z' ? `2026-09-${d}T${hm}Z` : `2026-09-${d} ${hm}${form.trim() ? form : ''}`;
  }) },
  { weight: 6, arbitrary: fc.record({ h: fc.integer({ min: 0, max: 23 }), m: fc.integer({ min: 0, max: 59 }) }).map(({ h, m }) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`) },
  { weight: 2, arbitrary: fc.constantFrom('TBD', '', '___', '2026-09-28 10:00 PST', '9:5', '14:00 CET', '2026-09-28 25:00', '`14:00`') },
);

const timelineDoc = fc
  .record({
    rows: fc.array(fc.tuple(timeCell, fc.constantFrom('', ' ', '  ')), { minLength: 0, maxLength: 9 }),
    heading: fc.constantFrom('## 2. Timeline', '## Timeline', '## 2) Timeline'),
    firstDetected: fc.constantFrom('2026-09-28 14:52 UTC', '___', '2026-09-27 23:00 UTC'),
    comment: fc.option(fc.nat(), { nil: undefined }),
    eol: fc.constantFrom('\n', '\r\n', '\r'),
  })
  .map(({ rows, heading, firstDetected, comment, eol }) => {
    const lines = rows.map(([t, indent], i) => `${indent}| ${t} | event ${i} | actor |`);
    // A suppression comment between two rows: masked by the analysis, it stays where it is.
    if (comment !== undefined && lines.length > 1) lines.splice(1 + (comment % (lines.length - 1)), 0, '<!-- postmortem-disable-next-line PM014 -->');
    return withTimeline(lines, heading).replace('| First detected (UTC) | 2026-09-28 14:52 UTC |', `| First detected (UTC) | ${firstDetected} |`).replace(/\n/g, eol);
  });

function lines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

test(`property: PM007's fix clears every PM007 finding and changes only timeline rows (${RUNS} runs)`, () => {
  let found = 0;
  let fixed = 0;
  fc.assert(
    fc.property(timelineDoc, (text) => {
      const a = run(text);
      assert.deepEqual(a.internalErrors, []);
      const findings = pm007(a);
      if (findings.length === 0) return;
      found++;
      // Only the first finding carries the fix (it rewrites the rows between the first and last it moves).
      const fixes = findings.flatMap((f) => f.fixes ?? []);
      assert.ok(fixes.length <= 1);
      if (fixes.length === 0) {
        // Refused only when sorting would change what a time-only row means.
        assert.equal(sortTimelineRows(text, a.model), undefined);
        return;
      }
      assert.ok(findings[0]!.fixes, 'the fix is on the first finding');
      fixed++;
      const out = applyEdits(text, fixes[0]!.edits);
      assert.deepEqual(pm007(run(out)), [], 'no PM007 after the fix');
      // Same line breaks; every line that is not a timeline row is unchanged and in place.
      assert.deepEqual(out.match(/\r\n|\r|\n/g), text.match(/\r\n|\r|\n/g));
      const rowLines = new Set(a.model.timeline.map((r) => a.lines.positionAt(r.row.start).line));
      const before = lines(text);
      const after = lines(out);
      assert.equal(after.length, before.length);
      before.forEach((l, i) => {
        if (!rowLines.has(i)) assert.equal(after[i], l, `line ${i} is not a timeline row`);
      });
      const moved = (ls: string[]) => ls.filter((_, i) => rowLines.has(i)).sort();
      assert.deepEqual(moved(after), moved(before), 'timeline rows are only reordered, byte for byte');
    }),
    { numRuns: RUNS },
  );
  console.log(`PM007 fix: ${RUNS} runs, ${found} with findings, ${fixed} fixed`);
  assert.ok(fixed > 0);
});
