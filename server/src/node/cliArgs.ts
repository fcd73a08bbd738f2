/** Command-line parsing for `postmortem-lint`, on `node:util` `parseArgs`. */
import { parseArgs as nodeParseArgs } from 'node:util';

export type OutputFormat = 'text' | 'json' | 'github' | 'sarif';
export const FORMATS: readonly OutputFormat[] = ['text', 'json', 'github', 'sarif'];

export interface CliOptions {
  format: OutputFormat;
  root?: string;
  statusAs?: 'FINAL';
  /** Team templates (`--template FILE`, repeatable), before the rc file's `templates`. */
  templates: string[];
  printModel: boolean;
  /** Apply every safe fix and write the files. */
  fix: boolean;
  /** Print what `--fix` would change as a unified diff; write nothing. */
  fixDryRun: boolean;
  /** Ignore file (gitignore syntax); default `.postmortemignore` of the current directory when it exists. */
  ignorePath?: string;
  /** Report errors only. */
  quiet: boolean;
  /** Exit 1 when there are more warnings than this. */
  maxWarnings?: number;
  /** Write the report to this file instead of stdout. */
  output?: string;
  /** Path the text read from stdin (`-`) stands for: root, rc file and `files` globs follow it. */
  stdinFilename?: string;
  /** Text output: list information and hint findings instead of counting them. */
  verbose: boolean;
  /** Worker threads (`--jobs N`); undefined = one per core for a large run, none for a small one. */
  jobs?: number;
  /** Reuse results of unchanged files (`--cache`). */
  cache: boolean;
  /** Cache file, or a folder to hold `.postmortemlintcache` (default: the current directory). */
  cacheLocation?: string;
  /** `true` / `false` from `--color` / `--no-color`; undefined = decide by TTY and environment. */
  color?: boolean;
  help: boolean;
  version: boolean;
  inputs: string[];
}

export class UsageError extends Error {}

export const USAGE = `Usage: postmortem-lint [options] <files, directories or globs...>
       postmortem-lint actions [options] <files...>   action items (--help)
       postmortem-lint stats [options] <files...>     incident statistics (--help)

Checks incident post-mortems (Markdown) against the post-mortem rules.
Directories are searched for *.md (node_modules and dot-folders skipped);
quote globs so the shell leaves them alone: 'post-mortems/**/*.md'.
A glob starting with ! excludes: '**/*.md' '!**/template.md'.
"-" reads one document from stdin. Only post-mortems are checked (first
heading "Incident Post-Mortem", or a file matching the "files" globs).

Options:
  -f, --format <text|json|github|sarif>  output format (default: text)
  -o, --output <file>  write the report to a file instead of stdout
  --root <dir>         workspace root that evidence paths resolve against
                       (default: nearest ancestor with a governance/ folder,
                       else the git top-level, else the current directory)
  --status-as FINAL    check each document as if its Status were FINAL
  --template <file>    a team template written in Markdown (repeatable); a
                       document uses the one whose title its first heading
                       matches (docs/templates.md); also "templates" in
                       .postmortemrc.json
  --fix                apply every safe fix (what the editor's "fix all"
                       does), write the files, report what is left
  --fix-dry-run        print what --fix would change as a unified diff;
                       change nothing (exit status as --fix would give)
  --ignore-path <file> ignore file in gitignore syntax
                       (default: .postmortemignore in the current directory)
  -q, --quiet          report errors only
  --max-warnings <n>   exit 1 when there are more than n warnings
  --verbose            list information findings (text output counts them)
  --stdin-filename <path>  the path the document read from "-" stands for
  -j, --jobs <n>       worker threads (default: one per core when there are
                       many files; 1 = no worker threads)
  --cache              reuse the results of unchanged files (and unchanged
                       evidence paths) from the last run
  --cache-location <path>  cache file or folder (default: .postmortemlintcache)
  --color, --no-color  force colours on or off (default: on a TTY only;
                       NO_COLOR and FORCE_COLOR are honoured)
  --print-model        print the document model of the one given file as JSON
  -h, --help           show this help
  -v, --version        show the version

Settings: the nearest .postmortemrc.json above each file, up to its root.

Exit status: 0 no error finding, 1 at least one error finding (or more
             warnings than --max-warnings), 2 usage or I/O error (missing or
             unreadable file or folder, broken .postmortemrc.json).`;

