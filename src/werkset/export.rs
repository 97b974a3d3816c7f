//! XLSX export of all Werkset entries for analysts: one sheet per kind of entry, one row per
//! entry, with region, period and catalogue version on every row; plus a sheet with the
//! indicators computed from the afstemmingsmomenten per region and year, suppressed exactly as
//! on screen. Every sheet is an Excel table with autofilter in the shared layout of
//! [`crate::rapport::xlsx`]: dates are dates, numeric columns hold numbers only (a suppressed
//! count is an empty cell, its reason in the column `status`), widths follow the content.

use super::repo;
use crate::auth::permissions::WerksetLezen;
use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::indicatoren::{GEEN_GEGEVENS, Indicator, IndicatorSoort};
use crate::rapport::xlsx::{self, Cel, EEN_DECIMAAL, GEHEEL, NUMMER, TWEE_DECIMALEN};
use rust_xlsxwriter::{Workbook, XlsxError};

/// A sheet: name (also its table's name, with `_` for spaces), its own column headers, its
/// rows.
type Blad<'a> = (&'a str, &'a [&'a str], &'a Vec<Vec<Cel>>);

/// The status of a computed figure whose cells are all shown.
pub const STATUS_BEREKEND: &str = "berekend";
/// The status of a figure that is shown but has no value (e.g. a share of zero cases).
pub const STATUS_GEEN_WAARDE: &str = "geen waarde";
/// The status of a figure with a cell that would reveal a suppressed one.
pub const STATUS_AFGESCHERMD: &str = "afgeschermd";

/// All entries of all regions, optionally of one period only.
pub async fn export_xlsx(
    db: &Db,
    l: &WerksetLezen,
    periode: Option<&str>,
    drempel: u64,
) -> AppResult<Vec<u8>> {
    let regs: Vec<repo::Registratie> = repo::alle_registraties(db, l)
        .await?
        .into_iter()
        .filter(|r| periode.is_none_or(|p| r.periode == p))
        .collect();
    let mut wb = Workbook::new();
    let fout = |e: XlsxError| AppError::Intern(anyhow::anyhow!("xlsx: {e}"));
    let Registratierijen {
        fasen,
        inspanningen,
        waarden,
        citaten,
        praktijk,
        bronnen,
    } = registratierijen(db, l, &regs).await?;
    let berekend = berekende_rijen(db, periode, drempel).await?;
    let basis_koppen = ["regio", "periode", "catalogus"];
    let bladen: [Blad<'_>; 7] = [
        ("Fasen", &["thema", "fase", "kartrekkers"], &fasen),
        (
            "Inspanningen",
            &[
                "thema",
                "element",
                "indicator",
                "partners",
                "classificatie",
                "hoeveelheid",
                "eenheid",
                "omschrijving",
                "bewijs",
                "bewijs_datum",
                "partner_namen",
            ],
            &inspanningen,
        ),
        (
            "Waarden",
            &[
                "thema",
                "indicator",
                "omschrijving",
                "sterkte",
                "bewijs",
                "bewijs_datum",
            ],
            &waarden,
        ),
        ("Citaten", &["thema", "tekst", "bron"], &citaten),
        (
            "Praktijkvoorbeelden",
            &["thema", "titel", "tekst", "bron"],
            &praktijk,
        ),
        ("Bronnen", &["soort", "titel", "jaar"], &bronnen),
        (
            "Berekende indicatoren",
            &[
                "thema",
                "code",
                "indicator",
                "soort",
                "eenheid",
                "teller",
                "noemer",
                "waarde",
                "onderdrukt",
                "status",
            ],
            &berekend,
        ),
    ];
    let titel = match periode {
        Some(p) => format!("Werkset Indicatoren {p} – export voor analisten"),
        None => "Werkset Indicatoren – export voor analisten".to_string(),
    };
    wb.set_properties(&xlsx::eigenschappen(
        &titel,
        "Registraties van de Werkset Indicatoren en de berekende indicatoren per regio",
        "Voorop – regionale netwerken tegen huiselijk geweld",
        &[
            "Werkset Indicatoren",
            "Voorop",
            periode.unwrap_or("alle perioden"),
        ],
    ));
    for (naam, koppen, rijen) in bladen {
        let alle_koppen: Vec<&str> = basis_koppen.iter().chain(koppen.iter()).copied().collect();
        let ws = wb.add_worksheet().set_name(naam).map_err(fout)?;
        xlsx::gegevensblad(ws, &naam.replace(' ', "_"), 0, &alle_koppen, rijen).map_err(fout)?;
    }
    wb.save_to_buffer().map_err(fout)
}

