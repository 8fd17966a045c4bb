#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages the build and the tests need, when they are missing.
# Usage: scripts/install-deps.sh [build|test]   (test = build + what the test suite uses)
# Safe to run again: it only installs what `dpkg -s` does not find.
set -euo pipefail

purpose="${1:-build}"

install_packages() {
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "error: missing packages ($*) and no apt-get here; see README.md for other platforms." >&2
    exit 1
  fi
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "Installing: $*"
  # The image's apt hook deletes downloaded .debs mid-install; give apt its own archive folder.
  local archives="${TMPDIR:-/tmp}/eventos-apt-archives"
  mkdir -p "$archives/partial"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
    -o Dir::Cache::Archives="$archives" "$@" >/dev/null
}
# A C compiler for the bundled SQLite; WebKitGTK and friends for the Tauri shell.
# libdbus-1-dev: the keyring crate talks to the Secret Service (the Linux keychain) over D-Bus.
# cmake: the zxing-cpp QR decoder (C++, built from the crate's bundled source).
# libclang-dev: bindgen, for the webcam's Video4Linux bindings (nokhwa).
packages=(build-essential pkg-config curl file libwebkit2gtk-4.1-dev libssl-dev libxdo-dev
          libayatana-appindicator3-dev librsvg2-dev libdbus-1-dev cmake libclang-dev)
if [ "$purpose" = "test" ]; then
  packages+=(xvfb xauth webkit2gtk-driver procps)  # the end-to-end tests drive the real window
  packages+=(postgresql)                       # server-side tests run on a real PostgreSQL
  packages+=(sqlite3)                          # the write guard is tested against the sqlite3 shell
  packages+=(dbus-daemon)                      # a private session bus for the desktop notifications' test
  packages+=(poppler-utils)                    # PDFs read back: pdftotext, pdffonts, pdfinfo, pdftoppm
  packages+=(iproute2)                         # the door exchange's test makes its own hosts (ip netns)
fi

if ! command -v cargo >/dev/null 2>&1; then
  echo "error: Rust is not installed. Install it with rustup (https://rustup.rs), then run this again." >&2
  exit 1
fi
if [ "$purpose" = "test" ]; then
  for tool in fmt clippy; do
    if ! cargo "$tool" --version >/dev/null 2>&1; then
      component=$([ "$tool" = fmt ] && echo rustfmt || echo clippy)
      command -v rustup >/dev/null 2>&1 && rustup component add "$component" >/dev/null 2>&1 || true
      cargo "$tool" --version >/dev/null 2>&1 || {
        echo "error: cargo $tool is missing; install it with: rustup component add $component" >&2
        exit 1
      }
    fi
  done
fi

# The UI builds with Vite 8, which needs Node.js 20.19 or newer (Debian 12's own is 18).
node_ok() {
  command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 &&
    node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)'
}
if ! node_ok; then
  echo "error: Node.js 20.19+ with npm is needed to build the UI (found: $(node --version 2>/dev/null || echo none))." >&2
  echo "       Install it from NodeSource (https://github.com/nodesource/distributions) or with nvm." >&2
  exit 1
fi

missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  install_packages "${missing[@]}"
fi

# tauri-driver bridges WebDriver clients to WebKitWebDriver for the end-to-end tests.
if [ "$purpose" = "test" ] && ! command -v tauri-driver >/dev/null 2>&1; then
  echo "Installing tauri-driver (cargo install, about a minute)"
  cargo install tauri-driver --locked --version "^2.0" --quiet
fi
exit 0

