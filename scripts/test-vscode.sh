#!/usr/bin/env bash
# Runs the real-VS-Code test suites (test/vscode/) — the `test:vscode` command.
#   bash scripts/test-vscode.sh            offline: installs into .vscode-test/ if needed, then runs
#                                          the suites in code-server's VS Code server + headless Chromium
#   VSCODE_EXECUTABLE= bash scripts/...    (set but empty) let @vscode/test-electron download VS Code
# Extra variables: VSCODE_TEST_GREP, VSCODE_TEST_TIMEOUT, VSCODE_TEST_TIMEOUT_MS, VSCODE_TEST_VERBOSE=1,
# VSCODE_TEST_EXTENSION_ENV (see test/vscode/README.md).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
if [ -z "${VSCODE_EXECUTABLE+set}" ]; then
  bash scripts/setup-vscode.sh
  export VSCODE_EXECUTABLE="$ROOT/test/vscode/launcher.sh"
fi
node esbuild.mjs
node test/vscode/build.mjs
# Bounded: a process that never exits fails the run instead of stalling CI (test/vscode/lib.mjs stopGroup waits for exits).
exec timeout --kill-after=30 900 node out/test/vscode/runTest.js