/// The rows of the registration sheets, each starting with region, period and catalogue.
#[derive(Default)]
struct Registratierijen {
    fasen: Vec<Vec<Cel>>,
    inspanningen: Vec<Vec<Cel>>,
    waarden: Vec<Vec<Cel>>,
    citaten: Vec<Vec<Cel>>,
    praktijk: Vec<Vec<Cel>>,
    bronnen: Vec<Vec<Cel>>,
}

/// A theme number as a number cell.
fn thema(t: i64) -> Cel {
    Cel::getal(t as f64, NUMMER)
}

/// An amount: whole numbers without decimals, others with two.
fn hoeveelheid(h: Option<f64>) -> Cel {
    Cel::misschien(
        h,
        if h.is_some_and(|h| h.fract() != 0.0) {
            TWEE_DECIMALEN
        } else {
            GEHEEL
        },
    )
}

async fn registratierijen(
    db: &Db,
    l: &WerksetLezen,
    regs: &[repo::Registratie],
) -> AppResult<Registratierijen> {
    let basis = |r: &repo::Registratie| {
        vec![
            Cel::tekst(r.regio_code.to_string()),
            Cel::nummer(&r.periode),
            Cel::tekst(r.catalogus_versie.clone()),
        ]
    };
    let mut x = Registratierijen::default();
    // Partner tokens name a kind or an organisation (`org:<code>`); the sheet also gives names.
    let organisaties = super::service::partner_organisaties(db, None).await?;
    for r in regs {
        for (t, f, k) in repo::themas(db, l, r.id).await? {
            x.fasen
                .push([basis(r), vec![thema(t), Cel::tekst(f), Cel::tekst(k)]].concat());
        }
        for i in repo::inspanningen(db, l, r.id).await? {
            let namen: Vec<String> = i
                .partners
                .split(',')
                .filter(|t| !t.is_empty())
                .map(|t| super::model::partner_naam(t, &organisaties))
                .collect();
            x.inspanningen.push(
                [
                    basis(r),
                    vec![
                        thema(i.thema),
                        Cel::tekst(i.element),
                        Cel::tekst(i.indicator),
                        Cel::tekst(i.partners),
                        Cel::tekst(i.classificatie),
                        hoeveelheid(i.hoeveelheid),
                        Cel::tekst(i.eenheid.unwrap_or_default()),
                        Cel::tekst(i.omschrijving),
                        Cel::tekst(i.bewijs),
                        Cel::datum(&i.bewijs_datum),
                        Cel::tekst(namen.join("; ")),
                    ],
                ]
                .concat(),
            );
        }
        for w in repo::waarden(db, l, r.id).await? {
            x.waarden.push(
                [
                    basis(r),
                    vec![
                        thema(w.thema),
                        Cel::tekst(w.indicator),
                        Cel::tekst(w.omschrijving),
                        Cel::tekst(w.sterkte),
                        Cel::tekst(w.bewijs),
                        Cel::datum(&w.bewijs_datum),
                    ],
                ]
                .concat(),
            );
        }
        for (_, t, tekst, bron) in repo::citaten(db, l, r.id).await? {
            x.citaten.push(
                [
                    basis(r),
                    vec![thema(t), Cel::tekst(tekst), Cel::tekst(bron)],
                ]
                .concat(),
            );
        }
        for (_, t, titel, tekst, bron) in repo::praktijk(db, l, r.id).await? {
            x.praktijk.push(
                [
                    basis(r),
                    vec![
                        thema(t),
                        Cel::tekst(titel),
                        Cel::tekst(tekst),
                        Cel::tekst(bron),
                    ],
                ]
                .concat(),
            );
        }
        for (_, soort, titel, jaar) in repo::bronnen(db, l, r.id).await? {
            x.bronnen.push(
                [
                    basis(r),
                    vec![Cel::tekst(soort), Cel::tekst(titel), Cel::nummer(&jaar)],
                ]
                .concat(),
            );
        }
    }
    Ok(x)
}

