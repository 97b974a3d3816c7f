use super::model::{Organisatie, REGIOS};
use crate::auth::permissions::OrganisatieBeheer;
use crate::db::Db;
use crate::db::{Conn, Vlag};
use crate::gedeeld::OrganisatieId;
use crate::gedeeld::RegioCode;

const SELECT: &str = "SELECT id, code, naam, soort, regio_code, actief FROM organisatie";

pub async fn zorg_voor_regios(db: &Db) -> sqlx::Result<()> {
    for (code, naam) in REGIOS {
        sqlx::query("INSERT INTO regio (code, naam) VALUES ($1, $2) ON CONFLICT(code) DO UPDATE SET naam = excluded.naam")
            .bind(code)
            .bind(naam)
            .execute(db)
            .await?;
    }
    Ok(())
}

/// An organisation by code, active or not (callers that offer a choice check `actief`).
/// The id of an organisation code, in `conn`'s transaction.
pub async fn id_op_code(conn: &mut Conn, code: &str) -> sqlx::Result<Option<OrganisatieId>> {
    sqlx::query_scalar("SELECT id FROM organisatie WHERE code = $1")
        .bind(code)
        .fetch_optional(conn)
        .await
}

/// How many organisations there are (active or not).
pub async fn aantal(db: &Db) -> sqlx::Result<i64> {
    sqlx::query_scalar("SELECT COUNT(*) FROM organisatie")
        .fetch_one(db)
        .await
}

pub async fn op_code(db: &Db, code: &str) -> sqlx::Result<Option<Organisatie>> {
    sqlx::query_as(&format!("{SELECT} WHERE code = $1"))
        .bind(code)
        .fetch_optional(db)
        .await
}

/// An organisation the scope manages, by id, active or not (another is not found).
pub async fn beheerbaar(
    db: &Db,
    s: &OrganisatieBeheer,
    id: OrganisatieId,
) -> sqlx::Result<Option<Organisatie>> {
    sqlx::query_as(&format!(
        "{SELECT} WHERE id = $1 AND ($2 IS NULL OR regio_code = $2)"
    ))
    .bind(id)
    .bind(s.regio())
    .fetch_optional(db)
    .await
}

/// Every organisation the scope manages, active or not.
pub async fn beheerbare(db: &Db, s: &OrganisatieBeheer) -> sqlx::Result<Vec<Organisatie>> {
    sqlx::query_as(&format!(
        "{SELECT} WHERE ($1 IS NULL OR regio_code = $1) ORDER BY regio_code, soort, naam"
    ))
    .bind(s.regio())
    .fetch_all(db)
    .await
}

/// The active organisations, of one region and one kind when given (the directory of the API).
pub async fn actieve(
    db: &Db,
    regio: Option<&RegioCode>,
    soort: Option<&str>,
) -> sqlx::Result<Vec<Organisatie>> {
    sqlx::query_as(&format!(
        "{SELECT} WHERE actief = TRUE AND ($1 IS NULL OR regio_code = $1) AND ($2 IS NULL OR soort = $2) ORDER BY regio_code, soort, naam"
    ))
    .bind(regio)
    .bind(soort)
    .fetch_all(db)
    .await
}

/// The active gemeenten of a region (to choose for a round or a plan).
pub async fn gemeenten_in_regio(db: &Db, regio: &RegioCode) -> sqlx::Result<Vec<Organisatie>> {
    sqlx::query_as(&format!(
        "{SELECT} WHERE regio_code = $1 AND soort = 'gemeente' AND actief = TRUE ORDER BY naam"
    ))
    .bind(regio)
    .fetch_all(db)
    .await
}

/// Inserts an organisation or updates its name; returns its id (CLI and demo).
pub async fn bewaar(
    db: &Db,
    code: &str,
    naam: &str,
    soort: &str,
    regio: &RegioCode,
) -> sqlx::Result<OrganisatieId> {
    sqlx::query_scalar(
        "INSERT INTO organisatie (code, naam, soort, regio_code) VALUES ($1, $2, $3, $4)
         ON CONFLICT(code) DO UPDATE SET naam = excluded.naam RETURNING id",
    )
    .bind(code)
    .bind(naam)
    .bind(soort)
    .bind(regio)
    .fetch_one(db)
    .await
}

/// Inserts a new organisation (web administration); a taken code is a unique violation.
pub async fn voeg_toe(
    conn: &mut Conn,
    s: &OrganisatieBeheer,
    code: &str,
    naam: &str,
    soort: &str,
    regio: &RegioCode,
) -> sqlx::Result<OrganisatieId> {
    sqlx::query_scalar(
        "INSERT INTO organisatie (code, naam, soort, regio_code, actief)
         SELECT $1, $2, $3, $4, TRUE WHERE ($5 IS NULL OR $5 = $4) RETURNING id",
    )
    .bind(code)
    .bind(naam)
    .bind(soort)
    .bind(regio)
    .bind(s.regio())
    .fetch_one(conn)
    .await
}

