/**
 * Turns the CLI's file arguments (files, directories, globs, `!negated` globs)
 * into a list of files, with `tinyglobby` for globs and walks and `ignore` for
 * the `.postmortemignore` file (gitignore syntax). Walks skip `node_modules`
 * and dot-folders; symlinked files count, symlinked folders are not followed. A folder that
 * cannot be read is an error, never silently an empty result.
 */
import * as nodeFs from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';
import { globSync, type FileSystemAdapter } from 'tinyglobby';
import { isDirectory, isFile, readTextFile, toPosix } from './fs';

export interface InputFile {
  /** Absolute path. */
  abs: string;
  /** As given on the command line, or relative to the current directory for files found by a walk. */
  display: string;
}

export interface ExpandResult {
  files: InputFile[];
  /** One message per argument that named nothing, and per folder that could not be read. */
  errors: string[];
  /** Files left out by `!` globs or the ignore file. */
  ignored: number;
}

export interface ExpandOptions {
  /** Files this says are ignored are left out (explicitly named ones too). */
  ignore?: IgnoreFile;
}

// ------------------------------------------------------------ ignore file

export const IGNORE_FILE = '.postmortemignore';

/** An ignore file in gitignore syntax; its patterns are relative to the folder holding it. */
export class IgnoreFile {
  private constructor(
    readonly file: string,
    private readonly base: string,
    private readonly ig: Ignore,
  ) {}

  /** Reads `file`; throws an `Error` naming it when it cannot be read. */
  static load(file: string): IgnoreFile {
    let text: string;
    try {
      text = readTextFile(file);
    } catch (e) {
      throw new Error(`cannot read the ignore file ${file} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
    return new IgnoreFile(file, path.dirname(file), ignore().add(text));
  }

  /** True when the file at `abs` is ignored. Files outside the ignore file's folder never are. */
  ignores(abs: string): boolean {
    const rel = path.relative(this.base, abs);
    if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return false;
    return this.ig.ignores(toPosix(rel));
  }
}

// ---------------------------------------------------------------- expansion

function displayOf(abs: string, cwd: string, absoluteInput: boolean): string {
  if (absoluteInput) return abs;
  const rel = path.relative(cwd, abs);
  return rel === '' ? '.' : rel;
}

/** Path order of a depth-first walk with sorted entries: compares segment by segment. */
function comparePaths(a: string, b: string): number {
  const as = toPosix(a).split('/');
  const bs = toPosix(b).split('/');
  for (let i = 0; i < Math.min(as.length, bs.length); i++) {
    if (as[i] !== bs[i]) return as[i]! < bs[i]! ? -1 : 1;
  }
  return as.length - bs.length;
}

/**
 * Files under `cwd` matching `pattern` (absolute paths, sorted). Folders that
 * cannot be read are reported through `onError` (tinyglobby would skip them).
 */
function globFiles(pattern: string, cwd: string, caseSensitive: boolean, onError: (message: string) => void): string[] {
  const reported = new Set<string>();
  const readdirSync = ((dir: nodeFs.PathLike, options?: unknown) => {
    try {
      return (nodeFs.readdirSync as (p: nodeFs.PathLike, o?: unknown) => unknown)(dir, options);
    } catch (e) {
      const key = String(dir).replace(/(.)[\\/]+$/, '$1');
      if (!reported.has(key)) {
        reported.add(key);
        onError(`cannot read directory ${key}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      }
      throw e;
    }
  }) as typeof nodeFs.readdirSync;
  const fsAdapter: FileSystemAdapter = { readdirSync };
  const found = globSync(pattern, {
    cwd,
    absolute: true,
    dot: false,
    onlyFiles: true,
    followSymbolicLinks: true,
    expandDirectories: false,
    caseSensitiveMatch: caseSensitive,
    ignore: ['**/node_modules/**'],
    fs: fsAdapter,
  });
  // Symlinked files count, symlinked folders are not followed (as before tinyglobby: no loops, no
  // file checked twice under two names). tinyglobby follows both or neither, so folders are filtered here.
  const linked = new Map<string, boolean>();
  const top = path.resolve(cwd);
  const viaLinkedDir = (dir: string): boolean => {
    if (dir === top || dir.length <= top.length) return false;
    let r = linked.get(dir);
    if (r === undefined) {
      try {
        r = nodeFs.lstatSync(dir).isSymbolicLink() || viaLinkedDir(path.dirname(dir));
      } catch {
        r = true;
      }
      linked.set(dir, r);
    }
    return r;
  };
  return found
    .map((f) => path.resolve(f))
    .filter((f) => !viaLinkedDir(path.dirname(f)))
    .sort(comparePaths);
}

/**
 * Expands arguments relative to `cwd`; keeps the order of the arguments and
 * drops duplicates. Arguments starting with `!` exclude what they match
 * (relative to `cwd`) from every other argument's files.
 */
export function expandInputs(args: readonly string[], cwd: string, options: ExpandOptions = {}): ExpandResult {
  const files: InputFile[] = [];
  const errors: string[] = [];
  let ignored = 0;
  const seen = new Set<string>();

  const negations = args.filter((a) => a.startsWith('!') && a.length > 1).map((a) => toPosix(a.slice(1)).replace(/^\.\//, ''));
  const excludedRel = negations.length > 0 ? picomatch(negations.filter((n) => !path.isAbsolute(n)), { dot: true }) : () => false;
  const excludedAbs = negations.some((n) => path.isAbsolute(n))
    ? picomatch(negations.filter((n) => path.isAbsolute(n)), { dot: true })
    : () => false;
  const excluded = (abs: string) =>
    excludedRel(toPosix(path.relative(cwd, abs))) || excludedAbs(toPosix(abs)) || (options.ignore?.ignores(abs) ?? false);

  const add = (abs: string, display: string) => {
    if (seen.has(abs)) return;
    seen.add(abs);
    if (excluded(abs)) {
      ignored++;
      return;
    }
    files.push({ abs, display });
  };

  for (const arg of args) {
    if (arg.startsWith('!') && arg.length > 1) continue;
    const abs = path.resolve(cwd, arg);
    if (isFile(abs)) {
      add(abs, arg);
      continue;
    }
    if (isDirectory(abs)) {
      for (const f of globFiles('**/*.md', abs, false, (m) => errors.push(m))) add(f, displayOf(f, cwd, path.isAbsolute(arg)));
      continue;
    }
    const scan = picomatch.scan(toPosix(arg));
    if (scan.isGlob) {
      const baseRel = scan.prefix + (scan.base === '' ? '.' : scan.base);
      const base = path.resolve(cwd, baseRel);
      if (!isDirectory(base)) {
        errors.push(
          nodeFs.existsSync(base)
            ? `cannot read directory ${baseRel}: not a directory (in the pattern "${arg}")`
            : `no files match the pattern "${arg}" (no directory ${baseRel})`,
        );
        continue;
      }
      const before = errors.length;
      const found = globFiles(scan.glob, base, true, (m) => errors.push(m));
      if (found.length === 0 && errors.length === before) errors.push(`no files match the pattern "${arg}"`);
      for (const f of found) add(f, displayOf(f, cwd, path.isAbsolute(arg)));
      continue;
    }
    errors.push(nodeFs.existsSync(abs) ? `not a file or directory: ${arg}` : `no such file or directory: ${arg}`);
  }
  return { files, errors, ignored };
}
