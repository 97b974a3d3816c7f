//! XLSX export of all Werkset entries for analysts: one sheet per kind of entry, one row per
//! entry, with region, period and catalogue version on every row; plus a sheet with the
//! indicators computed from the afstemmingsmomenten per region and year, suppressed exactly as
//! on screen.

use super::repo;
use crate::auth::permissions::WerksetLezen;
use crate::db::Db;
use crate::error::{AppError, AppResult};
use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

fn blad<'a>(
    wb: &'a mut Workbook,
    naam: &str,
    koppen: &[&str],
) -> Result<&'a mut Worksheet, XlsxError> {
    let ws = wb.add_worksheet().set_name(naam)?;
    let vet = Format::new().set_bold();
    for (k, kop) in koppen.iter().enumerate() {
        ws.write_string_with_format(0, k as u16, *kop, &vet)?;
        ws.set_column_width(k as u16, if kop.len() > 12 { 28 } else { 14 })?;
    }
    ws.set_freeze_panes(1, 0)?;
    Ok(ws)
}

/// Writes a row; plain numbers become numeric cells (so analysts can compute with them), all
/// else text. Codes with a leading zero stay text.
fn rij(ws: &mut Worksheet, r: u32, waarden: &[String]) -> Result<(), XlsxError> {
    for (k, w) in waarden.iter().enumerate() {
        let voorloopnul = w.starts_with('0') && w.len() > 1 && !w.starts_with("0.");
        match w.parse::<f64>() {
            Ok(n) if n.is_finite() && !voorloopnul => ws.write_number(r, k as u16, n)?,
            _ => ws.write_string(r, k as u16, w)?,
        };
    }
    Ok(())
}

/// A sheet: name, its own column headers, its rows.
type Blad<'a> = (&'a str, &'a [&'a str], &'a Vec<Vec<String>>);

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
            ],
            &berekend,
        ),
    ];
    for (naam, koppen, rijen) in bladen {
        let alle_koppen: Vec<&str> = basis_koppen.iter().chain(koppen.iter()).copied().collect();
        let ws = blad(&mut wb, naam, &alle_koppen).map_err(fout)?;
        for (k, w) in rijen.iter().enumerate() {
            rij(ws, k as u32 + 1, w).map_err(fout)?;
        }
    }
    wb.save_to_buffer().map_err(fout)
}

/// The rows of the registration sheets, each starting with region, period and catalogue.
#[derive(Default)]
struct Registratierijen {
    fasen: Vec<Vec<String>>,
    inspanningen: Vec<Vec<String>>,
    waarden: Vec<Vec<String>>,
    citaten: Vec<Vec<String>>,
    praktijk: Vec<Vec<String>>,
    bronnen: Vec<Vec<String>>,
}

async fn registratierijen(
    db: &Db,
    l: &WerksetLezen,
    regs: &[repo::Registratie],
) -> AppResult<Registratierijen> {
    let basis = |r: &repo::Registratie| {
        vec![
            r.regio_code.to_string(),
            r.periode.clone(),
            r.catalogus_versie.clone(),
        ]
    };
    let mut x = Registratierijen::default();
    // Partner tokens name a kind or an organisation (`org:<code>`); the sheet also gives names.
    let organisaties = super::service::partner_organisaties(db, None).await?;
    for r in regs {
        for (t, f, k) in repo::themas(db, l, r.id).await? {
            x.fasen.push([basis(r), vec![t.to_string(), f, k]].concat());
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
                        i.thema.to_string(),
                        i.element,
                        i.indicator,
                        i.partners,
                        i.classificatie,
                        i.hoeveelheid.map(|h| h.to_string()).unwrap_or_default(),
                        i.eenheid.unwrap_or_default(),
                        i.omschrijving,
                        i.bewijs,
                        i.bewijs_datum,
                        namen.join("; "),
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
                        w.thema.to_string(),
                        w.indicator,
                        w.omschrijving,
                        w.sterkte,
                        w.bewijs,
                        w.bewijs_datum,
                    ],
                ]
                .concat(),
            );
        }
        for (_, t, tekst, bron) in repo::citaten(db, l, r.id).await? {
            x.citaten
                .push([basis(r), vec![t.to_string(), tekst, bron]].concat());
        }
        for (_, t, titel, tekst, bron) in repo::praktijk(db, l, r.id).await? {
            x.praktijk
                .push([basis(r), vec![t.to_string(), titel, tekst, bron]].concat());
        }
        for (_, soort, titel, jaar) in repo::bronnen(db, l, r.id).await? {
            x.bronnen
                .push([basis(r), vec![soort, titel, jaar]].concat());
        }
    }
    Ok(x)
}

/// The computed indicators of every region and year with registered moments (of `periode`
/// only, when given), suppressed below `drempel`.
async fn berekende_rijen(
    db: &Db,
    periode: Option<&str>,
    drempel: u64,
) -> AppResult<Vec<Vec<String>>> {
    let mut berekend = Vec::new();
    let stand = crate::db::geheugen::stand(db).await?;
    let themas = super::service::themas_bij(db, &stand).await?;
    for (regio, jaar) in
        crate::casus::repo::regio_jaren(db, &crate::auth::permissions::voor_aggregaten()).await?
    {
        if periode.is_some_and(|p| p != jaar) {
            continue;
        }
        let cel = |n: Option<u64>, tekst: &str| n.map(|n| n.to_string()).unwrap_or(tekst.into());
        let regio_jaar = [&regio];
        let regio_jaar =
            crate::indicatoren::voor_regios_bij(db, &stand, &regio_jaar, &jaar, drempel, &themas);
        for x in regio_jaar.await?.into_iter().flatten() {
            berekend.push(vec![
                regio.to_string(),
                jaar.clone(),
                "–".into(),
                x.thema_nummer.to_string(),
                x.code.to_string(),
                x.indicator,
                x.soort.code().to_string(),
                x.eenheid.to_string(),
                cel(x.teller, &x.teller_tekst),
                cel(x.noemer, &x.noemer_tekst),
                x.waarde.map(|w| w.to_string()).unwrap_or_default(),
                if x.onderdrukt { "ja" } else { "nee" }.into(),
            ]);
        }
    }
    Ok(berekend)
}
