#!/usr/bin/env bash
# Extension-host tests in a real VS Code: install code-server if needed, then run the suite.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash test/vscode/install-tools.sh
node out/test/vscode/harness/runExtensionTests.js
