//! Excel-export en -import van een Zelfscan-ronde.
//!
//! [`export_xlsx`] maakt een echte .xlsx-werkmap met:
//! - het blad "Toelichting" (ronde, vragenlijst en invulinstructies);
//! - één blad per gemeente: A3 "Gemeentecode" / B3 de code, A4 "Vragenlijst" / B4 de versie,
//!   A5 "Scanronde" / B5 het nummer van de ronde, rij 6 de kopjes `Nr | Blok | Standaard | Vraag | Antwoord | Toelichting` en vanaf rij 7
//!   één rij per vraag in de volgorde van de vragenlijst (kolom E met keuzelijst);
//! - het blad "Resultaten": percentage "Op orde" per standaard per gemeente plus het
//!   regiogemiddelde, met een radardiagram;
//! - het blad "Regio": regiogemiddelde per standaard en "x van y gemeenten …"-uitspraken,
//!   met een radardiagram van het regiogemiddelde.
//!
//! [`import_xlsx`] leest een ingevulde werkmap met dezelfde opmaak terug. De gemeente wordt
//! herkend aan cel B3, niet aan de bladnaam; cel B5 moet de ronde zijn waarin wordt
//! geïmporteerd, zodat een export van een andere ronde niets overschrijft. Alles-of-niets: alle
//! fouten worden verzameld. Vóór calamine het bestand leest, begrenst
//! [`super::xlsx_grenzen::controleer`] de uitgepakte grootte en het celbereik.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::io::Cursor;

use calamine::{Data, Range, Reader, SheetType, Xlsx, open_workbook_from_rs};
use rust_xlsxwriter::{
    Chart, ChartFormat, ChartLegendPosition, ChartLine, ChartLineDashType, ChartType, Color,
    DataValidation, DocProperties, Format, FormatAlign, FormatBorder, Workbook, Worksheet,
    XlsxError,
};

use super::model::{Antwoord, MAX_TOELICHTING, StandaardScore, VraagAntwoord, Vragenlijst, scores};

/// Naam van het blad met uitleg.
pub const BLAD_TOELICHTING: &str = "Toelichting";
/// Naam van het blad met de scores per gemeente en het radardiagram.
pub const BLAD_RESULTATEN: &str = "Resultaten";
/// Naam van het blad met het regio-overzicht.
pub const BLAD_REGIO: &str = "Regio";
/// Bladen die de import overslaat.
const VASTE_BLADEN: [&str; 3] = [BLAD_TOELICHTING, BLAD_RESULTATEN, BLAD_REGIO];
/// `ImportFout::blad` voor fouten die niet bij één blad horen.
pub const GEEN_BLAD: &str = "-";
/// Maximaal aantal gemeenten in het radardiagram van "Resultaten" (leesbaarheid).
pub const MAX_GEMEENTEN_IN_GRAFIEK: usize = 8;

/// Excel staat maximaal 31 tekens toe in een bladnaam.
const MAX_BLADNAAM: usize = 31;
const VERBODEN_IN_BLADNAAM: [char; 7] = ['[', ']', ':', '*', '?', '/', '\\'];

// Posities op een gemeenteblad (0-gebaseerd; Excel-rij = index + 1).
const RIJ_CODE: u32 = 2;
const RIJ_VERSIE: u32 = 3;
const RIJ_RONDE: u32 = 4;
const RIJ_KOP: u32 = 5;
const RIJ_EERSTE_VRAAG: u32 = 6;
const KOL_NR: u16 = 0;
const KOL_WAARDE: u16 = 1;
const KOL_ANTWOORD: u16 = 4;
const KOL_TOELICHTING: u16 = 5;
const KOPPEN_GEMEENTE: [&str; 6] = [
    "Nr",
    "Blok",
    "Standaard",
    "Vraag",
    "Antwoord",
    "Toelichting",
];

// Kolombreedtes (in tekens) per blad.
const BREEDTES_TOELICHTING: [f64; 2] = [24.0, 100.0];
const BREEDTES_GEMEENTE: [f64; 6] = [14.0, 7.0, 11.0, 70.0, 16.0, 60.0];
const BREEDTES_REGIO: [f64; 4] = [32.0, 18.0, 58.0, 58.0];
/// Hoogte van één tekstregel (Calibri 11) in punten.
const REGELHOOGTE: f64 = 15.0;

// Posities op "Resultaten" en "Regio".
const RIJ_TABEL_KOP: u32 = 3;
const RIJ_TABEL_DATA: u32 = 4;

const KIES_ANTWOORD: &str = "kies 'Op orde', 'Niet op orde' of laat de cel leeg.";
const NIET_WIJZIGEN: &str = "wijzig de kolommen A tot en met D niet en voeg geen rijen in of toe.";

/// Eén gemeente in de export.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportGemeente {
    pub code: String,
    pub naam: String,
    pub antwoorden: Vec<VraagAntwoord>,
}

/// Alles wat in de export komt.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportRonde {
    /// Het nummer van de ronde; staat in B5 van elk gemeenteblad.
    pub ronde_id: i64,
    /// Bijvoorbeeld "Zelfscan Oost-Brabant – Evaluatie 2026".
    pub titel: String,
    pub regio_naam: String,
    /// Label van het doel, bijvoorbeeld "Evaluatie".
    pub doel: String,
    /// Bijvoorbeeld "2026-03-12".
    pub datum: String,
    pub vragenlijst: Vragenlijst,
    /// Alleen de gemeenten die de gebruiker afzonderlijk mag zien.
    pub gemeenten: Vec<ExportGemeente>,
    /// Regiogemiddelde per standaard (over alle gemeenten, berekend door de aanroeper).
    pub regio: Vec<StandaardScore>,
    pub regio_aantal_gemeenten: u32,
}

