#!/usr/bin/env bash
# The language server under a second LSP client, headless Neovim — the `test:nvim` command.
#   bash scripts/test-nvim.sh
# 1. the harness against a stand-in server (proves nvim starts, attaches, waits for diagnostics),
# 2. the real server (dist/server.js --stdio) on fixtures, with the codes each must publish.
# Add a fixture: put it in test/nvim/fixtures/ and add a line below with its expected codes.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
command -v nvim >/dev/null || bash scripts/setup-vscode.sh
node esbuild.mjs
node test/nvim/run.mjs --self-test
node test/nvim/run.mjs test/nvim/fixtures/pm005-pm010.md PM005 PM010
# Issue 14: document links, inlay hints and rename under Neovim (a copy of the draft fixture with its evidence).
node test/nvim/run.mjs --root test/nvim/fixtures/nav --features links,inlay,rename test/nvim/fixtures/nav/draft.md PM005 PM009
