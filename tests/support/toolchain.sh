#!/usr/bin/env bash
# Makes sure every tool that building and testing jwt-debugger needs is present, installing only
# what is missing, then runs a command with the environment those tools need.
#
#   tests/support/toolchain.sh ensure            install what is missing, print the route
#   tests/support/toolchain.sh wasm CMD ARGS...  run CMD (trunk, cargo ... --target wasm32-...) for wasm
#   tests/support/toolchain.sh env               print the environment a wasm build uses
#
# Two routes to the wasm32 standard library (JWT_WASM_ROUTE=rustup|debian forces one):
#   rustup  an ordinary developer machine: `rustup target add wasm32-unknown-unknown`. Nothing is
#           installed system-wide on this route.
#   debian  machines where rustup cannot download the target: Debian's rustc-web, cargo-web and
#           rust-web-src, with std for wasm32 built from source (cargo's build-std, through
#           RUSTC_BOOTSTRAP). Those builds must use Debian's cargo and rustc together (std sources
#           and compiler of one version), so they get their own target directory.
#
# Pinned tools (trunk, wasm-bindgen-cli) are installed once per user into $CACHE, not into
# ~/.cargo/bin, so a developer's own versions are left alone. Node tools (playwright-core,
# binaryen's wasm-opt) come from tests/package-lock.json. No step downloads a browser or a
# prebuilt binary: Chromium and Firefox ESR come from the system's package manager, geckodriver
# is built from crates.io.
#
# Sourced by run-all.sh for its functions; the shell options are set only when run as a command
# (below), so that sourcing does not turn on errexit in the caller.

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
CACHE=${JWT_DEBUGGER_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/jwt-debugger}
TRUNK_VERSION=0.21.14
DEBIAN_RUST_PACKAGES=(rustc-web cargo-web rust-web-src lld-22)

log() { printf '[toolchain] %s\n' "$*" >&2; }
die() {
  printf '[toolchain] error: %s\n' "$*" >&2
  exit 1
}

as_root() {
  if [ "$(id -u)" = 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    die "root is needed to run: $* (run it yourself, then re-run this command)"
  fi
}

# Installs the Debian packages among "$@" that are not installed yet.
apt_install() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  command -v apt-get >/dev/null 2>&1 ||
    die "missing: ${missing[*]}; install them with your system's package manager"
  log "installing Debian packages: ${missing[*]}"
  as_root apt-get update -qq || die "apt-get update failed"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2 ||
    die "could not install: ${missing[*]}"
}

# Which way this machine gets a wasm32 standard library: prints "rustup" or "debian".
wasm_route() {
  if [ -n "${JWT_WASM_ROUTE:-}" ]; then
    echo "$JWT_WASM_ROUTE"
    return
  fi
  if command -v rustup >/dev/null 2>&1; then
    if rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
      echo rustup
      return
    fi
    # Remember a failed download so that later runs do not wait for it again.
    if [ ! -e "$CACHE/rustup-target-unavailable" ]; then
      log "adding the wasm32-unknown-unknown target with rustup (waiting at most 90 s)"
      if timeout 90 rustup target add wasm32-unknown-unknown >&2; then
        echo rustup
        return
      fi
      mkdir -p "$CACHE"
      date -u >"$CACHE/rustup-target-unavailable"
      log "rustup could not download the target; using Debian's rustc-web and building std for wasm32"
    fi
  fi
  echo debian
}

wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' "$ROOT/Cargo.lock"
}

# Installs crate $1 at version $2 into $CACHE/tools/$1-$2 unless it is there already.
cargo_tool() {
  local crate=$1 version=$2 bin=$3 dir="$CACHE/tools/$1-$2"
  shift 3
  if [ ! -x "$dir/bin/$bin" ]; then
    log "installing $crate $version into $dir (a few minutes, once)"
    cargo install "$crate" --version "$version" --root "$dir" "$@" >&2 ||
      die "cargo install $crate $version failed"
  fi
  echo "$dir/bin"
}

# PATH entries for the pinned tools (after installing them if needed).
tool_path() {
  local trunk_bin wbg_bin
  trunk_bin=$(cargo_tool trunk "$TRUNK_VERSION" trunk --locked)
  # wasm-bindgen-cli's own lock file pins a yanked crate, so it is installed without --locked.
  wbg_bin=$(cargo_tool wasm-bindgen-cli "$(wasm_bindgen_version)" wasm-bindgen)
  echo "$trunk_bin:$wbg_bin:$ROOT/tests/node_modules/.bin"
}

ensure_node_modules() {
  command -v node >/dev/null 2>&1 || apt_install nodejs npm
  local stamp="$ROOT/tests/node_modules/.package-lock.json"
  if [ ! -e "$stamp" ] || [ "$ROOT/tests/package-lock.json" -nt "$stamp" ]; then
    log "installing node packages for the tests (npm ci)"
    (cd "$ROOT/tests" && npm ci --no-audit --no-fund >&2) || die "npm ci in tests/ failed"
  fi
}

ensure_browser() {
  if [ -z "${CHROME:-}" ]; then
    local c
    for c in chromium chromium-browser google-chrome; do
      if command -v "$c" >/dev/null 2>&1; then
        CHROME=$(command -v "$c")
        break
      fi
    done
  fi
  if [ -z "${CHROME:-}" ] || ! command -v chromedriver >/dev/null 2>&1; then
    apt_install chromium chromium-driver
    CHROME=${CHROME:-/usr/bin/chromium}
  fi
  export CHROME
  CHROMEDRIVER=${CHROMEDRIVER:-$(command -v chromedriver)}
  export CHROMEDRIVER
  # Browser tests: wasm-bindgen-test-runner drives Chromium through chromedriver ($CHROMEDRIVER),
  # with the capabilities in webdriver.json (the binary, and flags for a machine without network).
  export WASM_BINDGEN_TEST_WEBDRIVER_JSON="$ROOT/target/webdriver.json"
  mkdir -p "$ROOT/target"
  sed "s|@CHROME@|$CHROME|" "$ROOT/tests/support/webdriver.json.in" >"$WASM_BINDGEN_TEST_WEBDRIVER_JSON"
}

