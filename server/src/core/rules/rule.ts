/**
 * What a rule is. One module per rule (`PMnnn.ts`), registered in `index.ts`.
 * A rule either checks the model itself (`check`), or shapes the schema's
 * findings for its code (`fromSchema`: severity, fixes), or both.
 */
import type { AnalyzeOptions } from '../api';
import type { Model, Val } from '../model';
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
  eol: string;
  /** Lines left out of the parse (prescan.ts): reported once by PM026, never edited by a fix. */
  unchecked?: readonly UncheckedLine[];
  report(f: Finding): void;
}

export interface SchemaFindingInput {
  issue: SchemaIssue;
  pointer: Pointer | undefined;
  message: string;
  severity: Severity;
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
  check?(ctx: RuleContext): void;
  /** Turns a schema issue with this rule's code into a finding (default: as is). */
  fromSchema?(ctx: RuleContext, input: SchemaFindingInput): Finding | undefined;
}

export function finding(code: string, severity: Severity, at: { start: number; end: number }, message: string, fixes?: Fix[], related?: RelatedLocation[]): Finding {
  const f: Finding = { code, severity, start: at.start, end: at.end, message };
  if (fixes && fixes.length) f.fixes = fixes;
  if (related && related.length) f.related = related;
  return f;
}

/** A fix that replaces one value's text. */
export function replaceFix(title: string, val: Val, newText: string, safe = true): Fix {
  return { title, safe, edits: [{ start: val.start, end: val.end, newText }] };
}