/// De antwoorden van één gemeenteblad uit een ingelezen bestand.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportGemeente {
    pub code: String,
    /// Eén antwoord per vraag, in de volgorde van de vragenlijst.
    pub antwoorden: Vec<VraagAntwoord>,
}

/// Een fout in een ingelezen bestand.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportFout {
    /// Bladnaam, of [`GEEN_BLAD`] als de fout het hele bestand betreft.
    pub blad: String,
    /// Excel-rijnummer (1-gebaseerd).
    pub rij: Option<u32>,
    pub melding: String,
}

impl ImportFout {
    fn new(blad: &str, rij: Option<u32>, melding: impl Into<String>) -> Self {
        Self {
            blad: blad.to_string(),
            rij,
            melding: melding.into(),
        }
    }
}

impl fmt::Display for ImportFout {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.blad == GEEN_BLAD {
            return f.write_str(&self.melding);
        }
        write!(f, "Blad '{}'", self.blad)?;
        if let Some(rij) = self.rij {
            write!(f, ", rij {rij}")?;
        }
        write!(f, ": {}", self.melding)
    }
}

impl std::error::Error for ImportFout {}

/// Fout bij het maken van een Excel-bestand.
#[derive(Debug, thiserror::Error)]
pub enum ExcelFout {
    #[error("Het Excel-bestand kon niet worden gemaakt: {0}")]
    Schrijven(#[from] XlsxError),
}

// ---------------------------------------------------------------------------
// Export
// ---------------------------------------------------------------------------

/// Maakt de .xlsx-werkmap van een ronde.
pub fn export_xlsx(ronde: &ExportRonde) -> Result<Vec<u8>, ExcelFout> {
    let opmaak = Opmaak::new();
    let tabel = ScoreTabel::new(ronde);
    let mut werkmap = Workbook::new();
    werkmap.set_properties(
        &DocProperties::new()
            .set_title(&ronde.titel)
            .set_subject(&ronde.vragenlijst.titel),
    );

    schrijf_toelichting(werkmap.add_worksheet(), ronde, &opmaak)?;
    let namen = bladnamen(ronde.gemeenten.iter().map(|g| g.naam.as_str()));
    for (gemeente, naam) in ronde.gemeenten.iter().zip(&namen) {
        let blad = werkmap.add_worksheet();
        blad.set_name(naam)?;
        schrijf_gemeente(blad, gemeente, ronde, &opmaak)?;
    }
    schrijf_resultaten(werkmap.add_worksheet(), ronde, &tabel, &opmaak)?;
    schrijf_regio(werkmap.add_worksheet(), ronde, &tabel, &opmaak)?;

    Ok(werkmap.save_to_buffer()?)
}

/// De formats die de bladen delen.
struct Opmaak {
    titel: Format,
    kop: Format,
    label: Format,
    tekst: Format,
    notitie: Format,
    getal: Format,
    procent: Format,
    invoer: Format,
}

impl Opmaak {
    fn new() -> Self {
        let boven = Format::new().set_align(FormatAlign::Top);
        Self {
            titel: Format::new().set_bold().set_font_size(14),
            kop: Format::new()
                .set_bold()
                .set_background_color(Color::RGB(0xD9E1F2))
                .set_border(FormatBorder::Thin)
                .set_text_wrap()
                .set_align(FormatAlign::Top),
            label: boven.clone().set_bold(),
            tekst: boven.clone().set_text_wrap(),
            notitie: boven.clone().set_italic().set_font_color(Color::Gray),
            getal: boven.clone().set_align(FormatAlign::Center),
            procent: Format::new().set_num_format("0.0"),
            invoer: boven
                .set_text_wrap()
                .set_background_color(Color::RGB(0xFFF2CC))
                .set_border(FormatBorder::Thin),
        }
    }
}

/// Percentages per standaard, zoals op "Resultaten" en "Regio".
struct ScoreTabel {
    /// "1 Integrale visie", … in de volgorde van de vragenlijst.
    labels: Vec<String>,
    /// Per gemeente (volgorde van de export) het percentage per standaard.
    gemeenten: Vec<Vec<f64>>,
    /// Regiogemiddelde per standaard, `None` als de aanroeper het niet gaf.
    regio: Vec<Option<f64>>,
}

impl ScoreTabel {
    fn new(ronde: &ExportRonde) -> Self {
        let standaarden = &ronde.vragenlijst.standaarden;
        let gemeenten = ronde
            .gemeenten
            .iter()
            .map(|g| {
                let per_standaard: HashMap<u8, f64> = scores(&ronde.vragenlijst, &g.antwoorden)
                    .into_iter()
                    .map(|s| (s.standaard, s.percentage))
                    .collect();
                standaarden
                    .iter()
                    .map(|s| per_standaard.get(&s.nummer).copied().unwrap_or(0.0))
                    .collect()
            })
            .collect();
        Self {
            labels: standaarden
                .iter()
                .map(|s| format!("{} {}", s.nummer, s.titel))
                .collect(),
            gemeenten,
            regio: standaarden
                .iter()
                .map(|s| {
                    ronde
                        .regio
                        .iter()
                        .find(|r| r.standaard == s.nummer)
                        .map(|r| r.percentage)
                })
                .collect(),
        }
    }

    /// Aantal rijen (standaarden) van de tabel.
    fn rijen(&self) -> u32 {
        u32::try_from(self.labels.len()).unwrap_or(0)
    }

