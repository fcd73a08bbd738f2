/**
 * The bundled schema, and the schemas the core generates from team templates, are compiled
 * without checking them against the JSON Schema 2020-12 meta-schema at run time (core/schema.ts,
 * `trusted`): this test is that check.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Ajv2020 from 'ajv/dist/2020';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { bundledSchemaJson } from '../../server/src/core/schema';
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
