//! "Wachtwoord vergeten" by e-mail, once SMTP is configured: a reset link with a random token
//! (only its hash is stored), valid for 30 minutes and once. Asking for a link answers the
//! same whether or not the address has an account (no oracle of who uses Voorop), sends at
//! most three links an hour per account, and sends in the background so the answer takes as
//! long either way. Using the link sets the password under the same policy as changing it,
//! ends every session of the account, lifts a sign-in block and uses up every other open link;
//! a second factor stays required at the next sign-in. Both steps are audited.

use super::model::{Email, Gebruiker, controleer_wachtwoord};
use super::repo;
use super::service::{hash_wachtwoord, token_hash};
use crate::audit::{self, Actor, AuditEvent};
use crate::config::Smtp;
use crate::db::Db;
use crate::error::{AppError, AppResult};

/// How long a link is valid.
pub const GELDIG_MINUTEN: i64 = 30;
/// Links per account per hour.
const MAX_PER_UUR: i64 = 3;

pub const ONDERWERP: &str = "Wachtwoord herstellen in Voorop";

/// The e-mail: the link and what to do when it was not you; no name, no other data.
pub fn email_tekst(basis_url: &str, token: &str) -> String {
    format!(
        "Er is gevraagd om het wachtwoord van uw Voorop-account opnieuw in te stellen.\n\n\
         Kies een nieuw wachtwoord via deze link. De link werkt één keer en is {GELDIG_MINUTEN} minuten geldig:\n\
         {}/wachtwoord-herstellen?token={token}\n\n\
         Heeft u dit niet gevraagd? Dan hoeft u niets te doen: uw wachtwoord blijft hetzelfde.\n\
         Krijgt u deze e-mail vaker zonder dat u erom vroeg, meld het dan bij de beheerder van uw netwerk.\n\n\
         Dit bericht is automatisch verstuurd door Voorop.\n",
        basis_url.trim_end_matches('/')
    )
}

/// Asks for a reset link for `email`. Only an address that is not an e-mail address is
/// refused (a field error); otherwise the answer is the same for every address.
pub async fn aanvragen(db: &Db, smtp: &Smtp, basis_url: &str, email: &str) -> AppResult<()> {
    let email = Email::parse(email).map_err(|m| AppError::validatie("email", &m))?;
    let Some((g, _, _)) = repo::voor_inloggen(db, email.as_str()).await? else {
        return Ok(());
    };
    let nu = crate::db::nu_ms();
    if repo::herstel_aantal(db, g.id, nu - 3_600_000).await? >= MAX_PER_UUR {
        return Ok(());
    }
    let token = crate::web::willekeurig(32);
    let mut tx = crate::db::begin(db).await?;
    repo::herstel_opslaan(
        &mut tx,
        g.id,
        &token_hash(&token),
        nu,
        nu + GELDIG_MINUTEN * 60_000,
    )
    .await?;
    audit::schrijf(
        &mut tx,
        &Actor::from(&g),
        AuditEvent::WachtwoordHerstelAangevraagd,
    )
    .await?;
    tx.commit().await?;
    let (smtp, tekst, aan) = (smtp.clone(), email_tekst(basis_url, &token), g.email);
    tokio::spawn(async move {
        let uitkomst = match crate::email::transport(&smtp) {
            Ok(t) => crate::email::versturen(&t, &smtp.afzender, &aan, ONDERWERP, tekst).await,
            Err(_) => Err(crate::email::EmailFout::Tijdelijk),
        };
        if let Err(e) = uitkomst {
            // No address in the log: only that a reset e-mail was not delivered.
            tracing::warn!("herstellink niet verstuurd: {e}");
        }
    });
    Ok(())
}

/// The account of an open link (`None`: unknown, used or expired).
pub async fn geldig(db: &Db, token: &str) -> AppResult<Option<Gebruiker>> {
    if token.is_empty() || token.len() > 100 {
        return Ok(None);
    }
    Ok(repo::herstel_gebruiker(db, &token_hash(token), crate::db::nu_ms()).await?)
}

/// Sets the new password through the link. A link that is no longer open is a conflict (the
/// page offers a new link); a password the policy refuses a field error, the link stays open.
pub async fn herstellen(db: &Db, token: &str, nieuw: &str, herhaling: &str) -> AppResult<()> {
    let verlopen = || {
        AppError::Conflict(
            "Deze link is verlopen of al gebruikt. Vraag een nieuwe link aan.".into(),
        )
    };
    let g = geldig(db, token).await?.ok_or_else(verlopen)?;
    controleer_wachtwoord(nieuw, &[&g.email, &g.naam])
        .map_err(|m| AppError::validatie("nieuw", &m))?;
    if nieuw != herhaling {
        return Err(AppError::validatie(
            "herhaling",
            "De twee nieuwe wachtwoorden zijn niet gelijk.",
        ));
    }
    let hash = hash_wachtwoord(nieuw.to_string()).await?;
    let nu = crate::db::nu_ms();
    let mut tx = crate::db::begin(db).await?;
    if !repo::herstel_gebruiken(&mut tx, &token_hash(token), g.id, nu).await? {
        return Err(verlopen());
    }
    // Every session of the account ends, this request has none.
    repo::zet_wachtwoord(&mut tx, g.id, &hash, nu + 1).await?;
    repo::blokkade_opheffen(&mut tx, g.id).await?;
    audit::schrijf(&mut tx, &Actor::from(&g), AuditEvent::WachtwoordHersteld).await?;
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn email_bevat_alleen_de_link() {
        let t = super::email_tekst("https://voorop.example/", "abc123");
        assert!(t.contains("https://voorop.example/wachtwoord-herstellen?token=abc123\n"));
        assert!(t.contains("30 minuten"));
    }
}
