/**
 * The template descriptor is the one definition of the template: its text, the
 * model's sections/fields/tables, the schema's required rows and the snippets
 * all follow it, so adding a row or a section is one edit in one place.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TemplateDescriptor } from '../../shared/src/template/descriptor';
import { renderTemplate } from '../../shared/src/template/render';
import { V1_1 } from '../../shared/src/template/v1_1';
import { buildModel, parseMarkdown } from '../../server/src/core/model';
import { bundledSchemaJson, withTemplateRequired } from '../../server/src/core/schema';

/** v1.1 with one more Incident Summary row and one more section, as a team would add them. */
function extended(): TemplateDescriptor {
  const d = structuredClone(V1_1) as unknown as { tables: { key: string; rows: unknown[] }[]; sections: unknown[] };
  d.tables.find((t) => t.key === 'summary')!.rows.push({ key: 'detectionSource', label: 'Detection source', kind: 'text' });
  d.sections.push({ key: 's10', title: '10. Lessons for Other Teams', number: '10', match: 'lessons', required: true, body: [{ guidance: 'What other teams should know.' }] });
  return d as unknown as TemplateDescriptor;
}

test('a row added to the descriptor is in the template text, the model and the schema', () => {
  const d = extended();
  const text = renderTemplate(d);
  assert.match(text, /^\| Detection source \| \|$/m);
  assert.match(text, /^## 10\. Lessons for Other Teams$/m);
  const model = buildModel(text, parseMarkdown(text), d);
  const summary = model.summary as Record<string, { label: { text: string } } | undefined>;
  assert.equal(summary.detectionSource?.label.text, 'Detection source');
  assert.ok((model.sections as Record<string, unknown>).s10, 'the new section is found');
  const schema = withTemplateRequired(bundledSchemaJson(), d) as { properties: Record<string, { required: string[] }> };
  assert.ok(schema.properties.summary!.required.includes('detectionSource'));
});

test('v1.1 descriptor: sections by title or number, rows by label, columns by header', () => {
  const text = renderTemplate(V1_1)
    .replace('## 2. Timeline', '## Timeline')
    .replace('## 4. Impact Assessment', '## 4. Impacts')
    .replace('| Time (UTC) | Event | Actor |', '| Event | Actor | Time (UTC) |');
  const model = buildModel(text);
  assert.equal(model.sections.s2?.heading.text, 'Timeline', 'a plain "## Timeline" is the Timeline');
  assert.equal(model.sections.s4?.heading.text, '4. Impacts', 'a heading "4." that matches no title is section 4');
  assert.equal(model.timeline.length, 11);
  // The header now names the third column Time: that column is read as the time.
  assert.equal(model.timeline[0]!.time.text, 'system', 'the time column is found by its header');
  assert.equal(model.timeline[0]!.event.text, '', 'the event column is found by its header');
  assert.equal(model.templateTables.timeline, model.timelineTable);
});

test('the bundled schema requires exactly the descriptor\'s header fields and keyed rows', () => {
  const schema = bundledSchemaJson() as { properties: Record<string, { required?: string[] }> };
  assert.deepEqual(schema.properties.header!.required, V1_1.fields.map((f) => f.key));
  for (const t of V1_1.tables) {
    if (t.shape === 'keyed') assert.deepEqual(schema.properties[t.key]!.required, t.rows.map((r) => r.key), t.key);
  }
});
