/** Command-line parsing for `postmortem-lint` (no dependency: the grammar is small). */

export type OutputFormat = 'text' | 'json' | 'github' | 'sarif';
export const FORMATS: readonly OutputFormat[] = ['text', 'json', 'github', 'sarif'];

export interface CliOptions {
  format: OutputFormat;
  root?: string;
  statusAs?: 'FINAL';
  printModel: boolean;
  help: boolean;
  version: boolean;
  inputs: string[];
}

export class UsageError extends Error {}

export const USAGE = `Usage: postmortem-lint [options] <files, directories or globs...>

Checks incident post-mortems (Markdown) against the post-mortem rules.
Directories are searched for *.md (node_modules and dot-folders skipped);
quote globs so the shell leaves them alone: 'post-mortems/**/*.md'.
Only post-mortems are checked (first heading "Incident Post-Mortem", or a
file matching the "files" globs of the settings).

Options:
  --format <text|json|github|sarif>  output format (default: text)
  --root <dir>         workspace root that evidence paths resolve against and
                       that holds .postmortemrc.json (default: nearest ancestor
                       with a governance/ folder, else the git top-level, else
                       the current directory)
  --status-as FINAL    check each document as if its Status were FINAL
  --print-model        print the document model of the one given file as JSON
  -h, --help           show this help
  -v, --version        show the version

Exit status: 0 no error finding, 1 at least one error finding,
             2 usage error, unreadable file or broken .postmortemrc.json.`;

/** Parses argv (without node and the script). Throws `UsageError` with a message for the user. */
export function parseArgs(argv: readonly string[]): CliOptions {
  const opts: CliOptions = { format: 'text', printModel: false, help: false, version: false, inputs: [] };
  let i = 0;
  const value = (name: string, inline: string | undefined): string => {
    if (inline !== undefined) return inline;
    const v = argv[++i];
    if (v === undefined || (v.startsWith('-') && v !== '-')) throw new UsageError(`${name} needs a value`);
    return v;
  };
  for (; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      opts.inputs.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      opts.inputs.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const inline = arg.startsWith('--') && eq > 0 ? arg.slice(eq + 1) : undefined;
    const noValue = () => {
      if (inline !== undefined) throw new UsageError(`${name} takes no value`);
    };
    switch (name) {
      case '--format':
      case '-f': {
        const f = value(name, inline);
        if (!(FORMATS as readonly string[]).includes(f)) {
          throw new UsageError(`--format must be one of ${FORMATS.join(', ')} (got "${f}")`);
        }
        opts.format = f as OutputFormat;
        break;
      }
      case '--root':
        opts.root = value(name, inline);
        if (opts.root === '') throw new UsageError('--root needs a directory');
        break;
      case '--status-as': {
        const s = value(name, inline);
        if (s.toUpperCase() !== 'FINAL') throw new UsageError(`--status-as accepts only FINAL (got "${s}")`);
        opts.statusAs = 'FINAL';
        break;
      }
      case '--print-model':
        noValue();
        opts.printModel = true;
        break;
      case '--help':
      case '-h':
        noValue();
        opts.help = true;
        break;
      case '--version':
      case '-v':
        noValue();
        opts.version = true;
        break;
      default:
        throw new UsageError(`unknown option ${name}`);
    }
  }
  return opts;
}
