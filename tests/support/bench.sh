#!/usr/bin/env bash
# make bench: builds the release site (dist/) and the benchmark page (target/bench/site), then
# runs tests/bench/run.mjs in headless Chromium: a table on stdout, target/bench/results.json.
# Extra arguments go to run.mjs (--quick: fewer runs, for a smoke test).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
# shellcheck source=tests/support/toolchain.sh
. "$ROOT/tests/support/toolchain.sh"
ensure
ensure_browser
wasm_run trunk build --release --offline
wasm_run trunk --config tests/bench/Trunk.toml build --release --offline
node tests/bench/run.mjs "$@"
