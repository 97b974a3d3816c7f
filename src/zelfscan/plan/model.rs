//! Plan van aanpak: the plan and its actions, their statuses, and the checks of their forms
//! (pure: no database, no HTTP).

use crate::error::{AppError, AppResult, Veldfout};
use crate::gedeeld::{OrganisatieId, PlanId, RegioCode};
use serde::Deserialize;

#[derive(Debug, Clone, Default, sqlx::FromRow)]
pub struct Plan {
    pub id: PlanId,
    pub regio_code: String,
    pub gemeente_id: Option<OrganisatieId>,
    pub gemeente_code: Option<String>,
    pub gemeente_naam: Option<String>,
    pub ronde_id: Option<crate::gedeeld::RondeId>,
    pub titel: String,
    pub periode: String,
    pub inleiding: String,
    pub context: String,
    pub samenvatting: String,
    pub monitoring: String,
    pub status: String,
    pub vastgesteld_door: Option<String>,
    pub vastgesteld_op: Option<String>,
}

impl Plan {
    /// The plan's region (stored as a region code, so always one).
    pub fn regio(&self) -> AppResult<RegioCode> {
        RegioCode::parse(&self.regio_code)
            .map_err(|_| AppError::NietGevonden("Het plan van aanpak"))
    }

    pub fn niveau(&self) -> String {
        match &self.gemeente_naam {
            Some(n) => format!("Lokaal – {n}"),
            None => "Regionaal".into(),
        }
    }
    pub fn status_label(&self) -> &'static str {
        PlanStatus::parse(&self.status).map_or("Onbekend", PlanStatus::label)
    }
}

#[derive(Debug, Clone, Default, sqlx::FromRow)]
pub struct Actie {
    pub id: i64,
    pub plan_id: PlanId,
    pub groep: String,
    pub maatregel: String,
    pub huidige_stand: String,
    pub verbeteractie: String,
    pub beoogd_resultaat: String,
    pub wie: String,
    pub planning: Option<String>,
    pub kosten: String,
    pub pdca_status: String,
    pub volgende_check: Option<String>,
}

impl Actie {
    pub fn status_label(&self) -> &'static str {
        PdcaStatus::parse(&self.pdca_status).map_or("Onbekend", PdcaStatus::label)
    }
    pub fn is_achterstallig(&self, vandaag: &str) -> bool {
        self.pdca_status != "gereed"
            && (self.volgende_check.as_deref().is_some_and(|d| d < vandaag)
                || self.planning.as_deref().is_some_and(|d| d < vandaag))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanStatus {
    Concept,
    Besproken,
    Vastgesteld,
}

impl PlanStatus {
    pub const ALLE: [PlanStatus; 3] = [Self::Concept, Self::Besproken, Self::Vastgesteld];
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALLE.into_iter().find(|x| x.code() == s.trim())
    }
    pub fn code(self) -> &'static str {
        match self {
            Self::Concept => "concept",
            Self::Besproken => "besproken",
            Self::Vastgesteld => "vastgesteld",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Self::Concept => "Concept",
            Self::Besproken => "Besproken",
            Self::Vastgesteld => "Vastgesteld",
        }
    }
    /// Status moves forward one step at a time: concept → besproken → vastgesteld.
    pub fn mag_naar(self, nieuw: PlanStatus) -> bool {
        matches!(
            (self, nieuw),
            (Self::Concept, Self::Besproken) | (Self::Besproken, Self::Vastgesteld)
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PdcaStatus {
    NietGestart,
    Loopt,
    Gereed,
    Bijgesteld,
}

impl PdcaStatus {
    pub const ALLE: [PdcaStatus; 4] = [
        Self::NietGestart,
        Self::Loopt,
        Self::Gereed,
        Self::Bijgesteld,
    ];
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALLE.into_iter().find(|x| x.code() == s.trim())
    }
    pub fn code(self) -> &'static str {
        match self {
            Self::NietGestart => "niet_gestart",
            Self::Loopt => "loopt",
            Self::Gereed => "gereed",
            Self::Bijgesteld => "bijgesteld",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Self::NietGestart => "Niet gestart",
            Self::Loopt => "Loopt",
            Self::Gereed => "Gereed",
            Self::Bijgesteld => "Bijgesteld",
        }
    }
}

/// The standard groups of Bijlage 5, from the questionnaire's standards.
pub fn groepen(v: &crate::zelfscan::model::Vragenlijst) -> Vec<(String, String)> {
    let mut uit: Vec<(String, String)> = Vec::new();
    for s in &v.standaarden {
        if let Some(g) = uit.iter_mut().find(|(k, _)| *k == s.groep) {
            g.1.push_str(&format!(", {} {}", s.nummer, s.titel));
        } else {
            uit.push((s.groep.clone(), format!("{} {}", s.nummer, s.titel)));
        }
    }
    uit.sort_by_key(|(k, _)| {
        k.split('-')
            .next()
            .and_then(|n| n.parse::<u8>().ok())
            .unwrap_or(0)
    });
    uit
}

