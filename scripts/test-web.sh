#!/usr/bin/env bash
# The web extension in a real browser, offline — the `test:web` command (docs/web.md).
#   bash scripts/test-web.sh
# 1. test/web/worker.mjs: dist/browserServer.js in a dedicated Worker of headless Chromium, spoken
#    to over LSP from the page (diagnostics as the CLI's, a quick fix, Mark Final both ways).
# 2. test/web/host.mjs: the packaged extension in code-server's web worker extension host.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/setup-vscode.sh
node esbuild.mjs
node test/web/worker.mjs
