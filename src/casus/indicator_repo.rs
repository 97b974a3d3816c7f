//! Extra SQL for the computed indicators (see `indicatoren.rs`).

use crate::db::Db;

/// (casus id, regio, start = first moment, pseudonym, frozen repeat flag).
pub type HerhaalRij = (i64, String, String, Option<String>, Option<bool>);

/// Like `repo::herhaal_basis`, narrowed to what one region's repeat rate needs: the region's
/// cases plus every case (of any region) sharing a pseudonym with one of them.
pub async fn herhaal_basis_van_regio(db: &Db, regio: &str) -> sqlx::Result<Vec<HerhaalRij>> {
    sqlx::query_as(
        "SELECT c.id, c.regio_code, MIN(m.tijdstip), c.pseudoniem, c.herhaling FROM casus c
         JOIN moment m ON m.casus_id = c.id
         WHERE c.id IN (
             SELECT id FROM casus WHERE regio_code = $1
             UNION
             SELECT o.id FROM casus o WHERE o.pseudoniem IN
                 (SELECT p.pseudoniem FROM casus p WHERE p.regio_code = $1 AND p.pseudoniem IS NOT NULL))
         GROUP BY c.id",
    )
    .bind(regio)
    .fetch_all(db)
    .await
}

/// Every (region, year) with at least one registered moment, in order.
pub async fn regio_jaren(db: &Db) -> sqlx::Result<Vec<(String, String)>> {
    sqlx::query_as("SELECT DISTINCT regio_code, substr(tijdstip, 1, 4) FROM moment ORDER BY 1, 2")
        .fetch_all(db)
        .await
}
