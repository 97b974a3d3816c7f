#!/usr/bin/env python3
"""Controleert demo.json tegen catalogus-2022-v1.json (codes, thema's, elementen, enums, datums, aantallen)."""
import json, os, sys, datetime
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
cat = json.load(open(os.path.join(HERE, "catalogus-2022-v1.json"), encoding="utf-8"))
demo = json.load(open(os.path.join(HERE, "demo.json"), encoding="utf-8"))

errors = []
def err(msg): errors.append(msg)

REGIOS = ["noord-nederland", "oost-nederland", "midden-nederland", "noord-holland", "amsterdam",
          "den-haag", "rotterdam", "zeeland-west-brabant", "oost-brabant", "limburg"]
FASEN = {"niet_gestart", "ontwikkeling", "implementatie", "monitoring", "geborgd"}
ORGS = {"veilig_thuis", "politie", "om", "rvdk", "3ro", "gemeente", "netwerk"}
ELEMENTEN = ["ontwikkel", "uitvoering", "waarde"]
ELNAMEN = {"ontwikkel": "Ontwikkelinspanningen", "uitvoering": "Uitvoeringsinspanningen: meer- en minderwerk", "waarde": "Waarde"}
KLASSEN = {"regulier", "verschuiving", "meerwerk", "minderwerk"}
EENHEDEN = {"uren_per_week", "uren_per_maand", "fte", "euro", "aantal", "keer_per_week", "keer_per_maand", "dagen"}
BEWIJS = {"interview", "evaluatie", "werkplan", "registratie", "casusonderzoek"}
STERKTE = {"aangetoond", "plausibel", "verwacht"}
BRONSOORT = {"werkplan", "evaluatie", "procesdocument", "overig"}

# --- catalogus ---
codes = {}  # code -> (thema, element)
names_seen = {}
if [t["nummer"] for t in cat["themas"]] != [1, 2, 3, 4, 5]:
    err("catalogus: thema's moeten 1..5 zijn")
for t in cat["themas"]:
    for k in ("doel", "aanleiding", "vorm", "impactanalyse"):
        if not t.get("context", {}).get(k):
            err(f"catalogus thema {t['nummer']}: context.{k} ontbreekt")
    if [e["code"] for e in t["elementen"]] != ELEMENTEN:
        err(f"catalogus thema {t['nummer']}: elementen {[e['code'] for e in t['elementen']]}")
    for e in t["elementen"]:
        if e["naam"] != ELNAMEN[e["code"]]:
            err(f"catalogus thema {t['nummer']}: elementnaam {e['naam']!r}")
        pfx = {"ontwikkel": "o", "uitvoering": "u", "waarde": "w"}[e["code"]]
        for i, ind in enumerate(e["indicatoren"], 1):
            exp = f"{t['nummer']}.{pfx}{i}"
            if ind["code"] != exp: err(f"catalogus: code {ind['code']} verwacht {exp}")
            if ind["code"] in codes: err(f"catalogus: dubbele code {ind['code']}")
            codes[ind["code"]] = (t["nummer"], e["code"])
            if (t["nummer"], e["code"], ind["naam"]) in names_seen: err(f"catalogus: dubbele naam {ind['naam']}")
            names_seen[(t["nummer"], e["code"], ind["naam"])] = 1

# --- fasen ---
seen = Counter()
for f in demo["fasen"]:
    if f["regio"] not in REGIOS: err(f"fasen: onbekende regio {f['regio']}")
    if f["periode"] not in ("2024", "2025", "2026"): err(f"fasen: periode {f['periode']}")
    if f["thema"] not in range(1, 6): err(f"fasen: thema {f['thema']}")
    if f["fase"] not in FASEN: err(f"fasen: fase {f['fase']}")
    if not set(f["kartrekkers"]) <= ORGS: err(f"fasen: kartrekkers {f['kartrekkers']}")
    seen[(f["regio"], f["periode"], f["thema"])] += 1
if len(demo["fasen"]) != 150 or len(seen) != 150 or max(seen.values()) != 1:
    err(f"fasen: verwacht 150 unieke combinaties, kreeg {len(demo['fasen'])}/{len(seen)}")

def check_date(d, jaar, where):
    try:
        dt = datetime.date.fromisoformat(d)
    except Exception:
        err(f"{where}: ongeldige datum {d!r}"); return
    if str(dt.year) != jaar: err(f"{where}: datum {d} valt buiten periode {jaar}")

