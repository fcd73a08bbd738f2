/**
 * A value loaded from a file (a team schema, a team template), cached by path and
 * the files' mtime + size, reloaded when they change. A load problem is reported
 * once per distinct message; the loader's fallback stays in force.
 */
import * as nodeFs from 'node:fs';

export function fileStamp(abs: string): string {
  try {
    const st = nodeFs.statSync(abs);
    return st.isFile() ? `${st.mtimeMs}:${st.size}` : 'not-a-file';
  } catch (e) {
    return `missing:${(e as NodeJS.ErrnoException).code ?? ''}`;
  }
}

export class FileCache<T> {
  private readonly entries = new Map<string, { stamp: string; value: T; error?: string }>();
  private readonly reported = new Set<string>();

  /**
   * `load(abs, stamp)`: the value and, when it is a fallback, why. `stamp(abs)`: what changes
   * when the value must be reloaded (default: the file's own mtime and size).
   */
  constructor(
    private readonly load: (abs: string, stamp: string) => { value: T; error?: string },
    private readonly onError: (message: string) => void,
    private readonly stamp: (abs: string) => string = fileStamp,
  ) {}

  get(abs: string): T {
    const stamp = this.stamp(abs);
    let entry = this.entries.get(abs);
    if (!entry || entry.stamp !== stamp) {
      // `load` never throws: a problem is its `error`, with a fallback value.
      entry = { stamp, ...this.load(abs, stamp) };
      this.entries.set(abs, entry);
    }
    if (entry.error !== undefined && !this.reported.has(entry.error)) {
      this.reported.add(entry.error);
      try {
        this.onError(entry.error);
      } catch {
        // reporting must never break analysis
      }
    }
    return entry.value;
  }
}
