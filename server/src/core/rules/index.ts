// STUB — being implemented (core owner).
export interface RuleInfo {
  code: string;
  title: string;
  severity: string;
  fix?: string;
}
export const RULES: RuleInfo[] = [];
export function ruleByCode(code: string): RuleInfo | undefined {
  return RULES.find((r) => r.code === code);
}
