//! The privacy officer (FG, role `privacyfunctionaris`): the audit log of the own
//! organisation's users and of the moments the organisation took part in, and "Wie heeft deze
//! gegevens ingezien" for a data subject's access request (AVG art. 15). A data subject is
//! found by name and date of birth, turned into the pseudonym here and never stored or logged,
//! or by case number. Every such look-up is itself audited (without the name).

use super::repo::{self, AuditFilter, AuditRegel};
use super::{Actor, AuditEvent};
use crate::auth::{Gebruiker, Rol};
use crate::config::Sleutel;
use crate::db::Db;
use crate::error::{AppError, AppResult};

fn alleen_fg(g: &Gebruiker) -> AppResult<()> {
    if g.rol == Rol::Privacyfunctionaris {
        Ok(())
    } else {
        Err(AppError::GeenToegang)
    }
}

/// The organisation's part of the audit log.
pub async fn logboek(db: &Db, g: &Gebruiker, f: &AuditFilter) -> AppResult<Vec<AuditRegel>> {
    alleen_fg(g)?;
    Ok(repo::zoek_voor_organisatie(db, g.organisatie_id, f).await?)
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

/// Every access to the data subject's (or case's) data within the organisation's processing.
pub async fn inzage(
    db: &Db,
    sleutel: Option<&Sleutel>,
    g: &Gebruiker,
    vraag: &InzageVraag,
) -> AppResult<Vec<AuditRegel>> {
    alleen_fg(g)?;
    let casus = vraag.casus.trim();
    let (pseudoniem, casus_id) = if !casus.is_empty() {
        let id = casus
            .trim_start_matches(['C', 'c', '#'])
            .parse::<i64>()
            .map_err(|_| {
                AppError::validatie("casus", "Vul een casusnummer in, bijvoorbeeld 1234.")
            })?;
        (None, Some(id))
    } else {
        let sleutel = sleutel.ok_or_else(|| {
            AppError::validatie(
                "naam",
                "Zoeken op naam en geboortedatum kan niet: er is geen pseudoniemsleutel ingesteld.",
            )
        })?;
        let p = crate::casus::pseudoniem::maak(sleutel, &vraag.naam, &vraag.geboortedatum)
            .map_err(AppError::Validatie)?;
        (Some(p), None)
    };
    let regels =
        repo::inzage_betrokkene(db, g.organisatie_id, pseudoniem.as_deref(), casus_id).await?;
    let mut tx = crate::db::begin(db).await?;
    super::schrijf(
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
