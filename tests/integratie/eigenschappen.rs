//! Property tests against hostile input (issue 7): every parser that takes outside input gets
//! arbitrary and adversarial input and must either accept it or answer with a Dutch error;
//! none may panic, and the CSV import never repeats what was typed in a personal field.
//!
//! CI runs a bounded number of cases per property (see `config`). A failing case is written to
//! `tests/proptest-regressions/eigenschappen.txt` and replayed first on every later run; commit
//! that file. Concrete inputs that once broke a parser are kept below as plain `#[test]`s.

use crate::common;

use std::collections::BTreeMap;
use std::io::{Cursor, Read, Write};
use std::sync::OnceLock;

use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::FileFailurePersistence;

use voorop::auth::model::{Email, Rol, TokenBereik, controleer_wachtwoord};
use voorop::casus::import;
use voorop::casus::model::{Soort, Status};
use voorop::casus::service::{MomentInvoer, valideer as moment_valideren};
use voorop::casus::velden::{self, Type};
use voorop::config::Sleutel;
use voorop::error::Veldfout;
use voorop::organisatie::model::{OrganisatieSoort, REGIOS, RegioCode};
use voorop::tekst::{geen_stuurtekens, stuurteken};
use voorop::werkset::model::{
    Catalogus, InspanningInvoer, Periode, WaardeInvoer, partners_parse, valideer_bron,
    valideer_citaat, valideer_inspanning, valideer_praktijk, valideer_waarde,
};
use voorop::zelfscan::excel::{ExportGemeente, ExportRonde, ImportFout, export_xlsx, import_xlsx};
use voorop::zelfscan::model::{
    Antwoord, RuwAntwoord, VraagAntwoord, Vragenlijst, regio_scores, valideer_antwoorden,
};
use voorop::zelfscan::service::standaard_vragenlijst;
use voorop::zelfscan::xlsx_grenzen::{self, ZELFSCAN};

// ---- configuration and shared checks --------------------------------------------------------

/// Where failing cases are kept (relative to the package root, the working directory of
/// `cargo test`).
const REGRESSIES: &str = "tests/proptest-regressions/eigenschappen.txt";

/// `cases` per property, times `EIGENSCHAPPEN_FACTOR` when set (for a longer run by hand:
/// `EIGENSCHAPPEN_FACTOR=20 cargo test --test integratie eigenschappen::`).
fn config(cases: u32) -> ProptestConfig {
    let factor = std::env::var("EIGENSCHAPPEN_FACTOR")
        .ok()
        .and_then(|f| f.parse::<u32>().ok())
        .unwrap_or(1)
        .max(1);
    ProptestConfig {
        cases: cases.saturating_mul(factor),
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(REGRESSIES))),
        ..ProptestConfig::default()
    }
}

/// Words of which a Dutch error message has at least one; English library messages have none.
const NEDERLANDS: [&str; 30] = [
    "de ",
    "het ",
    "een ",
    " is ",
    "niet",
    "vul ",
    "kies",
    "geen",
    " van ",
    " in ",
    "moet",
    "bevat",
    "tekens",
    "rij ",
    "blad",
    "bestand",
    "ongeldig",
    "onbekend",
    "maximaal",
    "wachtwoord",
    "e-mailadres",
    "regio",
    "datum",
    "staat",
    " komt ",
    " keer",
    " voor",
    "heeft",
    "vraag",
    "standaard",
];

fn is_nederlands(melding: &str) -> bool {
    let m = melding.to_lowercase();
    !m.trim().is_empty() && NEDERLANDS.iter().any(|w| m.contains(w)) && !m.contains("panicked")
}

fn veldfouten_nederlands(fouten: &[Veldfout]) -> Result<(), TestCaseError> {
    prop_assert!(!fouten.is_empty(), "an error without messages");
    for f in fouten {
        prop_assert!(is_nederlands(&f.melding), "not a Dutch message: {f:?}");
        prop_assert!(!f.veld.is_empty(), "message without a field: {f:?}");
    }
    Ok(())
}

// ---- adversarial text -----------------------------------------------------------------------

/// Characters that break parsers: delimiters, quotes, control characters, bidi overrides,
/// BOM, multi-byte letters, surrogate-adjacent code points.
const LASTIGE_TEKENS: &[char] = &[
    'a',
    'Z',
    'é',
    'ë',
    'ß',
    '€',
    '0',
    '1',
    '9',
    ' ',
    '\t',
    '\n',
    '\r',
    '\0',
    '\u{1b}',
    '\u{7f}',
    '\u{85}',
    '\u{a0}',
    '\u{202e}',
    '\u{2066}',
    '\u{feff}',
    '\u{200b}',
    '"',
    '\'',
    ',',
    ';',
    '|',
    ':',
    '-',
    '.',
    '/',
    '\\',
    '<',
    '>',
    '&',
    '=',
    '+',
    '@',
    '#',
    '$',
    '%',
    '_',
    'T',
    '😀',
    '中',
    '\u{10ffff}',
    '\u{fffd}',
];

fn lastige_tekst(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(select(LASTIGE_TEKENS), 0..max).prop_map(|v| v.into_iter().collect())
}

/// A date in one of many spellings, valid or not.
fn datumachtig() -> impl Strategy<Value = String> {
    (-10_000i32..100_000, 0u32..15, 0u32..40, 0usize..5).prop_map(|(j, m, d, vorm)| match vorm {
        0 => format!("{j:04}-{m:02}-{d:02}"),
        1 => format!("{d:02}-{m:02}-{j:04}"),
        2 => format!("{d}-{m}-{j}"),
        3 => format!("{j}/{m}/{d}"),
        _ => format!(" {j:04}-{m:02}-{d:02} "),
    })
}

/// A date-time in one of many spellings, valid or not.
fn tijdstipachtig() -> impl Strategy<Value = String> {
    (
        datumachtig(),
        select(vec!["T", " ", "  ", "t", "T "]),
        -5i32..100,
        -5i32..100,
        prop::option::of(-5i32..100),
    )
        .prop_map(|(d, sep, u, m, s)| match s {
            Some(s) => format!("{d}{sep}{u}:{m}:{s}"),
            None => format!("{d}{sep}{u:02}:{m:02}"),
        })
}

/// Every choice code of every field: valid choices in the wrong place, or in odd case.
fn alle_keuzecodes() -> Vec<&'static str> {
    Soort::ALLE
        .iter()
        .flat_map(|s| velden::velden(*s))
        .flat_map(|v| v.keuzes().iter().map(|(c, _)| *c))
        .collect()
}

fn keuzelijst() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(select(alle_keuzecodes()), 0..5),
        select(vec![",", ";", "|", ", ", ",,", " ; "]),
        any::<bool>(),
    )
        .prop_map(|(codes, sep, hoofd)| {
            let s = codes.join(sep);
            if hoofd { s.to_uppercase() } else { s }
        })
}

/// A value for any field: text, dates, times, numbers, choices, very long text, unicode.
fn veldwaarde() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => lastige_tekst(40),
        2 => datumachtig(),
        2 => tijdstipachtig(),
        1 => any::<i64>().prop_map(|n| n.to_string()),
        1 => any::<f64>().prop_map(|f| f.to_string()),
        2 => keuzelijst(),
        1 => select(vec!["ja", "Nee", "J", "0", "1", "true", "on", "off", "WAAR", ""])
            .prop_map(String::from),
        1 => (250usize..6_000, select(vec!["x", "é", "😀"]), any::<bool>()).prop_map(
            |(n, c, stuur)| {
                let mut s = c.repeat(n);
                if stuur {
                    s.push('\u{1b}');
                }
                s
            }
        ),
        1 => any::<String>(),
    ]
}

// ---- 1. XLSX import -------------------------------------------------------------------------

const RONDE: i64 = 7;

fn gemeenten() -> Vec<(String, String)> {
    vec![
        ("0772".into(), "Eindhoven".into()),
        ("0794".into(), "Helmond".into()),
        ("'s-hertogenbosch".into(), "'s-Hertogenbosch".into()),
    ]
}

fn vragenlijst() -> &'static Vragenlijst {
    static V: OnceLock<Vragenlijst> = OnceLock::new();
    V.get_or_init(standaard_vragenlijst)
}

