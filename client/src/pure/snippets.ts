/**
 * Builds `snippets/postmortem.json` from the template text (server/src/core/template.ts),
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
import { DEFAULT_EVIDENCE_ROOT } from '../../../shared/src/settings';
import { ACTION_STATUSES } from '../../../shared/src/status';

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

const HEADER_RE = /^(\*\*[^*]+:\*\*)([ \t]*)(.*)$/;
const ROW_RE = /^(\|[^|]*\|)([^|]*)(\|.*)$/;

/** The whole-template body: header fields, the Incident Summary table and the Summary as tab stops. */
export function templateBody(template: string): string[] {
  const lines = template.replace(/\r\n?/g, '\n').replace(/\n$/, '').split('\n');
  let n = 0;
  let section = '';
  let sub = '';
  let timelineDone = false;
  let summaryDone = false;
  return lines.map((line) => {
    const h2 = /^##\s+(.*)$/.exec(line);
    if (h2) {
      section = h2[1]!.trim();
      sub = '';
      return escapeText(line);
    }
    const h3 = /^###\s+(.*)$/.exec(line);
    if (h3) {
      sub = h3[1]!.trim();
      return escapeText(line);
    }
    if (section === '') {
      const m = HEADER_RE.exec(line);
      if (!m) return escapeText(line);
      const [, label, space, value] = m as unknown as [string, string, string, string];
      if (/^\*\*Status:\*\*$/.test(label)) {
        return `${escapeText(label)}${space || ' '}${choice(++n, value.split('/').map((o) => o.trim()))}`;
      }
      return `${escapeText(label)}${space || ' '}${tabStop(++n, value)}`;
    }
    if (/^1\b/.test(section) && sub === '') {
      const m = ROW_RE.exec(line);
      if (!m || /^\|\s*Field\s*\|/.test(line) || /^\|\s*-/.test(line)) return escapeText(line);
      const [, head, cell, rest] = m as unknown as [string, string, string, string];
      const value = cell.trim();
      const stop = / \/ /.test(value) ? choice(++n, factChoices(value)) : tabStop(++n, value);
      return `${escapeText(head)} ${stop} ${escapeText(rest)}`;
    }
    if (/^1\b/.test(section) && /^Summary\b/.test(sub) && !summaryDone && /^\*.*\*$/.test(line.trim())) {
      summaryDone = true;
      return tabStop(++n, line.trim());
    }
    if (/^2\b/.test(section) && !timelineDone) {
      // The first Timeline row's empty Time cell is where the cursor ends.
      const m = /^\|[ \t]*\|(.*)$/.exec(line);
      if (m) {
        timelineDone = true;
        return `| $0 |${escapeText(m[1]!)}`;
      }
    }
    return escapeText(line);
  });
}

/** The cells of the first table row under `## <n>.` whose first cell is not the header. */
function tableRows(template: string, sectionNumber: number): string[][] {
  const lines = template.replace(/\r\n?/g, '\n').split('\n');
  const start = lines.findIndex((l) => new RegExp(`^##\\s+${sectionNumber}\\.`).test(l));
  const rows: string[][] = [];
  let seenDelimiter = false;
  for (let i = start + 1; i < lines.length && !/^##\s/.test(lines[i]!); i++) {
    const l = lines[i]!;
    if (!l.startsWith('|')) {
      if (seenDelimiter) break;
      continue;
    }
    if (/^\|\s*:?-/.test(l)) {
      seenDelimiter = true;
      continue;
    }
    if (seenDelimiter) rows.push(l.replace(/^\||\|$/g, '').split('|').map((c) => c.trim()));
  }
  return rows;
}

export function buildSnippets(template: string): Snippets {
  const roles = tableRows(template, 9).map((r) => r[0]!).filter((r) => r !== '');
  const blocking = tableRows(template, 7)[0]?.[4] ?? 'YES / NO';
  const evidenceRoot = /`([^`]*?)\/<INCIDENT_ID>\//.exec(template)?.[1] ?? DEFAULT_EVIDENCE_ROOT;
  const version = /Template version:\s*([^\s*]+)/.exec(template)?.[1] ?? '';
  const utcNote = 'VS Code snippet variables such as $CURRENT_HOUR are local time, so this snippet fills in no time: type pm-timeline-row-now (a completion with the current UTC time filled in) or run "Post-Mortem: Insert Timeline Row (UTC now)".';
  return {
    'Post-mortem: whole template': {
      prefix: ['postmortem', 'pm-template'],
      body: templateBody(template),
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
export function snippetsFileText(template: string): string {
  return `${JSON.stringify(buildSnippets(template), null, 2)}\n`;
}
