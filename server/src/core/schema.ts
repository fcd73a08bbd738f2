/**
 * The JSON Schema side of validation: ajv (draft 2020-12), the value formats
 * of SPEC §3 as custom formats, and the mapping from an ajv error to a rule
 * code and message through the schema's own `x-pm-code` / `x-pm-message`.
 * A `$ref` to anything not in the schema itself is never fetched: ajv has no
 * `loadSchema`, so compiling such a schema fails with a clear message.
 */
import Ajv2020, { type ErrorObject, type Options, type ValidateFunction } from 'ajv/dist/2020';
import type { CompiledSchema } from './api';
import { FORMATS } from './schemaFormats';
import bundledJson from '../../../schemas/postmortem-1.1.schema.json';
// The bundled schema compiled ahead of time (`npm run docs`, scripts/gen-docs.ts): compiling it cost ≈ 60 ms per process.
import bundledValidate from './generated/bundledValidator';
import type { TemplateDescriptor } from '../../../shared/src/template/descriptor';

export const BUNDLED_SCHEMA_NAME = 'schemas/postmortem-1.1.schema.json';

interface SchemaInternals extends CompiledSchema {
  readonly json: Record<string, unknown>;
  readonly variants: Map<string, ValidateFunction>;
}

export interface SchemaIssue {
  /** JSON pointer of the failing value (for `required`: of the object). */
  path: string;
  keyword: string;
  code: string;
  message: string;
  /** For `required`: the missing property. */
  missing?: string;
  /** For `enum`: the allowed values. */
  allowed?: unknown[];
}

/**
 * `trusted`: the bundled schema, or one the core generated from a template, checked against the
 * 2020-12 meta-schema by a unit test (test/unit/schema-bundled.test.ts) instead of at run time —
 * compiling the meta-schema was 70–80 ms per process. A schema with a user's part is always checked.
 */
export function newAjv(trusted = false, code?: Options['code']): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, verbose: true, strict: true, strictTypes: false, strictRequired: false, allowUnionTypes: true, validateSchema: !trusted, code });
  for (const [name, f] of Object.entries(FORMATS)) ajv.addFormat(name, f);
  ajv.addKeyword({ keyword: 'x-pm-code', schemaType: ['string', 'object'] });
  ajv.addKeyword({ keyword: 'x-pm-message', schemaType: ['string', 'object'] });
  return ajv;
}

function compileJson(json: Record<string, unknown>, trusted = false): ValidateFunction {
  return newAjv(trusted).compile(json);
}

/**
 * The schema with the descriptor's required entries: `/header` requires every
 * field, each keyed table (`/summary`, `/impact`, `/signoff`) every row.
 * Pure: returns a copy.
 */
export function withTemplateRequired(schema: Record<string, unknown>, d: TemplateDescriptor): Record<string, unknown> {
  const out = structuredClone(schema) as { properties?: Record<string, { required?: string[] }> };
  const set = (key: string, required: string[]) => {
    const node = out.properties?.[key];
    if (node) node.required = required;
  };
  set('header', d.fields.map((f) => f.key));
  for (const t of d.tables) if (t.shape === 'keyed') set(t.key, t.rows.map((r) => r.key));
  return out as Record<string, unknown>;
}

/** The bundled schema's JSON (a copy). */
export function bundledSchemaJson(): Record<string, unknown> {
  return structuredClone(bundledJson) as unknown as Record<string, unknown>;
}

let bundled: SchemaInternals | undefined;

export function bundledSchema(): CompiledSchema {
  if (!bundled) {
    const json = bundledJson as unknown as Record<string, unknown>;
    bundled = { source: BUNDLED_SCHEMA_NAME, json, variants: new Map([['', bundledValidate]]) };
  }
  return bundled;
}

/**
 * Compiles a schema the core made (a team template's); throws on an invalid one. `trusted`: made
 * from the template alone (no user schema in it), so not checked against the meta-schema at run
 * time (test/unit/schema-bundled.test.ts checks generated ones); an invalid pattern still throws.
 */
export function compileSchemaJson(json: Record<string, unknown>, source: string, trusted = false): CompiledSchema {
  return { source, json, variants: new Map([['', compileJson(json, trusted)]]) } as SchemaInternals;
}

/**
 * Loads a team's schema. On any problem returns the bundled schema and `error`,
 * one message naming the file and the problem.
 */
export function loadSchema(path: string, readFile: (p: string) => string): { schema: CompiledSchema; error?: string } {
  let text: string;
  try {
    text = readFile(path);
  } catch (e) {
    return { schema: bundledSchema(), error: `${path}: cannot read the schema (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); using the bundled schema` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { schema: bundledSchema(), error: `${path}: not valid JSON (${(e as Error).message}); using the bundled schema` };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { schema: bundledSchema(), error: `${path}: a schema must be a JSON object; using the bundled schema` };
  }
  const unsafe = findUnsafePattern(json);
  if (unsafe) {
    return { schema: bundledSchema(), error: `${path}: pattern ${JSON.stringify(unsafe)} can take exponential time (nested quantifiers); using the bundled schema` };
  }
  try {
    const validate = compileJson(json as Record<string, unknown>);
    return { schema: { source: path, json, variants: new Map([['', validate]]) } as SchemaInternals };
  } catch (e) {
    return { schema: bundledSchema(), error: `${path}: invalid schema (${(e as Error).message}); using the bundled schema` };
  }
}

/**
 * A conservative check for patterns that backtrack catastrophically: a group
 * with a quantifier inside that is itself quantified, e.g. `(a+)+`, `(\w*)*`.
 */
export function isUnsafePattern(p: string): boolean {
  // A linear scan: the same test written as one regular expression backtracks quadratically on a long pattern.
  const outer = /\s*(?:[+*]|\{\d+,\d*\})/y;
  let inGroup = false;
  let quantified = false;
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '\\') i++;
    else if (c === '(') {
      inGroup = true;
      quantified = false;
    } else if (c === ')') {
      outer.lastIndex = i + 1;
      if (inGroup && quantified && outer.test(p)) return true;
      inGroup = false;
    } else if (inGroup && (c === '+' || c === '*' || c === '}')) quantified = true;
  }
  return false;
}

