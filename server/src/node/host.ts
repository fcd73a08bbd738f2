/**
 * The desktop server's host (host.ts): `node:fs`, `node:path` and `file:` URIs — exactly what the
 * handlers did before the web server existed.
 */
import * as nodeFs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { collectSoon } from '../gc';
import type { ServerHost } from '../host';
import { describe } from '../handlers/guard';
import { listEvidenceFiles } from './evidence';
import { FileCache } from './fileCache';
import { nodeFileSystem } from './fs';
import { ConfigError, findRcFile, loadRcFile, type RcSettings } from './rc';
import { SchemaCache } from './schemaCache';
import { TemplateCache } from './templateCache';
import { WorkspaceIndex } from './workspaceIndex';

export function filePathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export function nodeHost(): ServerHost {
  const index = new WorkspaceIndex();
  return {
    kind: 'node',
    path,
    filePathOf,
    uriOf: (p) => pathToFileURL(p).href,
    cwd: () => process.cwd(),
    fs: nodeFileSystem,
    createSchemas: (onError) => new SchemaCache(onError),
    createTemplates: (onError) => new TemplateCache(onError),
    createRcReader(warn) {
      const rcFiles = new FileCache<RcSettings | undefined>(
        (file) => {
          try {
            return { value: loadRcFile(file) };
          } catch (e) {
            return { value: undefined, error: `${e instanceof ConfigError ? e.message : `${file}: ${describe(e)}`}; the file is ignored` };
          }
        },
        (message) => warn(message, 'error'),
      );
      return (file, folder) => {
        const rcFile = findRcFile(path.dirname(file), folder);
        return rcFile === undefined ? undefined : rcFiles.get(rcFile);
      };
    },
    readDocument: async (uri) => {
      const filePath = filePathOf(uri);
      if (filePath === undefined) throw new Error(`not a file: ${uri}`);
      return nodeFs.readFileSync(filePath, 'utf8');
    },
    stamp: async (uri) => {
      try {
        const s = nodeFs.statSync(fileURLToPath(uri));
        return `${s.mtimeMs}:${s.size}`;
      } catch {
        return `missing:${Math.random()}`;
      }
    },
    exists: async (p) => {
      try {
        nodeFs.statSync(p);
        return true;
      } catch {
        return false;
      }
    },
    evidenceFiles: async (root, evidenceRoot) => () => listEvidenceFiles(root, evidenceRoot),
    workspacePostmortems: async (root, files, open, templates) => index.postmortems(root, files, open, templates),
    afterWork: collectSoon,
  };
}