/// Why the row of a computed figure has empty cells, from the displays of its teller and
/// noemer ("<5", "afgeschermd", "geen gegevens"; "–" is a cell that does not apply): "geen
/// gegevens" (nothing registered in that region and year), "onder drempel (<5)", "afgeschermd"
/// (it would reveal a suppressed cell), "geen waarde" (nothing to compute, e.g. a share of
/// zero cases) or "berekend".
pub fn status(x: &Indicator) -> String {
    let cellen = [x.teller_tekst.as_str(), x.noemer_tekst.as_str()];
    if cellen.contains(&GEEN_GEGEVENS) || x.weergave == GEEN_GEGEVENS {
        GEEN_GEGEVENS.to_string()
    } else if let Some(klein) = cellen.iter().find(|c| c.starts_with('<')) {
        format!("onder drempel ({klein})")
    } else if cellen.contains(&STATUS_AFGESCHERMD) || x.onderdrukt {
        STATUS_AFGESCHERMD.to_string()
    } else if x.waarde.is_none() {
        STATUS_GEEN_WAARDE.to_string()
    } else {
        STATUS_BEREKEND.to_string()
    }
}

/// The row of one computed figure: the numbers only where they may be shown (suppressed cells
/// stay empty, [`status`] says why).
fn berekende_rij(regio: &str, jaar: &str, x: Indicator) -> Vec<Cel> {
    let telling = |n: Option<u64>| Cel::misschien(n.map(|n| n as f64), GEHEEL);
    let waarde_formaat = match x.soort {
        IndicatorSoort::Aantal => GEHEEL,
        IndicatorSoort::Aandeel | IndicatorSoort::Mediaan => EEN_DECIMAAL,
    };
    let status = status(&x);
    vec![
        Cel::tekst(regio),
        Cel::nummer(jaar),
        // A computed figure belongs to no catalogue version.
        Cel::Leeg,
        Cel::getal(f64::from(x.thema_nummer), NUMMER),
        Cel::tekst(x.code),
        Cel::tekst(x.indicator),
        Cel::tekst(x.soort.code()),
        Cel::tekst(x.eenheid),
        telling(x.teller),
        telling(x.noemer),
        Cel::misschien(x.waarde, waarde_formaat),
        Cel::tekst(if x.onderdrukt { "ja" } else { "nee" }),
        Cel::tekst(status),
    ]
}

/// The computed indicators of every region and year with registered moments (of `periode`
/// only, when given), suppressed below `drempel`.
async fn berekende_rijen(db: &Db, periode: Option<&str>, drempel: u64) -> AppResult<Vec<Vec<Cel>>> {
    let mut berekend = Vec::new();
    let stand = crate::db::geheugen::stand(db).await?;
    let themas = super::service::themas_bij(db, &stand).await?;
    for (regio, jaar) in
        crate::casus::repo::regio_jaren(db, &crate::auth::permissions::voor_aggregaten()).await?
    {
        if periode.is_some_and(|p| p != jaar) {
            continue;
        }
        let regio_jaar = [&regio];
        let regio_jaar =
            crate::indicatoren::voor_regios_bij(db, &stand, &regio_jaar, &jaar, drempel, &themas);
        for x in regio_jaar.await?.into_iter().flatten() {
            berekend.push(berekende_rij(regio.as_ref(), &jaar, x));
        }
    }
    Ok(berekend)
}
