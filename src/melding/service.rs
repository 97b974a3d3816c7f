//! Who gets a melding, under their settings, audited; and reading them.

use super::model::{Melding, MeldingSoort, Voorkeur};
use super::repo;
use crate::audit::{self, Actor, AuditEvent};
use crate::auth::Gebruiker;
use crate::db::{Conn, Db};
use crate::error::AppResult;
use crate::gedeeld::GebruikerId;

/// Who should hear of something.
pub enum Ontvangers<'a> {
    Gebruikers(Vec<GebruikerId>),
    /// The medewerkers and coordinators of an organisation.
    Organisatie(crate::gedeeld::OrganisatieId),
    /// Those of every organisation of a kind in a region (the Veilig Thuis duty desk).
    Soort(&'a crate::gedeeld::RegioCode, &'static str),
}

/// Makes a melding of `soort` for each recipient but the actor, inside the caller's
/// transaction (so it exists exactly when what it reports does): once per recipient and `sleutel`,
/// under each recipient's settings, each audited without content. E-mail waits in the outbox.
pub async fn melden(
    tx: &mut Conn,
    door: &Actor,
    ontvangers: Ontvangers<'_>,
    (soort, sleutel, link): (MeldingSoort, &str, &str),
) -> AppResult<()> {
    let gebruikers = match ontvangers {
        Ontvangers::Gebruikers(g) => g,
        Ontvangers::Organisatie(o) => repo::gebruikers_van_organisatie(tx, o).await?,
        Ontvangers::Soort(regio, s) => repo::gebruikers_van_soort(tx, regio, s).await?,
    };
    for g in gebruikers {
        if door.gebruiker_id == Some(g) {
            continue;
        }
        let v = repo::voorkeur(tx, g, soort).await?;
        if !v.in_voorop && !v.per_email {
            continue;
        }
        let email = if v.per_email { "wacht" } else { "geen" };
        if repo::toevoegen(tx, g, (soort, sleutel, link), !v.in_voorop, email).await? {
            audit::schrijf(
                tx,
                door,
                AuditEvent::Melding {
                    gebruiker: g,
                    soort: soort.code(),
                    kanaal: "voorop",
                },
            )
            .await?;
        }
    }
    Ok(())
}

/// The bell: the user's unread meldingen (the newest 20) and how many there are.
pub async fn ongelezen(db: &Db, g: &Gebruiker) -> AppResult<(Vec<Melding>, i64)> {
    Ok(repo::ongelezen(db, g.id, 20).await?)
}

/// Marks the user's meldingen up to `tot` read.
pub async fn gelezen(db: &Db, g: &Gebruiker, tot: i64) -> AppResult<u64> {
    let mut conn = db.acquire().await?;
    Ok(repo::gelezen(&mut conn, g.id, tot).await?)
}

/// The user's settings, per kind.
pub async fn voorkeuren(db: &Db, g: &Gebruiker) -> AppResult<Vec<(MeldingSoort, Voorkeur)>> {
    let mut conn = db.acquire().await?;
    let mut uit = vec![];
    for s in MeldingSoort::ALLE {
        uit.push((*s, repo::voorkeur(&mut conn, g.id, *s).await?));
    }
    Ok(uit)
}

/// Saves the user's settings: the kinds ticked for Voorop and for e-mail.
pub async fn voorkeuren_opslaan(
    db: &Db,
    g: &Gebruiker,
    in_voorop: &[String],
    per_email: &[String],
) -> AppResult<()> {
    let mut tx = crate::db::begin(db).await?;
    for s in MeldingSoort::ALLE {
        let v = Voorkeur {
            in_voorop: in_voorop.iter().any(|c| c == s.code()),
            per_email: per_email.iter().any(|c| c == s.code()),
        };
        repo::voorkeur_opslaan(&mut tx, g.id, *s, v).await?;
    }
    tx.commit().await?;
    Ok(())
}
