// One-off generator kept for reference: node scripts/gen-schema.mjs > schemas/postmortem-1.1.schema.json
// The schema file is the source of truth afterwards; edit it directly.
const str = (description, extra = {}) => ({ description, type: 'string', ...extra });
const opt = (description, extra = {}) => ({ description, type: ['string', 'null'], ...extra });
const choice = (ref, description) => ({ description, $ref: `#/$defs/${ref}` });

const schema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://postmortem-assistant.dev/schemas/postmortem-1.1.schema.json',
  title: 'Incident post-mortem, template version 1.1',
  description:
    'The JSON model of a post-mortem (see docs/model.md). A value is a string, or null while it is still a placeholder. ' +
    'x-pm-code names the rule a failing keyword reports; x-pm-message is its message ({label}, {value}, {allowed} are filled in).',
  type: 'object',
  $defs: {
    status: { type: 'string', enum: ['DRAFT', 'UNDER REVIEW', 'FINAL'], 'x-pm-code': { type: 'PM003', enum: 'PM004' },
      'x-pm-message': { enum: '{label}: "{value}" is not one of {allowed}' } },
    severity: { type: 'string', enum: ['CRITICAL', 'HIGH', 'MEDIUM'], 'x-pm-code': { type: 'PM003', enum: 'PM004' },
      'x-pm-message': { enum: '{label}: "{value}" is not one of {allowed}' } },
    scope: { type: 'string', enum: ['GLOBAL', 'PARTNER', 'POOL'], 'x-pm-code': { type: 'PM003', enum: 'PM004' },
      'x-pm-message': { enum: '{label}: "{value}" is not one of {allowed}' } },
    yesNo: { type: 'string', enum: ['YES', 'NO'], 'x-pm-code': { type: 'PM003', enum: 'PM004' },
      'x-pm-message': { enum: '{label}: "{value}" is not one of {allowed}' } },
    actionStatus: { type: 'string', enum: ['OPEN', 'IN PROGRESS', 'DONE', 'WONTFIX'], 'x-pm-code': { type: 'PM003', enum: 'PM004' },
      'x-pm-message': { enum: '{label}: "{value}" is not one of {allowed}' } },
    utcTimestamp: {
      type: 'string',
      'x-pm-code': { type: 'PM003' },
      allOf: [
        { format: 'pm-timestamp', 'x-pm-code': 'PM006', 'x-pm-message': '{label}: cannot read "{value}"; expected a UTC timestamp like 2026-03-14 09:30 UTC' },
        { format: 'pm-utc', 'x-pm-code': 'PM005', 'x-pm-message': '{label}: "{value}" is not in UTC; expected a UTC timestamp like 2026-03-14 09:30 UTC' },
      ],
    },
    date: { type: 'string', format: 'pm-date', 'x-pm-code': { type: 'PM003', format: 'PM006' },
      'x-pm-message': { format: '{label}: cannot read "{value}" as a date; expected YYYY-MM-DD' } },
    dateOrUtcTimestamp: {
      type: 'string',
      'x-pm-code': { type: 'PM003' },
      allOf: [
        { format: 'pm-date-or-timestamp', 'x-pm-code': 'PM006', 'x-pm-message': '{label}: cannot read "{value}" as a date; expected YYYY-MM-DD' },
        { format: 'pm-utc', 'x-pm-code': 'PM005', 'x-pm-message': '{label}: "{value}" is not in UTC; expected YYYY-MM-DD or a UTC timestamp' },
      ],
    },
  },
  properties: {
    templateVersion: opt('The template version this document follows ("Template version: 1.1" in its last line).'),
    header: {
      description: 'The bold fields under the title.',
      type: 'object',
      required: ['incidentId', 'author', 'dateWritten', 'reviewMeetingDate', 'status'],
      'x-pm-code': { required: 'PM002' },
      'x-pm-message': { required: 'Missing header field "{missing}"; expected a line "**{missing}:** ..." under the title' },
      properties: {
        incidentId: str('Incident ID: names the evidence folder governance/evidence/<Incident ID>/. Letters, digits, ".", "_" and "-", 3–64 characters (postmortem.incidentIdPattern).', {
          pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$',
          'x-pm-code': { type: 'PM003', pattern: 'PM019' },
          'x-pm-message': { pattern: '{label}: "{value}" does not match the incident ID pattern {pattern}' },
        }),
        author: str('Post-Mortem Author: the person who wrote this document.', { 'x-pm-code': { type: 'PM003' } }),
        dateWritten: { description: 'Date Written (UTC): the date this post-mortem was written, YYYY-MM-DD.', $ref: '#/$defs/dateOrUtcTimestamp' },
        reviewMeetingDate: { description: 'Review Meeting Date: the date of the review meeting, YYYY-MM-DD.', $ref: '#/$defs/date' },
        status: choice('status', 'Status: DRAFT while writing, UNDER REVIEW for the review meeting, FINAL once all five roles have signed (use the Mark Final command).'),
      },
    },
    summary: {
      description: 'Section 1, the Incident Summary table.',
      type: 'object',
      required: ['severity', 'scope', 'trigger', 'firstDetected', 'incidentOpened', 'incidentResolved', 'totalDuration', 'drill', 'customerImpact', 'fundsAtRisk'],
      'x-pm-code': { required: 'PM002' },
      'x-pm-message': { required: 'Missing Incident Summary row "{missing}"' },
      properties: {
        severity: choice('severity', 'Severity: CRITICAL, HIGH or MEDIUM.'),
        scope: choice('scope', 'Scope: GLOBAL (every partner and pool), PARTNER or POOL.'),
        trigger: str('Trigger: the BreakerTrigger enum value that fired (postmortem.breakerTriggers), or free text.', { 'x-pm-code': { type: 'PM003' } }),
        firstDetected: { description: 'First detected (UTC): when the problem was first seen, e.g. 2026-03-14 09:30 UTC. First detected ≤ Incident opened ≤ Incident resolved.', $ref: '#/$defs/utcTimestamp' },
        incidentOpened: { description: 'Incident opened (UTC): when the incident was opened, e.g. 2026-03-14 09:41 UTC.', $ref: '#/$defs/utcTimestamp' },
        incidentResolved: { description: 'Incident resolved (UTC): when the incident was resolved, e.g. 2026-03-14 11:56 UTC.', $ref: '#/$defs/utcTimestamp' },
        totalDuration: str('Total duration: Incident resolved − Incident opened, as Xd Yh Zm (2h 15m, 45m, 1d 3h) or N minutes / N hours.', {
          format: 'pm-duration',
          'x-pm-code': { type: 'PM003', format: 'PM009' },
          'x-pm-message': { format: '{label}: cannot read "{value}" as a duration; expected Xd Yh Zm, like 2h 15m' },
        }),
        drill: choice('yesNo', 'Was this a drill?: YES or NO. A drill needs its evidence bundle path in section 8.'),
        customerImpact: str('Customer/partner impact: who was affected and how, or "None".', { 'x-pm-code': { type: 'PM003' } }),
        fundsAtRisk: str('Funds at risk at peak: None, or a USD amount such as $1,250,000 or USD 2.5M.', {
          format: 'pm-usd',
          'x-pm-code': { type: 'PM003', format: 'PM020' },
          'x-pm-message': { format: '{label}: "{value}" is neither None nor a USD amount (like $1,250,000 or USD 2.5M)' },
        }),
      },
    },
    summaryText: opt('Summary (2–4 sentences): what happened, why it mattered, and what was done to resolve it.'),
    timeline: {
      description: 'Section 2, the timeline: one row per significant event, in chronological order.',
      type: 'array',
      items: {
        type: 'object',
        properties: {
          time: str('Time (UTC): YYYY-MM-DD HH:MM[:SS] (UTC), or HH:MM[:SS] for an event on the same day as the row above.', {
            'x-pm-code': { type: 'PM018' },
            'x-pm-message': { type: 'Timeline row has no time; expected a UTC time like 2026-03-14 09:30 or 09:30' },
            allOf: [
              { format: 'pm-timeline-time', 'x-pm-code': 'PM006', 'x-pm-message': 'Timeline: cannot read the time "{value}"; expected YYYY-MM-DD HH:MM or HH:MM in UTC' },
              { format: 'pm-utc', 'x-pm-code': 'PM005', 'x-pm-message': 'Timeline: "{value}" is not in UTC; expected a UTC time' },
            ],
          }),
          event: str('Event: what happened.', { 'x-pm-code': { type: 'PM018' }, 'x-pm-message': { type: 'Timeline row has no event; expected what happened' } }),
          actor: str('Actor: who or what acted (a person, a team, "system").', { 'x-pm-code': { type: 'PM018' }, 'x-pm-message': { type: 'Timeline row has no actor; expected who or what acted' } }),
        },
      },
    },
    rootCause: {
      description: 'Section 3, root cause analysis (prose).',
      type: 'object',
      properties: {
        technical: opt('3A — What happened (technical): the root cause in technical detail.'),
        contributingFactors: opt('3B — Contributing factors.'),
        whyNotCaughtSooner: opt('3C — Why it was not caught sooner.'),
      },
    },
    impact: {
      description: 'Section 4, Impact Assessment: YES or NO per area; a YES needs its detail in Notes.',
      type: 'object',
      required: ['originationsBlocked', 'activeLoansAffected', 'partnersSuspended', 'poolsRemoved', 'onChainPause', 'signerRotation', 'externalNotification', 'regulatoryReporting'],
      'x-pm-code': { required: 'PM002' },
      'x-pm-message': { required: 'Missing Impact Assessment row "{missing}"' },
      additionalProperties: { $ref: '#/$defs/impactRow' },
    },
    wentWell: opt('Section 5, What Went Well.'),
    wentPoorly: opt('Section 6, What Went Poorly.'),
    actions: {
      description: 'Section 7, action items. A filled action needs an owner and a target date (YYYY-MM-DD).',
      type: 'array',
      items: {
        type: 'object',
        properties: {
          number: opt('#: the item number.'),
          action: opt('Action: what will be done.'),
        },
        if: { properties: { action: { type: 'string' } }, required: ['action'] },
        then: {
          properties: {
            owner: str('Owner: who will do it.', { 'x-pm-code': { type: 'PM010' }, 'x-pm-message': { type: 'Action item has no owner; expected the person or team who will do it' } }),
            targetDate: str('Target date: YYYY-MM-DD.', {
              format: 'pm-date',
              'x-pm-code': { type: 'PM011', format: 'PM011' },
              'x-pm-message': { type: 'Action item has no target date; expected YYYY-MM-DD', format: 'Action item target date "{value}" is not a valid date; expected YYYY-MM-DD' },
            }),
            blocking: choice('yesNo', 'Blocking?: YES if it must be completed before the next drill.'),
            status: choice('actionStatus', 'Status: OPEN, IN PROGRESS, DONE or WONTFIX.'),
          },
        },
      },
    },
    evidence: {
      description: 'Section 8, evidence references: a workspace-relative path in backticks, a Markdown link, a URL, or None / N/A.',
      type: 'array',
      items: {
        type: 'object',
        properties: {
          artifact: opt('Artifact: what the evidence is.'),
          location: str('Location: a workspace-relative path in backticks (under governance/evidence/<Incident ID>/), a link, a URL, or None / N/A.', { 'x-pm-code': { type: 'PM003' } }),
        },
      },
    },
    signoff: {
      description: 'Section 9, sign-off: all five roles sign (Name, Signature, Date) before Status becomes FINAL.',
      type: 'object',
      required: ['author', 'incidentCommander', 'technicalLead', 'riskCompliance', 'engineeringManager'],
      'x-pm-code': { required: 'PM002' },
      'x-pm-message': { required: 'Missing sign-off row for "{missing}"' },
      additionalProperties: {
        type: 'object',
        properties: {
          name: opt('Name: the signer.'),
          signature: opt('Signature: the signer\'s initials or signature.'),
          date: { description: 'Date (UTC): when they signed, YYYY-MM-DD.', type: ['string', 'null'],
            allOf: [
              { format: 'pm-date-or-timestamp', 'x-pm-code': 'PM006', 'x-pm-message': '{label}: cannot read "{value}" as a date; expected YYYY-MM-DD' },
              { format: 'pm-utc', 'x-pm-code': 'PM005', 'x-pm-message': '{label}: "{value}" is not in UTC; expected YYYY-MM-DD' },
            ] },
        },
      },
    },
  },
};
schema.$defs.impactRow = {
  type: 'object',
  properties: {
    impact: choice('yesNo', 'Impact: YES or NO.'),
    notes: opt('Notes: the detail a YES needs (Duration:, Count:, Partner(s):, Pool(s):, Tx:, Recipients:, Regulator:).'),
  },
  if: { properties: { impact: { const: 'YES' } }, required: ['impact'] },
  then: {
    properties: {
      notes: { type: 'string', 'x-pm-code': { type: 'PM017' }, 'x-pm-message': { type: '{label} is YES but its detail is not filled in' } },
    },
  },
};
process.stdout.write(JSON.stringify(schema, null, 2) + '\n');
