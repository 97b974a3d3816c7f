//! Read model of the Werkset regional report. Built by `werkset::rapport` from the
//! registrations; rendered to HTML (askama) and PDF (typst) from this same structure, so both
//! have the same content and order (seed 001).

use serde::Serialize;

#[derive(Debug, Clone, Serialize, Default)]
pub struct Rapport {
    /// e.g. "Werkset Indicatoren Kwaliteit & Impact"
    pub titel: String,
    /// e.g. "Regio Oost-Brabant – 2025"
    pub ondertitel: String,
    pub regio_naam: String,
    pub periode: String,
    /// The catalogue version as users read it, e.g. "2022, versie 1" (`gedeeld::versie_label`).
    pub catalogus_versie: String,
    /// `YYYY-MM-DD`
    pub gegenereerd_op: String,
    /// Demo data: every page says the content is fictional.
    pub demo: bool,
    /// Paragraphs of the Inleiding.
    pub inleiding: Vec<String>,
    /// Set when nothing was recorded for the region and period (no Werkset registration, no
    /// afstemmingsmoment): the report says so after the Inleiding and has no chapters, instead
    /// of pages of empty tables and charts.
    pub geen_registraties: Option<String>,
    /// Chapter 1 (Samenhang) and chapters 2–5 (the four verbeteracties), in catalogue order.
    pub hoofdstukken: Vec<Hoofdstuk>,
    /// Bijlage 1: Landelijke context, one entry per theme.
    pub landelijke_context: Vec<ContextThema>,
    /// Bijlage 2: Overzicht indicatoren, per theme and element.
    pub indicatoren: Vec<IndicatorThema>,
    /// Bronnen: the sources registered for this region and period.
    pub bronnen: Vec<Bron>,
}

#[derive(Debug, Clone, Serialize, Default)]
pub struct Hoofdstuk {
    /// 1..=5
    pub nummer: u8,
    pub titel: String,
    /// Phase label, e.g. "Implementatie".
    pub fase: String,
    /// Kartrekker organisation(s), labels.
    pub kartrekkers: Vec<String>,
    /// Always three: x.1 Ontwikkelinspanningen, x.2 Uitvoeringsinspanningen: meer- en minderwerk, x.3 Waarde.
    pub secties: Vec<Sectie>,
    /// Effort balance of this theme (chart + table), shown in section x.2.
    pub balans: Balans,
    pub citaten: Vec<Citaat>,
    /// "Uit de praktijk x.n"
    pub praktijk: Vec<Praktijk>,
}

#[derive(Debug, Clone, Serialize, Default)]
pub struct Sectie {
    /// "3.1"
    pub nummer: String,
    /// "Ontwikkelinspanningen", "Uitvoeringsinspanningen: meer- en minderwerk" or "Waarde".
    pub titel: String,
    /// The region's narrative paragraphs for this element.
    pub verhaal: Vec<String>,
    /// Effort entries grouped per partner type (sections x.1 and x.2).
    pub partners: Vec<PartnerTabel>,
    /// Value entries (section x.3).
    pub waarden: Vec<WaardeRegel>,
    /// Computed process indicators for this section (filled by a later instrument; may be empty).
    pub kengetallen: Vec<Kengetal>,
}

#[derive(Debug, Clone, Serialize, Default)]
pub struct PartnerTabel {
    /// Partner type label, e.g. "Veilig Thuis", or the title of the shared entries.
    pub partner: String,
    /// The table of entries shared by several partners: each listed once, with its partners
    /// (so one shared cost does not read as one cost per partner).
    pub gedeeld: bool,
    pub regels: Vec<InspanningRegel>,
}

#[derive(Debug, Clone, Serialize, Default)]
pub struct InspanningRegel {
    pub indicator: String,
    pub omschrijving: String,
    /// "Regulier werk", "Verschuiving van werk", "Meerwerk" or "Minderwerk".
    pub classificatie: String,
    /// Formatted quantity with unit, e.g. "4 uur per week", or "–".
    pub hoeveelheid: String,
    /// e.g. "Werkplan, 12-03-2025"
    pub bewijs: String,
    /// The partners sharing the entry, by name (only in the shared table).
    pub partners: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Default)]
pub struct WaardeRegel {
    pub indicator: String,
    pub omschrijving: String,
    /// "Aangetoond", "Plausibel" or "Verwacht".
    pub sterkte: String,
    pub bewijs: String,
}

#[derive(Debug, Clone, Serialize, Default)]
pub struct Kengetal {
    pub naam: String,
    pub waarde: String,
    pub toelichting: String,
}

#[derive(Debug, Clone, Serialize, Default)]
pub struct Balans {
    /// Standalone SVG bar chart (no style attributes), embeddable in HTML and typst.
    pub svg: String,
    /// The chart in words, for a screen reader (the PDF figure's alternative text).
    pub alt: String,
    /// Unit of the chart's numbers, e.g. "uur per week (omgerekend)".
    pub eenheid: String,
    pub rijen: Vec<BalansRij>,
    /// Explanation of what was converted and what could not be (other units).
    pub toelichting: String,
}

#[derive(Debug, Clone, Serialize, Default)]
pub struct BalansRij {
    pub partner: String,
    pub meerwerk: f64,
    pub minderwerk: f64,
    pub verschuiving: f64,
    /// Entries of this partner with a unit that cannot be converted (euro, aantal, …).
    pub overige_posten: usize,
    /// A per-kind total of the rows above it (the kind's entries and its organisations').
    pub totaal: bool,
}

#[derive(Debug, Clone, Serialize, Default)]
pub struct Citaat {
    pub tekst: String,
    /// A role or organisation type, never a name, e.g. "Teamleider Veilig Thuis".
    pub bron: String,
}

#[derive(Debug, Clone, Serialize, Default)]
pub struct Praktijk {
    /// "3.1"
    pub nummer: String,
    pub titel: String,
    pub alineas: Vec<String>,
    pub bron: String,
}

#[derive(Debug, Clone, Serialize, Default)]
pub struct ContextThema {
    pub nummer: u8,
    pub titel: String,
    pub doel: String,
    pub aanleiding: String,
    pub vorm: String,
    pub impactanalyse: String,
}

#[derive(Debug, Clone, Serialize, Default)]
pub struct IndicatorThema {
    pub nummer: u8,
    pub titel: String,
    pub elementen: Vec<IndicatorElement>,
}

#[derive(Debug, Clone, Serialize, Default)]
pub struct IndicatorElement {
    pub naam: String,
    /// (indicator name, has evidence in this region and period)
    pub indicatoren: Vec<(String, bool)>,
}

#[derive(Debug, Clone, Serialize, Default)]
pub struct Bron {
    /// "Werkplan", "Evaluatie", "Procesdocument", …
    pub soort: String,
    pub titel: String,
    pub jaar: String,
}
