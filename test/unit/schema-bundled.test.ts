/**
 * The bundled schema is compiled without checking it against the JSON Schema 2020-12
 * meta-schema at run time (core/schema.ts, `trusted`): this test is that check.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Ajv2020 from 'ajv/dist/2020';
import { bundledSchemaJson } from '../../server/src/core/schema';

test('the bundled schema is valid JSON Schema 2020-12', () => {
  const ajv = new Ajv2020({ strict: false });
  const valid = ajv.validateSchema(bundledSchemaJson());
  assert.equal(valid, true, JSON.stringify(ajv.errors));
  // Not vacuous: a broken schema is refused by the same check.
  assert.equal(ajv.validateSchema({ ...bundledSchemaJson(), type: 'no-such-type' }), false);
});
