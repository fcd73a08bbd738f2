/**
 * Builds `snippets/postmortem.json` from the template descriptor (shared/src/template/v1_1.ts),
 * so the snippets never drift from the template. `scripts/gen-snippets.ts` writes the
 * file; `test/unit/client-snippets.test.ts` fails when it is stale. No `vscode` import.
 *
 * Snippet syntax: `$`, `}` and `\` in text are escaped; `,`, `|` and `\` in choices.
 * Choices of a fact (Severity, Scope, YES / NO) offer the template's all-options text
 * first, so tabbing through leaves a placeholder (information), never a made-up fact.
 *
 * Evidence paths keep `<INCIDENT_ID>`: a placeholder until the ID is set, then PM013's
 * quick fix substitutes the ID (a snippet mirror would only be transformed once the user
 * tabs out of the ID, and would leave underscores in the paths otherwise).
 *
 * VS Code's snippet variables ($CURRENT_HOUR, …) are local time, not UTC, so no static snippet
 * fills in a time or date: the `pm-timeline-row-now` completion (client/src/timelineCompletion.ts),
 * the "Insert Timeline Row (UTC now)" and "New Post-Mortem" commands do, with the real UTC time.
 */

import { statusWorkflow, tableSpec, templateValue, type KeyedTableSpec, type TemplateDescriptor } from '../../../shared/src/template/descriptor';
import { templateLines } from '../../../shared/src/template/render';
import { ACTION_STATUSES, V1_1 } from '../../../shared/src/template/v1_1';
import { DEFAULT_EVIDENCE_ROOT } from '../../../shared/src/settings';

export interface Snippet {
  prefix: string[];
  body: string[];
  description: string;
}

export type Snippets = Record<string, Snippet>;

/** Escapes literal text for a snippet body. */
export function escapeText(s: string): string {
  return s.replace(/[\\$}]/g, (c) => `\\${c}`);
}

/** Escapes one option of a choice list. */
export function escapeChoice(s: string): string {
  return s.replace(/[\\,|]/g, (c) => `\\${c}`);
}

export function tabStop(n: number, defaultText = ''): string {
  return defaultText === '' ? `\${${n}}` : `\${${n}:${escapeText(defaultText)}}`;
}

export function choice(n: number, options: readonly string[]): string {
  return `\${${n}|${options.map(escapeChoice).join(',')}|}`;
}

/** `A / B / C` → [`A / B / C`, A, B, C]: the placeholder first, then each option. */
function factChoices(allOptions: string): string[] {
  return [allOptions, ...allOptions.split('/').map((o) => o.trim())];
}

/**
 * The whole-template body: the template's lines, with the header fields, the Incident Summary's
 * values and the Summary's guidance as tab stops, and the cursor ending in the first Timeline row's time.
 */
export function templateBody(d: TemplateDescriptor = V1_1): string[] {
  let n = 0;
  const status = statusWorkflow(d);
  return templateLines(d, {
    lit: escapeText,
    field: (f) => (f.key === d.statusField ? choice(++n, status.values) : tabStop(++n, templateValue(f))),
    cell: (t, row, column, text) => {
      if (t.key === 'summary' && column === 1 && t.shape === 'keyed') {
        return t.rows[row]!.kind === 'choice' ? choice(++n, factChoices(text)) : tabStop(++n, text);
      }
      if (t.key === 'timeline' && row === 0 && column === 0) return '$0';
      return escapeText(text);
    },
    guidance: (section, index, text) => (section === 'summary' && index === 0 ? tabStop(++n, `*${text}*`) : escapeText(`*${text}*`)),
  });
}

export { ACTION_STATUSES };

export function buildSnippets(d: TemplateDescriptor = V1_1): Snippets {
  const roles = (tableSpec(d, 'signoff') as KeyedTableSpec).rows.map((r) => r.label);
  const blocking = templateValue(tableSpec(d, 'actions')!.columns.find((c) => c.key === 'blocking')!);
  const evidenceRoot = DEFAULT_EVIDENCE_ROOT;
  const version = d.version;
  const utcNote = 'VS Code snippet variables such as $CURRENT_HOUR are local time, so this snippet fills in no time: type pm-timeline-row-now (a completion with the current UTC time filled in) or run "Post-Mortem: Insert Timeline Row (UTC now)".';
  return {
    'Post-mortem: whole template': {
      prefix: ['postmortem', 'pm-template'],
      body: templateBody(d),
      description: `The incident post-mortem template ${version}: tab through the header fields, the Incident Summary and the Summary. Choices keep the template's "A / B" placeholder first. Times and dates are left to fill in (snippet variables are local time, not UTC); "Post-Mortem: New Post-Mortem" creates a file with the UTC date filled in.`,
    },
    'Post-mortem: timeline row': {
      prefix: ['pm-timeline-row'],
      body: [`| ${tabStop(1, 'YYYY-MM-DD HH:MM')} | ${tabStop(2)} | ${tabStop(3)} |$0`],
      description: `A Timeline row: Time (UTC), Event, Actor. ${utcNote}`,
    },
    'Post-mortem: action-item row': {
      prefix: ['pm-action-row'],
      body: [
        `| ${tabStop(1, '#')} | ${tabStop(2)} | ${tabStop(3)} | ${tabStop(4, 'YYYY-MM-DD')} | ${choice(5, factChoices(blocking))} | ${choice(6, ACTION_STATUSES)} |$0`,
      ],
      description: 'An Action Items row: #, Action, Owner, Target date (YYYY-MM-DD), Blocking? and Status as choices.',
    },
    'Post-mortem: sign-off row': {
      prefix: ['pm-signoff-row'],
      body: [`| ${choice(1, roles)} | ${tabStop(2)} | ${tabStop(3)} | ${tabStop(4)} |$0`],
      description: 'A Sign-off row: Role (choice), Name, Signature, Date (UTC, YYYY-MM-DD).',
    },
    'Post-mortem: evidence row': {
      prefix: ['pm-evidence-row'],
      body: [`| ${tabStop(1)} | \`${escapeText(evidenceRoot)}/${tabStop(2, '<INCIDENT_ID>')}/${tabStop(3)}\` |$0`],
      description: `An Evidence References row: Artifact and a workspace-relative path under ${evidenceRoot}/<Incident ID>/. "Post-Mortem: Insert Evidence Path" picks an existing file (and follows postmortem.evidenceRoot).`,
    },
  };
}

/** The file's text: stable key order, two-space indent, final newline. */
export function snippetsFileText(d: TemplateDescriptor = V1_1): string {
  return `${JSON.stringify(buildSnippets(d), null, 2)}\n`;
}
