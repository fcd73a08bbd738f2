/**
 * The Markdown preview plugin (client/src/pure/preview.ts) rendered by markdown-it, the library
 * VS Code's preview uses (present in node_modules as a dependency of the dev tools, no types).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { durationText, postmortemPreview, readTimelineTimes, readUtc, type MarkdownItLike } from '../../client/src/pure/preview';
import { TEMPLATE_1_1 } from '../../server/src/core/template';
import { EXAMPLES, read } from '../helpers/core';

interface MarkdownIt extends MarkdownItLike {
  use(plugin: (md: MarkdownItLike) => void): MarkdownIt;
  render(src: string): string;
}
const MarkdownItCtor = createRequire(__filename)('markdown-it') as new (options?: object) => MarkdownIt;
const render = (src: string, options: object = {}) => new MarkdownItCtor(options).use(postmortemPreview).render(src);

const FINAL = read(path.join(EXAMPLES, 'post-mortems', 'INC-2026-0042-final.md'));

test('the FINAL example: a FINAL badge and the key times under the title', () => {
  const html = render(FINAL);
  const title = html.indexOf('<h1>Incident Post-Mortem</h1>');
  const header = html.indexOf('<div class="postmortem-preview-header"');
  assert.ok(title >= 0 && header > title, 'the header follows the title');
  assert.ok(header < html.indexOf('<strong>Incident ID:</strong>'), 'and comes before the header fields');
  assert.match(html, /<span class="postmortem-status" role="status" aria-label="Status: FINAL"[^>]*background:var\(--vscode-charts-green, #388a34\)">FINAL<\/span>/);
  for (const [k, v] of [
    ['Detected', '2026-09-28 14:52 UTC'],
    ['Opened', '2026-09-28 15:01 UTC'],
    ['Resolved', '2026-09-28 17:16 UTC'],
    ['Time to open', '9m'],
    ['Time to resolve', '2h 15m'],
  ]) {
    assert.match(html, new RegExp(`<dt[^>]*>${k}</dt><dd[^>]*>${v}</dd>`), k);
  }
});

test('the FINAL example: an accessible SVG strip right above the Timeline table', () => {
  const html = render(FINAL);
  const strip = html.indexOf('<figure class="postmortem-timeline"');
  const timelineHeading = html.indexOf('2. Timeline</h2>');
  const tableAfter = html.indexOf('<table>', strip);
  assert.ok(timelineHeading >= 0 && strip > timelineHeading, 'below the Timeline heading');
  assert.ok(html.slice(strip, tableAfter).endsWith('</figure>\n'), 'immediately above the table');
  assert.match(html.slice(tableAfter, tableAfter + 200), /Time \(UTC\)/);
  assert.equal((html.match(/<svg /g) ?? []).length, 1, 'one strip (the summary table is not a timeline)');
  const svg = html.slice(strip, tableAfter);
  assert.match(svg, /role="img" aria-labelledby="(pm-timeline-\d+)-title \1-desc"/);
  assert.equal((svg.match(/<circle /g) ?? []).length, 10, 'one dot per timeline row');
  assert.match(svg, /<desc id="pm-timeline-\d+-desc">Timeline: 10 events from 2026-09-28 14:52 UTC to 2026-09-29 09:00 UTC \(18h 8m\); detected 2026-09-28 14:52 UTC, opened 2026-09-28 15:01 UTC, resolved 2026-09-28 17:16 UTC\.<\/desc>/);
  assert.match(svg, /<figcaption[^>]*>Timeline: 10 events/);
  assert.match(svg, /<title>2026-09-28 15:40 UTC — Root cause identified: expired API key on the primary oracle relay<\/title>/);
  assert.match(svg, /var\(--vscode-charts-red, #e51400\)/, 'theme colours with fallbacks');
  // The events are in time order along the axis: x grows with the time.
  const xs = [...svg.matchAll(/<circle cx="([\d.]+)"/g)].map((m) => Number(m[1]));
  assert.deepEqual(xs, [...xs].sort((a, b) => a - b));
  assert.equal(xs[0], 20);
  assert.equal(xs.at(-1), 980);
});

test('the untouched template: "Status not set", no times, no strip', () => {
  const html = render(TEMPLATE_1_1);
  assert.match(html, /aria-label="Status: Status not set"/);
  assert.match(html, /<dt[^>]*>Time to resolve<\/dt><dd[^>]*>—<\/dd>/);
  assert.doesNotMatch(html, /<svg/);
});

test('a document that is not a post-mortem renders as without the plugin', () => {
  const src = '# Notes\n\n**Status:** FINAL\n\n| Time (UTC) | Event |\n|---|---|\n| 2026-01-01 10:00 UTC | a |\n| 11:00 | b |\n';
  assert.equal(render(src), new MarkdownItCtor().render(src));
});

test('text is escaped; a non-UTC time is shown as — and left out of the strip', () => {
  const src = FINAL.replace('| Incident opened (UTC) | 2026-09-28 15:01 UTC |', '| Incident opened (UTC) | 2026-09-28 17:01 CEST |')
    .replace('**Status:** FINAL', '**Status:** <b>FINALISED</b>')
    .replace('| 15:04 | First responder acknowledged |', '| 3pm | First <script>alert(1)</script> acknowledged |');
  const html = render(src);
  assert.match(html, /aria-label="Status: &lt;b&gt;FINALISED&lt;\/b&gt;"/);
  assert.match(html, /<dt[^>]*>Opened<\/dt><dd[^>]*>—<\/dd>/);
  assert.match(html, /<dt[^>]*>Time to open<\/dt><dd[^>]*>—<\/dd>/);
  assert.match(html, /1 row without a readable UTC time not shown/);
  assert.doesNotMatch(html.slice(html.indexOf('<figure'), html.indexOf('</figure>')), /<script>/);
  assert.equal((html.match(/<circle /g) ?? []).length, 9);
});

test('readers: UTC forms, time-only rows carry the date of the row above', () => {
  assert.equal(readUtc('2026-09-28 14:52 UTC'), Date.UTC(2026, 8, 28, 14, 52));
  assert.equal(readUtc('2026-09-28T14:52:30Z'), Date.UTC(2026, 8, 28, 14, 52, 30));
  assert.equal(readUtc('2026-02-30 10:00 UTC'), undefined);
  assert.equal(readUtc('2026-09-28 14:52 PST'), undefined);
  const first = Date.UTC(2026, 8, 28, 14, 52);
  assert.deepEqual(readTimelineTimes(['14:58', '2026-09-29 01:00', '02:00', 'soon'], first), [
    Date.UTC(2026, 8, 28, 14, 58),
    Date.UTC(2026, 8, 29, 1, 0),
    Date.UTC(2026, 8, 29, 2, 0),
    undefined,
  ]);
  assert.equal(durationText(135 * 60_000), '2h 15m');
  assert.equal(durationText(0), '0m');
});

test('markdown-it with html: false still shows the plugin output (html_block tokens are the plugin\'s)', () => {
  assert.match(render(FINAL, { html: false }), /<svg /);
});
