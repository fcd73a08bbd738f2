/**
 * `postmortem-lint`: the post-mortem checks for CI and pre-commit (SPEC §2).
 * Wiring only: arguments → files → core `analyze` → one output format.
 *
 * Exit status: 0 when no finding is an error, 1 when one is, 2 on a usage
 * error, an unreadable file or a broken `.postmortemrc.json` (message on stderr).
 */
import * as path from 'node:path';
import pkg from '../../package.json';
import { IncrementalParser, RULES, analyze, type AnalyzeOptions, type Settings } from './core';
import { USAGE, UsageError, parseArgs, type CliOptions } from './node/cliArgs';
import {
  formatGithub,
  formatJson,
  formatSarif,
  formatText,
  hasErrors,
  toReportFinding,
  type FileReport,
} from './node/cliReport';
import { expandInputs } from './node/files';
import { isDirectory, nodeFileSystem, readTextFile } from './node/fs';
import { ConfigError, loadRcSettings } from './node/rc';
import { detectRoot } from './node/root';
import { SchemaCache } from './node/schemaCache';

const NAME = 'postmortem-lint';

interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  cwd: string;
}

function errorLine(io: Io, message: string): void {
  io.stderr(`${NAME}: ${message}\n`);
}

function run(argv: readonly string[], io: Io): number {
  let opts: CliOptions;
  try {
    opts = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      errorLine(io, `${e.message}\nRun "${NAME} --help" for usage.`);
      return 2;
    }
    throw e;
  }
  if (opts.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  if (opts.version) {
    io.stdout(`${pkg.version}\n`);
    return 0;
  }
  if (opts.inputs.length === 0) {
    errorLine(io, `no files given\nRun "${NAME} --help" for usage.`);
    return 2;
  }
  let rootOverride: string | undefined;
  if (opts.root !== undefined) {
    rootOverride = path.resolve(io.cwd, opts.root);
    if (!isDirectory(rootOverride)) {
      errorLine(io, `--root: not a directory: ${opts.root}`);
      return 2;
    }
  }

  const { files, errors } = expandInputs(opts.inputs, io.cwd);
  let failed = errors.length > 0;
  for (const e of errors) errorLine(io, e);
  if (opts.printModel && files.length !== 1) {
    errorLine(io, `--print-model needs exactly one file (got ${files.length})`);
    return 2;
  }

  const rc = new Map<string, Settings>();
  // The message names the file and the problem and already says the bundled schema is used.
  const schemas = new SchemaCache((message) => errorLine(io, `warning: ${message}`));
  const reports: FileReport[] = [];
  let checked = 0;
  let skipped = 0;

  for (const file of files) {
    const root = rootOverride ?? detectRoot(file.abs, io.cwd);
    let settings = rc.get(root);
    if (!settings) {
      try {
        settings = loadRcSettings(root).settings;
      } catch (e) {
        if (e instanceof ConfigError) {
          errorLine(io, e.message);
          return 2;
        }
        throw e;
      }
      rc.set(root, settings);
    }
    let text: string;
    try {
      text = readTextFile(file.abs);
    } catch (e) {
      errorLine(io, `cannot read ${file.display}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      failed = true;
      continue;
    }
    // Parsed in chunks like the server (same tree, property-tested): a long table or log is never
    // one micromark run, which bounds the peak memory of a large file.
    const options: AnalyzeOptions = { settings, filePath: file.abs, root, fs: nodeFileSystem, parse: (t) => new IncrementalParser().parse(t) };
    if (opts.statusAs) options.statusAs = opts.statusAs;
    const schema = schemas.resolve(settings.schema, root);
    if (schema) options.schema = schema;
    let analysis: ReturnType<typeof analyze>;
    try {
      analysis = analyze(text, options);
    } catch (e) {
      errorLine(io, `internal error while checking ${file.display}: ${(e as Error).stack ?? String(e)}`);
      failed = true;
      continue;
    }
    for (const e of analysis.internalErrors) errorLine(io, `internal error while checking ${file.display}: ${e}`);
    if (opts.printModel) {
      io.stdout(`${JSON.stringify(analysis.model, null, 2)}\n`);
      return failed ? 2 : 0;
    }
    if (!analysis.isPostmortem) {
      skipped++;
      continue;
    }
    checked++;
    reports.push({ file: file.display, findings: analysis.findings.map((f) => toReportFinding(f, analysis.lines)) });
  }

  switch (opts.format) {
    case 'json':
      io.stdout(formatJson(reports));
      break;
    case 'github':
      io.stdout(formatGithub(reports));
      break;
    case 'sarif':
      io.stdout(formatSarif(reports, { version: pkg.version, rules: RULES, cwd: io.cwd }));
      break;
    default:
      io.stdout(formatText(reports, { checked, skipped }));
  }
  if (failed) return 2;
  return hasErrors(reports) ? 1 : 0;
}

function main(): void {
  let code: number;
  try {
    code = run(process.argv.slice(2), {
      stdout: (s) => process.stdout.write(s),
      stderr: (s) => process.stderr.write(s),
      cwd: process.cwd(),
    });
  } catch (e) {
    process.stderr.write(`${NAME}: internal error: ${(e as Error).stack ?? String(e)}\n`);
    code = 2;
  }
  // Let stdout drain (a pipe may be slow); never process.exit() with output pending.
  process.exitCode = code;
}

main();
