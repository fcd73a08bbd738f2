/**
 * Inlay hints: durations computed from the document's own UTC times, written the way the
 * template writes durations (`2h 15m`, `1d 3h`):
 * - after Total duration, the computed Incident resolved − Incident opened when the cell is empty,
 *   a placeholder, or says something else;
 * - after each timeline time, the time since First detected (`+7m`, `-3m` before it);
 * - after Incident opened and Incident resolved, the time to open (since First detected) and to
 *   resolve (since Incident opened): the definitions `postmortem-lint stats` and the preview use.
 * Only readable UTC times count (a time-only timeline cell takes the date of the row above, as the
 * rules read it): an unreadable or non-UTC value never gets a hint, and neither do its neighbours'
 * differences to it. When the document writes seconds, a difference keeps its seconds.
 */
import type { DateTime } from 'luxon';
import type { Analysis } from './analyze';
import type { InlayHintSettings } from './types';
import { formatDuration, isPlaceholder, readDuration } from './values';
import { summaryInstant, timelineInstants } from './rules/shared';

export interface InlayHintEntry {
  /** Where the hint is shown: right after the value it is about. */
  offset: number;
  label: string;
  tooltip: string;
}

/** `2h 15m` (template form); with `withSeconds`, a remainder of seconds is kept (`7m 30s`). */
export function formatSpan(seconds: number, withSeconds: boolean): string {
  const sign = seconds < 0 ? '-' : '';
  const abs = Math.abs(Math.round(seconds));
  const rest = withSeconds ? abs % 60 : 0;
  const minutes = withSeconds ? Math.floor(abs / 60) : Math.round(abs / 60);
  if (rest === 0) return sign + formatDuration(minutes);
  return sign + (minutes > 0 ? `${formatDuration(minutes)} ${rest}s` : `${rest}s`);
}

const seconds = (from: DateTime, to: DateTime) => to.diff(from, 'seconds').seconds;

/** The hints of `a` whose offset lies in [start, end] (default: the whole document). */
export function inlayHints(a: Analysis, settings: InlayHintSettings, range: { start: number; end: number } = { start: 0, end: a.text.length }): InlayHintEntry[] {
  if (!a.isPostmortem) return [];
  const m = a.model;
  const out: InlayHintEntry[] = [];
  const add = (h: InlayHintEntry) => {
    if (h.offset >= range.start && h.offset <= range.end) out.push(h);
  };
  const detected = summaryInstant(m, 'firstDetected');
  const opened = summaryInstant(m, 'incidentOpened');
  const resolved = summaryInstant(m, 'incidentResolved');

  if (settings.totalDuration) {
    const row = m.summary.totalDuration;
    if (row && opened && resolved && resolved >= opened) {
      const minutes = seconds(opened, resolved) / 60;
      const text = row.value.text;
      const stated = text === '' || isPlaceholder(text) ? undefined : readDuration(text);
      const computed = formatDuration(minutes);
      if (stated === undefined || Math.abs(stated - minutes) >= 1) {
        add({
          offset: row.value.end,
          label: stated === undefined && (text === '' || isPlaceholder(text)) ? `= ${computed}` : `≠ ${computed}`,
          tooltip: `Incident resolved − Incident opened = ${computed}`,
        });
      }
    }
  }

  if (settings.summary && detected) {
    const withSeconds = (key: 'incidentOpened' | 'incidentResolved') => /\d:\d\d:\d\d/.test(m.summary[key]?.value.text ?? '');
    const pairs = [
      ['incidentOpened', detected, 'firstDetected', opened, 'time to open', 'First detected'],
      ['incidentResolved', opened, 'incidentOpened', resolved, 'time to resolve', 'Incident opened'],
    ] as const;
    for (const [key, from, fromKey, at, what, since] of pairs) {
      const row = m.summary[key];
      if (!row || !at || !from) continue;
      const span = formatSpan(seconds(from, at), withSeconds(key) || /\d:\d\d:\d\d/.test(m.summary[fromKey]?.value.text ?? ''));
      add({ offset: row.value.end, label: `${what} ${span}`, tooltip: `${what[0]!.toUpperCase()}${what.slice(1)}: ${span} since ${since}` });
    }
  }

  if (settings.timeline && detected && m.timeline.length > 0) {
    // Rows outside the range are skipped before any arithmetic: a long timeline costs only its visible rows.
    const rows = m.timeline;
    // Read once per model (timeline.ts): an editor asks for the hints of each screen it scrolls to.
    const instants = timelineInstants(m);
    const detectedMs = detected.toMillis();
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      if (row.time.end < range.start || row.time.end > range.end) continue;
      const t = instants[i]!;
      if (t.instant === undefined) continue;
      const span = formatSpan((t.instant - detectedMs) / 1000, t.read.hasSeconds === true);
      add({ offset: row.time.end, label: span.startsWith('-') ? span : `+${span}`, tooltip: `${span.replace(/^-/, '')} ${span.startsWith('-') ? 'before' : 'after'} First detected` });
    }
  }
  return out.sort((x, y) => x.offset - y.offset);
}
