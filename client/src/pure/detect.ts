/**
 * Which documents are post-mortems, for the client's UI (code lens, status bar, tree view, lazy
 * start): the server core's own line scan (server/src/core/detect.ts, no vscode import), so the
 * client and the server always agree. The server stays the authority for diagnostics.
 */
export { HEADING_SCAN_CHARS, hasPostmortemTitle, matchesFiles, isPostmortemText } from '../../../server/src/core/detect';
