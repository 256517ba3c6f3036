#!/usr/bin/env bash
# make bench: builds the release site (dist/) and the benchmark page (target/bench/site), then
# runs tests/bench/run.mjs in headless Chromium and then in Firefox ESR: a table on stdout for
# each, and target/bench/results-chromium.json and results-firefox.json.
# Extra arguments go to run.mjs (--quick: fewer runs, for a smoke test; BENCH_BROWSERS=chromium
# or =firefox runs one browser).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
# shellcheck source=tests/support/toolchain.sh
. "$ROOT/tests/support/toolchain.sh"
ensure
ensure_browser
ensure_firefox
wasm_run trunk build --release --offline
wasm_run trunk --config tests/bench/Trunk.toml build --release --offline
# The JavaScript peer the page is compared with (tests/bench/peer.mjs): panva's jose, pinned,
# from the registry, into target/ (not tests/node_modules: make test does not need it), and
# puppeteer-core, which drives Firefox ESR over WebDriver BiDi (tests/bench/firefox.mjs).
JOSE_VERSION=6.2.18
PUPPETEER_VERSION=24.43.1
PEER="$ROOT/target/bench/peer"
if ! grep -qs "\"version\": \"$JOSE_VERSION\"" "$PEER/node_modules/jose/package.json" ||
  ! grep -qs "\"version\": \"$PUPPETEER_VERSION\"" "$PEER/node_modules/puppeteer-core/package.json"; then
  mkdir -p "$PEER"
  echo '{ "private": true }' >"$PEER/package.json"
  npm install --prefix "$PEER" --no-save --no-audit --no-fund "jose@$JOSE_VERSION" "puppeteer-core@$PUPPETEER_VERSION"
fi
for browser in ${BENCH_BROWSERS:-chromium firefox}; do
  node tests/bench/run.mjs --browser "$browser" "$@"
done
