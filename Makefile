# The two commands a newcomer needs: `make run` and `make test`. See README.md.

CARGO ?= cargo
TARGET_DIR := $(or $(CARGO_TARGET_DIR),target)
CLI := $(TARGET_DIR)/debug/eventos-cli
APP := $(TARGET_DIR)/debug/eventos
DEMO_DIR := .demo

.PHONY: run test ui app bench bench-start bench-board bench-checkin bench-sync bench-scan bench-doors fixture screenshots deps

## Build the UI and the app, then open the app on a demo workspace (.demo/, made afresh each
## day so that its "live today" event is today).
## Its live event's tickets are drawn into .demo/tickets; copying one into .demo/camera shows it
## to the Check-in screen's camera (a folder stands in for the webcam: EVENTOS_CAMERA).
run: deps app
	$(CARGO) build --locked -p eventos-cli
	@today=$$(date +%F); if [ "$$(cat $(DEMO_DIR)/day 2>/dev/null)" != "$$today" ]; then \
	  rm -rf $(DEMO_DIR) && mkdir -p $(DEMO_DIR)/camera && \
	  live=$$($(CLI) --db $(DEMO_DIR)/eventos.db demo --today "$$today" | tee /dev/stderr | sed -n 's/.*Live today: //p') && \
	  $(CLI) --db $(DEMO_DIR)/eventos.db tickets "$$live" --out $(DEMO_DIR)/tickets --limit 20 >/dev/null && \
	  echo "$$today" > $(DEMO_DIR)/day; fi
	EVENTOS_CAMERA=dir:$(abspath $(DEMO_DIR))/camera $(APP) --data-dir $(DEMO_DIR)

## Install what is missing, then run every test (the end-to-end ones drive the built app)
## and the format, lint and type checks.
test:
	scripts/install-deps.sh test
	$(MAKE) app
	$(MAKE) tests/webapp/node_modules/.package-lock.json  # the web app's supabase-js client (tests/server/tests/webapp.rs)
	$(CARGO) fmt --all --check
	$(CARGO) clippy --workspace --all-targets --locked -- -D warnings
	cd ui && npm run --silent check
	$(CARGO) build --locked -p eventos-supabase-emulator --bin supabase-emulator  # the sync end-to-end test runs it
	$(CARGO) build --locked -p eventos-cli  # the check-in end-to-end test runs a headless door beside the window
	CARGO="$(CARGO)" scripts/run-tests.sh

## The desktop app with the current UI embedded (debug build).
app: ui
	$(CARGO) build --locked -p eventos-desktop

ui: ui/node_modules/.package-lock.json
	cd ui && npm run --silent build

ui/node_modules/.package-lock.json: ui/package-lock.json
	cd ui && npm ci --no-audit --no-fund --loglevel=error

tests/webapp/node_modules/.package-lock.json: tests/webapp/package-lock.json
	cd tests/webapp && npm ci --no-audit --no-fund --loglevel=error

## Refresh docs/screenshots/*.png from the end-to-end run, and the sample PDFs' pages.
screenshots: app
	scripts/install-deps.sh test
	EVENTOS_SCREENSHOTS=$(CURDIR)/docs/screenshots $(CARGO) test -p eventos-e2e
	CARGO="$(CARGO)" scripts/pdf-pictures.sh

## Benchmarks (not tests): figures go in docs/PERFORMANCE.md.
bench: deps
	$(CARGO) bench -p eventos-demo --bench replica

## Cold start to the first rendered screen, release build (bar: 1.5 s).
bench-start: ui
	$(CARGO) build --release -p eventos-desktop -p eventos-cli --features eventos-desktop/custom-protocol
	EVENTOS_BIN=$(abspath $(TARGET_DIR))/release/eventos $(CARGO) bench -p eventos-e2e --bench cold_start

## Scan → verdict on screen (bar: 100 ms p95) and the preview's frame rate (bar: 15 fps), in the
## real window with a folder for a camera, release build.
bench-checkin: ui
	scripts/install-deps.sh test
	$(CARGO) build --release -p eventos-desktop --features eventos-desktop/custom-protocol
	EVENTOS_BIN=$(abspath $(TARGET_DIR))/release/eventos $(CARGO) bench -p eventos-e2e --bench scan_to_verdict

## The pipeline board with 5,000 deals in the real window, release build (bar: 200 ms to render).
bench-board: ui
	scripts/install-deps.sh test
	$(CARGO) build --release -p eventos-desktop -p eventos-cli --features eventos-desktop/custom-protocol
	EVENTOS_BIN=$(abspath $(TARGET_DIR))/release/eventos $(CARGO) bench -p eventos-e2e --bench board

## Server-side sync on the Supabase-like Postgres: pull_changes over 300k rows, push_changes of 10k.
bench-sync:
	scripts/install-deps.sh test
	$(CARGO) bench -p eventos-server-tests --bench sync --bench client_sync

## The QR decoders side by side over crates/scan/samples (bars: ≥ 90 % read, ≤ 5 ms a 720p frame),
## then the door on 100k attendees: check-in p99 ≤ 2 ms, search p95 ≤ 20 ms, scan → verdict.
bench-scan:
	$(CARGO) bench -p eventos-scan --bench decoders
	$(CARGO) bench -p eventos-app --bench door

## Doors on the local network: a check-in reaching the other door (bar: 500 ms p95), an idle
## exchange's CPU, a door catching up 10,000 check-ins it missed.
bench-doors:
	$(CARGO) bench -p eventos-app --bench doors

## The 100k-attendee benchmark fixture, timed (bar: 10 s).
fixture: deps
	$(CARGO) build --release -p eventos-cli
	@rm -f /tmp/eventos-fixture.db*
	time $(TARGET_DIR)/release/eventos-cli --db /tmp/eventos-fixture.db demo --attendees 100000

deps:
	@scripts/install-deps.sh build
