#!/usr/bin/env bash
# Runs Voorop's whole test suite, after installing what the tests need when it is missing:
#   - chromium and chromium-driver (Debian) for the browser test (tests/browser.rs);
#   - poppler-utils (pdftotext) for the report tests;
#   - nodejs/npm and axe-core (npm ci) for the accessibility checks.
# Installing needs root (or sudo) and Debian's apt-get; everything else is plain `cargo test`.
# Extra arguments go to `cargo test`, e.g. `./test.sh --test casus_http`.
# `VOOROP_SKIP_BROWSER=1 ./test.sh` skips the browser and installs no browser.
set -euo pipefail

cd "$(dirname "$0")"

export DEBIAN_FRONTEND=noninteractive

stap() { printf '\n== %s\n' "$*"; }

# apt-get as root, or through sudo; `apt-get update` once per run, only when something is missing.
apt_bijgewerkt=0
installeer() {
  local als_root=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
      als_root=(sudo -E)
    else
      echo "Fout: $* ontbreekt en installeren vraagt root of sudo. Installeer het zelf of draai als root." >&2
      exit 1
    fi
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "Fout: $* ontbreekt en apt-get is niet beschikbaar. Installeer het met de pakketbeheerder van dit systeem." >&2
    exit 1
  fi
  if [ "$apt_bijgewerkt" -eq 0 ]; then
    "${als_root[@]}" apt-get update
    apt_bijgewerkt=1
  fi
  "${als_root[@]}" apt-get install -y --no-install-recommends "$@"
}

if ! command -v cargo >/dev/null 2>&1; then
  echo "Fout: cargo ontbreekt. Installeer Rust (rustup of Debian's cargo) en probeer het opnieuw." >&2
  exit 1
fi

if [ "${VOOROP_SKIP_BROWSER:-}" != "1" ]; then
  stap "Browser voor de eind-tot-eindtest (chromium, chromedriver)"
  if [ ! -x /usr/bin/chromium ] || ! command -v chromedriver >/dev/null 2>&1; then
    installeer chromium chromium-driver
  fi
  chromedriver --version

  stap "axe-core (npm) voor de toegankelijkheidscontrole"
  if [ ! -f node_modules/axe-core/axe.min.js ]; then
    if ! command -v npm >/dev/null 2>&1; then
      installeer nodejs npm
    fi
    npm ci --no-audit --no-fund
  fi
  node -e 'console.log("axe-core " + require("./node_modules/axe-core/package.json").version)'
fi

stap "pdftotext (poppler-utils) voor de rapporttests"
if ! command -v pdftotext >/dev/null 2>&1; then
  installeer poppler-utils
fi
# No pipe into head: with pipefail, SIGPIPE on pdftotext would fail the script (exit 141).
versie="$(pdftotext -v 2>&1 || true)"
printf '%s\n' "${versie%%$'\n'*}"

stap "cargo test $*"
exec cargo test "$@"
