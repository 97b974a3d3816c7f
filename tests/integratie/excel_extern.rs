//! The Excel exports opened by programs other than Voorop (issue 10, "Excel for analysts").
//! LibreOffice (headless) turns each export into a PDF and into one CSV per sheet, and
//! openpyxl (Python) reads it back (tests/excel/openpyxl_lezen.py prints what it sees as
//! JSON). The test checks what those programs see: an Excel table with autofilter on every data
//! sheet, frozen header rows that are printed on every page, landscape pages one page wide,
//! column widths from the content, the Zelfscan gemeente sheets protected except the answers,
//! dates as dates in a Dutch format, numbers as numbers with suppressed cells empty and a status
//! column, and the document properties. A Zelfscan export saved again by LibreOffice still
//! imports, changing nothing.
//!
//! Needs `soffice` (Debian: libreoffice-calc-nogui), `pdfinfo` and `pdftotext` (poppler-utils)
//! and `python3` with openpyxl; `./test.sh` installs them. Without them the test fails, unless
//! `VOOROP_SKIP_EXCEL=1` is set. With `VOOROP_EXCEL_MAP=/some/dir` the exports and what the
//! programs made of them are kept in that directory.

use crate::common::*;
use reqwest::StatusCode;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const OPENPYXL_LEZEN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/excel/openpyxl_lezen.py");
const RONDE: i64 = 2;
/// Sheets of the Zelfscan export that are not a gemeente.
const VASTE_BLADEN: [&str; 3] = ["Toelichting", "Resultaten", "Regio"];
/// Longest a single outside program may take.
const MAX_DUUR: Duration = Duration::from_secs(240);

// ---------------------------------------------------------------------------------------------
// Running the outside programs
// ---------------------------------------------------------------------------------------------