const OPTIONS = {
  format: { type: 'string', short: 'f' },
  output: { type: 'string', short: 'o' },
  root: { type: 'string' },
  'status-as': { type: 'string' },
  template: { type: 'string', multiple: true },
  fix: { type: 'boolean' },
  'fix-dry-run': { type: 'boolean' },
  'ignore-path': { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  'max-warnings': { type: 'string' },
  verbose: { type: 'boolean' },
  'stdin-filename': { type: 'string' },
  jobs: { type: 'string', short: 'j' },
  cache: { type: 'boolean' },
  'cache-location': { type: 'string' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  'print-model': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

const SHORT: Record<string, string> = Object.fromEntries(
  Object.entries(OPTIONS).flatMap(([long, o]) => ('short' in o ? [[`-${o.short}`, `--${long}`]] : [])),
);

/** The option named in one of node's parseArgs messages ("Option '-f, --format <value>' …"), long form. */
function optionIn(message: string): string {
  const quoted = /'([^']*)'/.exec(message)?.[1] ?? '';
  const long = /--[\w-]+/.exec(quoted)?.[0];
  if (long !== undefined) return long;
  const short = /-\w/.exec(quoted)?.[0];
  return short !== undefined ? (SHORT[short] ?? short) : quoted;
}

/** Parses argv (without node and the script). Throws `UsageError` with a message for the user. */
export function parseArgs(argv: readonly string[]): CliOptions {
  let parsed: ReturnType<typeof nodeParseArgs<{ options: typeof OPTIONS; allowPositionals: true; strict: true }>>;
  try {
    parsed = nodeParseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    const err = e as Error & { code?: string };
    const name = optionIn(err.message);
    switch (err.code) {
      case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
        throw new UsageError(`unknown option ${name}`);
      case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
        if (/does not take an argument/.test(err.message)) throw new UsageError(`${name} takes no value`);
        throw new UsageError(`${name} needs a value`);
      default:
        throw new UsageError(err.message);
    }
  }
  const v = parsed.values;
  const opts: CliOptions = {
    format: 'text',
    templates: [...(v.template ?? [])],
    printModel: v['print-model'] === true,
    fix: v.fix === true,
    fixDryRun: v['fix-dry-run'] === true,
    quiet: v.quiet === true,
    verbose: v.verbose === true,
    cache: v.cache === true,
    help: v.help === true,
    version: v.version === true,
    inputs: [...parsed.positionals],
  };
  if (v.format !== undefined) {
    if (!(FORMATS as readonly string[]).includes(v.format)) {
      throw new UsageError(`--format must be one of ${FORMATS.join(', ')} (got "${v.format}")`);
    }
    opts.format = v.format as OutputFormat;
  }
  if (v.root !== undefined) {
    if (v.root === '') throw new UsageError('--root needs a directory');
    opts.root = v.root;
  }
  if (v['status-as'] !== undefined) {
    if (v['status-as'].toUpperCase() !== 'FINAL') throw new UsageError(`--status-as accepts only FINAL (got "${v['status-as']}")`);
    opts.statusAs = 'FINAL';
  }
  if (v['ignore-path'] !== undefined) {
    if (v['ignore-path'] === '') throw new UsageError('--ignore-path needs a file');
    opts.ignorePath = v['ignore-path'];
  }
  if (v['max-warnings'] !== undefined) {
    const s = v['max-warnings'];
    if (!/^\d+$/.test(s)) throw new UsageError(`--max-warnings needs a whole number of 0 or more (got "${s}")`);
    opts.maxWarnings = Number(s);
  }
  if (v.output !== undefined) {
    if (v.output === '') throw new UsageError('--output needs a file');
    opts.output = v.output;
  }
  if (v['stdin-filename'] !== undefined) {
    if (v['stdin-filename'] === '') throw new UsageError('--stdin-filename needs a path');
    opts.stdinFilename = v['stdin-filename'];
  }
  if (v.jobs !== undefined) {
    if (!/^[1-9]\d{0,2}$/.test(v.jobs)) throw new UsageError(`--jobs needs a whole number from 1 to 999 (got "${v.jobs}")`);
    opts.jobs = Number(v.jobs);
  }
  if (v['cache-location'] !== undefined) {
    if (v['cache-location'] === '') throw new UsageError('--cache-location needs a path');
    opts.cacheLocation = v['cache-location'];
  }
  if (v.color === true && v['no-color'] === true) throw new UsageError('--color and --no-color exclude each other');
  if (v.color === true) opts.color = true;
  if (v['no-color'] === true) opts.color = false;
  if (opts.fix && opts.fixDryRun) throw new UsageError('--fix and --fix-dry-run exclude each other');
  const stdin = opts.inputs.filter((i) => i === '-').length;
  if (stdin > 1) throw new UsageError('"-" (stdin) may be given once');
  if (stdin === 1 && opts.inputs.length > 1) throw new UsageError('"-" (stdin) cannot be combined with files');
  if (stdin === 1 && opts.fix) throw new UsageError('--fix cannot write to stdin; use --fix-dry-run to see the changes');
  if (opts.stdinFilename !== undefined && stdin === 0) throw new UsageError('--stdin-filename needs "-" (stdin) as the input');
  return opts;
}
