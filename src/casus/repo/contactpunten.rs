//! Repository: contact directory.

use super::*;
use crate::gedeeld::RegioCode;

pub async fn contactpunten(
    db: &Db,
    s: &CasusInzage,
    regio: &RegioCode,
) -> sqlx::Result<Vec<Contactpunt>> {
    let rijen = sqlx::query(
        "SELECT c.*, o.naam AS organisatie_naam FROM contactpunt c JOIN organisatie o ON o.id = c.organisatie_id
         WHERE c.regio_code = $1 AND ($2 IS NULL OR $2 = $1) ORDER BY o.soort, o.naam, c.soort, c.functie",
    )
    .bind(regio)
    .bind(s.regio())
    .fetch_all(db)
    .await?;
    Ok(rijen
        .iter()
        .map(|r| Contactpunt {
            id: r.get("id"),
            regio_code: r.get("regio_code"),
            organisatie_id: r.get("organisatie_id"),
            organisatie_naam: r.get("organisatie_naam"),
            soort: ContactSoort::parse(r.get("soort")).unwrap_or(ContactSoort::Contactpersoon),
            functie: r.get("functie"),
            naam: r.get("naam"),
            telefoon: r.get("telefoon"),
            email: r.get("email"),
            bereikbaarheid: r.get("bereikbaarheid"),
        })
        .collect())
}

/// Adds an entry to the directory of the scope's region (`c.regio_code` is not used).
pub async fn contactpunt_opslaan(
    conn: &mut Conn,
    s: &CasusRegistratie,
    c: &Contactpunt,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO contactpunt (regio_code, organisatie_id, soort, functie, naam, telefoon, email, bereikbaarheid)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(s.regio())
    .bind(c.organisatie_id)
    .bind(c.soort.code())
    .bind(&c.functie)
    .bind(&c.naam)
    .bind(&c.telefoon)
    .bind(&c.email)
    .bind(&c.bereikbaarheid)
    .fetch_one(conn)
    .await
}

pub async fn contactpunt_verwijderen(
    conn: &mut Conn,
    s: &CasusRegistratie,
    id: i64,
) -> sqlx::Result<bool> {
    Ok(
        sqlx::query("DELETE FROM contactpunt WHERE id = $1 AND regio_code = $2")
            .bind(id)
            .bind(s.regio())
            .execute(conn)
            .await?
            .rows_affected()
            == 1,
    )
}