/// Whether `programma args` runs and exits 0.
fn werkt(programma: &str, args: &[&str]) -> bool {
    Command::new(programma)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// What is missing to run this test, if anything.
fn ontbrekend() -> Vec<String> {
    let mut mist = Vec::new();
    if !werkt("soffice", &["--version"]) {
        mist.push(
            "`soffice` is niet gevonden (apt-get install --no-install-recommends libreoffice-calc-nogui)"
                .to_string(),
        );
    }
    for p in ["pdfinfo", "pdftotext"] {
        if !werkt(p, &["-v"]) {
            mist.push(format!(
                "`{p}` is niet gevonden (apt-get install poppler-utils)"
            ));
        }
    }
    if !werkt("python3", &["-c", "import openpyxl"]) {
        mist.push(
            "`python3` met openpyxl is niet gevonden (python3 -m pip install openpyxl, of \
             apt-get install python3-openpyxl)"
                .to_string(),
        );
    }
    mist
}

/// Runs `cmd` with its output in files beside `map` (an outside program may print a lot, and a
/// hanging one is stopped after [`MAX_DUUR`]); fails the test when it does not succeed.
/// Returns what it printed on stdout.
fn draai(mut cmd: Command, map: &Path, wat: &str) -> String {
    let uit = map.join(format!("{wat}.stdout"));
    let fout = map.join(format!("{wat}.stderr"));
    let mut kind = cmd
        .stdin(Stdio::null())
        .stdout(File::create(&uit).expect("stdout-bestand"))
        .stderr(File::create(&fout).expect("stderr-bestand"))
        .spawn()
        .unwrap_or_else(|e| panic!("{wat} starten mislukt: {e}"));
    let begin = Instant::now();
    let status = loop {
        if let Some(status) = kind.try_wait().expect("wachten") {
            break status;
        }
        if begin.elapsed() > MAX_DUUR {
            let _ = kind.kill();
            let _ = kind.wait();
            panic!("{wat} na {MAX_DUUR:?} afgebroken");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let stdout = std::fs::read_to_string(&uit).unwrap_or_default();
    let stderr = std::fs::read_to_string(&fout).unwrap_or_default();
    assert!(
        status.success(),
        "{wat} mislukte ({status}):\n{stdout}\n{stderr}"
    );
    stdout
}

/// LibreOffice, headless, with its own profile under `map`: converts `bestand` to `naar`
/// (e.g. "pdf") in `map/uit`.
fn libreoffice(map: &Path, bestand: &Path, naar: &str, wat: &str) {
    let mut cmd = Command::new("soffice");
    cmd.arg(format!(
        "-env:UserInstallation=file://{}",
        map.join("lo-profiel").display()
    ))
    .args([
        "--headless",
        "--norestore",
        "--nolockcheck",
        "--convert-to",
        naar,
    ])
    .arg("--outdir")
    .arg(map.join("uit"))
    .arg(bestand);
    draai(cmd, map, wat);
}

/// What openpyxl sees in `bestand` (see tests/excel/openpyxl_lezen.py).
fn openpyxl(map: &Path, bestand: &Path, wat: &str) -> Value {
    let mut cmd = Command::new("python3");
    cmd.arg(OPENPYXL_LEZEN).arg(bestand);
    let json = draai(cmd, map, wat);
    serde_json::from_str(&json).unwrap_or_else(|e| panic!("JSON van openpyxl: {e}\n{json}"))
}

/// The pages of a PDF: (width, height) in points and the text, per page.
fn pdf_paginas(map: &Path, pdf: &Path) -> Vec<((f64, f64), String)> {
    let mut cmd = Command::new("pdfinfo");
    cmd.arg(pdf);
    let info = draai(cmd, map, "pdfinfo");
    let aantal: u32 = info
        .lines()
        .find_map(|r| r.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("geen paginatal in:\n{info}"));
    let mut cmd = Command::new("pdfinfo");
    cmd.args(["-f", "1", "-l", &aantal.to_string()]).arg(pdf);
    let info = draai(cmd, map, "pdfinfo-paginas");
    let maten: Vec<(f64, f64)> = info
        .lines()
        .filter(|r| r.starts_with("Page") && r.contains(" size:"))
        .map(|r| {
            let maat = r.split(" size:").nth(1).expect("maat");
            let mut delen = maat.split_whitespace();
            let b: f64 = delen.next().and_then(|x| x.parse().ok()).expect("breedte");
            delen.next(); // "x"
            let h: f64 = delen.next().and_then(|x| x.parse().ok()).expect("hoogte");
            (b, h)
        })
        .collect();
    assert_eq!(maten.len(), aantal as usize, "{info}");
    (1..=aantal)
        .zip(maten)
        .map(|(p, maat)| {
            let mut cmd = Command::new("pdftotext");
            cmd.args(["-layout", "-f", &p.to_string(), "-l", &p.to_string()])
                .arg(pdf)
                .arg("-");
            (maat, draai(cmd, map, "pdftotext"))
        })
        .collect()
}

/// The sheet a printed page belongs to: the left part of the footer ("&A … Pagina x van y").
fn blad_van_pagina(tekst: &str) -> String {
    let voet = tekst
        .lines()
        .rev()
        .find(|r| r.contains("Pagina "))
        .unwrap_or_else(|| panic!("pagina zonder voettekst:\n{tekst}"));
    voet[..voet.find("Pagina ").unwrap()].trim().to_string()
}

/// The sheets LibreOffice wrote as CSV (all sheets, cells as shown): sheet name → rows.
fn csv_bladen(map: &Path, bestand: &Path, bladen: &[String]) -> BTreeMap<String, Vec<Vec<String>>> {
    // Filter options: comma, double quote, UTF-8, from line 1, …, cells as shown, all sheets
    // (-1: one file per sheet, named <file>-<sheet>.csv).
    libreoffice(
        map,
        bestand,
        "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1",
        "soffice-csv",
    );
    let stam = bestand.file_stem().unwrap().to_string_lossy().to_string();
    bladen
        .iter()
        .map(|blad| {
            let pad = map.join("uit").join(format!("{stam}-{blad}.csv"));
            let tekst =
                std::fs::read_to_string(&pad).unwrap_or_else(|e| panic!("{}: {e}", pad.display()));
            assert!(!tekst.trim().is_empty(), "{} is leeg", pad.display());
            (blad.clone(), csv_rijen(&tekst))
        })
        .collect()
}

/// A small CSV reader (comma, double quotes, quotes doubled inside, newlines in quotes).
fn csv_rijen(tekst: &str) -> Vec<Vec<String>> {
    let mut rijen = Vec::new();
    let (mut rij, mut veld, mut in_aanhalingstekens) = (Vec::new(), String::new(), false);
    let mut tekens = tekst.chars().peekable();
    while let Some(c) = tekens.next() {
        match (c, in_aanhalingstekens) {
            ('"', true) if tekens.peek() == Some(&'"') => {
                veld.push('"');
                tekens.next();
            }
            ('"', _) => in_aanhalingstekens = !in_aanhalingstekens,
            (',', false) => rij.push(std::mem::take(&mut veld)),
            ('\n', false) => {
                rij.push(std::mem::take(&mut veld));
                rijen.push(std::mem::take(&mut rij));
            }
            ('\r', false) => {}
            (c, _) => veld.push(c),
        }
    }
    if !veld.is_empty() || !rij.is_empty() {
        rij.push(veld);
        rijen.push(rij);
    }
    rijen
}

/// A directory for the files of this test: `VOOROP_EXCEL_MAP` when set (kept), else temporary.
fn werkmap() -> (PathBuf, Option<tempfile::TempDir>) {
    if let Some(map) = std::env::var_os("VOOROP_EXCEL_MAP") {
        let map = PathBuf::from(map);
        std::fs::create_dir_all(map.join("uit")).expect("VOOROP_EXCEL_MAP aanmaken");
        (map, None)
    } else {
        let tmp = tempfile::tempdir().expect("tijdelijke map");
        std::fs::create_dir_all(tmp.path().join("uit")).expect("uit");
        (tmp.path().to_path_buf(), Some(tmp))
    }
}

async fn download(c: &reqwest::Client, app: &TestApp, pad: &str) -> Vec<u8> {
    let r = c.get(app.url(pad)).send().await.expect("GET");
    assert_eq!(r.status(), StatusCode::OK, "{pad}");
    r.bytes().await.expect("body").to_vec()
}

// ---------------------------------------------------------------------------------------------
// Checks on what openpyxl saw
// ---------------------------------------------------------------------------------------------

fn tekst(v: &Value) -> &str {
    v.as_str().unwrap_or_else(|| panic!("geen tekst: {v}"))
}

fn soorten(kolom: &Value) -> BTreeSet<String> {
    kolom["soorten"]
        .as_array()
        .expect("soorten")
        .iter()
        .map(|s| tekst(s).to_string())
        .collect()
}

fn strings(v: &Value) -> BTreeSet<String> {
    v.as_array()
        .expect("lijst")
        .iter()
        .map(|s| s.as_str().map_or_else(|| s.to_string(), str::to_string))
        .collect()
}

/// The sheet named `naam` in openpyxl's view.
fn blad<'a>(werkmap: &'a Value, naam: &str) -> &'a Value {
    werkmap["bladen"]
        .as_array()
        .expect("bladen")
        .iter()
        .find(|b| b["naam"] == naam)
        .unwrap_or_else(|| panic!("geen blad {naam}"))
}

/// The one table of a sheet, with the checks every table gets: an autofilter over the whole
/// table, which starts in column A at `kop_rij`, header cells that are the table's headers,
/// widths from 8 to 60 characters (plus Excel's padding).
fn enige_tabel(b: &Value, kop_rij: u32) -> &Value {
    let naam = tekst(&b["naam"]);
    let tabellen = b["tabellen"].as_array().expect("tabellen");
    assert_eq!(tabellen.len(), 1, "{naam}: {} tabellen", tabellen.len());
    let t = &tabellen[0];
    assert_eq!(t["filter"], t["ref"], "{naam}: filter over de hele tabel");
    assert!(
        tekst(&t["ref"]).starts_with(&format!("A{kop_rij}:")),
        "{naam}: {}",
        t["ref"]
    );
    for k in t["kolommen"].as_array().expect("kolommen") {
        assert_eq!(k["kop"], k["kopcel"], "{naam}");
        let breedte = k["breedte"].as_f64().expect("breedte");
        assert!(
            (8.0..=61.0).contains(&breedte),
            "{naam}.{}: {breedte}",
            k["kop"]
        );
    }
    t
}

fn kolom<'a>(t: &'a Value, kop: &str) -> &'a Value {
    t["kolommen"]
        .as_array()
        .expect("kolommen")
        .iter()
        .find(|k| k["kop"] == kop)
        .unwrap_or_else(|| panic!("geen kolom {kop}"))
}

