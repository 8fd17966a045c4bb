# The two commands a newcomer needs: `make run` and `make test`. See README.md.

CARGO ?= cargo
TARGET_DIR := $(or $(CARGO_TARGET_DIR),target)
CLI := $(TARGET_DIR)/debug/eventos-cli
APP := $(TARGET_DIR)/debug/eventos
DEMO_DIR := .demo

.PHONY: run test ui app bench bench-start bench-sync bench-scan fixture screenshots deps

## Build the UI and the app, then open the app on a demo workspace (.demo/, made afresh each
## day so that its "live today" event is today).
run: deps app
	$(CARGO) build --locked -p eventos-cli
	@today=$$(date +%F); if [ "$$(cat $(DEMO_DIR)/day 2>/dev/null)" != "$$today" ]; then \
	  rm -rf $(DEMO_DIR) && mkdir -p $(DEMO_DIR) && \
	  $(CLI) --db $(DEMO_DIR)/eventos.db demo --today "$$today" && echo "$$today" > $(DEMO_DIR)/day; fi
	$(APP) --data-dir $(DEMO_DIR)

## Install what is missing, then run every test (the end-to-end ones drive the built app)
## and the format, lint and type checks.
test:
	scripts/install-deps.sh test
	$(MAKE) app
	$(CARGO) fmt --all --check
	$(CARGO) clippy --workspace --all-targets --locked -- -D warnings
	cd ui && npm run --silent check
	$(CARGO) build --locked -p eventos-supabase-emulator --bin supabase-emulator  # the sync end-to-end test runs it
	CARGO="$(CARGO)" scripts/run-tests.sh

## The desktop app with the current UI embedded (debug build).
app: ui
	$(CARGO) build --locked -p eventos-desktop

ui: ui/node_modules/.package-lock.json
	cd ui && npm run --silent build

ui/node_modules/.package-lock.json: ui/package-lock.json
	cd ui && npm ci --no-audit --no-fund --loglevel=error

## Refresh docs/screenshots/*.png from the end-to-end run.
screenshots: app
	scripts/install-deps.sh test
	EVENTOS_SCREENSHOTS=$(CURDIR)/docs/screenshots $(CARGO) test -p eventos-e2e

## Benchmarks (not tests): figures go in docs/PERFORMANCE.md.
bench: deps
	$(CARGO) bench -p eventos-demo --bench replica

## Cold start to the first rendered screen, release build (bar: 1.5 s).
bench-start: ui
	$(CARGO) build --release -p eventos-desktop -p eventos-cli --features eventos-desktop/custom-protocol
	EVENTOS_BIN=$(abspath $(TARGET_DIR))/release/eventos $(CARGO) bench -p eventos-e2e --bench cold_start

## Server-side sync on the Supabase-like Postgres: pull_changes over 300k rows, push_changes of 10k.
bench-sync:
	scripts/install-deps.sh test
	$(CARGO) bench -p eventos-server-tests --bench sync --bench client_sync

## The QR decoders side by side over crates/scan/samples (bars: ≥ 90 % read, ≤ 5 ms a 720p frame).
bench-scan:
	$(CARGO) bench -p eventos-scan --bench decoders

## The 100k-attendee benchmark fixture, timed (bar: 10 s).
fixture: deps
	$(CARGO) build --release -p eventos-cli
	@rm -f /tmp/eventos-fixture.db*
	time $(TARGET_DIR)/release/eventos-cli --db /tmp/eventos-fixture.db demo --attendees 100000

deps:
	@scripts/install-deps.sh build
