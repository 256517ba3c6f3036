#!/usr/bin/env bash
# Trunk post_build hook (Trunk.toml), release builds only:
#  1. a Content Security Policy in index.html. Trunk writes the wasm loader as an inline
#     <script type="module">; the policy allows exactly that script by its SHA-256 and nothing
#     else inline. Everything else must come from the page's own origin: no external fonts,
#     scripts, images or analytics, and no connections elsewhere.
#  2. sw.js, the service worker, from src/web/sw.js: it precaches exactly this build's files,
#     under a cache name derived from their contents, so a new build replaces the cache. Each
#     file comes with its subresource integrity (SHA-384 of its final bytes, index.html's after
#     the policy above is in it): the worker installs only if every file it fetches is this
#     build's, so an old index.html (from an HTTP cache or a CDN) never lands beside new files.
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
sw = open(sw_template, encoding="utf-8").read()
# The cache name covers the worker's own code too: two different workers never share a cache, so
# one that fails to install (and deletes what it wrote) never touches the active worker's cache.
digest = hashlib.sha256(sw.encode("utf-8"))
integrity = {}
for f in files:
    body = open(os.path.join(staging, f), "rb").read()
    digest.update(f.encode())
    digest.update(body)
    integrity[f"./{f}"] = "sha384-" + base64.b64encode(hashlib.sha384(body).digest()).decode()
# "./" is how the page is navigated to (and what the worker serves for navigations): index.html.
integrity = {"./": integrity["./index.html"], **integrity}
for placeholder in ("'@CACHE_NAME@'", "@FILES@"):
    if placeholder not in sw:
        sys.exit(f"{sw_template}: no {placeholder} placeholder")
sw = sw.replace("'@CACHE_NAME@'", json.dumps("jwt-debugger-" + digest.hexdigest()[:16]))
sw = sw.replace("@FILES@", json.dumps(integrity, indent=2))
open(os.path.join(staging, "sw.js"), "w", encoding="utf-8").write(sw)
PY
