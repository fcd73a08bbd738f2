/**
 * The workspace's post-mortems, for workspace symbols and go to definition: the Markdown files
 * under the root that `isPostmortemText` accepts or a team template claims (`selectTemplate`),
 * each read from its head only (the first 64 KB hold the header and the Incident Summary) and
 * summarised by the core with its own template. Bounded: at most
 * `MAX_FILES` Markdown files, `MAX_DEPTH` folders deep, never into `node_modules`, `.git` or
 * other dot folders; the folder walk is reused for `LIST_TTL_MS`, and each file's summary is
 * cached by its modification time and size.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { indexedPostmortem, relativePath, type IncidentSummary, type Template } from '../core';

/** A number per template object (a changed template file is a new object): part of the cache key. */
const templateIds = new WeakMap<Template, number>();
let nextTemplateId = 1;
function templateId(t: Template): number {
  let id = templateIds.get(t);
  if (id === undefined) templateIds.set(t, (id = nextTemplateId++));
  return id;
}

export const MAX_FILES = 5000;
const MAX_DEPTH = 12;
const HEAD_BYTES = 64 * 1024;
const LIST_TTL_MS = 2000;
const SKIP = new Set(['node_modules', 'dist', 'out', 'build', 'target', 'vendor']);

export interface IndexedPostmortem {
  /** Absolute path. */
  file: string;
  /** Offsets in `head` (the text read); `head` also converts them to positions. */
  head: string;
  summary: IncidentSummary;
}

interface Entry {
  mtimeMs: number;
  globs: string;
  size: number;
  /** undefined: a Markdown file that is not a post-mortem. */
  pm: IndexedPostmortem | undefined;
}

function readHead(file: string): string {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(HEAD_BYTES);
    const n = fs.readSync(fd, buf, 0, HEAD_BYTES, 0);
    let text = buf.subarray(0, n).toString('utf8');
    if (n === HEAD_BYTES) text = text.replace(/\uFFFD$/, ''); // a multi-byte character cut at the end
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } finally {
    fs.closeSync(fd);
  }
}

export class WorkspaceIndex {
  private readonly entries = new Map<string, Entry>();
  private listed: { at: number; root: string; files: string[]; truncated: boolean } | undefined;

  /** Markdown files under `root` (bounded; see the module comment). */
  markdownFiles(root: string): { files: string[]; truncated: boolean } {
    const now = Date.now();
    if (this.listed && this.listed.root === root && now - this.listed.at < LIST_TTL_MS) return this.listed;
    const files: string[] = [];
    let truncated = false;
    const walk = (dir: string, depth: number) => {
      if (files.length >= MAX_FILES) return;
      let names: fs.Dirent[];
      try {
        names = fs.readdirSync(dir, { withFileTypes: true });
      } catch {
        return;
      }
      names.sort((a, b) => a.name.localeCompare(b.name));
      for (const d of names) {
        if (files.length >= MAX_FILES) {
          truncated = true;
          return;
        }
        if (d.name.startsWith('.')) continue;
        const p = path.join(dir, d.name);
        if (d.isDirectory()) {
          if (depth < MAX_DEPTH && !SKIP.has(d.name)) walk(p, depth + 1);
        } else if (d.isFile() && /\.(md|markdown)$/i.test(d.name)) files.push(p);
      }
    };
    walk(root, 0);
    this.listed = { at: now, root, files, truncated };
    return this.listed;
  }

  /**
   * The post-mortems under `root`. `openText(file)`: an open document's text, which counts over
   * the file on disk. `templates`: the configured team templates (the built-in one is always there).
   */
  postmortems(root: string, globs: readonly string[], openText: (file: string) => string | undefined, templates: readonly Template[] = []): IndexedPostmortem[] {
    const out: IndexedPostmortem[] = [];
    const { files } = this.markdownFiles(root);
    const seen = new Set<string>();
    const read = (file: string, text: string, rel: string | undefined) => indexedPostmortem(file, text, rel, templates, globs);
    for (const file of files) {
      seen.add(file);
      const rel = relativePath(file, root);
      const open = openText(file);
      if (open !== undefined) {
        const pm = read(file, open, rel);
        if (pm) out.push(pm);
        continue;
      }
      let st: fs.Stats;
      try {
        st = fs.statSync(file);
      } catch {
        continue;
      }
      let e = this.entries.get(file);
      const globsKey = [...globs, ...templates.map(templateId)].join('\u0000');
      if (!e || e.mtimeMs !== st.mtimeMs || e.size !== st.size || e.globs !== globsKey) {
        let head: string;
        try {
          head = readHead(file);
        } catch {
          continue;
        }
        e = { mtimeMs: st.mtimeMs, globs: globsKey, size: st.size, pm: read(file, head, rel) };
        this.entries.set(file, e);
      }
      if (e.pm) out.push(e.pm);
    }
    // Forget files that are gone (the cache never grows past the walk's bound).
    for (const k of this.entries.keys()) if (!seen.has(k)) this.entries.delete(k);
    return out;
  }
}
