/**
 * Generates docs/rules/PMnnn.md and the README's rules table from the rule
 * registry, and the bundled schema's `required` lists (header fields and the
 * rows of keyed tables) from the template descriptor, that schema's compiled validator
 * (server/src/core/generated/bundledValidator.js), and l10n/bundle.l10n.json from the client's
 * `vscode.l10n.t` calls. `--check` fails (exit 1)
 * when a generated file differs: CI runs it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULES } from '../server/src/core/rules';
import { _ } from 'ajv/dist/2020';
import standaloneCode from 'ajv/dist/standalone';
import { newAjv, withTemplateRequired } from '../server/src/core/schema';
import { TEMPLATE } from '../server/src/core/template';
import { BUNDLE, bundleText } from './l10n-strings';

const ROOT = path.resolve(__dirname, '..');
const check = process.argv.includes('--check');
let drift = 0;

function write(file: string, content: string): void {
  const p = path.join(ROOT, file);
  const old = fs.existsSync(p) ? fs.readFileSync(p, 'utf8') : undefined;
  if (old === content) return;
  if (check) {
    console.error(`${file} is out of date: run npm run docs`);
    drift++;
    return;
  }
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, content);
  console.log(`wrote ${file}`);
}

/**
 * The source of a CommonJS module exporting `json`'s validator, compiled now (ajv standalone
 * code), with the options of a run-time compile (schema.ts `newAjv`); its formats are required
 * from schemaFormats.ts at run time. `docs:check` fails when the committed one is stale.
 */
function validatorSource(json: Record<string, unknown>, name: string): string {
  const ajv = newAjv(true, { source: true, formats: _`require("../schemaFormats").FORMATS` });
  const code = standaloneCode(ajv, ajv.compile(json));
  return `// Generated from ${name} by \`npm run docs\` (scripts/gen-docs.ts); do not edit.\n${code}\n`;
}

const sev = (s: string) => (s === 'by status' ? 'by status (information while DRAFT, warning UNDER REVIEW, error at FINAL)' : s);

for (const r of RULES) {
  write(`docs/rules/${r.code}.md`, `# ${r.code}: ${r.title}

<!-- Generated from server/src/core/rules/${r.code}.ts by \`npm run docs\`; edit the rule, not this page. -->

**Severity:** ${sev(r.severity)}
**Quick fix:** ${r.fix ?? 'none'}

## Why

${r.why}

## Fails

\`\`\`markdown
${r.examples.fails}
\`\`\`

## Passes

\`\`\`markdown
${r.examples.passes}
\`\`\`

## Silencing

\`<!-- postmortem-disable-next-line ${r.code} -->\` above the line, a \`<!-- postmortem-disable ${r.code} -->\` …
\`<!-- postmortem-enable ${r.code} -->\` pair, or \`"postmortem.rules": { "${r.code}": "off" }\` (CLI: \`.postmortemrc.json\`).
`);
}

const table = ['| code | rule | severity | quick fix |', '|------|------|----------|-----------|',
  ...RULES.map((r) => `| [${r.code}](docs/rules/${r.code}.md) | ${r.title.replace(/\|/g, '\\|')} | ${r.severity} | ${r.fix ? 'yes' : '—'} |`)].join('\n');
const readme = path.join(ROOT, 'README.md');
const text = fs.readFileSync(readme, 'utf8');
const re = /(<!-- rules:start -->\n)[\s\S]*?(\n<!-- rules:end -->)/;
if (!re.test(text)) {
  console.error('README.md has no <!-- rules:start --> / <!-- rules:end --> markers');
  process.exit(1);
}
write('README.md', text.replace(re, `$1${table}$2`));
const schemaFile = 'schemas/postmortem-1.1.schema.json';
const schema = JSON.parse(fs.readFileSync(path.join(ROOT, schemaFile), 'utf8')) as Record<string, unknown>;
const bundled = withTemplateRequired(schema, TEMPLATE);
write(schemaFile, `${JSON.stringify(bundled, null, 2)}\n`);
// The bundled schema compiled ahead of time (ajv standalone code), so no process compiles it.
write('server/src/core/generated/bundledValidator.js', validatorSource(bundled, schemaFile));
// The client's vscode.l10n.t messages (scripts/l10n-strings.ts): what translators start from.
write(BUNDLE, bundleText());
if (drift) process.exit(1);
if (check) console.log(`docs are up to date (${RULES.length} rules)`);
