//! All SQL of the meldingen. Every function works for one user (their own meldingen and
//! settings) or is a job of the server (the outbox); the service decides who receives what.

use super::model::{Melding, MeldingSoort, Voorkeur};
use crate::db::{Conn, Db, Vlag};
use crate::gedeeld::{GebruikerId, OrganisatieId, RegioCode};

/// Active medewerkers and coordinators of an organisation.
pub async fn gebruikers_van_organisatie(
    conn: &mut Conn,
    organisatie: OrganisatieId,
) -> sqlx::Result<Vec<GebruikerId>> {
    sqlx::query_scalar(
        "SELECT id FROM gebruiker WHERE organisatie_id = $1 AND actief = TRUE
           AND rol IN ('medewerker', 'regiocoordinator') ORDER BY id",
    )
    .bind(organisatie)
    .fetch_all(conn)
    .await
}

/// Active medewerkers and coordinators of the active organisations of one kind in a region.
pub async fn gebruikers_van_soort(
    conn: &mut Conn,
    regio: &RegioCode,
    soort: &str,
) -> sqlx::Result<Vec<GebruikerId>> {
    sqlx::query_scalar(
        "SELECT g.id FROM gebruiker g JOIN organisatie o ON o.id = g.organisatie_id
         WHERE o.regio_code = $1 AND o.soort = $2 AND o.actief = TRUE AND g.actief = TRUE
           AND g.rol IN ('medewerker', 'regiocoordinator') ORDER BY g.id",
    )
    .bind(regio)
    .bind(soort)
    .fetch_all(conn)
    .await
}

/// A user's setting for one kind (the default when none was saved).
pub async fn voorkeur(
    conn: &mut Conn,
    gebruiker: GebruikerId,
    soort: MeldingSoort,
) -> sqlx::Result<Voorkeur> {
    let rij: Option<(Vlag, Vlag)> = sqlx::query_as(
        "SELECT in_voorop, per_email FROM melding_voorkeur WHERE gebruiker_id = $1 AND soort = $2",
    )
    .bind(gebruiker)
    .bind(soort.code())
    .fetch_optional(conn)
    .await?;
    Ok(rij.map_or_else(Voorkeur::default, |(v, e)| Voorkeur {
        in_voorop: v.0,
        per_email: e.0,
    }))
}

pub async fn voorkeur_opslaan(
    conn: &mut Conn,
    gebruiker: GebruikerId,
    soort: MeldingSoort,
    v: Voorkeur,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO melding_voorkeur (gebruiker_id, soort, in_voorop, per_email) VALUES ($1, $2, $3, $4)
         ON CONFLICT(gebruiker_id, soort) DO UPDATE SET in_voorop = excluded.in_voorop,
             per_email = excluded.per_email",
    )
    .bind(gebruiker)
    .bind(soort.code())
    .bind(v.in_voorop)
    .bind(v.per_email)
    .execute(conn)
    .await?;
    Ok(())
}

/// Adds a melding unless this user already has one of this kind with this key; whether it was
/// added. `gelezen` (not wanted in Voorop) hides it from the bell at once; `email` is the
/// outbox state ('wacht' or 'geen').
pub async fn toevoegen(
    conn: &mut Conn,
    gebruiker: GebruikerId,
    (soort, sleutel, link): (MeldingSoort, &str, &str),
    gelezen: bool,
    email: &str,
) -> sqlx::Result<bool> {
    let nu = crate::db::nu();
    let id: Option<i64> = sqlx::query_scalar(
        "INSERT INTO melding (gebruiker_id, soort, sleutel, link, aangemaakt_op, gelezen_op, email)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT(gebruiker_id, soort, sleutel) DO NOTHING RETURNING id",
    )
    .bind(gebruiker)
    .bind(soort.code())
    .bind(sleutel)
    .bind(link)
    .bind(&nu)
    .bind(gelezen.then_some(nu.as_str()))
    .bind(email)
    .fetch_optional(conn)
    .await?;
    Ok(id.is_some())
}

