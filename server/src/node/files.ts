/**
 * Turns the CLI's file arguments (files, directories, globs) into a list of
 * files. Node 20 has no `fs.glob`: a small walker plus picomatch does it.
 * Directories are walked for `*.md`; walks skip `node_modules` and dot-folders
 * and never follow symlinked folders (no loops).
 */
import * as nodeFs from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import { isDirectory, isFile, toPosix } from './fs';

export interface InputFile {
  /** Absolute path. */
  abs: string;
  /** As given on the command line, or relative to the current directory for files found by a walk. */
  display: string;
}

export interface ExpandResult {
  files: InputFile[];
  /** One message per argument that named nothing. */
  errors: string[];
}

const MAX_DEPTH = 64;

function skipDir(name: string): boolean {
  return name === 'node_modules' || name.startsWith('.');
}

/** Every file under `dir` (sorted, depth-first) whose path relative to `dir` passes `accept`. */
export function walkFiles(dir: string, accept: (rel: string) => boolean, limit = Infinity): string[] {
  const out: string[] = [];
  const visit = (abs: string, rel: string, depth: number) => {
    if (depth > MAX_DEPTH || out.length >= limit) return;
    let entries: nodeFs.Dirent[];
    try {
      entries = nodeFs.readdirSync(abs, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (out.length >= limit) return;
      const childAbs = path.join(abs, e.name);
      const childRel = rel === '' ? e.name : `${rel}/${e.name}`;
      if (e.isDirectory()) {
        if (!skipDir(e.name)) visit(childAbs, childRel, depth + 1);
      } else if (e.isFile() || (e.isSymbolicLink() && isFile(childAbs))) {
        if (accept(childRel)) out.push(childAbs);
      }
    }
  };
  visit(dir, '', 0);
  return out;
}

function displayOf(abs: string, cwd: string, absoluteInput: boolean): string {
  if (absoluteInput) return abs;
  const rel = path.relative(cwd, abs);
  return rel === '' ? '.' : rel;
}

/** Expands arguments relative to `cwd`; keeps the order of the arguments and drops duplicates. */
export function expandInputs(args: readonly string[], cwd: string): ExpandResult {
  const files: InputFile[] = [];
  const errors: string[] = [];
  const seen = new Set<string>();
  const add = (abs: string, display: string) => {
    if (seen.has(abs)) return;
    seen.add(abs);
    files.push({ abs, display });
  };
  for (const arg of args) {
    const abs = path.resolve(cwd, arg);
    if (isFile(abs)) {
      add(abs, arg);
      continue;
    }
    if (isDirectory(abs)) {
      for (const f of walkFiles(abs, (rel) => rel.toLowerCase().endsWith('.md'))) {
        add(f, displayOf(f, cwd, path.isAbsolute(arg)));
      }
      continue;
    }
    const scan = picomatch.scan(toPosix(arg));
    if (scan.isGlob && !scan.negated) {
      const base = path.resolve(cwd, scan.prefix + (scan.base === '' ? '.' : scan.base));
      const match = picomatch(scan.glob, { dot: false });
      const found = isDirectory(base) ? walkFiles(base, (rel) => match(rel)) : [];
      if (found.length === 0) errors.push(`no files match the pattern "${arg}"`);
      for (const f of found) add(f, displayOf(f, cwd, path.isAbsolute(arg)));
      continue;
    }
    errors.push(`no such file or directory: ${arg}`);
  }
  return { files, errors };
}
