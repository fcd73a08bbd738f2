/**
 * `postmortem-lint`: the post-mortem checks for CI and pre-commit (SPEC §2).
 * Wiring only: arguments → files → core `analyze` (→ fixes) → one output format.
 *
 * Exit status: 0 when no finding is an error, 1 when one is (or there are more
 * warnings than `--max-warnings`), 2 on a usage error or any I/O problem: a
 * missing or unreadable file or folder, a broken `.postmortemrc.json`, a file
 * `--fix` could not write (message on stderr).
 */
import * as nodeFs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { createTwoFilesPatch } from 'diff';
import pkg from '../../package.json';
import { RULES, analyze, chunkedParse, applyEdits, collectFixAll, relativePath, templateSchemaPath, type Analysis, type AnalyzeOptions, type Finding, type Settings } from './core';
import { USAGE, UsageError, parseArgs, type CliOptions } from './node/cliArgs';
import {
  formatGithub,
  formatJson,
  formatSarif,
  formatText,
  type FileReport,
  type ReportFinding,
  type SarifInvocation,
  toReportFinding,
} from './node/cliReport';
import { IGNORE_FILE, IgnoreFile, expandInputs, type InputFile } from './node/files';
import { isDirectory, isFile, nodeFileSystem, toPosix } from './node/fs';
import { isInsightCommand, runInsight } from './node/cliInsight';
import { DEFAULT_CACHE_FILE, ResultCache, cacheKey, recordingFs, type FsCall } from './node/cliCache';
import { ConfigError, RcResolver } from './node/rc';
import { detectRoot } from './node/root';
import { ruleUrl } from './node/ruleDocs';
import { SchemaCache } from './node/schemaCache';
import { TemplateCache } from './node/templateCache';

const NAME = 'postmortem-lint';
/** `--fix` repeats fix-all until nothing changes (a fix may make room for another); never more often than this. */
const MAX_FIX_PASSES = 10;

export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdoutIsTTY: boolean;
  /** The whole of stdin (only called for the input `-`). */
  readStdin: () => string;
}

class Run {
  /** Any usage or I/O problem: exit 2. */
  failed = false;
  readonly notifications: { level: 'error' | 'warning'; message: string }[] = [];
  constructor(readonly io: Io) {}
  error(message: string): void {
    this.failed = true;
    this.notifications.push({ level: 'error', message });
    this.io.stderr(`${NAME}: ${message}\n`);
  }
  warning(message: string): void {
    this.notifications.push({ level: 'warning', message });
    this.io.stderr(`${NAME}: warning: ${message}\n`);
  }
}

function useColor(opts: CliOptions, io: Io): boolean {
  if (opts.color !== undefined) return opts.color;
  if (opts.output !== undefined) return false;
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  const force = io.env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  return io.stdoutIsTTY && io.env.TERM !== 'dumb';
}

interface Source {
  /** Absolute path; undefined for stdin without `--stdin-filename`. */
  abs?: string;
  display: string;
  stdin: boolean;
}

interface Fixed {
  text: string;
  analysis: Analysis;
  /** Findings whose fix was applied. */
  fixes: number;
}

/** Applies every safe fix (the editor's fix-all), re-analysing after each pass, until nothing changes. */
function fixAll(first: Analysis, reanalyze: (text: string) => Analysis): Fixed {
  let analysis = first;
  let text = first.text;
  let fixes = 0;
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    const edits = collectFixAll(analysis.findings);
    if (edits.length === 0) break;
    const taken = new Set(edits);
    fixes += analysis.findings.filter((f: Finding) => {
      const fix = f.fixes?.find((x) => x.safe);
      return fix !== undefined && fix.edits.every((e) => taken.has(e));
    }).length;
    const next = applyEdits(text, edits);
    if (next === text) break;
    text = next;
    analysis = reanalyze(text);
  }
  return { text, analysis, fixes };
}

/**
 * Replaces a file's content atomically: a temporary file beside it (same
 * folder, so the rename stays on one file system) with the file's mode,
 * renamed over it. A symlink is followed: its target is replaced.
 */
function writeAtomic(abs: string, content: string): void {
  const target = nodeFs.realpathSync(abs);
  const mode = nodeFs.statSync(target).mode & 0o7777;
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  try {
    nodeFs.writeFileSync(tmp, content, { mode, flag: 'wx' });
    nodeFs.renameSync(tmp, target);
  } catch (e) {
    nodeFs.rmSync(tmp, { force: true });
    throw e;
  }
}

