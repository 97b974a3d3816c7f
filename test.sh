#!/usr/bin/env bash
# Runs Voorop's whole test suite, after installing what the tests need when it is missing:
#   - chromium and chromium-driver (Debian) for the browser test (tests/integratie/browser.rs);
#   - poppler-utils (pdftotext) for the report tests;
#   - LibreOffice without GUI and openpyxl, to open and read back the Excel exports;
#   - python3-venv, with pdfua from PyPI (an outside PDF/UA-1 check of the report PDF);
#   - nodejs/npm, with axe-core (accessibility checks) and Spectral (the NL GOV API Design
#     Rules linter, run here on data/openapi.json with the rulesets in tests/adr/) by `npm ci`.
#   - PostgreSQL (Debian's `postgresql`) for the tests that also run against PostgreSQL: a
#     throwaway cluster in a temporary directory on 127.0.0.1:$PG_POORT, removed on exit.
# Installing needs root (or sudo) and Debian's apt-get; everything else is plain `cargo test`.
# Extra arguments go to `cargo test`, e.g. `./test.sh --test integratie casus_http::`.
# `VOOROP_SKIP_BROWSER=1 ./test.sh` skips the browser and installs no browser.
# `VOOROP_SKIP_PG=1 ./test.sh` skips the PostgreSQL run and installs no PostgreSQL.
# `VOOROP_SKIP_EXCEL=1 ./test.sh` skips the LibreOffice/openpyxl test and installs neither.
set -euo pipefail

cd "$(dirname "$0")"

# What runs a second time, from the same compiled test binary, against PostgreSQL
# (VOOROP_TEST_DB), after the whole suite ran on SQLite: the integration tests
# (tests/integratie/, one binary; its harness gives each test its own database cloned from a
# migrated template), except the crash test, which kills a server over a SQLite file. The CLI
# tests skip their backup test (SQLite files) there themselves.
PG_TESTS="--test integratie -- --skip crash::"
# CI-only cluster: port, and settings that trade durability for speed (never in production).
PG_POORT=55432
PG_INSTELLINGEN="-c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off"

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
fi

stap "Node-hulpmiddelen (npm ci): axe-core en Spectral"
if [ ! -f node_modules/axe-core/axe.min.js ] || [ ! -x node_modules/.bin/spectral ]; then
  if ! command -v npm >/dev/null 2>&1; then
    installeer nodejs npm
  fi
  npm ci --no-audit --no-fund
fi
node -e 'console.log("axe-core " + require("./node_modules/axe-core/package.json").version)'

stap "NL GOV API Design Rules: Spectral op data/openapi.json"
# Every error and every warning fails (the rulesets: tests/adr/README.md).
for regels in tests/adr/adr-2.1.0.yml tests/adr/adr-2.2.1.yml; do
  node_modules/.bin/spectral lint --fail-severity=warn -r "$regels" data/openapi.json
done

stap "pdftotext (poppler-utils) voor de rapporttests"
if ! command -v pdftotext >/dev/null 2>&1; then
  installeer poppler-utils
fi
# No pipe into head: with pipefail, SIGPIPE on pdftotext would fail the script (exit 141).
versie="$(pdftotext -v 2>&1 || true)"
printf '%s\n' "${versie%%$'\n'*}"

if [ "${VOOROP_SKIP_EXCEL:-}" != "1" ]; then
  # tests/integratie/excel_extern.rs opens the Excel exports in LibreOffice (headless, to PDF
  # and CSV) and reads them back with openpyxl (tests/excel/openpyxl_lezen.py); pdfinfo and
  # pdftotext come from poppler-utils above. `VOOROP_SKIP_EXCEL=1 ./test.sh` skips that test
  # and installs neither.
  stap "LibreOffice (zonder GUI) en openpyxl voor de Excel-test"
  if ! command -v soffice >/dev/null 2>&1; then
    # Debian 12's spreadsheet without GUI (older releases called it libreoffice-calc-nox).
    installeer libreoffice-calc-nogui
  fi
  if ! python3 -c 'import openpyxl' >/dev/null 2>&1; then
    # A python3 with its own pip (pyenv, a venv) takes openpyxl from PyPI; Debian's own
    # python3 is externally managed (PEP 668), so there, or without python3, Debian's package.
    if python3 -m pip --version >/dev/null 2>&1 &&
      [ ! -e "$(python3 -c 'import sysconfig; print(sysconfig.get_path("stdlib"))')/EXTERNALLY-MANAGED" ]; then
      python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore 'openpyxl==3.1.5'
    else
      installeer python3-openpyxl
    fi
  fi
  soffice --version
  python3 -c 'import openpyxl; print("openpyxl " + openpyxl.__version__)'
fi

