import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..');

/**
 * A post-mortem grown to `size`: half exported timeline rows (one second apart,
 * chronological, the first row after midnight carrying its date), half a pasted log.
 */
export function generate(size: number): string {
  const base = fs.readFileSync(path.join(ROOT, 'examples', 'post-mortems', 'INC-2026-0042-final.md'), 'utf8');
  const rows: string[] = [];
  const logs: string[] = [];
  let total = base.length;
  const start = Date.UTC(2026, 8, 28, 17, 20, 0);
  let day = '2026-09-28';
  for (let i = 0; total < size; i++) {
    const t = new Date(start + i * 1000).toISOString();
    const date = t.slice(0, 10);
    const time = t.slice(11, 19);
    const cell = date === day ? time : `${date} ${time}`;
    day = date;
    const row = `| ${cell} | Exported event ${i}: breaker ${i % 7 ? 'armed' : 'tripped'} on pool ${i % 13} — 监控 🚨 | system |`;
    const log = `${t} relay[${i}] WARN upstream heartbeat age=${600 + i}s`;
    rows.push(row);
    logs.push(log);
    total += row.length + log.length + 2;
  }
  const anchor = '| 17:16 | Incident resolved | Priya Raman |\n';
  return base
    .replace(anchor, anchor + rows.map((r) => r + '\n').join(''))
    .replace('| 2026-09-29 09:00 | Post-mortem initiated |', `| ${new Date(start + rows.length * 1000 + 3_600_000).toISOString().slice(0, 16).replace('T', ' ')} | Post-mortem initiated |`)
    .replace('### 3C', '```text\n' + logs.join('\n') + '\n```\n\n### 3C');
}