function unifiedDiff(file: string, before: string, after: string): string {
  const name = toPosix(file).replace(/^\.\//, '');
  const patch = createTwoFilesPatch(`a/${name}`, `b/${name}`, before, after, undefined, undefined, { context: 3 });
  // jsdiff starts with a "====" line and ends the file names with a tab: drop both (git's form).
  return patch
    .replace(/^=+\n/, '')
    .replace(/^(---|\+\+\+) (.*)\t$/gm, '$1 $2');
}

/** One file's work, sent to a worker thread as is (structured clone). */
interface Task {
  display: string;
  abs?: string;
  text: string;
  bom: boolean;
  root: string;
  settings: Settings;
  statusAs?: 'FINAL';
  fix: boolean;
  dryRun: boolean;
  /** Record the file-system lookups (for the cache). */
  record: boolean;
}

interface TaskResult {
  /** `failed`: an internal error or a file --fix could not write (in `errors`); not reported. */
  status: 'checked' | 'skipped' | 'failed';
  findings: ReportFinding[];
  diff?: string;
  /** The file was (or, dry run, would be) changed by this many fixes. */
  changed: boolean;
  fixes: number;
  errors: string[];
  warnings: string[];
  calls?: FsCall[];
  /** The document model (--print-model). */
  model?: unknown;
}

/** What a thread keeps between tasks: the team schemas, and where their warnings go. */
interface ExecutorState {
  schemas: SchemaCache;
  templates: TemplateCache;
  warnings: string[];
}

function createExecutorState(): ExecutorState {
  const state = { warnings: [] as string[] } as ExecutorState;
  // The messages name the file and the problem and already say what is used instead.
  state.schemas = new SchemaCache((message) => state.warnings.push(message));
  state.templates = new TemplateCache((message) => state.warnings.push(message));
  return state;
}

/** Analyses one file, fixes it when asked (writing it, or a diff for the dry run). Never throws. */
function runTask(task: Task, state: ExecutorState): TaskResult {
  state.warnings = [];
  const result: TaskResult = { status: 'failed', findings: [], changed: false, fixes: 0, errors: [], warnings: state.warnings };
  try {
    const recorder = task.record ? recordingFs(nodeFileSystem) : undefined;
    // Parsed in chunks like the server (same tree, property-tested): a long table or log is never
    // one micromark run, which bounds the peak memory of a large file; each round of --fix parses
    // only the chunks its fixes changed.
    const options: AnalyzeOptions = { settings: task.settings, root: task.root, fs: recorder?.fs ?? nodeFileSystem, parse: chunkedParse() };
    if (task.abs !== undefined) options.filePath = task.abs;
    if (task.statusAs) options.statusAs = task.statusAs;
    const schema = state.schemas.resolve(task.settings.schema, task.root);
    if (schema) options.schema = schema;
    const template = state.templates.templateFor(task.text, relativePath(task.abs, task.root), task.settings, task.root);
    if (template) options.template = template;
    const check = (text: string): Analysis => {
      const a = analyze(text, options);
      for (const e of a.internalErrors) result.errors.push(`internal error while checking ${task.display}: ${e}`);
      return a;
    };
    let analysis = check(task.text);
    result.model = analysis.model;
    if (recorder) result.calls = recorder.calls;
    if (!analysis.isPostmortem) {
      result.status = 'skipped';
      return result;
    }
    if (task.fix || task.dryRun) {
      const fixed = fixAll(analysis, check);
      if (fixed.text !== task.text) {
        if (task.dryRun) {
          result.diff = unifiedDiff(task.display, task.text, fixed.text);
        } else {
          try {
            writeAtomic(task.abs!, (task.bom ? '\ufeff' : '') + fixed.text);
          } catch (e) {
            result.errors.push(`cannot write ${task.display}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
            return result;
          }
        }
        result.changed = true;
        result.fixes = fixed.fixes;
      }
      analysis = fixed.analysis;
    }
    const final = analysis;
    result.findings = final.findings.map((f) => toReportFinding(f, final.lines));
    result.status = 'checked';
  } catch (e) {
    result.errors.push(`internal error while checking ${task.display}: ${(e as Error).stack ?? String(e)}`);
    result.status = 'failed';
  }
  result.model = task.fix || task.dryRun ? undefined : result.model;
  return result;
}

const WORKER_FLAG = 'postmortemLintWorker';

function defaultJobs(): number {
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
}

/** Runs the tasks on `n` worker threads (this same bundle), results in the tasks' order. */
async function runInWorkers(tasks: readonly Task[], n: number): Promise<TaskResult[]> {
  const results: TaskResult[] = new Array(tasks.length);
  let next = 0;
  const workers: Worker[] = [];
  try {
    await Promise.all(
      Array.from(
        { length: n },
        () =>
          new Promise<void>((resolve, reject) => {
            const w = new Worker(__filename, { workerData: { [WORKER_FLAG]: true } });
            workers.push(w);
            let busy = false;
            const feed = () => {
              if (next >= tasks.length) {
                busy = false;
                resolve();
                return;
              }
              const id = next++;
              busy = true;
              w.postMessage({ id, task: tasks[id] });
            };
            w.on('message', (m: { id: number; result: TaskResult }) => {
              results[m.id] = m.result;
              feed();
            });
            w.on('error', reject);
            w.on('exit', (code) => {
              if (busy) reject(new Error(`a worker thread stopped (exit code ${code})`));
            });
            feed();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}

function workerMain(): void {
  const state = createExecutorState();
  parentPort!.on('message', (m: { id: number; task: Task }) => {
    const result = runTask(m.task, state);
    delete result.model;
    parentPort!.postMessage({ id: m.id, result });
  });
}

/** What identifies a team schema's (or template's) version for the cache: its path, mtime and size ('' = bundled). */
function schemaStamp(setting: string, root: string): string {
  if (setting.trim() === '') return '';
  const abs = path.resolve(root, setting.trim());
  try {
    const st = nodeFs.statSync(abs);
    return `${abs}:${st.mtimeMs}:${st.size}`;
  } catch {
    return `${abs}:missing`;
  }
}

function readInput(src: Source, io: Io): { text: string; bom: boolean } {
  const raw = src.stdin ? io.readStdin() : nodeFs.readFileSync(src.abs!, 'utf8');
  const bom = raw.charCodeAt(0) === 0xfeff;
  return { text: bom ? raw.slice(1) : raw, bom };
}

async function run(argv: readonly string[], io: Io): Promise<number> {
  // `actions` / `stats`: the reports of node/cliInsight.ts (a file named so: `./actions`).
  if (isInsightCommand(argv[0])) return runInsight(argv[0], argv.slice(1), io);
  const r = new Run(io);
  let opts: CliOptions;
  try {
    opts = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      r.error(`${e.message}\nRun "${NAME} --help" for usage.`);
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
  const positives = opts.inputs.filter((i) => !(i.startsWith('!') && i.length > 1));
  if (positives.length === 0) {
    r.error(`${opts.inputs.length === 0 ? 'no files given' : 'no files given (only exclusions)'}\nRun "${NAME} --help" for usage.`);
    return 2;
  }
  let rootOverride: string | undefined;
  if (opts.root !== undefined) {
    rootOverride = path.resolve(io.cwd, opts.root);
    if (!isDirectory(rootOverride)) {
      r.error(`--root: not a directory: ${opts.root}`);
      return 2;
    }
  }

  let ignoreFile: IgnoreFile | undefined;
  try {
    if (opts.ignorePath !== undefined) ignoreFile = IgnoreFile.load(path.resolve(io.cwd, opts.ignorePath));
    else if (isFile(path.join(io.cwd, IGNORE_FILE))) ignoreFile = IgnoreFile.load(path.join(io.cwd, IGNORE_FILE));
  } catch (e) {
    r.error((e as Error).message);
    return 2;
  }

  const sources: Source[] = [];
  let ignored = 0;
  if (opts.inputs[0] === '-') {
    const abs = opts.stdinFilename !== undefined ? path.resolve(io.cwd, opts.stdinFilename) : undefined;
    if (abs !== undefined && ignoreFile?.ignores(abs)) ignored++;
    else sources.push({ display: opts.stdinFilename ?? '<stdin>', stdin: true, ...(abs !== undefined ? { abs } : {}) });
  } else {
    const expanded = expandInputs(opts.inputs, io.cwd, ignoreFile ? { ignore: ignoreFile } : {});
    for (const e of expanded.errors) r.error(e);
    ignored = expanded.ignored;
    sources.push(...expanded.files.map((f: InputFile) => ({ abs: f.abs, display: f.display, stdin: false })));
  }
  if (opts.printModel && sources.length !== 1) {
    r.error(`--print-model needs exactly one file (got ${sources.length})`);
    return 2;
  }

  // --cache: plain checks only (--fix, --fix-dry-run and --print-model need the analysis itself).
  let cache: ResultCache | undefined;
  if (opts.cache && !opts.fix && !opts.fixDryRun && !opts.printModel) {
    let file = path.resolve(io.cwd, opts.cacheLocation ?? DEFAULT_CACHE_FILE);
    if (isDirectory(file)) file = path.join(file, DEFAULT_CACHE_FILE);
    cache = ResultCache.load(file);
    if (cache.problem !== undefined) r.warning(cache.problem);
  }
  const today = new Date().toISOString().slice(0, 10);

  const rc = new RcResolver();
  const reports: FileReport[] = [];
  const diffs: string[] = [];
  let checked = 0;
  let skipped = 0;
  const fixed = { files: 0, fixes: 0 };
  const warned = new Set<string>();
  const warnOnce = (w: string) => {
    if (warned.has(w)) return;
    warned.add(w);
    r.warning(w);
  };

  /** In the order of the files: a cached result, or a task for the analysis (inline or in a worker). */
  const slots: ({ display: string; cached: { postmortem: boolean; findings: ReportFinding[] } } | { display: string; task: number; key?: string; abs?: string })[] = [];
  const tasks: Task[] = [];
  for (const src of sources) {
    const root = rootOverride ?? detectRoot(src.abs ?? path.join(io.cwd, '<stdin>'), io.cwd);
    let settings: Settings;
    try {
      settings = rc.resolve(path.dirname(src.abs ?? path.join(io.cwd, '<stdin>')), root, warnOnce).settings;
      // --template files first (absolute: resolving against the root keeps them), then the rc file's.
      if (opts.templates.length > 0) settings = { ...settings, templates: [...opts.templates.map((t) => path.resolve(io.cwd, t)), ...settings.templates] };
    } catch (e) {
      if (e instanceof ConfigError) {
        r.error(e.message);
        return 2;
      }
      throw e;
    }
    let input: { text: string; bom: boolean };
    try {
      input = readInput(src, io);
    } catch (e) {
      r.error(`cannot read ${src.display}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      continue;
    }
    const task: Task = { display: src.display, text: input.text, bom: input.bom, root, settings, fix: opts.fix, dryRun: opts.fixDryRun, record: false };
    if (src.abs !== undefined) task.abs = src.abs;
    if (opts.statusAs) task.statusAs = opts.statusAs;
    if (opts.printModel) {
      const result = runTask(task, createExecutorState());
      for (const w of result.warnings) warnOnce(w);
      for (const e of result.errors) r.error(e);
      if (result.model !== undefined) io.stdout(`${JSON.stringify(result.model, null, 2)}\n`);
      return r.failed ? 2 : 0;
    }
    let key: string | undefined;
    if (cache && !src.stdin && src.abs !== undefined) {
      key = cacheKey([pkg.version, src.abs, root, opts.statusAs ?? '', settings, schemaStamp(settings.schema, root), settings.templates.flatMap((t) => [schemaStamp(t, root), schemaStamp(templateSchemaPath(path.resolve(root, t)), root)]), today, input.text]);
      const hit = cache.get(src.abs, key, nodeFileSystem);
      if (hit) {
        slots.push({ display: src.display, cached: hit });
        continue;
      }
      task.record = true;
    }
    slots.push({ display: src.display, task: tasks.length, ...(key !== undefined ? { key, abs: src.abs! } : {}) });
    tasks.push(task);
  }

  const jobs = Math.min(opts.jobs ?? Math.min(defaultJobs(), Math.ceil(tasks.length / 16)), tasks.length);
  let results: TaskResult[];
  if (jobs > 1) {
    try {
      results = await runInWorkers(tasks, jobs);
    } catch (e) {
      r.error(`internal error in a worker thread: ${(e as Error).stack ?? String(e)}`);
      return 2;
    }
  } else {
    const state = createExecutorState();
    results = tasks.map((t) => runTask(t, state));
  }

  for (const slot of slots) {
    if ('cached' in slot) {
      if (!slot.cached.postmortem) skipped++;
      else {
        checked++;
        reports.push({ file: slot.display, findings: slot.cached.findings });
      }
      continue;
    }
    const result = results[slot.task]!;
    for (const w of result.warnings) warnOnce(w);
    for (const e of result.errors) r.error(e);
    if (cache && slot.key !== undefined && result.calls && result.errors.length === 0 && result.status !== 'failed') {
      cache.set(slot.abs!, slot.key, result.calls, result.status === 'checked', result.findings);
    }
    if (result.status === 'skipped') skipped++;
    if (result.status !== 'checked') continue;
    if (result.diff !== undefined) diffs.push(result.diff);
    if (result.changed) {
      fixed.files++;
      fixed.fixes += result.fixes;
    }
    checked++;
    reports.push({ file: slot.display, findings: result.findings });
  }

  if (cache) {
    try {
      cache.save();
    } catch (e) {
      r.error(`cannot write the cache ${cache.file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  }

  const errors = reports.reduce((n, x) => n + x.findings.filter((f) => f.severity === 'error').length, 0);
  const warnings = reports.reduce((n, x) => n + x.findings.filter((f) => f.severity === 'warning').length, 0);
  const tooManyWarnings = opts.maxWarnings !== undefined && warnings > opts.maxWarnings;
  const exitCode = r.failed ? 2 : errors > 0 || tooManyWarnings ? 1 : 0;
  const shown = opts.quiet ? reports.map((x) => ({ ...x, findings: x.findings.filter((f) => f.severity === 'error') })) : reports;

  let out: string;
  if (opts.fixDryRun) {
    out = diffs.join('');
    const left = `${errors} error${errors === 1 ? '' : 's'} and ${warnings} warning${warnings === 1 ? '' : 's'} would be left`;
    io.stderr(
      `${NAME}: --fix-dry-run: ${fixed.fixes === 0 ? 'nothing to fix' : `would fix ${fixed.fixes} problem${fixed.fixes === 1 ? '' : 's'} in ${fixed.files} file${fixed.files === 1 ? '' : 's'}`}; ${left}\n`,
    );
  } else {
    switch (opts.format) {
      case 'json':
        out = formatJson(shown);
        break;
      case 'github':
        out = formatGithub(shown);
        break;
      case 'sarif': {
        const invocation: SarifInvocation = {
          arguments: argv,
          executionSuccessful: !r.failed,
          exitCode,
          notifications: r.notifications,
        };
        out = formatSarif(shown, {
          version: pkg.version,
          rules: RULES,
          cwd: io.cwd,
          ruleHelpUri: ruleUrl,
          invocation,
        });
        break;
      }
      default:
        out = formatText(shown, { checked, skipped, ignored, inputErrors: r.notifications.filter((n) => n.level === 'error').length }, {
          verbose: opts.verbose,
          color: useColor(opts, io),
          ...(opts.fix ? { fixed } : {}),
        });
    }
  }
  if (tooManyWarnings) {
    io.stderr(`${NAME}: too many warnings (${warnings}); --max-warnings allows ${opts.maxWarnings}\n`);
  }
  if (opts.output !== undefined) {
    const file = path.resolve(io.cwd, opts.output);
    try {
      nodeFs.writeFileSync(file, out);
    } catch (e) {
      io.stderr(`${NAME}: cannot write ${opts.output}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
      return 2;
    }
  } else {
    io.stdout(out);
  }
  return exitCode;
}

async function main(): Promise<void> {
  let code: number;
  try {
    code = await run(process.argv.slice(2), {
      stdout: (s) => process.stdout.write(s),
      stderr: (s) => process.stderr.write(s),
      cwd: process.cwd(),
      env: process.env,
      stdoutIsTTY: process.stdout.isTTY === true,
      readStdin: () => nodeFs.readFileSync(0, 'utf8'),
    });
  } catch (e) {
    process.stderr.write(`${NAME}: internal error: ${(e as Error).stack ?? String(e)}\n`);
    code = 2;
  }
  // Let stdout drain (a pipe may be slow); never process.exit() with output pending.
  process.exitCode = code;
}

if (isMainThread) void main();
else if ((workerData as Record<string, unknown> | null)?.[WORKER_FLAG] === true) workerMain();