    fn heeft_regio(&self) -> bool {
        self.regio.iter().any(Option::is_some)
    }

    /// Aantal gegeven gemeenten waarvoor `voorwaarde` geldt bij standaard `index`.
    fn aantal(&self, index: usize, voorwaarde: impl Fn(f64) -> bool) -> usize {
        self.gemeenten
            .iter()
            .filter(|g| voorwaarde(g[index]))
            .count()
    }
}

fn schrijf_toelichting(
    blad: &mut Worksheet,
    ronde: &ExportRonde,
    opmaak: &Opmaak,
) -> Result<(), XlsxError> {
    blad.set_name(BLAD_TOELICHTING)?;
    kolombreedtes(blad, &BREEDTES_TOELICHTING)?;
    blad.write_string_with_format(0, 0, &ronde.titel, &opmaak.titel)?;

    let vl = &ronde.vragenlijst;
    let gegevens = [
        ("Regio", ronde.regio_naam.clone()),
        ("Doel", ronde.doel.clone()),
        ("Datum", ronde.datum.clone()),
        (
            "Vragenlijst",
            format!("{} (versie {})", vl.titel, vl.versie),
        ),
    ];
    for (rij, (label, waarde)) in (2..).zip(gegevens) {
        blad.write_string_with_format(rij, 0, label, &opmaak.label)?;
        rijhoogte(blad, rij, &[(&waarde, BREEDTES_TOELICHTING[1])])?;
        blad.write_string_with_format(rij, 1, waarde, &opmaak.tekst)?;
    }

    blad.write_string_with_format(7, 0, "Zo vult u dit bestand in", &opmaak.titel)?;
    let instructies = [
        "Elke gemeente heeft een eigen tabblad met alle vragen van de zelfscan, één vraag per rij."
            .to_string(),
        "Kies per vraag in kolom E (Antwoord) 'Op orde' of 'Niet op orde' uit de keuzelijst. \
         Laat de cel leeg als de vraag nog niet beantwoord is."
            .to_string(),
        "Is het antwoord niet zonder meer 'Op orde' of 'Niet op orde'? Kies dan het best passende \
         antwoord en noteer afzonderlijk dit soort nuanceringen in kolom F (Toelichting)."
            .to_string(),
        format!("Een toelichting is maximaal {MAX_TOELICHTING} tekens lang."),
        "Wijzig de kolommen A tot en met D en cel B3 (de gemeentecode) niet, en voeg geen rijen in \
         of toe: daarmee worden de antwoorden bij het inlezen aan de juiste gemeente en vraag \
         gekoppeld. Een tabblad van een gemeente die u niet invult, mag u verwijderen."
            .to_string(),
        format!(
            "De tabbladen '{BLAD_RESULTATEN}' en '{BLAD_REGIO}' tonen de scores op het moment van \
             exporteren. Ze worden bij het inlezen genegeerd, net als dit tabblad."
        ),
        "Sla het bestand op als Excel-werkmap (.xlsx) en lees het in via Voorop. Bevat het bestand \
         een fout, dan wordt niets ingelezen en krijgt u een overzicht van alle fouten."
            .to_string(),
    ];
    for (rij, (nr, tekst)) in (8..).zip((1..).zip(instructies)) {
        blad.write_string_with_format(rij, 0, format!("{nr}."), &opmaak.label)?;
        rijhoogte(blad, rij, &[(&tekst, BREEDTES_TOELICHTING[1])])?;
        blad.write_string_with_format(rij, 1, tekst, &opmaak.tekst)?;
    }
    Ok(())
}

fn schrijf_gemeente(
    blad: &mut Worksheet,
    gemeente: &ExportGemeente,
    ronde: &ExportRonde,
    opmaak: &Opmaak,
) -> Result<(), XlsxError> {
    let vragenlijst = &ronde.vragenlijst;
    kolombreedtes(blad, &BREEDTES_GEMEENTE)?;
    blad.set_repeat_rows(RIJ_KOP, RIJ_KOP)?;
    blad.write_string_with_format(0, 0, format!("Zelfscan – {}", gemeente.naam), &opmaak.titel)?;
    blad.write_string_with_format(RIJ_CODE, 0, "Gemeentecode", &opmaak.label)?;
    blad.write_string(RIJ_CODE, KOL_WAARDE, &gemeente.code)?;
    blad.write_string_with_format(
        RIJ_CODE,
        2,
        "Niet wijzigen: hiermee wordt dit tabblad aan de gemeente gekoppeld.",
        &opmaak.notitie,
    )?;
    blad.write_string_with_format(RIJ_VERSIE, 0, "Vragenlijst", &opmaak.label)?;
    blad.write_string(RIJ_VERSIE, KOL_WAARDE, &vragenlijst.versie)?;
    blad.write_string_with_format(RIJ_RONDE, 0, "Scanronde", &opmaak.label)?;
    // Excel stores numbers as f64; round ids stay far below 2^53.
    blad.write_number_with_format(RIJ_RONDE, KOL_WAARDE, ronde.ronde_id as f64, &opmaak.getal)?;
    blad.write_string_with_format(
        RIJ_RONDE,
        2,
        "Niet wijzigen: dit bestand kan alleen in deze scanronde worden geïmporteerd.",
        &opmaak.notitie,
    )?;
    schrijf_kopregel(blad, RIJ_KOP, &KOPPEN_GEMEENTE, &opmaak.kop)?;
    blad.set_freeze_panes(RIJ_KOP + 1, 0)?;

    let antwoorden: HashMap<u16, &VraagAntwoord> =
        gemeente.antwoorden.iter().map(|a| (a.vraag, a)).collect();
    for (rij, vraag) in (RIJ_EERSTE_VRAAG..).zip(&vragenlijst.vragen) {
        let antwoord = antwoorden.get(&vraag.nummer);
        blad.write_number_with_format(rij, KOL_NR, vraag.nummer, &opmaak.getal)?;
        blad.write_number_with_format(rij, 1, vraag.blok, &opmaak.getal)?;
        blad.write_number_with_format(rij, 2, vraag.standaard, &opmaak.getal)?;
        blad.write_string_with_format(rij, 3, &vraag.tekst, &opmaak.tekst)?;
        let label = antwoord
            .and_then(|a| a.antwoord)
            .map_or("", Antwoord::label);
        let toelichting = antwoord.map_or("", |a| a.toelichting.as_str());
        rijhoogte(
            blad,
            rij,
            &[
                (&vraag.tekst, BREEDTES_GEMEENTE[3]),
                (toelichting, BREEDTES_GEMEENTE[5]),
            ],
        )?;
        schrijf_invoer(blad, rij, KOL_ANTWOORD, label, &opmaak.invoer)?;
        schrijf_invoer(blad, rij, KOL_TOELICHTING, toelichting, &opmaak.invoer)?;
    }

    if let Some(laatste) = laatste_vraag_rij(vragenlijst) {
        let keuzelijst = DataValidation::new()
            .allow_list_strings(&[Antwoord::OpOrde.label(), Antwoord::NietOpOrde.label()])?
            .set_error_title("Ongeldig antwoord")?
            .set_error_message(
                "Kies 'Op orde' of 'Niet op orde' uit de keuzelijst, of laat de cel leeg. \
                 Een nuancering noteert u in kolom F (Toelichting).",
            )?;
        blad.add_data_validation(
            RIJ_EERSTE_VRAAG,
            KOL_ANTWOORD,
            laatste,
            KOL_ANTWOORD,
            &keuzelijst,
        )?;
    }
    Ok(())
}

/// Schrijft een invoercel; ook leeg, zodat de invulkleur zichtbaar is.
fn schrijf_invoer(
    blad: &mut Worksheet,
    rij: u32,
    kol: u16,
    tekst: &str,
    format: &Format,
) -> Result<(), XlsxError> {
    if tekst.is_empty() {
        blad.write_blank(rij, kol, format)?;
    } else {
        blad.write_string_with_format(rij, kol, tekst, format)?;
    }
    Ok(())
}

fn laatste_vraag_rij(vragenlijst: &Vragenlijst) -> Option<u32> {
    let aantal = u32::try_from(vragenlijst.vragen.len()).ok()?;
    aantal.checked_sub(1).map(|n| RIJ_EERSTE_VRAAG + n)
}

fn schrijf_resultaten(
    blad: &mut Worksheet,
    ronde: &ExportRonde,
    tabel: &ScoreTabel,
    opmaak: &Opmaak,
) -> Result<(), XlsxError> {
    blad.set_name(BLAD_RESULTATEN)?;
    blad.write_string_with_format(0, 0, format!("Resultaten – {}", ronde.titel), &opmaak.titel)?;
    blad.write_string(
        1,
        0,
        format!(
            "Percentage van de vragen dat 'Op orde' is, per standaard. Het regiogemiddelde gaat over {}.",
            aantal_gemeenten(ronde.regio_aantal_gemeenten as usize)
        ),
    )?;

    let mut koppen = vec!["Standaard".to_string()];
    koppen.extend(ronde.gemeenten.iter().map(|g| g.naam.clone()));
    koppen.push("Regio gemiddelde".to_string());
    schrijf_kopregel(blad, RIJ_TABEL_KOP, &koppen, &opmaak.kop)?;
    let regio_kol = kolom(koppen.len() - 1);
    let mut breedtes = vec![BREEDTES_REGIO[0]];
    breedtes.resize(koppen.len(), 14.0);
    kolombreedtes(blad, &breedtes)?;

    for (i, (rij, label)) in (RIJ_TABEL_DATA..).zip(&tabel.labels).enumerate() {
        blad.write_string(rij, 0, label)?;
        for (kol, percentages) in (1..).zip(&tabel.gemeenten) {
            blad.write_number_with_format(rij, kol, percentages[i], &opmaak.procent)?;
        }
        if let Some(p) = tabel.regio[i] {
            blad.write_number_with_format(rij, regio_kol, p, &opmaak.procent)?;
        }
    }

    let gemeenten: Vec<u16> = (1..=ronde.gemeenten.len().min(MAX_GEMEENTEN_IN_GRAFIEK))
        .map(kolom)
        .collect();
    let mut grafiek = radar_grafiek(
        BLAD_RESULTATEN,
        "Percentage 'Op orde' per standaard",
        tabel,
        &gemeenten,
        tabel.heeft_regio().then_some(regio_kol),
    );
    if ronde.gemeenten.len() > MAX_GEMEENTEN_IN_GRAFIEK {
        blad.write_string_with_format(
            2,
            0,
            format!(
                "Het diagram toont de eerste {MAX_GEMEENTEN_IN_GRAFIEK} gemeenten en het regiogemiddelde."
            ),
            &opmaak.notitie,
        )?;
    }
    blad.insert_chart(
        grafiek_rij(tabel),
        0,
        grafiek.set_width(760).set_height(520),
    )?;
    Ok(())
}

fn schrijf_regio(
    blad: &mut Worksheet,
    ronde: &ExportRonde,
    tabel: &ScoreTabel,
    opmaak: &Opmaak,
) -> Result<(), XlsxError> {
    blad.set_name(BLAD_REGIO)?;
    let y = ronde.gemeenten.len();
    blad.write_string_with_format(0, 0, format!("Regio {}", ronde.regio_naam), &opmaak.titel)?;
    let toelichting = if y == 0 {
        "dit bestand bevat geen gegevens per gemeente.".to_string()
    } else {
        format!(
            "de aantallen gaan over de {} in dit bestand.",
            aantal_gemeenten(y)
        )
    };
    blad.write_string(
        1,
        0,
        format!(
            "Regiogemiddelde van het percentage 'Op orde' over {}; {toelichting}",
            aantal_gemeenten(ronde.regio_aantal_gemeenten as usize)
        ),
    )?;
    schrijf_kopregel(
        blad,
        RIJ_TABEL_KOP,
        &[
            "Standaard",
            "Regio gemiddelde",
            "Volledig op orde",
            "Minder dan 50% op orde",
        ],
        &opmaak.kop,
    )?;
    kolombreedtes(blad, &BREEDTES_REGIO)?;

    for (i, (rij, label)) in (RIJ_TABEL_DATA..).zip(&tabel.labels).enumerate() {
        blad.write_string(rij, 0, label)?;
        if let Some(p) = tabel.regio[i] {
            blad.write_number_with_format(rij, 1, p, &opmaak.procent)?;
        }
        if y > 0 {
            let volledig = tabel.aantal(i, |p| p >= 100.0);
            let onder_50 = tabel.aantal(i, |p| p < 50.0);
            blad.write_string(rij, 2, uitspraak(volledig, y, "deze standaard volledig"))?;
            blad.write_string(
                rij,
                3,
                uitspraak(onder_50, y, "minder dan 50% van deze standaard"),
            )?;
        }
    }

    if tabel.heeft_regio() {
        let mut grafiek = radar_grafiek(BLAD_REGIO, "Regio gemiddelde", tabel, &[], Some(1));
        blad.insert_chart(
            grafiek_rij(tabel),
            0,
            grafiek.set_width(640).set_height(480),
        )?;
    }
    Ok(())
}

/// Radardiagram (as 0–100) over de tabel van `blad`: categorieën in kolom A vanaf
/// [`RIJ_TABEL_DATA`], één reeks per kolom in `gemeenten` en eventueel de kolom met het
/// regiogemiddelde; de reeksnamen komen uit de kopregel. Het regiogemiddelde krijgt een dikke
/// lijn, gestippeld als er ook gemeenten in het diagram staan.
fn radar_grafiek(
    blad: &str,
    titel: &str,
    tabel: &ScoreTabel,
    gemeenten: &[u16],
    regio: Option<u16>,
) -> Chart {
    let laatste_rij = RIJ_TABEL_DATA + tabel.rijen().max(1) - 1;
    let mut grafiek = Chart::new(ChartType::Radar);
    grafiek.title().set_name(titel);
    grafiek.legend().set_position(ChartLegendPosition::Bottom);
    grafiek.y_axis().set_min(0).set_max(100).set_major_unit(20);
    for &kol in gemeenten.iter().chain(&regio) {
        let reeks = grafiek
            .add_series()
            .set_name((blad, RIJ_TABEL_KOP, kol))
            .set_categories((blad, RIJ_TABEL_DATA, 0, laatste_rij, 0))
            .set_values((blad, RIJ_TABEL_DATA, kol, laatste_rij, kol));
        if Some(kol) == regio {
            let mut lijn = ChartLine::new();
            lijn.set_width(3);
            if !gemeenten.is_empty() {
                lijn.set_color(Color::Black)
                    .set_dash_type(ChartLineDashType::Dash);
            }
            reeks.set_format(ChartFormat::new().set_line(&lijn));
        }
    }
    grafiek
}

/// Eerste rij onder de tabel met een lege rij ertussen: daar komt het diagram.
fn grafiek_rij(tabel: &ScoreTabel) -> u32 {
    RIJ_TABEL_DATA + tabel.rijen() + 1
}

fn schrijf_kopregel(
    blad: &mut Worksheet,
    rij: u32,
    koppen: &[impl AsRef<str>],
    format: &Format,
) -> Result<(), XlsxError> {
    for (kol, kop) in (0..).zip(koppen) {
        blad.write_string_with_format(rij, kol, kop.as_ref(), format)?;
    }
    Ok(())
}

/// Zet de kolombreedtes en de afdrukinstellingen (liggend, één pagina breed) van een blad.
fn kolombreedtes(blad: &mut Worksheet, breedtes: &[f64]) -> Result<(), XlsxError> {
    blad.set_landscape().set_print_fit_to_pages(1, 0);
    for (kol, &breedte) in (0..).zip(breedtes) {
        blad.set_column_width(kol, breedte)?;
    }
    Ok(())
}

/// Maakt een rij hoog genoeg voor de teruglopende tekst in `cellen` (tekst, kolombreedte).
///
/// Excel past de hoogte van zo'n rij zelf aan, LibreOffice niet; daarom een schatting. Een rij
/// van één regel blijft ongemoeid, zodat Excel die bij het invullen nog kan laten meegroeien.
fn rijhoogte(blad: &mut Worksheet, rij: u32, cellen: &[(&str, f64)]) -> Result<(), XlsxError> {
    let regels = cellen
        .iter()
        .map(|&(tekst, breedte)| aantal_regels(tekst, breedte))
        .max()
        .unwrap_or(1);
    if regels > 1 {
        blad.set_row_height(rij, regels as f64 * REGELHOOGTE)?;
    }
    Ok(())
}

/// Geschat aantal regels van `tekst` in een kolom van `breedte` tekens breed.
fn aantal_regels(tekst: &str, breedte: f64) -> usize {
    // Gemiddelde tekst is iets smaller dan de '0' waarin de kolombreedte is uitgedrukt, maar
    // afbreken op woordgrenzen kost ruimte: reken met de breedte zelf.
    let per_regel = (breedte as usize).max(1);
    tekst
        .split('\n')
        .map(|regel| regel.chars().count().div_ceil(per_regel).max(1))
        .sum()
}

fn kolom(index: usize) -> u16 {
    u16::try_from(index).unwrap_or(u16::MAX)
}

/// "x van y gemeenten heeft/hebben {wat} op orde", zonder gemeenten te noemen.
fn uitspraak(x: usize, y: usize, wat: &str) -> String {
    let hebben = if x == 1 { "heeft" } else { "hebben" };
    format!("{x} van {y} gemeenten {hebben} {wat} op orde")
}

fn aantal_gemeenten(n: usize) -> String {
    if n == 1 {
        "1 gemeente".to_string()
    } else {
        format!("{n} gemeenten")
    }
}

/// Geldige, unieke bladnamen voor de gemeenten (in dezelfde volgorde): hoogstens 31 tekens,
/// zonder `[]:*?/\`, niet beginnend of eindigend met een apostrof, en (hoofdletterongevoelig)
/// verschillend van elkaar en van de vaste bladen.
fn bladnamen<'a>(namen: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut bezet: HashSet<String> = VASTE_BLADEN
        .iter()
        .chain(&["History"])
        .map(|n| n.to_lowercase())
        .collect();
    namen
        .into_iter()
        .map(|naam| {
            let basis = schone_bladnaam(naam);
            let naam = (1..)
                .map(|n| {
                    if n == 1 {
                        basis.clone()
                    } else {
                        let achtervoegsel = format!(" ({n})");
                        let ruimte = MAX_BLADNAAM - achtervoegsel.len();
                        format!("{}{achtervoegsel}", afkappen(&basis, ruimte).trim_end())
                    }
                })
                .find(|kandidaat| !bezet.contains(&kandidaat.to_lowercase()))
                .unwrap_or_default();
            bezet.insert(naam.to_lowercase());
            naam
        })
        .collect()
}

