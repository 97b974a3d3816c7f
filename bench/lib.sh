# Shared helpers of the bench scripts (sourced, not run). Bash only.
# shellcheck shell=bash

BENCH_MAP="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_MAP="$(cd "$BENCH_MAP/.." && pwd)"
export DEBIAN_FRONTEND=noninteractive
# A failing command under `set -e` says where, instead of ending the run silently.
set -o errtrace
trap 'echo "bench: failed in ${BASH_SOURCE[0]##*/} line $LINENO: $BASH_COMMAND" >&2' ERR

fout() {
  echo "bench: $*" >&2
  exit 1
}
stap() { printf '\n== %s\n' "$*" >&2; }

# apt-get as root or through sudo; `apt-get update` once per run.
_apt_bijgewerkt=0
installeer_apt() {
  local als_root=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || fout "$* is missing and installing it needs root or sudo; install it yourself."
    als_root=(sudo -E)
  fi
  command -v apt-get >/dev/null 2>&1 || fout "$* is missing and apt-get is not available; install it with this system's package manager."
  if [ "$_apt_bijgewerkt" -eq 0 ]; then
    "${als_root[@]}" apt-get update -qq || fout "apt-get update failed"
    _apt_bijgewerkt=1
  fi
  "${als_root[@]}" apt-get install -y -qq --no-install-recommends "$@" >/dev/null || fout "apt-get install $* failed"
}

# Python packages from PyPI (pip), when an import fails.
installeer_pip() {
  local module="$1"
  shift
  if ! python3 -c "import $module" >/dev/null 2>&1; then
    python3 -m pip --version >/dev/null 2>&1 || installeer_apt python3-pip
    python3 -m pip install -q "$@" 2>/dev/null ||
      python3 -m pip install -q --break-system-packages "$@" ||
      fout "pip install $* failed"
    python3 -c "import $module" >/dev/null 2>&1 || fout "python module $module still missing after pip install $*"
  fi
}

vereisten() {
  command -v python3 >/dev/null 2>&1 || installeer_apt python3
  command -v curl >/dev/null 2>&1 || installeer_apt curl
  command -v wrk >/dev/null 2>&1 || installeer_apt wrk
  [ -x /usr/bin/time ] || installeer_apt time
  command -v sqlite3 >/dev/null 2>&1 || installeer_apt sqlite3
  installeer_pip duckdb duckdb
  installeer_pip pyarrow pyarrow
  installeer_pip psycopg 'psycopg[binary]'
}

# The release binary: $VOOROP_BIN, or built here (nice'd) into the repo's target/.
voorop_bin() {
  if [ -n "${VOOROP_BIN:-}" ]; then
    [ -x "$VOOROP_BIN" ] || fout "VOOROP_BIN=$VOOROP_BIN is not an executable"
    echo "$VOOROP_BIN"
    return
  fi
  command -v cargo >/dev/null 2>&1 || fout "cargo is missing (install Rust), or set VOOROP_BIN to a release binary"
  (cd "$REPO_MAP" && nice -n 10 cargo build --release --quiet >&2) || fout "cargo build --release failed"
  echo "$REPO_MAP/target/release/voorop"
}

# The machine's load averages (1, 5, 15 min).
belasting() { cut -d' ' -f1-3 /proc/loadavg; }

