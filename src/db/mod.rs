//! Database pool, migrations, backups and small shared helpers.

pub mod backup;

use sqlx::SqlitePool;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

pub type Db = SqlitePool;
pub type Tx<'a> = sqlx::Transaction<'a, sqlx::Sqlite>;
pub type Conn = sqlx::SqliteConnection;
pub type Rij = sqlx::sqlite::SqliteRow;
pub type Resultaat = sqlx::sqlite::SqliteQueryResult;

/// Opens (and creates if needed) the SQLite database and runs all migrations.
pub async fn open(path: &Path) -> anyhow::Result<Db> {
    let opts = SqliteConnectOptions::from_str(&format!("sqlite://{}", path.display()))?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Full)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(10));
    let pool = SqlitePoolOptions::new()
        .max_connections(8)
        .connect_with(opts)
        .await?;
    sqlx::migrate!("./migrations/sqlite").run(&pool).await?;
    Ok(pool)
}

/// Starts a write transaction. `BEGIN IMMEDIATE` takes SQLite's write lock up front, so
/// concurrent writers queue on the busy timeout instead of failing with "database is locked"
/// when a transaction that started by reading (e.g. the audit chain's last hash) tries to
/// write after another one committed.
pub async fn begin(db: &Db) -> sqlx::Result<Tx<'static>> {
    db.begin_with("BEGIN IMMEDIATE").await
}

/// Current time as ISO-8601 UTC text (seconds precision).
pub fn nu() -> String {
    let now = time::OffsetDateTime::now_utc();
    now.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
        .chars()
        .take(19)
        .collect::<String>()
        + "Z"
}

/// Today's date (UTC) as `YYYY-MM-DD`.
pub fn vandaag() -> String {
    nu()[..10].to_string()
}

/// Current time in milliseconds since the Unix epoch.
pub fn nu_ms() -> i64 {
    i64::try_from(time::OffsetDateTime::now_utc().unix_timestamp_nanos() / 1_000_000)
        .unwrap_or(i64::MAX)
}

/// Epoch milliseconds as ISO-8601 UTC text (seconds precision), like [`nu`].
pub fn ms_als_tijd(ms: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(ms / 1000)
        .ok()
        .and_then(|t| {
            t.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .unwrap_or_default()
}