# --- registraties ---
for regio, perioden in demo["regios"].items():
    if regio not in REGIOS: err(f"regios: onbekende regio {regio}")
    for jaar, r in perioden.items():
        w = f"{regio}/{jaar}"
        vk = Counter((v["thema"], v["element"]) for v in r["verhalen"])
        for t in range(1, 6):
            for e in ELEMENTEN:
                if vk[(t, e)] != 1: err(f"{w}: verhaal thema {t} {e} aantal {vk[(t, e)]}")
        for v in r["verhalen"]:
            if not v["tekst"].strip(): err(f"{w}: leeg verhaal")
        for i, x in enumerate(r["inspanningen"]):
            wi = f"{w} inspanning {i} ({x['indicator']})"
            if x["indicator"] not in codes: err(f"{wi}: onbekende code"); continue
            th, el = codes[x["indicator"]]
            if th != x["thema"] or el != x["element"] or el == "waarde": err(f"{wi}: thema/element klopt niet met catalogus")
            if not x["partners"] or not set(x["partners"]) <= ORGS: err(f"{wi}: partners {x['partners']}")
            if x["classificatie"] not in KLASSEN: err(f"{wi}: classificatie")
            if (x["hoeveelheid"] is None) != (x["eenheid"] is None): err(f"{wi}: hoeveelheid/eenheid half gevuld")
            if x["eenheid"] is not None and x["eenheid"] not in EENHEDEN: err(f"{wi}: eenheid {x['eenheid']}")
            if x["hoeveelheid"] is not None and not (isinstance(x["hoeveelheid"], (int, float)) and x["hoeveelheid"] > 0): err(f"{wi}: hoeveelheid")
            if x["bewijs"] not in BEWIJS: err(f"{wi}: bewijs {x['bewijs']}")
            if not x["omschrijving"].strip(): err(f"{wi}: omschrijving leeg")
            check_date(x["bewijs_datum"], jaar, wi)
        for i, x in enumerate(r["waarden"]):
            wi = f"{w} waarde {i} ({x['indicator']})"
            if codes.get(x["indicator"]) != (x["thema"], "waarde"): err(f"{wi}: code hoort niet bij waarde van thema {x['thema']}")
            if x["bewijs"] not in BEWIJS: err(f"{wi}: bewijs")
            if x["sterkte"] not in STERKTE: err(f"{wi}: sterkte")
            check_date(x["bewijs_datum"], jaar, wi)
        for x in r["citaten"]:
            if x["thema"] not in range(1, 6) or not x["tekst"].strip() or not x["bron"].strip(): err(f"{w}: citaat {x}")
        for x in r["praktijk"]:
            if x["thema"] not in range(1, 6) or "(fictief)" not in x["bron"]: err(f"{w}: praktijk {x['titel']}")
        for x in r["bronnen"]:
            if x["soort"] not in BRONSOORT or "(fictief)" not in x["titel"] or x["jaar"] != jaar: err(f"{w}: bron {x}")
        if not 4 <= len(r["bronnen"]) <= 6: err(f"{w}: {len(r['bronnen'])} bronnen")
        for t in range(1, 6):
            ins = [x for x in r["inspanningen"] if x["thema"] == t]
            if len(ins) < 4: err(f"{w} thema {t}: {len(ins)} inspanningen")
            if {x["element"] for x in ins} != {"ontwikkel", "uitvoering"}: err(f"{w} thema {t}: niet beide inspanningselementen")
            if len({p for x in ins for p in x["partners"]}) < 2: err(f"{w} thema {t}: te weinig partners")
            if sum(x["thema"] == t for x in r["waarden"]) < 3: err(f"{w} thema {t}: <3 waarden")
            if sum(x["thema"] == t for x in r["citaten"]) < 2: err(f"{w} thema {t}: <2 citaten")
            if not 1 <= sum(x["thema"] == t for x in r["praktijk"]) <= 2: err(f"{w} thema {t}: praktijk 1-2")
        kl = Counter(x["classificatie"] for x in r["inspanningen"])
        if set(kl) != KLASSEN: err(f"{w}: niet alle classificaties gebruikt {dict(kl)}")
        print(f"{w}: " + "; ".join(
            f"T{t} ins={sum(x['thema']==t for x in r['inspanningen'])} wrd={sum(x['thema']==t for x in r['waarden'])} cit={sum(x['thema']==t for x in r['citaten'])} prk={sum(x['thema']==t for x in r['praktijk'])}"
            for t in range(1, 6)) + f"; bronnen={len(r['bronnen'])}; klassen={dict(kl)}")

print(f"catalogus: {len(codes)} indicatoren; fasen: {len(demo['fasen'])}")
if errors:
    print("FOUTEN:"); [print(" -", e) for e in errors]; sys.exit(1)
print("OK")
