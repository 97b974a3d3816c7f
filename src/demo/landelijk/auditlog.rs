//! The national demo's audit log: the rows the organisations' staff would have left while the
//! demo's years were registered, so that the privacy officer's page, `audit verify` and a data
//! subject's request are measured on a log of national size (about five rows per moment, some
//! two million over five years at full volume), not on the few rows of setting the demo up.
//!
//! Per moment:
//! - its registration by the registering organisation, and for an Actie-overleg aanmelding the
//!   personal data recorded with it;
//! - one read by every other organisation taking part, within two hours of its joining (an
//!   active participant's view of a moment is a read of personal data);
//! - the change to its final status, by the chair of an Actie-overleg or the registering
//!   organisation;
//! - every afspraak, by its owner.
//!
//! Per case: its closing, by its Veilig Thuis.
//!
//! The actors are fictional staff without an account ("Fictieve medewerker, <organisation>").
//! The rows are written in time order, one year at a time over all regions; an event that falls
//! in a later year waits until that year is written. The chain is hashed with the process's
//! audit key, as every other row. Rows about cases erased since carry the pseudonym the case
//! had then: the log is append-only, as in a real deployment.
//!
//! The rows that setting the demo up wrote before these (reference data, accounts) are dated
//! today, so the log's first rows are its newest. Audit retention removes only a prefix of rows
//! older than its term, and so leaves this log as it is.

use super::momenten::{self as m, Tijd};
use crate::audit::repo::Onderwerp;
use crate::audit::{Actor, AuditEvent};
use crate::casus::model::{AfspraakStatus, Soort, Status};
use crate::db::Db;
use crate::gedeeld::{AfspraakId, CasusId, MomentId, OrganisatieId};
use std::collections::HashMap;
use std::sync::Arc;

/// Rows per transaction.
const PARTIJ: usize = 20_000;

/// What happened.
#[derive(Debug, Clone, Copy)]
pub(super) enum Wat {
    Geregistreerd,
    PersoonVastgelegd,
    Gelezen,
    StatusGewijzigd,
    Afspraak(i64, AfspraakStatus),
    /// The case (its id) was closed.
    Gesloten(i64),
}

/// One event, until it is written.
#[derive(Debug, Clone)]
pub(super) struct Gebeurtenis {
    /// UTC.
    pub tijd: Tijd,
    /// The actor's organisation.
    pub org: i64,
    /// The moment (none for a case's closing).
    pub moment: i64,
    pub soort: Soort,
    /// The moment's status at the time.
    pub status: Status,
    /// The case's pseudonym at the time.
    pub pseudoniem: Option<Arc<str>>,
    pub wat: Wat,
}

impl Gebeurtenis {
    fn event(&self) -> AuditEvent {
        let moment = MomentId(self.moment);
        match self.wat {
            Wat::Geregistreerd => AuditEvent::MomentGeregistreerd {
                moment,
                soort: self.soort.code(),
            },
            Wat::PersoonVastgelegd => AuditEvent::PersoonsgegevensGewijzigd { moment },
            Wat::Gelezen => AuditEvent::PersoonsgegevensGelezen {
                moment,
                doel: self.soort.label(),
            },
            Wat::StatusGewijzigd => AuditEvent::MomentGewijzigd {
                moment,
                wat: self.status.code(),
            },
            Wat::Afspraak(id, status) => AuditEvent::AfspraakOpgeslagen {
                moment,
                afspraak: AfspraakId(id),
                status: status.code(),
            },
            Wat::Gesloten(casus) => AuditEvent::CasusGesloten {
                casus: CasusId(casus),
                open: false,
            },
        }
    }

    fn onderwerp(&self) -> Onderwerp {
        Onderwerp {
            pseudoniem: self.pseudoniem.as_deref().map(str::to_string),
            moment: match self.wat {
                Wat::Gesloten(_) => None,
                _ => Some((self.soort.code(), self.status.code())),
            },
        }
    }
}

/// The events not yet written, and the fictional staff member of each organisation.
#[derive(Default)]
pub(super) struct Auditlog {
    wachtend: Vec<Gebeurtenis>,
    actoren: HashMap<i64, Actor>,
    pub geschreven: u64,
}

impl Auditlog {
    pub fn voeg_toe(&mut self, g: Gebeurtenis) {
        self.wachtend.push(g);
    }

    /// Writes the events before `tot` (every event when `None`) in time order (events at the
    /// same minute in the order they were added), in transactions of [`PARTIJ`] rows.
    pub async fn schrijven(&mut self, db: &Db, tot: Option<Tijd>) -> sqlx::Result<()> {
        if self.actoren.is_empty() {
            let namen: Vec<(i64, String)> = sqlx::query_as("SELECT id, naam FROM organisatie")
                .fetch_all(db)
                .await?;
            self.actoren = namen
                .into_iter()
                .map(|(id, naam)| {
                    let actor = Actor {
                        gebruiker_id: None,
                        organisatie_id: Some(OrganisatieId(id)),
                        naam: format!("Fictieve medewerker, {naam}"),
                        namens: String::new(),
                    };
                    (id, actor)
                })
                .collect();
        }
        self.wachtend.sort_by_key(|g| g.tijd);
        let n = tot.map_or(self.wachtend.len(), |t| {
            self.wachtend.partition_point(|g| g.tijd < t)
        });
        let later = self.wachtend.split_off(n);
        let nu = std::mem::replace(&mut self.wachtend, later);
        let onbekend = Actor::cli();
        for partij in nu.chunks(PARTIJ) {
            let mut tx = crate::db::begin(db).await?;
            let rijen = partij.iter().map(|g| {
                (
                    self.actoren.get(&g.org).unwrap_or(&onbekend),
                    format!("{}:00Z", m::tijd(g.tijd)),
                    g.event(),
                    g.onderwerp(),
                )
            });
            crate::audit::repo::schrijf_historie(&mut tx, rijen).await?;
            tx.commit().await?;
        }
        self.geschreven += nu.len() as u64;
        Ok(())
    }
}
