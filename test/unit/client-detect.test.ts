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
