#!/usr/bin/env bash
# HTTP load with wrk on loopback against a running `voorop serve --demo` (national dataset):
# each URL at 50 and at 200 connections for $BENCH_HTTP_SECONDEN seconds (default 12).
# Usage: http.sh LABEL BASIS_URL SERVER_PID TOKEN
# Prints markdown table rows: | db | url | connections | req/s | p50 | p99 | errors/non-2xx |.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

label="$1"
basis="$2"
server_pid="$3"
token="$4"
seconden="${BENCH_HTTP_SECONDEN:-12}"
verbindingen="${BENCH_HTTP_VERBINDINGEN:-50 200}"

# Session cookies of three demo users (vt: a Veilig Thuis employee with two-step login, sees
# /casussen; coordinator: the network's regiocoördinator, sees the Werkset and Zelfscan; fg:
# a privacy officer, sees the organisation's part of the audit log).
vt="$(python3 "$BENCH_MAP/inloggen.py" "$basis" vt@demo.voorop.nl)" || fout "login vt@demo.voorop.nl failed"
coord="$(python3 "$BENCH_MAP/inloggen.py" "$basis" coordinator@demo.voorop.nl)" || fout "login coordinator@demo.voorop.nl failed"
fg="$(python3 "$BENCH_MAP/inloggen.py" "$basis" fg@demo.voorop.nl)" || fout "login fg@demo.voorop.nl failed"
ronde="$(curl -sf -H "Authorization: Bearer $token" "$basis/api/v1/zelfscan-rondes" |
  python3 -c 'import json,sys; r=[x["id"] for x in json.load(sys.stdin) if x["regio"]=="oost-brabant"]; print(min(r) if r else "")')"
[ -n "$ronde" ] || fout "no Zelfscan round of oost-brabant found through the API"

# (name, path, header)
doelen=(
  "static file (floor)|/static/voorop.css|X-Bench: 1"
  "/casussen page 2 (vt)|/casussen?pagina=2|Cookie: $vt"
  "Werkset region page oost-brabant 2025|/werkset/oost-brabant/2025|Cookie: $coord"
  "National comparison 2025|/werkset/vergelijking?periode=2025|Cookie: $coord"
  "API indicators oost-brabant 2025|/api/v1/indicatoren?regio=oost-brabant&periode=2025|Authorization: Bearer $token"
  "Zelfscan results round $ronde|/zelfscan/$ronde/resultaten|Cookie: $coord"
  "Network years overview 2025|/ontwikkelagenda/2025/netwerken|Cookie: $coord"
  "Privacy officer's audit log (fg)|/privacy/logboek|Cookie: $fg"
)

for doel in "${doelen[@]}"; do
  IFS='|' read -r naam pad kop <<<"$doel"
  # wrk counts 3xx as success: check first that the page answers 200 (not a redirect to login).
  # The first request's time (curl's time_total), then one more (the second, e.g. warm).
  read -r code eerste < <(curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -H "$kop" "$basis$pad")
  read -r _ tweede < <(curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -H "$kop" "$basis$pad")
  enkel_ms="$(python3 -c "print(f'{$eerste*1000:.0f} ms, then {$tweede*1000:.0f}')")"
  for c in $verbindingen; do
    uit="$(wrk -t2 -c"$c" -d"${seconden}s" --timeout 10s -H "$kop" -s "$BENCH_MAP/wrk-samenvatting.lua" "$basis$pad" 2>&1)" ||
      fout "wrk failed on $pad: $uit"
    json="$(printf '%s\n' "$uit" | sed -n 's/^BENCH_JSON //p')"
    [ -n "$json" ] || fout "wrk printed no summary for $pad: $uit"
    python3 - "$label" "$naam" "$c" "$code" "$enkel_ms" "$json" <<'PY'
import json, sys
label, naam, c, code, enkel, j = sys.argv[1:7]
s = json.loads(j)
rps = s["requests"] / (s["duration_us"] / 1e6)
fouten = s["connect"] + s["read"] + s["write"] + s["timeout"]
ms = lambda us: f"{us / 1000:.1f} ms" if us < 10_000_000 else f"{us / 1e6:.1f} s"
print(f"| {label} | {naam} (HTTP {code}, one request {enkel} ms) | {c} | {rps:,.1f} | {ms(s['p50_us'])} | "
      f"{ms(s['p99_us'])} | {s['requests']:,} | {fouten} socket (timeout {s['timeout']}) / {s['status']} non-2xx/3xx |")
PY
  done
done
echo "| $label | server peak RSS (VmHWM) after the load | | | | | | $(awk '/VmHWM/ {printf "%.0f MB", $2/1024}' "/proc/$server_pid/status") |"
