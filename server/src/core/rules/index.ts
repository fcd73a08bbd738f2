/**
 * The rule registry: every rule, in code order. Adding a rule means adding its
 * module here, its fixture under test/fixtures/, and its page (npm run docs).
 */
import type { Rule } from './rule';
import { PM001 } from './PM001';
import { PM002 } from './PM002';
import { PM003 } from './PM003';
import { PM004 } from './PM004';
import { PM005 } from './PM005';
import { PM006 } from './PM006';
import { PM007 } from './PM007';
import { PM008 } from './PM008';
import { PM009 } from './PM009';
import { PM010 } from './PM010';
import { PM011 } from './PM011';
import { PM012 } from './PM012';
import { PM013 } from './PM013';
import { PM014 } from './PM014';
import { PM015 } from './PM015';
import { PM016 } from './PM016';
import { PM017 } from './PM017';
import { PM018 } from './PM018';
import { PM019 } from './PM019';
import { PM020 } from './PM020';
import { PM021 } from './PM021';
import { PM022 } from './PM022';
import { PM023 } from './PM023';
import { PM024 } from './PM024';
import { PM025 } from './PM025';
import { PM026 } from './PM026';

export type { Rule } from './rule';

export const RULES: readonly Rule[] = [
  PM001, PM002, PM003, PM004, PM005, PM006, PM007, PM008, PM009, PM010, PM011, PM012, PM013,
  PM014, PM015, PM016, PM017, PM018, PM019, PM020, PM021, PM022, PM023, PM024, PM025, PM026,
];

const BY_CODE = new Map(RULES.map((r) => [r.code, r]));

export function ruleByCode(code: string): Rule | undefined {
  return BY_CODE.get(code);
}
