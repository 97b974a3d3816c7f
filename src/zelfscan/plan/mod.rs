//! Plan van aanpak (Bijlage 5) with PDCA follow-up of its actions.

pub mod repo;
pub mod routes;

use crate::audit::{self, Actor, AuditEvent};
use crate::auth::Gebruiker;
use crate::auth::permissions;
use crate::db::Db;
use crate::error::{AppError, AppResult, Veldfout};
use crate::gedeeld::RegioCode;
use crate::gedeeld::{OrganisatieId, PlanId};
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
pub fn groepen(v: &super::model::Vragenlijst) -> Vec<(String, String)> {
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

/// The standard groups for a plan: from its round's questionnaire, or the default one.
pub async fn groepen_voor(db: &Db, p: &Plan) -> AppResult<Vec<(String, String)>> {
    let versie = match p.ronde_id {
        Some(r) => super::repo::vragenlijst_van_ronde(db, r).await?,
        None => None,
    };
    let v = match versie {
        Some(versie) => super::service::vragenlijst(db, &versie).await?,
        None => super::service::standaard_vragenlijst(),
    };
    Ok(groepen(&v))
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
    let d = super::service::parse_datum(s);
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

/// Plans the user may see, with the overdue actions among them.
pub async fn overzicht(db: &Db, g: &Gebruiker) -> AppResult<(Vec<Plan>, Vec<(Plan, Actie)>)> {
    let s = permissions::plan_inzage(g).ok_or(AppError::GeenToegang)?;
    let plannen: Vec<Plan> = repo::plannen(db, &s).await?;
    let achterstallig = repo::achterstallig(db, &s, &crate::db::vandaag())
        .await?
        .into_iter()
        .filter_map(|a| {
            plannen
                .iter()
                .find(|p| p.id == a.plan_id)
                .map(|p| (p.clone(), a))
        })
        .collect();
    Ok((plannen, achterstallig))
}

/// A plan the user may see (another is not found), its actions, and whether the user may
/// change it.
pub async fn plan(db: &Db, g: &Gebruiker, id: PlanId) -> AppResult<(Plan, Vec<Actie>, bool)> {
    let s = permissions::plan_inzage(g).ok_or(AppError::GeenToegang)?;
    let p = repo::plan(db, &s, id)
        .await?
        .ok_or(AppError::NietGevonden("Het plan van aanpak"))?;
    let acties = repo::acties(db, &s, id).await?;
    let mag = permissions::mag_plan_schrijven(g, &p.regio()?, p.gemeente_id);
    Ok((p, acties, mag))
}

async fn schrijfbaar(
    db: &Db,
    g: &Gebruiker,
    id: PlanId,
) -> AppResult<(Plan, permissions::PlanSchrijven)> {
    let (p, _, _) = plan(db, g, id).await?;
    let s = permissions::plan_schrijven(g, p.id, &p.regio()?, p.gemeente_id)
        .ok_or(AppError::GeenToegang)?;
    Ok((p, s))
}

fn plan_uit_invoer(i: &PlanInvoer, f: &mut Vec<Veldfout>) -> Plan {
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

pub async fn aanmaken(db: &Db, g: &Gebruiker, i: &PlanInvoer) -> AppResult<PlanId> {
    let mut f = Vec::new();
    let regio = crate::organisatie::model::RegioCode::parse(&i.regio)
        .map_err(|m| f.push(Veldfout::new("regio", m)))
        .ok();
    let mut p = plan_uit_invoer(i, &mut f);
    if let Some(r) = &regio {
        p.regio_code = r.as_str().into();
        if !i.gemeente.is_empty() {
            let gem = crate::organisatie::repo::gemeenten_in_regio(db, r).await?;
            match gem.iter().find(|o| o.code == i.gemeente) {
                Some(o) => p.gemeente_id = Some(o.id),
                None => f.push(Veldfout::new(
                    "gemeente",
                    "Deze gemeente hoort niet bij de regio.",
                )),
            }
        }
    }
    let scope = match &regio {
        Some(r) => Some(permissions::nieuw_plan(g, r, p.gemeente_id).ok_or(AppError::GeenToegang)?),
        None => None,
    };
    let (Some(scope), true) = (scope, f.is_empty()) else {
        return Err(AppError::Validatie(f));
    };
    let mut tx = crate::db::begin(db).await?;
    let id = repo::aanmaken(&mut tx, &scope, &p).await?;
    audit::schrijf(
        &mut tx,
        &Actor::from(g),
        AuditEvent::PlanAangemaakt { plan: id },
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn teksten_bijwerken(
    db: &Db,
    g: &Gebruiker,
    id: PlanId,
    i: &PlanInvoer,
) -> AppResult<()> {
    let (bestaand, s) = schrijfbaar(db, g, id).await?;
    let mut f = Vec::new();
    let mut p = plan_uit_invoer(i, &mut f);
    if !f.is_empty() {
        return Err(AppError::Validatie(f));
    }
    p.id = bestaand.id;
    let mut tx = crate::db::begin(db).await?;
    repo::teksten_bijwerken(&mut tx, &s, &p).await?;
    audit::schrijf(
        &mut tx,
        &Actor::from(g),
        AuditEvent::PlanGewijzigd { plan: id },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn status_zetten(
    db: &Db,
    g: &Gebruiker,
    id: PlanId,
    status: &str,
    door: &str,
    op: &str,
) -> AppResult<()> {
    let (p, s) = schrijfbaar(db, g, id).await?;
    let huidig = PlanStatus::parse(&p.status).unwrap_or(PlanStatus::Concept);
    let nieuw = PlanStatus::parse(status)
        .ok_or_else(|| AppError::validatie("status", "Onbekende status."))?;
    if !huidig.mag_naar(nieuw) {
        return Err(AppError::validatie(
            "status",
            &format!(
                "Een plan met status '{}' kan niet naar '{}'.",
                huidig.label(),
                nieuw.label()
            ),
        ));
    }
    let (door, op) = if nieuw == PlanStatus::Vastgesteld {
        let mut f = Vec::new();
        if door.trim().is_empty() {
            f.push(Veldfout::new(
                "vastgesteld_door",
                "Vul in door wie het plan is vastgesteld (bijvoorbeeld het college van B&W).",
            ));
        }
        let datum = super::service::parse_datum(op);
        if datum.is_none() {
            f.push(Veldfout::new(
                "vastgesteld_op",
                "Vul de datum van vaststelling in (jjjj-mm-dd).",
            ));
        }
        if !f.is_empty() {
            return Err(AppError::Validatie(f));
        }
        (Some(door.trim().to_string()), datum)
    } else {
        (None, None)
    };
    let mut tx = crate::db::begin(db).await?;
    repo::status_zetten(&mut tx, &s, nieuw.code(), door.as_deref(), op.as_deref()).await?;
    audit::schrijf(
        &mut tx,
        &Actor::from(g),
        AuditEvent::PlanStatus {
            plan: id,
            status: nieuw.code().into(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Adds (`actie_id == 0`) or updates an action row.
pub async fn actie_opslaan(
    db: &Db,
    g: &Gebruiker,
    plan_id: PlanId,
    actie_id: i64,
    i: &ActieInvoer,
) -> AppResult<i64> {
    let (p, s) = schrijfbaar(db, g, plan_id).await?;
    let mut a = valideer_actie(i, &groepen_voor(db, &p).await?).map_err(AppError::Validatie)?;
    a.id = actie_id;
    a.plan_id = plan_id;
    let mut tx = crate::db::begin(db).await?;
    let id = repo::actie_opslaan(&mut tx, &s, &a).await?;
    audit::schrijf(
        &mut tx,
        &Actor::from(g),
        AuditEvent::ActieOpgeslagen {
            plan: plan_id,
            actie: id,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn actie_verwijderen(
    db: &Db,
    g: &Gebruiker,
    plan_id: PlanId,
    actie_id: i64,
) -> AppResult<()> {
    let (_, s) = schrijfbaar(db, g, plan_id).await?;
    let mut tx = crate::db::begin(db).await?;
    if repo::actie_verwijderen(&mut tx, &s, actie_id).await? == 0 {
        return Err(AppError::NietGevonden("De actie"));
    }
    audit::schrijf(
        &mut tx,
        &Actor::from(g),
        AuditEvent::ActieVerwijderd {
            plan: plan_id,
            actie: actie_id,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_alleen_vooruit() {
        assert!(PlanStatus::Concept.mag_naar(PlanStatus::Besproken));
        assert!(PlanStatus::Besproken.mag_naar(PlanStatus::Vastgesteld));
        assert!(!PlanStatus::Concept.mag_naar(PlanStatus::Vastgesteld));
        assert!(!PlanStatus::Vastgesteld.mag_naar(PlanStatus::Concept));
    }

    #[test]
    fn achterstallig_alleen_als_niet_gereed() {
        let mut a = Actie {
            pdca_status: "loopt".into(),
            volgende_check: Some("2026-01-01".into()),
            ..Default::default()
        };
        assert!(a.is_achterstallig("2026-02-01"));
        assert!(!a.is_achterstallig("2025-12-31"));
        a.pdca_status = "gereed".into();
        assert!(!a.is_achterstallig("2026-02-01"));
    }

    #[test]
    fn actie_validatie() {
        let g = groepen(&super::super::service::standaard_vragenlijst());
        assert_eq!(
            g.iter().map(|x| x.0.as_str()).collect::<Vec<_>>(),
            ["1-2", "3-6", "4-5-7-8", "9", "10"]
        );
        let fout = valideer_actie(
            &ActieInvoer {
                groep: "x".into(),
                planning: "31-12-2026".into(),
                ..Default::default()
            },
            &g,
        )
        .unwrap_err();
        let velden: Vec<&str> = fout.iter().map(|f| f.veld.as_str()).collect();
        assert_eq!(velden, ["groep", "maatregel", "planning"]);
        let ok = valideer_actie(
            &ActieInvoer {
                groep: "9".into(),
                maatregel: "Inkoop".into(),
                planning: "2026-12-31".into(),
                ..Default::default()
            },
            &g,
        )
        .unwrap();
        assert_eq!(ok.pdca_status, "niet_gestart");
        assert_eq!(ok.planning.as_deref(), Some("2026-12-31"));
    }
}
