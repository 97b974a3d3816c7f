//! The shared layout of Voorop's Excel exports for analysts (the Werkset export and the
//! Zelfscan workbook): typed cells (dates as Excel dates, numbers as numbers, a suppressed figure
//! as an empty cell whose reason is in a status column), column widths from the content, an
//! Excel table with autofilter over every data sheet, a frozen header row, landscape printing
//! one page wide with the header row on every page, and the document properties.
//!
//! Numbers keep an Excel number format, never a formatted text, so Excel and LibreOffice show
//! them in the reader's locale (a Dutch Excel: `1.234,5`).

use std::collections::HashSet;

use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Table, TableColumn,
    Worksheet, XlsxError,
};

/// Dutch date order (dd-mm-jjjj) for date cells.
pub const DATUM: &str = "dd-mm-yyyy";
/// Whole numbers (counts) with a thousands separator.
pub const GEHEEL: &str = "#,##0";
/// One decimal: percentages (0–100) and medians.
pub const EEN_DECIMAAL: &str = "#,##0.0";
/// Two decimals, for amounts with a fraction.
pub const TWEE_DECIMALEN: &str = "#,##0.00";
/// Years, theme and question numbers: digits only, no thousands separator.
pub const NUMMER: &str = "0";

/// Narrowest and widest column (in Excel's character units); longer text wraps.
pub const MIN_BREEDTE: f64 = 8.0;
pub const MAX_BREEDTE: f64 = 60.0;
/// Height of one line of text (Calibri 11) in points.
pub const REGELHOOGTE: f64 = 15.0;
/// Room for the autofilter button at the right of a header cell, in characters.
const FILTERKNOP: f64 = 3.0;
/// Bold header text is about this much wider than plain text.
const VET: f64 = 1.1;
/// A header up to this wide stays on one line; a longer one wraps at its longest word.
const KOP_OP_EEN_REGEL: f64 = 24.0;

/// Author of every export.
pub const AUTEUR: &str = "Voorop";

/// One cell of a data sheet.
#[derive(Debug, Clone, PartialEq)]
pub enum Cel {
    /// Nothing: no value, or a suppressed one (the row's status column says why).
    Leeg,
    Tekst(String),
    /// A number with its Excel number format (one of the constants above).
    Getal(f64, &'static str),
    /// A date, as ISO `jjjj-mm-dd`.
    Datum(String),
}

impl Cel {
    pub fn tekst(s: impl Into<String>) -> Self {
        let s = s.into();
        if s.is_empty() {
            Cel::Leeg
        } else {
            Cel::Tekst(s)
        }
    }

    pub fn getal(n: impl Into<f64>, formaat: &'static str) -> Self {
        let n = n.into();
        if n.is_finite() {
            Cel::Getal(n, formaat)
        } else {
            Cel::Leeg
        }
    }

    /// A number that may be missing.
    pub fn misschien(n: Option<f64>, formaat: &'static str) -> Self {
        n.map_or(Cel::Leeg, |n| Cel::getal(n, formaat))
    }

    /// A year or theme number given as text ("2025"); text that is not a plain number, or a
    /// code with a leading zero ("0772"), stays text.
    pub fn nummer(s: &str) -> Self {
        let t = s.trim();
        match t.parse::<u32>() {
            Ok(n) if !(t.starts_with('0') && t.len() > 1) => Cel::Getal(f64::from(n), NUMMER),
            _ => Cel::tekst(s),
        }
    }

    /// An ISO date (`jjjj-mm-dd`, as stored) as a date cell; empty stays empty. A stored value
    /// that is no date (only data that bypassed validation) stays text rather than being lost.
    pub fn datum(iso: &str) -> Self {
        let iso = iso.trim();
        if iso.is_empty() {
            return Cel::Leeg;
        }
        match crate::tekst::parse_datum(iso) {
            Some(d) if excel_datum(&d).is_some() => Cel::Datum(d),
            _ => Cel::Tekst(iso.to_string()),
        }
    }

