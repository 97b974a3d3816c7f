use super::model::{Organisatie, REGIOS};
use crate::db::Db;

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

pub async fn op_code(db: &Db, code: &str) -> sqlx::Result<Option<Organisatie>> {
    sqlx::query_as("SELECT id, code, naam, soort, regio_code FROM organisatie WHERE code = $1")
        .bind(code)
        .fetch_optional(db)
        .await
}

pub async fn gemeenten_in_regio(db: &Db, regio: &str) -> sqlx::Result<Vec<Organisatie>> {
    sqlx::query_as(
        "SELECT id, code, naam, soort, regio_code FROM organisatie
         WHERE regio_code = $1 AND soort = 'gemeente' ORDER BY naam",
    )
    .bind(regio)
    .fetch_all(db)
    .await
}

/// Inserts an organisation or updates its name; returns its id.
pub async fn bewaar(
    db: &Db,
    code: &str,
    naam: &str,
    soort: &str,
    regio: &str,
) -> sqlx::Result<i64> {
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

pub async fn alle(db: &Db) -> sqlx::Result<Vec<Organisatie>> {
    sqlx::query_as("SELECT id, code, naam, soort, regio_code FROM organisatie ORDER BY regio_code, soort, naam").fetch_all(db).await
}
