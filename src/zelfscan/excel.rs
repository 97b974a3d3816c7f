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
mod tests;
