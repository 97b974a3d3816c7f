use super::super::model::{Standaard, Vraag};
use super::*;
use rust_xlsxwriter::ExcelDateTime;
use std::collections::BTreeMap;
use std::io::Read;
use std::path::PathBuf;

// ----- hulpfuncties -----------------------------------------------------

/// The round of every test export (and of the fixtures: B5 = 1).
const TEST_RONDE: i64 = 1;

fn vragenlijst() -> Vragenlijst {
    Vragenlijst {
        versie: "test-v1".into(),
        titel: "Testvragenlijst".into(),
        bron: String::new(),
        afgeleid: false,
        standaarden: (1..=10)
            .map(|n| Standaard {
                nummer: n,
                titel: if n == 1 {
                    "Integrale visie".into()
                } else {
                    format!("Standaard {n}")
                },
                tekst: format!("Tekst van standaard {n}"),
                groep: "1-2".into(),
            })
            .collect(),
        vragen: (1..=31u16)
            .map(|n| Vraag {
                nummer: n,
                blok: if n <= 14 { 1 } else { 2 },
                standaard: ((n - 1) % 10 + 1) as u8,
                tekst: format!("Vraag {n}: is dit geregeld?"),
            })
            .collect(),
        rad_van_fortuin: vec![],
    }
}

/// Eén antwoord per vraag volgens `antwoord`, met de toelichtingen uit `toelichtingen`.
fn patroon(
    vl: &Vragenlijst,
    antwoord: impl Fn(u16) -> Option<Antwoord>,
    toelichtingen: &[(u16, &str)],
) -> Vec<VraagAntwoord> {
    vl.vragen
        .iter()
        .map(|v| VraagAntwoord {
            vraag: v.nummer,
            antwoord: antwoord(v.nummer),
            toelichting: toelichtingen
                .iter()
                .find(|(n, _)| *n == v.nummer)
                .map_or(String::new(), |(_, t)| t.to_string()),
        })
        .collect()
}

fn gemeente(code: &str, naam: &str, antwoorden: Vec<VraagAntwoord>) -> ExportGemeente {
    ExportGemeente {
        code: code.into(),
        naam: naam.into(),
        antwoorden,
    }
}

/// Ronde met het regiogemiddelde berekend over de gegeven gemeenten.
fn ronde(vl: Vragenlijst, gemeenten: Vec<ExportGemeente>) -> ExportRonde {
    let per_gemeente: Vec<Vec<StandaardScore>> = gemeenten
        .iter()
        .map(|g| scores(&vl, &g.antwoorden))
        .collect();
    let regio = vl
        .standaarden
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let som: f64 = per_gemeente.iter().map(|g| g[i].percentage).sum();
            StandaardScore {
                standaard: s.nummer,
                op_orde: 0,
                totaal: 0,
                beantwoord: 0,
                percentage: (som * 10.0 / per_gemeente.len().max(1) as f64).round() / 10.0,
            }
        })
        .collect();
    ExportRonde {
        ronde_id: TEST_RONDE,
        titel: "Zelfscan Oost-Brabant – Evaluatie 2026".into(),
        regio_naam: "Oost-Brabant".into(),
        doel: "Evaluatie".into(),
        datum: "2026-03-12".into(),
        vragenlijst: vl,
        regio_aantal_gemeenten: gemeenten.len() as u32,
        gemeenten,
        regio,
    }
}

fn deelnemers(ronde: &ExportRonde) -> Vec<(String, String)> {
    ronde
        .gemeenten
        .iter()
        .map(|g| (g.code.clone(), g.naam.clone()))
        .collect()
}

fn lees_blad(bytes: &[u8], blad: &str) -> Range<Data> {
    let mut werkmap: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).unwrap();
    werkmap.worksheet_range(blad).unwrap()
}

fn tekst_in(bereik: &Range<Data>, rij: u32, kol: u32) -> String {
    bereik
        .get_value((rij, kol))
        .map(ToString::to_string)
        .unwrap_or_default()
}

fn zip_bestanden(bytes: &[u8]) -> BTreeMap<String, String> {
    let mut archief = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let namen: Vec<String> = archief
        .file_names()
        .map(|n| n.unwrap().into_owned())
        .collect();
    namen
        .into_iter()
        .filter(|n| n.ends_with(".xml") || n.ends_with(".rels"))
        .map(|n| {
            let mut inhoud = String::new();
            archief
                .by_name(&n)
                .unwrap()
                .read_to_string(&mut inhoud)
                .unwrap();
            (n, inhoud)
        })
        .collect()
}

/// Per diagram in de werkmap (gesorteerd) het aantal reeksen; elk moet een radardiagram
/// met as 0–100 zijn.
fn reeksen_per_diagram(bytes: &[u8]) -> Vec<usize> {
    let mut reeksen: Vec<usize> = zip_bestanden(bytes)
        .iter()
        .filter(|(naam, _)| naam.starts_with("xl/charts/chart"))
        .map(|(naam, inhoud)| {
            assert!(
                inhoud.contains("<c:radarChart>"),
                "{naam} is geen radardiagram"
            );
            assert!(inhoud.contains("<c:max val=\"100\"/>"), "{naam}");
            assert!(inhoud.contains("<c:min val=\"0\"/>"), "{naam}");
            inhoud.matches("<c:ser>").count()
        })
        .collect();
    reeksen.sort();
    reeksen
}

/// The start tags `<tag …>` in `xml`.
fn starttags<'a>(xml: &'a str, tag: &str) -> Vec<&'a str> {
    let open = format!("<{tag}");
    xml.match_indices(&open)
        .map(|(i, _)| &xml[i..])
        .filter(|rest| rest[open.len()..].starts_with([' ', '>', '/']))
        .map(|rest| &rest[..=rest.find('>').unwrap()])
        .collect()
}

/// Attribute `naam` of a start tag.
fn attr<'a>(tag: &'a str, naam: &str) -> Option<&'a str> {
    let sleutel = format!(" {naam}=\"");
    let begin = tag.find(&sleutel)? + sleutel.len();
    Some(&tag[begin..begin + tag[begin..].find('"')?])
}

/// Per cell format (index `s` of a cell) of the workbook: (unlocked, number format code).
fn celstijlen(xml: &BTreeMap<String, String>) -> Vec<(bool, String)> {
    let stijlen = &xml["xl/styles.xml"];
    let formaten: BTreeMap<&str, &str> = starttags(stijlen, "numFmt")
        .into_iter()
        .map(|t| (attr(t, "numFmtId").unwrap(), attr(t, "formatCode").unwrap()))
        .collect();
    let xfs = &stijlen[stijlen.find("<cellXfs").unwrap()..stijlen.find("</cellXfs>").unwrap()];
    xfs.split("<xf ")
        .skip(1)
        .map(|xf| {
            let id = attr(&format!(" {xf}"), "numFmtId")
                .unwrap_or("0")
                .to_string();
            let code = formaten
                .get(id.as_str())
                .map_or(id.clone(), ToString::to_string);
            (xf.contains("locked=\"0\""), code)
        })
        .collect()
}

