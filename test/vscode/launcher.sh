#!/bin/sh
# Executable wrapper so @vscode/test-electron can spawn launcher.mjs as "the VS Code executable".
# Runs on the default Node (20); the VS Code server itself runs on Node 24 from .vscode-test/.
exec node "$(dirname "$0")/launcher.mjs" "$@"
