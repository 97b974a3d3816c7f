//! Daily background jobs that run once a day in total, however many instances of Voorop share
//! the database (issue 8: several instances behind a load balancer on one PostgreSQL).
//!
//! Every instance checks hourly; the first that claims a job for today (`taak_uitvoering`,
//! primary key (taak, dag)) runs it, the others skip it. A run that fails gives its claim back,
//! so the next check (at this or another instance) tries again; a claim whose instance died
//! before finishing is taken over after [`OVERNAME_NA`].

use super::Db;
use std::future::Future;
use std::time::Duration;

/// How often each instance checks whether today's run is still to be done.
const CONTROLE: Duration = Duration::from_secs(3600);
/// A claim without `klaar_op` this old belongs to an instance that stopped mid-run.
pub const OVERNAME_NA: Duration = Duration::from_secs(6 * 3600);

/// This process, as written in `taak_uitvoering.instantie` (host and process id; no personal
/// data), for the operator who wants to know which instance ran a job.
pub fn instantie() -> String {
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .map_or_else(|_| "onbekend".into(), |h| h.trim().to_string());
    format!("{host}:{}", std::process::id())
}

/// Claims `taak` for `dag` for `instantie`; `true` when this caller may run it. One statement,
/// atomic on both databases: of several instances claiming at once exactly one gets `true`.
pub async fn claimen(db: &Db, taak: &str, dag: &str, instantie: &str) -> sqlx::Result<bool> {
    let nu = super::nu();
    let overname = i64::try_from(OVERNAME_NA.as_millis()).unwrap_or(i64::MAX);
    let verlopen = super::ms_als_tijd(super::nu_ms().saturating_sub(overname));
    let n = sqlx::query(
        "INSERT INTO taak_uitvoering (taak, dag, instantie, gestart_op) VALUES ($1, $2, $3, $4)
         ON CONFLICT (taak, dag) DO UPDATE SET instantie = $3, gestart_op = $4
         WHERE taak_uitvoering.klaar_op IS NULL AND taak_uitvoering.gestart_op < $5",
    )
    .bind(taak)
    .bind(dag)
    .bind(instantie)
    .bind(&nu)
    .bind(&verlopen)
    .execute(db)
    .await?
    .rows_affected();
    Ok(n == 1)
}

/// Runs `werk` if no instance has run `taak` today; `Ok(true)` when it ran here and succeeded.
pub async fn eenmaal_vandaag<F, Fut>(db: &Db, taak: &str, werk: F) -> sqlx::Result<bool>
where
    F: FnOnce() -> Fut,
    Fut: Future<Output = Result<(), String>>,
{
    let (dag, wie) = (super::vandaag(), instantie());
    if !claimen(db, taak, &dag, &wie).await? {
        return Ok(false);
    }
    match werk().await {
        Ok(()) => {
            sqlx::query("UPDATE taak_uitvoering SET klaar_op = $3 WHERE taak = $1 AND dag = $2")
                .bind(taak)
                .bind(&dag)
                .bind(super::nu())
                .execute(db)
                .await?;
            Ok(true)
        }
        Err(e) => {
            tracing::error!(taak, fout = %e, "dagelijkse taak mislukt; wordt opnieuw geprobeerd");
            sqlx::query(
                "DELETE FROM taak_uitvoering WHERE taak = $1 AND dag = $2 AND instantie = $3",
            )
            .bind(taak)
            .bind(&dag)
            .bind(&wie)
            .execute(db)
            .await?;
            Ok(false)
        }
    }
}

/// Starts the hourly check of `taak` for as long as the server runs (started by `serve`).
pub fn dagelijks<F, Fut>(db: Db, taak: &'static str, werk: F)
where
    F: Fn(Db) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<(), String>> + Send,
{
    tokio::spawn(async move {
        let mut klok = tokio::time::interval(CONTROLE);
        klok.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
        loop {
            klok.tick().await;
            if let Err(e) = eenmaal_vandaag(&db, taak, || werk(db.clone())).await {
                tracing::error!(taak, fout = %e, "dagelijkse taak: claim niet te lezen");
            }
        }
    });
}