# A free TCP port on loopback.
vrije_poort() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# ---- throwaway PostgreSQL cluster (like test.sh), stopped and removed by pg_stop ----------
PG_BIN=""
PG_MAP=""
PG_POORT="${BENCH_PG_POORT:-55434}"
als_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
pg_start() {
  PG_BIN="$({ ls -d /usr/lib/postgresql/*/bin 2>/dev/null || true; } | sort -V | tail -n 1)"
  if [ -z "$PG_BIN" ] || [ ! -x "$PG_BIN/initdb" ]; then
    installeer_apt postgresql
    PG_BIN="$({ ls -d /usr/lib/postgresql/*/bin 2>/dev/null || true; } | sort -V | tail -n 1)"
  fi
  [ -x "$PG_BIN/initdb" ] || fout "PostgreSQL installed but no initdb under /usr/lib/postgresql/*/bin"
  command -v psql >/dev/null 2>&1 || installeer_apt postgresql-client
  PG_MAP="$(mktemp -d /tmp/voorop-bench-pg.XXXXXX)"
  if [ "$(id -u)" -eq 0 ]; then chown postgres "$PG_MAP"; fi
  als_pg "$PG_BIN/initdb" -D "$PG_MAP/data" -U voorop --auth=trust -E UTF8 --locale=C.UTF-8 >"$PG_MAP/initdb.log" 2>&1 ||
    { cat "$PG_MAP/initdb.log" >&2; fout "initdb of the throwaway PostgreSQL cluster failed"; }
  # Default durability (fsync on); more connections for the load test, a bit more memory.
  als_pg "$PG_BIN/pg_ctl" -D "$PG_MAP/data" -l "$PG_MAP/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $PG_POORT -k $PG_MAP -c max_connections=300 -c shared_buffers=256MB" start >/dev/null ||
    { cat "$PG_MAP/server.log" >&2; fout "the throwaway PostgreSQL cluster does not start (is port $PG_POORT taken? set BENCH_PG_POORT)"; }
  echo "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_POORT ($PG_MAP)" >&2
}
pg_stop() {
  if [ -n "$PG_MAP" ]; then
    if [ -f "$PG_MAP/data/postmaster.pid" ]; then
      als_pg "$PG_BIN/pg_ctl" -D "$PG_MAP/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$PG_MAP"
    PG_MAP=""
  fi
}
# A new empty database on the cluster; prints its URL.
pg_database() {
  local naam="$1"
  psql -q -h 127.0.0.1 -p "$PG_POORT" -U voorop -d postgres -v ON_ERROR_STOP=1 \
    -c "DROP DATABASE IF EXISTS $naam" \
    -c "CREATE DATABASE $naam TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C.UTF-8'" >&2 ||
    fout "CREATE DATABASE $naam failed"
  echo "postgres://voorop@127.0.0.1:$PG_POORT/$naam"
}

# ---- a voorop server, stopped by server_stop ------------------------------------------------
SERVER_PID=""
SERVER_POORT=""
server_start() {
  local bin="$1" db="$2" log="$3"
  SERVER_POORT="$(vrije_poort)"
  "$bin" --db "$db" serve --demo --addr "127.0.0.1:$SERVER_POORT" >"$log" 2>&1 &
  SERVER_PID=$!
  local i
  for i in $(seq 1 600); do
    if curl -s -o /dev/null "http://127.0.0.1:$SERVER_POORT/static/voorop.css"; then
      echo "voorop serve (pid $SERVER_PID) on 127.0.0.1:$SERVER_POORT" >&2
      return 0
    fi
    kill -0 "$SERVER_PID" 2>/dev/null || { tail -20 "$log" >&2; fout "voorop serve stopped at start"; }
    sleep 0.5
  done
  tail -20 "$log" >&2
  fout "voorop serve did not answer within 300 s"
}
server_stop() {
  if [ -n "$SERVER_PID" ]; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=""
  fi
}
# Peak resident memory of the server so far (VmHWM), in MB.
server_piek_mb() {
  awk '/VmHWM/ {printf "%.0f", $2/1024}' "/proc/$SERVER_PID/status" 2>/dev/null || echo "?"
}

# Runs a command under /usr/bin/time -v; prints "SECONDS MAXRSS_MB EXITCODE" on stdout,
# the command's own output goes to $1 (a log file).
getimed() {
  local log="$1"
  shift
  local t
  t="$(mktemp)"
  local rc=0
  /usr/bin/time -v -o "$t" "$@" >"$log" 2>&1 || rc=$?
  python3 - "$t" "$rc" <<'PY'
import sys, re
tekst = open(sys.argv[1]).read()
wall = re.search(r"Elapsed \(wall clock\) time.*: (\S+)", tekst)
rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", tekst)
s = 0.0
if wall:
    for deel in wall.group(1).split(":"):
        s = s * 60 + float(deel)
print(f"{s:.2f} {int(rss.group(1)) / 1024 if rss else 0:.0f} {sys.argv[2]}")
PY
  rm -f "$t"
}

# Waits (at most 120 s) until the server is idle: `serve` runs its daily jobs (retention, audit
# pruning) right at start, and the cold indicator pass should not share the CPU with them.
server_rustig() {
  local vorige nu i
  vorige="$(awk '{print $14 + $15}' "/proc/$SERVER_PID/stat")"
  for i in $(seq 1 120); do
    sleep 1
    nu="$(awk '{print $14 + $15}' "/proc/$SERVER_PID/stat")"
    # Fewer than 5 clock ticks (usually 50 ms) of CPU in the last second: idle.
    if [ $((nu - vorige)) -lt 5 ]; then
      echo "server idle after ${i} s" >&2
      return 0
    fi
    vorige="$nu"
  done
  echo "server still busy after 120 s; measuring anyway" >&2
}
