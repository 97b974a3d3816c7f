//! Retention: personal data (moment_persoon rows and the pseudonym) is erased a configurable
//! number of months after a case is closed. Process data stays, and the repeat-incident flags
//! that depend on an erased pseudonym are frozen first so the indicators do not change.

use super::{model, repo};
use crate::audit::{self, Actor, AuditEvent};
use crate::auth::permissions;
use crate::db::Db;
use crate::error::AppResult;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Uitkomst {
    pub casussen: usize,
    pub records: u64,
    /// Cases closed before this moment (UTC, ISO) were erased.
    pub grens: String,
}

pub use crate::db::maanden_terug as grens;

/// Erases the personal data of every case closed more than `maanden` months before `nu`.
/// Each case is erased in its own transaction with its audit entry.
pub async fn uitvoeren(db: &Db, actor: &Actor, maanden: u32, nu: &str) -> AppResult<Uitkomst> {
    let grens = grens(nu, maanden);
    let te_wissen = repo::te_wissen(db, permissions::systeem(), &grens).await?;
    let mut uitkomst = Uitkomst {
        grens: grens.clone(),
        ..Default::default()
    };
    if te_wissen.is_empty() {
        return Ok(uitkomst);
    }
    for casus in &te_wissen {
        let mut tx = crate::db::begin(db).await?;
        let bevroren = match repo::pseudoniem(&mut tx, permissions::systeem(), *casus).await? {
            Some(p) => {
                let basis =
                    repo::herhaal_basis_van_pseudoniem(&mut tx, permissions::systeem(), &p).await?;
                model::herhalingen(&basis).into_iter().collect::<Vec<_>>()
            }
            None => vec![],
        };
        let records = repo::wissen(&mut tx, permissions::systeem(), *casus, &bevroren).await?;
        audit::schrijf(
            &mut tx,
            actor,
            AuditEvent::PersoonsgegevensGewist {
                casus: *casus,
                records,
            },
        )
        .await?;
        tx.commit().await?;
        uitkomst.casussen += 1;
        uitkomst.records += records;
    }
    let mut tx = crate::db::begin(db).await?;
    audit::schrijf(
        &mut tx,
        actor,
        AuditEvent::RetentieUitgevoerd {
            casussen: uitkomst.casussen,
            maanden,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(uitkomst)
}

/// Runs retention once a day, at one instance (started by `serve`; see `db::taak`).
pub fn dagelijks(db: Db, maanden: u32) {
    crate::db::taak::dagelijks(db, "retentie", move |db| async move {
        let u = uitvoeren(&db, &Actor::systeem(), maanden, &crate::db::nu())
            .await
            .map_err(|e| e.to_string())?;
        if u.casussen > 0 {
            tracing::info!(casussen = u.casussen, "retentie: persoonsgegevens gewist");
        }
        Ok(())
    });
}

#[cfg(test)]
mod tests {
    use super::grens;

    #[test]
    fn grens_in_maanden() {
        assert_eq!(grens("2026-11-22T08:00:00Z", 24), "2024-11-22T08:00:00Z");
        assert_eq!(grens("2026-03-31T00:00:00Z", 1), "2026-02-28T00:00:00Z");
        assert_eq!(grens("2026-01-15T00:00:00Z", 13), "2024-12-15T00:00:00Z");
    }
}