# Firefox ESR for the second run of the browser tests and of make bench: Debian's firefox-esr
# (or $FIREFOX), and geckodriver, pinned, from crates.io into $CACHE like trunk. Sets FIREFOX,
# GECKODRIVER and FIREFOX_WEBDRIVER_JSON (the capabilities wasm-bindgen-test-runner sends).
GECKODRIVER_VERSION=0.37.1
ensure_firefox() {
  if [ -z "${FIREFOX:-}" ]; then
    local c
    for c in firefox-esr firefox; do
      if command -v "$c" >/dev/null 2>&1; then
        FIREFOX=$(command -v "$c")
        break
      fi
    done
  fi
  if [ -z "${FIREFOX:-}" ]; then
    apt_install firefox-esr
    FIREFOX=/usr/bin/firefox-esr
  fi
  export FIREFOX
  local gecko_bin
  gecko_bin=$(cargo_tool geckodriver "$GECKODRIVER_VERSION" geckodriver --locked) || return 1
  GECKODRIVER_BIN="$gecko_bin/geckodriver"
  FIREFOX_WEBDRIVER_JSON="$ROOT/target/webdriver-firefox.json"
  mkdir -p "$ROOT/target"
  sed "s|@FIREFOX@|$FIREFOX|" "$ROOT/tests/support/webdriver-firefox.json.in" >"$FIREFOX_WEBDRIVER_JSON"
}

# Runs "$@" (a wasm-bindgen-test run) in Firefox instead of Chromium: the runner takes
# GECKODRIVER before CHROMEDRIVER.
in_firefox() {
  GECKODRIVER="$GECKODRIVER_BIN" WASM_BINDGEN_TEST_WEBDRIVER_JSON="$FIREFOX_WEBDRIVER_JSON" "$@"
}

# The command-line tools the tests compare against: openssl, jq for the shell-script token, and
# the Python judges (PyJWT for the policy table, sd-jwt for SD-JWT).
ensure_test_tools() {
  command -v openssl >/dev/null 2>&1 || apt_install openssl
  command -v jq >/dev/null 2>&1 || apt_install jq
  ensure_pyjwt
}

# The Python libraries the tests judge us with, pinned, from PyPI, into $CACHE/python, never
# into the system's Python: PyJWT (tests/policy_table.rs runs the exported policy code with it;
# the other judge there is jose, from tests/package-lock.json) and sd-jwt, the SD-JWT reference
# implementation (tests/sdjwt_interop.rs). The tests find them there through PYTHONPATH. Their
# dependencies (cryptography, jwcrypto) come along into the same directory.
PYJWT_VERSION=2.10.1
SD_JWT_VERSION=0.10.4
ensure_pyjwt() {
  local dir="$CACHE/python"
  command -v python3 >/dev/null 2>&1 || apt_install python3
  [ -d "$dir/PyJWT-$PYJWT_VERSION.dist-info" ] && [ -d "$dir/sd_jwt-$SD_JWT_VERSION.dist-info" ] && return 0
  python3 -m pip --version >/dev/null 2>&1 || apt_install python3-pip
  local packages=("pyjwt[crypto]==$PYJWT_VERSION" "sd-jwt==$SD_JWT_VERSION")
  log "installing ${packages[*]} into $dir (pip, once)"
  # --target installs beside the system's packages, so no virtual environment is needed (and
  # pip's externally-managed guard does not apply); --upgrade replaces other versions.
  PIP_ROOT_USER_ACTION=ignore python3 -m pip install --quiet --disable-pip-version-check \
    --upgrade --target "$dir" \
    "${packages[@]}" >&2 || die "pip install ${packages[*]} failed"
}

# Installs what building needs; sets ROUTE and TOOL_PATH for wasm_run. (The test runner also
# calls ensure_browser and ensure_test_tools.)
ensure() {
  ROUTE=$(wasm_route)
  case "$ROUTE" in
  rustup) ;;
  debian) apt_install "${DEBIAN_RUST_PACKAGES[@]}" ;;
  *) die "unknown JWT_WASM_ROUTE '$ROUTE' (use rustup or debian)" ;;
  esac
  ensure_node_modules || return 1
  TOOL_PATH=$(tool_path) || return 1
}

# Runs "$@" with the environment of a wasm32 build on this machine's route.
wasm_run() {
  export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
  if [ "$ROUTE" = debian ]; then
    # Debian's rustc has no rust-lld: link wasm with lld's wasm-ld from lld-22.
    PATH="$TOOL_PATH:/usr/bin:$PATH" RUSTC_BOOTSTRAP=1 CARGO_UNSTABLE_BUILD_STD=std,panic_abort \
      CARGO_TARGET_DIR="$ROOT/target/debian-wasm" RUSTC=/usr/bin/rustc CARGO=/usr/bin/cargo \
      CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=wasm-ld-22 "$@"
  else
    PATH="$TOOL_PATH:$PATH" "$@"
  fi
}

main() {
  local cmd=${1:-ensure}
  shift || true
  ensure
  case "$cmd" in
  ensure) log "ready: route=$ROUTE" ;;
  wasm) wasm_run "$@" ;;
  env) wasm_run env | grep -E '^(PATH|RUSTC|CARGO|CHROME)' ;;
  *) die "unknown command '$cmd' (ensure, wasm, env)" ;;
  esac
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  main "$@"
fi
