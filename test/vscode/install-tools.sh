#!/usr/bin/env bash
# Installs a real VS Code for the tests without the internet beyond the npm registry: code-server 4.100.3
# (VS Code 1.100.3, runs on Node 20) into .e2e/tools. Idempotent: does nothing when already installed.
# Needs Debian's libkrb5-dev and ripgrep (test/setup-machine.sh installs them).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
TOOLS=$ROOT/.e2e/tools
want=$(node -p "require('$ROOT/test/vscode/tools/package.json').dependencies['code-server']")
have=$(node -p "try { require('$TOOLS/node_modules/code-server/package.json').version } catch { '' }" 2>/dev/null || true)
if [ "$have" = "$want" ] && [ -f "$TOOLS/node_modules/code-server/out/node/entry.js" ]; then exit 0; fi

echo "[install-tools] installing code-server $want into .e2e/tools (about a minute)"
mkdir -p "$TOOLS" "$ROOT/.e2e/tmp"
cp "$ROOT/test/vscode/tools/package.json" "$TOOLS/package.json"
export npm_config_nodedir=/usr      # node-gyp builds against the machine's Node headers: no header download
export npm_config_yes=true          # node-pty's postinstall runs `npx node-gyp`
export npm_config_unsafe_perm=true  # code-server's postinstall refuses to run as root without it
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
# @vscode/ripgrep (a code-server dependency) downloads rg at install time: seed its cache with Debian's rg.
RGC=$ROOT/.e2e/tmp/vscode-ripgrep-cache-1.15.11
mkdir -p "$RGC/seed"
cp "$(command -v rg)" "$RGC/seed/rg"
tar czf "$RGC/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$RGC/seed" rg
(cd "$TOOLS" && TMPDIR=$ROOT/.e2e/tmp npm install --no-audit --no-fund --loglevel=error >"$ROOT/.e2e/tools-npm.log" 2>&1) || {
  echo "[install-tools] npm install failed; see .e2e/tools-npm.log" >&2
  tail -20 "$ROOT/.e2e/tools-npm.log" >&2
  exit 1
}
test -f "$TOOLS/node_modules/code-server/out/node/entry.js"
echo "[install-tools] done"