/// Landscape, one page wide and any number of pages tall, the header row `kop_rij` frozen
/// (from column `vanaf`) and printed on every page.
fn afdrukken_en_kop(b: &Value, kop_rij: u32, vanaf: &str) {
    let naam = tekst(&b["naam"]);
    assert_eq!(b["stand"], "landscape", "{naam}");
    assert_eq!(b["passend"], true, "{naam}");
    assert_eq!(
        (b["pagina_breed"].as_i64(), b["pagina_hoog"].as_i64()),
        (Some(1), Some(0)),
        "{naam}"
    );
    assert_eq!(
        b["afdruktitels"],
        format!("${kop_rij}:${kop_rij}"),
        "{naam}"
    );
    assert_eq!(b["bevroren"], format!("{vanaf}{}", kop_rij + 1), "{naam}");
}

fn eigenschappen(werkmap: &Value, titel: &str, organisatie: &str, trefwoord: &str) {
    let e = &werkmap["eigenschappen"];
    assert_eq!(e["titel"], titel);
    assert_eq!(e["auteur"], "Voorop");
    assert_eq!(e["organisatie"], organisatie);
    assert!(!tekst(&e["onderwerp"]).is_empty());
    assert!(
        tekst(&e["trefwoorden"]).contains(trefwoord),
        "{}",
        e["trefwoorden"]
    );
    // Created today or yesterday (UTC), by the export itself.
    let gemaakt = tekst(&e["gemaakt"]);
    let vandaag = time::OffsetDateTime::now_utc().date();
    let gisteren = vandaag.previous_day().expect("gisteren");
    assert!(
        [vandaag, gisteren]
            .iter()
            .any(|d| gemaakt.starts_with(&d.to_string())),
        "gemaakt {gemaakt}"
    );
}

