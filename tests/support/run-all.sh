#!/usr/bin/env bash
# Runs every check and test of the project, in order, and keeps going past a failure so one run
# shows everything that is wrong. Ends with one line "N passed, N failed"; exits 1 if anything
# failed. Each step's full output is kept in target/test-logs/<step>.log.
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
# shellcheck source=tests/support/toolchain.sh
. "$ROOT/tests/support/toolchain.sh"

LOGS="$ROOT/target/test-logs"
# A run after a failed one starts clean: no old logs, no old build output.
rm -rf "$LOGS" "$ROOT/dist" "$ROOT/dist-single"
mkdir -p "$LOGS"

PASSED=0
FAILED=0
FAILED_STEPS=()

# Adds a step's counts: test runners' own totals where they print them, else 1 for the step.
count() {
  local name=$1 rc=$2 log=$3 p f
  p=$(grep -aoE '^test result: [a-zA-Z]+\. [0-9]+ passed' "$log" | awk '{s+=$4} END {print s+0}')
  f=$(grep -aoE '[0-9]+ failed;' "$log" | awk '{s+=$1} END {print s+0}')
  if grep -aqE '^ℹ (pass|fail) [0-9]+' "$log"; then
    p=$((p + $(grep -aE '^ℹ pass [0-9]+' "$log" | awk '{s+=$3} END {print s+0}')))
    f=$((f + $(grep -aE '^ℹ fail [0-9]+' "$log" | awk '{s+=$3} END {print s+0}')))
  fi
  if [ "$p" -eq 0 ] && [ "$f" -eq 0 ]; then
    if [ "$rc" -eq 0 ]; then p=1; else f=1; fi
  elif [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
    f=1 # the runner failed without counting a failed test (a build error, a crash)
  fi
  PASSED=$((PASSED + p))
  FAILED=$((FAILED + f))
  if [ "$rc" -ne 0 ] || [ "$f" -ne 0 ]; then FAILED_STEPS+=("$name"); fi
  printf '==> %s: %s passed, %s failed (log: %s)\n' "$name" "$p" "$f" "${log#"$ROOT"/}"
}

# step NAME CMD...: runs CMD, shows and logs its output, counts its results.
step() {
  local name=$1 log="$LOGS/$1.log"
  shift
  printf '\n==> %s: %s\n' "$name" "$*"
  "$@" 2>&1 | tee "$log"
  count "$name" "${PIPESTATUS[0]}" "$log"
}

finish() {
  printf '\n'
  [ ${#FAILED_STEPS[@]} -gt 0 ] && printf 'failed steps: %s\n' "${FAILED_STEPS[*]}"
  printf '%s passed, %s failed\n' "$PASSED" "$FAILED"
  [ "$FAILED" -eq 0 ]
  exit $?
}

printf '==> toolchain\n'
# First in a subshell, so that a missing tool that cannot be installed (die exits) still ends
# with the summary line; then again here, instantly, to set ROUTE, TOOL_PATH and CHROME.
if ! (ensure && ensure_browser && ensure_firefox && ensure_test_tools) 2>&1 | tee "$LOGS/toolchain.log"; then
  FAILED=1
  FAILED_STEPS+=(toolchain)
  finish
fi
ensure 2>/dev/null && ensure_browser && ensure_firefox && ensure_test_tools
log "route=$ROUTE chrome=$CHROME firefox=$FIREFOX"

step fmt cargo fmt --all -- --check
step code-shape node "$ROOT/tests/support/code-shape.mjs" "$ROOT/src"
step clippy cargo clippy --all-targets --features bench,web --locked -- -D warnings
step native-tests cargo test --locked
# --release shares the dependency build with the release site build just before it.
step release-build wasm_run trunk build --release --offline
step bundle-size node "$ROOT/tests/support/bundle.mjs" "$ROOT/dist"
step single-file python3 "$ROOT/tests/support/single-file.py" "$ROOT/dist" "$ROOT/dist-single/jwt-debugger.html"
BROWSER_TESTS=(cargo test --release --locked --target wasm32-unknown-unknown --test browser --test browser_engines --test browser_jwe --no-fail-fast)
step browser-tests wasm_run "${BROWSER_TESTS[@]}"
# The same tests in Firefox ESR: WebCrypto differs between browsers.
step browser-tests-firefox in_firefox wasm_run "${BROWSER_TESTS[@]}"
if [ -f "$ROOT/dist/index.html" ]; then
  # The command line the e2e tests drive next to the page: built by the native tests step.
  step e2e env DIST="$ROOT/dist" CLI="$ROOT/target/debug/jwt-debugger" node --test --test-concurrency=1 --test-reporter=spec "$ROOT/tests/e2e/"
else
  FAILED=$((FAILED + 1))
  FAILED_STEPS+=(e2e)
  printf '==> e2e: skipped, the release build produced no dist/index.html (1 failed)\n'
fi
finish
