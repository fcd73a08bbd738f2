// Bundles the three entry points. `vscode` stays external (the extension host
// provides it); everything else, the server's dependencies included, is bundled
// so the .vsix needs no node_modules.
import * as esbuild from 'esbuild';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
};

const builds = [
  { entryPoints: { extension: 'client/src/desktopExtension.ts' }, external: ['vscode'] },
  // ESM-only code in a dependency (fdir, under tinyglobby: the CLI's file discovery, which the
  // server's Check Workspace shares) reads import.meta.url, which a CJS bundle lacks.
  {
    entryPoints: { server: 'server/src/server.ts' },
    banner: { js: 'const __importMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
    define: { 'import.meta.url': '__importMetaUrl' },
  },
  {
    entryPoints: { cli: 'server/src/cli.ts' },
    banner: { js: '#!/usr/bin/env node\nconst __importMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
    define: { 'import.meta.url': '__importMetaUrl' },
  },
];

// The web extension (docs/web.md): the client in VS Code's web worker extension host and the
// server in a worker of its own. Platform `browser`: a Node built-in anywhere in their imports
// fails the build (noNodeBuiltins), so nothing desktop-only slips into the web bundles.
const noNodeBuiltins = {
  name: 'no-node-builtins',
  setup(build) {
    build.onResolve({ filter: /^(node:|(fs|path|url|util|os|child_process|v8|vm|worker_threads|crypto|stream|events|net)$)/ }, (args) => ({
      errors: [{ text: `${args.path} is a Node built-in: it cannot run in the browser (imported by ${args.importer})` }],
    }));
  },
};
const browser = {
  platform: 'browser',
  target: 'es2022',
  mainFields: ['browser', 'module', 'main'],
  // Both run in workers (no DOM): packages with a 'worker' export (decode-named-character-reference) use it.
  conditions: ['worker', 'browser'],
  plugins: [noNodeBuiltins],
  // A few dependencies read process.env.NODE_ENV (or DEBUG); in a worker there is no process.
  define: { 'process.env.NODE_ENV': production ? '"production"' : '"development"' },
};
builds.push(
  { ...browser, entryPoints: { browserExtension: 'client/src/browserExtension.ts' }, external: ['vscode'] },
  { ...browser, format: 'iife', entryPoints: { browserServer: 'server/src/browserServer.ts' } },
);

const contexts = await Promise.all(
  builds.map((b) => esbuild.context({ ...common, ...b, outdir: 'dist' })),
);
if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
}
