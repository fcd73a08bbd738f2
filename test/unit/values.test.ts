import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatDuration, isPlaceholder, isUsdAmount, readDate, readDuration, readTimestamp } from '../../server/src/core/values';

test('placeholders', () => {
  for (const p of ['', '-', '___', 'Duration: ___', '*(describe or "None")*', '*Describe what happened.*', 'YES / NO']) {
    assert.equal(isPlaceholder(p, ['YES', 'NO']), true, p);
  }
  for (const v of ['NO', 'None', 'alice', '2h 15m', '*important*']) assert.equal(isPlaceholder(v, ['YES', 'NO']), false, v);
});

test('UTC timestamps in every accepted spelling', () => {
  for (const v of ['2026-03-14 09:30 UTC', '2026-03-14 09:30:15 UTC', '2026-03-14T09:30Z', '2026-03-14T09:30:00Z', '2026-03-14T09:30+00:00', '2026-03-14 09:30+00:00']) {
    assert.equal(readTimestamp(v, false).kind, 'utc', v);
  }
  assert.equal(readTimestamp('2026-03-14 09:30', true).kind, 'utc');
  assert.equal(readTimestamp('2026-03-14 09:30', false).kind, 'unreadable');
  assert.equal(readTimestamp('09:30', true, true).kind, 'time-only');
  assert.equal(readTimestamp('09:30', true, false).kind, 'unreadable');
});

test('non-UTC times convert with luxon when the zone is unambiguous', () => {
  const pdt = readTimestamp('2026-09-28 07:52 PDT', true);
  assert.equal(pdt.kind, 'non-utc');
  assert.equal(pdt.utc?.toFormat('yyyy-MM-dd HH:mm'), '2026-09-28 14:52');
  const est = readTimestamp('2026-01-15 07:00 ET', true);
  assert.equal(est.utc?.toFormat('HH:mm'), '12:00');
  const off = readTimestamp('2026-03-14T09:30+02:00', true);
  assert.equal(off.kind, 'non-utc');
  assert.equal(off.utc?.toFormat('HH:mm'), '07:30');
  const iana = readTimestamp('2026-07-01 12:00 America/New_York', true);
  assert.equal(iana.utc?.toFormat('HH:mm'), '16:00');
  const ampm = readTimestamp('2026-09-28 7:52 PM PDT', true);
  assert.equal(ampm.utc?.toFormat('yyyy-MM-dd HH:mm'), '2026-09-29 02:52');
  const ist = readTimestamp('2026-09-28 07:52 IST', true);
  assert.equal(ist.kind, 'non-utc');
  assert.equal(ist.utc, undefined);
  assert.equal(readTimestamp('07:52 PDT', true, true).kind, 'non-utc');
  assert.equal(readTimestamp('2026-09-28 07:52 local', true).kind, 'non-utc');
});

test('dates: ISO only; unambiguous spellings get a rewrite', () => {
  assert.equal(readDate('2026-03-14').kind, 'date');
  assert.equal(readDate('2026-02-30').kind, 'unreadable');
  assert.equal(readDate('October 2, 2026').isoRewrite, '2026-10-02');
  assert.equal(readDate('14/03/2026').isoRewrite, '2026-03-14');
  assert.equal(readDate('2 Oct 2026').isoRewrite, '2026-10-02');
  assert.equal(readDate('03/04/2026').isoRewrite, undefined);
  assert.equal(readDate('next sprint').isoRewrite, undefined);
});

test('durations and money', () => {
  assert.equal(readDuration('2h 15m'), 135);
  assert.equal(readDuration('45m'), 45);
  assert.equal(readDuration('1d 3h'), 1620);
  assert.equal(readDuration('135 minutes'), 135);
  assert.equal(readDuration('2 hours'), 120);
  assert.equal(readDuration('about two hours'), undefined);
  assert.equal(formatDuration(135), '2h 15m');
  assert.equal(formatDuration(1440), '1d');
  assert.equal(formatDuration(0), '0m');
  for (const v of ['None', '$1,250,000', 'USD 2.5M', '$500k', '$0']) assert.equal(isUsdAmount(v), true, v);
  for (const v of ['1,250,000', '€500', '$1,25,000', 'about a million']) assert.equal(isUsdAmount(v), false, v);
});

test('a plain time of day (read without regular expressions) reads as the general reading does', () => {
  // A leading blank skips the plain path (its first character is no digit); trimming makes it the same cell.
  const general = (s: string) => readTimestamp(` ${s}`, true, true);
  let plain = 0;
  for (const h of ['0', '7', '00', '09', '23', '24', '29', '1x', '123']) {
    for (const m of ['00', '5', '59', '60', '99', 'x0']) {
      for (const s of ['', ':00', ':59', ':60', ':5', ':5x', ':000', 'Z', ' UTC']) {
        const cell = `${h}:${m}${s}`;
        const r = readTimestamp(cell, true, true);
        assert.deepEqual(r, general(cell), cell);
        if (r.kind === 'time-only') plain++;
      }
    }
  }
  // Not vacuous: many cells are readable times (the plain path's), many are not.
  assert.ok(plain > 40, `${plain} readable`);
  assert.deepEqual(readTimestamp('17:20:01', true, true), { kind: 'time-only', secondsOfDay: 62401, hasSeconds: true });
  assert.deepEqual(readTimestamp('7:05', true, true), { kind: 'time-only', secondsOfDay: 25500, hasSeconds: false });
  assert.equal(readTimestamp('24:00', true, true).kind, 'unreadable');
});

test('isoDay and clockTime write what luxon toFormat writes', async () => {
  const fc = (await import('fast-check')).default;
  const { DateTime } = await import('luxon');
  const { clockTime, isoDay } = await import('../../server/src/core/values');
  fc.assert(
    fc.property(fc.integer({ min: -62_000_000_000_000, max: 253_402_300_799_000 }), fc.constantFrom('utc', 'Europe/Berlin', 'America/Los_Angeles'), (ms, zone) => {
      const dt = DateTime.fromMillis(ms, { zone });
      assert.equal(isoDay(dt), dt.toFormat('yyyy-MM-dd'));
      assert.equal(clockTime(dt, false), dt.toFormat('HH:mm'));
      assert.equal(clockTime(dt, true), dt.toFormat('HH:mm:ss'));
    }),
    { numRuns: 2000 },
  );
});
