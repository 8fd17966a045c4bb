#!/usr/bin/env bash
# Runs the workspace's tests and ends with one total line ("N passed, M failed"), since cargo's
# own last line belongs to whichever test binary ran last (often an empty doc-test run).
set -uo pipefail
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
"${CARGO:-cargo}" test --workspace --locked "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
sum() { grep -Eo "[0-9]+ $1" "$log" | awk '{ s += $1 } END { print s + 0 }'; }
echo
echo "$(sum passed) passed, $(sum failed) failed"
exit "$status"
