#!/usr/bin/env bash
# Renders the print crate's sample PDFs (a ticket on A4 and on the wallet size, a badge sheet, a
# thermal badge and a door list page) into docs/screenshots/ as PNGs, for the README. Needs poppler-utils.
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
echo "wrote $shots/pdf-*.png"