/// A user's unread meldingen, newest first, at most `limiet`, and how many there are.
pub async fn ongelezen(
    db: &Db,
    gebruiker: GebruikerId,
    limiet: i64,
) -> sqlx::Result<(Vec<Melding>, i64)> {
    let rijen: Vec<(i64, String, String, String)> = sqlx::query_as(
        "SELECT id, soort, link, aangemaakt_op FROM melding
         WHERE gebruiker_id = $1 AND gelezen_op IS NULL ORDER BY id DESC LIMIT $2",
    )
    .bind(gebruiker)
    .bind(limiet)
    .fetch_all(db)
    .await?;
    let aantal: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM melding WHERE gebruiker_id = $1 AND gelezen_op IS NULL",
    )
    .bind(gebruiker)
    .fetch_one(db)
    .await?;
    Ok((
        rijen
            .into_iter()
            .filter_map(|(id, soort, link, aangemaakt_op)| {
                Some(Melding {
                    id,
                    soort: MeldingSoort::parse(&soort)?,
                    link,
                    aangemaakt_op,
                })
            })
            .collect(),
        aantal,
    ))
}

/// Marks the user's meldingen read (up to and including `tot`, so one that arrived since the
/// page was shown stays unread); how many.
pub async fn gelezen(conn: &mut Conn, gebruiker: GebruikerId, tot: i64) -> sqlx::Result<u64> {
    Ok(sqlx::query(
        "UPDATE melding SET gelezen_op = $3 WHERE gebruiker_id = $1 AND gelezen_op IS NULL AND id <= $2",
    )
    .bind(gebruiker)
    .bind(tot)
    .bind(crate::db::nu())
    .execute(conn)
    .await?
    .rows_affected())
}

/// One e-mail of the outbox to send: (id, recipient's user and address, kind, link).
pub struct Uitgaand {
    pub id: i64,
    pub gebruiker: GebruikerId,
    pub adres: String,
    pub soort: MeldingSoort,
    pub link: String,
    /// Attempts so far, this one included.
    pub pogingen: i64,
}

/// Takes the oldest e-mail waiting (or taken by an instance more than `verlaten` ago, which
/// died) for this instance: one UPDATE that only one instance can win.
pub async fn uitgaand_nemen(db: &Db, nu: &str, verlaten: &str) -> sqlx::Result<Option<Uitgaand>> {
    let rij: Option<(i64, GebruikerId, String, String, i64)> = sqlx::query_as(
        "UPDATE melding SET email = 'bezig', email_op = $1, email_pogingen = email_pogingen + 1
         WHERE id = (SELECT id FROM melding
                     WHERE email = 'wacht' OR (email = 'bezig' AND email_op < $2)
                     ORDER BY id LIMIT 1)
           AND (email = 'wacht' OR (email = 'bezig' AND email_op < $2))
         RETURNING id, gebruiker_id, soort, link, email_pogingen",
    )
    .bind(nu)
    .bind(verlaten)
    .fetch_optional(db)
    .await?;
    let Some((id, gebruiker, soort, link, pogingen)) = rij else {
        return Ok(None);
    };
    let adres: String = sqlx::query_scalar("SELECT email FROM gebruiker WHERE id = $1")
        .bind(gebruiker)
        .fetch_one(db)
        .await?;
    Ok(MeldingSoort::parse(&soort).map(|soort| Uitgaand {
        id,
        gebruiker,
        adres,
        soort,
        link,
        pogingen,
    }))
}

/// The outcome of sending: 'verstuurd', 'mislukt', or 'wacht' to try again later.
pub async fn uitgaand_klaar(conn: &mut Conn, id: i64, email: &str) -> sqlx::Result<()> {
    sqlx::query("UPDATE melding SET email = $2, email_op = $3 WHERE id = $1")
        .bind(id)
        .bind(email)
        .bind(crate::db::nu())
        .execute(conn)
        .await?;
    Ok(())
}

/// E-mails that waited longer than until `grens` (SMTP was not configured, or down for a day)
/// are no longer sent: the work has long been on Mijn werk.
pub async fn verouderd(db: &Db, grens: &str) -> sqlx::Result<u64> {
    Ok(sqlx::query(
        "UPDATE melding SET email = 'geen' WHERE email = 'wacht' AND aangemaakt_op < $1",
    )
    .bind(grens)
    .execute(db)
    .await?
    .rows_affected())
}
