#!/usr/bin/env python3
"""All indicators of all regions x years: Voorop (through its API, on a freshly started server:
cold, then warm) against DuckDB computing the same count definitions on the same rows.

Usage: indicatoren.py --db SQLITE_PATH|postgres://... --url http://127.0.0.1:PORT --token TOKEN
Prints markdown table rows ("| part | measure | value |") on stdout, details on stderr.

Voorop side: GET /api/v1/indicatoren?regio=R&periode=J for every region and year, one after
the other, on a server started just before: its memory is empty, so each region-year's counts
come from the stored counts of migration 0027 ("cold"; bench/run has `voorop casus indicatoren
--opnieuw` count every region-year afresh just before, and passes its time as --opnieuw-s: the
cost of counting everything from the rows), then all again ("warm": the counts are reused from
memory, `TELLINGEN` in src/indicatoren/mod.rs). This includes HTTP, token check, suppression
and JSON.

DuckDB side: the rows the queries of src/casus/repo/tellingen.rs read (moment with its typed k_* columns
as plain columns, afspraak, overleg, vergadering, vergadering_aanwezigheid, casus) are read from
the same database (sqlite3 or psycopg) into Arrow and loaded into in-memory DuckDB tables
("load"); then the five count queries (kenmerk_tellingen, kenmerk_duren, afspraken_telling,
aanwezigheid_telling, herhaling_telling), ported verbatim, run for every region x year
("per region-year", as Voorop does), and once more as one grouped query each over all
region-years ("grouped"). Counts are checked against the teller/noemer of Voorop's API for
every region-year and every unsuppressed indicator that maps to one count.
"""
import argparse
import datetime
import json
import sys
import time
import urllib.request

import duckdb
import pyarrow as pa

p = argparse.ArgumentParser()
p.add_argument("--db", required=True)
p.add_argument("--url", required=True)
p.add_argument("--token", required=True)
p.add_argument("--label", default="")
p.add_argument("--opnieuw-s", type=float, default=None,
               help="seconds `voorop casus indicatoren --opnieuw` took (counting every region-year)")
a = p.parse_args()


def log(*x):
    print(*x, file=sys.stderr, flush=True)


# ---- reading the source database ----------------------------------------------------------
MOMENT_K = [
    "k_reactie", "k_veiligheidsbeoordeling", "k_vt_melding_datum", "k_terugkoppeling_op",
    "k_vt_betrokkenheid", "k_contact_verkregen", "k_vt_afdoeningsoverleg", "k_vt_geinformeerd",
    "k_beslissing", "k_beslissing_tijdstip", "k_veiligheidsvoorwaarden", "k_anoniem",
    "k_onderzoeksplan", "k_dagdeel", "k_contact_gezocht", "k_criterium",
]
MOMENT_N = ["k_responstijd", "k_doorlooptijd", "k_beoordeling_voor", "k_consultatie", "k_ophoud_minuten"]
TABELLEN = {
    "moment": (
        "SELECT id, regio_code, soort, tijdstip, status, " + ", ".join(MOMENT_K + MOMENT_N) + " FROM moment",
        [("id", pa.int64()), ("regio_code", pa.string()), ("soort", pa.string()),
         ("tijdstip", pa.string()), ("status", pa.string())]
        + [(k, pa.string()) for k in MOMENT_K] + [(k, pa.int64()) for k in MOMENT_N],
    ),
    "afspraak": (
        "SELECT moment_id, status, gereed_op, deadline FROM afspraak",
        [("moment_id", pa.int64()), ("status", pa.string()), ("gereed_op", pa.string()),
         ("deadline", pa.string())],
    ),
    "overleg": ("SELECT id, regio_code FROM overleg", [("id", pa.int64()), ("regio_code", pa.string())]),
    "vergadering": (
        "SELECT id, overleg_id, datum FROM vergadering",
        [("id", pa.int64()), ("overleg_id", pa.int64()), ("datum", pa.string())],
    ),
    "vergadering_aanwezigheid": (
        "SELECT vergadering_id, organisatie_id, aanwezig FROM vergadering_aanwezigheid",
        [("vergadering_id", pa.int64()), ("organisatie_id", pa.int64()), ("aanwezig", pa.bool_())],
    ),
    "casus": (
        "SELECT id, regio_code, pseudoniem, herhaling, eerste_tijdstip, eerste_dag FROM casus",
        [("id", pa.int64()), ("regio_code", pa.string()), ("pseudoniem", pa.string()),
         ("herhaling", pa.bool_()), ("eerste_tijdstip", pa.string()), ("eerste_dag", pa.int64())],
    ),
}


