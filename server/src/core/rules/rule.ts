/**
 * What a rule is. One module per rule (`PMnnn.ts`), registered in `index.ts`.
 * A rule either checks the model itself (`check`), or shapes the schema's
 * findings for its code (`fromSchema`: severity, fixes), or both. Either way it
 * reports through `ctx.report`, which fills in the rule's code and severity.
 */
import type { AnalyzeOptions, CompiledSchema } from '../api';
import type { Model, Val } from '../model';
import type { Template } from '../templates';
import type { SchemaIssue } from '../schema';
import type { JsonView, Pointer } from '../view';
import type { DocumentStatus, Finding, Fix, RelatedLocation, Severity } from '../types';
import type { UncheckedLine } from '../prescan';

export type RuleSeverity = Severity | 'by status';

export interface RuleContext {
  text: string;
  model: Model;
  view: JsonView;
  /** Status used for severities: `--status-as FINAL` / Mark Final wins over the document's. */
  status: DocumentStatus | undefined;
  /** Severity of an incomplete part under `status` (SPEC §4). */
  incomplete: Severity;
  opts: AnalyzeOptions;
  /** The schema the document is validated against (`opts.schema` or the bundled one). */
  schema: CompiledSchema;
  /** The template the document is written with. */
  template: Template;
  eol: string;
  /** Lines left out of the parse (prescan.ts): reported once by PM026, never edited by a fix. */
  unchecked?: readonly UncheckedLine[];
  /**
   * Reports a finding of the rule being run on `at` (offsets): its code is the rule's, its
   * severity the rule's declared one (`incomplete` for a 'by status' rule) unless given.
   */
  report(at: { start: number; end: number }, message: string, options?: ReportOptions): void;
}

export interface ReportOptions {
  fixes?: Fix[];
  related?: RelatedLocation[];
  /** Overrides the rule's declared severity for this finding. */
  severity?: Severity;
}

export interface SchemaFindingInput {
  issue: SchemaIssue;
  pointer: Pointer | undefined;
  message: string;
}

export interface Rule {
  code: string;
  /** One line: what the rule checks. */
  title: string;
  /** Why it matters, for the rule's page. */
  why: string;
  severity: RuleSeverity;
  /** What the quick fix does, when there is one. */
  fix?: string;
  /** An example that fails and one that passes (Markdown snippets), for docs/rules/. */
  examples: { fails: string; passes: string };
  /**
   * A gate runs first; when it reports anything, the document is not one the other rules
   * understand, so neither the schema nor any other rule checks it (PM024: unknown template version).
   */
  gate?: boolean;
  check?(ctx: RuleContext): void;
  /** Reports a schema issue with this rule's code (default: the message on the value, as is). */
  fromSchema?(ctx: RuleContext, input: SchemaFindingInput): void;
}

/** The `report` of `RuleContext` for findings of `code`, collected into `findings`. */
export function reporter(code: string, severity: RuleSeverity, incomplete: Severity, findings: Finding[]): RuleContext['report'] {
  const declared = severity === 'by status' ? incomplete : severity;
  return (at, message, options) => {
    const f: Finding = { code, severity: options?.severity ?? declared, start: at.start, end: at.end, message };
    if (options?.fixes && options.fixes.length) f.fixes = options.fixes;
    if (options?.related && options.related.length) f.related = options.related;
    findings.push(f);
  };
}

/** A fix that replaces one value's text. */
export function replaceFix(title: string, val: Val, newText: string, safe = true): Fix {
  return { title, safe, edits: [{ start: val.start, end: val.end, newText }] };
}
