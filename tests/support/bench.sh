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
# The JavaScript peer the page is compared with (tests/bench/peer.mjs): panva's jose, pinned,
# from the registry, into target/ (not tests/node_modules: make test does not need it).
JOSE_VERSION=6.2.18
PEER="$ROOT/target/bench/peer"
if ! grep -qs "\"version\": \"$JOSE_VERSION\"" "$PEER/node_modules/jose/package.json"; then
  mkdir -p "$PEER"
  npm install --prefix "$PEER" --no-save --no-audit --no-fund "jose@$JOSE_VERSION"
fi
node tests/bench/run.mjs "$@"
