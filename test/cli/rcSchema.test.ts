/**
 * The JSON Schema of `.postmortemrc.json` (contributed with `jsonValidation`)
 * agrees with the editor settings and with what the CLI reads.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import Ajv from 'ajv';
import { RC_KEYS } from '../../server/src/node/rc';
import { REPO } from '../helpers/build';

const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
const SCHEMA_PATH = path.join(REPO, 'schemas', 'postmortemrc.schema.json');
const schema = JSON.parse(fs.readFileSync(SCHEMA_PATH, 'utf8'));

describe('.postmortemrc.json schema', () => {
  it('is contributed to VS Code with jsonValidation', () => {
    const entry = pkg.contributes.jsonValidation.find((j: { url: string }) => j.url === './schemas/postmortemrc.schema.json');
    assert.ok(entry, 'a jsonValidation entry');
    assert.ok(entry.fileMatch.includes('.postmortemrc.json'));
    assert.ok(fs.existsSync(SCHEMA_PATH));
  });

  it('has every postmortem.* editor setting, nested and dotted', () => {
    for (const key of Object.keys(pkg.contributes.configuration.properties)) {
      const name = key.slice('postmortem.'.length);
      assert.ok(schema.properties[name], `${name} in the rc schema`);
      const [head, tail] = name.split('.');
      if (tail !== undefined) assert.ok(schema.properties[head!].properties[tail], `${head}.${tail} nested`);
    }
  });

  it('has every key the CLI reads, and no other', () => {
    const top = Object.keys(schema.properties).filter((k) => !k.includes('.') && k !== 'postmortem');
    assert.deepEqual(new Set(top), new Set(Object.keys(RC_KEYS)));
    for (const [k, subs] of Object.entries(RC_KEYS)) {
      if (subs === true) continue;
      assert.deepEqual(new Set(Object.keys(schema.properties[k].properties)), new Set(subs), k);
    }
  });

  it('accepts a full rc file and flags an unknown key or a bad level', () => {
    const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
    const good = {
      $schema: './node_modules/x.json',
      rules: { PM021: 'off', PM015: 'information' },
      incidentIdPattern: '^INC-\\d{4}-\\d{4}$',
      files: ['docs/incidents/**/*.md'],
      evidenceRoot: 'governance/evidence',
      timeline: { sortOnFormat: true },
      'validation.delayMs': 100,
      newFileFolder: 'post-mortems',
      'trace.server': 'off',
    };
    assert.ok(validate(good), JSON.stringify(validate.errors));
    assert.equal(validate({ rule: { PM021: 'off' } }), false);
    assert.equal(validate({ rules: { PM021: 'loud' } }), false);
    assert.equal(validate({ rules: { X1: 'off' } }), false);
  });
});
