/**
 * Template v1.1 as data: the one definition every part reads. Its text
 * (`renderTemplate(V1_1)`) is the spec's `postmortem-template-v1.1.md` byte
 * for byte (test/unit/template.test.ts). Adding a row, field or section is
 * one edit here.
 */
import type { TemplateDescriptor } from './descriptor';

export const STATUS_VALUES = ['DRAFT', 'UNDER REVIEW', 'FINAL'] as const;
export const YES_NO = ['YES', 'NO'] as const;
export const ACTION_STATUSES = ['OPEN', 'IN PROGRESS', 'DONE', 'WONTFIX'] as const;
export const SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM'] as const;
export const SCOPES = ['GLOBAL', 'PARTNER', 'POOL'] as const;

const BLANK = '___________________________';

export const V1_1 = {
  version: '1.1',
  title: 'Incident Post-Mortem',
  statusField: 'status',
  fields: [
    { key: 'incidentId', label: 'Incident ID', match: '^incident id$', kind: 'incidentId', template: BLANK },
    { key: 'author', label: 'Post-Mortem Author', match: '^post-?mortem author$|^author$', kind: 'text', template: BLANK },
    { key: 'dateWritten', label: 'Date Written (UTC)', match: '^date written', kind: 'date', template: BLANK },
    { key: 'reviewMeetingDate', label: 'Review Meeting Date', match: '^review meeting date', kind: 'date', template: BLANK },
    { key: 'status', label: 'Status', match: '^status$', kind: 'choice', choices: STATUS_VALUES },
  ],
  sections: [
    {
      key: 's1', title: '1. Incident Summary', number: '1', match: 'incident summary', required: true,
      body: [{ table: 'summary' }, { subsection: 'summary' }],
    },
    {
      key: 's2', title: '2. Timeline', number: '2', match: '^timeline\\b|time ?line', required: true,
      body: [
        { guidance: 'All times in UTC. Include every significant event — detection, escalation, decisions, actions, resolution.' },
        { table: 'timeline' },
      ],
    },
    {
      key: 's3', title: '3. Root Cause Analysis', number: '3', match: 'root cause', required: true,
      body: [{ subsection: 's3a' }, { subsection: 's3b' }, { subsection: 's3c' }],
    },
    { key: 's4', title: '4. Impact Assessment', number: '4', match: 'impact assessment', required: true, body: [{ table: 'impact' }] },
    {
      key: 's5', title: '5. What Went Well', number: '5', match: 'went well', required: true,
      body: [{ guidance: 'Processes, tooling, or decisions that worked effectively during the incident.' }, { bullets: ['', '', ''] }],
      prose: { path: ['wentWell'], guidanceOnly: true },
    },
    {
      key: 's6', title: '6. What Went Poorly', number: '6', match: 'went poorly|went badly', required: true,
      body: [{ guidance: 'Gaps in process, tooling failures, or decisions that slowed response or worsened impact.' }, { bullets: ['', '', ''] }],
      prose: { path: ['wentPoorly'], guidanceOnly: true },
    },
    {
      key: 's7', title: '7. Action Items', number: '7', match: 'action items?', required: true,
      body: [
        { guidance: 'Each item must have an owner and a target date. Mark BLOCKING if it must be completed before the next drill.' },
        { table: 'actions' },
      ],
    },
    { key: 's8', title: '8. Evidence References', number: '8', match: 'evidence', required: true, body: [{ table: 'evidence' }] },
    {
      key: 's9', title: '9. Sign-off', number: '9', match: 'sign[- ]?off', required: true,
      body: [{ guidance: 'All reviewers must sign before status is set to FINAL.' }, { table: 'signoff' }],
    },
  ],
  subsections: [
    {
      key: 'summary', parent: 's1', title: 'Summary (2–4 sentences)', match: '^summary\\b', required: true,
      body: [{ guidance: 'Describe what happened, why it mattered, and what was done to resolve it.' }],
      prose: { path: ['summaryText'], guidanceOnly: false },
    },
    {
      key: 's3a', parent: 's3', title: '3A — What happened (technical)', match: 'what happened', matchAnywhere: '^3\\s*a\\b', required: true,
      body: [{ guidance: 'Describe the root cause in technical detail. Reference specific metrics, log lines, or on-chain transactions.' }],
      prose: { path: ['rootCause', 'technical'], guidanceOnly: true },
    },
    {
      key: 's3b', parent: 's3', title: '3B — Contributing factors', match: 'contributing', matchAnywhere: '^3\\s*b\\b', required: true,
      body: [{ bullets: ['*Factor 1*', '*Factor 2*', '*Factor 3*'] }],
      prose: { path: ['rootCause', 'contributingFactors'], guidanceOnly: true },
    },
    {
      key: 's3c', parent: 's3', title: "3C — Why it wasn't caught sooner", match: 'caught|sooner', matchAnywhere: '^3\\s*c\\b', required: true,
      body: [{ guidance: 'What monitoring gap, process gap, or human factor allowed this to reach the severity it did?' }],
      prose: { path: ['rootCause', 'whyNotCaughtSooner'], guidanceOnly: true },
    },
  ],
  tables: [
    {
      key: 'summary', section: 's1', before: 'summary', shape: 'keyed',
      columns: [
        { key: 'label', header: 'Field', fallback: 0, kind: 'text', name: '{row}' },
        { key: 'value', header: 'Value', fallback: 1, kind: 'text', name: '{row}' },
      ],
      rows: [
        { key: 'severity', label: 'Severity', match: '^severity$', kind: 'choice', choices: SEVERITIES },
        { key: 'scope', label: 'Scope', match: '^scope$', kind: 'choice', choices: SCOPES },
        { key: 'trigger', label: 'Trigger', match: '^trigger$', kind: 'text', template: '*(BreakerTrigger enum value or free-text)*' },
        { key: 'firstDetected', label: 'First detected (UTC)', match: '^first detected', kind: 'utcTimestamp' },
        { key: 'incidentOpened', label: 'Incident opened (UTC)', match: '^incident opened', kind: 'utcTimestamp' },
        { key: 'incidentResolved', label: 'Incident resolved (UTC)', match: '^incident resolved', kind: 'utcTimestamp' },
        { key: 'totalDuration', label: 'Total duration', match: '^total duration', kind: 'duration' },
        { key: 'drill', label: 'Was this a drill?', match: '^was this a drill', kind: 'choice', choices: YES_NO },
        { key: 'customerImpact', label: 'Customer/partner impact', match: '^customer\\s*\\/?\\s*partner impact|^customer impact', kind: 'text', template: '*(describe or "None")*' },
        { key: 'fundsAtRisk', label: 'Funds at risk at peak', match: '^funds at risk', kind: 'usd', template: '*(USD amount or "None")*' },
      ],
    },
    {
      key: 'timeline', section: 's2', shape: 'list',
      columns: [
        { key: 'time', header: 'Time (UTC)', match: 'time', fallback: 0, kind: 'utcTimestamp', role: 'time', name: 'Timeline row {i} time' },
        { key: 'event', header: 'Event', match: 'event', fallback: 1, kind: 'text', role: 'event', name: 'Timeline row {i} event' },
        { key: 'actor', header: 'Actor', match: 'actor|who|owner', fallback: 2, kind: 'text', role: 'actor', name: 'Timeline row {i} actor' },
      ],
      rows: [
        ['', 'Alert triggered / metric exceeded threshold', 'system'],
        ['', 'Incident commander assigned', ''],
        ['', 'Incident opened in system', ''],
        ['', 'First responder acknowledged', ''],
        ['', 'Soft halt applied (if applicable)', ''],
        ['', 'Hard pause applied (if applicable)', ''],
        ['', 'Root cause identified', ''],
        ['', 'Fix deployed', ''],
        ['', 'Recovery authorized', ''],
        ['', 'Incident resolved', ''],
        ['', 'Post-mortem initiated', ''],
      ],
    },
    {
      key: 'impact', section: 's4', shape: 'keyed',
      columns: [
        { key: 'area', header: 'Area', fallback: 0, kind: 'text', name: '{row}' },
        { key: 'impact', header: 'Impact', match: '^impact$', fallback: 1, kind: 'choice', choices: YES_NO, name: '{row}' },
        { key: 'notes', header: 'Notes', match: 'notes?', fallback: 2, kind: 'detail', name: '{row}' },
      ],
      rows: [
        { key: 'originationsBlocked', label: 'Originations blocked', detail: 'Duration:' },
        { key: 'activeLoansAffected', label: 'Active loans affected', detail: 'Count:' },
        { key: 'partnersSuspended', label: 'Partner(s) suspended', detail: 'Partner(s):' },
        { key: 'poolsRemoved', label: 'Pool(s) removed', detail: 'Pool(s):' },
        { key: 'onChainPause', label: 'On-chain pause invoked', detail: 'Tx:' },
        { key: 'signerRotation', label: 'Signer rotation required' },
        { key: 'externalNotification', label: 'External notification required', detail: 'Recipients:' },
        { key: 'regulatoryReporting', label: 'Regulatory reporting required', detail: 'Regulator:' },
      ],
    },
    {
      key: 'actions', section: 's7', shape: 'list',
      columns: [
        { key: 'number', header: '#', match: '^#$|^no\\.?$|^n(umbe)?r$', fallback: 0, kind: 'text', role: 'number', name: 'Action {n} #' },
        { key: 'action', header: 'Action', match: '^action', fallback: 1, kind: 'text', role: 'action', name: 'Action {n}' },
        { key: 'owner', header: 'Owner', match: 'owner', fallback: 2, kind: 'text', role: 'owner', name: 'Action {n} owner' },
        { key: 'targetDate', header: 'Target date', match: 'target|due', fallback: 3, kind: 'date', role: 'date', name: 'Action {n} target date' },
        { key: 'blocking', header: 'Blocking?', match: 'blocking', fallback: 4, kind: 'choice', choices: YES_NO, name: 'Action {n} Blocking?' },
        { key: 'status', header: 'Status', match: 'status', fallback: 5, kind: 'choice', choices: ACTION_STATUSES, role: 'status', name: 'Action {n} status' },
      ],
      rows: [
        ['1', '', '', '', 'YES / NO', 'OPEN'],
        ['2', '', '', '', 'YES / NO', 'OPEN'],
        ['3', '', '', '', 'YES / NO', 'OPEN'],
        ['4', '', '', '', 'YES / NO', 'OPEN'],
      ],
    },
    {
      key: 'evidence', section: 's8', shape: 'list',
      columns: [
        { key: 'artifact', header: 'Artifact', fallback: 0, kind: 'text', name: 'Evidence row {i}' },
        { key: 'location', header: 'Location', match: 'location|path|link', fallback: 1, kind: 'evidence', role: 'path', name: 'Evidence "{first}" location' },
      ],
      rows: [
        ['Decision checklist', '`governance/evidence/<INCIDENT_ID>/decision-checklist.md`'],
        ['Drill evidence bundle', '`governance/evidence/<INCIDENT_ID>/`'],
        ['Reconciliation report', ''],
        ['Audit log export', ''],
        ['On-chain tx links', ''],
        ['Monitoring dashboard snapshot', ''],
      ],
    },
    {
      key: 'signoff', section: 's9', shape: 'keyed',
      columns: [
        { key: 'role', header: 'Role', fallback: 0, kind: 'text', name: '{row}' },
        { key: 'name', header: 'Name', match: '^name', fallback: 1, kind: 'text', name: 'Sign-off ({row}) name' },
        { key: 'signature', header: 'Signature', match: 'signature', fallback: 2, kind: 'text', name: 'Sign-off ({row}) signature' },
        { key: 'date', header: 'Date (UTC)', match: 'date', fallback: 3, kind: 'date', role: 'date', name: 'Sign-off ({row}) date' },
      ],
      rows: [
        { key: 'author', label: 'Post-Mortem Author' },
        { key: 'incidentCommander', label: 'Incident Commander' },
        { key: 'technicalLead', label: 'Technical Lead' },
        { key: 'riskCompliance', label: 'Risk / Compliance' },
        { key: 'engineeringManager', label: 'Engineering Manager' },
      ],
    },
  ],
  footer: ['*Retain this document in the governance incident record alongside the evidence bundle.*'],
} as const satisfies TemplateDescriptor;
