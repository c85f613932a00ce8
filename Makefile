# Byline: `make run` opens the app, `make test` runs every test. Both install
# what is missing first (Debian packages, npm packages, tauri-driver).

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

# What building and testing the app needs from Debian. Tauri links WebKitGTK,
# so even `cargo test` of the app needs the -dev packages; the rest run the
# window without a display (Xvfb) and drive it (WebKitWebDriver); Chromium
# runs axe-core on exported pages; desktop-file-validate checks the package's
# desktop entry; a session bus (dbus-daemon) carries the single-instance
# hand-over between two starts of the app; GNU time reports the peak memory
# of each hostile input in the memory-bounded tier (prlimit, from
# util-linux, limits it); exiftool reads exported photos in the
# source-protection tests.
APT_PACKAGES := build-essential pkg-config libwebkit2gtk-4.1-dev libssl-dev libxdo-dev \
	libayatana-appindicator3-dev librsvg2-dev webkit2gtk-driver xvfb xauth x11-utils imagemagick \
	python3-xlib chromium desktop-file-utils dbus-daemon time libimage-exiftool-perl
TAURI_DRIVER_VERSION := 2.1.0
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APP := target/debug/byline-app

.PHONY: help
help:
	@echo "make run    build and open Byline on the default library"
	@echo "make test   install what is missing, then run every test tier"
	@echo "make dist   build the installable package, target/release/bundle/deb/Byline_*.deb"
	@echo "make icons  regenerate icons/*.png from icons/source.svg"
	@echo "make bench  measure the library at 100,000 articles; writes docs/BENCHMARKS.md"
	@echo "make fuzz   run each fuzz target FUZZ_SECONDS (60) on seeds from samples/ and real packages"

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
	mv icons/.gen/256x256.png icons/
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
# IPC tests, bindings drift, UI checks and tests, the .deb, then the end-to-end journey.

.PHONY: test lint test-rust check-boundaries check-bindings test-ui test-e2e
test: deps deps-driver lint test-rust check-boundaries check-bindings test-ui test-dist test-e2e
	@echo "make test: every tier passed"

lint: ui
	cargo fmt --all --check
	cargo clippy --workspace --all-targets --locked -- -D warnings

# Also regenerates ui/src/ipc/bindings from src-tauri/src/dto/ (ts-rs).
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
	  echo "ui/src/ipc/bindings drifted from src-tauri/src/dto/: commit the regenerated files"; exit 1; \
	fi
	@echo "ui/src/ipc/bindings match the Rust types"

test-ui: deps-npm
	npm --prefix ui run check
	npm --prefix ui test

test-e2e: app deps-driver deps-apt deps-e2e deps-java
	cargo build -p byline-cli
	xvfb-run -a -s "-screen 0 1280x800x24" node --test e2e/

# ---- packaging --------------------------------------------------------------
# Tauri's bundler makes the .deb: the binary in /usr/bin, the desktop entry
# (src-tauri/linux/byline.desktop), the icons in the hicolor theme, and the
# control file from tauri.conf.json's `bundle` section. Only a .deb: an
# AppImage would need downloads. scripts/check-deb.sh installs the package
# into a scratch root and checks it.

TAURI := ui/node_modules/.bin/tauri

.PHONY: dist test-dist
dist: deps-apt ui
	$(TAURI) build --bundles deb --ci
	scripts/check-deb.sh target/release/bundle/deb

# The same package from the debug build `make app` made: `tauri build --debug`
# finds it fresh (no second build) and only bundles, in seconds. Not patched
# with the bundle type: that rewrites target/debug/byline-app in place, which
# E2E may be running at that moment.
test-dist: app deps-apt
	$(TAURI) build --debug --bundles deb --ci --no-binary-patching
	scripts/check-deb.sh target/debug/bundle/deb

# ---- benchmarks --------------------------------------------------------------

# Not part of `make test`: speed is reported, never asserted. One memory
# target is: the app's PSS after opening the library at most 1.25x WebKitGTK's
# own browser on an empty page, both measured in the same run
# (e2e/bench-startup.mjs); when it is missed the report is still written, and
# make bench ends with the verdict line and fails. The peers, run in the same
# pass: ripgrep for the search; pandoc and cmark-gfm for the HTML export;
# MiniBrowser on an empty page for the app's memory. BENCH_ARGS=--reuse keeps
# the synthetic library in target/bench between runs. Other benches leave
# Markdown sections in target/bench/extra-*.md, which the core bench (last)
# appends to docs/BENCHMARKS.md; old ones are removed first, so a figure of
# an earlier run is never reported as new.
# The app's start is measured on a release build (the UI embedded, as `app`).
BENCH_PEERS := rg:ripgrep pandoc:pandoc cmark-gfm:cmark-gfm

.PHONY: bench
bench: deps-apt deps-driver ui
	rm -f target/bench/extra-*.md target/bench/startup-verdict.txt
	@missing=$$(for p in $(BENCH_PEERS); do command -v $${p%%:*} >/dev/null || echo $${p#*:}; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing the benchmark's peers: $$missing"; \
	  $(SUDO) apt-get update -qq; \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi
	cargo build --release -p byline-cli -p byline-app
# Crash safety, the long run: the crash tests of `make test` in a release
# build, each child killed 200 times; the report is target/bench/extra-crash.md.
	BYLINE_CRASH_KILLS=200 BYLINE_CRASH_REPORT=target/bench/extra-crash.md \
	  cargo test --release --locked -p byline-core --test core -- crash::
	@startup=0; \
	xvfb-run -a -s "-screen 0 1280x800x24" node e2e/bench-startup.mjs $(BENCH_ARGS) || startup=$$?; \
	cargo bench -p byline-core --bench library -- $(BENCH_ARGS) || exit $$?; \
	if [ -f target/bench/startup-verdict.txt ]; then cat target/bench/startup-verdict.txt; fi; \
	if [ $$startup -ne 0 ]; then \
	  echo "make bench: FAILED: e2e/bench-startup.mjs exited $$startup (3: the memory target above was missed)"; \
	  exit $$startup; \
	fi

# ---- fuzzing -----------------------------------------------------------------

# Not part of `make test`: the cargo-fuzz targets in fuzz/ (render,
# front_matter, package, handoff, photo; FUZZ_TARGETS="photo" for some),
# FUZZ_SECONDS each (`make fuzz FUZZ_SECONDS=600`), on seed corpora built
# from samples/ and from packages a fresh library exports (fuzz/seeds.py),
# then a report.
# A crash leaves its input in fuzz/artifacts/TARGET/ and fails the run.
# docs/SECURITY.md, Fuzzing.
FUZZ_SECONDS ?= 60
.PHONY: fuzz
fuzz:
	@command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
	cargo build -p byline-cli
	python3 fuzz/seeds.py
	FUZZ_SECONDS=$(FUZZ_SECONDS) fuzz/run.sh $(FUZZ_TARGETS)
