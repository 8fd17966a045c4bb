#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages the build and the tests need, when they are missing.
# Usage: scripts/install-deps.sh [build|test]   (test = build + what the test suite uses)
# Safe to run again: it only installs what `dpkg -s` does not find.
set -euo pipefail

purpose="${1:-build}"
packages=(build-essential pkg-config)          # a C compiler for the bundled SQLite
if [ "$purpose" = "test" ]; then
  packages+=()                                 # later issues add Postgres, Xvfb, WebKitWebDriver
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

missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
  echo "error: missing packages (${missing[*]}) and no apt-get here; see README.md for other platforms." >&2
  exit 1
fi
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
echo "Installing: ${missing[*]}"
# The image's apt hook deletes downloaded .debs mid-install; give apt its own archive folder.
archives="${TMPDIR:-/tmp}/eventos-apt-archives"
mkdir -p "$archives/partial"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
  -o Dir::Cache::Archives="$archives" "${missing[@]}"