    /// Characters the value takes on screen: its longest line (text), its Dutch display
    /// (numbers, as `crate::web::getal_nl` shows them) or `dd-mm-jjjj`.
    pub fn lengte(&self) -> usize {
        match self {
            Cel::Leeg => 0,
            Cel::Tekst(s) => s.lines().map(|r| r.chars().count()).max().unwrap_or(0),
            Cel::Getal(n, formaat) => weergave(*n, formaat).chars().count(),
            Cel::Datum(_) => 10,
        }
    }
}

/// How Excel shows `n` in `formaat` (Dutch separators; only the length matters).
fn weergave(n: f64, formaat: &str) -> String {
    match formaat {
        NUMMER => format!("{n:.0}"),
        GEHEEL => crate::web::getal_vast(n, 0),
        EEN_DECIMAAL => crate::web::getal_vast(n, 1),
        TWEE_DECIMALEN => crate::web::getal_vast(n, 2),
        _ => crate::web::getal_nl(n, 2),
    }
}

/// An ISO date as an Excel date.
pub fn excel_datum(iso: &str) -> Option<ExcelDateTime> {
    let mut delen = iso.get(..10)?.split('-');
    let j = delen.next()?.parse().ok()?;
    let m = delen.next()?.parse().ok()?;
    let d = delen.next()?.parse().ok()?;
    ExcelDateTime::from_ymd(j, m, d).ok()
}

/// The header cells of Voorop's tables: bold on light blue, wrapping, top-aligned.
pub fn kopformaat() -> Format {
    Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xD9E1F2))
        .set_border(FormatBorder::Thin)
        .set_text_wrap()
        .set_align(FormatAlign::Top)
}

/// Width (in Excel's character units) of a column whose header is `kop` and whose longest
/// value takes `langste` characters, and whether its text must wrap: the longest value, or the
/// header when that is wider (a long header wraps at its longest word), plus room for the
/// filter button; bounded by [`MIN_BREEDTE`]..[`MAX_BREEDTE`]. Text longer than the maximum wraps.
pub fn kolombreedte(kop: &str, langste: usize) -> (f64, bool) {
    let data = langste as f64 + 1.0;
    let kop_heel = kop.chars().count() as f64 * VET + FILTERKNOP;
    let kop_woord = kop
        .split_whitespace()
        .map(|w| w.chars().count())
        .max()
        .unwrap_or(0) as f64
        * VET
        + FILTERKNOP;
    let kop_nodig = if kop_heel <= KOP_OP_EEN_REGEL {
        kop_heel
    } else {
        kop_woord.max(KOP_OP_EEN_REGEL)
    };
    let breedte = data.max(kop_nodig).clamp(MIN_BREEDTE, MAX_BREEDTE).ceil();
    (breedte, data > MAX_BREEDTE)
}

/// Characters of ordinary text per unit of column width: a width unit is the width of a '0',
/// and Calibri's average letter is narrower (measured in LibreOffice with its metric twin
/// Carlito: about 1.2; a little less here, so that a row is rather too tall than cut off).
const TEKENS_PER_EENHEID: f64 = 1.15;

/// Estimated number of lines of `tekst` wrapped in a cell of a column `breedte` wide.
pub fn aantal_regels(tekst: &str, breedte: f64) -> usize {
    regels_bij(
        tekst,
        ((breedte - 1.0) * TEKENS_PER_EENHEID).floor() as usize,
    )
}

/// Number of lines of `tekst` wrapped at word boundaries at `per_regel` characters a line (a
/// word longer than a line is broken).
pub fn regels_bij(tekst: &str, per_regel: usize) -> usize {
    let per_regel = per_regel.max(1);
    tekst
        .split('\n')
        .map(|alinea| {
            let mut regels = 1;
            let mut gebruikt = 0;
            for woord in alinea.split_whitespace() {
                let lengte = woord.chars().count();
                let nodig = if gebruikt == 0 {
                    lengte
                } else {
                    gebruikt + 1 + lengte
                };
                if nodig <= per_regel {
                    gebruikt = nodig;
                } else if gebruikt == 0 {
                    // A word longer than the line on a line of its own: broken over lines.
                    regels += (lengte - 1) / per_regel;
                    gebruikt = (lengte - 1) % per_regel + 1;
                } else {
                    regels += 1 + (lengte - 1) / per_regel;
                    gebruikt = (lengte - 1) % per_regel + 1;
                }
            }
            regels
        })
        .sum()
}