// ---------------------------------------------------------------------------------------------
// The test
// ---------------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn exports_in_libreoffice_en_openpyxl() {
    if std::env::var("VOOROP_SKIP_EXCEL").is_ok_and(|v| v == "1") {
        // Straight to stderr, past the test harness's output capture, so it is always seen.
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n\
             !!! VOOROP_SKIP_EXCEL=1: de Excel-test (tests/integratie/excel_extern.rs) is OVERGESLAGEN. !!!\n\
             !!! Er is NIETS in LibreOffice of met openpyxl gecontroleerd.                !!!\n\
             !!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n"
        );
        return;
    }
    let mist = ontbrekend();
    assert!(
        mist.is_empty(),
        "De Excel-test kan niet draaien:\n  - {}\n\
         Installeer: apt-get install libreoffice-calc-nogui poppler-utils && python3 -m pip install openpyxl\n\
         (of zet VOOROP_SKIP_EXCEL=1 om deze test bewust over te slaan).",
        mist.join("\n  - ")
    );

    let app = start().await;
    let c = login(&app, COORDINATOR).await;
    let (map, _tmp) = werkmap();
    let werkset = map.join("werkset-2025.xlsx");
    std::fs::write(
        &werkset,
        download(&c, &app, "/werkset/export.xlsx?periode=2025").await,
    )
    .expect("schrijven");
    let zelfscan = map.join(format!("zelfscan-ronde-{RONDE}.xlsx"));
    std::fs::write(
        &zelfscan,
        download(&c, &app, &format!("/zelfscan/{RONDE}/export.xlsx")).await,
    )
    .expect("schrijven");

    werkset_controleren(&app, &map, &werkset).await;
    zelfscan_controleren(&app, &c, &map, &zelfscan).await;
}