def verbinden():
    if a.db.startswith("postgres://") or a.db.startswith("postgresql://"):
        import psycopg

        return psycopg.connect(a.db)
    import sqlite3

    pad = a.db[len("sqlite:"):] if a.db.startswith("sqlite:") else a.db
    return sqlite3.connect(f"file:{pad}?mode=ro", uri=True)


def naar_arrow(rijen, schema):
    kolommen = list(zip(*rijen)) if rijen else [[] for _ in schema]
    velden = []
    for (naam, type_), waarden in zip(schema, kolommen):
        if type_ == pa.bool_():
            waarden = [None if w is None else bool(w) for w in waarden]
        velden.append(pa.array(waarden, type=type_))
    return pa.table(velden, names=[n for n, _ in schema])


t0 = time.perf_counter()
bron = verbinden()
arrow = {}
for naam, (sql, schema) in TABELLEN.items():
    cur = bron.cursor()
    cur.execute(sql)
    arrow[naam] = naar_arrow(cur.fetchall(), schema)
bron.close()
t_lezen = time.perf_counter() - t0
t0 = time.perf_counter()
duck = duckdb.connect(":memory:")
for naam, tabel in arrow.items():
    duck.register("bron_" + naam, tabel)
    duck.execute(f"CREATE TABLE {naam} AS SELECT * FROM bron_{naam}")
    duck.unregister("bron_" + naam)
del arrow
t_laden = time.perf_counter() - t0
aantal = duck.execute("SELECT (SELECT COUNT(*) FROM moment), (SELECT COUNT(*) FROM casus)").fetchone()
log(f"DuckDB: {aantal[0]} moments, {aantal[1]} cases; read {t_lezen:.2f} s, loaded {t_laden:.2f} s")

regios = [r for (r,) in duck.execute("SELECT DISTINCT regio_code FROM moment ORDER BY 1").fetchall()]
jaren = [j for (j,) in duck.execute(
    "SELECT DISTINCT substr(tijdstip, 1, 4) FROM moment WHERE tijdstip >= '2000' ORDER BY 1").fetchall()]
vandaag = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d")
log(f"{len(regios)} regions x {len(jaren)} years ({jaren[0]}-{jaren[-1]}), vandaag {vandaag}")

# ---- the queries of src/casus/repo/tellingen.rs, ported verbatim (binds: $1 regio, $2 van, $3 tot) ----
MATEN = [
    ("reactie_gevuld", "acuut", "m.k_reactie <> ''"),
    ("ter_plaatse", "acuut", "m.k_reactie = 'ter_plaatse'"),
    ("beoordeeld", "acuut", "m.k_veiligheidsbeoordeling = 'ja'"),
    ("vt_gemeld", "acuut", "m.k_vt_melding_datum <> ''"),
    ("teruggekoppeld", "actieoverleg", "m.k_terugkoppeling_op <> ''"),
    ("betrokken", "zsm", "m.k_vt_betrokkenheid IN ('aan_tafel', 'telefonisch')"),
    ("betrokken_gevuld", "zsm", "m.k_vt_betrokkenheid <> ''"),
    ("contact", "zsm", "m.k_contact_verkregen = 'ja'"),
    ("contact_gevuld", "zsm", "m.k_contact_verkregen <> ''"),
    ("contact_gezocht", "zsm", "m.k_contact_gezocht = 'ja'"),
    ("contact_gezocht_gevuld", "zsm", "m.k_contact_gezocht <> ''"),
    ("binnen_termijn", "zsm", "m.k_ophoud_minuten BETWEEN 0 AND 540"),
    ("ophoud_gevuld", "zsm", "m.k_ophoud_minuten IS NOT NULL"),
    ("afdoening", "zsm", "m.k_vt_afdoeningsoverleg = 'ja'"),
    ("afdoening_gevuld", "zsm", "m.k_vt_afdoeningsoverleg <> ''"),
    ("geinformeerd", "zsm", "m.k_vt_geinformeerd = 'ja' AND m.k_beslissing <> ''"),
    ("beslissing_gevuld", "zsm", "m.k_beslissing <> ''"),
    ("voor_beslissing", "zsm",
     "m.k_beslissing_tijdstip <> '' AND m.k_veiligheidsbeoordeling = 'ja' AND m.k_beoordeling_voor >= 0"),
    ("beslissing_tijdstip_gevuld", "zsm", "m.k_beslissing_tijdstip <> ''"),
    ("heenzending_voorwaarden", "zsm",
     "m.k_beslissing IN ('heenzenden', 'heenzenden_voorwaarden') "
     "AND (m.k_beslissing = 'heenzenden_voorwaarden' OR m.k_veiligheidsvoorwaarden = 'ja')"),
    ("heenzending", "zsm", "m.k_beslissing IN ('heenzenden', 'heenzenden_voorwaarden')"),
    ("anoniem", "ssk", "m.k_anoniem = 'ja'"),
    ("anoniem_gevuld", "ssk", "m.k_anoniem <> ''"),
    ("onderzoeksplan", "ssk", "m.k_onderzoeksplan = 'ja'"),
]
MAAT_NAMEN = [n for n, _, _ in MATEN]
GEEN = "CAST(NULL AS TEXT)"
# (kind, status, dagdeel, criterium, GROUP BY) as in repo::kenmerk_tellingen.
DELEN = [
    ("acuut", "''", GEEN, GEEN, []),
    ("actieoverleg", "m.status", GEEN, "m.k_criterium", ["m.status", "m.k_criterium"]),
    ("zsm", "''", "m.k_dagdeel", GEEN, ["m.k_dagdeel"]),
    ("ssk", "''", GEEN, GEEN, []),
]


