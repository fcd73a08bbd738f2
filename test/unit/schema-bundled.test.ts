/**
 * The bundled schema, and the schemas the core generates from team templates, are compiled
 * without checking them against the JSON Schema 2020-12 meta-schema at run time (core/schema.ts,
 * `trusted`): this test is that check. The bundled schema is also compiled at build time (ajv
 * standalone code); the last test compares that code with a run-time compile.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Ajv2020 from 'ajv/dist/2020';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { bundledSchema, bundledSchemaJson, compileSchemaJson, validateView } from '../../server/src/core/schema';
import { buildModel } from '../../server/src/core/model';
import { buildView } from '../../server/src/core/view';
import { readTemplate, schemaForTemplate } from '../../server/src/core/templates';
import { TEMPLATE } from '../../server/src/core/template';
import { REPO } from '../helpers/core';

test('the bundled schema is valid JSON Schema 2020-12', () => {
  const ajv = new Ajv2020({ strict: false });
  const valid = ajv.validateSchema(bundledSchemaJson());
  assert.equal(valid, true, JSON.stringify(ajv.errors));
  // Not vacuous: a broken schema is refused by the same check.
  assert.equal(ajv.validateSchema({ ...bundledSchemaJson(), type: 'no-such-type' }), false);
});

test('schemas generated from templates are valid JSON Schema 2020-12: v1.1 and the SRE example', () => {
  const ajv = new Ajv2020({ strict: false });
  const sre = path.join(REPO, 'examples', 'templates', 'sre.md');
  for (const d of [TEMPLATE, readTemplate(fs.readFileSync(sre, 'utf8'), sre)]) {
    assert.equal(ajv.validateSchema(schemaForTemplate(d)), true, JSON.stringify(ajv.errors));
  }
});

test('the bundled schema compiled at build time (generated/bundledValidator.js) reports what a run-time compile of it reports', () => {
  const runtime = compileSchemaJson(bundledSchemaJson(), 'run time', true);
  const dirs = [path.join(REPO, 'test', 'fixtures', 'rules'), path.join(REPO, 'examples', 'post-mortems')];
  let compared = 0;
  let withIssues = 0;
  for (const dir of dirs) {
    for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.md') && !n.endsWith('.fixed.md'))) {
      const view = buildView(buildModel(fs.readFileSync(path.join(dir, f), 'utf8'))).json;
      const built = validateView(bundledSchema(), view);
      assert.deepEqual(built, validateView(runtime, view), f);
      compared++;
      if (built.length > 0) withIssues++;
    }
  }
  // Not vacuous: many documents, and many of them with schema issues to compare.
  assert.ok(compared > 30 && withIssues > 10, `${compared} documents, ${withIssues} with issues`);
});