/// Changes code, name, kind, region and active flag.
#[allow(clippy::too_many_arguments)]
pub async fn bijwerken(
    conn: &mut Conn,
    s: &OrganisatieBeheer,
    id: OrganisatieId,
    code: &str,
    naam: &str,
    soort: &str,
    regio: &RegioCode,
    actief: bool,
) -> sqlx::Result<()> {
    // Both the organisation's region and the new one lie in the scope.
    let r = sqlx::query(
        "UPDATE organisatie SET code = $1, naam = $2, soort = $3, regio_code = $4, actief = $5
         WHERE id = $6 AND ($7 IS NULL OR (regio_code = $7 AND $4 = $7))",
    )
    .bind(code)
    .bind(naam)
    .bind(soort)
    .bind(regio)
    .bind(actief)
    .bind(id)
    .bind(s.regio())
    .execute(conn)
    .await?;
    if r.rows_affected() == 0 {
        return Err(sqlx::Error::RowNotFound);
    }
    Ok(())
}

/// Every organisation, active or not.
pub async fn alle(db: &Db) -> sqlx::Result<Vec<Organisatie>> {
    sqlx::query_as(&format!("{SELECT} ORDER BY regio_code, soort, naam"))
        .fetch_all(db)
        .await
}

/// Every organisation of one region, active or not.
pub async fn van_regio(db: &Db, regio: &RegioCode) -> sqlx::Result<Vec<Organisatie>> {
    sqlx::query_as(&format!(
        "{SELECT} WHERE regio_code = $1 ORDER BY soort, naam"
    ))
    .bind(regio)
    .fetch_all(db)
    .await
}

/// Every organisation of one region, active or not, inside a transaction.
pub async fn van_regio_in(conn: &mut Conn, regio: &RegioCode) -> sqlx::Result<Vec<Organisatie>> {
    sqlx::query_as(&format!(
        "{SELECT} WHERE regio_code = $1 ORDER BY soort, naam"
    ))
    .bind(regio)
    .fetch_all(conn)
    .await
}

/// Whether an active beheerder account belongs to the organisation.
pub async fn heeft_beheerder(db: &Db, id: OrganisatieId) -> sqlx::Result<bool> {
    sqlx::query_scalar::<_, Vlag>(
        "SELECT EXISTS (SELECT 1 FROM gebruiker
                        WHERE organisatie_id = $1 AND rol = 'beheerder' AND actief = TRUE)",
    )
    .bind(id)
    .fetch_one(db)
    .await
    .map(bool::from)
}

/// Whether anything refers to the organisation (accounts, audit rows, Zelfscan, cases,
/// overleggen, Werkset entries): then its code and kind are fixed. The registering
/// organisation of a moment is always one of its participants, so `moment` need not be read.
/// Its audit rows are looked up in its part of the log (`audit_zicht`, by key): that part
/// also holds the rows about its moments, which its participations already count.
pub async fn in_gebruik(db: &Db, id: OrganisatieId, code: &str) -> sqlx::Result<bool> {
    sqlx::query_scalar::<_, Vlag>(
        "SELECT EXISTS (SELECT 1 FROM gebruiker WHERE organisatie_id = $1)
             OR EXISTS (SELECT 1 FROM audit_zicht WHERE organisatie_id = $1)
             OR EXISTS (SELECT 1 FROM ronde_gemeente WHERE gemeente_id = $1)
             OR EXISTS (SELECT 1 FROM plan_van_aanpak WHERE gemeente_id = $1)
             OR EXISTS (SELECT 1 FROM moment_deelnemer WHERE organisatie_id = $1
                        OR gestart_door_organisatie = $1 OR beeindigd_door_organisatie = $1)
             OR EXISTS (SELECT 1 FROM afspraak WHERE eigenaar_organisatie_id = $1)
             OR EXISTS (SELECT 1 FROM overleg WHERE voorzitter_organisatie_id = $1)
             OR EXISTS (SELECT 1 FROM overleg_organisatie WHERE organisatie_id = $1)
             OR EXISTS (SELECT 1 FROM vergadering_aanwezigheid WHERE organisatie_id = $1)
             OR EXISTS (SELECT 1 FROM contactpunt WHERE organisatie_id = $1)
             OR EXISTS (SELECT 1 FROM werkset_inspanning
                        WHERE ',' || partners || ',' LIKE '%,org:' || $2 || ',%')",
    )
    .bind(id)
    .bind(code)
    .fetch_one(db)
    .await
    .map(bool::from)
}
