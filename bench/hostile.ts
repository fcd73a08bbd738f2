/**
 * Hostile shapes (issue 16): documents the parser or a rule may handle badly. Each is the FINAL
 * example post-mortem with one shape grown into it. Used by `npm run bench` (the hostile table,
 * at full size) and by test/protocol/hostile.test.ts (at a smaller `scale` where that keeps the
 * test to a few seconds).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..');

export function baseDocument(): string {
  return fs.readFileSync(path.join(ROOT, 'examples', 'post-mortems', 'INC-2026-0042-final.md'), 'utf8');
}

/** `block` (ending with a line break) as its own paragraph-level content at the start of section 3C. */
function inProse(block: string): string {
  return baseDocument().replace('### 3C', block + '\n### 3C');
}

const LAST_ROW = '| 17:16 | Incident resolved | Priya Raman |\n';

export interface HostileShape {
  name: string;
  /** What the bench table says about it. */
  what: string;
  /** The document; `scale` 1 is the size the issue names. */
  make(scale?: number): string;
}

function repeat(n: number, f: (i: number) => string): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(f(i));
  return out.join('');
}

/** A list nested `depth` levels deep, one item per level (item k indented 2k spaces). */
export function nestedList(depth: number): string {
  return inProse('\n' + repeat(depth, (k) => `${' '.repeat(2 * k)}- level ${k}\n`) + '\n');
}

export const HOSTILE: HostileShape[] = [
  {
    name: 'non-UTC timeline',
    what: '1 MB, every timeline time `YYYY-MM-DD HH:MM PDT`',
    make: (scale = 1) => {
      const rows: string[] = [];
      let size = 0;
      for (let i = 0; size < 1_000_000 * scale; i++) {
        const t = new Date(Date.UTC(2026, 8, 1) + i * 60_000).toISOString();
        const r = `| ${t.slice(0, 10)} ${t.slice(11, 16)} PDT | Exported event ${i} on pool ${i % 13} | system |\n`;
        rows.push(r);
        size += r.length;
      }
      return baseDocument().replace(LAST_ROW, LAST_ROW + rows.join(''));
    },
  },
  {
    name: 'nested list 1,000',
    what: 'a list nested 1,000 levels (1 MB)',
    make: (scale = 1) => nestedList(Math.round(1000 * scale)),
  },
  {
    name: 'nested list 3,000',
    what: 'a list nested 3,000 levels (9 MB)',
    make: (scale = 1) => nestedList(Math.round(3000 * scale)),
  },
  {
    name: 'table 100,000 cells',
    what: '10,000 rows × 10 columns in section 3C',
    make: (scale = 1) => {
      const n = Math.round(10_000 * scale);
      const head = '| ' + repeat(10, (c) => `c${c} | `) + '\n|' + '---|'.repeat(10) + '\n';
      return inProse('\n' + head + repeat(n, (r) => '| ' + repeat(10, (c) => `r${r}c${c} | `) + '\n') + '\n');
    },
  },
  {
    name: 'fence 50,000 lines',
    what: 'a fenced code block of 50,000 lines',
    make: (scale = 1) => inProse('\n```text\n' + repeat(Math.round(50_000 * scale), (i) => `2026-09-28T17:${String(i % 60).padStart(2, '0')}:00Z relay[${i}] WARN heartbeat age=${i}s\n`) + '```\n'),
  },
  {
    name: '10,000 headings',
    what: '10,000 `####` headings with a line of text each',
    make: (scale = 1) => inProse('\n' + repeat(Math.round(10_000 * scale), (i) => `#### Note ${i}\n\nObservation ${i}.\n\n`)),
  },
  {
    name: '2 MB line',
    what: 'one 2 MB line of prose with emphasis, code and brackets',
    make: (scale = 1) => {
      const unit = 'the relay *served* `cached` [prices] _silently_ and ';
      return inProse('\n' + unit.repeat(Math.ceil((2_000_000 * scale) / unit.length)) + 'stopped.\n');
    },
  },
  {
    name: '100,000 link definitions',
    what: '100,000 `[ref]: url` lines',
    make: (scale = 1) => inProse('\n' + repeat(Math.round(100_000 * scale), (i) => `[ref${i}]: https://example.com/log/${i}\n`) + '\n'),
  },
  {
    name: '10,000 suppressions',
    what: '10,000 timeline rows, each under a suppression comment',
    make: (scale = 1) => {
      const n = Math.round(10_000 * scale);
      const rows = repeat(n, (i) => {
        const t = new Date(Date.UTC(2026, 8, 28, 17, 16) + (i + 1) * 1000).toISOString();
        return `<!-- postmortem-disable-next-line PM007 -->\n| ${t.slice(11, 19)} | Event ${i} | system |\n`;
      });
      return baseDocument().replace(LAST_ROW, LAST_ROW + rows);
    },
  },
];