fn schone_bladnaam(naam: &str) -> String {
    let schoon: String = naam
        .chars()
        .filter(|c| !c.is_control())
        .map(|c| {
            if VERBODEN_IN_BLADNAAM.contains(&c) {
                '-'
            } else {
                c
            }
        })
        .collect();
    // Een apostrof aan het begin of eind mag niet ('s-Hertogenbosch): gebruik ’.
    let schoon = schoon.trim();
    let schoon = match schoon.strip_prefix('\'') {
        Some(rest) => format!("’{rest}"),
        None => schoon.to_string(),
    };
    let schoon = match schoon.strip_suffix('\'') {
        Some(rest) => format!("{rest}’"),
        None => schoon,
    };
    let schoon = afkappen(&schoon, MAX_BLADNAAM).trim_end().to_string();
    if schoon.is_empty() {
        "Gemeente".to_string()
    } else {
        schoon
    }
}

/// Kapt af op `max` UTF-16-eenheden (zo telt Excel).
fn afkappen(tekst: &str, max: usize) -> &str {
    let mut lengte = 0;
    for (i, c) in tekst.char_indices() {
        lengte += c.len_utf16();
        if lengte > max {
            return &tekst[..i];
        }
    }
    tekst
}

// ---------------------------------------------------------------------------
// Import
// ---------------------------------------------------------------------------

