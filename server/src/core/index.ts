/**
 * The core facade: parse → model → validate → findings → fixes.
 * Pure: no `vscode`, no `vscode-languageserver`. File-system access only
 * through the injected `FileSystem`; schema file reading through `readFile`.
 */
export * from './types';
export * from './api';
export { DEFAULT_SETTINGS, sanitizeSettings } from './settings';
export { LineIndex, applyEdits, detectEol } from './text';
export type { Position } from './text';
export { analyze, analyzeInSteps, isChecked, isPostmortem } from './analyze';
export { firstHeading, hasPostmortemTitle, isPostmortemText, matchesFiles, relativePath } from './detect';
export type { Analysis } from './analyze';
export { hoverAt, completionsAt, documentSymbols, withEvidenceFolders } from './features';
export { planMarkFinal } from './markFinal';
export { loadSchema, bundledSchema } from './schema';
export { builtInTemplate, loadTemplate, loadTemplateFile, newFileTemplate, readTemplate, selectCandidate, selectTemplate, templateCandidate, templateInfo, templateSchemaPath, titleLine, type Template, type TemplateCandidate } from './templates';
export { collectFixAll } from './fixes';
export { formatDocument } from './format';
export { RULES, ruleByCode } from './rules';
export { IncrementalParser, chunkDocument, chunkedParse } from './incremental';
export { summarize } from './summary';
export type { Summary, SummaryOptions } from './summary';
export { documentLinks, evidenceFileQueries, evidenceRootOf, incidentIdOf, type LinkEntry, type LinkOptions } from './links';
export { inlayHints, formatSpan, type InlayHintEntry } from './inlayHints';
export { idOccurrences, incidentIdAt, invalidIncidentId, planRename, renamedFilePath, type RenamePlan } from './rename';
export { describeIncident, incidentSummary, indexedPostmortem, matchesQuery, readIncidentSummary, statusLens, tokenAt, type IncidentSummary, type LensEntry } from './navigation';
export { actionRows, computeStats, documentFacts, filterActions, median, percentile, utcDay } from './insight';
export type { ActionFilter, ActionItemRow, DocumentFacts, DurationStats, OwnerStats, Stats } from './insight';
export { ACTIONS_FORMATS, STATS_FORMATS, formatActions, formatStats, formatStatsMarkdown, minutesText } from './insightFormat';
export type { ActionsFormat, StatsFormat } from './insightFormat';
