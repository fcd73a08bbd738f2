/**
 * The CLI's output formats. Pure: findings in, text out. Lines and columns are
 * 1-based; columns count UTF-16 code units (as LSP and SARIF `utf16CodeUnits`).
 */
import { pathToFileURL } from 'node:url';
import * as path from 'node:path';
import type { Finding, LineIndex, Severity } from '../core';
import { toPosix } from './fs';

export interface ReportFinding {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Severity;
  code: string;
  message: string;
}

export interface FileReport {
  /** The file as given on the command line, or relative to the current directory. */
  file: string;
  findings: ReportFinding[];
}

export interface RunSummary {
  /** Post-mortems checked. */
  checked: number;
  /** Files given or found that are not post-mortems. */
  skipped: number;
  /** Files left out by `!` globs or the ignore file. */
  ignored?: number;
  /** Usage and I/O errors already reported on stderr: the run is incomplete, never "no problems". */
  inputErrors?: number;
}

export interface RuleDescription {
  code: string;
  title: string;
  severity: string;
  /** Why the rule matters (the rule page's first section). */
  why?: string;
  /** What its quick fix does. */
  fix?: string;
}

export function toReportFinding(f: Finding, lines: LineIndex): ReportFinding {
  const s = lines.positionAt(f.start);
  const e = lines.positionAt(Math.max(f.start, f.end));
  return {
    line: s.line + 1,
    column: s.character + 1,
    endLine: e.line + 1,
    endColumn: e.character + 1,
    severity: f.severity,
    code: f.code,
    message: f.message,
  };
}

export function hasErrors(reports: readonly FileReport[]): boolean {
  return reports.some((r) => r.findings.some((f) => f.severity === 'error'));
}

// -------------------------------------------------------------------- json

export function formatJson(reports: readonly FileReport[]): string {
  const all = reports.flatMap((r) =>
    r.findings.map((f) => ({
      file: r.file,
      line: f.line,
      column: f.column,
      endLine: f.endLine,
      endColumn: f.endColumn,
      severity: f.severity,
      code: f.code,
      message: f.message,
    })),
  );
  return `${JSON.stringify(all, null, 2)}\n`;
}

// -------------------------------------------------------------------- text

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export interface TextOptions {
  /** List information and hint findings too; otherwise they are only counted in the summary. */
  verbose?: boolean;
  /** ANSI colours (the CLI decides: TTY, NO_COLOR, FORCE_COLOR, --color). */
  color?: boolean;
  /** Files written by --fix and the fixes applied, for the summary. */
  fixed?: { files: number; fixes: number };
}

const ANSI = { red: 31, yellow: 33, blue: 34, green: 32, dim: 2, bold: 1 } as const;

/** Findings below warning: summarised as a count in text output unless verbose. */
const isInfo = (s: Severity) => s === 'information' || s === 'hint';

