#!/usr/bin/env bash
# Trunk post_build hook (Trunk.toml): adds a Content Security Policy to the release index.html.
# Trunk writes the wasm loader as an inline <script type="module">; the policy allows exactly
# that script by its SHA-256 and nothing else inline. Everything else must come from the page's
# own origin: no external fonts, scripts, images or analytics, and no connections elsewhere.
# Debug builds (trunk serve) are left alone: its live-reload script and websocket need more.
set -euo pipefail
[ "${TRUNK_PROFILE:-}" = release ] || exit 0
html="$TRUNK_STAGING_DIR/index.html"
python3 - "$html" <<'PY'
import base64, hashlib, re, sys
path = sys.argv[1]
html = open(path, encoding="utf-8").read()
scripts = re.findall(r"<script\b[^>]*>(.*?)</script>", html, flags=re.S)
inline = [s for s in scripts if s.strip()]
hashes = " ".join(
    "'sha256-%s'" % base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode()
    for s in inline
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
meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}" />'
if "Content-Security-Policy" in html:
    sys.exit("index.html already has a Content-Security-Policy")
# The policy must come before anything it governs: put it first in <head>.
html = html.replace("<head>", "<head>\n    " + meta, 1)
open(path, "w", encoding="utf-8").write(html)
PY
