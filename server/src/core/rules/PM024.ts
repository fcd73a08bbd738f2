import type { Rule } from './rule';

export const PM024: Rule = {
  code: 'PM024',
  title: 'Unknown template version',
  why: 'The rules are written for template 1.1; checking another version against them would report noise. A document with an unknown version gets this finding and no other.',
  severity: 'error',
  gate: true,
  examples: { fails: '*Template version: 2.0*', passes: '*Template version: 1.1*' },
  check(ctx) {
    const v = ctx.model.templateVersion;
    const known = ctx.template.descriptor.version;
    // A template without a version accepts any.
    if (!v || known === '' || v.text === known) return;
    ctx.report(v, `Unknown template version "${v.text}"; expected one of ${known}`);
  },
};