def sql_kenmerken(gegroepeerd):
    """Per region-year (binds) or, gegroepeerd, all region-years in [$2, $3) at once."""
    delen = []
    for soort, status, dagdeel, criterium, groep in DELEN:
        kol = ", ".join(
            f"CAST(COALESCE(SUM(CASE WHEN {v} THEN 1 ELSE 0 END), 0) AS BIGINT) AS {n}"
            if s == soort else f"CAST(0 AS BIGINT) AS {n}"
            for n, s, v in MATEN
        )
        if gegroepeerd:
            sleutel = "m.regio_code AS regio, substr(m.tijdstip, 1, 4) AS jaar, "
            groep = ["m.regio_code", "substr(m.tijdstip, 1, 4)"] + groep
            waar = "WHERE m.tijdstip >= $2 AND m.tijdstip < $3"
        else:
            sleutel = ""
            waar = "WHERE m.regio_code = $1 AND m.tijdstip >= $2 AND m.tijdstip < $3"
        groep_sql = ("GROUP BY " + ", ".join(groep)) if groep else ""
        delen.append(
            f"SELECT {sleutel}'{soort}' AS soort, {status} AS status, {dagdeel} AS dagdeel, "
            f"{criterium} AS criterium, "
            f"COUNT(*) AS aantal, {kol} FROM moment m {waar} AND m.soort = '{soort}' {groep_sql}")
    return " UNION ALL ".join(delen)


def sql_duren(gegroepeerd):
    def deel(soort, kolom):
        if gegroepeerd:
            return (f"SELECT m.regio_code, substr(m.tijdstip, 1, 4), m.soort, m.{kolom}, COUNT(*) FROM moment m "
                    f"WHERE m.tijdstip >= $2 AND m.tijdstip < $3 AND m.soort = '{soort}' AND m.{kolom} >= 0 "
                    f"GROUP BY m.regio_code, substr(m.tijdstip, 1, 4), m.soort, m.{kolom}")
        return (f"SELECT m.soort, m.{kolom}, COUNT(*) FROM moment m "
                f"WHERE m.regio_code = $1 AND m.tijdstip >= $2 AND m.tijdstip < $3 "
                f"AND m.soort = '{soort}' AND m.{kolom} >= 0 GROUP BY m.soort, m.{kolom}")
    return " UNION ALL ".join([deel("acuut", "k_responstijd"), deel("actieoverleg", "k_doorlooptijd"),
                               deel("ssk", "k_consultatie")])


AFSPRAKEN_SOM = ("COUNT(*), CAST(COALESCE(SUM(CASE WHEN a.status = 'gereed' AND a.gereed_op IS NOT NULL "
                 "AND substr(a.gereed_op, 1, 10) <= a.deadline THEN 1 ELSE 0 END), 0) AS BIGINT)")
