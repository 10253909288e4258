#!/usr/bin/env bash
# `npm start`: install what is missing, build, and open the extension in a real VS Code.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash test/setup-machine.sh
node esbuild.js
npx tsc -p . >/dev/null || true   # the launcher itself is compiled with the tests; type errors are reported by npm test
exec node out/test/vscode/launch.js "$@"