/// Leest een ingevulde werkmap in. `gemeenten`: (code, naam) van de gemeenten in de ronde.
///
/// Alles-of-niets: bij één of meer fouten komen alle fouten terug en geen gegevens.
pub fn import_xlsx(
    bytes: &[u8],
    ronde_id: i64,
    vragenlijst: &Vragenlijst,
    gemeenten: &[(String, String)],
) -> Result<Vec<ImportGemeente>, Vec<ImportFout>> {
    super::xlsx_grenzen::controleer(bytes, &super::xlsx_grenzen::ZELFSCAN)
        .map_err(|melding| vec![ImportFout::new(GEEN_BLAD, None, melding)])?;
    let mut werkmap: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).map_err(|_| {
        vec![ImportFout::new(
            GEEN_BLAD,
            None,
            "Het bestand is geen geldig Excel-bestand (.xlsx). Sla het op als Excel-werkmap \
             (.xlsx) en probeer het opnieuw.",
        )]
    })?;

    let bladen: Vec<String> = werkmap
        .sheets_metadata()
        .iter()
        .filter(|s| s.typ == SheetType::WorkSheet)
        .map(|s| s.name.clone())
        .filter(|naam| {
            !VASTE_BLADEN
                .iter()
                .any(|vast| vast.eq_ignore_ascii_case(naam.trim()))
        })
        .collect();

    let mut fouten = Vec::new();
    let mut resultaat = Vec::new();
    let mut gezien: HashMap<String, String> = HashMap::new();
    for blad in &bladen {
        let bereik = match werkmap.worksheet_range(blad) {
            Ok(bereik) => bereik,
            Err(e) => {
                fouten.push(ImportFout::new(
                    blad,
                    None,
                    format!("het tabblad kon niet worden gelezen ({e})."),
                ));
                continue;
            }
        };
        let lezer = BladLezer {
            blad,
            bereik: &bereik,
        };
        let code = lezer.gemeentecode(gemeenten, &mut fouten);
        if let Some(code) = &code
            && let Some(eerder) = gezien.insert(code.clone(), blad.clone())
        {
            fouten.push(lezer.fout(
                RIJ_CODE,
                format!(
                    "de gemeentecode '{code}' in cel B3 staat ook op blad '{eerder}'; \
                     elke gemeente mag maar één keer in het bestand staan."
                ),
            ));
        }
        lezer.controleer_versie(&vragenlijst.versie, &mut fouten);
        lezer.controleer_ronde(ronde_id, &mut fouten);
        let antwoorden = lezer.antwoorden(vragenlijst, &mut fouten);
        if let Some(code) = code {
            resultaat.push(ImportGemeente { code, antwoorden });
        }
    }

    if bladen.is_empty() {
        fouten.push(ImportFout::new(
            GEEN_BLAD,
            None,
            "Het bestand bevat geen tabbladen van gemeenten.",
        ));
    }
    if fouten.is_empty() {
        Ok(resultaat)
    } else {
        Err(fouten)
    }
}