AFSPRAKEN_VAN = ("FROM moment m JOIN afspraak a ON a.moment_id = m.id WHERE {waar} "
                 "AND m.soort = 'actieoverleg' AND a.status <> 'vervallen' AND (a.status = 'gereed' OR a.deadline <= $4)")
AANWEZIG_SOM = "w.organisatie_id, COUNT(*), CAST(SUM(CASE WHEN w.aanwezig THEN 1 ELSE 0 END) AS BIGINT)"
AANWEZIG_VAN = ("FROM overleg g JOIN vergadering v ON v.overleg_id = g.id "
                "JOIN vergadering_aanwezigheid w ON w.vergadering_id = v.id WHERE {waar}")
HERHALING_SOM = """COUNT(*), CAST(COALESCE(SUM(CASE
     WHEN c.herhaling IS NOT NULL THEN (CASE WHEN c.herhaling THEN 1 ELSE 0 END)
     WHEN EXISTS (SELECT 1 FROM casus p WHERE p.pseudoniem = c.pseudoniem
           AND p.eerste_dag >= c.eerste_dag - 365
           AND (p.eerste_tijdstip < c.eerste_tijdstip
                OR (p.eerste_tijdstip = c.eerste_tijdstip AND p.id < c.id))) THEN 1
     ELSE 0 END), 0) AS BIGINT)"""
HERHALING_VAN = "FROM casus c WHERE {waar} AND (c.pseudoniem IS NOT NULL OR c.herhaling IS NOT NULL)"

Q_AFSPRAKEN = f"SELECT {AFSPRAKEN_SOM} " + AFSPRAKEN_VAN.format(
    waar="m.regio_code = $1 AND m.tijdstip >= $2 AND m.tijdstip < $3")
Q_AANWEZIG = f"SELECT {AANWEZIG_SOM} " + AANWEZIG_VAN.format(
    waar="g.regio_code = $1 AND v.datum >= $2 AND v.datum < $3") + " GROUP BY w.organisatie_id"
Q_HERHALING = f"SELECT {HERHALING_SOM} " + HERHALING_VAN.format(
    waar="c.regio_code = $1 AND c.eerste_tijdstip >= $2 AND c.eerste_tijdstip < $3")
G_AFSPRAKEN = (f"SELECT m.regio_code, substr(m.tijdstip, 1, 4), {AFSPRAKEN_SOM} "
               + AFSPRAKEN_VAN.format(waar="m.tijdstip >= $2 AND m.tijdstip < $3")
               + " GROUP BY 1, 2")
G_AANWEZIG = (f"SELECT g.regio_code, substr(v.datum, 1, 4), {AANWEZIG_SOM} "
              + AANWEZIG_VAN.format(waar="v.datum >= $2 AND v.datum < $3") + " GROUP BY 1, 2, w.organisatie_id")
G_HERHALING = (f"SELECT c.regio_code, substr(c.eerste_tijdstip, 1, 4), {HERHALING_SOM} "
               + HERHALING_VAN.format(waar="c.eerste_tijdstip >= $2 AND c.eerste_tijdstip < $3") + " GROUP BY 1, 2")


def grenzen(jaar):
    return f"{jaar}-01-01", f"{int(jaar) + 1}-01-01"


def tellingen_duckdb(regio, jaar):
    van, tot = grenzen(jaar)
    b3 = [regio, van, tot]
    return {
        "kenmerken": duck.execute(sql_kenmerken(False), b3).fetchall(),
        "duren": duck.execute(sql_duren(False), b3).fetchall(),
        "aanwezigheid": duck.execute(Q_AANWEZIG, b3).fetchall(),
        "afspraken": duck.execute(Q_AFSPRAKEN, b3 + [vandaag]).fetchone(),
        "herhaling": duck.execute(Q_HERHALING, b3).fetchone(),
    }


# ---- DuckDB timings -------------------------------------------------------------------------
tellingen_duckdb(regios[0], jaren[0])  # plans and caches warm, not timed
t0 = time.perf_counter()
duck_per = {(r, j): tellingen_duckdb(r, j) for r in regios for j in jaren}
t_duck_per = time.perf_counter() - t0

van, tot = grenzen(jaren[0])[0], grenzen(jaren[-1])[1]
t0 = time.perf_counter()
# The grouped queries do not use $1; DuckDB wants every bind used, so $1 is dropped.
def zonder1(sql):
    return sql.replace("$2", "$1").replace("$3", "$2").replace("$4", "$3")