/** `path:line:col  severity  PMnnn  message`, grouped by file, then one summary line. */
export function formatText(reports: readonly FileReport[], summary: RunSummary, options: TextOptions = {}): string {
  const paint = (code: number, s: string) => (options.color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const shown = (f: ReportFinding) => options.verbose === true || !isInfo(f.severity);
  const rows = reports
    .map((r) =>
      r.findings.filter(shown).map((f) => ({ loc: `${r.file}:${f.line}:${f.column}`, sev: f.severity, code: f.code, msg: oneLine(f.message) })),
    )
    .filter((g) => g.length > 0);
  const flat = rows.flat();
  const all = reports.flatMap((r) => r.findings);
  const withFindings = reports.filter((r) => r.findings.length > 0);
  const locW = Math.max(0, ...flat.map((x) => x.loc.length));
  const sevW = Math.max(0, ...flat.map((x) => x.sev.length));
  const codeW = Math.max(0, ...flat.map((x) => x.code.length));
  const sevColor: Record<Severity, number> = { error: ANSI.red, warning: ANSI.yellow, information: ANSI.blue, hint: ANSI.dim };
  const blocks = rows.map((group) =>
    group
      .map(
        (x) =>
          `${x.loc.padEnd(locW)}  ${paint(sevColor[x.sev] ?? ANSI.red, x.sev.padEnd(sevW))}  ${paint(ANSI.dim, x.code.padEnd(codeW))}  ${x.msg}`,
      )
      .join('\n'),
  );
  const count = (s: Severity) => all.filter((x) => x.severity === s).length;
  const hidden = all.filter((f) => !shown(f)).length;
  const notes = [
    ...(summary.skipped > 0 ? [`${summary.skipped} skipped: not ${summary.skipped === 1 ? 'a post-mortem' : 'post-mortems'}`] : []),
    ...((summary.ignored ?? 0) > 0 ? [`${summary.ignored} ignored`] : []),
  ];
  const skipped = notes.length > 0 ? ` (${notes.join('; ')})` : '';
  const hiddenNote = hidden > 0 ? `; ${hidden} info not shown (--verbose lists them)` : '';
  const inputErrors = summary.inputErrors ?? 0;
  let last: string;
  if (inputErrors > 0) {
    const detail = all.length > 0 ? `; ${plural(all.length, 'problem')} in the files checked` : '';
    last = `${paint(ANSI.red, `✖ ${plural(inputErrors, 'input error')} (see stderr)`)}: ${plural(summary.checked, 'file')} checked${detail}${skipped}${hiddenNote}`;
  } else if (all.length === 0) {
    last = paint(ANSI.green, `✔ no problems in ${plural(summary.checked, 'file')}`) + skipped;
  } else {
    const parts = [
      [count('error'), 'error', 'errors'],
      [count('warning'), 'warning', 'warnings'],
      [count('information'), 'info', 'info'],
      [count('hint'), 'hint', 'hints'],
    ] as const;
    const detail = parts.filter(([n]) => n > 0).map(([n, one, many]) => plural(n, one, many)).join(', ');
    const files =
      withFindings.length === summary.checked
        ? plural(summary.checked, 'file')
        : `${withFindings.length} of ${plural(summary.checked, 'file')}`;
    if (count('error') + count('warning') === 0) {
      const more = hidden > 0 ? `; --verbose lists ${hidden === 1 ? 'it' : 'them'}` : '';
      last = `${paint(ANSI.green, `✔ no errors or warnings in ${plural(summary.checked, 'file')}`)} (${detail}${more})${skipped}`;
    } else {
      const head = `✖ ${plural(all.length, 'problem')} (${detail}) in ${files}`;
      last = paint(count('error') > 0 ? ANSI.red : ANSI.yellow, head) + skipped + hiddenNote;
    }
  }
  const fixed = options.fixed && options.fixed.fixes > 0
    ? `fixed ${plural(options.fixed.fixes, 'problem')} in ${plural(options.fixed.files, 'file')}\n`
    : '';
  return `${blocks.length > 0 ? `${blocks.join('\n\n')}\n\n` : ''}${fixed}${last}\n`;
}

function oneLine(s: string): string {
  return s.replace(/\r\n|\r|\n/g, ' ');
}

// ------------------------------------------------------------------ github

const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

const GITHUB_LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', information: 'notice', hint: 'notice' };

/** GitHub Actions workflow commands, one annotation per finding. */
export function formatGithub(reports: readonly FileReport[]): string {
  const lines: string[] = [];
  for (const r of reports) {
    const file = escapeProperty(toPosix(r.file));
    for (const f of r.findings) {
      lines.push(
        `::${GITHUB_LEVEL[f.severity] ?? 'error'} file=${file},line=${f.line},col=${f.column},endLine=${f.endLine},endColumn=${f.endColumn},title=${escapeProperty(f.code)}::${escapeData(f.message)}`,
      );
    }
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

// ------------------------------------------------------------------- sarif

const SARIF_LEVEL: Record<string, 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  information: 'note',
  hint: 'note',
};

function artifactUri(file: string): { uri: string; uriBaseId?: string } {
  if (path.isAbsolute(file)) return { uri: pathToFileURL(file).href };
  return { uri: toPosix(file).split('/').map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
}

/** What SARIF's `invocations` says about the run. */
export interface SarifInvocation {
  /** The arguments after the program name. */
  arguments: readonly string[];
  /** False when the run hit a usage or I/O error (exit 2). */
  executionSuccessful: boolean;
  exitCode: number;
  /** Errors and warnings the run printed on stderr. */
  notifications?: readonly { level: 'error' | 'warning'; message: string }[];
}

export interface SarifInfo {
  version: string;
  rules: readonly RuleDescription[];
  cwd: string;
  /** Rule code → its documentation page (SARIF `helpUri`). */
  ruleHelpUri?: (code: string) => string | undefined;
  invocation?: SarifInvocation;
}

/** SARIF 2.1.0, one run, rules from the registry (plus any code the registry does not know). */
export function formatSarif(reports: readonly FileReport[], info: SarifInfo): string {
  interface SarifRule {
    id: string;
    shortDescription?: { text: string };
    fullDescription?: { text: string };
    helpUri?: string;
    help?: { text: string; markdown?: string };
    defaultConfiguration?: { level: string };
  }
  const rules: SarifRule[] = [];
  const index = new Map<string, number>();
  const addRule = (code: string, r?: RuleDescription) => {
    if (index.has(code)) return;
    index.set(code, rules.length);
    const rule: SarifRule = { id: code };
    if (r?.title) rule.shortDescription = { text: r.title };
    if (r?.why) rule.fullDescription = { text: r.why };
    const helpUri = info.ruleHelpUri?.(code);
    if (helpUri !== undefined) rule.helpUri = helpUri;
    if (r?.title) {
      const fix = r.fix ? ` Quick fix (postmortem-lint --fix): ${r.fix}` : '';
      const more = helpUri !== undefined ? ` More: ${helpUri}` : '';
      const text = `${r.title}.${r.why ? ` ${r.why}` : ''}${fix}${more}`;
      const markdown = `**${code}: ${r.title}**\n\n${r.why ?? ''}${r.fix ? `\n\nQuick fix: ${r.fix}` : ''}${helpUri !== undefined ? `\n\n[Rule page](${helpUri})` : ''}`;
      rule.help = { text, markdown };
    }
    const level = r?.severity !== undefined ? SARIF_LEVEL[r.severity] : undefined;
    if (level) rule.defaultConfiguration = { level };
    rules.push(rule);
  };
  for (const r of info.rules) addRule(r.code, r);
  const results = reports.flatMap((r) =>
    r.findings.map((f) => {
      addRule(f.code);
      return {
        ruleId: f.code,
        ruleIndex: index.get(f.code)!,
        level: SARIF_LEVEL[f.severity] ?? 'error',
        message: { text: f.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: artifactUri(r.file),
              region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
            },
          },
        ],
      };
    }),
  );
  const srcRoot = `${pathToFileURL(info.cwd).href.replace(/\/?$/, '/')}`;
  const run: Record<string, unknown> = {
    tool: {
      driver: {
        name: 'postmortem-lint',
        version: info.version,
        semanticVersion: info.version,
        rules,
      },
    },
  };
  if (info.invocation) {
    const inv = info.invocation;
    const invocation: Record<string, unknown> = {
      commandLine: ['postmortem-lint', ...inv.arguments].map(shellQuote).join(' '),
      arguments: [...inv.arguments],
      executionSuccessful: inv.executionSuccessful,
      exitCode: inv.exitCode,
      workingDirectory: { uri: srcRoot },
    };
    if (inv.notifications && inv.notifications.length > 0) {
      invocation.toolExecutionNotifications = inv.notifications.map((n) => ({ level: n.level, message: { text: n.message } }));
    }
    run.invocations = [invocation];
  }
  run.originalUriBaseIds = { '%SRCROOT%': { uri: srcRoot } };
  run.columnKind = 'utf16CodeUnits';
  run.results = results;
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [run],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

/** POSIX-shell quoting for SARIF's `commandLine` (display only). */
function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}
