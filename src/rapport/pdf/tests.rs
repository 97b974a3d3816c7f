use super::*;
use crate::rapport::model::*;
use std::process::Command;
use std::time::Instant;

const LASTIG: &str =
    r##"Tekens #kop $x$ *vet* _schuin_ <tag> "aanhalingstekens" café €12,50 @label \ ` ] ["##;

const TITELS: [&str; 5] = [
    "Samenhang, kennisontwikkeling en blijvend verbeteren",
    "Samen op in Acuut",
    "Actie-overleg",
    "Gezamenlijke aanpak huiselijk geweld door VT & ZSM",
    "Samenwerken bij Strafbare Kindermishandeling",
];

const SVG: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" viewBox="0 0 200 100"><rect x="10" y="20" width="60" height="70" fill="#154273"/><rect x="90" y="50" width="60" height="40" fill="#e17000"/><text x="10" y="15" font-size="10" font-family="sans-serif">Meerwerk</text></svg>"##;

fn regel(i: usize, soort: &str) -> InspanningRegel {
    InspanningRegel {
        indicator: format!("Indicator {i}"),
        omschrijving: format!(
            "Omschrijving van de inspanning {i}, met wat meer tekst zodat de cel over meerdere regels loopt."
        ),
        classificatie: soort.into(),
        hoeveelheid: "4 uur per week".into(),
        bewijs: "Werkplan, 12-03-2025".into(),
        partners: vec![],
    }
}

fn voorbeeld(demo: bool) -> Rapport {
    let hoofdstukken = TITELS
            .iter()
            .enumerate()
            .map(|(i, titel)| {
                let n = i + 1;
                let secties = [
                    "Ontwikkelinspanningen",
                    "Uitvoeringsinspanningen: meer- en minderwerk",
                    "Waarde",
                ]
                .iter()
                .enumerate()
                .map(|(j, st)| Sectie {
                    nummer: format!("{n}.{}", j + 1),
                    titel: (*st).into(),
                    verhaal: vec![
                        format!(
                            "Verhaal bij {n}.{}: de partners hebben in deze periode samen gewerkt aan de verbeteractie. \
                             Het netwerk bespreekt de voortgang elk kwartaal.",
                            j + 1
                        ),
                        if n == 3 && j == 0 {
                            LASTIG.to_string()
                        } else {
                            "Een tweede alinea met toelichting.".into()
                        },
                    ],
                    partners: if j < 2 {
                        ["Veilig Thuis", "Politie", "OM"]
                            .iter()
                            .map(|p| PartnerTabel {
                                partner: (*p).into(),
                                gedeeld: false,
                                regels: (0..if n == 4 { 14 } else { 3 })
                                    .map(|k| {
                                        regel(k + 1, if j == 0 { "Regulier werk" } else { "Meerwerk" })
                                    })
                                    .collect(),
                            })
                            .collect()
                    } else {
                        vec![]
                    },
                    waarden: if j == 2 {
                        vec![
                            WaardeRegel {
                                indicator: "Snellere afstemming".into(),
                                omschrijving: "Zaken worden binnen een week besproken.".into(),
                                sterkte: "Aangetoond".into(),
                                bewijs: "Evaluatie, 2025".into(),
                            },
                            WaardeRegel {
                                indicator: "Minder dubbel werk".into(),
                                omschrijving: "Partners verrijken één keer.".into(),
                                sterkte: "Plausibel".into(),
                                bewijs: "Interview teamleider".into(),
                            },
                        ]
                    } else {
                        vec![]
                    },
                    kengetallen: if j == 1 {
                        vec![Kengetal {
                            naam: "Besproken zaken".into(),
                            waarde: "42".into(),
                            toelichting: "Aantal zaken in het actie-overleg.".into(),
                        }]
                    } else {
                        vec![]
                    },
                })
                .collect();
                Hoofdstuk {
                    nummer: n as u8,
                    titel: (*titel).into(),
                    fase: "Implementatie".into(),
                    kartrekkers: vec!["Veilig Thuis".into(), "OM".into()],
                    secties,
                    balans: Balans {
                        svg: SVG.into(),
                        alt: format!("Staafdiagram {titel}: meerwerk en minderwerk per partner."),
                        eenheid: "uur per week (omgerekend)".into(),
                        rijen: vec![
                            BalansRij {
                                partner: "Veilig Thuis".into(),
                                meerwerk: 12.25,
                                minderwerk: 3.0,
                                verschuiving: 1234.5,
                                overige_posten: 2,
                                totaal: false,
                            },
                            BalansRij {
                                partner: "Politie".into(),
                                meerwerk: 4.0,
                                minderwerk: 0.0,
                                verschuiving: 0.5,
                                overige_posten: 0,
                                totaal: false,
                            },
                        ],
                        toelichting: "Omgerekend naar uren per week; bedragen in euro zijn niet meegeteld."
                            .into(),
                    },
                    citaten: vec![Citaat {
                        tekst: "We weten elkaar nu veel sneller te vinden.".into(),
                        bron: "Teamleider Veilig Thuis".into(),
                    }],
                    praktijk: vec![Praktijk {
                        nummer: format!("{n}.1"),
                        titel: "Casus uit het actie-overleg".into(),
                        alineas: vec![
                            "Een melding kwam binnen op maandag.".into(),
                            "Binnen twee dagen lag er een gezamenlijk plan.".into(),
                        ],
                        bron: "Verslag actie-overleg, 2025".into(),
                    }],
                }
            })
            .collect();
    Rapport {
        titel: "Werkset Indicatoren Kwaliteit & Impact".into(),
        ondertitel: "Regio Oost-Brabant – 2025".into(),
        regio_naam: "Oost-Brabant".into(),
        periode: "2025".into(),
        catalogus_versie: "2025.1".into(),
        gegenereerd_op: "2025-11-22".into(),
        demo,
        inleiding: vec![
            "Deze rapportage gaat over de inspanningen en de waarde van de verbeteracties.".into(),
            "De rapportage is opgebouwd uit drie elementen per verbeteractie.".into(),
        ],
        geen_registraties: None,
        hoofdstukken,
        landelijke_context: (1..=5)
            .map(|n| ContextThema {
                nummer: n,
                titel: TITELS[n as usize - 1].into(),
                doel: "Eerder en beter samenwerken.".into(),
                aanleiding: "Signalen uit de praktijk.".into(),
                vorm: "Een vast overleg.".into(),
                impactanalyse: "Minder herhaald geweld.".into(),
            })
            .collect(),
        indicatoren: (1..=5)
            .map(|n| IndicatorThema {
                nummer: n,
                titel: TITELS[n as usize - 1].into(),
                elementen: ["Ontwikkelinspanningen", "Uitvoeringsinspanningen", "Waarde"]
                    .iter()
                    .map(|e| IndicatorElement {
                        naam: (*e).into(),
                        indicatoren: vec![
                            ("Werkafspraken vastgelegd".into(), true),
                            ("Scholing gegeven".into(), false),
                        ],
                    })
                    .collect(),
            })
            .collect(),
        bronnen: vec![
            Bron {
                soort: "Werkplan".into(),
                titel: "Werkplan RNZS".into(),
                jaar: "2025".into(),
            },
            Bron {
                soort: "Evaluatie".into(),
                titel: "Evaluatie actie-overleg".into(),
                jaar: "2024".into(),
            },
        ],
    }
}