/// A real export of a round with three gemeenten, answers and toelichtingen.
fn echte_export() -> &'static [u8] {
    static X: OnceLock<Vec<u8>> = OnceLock::new();
    X.get_or_init(|| {
        let vl = vragenlijst().clone();
        let gemeenten: Vec<ExportGemeente> = gemeenten()
            .into_iter()
            .enumerate()
            .map(|(g, (code, naam))| ExportGemeente {
                code,
                naam,
                antwoorden: vl
                    .vragen
                    .iter()
                    .map(|v| VraagAntwoord {
                        vraag: v.nummer,
                        antwoord: match (usize::from(v.nummer) + g) % 3 {
                            0 => Some(Antwoord::OpOrde),
                            1 => Some(Antwoord::NietOpOrde),
                            _ => None,
                        },
                        toelichting: if v.nummer % 4 == 0 {
                            format!("Toelichting {} – \"café\"; =SOM(A1)", v.nummer)
                        } else {
                            String::new()
                        },
                    })
                    .collect(),
            })
            .collect();
        let sets: Vec<&[VraagAntwoord]> = gemeenten.iter().map(|g| &g.antwoorden[..]).collect();
        let regio = regio_scores(&vl, &sets);
        export_xlsx(&ExportRonde {
            ronde_id: RONDE,
            titel: "Zelfscan Oost-Brabant – Evaluatie 2026".into(),
            regio_naam: "Oost-Brabant".into(),
            doel: "Evaluatie".into(),
            datum: "2026-03-12".into(),
            vragenlijst: vl,
            regio_aantal_gemeenten: gemeenten.len() as u32,
            gemeenten,
            regio,
        })
        .expect("export")
    })
}

/// The parts of the real export, for mutating inside a valid zip container.
fn export_onderdelen() -> &'static [(String, Vec<u8>)] {
    static O: OnceLock<Vec<(String, Vec<u8>)>> = OnceLock::new();
    O.get_or_init(|| {
        let mut zip = zip::ZipArchive::new(Cursor::new(echte_export())).unwrap();
        (0..zip.len())
            .map(|i| {
                let mut deel = zip.by_index(i).unwrap();
                let mut inhoud = Vec::new();
                deel.read_to_end(&mut inhoud).unwrap();
                (deel.name().unwrap().to_string(), inhoud)
            })
            .collect()
    })
}

fn zip_van(onderdelen: &[(String, Vec<u8>)], inpakken: bool) -> Vec<u8> {
    let mut uit = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let methode = if inpakken {
        zip::CompressionMethod::Deflated
    } else {
        zip::CompressionMethod::Stored
    };
    let opties = zip::write::SimpleFileOptions::default().compression_method(methode);
    for (naam, inhoud) in onderdelen {
        uit.start_file(naam.as_str(), opties).unwrap();
        uit.write_all(inhoud).unwrap();
    }
    uit.finish().unwrap().into_inner()
}

/// Runs the bound check and the import on `bytes` and checks the contract: no panic (the
/// property fails on one), errors are Dutch `ImportFout`s, an accepted file gives one complete
/// answer set per known gemeente.
fn importeer_en_controleer(bytes: &[u8], ronde: i64) -> Result<(), TestCaseError> {
    if let Err(m) = xlsx_grenzen::controleer(bytes, &ZELFSCAN) {
        prop_assert!(is_nederlands(&m), "bound check: {m}");
    }
    let vl = vragenlijst();
    match import_xlsx(bytes, ronde, vl, &gemeenten()) {
        Ok(resultaat) => {
            prop_assert!(!resultaat.is_empty());
            let mut codes: Vec<&str> = resultaat.iter().map(|g| g.code.as_str()).collect();
            for c in &codes {
                prop_assert!(gemeenten().iter().any(|(g, _)| g == c), "unknown code {c}");
            }
            codes.sort_unstable();
            codes.dedup();
            prop_assert_eq!(codes.len(), resultaat.len(), "a gemeente twice");
            for g in &resultaat {
                prop_assert_eq!(g.antwoorden.len(), vl.vragen.len());
                for a in &g.antwoorden {
                    prop_assert!(a.toelichting.chars().count() <= 4000);
                }
            }
        }
        Err(fouten) => import_fouten_nederlands(&fouten)?,
    }
    Ok(())
}

fn import_fouten_nederlands(fouten: &[ImportFout]) -> Result<(), TestCaseError> {
    prop_assert!(!fouten.is_empty(), "an error without messages");
    for f in fouten {
        prop_assert!(is_nederlands(&f.melding), "not a Dutch message: {f:?}");
        let _ = f.to_string();
    }
    Ok(())
}

/// Snippets that make a sheet lie about itself.
const XML_GIF: &[&str] = &[
    r#"<c r="XFD1048576"><v>1</v></c>"#,
    r#"<row r="0">"#,
    r#"<row r="18446744073709551616"><c r="A1"/></row>"#,
    r#"<dimension ref="A1:ZZZZZZZZ99999999999999"/>"#,
    r#"<c r="$B$3" t="s"><v>99999999</v></c>"#,
    r#"<c r="B3" t="s"><v>-1</v></c>"#,
    r#"<c r="B5" t="n"><v>1e309</v></c>"#,
    r#"<c r="B5" t="n"><v>NaN</v></c>"#,
    r#"<c r="A7" t="b"><v>2</v></c>"#,
    r#"<c r="E7" t="e"><v>#DIV/0!</v></c>"#,
    r#"<c r="E7" t="d"><v>not-a-date</v></c>"#,
    r#"<c r="E8" s="999999"><v>45000</v></c>"#,
    r#"<c r="F7" t="inlineStr"><is><t>&#x1b;&#0;</t></is></c>"#,
    r#"<c r="" t="str"><v>&amp;&lt;</v></c>"#,
    r#"<sheet name="" sheetId="0" r:id="rId999"/>"#,
    r#"<si><t>_x0000__xD800_</t></si>"#,
    r#"<numFmt numFmtId="164" formatCode="[$-F800]dddd"/>"#,
    "<![CDATA[",
    "<!DOCTYPE x [<!ENTITY a \"aaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]>",
    "&b;",
    "\u{0}",
    "</",
    r#"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="sharedStrings.xml"/>"#,
    r#"<Relationship Id="rId2" Target="/../../../../etc/passwd"/>"#,
    r#"<sheet name="Resultaten" sheetId="1" r:id="rId1"/>"#,
    r#"<c r="A7" t="s"><v>4294967296</v></c>"#,
    r#"<c r="E7" t="s"><v>0</v></c><c r="E7" t="s"><v>1</v></c>"#,
    r#"<mergeCell ref="A1:XFD1048576"/>"#,
    r#"<xf numFmtId="4294967295" fontId="99999"/>"#,
    r#"<workbookPr date1904="true"/>"#,
];

