#!/usr/bin/env bash
# Trunk post_build hook (Trunk.toml), release builds only:
#  1. a Content Security Policy in index.html. Trunk writes the wasm loader as an inline
#     <script type="module">; the policy allows exactly that script by its SHA-256 and nothing
#     else inline. Everything else must come from the page's own origin: no external fonts,
#     scripts, images or analytics, and no connections elsewhere.
#  2. sw.js, the service worker, from src/web/sw.js: it precaches exactly this build's files,
#     under a cache name derived from their contents, so a new build replaces the cache.
# Debug builds (trunk serve) are left alone: its live-reload script and websocket need more,
# and a service worker would serve stale files while developing.
set -euo pipefail
[ "${TRUNK_PROFILE:-}" = release ] || exit 0
python3 - "$TRUNK_STAGING_DIR" "${TRUNK_SOURCE_DIR:-.}/src/web/sw.js" <<'PY'
import base64, hashlib, json, os, re, sys

staging, sw_template = sys.argv[1], sys.argv[2]
index = os.path.join(staging, "index.html")
html = open(index, encoding="utf-8").read()

inline = [s for s in re.findall(r"<script\b[^>]*>(.*?)</script>", html, flags=re.S) if s.strip()]
hashes = " ".join(
    "'sha256-%s'" % base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode() for s in inline
)
policy = "; ".join([
    "default-src 'self'",
    f"script-src 'self' 'wasm-unsafe-eval' {hashes}".strip(),
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
])
if "Content-Security-Policy" in html:
    sys.exit("index.html already has a Content-Security-Policy")
# The policy must precede everything it governs: first in <head>.
html = html.replace("<head>", f'<head>\n    <meta http-equiv="Content-Security-Policy" content="{policy}" />', 1)
open(index, "w", encoding="utf-8").write(html)

files = sorted(
    os.path.relpath(os.path.join(d, f), staging)
    for d, _, names in os.walk(staging)
    for f in names
    if f != "sw.js"
)
digest = hashlib.sha256()
for f in files:
    digest.update(f.encode())
    digest.update(open(os.path.join(staging, f), "rb").read())
urls = ["./"] + [f"./{f}" for f in files]
sw = open(sw_template, encoding="utf-8").read()
sw = sw.replace("'@CACHE_NAME@'", json.dumps("jwt-debugger-" + digest.hexdigest()[:16]))
sw = sw.replace("@FILES@", json.dumps(urls))
open(os.path.join(staging, "sw.js"), "w", encoding="utf-8").write(sw)
PY