/// Text of the PDF via `pdftotext -layout`, pages separated by form feeds.
fn pdf_tekst(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let pad = dir.path().join("rapport.pdf");
    std::fs::write(&pad, pdf).unwrap();
    let uit = match Command::new("pdftotext")
        .arg("-layout")
        .arg(&pad)
        .arg("-")
        .output()
    {
        Ok(uit) => uit,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => panic!(
            "pdftotext niet gevonden: installeer poppler-utils (apt-get install poppler-utils)"
        ),
        Err(e) => panic!("pdftotext kon niet starten: {e}"),
    };
    assert!(
        uit.status.success(),
        "pdftotext faalde: {}",
        String::from_utf8_lossy(&uit.stderr)
    );
    String::from_utf8(uit.stdout).unwrap()
}

/// Collapses runs of whitespace within a line (pdftotext -layout pads justified text);
/// keeps the form feeds between pages.
fn compact(s: &str) -> String {
    s.split('\u{c}')
        .map(|pagina| {
            pagina
                .lines()
                .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
                .collect::<Vec<_>>()
                .join("\n")
        })
        .collect::<Vec<_>>()
        .join("\u{c}")
}

/// Asserts the headings occur in this order in `tekst` from byte `vanaf`; returns the end
/// of the last one. Use on text with line breaks replaced by spaces (headings may wrap).
fn in_volgorde(tekst: &str, vanaf: usize, koppen: &[String]) -> usize {
    let mut pos = vanaf;
    for kop in koppen {
        match tekst[pos..].find(kop.as_str()) {
            Some(i) => pos += i + kop.len(),
            None => panic!("kop {kop:?} niet (in volgorde) gevonden na positie {pos}"),
        }
    }
    pos
}