#[derive(Debug, Clone)]
enum Bewerking {
    /// Overwrite the byte at (relative) position with a value.
    Byte(prop::sample::Index, u8),
    /// Insert a hostile snippet at a position.
    Invoegen(prop::sample::Index, &'static str),
    /// Cut the part at a position.
    Afkappen(prop::sample::Index),
}

fn bewerking() -> impl Strategy<Value = Bewerking> {
    prop_oneof![
        4 => (any::<prop::sample::Index>(), any::<u8>()).prop_map(|(i, b)| Bewerking::Byte(i, b)),
        4 => (any::<prop::sample::Index>(), select(XML_GIF)).prop_map(|(i, s)| Bewerking::Invoegen(i, s)),
        1 => any::<prop::sample::Index>().prop_map(Bewerking::Afkappen),
    ]
}

fn toepassen(inhoud: &mut Vec<u8>, b: &Bewerking) {
    match b {
        Bewerking::Byte(i, w) if !inhoud.is_empty() => {
            let i = i.index(inhoud.len());
            inhoud[i] = *w;
        }
        Bewerking::Byte(..) => {}
        Bewerking::Invoegen(i, s) => {
            let i = i.index(inhoud.len() + 1);
            inhoud.splice(i..i, s.bytes());
        }
        Bewerking::Afkappen(i) => {
            let i = i.index(inhoud.len() + 1);
            inhoud.truncate(i);
        }
    }
}

/// A cell value for a workbook written with rust_xlsxwriter.
#[derive(Debug, Clone)]
enum Cel {
    Tekst(String),
    Getal(f64),
    Bool(bool),
    Datum(u16, u8, u8, u16),
    Formule(String),
    Leeg,
}

fn cel() -> impl Strategy<Value = Cel> {
    prop_oneof![
        4 => veldwaarde().prop_map(Cel::Tekst),
        1 => select(vec!["Op orde", "niet op orde", "OP_ORDE", " Op orde ", "op  orde"])
            .prop_map(|s| Cel::Tekst(s.into())),
        2 => prop_oneof![
            any::<f64>(),
            Just(f64::NAN),
            Just(f64::INFINITY),
            Just(f64::MAX),
            Just(-0.0),
            Just(1e15),
            Just(7.5),
            (1u16..40).prop_map(f64::from),
        ]
        .prop_map(Cel::Getal),
        1 => any::<bool>().prop_map(Cel::Bool),
        1 => (1900u16..10_000, 1u8..13, 1u8..29, 0u16..1440)
            .prop_map(|(j, m, d, min)| Cel::Datum(j, m, d, min)),
        1 => lastige_tekst(20).prop_map(|s| Cel::Formule(format!("={s}"))),
        1 => Just(Cel::Leeg),
    ]
}

#[derive(Debug, Clone)]
struct Blad {
    naam: String,
    /// Fill in a correct gemeente sheet first (for gemeente `n % 4`; 3 = an unknown code).
    basis: Option<u8>,
    cellen: Vec<(u32, u16, Cel)>,
}

fn blad() -> impl Strategy<Value = Blad> {
    (
        prop_oneof![
            lastige_tekst(40),
            select(vec![
                "Toelichting",
                "RESULTATEN",
                " Regio ",
                "History",
                "Eindhoven"
            ])
            .prop_map(String::from),
        ],
        prop::option::of(0u8..4),
        // Mostly in the answer area, sometimes anywhere within the bounds of the check.
        prop::collection::vec(
            (
                prop_oneof![3 => 0u32..40, 1 => 0u32..1000],
                prop_oneof![3 => 0u16..6, 1 => 0u16..64],
                cel(),
            ),
            0..30,
        ),
    )
        .prop_map(|(naam, basis, cellen)| Blad {
            naam,
            basis,
            cellen,
        })
}

fn schrijf_cel(ws: &mut rust_xlsxwriter::Worksheet, rij: u32, kol: u16, cel: &Cel) {
    // The writer refuses some values (too long text, bad formulas); that is not under test.
    let _ = match cel {
        Cel::Tekst(s) => ws.write_string(rij, kol, s).map(|_| ()),
        Cel::Getal(f) => ws.write_number(rij, kol, *f).map(|_| ()),
        Cel::Bool(b) => ws.write_boolean(rij, kol, *b).map(|_| ()),
        Cel::Datum(j, m, d, min) => {
            let opmaak = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd hh:mm");
            match rust_xlsxwriter::ExcelDateTime::from_ymd(*j, *m, *d)
                .and_then(|d| d.and_hms(min / 60, (min % 60) as u8, 0))
            {
                Ok(dt) => ws
                    .write_datetime_with_format(rij, kol, dt, &opmaak)
                    .map(|_| ()),
                Err(e) => Err(e),
            }
        }
        Cel::Formule(f) => ws.write_formula(rij, kol, f.as_str()).map(|_| ()),
        Cel::Leeg => ws
            .write_blank(rij, kol, &rust_xlsxwriter::Format::new())
            .map(|_| ()),
    };
}

fn werkmap(bladen: &[Blad]) -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let vl = vragenlijst();
    let mut namen = std::collections::HashSet::new();
    for blad in bladen {
        let ws = wb.add_worksheet();
        // The writer refuses a name twice only when saving: keep the default name then.
        if namen.insert(blad.naam.to_lowercase()) {
            let _ = ws.set_name(&blad.naam);
        }
        if let Some(n) = blad.basis {
            let code = gemeenten()
                .get(usize::from(n))
                .map_or("9999".to_string(), |g| g.0.clone());
            schrijf_cel(ws, 2, 1, &Cel::Tekst(code));
            schrijf_cel(ws, 3, 1, &Cel::Tekst(vl.versie.clone()));
            schrijf_cel(ws, 4, 1, &Cel::Getal(RONDE as f64));
            for (rij, v) in (6u32..).zip(&vl.vragen) {
                schrijf_cel(ws, rij, 0, &Cel::Getal(f64::from(v.nummer)));
                schrijf_cel(ws, rij, 4, &Cel::Tekst("Op orde".into()));
            }
        }
        for (rij, kol, c) in &blad.cellen {
            schrijf_cel(ws, *rij, *kol, c);
        }
    }
    wb.save_to_buffer().expect("workbook")
}

proptest! {
    #![proptest_config(config(300))]

    #[test]
    fn xlsx_willekeurige_bytes(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        importeer_en_controleer(&bytes, RONDE)?;
    }

    #[test]
    fn xlsx_zip_handtekening_met_rommel(rest in prop::collection::vec(any::<u8>(), 0..2048)) {
        let mut bytes = b"PK\x03\x04".to_vec();
        bytes.extend(rest);
        importeer_en_controleer(&bytes, RONDE)?;
    }
}

proptest! {
    #![proptest_config(config(200))]

    #[test]
    fn xlsx_echte_export_met_omgedraaide_bytes(
        wijzigingen in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
        afkappen in prop::option::of(any::<prop::sample::Index>()),
        ronde in prop_oneof![Just(RONDE), any::<i64>()],
    ) {
        let mut bytes = echte_export().to_vec();
        for (i, b) in &wijzigingen {
            let i = i.index(bytes.len());
            bytes[i] ^= b.max(&1);
        }
        if let Some(i) = afkappen {
            bytes.truncate(i.index(bytes.len()));
        }
        importeer_en_controleer(&bytes, ronde)?;
    }

    /// The zip container stays valid; the XML inside is damaged, so calamine gets to read it.
    #[test]
    fn xlsx_echte_export_met_beschadigde_onderdelen(
        bewerkingen in prop::collection::vec((any::<prop::sample::Index>(), bewerking()), 1..6),
        inpakken in any::<bool>(),
    ) {
        let mut onderdelen = export_onderdelen().to_vec();
        for (deel, b) in &bewerkingen {
            let i = deel.index(onderdelen.len());
            toepassen(&mut onderdelen[i].1, b);
        }
        importeer_en_controleer(&zip_van(&onderdelen, inpakken), RONDE)?;
    }

    #[test]
    fn xlsx_geldige_werkmap_met_willekeurige_cellen(
        bladen in prop::collection::vec(blad(), 0..4),
        ronde in prop_oneof![4 => Just(RONDE), 1 => any::<i64>()],
    ) {
        importeer_en_controleer(&werkmap(&bladen), ronde)?;
    }
}

/// Regression: a row number beyond `u64` passed the bound check as "the next row" and made
/// calamine overflow (found by `xlsx_echte_export_met_beschadigde_onderdelen`).
#[test]
fn xlsx_rijnummer_voorbij_u64() {
    let mut onderdelen = export_onderdelen().to_vec();
    let blad = onderdelen
        .iter_mut()
        .find(|(naam, _)| naam == "xl/worksheets/sheet2.xml")
        .expect("a gemeente sheet");
    let plek = blad.1.windows(10).position(|w| w == b"<sheetData").unwrap() + 11;
    blad.1.splice(
        plek..plek,
        br#"<row r="18446744073709551616"><c r="A1"/></row>"#
            .iter()
            .copied(),
    );
    for inpakken in [false, true] {
        let fouten = import_xlsx(
            &zip_van(&onderdelen, inpakken),
            RONDE,
            vragenlijst(),
            &gemeenten(),
        )
        .unwrap_err();
        assert!(
            fouten[0].melding.contains("buiten het bereik"),
            "{fouten:?}"
        );
    }
}

/// Regression: `tijdstip_nl` cut at byte 10 inside a multi-byte character (found by
/// `datum_en_tijdstip`).
#[test]
fn tijdstip_nl_midden_in_een_teken() {
    let t = "  a\u{11350} \u{fffc}\u{1ee34}A";
    assert_eq!(velden::tijdstip_nl(t), t);
    let _ = velden::tijdstip_nl("2025-03-14T22:1€");
    let _ = velden::tijdstip_nl("2025-03-1€T22:15");
}

/// A change to an uploaded questionnaire (a beheerder loads it as JSON).
#[derive(Debug, Clone)]
enum VragenlijstWijziging {
    Versie(String),
    StandaardNummer(prop::sample::Index, u8),
    StandaardTekst(prop::sample::Index, String),
    StandaardWeg(prop::sample::Index),
    VraagNummer(prop::sample::Index, u16),
    VraagStandaard(prop::sample::Index, u8),
    VraagBlok(prop::sample::Index, u8),
    VraagTekst(prop::sample::Index, String),
    VraagWeg(prop::sample::Index),
    VraagDubbel(prop::sample::Index),
}

