/**
 * `postmortem-lint actions` and `postmortem-lint stats` (issue 15): the action items and the
 * statistics of many post-mortems, for governance reviews. The same files, ignore file, root and
 * `.postmortemrc.json` as the check; the rows and numbers come from the core (`core/insight.ts`),
 * the output formats from `core/insightFormat.ts`.
 *
 * Exit status: 0, or 2 on a usage or I/O error (the report of the files that could be read is
 * still printed). Findings do not change the exit status: these are reports, not checks.
 */
import * as nodeFs from 'node:fs';
import * as path from 'node:path';
import { parseArgs as nodeParseArgs } from 'node:util';
import {
  ACTIONS_FORMATS,
  STATS_FORMATS,
  actionRows,
  analyze,
  chunkedParse,
  computeStats,
  documentFacts,
  filterActions,
  formatActions,
  formatStats,
  relativePath,
  utcDay,
  type ActionItemRow,
  type ActionsFormat,
  type AnalyzeOptions,
  type DocumentFacts,
  type Settings,
  type StatsFormat,
} from '../core';
import { IGNORE_FILE, IgnoreFile, expandInputs } from './files';
import { isDirectory, isFile } from './fs';
import { ConfigError, RcResolver } from './rc';
import { detectRoot } from './root';
import { TemplateCache } from './templateCache';

const NAME = 'postmortem-lint';

export const INSIGHT_COMMANDS = ['actions', 'stats'] as const;
export type InsightCommand = (typeof INSIGHT_COMMANDS)[number];

export function isInsightCommand(arg: string | undefined): arg is InsightCommand {
  return (INSIGHT_COMMANDS as readonly (string | undefined)[]).includes(arg);
}

/** What the subcommands need of the process (cli.ts's `Io`). */
export interface InsightIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  cwd: string;
}

export const ACTIONS_USAGE = `Usage: postmortem-lint actions [options] <files, directories or globs...>

Lists the action items (section 7) of the post-mortems. An item is open unless
its Status is DONE; overdue when open and its target date is before today (UTC).

Options:
  -f, --format <table|csv|json|markdown>  output format (default: table)
  --open               only open items
  --overdue            only overdue items
  --owner <name>       only items of this owner (case-insensitive)
  --today <YYYY-MM-DD> the day overdue is computed for (default: today, UTC)
  -o, --output <file>  write to a file instead of stdout
  --root <dir>, --template <file>, --ignore-path <file>  as for the check
  -h, --help           show this help`;

export const STATS_USAGE = `Usage: postmortem-lint stats [options] <files, directories or globs...>

Post-mortems by status, severity, trigger and month; median and p90 time to
open (opened - first detected) and to resolve (resolved - opened); open,
overdue and blocking action items per owner. Documents whose times cannot be
read as UTC are counted apart, never guessed.

Options:
  -f, --format <table|json|markdown>  output format (default: table)
  --today <YYYY-MM-DD> the day overdue is computed for (default: today, UTC)
  -o, --output <file>  write to a file instead of stdout
  --root <dir>, --template <file>, --ignore-path <file>  as for the check
  -h, --help           show this help`;

