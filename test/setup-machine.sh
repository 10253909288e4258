#!/usr/bin/env bash
# Installs what the tests and the dev launcher need on a Debian machine, skipping what is already there:
# Debian packages (Chromium for the UI tests, the real Python server's FastAPI, espeak-ng and sox for checks),
# the npm dependencies (onnxruntime-node's CUDA download skipped), and a real VS Code (code-server).
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(chromium libkrb5-dev ripgrep unzip espeak-ng sox python3-fastapi python3-uvicorn python3-httpx
  python3-nbformat python3-jsonschema python3-onnx python3-numpy python3-torchaudio lame mpg123)
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "[setup] apt-get install ${missing[*]}"
  SUDO=; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# onnxruntime-node's install script would fetch CUDA files from the internet; the CPU provider needs none.
export ONNXRUNTIME_NODE_INSTALL=skip npm_config_nodedir=/usr
stamp=node_modules/.vieneu-install-stamp
if [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ] || [ package.json -nt "$stamp" ]; then
  # `npm install`, not `npm ci`: the registry mirror here lacks some of node-llama-cpp's other-platform optional
  # packages, which `npm ci` refuses to skip; the lock file still pins every version that is installed.
  echo "[setup] npm install"
  npm install --no-audit --no-fund --loglevel=error
  touch "$stamp"
fi

bash test/vscode/install-tools.sh
