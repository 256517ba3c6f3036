# jwt-debugger. The two commands of the README:
#   make serve   install what is missing, build, and serve the app at http://127.0.0.1:8080
#   make test    install what is missing, then run every check and test ("N passed, N failed")
# Tool installation and the wasm toolchain route live in tests/support/toolchain.sh.

TOOLCHAIN := tests/support/toolchain.sh

.PHONY: serve test build single bench setup clean

serve:
	@$(TOOLCHAIN) wasm trunk serve --offline --address 127.0.0.1 --port 8080

test:
	@tests/support/run-all.sh

# Release build into dist/: wasm-opt, hashed file names, subresource integrity, relative URLs.
build:
	@$(TOOLCHAIN) wasm trunk build --release --offline

# One self-contained HTML file for air-gapped machines (works from file://); prints its SHA-256.
single: build
	@python3 tests/support/single-file.py dist dist-single/jwt-debugger.html

# Benchmarks in headless Chromium and Firefox ESR (the engine against WebCrypto and jose, load,
# typing, key generation):
# prints a table per browser and writes target/bench/results-<browser>.json. Native ones:
# cargo bench --bench core.
bench:
	@tests/support/bench.sh

setup:
	@$(TOOLCHAIN) ensure

clean:
	rm -rf dist dist-single target
