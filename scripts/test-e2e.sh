#!/usr/bin/env bash
# End-to-end run in code-server with the packaged extension — the `test:e2e` command.
#   bash scripts/test-e2e.sh [--vsix PATH] [run.mjs options, e.g. --update-docs-images]
# Without --vsix it packages the extension into .vscode-test/postmortem-assistant.vsix first.
# Screenshots land in test/e2e/screenshots/ (git-ignored); --update-docs-images (or UPDATE_SCREENSHOTS=1)
# also copies the README images to docs/images/ when every assertion passed.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/setup-vscode.sh
if [[ " $* " != *" --vsix "* ]]; then
  node esbuild.mjs --production
  node_modules/.bin/vsce package --no-dependencies --out .vscode-test/postmortem-assistant.vsix </dev/null
  set -- --vsix .vscode-test/postmortem-assistant.vsix "$@"
fi
# Bounded: a process that never exits fails the run instead of stalling CI (test/vscode/lib.mjs stopGroup waits for exits).
exec timeout --kill-after=30 900 node test/e2e/run.mjs "$@"
