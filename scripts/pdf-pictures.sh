#!/usr/bin/env bash
# Renders the print crate's sample PDFs (a ticket on A4 and on the wallet size, a badge sheet, a
# thermal badge, a door list page) and a demo's pipeline and event reports into docs/screenshots/ as PNGs, for the README. Needs poppler-utils.
set -euo pipefail
cd "$(dirname "$0")/.."
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
"${CARGO:-cargo}" run -q -p eventos-print --example samples -- "$out"
shots=docs/screenshots
pdftoppm -r 60 -png -singlefile "$out/ticket-a4.pdf" "$shots/pdf-ticket-a4"
pdftoppm -r 90 -png -singlefile "$out/ticket-wallet.pdf" "$shots/pdf-ticket-wallet"
pdftoppm -r 60 -png -singlefile "$out/badges-a4-2x5-90x54.pdf" "$shots/pdf-badges-a4"
pdftoppm -r 90 -png -singlefile "$out/badges-thermal-4x3in.pdf" "$shots/pdf-badge-thermal"
pdftoppm -r 60 -png -singlefile "$out/door-list.pdf" "$shots/pdf-door-list"
# The pipeline report of a demo workspace, through the command line.
said=$("${CARGO:-cargo}" run -q -p eventos-cli -- --db "$out/eventos.db" demo --attendees 200 --today 2026-11-22 2>/dev/null)
"${CARGO:-cargo}" run -q -p eventos-cli -- --db "$out/eventos.db" pdf pipeline --out "$out/pipeline.pdf" --paper a4 >/dev/null
pdftoppm -r 60 -png -singlefile "$out/pipeline.pdf" "$shots/pdf-pipeline"
slug=${said##*Live today: }  # the demo's live event
"${CARGO:-cargo}" run -q -p eventos-cli -- --db "$out/eventos.db" pdf report "$slug" --out "$out/report.pdf" --paper a4 >/dev/null
pdftoppm -r 60 -png -f 1 -l 1 -singlefile "$out/report.pdf" "$shots/pdf-event-report"
echo "wrote $shots/pdf-*.png"
