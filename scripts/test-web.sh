#!/usr/bin/env bash
# The web extension in a real browser, offline — the `test:web` command (docs/web.md).
#   bash scripts/test-web.sh [--vsix PATH]
# 1. test/web/worker.mjs: dist/browserServer.js in a dedicated Worker of headless Chromium, spoken
#    to over LSP from the page (diagnostics as the CLI's, a quick fix, Mark Final both ways).
# 2. test/web/host.mjs: the packaged extension in code-server's web worker extension host
#    (`remote.extensionKind` ["web"]). Without --vsix, packages into .vscode-test/ first.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/setup-vscode.sh
VSIX=""
if [ "${1:-}" = "--vsix" ]; then VSIX="$2"; fi
if [ -z "$VSIX" ]; then
  node esbuild.mjs --production
  node_modules/.bin/vsce package --no-dependencies --out .vscode-test/postmortem-assistant-web.vsix </dev/null >/dev/null
  VSIX=.vscode-test/postmortem-assistant-web.vsix
fi
status=0
node test/web/worker.mjs || status=1
# Bounded: a process that never exits fails the run instead of stalling CI (test/vscode/lib.mjs stopGroup waits for exits).
timeout --kill-after=30 900 node test/web/host.mjs --vsix "$VSIX" || status=1
# Leave development bundles behind, as `npm run build` does (the tests after this one use dist/).
node esbuild.mjs
exit $status
