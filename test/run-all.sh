#!/usr/bin/env bash
# `npm test`: installs what is missing, builds, lints, then runs the three levels of tests —
# unit (mocha), inside a real VS Code extension host (code-server), and UI end-to-end (Chromium) —
# and finally packages the VSIX and runs what it ships.
# Ends with one line "tests: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
T0=$(date +%s)
step() { echo; echo "=== [$(( $(date +%s) - T0 ))s] $*"; }
passed=0; failed=0; broken=()
count() { # add mocha's "N passing" / "N failing" from a log
  local p f
  p=$(grep -Eo '^\s*[0-9]+ passing' "$1" | tail -1 | grep -Eo '[0-9]+' || echo 0)
  f=$(grep -Eo '^\s*[0-9]+ failing' "$1" | tail -1 | grep -Eo '[0-9]+' || echo 0)
  passed=$((passed + p)); failed=$((failed + f))
}
tally() { # add a "<label>: N passed, N failed" closing line from a log (a missing line counts as one failure)
  local line
  line=$(grep -E "^$2: [0-9]+ passed, [0-9]+ failed" "$1" | tail -1)
  if [ -z "$line" ]; then failed=$((failed + 1)); return; fi
  passed=$((passed + $(sed -E 's/.*: ([0-9]+) passed.*/\1/' <<<"$line")))
  failed=$((failed + $(sed -E 's/.* ([0-9]+) failed.*/\1/' <<<"$line")))
}
LOGS=test-results/logs; mkdir -p "$LOGS"

step "setup"
bash test/setup-machine.sh || { echo "setup failed"; exit 1; }
export ONNXRUNTIME_NODE_INSTALL=skip

step "build (esbuild), type-check and compile tests (tsc), lint (eslint)"
node esbuild.js || broken+=("build")
node_modules/.bin/tsc -p . || broken+=("typecheck")
node_modules/.bin/eslint --no-error-on-unmatched-pattern src test webview bench || broken+=("lint")
if [ ${#broken[@]} -gt 0 ]; then echo "tests: 0 passed, 1 failed"; echo "failed: ${broken[*]}"; exit 1; fi

step "unit tests"
npm run -s test:unit 2>&1 | tee "$LOGS/unit.log"; rc=${PIPESTATUS[0]}
count "$LOGS/unit.log"; [ "$rc" -eq 0 ] || broken+=("unit")

step "extension-host tests in a real VS Code"
node out/test/vscode/harness/runExtensionTests.js 2>&1 | tee "$LOGS/vscode.log"; rc=${PIPESTATUS[0]}
count "$LOGS/vscode.log"; [ "$rc" -eq 0 ] || { broken+=("extension-host"); grep -q failing "$LOGS/vscode.log" || failed=$((failed + 1)); }

step "UI end-to-end in a real VS Code"
node out/test/e2e/runE2e.js 2>&1 | tee "$LOGS/e2e.log"; rc=${PIPESTATUS[0]}
tally "$LOGS/e2e.log" e2e; [ "$rc" -eq 0 ] || broken+=("e2e")

step "package the VSIX and run what it ships"
bash test/package/smoke.sh 2>&1 | tee "$LOGS/package.log"; rc=${PIPESTATUS[0]}
tally "$LOGS/package.log" package; [ "$rc" -eq 0 ] || broken+=("package")

step "done in $(( $(date +%s) - T0 ))s"
[ ${#broken[@]} -eq 0 ] || echo "failed levels: ${broken[*]}"
echo "tests: $passed passed, $failed failed"
[ ${#broken[@]} -eq 0 ]
