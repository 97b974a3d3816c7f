//! Empties the e-mail outbox of the meldingen through the configured SMTP server. Runs in every
//! instance of `serve` with `VOOROP_SMTP_HOST`; each e-mail is taken by one UPDATE that only one
//! instance wins, and one taken by an instance that died is taken again after ten minutes. A
//! failed delivery is tried again (at most five times); an e-mail that waited a day is not
//! sent any more. Nothing personal is logged: only the melding's number.

use super::model::{ONDERWERP, email_tekst};
use super::repo;
use crate::audit::{self, Actor, AuditEvent};
use crate::config::Smtp;
use crate::db::Db;
use crate::email::{EmailFout, Transport, transport, versturen};
use std::time::Duration;

const MAX_POGINGEN: i64 = 5;

/// Starts the background sender (when SMTP is configured).
pub fn starten(db: Db, smtp: Smtp, basis_url: String) {
    tokio::spawn(async move {
        let transport = match transport(&smtp) {
            Ok(t) => t,
            Err(e) => {
                tracing::error!("SMTP-instellingen onbruikbaar, geen e-mail: {e}");
                return;
            }
        };
        loop {
            if let Err(e) = ronde(&db, &transport, &smtp.afzender, &basis_url).await {
                tracing::warn!("meldingen versturen: {e}");
            }
            tokio::time::sleep(Duration::from_secs(2)).await;
        }
    });
}

/// UTC time `seconden` from now, in the form of `db::nu`.
fn tijd(seconden: i64) -> String {
    let t = time::OffsetDateTime::now_utc() + time::Duration::seconds(seconden);
    t.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
        .chars()
        .take(19)
        .collect::<String>()
        + "Z"
}

/// Sends what waits; how many were sent.
async fn ronde(db: &Db, t: &Transport, afzender: &str, basis_url: &str) -> anyhow::Result<usize> {
    repo::verouderd(db, &tijd(-24 * 3600)).await?;
    let mut verstuurd = 0;
    while let Some(u) = repo::uitgaand_nemen(db, &crate::db::nu(), &tijd(-600)).await? {
        let tekst = email_tekst(u.soort, basis_url, &u.link);
        match versturen(t, afzender, &u.adres, ONDERWERP, tekst).await {
            Err(EmailFout::Ongeldig) => {
                // An address that is no e-mail address will never work.
                let mut conn = db.acquire().await?;
                repo::uitgaand_klaar(&mut conn, u.id, "mislukt").await?;
                tracing::warn!("melding {}: ongeldig e-mailadres", u.id);
            }
            Ok(()) => {
                let mut tx = crate::db::begin(db).await?;
                repo::uitgaand_klaar(&mut tx, u.id, "verstuurd").await?;
                audit::schrijf(
                    &mut tx,
                    &Actor::systeem(),
                    AuditEvent::Melding {
                        gebruiker: u.gebruiker,
                        soort: u.soort.code(),
                        kanaal: "email",
                    },
                )
                .await?;
                tx.commit().await?;
                verstuurd += 1;
            }
            Err(e) => {
                // The server's answer may name the address: only its kind is logged.
                let permanent = matches!(e, EmailFout::Permanent);
                let volgende = if permanent || u.pogingen >= MAX_POGINGEN {
                    "mislukt"
                } else {
                    "wacht"
                };
                let mut conn = db.acquire().await?;
                repo::uitgaand_klaar(&mut conn, u.id, volgende).await?;
                tracing::warn!("melding {}: versturen mislukt ({e}); {volgende}", u.id);
                // The server is probably down: try again in the next round.
                break;
            }
        }
    }
    Ok(verstuurd)
}