/// Lines the header `kop` takes in a column `breedte` wide (beside the filter button).
pub fn kopregels(kop: &str, breedte: f64) -> usize {
    regels_bij(
        kop,
        ((breedte - FILTERKNOP) * TEKENS_PER_EENHEID / VET).floor() as usize,
    )
}

/// Height in points for a row of `regels` lines (a little air above and below).
pub fn rijhoogte(regels: usize) -> f64 {
    regels.max(1) as f64 * REGELHOOGTE + if regels > 1 { 3.0 } else { 0.0 }
}

/// Headers as an Excel table needs them: none empty, none equal to another (case
/// insensitive); a repeated one gets " (2)", " (3)", ….
pub fn unieke_koppen(koppen: &[impl AsRef<str>]) -> Vec<String> {
    let mut gezien = HashSet::new();
    koppen
        .iter()
        .enumerate()
        .map(|(i, kop)| {
            let kop = kop.as_ref().trim();
            let basis = if kop.is_empty() {
                format!("Kolom {}", i + 1)
            } else {
                kop.to_string()
            };
            let uniek = (1..)
                .map(|n| {
                    if n == 1 {
                        basis.clone()
                    } else {
                        format!("{basis} ({n})")
                    }
                })
                .find(|k| !gezien.contains(&k.to_lowercase()))
                .unwrap_or_default();
            gezien.insert(uniek.to_lowercase());
            uniek
        })
        .collect()
}

/// An Excel table (with autofilter) over the header `koppen` in row `kop_rij` from column A
/// and `aantal_rijen` data rows below it; Excel needs at least one data row, so an empty
/// table gets one empty row. The header cells are (re)written with `kopformaat`; `koppen` must
/// be unique ([`unieke_koppen`]). `naam` must be a valid, unique table name.
pub fn tabel(
    blad: &mut Worksheet,
    naam: &str,
    kop_rij: u32,
    koppen: &[String],
    aantal_rijen: u32,
    kopformaat: &Format,
) -> Result<(), XlsxError> {
    let kolommen: Vec<TableColumn> = koppen
        .iter()
        .map(|k| {
            TableColumn::new()
                .set_header(k)
                .set_header_format(kopformaat)
        })
        .collect();
    let laatste_kolom = u16::try_from(koppen.len().max(1) - 1).unwrap_or(u16::MAX);
    let tabel = Table::new()
        .set_name(naam)
        .set_columns(&kolommen)
        .set_autofilter(true);
    blad.add_table(
        kop_rij,
        0,
        kop_rij + aantal_rijen.max(1),
        laatste_kolom,
        &tabel,
    )?;
    Ok(())
}

/// The header row `kop_rij` frozen (with the first `kolommen` columns) and repeated on every
/// printed page; printing landscape on A4, one page wide, with the sheet name and page numbers
/// in the footer.
pub fn kop_en_afdrukken(
    blad: &mut Worksheet,
    kop_rij: u32,
    kolommen: u16,
) -> Result<(), XlsxError> {
    blad.set_freeze_panes(kop_rij + 1, kolommen)?;
    blad.set_repeat_rows(kop_rij, kop_rij)?;
    afdrukken(blad);
    Ok(())
}

/// Landscape A4, one page wide and as many pages tall as needed, sheet name and page numbers
/// in the footer.
pub fn afdrukken(blad: &mut Worksheet) {
    blad.set_landscape()
        .set_paper_size(9)
        .set_print_fit_to_pages(1, 0)
        .set_footer("&L&A&RPagina &P van &N");
}

