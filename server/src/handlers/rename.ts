/**
 * Renaming the Incident ID (`textDocument/prepareRename`, `textDocument/rename`) from the header
 * field or any occurrence. One WorkspaceEdit, versioned: every occurrence in the document; when
 * the client announces `workspace.workspaceEdit.resourceOperations` with `rename` (and
 * `documentChanges`), also the evidence folder `<evidenceRoot>/<old>/` (when it exists and the new
 * one does not) and the document's file when its name holds the ID. The new ID is checked against
 * `postmortem.incidentIdPattern` first: a bad one is a `ResponseError` that says why.
 */
import { ErrorCodes, ResponseError, type RenameFile, type TextDocumentEdit, type WorkspaceEdit } from 'vscode-languageserver';
import { incidentIdAt, planRename, renamedFilePath } from '../core';
import type { HandlerModule, ServerContext } from '../context';
import { toLspEdit, toRange, versionedEdit } from '../node/lspConvert';
import { isRecord, positionParam, uriParam } from './guard';

function canRenameFiles(server: ServerContext): boolean {
  const we = server.clientCapabilities.workspace?.workspaceEdit;
  return we?.documentChanges === true && (we.resourceOperations ?? []).includes('rename');
}

export const renameHandlers: HandlerModule = {
  capabilities: () => ({ renameProvider: { prepareProvider: true } }),

  register(server) {
    const { connection } = server;

    connection.onPrepareRename(
      server.guard('textDocument/prepareRename', async (params: unknown) => {
        const uri = uriParam(params);
        const pos = positionParam(params);
        const { analysis } = await server.current(uri);
        if (!analysis) return null;
        const at = incidentIdAt(analysis, analysis.lines.offsetAt(pos));
        return at ? { range: toRange(analysis.lines, at.start, at.end), placeholder: at.id } : null;
      }),
    );

    connection.onRenameRequest(
      server.guard('textDocument/rename', async (params: unknown): Promise<WorkspaceEdit | null> => {
        const uri = uriParam(params);
        const pos = positionParam(params);
        const newName = isRecord(params) ? params.newName : undefined;
        if (typeof newName !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, 'Expected params.newName (a string)');
        const { doc, settings, analysis } = await server.current(uri);
        if (!analysis) throw new ResponseError(ErrorCodes.InvalidRequest, 'Not a post-mortem: nothing to rename');
        const plan = planRename(analysis, analysis.lines.offsetAt(pos), newName, settings);
        if ('error' in plan) throw new ResponseError(ErrorCodes.InvalidParams, plan.error);
        const edits = plan.edits.map((e) => toLspEdit(analysis.lines, e));
        if (!canRenameFiles(server) || server.root === undefined || plan.oldId === plan.newId) {
          const we = versionedEdit(uri, doc.version, edits);
          // A client without documentChanges reads `changes`; one with them prefers `documentChanges`.
          return server.clientCapabilities.workspace?.workspaceEdit?.documentChanges === true ? we : { changes: we.changes };
        }
        const changes: (TextDocumentEdit | RenameFile)[] = [{ textDocument: { uri, version: doc.version }, edits }];
        const { path, exists, uriOf } = server.host;
        const from = path.join(server.root, ...plan.evidenceFolder.from.split('/'));
        const to = path.join(server.root, ...plan.evidenceFolder.to.split('/'));
        if ((await exists(from)) && !(await exists(to))) {
          changes.push({ kind: 'rename', oldUri: uriOf(from), newUri: uriOf(to), options: { overwrite: false, ignoreIfExists: false } });
        }
        const file = server.filePathOf(uri);
        const renamed = file !== undefined ? renamedFilePath(file, plan.oldId, plan.newId) : undefined;
        if (file !== undefined && renamed !== undefined && !(await exists(renamed))) {
          changes.push({ kind: 'rename', oldUri: uri, newUri: uriOf(renamed), options: { overwrite: false, ignoreIfExists: false } });
        }
        return { documentChanges: changes };
      }),
    );
  },
};
