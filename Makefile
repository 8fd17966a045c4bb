# The two commands a newcomer needs: `make run` and `make test`. See README.md.

CARGO ?= cargo
TARGET_DIR := $(or $(CARGO_TARGET_DIR),target)
CLI := $(TARGET_DIR)/debug/eventos-cli
DEMO_DB := .demo/eventos.db

.PHONY: run test bench fixture deps

## Build the CLI, write a fresh demo replica, print its tables and today's event's stats.
run: deps
	$(CARGO) build -p eventos-cli
	@mkdir -p $(dir $(DEMO_DB)) && rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	@slug=$$($(CLI) --db $(DEMO_DB) demo | tee /dev/stderr | sed -n 's/.*Live today: //p'); \
	  echo; $(CLI) --db $(DEMO_DB) tables; \
	  echo; $(CLI) --db $(DEMO_DB) stats "$$slug"

## Install what is missing, then run every test (and the format and lint checks).
test:
	scripts/install-deps.sh test
	$(CARGO) fmt --all --check
	$(CARGO) clippy --workspace --all-targets --locked -- -D warnings
	CARGO="$(CARGO)" scripts/run-tests.sh

## Benchmarks (not tests): figures go in docs/PERFORMANCE.md.
bench: deps
	$(CARGO) bench -p eventos-demo --bench replica

## The 100k-attendee benchmark fixture, timed (bar: 10 s).
fixture: deps
	$(CARGO) build --release -p eventos-cli
	@rm -f /tmp/eventos-fixture.db*
	time $(TARGET_DIR)/release/eventos-cli --db /tmp/eventos-fixture.db demo --attendees 100000

deps:
	@scripts/install-deps.sh build
