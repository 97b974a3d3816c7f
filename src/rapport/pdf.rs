//! PDF rendering of the Werkset regional report with typst (through `typst-as-lib`).
//!
//! The layout lives in the static template `templates/rapport/rapport.typ`. The report data goes
//! in as JSON bytes (`sys.inputs.data`, read with typst's `json(...)`), so user text is always a
//! typst string value and never parsed as markup: no escaping needed. The balance charts are the
//! model's SVG strings, embedded with `image(bytes(svg))`.
//!
//! Fonts: only Liberation Sans (regular, bold, italic, bold italic; SIL OFL 1.1, see
//! `assets/fonts/LICENSE`) is embedded. Typst Universe packages are not available (no package
//! resolver), so the template uses built-in typst layout only.
//!
//! Rendering is CPU-bound (tens of milliseconds for a full report): call it from async code
//! through `tokio::task::spawn_blocking`.

use std::sync::LazyLock;

use serde::Serialize;
use typst::diag::{SourceDiagnostic, Warned};
use typst::foundations::{Bytes, Dict, IntoValue, Smart};
use typst_as_lib::{TypstAsLibError, TypstEngine, TypstTemplateMainFile};

use crate::rapport::model::{BalansRij, Rapport};

static SJABLOON: &str = include_str!("../../templates/rapport/rapport.typ");

static LETTERTYPEN: [&[u8]; 4] = [
    include_bytes!("../../assets/fonts/LiberationSans-Regular.ttf"),
    include_bytes!("../../assets/fonts/LiberationSans-Bold.ttf"),
    include_bytes!("../../assets/fonts/LiberationSans-Italic.ttf"),
    include_bytes!("../../assets/fonts/LiberationSans-BoldItalic.ttf"),
];

/// A document's engine: its template with the embedded fonts. Each is built once per process
/// (a `LazyLock`), on its first document.
fn engine(sjabloon: &'static str) -> TypstEngine<TypstTemplateMainFile> {
    TypstEngine::builder()
        .main_file(sjabloon)
        .fonts(LETTERTYPEN)
        .build()
}

/// Template and parsed fonts, built once per process.
static ENGINE: LazyLock<TypstEngine<TypstTemplateMainFile>> = LazyLock::new(|| engine(SJABLOON));

static INZAGE_SJABLOON: &str = include_str!("../../templates/rapport/inzage.typ");

/// The engine of the access-request PDF ([`inzage_pdf`]).
static INZAGE_ENGINE: LazyLock<TypstEngine<TypstTemplateMainFile>> =
    LazyLock::new(|| engine(INZAGE_SJABLOON));

/// One access in the access-request PDF, already in words.
#[derive(Debug, Clone, Serialize)]
pub struct InzageRegel {
    pub tijd: String,
    pub organisatie: String,
    pub gebruiker: String,
    pub namens: String,
    pub actie: String,
    pub doel: String,
    pub uitkomst: String,
}

/// "Wie heeft deze gegevens ingezien" for a data subject's access request (AVG art. 15).
#[derive(Debug, Clone, Serialize)]
pub struct InzageRapport {
    pub organisatie: String,
    pub gevraagd_door: String,
    /// `dd-mm-jjjj`
    pub datum: String,
    /// What was asked: a case number, or "betrokkene (pseudoniem …)"; never the name.
    pub betreft: String,
    pub toelichting: String,
    pub voetnoot: String,
    pub regels: Vec<InzageRegel>,
}

/// Renders the access-request answer as an A4 (landscape) PDF.
pub fn inzage_pdf(r: &InzageRapport) -> Result<Vec<u8>, PdfFout> {
    document(&INZAGE_ENGINE, r, "inzage-pdf")
}

static VERGADERING_SJABLOON: &str = include_str!("../../templates/rapport/vergadering.typ");

/// The engine of the meeting PDF ([`vergadering_pdf`]).
static VERGADERING_ENGINE: LazyLock<TypstEngine<TypstTemplateMainFile>> =
    LazyLock::new(|| engine(VERGADERING_SJABLOON));