g_k = duck.execute(zonder1(sql_kenmerken(True)), [van, tot]).fetchall()
g_d = duck.execute(zonder1(sql_duren(True)), [van, tot]).fetchall()
g_w = duck.execute(zonder1(G_AANWEZIG), [van, tot]).fetchall()
g_a = duck.execute(zonder1(G_AFSPRAKEN), [van, tot, vandaag]).fetchall()
g_h = duck.execute(zonder1(G_HERHALING), [van, tot]).fetchall()
t_duck_groep = time.perf_counter() - t0
log(f"DuckDB: per region-year {t_duck_per:.3f} s, grouped {t_duck_groep:.3f} s")

# ---- Voorop through its API, cold then warm ---------------------------------------------------
def api(regio, jaar):
    r = urllib.request.Request(f"{a.url}/api/v1/indicatoren?regio={regio}&periode={jaar}",
                               headers={"Authorization": f"Bearer {a.token}"})
    with urllib.request.urlopen(r, timeout=600) as antwoord:
        return json.loads(antwoord.read())


t0 = time.perf_counter()
voorop = {(r, j): api(r, j) for r in regios for j in jaren}
t_koud = time.perf_counter() - t0
t0 = time.perf_counter()
for r in regios:
    for j in jaren:
        api(r, j)
t_warm = time.perf_counter() - t0
log(f"Voorop API: cold {t_koud:.3f} s, warm {t_warm:.3f} s")

# ---- agreement: DuckDB's counts against Voorop's unsuppressed teller/noemer -------------------
def verwacht(t):
    """(code, dagdeel) -> (teller, noemer) from DuckDB's counts, as Tellingen::uit_database and
    indicatoren::bouw combine them (None: not compared)."""
    s = {}
    def som(soort, naam, pred=lambda rij: True):
        i = 5 + MAAT_NAMEN.index(naam) if naam else 4
        return sum(rij[i] for rij in t["kenmerken"] if rij[0] == soort and pred(rij))
    aantal = lambda soort, pred=lambda rij: True: som(soort, None, pred)
    s[("herhaling", None)] = (t["herhaling"][1], t["herhaling"][0])
    s[("acuut_aantal", None)] = (aantal("acuut"), None)
    s[("acuut_ter_plaatse", None)] = (som("acuut", "ter_plaatse"), som("acuut", "reactie_gevuld"))
    s[("acuut_beoordeling", None)] = (som("acuut", "beoordeeld"), aantal("acuut"))
    s[("acuut_vt_melding", None)] = (som("acuut", "vt_gemeld"), aantal("acuut"))
    s[("acuut_responstijd", None)] = (None, sum(n for so, _, n in t["duren"] if so == "acuut"))
    besloten = lambda rij: rij[1] not in ("ingediend", "open")
    klaar = lambda rij: rij[1] in ("afgewezen", "besproken", "afspraken_lopen", "afgerond")
    s[("ao_aanmeldingen", None)] = (aantal("actieoverleg"), None)
    s[("ao_afgewezen", None)] = (aantal("actieoverleg", lambda rij: rij[1] == "afgewezen"),
                                 aantal("actieoverleg", besloten))
    for c in {rij[3] for rij in t["kenmerken"] if rij[0] == "actieoverleg" and rij[3]}:
        met = lambda rij, c=c: besloten(rij) and rij[3] == c
        s[("ao_aanvaard_per_criterium", c)] = (
            aantal("actieoverleg", lambda rij, met=met: met(rij) and rij[1] != "afgewezen"),
            aantal("actieoverleg", met))
    s[("ao_terugkoppeling", None)] = (som("actieoverleg", "teruggekoppeld", klaar), aantal("actieoverleg", klaar))
    s[("ao_doorlooptijd", None)] = (None, sum(n for so, _, n in t["duren"] if so == "actieoverleg"))
    s[("ao_afspraken_op_tijd", None)] = (t["afspraken"][1], t["afspraken"][0])
    for code, teller, noemer in [
        ("zsm_vt_betrokken", "betrokken", "betrokken_gevuld"), ("zsm_contact", "contact", "contact_gevuld"),
        ("zsm_contact_gezocht", "contact_gezocht", "contact_gezocht_gevuld"),
        ("zsm_beslissing_binnen_termijn", "binnen_termijn", "ophoud_gevuld"),
        ("zsm_vt_afdoeningsoverleg", "afdoening", "afdoening_gevuld"),
        ("zsm_vt_geinformeerd", "geinformeerd", "beslissing_gevuld"),
        ("zsm_beoordeling_voor_beslissing", "voor_beslissing", "beslissing_tijdstip_gevuld"),
        ("zsm_heenzending_voorwaarden", "heenzending_voorwaarden", "heenzending"),
    ]:
        s[(code, "totaal")] = (som("zsm", teller), som("zsm", noemer))
    s[("zsm_aantal", "totaal")] = (aantal("zsm"), None)
    s[("ssk_aantal", None)] = (aantal("ssk"), None)
    s[("ssk_anoniem", None)] = (som("ssk", "anoniem"), som("ssk", "anoniem_gevuld"))
    s[("ssk_onderzoeksplan", None)] = (som("ssk", "onderzoeksplan"), aantal("ssk"))
    s[("ssk_om_consultatie", None)] = (None, sum(n for so, _, n in t["duren"] if so == "ssk"))
    return s