# A throwaway PostgreSQL cluster, started before the tests and removed on exit (also on failure).
pg_bin=""
pg_map=""
als_pg() {
  # initdb and postgres refuse to run as root; Debian's package creates the user postgres.
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}
pg_opruimen() {
  if [ -n "$pg_map" ]; then
    if [ -f "$pg_map/data/postmaster.pid" ]; then
      als_pg "$pg_bin/pg_ctl" -D "$pg_map/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$pg_map"
  fi
}
# The bin directory of the newest installed PostgreSQL, or nothing (no failure under pipefail).
nieuwste_pg_bin() {
  { ls -d /usr/lib/postgresql/*/bin 2>/dev/null || true; } | sort -V | tail -n 1
}

if [ "${VOOROP_SKIP_PG:-}" != "1" ]; then
  stap "PostgreSQL voor de integratietests tegen PostgreSQL"
  pg_bin="$(nieuwste_pg_bin)"
  if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ]; then
    installeer postgresql
    pg_bin="$(nieuwste_pg_bin)"
  fi
  if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ]; then
    echo "Fout: PostgreSQL is geïnstalleerd, maar initdb staat niet onder /usr/lib/postgresql/*/bin." >&2
    exit 1
  fi
  "$pg_bin/postgres" --version
  pg_map="$(mktemp -d /tmp/voorop-pg.XXXXXX)"
  trap pg_opruimen EXIT
  trap 'exit 130' INT TERM
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres "$pg_map"
  fi
  if ! als_pg "$pg_bin/initdb" -D "$pg_map/data" -U voorop --auth=trust -E UTF8 --locale=C.UTF-8 \
    >"$pg_map/initdb.log" 2>&1; then
    cat "$pg_map/initdb.log" >&2
    echo "Fout: initdb van de tijdelijke PostgreSQL-cluster mislukte." >&2
    exit 1
  fi
  # TLS as a managed PostgreSQL offers it: a throwaway CA signs the server's certificate for
  # 127.0.0.1; tests/integratie/meerdere_instanties.rs connects with sslmode=verify-full against that CA.
  if ! command -v openssl >/dev/null 2>&1; then
    installeer openssl
  fi
  if ! {
    openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=Voorop test-CA" \
      -keyout "$pg_map/ca.key" -out "$pg_map/ca.pem" &&
      openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" \
        -keyout "$pg_map/server.key" -out "$pg_map/server.csr" &&
      printf 'subjectAltName=IP:127.0.0.1\n' >"$pg_map/san.ext" &&
      openssl x509 -req -in "$pg_map/server.csr" -CA "$pg_map/ca.pem" -CAkey "$pg_map/ca.key" \
        -CAcreateserial -days 2 -extfile "$pg_map/san.ext" -out "$pg_map/server.pem"
  } >"$pg_map/openssl.log" 2>&1; then
    cat "$pg_map/openssl.log" >&2
    echo "Fout: het testcertificaat voor PostgreSQL kon niet worden gemaakt." >&2
    exit 1
  fi
  chmod 600 "$pg_map/server.key"
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres "$pg_map/server.key" "$pg_map/server.pem"
  fi
  pg_tls="-c ssl=on -c ssl_cert_file=$pg_map/server.pem -c ssl_key_file=$pg_map/server.key"
  # shellcheck disable=SC2086 # PG_INSTELLINGEN is a list of options on purpose.
  if ! als_pg "$pg_bin/pg_ctl" -D "$pg_map/data" -l "$pg_map/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $PG_POORT -k $pg_map $PG_INSTELLINGEN $pg_tls" start >/dev/null; then
    cat "$pg_map/server.log" >&2 || true
    echo "Fout: de tijdelijke PostgreSQL-cluster start niet (is poort $PG_POORT bezet?)." >&2
    exit 1
  fi
  echo "PostgreSQL draait op 127.0.0.1:$PG_POORT (map $pg_map, wordt na afloop verwijderd)"
fi

stap "cargo test $*"
cargo test "$@"

stap "PDF/UA-controle (pdfua) van het demorapport"
# An outside check of the report PDF against the machine-checkable part of PDF/UA-1 (pdfua,
# pikepdf-based, from PyPI; veraPDF needs Java packages this machine cannot fetch). It runs on
# the real report of the small demo, made by the binary `cargo test` just built; every error or
# warning fails. Installed in a virtual environment under target/ (no system-wide pip).
doel="${CARGO_TARGET_DIR:-target}"
pdfua_venv="$doel/pdfua-venv"
if [ ! -x "$pdfua_venv/bin/pdfua" ]; then
  if ! python3 -m venv --help >/dev/null 2>&1 || ! python3 -c 'import ensurepip' >/dev/null 2>&1; then
    installeer python3-venv
  fi
  python3 -m venv "$pdfua_venv"
  "$pdfua_venv/bin/pip" install --quiet --disable-pip-version-check "pdfua==0.1.3"
fi
# The binary `cargo test` built (built here only when the arguments skipped it).
cargo build --quiet --bin voorop
pdfua_map="$(mktemp -d /tmp/voorop-pdfua.XXXXXX)"
VOOROP_DEMO_PEILDATUM=2025-11-22 "$doel/debug/voorop" demo --db "$pdfua_map/demo.db" >/dev/null
"$doel/debug/voorop" werkset rapport --db "$pdfua_map/demo.db" --regio oost-brabant --periode 2025 \
  --out "$pdfua_map/rapport.pdf" >/dev/null
"$pdfua_venv/bin/pdfua" check --min-severity warning "$pdfua_map/rapport.pdf"
rm -rf "$pdfua_map"

if [ "${VOOROP_SKIP_PG:-}" != "1" ]; then
  # Same compiled test binary (no rebuild), now with VOOROP_TEST_DB pointing at PostgreSQL.
  stap "cargo test $PG_TESTS (tegen PostgreSQL)"
  # shellcheck disable=SC2086 # PG_TESTS is a list of cargo test arguments on purpose.
  VOOROP_TEST_DB="postgres://voorop@127.0.0.1:$PG_POORT/postgres" VOOROP_TEST_PG_CA="$pg_map/ca.pem" \
    cargo test $PG_TESTS
fi
