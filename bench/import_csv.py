#!/usr/bin/env python3
"""Writes a fictional CSV for `voorop casus import` with N rows: the rows of
docs/voorbeeld-casus-import.csv (without its Actie-overleg row) over and over, every date shifted by a day per repetition
(within 2025), each repetition its own cases (casus_ref) and fictional persons.
Usage: import_csv.py N OUT.csv"""
import datetime
import re
import sys
from pathlib import Path

n, uit = int(sys.argv[1]), sys.argv[2]
voorbeeld = (Path(__file__).resolve().parent.parent / "docs" / "voorbeeld-casus-import.csv").read_text(encoding="utf-8-sig")
kop, *sjablonen = [r for r in voorbeeld.splitlines() if r.strip()]
# Actie-overleg rows are left out: in the national dataset every region has more than one
# Actie-overleg, and an import cannot choose one (it refuses such rows).
sjablonen = [r for r in sjablonen if not r.startswith("actieoverleg;")]
datum = re.compile(r"\b(2025)-(\d\d)-(\d\d)\b")


def verschuif(rij, dagen):
    def vervang(m):
        d = datetime.date(int(m.group(1)), int(m.group(2)), int(m.group(3))) + datetime.timedelta(days=dagen)
        return d.isoformat()
    return datum.sub(vervang, rij)


with open(uit, "w", encoding="utf-8") as f:
    f.write(kop + "\n")
    for i in range(n):
        herhaling, k = divmod(i, len(sjablonen))
        rij = verschuif(sjablonen[k], herhaling % 200)
        rij = rij.replace("REG-2025-", f"BENCH-{herhaling}-")
        rij = rij.replace("Voorbeeld, Anna", f"Proef{herhaling}, Anna").replace("Bram Voorbeeld", f"Bram Proef{herhaling}")
        f.write(rij + "\n")