fn vragenlijst_wijziging() -> impl Strategy<Value = VragenlijstWijziging> {
    use VragenlijstWijziging as W;
    let i = any::<prop::sample::Index>;
    prop_oneof![
        1 => prop_oneof![lastige_tekst(20), "[a-z0-9._-]{1,40}"].prop_map(W::Versie),
        1 => (i(), any::<u8>()).prop_map(|(i, n)| W::StandaardNummer(i, n)),
        1 => (i(), veldwaarde()).prop_map(|(i, t)| W::StandaardTekst(i, t)),
        1 => i().prop_map(W::StandaardWeg),
        1 => (i(), any::<u16>()).prop_map(|(i, n)| W::VraagNummer(i, n)),
        1 => (i(), any::<u8>()).prop_map(|(i, n)| W::VraagStandaard(i, n)),
        1 => (i(), any::<u8>()).prop_map(|(i, n)| W::VraagBlok(i, n)),
        3 => (i(), veldwaarde()).prop_map(|(i, t)| W::VraagTekst(i, t)),
        1 => i().prop_map(W::VraagWeg),
        1 => i().prop_map(W::VraagDubbel),
    ]
}

fn wijzig(v: &mut Vragenlijst, w: &VragenlijstWijziging) {
    use VragenlijstWijziging as W;
    let (ns, nv) = (v.standaarden.len(), v.vragen.len());
    match w {
        W::Versie(t) => v.versie = t.clone(),
        W::StandaardNummer(i, n) if ns > 0 => v.standaarden[i.index(ns)].nummer = *n,
        W::StandaardTekst(i, t) if ns > 0 => {
            let s = &mut v.standaarden[i.index(ns)];
            s.titel = t.clone();
            s.tekst = t.clone();
        }
        W::StandaardWeg(i) if ns > 0 => {
            v.standaarden.remove(i.index(ns));
        }
        W::VraagNummer(i, n) if nv > 0 => v.vragen[i.index(nv)].nummer = *n,
        W::VraagStandaard(i, n) if nv > 0 => v.vragen[i.index(nv)].standaard = *n,
        W::VraagBlok(i, n) if nv > 0 => v.vragen[i.index(nv)].blok = *n,
        W::VraagTekst(i, t) if nv > 0 => v.vragen[i.index(nv)].tekst = t.clone(),
        W::VraagWeg(i) if nv > 0 => {
            v.vragen.remove(i.index(nv));
        }
        W::VraagDubbel(i) if nv > 0 => {
            let q = v.vragen[i.index(nv)].clone();
            v.vragen.push(q);
        }
        _ => {}
    }
}

proptest! {
    #![proptest_config(config(200))]

    /// An uploaded questionnaire is checked with Dutch messages; one that passes the check can
    /// be exported to Excel and imported back, whatever its texts and numbers are.
    #[test]
    fn geuploade_vragenlijst(wijzigingen in prop::collection::vec(vragenlijst_wijziging(), 0..6)) {
        let mut vl = vragenlijst().clone();
        for w in &wijzigingen {
            wijzig(&mut vl, w);
        }
        // What the upload does first: the JSON must read back as the same questionnaire.
        let json = serde_json::to_string(&vl).unwrap();
        let terug: Vragenlijst = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(&terug, &vl);
        let fouten = voorop::zelfscan::model::valideer_vragenlijst(&vl);
        for m in &fouten {
            prop_assert!(is_nederlands(m), "{m}");
        }
        if !fouten.is_empty() {
            return Ok(());
        }
        let antwoorden: Vec<VraagAntwoord> = vl
            .vragen
            .iter()
            .map(|v| VraagAntwoord {
                vraag: v.nummer,
                antwoord: (v.nummer % 2 == 0).then_some(Antwoord::OpOrde),
                toelichting: String::new(),
            })
            .collect();
        let regio = regio_scores(&vl, &[&antwoorden]);
        let ronde = ExportRonde {
            ronde_id: RONDE,
            titel: vl.titel.clone(),
            regio_naam: "Oost-Brabant".into(),
            doel: "Evaluatie".into(),
            datum: "2026-03-12".into(),
            vragenlijst: vl.clone(),
            gemeenten: vec![ExportGemeente {
                code: "0772".into(),
                naam: "Eindhoven".into(),
                antwoorden: antwoorden.clone(),
            }],
            regio,
            regio_aantal_gemeenten: 1,
        };
        let bytes = export_xlsx(&ronde);
        prop_assert!(bytes.is_ok(), "export: {:?}", bytes.err());
        let terug = import_xlsx(&bytes.unwrap(), RONDE, &vl, &gemeenten());
        prop_assert!(terug.is_ok(), "import: {:?}", terug.err());
        prop_assert_eq!(&terug.unwrap()[0].antwoorden, &antwoorden);
    }
}

#[test]
fn xlsx_echte_export_wordt_teruggelezen() {
    let terug = import_xlsx(echte_export(), RONDE, vragenlijst(), &gemeenten()).unwrap();
    assert_eq!(terug.len(), 3);
    let fouten = import_xlsx(echte_export(), RONDE + 1, vragenlijst(), &gemeenten()).unwrap_err();
    assert!(fouten.iter().all(|f| f.melding.contains("scanronde")));
}

// ---- 2. CSV import --------------------------------------------------------------------------

/// A CSV-like file: random delimiters, quotes (balanced or not), line ends, BOM, and optionally
/// encoded as Windows-1252 (every char below U+0100 as one byte).
fn csv_achtig() -> impl Strategy<Value = Vec<u8>> {
    (
        prop::collection::vec(
            prop::collection::vec((lastige_tekst(12), 0u8..4), 0..6),
            0..8,
        ),
        select(vec![",", ";", "\t", "|", ";;"]),
        select(vec!["\n", "\r\n", "\r", "\n\n"]),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(rijen, scheiding, regeleinde, bom, cp1252)| {
            let tekst = rijen
                .iter()
                .map(|rij| {
                    rij.iter()
                        .map(|(v, aanhaling)| match aanhaling {
                            0 => v.clone(),
                            1 => format!("\"{}\"", v.replace('"', "\"\"")),
                            2 => format!("\"{v}"),
                            _ => format!("{v}\"\""),
                        })
                        .collect::<Vec<_>>()
                        .join(scheiding)
                })
                .collect::<Vec<_>>()
                .join(regeleinde);
            let mut bytes = if bom {
                b"\xEF\xBB\xBF".to_vec()
            } else {
                vec![]
            };
            if cp1252 {
                bytes.extend(
                    tekst
                        .chars()
                        .map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?')),
                );
            } else {
                bytes.extend(tekst.bytes());
            }
            bytes
        })
}