const OPTIONS = {
  format: { type: 'string', short: 'f' },
  output: { type: 'string', short: 'o' },
  root: { type: 'string' },
  template: { type: 'string', multiple: true },
  'ignore-path': { type: 'string' },
  today: { type: 'string' },
  open: { type: 'boolean' },
  overdue: { type: 'boolean' },
  owner: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const ACTIONS_ONLY = ['open', 'overdue', 'owner'] as const;

/** The analysed post-mortems of the inputs, in file order. */
export interface Collected {
  rows: ActionItemRow[];
  facts: DocumentFacts[];
  skipped: number;
}

/** Runs `postmortem-lint actions|stats …` (argv without the subcommand). Returns the exit status. */
export function runInsight(command: InsightCommand, argv: readonly string[], io: InsightIo): number {
  const usage = command === 'actions' ? ACTIONS_USAGE : STATS_USAGE;
  let failed = false;
  const error = (m: string) => {
    failed = true;
    io.stderr(`${NAME} ${command}: ${m}\n`);
  };
  const warned = new Set<string>();
  const warning = (m: string) => {
    if (warned.has(m)) return;
    warned.add(m);
    io.stderr(`${NAME} ${command}: warning: ${m}\n`);
  };
  const usageError = (m: string) => {
    error(`${m}\nRun "${NAME} ${command} --help" for usage.`);
    return 2;
  };

  let parsed;
  try {
    parsed = nodeParseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    return usageError((e as Error).message.split('\n')[0]!.replace(/\. To specify a positional.*$/, ''));
  }
  const v = parsed.values;
  if (v.help) {
    io.stdout(`${usage}\n`);
    return 0;
  }
  if (command === 'stats') {
    const wrong = ACTIONS_ONLY.find((k) => v[k] !== undefined);
    if (wrong) return usageError(`--${wrong} is an option of "actions"`);
  }
  const formats: readonly string[] = command === 'actions' ? ACTIONS_FORMATS : STATS_FORMATS;
  const format = v.format ?? 'table';
  if (!formats.includes(format)) return usageError(`--format must be one of ${formats.join(', ')} (got ${format})`);
  let today = utcDay();
  if (v.today !== undefined) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(v.today) || Number.isNaN(Date.parse(`${v.today}T00:00:00Z`)) || new Date(`${v.today}T00:00:00Z`).toISOString().slice(0, 10) !== v.today) {
      return usageError(`--today needs a date YYYY-MM-DD (got ${v.today})`);
    }
    today = v.today;
  }
  const inputs = parsed.positionals;
  if (inputs.filter((i) => !(i.startsWith('!') && i.length > 1)).length === 0) return usageError('no files given');
  if (inputs.includes('-')) return usageError('reading stdin ("-") is not supported here');
  let rootOverride: string | undefined;
  if (v.root !== undefined) {
    rootOverride = path.resolve(io.cwd, v.root);
    if (!isDirectory(rootOverride)) {
      error(`--root: not a directory: ${v.root}`);
      return 2;
    }
  }
  let ignore: IgnoreFile | undefined;
  try {
    if (v['ignore-path'] !== undefined) ignore = IgnoreFile.load(path.resolve(io.cwd, v['ignore-path']));
    else if (isFile(path.join(io.cwd, IGNORE_FILE))) ignore = IgnoreFile.load(path.join(io.cwd, IGNORE_FILE));
  } catch (e) {
    error((e as Error).message);
    return 2;
  }

  const expanded = expandInputs(inputs, io.cwd, ignore ? { ignore } : {});
  for (const e of expanded.errors) error(e);
  const rc = new RcResolver();
  const templates = new TemplateCache(warning);
  const extraTemplates = (v.template ?? []).map((t) => path.resolve(io.cwd, t));
  const collected: Collected = { rows: [], facts: [], skipped: 0 };
  for (const file of expanded.files) {
    const root = rootOverride ?? detectRoot(file.abs, io.cwd);
    let settings: Settings;
    try {
      settings = rc.resolve(path.dirname(file.abs), root, warning).settings;
    } catch (e) {
      if (e instanceof ConfigError) {
        error(e.message);
        return 2;
      }
      throw e;
    }
    if (extraTemplates.length > 0) settings = { ...settings, templates: [...extraTemplates, ...settings.templates] };
    let text: string;
    try {
      text = nodeFs.readFileSync(file.abs, 'utf8').replace(/^\ufeff/, '');
    } catch (e) {
      error(`cannot read ${file.display}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      continue;
    }
    // No file system: the reports need no evidence lookups, and rules that look would only slow them.
    // Parsed in chunks, as `check` does (same tree): long tables are read without micromark.
    const options: AnalyzeOptions = { settings, root, filePath: file.abs, parse: chunkedParse() };
    const template = templates.templateFor(text, relativePath(file.abs, root), settings, root);
    if (template) options.template = template;
    const analysis = analyze(text, options);
    if (!analysis.isPostmortem) {
      collected.skipped++;
      continue;
    }
    collected.rows.push(...actionRows(file.display, analysis, today));
    collected.facts.push(documentFacts(file.display, analysis));
  }

  let out: string;
  if (command === 'actions') {
    const rows = filterActions(collected.rows, {
      ...(v.open ? { open: true } : {}),
      ...(v.overdue ? { overdue: true } : {}),
      ...(v.owner !== undefined ? { owner: v.owner } : {}),
    });
    out = formatActions(rows, format as ActionsFormat);
  } else {
    out = formatStats(computeStats(collected.facts, collected.rows, today), format as StatsFormat);
  }
  if (v.output !== undefined) {
    try {
      nodeFs.writeFileSync(path.resolve(io.cwd, v.output), out);
    } catch (e) {
      error(`cannot write ${v.output}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      return 2;
    }
  } else {
    io.stdout(out);
  }
  return failed ? 2 : 0;
}