/// Een celwaarde zoals de import die ziet, los van het programma dat het bestand opsloeg.
#[derive(Debug, Clone, PartialEq)]
enum Waarde {
    Leeg,
    /// Tekst (getrimd, niet leeg) of een getal als tekst ("7" voor 7.0).
    Tekst(String),
    /// Iets wat geen tekst of getal is; bevat een beschrijving voor de foutmelding.
    Ongeldig(String),
}

impl Waarde {
    fn van(data: Option<&Data>) -> Self {
        let tekst = match data {
            None | Some(Data::Empty) => return Self::Leeg,
            Some(Data::String(s)) => s.replace("\r\n", "\n").trim().to_string(),
            Some(Data::Int(n)) => n.to_string(),
            Some(Data::Float(f)) => getal_als_tekst(*f),
            Some(Data::Bool(b)) => {
                return Self::Ongeldig(format!("de waarde {}", if *b { "WAAR" } else { "ONWAAR" }));
            }
            Some(Data::DateTime(_) | Data::DateTimeIso(_) | Data::DurationIso(_)) => {
                return Self::Ongeldig("een datum of tijd".to_string());
            }
            Some(Data::Error(e)) => return Self::Ongeldig(format!("de foutwaarde {e}")),
        };
        if tekst.is_empty() {
            Self::Leeg
        } else {
            Self::Tekst(tekst)
        }
    }