/// The format index of cell `adres` ("E7") in a sheet's XML (0 without `s`); `None` when the
/// cell is not there.
fn stijl_van(blad: &str, adres: &str) -> Option<usize> {
    starttags(blad, "c")
        .into_iter()
        .find(|t| attr(t, "r") == Some(adres))
        .map(|t| attr(t, "s").map_or(0, |s| s.parse().unwrap()))
}

/// The XML of the sheet named `naam` (through workbook.xml and its relationships).
fn blad_xml<'a>(xml: &'a BTreeMap<String, String>, naam: &str) -> &'a str {
    let blad = starttags(&xml["xl/workbook.xml"], "sheet")
        .into_iter()
        .find(|t| attr(t, "name") == Some(naam))
        .unwrap_or_else(|| panic!("geen blad {naam}"));
    let rid = attr(blad, "r:id").unwrap();
    let doel = starttags(&xml["xl/_rels/workbook.xml.rels"], "Relationship")
        .into_iter()
        .find(|t| attr(t, "Id") == Some(rid))
        .and_then(|t| attr(t, "Target"))
        .unwrap();
    &xml[&format!("xl/{doel}")]
}

/// The tables (`ref`, column names) of a sheet, through its relationships.
fn tabellen_van(xml: &BTreeMap<String, String>, naam: &str) -> Vec<(String, Vec<String>)> {
    let blad = blad_xml(xml, naam);
    let (pad, _) = xml.iter().find(|(_, v)| v.as_str() == blad).unwrap();
    let rels = pad.replace("worksheets/", "worksheets/_rels/") + ".rels";
    let Some(rels) = xml.get(&rels) else {
        return vec![];
    };
    starttags(blad, "tablePart")
        .into_iter()
        .map(|t| {
            let rid = attr(t, "r:id").unwrap();
            let doel = starttags(rels, "Relationship")
                .into_iter()
                .find(|r| attr(r, "Id") == Some(rid))
                .and_then(|r| attr(r, "Target"))
                .unwrap();
            let tabel = &xml[&format!("xl/{}", doel.trim_start_matches("../"))];
            let kop = starttags(tabel, "table")[0];
            let filter = starttags(tabel, "autoFilter");
            assert_eq!(
                filter.first().and_then(|f| attr(f, "ref")),
                attr(kop, "ref"),
                "tabel zonder autofilter over het hele bereik"
            );
            let kolommen = starttags(tabel, "tableColumn")
                .into_iter()
                .map(|c| attr(c, "name").unwrap().to_string())
                .collect();
            (attr(kop, "ref").unwrap().to_string(), kolommen)
        })
        .collect()
}

/// Column widths (A = index 0) of a sheet.
fn kolombreedtes_van(blad: &str) -> BTreeMap<u32, f64> {
    starttags(blad, "col")
        .into_iter()
        .flat_map(|c| {
            let breedte: f64 = attr(c, "width").unwrap().parse().unwrap();
            let (min, max): (u32, u32) = (
                attr(c, "min").unwrap().parse().unwrap(),
                attr(c, "max").unwrap().parse().unwrap(),
            );
            (min..=max).map(move |k| (k - 1, breedte))
        })
        .collect()
}

/// The height of row `rij` (1-based) when set, else Excel's default of 15 points.
fn rijhoogte_van(blad: &str, rij: u32) -> f64 {
    starttags(blad, "row")
        .into_iter()
        .find(|t| attr(t, "r") == Some(&rij.to_string()))
        .and_then(|t| attr(t, "ht"))
        .map_or(15.0, |h| h.parse().unwrap())
}

/// Landscape, one page wide and any number tall, header rows repeated (`titels`, e.g. "$6:$6").
fn controleer_afdrukken(xml: &BTreeMap<String, String>, naam: &str, titels: &str) {
    let blad = blad_xml(xml, naam);
    let pagina = starttags(blad, "pageSetup")[0];
    assert_eq!(attr(pagina, "orientation"), Some("landscape"), "{naam}");
    assert_eq!(attr(pagina, "fitToHeight"), Some("0"), "{naam}");
    // fitToWidth defaults to 1.
    assert!(
        matches!(attr(pagina, "fitToWidth"), None | Some("1")),
        "{naam}"
    );
    assert_eq!(
        attr(starttags(blad, "pageSetUpPr")[0], "fitToPage"),
        Some("1"),
        "{naam}"
    );
    let titel = format!(">{}!{titels}<", quote_bladnaam(naam));
    assert!(
        xml["xl/workbook.xml"].contains(&titel),
        "{naam}: geen afdruktitel {titel}"
    );
}

fn quote_bladnaam(naam: &str) -> String {
    if naam.chars().all(char::is_alphanumeric) {
        naam.to_string()
    } else {
        format!("'{}'", naam.replace('\'', "''"))
    }
}

/// Een celwaarde voor een met de hand opgebouwde werkmap.
#[derive(Clone)]
enum Cel {
    Tekst(String),
    Getal(f64),
    Bool(bool),
    Datum,
}

fn t(s: &str) -> Cel {
    Cel::Tekst(s.to_string())
}

/// Een blad met de opmaak van een gemeenteblad, cel voor cel te wijzigen.
struct RuwBlad {
    naam: String,
    cellen: BTreeMap<(u32, u16), Cel>,
}

impl RuwBlad {
    /// Correct ingevuld gemeenteblad: alle antwoorden "Op orde", geen toelichting.
    fn gemeente(naam: &str, code: &str, vl: &Vragenlijst) -> Self {
        let mut blad = Self {
            naam: naam.to_string(),
            cellen: BTreeMap::new(),
        }
        .zet("A3", t("Gemeentecode"))
        .zet("B3", t(code))
        .zet("B4", t(&vl.versie))
        .zet("B5", Cel::Getal(TEST_RONDE as f64));
        for (rij, v) in (7..).zip(&vl.vragen) {
            blad = blad
                .zet(&format!("A{rij}"), Cel::Getal(v.nummer.into()))
                .zet(&format!("E{rij}"), t("Op orde"));
        }
        blad
    }

    /// Zet cel `adres` (bijv. "E12"); `None` maakt de cel leeg.
    fn zet(mut self, adres: &str, cel: impl Into<Option<Cel>>) -> Self {
        let kol = u16::from(adres.as_bytes()[0] - b'A');
        let rij: u32 = adres[1..].parse::<u32>().unwrap() - 1;
        match cel.into() {
            Some(cel) => self.cellen.insert((rij, kol), cel),
            None => self.cellen.remove(&(rij, kol)),
        };
        self
    }
}