/// One afspraak on a besluitenlijst, in words.
#[derive(Debug, Clone, Serialize)]
pub struct BesluitRegel {
    pub eigenaar: String,
    pub soort: String,
    pub omschrijving: String,
    pub deadline: String,
    pub status: String,
}

/// One case on a meeting's agenda, in words, with only what the reader may see.
#[derive(Debug, Clone, Serialize)]
pub struct Agendaregel {
    pub nummer: String,
    pub ingediend: String,
    pub inbrenger: String,
    pub status: String,
    pub vraag: String,
    pub afspraken: Vec<BesluitRegel>,
}

/// The agenda and besluitenlijst of an Actie-overleg meeting for one organisation.
#[derive(Debug, Clone, Serialize)]
pub struct Vergaderstuk {
    pub overleg: String,
    /// `dd-mm-jjjj` and `UU:MM`.
    pub datum: String,
    pub tijd: String,
    pub voorzitter: String,
    pub aanwezig: String,
    /// The organisation the copy was made for.
    pub voor: String,
    pub punten: Vec<Agendaregel>,
    pub voetnoot: String,
}

/// Renders a meeting's agenda and besluitenlijst as an A4 PDF.
pub fn vergadering_pdf(v: &Vergaderstuk) -> Result<Vec<u8>, PdfFout> {
    document(&VERGADERING_ENGINE, v, "vergader-pdf")
}

static PLAN_SJABLOON: &str = include_str!("../../templates/rapport/veiligheidsplan.typ");

/// The engine of the plan PDF ([`veiligheidsplan_pdf`]).
static PLAN_ENGINE: LazyLock<TypstEngine<TypstTemplateMainFile>> =
    LazyLock::new(|| engine(PLAN_SJABLOON));

/// One line of the plan: an activity of a partner, or an afspraak of one of the case's moments.
#[derive(Debug, Clone, Serialize)]
pub struct PlanRegelPdf {
    pub veiligheid: String,
    pub partner: String,
    pub soort: String,
    pub omschrijving: String,
    pub datum: String,
    pub status: String,
}

/// The onderzoeks- en veiligheidsplan of a case, for one participating organisation.
#[derive(Debug, Clone, Serialize)]
pub struct VeiligheidsplanPdf {
    pub casus: String,
    pub versie: String,
    pub voor: String,
    pub regels: Vec<PlanRegelPdf>,
    pub voetnoot: String,
}

/// Renders a case's plan as an A4 (landscape) PDF.
pub fn veiligheidsplan_pdf(v: &VeiligheidsplanPdf) -> Result<Vec<u8>, PdfFout> {
    document(&PLAN_ENGINE, v, "plan-pdf")
}

/// Renders `data` with the template of `engine`: the data goes in as JSON (`sys.inputs.data`),
/// warnings are logged under `wat` (the kind of document, never its content).
fn document(
    engine: &TypstEngine<TypstTemplateMainFile>,
    data: &impl Serialize,
    wat: &str,
) -> Result<Vec<u8>, PdfFout> {
    let json = serde_json::to_vec(data)?;
    let mut inputs = Dict::new();
    inputs.insert("data".into(), Bytes::new(json).into_value());
    let Warned { output, warnings } = engine.compile_with_input(inputs);
    for w in &warnings {
        tracing::warn!(waarschuwing = %diagnose(w), document = wat, "typst-waarschuwing");
    }
    let doc = output.map_err(|e| PdfFout::Opmaak(typst_fout(&e)))?;
    exporteer(&doc)
}

static SWOT_SJABLOON: &str = include_str!("../../templates/rapport/swot_verslag.typ");

/// The engine of a SWOT session's opbrengstverslag ([`swot_verslag_pdf`]).
static SWOT_ENGINE: LazyLock<TypstEngine<TypstTemplateMainFile>> =
    LazyLock::new(|| engine(SWOT_SJABLOON));

