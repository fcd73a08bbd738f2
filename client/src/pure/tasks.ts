/** The `postmortem-lint` task's command line (client/src/tasks.ts). No `vscode` import. */

/** The CLI's arguments for a task definition: its `args`, `--no-color` (a problem matcher reads plain text), its `files` or `.`. */
export function lintCommandLine(def: { files?: unknown; args?: unknown }): string[] {
  const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  const files = strings(def.files);
  return [...strings(def.args), '--no-color', ...(files.length > 0 ? files : ['.'])];
}

/** The `$postmortem-lint` problem matcher's pattern (package.json), kept here so a unit test runs it on the CLI's output. */
export const PROBLEM_PATTERN = /^(.+?):(\d+):(\d+)\s+(error|warning|information|hint)\s+(PM\d{3})\s+(.*)$/;
