import type { Template } from '../templates';
import { finding, type Rule } from './rule';

export const PM024: Rule = {
  code: 'PM024',
  title: 'Unknown template version',
  why: 'The rules are written for template 1.1; checking another version against them would report noise. A document with an unknown version gets this finding and no other.',
  severity: 'error',
  examples: { fails: '*Template version: 2.0*', passes: '*Template version: 1.1*' },
  check(ctx) {
    const v = ctx.model.templateVersion;
    if (!v || !hasUnknownVersion(v.text, ctx.template)) return;
    ctx.report(finding('PM024', 'error', v, `Unknown template version "${v.text}"; expected one of ${ctx.template.descriptor.version}`));
  },
};

/** A version the document's template does not have (a template without a version accepts any). */
export function hasUnknownVersion(version: string | undefined, t: Template): boolean {
  const known = t.descriptor.version;
  return version !== undefined && known !== '' && version !== known;
}
