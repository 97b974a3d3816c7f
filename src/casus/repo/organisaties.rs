//! Repository: organisations.

use super::*;
use crate::gedeeld::RegioCode;

/// Every active organisation of a region: (id, name, kind code). Deactivated organisations
/// cannot be chosen for anything new.
pub async fn organisaties_van_regio(
    db: &Db,
    regio: &RegioCode,
) -> sqlx::Result<Vec<(OrganisatieId, String, String)>> {
    sqlx::query_as(
        "SELECT id, naam, soort FROM organisatie WHERE regio_code = $1 AND actief = TRUE
         ORDER BY soort, naam",
    )
    .bind(regio)
    .fetch_all(db)
    .await
}

/// The active Veilig Thuis organisations of a region as (code, name), by name: the choices of
/// a [`crate::casus::velden::Type::VtOrganisatie`] field.
pub async fn vt_organisaties(
    conn: &mut Conn,
    regio: &RegioCode,
) -> sqlx::Result<Vec<(String, String)>> {
    sqlx::query_as(
        "SELECT code, naam FROM organisatie
         WHERE regio_code = $1 AND soort = 'veilig_thuis' AND actief = TRUE ORDER BY naam",
    )
    .bind(regio)
    .fetch_all(conn)
    .await
}

/// The kind of an organisation, if it belongs to the region and is active.
pub async fn organisatie_soort_in_regio(
    conn: &mut Conn,
    organisatie_id: OrganisatieId,
    regio: &RegioCode,
) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar(
        "SELECT soort FROM organisatie WHERE id = $1 AND regio_code = $2 AND actief = TRUE",
    )
    .bind(organisatie_id)
    .bind(regio)
    .fetch_optional(conn)
    .await
}

/// The ids of a region's Actie-overleggen, oldest first.
pub async fn overleg_ids(
    conn: &mut Conn,
    s: &CasusInzage,
    regio: &RegioCode,
) -> sqlx::Result<Vec<i64>> {
    sqlx::query_scalar(
        "SELECT id FROM overleg WHERE regio_code = $1 AND ($2 IS NULL OR $2 = $1) ORDER BY id",
    )
    .bind(regio)
    .bind(s.regio())
    .fetch_all(conn)
    .await
}

/// (regio, chair's organisation) of an Actie-overleg.
pub async fn overleg_kop(
    conn: &mut Conn,
    s: &CasusInzage,
    overleg_id: i64,
) -> sqlx::Result<Option<(RegioCode, OrganisatieId)>> {
    sqlx::query_as(
        "SELECT regio_code, voorzitter_organisatie_id FROM overleg WHERE id = $1 AND ($2 IS NULL OR regio_code = $2)",
    )
    .bind(overleg_id)
    .bind(s.regio())
        .fetch_optional(conn)
        .await
}

/// The active fixed members (vaste gezichten) of one Actie-overleg.
pub async fn vaste_organisaties(
    conn: &mut Conn,
    s: &CasusInzage,
    overleg_id: i64,
) -> sqlx::Result<Vec<OrganisatieId>> {
    sqlx::query_scalar(
        "SELECT w.organisatie_id FROM overleg_organisatie w JOIN overleg g ON g.id = w.overleg_id
         JOIN organisatie o ON o.id = w.organisatie_id
         WHERE w.overleg_id = $1 AND w.wijze = 'vast' AND o.actief = TRUE AND ($2 IS NULL OR g.regio_code = $2)
         ORDER BY w.organisatie_id",
    )
    .bind(overleg_id)
    .bind(s.regio())
    .fetch_all(conn)
    .await
}

/// The organisation a directory entry of the region belongs to.
pub async fn contactpunt_organisatie(
    conn: &mut Conn,
    s: &CasusRegistratie,
    id: i64,
) -> sqlx::Result<Option<OrganisatieId>> {
    sqlx::query_scalar("SELECT organisatie_id FROM contactpunt WHERE id = $1 AND regio_code = $2")
        .bind(id)
        .bind(s.regio())
        .fetch_optional(conn)
        .await
}

/// The pseudonym of a case (only the retention job and the repeat computation use it).
pub async fn pseudoniem(
    conn: &mut Conn,
    _: Systeem,
    casus_id: crate::gedeeld::CasusId,
) -> sqlx::Result<Option<String>> {
    Ok(
        sqlx::query_scalar::<_, Option<String>>("SELECT pseudoniem FROM casus WHERE id = $1")
            .bind(casus_id)
            .fetch_optional(conn)
            .await?
            .flatten(),
    )
}
