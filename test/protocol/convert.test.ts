/** The LSP translation layer (node/lspConvert.ts) on synthetic findings: no server, no core rules. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LineIndex } from '../../server/src/core';
import {
  isDiagnosticData,
  kindWanted,
  quickFixes,
  toCompletionItem,
  toDiagnostic,
  toDocumentSymbol,
} from '../../server/src/node/lspConvert';

const href = (code: string) => `file:///docs/rules/${code}.md`;

describe('lspConvert', () => {
  const text = 'a😀b\r\n| x | 价格 |\nend';
  const lines = new LineIndex(text);

  it('toDiagnostic: UTF-16 ranges, severity, code, source, link, related, data with LSP edits', () => {
    const d = toDiagnostic(
      {
        code: 'PM004',
        message: 'm',
        severity: 'information',
        start: 1,
        end: 3,
        fixes: [{ title: 'Fix', safe: true, edits: [{ start: 13, end: 15, newText: 'P' }] }],
        related: [{ start: 6, end: 7, message: 'here' }],
      },
      lines,
      'file:///x.md',
      7,
      href,
    );
    assert.deepEqual(d.range, { start: { line: 0, character: 1 }, end: { line: 0, character: 3 } });
    assert.equal(d.severity, 3);
    assert.equal(d.code, 'PM004');
    assert.equal(d.source, 'postmortem');
    assert.deepEqual(d.codeDescription, { href: 'file:///docs/rules/PM004.md' });
    assert.deepEqual(d.relatedInformation, [
      { location: { uri: 'file:///x.md', range: { start: { line: 1, character: 0 }, end: { line: 1, character: 1 } } }, message: 'here' },
    ]);
    assert.deepEqual(d.data, {
      uri: 'file:///x.md',
      version: 7,
      fixes: [{ title: 'Fix', safe: true, edits: [{ range: { start: { line: 1, character: 7 }, end: { line: 1, character: 9 } }, newText: 'P' }] }],
    });
  });

  it('ranges stay inside the document whatever the offsets', () => {
    const d = toDiagnostic({ code: 'PM001', message: 'm', severity: 'error', start: -5, end: 10_000 }, lines, 'u', 1, href);
    assert.deepEqual(d.range, { start: { line: 0, character: 0 }, end: { line: 2, character: 3 } });
    const reversed = toDiagnostic({ code: 'PM001', message: 'm', severity: 'error', start: 5, end: 2 }, lines, 'u', 1, href);
    assert.deepEqual(reversed.range.start, reversed.range.end);
  });

  it('isDiagnosticData refuses anything malformed', () => {
    const edit = { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, newText: 'x' };
    assert.ok(isDiagnosticData({ uri: 'u', version: 1, fixes: [{ title: 't', safe: true, edits: [edit] }] }));
    for (const bad of [null, 'x', { uri: 'u', version: '1', fixes: [] }, { uri: 'u', version: 1 }, { uri: 'u', version: 1, fixes: [{ title: 't', safe: 'yes', edits: [] }] }, { uri: 'u', version: 1, fixes: [{ title: 't', safe: true, edits: [{ range: { start: { line: -1, character: 0 }, end: { line: 0, character: 0 } }, newText: '' }] }] }]) {
      assert.equal(isDiagnosticData(bad), false, JSON.stringify(bad));
    }
  });

  it('quickFixes: only for the same document and version', () => {
    const edit = { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, newText: 'x' };
    const diag = { range: edit.range, message: 'm', data: { uri: 'u', version: 2, fixes: [{ title: 't', safe: true, edits: [edit] }] } };
    assert.equal(quickFixes(diag, 'u', 2).length, 1);
    assert.equal(quickFixes(diag, 'u', 3).length, 0);
    assert.equal(quickFixes(diag, 'v', 2).length, 0);
  });

  it('kindWanted follows the hierarchical kinds of context.only', () => {
    assert.ok(kindWanted(undefined, 'quickfix'));
    assert.ok(kindWanted(['source'], 'source.fixAll.postmortem'));
    assert.ok(kindWanted(['source.fixAll'], 'source.fixAll.postmortem'));
    assert.ok(!kindWanted(['source.fixAll.eslint'], 'source.fixAll.postmortem'));
    assert.ok(!kindWanted(['quickfix'], 'source.fixAll.postmortem'));
    assert.ok(!kindWanted(['source.fix'], 'source.fixAll.postmortem'));
  });

  it('completion items: kinds and a textEdit over the entry range', () => {
    const choice = toCompletionItem(lines, { label: 'HIGH', kind: 'choice', start: 8, end: 9 }, 0);
    assert.equal(choice.kind, 20);
    assert.deepEqual(choice.textEdit, { range: { start: { line: 1, character: 2 }, end: { line: 1, character: 3 } }, newText: 'HIGH' });
    assert.equal(toCompletionItem(lines, { label: 'x', kind: 'trigger', start: 0, end: 0 }, 1).kind, 12);
    assert.equal(toCompletionItem(lines, { label: 'x', kind: 'role', start: 0, end: 0 }, 1).kind, 14);
    assert.equal(toCompletionItem(lines, { label: '`a/b.md`', kind: 'path', start: 0, end: 0 }, 1).kind, 17);
    assert.equal(toCompletionItem(lines, { label: '`a/`', kind: 'path', start: 0, end: 0 }, 1).kind, 19);
  });

  it('document symbols: a selection outside the range falls back to the range', () => {
    const s = toDocumentSymbol(lines, { name: 'S', start: 0, end: 3, selectionStart: 10, selectionEnd: 12, children: [] });
    assert.deepEqual(s.selectionRange, s.range);
    assert.equal(s.kind, 3 /* Namespace */);
  });
});
