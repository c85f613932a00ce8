# Byline: `make run` opens the app, `make test` runs every test. Both install
# what is missing first (Debian packages, npm packages, tauri-driver).

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

# What building and testing the app needs from Debian. Tauri links WebKitGTK,
# so even `cargo test` of the app needs the -dev packages; the rest run the
# window without a display (Xvfb) and drive it (WebKitWebDriver); Chromium
# runs axe-core on exported pages.
APT_PACKAGES := build-essential pkg-config libwebkit2gtk-4.1-dev libssl-dev libxdo-dev \
	libayatana-appindicator3-dev librsvg2-dev webkit2gtk-driver xvfb xauth x11-utils imagemagick \
	python3-xlib chromium
TAURI_DRIVER_VERSION := 2.1.0
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APP := target/debug/byline-app

.PHONY: help
help:
	@echo "make run    build and open Byline on the default library"
	@echo "make test   install what is missing, then run every test tier"
	@echo "make icons  regenerate icons/*.png from icons/source.svg"
	@echo "make bench  measure the library at 100,000 articles; writes docs/BENCHMARKS.md"

# ---- installing what is missing ------------------------------------------

.PHONY: deps deps-apt deps-npm deps-driver deps-e2e deps-java
deps: deps-apt deps-npm deps-e2e deps-java

deps-apt:
	@missing=$$(for p in $(APT_PACKAGES); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages: $$missing"; \
	  $(SUDO) apt-get update -qq; \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

# npm ci only when the lock file changed since the last install.
deps-npm: ui/node_modules/.installed
ui/node_modules/.installed: ui/package-lock.json
	npm --prefix ui ci --no-audit --no-fund
	touch $@

# The exported-page checks: vnu-jar, axe-core, playwright-core. No install
# scripts: vnu-jar's would download a Java runtime, and Debian's is used.
deps-e2e: e2e/node_modules/.installed
e2e/node_modules/.installed: e2e/package-lock.json
	npm --prefix e2e ci --no-audit --no-fund --ignore-scripts
	touch $@

# The Nu HTML Checker is a Java program; any Java 11+ on the PATH will do.
deps-java:
	@command -v java >/dev/null || { $(SUDO) apt-get update -qq; DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends default-jre-headless; }

deps-driver:
	@command -v tauri-driver >/dev/null || cargo install tauri-driver --locked --version $(TAURI_DRIVER_VERSION)

# ---- building ---------------------------------------------------------------

.PHONY: ui app
ui: deps-npm
	npm --prefix ui run build

# The UI is compiled into the binary, so it is built first.
app: deps-apt ui
	cargo build -p byline-app

.PHONY: icons
icons: deps-npm
	cd ui && npx tauri icon ../icons/source.svg -o ../icons/.gen --png 32,128,256,512
	mv icons/.gen/32x32.png icons/.gen/128x128.png icons/
	mv icons/.gen/256x256.png icons/128x128@2x.png
	mv icons/.gen/512x512.png icons/icon.png
	rmdir icons/.gen

# ---- running ----------------------------------------------------------------

.PHONY: run
run: app
	@if [ -n "$${DISPLAY:-}$${WAYLAND_DISPLAY:-}" ]; then \
	  $(APP); \
	else \
	  echo "No display here: running Byline under Xvfb and saving target/screenshot.png"; \
	  scripts/run-headless.sh $(APP) target/screenshot.png; \
	fi

# ---- testing ----------------------------------------------------------------
# Cheap to dear: format and lints, core and CLI, the tauri-free check, the app's
# IPC tests, bindings drift, UI checks and tests, then the end-to-end journey.

.PHONY: test lint test-rust check-boundaries check-bindings test-ui test-e2e
test: deps deps-driver lint test-rust check-boundaries check-bindings test-ui test-e2e
	@echo "make test: every tier passed"

lint: ui
	cargo fmt --all --check
	cargo clippy --workspace --all-targets --locked -- -D warnings

# Also regenerates ui/src/ipc/bindings from src-tauri/src/dto.rs (ts-rs).
test-rust: ui
	cargo test --workspace --locked

# Invariants 1 and 3 of docs/ARCHITECTURE.md.
check-boundaries:
	@if cargo tree -p byline-core --edges normal,build --prefix none | grep -E '^tauri'; then \
	  echo "byline-core depends on tauri (above): the core must build without it"; exit 1; \
	fi
	@echo "byline-core: no tauri crate in its tree"
	@if grep -rlE "from ['\"]@tauri-apps/" ui/src | grep -v '^ui/src/ipc/'; then \
	  echo "only ui/src/ipc/ may import @tauri-apps/* (files above)"; exit 1; \
	fi
	@echo "ui: only src/ipc/ imports @tauri-apps"

check-bindings: test-rust
	@if ! git diff --quiet -- ui/src/ipc/bindings || [ -n "$$(git ls-files --others --exclude-standard ui/src/ipc/bindings)" ]; then \
	  git status --short ui/src/ipc/bindings; git diff -- ui/src/ipc/bindings; \
	  echo "ui/src/ipc/bindings drifted from src-tauri/src/dto.rs: commit the regenerated files"; exit 1; \
	fi
	@echo "ui/src/ipc/bindings match the Rust types"

test-ui: deps-npm
	npm --prefix ui run check
	npm --prefix ui test

test-e2e: app deps-driver deps-apt deps-e2e deps-java
	cargo build -p byline-cli
	xvfb-run -a -s "-screen 0 1280x800x24" node --test e2e/

# ---- benchmarks --------------------------------------------------------------

# Not part of `make test`: speed is reported, never asserted. ripgrep is the
# peer the search is measured against. BENCH_ARGS=--reuse keeps the seeded
# library in target/bench between runs.
.PHONY: bench
bench:
	@command -v rg >/dev/null || { $(SUDO) apt-get update -qq; DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq ripgrep; }
	cargo bench -p byline-core --bench library -- $(BENCH_ARGS)
