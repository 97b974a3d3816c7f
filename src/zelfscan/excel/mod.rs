//! Excel-export en -import van een Zelfscan-ronde.
//!
//! [`export_xlsx`] maakt een echte .xlsx-werkmap met:
//! - het blad "Toelichting" (ronde, vragenlijst en invulinstructies);
//! - één blad per gemeente: A3 "Gemeentecode" / B3 de code, A4 "Vragenlijst" / B4 de versie,
//!   A5 "Scanronde" / B5 het nummer van de ronde, rij 6 de kopjes `Nr | Blok | Standaard | Vraag | Antwoord | Toelichting` en vanaf rij 7
//!   één rij per vraag in de volgorde van de vragenlijst (kolom E met keuzelijst); rij 6 en de
//!   vragen vormen een Excel-tabel met filter, en het blad is beveiligd (zonder wachtwoord)
//!   behalve de invulcellen in E en F;
//! - het blad "Resultaten": percentage "Op orde" per standaard per gemeente plus het
//!   regiogemiddelde en een kolom Status (wie nog niets beantwoordde), als tabel, met een
//!   radardiagram;
//! - het blad "Regio": regiogemiddelde per standaard en "x van y gemeenten …"-uitspraken en
//!   een kolom Status, als tabel, met een radardiagram van het regiogemiddelde.
//!
//! Elk blad drukt liggend af, één pagina breed, met de kopregel op elke pagina; de kolommen
//! zijn zo breed als hun inhoud (begrensd) en de kopregels zo hoog als hun teruglopende tekst.
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
    DataValidation, Format, FormatAlign, FormatBorder, ProtectionOptions, Workbook, Worksheet,
    XlsxError,
};

use crate::rapport::xlsx;

use super::model::{Antwoord, MAX_TOELICHTING, StandaardScore, VraagAntwoord, Vragenlijst, scores};

mod export;
mod import;

pub use export::*;
pub use import::*;

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

// Kolombreedtes (in tekens) van het blad "Toelichting" (lopende tekst); die van de andere
// bladen volgen uit de inhoud (`crate::rapport::xlsx::kolombreedte`).
const BREEDTES_TOELICHTING: [f64; 2] = [24.0, 100.0];
/// Kolom F (Toelichting) is een invulkolom: minstens zo breed, ook als hij nog leeg is.
const MIN_TOELICHTING_BREEDTE: usize = 40;

/// Status van een rij waarvan alle cellen gevuld zijn.
pub const STATUS_BEREKEND: &str = "berekend";
/// Status van een ontbrekend regiogemiddelde.
pub const STATUS_GEEN_GEGEVENS: &str = "geen gegevens";
/// Status van gemeenten die nog geen vraag van een standaard beantwoordden.
pub const STATUS_NIET_BEANTWOORD: &str = "nog niet beantwoord";

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

#[cfg(test)]
mod tests;
