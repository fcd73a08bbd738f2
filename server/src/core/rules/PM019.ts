import type { Rule } from './rule';

export const PM019: Rule = {
  code: 'PM019',
  title: 'Incident ID does not match the configured pattern',
  why: 'The Incident ID names the evidence folder governance/evidence/<Incident ID>/, so it must be a safe folder name (postmortem.incidentIdPattern).',
  severity: 'error',
  examples: { fails: '**Incident ID:** INC 42 / oracle', passes: '**Incident ID:** INC-2026-0042' },
  fromSchema(ctx, { pointer }) {
    if (pointer) {
      ctx.report(pointer.val, `Incident ID "${pointer.val.text}" does not match the pattern ${ctx.opts.settings.incidentIdPattern}; expected letters, digits, ".", "_" or "-"`);
    }
  },
};
