/**
 * The value formats of SPEC §3 as ajv format definitions, one object per format: the schemas
 * compiled at run time add them (schema.ts `newAjv`), and the bundled schema's build-time code
 * (generated/bundledValidator.js) requires this module for them.
 */
import { isUsdAmount, readDate, readDateOrTimestamp, readDuration, readTimestamp } from './values';

const MAX_FORMAT_INPUT = 500;
const bounded = (f: (s: string) => boolean) => (s: string) => s.length <= MAX_FORMAT_INPUT && f(s);

const CHECKS: Record<string, (s: string) => boolean> = {
  'pm-timestamp': (s) => {
    const k = readTimestamp(s, true).kind;
    return k === 'utc' || k === 'non-utc';
  },
  'pm-utc': (s) => readTimestamp(s, true, true).kind !== 'non-utc',
  'pm-timeline-time': (s) => readTimestamp(s, true, true).kind !== 'unreadable',
  'pm-date': (s) => readDate(s).kind === 'date',
  'pm-date-or-timestamp': (s) => {
    const r = readDateOrTimestamp(s, true);
    return r.date !== undefined || r.read.kind === 'non-utc';
  },
  'pm-duration': (s) => readDuration(s) !== undefined,
  'pm-usd': isUsdAmount,
};

export const FORMATS: Record<string, { type: 'string'; validate: (s: string) => boolean }> = Object.fromEntries(
  Object.entries(CHECKS).map(([name, f]) => [name, { type: 'string', validate: bounded(f) }]),
);
