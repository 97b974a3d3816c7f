//! All SQL of the plan van aanpak.

use super::{Actie, Plan};
use crate::auth::permissions::{NieuwPlan, PlanInzage, PlanSchrijven};
use crate::db::Conn;
use crate::db::Db;
use crate::gedeeld::PlanId;

const PLAN: &str = "SELECT p.id, p.regio_code, p.gemeente_id, o.code AS gemeente_code, o.naam AS gemeente_naam, p.ronde_id,
    p.titel, p.periode, p.inleiding, p.context, p.samenvatting, p.monitoring, p.status, p.vastgesteld_door, p.vastgesteld_op
    FROM plan_van_aanpak p LEFT JOIN organisatie o ON o.id = p.gemeente_id";

/// SQL condition on plan `p`: it lies in the scope (`$n` region, `$n+1` organisation,
/// `$n+2` sees local plans) — the rule of `permissions::ziet_plan`.
fn zichtbaar(n: u8) -> String {
    let (o, b) = (n + 1, n + 2);
    format!(
        "(${n} IS NULL OR p.regio_code = ${n}) AND (p.gemeente_id IS NULL OR ${b} OR p.gemeente_id = ${o})"
    )
}

/// The plans the scope may see.
pub async fn plannen(db: &Db, s: &PlanInzage) -> sqlx::Result<Vec<Plan>> {
    sqlx::query_as(&format!(
        "{PLAN} WHERE {} ORDER BY p.regio_code, p.gemeente_id IS NOT NULL, o.naam, p.id",
        zichtbaar(1)
    ))
    .bind(s.regio())
    .bind(s.organisatie())
    .bind(s.beheert())
    .fetch_all(db)
    .await
}

/// A plan the scope may see (another is not found).
pub async fn plan(db: &Db, s: &PlanInzage, id: PlanId) -> sqlx::Result<Option<Plan>> {
    sqlx::query_as(&format!("{PLAN} WHERE p.id = $1 AND {}", zichtbaar(2)))
        .bind(id)
        .bind(s.regio())
        .bind(s.organisatie())
        .bind(s.beheert())
        .fetch_optional(db)
        .await
}

/// Creates a plan for the scope's region and gemeente (those of `p` are not used).
pub async fn aanmaken(conn: &mut Conn, s: &NieuwPlan, p: &Plan) -> sqlx::Result<PlanId> {
    sqlx::query_scalar(
        "INSERT INTO plan_van_aanpak (regio_code, gemeente_id, ronde_id, titel, periode, inleiding, context, samenvatting, monitoring, aangemaakt_op)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
    )
    .bind(s.regio())
    .bind(s.gemeente())
    .bind(p.ronde_id)
    .bind(&p.titel)
    .bind(&p.periode)
    .bind(&p.inleiding)
    .bind(&p.context)
    .bind(&p.samenvatting)
    .bind(&p.monitoring)
    .bind(crate::db::nu())
    .fetch_one(conn)
    .await
}

/// Replaces the texts of the scope's plan (the id of `p` is not used).
pub async fn teksten_bijwerken(conn: &mut Conn, s: &PlanSchrijven, p: &Plan) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE plan_van_aanpak SET titel = $1, periode = $2, inleiding = $3, context = $4, samenvatting = $5, monitoring = $6 WHERE id = $7",
    )
    .bind(&p.titel)
    .bind(&p.periode)
    .bind(&p.inleiding)
    .bind(&p.context)
    .bind(&p.samenvatting)
    .bind(&p.monitoring)
    .bind(s.plan())
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn status_zetten(
    conn: &mut Conn,
    s: &PlanSchrijven,
    status: &str,
    door: Option<&str>,
    op: Option<&str>,
) -> sqlx::Result<()> {
    sqlx::query("UPDATE plan_van_aanpak SET status = $1, vastgesteld_door = $2, vastgesteld_op = $3 WHERE id = $4")
        .bind(status)
        .bind(door)
        .bind(op)
        .bind(s.plan())
        .execute(conn)
        .await?;
    Ok(())
}

