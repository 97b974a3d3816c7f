#!/usr/bin/env bash
# Timed CLI commands on the national dataset: Werkset report PDF, Werkset XLSX export (one year
# and all years), Zelfscan XLSX export, audit verify, backup (SQLite only), CSV import of
# $BENCH_IMPORT_RIJEN fictional rows (default 20,000; late, as it adds data), and audit verify
# again on the log the import grew.
# Usage: cli.sh LABEL VOOROP_BIN DB WERKMAP
# Prints markdown table rows: | db | command | wall time | peak RSS | result |.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

label="$1"
bin="$2"
db="$3"
map="$4"
rijen="${BENCH_IMPORT_RIJEN:-20000}"
# The demo's public keys (fictional data only): the pseudonym key the import needs for names.
export VOOROP_PSEUDONIEM_SLEUTEL="${VOOROP_PSEUDONIEM_SLEUTEL:-voorop-demo-sleutel-alleen-voor-fictieve-gegevens}"

rij() {
  local wat="$1" log="$2"
  shift 2
  local s mb rc
  read -r s mb rc < <(getimed "$log" "$@")
  local uitkomst="ok"
  [ "$rc" -eq 0 ] || uitkomst="FAILED (exit $rc): $(grep -v '^\s*$' "$log" | tail -1 | cut -c1-120 || true)"
  echo "| $label | $wat | $s s | $mb MB | $uitkomst |"
  LAATSTE_S="$s"
  LAATSTE_RC="$rc"
}

if [[ "$db" == postgres* ]]; then
  ronde="$(psql -At "$db" -c "SELECT MIN(id) FROM zelfscan_ronde WHERE regio_code = 'oost-brabant'")"
else
  ronde="$(sqlite3 "file:$db?mode=ro" "SELECT MIN(id) FROM zelfscan_ronde WHERE regio_code = 'oost-brabant'")"
fi

rij "werkset rapport --regio oost-brabant --periode 2025 --out x.pdf" "$map/rapport.log" \
  "$bin" --db "$db" werkset rapport --regio oost-brabant --periode 2025 --out "$map/rapport.pdf"
rij "werkset rapport (same) --out x.html" "$map/rapport-html.log" \
  "$bin" --db "$db" werkset rapport --regio oost-brabant --periode 2025 --out "$map/rapport.html"
rij "werkset export --periode 2025 --out x.xlsx" "$map/export-2025.log" \
  "$bin" --db "$db" werkset export --periode 2025 --out "$map/werkset-2025.xlsx"
rij "werkset export --out x.xlsx (all periods)" "$map/export.log" \
  "$bin" --db "$db" werkset export --out "$map/werkset.xlsx"
rij "zelfscan export --ronde $ronde --out x.xlsx" "$map/zelfscan.log" \
  "$bin" --db "$db" zelfscan export --ronde "$ronde" --out "$map/zelfscan.xlsx"
rij "audit verify" "$map/audit.log" "$bin" --db "$db" audit verify
if [[ "$db" == postgres* ]]; then
  echo "| $label | backup --out x.db | – | – | not supported on PostgreSQL (voorop backup/restore are for SQLite; use PostgreSQL's own backups) |"
else
  rij "backup --out x.db" "$map/backup.log" "$bin" --db "$db" backup --out "$map/backup.db"
  rm -f "$map/backup.db"*
fi

python3 "$BENCH_MAP/import_csv.py" "$rijen" "$map/import.csv"
rij "casus import of $rijen rows (default: batches of about 0.75 s, pause 100 ms on SQLite, none on PostgreSQL)" "$map/import.log" \
  "$bin" --db "$db" casus import "$map/import.csv"
if [ "$LAATSTE_RC" -eq 0 ]; then
  echo "| $label | casus import rate | $(python3 -c "print(f'{$rijen / $LAATSTE_S:,.0f} rows/s')") | | wall time incl. the validation pass and the pauses between batches |"
  # The import's own figure for its storing phase: without process start, the check pass and
  # the indicator counts at the end, which weigh on a file of this size.
  opslaan="$(sed -n 's/^Opslaan klaar: .*(\([0-9]*\) rijen\/s).*/\1/p' "$map/import.log" | tail -1)"
  echo "| $label | casus import rate, storing phase only (the import's own report) | $(python3 -c "print(f'{${opslaan:-0}:,} rows/s')") | | after the check pass, before the indicator counts |"
fi

# The same size again (other rows: a different file), now with another writer taking the write
# lock every 50 ms as the server's writers do (schrijver.py): how long it waited.
python3 "$BENCH_MAP/import_csv.py" "$((rijen + 1))" "$map/import2.csv"
"$bin" --db "$db" casus import "$map/import2.csv" >"$map/import2.log" 2>&1 &
import_pid=$!
wacht="$(python3 "$BENCH_MAP/schrijver.py" "$db" "$import_pid")"
import_rc=0
wait "$import_pid" || import_rc=$?
echo "| $label | another writer during a second import of $((rijen + 1)) rows: its waits for the write lock | $wacht (ms) | | $([ "$import_rc" -eq 0 ] && echo ok || echo "import FAILED (exit $import_rc)") |"

# audit verify again on the log the import grew (every imported moment writes its own events).
if [[ "$db" == postgres* ]]; then
  regels="$(psql -At "$db" -c "SELECT COUNT(*) FROM audit_log")"
else
  regels="$(sqlite3 "file:$db?mode=ro" "SELECT COUNT(*) FROM audit_log")"
fi
rij "audit verify after the import ($regels audit rows)" "$map/audit-na.log" "$bin" --db "$db" audit verify
