//! The state every handler shares: the database, the configuration and the sign-in and
//! audit-page bookkeeping.

use std::sync::{Arc, OnceLock};

#[derive(Clone)]
pub struct AppState {
    /// Set once the database is known to hold the demo (a database never loses it).
    demo: Arc<OnceLock<()>>,
    pub db: crate::db::Db,
    pub config: Arc<crate::config::Config>,
    /// Failed sign-ins per client address (the rising delay), counted in the database.
    pub inlogremming: Arc<super::inlogbeveiliging::Adresremming>,
    /// The audit page's last check of the chain (continued by the next view).
    pub auditcontrole: crate::audit::service::Paginacontroles,
    /// Counts what waits for a user on Mijn werk, for the menu of every page (set by the
    /// application, which knows that page; `None`: no count).
    pub werkteller: Option<Werkteller>,
}

/// How many items wait for a user (`None` when that cannot be told now).
pub type Werkteller =
    fn(
        crate::db::Db,
        super::model::Gebruiker,
    ) -> std::pin::Pin<Box<dyn std::future::Future<Output = Option<i64>> + Send>>;

impl AppState {
    pub fn new(db: crate::db::Db, config: crate::config::Config) -> Self {
        Self {
            inlogremming: Arc::new(super::inlogbeveiliging::Adresremming::new(
                config.inlog,
                config
                    .audit_sleutel
                    .as_ref()
                    .map_or(crate::config::DEMO_AUDIT_SLEUTEL.as_bytes(), |s| s.bytes()),
            )),
            auditcontrole: Default::default(),
            werkteller: None,
            demo: Default::default(),
            db,
            config: Arc::new(config),
        }
    }

    /// Whether the database holds the fictional demo data; remembered once it does.
    pub async fn is_demo(&self) -> bool {
        if self.demo.get().is_some() {
            return true;
        }
        let demo = crate::db::is_demo(&self.db).await;
        if demo {
            let _ = self.demo.set(());
        }
        demo
    }
}