/// Werkmap met de gegeven bladen, plus de vaste bladen met onzin erop (die genegeerd
/// moeten worden).
fn werkmap(bladen: Vec<RuwBlad>) -> Vec<u8> {
    let mut wb = Workbook::new();
    let vast = VASTE_BLADEN.map(|naam| {
        RuwBlad {
            naam: naam.to_string(),
            cellen: BTreeMap::new(),
        }
        .zet("B3", t("geen-code"))
        .zet("A7", t("onzin"))
    });
    let datum = Format::new().set_num_format("yyyy-mm-dd");
    for blad in vast.into_iter().take(1).chain(bladen) {
        let ws = wb.add_worksheet();
        ws.set_name(&blad.naam).unwrap();
        for (&(rij, kol), cel) in &blad.cellen {
            match cel {
                Cel::Tekst(s) => ws.write_string(rij, kol, s),
                Cel::Getal(f) => ws.write_number(rij, kol, *f),
                Cel::Bool(b) => ws.write_boolean(rij, kol, *b),
                Cel::Datum => ws.write_datetime_with_format(
                    rij,
                    kol,
                    ExcelDateTime::from_ymd(2026, 3, 12).unwrap(),
                    &datum,
                ),
            }
            .unwrap();
        }
    }
    let ws = wb.add_worksheet();
    ws.set_name(BLAD_RESULTATEN).unwrap();
    ws.write_string(2, 1, "geen-code").unwrap();
    wb.save_to_buffer().unwrap()
}

fn twee_deelnemers() -> Vec<(String, String)> {
    vec![
        ("eindhoven".into(), "Eindhoven".into()),
        ("helmond".into(), "Helmond".into()),
    ]
}

fn import_fouten(bladen: Vec<RuwBlad>) -> Vec<ImportFout> {
    import_xlsx(
        &werkmap(bladen),
        TEST_RONDE,
        &vragenlijst(),
        &twee_deelnemers(),
    )
    .unwrap_err()
}

// ----- export en round-trip ---------------------------------------------

#[test]
fn round_trip_behoudt_antwoorden_en_toelichtingen() {
    let vl = vragenlijst();
    let bijzonder = "Volgens de \"regiovisie\" & het plan:\nfase één is klaar (café-overleg).";
    let eindhoven = patroon(
        &vl,
        |n| match n {
            _ if n % 5 == 0 => None,
            _ if n % 3 == 0 => Some(Antwoord::NietOpOrde),
            _ => Some(Antwoord::OpOrde),
        },
        &[
            (2, bijzonder),
            (5, "Nog geen antwoord, wel een toelichting"),
        ],
    );
    let den_bosch = patroon(
        &vl,
        |_| Some(Antwoord::NietOpOrde),
        &[(31, "'s-Hertogenbosch")],
    );
    let lang = "Gemeente met een heel lange naam: Súdwest-Fryslân/Friesland";
    let ronde = ronde(
        vl.clone(),
        vec![
            gemeente("eindhoven", "Eindhoven", eindhoven.clone()),
            gemeente("s-hertogenbosch", "'s-Hertogenbosch", den_bosch.clone()),
            // Een onvolledige invoer komt terug als volledige lijst met lege antwoorden.
            gemeente("lang-1", lang, vec![]),
            gemeente("lang-2", lang, eindhoven.clone()),
        ],
    );

    let bytes = export_xlsx(&ronde).unwrap();
    let ingelezen = import_xlsx(&bytes, TEST_RONDE, &vl, &deelnemers(&ronde)).unwrap();

    let leeg = patroon(&vl, |_| None, &[]);
    let verwacht = vec![
        ("eindhoven", eindhoven.clone()),
        ("s-hertogenbosch", den_bosch),
        ("lang-1", leeg),
        ("lang-2", eindhoven),
    ];
    let gekregen: Vec<(&str, Vec<VraagAntwoord>)> = ingelezen
        .iter()
        .map(|g| (g.code.as_str(), g.antwoorden.clone()))
        .collect();
    assert_eq!(gekregen, verwacht);
    assert_eq!(gekregen[0].1[1].toelichting, bijzonder);
}