fn lees_en_controleer(bytes: &[u8]) -> Result<(), TestCaseError> {
    match import::lees(bytes) {
        Ok(tabel) => {
            prop_assert!(tabel.kolommen.iter().any(|k| !k.is_empty()));
            for k in &tabel.kolommen {
                prop_assert_eq!(k, &k.trim().to_lowercase());
            }
            let mut vorige = 1;
            for (rij, waarden) in &tabel.rijen {
                prop_assert!(*rij > vorige, "row numbers go up from 2");
                vorige = *rij;
                prop_assert!(waarden.iter().any(|w| !w.is_empty()));
                for w in waarden {
                    prop_assert_eq!(w.as_str(), w.trim());
                }
            }
        }
        Err(fouten) => {
            veldfouten_nederlands(&fouten)?;
            for f in &fouten {
                prop_assert!(!f.veld.is_empty());
                prop_assert!(f.melding.starts_with("Rij "), "{}", f.melding);
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(500))]

    #[test]
    fn csv_willekeurige_bytes(bytes in prop::collection::vec(any::<u8>(), 0..1024)) {
        let tekst = import::decodeer(&bytes);
        let zonder_bom = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
        if let Ok(s) = std::str::from_utf8(zonder_bom) {
            prop_assert_eq!(tekst.as_str(), s);
        } else {
            // Windows-1252: one character per byte.
            prop_assert_eq!(tekst.chars().count(), zonder_bom.len());
        }
        lees_en_controleer(&bytes)?;
    }

    #[test]
    fn csv_lastige_bestanden(bytes in csv_achtig()) {
        lees_en_controleer(&bytes)?;
    }

    /// A file written by a CSV writer comes back field for field (trimmed; header lower-cased;
    /// empty rows left out), whatever the fields contain.
    #[test]
    fn csv_geschreven_bestand_komt_terug(
        kop in prop::collection::vec("[a-zA-Z_]{1,8}", 2..6),
        rijen in prop::collection::vec(prop::collection::vec(lastige_tekst(10), 0..7), 0..6),
        puntkomma in any::<bool>(),
        bom in any::<bool>(),
    ) {
        let scheiding = if puntkomma { b';' } else { b',' };
        let mut w = csv::WriterBuilder::new()
            .delimiter(scheiding)
            .flexible(true)
            .from_writer(vec![]);
        w.write_record(&kop).unwrap();
        for r in &rijen {
            w.write_record(r).unwrap();
        }
        let mut bytes = if bom { b"\xEF\xBB\xBF".to_vec() } else { vec![] };
        bytes.extend(w.into_inner().unwrap());
        // Control characters in a cell refuse the file, naming row and column, never the value.
        let stuur = rijen
            .iter()
            .filter(|r| r.iter().any(|v| !v.trim().is_empty()))
            .flatten()
            .any(|v| voorop::tekst::stuurteken(v.trim()).is_some());
        let tabel = match import::lees(&bytes) {
            Ok(t) => {
                prop_assert!(!stuur, "a control character was accepted");
                t
            }
            Err(fouten) => {
                prop_assert!(stuur, "{:?}", fouten);
                for f in &fouten {
                    prop_assert!(f.melding.starts_with("Rij ") && f.melding.contains("stuurteken"), "{:?}", f);
                }
                return Ok(());
            }
        };
        let verwacht_kop: Vec<String> = kop.iter().map(|k| k.to_lowercase()).collect();
        prop_assert_eq!(&tabel.kolommen, &verwacht_kop);
        let verwacht: Vec<Vec<String>> = rijen
            .iter()
            .map(|r| r.iter().map(|v| v.trim().to_string()).collect::<Vec<_>>())
            .filter(|r| r.iter().any(|v| !v.is_empty()))
            .collect();
        let gelezen: Vec<Vec<String>> = tabel.rijen.into_iter().map(|(_, r)| r).collect();
        prop_assert_eq!(gelezen, verwacht);
    }

    #[test]
    fn csv_melding_past_elke_tekst(rij in any::<usize>(), kolom in prop::option::of(lastige_tekst(10)), tekst in prop_oneof![lastige_tekst(30), any::<String>()]) {
        let m = import::melding(rij, kolom.as_deref(), &tekst);
        prop_assert!(m.starts_with("Rij "));
    }
}

/// Field codes of a kind plus codes of other kinds and the base columns.
fn sleutels(soort: Soort) -> Vec<String> {
    velden::velden(soort)
        .iter()
        .map(|v| v.code.to_string())
        .chain(
            import::BASISKOLOMMEN
                .iter()
                .map(std::string::ToString::to_string),
        )
        .chain(["onbekend".to_string(), String::new()])
        .chain(
            velden::velden(Soort::ALLE[(soort as usize + 1) % 4])
                .iter()
                .map(|v| v.code.to_string()),
        )
        .collect()
}

fn soort_en_invoer() -> impl Strategy<Value = (Soort, BTreeMap<String, String>)> {
    select(Soort::ALLE.to_vec()).prop_flat_map(|soort| {
        (
            Just(soort),
            prop::collection::btree_map(select(sleutels(soort)), veldwaarde(), 0..14),
        )
    })
}

/// A valid value for a field, in one of the spellings users type.
fn geldige_datum() -> impl Strategy<Value = String> {
    (2000i32..2030, 1u32..13, 1u32..29, any::<bool>()).prop_map(|(j, m, d, nl)| {
        if nl {
            format!("{d:02}-{m:02}-{j}")
        } else {
            format!("{j}-{m:02}-{d:02}")
        }
    })
}

fn geldige_waarde(veld: &'static velden::Veld) -> BoxedStrategy<String> {
    let datum = geldige_datum();
    match veld.type_ {
        Type::Tekst | Type::Lang | Type::VtOrganisatie => {
            "[a-zA-Z0-9éëï €,.;:'\"()\t\n-]{1,60}".boxed()
        }
        Type::JaNee => select(vec!["ja", "Nee", "J", "n", "1", "0", "TRUE", "false", "on"])
            .prop_map(String::from)
            .boxed(),
        Type::Datum => datum.boxed(),
        Type::Tijdstip => (datum, 0u32..24, 0u32..60, select(vec!["T", " "]))
            .prop_map(|(d, u, m, sep)| format!("{d}{sep}{u}:{m:02}"))
            .boxed(),
        Type::Keuze(k) => (
            select(k.iter().map(|(c, _)| *c).collect::<Vec<_>>()),
            any::<bool>(),
        )
            .prop_map(|(c, hoofd)| {
                if hoofd {
                    c.to_uppercase()
                } else {
                    c.to_string()
                }
            })
            .boxed(),
        Type::Meerkeuze(k) => (
            prop::sample::subsequence(k.iter().map(|(c, _)| *c).collect::<Vec<_>>(), 1..=k.len()),
            select(vec![",", ";", "|", " , "]),
        )
            .prop_map(|(c, sep)| c.join(sep))
            .boxed(),
    }
}

/// A mostly valid form for a kind (every field valid or empty), with a few fields replaced by
/// hostile values: reaches both the accepting and the refusing paths.
fn bijna_geldige_invoer() -> impl Strategy<Value = (Soort, BTreeMap<String, String>)> {
    select(Soort::ALLE.to_vec()).prop_flat_map(|soort| {
        let velden: Vec<_> = velden::velden(soort)
            .iter()
            .map(|v| {
                (
                    Just(v.code.to_string()),
                    prop::option::weighted(if v.verplicht { 0.97 } else { 0.7 }, geldige_waarde(v)),
                )
            })
            .collect();
        (
            Just(soort),
            velden,
            prop::collection::vec((select(sleutels(soort)), veldwaarde()), 0..3),
        )
            .prop_map(|(soort, velden, vijandig)| {
                let mut ruw: BTreeMap<String, String> = velden
                    .into_iter()
                    .filter_map(|(k, w)| w.map(|w| (k, w)))
                    .collect();
                ruw.extend(vijandig);
                (soort, ruw)
            })
    })
}

/// The contract of `velden::valideer` for one input.
fn veldvalidatie_controleren(
    soort: Soort,
    ruw: &BTreeMap<String, String>,
) -> Result<(), TestCaseError> {
    match velden::valideer(soort, ruw) {
        Ok(w) => {
            for (code, waarde) in w.proces.iter().chain(&w.persoon) {
                let veld = velden::veld(soort, code);
                prop_assert!(veld.is_some(), "unknown key {code} stored");
                let veld = veld.unwrap();
                prop_assert_eq!(
                    w.persoon.contains_key(code),
                    veld.is_persoonlijk(),
                    "{} in the wrong map",
                    code
                );
                prop_assert!(!waarde.is_empty());
                match veld.type_ {
                    Type::Tekst | Type::Lang | Type::VtOrganisatie => {
                        prop_assert!(stuurteken(waarde).is_none());
                        prop_assert!(waarde.chars().count() <= 5000);
                    }
                    Type::JaNee => prop_assert!(waarde == "ja" || waarde == "nee"),
                    Type::Datum => prop_assert_eq!(velden::datum(waarde), Some(waarde.clone())),
                    Type::Tijdstip => {
                        prop_assert_eq!(velden::tijdstip(waarde), Some(waarde.clone()));
                    }
                    Type::Keuze(k) => prop_assert!(k.iter().any(|(c, _)| c == waarde)),
                    Type::Meerkeuze(k) => {
                        for c in waarde.split(',') {
                            prop_assert!(k.iter().any(|(code, _)| *code == c), "{c}");
                        }
                    }
                }
            }
            for veld in velden::velden(soort).iter().filter(|v| v.verplicht) {
                prop_assert!(w.proces.contains_key(veld.code) || w.persoon.contains_key(veld.code));
            }
        }
        Err(fouten) => {
            veldfouten_nederlands(&fouten)?;
            for f in &fouten {
                let veld = velden::veld(soort, &f.veld);
                prop_assert!(veld.is_some(), "error on unknown field {}", f.veld);
                let invoer = ruw.get(&f.veld).map_or("", |s| s.trim());
                if veld.unwrap().is_persoonlijk() && invoer.chars().count() >= 6 {
                    prop_assert!(
                        !f.melding.contains(invoer),
                        "personal value echoed: {:?}",
                        f
                    );
                }
                // What the CSV import makes of it.
                let _ = import::melding(2, Some(&f.veld), &f.melding);
            }
        }
    }
    Ok(())
}

/// A row of the bulk writer's property test: id, text, optional text, optional number,
/// optional float, flag.
type BulkProefRij = (i64, String, Option<String>, Option<i64>, Option<f64>, i64);

/// A personal value that must never come back in a message.
const GEHEIM: &str = "Jansen-Zq8";

/// From `GENERIEK_PLAN_VANAF` rows the bulk writer runs its statements with a generic plan on
/// PostgreSQL (`db::bulk`), and gives the transaction back with the plan setting its caller
/// had: a statement after it in the same transaction (the audit search sets
/// `force_custom_plan`) is planned as asked.
#[test]
fn bulk_geeft_de_planinstelling_van_de_transactie_terug() {
    if !common::op_postgres() {
        eprintln!("alleen met VOOROP_TEST_DB=postgres://…");
        return;
    }
    use voorop::db::bulk::{Bulk, Cel, GENERIEK_PLAN_VANAF};
    let (rt, db, _) = importdatabase();
    rt.block_on(async {
        sqlx::raw_sql(
            "CREATE TABLE IF NOT EXISTS bulk_plan (id BIGINT NOT NULL, t TEXT NOT NULL, vlag BOOLEAN NOT NULL)",
        )
        .execute(db)
        .await
        .unwrap();
        let mut tx = db.begin().await.unwrap();
        sqlx::raw_sql("SET LOCAL plan_cache_mode = force_custom_plan")
            .execute(&mut *tx)
            .await
            .unwrap();
        let mut b = Bulk::new("bulk_plan", &["id", "t"]).met_vast("vlag", "TRUE");
        let rijen = i64::try_from(GENERIEK_PLAN_VANAF).unwrap();
        for i in 0..rijen {
            b.rij(vec![Cel::I(i), Cel::T(format!("rij {i}"))]);
        }
        b.schrijf(&mut tx).await.unwrap();
        let na: String = sqlx::query_scalar("SELECT current_setting('plan_cache_mode')")
            .fetch_one(&mut *tx)
            .await
            .unwrap();
        assert_eq!(na, "force_custom_plan");
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM bulk_plan")
            .fetch_one(&mut *tx)
            .await
            .unwrap();
        assert_eq!(n, rijen);
        tx.rollback().await.unwrap();
    });
}

/// One database for the whole-file import property, with one organisation in oost-brabant,
/// and the runtime that owns its pool.
fn importdatabase() -> &'static (tokio::runtime::Runtime, voorop::db::Db, tempfile::TempDir) {
    static D: OnceLock<(tokio::runtime::Runtime, voorop::db::Db, tempfile::TempDir)> =
        OnceLock::new();
    D.get_or_init(|| {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let map = tempfile::tempdir().unwrap();
        let db = rt.block_on(async {
            // SQLite, or PostgreSQL with `VOOROP_TEST_DB`.
            let (db, _) =
                common::testdatabase(&map.path().join("eigenschappen.db"), common::Vulling::Leeg)
                    .await;
            voorop::organisatie::repo::zorg_voor_regios(&db)
                .await
                .unwrap();
            voorop::organisatie::repo::bewaar(
                &db,
                "vt-ob",
                "Veilig Thuis Oost-Brabant",
                "veilig_thuis",
                &voorop::gedeeld::RegioCode::OOST_BRABANT,
            )
            .await
            .unwrap();
            db
        });
        (rt, db, map)
    })
}