/// Renders the opbrengstverslag of a SWOT session (`crate::ontwikkelagenda::verslag`) as an A4
/// PDF.
pub fn swot_verslag_pdf(v: &impl Serialize) -> Result<Vec<u8>, PdfFout> {
    document(&SWOT_ENGINE, v, "swot-verslag")
}

static PLAN_JAAR_SJABLOON: &str = include_str!("../../templates/rapport/uitvoeringsplan.typ");

/// The engine of the national Uitvoeringsplan ([`uitvoeringsplan_pdf`]).
static PLAN_JAAR_ENGINE: LazyLock<TypstEngine<TypstTemplateMainFile>> =
    LazyLock::new(|| engine(PLAN_JAAR_SJABLOON));

/// Renders a year's Uitvoeringsplan (`crate::ontwikkelagenda::weergave`) as an A4 PDF.
pub fn uitvoeringsplan_pdf(v: &impl Serialize) -> Result<Vec<u8>, PdfFout> {
    document(&PLAN_JAAR_ENGINE, v, "uitvoeringsplan")
}

static VERANTWOORDING_SJABLOON: &str = include_str!("../../templates/rapport/verantwoording.typ");

/// The engine of the Ontwikkelagenda's yearly verantwoording ([`verantwoording_pdf`]).
static VERANTWOORDING_ENGINE: LazyLock<TypstEngine<TypstTemplateMainFile>> =
    LazyLock::new(|| engine(VERANTWOORDING_SJABLOON));

/// Renders the yearly verantwoording (`crate::ontwikkelagenda::verantwoording`) as an A4 PDF.
pub fn verantwoording_pdf(v: &impl Serialize) -> Result<Vec<u8>, PdfFout> {
    document(&VERANTWOORDING_ENGINE, v, "verantwoording")
}

static WERKPLAN_SJABLOON: &str = include_str!("../../templates/rapport/werkplan.typ");

/// The engine of a regional network's werkplan ([`werkplan_pdf`]).
static WERKPLAN_ENGINE: LazyLock<TypstEngine<TypstTemplateMainFile>> =
    LazyLock::new(|| engine(WERKPLAN_SJABLOON));

/// Renders a regional network's werkplan (`crate::ontwikkelagenda::netwerk_service`) as an A4 PDF.
pub fn werkplan_pdf(v: &impl Serialize) -> Result<Vec<u8>, PdfFout> {
    document(&WERKPLAN_ENGINE, v, "werkplan")
}

/// The PDF of a laid-out document, as PDF/UA-1 (accessible: tagged, alternative text for
/// every figure, title shown, language declared) and PDF/A-2a (archivable); typst refuses a
/// document that breaks either, so a regression fails loudly instead of producing a PDF that
/// only looks right.
fn exporteer(doc: &typst_layout::PagedDocument) -> Result<Vec<u8>, PdfFout> {
    use typst_pdf::{PdfStandard, PdfStandards};
    let standards = PdfStandards::new(&[PdfStandard::Ua_1, PdfStandard::A_2a])
        .map_err(|e| PdfFout::Export(e.message().to_string()))?;
    // PDF/A asks for the document's date: the moment it is made (UTC).
    let nu = time::OffsetDateTime::now_utc();
    let timestamp = typst::foundations::Datetime::from_ymd_hms(
        nu.year(),
        nu.month().into(),
        nu.day(),
        nu.hour(),
        nu.minute(),
        nu.second(),
    )
    .map(typst_pdf::Timestamp::new_utc);
    let opties = typst_pdf::PdfOptions {
        creator: Smart::Custom(Some("Voorop".into())),
        standards,
        timestamp,
        ..Default::default()
    };
    typst_pdf::pdf(doc, &opties)
        .map_err(|d| PdfFout::Export(d.iter().map(diagnose).collect::<Vec<_>>().join("; ")))
}

