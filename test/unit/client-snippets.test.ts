/**
 * Client: snippets/postmortem.json is generated from the template (scripts/gen-snippets.ts)
 * and stays in sync; inserted with its defaults, the whole-template snippet is the
 * template (Status DRAFT) and is quiet.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, DEFAULT_SETTINGS } from '../../server/src/core';
import { TEMPLATE_1_1 } from '../../server/src/core/template';
import { buildSnippets, escapeChoice, escapeText, snippetsFileText } from '../../client/src/pure/snippets';

const FILE = path.resolve(__dirname, '..', '..', 'snippets', 'postmortem.json');

/**
 * Inserts a snippet the way VS Code does when every tab stop keeps its default:
 * `${n:text}` → text, `${n|a,b|}` → a, `$n`/`${n}` → '', `\$ \} \\` → literal.
 * Throws on syntax VS Code would not parse as we mean (variables, transforms, nesting).
 */
function expand(body: string): string {
  let out = '';
  let i = 0;
  const unescape = (s: string, special: RegExp): string => s.replace(new RegExp(`\\\\(${special.source})`, 'g'), '$1');
  while (i < body.length) {
    const c = body[i]!;
    if (c === '\\' && /[$}\\]/.test(body[i + 1] ?? '')) {
      out += body[i + 1];
      i += 2;
    } else if (c === '$') {
      const rest = body.slice(i);
      let m: RegExpExecArray | null;
      if ((m = /^\$(\d+)/.exec(rest)) || (m = /^\$\{(\d+)\}/.exec(rest))) {
        i += m[0].length;
      } else if ((m = /^\$\{\d+:((?:\\[$}\\]|[^$}\\])*)\}/.exec(rest))) {
        out += unescape(m[1]!, /[$}\\]/);
        i += m[0].length;
      } else if ((m = /^\$\{\d+\|((?:\\[,|\\]|[^,|\\])+)(?:,(?:\\[,|\\]|[^,|\\])+)*\|\}/.exec(rest))) {
        out += unescape(m[1]!, /[,|\\]/);
        i += m[0].length;
      } else {
        throw new Error(`unexpected snippet syntax at ${JSON.stringify(rest.slice(0, 30))}`);
      }
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

test('snippets/postmortem.json is up to date (npx tsx scripts/gen-snippets.ts)', () => {
  assert.equal(fs.readFileSync(FILE, 'utf8'), snippetsFileText());
});

test('escaping', () => {
  assert.equal(escapeText('a $1 } \\ b'), 'a \\$1 \\} \\\\ b');
  assert.equal(escapeChoice('a, b | c \\'), 'a\\, b \\| c \\\\');
  assert.equal(expand(escapeText('cost: $5 {x} \\n')), 'cost: $5 {x} \\n');
});

test('the whole template, all defaults kept: the template with Status DRAFT', () => {
  const snippet = buildSnippets()['Post-mortem: whole template']!;
  assert.deepEqual(snippet.prefix, ['postmortem', 'pm-template']);
  const text = expand(snippet.body.join('\n')) + '\n';
  const norm = (s: string): string => s.replace(/\|[ \t]+(?=\|)/g, '| '); // an empty tab stop leaves `|  |`
  assert.equal(norm(text), norm(TEMPLATE_1_1.replace('**Status:** DRAFT / UNDER REVIEW / FINAL', '**Status:** DRAFT')));
});

test('the whole template is quiet, and its tab stops are the header fields, the summary table and the summary', () => {
  const body = buildSnippets()['Post-mortem: whole template']!.body;
  const a = analyze(expand(body.join('\n')) + '\n', { settings: DEFAULT_SETTINGS });
  assert.equal(a.isPostmortem, true);
  assert.deepEqual(a.findings.filter((f) => f.severity === 'error' || f.severity === 'warning').map((f) => f.code), []);
  const stops = body.join('\n').match(/\$\{\d+[:|}]/g)!.map((s) => Number(/\d+/.exec(s)![0]));
  assert.deepEqual(stops, Array.from({ length: 16 }, (_, i) => i + 1), 'tab stops 1..16 in document order');
  assert.ok(body.some((l) => l.startsWith('**Status:** ${5|DRAFT,UNDER REVIEW,FINAL|}')));
  assert.ok(body.some((l) => l === '| Severity | ${6|CRITICAL / HIGH / MEDIUM,CRITICAL,HIGH,MEDIUM|} |'));
  assert.ok(body.some((l) => l === '| $0 | Alert triggered / metric exceeded threshold | system |'));
  assert.ok(!body.join('\n').includes('CURRENT_'), 'no local-time snippet variable');
});

test('row snippets expand to rows of the right width, with choice lists', () => {
  const s = buildSnippets();
  const cells = (name: string): number => expand(s[name]!.body.join('\n')).split('|').length - 2;
  assert.equal(cells('Post-mortem: timeline row'), 3);
  assert.equal(cells('Post-mortem: action-item row'), 6);
  assert.equal(cells('Post-mortem: sign-off row'), 4);
  assert.equal(cells('Post-mortem: evidence row'), 2);
  assert.match(s['Post-mortem: action-item row']!.body[0]!, /\$\{5\|YES \/ NO,YES,NO\|\} \| \$\{6\|OPEN,IN PROGRESS,DONE,WONTFIX\|\}/);
  assert.match(
    s['Post-mortem: sign-off row']!.body[0]!,
    /\$\{1\|Post-Mortem Author,Incident Commander,Technical Lead,Risk \/ Compliance,Engineering Manager\|\}/,
  );
  assert.equal(expand(s['Post-mortem: evidence row']!.body[0]!), '|  | `governance/evidence/<INCIDENT_ID>/` |');
  assert.match(s['Post-mortem: timeline row']!.description, /local time/);
});
