//! Reading the Ontwikkelagenda's catalogue. It holds no personal data and describes the
//! national agenda, so everyone signed in may read it.

use super::model::Agenda;
use crate::audit::AuditEvent;
use crate::db::Db;
use crate::error::{AppError, AppResult};

impl crate::referentiedata::Soort for Agenda {
    const TABEL: &'static str = "ontwikkelagenda_versie";
    const NAAM: &'static str = "ontwikkelagenda";
    const STANDAARD: &'static str = super::MEEGELEVERD[1].1;
    fn versie(&self) -> &str {
        &self.versie
    }
    fn titel(&self) -> &str {
        &self.titel
    }
    fn fouten(&self) -> Vec<String> {
        self.valideer()
    }
    fn geladen(versie: String) -> AuditEvent {
        AuditEvent::OntwikkelagendaGeladen { versie }
    }
}

/// Stores every shipped version that is not there yet, oldest first (so the newest is current).
pub async fn meegeleverd_laden(db: &Db) -> AppResult<()> {
    for (_, json) in super::MEEGELEVERD {
        crate::referentiedata::zorg_voor::<Agenda>(db, json).await?;
    }
    Ok(())
}

/// The current (last loaded) version of the agenda.
pub async fn huidige_agenda(db: &Db) -> AppResult<Agenda> {
    let versies = crate::referentiedata::versies::<Agenda>(db).await?;
    let Some(laatste) = versies.last() else {
        return Err(AppError::NietGevonden("De ontwikkelagenda"));
    };
    agenda(db, &laatste.versie).await
}

/// Version `versie` of the agenda.
pub async fn agenda(db: &Db, versie: &str) -> AppResult<Agenda> {
    crate::referentiedata::lezen::<Agenda>(db, versie)
        .await?
        .ok_or(AppError::NietGevonden("Deze versie van de ontwikkelagenda"))
}
