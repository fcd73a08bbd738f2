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
}

export interface RuleDescription {
  code: string;
  title: string;
  severity: string;
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

/** `path:line:col  severity  PMnnn  message`, grouped by file, then one summary line. */
export function formatText(reports: readonly FileReport[], summary: RunSummary): string {
  const withFindings = reports.filter((r) => r.findings.length > 0);
  const rows = withFindings.map((r) =>
    r.findings.map((f) => ({ loc: `${r.file}:${f.line}:${f.column}`, sev: f.severity, code: f.code, msg: oneLine(f.message) })),
  );
  const flat = rows.flat();
  const locW = Math.max(0, ...flat.map((x) => x.loc.length));
  const sevW = Math.max(0, ...flat.map((x) => x.sev.length));
  const codeW = Math.max(0, ...flat.map((x) => x.code.length));
  const blocks = rows.map((group) =>
    group.map((x) => `${x.loc.padEnd(locW)}  ${x.sev.padEnd(sevW)}  ${x.code.padEnd(codeW)}  ${x.msg}`).join('\n'),
  );
  const count = (s: Severity) => flat.filter((x) => x.sev === s).length;
  const skipped = summary.skipped > 0 ? ` (${summary.skipped} skipped: not ${summary.skipped === 1 ? 'a post-mortem' : 'post-mortems'})` : '';
  let last: string;
  if (flat.length === 0) {
    last = `✔ no problems in ${plural(summary.checked, 'file')}${skipped}`;
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
    last = `✖ ${plural(flat.length, 'problem')} (${detail}) in ${files}${skipped}`;
  }
  return `${blocks.length > 0 ? `${blocks.join('\n\n')}\n\n` : ''}${last}\n`;
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

/** SARIF 2.1.0, one run, rules from the registry (plus any code the registry does not know). */
export function formatSarif(
  reports: readonly FileReport[],
  info: { version: string; rules: readonly RuleDescription[]; cwd: string },
): string {
  const rules: { id: string; name?: string; shortDescription?: { text: string }; defaultConfiguration?: { level: string }}[] = [];
  const index = new Map<string, number>();
  const addRule = (code: string, title?: string, severity?: string) => {
    if (index.has(code)) return;
    index.set(code, rules.length);
    const rule: (typeof rules)[number] = { id: code };
    if (title) rule.shortDescription = { text: title };
    const level = severity !== undefined ? SARIF_LEVEL[severity] : undefined;
    if (level) rule.defaultConfiguration = { level };
    rules.push(rule);
  };
  for (const r of info.rules) addRule(r.code, r.title, r.severity);
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
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'postmortem-lint',
            version: info.version,
            semanticVersion: info.version,
            rules,
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: `${pathToFileURL(info.cwd).href.replace(/\/?$/, '/')}` } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