/// Every column an import file may have.
fn alle_kolommen() -> Vec<&'static str> {
    let mut k: Vec<&'static str> = import::BASISKOLOMMEN.to_vec();
    for soort in Soort::ALLE {
        for v in velden::velden(*soort) {
            if !k.contains(&v.code) {
                k.push(v.code);
            }
        }
    }
    k
}

fn is_persoonlijke_kolom(k: &str) -> bool {
    k == "persoon_naam"
        || k == "persoon_geboortedatum"
        || Soort::ALLE
            .iter()
            .any(|s| velden::veld(*s, k).is_some_and(voorop::casus::velden::Veld::is_persoonlijk))
}

/// A whole import file for one kind: the required columns, a random choice of that kind's
/// fields (mostly valid values) and a few columns of other kinds; personal columns hold text
/// around [`GEHEIM`].
fn importbestand() -> impl Strategy<Value = Vec<u8>> {
    (
        select(Soort::ALLE.to_vec()),
        prop::sample::subsequence(alle_kolommen(), 0..3),
        any::<bool>(),
    )
        .prop_flat_map(|(soort, anders, puntkomma)| {
            let (verplicht, vrij): (Vec<&velden::Veld>, Vec<&velden::Veld>) =
                velden::velden(soort).iter().partition(|v| v.verplicht);
            let vrij: Vec<&'static str> = vrij.iter().map(|v| v.code).collect();
            let n = vrij.len();
            (
                Just(soort),
                Just(anders),
                Just(puntkomma),
                Just(verplicht.iter().map(|v| v.code).collect::<Vec<_>>()),
                prop::sample::subsequence(vrij, 0..=n),
            )
        })
        .prop_flat_map(|(soort, anders, puntkomma, verplicht, vrij)| {
            let mut kolommen: Vec<&'static str> = import::BASISKOLOMMEN.to_vec();
            for k in verplicht.into_iter().chain(vrij).chain(anders) {
                if !kolommen.contains(&k) {
                    kolommen.push(k);
                }
            }
            let waarden: Vec<BoxedStrategy<String>> =
                kolommen.iter().map(|k| importwaarde(soort, k)).collect();
            (
                Just(kolommen),
                prop::collection::vec(waarden, 1..3),
                Just(puntkomma),
            )
        })
        .prop_map(|(kolommen, rijen, puntkomma)| {
            let mut w = csv::WriterBuilder::new()
                .delimiter(if puntkomma { b';' } else { b',' })
                .from_writer(vec![]);
            w.write_record(&kolommen).unwrap();
            for r in &rijen {
                w.write_record(r).unwrap();
            }
            w.into_inner().unwrap()
        })
}

fn importwaarde(soort: Soort, kolom: &'static str) -> BoxedStrategy<String> {
    let s = |w: &'static str| Just(w.to_string());
    match kolom {
        "soort" => prop_oneof![20 => s(soort.code()), 1 => veldwaarde()].boxed(),
        "regio" => prop_oneof![20 => s("Oost-Brabant"), 1 => veldwaarde()].boxed(),
        "organisatie" => prop_oneof![20 => s("VT-OB"), 1 => veldwaarde()].boxed(),
        "tijdstip" => prop_oneof![6 => s("2025-03-14 22:15"), 1 => tijdstipachtig()].boxed(),
        "status" => prop_oneof![
            8 => select(import::toegestane_statussen(soort).iter().map(|s| s.code()).collect::<Vec<_>>()).prop_map(String::from),
            4 => s(""),
            1 => select(vec!["geagendeerd", "onzin"]).prop_map(String::from),
        ]
        .boxed(),
        "casus_ref" => select(vec!["", "A-1", "B-2"])
            .prop_map(String::from)
            .boxed(),
        "persoon_naam" => prop_oneof![
            1 => s(""),
            6 => "[A-Za-z]{2,12}".prop_map(|n| format!("{n} {GEHEIM}")),
            1 => veldwaarde().prop_map(|n| format!("{n}{GEHEIM}")),
        ]
        .boxed(),
        "persoon_geboortedatum" => prop_oneof![
            1 => s(""),
            12 => geldige_datum(),
            1 => datumachtig(),
            1 => veldwaarde().prop_map(|d| format!("{d}{GEHEIM}")),
        ]
        .boxed(),
        k => match velden::veld(soort, k) {
            Some(v) if v.is_persoonlijk() => prop_oneof![
                1 => s(""),
                3 => geldige_waarde(v).prop_map(|w| format!("{w} {GEHEIM}")),
                1 => veldwaarde().prop_map(|w| format!("{w}{GEHEIM}")),
            ]
            .boxed(),
            Some(v) => prop_oneof![2 => s(""), 12 => geldige_waarde(v), 1 => veldwaarde()].boxed(),
            None if is_persoonlijke_kolom(k) => {
                prop_oneof![4 => s(""), 1 => veldwaarde().prop_map(|w| format!("{w}{GEHEIM}"))]
                    .boxed()
            }
            None => prop_oneof![4 => s(""), 1 => veldwaarde()].boxed(),
        },
    }
}