/// Form input of the plan's texts (also used to re-render a rejected form).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct PlanInvoer {
    #[serde(default)]
    pub regio: String,
    #[serde(default)]
    pub gemeente: String,
    #[serde(default)]
    pub titel: String,
    #[serde(default)]
    pub periode: String,
    #[serde(default)]
    pub inleiding: String,
    #[serde(default)]
    pub context: String,
    #[serde(default)]
    pub samenvatting: String,
    #[serde(default)]
    pub monitoring: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct ActieInvoer {
    #[serde(default)]
    pub groep: String,
    #[serde(default)]
    pub maatregel: String,
    #[serde(default)]
    pub huidige_stand: String,
    #[serde(default)]
    pub verbeteractie: String,
    #[serde(default)]
    pub beoogd_resultaat: String,
    #[serde(default)]
    pub wie: String,
    #[serde(default)]
    pub planning: String,
    #[serde(default)]
    pub kosten: String,
    #[serde(default)]
    pub pdca_status: String,
    #[serde(default)]
    pub volgende_check: String,
}

const MAX_TEKST: usize = 8000;

fn tekst(fouten: &mut Vec<Veldfout>, veld: &str, s: &str) -> String {
    if let Err(m) = crate::tekst::geen_stuurtekens(s) {
        fouten.push(Veldfout::new(veld, format!("Dit veld {m}")));
    }
    if s.chars().count() > MAX_TEKST {
        fouten.push(Veldfout::new(
            veld,
            format!("Dit veld is te lang (maximaal {MAX_TEKST} tekens)."),
        ));
    }
    s.trim().to_string()
}

fn optionele_datum(fouten: &mut Vec<Veldfout>, veld: &str, s: &str) -> Option<String> {
    if s.trim().is_empty() {
        return None;
    }
    let d = crate::tekst::parse_datum(s);
    if d.is_none() {
        fouten.push(Veldfout::new(
            veld,
            "Vul een geldige datum in (jjjj-mm-dd) of laat het veld leeg.",
        ));
    }
    d
}

pub fn valideer_actie(
    i: &ActieInvoer,
    groepen: &[(String, String)],
) -> Result<Actie, Vec<Veldfout>> {
    let mut f = Vec::new();
    if !groepen.iter().any(|(k, _)| *k == i.groep) {
        f.push(Veldfout::new(
            "groep",
            "Kies de groep kwaliteitsstandaarden.",
        ));
    }
    if i.maatregel.trim().is_empty() {
        f.push(Veldfout::new(
            "maatregel",
            "Vul de maatregel of het verbeterpunt in.",
        ));
    }
    let pdca = PdcaStatus::parse(if i.pdca_status.is_empty() {
        "niet_gestart"
    } else {
        &i.pdca_status
    });
    if pdca.is_none() {
        f.push(Veldfout::new(
            "pdca_status",
            "Kies een status: niet gestart, loopt, gereed of bijgesteld.",
        ));
    }
    let a = Actie {
        id: 0,
        plan_id: crate::gedeeld::PlanId(0),
        groep: i.groep.clone(),
        maatregel: tekst(&mut f, "maatregel", &i.maatregel),
        huidige_stand: tekst(&mut f, "huidige_stand", &i.huidige_stand),
        verbeteractie: tekst(&mut f, "verbeteractie", &i.verbeteractie),
        beoogd_resultaat: tekst(&mut f, "beoogd_resultaat", &i.beoogd_resultaat),
        wie: tekst(&mut f, "wie", &i.wie),
        planning: optionele_datum(&mut f, "planning", &i.planning),
        kosten: tekst(&mut f, "kosten", &i.kosten),
        pdca_status: pdca.map(PdcaStatus::code).unwrap_or_default().into(),
        volgende_check: optionele_datum(&mut f, "volgende_check", &i.volgende_check),
    };
    if f.is_empty() { Ok(a) } else { Err(f) }
}

pub(super) fn plan_uit_invoer(i: &PlanInvoer, f: &mut Vec<Veldfout>) -> Plan {
    if i.titel.trim().is_empty() {
        f.push(Veldfout::new("titel", "Geef het plan een titel."));
    }
    if i.periode.trim().is_empty() {
        f.push(Veldfout::new(
            "periode",
            "Vul de looptijd in, bijvoorbeeld 2026-2027.",
        ));
    }
    Plan {
        titel: tekst(f, "titel", &i.titel),
        periode: tekst(f, "periode", &i.periode),
        inleiding: tekst(f, "inleiding", &i.inleiding),
        context: tekst(f, "context", &i.context),
        samenvatting: tekst(f, "samenvatting", &i.samenvatting),
        monitoring: tekst(f, "monitoring", &i.monitoring),
        status: "concept".into(),
        ..Default::default()
    }
}
