/**
 * analyze(): parse → model → JSON view → schema validation → rules → findings.
 * Never throws for any input text: a rule that throws is reported as one
 * finding-free log line and the others still run.
 */
import type { AnalyzeOptions, CompiledSchema } from './api';
import { isPostmortemText, relativePath } from './detect';
import { dropMaskedRows, maskTableDirectives, type MaskedText } from './directives';
import { rememberModel } from './format/tables';
import { prescan, touchesUnchecked, type UncheckedLine } from './prescan';
import type { IncrementalParser } from './incremental';
import { buildModel, parseMarkdown, type Model } from './model';
import { RULES, ruleByCode } from './rules';
import { reporter, type Rule, type RuleContext } from './rules/rule';
import { bundledSchema, validateView, type SchemaIssue } from './schema';
import { DEFAULT_SETTINGS } from './settings';
import { builtInTemplate, type Template } from './templates';
import { LineIndex, detectEol } from './text';
import { statusWorkflow } from '../../../shared/src/template/descriptor';
import type { DocumentStatus, Finding, Settings, Severity } from './types';
import { buildView, type JsonView } from './view';
import { caseInsensitiveChoice, isPlaceholder } from './values';
import { applySuppressions } from './suppress';

export interface Analysis {
  text: string;
  lines: LineIndex;
  /** False: not a post-mortem; findings is empty. */
  isPostmortem: boolean;
  /** Sorted by start offset; suppression comments and settings.rules applied. */
  findings: Finding[];
  model: Model;
  view: JsonView;
  /** The document's own Status (undefined while unset). */
  status: DocumentStatus | undefined;
  /** The schema resolved once for this analysis (`opts.schema` or the bundled one): hover and completion read this one. */
  schema: CompiledSchema;
  /** Problems of a rule that threw (never expected; kept for the log). */
  internalErrors: string[];
  /** The template the document was read with (`opts.template`, else the built-in v1.1). */
  template: Template;
}

/** By first heading `Incident Post-Mortem`, or by a `settings.files` glob on relPath (forward slashes). */
export function isPostmortem(text: string, relPath: string | undefined, settings: Settings): boolean {
  return isPostmortemText(text, relPath, settings.files);
}

function documentStatus(model: Model, t: Template): DocumentStatus | undefined {
  const field = t.descriptor.statusField;
  const v = (model.header as Record<string, { value: { text: string } } | undefined>)[field]?.value.text;
  const { values } = statusWorkflow(t.descriptor);
  if (v === undefined || isPlaceholder(v, values)) return undefined;
  return caseInsensitiveChoice(v, values) as DocumentStatus | undefined;
}

/** SPEC §4: information at the workflow's first status (or none), error at its last, a warning between. */
export function incompleteSeverity(status: DocumentStatus | undefined, t: Template = builtInTemplate()): Severity {
  const { values, draft, final } = statusWorkflow(t.descriptor);
  if (status === undefined || status === draft || !values.includes(status)) return 'information';
  return status === final ? 'error' : 'warning';
}

function fillMessage(template: string, vars: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => vars[k] ?? m);
}

/** Each rule's context: the shared one with a `report` that fills in that rule's code and severity. */
type ContextFor = (rule: Pick<Rule, 'code' | 'severity'>) => RuleContext;

function schemaFindings(view: JsonView, contextFor: ContextFor, issues: SchemaIssue[], internalErrors: string[]): void {
  // A placeholder gets PM003 (or the rule that names that gap) and nothing else.
  const incompletePaths = new Set(issues.filter((i) => i.keyword === 'type').map((i) => i.path));
  for (const issue of issues) {
    if (issue.keyword !== 'type' && incompletePaths.has(issue.path)) continue;
    const rule = ruleByCode(issue.code);
    const pointer = view.pointers.get(issue.path);
    const message = fillMessage(issue.message, {
      label: pointer?.label ?? issue.path,
      value: pointer?.val.text ?? '',
      allowed: (issue.allowed ?? []).filter((a) => a !== null).join(', '),
    });
    try {
      // A code a team schema names but no rule has: an error, as the schema says it.
      const rctx = contextFor(rule ?? { code: issue.code, severity: 'error' });
      if (rule?.fromSchema) rule.fromSchema(rctx, { issue, pointer, message });
      else if (pointer) rctx.report(pointer.val, message);
    } catch (e) {
      internalErrors.push(`${issue.code} (schema): ${(e as Error).stack ?? e}`);
    }
  }
}

/** The text as given to the parser, and what was masked in it. */
export interface PreparedText extends MaskedText {
  /** Lines not given to the parser (prescan.ts), in document order. */
  unchecked: UncheckedLine[];
  /** Spans inside masked table rows: those rows are dropped from the tree. */
  maskedRows: { start: number; end: number }[];
}

/** Hostile lines masked (prescan.ts), then suppression comments inside tables (directives.ts); same length. */
export function prepareText(text: string): PreparedText {
  const pre = prescan(text);
  const masked = maskTableDirectives(pre.text);
  return { ...masked, unchecked: pre.unchecked, maskedRows: pre.maskedRows };
}

/** Parse the prepared text and build the model. */
function modelOf(text: string, opts: AnalyzeOptions, t: Template, prepared: PreparedText): Model {
  const tree = (opts.parse ?? parseMarkdown)(prepared.text);
  const drop = prepared.maskedRows.length ? [...prepared.comments, ...prepared.maskedRows] : prepared.comments;
  const model = buildModel(text, dropMaskedRows(tree, drop), t.descriptor);
  if (prepared.comments.length > 0) model.comments = [...model.comments, ...prepared.comments].sort((a, b) => a.start - b.start);
  // Nothing masked: this is the plain model the formatter reads; formatting this text parses nothing again.
  else if (prepared.unchecked.length === 0) rememberModel(text, model);
  return model;
}

