//! The tables of versions. `tabel` is always a [`super::Soort::TABEL`] constant, never input,
//! so it is written into the statement; everything else is bound.

use super::Versie;
use crate::db::{Conn, Db};

/// Stores a version; `false` when that version name exists (nothing is overwritten).
pub async fn opslaan(
    conn: &mut Conn,
    tabel: &str,
    versie: &str,
    titel: &str,
    json: &str,
) -> sqlx::Result<bool> {
    let r = sqlx::query(&format!(
        "INSERT INTO {tabel} (versie, titel, inhoud, geladen_op) VALUES ($1, $2, $3, $4) \
         ON CONFLICT(versie) DO NOTHING"
    ))
    .bind(versie)
    .bind(titel)
    .bind(json)
    .bind(crate::db::nu())
    .execute(conn)
    .await?;
    Ok(r.rows_affected() == 1)
}

/// The stored versions, oldest first.
pub async fn versies(db: &Db, tabel: &str) -> sqlx::Result<Vec<Versie>> {
    sqlx::query_as(&format!(
        "SELECT versie, titel, geladen_op FROM {tabel} ORDER BY geladen_op, versie"
    ))
    .fetch_all(db)
    .await
}

/// The document of one version as loaded.
pub async fn inhoud(db: &Db, tabel: &str, versie: &str) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar(&format!("SELECT inhoud FROM {tabel} WHERE versie = $1"))
        .bind(versie)
        .fetch_optional(db)
        .await
}

/// Whether a version of that name is stored (without reading its document).
pub async fn bestaat(db: &Db, tabel: &str, versie: &str) -> sqlx::Result<bool> {
    let n: Option<i64> = sqlx::query_scalar(&format!("SELECT 1 FROM {tabel} WHERE versie = $1"))
        .bind(versie)
        .fetch_optional(db)
        .await?;
    Ok(n.is_some())
}
