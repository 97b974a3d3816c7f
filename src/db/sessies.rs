//! The session store on the application's own database.
//!
//! tower-sessions' sqlx stores take a native pool, so the store opens a small pool of its own
//! to the same database. On PostgreSQL every instance behind a load balancer shares the table,
//! so any instance serves any session cookie.

use super::{Db, Soort};
use async_trait::async_trait;
use sqlx::ConnectOptions;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, ExpiredDeletion, SessionStore};
use tower_sessions_sqlx_store::{PostgresStore, SqliteStore};

/// Sessions live in table `sessie` (schema `public` on PostgreSQL).
const TABEL: &str = "sessie";

#[derive(Clone, Debug)]
pub enum Sessiestore {
    Sqlite(SqliteStore),
    Postgres(PostgresStore),
}

impl Sessiestore {
    /// Opens the store next to `db` and creates its table when missing. Every page reads its
    /// session: a pool as large as the main one, without a ping before each statement (see
    /// `db::verbinden`).
    pub async fn openen(db: &Db) -> anyhow::Result<Self> {
        let url = db.connect_options().database_url.clone();
        let store = match super::soort(db) {
            Soort::Sqlite => {
                let opties = sqlx::sqlite::SqliteConnectOptions::from_url(&url)?
                    .busy_timeout(std::time::Duration::from_secs(10));
                let pool = sqlx::sqlite::SqlitePoolOptions::new()
                    .max_connections(8)
                    .test_before_acquire(false)
                    .connect_with(opties)
                    .await?;
                let s = SqliteStore::new(pool)
                    .with_table_name(TABEL)
                    .map_err(|e| anyhow::anyhow!(e))?;
                s.migrate().await?;
                Sessiestore::Sqlite(s)
            }
            Soort::Postgres => {
                let opties = sqlx::postgres::PgConnectOptions::from_url(&url)?;
                let pool = sqlx::postgres::PgPoolOptions::new()
                    .max_connections(8)
                    .test_before_acquire(false)
                    .connect_with(opties)
                    .await?;
                let s = PostgresStore::new(pool)
                    .with_schema_name("public")
                    .and_then(|s| s.with_table_name(TABEL))
                    .map_err(|e| anyhow::anyhow!(e))?;
                s.migrate().await?;
                Sessiestore::Postgres(s)
            }
        };
        Ok(store)
    }
}

#[async_trait]
impl SessionStore for Sessiestore {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        match self {
            Sessiestore::Sqlite(s) => s.create(record).await,
            Sessiestore::Postgres(s) => s.create(record).await,
        }
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        match self {
            Sessiestore::Sqlite(s) => s.save(record).await,
            Sessiestore::Postgres(s) => s.save(record).await,
        }
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        match self {
            Sessiestore::Sqlite(s) => s.load(id).await,
            Sessiestore::Postgres(s) => s.load(id).await,
        }
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        match self {
            Sessiestore::Sqlite(s) => s.delete(id).await,
            Sessiestore::Postgres(s) => s.delete(id).await,
        }
    }
}

#[async_trait]
impl ExpiredDeletion for Sessiestore {
    async fn delete_expired(&self) -> session_store::Result<()> {
        match self {
            Sessiestore::Sqlite(s) => s.delete_expired().await,
            Sessiestore::Postgres(s) => s.delete_expired().await,
        }
    }
}
