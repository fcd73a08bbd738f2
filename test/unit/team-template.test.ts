/**
 * A team's template written in Markdown (examples/templates/sre.md) is the spec:
 * golden fixtures test/fixtures/templates/sre/NAME.md → NAME.expected.json → NAME.fixed.md,
 * checked with that template. Regenerate on purpose only: UPDATE_GOLDEN=1.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import * as os from 'node:os';
import { applyEdits, builtInTemplate, collectFixAll, loadTemplateFile, planMarkFinal, readTemplate, selectCandidate, selectTemplate, titleLine, type Template } from '../../server/src/core';
import { TemplateCache } from '../../server/src/node/templateCache';
import { DEFAULT_SETTINGS } from '../../server/src/core/settings';
import { REPO, options, read, run, show } from '../helpers/core';

const TEMPLATE_FILE = path.join(REPO, 'examples', 'templates', 'sre.md');
const DIR = path.join(REPO, 'test', 'fixtures', 'templates', 'sre');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

function sre(): Template {
  const r = loadTemplateFile(TEMPLATE_FILE, (p) => fs.readFileSync(p, 'utf8'));
  assert.equal(r.error, undefined);
  return r.template!;
}

const loud = (a: ReturnType<typeof run>) => a.findings.filter((f) => f.severity === 'error' || f.severity === 'warning');

for (const name of fs.readdirSync(DIR).filter((f) => f.endsWith('.md') && !f.endsWith('.fixed.md')).sort()) {
  const base = name.replace(/\.md$/, '');
  test(`team template golden ${base}`, () => {
    const template = sre();
    const text = read(path.join(DIR, name));
    const a = run(text, { template });
    assert.deepEqual(a.internalErrors, []);
    assert.ok(a.isPostmortem);
    const shown = show(a);
    const expectedFile = path.join(DIR, `${base}.expected.json`);
    if (UPDATE) fs.writeFileSync(expectedFile, JSON.stringify(shown, null, 2) + '\n');
    assert.deepEqual(shown, JSON.parse(read(expectedFile)));
    if (/^PM\d{3}/.test(base)) {
      const code = base.slice(0, 5);
      assert.ok(loud(a).some((f) => f.code === code), `${base} must report ${code} as an error or warning`);
    } else {
      assert.deepEqual(show(a, loud(a)), [], `${base}: no error or warning`);
    }
    const edits = collectFixAll(a.findings);
    const fixedFile = path.join(DIR, `${base}.fixed.md`);
    if (edits.length === 0) {
      assert.ok(!fs.existsSync(fixedFile), `${base}: a .fixed.md without fixes`);
      return;
    }
    const fixed = applyEdits(text, edits);
    if (UPDATE) fs.writeFileSync(fixedFile, fixed);
    assert.equal(fixed, read(fixedFile));
    const after = run(fixed, { template });
    assert.ok(!after.findings.some((f) => f.code === base.slice(0, 5) && f.severity === 'error'), `${base}: the fix clears it`);
  });
}

test('Mark Final sets the team\'s final status, and refuses while an error remains', () => {
  const template = sre();
  const valid = read(path.join(DIR, 'valid.md')).replace('**Status:** Published', '**Status:** In review');
  const plan = planMarkFinal(valid, options({ template }));
  assert.ok(plan.ok);
  assert.equal(applyEdits(valid, [plan.edit]).match(/^\*\*Status:\*\* (.*)$/m)?.[1], 'Published');
  const broken = read(path.join(DIR, 'PM010-empty-owner.md')).replace('**Status:** Published', '**Status:** Draft');
  const refused = planMarkFinal(broken, options({ template }));
  assert.ok(!refused.ok);
  assert.ok(refused.blockers.some((f) => f.code === 'PM010'));
});

test('severity follows the team\'s workflow: information at its first status, warning between, error at its last', () => {
  const template = sre();
  const text = read(path.join(DIR, 'PM003-placeholder-at-final.md'));
  const sev = (status: string) => run(text.replace('**Status:** Published', `**Status:** ${status}`), { template }).findings.find((f) => f.code === 'PM003')?.severity;
  assert.equal(sev('Draft'), 'information');
  assert.equal(sev('In review'), 'warning');
  assert.equal(sev('Published'), 'error');
});

test('a document picks its template by first heading, else by postmortem.files, else v1.1', () => {
  const team = sre();
  const files = DEFAULT_SETTINGS.files;
  assert.equal(selectTemplate('# Postmortem: Queue backlog\n', 'notes/x.md', [team], files), team);
  assert.equal(selectTemplate('# Incident Post-Mortem\n', 'post-mortems/x.md', [team], files), builtInTemplate());
  assert.equal(selectTemplate('# Something else\n', 'post-mortems/x.md', [team], files), team);
  assert.equal(selectTemplate('# Something else\n', 'notes/x.md', [team], files), builtInTemplate());
  assert.equal(selectTemplate('# Postmortem: x\n', 'notes/x.md', [], files), builtInTemplate());
});

test('a template\'s title line is the title readTemplate reads, whenever it gives one', () => {
  const body = '\n\n**Status:** Draft / Done\n\n## Summary\n\n<text>\n';
  const line = fc.tuple(
    fc.constantFrom('', ' ', '   ', '    ', '\t'),
    fc.constantFrom('#', '##', '#\t', '# ', '#  ', '=', ''),
    fc.stringMatching(/^[A-Za-z<>:#\\ \t*_`-]{0,16}$/),
    fc.constantFrom('', ' #', ' ##  ', '#', '\t# '),
    fc.constantFrom('\n', '\r\n', '\r', '\n===\n', '\nmore\n'),
  ).map(([indent, marks, words, closing, after]) => `${indent}${marks}${words}${closing}${after}`);
  let compared = 0;
  fc.assert(
    fc.property(line, (head) => {
      const text = head + body;
      const cheap = titleLine(text);
      if (cheap === undefined) return;
      let full: string | undefined;
      try {
        full = readTemplate(text, 't.md').title;
      } catch {
        return; // not a template: read in full, it is reported
      }
      compared++;
      assert.equal(cheap, full, JSON.stringify(head));
    }),
    { numRuns: 600 },
  );
  assert.ok(compared > 100, `compared ${compared}`);
});

test('matching a document reads only the templates it may be written with', () => {
  const team = sre();
  const files = DEFAULT_SETTINGS.files;
  const read: string[] = [];
  const candidate = (name: string, title: RegExp | undefined, t: Template | undefined) => ({
    ...(title ? { title } : {}),
    load: () => (read.push(name), t),
  });
  const pick = (text: string, rel: string, cs: ReturnType<typeof candidate>[]) => {
    read.length = 0;
    return selectCandidate(text, rel, cs, files);
  };
  // Another title: not read. A built-in document stays built-in.
  assert.equal(pick('# Incident Post-Mortem\n', 'post-mortems/x.md', [candidate('sre', team.title, team)]), builtInTemplate());
  assert.deepEqual(read, []);
  // Its title: read, and used.
  assert.equal(pick('# Postmortem: Queue backlog\n', 'notes/x.md', [candidate('sre', team.title, team)]), team);
  assert.deepEqual(read, ['sre']);
  // A title that cannot be known cheaply: read; an unusable one is skipped for the next.
  assert.equal(pick('# Postmortem: x\n', 'notes/x.md', [candidate('odd', undefined, undefined), candidate('broken', team.title, undefined), candidate('sre', team.title, team)]), team);
  assert.deepEqual(read, ['odd', 'broken', 'sre']);
  // The files glob: the first usable one.
  assert.equal(pick('# Something else\n', 'post-mortems/x.md', [candidate('broken', /^nothing$/, undefined), candidate('sre', team.title, team)]), team);
  assert.deepEqual(read, ['broken', 'sre']);
});

test('team templates on disk: a broken one is reported when a document may be written with it, once', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-tpl-'));
  try {
    fs.writeFileSync(path.join(dir, 'broken.md'), '# Postmortem: <title>\n\n**Status:** Draft / Done\n'); // no section
    const errors: string[] = [];
    const cache = new TemplateCache((m) => errors.push(m));
    const settings = { templates: ['broken.md'], files: [] };
    assert.equal(cache.templateFor('# Incident Post-Mortem\n', 'x.md', settings, dir), builtInTemplate());
    assert.deepEqual(errors, [], 'another title: the template is not read in full');
    assert.equal(cache.templateFor('# Postmortem: Queue\n', 'x.md', settings, dir), builtInTemplate());
    assert.equal(errors.length, 1);
    assert.match(errors[0]!, /broken\.md:1: a template has at least one section/);
    cache.templateFor('# Postmortem: Queue\n', 'y.md', settings, dir);
    assert.equal(errors.length, 1, 'once');
    // Listing every template (New Post-Mortem, the workspace index) reads them all, as before.
    assert.deepEqual(cache.resolve(settings.templates, dir), []);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a broken template is one clear error naming the file and line, and no template', () => {
  const files: Record<string, string> = {
    '/t/no-title.md': 'Just text\n\n## Summary\n',
    '/t/no-sections.md': '# Postmortem\n\n**Status:** Draft / Done\n',
    '/t/status.md': '# Postmortem\n\n**Status:** <status>\n\n## Summary\n\n<text>\n',
    '/t/schema.md': '# Postmortem\n\n## Summary\n\n<text>\n',
    '/t/schema.schema.json': '{ not json',
  };
  const readFile = (p: string) => {
    if (!(p in files)) throw Object.assign(new Error('missing'), { code: 'ENOENT' });
    return files[p]!;
  };
  const cases: [string, RegExp][] = [
    ['/t/no-title.md', /^\/t\/no-title\.md:1: a template starts with a level-1 heading/],
    ['/t/no-sections.md', /^\/t\/no-sections\.md:1: a template has at least one section/],
    ['/t/status.md', /^\/t\/status\.md:\d+: the Status field's value must be its choices/],
    ['/t/schema.md', /^\/t\/schema\.schema\.json: .*using the built-in template$/],
    ['/t/missing.md', /^\/t\/missing\.md: cannot read the template \(ENOENT\); using the built-in template$/],
  ];
  for (const [file, re] of cases) {
    const r = loadTemplateFile(file, readFile);
    assert.equal(r.template, undefined, file);
    assert.match(r.error ?? '', re);
  }
});

test('the v1.1 template read as a Markdown template gives the same sections, fields and keyed rows', () => {
  const d = readTemplate(builtInTemplate().text, 'v1.1');
  const builtIn = builtInTemplate().descriptor;
  assert.deepEqual(d.sections.map((s) => s.title), builtIn.sections.map((s) => s.title));
  assert.deepEqual(d.fields.map((f) => f.key), builtIn.fields.map((f) => f.key));
  assert.deepEqual(d.fields.find((f) => f.key === 'status')?.choices, ['DRAFT', 'UNDER REVIEW', 'FINAL']);
  assert.equal(d.version, '1.1');
  const rows = (key: string) => d.tables.filter((t) => t.shape === 'keyed').map((t) => t.rows.map((r) => r.label)).find((r) => r.includes(key));
  assert.deepEqual(rows('Severity'), ['Severity', 'Scope', 'Trigger', 'First detected (UTC)', 'Incident opened (UTC)', 'Incident resolved (UTC)', 'Total duration', 'Was this a drill?', 'Customer/partner impact', 'Funds at risk at peak']);
  assert.ok(d.tables.some((t) => t.key === 'timeline'), 'the table whose first column is a time is the timeline');
  assert.ok(d.tables.some((t) => t.key === 'actions'), 'the table with an Owner column holds the action items');
});