#[test]
fn export_heeft_de_afgesproken_opmaak() {
    let vl = vragenlijst();
    let antwoorden = patroon(&vl, |n| (n == 1).then_some(Antwoord::OpOrde), &[(1, "x")]);
    let ronde = ronde(
        vl.clone(),
        vec![gemeente("eindhoven", "Eindhoven", antwoorden)],
    );
    let bytes = export_xlsx(&ronde).unwrap();

    let werkmap: Xlsx<_> = open_workbook_from_rs(Cursor::new(&bytes)).unwrap();
    assert_eq!(
        werkmap.sheet_names(),
        ["Toelichting", "Eindhoven", "Resultaten", "Regio"]
    );

    let toelichting = lees_blad(&bytes, BLAD_TOELICHTING);
    assert_eq!(tekst_in(&toelichting, 0, 0), ronde.titel);
    let alles: String = toelichting
        .cells()
        .map(|(_, _, d)| format!("{d}\n"))
        .collect();
    for verwacht in [
        "Oost-Brabant",
        "Evaluatie",
        "test-v1",
        "kolom E",
        "kolom F",
        "noteer afzonderlijk dit soort nuanceringen",
        "cel B3",
    ] {
        assert!(alles.contains(verwacht), "Toelichting mist {verwacht:?}");
    }

    // The date of the round as a date (a number with a date format), not as text.
    match toelichting
        .get_value((4, 0))
        .zip(toelichting.get_value((4, 1)))
    {
        Some((Data::String(label), Data::DateTime(d))) if label == "Datum" => {
            assert_eq!(
                d.as_f64(),
                ExcelDateTime::from_ymd(2026, 3, 12).unwrap().to_excel()
            );
        }
        x => panic!("rij 5 van Toelichting is geen datum: {x:?}"),
    }

    let blad = lees_blad(&bytes, "Eindhoven");
    assert_eq!(tekst_in(&blad, 0, 0), "Zelfscan – Eindhoven");
    assert_eq!(tekst_in(&blad, 2, 0), "Gemeentecode");
    assert_eq!(tekst_in(&blad, 2, 1), "eindhoven");
    assert_eq!(tekst_in(&blad, 3, 0), "Vragenlijst");
    assert_eq!(tekst_in(&blad, 3, 1), "test-v1");
    let koppen: Vec<String> = (0..6).map(|k| tekst_in(&blad, 5, k)).collect();
    assert_eq!(koppen, KOPPEN_GEMEENTE);
    let rij_7: Vec<String> = (0..6).map(|k| tekst_in(&blad, 6, k)).collect();
    assert_eq!(
        rij_7,
        ["1", "1", "1", "Vraag 1: is dit geregeld?", "Op orde", "x"]
    );
    let laatste: Vec<String> = (0..5).map(|k| tekst_in(&blad, 36, k)).collect();
    assert_eq!(laatste, ["31", "2", "1", "Vraag 31: is dit geregeld?", ""]);

    let xml = zip_bestanden(&bytes);
    let gemeenteblad = &xml["xl/worksheets/sheet2.xml"];
    assert!(gemeenteblad.contains(r#"<dataValidation type="list""#));
    assert!(gemeenteblad.contains("sqref=\"E7:E37\""));
    assert!(gemeenteblad.contains("Op orde,Niet op orde"));
    assert!(gemeenteblad.contains("<pane ySplit=\"6\""));
}

/// Issue 10, "Excel for analysts": tables with autofilter, widths from the content, frozen
/// and repeated headers, landscape fit-to-width printing, document properties, the gemeente
/// sheets protected except the answers, a date cell, status columns, and header rows tall
/// enough for their wrapped text; and the workbook still reads back.
#[test]
fn export_is_een_werkmap_voor_analisten() {
    let mut vl = vragenlijst();
    // One long question, which must wrap in a column of the maximum width.
    vl.vragen[0].tekst = "Heeft de gemeente een integrale visie op de aanpak van huiselijk geweld \
                          en kindermishandeling, die de gemeentelijke domeinen verbindt? "
        .repeat(3);
    let lang = "Gemeente met een heel lange naam: Súdwest-Fryslân/Friesland";
    let ronde = ronde(
        vl.clone(),
        vec![
            gemeente(
                "eindhoven",
                "Eindhoven",
                patroon(&vl, |n| (n > 10).then_some(Antwoord::OpOrde), &[]),
            ),
            gemeente(
                "lang",
                lang,
                patroon(&vl, |_| Some(Antwoord::NietOpOrde), &[]),
            ),
        ],
    );
    let bytes = export_xlsx(&ronde).unwrap();
    let xml = zip_bestanden(&bytes);
    let stijlen = celstijlen(&xml);
    let laatste = 6 + vl.vragen.len();

    // Document properties.
    let kern = &xml["docProps/core.xml"];
    for verwacht in [
        format!("<dc:title>{}</dc:title>", ronde.titel),
        format!("<dc:subject>{}</dc:subject>", vl.titel),
        "<dc:creator>Voorop</dc:creator>".to_string(),
        "<dcterms:created".to_string(),
    ] {
        assert!(kern.contains(&verwacht), "core.xml mist {verwacht}: {kern}");
    }
    let trefwoorden = &kern[kern.find("<cp:keywords>").expect("trefwoorden")..];
    assert!(trefwoorden.contains(&ronde.regio_naam) && trefwoorden.contains("Zelfscan"));
    assert!(
        xml["docProps/app.xml"].contains(&format!("<Company>Regio {}</Company>", ronde.regio_naam)),
        "organisatie"
    );

    // Every gemeente sheet: a table with autofilter over header and questions, frozen header,
    // protection with only E and F editable, printing.
    for naam in ["Eindhoven", "Gemeente met een heel lange naa"] {
        let blad = blad_xml(&xml, naam);
        assert_eq!(
            tabellen_van(&xml, naam),
            [(
                format!("A6:F{laatste}"),
                KOPPEN_GEMEENTE.map(String::from).to_vec()
            )],
            "{naam}"
        );
        assert!(
            blad.contains("<pane ySplit=\"6\" topLeftCell=\"A7\""),
            "{naam}"
        );
        let bescherming = starttags(blad, "sheetProtection");
        let bescherming = bescherming
            .first()
            .unwrap_or_else(|| panic!("{naam} onbeveiligd"));
        assert_eq!(attr(bescherming, "sheet"), Some("1"));
        // No password; filtering allowed; sorting and inserting or deleting rows not (the
        // import reads the questions by position: absent attributes mean "not allowed").
        assert_eq!(attr(bescherming, "password"), None);
        assert_eq!(attr(bescherming, "autoFilter"), Some("0"));
        for verboden in ["sort", "insertRows", "deleteRows"] {
            assert_eq!(attr(bescherming, verboden), None, "{naam}: {verboden}");
        }
        for rij in [7, laatste] {
            for kol in ["A", "B", "C", "D"] {
                let s = stijl_van(blad, &format!("{kol}{rij}")).unwrap();
                assert!(!stijlen[s].0, "{naam}!{kol}{rij} is niet vergrendeld");
            }
            for kol in ["E", "F"] {
                let s = stijl_van(blad, &format!("{kol}{rij}"))
                    .unwrap_or_else(|| panic!("{naam}!{kol}{rij} ontbreekt"));
                assert!(stijlen[s].0, "{naam}!{kol}{rij} is vergrendeld");
            }
        }
        for adres in ["B3", "B4", "B5", "A6", "E6"] {
            let s = stijl_van(blad, adres).unwrap();
            assert!(!stijlen[s].0, "{naam}!{adres} is niet vergrendeld");
        }
        controleer_afdrukken(&xml, naam, "$6:$6");
        // Widths from the content, bounded: the long questions at the maximum (they wrap),
        // the short numbers narrow.
        let breedtes = kolombreedtes_van(blad);
        assert!(
            breedtes
                .values()
                .all(|b| (xlsx::MIN_BREEDTE..=xlsx::MAX_BREEDTE + 1.0).contains(b))
        );
        assert!(breedtes[&3] > xlsx::MAX_BREEDTE - 1.0, "{breedtes:?}");
        assert!(breedtes[&2] < 20.0 && breedtes[&0] < 20.0, "{breedtes:?}");
        let tekens = vl.vragen[0].tekst.chars().count() as f64;
        assert!(
            rijhoogte_van(blad, 7) >= (tekens / (breedtes[&3] * 1.3)).ceil() * 15.0,
            "rij 7 is te laag voor de lange vraag: {}",
            rijhoogte_van(blad, 7)
        );
        let kort = vl.vragen[1].tekst.chars().count() as f64;
        assert!(rijhoogte_van(blad, 8) == 15.0 && kort < breedtes[&3]);
    }

    // Results: a table over the scores with a Status column; the wrapped gemeente names fit
    // in the header row (which is frozen with the labels).
    let blad = blad_xml(&xml, BLAD_RESULTATEN);
    let tabellen = tabellen_van(&xml, BLAD_RESULTATEN);
    assert_eq!(tabellen.len(), 1);
    assert_eq!(tabellen[0].0, "A4:E14");
    assert_eq!(
        tabellen[0].1,
        ["Standaard", "Eindhoven", lang, "Regio gemiddelde", "Status"]
    );
    assert!(blad.contains("<pane xSplit=\"1\" ySplit=\"4\""), "{blad}");
    controleer_afdrukken(&xml, BLAD_RESULTATEN, "$4:$4");
    let breedte = kolombreedtes_van(blad)[&2];
    assert!(
        breedte < lang.chars().count() as f64,
        "de naam loopt terug: {breedte}"
    );
    // Even at 1.3 characters a width unit (denser than Calibri) the name needs this many
    // lines beside the filter button; the header row is at least that tall.
    let regels = (lang.chars().count() as f64 / ((breedte - 3.0) * 1.3)).ceil();
    assert!(regels >= 2.0);
    assert!(
        rijhoogte_van(blad, 4) >= regels * 15.0,
        "kopregel {} pt voor {regels} regels",
        rijhoogte_van(blad, 4)
    );
    let resultaten = lees_blad(&bytes, BLAD_RESULTATEN);
    // Standard 1 (questions 1, 11, 21, 31): Eindhoven answered 11, 21 and 31.
    assert_eq!(tekst_in(&resultaten, 4, 4), STATUS_BEREKEND);
    // A standard Eindhoven left open (standard 3: questions 3, 13 and 23) has an empty cell,
    // and the status says why.
    let vl_zonder = patroon(&vl, |n| (n % 10 != 3).then_some(Antwoord::OpOrde), &[]);
    let ronde2 = self::ronde(
        vl.clone(),
        vec![gemeente("eindhoven", "Eindhoven", vl_zonder)],
    );
    let bytes2 = export_xlsx(&ronde2).unwrap();
    let resultaten2 = lees_blad(&bytes2, BLAD_RESULTATEN);
    assert_eq!(resultaten2.get_value((6, 1)), Some(&Data::Empty));
    assert_eq!(
        tekst_in(&resultaten2, 6, 3),
        format!("{STATUS_NIET_BEANTWOORD}: Eindhoven")
    );
    assert_eq!(resultaten.get_value((4, 1)), Some(&Data::Float(100.0)));
    let s = stijl_van(blad, "B5").unwrap();
    assert_eq!(
        stijlen[s].1,
        xlsx::EEN_DECIMAAL,
        "percentages als getal met een decimaal"
    );

    // Regio: a table with a Status column.
    let tabellen = tabellen_van(&xml, BLAD_REGIO);
    assert_eq!(tabellen[0].0, "A4:E14");
    assert_eq!(tabellen[0].1.last().map(String::as_str), Some("Status"));
    assert_eq!(
        tekst_in(&lees_blad(&bytes, BLAD_REGIO), 4, 4),
        STATUS_BEREKEND
    );
    controleer_afdrukken(&xml, BLAD_REGIO, "$4:$4");

    // The date on Toelichting has a Dutch date format.
    let toelichting = blad_xml(&xml, BLAD_TOELICHTING);
    let s = stijl_van(toelichting, "B5").unwrap();
    assert_eq!(stijlen[s].1, xlsx::DATUM);

    // Tables and protection do not get in the way of the import.
    let terug = import_xlsx(&bytes, TEST_RONDE, &vl, &deelnemers(&ronde)).unwrap();
    assert_eq!(terug.len(), 2);
    assert_eq!(terug[1].antwoorden, ronde.gemeenten[1].antwoorden);
}

#[test]
fn export_bevat_resultaten_regio_en_radardiagrammen() {
    let vl = vragenlijst();
    // g1 heeft alles op orde, g2..g9 niets: 9 gemeenten, waarvan 8 in het diagram.
    let gemeenten: Vec<ExportGemeente> = (1..=9)
        .map(|i| {
            let antwoord = if i == 1 {
                Antwoord::OpOrde
            } else {
                Antwoord::NietOpOrde
            };
            gemeente(
                &format!("g{i}"),
                &format!("Gemeente {i}"),
                patroon(&vl, |_| Some(antwoord), &[]),
            )
        })
        .collect();
    let ronde = ronde(vl, gemeenten);
    let bytes = export_xlsx(&ronde).unwrap();

    let resultaten = lees_blad(&bytes, BLAD_RESULTATEN);
    assert_eq!(tekst_in(&resultaten, 3, 0), "Standaard");
    assert_eq!(tekst_in(&resultaten, 3, 1), "Gemeente 1");
    assert_eq!(tekst_in(&resultaten, 3, 10), "Regio gemiddelde");
    assert_eq!(tekst_in(&resultaten, 4, 0), "1 Integrale visie");
    assert_eq!(tekst_in(&resultaten, 13, 0), "10 Standaard 10");
    assert_eq!(resultaten.get_value((4, 1)), Some(&Data::Float(100.0)));
    assert_eq!(resultaten.get_value((13, 2)), Some(&Data::Float(0.0)));
    assert_eq!(resultaten.get_value((4, 10)), Some(&Data::Float(11.1)));

    let regio = lees_blad(&bytes, BLAD_REGIO);
    assert_eq!(tekst_in(&regio, 4, 0), "1 Integrale visie");
    assert_eq!(regio.get_value((4, 1)), Some(&Data::Float(11.1)));
    assert_eq!(
        tekst_in(&regio, 4, 2),
        "1 van 9 gemeenten heeft deze standaard volledig op orde"
    );
    assert_eq!(
        tekst_in(&regio, 4, 3),
        "8 van 9 gemeenten hebben minder dan 50% van deze standaard op orde"
    );
    let alles: String = regio.cells().map(|(_, _, d)| format!("{d}\n")).collect();
    assert!(!alles.contains("Gemeente 1"), "Regio noemt geen gemeenten");

    assert_eq!(
        reeksen_per_diagram(&bytes),
        [1, MAX_GEMEENTEN_IN_GRAFIEK + 1]
    );
    let xml = zip_bestanden(&bytes);
    let diagrammen = xml
        .iter()
        .filter(|(naam, _)| naam.starts_with("xl/charts/"))
        .map(|(_, inhoud)| inhoud.as_str())
        .collect::<String>();
    assert!(diagrammen.contains("Resultaten!$B$5:$B$14"));
    assert!(diagrammen.contains("Resultaten!$K$5:$K$14"));
    assert!(
        !diagrammen.contains("Resultaten!$J$5"),
        "gemeente 9 hoort niet in het diagram"
    );
    assert!(diagrammen.contains("Regio!$B$5:$B$14"));
}

#[test]
fn export_zonder_gemeenten_toont_alleen_de_regio() {
    let mut ronde = ronde(vragenlijst(), vec![]);
    ronde.regio_aantal_gemeenten = 5;
    let bytes = export_xlsx(&ronde).unwrap();
    let werkmap: Xlsx<_> = open_workbook_from_rs(Cursor::new(&bytes)).unwrap();
    assert_eq!(
        werkmap.sheet_names(),
        ["Toelichting", "Resultaten", "Regio"]
    );
    let regio = lees_blad(&bytes, BLAD_REGIO);
    assert!(tekst_in(&regio, 1, 0).contains("over 5 gemeenten"));
    assert_eq!(tekst_in(&regio, 4, 2), "");
    assert_eq!(reeksen_per_diagram(&bytes), [1, 1]);
}

#[test]
fn export_zonder_regiogemiddelde_laat_die_reeks_weg() {
    let vl = vragenlijst();
    let antwoorden = patroon(&vl, |_| Some(Antwoord::OpOrde), &[]);
    let mut ronde = ronde(vl, vec![gemeente("eindhoven", "Eindhoven", antwoorden)]);
    ronde.regio.clear();
    let bytes = export_xlsx(&ronde).unwrap();
    // Alleen het diagram op "Resultaten", met alleen Eindhoven.
    assert_eq!(reeksen_per_diagram(&bytes), [1]);
    let regio = lees_blad(&bytes, BLAD_REGIO);
    assert_eq!(regio.get_value((4, 1)), Some(&Data::Empty));
    assert_eq!(
        tekst_in(&regio, 4, 2),
        "1 van 1 gemeenten heeft deze standaard volledig op orde"
    );
    assert_eq!(tekst_in(&regio, 4, 4), STATUS_GEEN_GEGEVENS);
    let resultaten = lees_blad(&bytes, BLAD_RESULTATEN);
    assert_eq!(resultaten.get_value((4, 2)), Some(&Data::Empty));
    assert_eq!(
        tekst_in(&resultaten, 4, 3),
        format!("regiogemiddelde: {STATUS_GEEN_GEGEVENS}")
    );
}

#[test]
fn bladnamen_zijn_geldig_en_uniek() {
    let lang = "Gemeente met een heel lange naam: Súdwest-Fryslân";
    let namen = bladnamen([
        "Eindhoven",
        "'s-Hertogenbosch",
        "A/B [test]*?:\\",
        lang,
        lang,
        "regio",
        "  ",
        "Eindhoven",
    ]);
    assert_eq!(
        namen,
        [
            "Eindhoven",
            "’s-Hertogenbosch",
            "A-B -test-----",
            "Gemeente met een heel lange naa",
            "Gemeente met een heel lange (2)",
            "regio (2)",
            "Gemeente",
            "Eindhoven (2)",
        ]
    );
    assert!(
        namen
            .iter()
            .all(|n| n.encode_utf16().count() <= MAX_BLADNAAM)
    );
}

// ----- import -------------------------------------------------------------

#[test]
fn import_meldt_alle_fouten_en_geeft_geen_gegevens() {
    let vl = vragenlijst();
    let fouten = import_fouten(vec![
        RuwBlad::gemeente("Eindhoven", "eindhoven", &vl).zet("E12", t("ja")),
        RuwBlad::gemeente("Helmond", "onbekend", &vl),
    ]);
    assert_eq!(fouten.len(), 2, "{fouten:?}");
    assert_eq!(
        (fouten[0].blad.as_str(), fouten[0].rij),
        ("Eindhoven", Some(12))
    );
    assert_eq!(
        fouten[0].to_string(),
        "Blad 'Eindhoven', rij 12: het antwoord 'ja' is ongeldig; kies 'Op orde', \
             'Niet op orde' of laat de cel leeg."
    );
    assert_eq!(
        (fouten[1].blad.as_str(), fouten[1].rij),
        ("Helmond", Some(3))
    );
    assert!(fouten[1].melding.contains("'onbekend'"), "{}", fouten[1]);
}

#[test]
fn import_meldt_verkeerd_vraagnummer() {
    let vl = vragenlijst();
    // Rij 10 hoort vraag 4 te bevatten.
    let fouten = import_fouten(vec![
        RuwBlad::gemeente("Eindhoven", "eindhoven", &vl).zet("A10", Cel::Getal(5.0)),
    ]);
    assert_eq!(fouten.len(), 1, "{fouten:?}");
    assert_eq!(
        (fouten[0].blad.as_str(), fouten[0].rij),
        ("Eindhoven", Some(10))
    );
    assert!(fouten[0].melding.contains("'5'"), "{}", fouten[0]);
    assert!(fouten[0].melding.contains("vraag 4"), "{}", fouten[0]);
}

#[test]
fn import_meldt_ontbrekende_vraag() {
    let vl = vragenlijst();
    let fouten = import_fouten(vec![
        RuwBlad::gemeente("Helmond", "helmond", &vl)
            .zet("A37", None)
            .zet("E37", None),
    ]);
    assert_eq!(fouten.len(), 1, "{fouten:?}");
    assert_eq!(
        (fouten[0].blad.as_str(), fouten[0].rij),
        ("Helmond", Some(37))
    );
    assert!(
        fouten[0].melding.contains("vraag 31 ontbreekt"),
        "{}",
        fouten[0]
    );
}

#[test]
fn tekst_die_op_een_formule_lijkt_blijft_tekst() {
    // Spreadsheet formula injection: a toelichting starting with = + - @ must be a text
    // cell, never a formula Excel evaluates.
    let vl = vragenlijst();
    let gevaarlijk = [
        "=HYPERLINK(\"http://example.invalid\",\"klik\")",
        "+1+1",
        "-2+3",
        "@SUM(A1)",
    ];
    let toelichtingen: Vec<(u16, &str)> =
        vl.vragen.iter().map(|v| v.nummer).zip(gevaarlijk).collect();
    let ronde = ronde(
        vl.clone(),
        vec![gemeente(
            "eindhoven",
            "Eindhoven",
            patroon(&vl, |_| None, &toelichtingen),
        )],
    );
    let bytes = export_xlsx(&ronde).unwrap();
    let bestanden = zip_bestanden(&bytes);
    for (naam, xml) in &bestanden {
        if naam.starts_with("xl/worksheets/") {
            for tekst in gevaarlijk {
                let zonder_teken = &tekst[1..];
                assert!(
                    !xml.contains(&format!("<f>{zonder_teken}"))
                        && !xml.contains(&format!("<f>{tekst}")),
                    "{naam} bevat een formule voor {tekst}"
                );
            }
        }
    }
    let gedeeld = &bestanden["xl/sharedStrings.xml"];
    for tekst in gevaarlijk {
        let ontsnapt = tekst.replace('"', "&quot;");
        assert!(
            gedeeld.contains(tekst) || gedeeld.contains(&ontsnapt),
            "{tekst} staat niet als tekst in de werkmap"
        );
    }
    // And it reads back as the same text.
    let terug = import_xlsx(&bytes, TEST_RONDE, &vl, &deelnemers(&ronde)).unwrap();
    assert_eq!(terug[0].antwoorden[0].toelichting, gevaarlijk[0]);
}

#[test]
fn import_weigert_een_export_van_een_andere_ronde() {
    let vl = vragenlijst();
    let ronde = ronde(vl.clone(), vec![gemeente("eindhoven", "Eindhoven", vec![])]);
    let bytes = export_xlsx(&ronde).unwrap();
    let fouten = import_xlsx(&bytes, 2, &vl, &deelnemers(&ronde)).unwrap_err();
    assert_eq!(fouten.len(), 1, "{fouten:?}");
    assert_eq!(fouten[0].rij, Some(5));
    assert!(
        fouten[0]
            .melding
            .contains("scanronde 1, niet van scanronde 2"),
        "{}",
        fouten[0]
    );
    // Without B5 the file is refused too: it cannot be tied to this round.
    let fouten = import_fouten(vec![
        RuwBlad::gemeente("Eindhoven", "eindhoven", &vl).zet("B5", None),
    ]);
    assert!(fouten[0].melding.contains("cel B5"), "{}", fouten[0]);
    assert!(import_xlsx(&bytes, TEST_RONDE, &vl, &deelnemers(&ronde)).is_ok());
}

#[test]
fn import_weigert_een_werkmap_met_een_verre_cel_zonder_geheugen_te_vragen() {
    // The probe's file: one cell in A1 and one in XFD1048576; calamine would build a
    // 512 GiB grid for it.
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Eindhoven").unwrap();
    ws.write_string(0, 0, "a").unwrap();
    ws.write_string(1_048_575, 16_383, "b").unwrap();
    let bytes = wb.save_to_buffer().unwrap();
    let fouten = import_xlsx(&bytes, TEST_RONDE, &vragenlijst(), &twee_deelnemers()).unwrap_err();
    assert_eq!(fouten.len(), 1);
    assert!(
        fouten[0].melding.contains("buiten het bereik"),
        "{}",
        fouten[0]
    );
}

#[test]
fn import_weigert_een_bestand_dat_geen_xlsx_is() {
    for bytes in [&b"dit is geen Excel-bestand"[..], &[], b"PK\x03\x04kapot"] {
        let fouten =
            import_xlsx(bytes, TEST_RONDE, &vragenlijst(), &twee_deelnemers()).unwrap_err();
        assert_eq!(fouten.len(), 1);
        assert_eq!((fouten[0].blad.as_str(), fouten[0].rij), (GEEN_BLAD, None));
        assert!(
            fouten[0]
                .to_string()
                .starts_with("Het bestand is geen geldig Excel-bestand (.xlsx)")
        );
    }
}

#[test]
fn import_accepteert_getallen_en_tekst_van_andere_programmas() {
    let vl = vragenlijst();
    let bytes = werkmap(vec![
        // Bladnaam doet er niet toe: B3 bepaalt de gemeente (hoofdletterongevoelig).
        RuwBlad::gemeente("Blad1", " HELMOND ", &vl)
            .zet("B4", None)
            .zet("A7", t("1"))
            .zet("A8", Cel::Getal(2.0))
            .zet("A9", t(" 3 "))
            .zet("A10", t("4.0"))
            .zet("E7", t("  op ORDE "))
            .zet("E8", t("NIET OP ORDE"))
            .zet("E9", None)
            .zet("E10", t("   "))
            .zet("F7", Cel::Getal(42.0))
            .zet("F8", t("  met spaties  "))
            .zet("F9", t("regel 1\r\nregel 2")),
    ]);
    let ingelezen = import_xlsx(&bytes, TEST_RONDE, &vl, &twee_deelnemers()).unwrap();
    assert_eq!(ingelezen.len(), 1, "alleen de aanwezige gemeente");
    assert_eq!(ingelezen[0].code, "helmond");
    let a = &ingelezen[0].antwoorden;
    assert_eq!(a.len(), 31);
    let kort: Vec<(u16, Option<Antwoord>, &str)> = a[..4]
        .iter()
        .map(|a| (a.vraag, a.antwoord, a.toelichting.as_str()))
        .collect();
    assert_eq!(
        kort,
        [
            (1, Some(Antwoord::OpOrde), "42"),
            (2, Some(Antwoord::NietOpOrde), "met spaties"),
            (3, None, "regel 1\nregel 2"),
            (4, None, ""),
        ]
    );
    assert!(a[4..].iter().all(|a| a.antwoord == Some(Antwoord::OpOrde)));
}

#[test]
fn import_weigert_onjuiste_celtypen() {
    let vl = vragenlijst();
    let fouten = import_fouten(vec![
        RuwBlad::gemeente("Eindhoven", "eindhoven", &vl)
            .zet("E7", Cel::Bool(true))
            .zet("E8", Cel::Datum)
            .zet("E9", Cel::Getal(1.0))
            .zet("F10", Cel::Bool(false)),
        RuwBlad::gemeente("Helmond", "helmond", &vl).zet("B3", Cel::Getal(772.0)),
    ]);
    let kort: Vec<(&str, Option<u32>)> = fouten.iter().map(|f| (f.blad.as_str(), f.rij)).collect();
    assert_eq!(
        kort,
        [
            ("Eindhoven", Some(7)),
            ("Eindhoven", Some(8)),
            ("Eindhoven", Some(9)),
            ("Eindhoven", Some(10)),
            ("Helmond", Some(3)),
        ],
        "{fouten:?}"
    );
    assert!(fouten[0].melding.contains("WAAR"));
    assert!(fouten[1].melding.contains("datum"));
    assert!(fouten[2].melding.contains("'1'"));
    assert!(fouten[3].melding.contains("toelichting"));
    assert!(fouten[4].melding.contains("'772'"));
}

#[test]
fn celwaarden_van_elk_type() {
    let gevallen = [
        (Data::Empty, Waarde::Leeg),
        (Data::String(" \n ".into()), Waarde::Leeg),
        (
            Data::String(" Op orde ".into()),
            Waarde::Tekst("Op orde".into()),
        ),
        (Data::Int(7), Waarde::Tekst("7".into())),
        (Data::Float(7.0), Waarde::Tekst("7".into())),
        (Data::Float(7.5), Waarde::Tekst("7.5".into())),
        (
            Data::Bool(false),
            Waarde::Ongeldig("de waarde ONWAAR".into()),
        ),
        (
            Data::DateTimeIso("2026-03-12".into()),
            Waarde::Ongeldig("een datum of tijd".into()),
        ),
        (
            Data::Error(calamine::CellErrorType::NA),
            Waarde::Ongeldig("de foutwaarde #N/A".into()),
        ),
    ];
    for (data, verwacht) in gevallen {
        assert_eq!(Waarde::van(Some(&data)), verwacht, "{data:?}");
    }
    assert_eq!(Waarde::van(None), Waarde::Leeg);
    assert_eq!(vraagnummer("7"), Some(7));
    assert_eq!(vraagnummer("7.0"), Some(7));
    assert_eq!(vraagnummer("7.5"), None);
    assert_eq!(vraagnummer("zeven"), None);
}

#[test]
fn import_meldt_dubbele_gemeente() {
    let vl = vragenlijst();
    let fouten = import_fouten(vec![
        RuwBlad::gemeente("Eindhoven", "eindhoven", &vl),
        RuwBlad::gemeente("Eindhoven (2)", "eindhoven", &vl),
    ]);
    assert_eq!(fouten.len(), 1, "{fouten:?}");
    assert_eq!(
        (fouten[0].blad.as_str(), fouten[0].rij),
        ("Eindhoven (2)", Some(3))
    );
    assert!(
        fouten[0].melding.contains("blad 'Eindhoven'"),
        "{}",
        fouten[0]
    );
}

#[test]
fn import_begrenst_de_toelichting() {
    let vl = vragenlijst();
    let precies = "é".repeat(MAX_TOELICHTING);
    let te_lang = "x".repeat(MAX_TOELICHTING + 1);
    let goed = werkmap(vec![
        RuwBlad::gemeente("Eindhoven", "eindhoven", &vl).zet("F7", t(&precies)),
    ]);
    let ingelezen = import_xlsx(&goed, TEST_RONDE, &vl, &twee_deelnemers()).unwrap();
    assert_eq!(ingelezen[0].antwoorden[0].toelichting, precies);

    let fouten = import_fouten(vec![
        RuwBlad::gemeente("Eindhoven", "eindhoven", &vl).zet("F8", t(&te_lang)),
    ]);
    assert_eq!(fouten.len(), 1, "{fouten:?}");
    assert_eq!(fouten[0].rij, Some(8));
    assert!(fouten[0].melding.contains("4001 tekens"), "{}", fouten[0]);
}

#[test]
fn import_controleert_de_vragenlijstversie() {
    let vl = vragenlijst();
    let fouten = import_fouten(vec![
        RuwBlad::gemeente("Eindhoven", "eindhoven", &vl).zet("B4", t("andere-v2")),
    ]);
    assert_eq!(fouten.len(), 1, "{fouten:?}");
    assert_eq!(fouten[0].rij, Some(4));
    assert!(fouten[0].melding.contains("'andere-v2'"), "{}", fouten[0]);
}

#[test]
fn import_zonder_gemeentebladen_is_een_fout() {
    let fouten = import_fouten(vec![]);
    assert_eq!(fouten.len(), 1, "{fouten:?}");
    assert_eq!(fouten[0].blad, GEEN_BLAD);
    assert_eq!(
        fouten[0].to_string(),
        "Het bestand bevat geen tabbladen van gemeenten."
    );
}

// ----- fixtures (tests/fixtures/make_fixtures.py) --------------------------

const FIXTURE_EXPORT: &[u8] = include_bytes!("../../../tests/fixtures/zelfscan-export.xlsx");
const FIXTURE_OPENPYXL: &[u8] = include_bytes!("../../../tests/fixtures/zelfscan-openpyxl.xlsx");
const FIXTURE_LIBREOFFICE: &[u8] =
    include_bytes!("../../../tests/fixtures/zelfscan-libreoffice.xlsx");

fn fixture_vragenlijst() -> Vragenlijst {
    serde_json::from_str(include_str!(
        "../../../data/zelfscan/kwaliteitskader-2019-v1.json"
    ))
    .unwrap()
}

/// De antwoorden in `zelfscan-export.xlsx`.
fn fixture_antwoorden(vl: &Vragenlijst) -> [(&'static str, Vec<VraagAntwoord>); 2] {
    let eindhoven = patroon(
        vl,
        |n| match n {
            _ if n % 7 == 0 => None,
            _ if n % 4 == 0 => Some(Antwoord::NietOpOrde),
            _ => Some(Antwoord::OpOrde),
        },
        &[
            (
                3,
                "Afspraken met Veilig Thuis \"in ontwikkeling\" & deels vastgelegd.\nZie notitie é.",
            ),
            (10, "Besproken in het regio-overleg"),
        ],
    );
    let helmond = patroon(
        vl,
        |n| match n {
            _ if n % 5 == 0 => None,
            _ if n % 3 == 0 => Some(Antwoord::OpOrde),
            _ => Some(Antwoord::NietOpOrde),
        },
        &[(6, "Nog niet besproken")],
    );
    [("eindhoven", eindhoven), ("helmond", helmond)]
}

fn fixture_deelnemers() -> Vec<(String, String)> {
    twee_deelnemers()
}

fn fixture_import(bytes: &[u8]) -> Vec<(String, Vec<VraagAntwoord>)> {
    import_xlsx(
        bytes,
        TEST_RONDE,
        &fixture_vragenlijst(),
        &fixture_deelnemers(),
    )
    .unwrap()
    .into_iter()
    .map(|g| (g.code, g.antwoorden))
    .collect()
}

fn fixture_verwacht(vl: &Vragenlijst) -> Vec<(String, Vec<VraagAntwoord>)> {
    fixture_antwoorden(vl)
        .into_iter()
        .map(|(code, a)| (code.to_string(), a))
        .collect()
}

/// Schrijft `tests/fixtures/zelfscan-export.xlsx`; zie `make_fixtures.py`.
#[test]
#[ignore = "schrijft de fixture; draai via tests/fixtures/make_fixtures.py"]
fn schrijf_fixture_export() {
    let vl = fixture_vragenlijst();
    let gemeenten = fixture_antwoorden(&vl)
        .into_iter()
        .zip(fixture_deelnemers())
        .map(|((code, antwoorden), (_, naam))| gemeente(code, &naam, antwoorden))
        .collect();
    let bytes = export_xlsx(&ronde(vl, gemeenten)).unwrap();
    let pad = PathBuf::from(file!())
        .parent()
        .unwrap()
        .join("../../../tests/fixtures/zelfscan-export.xlsx");
    std::fs::write(&pad, bytes).unwrap();
}

#[test]
fn fixture_export_is_actueel() {
    let vl = fixture_vragenlijst();
    assert_eq!(fixture_import(FIXTURE_EXPORT), fixture_verwacht(&vl));
}

#[test]
fn fixture_libreoffice_wordt_ingelezen() {
    // LibreOffice heeft het bestand alleen opnieuw opgeslagen.
    let vl = fixture_vragenlijst();
    assert_eq!(fixture_import(FIXTURE_LIBREOFFICE), fixture_verwacht(&vl));
}

#[test]
fn fixture_openpyxl_wordt_ingelezen() {
    // De wijzigingen die make_fixtures.py met openpyxl aanbrengt.
    let vl = fixture_vragenlijst();
    let mut verwacht = fixture_verwacht(&vl);
    let eindhoven = &mut verwacht[0].1;
    eindhoven[0].antwoord = Some(Antwoord::NietOpOrde);
    eindhoven[1].antwoord = None;
    eindhoven[2].toelichting = "Aangepast met openpyxl: \"A & B\"\nregel twee – café".into();
    let helmond = &mut verwacht[1].1;
    helmond[4].antwoord = Some(Antwoord::NietOpOrde);
    helmond[5].toelichting = "42".into();
    helmond[30].antwoord = Some(Antwoord::OpOrde);
    assert_eq!(fixture_import(FIXTURE_OPENPYXL), verwacht);
}
