#!/usr/bin/env python3
"""Leest een Excel-export van Voorop met openpyxl en schrijft als JSON wat openpyxl erin ziet.

Gebruikt door de integratietest tests/integratie/excel_extern.rs, die de uitkomst controleert
(dit script beoordeelt niets zelf: het geeft een ander programma dan Voorop het woord over
het bestand). Gebruik:

    python3 tests/excel/openpyxl_lezen.py bestand.xlsx

Per blad: bevroren deelvenster, afdrukinstellingen (stand, passend maken, afdruktitels),
bladbeveiliging, hoogte van rijen, en per Excel-tabel het bereik, het filter en per kolom de
kop, de breedte, de soorten waarden (str, int, float, datetime, leeg), de getalnotaties van
de gevulde cellen en of de cellen vergrendeld zijn. Daarnaast de documenteigenschappen
(ook Company uit docProps/app.xml, dat openpyxl niet leest).
"""

import json
import re
import sys
import zipfile

import openpyxl
from openpyxl.utils import range_boundaries


def soort(waarde):
    if waarde is None:
        return "leeg"
    return type(waarde).__name__


def breedtes(ws):
    """Column number -> width. One <col> element may cover several columns (min..max);
    openpyxl files it under its first column only."""
    uit = {}
    for dim in ws.column_dimensions.values():
        if dim.customWidth or dim.width:
            for kol in range(dim.min, dim.max + 1):
                uit[kol] = dim.width
    return uit


def tabel(ws, t):
    min_kol, min_rij, max_kol, max_rij = range_boundaries(t.ref)
    kolommen = []
    per_kolom = breedtes(ws)
    for i, kol in enumerate(range(min_kol, max_kol + 1)):
        cellen = [ws.cell(rij, kol) for rij in range(min_rij + 1, max_rij + 1)]
        breedte = per_kolom.get(kol)
        kolommen.append(
            {
                "kop": t.tableColumns[i].name,
                "kopcel": ws.cell(min_rij, kol).value,
                "breedte": breedte,
                "soorten": sorted({soort(c.value) for c in cellen}),
                "formaten": sorted({c.number_format for c in cellen if c.value is not None}),
                "vergrendeld": sorted({bool(c.protection.locked) for c in cellen}),
                "waarden": [
                    c.value.date().isoformat() if hasattr(c.value, "date") else c.value
                    for c in cellen
                ],
            }
        )
    return {
        "naam": t.displayName,
        "ref": t.ref,
        "filter": t.autoFilter.ref if t.autoFilter is not None else None,
        "kolommen": kolommen,
    }


def blad(ws):
    ps = ws.page_setup
    pr = ws.sheet_properties.pageSetUpPr
    b = ws.protection
    return {
        "naam": ws.title,
        "bevroren": ws.freeze_panes,
        "stand": ps.orientation,
        "passend": bool(pr.fitToPage) if pr is not None else False,
        # openpyxl leaves out what the file leaves out: fitToWidth defaults to 1.
        "pagina_breed": int(ps.fitToWidth) if ps.fitToWidth is not None else 1,
        "pagina_hoog": int(ps.fitToHeight) if ps.fitToHeight is not None else 1,
        "afdruktitels": ws.print_title_rows,
        "beveiligd": bool(b.sheet),
        "wachtwoord": bool(b.password),
        # As in the file: True means the action is locked on the protected sheet.
        "sorteren_vergrendeld": bool(b.sort),
        "filteren_vergrendeld": bool(b.autoFilter),
        "rijen_invoegen_vergrendeld": bool(b.insertRows),
        "rijhoogten": {
            str(r): d.height for r, d in ws.row_dimensions.items() if d.height is not None
        },
        "cellen": {
            c.coordinate: {
                "waarde": c.value.date().isoformat() if hasattr(c.value, "date") else c.value,
                "soort": soort(c.value),
                "formaat": c.number_format,
                "vergrendeld": bool(c.protection.locked),
            }
            for rij in ws.iter_rows(min_row=1, max_row=6)
            for c in rij
            if c.value is not None
        },
        "tabellen": [tabel(ws, t) for t in ws.tables.values()],
    }


def main():
    if len(sys.argv) != 2:
        sys.exit("gebruik: openpyxl_lezen.py bestand.xlsx")
    pad = sys.argv[1]
    wb = openpyxl.load_workbook(pad)
    p = wb.properties
    with zipfile.ZipFile(pad) as z:
        app = z.read("docProps/app.xml").decode("utf-8")
    bedrijf = re.search(r"<Company>(.*?)</Company>", app)
    uit = {
        "openpyxl": openpyxl.__version__,
        "eigenschappen": {
            "titel": p.title,
            "onderwerp": p.subject,
            "auteur": p.creator,
            "trefwoorden": p.keywords,
            "categorie": p.category,
            "gemaakt": p.created.isoformat() if p.created else None,
            "organisatie": bedrijf.group(1) if bedrijf else None,
        },
        "bladen": [blad(ws) for ws in wb.worksheets],
    }
    json.dump(uit, sys.stdout, ensure_ascii=False, default=str)


if __name__ == "__main__":
    main()
