#!/usr/bin/env python3
"""Makes the single-file build: dist/ (a release build) inlined into one HTML file that works
when opened from disk (file://), for air-gapped machines.

    single-file.py DIST OUT.html

Inlined: the stylesheet, the wasm-bindgen glue, the wasm (base64), and the key generation
worker (its glue and wasm, started from a blob: URL). Dropped: the service worker, the manifest
and preload links (nothing to fetch). The Content Security Policy is rebuilt for the file:
every inline script and style is allowed by its SHA-256, workers only from blob:, and no
connections at all.
"""
import base64
import hashlib
import os
import re
import sys


def sha256(text: str) -> str:
    return "'sha256-%s'" % base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()


def main(dist: str, out: str) -> None:
    html = open(os.path.join(dist, "index.html"), encoding="utf-8").read()
    read = lambda name, mode="r": open(os.path.join(dist, name), mode, **({} if "b" in mode else {"encoding": "utf-8"})).read()

    loader = re.search(r"<script type=\"module\">(.*?)</script>", html, flags=re.S)
    glue_name = re.search(r"from '\./([^']+\.js)'", loader.group(1)).group(1)
    wasm_name = re.search(r"module_or_path: '\./([^']+\.wasm)'", loader.group(1)).group(1)
    css_name = re.search(r'<link rel="stylesheet" href="\./([^"]+)"[^>]*>', html).group(1)

    # The key generation worker: its no-modules glue defines `wasm_bindgen`; start it on the
    # inlined bytes. Kept as a string until the page makes a blob: URL of it.
    worker_source = read("keygen.js") + "\nwasm_bindgen({ module_or_path: Uint8Array.from(atob(%r), (c) => c.charCodeAt(0)) });\n" % (
        base64.b64encode(read("keygen_bg.wasm", "rb")).decode()
    )
    # The page's ES module glue, made a plain script body: its exports are not imported by anyone.
    glue = read(glue_name)
    glue = re.sub(r"^export default __wbg_init;\s*$", "", glue, flags=re.M)
    glue = re.sub(r"^export \{[^}]*\};\s*$", "", glue, flags=re.M)
    glue = re.sub(r"^export (function|class|const|let|async function)", r"\1", glue, flags=re.M)
    main_script = (
        "window.jwtKeygenWorkerUrl = URL.createObjectURL(new Blob([%s], { type: 'text/javascript' }));\n" % repr_js(worker_source)
        + glue
        + "\nawait __wbg_init({ module_or_path: Uint8Array.from(atob('%s'), (c) => c.charCodeAt(0)) });\n"
        % base64.b64encode(read(wasm_name, "rb")).decode()
    )
    style = read(css_name)

    html = html.replace(loader.group(0), "<script type=\"module\">%s</script>" % main_script)
    html = re.sub(r'<link rel="stylesheet" href="\./[^"]+"[^>]*>', lambda _: "<style>%s</style>" % style, html)
    html = re.sub(r'<link rel="(modulepreload|preload|manifest)"[^>]*>', "", html)
    icon = base64.b64encode(read("icon.svg", "rb")).decode()
    html = re.sub(r'<link rel="icon" href="icon.svg"', '<link rel="icon" href="data:image/svg+xml;base64,%s"' % icon, html)
    policy = "; ".join([
        "default-src 'none'",
        "script-src 'wasm-unsafe-eval' %s" % sha256(main_script),
        "style-src %s" % sha256(style),
        "img-src data:",
        "worker-src blob:",
        "connect-src 'none'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'none'",
    ])
    html, replaced = re.subn(r'<meta http-equiv="Content-Security-Policy" content="[^"]*" />',
                             lambda _: '<meta http-equiv="Content-Security-Policy" content="%s" />' % policy, html)
    # The policy is the file's promise (no connections at all): without it, no file. A dist/
    # without one (a debug build, a changed post-build.sh or meta tag) must not pass silently.
    if replaced != 1:
        if os.path.exists(out):
            os.remove(out)  # an earlier build's file must not pass for this one
        sys.exit("single-file.py: %s/index.html has %d Content-Security-Policy <meta> tags, expected 1 "
                 "(is it a release build?); %s not written" % (dist, replaced, out))
    os.makedirs(os.path.dirname(out) or ".", exist_ok=True)
    open(out, "w", encoding="utf-8").write(html)
    print("%s: %d bytes, sha256 %s" % (out, len(html.encode("utf-8")), hashlib.sha256(html.encode("utf-8")).hexdigest()))


def repr_js(text: str) -> str:
    """A JavaScript string literal for `text` (JSON's escaping is valid JavaScript)."""
    import json
    return json.dumps(text).replace("</", "<\\/")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
