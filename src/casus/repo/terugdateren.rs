//! Repository: the recorded times of what the fictional demo loads. Its world has a history
//! (cases registered months ago), so after storing through the normal writers it back-dates
//! the bookkeeping columns; nothing else changes them. Every function takes the system's
//! registration scope, as the demo's writers do.

use super::*;
use crate::gedeeld::{AfspraakId, CasusId};

/// The case of a moment.
pub async fn casus_van_moment(
    conn: &mut Conn,
    _: &CasusRegistratie,
    moment: MomentId,
) -> sqlx::Result<CasusId> {
    sqlx::query_scalar("SELECT casus_id FROM moment WHERE id = $1")
        .bind(moment)
        .fetch_one(conn)
        .await
}

/// When a case was first recorded.
pub async fn casus_aangemaakt_op(
    conn: &mut Conn,
    _: &CasusRegistratie,
    casus: CasusId,
    op: &str,
) -> sqlx::Result<()> {
    sqlx::query("UPDATE casus SET aangemaakt_op = $2 WHERE id = $1")
        .bind(casus)
        .bind(op)
        .execute(conn)
        .await?;
    Ok(())
}

/// When a moment was recorded and last changed.
pub async fn moment_aangemaakt_op(
    conn: &mut Conn,
    _: &CasusRegistratie,
    moment: MomentId,
    (aangemaakt, gewijzigd): (&str, &str),
) -> sqlx::Result<()> {
    sqlx::query("UPDATE moment SET aangemaakt_op = $2, gewijzigd_op = $3 WHERE id = $1")
        .bind(moment)
        .bind(aangemaakt)
        .bind(gewijzigd)
        .execute(conn)
        .await?;
    Ok(())
}

/// When an afspraak was made.
pub async fn afspraak_aangemaakt_op(
    conn: &mut Conn,
    _: &CasusRegistratie,
    afspraak: AfspraakId,
    op: &str,
) -> sqlx::Result<()> {
    sqlx::query("UPDATE afspraak SET aangemaakt_op = $2 WHERE id = $1")
        .bind(afspraak)
        .bind(op)
        .execute(conn)
        .await?;
    Ok(())
}
