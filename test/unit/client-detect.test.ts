/** Client: which documents are post-mortems (the core's line scan, client/src/pure/detect.ts) and the placeholder test. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TEMPLATE_1_1 } from '../../server/src/core/template';
import { firstHeading } from '../../server/src/core';
import { isPlaceholder } from '../../server/src/core/placeholders';
import { hasPostmortemTitle, isPostmortemText, matchesFiles } from '../../client/src/pure/detect';
import { DEFAULT_SETTINGS } from '../../shared/src/settings';

const GLOBS = DEFAULT_SETTINGS.files;

test('firstHeading: ATX, setext, skips code fences and front matter-like text', () => {
  assert.equal(firstHeading('# Incident Post-Mortem\n'), 'Incident Post-Mortem');
  assert.equal(firstHeading('\uFEFF## Title ##\n'), 'Title');
  assert.equal(firstHeading('Some text\n\nIncident Post-Mortem\n===\n'), 'Incident Post-Mortem');
  assert.equal(firstHeading('```\n# not a heading\n```\n# Real\n'), 'Real');
  assert.equal(firstHeading('no heading at all'), undefined);
  assert.equal(firstHeading('- item\n---\n'), undefined, 'a list item over a rule is not a setext heading');
});

test('post-mortem detection: title (case, emphasis, hyphen) or a files glob', () => {
  assert.equal(hasPostmortemTitle(TEMPLATE_1_1), true);
  assert.equal(hasPostmortemTitle('# **incident postmortem**\n'), true);
  assert.equal(hasPostmortemTitle('# Release notes\n'), false);
  assert.equal(isPostmortemText('# Notes\n', 'docs/post-mortems/2026/a.md', GLOBS), true);
  assert.equal(isPostmortemText('# Notes\n', 'docs\\Post-Mortems\\a.md', GLOBS), true, 'backslashes, any case');
  assert.equal(isPostmortemText('# Notes\n', 'docs/readme.md', GLOBS), false);
  assert.equal(isPostmortemText('# Notes\n', undefined, GLOBS), false, 'untitled: only the title counts');
  // A folder's README or index is not a post-mortem unless its first heading says so.
  assert.equal(isPostmortemText('# Our post-mortems\n', 'post-mortems/README.md', GLOBS), false);
  assert.equal(isPostmortemText('# Our post-mortems\n', 'docs\\post-mortems\\readme.markdown', GLOBS), false);
  assert.equal(isPostmortemText('# Index\n', 'post-mortems/2026/index.md', GLOBS), false);
  assert.equal(isPostmortemText('# Incident Post-Mortem\n', 'post-mortems/README.md', GLOBS), true, 'the title still counts');
  assert.equal(isPostmortemText('# Notes\n', 'post-mortems/readme-2026.md', GLOBS), true, 'only the exact names');
  assert.equal(matchesFiles('post-mortems/README.md', GLOBS), false);
  assert.equal(matchesFiles('a.md', []), false);
  assert.equal(matchesFiles('a.md', ['[']), false, 'a broken glob matches nothing and does not throw');
});

test('isPlaceholder: template text is a placeholder, values are not', () => {
  for (const p of ['', ' ', '-', '___________________________', 'Duration: ___', '*(describe or "None")*', '*Describe it.*']) {
    assert.equal(isPlaceholder(p), true, p);
  }
  for (const v of ['INC-1', 'Fix the relay', '2026-01-01', 'a_b']) assert.equal(isPlaceholder(v), false, v);
});

test('firstHeading reads the lines of its first 20,000 characters as split(/\\r\\n|\\n|\\r/) cuts them', async () => {
  const fc = (await import('fast-check')).default;
  const { HEADING_SCAN_CHARS, headingOfLines } = await import('../../server/src/core/detect');
  // The straightforward reading (the whole prefix split at once), as the reference.
  const reference = (text: string): string | undefined => {
    const lines = text.slice(0, HEADING_SCAN_CHARS).split(/\r\n|\n|\r/);
    let i = 0;
    return headingOfLines(() => lines[i++]);
  };
  const piece = fc.constantFrom('# Incident Post-Mortem', 'Title', '===', '---', '- item', '```', '~~~', '    code', '\uFEFF# T', '', ' ', '## x ##', 'text');
  const eol = fc.constantFrom('\n', '\r\n', '\r');
  const doc = fc.array(fc.tuple(piece, eol), { maxLength: 12 }).map((ls) => ls.map(([l, e]) => l + e).join(''));
  fc.assert(
    fc.property(doc, fc.boolean(), fc.nat({ max: 40 }), (text, padded, cut) => {
      // Padded: the same lines pushed to the scan's end, so the cut falls inside them (and inside a `\r\n`).
      const t = padded ? 'x'.repeat(HEADING_SCAN_CHARS - cut) + '\n' + text : text;
      assert.equal(firstHeading(t), reference(t), JSON.stringify(t.slice(-80)));
    }),
    { numRuns: 3000 },
  );
});