#[test]
fn rapport_pdf_heeft_structuur_en_tekst() {
    let r = voorbeeld(true);
    let start = Instant::now();
    let (pdf, waarschuwingen) = render(&r).expect("PDF gerenderd");
    println!(
        "rapport_pdf: {} bytes in {:?} (eerste keer, incl. laden lettertypen)",
        pdf.len(),
        start.elapsed()
    );
    let start = Instant::now();
    let pdf = rapport_pdf(&r).expect("PDF gerenderd");
    println!("rapport_pdf: tweede keer {:?}", start.elapsed());
    assert!(
        waarschuwingen.is_empty(),
        "typst-waarschuwingen: {waarschuwingen:?}"
    );
    assert!(pdf.starts_with(b"%PDF"), "geen PDF");
    if let Ok(pad) = std::env::var("VOOROP_RAPPORT_PDF") {
        std::fs::write(pad, &pdf).unwrap();
    }

    let ruw = pdf_tekst(&pdf);
    let tekst = compact(&ruw);
    let paginas: Vec<&str> = tekst.split('\u{c}').collect();
    assert!(paginas.len() > 10, "te weinig pagina's: {}", paginas.len());

    // Title page.
    let titel = paginas[0].replace('\n', " ");
    for s in [
        "Werkset Indicatoren Kwaliteit & Impact",
        "Regio Oost-Brabant – 2025",
        "Gegenereerd op 22-11-2025 met Voorop",
        "2025.1",
        "Fictieve demonstratiegegevens",
    ] {
        assert!(titel.contains(s), "titelpagina mist {s:?}:\n{titel}");
    }
    assert!(
        !titel.contains("Pagina 1 van"),
        "titelpagina heeft geen voettekst"
    );

    // Contents page with page numbers.
    let inhoud = paginas[1];
    assert!(inhoud.lines().any(|l| l.trim() == "Inhoud"), "{inhoud}");
    let bijlage2 = inhoud
        .lines()
        .find(|l| l.starts_with("Bijlage 2"))
        .unwrap_or_else(|| panic!("inhoud mist Bijlage 2:\n{inhoud}"));
    let nummer: String = bijlage2
        .trim_end()
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .collect();
    assert!(!nummer.is_empty(), "geen paginanummer bij {bijlage2:?}");
    assert!(inhoud.contains("Werkset Indicatoren – Oost-Brabant 2025"));
    assert!(inhoud.contains("Fictief"));
    assert!(inhoud.contains("Pagina 2 van"), "{inhoud}");

    // Chapter headings in order, after the contents page.
    let doorlopend = tekst.replace('\n', " ");
    let na_inhoud = paginas[0].len() + paginas[1].len() + 2;
    let mut koppen = vec!["Inleiding".to_string()];
    koppen.extend(
        TITELS
            .iter()
            .enumerate()
            .map(|(i, t)| format!("{}. {t}", i + 1)),
    );
    koppen.extend(
        [
            "Bijlage 1: Landelijke context",
            "Bijlage 2: Overzicht indicatoren",
            "Bronnen",
        ]
        .map(String::from),
    );
    in_volgorde(&doorlopend, na_inhoud, &koppen);

    // Sections of chapter 3 in order, before chapter 4.
    let h3 = in_volgorde(&doorlopend, na_inhoud, &["3. Actie-overleg".into()]);
    let na_secties = in_volgorde(
        &doorlopend,
        h3,
        &[
            "3.1 Ontwikkelinspanningen".into(),
            "3.2 Uitvoeringsinspanningen: meer- en minderwerk".into(),
            "3.3 Waarde".into(),
        ],
    );
    let h4 = in_volgorde(&doorlopend, h3, &[format!("4. {}", TITELS[3])]);
    assert!(
        na_secties < h4,
        "secties van hoofdstuk 3 staan niet in hoofdstuk 3"
    );

    // User text comes through literally (no typst markup interpretation).
    for s in [
        LASTIG,
        "#kop",
        "$x$",
        "*vet*",
        "_schuin_",
        "<tag>",
        "\"aanhalingstekens\"",
        "café",
        "€12,50",
        "@label",
    ] {
        assert!(tekst.contains(s), "tekst {s:?} niet letterlijk in de PDF");
    }

    // Tables, numbers, quotes, boxes, appendices.
    for s in [
        "Fase: Implementatie",
        "Kartrekker(s): Veilig Thuis, OM",
        "Indicator Omschrijving Soort Omvang Onderbouwing",
        "Partner Meerwerk Minderwerk Verschuiving Overige posten",
        "Veilig Thuis 12,3 3,0 1.234,5 2",
        "Indicator Omschrijving Sterkte Onderbouwing",
        "— Teamleider Veilig Thuis",
        "Uit de praktijk 3.1: Casus uit het actie-overleg",
        "Wat de impactanalyse verwacht",
        "onderbouwd",
        "– geen onderbouwing in deze periode",
        "Werkplan – Werkplan RNZS (2025)",
        "nooit aan namen",
    ] {
        assert!(tekst.contains(s), "PDF mist {s:?}");
    }

    // Header row repeats when a table breaks across pages (chapter 4 has long partner
    // tables): more header rows than the 30 partner tables.
    let koprijen = tekst
        .lines()
        .filter(|l| l.starts_with("Indicator Omschrijving Soort Omvang Onderbouwing"))
        .count();
    assert!(
        koprijen > 30,
        "tabelkop niet herhaald ({koprijen} koprijen)"
    );
}