/** Whether `analyze` checks this text at all (enabled, and a post-mortem by heading or glob). */
export function isChecked(text: string, opts: AnalyzeOptions): boolean {
  const settings = opts.settings ?? DEFAULT_SETTINGS;
  if (!settings.enable) return false;
  // A team template was selected for it (by its first heading or a glob): it is a post-mortem.
  if (opts.template && opts.template !== builtInTemplate()) return true;
  return isPostmortem(text, relativePath(opts.filePath, opts.root), settings);
}

/**
 * `analyze` with the parse done by `parser` in steps that yield to the event loop
 * (`IncrementalParser.parseAsync`); undefined as soon as `cancelled()` says the result is no
 * longer wanted. Otherwise the same result as `analyze(text, {...opts, parse: (t) => parser.parse(t)})`.
 */
export async function analyzeInSteps(
  text: string,
  opts: AnalyzeOptions,
  parser: Pick<IncrementalParser, 'parseAsync'>,
  cancelled: () => boolean,
): Promise<Analysis | undefined> {
  if (!isChecked(text, opts)) return analyze(text, opts);
  const prepared = prepareText(text);
  if (text.length >= 1_000_000) {
    // The pre-scan of a large document was one step: let other work run before the parse.
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (cancelled()) return undefined;
  }
  const tree = await parser.parseAsync(prepared.text, cancelled);
  if (!tree || cancelled()) return undefined;
  return analyze(text, { ...opts, parse: () => tree }, prepared);
}

/** `prepared`: `prepareText(text)` when the caller has it already. */
export function analyze(text: string, opts: AnalyzeOptions, prepared?: PreparedText): Analysis {
  const settings = opts.settings ?? DEFAULT_SETTINGS;
  const lines = new LineIndex(text);
  const pm = isChecked(text, opts);
  const template = opts.template ?? builtInTemplate();
  const prep = pm ? (prepared ?? prepareText(text)) : undefined;
  const model = prep ? modelOf(text, opts, template, prep) : buildModel('');
  const view = buildView(model, template.descriptor);
  const status = documentStatus(model, template);
  // A team template's own schema; the built-in template's is the bundled one or the team's `postmortem.schema`.
  const schema = template === builtInTemplate() ? opts.schema ?? bundledSchema() : template.schema;
  const base: Analysis = { text, lines, isPostmortem: pm, findings: [], model, view, status, schema, internalErrors: [], template };
  if (!pm) return base;

  const effective: DocumentStatus | undefined = opts.statusAs ? statusWorkflow(template.descriptor).final : status;
  const findings: Finding[] = [];
  const incomplete = incompleteSeverity(effective, template);
  const shared: Omit<RuleContext, 'report'> = {
    text,
    model,
    view,
    status: effective,
    incomplete,
    opts: { ...opts, settings },
    schema,
    template,
    unchecked: prep?.unchecked ?? [],
    eol: detectEol(text),
  };
  const contexts = new Map<string, RuleContext>();
  const contextFor: ContextFor = (rule) => {
    let c = contexts.get(rule.code);
    if (!c) {
      c = { ...shared, report: reporter(rule.code, rule.severity, incomplete, findings) };
      contexts.set(rule.code, c);
    }
    return c;
  };

  const check = (rule: Rule) => {
    if (!rule.check) return;
    try {
      rule.check(contextFor(rule));
    } catch (e) {
      base.internalErrors.push(`${rule.code}: ${(e as Error).stack ?? e}`);
    }
  };
  for (const rule of RULES) if (rule.gate) check(rule);
  if (findings.length === 0) {
    // No gate closed: the schema, then every other rule.
    const pattern = settings.incidentIdPattern !== DEFAULT_SETTINGS.incidentIdPattern ? settings.incidentIdPattern : undefined;
    let issues: SchemaIssue[] = [];
    try {
      issues = validateView(schema, view.json, pattern);
    } catch (e) {
      base.internalErrors.push(`schema validation: ${(e as Error).message}`);
    }
    schemaFindings(view, contextFor, issues, base.internalErrors);
    for (const rule of RULES) if (!rule.gate) check(rule);
  }

  // Clamp every range into the document, whatever a rule computed.
  for (const f of findings) {
    f.start = Math.max(0, Math.min(f.start, text.length));
    f.end = Math.max(f.start, Math.min(f.end, text.length));
  }
  // No fix edits a line that was not parsed (prescan.ts): its text was never seen.
  const unchecked = prep?.unchecked ?? [];
  if (unchecked.length > 0) {
    for (const f of findings) {
      if (!f.fixes) continue;
      const fixes = f.fixes.filter((x) => !x.edits.some((e) => touchesUnchecked(unchecked, e.start, e.end)));
      if (fixes.length > 0) f.fixes = fixes;
      else delete f.fixes;
    }
  }
  const configured = findings
    .map((f) => {
      const level = settings.rules[f.code];
      if (level === 'off') return undefined;
      return level ? { ...f, severity: level } : f;
    })
    .filter((f): f is Finding => f !== undefined);
  base.findings = applySuppressions(configured, model.comments, lines).sort((a, b) => a.start - b.start || a.end - b.end || a.code.localeCompare(b.code));
  return base;
}
