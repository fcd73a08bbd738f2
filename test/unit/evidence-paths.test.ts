/**
 * Evidence paths never escape the workspace (SPEC §7, PM022): `..`, absolute paths outside it,
 * URL-encoded escapes and symbolic links that lead out are PM022 on the path cell; paths inside
 * stay silent (PM014 only when the file is missing). A real temporary workspace with real symlinks.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyze } from '../../server/src/core';
import { nodeFileSystem } from '../../server/src/node/fs';
import { EXAMPLES, options } from '../helpers/core';

const FINAL = fs.readFileSync(path.join(EXAMPLES, 'post-mortems', 'INC-2026-0042-final.md'), 'utf8');
const GOOD = '`governance/evidence/INC-2026-0042/audit-log.csv`';
let tmp: string;
let ws: string;
let outside: string;

before(() => {
  tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'pm-evidence-')));
  ws = path.join(tmp, 'ws');
  outside = path.join(tmp, 'secrets');
  fs.cpSync(EXAMPLES, ws, { recursive: true });
  fs.mkdirSync(outside);
  fs.writeFileSync(path.join(outside, 'keys.txt'), 'not yours');
  const dir = path.join(ws, 'governance/evidence/INC-2026-0042');
  fs.symlinkSync(path.join(outside, 'keys.txt'), path.join(dir, 'link-out.txt'));
  fs.symlinkSync(outside, path.join(dir, 'dir-out'));
  fs.symlinkSync(path.join(dir, 'audit-log.csv'), path.join(dir, 'link-in.csv'));
});
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** The findings on the Audit log row's path cell when it holds `cell`. */
function onPathCell(cell: string): { codes: string[]; line: number; col: number; cellCol: number } {
  const text = FINAL.replace(GOOD, cell);
  assert.notEqual(text, FINAL);
  const a = analyze(text, options({ root: ws, fs: nodeFileSystem }));
  const line = a.lines.positionAt(text.indexOf(cell)).line;
  const here = a.findings.filter((f) => a.lines.positionAt(f.start).line === line);
  assert.deepEqual(a.findings.filter((f) => !here.includes(f)).map((f) => f.code), [], 'no finding elsewhere');
  return {
    codes: here.map((f) => f.code),
    line,
    col: here[0] ? a.lines.positionAt(here[0].start).character : -1,
    cellCol: a.lines.positionAt(text.indexOf(cell)).character,
  };
}

const ESCAPES: [string, string][] = [
  ['`..` out of the workspace', '`../../etc/passwd`'],
  ['`..` after a folder', '`governance/evidence/INC-2026-0042/../../../../etc/passwd`'],
  ['a backslash `..`', '`governance\\..\\..\\..\\etc\\passwd`'],
  ['an absolute path outside', '`/etc/passwd`'],
  ['a Windows drive path', '`C:/Windows/system.ini`'],
  ['a home folder', '`~/.ssh/id_rsa`'],
  ['URL-encoded dots', '`governance/evidence/INC-2026-0042/%2e%2e/%2e%2e/%2e%2e/%2E%2E/etc/passwd`'],
  ['URL-encoded slashes', '`..%2f..%2fetc%2fpasswd`'],
  ['a symlinked file that leads out', '`governance/evidence/INC-2026-0042/link-out.txt`'],
  ['a file under a symlinked folder that leads out', '`governance/evidence/INC-2026-0042/dir-out/keys.txt`'],
];

for (const [what, cell] of ESCAPES) {
  test(`PM022: ${what}`, () => {
    const r = onPathCell(cell);
    assert.deepEqual(r.codes, ['PM022']);
    assert.ok(r.col >= r.cellCol && r.col <= r.cellCol + 1, `on the path cell (col ${r.col}, cell at ${r.cellCol})`);
  });
}

test('inside the workspace: silent, also through `./`, a harmless `..` and a symlink that stays inside', () => {
  for (const cell of [
    '`./governance/evidence/INC-2026-0042/audit-log.csv`',
    '`governance/evidence/INC-2026-0042/../INC-2026-0042/audit-log.csv`',
    '`governance/evidence/INC-2026-0042/link-in.csv`',
  ]) {
    assert.deepEqual(onPathCell(cell).codes, [], cell);
  }
});

test('an absolute path inside the workspace is not an escape', () => {
  const r = onPathCell('`' + path.join(ws, 'governance/evidence/INC-2026-0042/audit-log.csv') + '`');
  assert.ok(!r.codes.includes('PM022'), r.codes.join());
});

test('a missing file inside is PM014, not PM022', () => {
  assert.deepEqual(onPathCell('`governance/evidence/INC-2026-0042/nope.csv`').codes, ['PM014']);
});