    /// Voor foutmeldingen: "'ja'", "de waarde WAAR", "een lege cel".
    fn beschrijving(&self) -> String {
        match self {
            Self::Leeg => "een lege cel".to_string(),
            Self::Tekst(s) => format!("'{s}'"),
            Self::Ongeldig(b) => b.clone(),
        }
    }
}

/// 7.0 → "7"; 7.5 → "7.5".
fn getal_als_tekst(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        f.to_string()
    }
}

/// Vraagnummer uit kolom A: 7, 7.0 of "7".
fn vraagnummer(tekst: &str) -> Option<u16> {
    tekst.parse().ok().or_else(|| {
        let f: f64 = tekst.replace(',', ".").parse().ok()?;
        (f.fract() == 0.0)
            .then_some(f)
            .and_then(|f| u16::try_from(f as i64).ok())
    })
}

struct BladLezer<'a> {
    blad: &'a str,
    bereik: &'a Range<Data>,
}

impl BladLezer<'_> {
    fn waarde(&self, rij: u32, kol: u16) -> Waarde {
        Waarde::van(self.bereik.get_value((rij, u32::from(kol))))
    }

    /// Fout bij 0-gebaseerde rij `rij`.
    fn fout(&self, rij: u32, melding: impl Into<String>) -> ImportFout {
        ImportFout::new(self.blad, Some(rij + 1), melding)
    }

    /// De (canonieke) gemeentecode uit B3, of `None` met een fout.
    fn gemeentecode(
        &self,
        gemeenten: &[(String, String)],
        fouten: &mut Vec<ImportFout>,
    ) -> Option<String> {
        let melding = match self.waarde(RIJ_CODE, KOL_WAARDE) {
            Waarde::Tekst(code) => {
                let gevonden = gemeenten
                    .iter()
                    .find(|(c, _)| c.trim().to_lowercase() == code.to_lowercase());
                match gevonden {
                    Some((c, _)) => return Some(c.clone()),
                    None => format!(
                        "de gemeentecode '{code}' in cel B3 hoort niet bij een gemeente in deze \
                         ronde; wijzig cel B3 niet."
                    ),
                }
            }
            w => format!(
                "cel B3 hoort de gemeentecode te bevatten, maar bevat {}. Wijzig cel B3 niet; \
                 hebt u dit tabblad zelf toegevoegd, verwijder het dan.",
                w.beschrijving()
            ),
        };
        fouten.push(self.fout(RIJ_CODE, melding));
        None
    }

    /// B4 mag leeg zijn, maar anders moet het de versie van de vragenlijst van de ronde zijn.
    fn controleer_versie(&self, versie: &str, fouten: &mut Vec<ImportFout>) {
        match self.waarde(RIJ_VERSIE, KOL_WAARDE) {
            Waarde::Leeg => {}
            Waarde::Tekst(v) if v == versie => {}
            w => fouten.push(self.fout(
                RIJ_VERSIE,
                format!(
                    "dit tabblad hoort bij vragenlijst {}, maar deze ronde gebruikt vragenlijst \
                     '{versie}'; gebruik een export van deze ronde.",
                    w.beschrijving()
                ),
            )),
        }
    }

    /// B5 moet het nummer van de ronde zijn waarin wordt geïmporteerd: een export van een
    /// andere ronde (of een bestand zonder rondenummer) overschrijft niets.
    fn controleer_ronde(&self, ronde_id: i64, fouten: &mut Vec<ImportFout>) {
        let melding = match self.waarde(RIJ_RONDE, KOL_WAARDE) {
            Waarde::Tekst(r) if r == ronde_id.to_string() => return,
            Waarde::Tekst(r) => format!(
                "dit tabblad komt uit de export van scanronde {r}, niet van scanronde \
                 {ronde_id}. Er is niets overschreven; exporteer deze ronde en vul die in."
            ),
            w => format!(
                "cel B5 hoort het nummer van de scanronde te bevatten, maar bevat {}. Gebruik \
                 een export van scanronde {ronde_id} en wijzig cel B5 niet.",
                w.beschrijving()
            ),
        };
        fouten.push(self.fout(RIJ_RONDE, melding));
    }

    /// Eén antwoord per vraag. Bij een fout in de nummering (ontbrekende of verschoven vraag)
    /// stopt de controle van dit blad na één melding; alle andere fouten worden verzameld.
    fn antwoorden(
        &self,
        vragenlijst: &Vragenlijst,
        fouten: &mut Vec<ImportFout>,
    ) -> Vec<VraagAntwoord> {
        let mut antwoorden = Vec::with_capacity(vragenlijst.vragen.len());
        for (rij, vraag) in (RIJ_EERSTE_VRAAG..).zip(&vragenlijst.vragen) {
            let nr = vraag.nummer;
            let melding = match self.waarde(rij, KOL_NR) {
                Waarde::Tekst(s) if vraagnummer(&s) == Some(nr) => None,
                Waarde::Leeg => Some(format!(
                    "vraag {nr} ontbreekt; die hoort in deze rij te staan. Kolom A is leeg; \
                     {NIET_WIJZIGEN}"
                )),
                w => Some(format!(
                    "in kolom A staat {}, maar in deze rij hoort vraag {nr}; {NIET_WIJZIGEN}",
                    w.beschrijving()
                )),
            };
            if let Some(melding) = melding {
                fouten.push(self.fout(rij, melding));
                break;
            }
            antwoorden.push(VraagAntwoord {
                vraag: nr,
                antwoord: self.antwoord(rij, fouten),
                toelichting: self.toelichting(rij, fouten),
            });
        }
        antwoorden
    }

    fn antwoord(&self, rij: u32, fouten: &mut Vec<ImportFout>) -> Option<Antwoord> {
        let melding = match self.waarde(rij, KOL_ANTWOORD) {
            Waarde::Leeg => return None,
            Waarde::Tekst(s) => match Antwoord::parse_label(&s) {
                Some(a) => return Some(a),
                None => format!("het antwoord '{s}' is ongeldig; {KIES_ANTWOORD}"),
            },
            Waarde::Ongeldig(b) => {
                format!("het antwoord in kolom E is ongeldig: de cel bevat {b}; {KIES_ANTWOORD}")
            }
        };
        fouten.push(self.fout(rij, melding));
        None
    }

    fn toelichting(&self, rij: u32, fouten: &mut Vec<ImportFout>) -> String {
        let melding = match self.waarde(rij, KOL_TOELICHTING) {
            Waarde::Leeg => return String::new(),
            Waarde::Tekst(s) => {
                let lengte = s.chars().count();
                if lengte <= MAX_TOELICHTING {
                    return s;
                }
                format!(
                    "de toelichting is {lengte} tekens lang; maximaal {MAX_TOELICHTING} tekens \
                     zijn toegestaan."
                )
            }
            Waarde::Ongeldig(b) => {
                format!("de toelichting in kolom F bevat {b}; vul tekst in of laat de cel leeg.")
            }
        };
        fouten.push(self.fout(rij, melding));
        String::new()
    }
}