/// The document properties of an export: title, subject, author Voorop, the organisation,
/// keywords and the moment of creation.
pub fn eigenschappen(
    titel: &str,
    onderwerp: &str,
    organisatie: &str,
    trefwoorden: &[&str],
) -> DocProperties {
    let eigenschappen = DocProperties::new()
        .set_title(titel)
        .set_subject(onderwerp)
        .set_author(AUTEUR)
        .set_company(organisatie)
        .set_category("Export voor analisten")
        .set_keywords(trefwoorden.join(", "));
    let nu = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .ok()
        .and_then(|d| i64::try_from(d.as_secs()).ok())
        .and_then(|s| ExcelDateTime::from_timestamp(s).ok());
    match nu {
        Some(nu) => eigenschappen.set_creation_datetime(&nu),
        None => eigenschappen,
    }
}

/// A data sheet from row `kop_rij` on: the header, the rows (typed cells, top-aligned, long
/// text wrapping), widths from the content, row heights for wrapped text, an Excel table named
/// `tabelnaam`, the header frozen and printed on every page.
pub fn gegevensblad(
    blad: &mut Worksheet,
    tabelnaam: &str,
    kop_rij: u32,
    koppen: &[&str],
    rijen: &[Vec<Cel>],
) -> Result<(), XlsxError> {
    let koppen = unieke_koppen(koppen);
    let breedtes: Vec<(f64, bool)> = koppen
        .iter()
        .enumerate()
        .map(|(k, kop)| {
            let langste = rijen
                .iter()
                .filter_map(|r| r.get(k))
                .map(Cel::lengte)
                .max()
                .unwrap_or(0);
            kolombreedte(kop, langste)
        })
        .collect();
    let boven = Format::new().set_align(FormatAlign::Top);
    let omloop = boven.clone().set_text_wrap();
    let datum = boven.clone().set_num_format(DATUM);
    let getallen: Vec<(&'static str, Format)> = [GEHEEL, EEN_DECIMAAL, TWEE_DECIMALEN, NUMMER]
        .into_iter()
        .map(|f| (f, boven.clone().set_num_format(f)))
        .collect();
    for (r, rij) in (kop_rij + 1..).zip(rijen) {
        let mut regels = 1;
        for (k, cel) in (0u16..).zip(rij) {
            let (breedte, wrap) = breedtes
                .get(usize::from(k))
                .copied()
                .unwrap_or((MIN_BREEDTE, false));
            match cel {
                Cel::Leeg => {}
                Cel::Tekst(s) => {
                    if wrap || s.contains('\n') {
                        regels = regels.max(aantal_regels(s, breedte));
                        blad.write_string_with_format(r, k, s, &omloop)?;
                    } else {
                        blad.write_string_with_format(r, k, s, &boven)?;
                    }
                }
                Cel::Getal(n, f) => {
                    let formaat = getallen
                        .iter()
                        .find(|(naam, _)| naam == f)
                        .map_or_else(|| boven.clone().set_num_format(*f), |(_, fm)| fm.clone());
                    blad.write_number_with_format(r, k, *n, &formaat)?;
                }
                Cel::Datum(iso) => match excel_datum(iso) {
                    Some(d) => {
                        blad.write_datetime_with_format(r, k, &d, &datum)?;
                    }
                    None => {
                        blad.write_string_with_format(r, k, iso, &boven)?;
                    }
                },
            }
        }
        if regels > 1 {
            blad.set_row_height(r, rijhoogte(regels))?;
        }
    }
    let mut kopregels_max = 1;
    for ((k, kop), (breedte, _)) in (0u16..).zip(&koppen).zip(&breedtes) {
        blad.set_column_width(k, *breedte)?;
        kopregels_max = kopregels_max.max(kopregels(kop, *breedte));
    }
    if kopregels_max > 1 {
        blad.set_row_height(kop_rij, rijhoogte(kopregels_max))?;
    }
    let aantal = u32::try_from(rijen.len()).unwrap_or(u32::MAX);
    tabel(blad, tabelnaam, kop_rij, &koppen, aantal, &kopformaat())?;
    kop_en_afdrukken(blad, kop_rij, 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kolombreedte_volgt_de_inhoud_binnen_grenzen() {
        // Short values: the header (with its filter button) decides.
        let (b, wrap) = kolombreedte("regio", 3);
        assert!((MIN_BREEDTE..=10.0).contains(&b) && !wrap, "{b}");
        assert_eq!(kolombreedte("a", 1), (MIN_BREEDTE, false));
        let (b, _) = kolombreedte("bewijs_datum", 10);
        assert!((12.0 * VET + FILTERKNOP..20.0).contains(&b), "{b}");
        // A value decides when it is longer.
        let (b, wrap) = kolombreedte("titel", 40);
        assert_eq!((b, wrap), (41.0, false));
        // Long text: the maximum, and it wraps.
        let (b, wrap) = kolombreedte("omschrijving", 300);
        assert_eq!((b, wrap), (MAX_BREEDTE, true));
        // A long header over short numbers wraps at its longest word instead of stretching.
        let (b, _) = kolombreedte("Gemeente met een heel lange naam: Súdwest-Fryslân", 5);
        assert!(b < 30.0, "{b}");
        assert!(kopregels("Gemeente met een heel lange naam: Súdwest-Fryslân", b) >= 2);
    }

    #[test]
    fn regels_bij_afbreken_op_woorden() {
        assert_eq!(regels_bij("", 10), 1);
        assert_eq!(regels_bij("kort", 10), 1);
        assert_eq!(regels_bij("precies tien", 12), 1);
        assert_eq!(regels_bij("aaaa bbbb cccc", 9), 2);
        assert_eq!(regels_bij("een\ntwee\ndrie", 40), 3);
        // A word longer than the line is broken over lines.
        assert_eq!(regels_bij(&"x".repeat(25), 10), 3);
        assert_eq!(regels_bij(&format!("a {}", "x".repeat(25)), 10), 4);
        // Word wrapping needs more lines than dividing the characters.
        let tekst = "aaaaaa bbbbbb cccccc";
        assert_eq!(regels_bij(tekst, 10), 3);
        assert_eq!(tekst.chars().count().div_ceil(10), 2);
        // A column holds more characters of ordinary text a line than its width.
        let zin = "Kunnen de lokale professionals werken met de meldcode huiselijk geweld";
        assert_eq!(zin.chars().count(), 70);
        assert_eq!(aantal_regels(zin, 62.0), 1);
        assert_eq!(regels_bij(zin, 61), 2);
    }

    #[test]
    fn koppen_worden_uniek_en_niet_leeg() {
        assert_eq!(
            unieke_koppen(&["Eindhoven", "eindhoven", "", "Eindhoven (2)", "Eindhoven"]),
            [
                "Eindhoven",
                "eindhoven (2)",
                "Kolom 3",
                "Eindhoven (2) (2)",
                "Eindhoven (3)"
            ]
        );
    }

    #[test]
    fn cellen_houden_hun_soort() {
        assert_eq!(Cel::datum("2025-02-01"), Cel::Datum("2025-02-01".into()));
        assert_eq!(Cel::datum(""), Cel::Leeg);
        assert_eq!(Cel::datum("gisteren"), Cel::Tekst("gisteren".into()));
        assert_eq!(Cel::nummer("2025"), Cel::Getal(2025.0, NUMMER));
        assert_eq!(Cel::nummer("0772"), Cel::Tekst("0772".into()));
        assert_eq!(Cel::getal(f64::NAN, GEHEEL), Cel::Leeg);
        assert_eq!(Cel::Getal(14000.0, GEHEEL).lengte(), "14.000".len());
        assert_eq!(Cel::Getal(2025.0, NUMMER).lengte(), 4);
        assert_eq!(Cel::tekst("een\nlangere regel").lengte(), 13);
        let d = excel_datum("2026-03-12").expect("datum");
        assert_eq!(d.to_excel(), 46093.0);
    }
}
