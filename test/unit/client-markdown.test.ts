/** Client: the line-based readers behind the view, code lens, status bar and commands (client/src/pure/). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TEMPLATE_1_1 } from '../../server/src/core/template';
import { firstHeading, headerField, isPlaceholder, sectionTable, splitLines, tableCells } from '../../client/src/pure/markdown';
import { hasPostmortemTitle, isPostmortemText, matchesFiles } from '../../client/src/pure/detect';

const GLOBS = ['**/post-mortems/**/*.md', '**/postmortems/**/*.md', '**/*post-mortem*.md', '**/*postmortem*.md'];

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
  assert.equal(matchesFiles('a.md', []), false);
  assert.equal(matchesFiles('a.md', ['[']), false, 'a broken glob matches nothing and does not throw');
});

test('headerField: value, columns, hard breaks, stops at the first ## heading', () => {
  const text = '# Incident Post-Mortem\n\n**Incident ID:** INC-1\\\n**Status:**   UNDER REVIEW  \n**Date Written (UTC):** 2026-01-02\n\n## 1. Incident Summary\n**Post-Mortem Author:** late\n';
  assert.deepEqual(headerField(text, 'Incident ID'), { line: 2, value: 'INC-1', valueStart: 17, valueEnd: 22 });
  const status = headerField(text, 'status')!;
  assert.equal(status.value, 'UNDER REVIEW');
  assert.equal(splitLines(text)[3]!.slice(status.valueStart, status.valueEnd), 'UNDER REVIEW');
  assert.equal(headerField(text, 'Date Written')?.value, '2026-01-02', 'the (UTC) suffix is optional');
  assert.equal(headerField(text, 'Post-Mortem Author'), undefined, 'below the first ## it is not a header field');
  assert.equal(headerField('**Status**: FINAL\n', 'Status')?.value, 'FINAL', 'colon outside the bold');
  assert.equal(headerField('**Status:**\n', 'Status')?.value, '');
});

test('isPlaceholder: template text is a placeholder, values are not', () => {
  for (const p of ['', ' ', '-', '___________________________', 'Duration: ___', '*(describe or "None")*', '*Describe it.*']) {
    assert.equal(isPlaceholder(p), true, p);
  }
  for (const v of ['INC-1', 'Fix the relay', '2026-01-01', 'a_b']) assert.equal(isPlaceholder(v), false, v);
});

test('tableCells: outer pipes, escaped pipes, empty cells', () => {
  assert.deepEqual(tableCells('| a | b \\| c |  |'), ['a', 'b \\| c', '']);
  assert.deepEqual(tableCells('a|b'), ['a', 'b']);
});

test('sectionTable: the first table of a section, rows until the table ends', () => {
  const lines = splitLines(TEMPLATE_1_1);
  const actions = sectionTable(lines, /^7\.\s*action items/i)!;
  assert.deepEqual(actions.columns, ['#', 'action', 'owner', 'target date', 'blocking?', 'status']);
  assert.equal(actions.rows.length, 4);
  assert.equal(lines[actions.lastLine], '| 4 | | | | YES / NO | OPEN |');
  const timeline = sectionTable(lines, /^2\.\s*timeline/i)!;
  assert.equal(timeline.rows.length, 11);
  assert.equal(sectionTable(lines, /^nope/), undefined);
  assert.equal(sectionTable(['## 5. What Went Well', '', '-', '## 6. x', '| a |', '|---|'], /^5\./), undefined, 'not past the next ## heading');
});