/** Every `pattern` of the schema, however deep (an explicit stack: JSON has no cycles). */
function findUnsafePattern(root: unknown): string | undefined {
  const stack: unknown[] = [root];
  while (stack.length) {
    const node = stack.pop();
    if (typeof node !== 'object' || node === null) continue;
    for (const [k, v] of Object.entries(node)) {
      if (k === 'pattern' && typeof v === 'string' && isUnsafePattern(v)) return v;
      stack.push(v);
    }
  }
  return undefined;
}

function validatorFor(schema: CompiledSchema, incidentIdPattern: string | undefined): ValidateFunction {
  const s = schema as SchemaInternals;
  const key = incidentIdPattern ?? '';
  let v = s.variants.get(key);
  if (!v) {
    const json = structuredClone(s.json) as Record<string, any>;
    const idSchema = json?.properties?.header?.properties?.incidentId;
    if (idSchema && typeof idSchema === 'object') idSchema.pattern = incidentIdPattern;
    try {
      v = compileJson(json);
    } catch {
      v = s.variants.get('')!;
    }
    s.variants.set(key, v);
  }
  return v;
}

/** A schema node by JSON pointer into the *instance* (follows properties, items, additionalProperties, $ref, then). */
export function schemaAt(schema: CompiledSchema, path: string): Record<string, unknown> | undefined {
  const root = (schema as SchemaInternals).json;
  const deref = (n: any): any => {
    let cur = n;
    for (let i = 0; i < 8 && cur && typeof cur.$ref === 'string' && cur.$ref.startsWith('#/'); i++) {
      const target = cur.$ref.slice(2).split('/').reduce((o: any, k: string) => (o ? o[k] : undefined), root);
      cur = target ? { ...target, ...cur, $ref: undefined } : undefined;
    }
    return cur;
  };
  let node: any = deref(root);
  for (const seg of path.split('/').slice(1)) {
    if (!node) return undefined;
    const props = node.properties?.[seg] ?? node.then?.properties?.[seg];
    if (props) node = deref(props);
    else if (/^\d+$/.test(seg) && node.items) node = deref(node.items);
    else if (node.additionalProperties && typeof node.additionalProperties === 'object') node = deref(node.additionalProperties);
    else return undefined;
  }
  return node;
}

const DEFAULT_CODES: Record<string, string> = { required: 'PM002', type: 'PM003', enum: 'PM004', const: 'PM004', format: 'PM006' };
const STRUCTURAL = new Set(['if', 'then', 'else', 'allOf', 'anyOf', 'oneOf', 'not', '$ref']);

function pick(annotation: unknown, keyword: string): string | undefined {
  if (typeof annotation === 'string') return annotation;
  if (annotation && typeof annotation === 'object') {
    const v = (annotation as Record<string, unknown>)[keyword];
    return typeof v === 'string' ? v : undefined;
  }
  return undefined;
}

/** Validates the JSON view; each error becomes an issue with its code and message (labels filled in later). */
export function validateView(schema: CompiledSchema, view: unknown, incidentIdPattern?: string): SchemaIssue[] {
  const validate = validatorFor(schema, incidentIdPattern);
  validate(view);
  const issues: SchemaIssue[] = [];
  for (const e of (validate.errors ?? []) as ErrorObject[]) {
    if (STRUCTURAL.has(e.keyword)) continue;
    const parent = (e.parentSchema ?? {}) as Record<string, unknown>;
    const code = pick(parent['x-pm-code'], e.keyword) ?? DEFAULT_CODES[e.keyword] ?? 'PM004';
    const template = pick(parent['x-pm-message'], e.keyword);
    const issue: SchemaIssue = { path: e.instancePath, keyword: e.keyword, code, message: template ?? '' };
    if (e.keyword === 'required') issue.missing = (e.params as { missingProperty: string }).missingProperty;
    if (e.keyword === 'enum') issue.allowed = (e.params as { allowedValues: unknown[] }).allowedValues;
    if (e.keyword === 'pattern') issue.message = issue.message.replace('{pattern}', String((e.params as { pattern: string }).pattern));
    if (!template) issue.message = defaultMessage(e);
    issues.push(issue);
  }
  return issues;
}

function defaultMessage(e: ErrorObject): string {
  switch (e.keyword) {
    case 'required': return 'Missing "{missing}"';
    case 'type': return '{label} is still a placeholder or empty; expected a value';
    case 'enum': return '{label}: "{value}" is not one of {allowed}';
    case 'format': return `{label}: "{value}" is not a valid ${String((e.params as { format: string }).format)}`;
    default: return `{label}: "{value}" ${e.message ?? 'is not valid'}`;
  }
}