vergeleken = gelijk = 0
verschillen = []
for (r, j), antwoord in voorop.items():
    v = verwacht(duck_per[(r, j)])
    for ind in antwoord["indicatoren"]:
        sleutel = (ind["code"], ind["dagdeel"] or ind.get("criterium"))
        if sleutel not in v or ind["onderdrukt"]:
            continue
        teller, noemer = v[sleutel]
        paren = []
        if teller is not None and ind["teller"] is not None:
            paren.append((ind["teller"], teller))
        if noemer is not None and ind["noemer"] is not None:
            paren.append((ind["noemer"], noemer))
        for x, y in paren:
            vergeleken += 1
            if x == y:
                gelijk += 1
            else:
                verschillen.append(f"{r} {j} {sleutel}: Voorop {x}, DuckDB {y}")
# The grouped run must give the same counts as the per region-year run.
groep_ok = True
for regio, jaar, soort, status, dagdeel, criterium, *rest in g_k:
    per = [x for x in duck_per[(regio, jaar)]["kenmerken"]
           if x[0] == soort and x[1] == status and x[2] == dagdeel and x[3] == criterium]
    if not per or list(per[0][4:]) != rest:
        groep_ok = False
for regio, jaar, n, teller in g_h:
    if tuple(duck_per[(regio, jaar)]["herhaling"]) != (n, teller):
        groep_ok = False
for x in verschillen[:20]:
    log("DISAGREE " + x)
log(f"agreement: {gelijk}/{vergeleken} teller/noemer values equal; grouped = per region-year: {groep_ok}")

# ---- table rows -------------------------------------------------------------------------------
n = len(regios) * len(jaren)
L = a.label
rijen = []
if a.opnieuw_s is not None:
    rijen += [
        (f"Voorop counts all {n} region-years from the rows (`casus indicatoren --opnieuw`, stored)",
         f"{a.opnieuw_s:.2f} s"),
        ("Ratio Voorop counting from the rows / DuckDB grouped", f"{a.opnieuw_s / t_duck_groep:.1f}x"),
    ]
rijen += [
    (f"Voorop API, all {n} region-years, cold (fresh server, stored counts)", f"{t_koud:.2f} s"),
    (f"Voorop API, all {n} region-years, warm (counts from memory)", f"{t_warm:.3f} s"),
    (f"DuckDB read rows from {L} ({aantal[0]:,} moments, {aantal[1]:,} cases) into Arrow", f"{t_lezen:.2f} s"),
    ("DuckDB load Arrow into tables", f"{t_laden:.2f} s"),
    (f"DuckDB compute, per region-year ({n} x 5 queries)", f"{t_duck_per:.3f} s"),
    ("DuckDB compute, grouped (5 queries over all region-years)", f"{t_duck_groep:.3f} s"),
    ("Ratio Voorop cold / DuckDB per region-year", f"{t_koud / t_duck_per:.1f}x"),
    ("Ratio Voorop cold / DuckDB grouped", f"{t_koud / t_duck_groep:.1f}x"),
    ("Ratio Voorop warm / DuckDB per region-year", f"{t_warm / t_duck_per:.2f}x"),
    ("Counts agree (Voorop API teller/noemer vs DuckDB, unsuppressed, all region-years)",
     ("agree" if gelijk == vergeleken and vergeleken > 0 else "DISAGREE") + f" ({gelijk}/{vergeleken})"),
]
for wat, waarde in rijen:
    print(f"| {L} | {wat} | {waarde} |")