proptest! {
    #![proptest_config(config(400))]

    #[test]
    fn veldvalidatie_elke_soort((soort, ruw) in soort_en_invoer()) {
        veldvalidatie_controleren(soort, &ruw)?;
    }

    #[test]
    fn veldvalidatie_bijna_geldig((soort, ruw) in bijna_geldige_invoer()) {
        veldvalidatie_controleren(soort, &ruw)?;
    }

    /// Personal fields filled with text around a marker (with control characters, too long,
    /// in a date field): no message repeats it.
    #[test]
    fn veldvalidatie_herhaalt_geen_persoonsgegevens(
        soort in select(Soort::ALLE.to_vec()),
        voor in veldwaarde(),
        na in lastige_tekst(10),
        lang in 0usize..6000,
    ) {
        let waarde = format!("{voor}{GEHEIM}{na}{}", "ë".repeat(lang));
        let ruw: BTreeMap<String, String> = velden::velden(soort)
            .iter()
            .filter(|v| v.is_persoonlijk())
            .map(|v| (v.code.to_string(), waarde.clone()))
            .collect();
        veldvalidatie_controleren(soort, &ruw)?;
        if let Err(fouten) = velden::valideer(soort, &ruw) {
            for f in fouten {
                prop_assert!(!f.melding.contains(GEHEIM), "{:?}", f);
            }
        }
    }

    /// The whole moment (as the form and the CSV import validate it), with the identifying
    /// person fields.
    #[test]
    fn moment_validatie_herhaalt_geen_persoonsgegevens(
        soort in select(Soort::ALLE.to_vec()),
        paren in prop::collection::vec(
            (
                prop_oneof![
                    select(vec!["casus", "tijdstip", "persoon_naam", "persoon_geboortedatum", "deelnemers", "_csrf"]).prop_map(String::from),
                    select(sleutels(Soort::Zsm)),
                    select(sleutels(Soort::Actieoverleg)),
                ],
                veldwaarde(),
            ),
            0..16,
        ),
        naam in veldwaarde(),
        geboren in prop_oneof![datumachtig(), veldwaarde()],
        met_sleutel in any::<bool>(),
    ) {
        let mut invoer = MomentInvoer::uit_paren(&paren);
        invoer.persoon_naam = format!("{naam} {GEHEIM}");
        invoer.persoon_geboortedatum = format!("{geboren}{GEHEIM}");
        let sleutel = Sleutel::new(b"een-testsleutel-van-minstens-32-tekens!!");
        let sleutel = met_sleutel.then_some(&sleutel);
        if let Err(fouten) = moment_valideren(sleutel, soort, &invoer) {
            veldfouten_nederlands(&fouten)?;
            for f in &fouten {
                prop_assert!(!f.melding.contains(GEHEIM), "{:?}", f);
            }
        }
    }

    /// The whole CSV import against a database: it stores or refuses with Dutch messages
    /// that never repeat a personal value.
    #[test]
    fn csv_import_herhaalt_geen_persoonsgegevens(bytes in importbestand(), met_sleutel in prop::bool::weighted(0.8)) {
        let (rt, db, _) = importdatabase();
        let sleutel = Sleutel::new(b"een-testsleutel-van-minstens-32-tekens!!");
        let uitkomst = rt.block_on(import::importeren(
            db,
            met_sleutel.then_some(&sleutel),
            &voorop::audit::Actor::cli(),
            &bytes,
        ));
        match uitkomst {
            Ok(s) => prop_assert!(s.momenten > 0),
            Err(import::ImportFout::Afgekeurd(fouten)) => {
                veldfouten_nederlands(&fouten)?;
                for f in &fouten {
                    prop_assert!(!f.melding.contains(GEHEIM), "{:?}", f);
                }
            }
            Err(e) => prop_assert!(false, "not a validation error: {e:?}"),
        }
    }

    /// What a bulk writer stores is read back unchanged, whatever its text holds (quotes,
    /// backslashes, braces, commas, the word NULL): on PostgreSQL every column travels as one
    /// array literal (`db::bulk`), so an unescaped character would shift or corrupt values.
    #[test]
    fn bulk_schrijft_elke_waarde_ongewijzigd(
        rijen in prop::collection::vec(
            (
                prop_oneof![lastige_tekst(12), any::<String>(), Just("NULL".to_string()), Just(r#"{"a\\",}"#.to_string())],
                prop::option::of(prop_oneof![lastige_tekst(8), any::<String>()]),
                prop::option::of(any::<i64>()),
                prop::option::of(prop_oneof![prop::num::f64::NORMAL | prop::num::f64::SUBNORMAL | prop::num::f64::ZERO, Just(0.1), Just(1e300)]),
            ),
            1..25,
        ),
    ) {
        use voorop::db::bulk::{Bulk, Cel};
        // Text cannot hold NUL on PostgreSQL (the application refuses control characters).
        let zonder_nul = |t: &String| t.replace('\0', "");
        let verwacht: Vec<BulkProefRij> = rijen
            .iter()
            .enumerate()
            .map(|(i, (t, ot, oi, f))| (i as i64, zonder_nul(t), ot.as_ref().map(zonder_nul), *oi, *f, 1))
            .collect();
        let (rt, db, _) = importdatabase();
        let gelezen = rt.block_on(async {
            let mut conn = db.acquire().await.unwrap();
            sqlx::raw_sql(
                "CREATE TABLE IF NOT EXISTS bulk_proef (id BIGINT NOT NULL, t TEXT NOT NULL, ot TEXT, oi BIGINT, f DOUBLE PRECISION, vlag BOOLEAN NOT NULL);
                 DELETE FROM bulk_proef",
            )
            .execute(&mut *conn)
            .await
            .unwrap();
            let mut b = Bulk::new("bulk_proef", &["id", "t", "ot", "oi", "f"]).met_vast("vlag", "TRUE");
            for (id, t, ot, oi, f, _) in &verwacht {
                b.rij(vec![Cel::I(*id), Cel::T(t.clone()), Cel::OT(ot.clone()), Cel::OI(*oi), Cel::F(*f)]);
            }
            b.schrijf(&mut conn).await.unwrap();
            prop_assert_eq!(b.geschreven, verwacht.len() as u64);
            let gelezen: Vec<BulkProefRij> = sqlx::query_as(
                "SELECT id, t, ot, oi, f, CAST(CASE WHEN vlag THEN 1 ELSE 0 END AS BIGINT) FROM bulk_proef ORDER BY id",
            )
            .fetch_all(&mut *conn)
            .await
            .unwrap();
            Ok::<_, TestCaseError>(gelezen)
        })?;
        prop_assert_eq!(gelezen, verwacht);
    }

    #[test]
    fn pseudoniem(naam in prop_oneof![veldwaarde(), "[A-Za-zé ,.'-]{0,30}"], geboren in prop_oneof![datumachtig(), veldwaarde()]) {
        let sleutel = Sleutel::new(b"een-testsleutel-van-minstens-32-tekens!!");
        match voorop::casus::pseudoniem::maak(&sleutel, &naam, &geboren) {
            Ok(p) => {
                prop_assert_eq!(p.len(), 32);
                prop_assert!(p.chars().all(|c| c.is_ascii_hexdigit()));
            }
            Err(fouten) => {
                veldfouten_nederlands(&fouten)?;
                for f in &fouten {
                    for gegeven in [naam.trim(), geboren.trim()] {
                        if gegeven.chars().count() >= 6 {
                            prop_assert!(!f.melding.contains(gegeven), "{:?}", f);
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn datum_en_tijdstip(s in prop_oneof![datumachtig(), tijdstipachtig(), lastige_tekst(24), any::<String>()]) {
        if let Some(d) = velden::datum(&s) {
            prop_assert_eq!(velden::datum(&d), Some(d.clone()), "not idempotent");
            let (jaar, rest) = d.rsplit_once('-').and_then(|(a, dag)| Some((a.rsplit_once('-')?, dag))).map(|((j, m), dag)| (j.to_string(), format!("{m}-{dag}"))).unwrap_or_default();
            prop_assert!(jaar.parse::<i32>().is_ok(), "{d}");
            prop_assert_eq!(rest.len(), 5, "{}", d);
        }
        if let Some(t) = velden::tijdstip(&s) {
            prop_assert_eq!(velden::tijdstip(&t), Some(t.clone()), "not idempotent");
            let (d, tijd) = t.split_once('T').unwrap_or_default();
            prop_assert!(velden::datum(d).is_some(), "{t}");
            prop_assert_eq!(tijd.len(), 5, "{}", t);
        }
        // The display helpers take whatever is stored.
        let _ = velden::tijdstip_nl(&s);
        let _ = voorop::web::datum_nl(&s);
        for soort in Soort::ALLE {
            for veld in velden::velden(*soort) {
                let _ = veld.toon(&s);
            }
        }
    }
}

// ---- 3. Small parsers -----------------------------------------------------------------------

fn werkset_catalogus() -> &'static Catalogus {
    static C: OnceLock<Catalogus> = OnceLock::new();
    C.get_or_init(|| {
        serde_json::from_str(include_str!("../../data/werkset/catalogus-2022-v1.json")).unwrap()
    })
}

fn indicatorcode() -> impl Strategy<Value = String> {
    let codes: Vec<String> = werkset_catalogus()
        .themas
        .iter()
        .flat_map(|t| &t.elementen)
        .flat_map(|e| &e.indicatoren)
        .map(|i| i.code.clone())
        .collect();
    prop_oneof![3 => select(codes), 1 => veldwaarde()]
}

fn code_of_rommel(codes: Vec<&'static str>) -> impl Strategy<Value = String> {
    prop_oneof![
        2 => select(codes).prop_map(String::from),
        1 => veldwaarde(),
    ]
}

fn getalachtig() -> impl Strategy<Value = String> {
    prop_oneof![
        select(vec![
            "", "0", "0,5", "-1", "NaN", "inf", "-inf", "1e309", "1e-400", "4.5.6", " 3 ", "0x10",
            "١٢"
        ])
        .prop_map(String::from),
        any::<f64>().prop_map(|f| f.to_string().replace('.', ",")),
        veldwaarde(),
    ]
}

proptest! {
    #![proptest_config(config(500))]

    #[test]
    fn email(s in prop_oneof![lastige_tekst(30), "[a-zA-Z.@ ]{0,20}", any::<String>(), (1usize..300).prop_map(|n| format!("{}@voorbeeld.nl", "a".repeat(n)))]) {
        match Email::parse(&s) {
            Ok(e) => {
                prop_assert_eq!(e.as_str(), s.trim().to_lowercase());
                prop_assert!(e.as_str().len() <= 254);
                prop_assert!(e.as_str().contains('@'));
                prop_assert!(!e.as_str().chars().any(char::is_whitespace));
            }
            Err(m) => prop_assert!(is_nederlands(&m), "{m}"),
        }
    }

    #[test]
    fn wachtwoord(
        w in prop_oneof![
            lastige_tekst(40),
            any::<String>(),
            ("[a-z0-9]{1,4}", 3usize..400).prop_map(|(s, n)| s.repeat(n)),
            (1020usize..1030).prop_map(|n| "é".repeat(n / 2)),
        ],
        eigen in prop::collection::vec(prop_oneof![lastige_tekst(20), Just(String::new())], 0..3),
    ) {
        let eigen: Vec<&str> = eigen.iter().map(String::as_str).collect();
        match controleer_wachtwoord(&w, &eigen) {
            Ok(()) => {
                prop_assert!(w.chars().count() >= 12);
                prop_assert!(w.len() <= 1024);
            }
            Err(m) => prop_assert!(is_nederlands(&m), "{m}"),
        }
    }

    #[test]
    fn codes_en_keuzes(s in prop_oneof![lastige_tekst(24), any::<String>(), select(REGIOS.map(|r| r.0).to_vec()).prop_map(|r| format!(" {r}\t"))]) {
        match RegioCode::parse(&s) {
            Ok(r) => prop_assert!(REGIOS.iter().any(|(c, _)| *c == r.as_str())),
            Err(m) => prop_assert!(is_nederlands(&m), "{m}"),
        }
        if let Err(m) = TokenBereik::parse(&s) {
            prop_assert!(is_nederlands(&m), "{m}");
        }
        let _ = Rol::parse(&s);
        let _ = OrganisatieSoort::parse(&s);
        let _ = Soort::parse(&s);
        let _ = Status::parse(&s);
        let _ = Antwoord::parse(&s);
        let _ = Antwoord::parse_label(&s);
        let _ = voorop::zelfscan::model::Doel::parse(&s);
        let _ = voorop::zelfscan::model::Zichtbaarheid::parse(&s);
        match Periode::parse(&s) {
            Ok(p) => {
                prop_assert_eq!(Periode::parse(p.as_str()), Ok(p.clone()));
                let _ = p.vorige();
            }
            Err(m) => prop_assert!(is_nederlands(&m), "{m}"),
        }
        match geen_stuurtekens(&s) {
            Ok(()) => prop_assert!(stuurteken(&s).is_none()),
            Err(m) => {
                prop_assert!(is_nederlands(&m), "{m}");
                prop_assert!(stuurteken(&m).is_none(), "the message repeats the control character");
            }
        }
    }

    #[test]
    fn tweestapscode(
        code in prop_oneof![lastige_tekst(10), "[0-9 ]{0,9}", any::<String>()],
        geheim in prop_oneof![Just(voorop::auth::tweestaps::DEMO_GEHEIM.to_string()), lastige_tekst(40)],
        // The server clock, not user input: up to the year 2100.
        nu in 0u64..4_102_444_800,
        laatste in any::<i64>(),
    ) {
        if let Some(stap) = voorop::auth::tweestaps::controleer_code(&geheim, &code, nu, laatste) {
            prop_assert!(stap > laatste);
        }
    }

    #[test]
    fn zelfscan_antwoorden(
        invoer in prop::collection::vec(
            (
                prop_oneof![1i64..40, any::<i64>()],
                prop::option::of(prop_oneof![select(vec!["op_orde", " niet_op_orde ", "Op orde", ""]).prop_map(String::from), veldwaarde()]),
                prop::option::of(veldwaarde()),
            ),
            0..40,
        ),
    ) {
        let ruw: Vec<RuwAntwoord> = invoer
            .into_iter()
            .map(|(vraag, antwoord, toelichting)| RuwAntwoord { vraag, antwoord, toelichting })
            .collect();
        let vl = vragenlijst();
        match valideer_antwoorden(vl, &ruw) {
            Ok(antwoorden) => {
                let mut gezien = std::collections::BTreeSet::new();
                for a in &antwoorden {
                    prop_assert!(vl.vragen.iter().any(|v| v.nummer == a.vraag));
                    prop_assert!(gezien.insert(a.vraag), "question twice");
                    prop_assert!(a.toelichting.chars().count() <= 4000);
                    prop_assert!(stuurteken(&a.toelichting).is_none());
                }
            }
            Err(fouten) => veldfouten_nederlands(&fouten)?,
        }
    }

    #[test]
    fn werkset_formulieren(
        indicator in indicatorcode(),
        partners in prop::collection::vec(code_of_rommel(OrganisatieSoort::ALLE.map(voorop::organisatie::model::OrganisatieSoort::code).to_vec()), 0..4),
        classificatie in code_of_rommel(vec!["regulier", "verschuiving", "meerwerk", "minderwerk"]),
        hoeveelheid in getalachtig(),
        eenheid in code_of_rommel(vec!["", "uren_per_week", "fte", "euro", "dagen"]),
        omschrijving in veldwaarde(),
        bewijs in code_of_rommel(vec!["interview", "evaluatie", "werkplan"]),
        datum in prop_oneof![datumachtig(), veldwaarde()],
        sterkte in code_of_rommel(vec!["aangetoond", "plausibel", "verwacht"]),
        titel in veldwaarde(),
        jaar in prop_oneof![(1990i32..2110).prop_map(|j| j.to_string()), veldwaarde()],
    ) {
        let c = werkset_catalogus();
        let invoer = InspanningInvoer {
            indicator: indicator.clone(),
            partners: partners.clone(),
            classificatie,
            hoeveelheid,
            eenheid,
            omschrijving: omschrijving.clone(),
            bewijs: bewijs.clone(),
            bewijs_datum: datum.clone(),
        };
        match valideer_inspanning(c, &invoer, &[]) {
            Ok(i) => {
                if let Some((h, e)) = i.hoeveelheid {
                    prop_assert!(h.is_finite() && h >= 0.0);
                    let _ = e.formatteer(h);
                    let _ = e.uren_per_week(h);
                }
                prop_assert!(!i.partners.is_empty());
            }
            Err(f) => veldfouten_nederlands(&f)?,
        }
        let waarde = WaardeInvoer {
            indicator,
            omschrijving: omschrijving.clone(),
            bewijs,
            bewijs_datum: datum,
            sterkte,
        };
        if let Err(f) = valideer_waarde(c, &waarde) {
            veldfouten_nederlands(&f)?;
        }
        if let Err(f) = valideer_citaat(&omschrijving, &titel) {
            veldfouten_nederlands(&f)?;
        }
        if let Err(f) = valideer_praktijk(&titel, &omschrijving, &jaar) {
            veldfouten_nederlands(&f)?;
        }
        if let Err(f) = valideer_bron(&titel, &omschrijving, &jaar) {
            veldfouten_nederlands(&f)?;
        }
        let mut fouten = vec![];
        let _ = partners_parse(&partners, "partners", &mut fouten);
        for f in &fouten {
            prop_assert!(is_nederlands(&f.melding), "{f:?}");
        }
    }
}
