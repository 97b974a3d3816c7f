//! Administration and oversight pages: accounts (beheerder, regiocoördinator), the audit log
//! (beheerder), the privacy officer's logboek
//! and access requests (FG), and loading new versions of the reference data. A domain above
//! `audit`, `auth` and the domains whose reference data it loads.

pub mod gebruikers;
pub mod gebruikers_routes;
pub mod inzage;
pub mod referentiedata;
pub mod routes;
pub mod teksten;

/// Reference data every database needs: the 10 regions, the default Zelfscan questionnaire,
/// the default Werkset catalogue and the shipped versions of the Ontwikkelagenda. Idempotent; run after opening the database.
pub async fn referentiedata_laden(db: &crate::db::Db) -> crate::error::AppResult<()> {
    crate::organisatie::repo::zorg_voor_regios(db).await?;
    use crate::referentiedata::zorg_voor_standaard;
    zorg_voor_standaard::<crate::zelfscan::model::Vragenlijst>(db).await?;
    zorg_voor_standaard::<crate::werkset::model::Catalogus>(db).await?;
    crate::ontwikkelagenda::service::meegeleverd_laden(db).await
}
