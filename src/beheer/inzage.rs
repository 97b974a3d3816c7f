//! The privacy officer (FG, role `privacyfunctionaris`): the audit log of the own
//! organisation's users and of the moments the organisation took part in, and "Wie heeft deze
//! gegevens ingezien" for a data subject's access request (AVG art. 15). A data subject is
//! found by name and date of birth, turned into the pseudonym here and never stored or logged,
//! or by case number. Every such look-up is itself audited (without the name).

use crate::audit::model::{AuditFilter, AuditRegel};
use crate::audit::repo;
use crate::audit::{Actor, AuditEvent};
use crate::auth::{Gebruiker, permissions};
use crate::config::Sleutel;
use crate::db::Db;
use crate::error::{AppError, AppResult};

/// The beheerder's search in the whole audit log (one page).
pub async fn zoeken(db: &Db, g: &Gebruiker, f: &AuditFilter) -> AppResult<Vec<AuditRegel>> {
    let s = permissions::audit_alles(g).ok_or(AppError::GeenToegang)?;
    Ok(repo::zoek(db, s.organisatie(), f).await?)
}

/// The organisation's part of the audit log.
pub async fn logboek(db: &Db, g: &Gebruiker, f: &AuditFilter) -> AppResult<Vec<AuditRegel>> {
    let s = permissions::audit_organisatie(g).ok_or(AppError::GeenToegang)?;
    Ok(repo::zoek(db, s.organisatie(), f).await?)
}

/// The question of an access request, as typed.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct InzageVraag {
    #[serde(default)]
    pub naam: String,
    #[serde(default)]
    pub geboortedatum: String,
    #[serde(default)]
    pub casus: String,
}

/// The access-request answer as a PDF (AVG art. 15): every access to the data subject's (or
/// case's) data within the organisation's processing, with time, organisation, user, action,
/// purpose and outcome. The look-up is audited like the page's.
pub async fn inzage_pdf(
    db: &Db,
    sleutel: Option<&Sleutel>,
    g: &Gebruiker,
    vraag: &InzageVraag,
) -> AppResult<Vec<u8>> {
    let regels = inzage(db, sleutel, g, vraag).await?;
    let casus = vraag.casus.trim();
    let rapport = crate::rapport::pdf::InzageRapport {
        organisatie: repo::organisatie_naam(db, g.organisatie_id)
            .await?
            .unwrap_or_default(),
        gevraagd_door: g.email.clone(),
        datum: crate::web::datum_nl(&crate::db::vandaag()),
        betreft: if casus.is_empty() {
            "de betrokkene van het inzageverzoek (gezocht op naam en geboortedatum; die staan \
             niet in Voorop en niet in dit document)"
                .into()
        } else {
            format!("casus {}", casus.trim_start_matches(['C', 'c', '#']))
        },
        toelichting: "Alle vastgelegde inzage en wijzigingen van de gegevens van deze \
            betrokkene binnen de momenten waaraan de organisatie deelnam, ook geweigerde \
            pogingen, oudste eerst. Bron: het auditlog van Voorop (NEN 7513)."
            .into(),
        voetnoot: "Tijden in UTC. Doel: de verwerking waarvoor de gegevens werden gebruikt. \
            Uitkomst: toegestaan of geweigerd (de gegevens werden dan niet getoond)."
            .into(),
        regels: regels
            .iter()
            .map(|r| crate::rapport::pdf::InzageRegel {
                tijd: r.tijd.replace('T', " ").trim_end_matches('Z').to_string(),
                organisatie: r.organisatie.clone().unwrap_or_default(),
                gebruiker: r.actor.clone(),
                namens: r.namens.clone(),
                actie: crate::audit::model::actie_omschrijving(&r.code).to_string(),
                doel: if r.doel.is_empty() {
                    "–".into()
                } else {
                    r.doel_omschrijving().to_string()
                },
                uitkomst: if r.uitkomst.is_empty() {
                    "toegestaan".into()
                } else {
                    r.uitkomst.clone()
                },
            })
            .collect(),
    };
    crate::rapport::pdf::op_achtergrond(move || crate::rapport::pdf::inzage_pdf(&rapport)).await
}

/// The most rows one CSV export holds; narrow the filter (dates) for more.
pub const CSV_MAX: usize = 200_000;

/// The audit log as CSV for the privacy officer (the organisation's part, like the logboek
/// page) or the beheerder (everything). Audited. Returns the file and its number of rows.
pub async fn csv(
    db: &Db,
    g: &Gebruiker,
    bereik: CsvBereik,
    f: &AuditFilter,
) -> AppResult<(Vec<u8>, usize)> {
    let scope = match bereik {
        CsvBereik::Organisatie => permissions::audit_organisatie(g),
        CsvBereik::Alles => permissions::audit_alles(g),
    }
    .ok_or(AppError::GeenToegang)?;
    let mut uit = crate::audit::csv::Schrijver::nieuw();
    let mut voor = None;
    let mut aantal = 0;
    while aantal < CSV_MAX {
        let partij = repo::zoek_partij(
            db,
            scope.organisatie(),
            f,
            voor,
            1000,
            0,
            repo::Lezen::Export,
        )
        .await?;
        let Some(laatste) = partij.last() else { break };
        voor = Some(laatste.id);
        for r in partij.iter().take(CSV_MAX - aantal) {
            uit.regel(r);
            aantal += 1;
        }
    }
    let mut tx = crate::db::begin(db).await?;
    crate::audit::schrijf(
        &mut tx,
        &Actor::from(g),
        AuditEvent::AuditlogGeexporteerd {
            bereik: match bereik {
                CsvBereik::Organisatie => "organisatie",
                CsvBereik::Alles => "alles",
            },
            regels: aantal,
        },
    )
    .await?;
    tx.commit().await?;
    Ok((uit.klaar(), aantal))
}

/// Whose part of the log a CSV export holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CsvBereik {
    Organisatie,
    Alles,
}

/// Every access to the data subject's (or case's) data within the organisation's processing.
pub async fn inzage(
    db: &Db,
    sleutel: Option<&Sleutel>,
    g: &Gebruiker,
    vraag: &InzageVraag,
) -> AppResult<Vec<AuditRegel>> {
    let scope = permissions::audit_organisatie(g).ok_or(AppError::GeenToegang)?;
    let casus = vraag.casus.trim();
    let (pseudoniem, casus_id) = if casus.is_empty() {
        let sleutel = sleutel.ok_or_else(|| {
            AppError::validatie(
                "naam",
                "Zoeken op naam en geboortedatum kan niet: er is geen pseudoniemsleutel ingesteld.",
            )
        })?;
        let p = crate::casus::pseudoniem::maak(sleutel, &vraag.naam, &vraag.geboortedatum)
            .map_err(AppError::Validatie)?;
        (Some(p), None)
    } else {
        let id = casus
            .trim_start_matches(['C', 'c', '#'])
            .parse::<crate::gedeeld::CasusId>()
            .map_err(|_| {
                AppError::validatie("casus", "Vul een casusnummer in, bijvoorbeeld 1234.")
            })?;
        (None, Some(id))
    };
    let regels =
        repo::inzage_betrokkene(db, scope.organisatie(), pseudoniem.as_deref(), casus_id).await?;
    let mut tx = crate::db::begin(db).await?;
    crate::audit::schrijf(
        &mut tx,
        &Actor::from(g),
        AuditEvent::InzageOpgevraagd {
            op: if casus_id.is_some() {
                "casus"
            } else {
                "pseudoniem"
            },
            casus: casus_id,
            regels: regels.len(),
            pseudoniem: pseudoniem.clone(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(regels)
}