const ACTIE: &str = "SELECT id, plan_id, groep, maatregel, huidige_stand, verbeteractie, beoogd_resultaat, wie, planning, kosten, pdca_status, volgende_check FROM plan_actie";

/// The actions of a plan the scope may see.
pub async fn acties(db: &Db, s: &PlanInzage, plan: PlanId) -> sqlx::Result<Vec<Actie>> {
    sqlx::query_as(&format!(
        "{ACTIE} WHERE plan_id = $1 AND EXISTS (SELECT 1 FROM plan_van_aanpak p WHERE p.id = $1 AND {})
         ORDER BY groep, planning, id",
        zichtbaar(2)
    ))
    .bind(plan)
    .bind(s.regio())
    .bind(s.organisatie())
    .bind(s.beheert())
    .fetch_all(db)
    .await
}

/// Actions not done whose planning or next check date lies before `vandaag` (or another bound),
/// in the plans the scope may see.
pub async fn achterstallig(db: &Db, s: &PlanInzage, vandaag: &str) -> sqlx::Result<Vec<Actie>> {
    sqlx::query_as(&format!(
        "{ACTIE} WHERE pdca_status <> 'gereed'
         AND ((volgende_check IS NOT NULL AND volgende_check < $1) OR (planning IS NOT NULL AND planning < $1))
         AND EXISTS (SELECT 1 FROM plan_van_aanpak p WHERE p.id = plan_actie.plan_id AND {})
         ORDER BY COALESCE(volgende_check, planning)",
        zichtbaar(2)
    ))
    .bind(vandaag)
    .bind(s.regio())
    .bind(s.organisatie())
    .bind(s.beheert())
    .fetch_all(db)
    .await
}

/// Adds (`a.id == 0`) or updates an action of the scope's plan (`a.plan_id` is not used).
pub async fn actie_opslaan(conn: &mut Conn, s: &PlanSchrijven, a: &Actie) -> sqlx::Result<i64> {
    if a.id == 0 {
        sqlx::query_scalar(
            "INSERT INTO plan_actie (plan_id, groep, maatregel, huidige_stand, verbeteractie, beoogd_resultaat, wie, planning, kosten, pdca_status, volgende_check)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
        )
        .bind(s.plan())
        .bind(&a.groep)
        .bind(&a.maatregel)
        .bind(&a.huidige_stand)
        .bind(&a.verbeteractie)
        .bind(&a.beoogd_resultaat)
        .bind(&a.wie)
        .bind(&a.planning)
        .bind(&a.kosten)
        .bind(&a.pdca_status)
        .bind(&a.volgende_check)
        .fetch_one(conn)
        .await
    } else {
        sqlx::query(
            "UPDATE plan_actie SET groep = $1, maatregel = $2, huidige_stand = $3, verbeteractie = $4, beoogd_resultaat = $5,
             wie = $6, planning = $7, kosten = $8, pdca_status = $9, volgende_check = $10 WHERE id = $11 AND plan_id = $12",
        )
        .bind(&a.groep)
        .bind(&a.maatregel)
        .bind(&a.huidige_stand)
        .bind(&a.verbeteractie)
        .bind(&a.beoogd_resultaat)
        .bind(&a.wie)
        .bind(&a.planning)
        .bind(&a.kosten)
        .bind(&a.pdca_status)
        .bind(&a.volgende_check)
        .bind(a.id)
        .bind(s.plan())
        .execute(conn)
        .await?;
        Ok(a.id)
    }
}

pub async fn actie_verwijderen(conn: &mut Conn, s: &PlanSchrijven, id: i64) -> sqlx::Result<u64> {
    Ok(
        sqlx::query("DELETE FROM plan_actie WHERE id = $1 AND plan_id = $2")
            .bind(id)
            .bind(s.plan())
            .execute(conn)
            .await?
            .rows_affected(),
    )
}