/// Why the PDF could not be made.
#[derive(Debug, thiserror::Error)]
pub enum PdfFout {
    #[error("De rapportgegevens konden niet worden omgezet voor de PDF: {0}")]
    Gegevens(#[from] serde_json::Error),
    #[error("Het PDF-sjabloon kon niet worden opgemaakt: {0}")]
    Opmaak(String),
    #[error("Het PDF-bestand kon niet worden aangemaakt: {0}")]
    Export(String),
}

/// Makes a PDF with `maken` on a blocking thread: typst takes tens of milliseconds of CPU,
/// which must not hold up the requests sharing the server's worker threads.
pub async fn op_achtergrond(
    maken: impl FnOnce() -> Result<Vec<u8>, PdfFout> + Send + 'static,
) -> crate::error::AppResult<Vec<u8>> {
    use crate::error::AppError;
    tokio::task::spawn_blocking(maken)
        .await
        .map_err(|e| AppError::Intern(anyhow::anyhow!(e)))?
        .map_err(|e| AppError::Intern(anyhow::anyhow!("pdf: {e}")))
}

/// Renders the report as an A4 PDF.
pub fn rapport_pdf(r: &Rapport) -> Result<Vec<u8>, PdfFout> {
    let (pdf, waarschuwingen) = render(r)?;
    for w in &waarschuwingen {
        tracing::warn!(waarschuwing = %w, "typst-waarschuwing bij het opmaken van het rapport");
    }
    Ok(pdf)
}

/// Renders the PDF and returns it with typst's warnings (as text).
fn render(r: &Rapport) -> Result<(Vec<u8>, Vec<String>), PdfFout> {
    let invoer = Invoer {
        rapport: r,
        opmaak: Opmaak {
            datum: crate::web::datum_nl(&r.gegenereerd_op),
            balans: r
                .hoofdstukken
                .iter()
                .map(|h| h.balans.rijen.iter().map(BalansTekst::van).collect())
                .collect(),
        },
    };
    let json = serde_json::to_vec(&invoer)?;
    let mut inputs = Dict::new();
    inputs.insert("data".into(), Bytes::new(json).into_value());

    let Warned { output, warnings } = ENGINE.compile_with_input(inputs);
    let waarschuwingen = warnings.iter().map(diagnose).collect();
    let doc = output.map_err(|e| PdfFout::Opmaak(typst_fout(&e)))?;

    Ok((exporteer(&doc)?, waarschuwingen))
}

/// What the template reads from `sys.inputs.data`.
#[derive(Serialize)]
struct Invoer<'a> {
    rapport: &'a Rapport,
    opmaak: Opmaak,
}

/// Values formatted the Dutch way in Rust, so the template does no number formatting.
#[derive(Serialize)]
struct Opmaak {
    /// `dd-mm-jjjj`
    datum: String,
    /// Per chapter, per balance row (same indices as `hoofdstukken[i].balans.rijen[j]`).
    balans: Vec<Vec<BalansTekst>>,
}

#[derive(Serialize)]
struct BalansTekst {
    meerwerk: String,
    minderwerk: String,
    verschuiving: String,
    overige_posten: String,
}

impl BalansTekst {
    fn van(b: &BalansRij) -> Self {
        BalansTekst {
            meerwerk: getal_nl(b.meerwerk),
            minderwerk: getal_nl(b.minderwerk),
            verschuiving: getal_nl(b.verschuiving),
            overige_posten: b.overige_posten.to_string(),
        }
    }
}

/// One decimal, decimal comma, dots between thousands: `1234.56` → `"1.234,6"`.
fn getal_nl(x: f64) -> String {
    crate::web::getal_vast(x, 1)
}

fn diagnose(d: &SourceDiagnostic) -> String {
    let mut s = d.message.to_string();
    for hint in &d.hints {
        s.push_str(" (hint: ");
        s.push_str(hint.v.as_str());
        s.push(')');
    }
    s
}

fn typst_fout(e: &TypstAsLibError) -> String {
    match e {
        TypstAsLibError::TypstSource(diags) => {
            diags.iter().map(diagnose).collect::<Vec<_>>().join("; ")
        }
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests;