async fn werkset_controleren(app: &TestApp, map: &Path, bestand: &Path) {
    // openpyxl
    let w = openpyxl(map, bestand, "openpyxl-werkset");
    eigenschappen(
        &w,
        "Werkset Indicatoren 2025 – export voor analisten",
        "Voorop – regionale netwerken tegen huiselijk geweld",
        "2025",
    );
    let bladen: Vec<String> = w["bladen"]
        .as_array()
        .expect("bladen")
        .iter()
        .map(|b| tekst(&b["naam"]).to_string())
        .collect();
    assert_eq!(bladen.len(), 7, "{bladen:?}");
    let getalformaten: BTreeSet<String> = ["#,##0", "#,##0.0", "#,##0.00", "0"]
        .map(String::from)
        .into();
    for naam in &bladen {
        let b = blad(&w, naam);
        afdrukken_en_kop(b, 1, "A");
        assert_eq!(
            b["beveiligd"], false,
            "{naam}: alleen de Zelfscan is beveiligd"
        );
        let t = enige_tabel(b, 1);
        assert_eq!(
            soorten(kolom(t, "regio")),
            ["str".to_string()].into(),
            "{naam}"
        );
        // Numbers only (or nothing) in the numeric columns, with a number format.
        for kop in [
            "periode",
            "thema",
            "jaar",
            "hoeveelheid",
            "teller",
            "noemer",
            "waarde",
        ] {
            let Some(k) = t["kolommen"]
                .as_array()
                .unwrap()
                .iter()
                .find(|k| k["kop"] == kop)
            else {
                continue;
            };
            let s = soorten(k);
            assert!(
                s.iter()
                    .all(|s| ["int", "float", "leeg"].contains(&s.as_str())),
                "{naam}.{kop}: {s:?}"
            );
            assert!(
                strings(&k["formaten"]).is_subset(&getalformaten),
                "{naam}.{kop}: {}",
                k["formaten"]
            );
        }
    }
    // Dates are dates, shown dd-mm-yyyy, and they are the stored ones.
    let t = enige_tabel(blad(&w, "Inspanningen"), 1);
    let datum = kolom(t, "bewijs_datum");
    assert_eq!(soorten(datum), ["datetime".to_string()].into());
    assert_eq!(
        strings(&datum["formaten"]),
        ["dd-mm-yyyy".to_string()].into()
    );
    let mut opgeslagen: Vec<String> = sqlx::query_scalar(
        "SELECT i.bewijs_datum FROM werkset_inspanning i JOIN werkset_registratie r ON r.id = i.registratie_id WHERE r.periode = '2025'",
    )
    .fetch_all(&app.db)
    .await
    .expect("datums");
    let mut gezien: Vec<String> = datum["waarden"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| tekst(d).to_string())
        .collect();
    opgeslagen.sort();
    gezien.sort();
    assert_eq!(gezien, opgeslagen);
    // Computed figures: a suppressed number is an empty cell, and the status says why.
    let t = enige_tabel(blad(&w, "Berekende indicatoren"), 1);
    let waarden = |kop: &str| kolom(t, kop)["waarden"].as_array().unwrap().clone();
    let (teller, noemer, waarde, status) = (
        waarden("teller"),
        waarden("noemer"),
        waarden("waarde"),
        waarden("status"),
    );
    assert!(!status.is_empty());
    let mut per_status: BTreeMap<String, usize> = BTreeMap::new();
    for i in 0..status.len() {
        let s = tekst(&status[i]);
        *per_status.entry(s.to_string()).or_default() += 1;
        match s {
            "berekend" => assert!(waarde[i].is_number(), "rij {i}: berekend zonder waarde"),
            s if s.starts_with("onder drempel (<")
                || s == "afgeschermd"
                || s == "geen gegevens" =>
            {
                assert!(
                    teller[i].is_null() || noemer[i].is_null(),
                    "rij {i}: {s}, maar teller en noemer staan er"
                );
                assert!(waarde[i].is_null(), "rij {i}: {s}, maar de waarde staat er");
            }
            "geen waarde" => assert!(waarde[i].is_null()),
            s => panic!("onbekende status {s:?}"),
        }
    }
    assert!(
        per_status.contains_key("berekend") && per_status.contains_key("onder drempel (<5)"),
        "{per_status:?}"
    );
    println!("Werkset, Berekende indicatoren per status: {per_status:?}");

    // LibreOffice: PDF (landscape pages, one page wide, header on every page) and CSV.
    libreoffice(map, bestand, "pdf", "soffice-pdf-werkset");
    let pdf = map.join("uit").join("werkset-2025.pdf");
    let paginas = pdf_paginas(map, &pdf);
    let koppen: BTreeMap<&str, (String, String)> = w["bladen"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            let t = &b["tabellen"][0]["kolommen"];
            let ks = t.as_array().unwrap();
            (
                tekst(&b["naam"]),
                (
                    tekst(&ks[0]["kop"]).to_string(),
                    tekst(&ks[ks.len() - 1]["kop"]).to_string(),
                ),
            )
        })
        .collect();
    let mut per_blad: BTreeMap<String, usize> = BTreeMap::new();
    for (nr, ((b, h), tekst)) in (1..).zip(&paginas) {
        assert!(b > h, "pagina {nr} staat niet liggend: {b} x {h}");
        let naam = blad_van_pagina(tekst);
        let (eerste, laatste) = koppen
            .get(naam.as_str())
            .unwrap_or_else(|| panic!("pagina {nr}: onbekend blad {naam:?}"));
        // One page wide with the header row on every page: each page shows the first and the
        // last column's header.
        assert!(
            tekst.contains(eerste.as_str()) && tekst.contains(laatste.as_str()),
            "pagina {nr} ({naam}) mist de kop {eerste:?} … {laatste:?}:\n{tekst}"
        );
        *per_blad.entry(naam).or_default() += 1;
    }
    assert_eq!(per_blad.len(), bladen.len(), "{per_blad:?}");
    println!(
        "Werkset-PDF van LibreOffice: {} liggende pagina's {per_blad:?}",
        paginas.len()
    );

    let csv = csv_bladen(map, bestand, &bladen);
    for naam in &bladen {
        let t = enige_tabel(blad(&w, naam), 1);
        let koppen: Vec<String> = t["kolommen"]
            .as_array()
            .unwrap()
            .iter()
            .map(|k| tekst(&k["kop"]).to_string())
            .collect();
        assert_eq!(csv[naam][0], koppen, "{naam}");
    }
    let inspanningen = &csv["Inspanningen"];
    let k = inspanningen[0]
        .iter()
        .position(|k| k == "bewijs_datum")
        .unwrap();
    let mut getoond: Vec<String> = inspanningen[1..].iter().map(|r| r[k].clone()).collect();
    let mut verwacht: Vec<String> = opgeslagen
        .iter()
        .map(|d| voorop::web::datum_nl(d))
        .collect();
    getoond.sort();
    verwacht.sort();
    assert_eq!(
        getoond, verwacht,
        "LibreOffice toont de datums als dd-mm-jjjj"
    );
    let berekend = &csv["Berekende indicatoren"];
    for kop in ["teller", "noemer", "waarde"] {
        let k = berekend[0].iter().position(|x| x == kop).unwrap();
        for r in &berekend[1..] {
            assert!(
                r[k].is_empty() || r[k].chars().all(|c| c.is_ascii_digit() || ".,".contains(c)),
                "{kop}: {:?} is geen getal",
                r[k]
            );
        }
    }
}