#[cfg(test)]
mod tests {
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
            .filter(|n| n.ends_with(".xml"))
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
            "2026-03-12",
            "test-v1",
            "kolom E",
            "kolom F",
            "noteer afzonderlijk dit soort nuanceringen",
            "cel B3",
        ] {
            assert!(alles.contains(verwacht), "Toelichting mist {verwacht:?}");
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
        let fouten =
            import_xlsx(&bytes, TEST_RONDE, &vragenlijst(), &twee_deelnemers()).unwrap_err();
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
        let kort: Vec<(&str, Option<u32>)> =
            fouten.iter().map(|f| (f.blad.as_str(), f.rij)).collect();
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

    const FIXTURE_EXPORT: &[u8] = include_bytes!("../../tests/fixtures/zelfscan-export.xlsx");
    const FIXTURE_OPENPYXL: &[u8] = include_bytes!("../../tests/fixtures/zelfscan-openpyxl.xlsx");
    const FIXTURE_LIBREOFFICE: &[u8] =
        include_bytes!("../../tests/fixtures/zelfscan-libreoffice.xlsx");

    fn fixture_vragenlijst() -> Vragenlijst {
        serde_json::from_str(include_str!(
            "../../data/zelfscan/kwaliteitskader-2019-v1.json"
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
            .join("../../tests/fixtures/zelfscan-export.xlsx");
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
}