#[test]
fn zonder_demo_geen_fictief() {
    let mut r = voorbeeld(false);
    r.hoofdstukken.truncate(1);
    r.hoofdstukken[0].balans = Balans::default();
    let pdf = rapport_pdf(&r).expect("PDF gerenderd");
    let tekst = compact(&pdf_tekst(&pdf));
    assert!(!tekst.contains("Fictie"));
    assert!(tekst.contains("Werkset Indicatoren – Oost-Brabant 2025"));
}

#[test]
fn periode_zonder_registraties_zegt_het() {
    let mut r = voorbeeld(false);
    r.hoofdstukken.clear();
    r.geen_registraties = Some("Voor Oost-Brabant is over 2025 nog niets vastgelegd.".into());
    let pdf = rapport_pdf(&r).expect("PDF gerenderd");
    let tekst = compact(&pdf_tekst(&pdf)).replace('\n', " ");
    assert!(
        tekst.contains(
            "Geen registraties voor deze periode. Voor Oost-Brabant is over 2025 nog niets vastgelegd."
        ),
        "{tekst}"
    );
    assert!(
        !tekst.contains("Kartrekker(s)"),
        "no empty chapters: {tekst}"
    );
}

#[test]
fn leeg_rapport_rendert() {
    let pdf = rapport_pdf(&Rapport::default()).expect("leeg rapport");
    assert!(pdf.starts_with(b"%PDF"));
}

#[test]
fn kapotte_svg_geeft_nette_fout() {
    let mut r = voorbeeld(false);
    r.hoofdstukken[0].balans.svg = "<svg".into();
    let fout = rapport_pdf(&r).unwrap_err();
    assert!(matches!(fout, PdfFout::Opmaak(_)), "{fout:?}");
    assert!(fout.to_string().starts_with("Het PDF-sjabloon"));
}

#[test]
fn getallen_en_datum() {
    assert_eq!(getal_nl(0.0), "0,0");
    assert_eq!(getal_nl(-0.01), "0,0");
    assert_eq!(getal_nl(12.25), "12,3");
    assert_eq!(getal_nl(-3.5), "-3,5");
    assert_eq!(getal_nl(1234.5), "1.234,5");
    assert_eq!(getal_nl(1234567.0), "1.234.567,0");
    assert_eq!(getal_nl(f64::NAN), "–");
}

/// The report is PDF/UA-1 and PDF/A-2a: both identified in the XMP metadata, every chart
/// figure has alternative text, the viewer shows the title, the language is declared.
#[test]
fn rapport_pdf_is_pdf_ua_en_pdf_a() {
    let r = voorbeeld(true);
    let pdf = rapport_pdf(&r).expect("PDF gerenderd");
    let ruw = String::from_utf8_lossy(&pdf);
    let xmp = ruw
        .find("<x:xmpmeta")
        .map(|i| &ruw[i..i + ruw[i..].find("</x:xmpmeta>").unwrap_or(0)])
        .expect("XMP-metadata");
    let plat: String = xmp.split_whitespace().collect::<Vec<_>>().join(" ");
    for (wat, varianten) in [
        ("PDF/UA-1", ["pdfuaid:part>1<", "pdfuaid:part=\"1\""]),
        ("PDF/A-2", ["pdfaid:part>2<", "pdfaid:part=\"2\""]),
        (
            "conformance A",
            ["pdfaid:conformance>A<", "pdfaid:conformance=\"A\""],
        ),
    ] {
        assert!(
            varianten.iter().any(|v| plat.contains(v)),
            "{wat} ontbreekt in de XMP:\n{plat}"
        );
    }
    let figuren = r
        .hoofdstukken
        .iter()
        .filter(|h| !h.balans.svg.is_empty())
        .count();
    assert_eq!(
        ruw.matches("/Alt").count(),
        figuren,
        "elke grafiek heeft een /Alt"
    );
    assert!(ruw.contains("/DisplayDocTitle true"));
    assert!(ruw.contains("/Lang"));
}
