/**
 * The workspace's post-mortems for workspace symbols and go to definition (node/workspaceIndex.ts):
 * only post-mortems (first heading or `postmortem.files`), never under node_modules or dot
 * folders, an open document's text over the file, a changed file read again (by mtime and size).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_SETTINGS } from '../../server/src/core';
import { WorkspaceIndex } from '../../server/src/node/workspaceIndex';
import { PROTOCOL_FIXTURES, read, tempDir, write } from '../helpers/fixtures';

const COMPLETE = read(path.join(PROTOCOL_FIXTURES, 'complete.md'));

test('workspace index: post-mortems only, skipped folders, open text first, changes read again', () => {
  const ws = tempDir('pm-index-');
  try {
    const a = path.join(ws.dir, 'post-mortems', 'INC-A.md');
    write(a, COMPLETE.replace('INC-2026-0928-01', 'INC-A01'));
    write(path.join(ws.dir, 'notes', 'pm.md'), COMPLETE.replace('INC-2026-0928-01', 'INC-B01'));
    write(path.join(ws.dir, 'README.md'), '# Readme\n\nNot a post-mortem.\n');
    write(path.join(ws.dir, 'node_modules', 'x', 'pm.md'), COMPLETE);
    write(path.join(ws.dir, '.git', 'pm.md'), COMPLETE);
    const index = new WorkspaceIndex();
    const ids = (open: (f: string) => string | undefined = () => undefined) =>
      index.postmortems(ws.dir, DEFAULT_SETTINGS.files, open).map((p) => p.summary.id).sort();
    assert.deepEqual(ids(), ['INC-A01', 'INC-B01']);
    assert.deepEqual(ids((f) => (f === a ? COMPLETE.replace('INC-2026-0928-01', 'INC-OPEN1') : undefined)), ['INC-B01', 'INC-OPEN1']);
    // a changed file (size differs) is read again; the folder walk is reused for a moment, the file is not
    write(a, COMPLETE.replace('INC-2026-0928-01', 'INC-A0002'));
    assert.deepEqual(ids(), ['INC-A0002', 'INC-B01']);
    const { files } = index.markdownFiles(ws.dir);
    assert.ok(files.every((f) => !f.includes('node_modules') && !f.includes(`${path.sep}.git${path.sep}`)), files.join('\n'));
  } finally {
    ws.cleanup();
  }
});