async fn zelfscan_controleren(app: &TestApp, c: &reqwest::Client, map: &Path, bestand: &Path) {
    let (titel, datum, regio): (String, String, String) =
        sqlx::query_as("SELECT titel, datum, regio_code FROM zelfscan_ronde WHERE id = $1")
            .bind(RONDE)
            .fetch_one(&app.db)
            .await
            .expect("ronde");
    let regio_naam = voorop::organisatie::model::regio_naam(
        voorop::gedeeld::RegioCode::parse(&regio).expect("regiocode"),
    );

    // openpyxl
    let w = openpyxl(map, bestand, "openpyxl-zelfscan");
    eigenschappen(&w, &titel, &format!("Regio {regio_naam}"), "Zelfscan");
    let bladen: Vec<String> = w["bladen"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| tekst(&b["naam"]).to_string())
        .collect();
    let gemeenten: Vec<&String> = bladen
        .iter()
        .filter(|b| !VASTE_BLADEN.contains(&b.as_str()))
        .collect();
    assert!(gemeenten.len() >= 2, "{bladen:?}");

    // Toelichting: the round's date as a date.
    let toelichting = blad(&w, "Toelichting");
    let cel = &toelichting["cellen"]["B5"];
    assert_eq!(toelichting["cellen"]["A5"]["waarde"], "Datum");
    assert_eq!(
        (&cel["soort"], &cel["waarde"], &cel["formaat"]),
        (
            &"datetime".into(),
            &Value::from(datum.as_str()),
            &"dd-mm-yyyy".into()
        )
    );
    assert_eq!(toelichting["stand"], "landscape");

    for naam in &gemeenten {
        let b = blad(&w, naam);
        afdrukken_en_kop(b, 6, "A");
        // Protected without a password; filtering allowed, sorting and inserting rows not.
        assert_eq!(
            (
                &b["beveiligd"],
                &b["wachtwoord"],
                &b["filteren_vergrendeld"],
                &b["sorteren_vergrendeld"],
                &b["rijen_invoegen_vergrendeld"]
            ),
            (
                &true.into(),
                &false.into(),
                &false.into(),
                &true.into(),
                &true.into()
            ),
            "{naam}"
        );
        for adres in ["B3", "B4", "B5"] {
            assert_eq!(b["cellen"][adres]["vergrendeld"], true, "{naam}!{adres}");
        }
        let t = enige_tabel(b, 6);
        assert_eq!(tekst(&t["ref"]), format!("A6:F{}", 6 + AANTAL_VRAGEN));
        for (kop, vergrendeld) in [
            ("Nr", true),
            ("Blok", true),
            ("Standaard", true),
            ("Vraag", true),
            ("Antwoord", false),
            ("Toelichting", false),
        ] {
            assert_eq!(
                kolom(t, kop)["vergrendeld"],
                Value::from(vec![vergrendeld]),
                "{naam}.{kop}"
            );
        }
        assert_eq!(soorten(kolom(t, "Nr")), ["int".to_string()].into());
        let antwoorden = strings(&kolom(t, "Antwoord")["waarden"]);
        assert!(
            antwoorden.is_subset(&["Op orde", "Niet op orde", "null"].map(String::from).into()),
            "{antwoorden:?}"
        );
    }
    // Resultaten and Regio: tables with a Status column and percentages as numbers; the
    // header row of Resultaten is taller than one line when a gemeente name wraps.
    for naam in ["Resultaten", "Regio"] {
        let b = blad(&w, naam);
        afdrukken_en_kop(b, 4, "B");
        let t = enige_tabel(b, 4);
        assert_eq!(
            tekst(&t["ref"]),
            format!(
                "A4:{}14",
                (b'A' + t["kolommen"].as_array().unwrap().len() as u8 - 1) as char
            )
        );
        let status = kolom(t, "Status");
        assert_eq!(soorten(status), ["str".to_string()].into());
        let gemiddelde = kolom(t, "Regio gemiddelde");
        assert!(
            soorten(gemiddelde)
                .iter()
                .all(|s| ["int", "float", "leeg"].contains(&s.as_str()))
        );
        assert_eq!(
            strings(&gemiddelde["formaten"]),
            ["#,##0.0".to_string()].into()
        );
    }
    let resultaten = blad(&w, "Resultaten");
    let t = enige_tabel(resultaten, 4);
    let kopregel = resultaten["rijhoogten"]["4"].as_f64().unwrap_or(15.0);
    for k in t["kolommen"].as_array().unwrap() {
        let kop = tekst(&k["kop"]);
        let breedte = k["breedte"].as_f64().unwrap();
        // Even at 1.3 characters a width unit (denser than Calibri) beside the filter button.
        let regels = (kop.chars().count() as f64 / ((breedte - 3.0) * 1.3))
            .ceil()
            .max(1.0);
        assert!(
            kopregel >= regels * 15.0,
            "kop {kop:?} ({breedte} breed) past niet in {kopregel} pt"
        );
    }

    // LibreOffice: PDF and CSV.
    libreoffice(map, bestand, "pdf", "soffice-pdf-zelfscan");
    let pdf = map.join("uit").join(format!("zelfscan-ronde-{RONDE}.pdf"));
    let paginas = pdf_paginas(map, &pdf);
    let mut per_blad: BTreeMap<String, usize> = BTreeMap::new();
    for (nr, ((b, h), tekst)) in (1..).zip(&paginas) {
        assert!(b > h, "pagina {nr} staat niet liggend: {b} x {h}");
        let naam = blad_van_pagina(tekst);
        if gemeenten.contains(&&naam) {
            assert!(
                tekst.contains("Nr") && tekst.contains("Antwoord") && tekst.contains("Toelichting"),
                "pagina {nr} ({naam}) mist de kopregel:\n{tekst}"
            );
        }
        *per_blad.entry(naam).or_default() += 1;
    }
    assert_eq!(per_blad.len(), bladen.len(), "{per_blad:?}");
    println!(
        "Zelfscan-PDF van LibreOffice: {} liggende pagina's {per_blad:?}",
        paginas.len()
    );
    let csv = csv_bladen(map, bestand, &bladen);
    let datumrij = csv["Toelichting"]
        .iter()
        .find(|r| r.first().is_some_and(|c| c == "Datum"))
        .expect("rij Datum");
    assert_eq!(
        datumrij[1],
        voorop::web::datum_nl(&datum),
        "LibreOffice toont de datum als dd-mm-jjjj"
    );
    for naam in &gemeenten {
        let rijen = &csv[naam.as_str()];
        assert_eq!(
            rijen[5][..6],
            [
                "Nr",
                "Blok",
                "Standaard",
                "Vraag",
                "Antwoord",
                "Toelichting"
            ]
        );
        assert_eq!(rijen.len(), 6 + usize::from(AANTAL_VRAGEN), "{naam}");
    }

    // Saved again by LibreOffice (tables and protection and all), the export still imports
    // and changes nothing.
    libreoffice(
        map,
        bestand,
        "xlsx:Calc MS Excel 2007 XML",
        "soffice-xlsx-zelfscan",
    );
    let opnieuw = std::fs::read(map.join("uit").join(format!("zelfscan-ronde-{RONDE}.xlsx")))
        .expect("door LibreOffice opgeslagen");
    let token = csrf_van(c, app, &format!("/zelfscan/{RONDE}/import")).await;
    let deel = reqwest::multipart::Part::bytes(opnieuw).file_name("zelfscan.xlsx");
    let r = c
        .post(app.url(&format!("/zelfscan/{RONDE}/import?_csrf={token}")))
        .multipart(reqwest::multipart::Form::new().part("bestand", deel))
        .send()
        .await
        .expect("import");
    let status = r.status();
    let body = r.text().await.expect("body");
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(body.contains("verandert niets"), "{body}");
}
