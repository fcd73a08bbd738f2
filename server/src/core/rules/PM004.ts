import { caseInsensitiveChoice } from '../values';
import { replaceFix, type Rule } from './rule';

export const PM004: Rule = {
  code: 'PM004',
  title: 'A value is not one of its allowed choices',
  why: 'Status, Severity, Scope and the YES/NO columns are read by tools and people alike; only the template\'s choices mean the same to both.',
  severity: 'error',
  fix: 'One action per allowed choice; the canonical spelling for a case mismatch (information).',
  examples: { fails: '| Severity | Sev1 |', passes: '| Severity | CRITICAL |' },
  fromSchema(ctx, { issue, pointer, message }) {
    if (!pointer) return;
    const allowed = (issue.allowed ?? []).filter((a): a is string => typeof a === 'string');
    const canonical = caseInsensitiveChoice(pointer.val.text, allowed);
    if (canonical !== undefined) {
      ctx.report(pointer.val, `${pointer.label}: "${pointer.val.text}" should be spelled "${canonical}"`, { severity: 'information', fixes: [
        replaceFix(`Change to "${canonical}"`, pointer.val, canonical, true),
      ] });
      return;
    }
    const fixes = allowed.map((a) => replaceFix(`Change to "${a}"`, pointer.val, a, false));
    ctx.report(pointer.val, message, { fixes });
  },
};
