//! Database pool, migrations and small shared helpers (backups and moving to PostgreSQL are in
//! `onderhoud`).

pub mod bulk;
pub mod geheugen;
mod sessies;
pub mod taak;
mod vlag;
pub mod wal;

pub use sessies::Sessiestore;

/// The `instelling` row that marks a database holding the fictional demo data.
pub const DEMO_VLAG: &str = "demo_geladen";

/// Whether the database holds the fictional demo data (the pages then carry a banner).
pub async fn is_demo(db: &Db) -> bool {
    sqlx::query_scalar::<_, String>("SELECT waarde FROM instelling WHERE sleutel = $1")
        .bind(DEMO_VLAG)
        .fetch_optional(db)
        .await
        .ok()
        .flatten()
        .is_some()
}

/// A setting (`instelling`), if set.
pub async fn instelling(db: &Db, sleutel: &str) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar("SELECT waarde FROM instelling WHERE sleutel = $1")
        .bind(sleutel)
        .fetch_optional(db)
        .await
}

/// Sets a setting that may change (a public text), in `conn`'s transaction.
pub async fn instelling_zetten(conn: &mut Conn, sleutel: &str, waarde: &str) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO instelling (sleutel, waarde) VALUES ($1, $2)
         ON CONFLICT (sleutel) DO UPDATE SET waarde = excluded.waarde",
    )
    .bind(sleutel)
    .bind(waarde)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Records a setting (`instelling`) in `conn`'s transaction; a key is set once.
pub async fn instelling_vastleggen(
    conn: &mut Conn,
    sleutel: &str,
    waarde: &str,
) -> sqlx::Result<()> {
    sqlx::query("INSERT INTO instelling (sleutel, waarde) VALUES ($1, $2)")
        .bind(sleutel)
        .bind(waarde)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Marks the database as holding the fictional demo data (see [`is_demo`]).
pub async fn demo_markeren(conn: &mut Conn) -> sqlx::Result<()> {
    instelling_vastleggen(conn, DEMO_VLAG, &nu()).await
}

pub use vlag::{Kommagetal, Vlag};

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Executor};
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// The application's pool: SQLite (embedded, the default) or PostgreSQL, through sqlx's `Any`
/// driver, so every query is written once. Repositories take `&mut Conn` and name no driver.
pub type Db = sqlx::AnyPool;
pub type Tx<'a> = sqlx::Transaction<'a, sqlx::Any>;
pub type Conn = sqlx::AnyConnection;
pub type Rij = sqlx::any::AnyRow;
pub type Resultaat = sqlx::any::AnyQueryResult;

/// Where the database lives: a path (or `sqlite:` URL) for the embedded SQLite default, a
/// `postgres://` URL for a national deployment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Locatie {
    Sqlite(PathBuf),
    Postgres(String),
}

/// Which database a pool or connection talks to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Soort {
    Sqlite,
    Postgres,
}

impl FromStr for Locatie {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let s = s.trim();
        if s.is_empty() {
            return Err("geef een databasepad of een postgres://-adres op".into());
        }
        if s.starts_with("postgres://") || s.starts_with("postgresql://") {
            return Ok(Locatie::Postgres(s.to_string()));
        }
        if let Some(rest) = s
            .strip_prefix("sqlite://")
            .or_else(|| s.strip_prefix("sqlite:"))
        {
            let pad = rest.split('?').next().unwrap_or_default();
            if pad.is_empty() {
                return Err("sqlite:-adres zonder bestandspad".into());
            }
            return Ok(Locatie::Sqlite(PathBuf::from(pad)));
        }
        if s.contains("://") {
            return Err("onbekend soort database-adres: gebruik een bestandspad, sqlite:PAD of postgres://…".into());
        }
        Ok(Locatie::Sqlite(PathBuf::from(s)))
    }
}

impl From<&Path> for Locatie {
    fn from(p: &Path) -> Self {
        Locatie::Sqlite(p.to_path_buf())
    }
}

impl From<PathBuf> for Locatie {
    fn from(p: PathBuf) -> Self {
        Locatie::Sqlite(p)
    }
}

impl Locatie {
    pub fn soort(&self) -> Soort {
        match self {
            Locatie::Sqlite(_) => Soort::Sqlite,
            Locatie::Postgres(_) => Soort::Postgres,
        }
    }

    /// The SQLite file, if this is one.
    pub fn pad(&self) -> Option<&Path> {
        match self {
            Locatie::Sqlite(p) => Some(p),
            Locatie::Postgres(_) => None,
        }
    }

    /// As given on the command line (`--db`): the path, or the full URL, password included.
    pub fn als_argument(&self) -> String {
        match self {
            Locatie::Sqlite(p) => p.display().to_string(),
            Locatie::Postgres(u) => u.clone(),
        }
    }

    /// The connection URL for sqlx (SQLite creates the file when missing).
    fn url(&self) -> String {
        match self {
            Locatie::Sqlite(p) => {
                sqlite_url(p, SqliteConnectOptions::new().create_if_missing(true))
            }
            Locatie::Postgres(u) => u.clone(),
        }
    }
}

/// A description safe to print: the path, or the PostgreSQL address without its password.
impl std::fmt::Display for Locatie {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Locatie::Sqlite(p) => write!(f, "{}", p.display()),
            Locatie::Postgres(u) => match url_zonder_wachtwoord(u) {
                Some(u) => f.write_str(&u),
                None => f.write_str("postgres://…"),
            },
        }
    }
}

/// The URL of an SQLite file with `opties`; absolute, so the file name is the URL's path and
/// never its host.
fn sqlite_url(pad: &Path, opties: SqliteConnectOptions) -> String {
    let pad = std::path::absolute(pad).unwrap_or_else(|_| pad.to_path_buf());
    opties.filename(pad).to_url_lossy().to_string()
}

/// A small pool on an SQLite file as it is, without migrations: read-only and (for a copy
/// nobody writes) immutable when asked. For backups and their checks.
pub async fn sqlite_zonder_migraties(
    pad: &Path,
    alleen_lezen: bool,
    onveranderlijk: bool,
) -> sqlx::Result<Db> {
    sqlx::any::install_default_drivers();
    let opties = SqliteConnectOptions::new()
        .read_only(alleen_lezen)
        .immutable(onveranderlijk);
    AnyPoolOptions::new()
        .max_connections(1)
        .connect(&sqlite_url(pad, opties))
        .await
}

fn url_zonder_wachtwoord(u: &str) -> Option<String> {
    let (schema, rest) = u.split_once("://")?;
    let (gebruiker_deel, host_deel) = match rest.rsplit_once('@') {
        Some((g, h)) => (Some(g), h),
        None => (None, rest),
    };
    let gebruiker = gebruiker_deel.map(|g| g.split(':').next().unwrap_or_default());
    let host = host_deel.split('?').next().unwrap_or_default();
    Some(match gebruiker {
        Some(g) => format!("{schema}://{g}@{host}"),
        None => format!("{schema}://{host}"),
    })
}

/// Which database a pool reaches (its connection address), as a key for per-instance memory
/// (`geheugen`) so several databases in one process (tests) never share
/// values. Kept in memory only, never shown: a PostgreSQL address may hold a password.
pub fn sleutel(db: &Db) -> String {
    db.connect_options().database_url.to_string()
}

/// Opens (and creates if needed) the embedded SQLite database at `path` and runs all migrations.
pub async fn open(path: &Path) -> anyhow::Result<Db> {
    verbinden(&Locatie::Sqlite(path.to_path_buf())).await
}

/// Connects to the database at `locatie` and runs all migrations of its backend.
pub async fn verbinden(locatie: &Locatie) -> anyhow::Result<Db> {
    sqlx::any::install_default_drivers();
    // Statements slower than a second at level info, not warn: bulk writes and migrations
    // (the national demo, an import, a new index) take longer by design, and the terminal
    // showed each one's whole SQL text. `VOOROP_LOG=info,sqlx=info` shows them.
    let opties = AnyConnectOptions::from_str(&locatie.url())
        .map_err(|e| verbindingsfout(locatie, &e))?
        .log_slow_statements(log::LevelFilter::Info, std::time::Duration::from_secs(1));
    {
        // One connection first: the pool would retry an unreachable server (or a file that is
        // no database) until its timeout and then report only that it timed out, not why.
        use sqlx::{Connection, Executor};
        let mut conn = sqlx::AnyConnection::connect_with(&opties)
            .await
            .map_err(|e| verbindingsfout(locatie, &e))?;
        if locatie.soort() == Soort::Sqlite {
            // Reads the file's header: "file is not a database" shows here.
            conn.execute("PRAGMA schema_version")
                .await
                .map_err(|e| verbindingsfout(locatie, &e))?;
        }
        conn.close().await.ok();
    }
    // No ping before each statement (sqlx's default): it doubled the round trips of every
    // statement taken straight from the pool. A connection that broke (a restarted database
    // server) fails the one statement that finds it and is then replaced.
    let pool = match locatie.soort() {
        // WAL for concurrent readers, FULL sync so an acknowledged write survives a crash,
        // and a long busy timeout so writers queue instead of failing.
        Soort::Sqlite => AnyPoolOptions::new()
            .max_connections(8)
            .test_before_acquire(false)
            .after_connect(|conn, _| {
                Box::pin(async move {
                    conn.execute(
                        "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; \
                         PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000;",
                    )
                    .await?;
                    Ok(())
                })
            }),
        // A lock wait longer than the SQLite busy timeout fails the request rather than hang it.
        Soort::Postgres => AnyPoolOptions::new()
            .max_connections(16)
            .test_before_acquire(false)
            .after_connect(|conn, _| {
                Box::pin(async move {
                    conn.execute("SET lock_timeout = '10s'; SET TIME ZONE 'UTC';")
                        .await?;
                    Ok(())
                })
            }),
    }
    .connect_with(opties)
    .await
    .map_err(|e| verbindingsfout(locatie, &e))?;
    migreren(&pool, locatie.soort()).await?;
    // Statistics help the planner but are not needed to work: a database busy with another
    // process's long write must not stop this one from opening.
    if let Err(e) = statistieken_bijwerken(&pool).await {
        tracing::warn!(fout = %e, "statistieken niet bijgewerkt; volgende keer opnieuw");
    }
    Ok(pool)
}

/// Keeps the planner's statistics current, so it picks the narrow indexes (the partial
/// `moment_deelnemer_voorzitter`, the covering `moment_kenmerken`) once tables grow. SQLite
/// analyses only on request: `PRAGMA optimize=0x10002` analyses the tables whose statistics are
/// missing or out of date (sampled: `analysis_limit`), and is quick when nothing changed; it runs
/// when a pool opens and daily (`serve`). PostgreSQL's autovacuum does this by itself.
pub async fn statistieken_bijwerken(db: &Db) -> sqlx::Result<()> {
    if soort(db) == Soort::Sqlite {
        let mut conn = db.acquire().await?;
        conn.execute("PRAGMA analysis_limit = 1000; PRAGMA optimize = 0x10002;")
            .await?;
    }
    Ok(())
}

/// After a bulk load into tables that grew from nothing (the national demo, `voorop migreer`).
/// SQLite: fresh statistics ([`statistieken_bijwerken`]). PostgreSQL: `VACUUM (ANALYZE)` of the
/// tables in Voorop's schema, the work autovacuum would otherwise do in the first minutes while users wait:
/// statistics for the planner, and the visibility map without which every index-only scan
/// (the privacy officer's part in `audit_zicht`, the covering `moment_kenmerken`) also reads
/// the table's pages.
pub async fn na_bulklading(db: &Db) -> sqlx::Result<()> {
    if soort(db) == Soort::Sqlite {
        return statistieken_bijwerken(db).await;
    }
    // The tables of Voorop's own schema only (a database may hold others).
    let tabellen: Vec<String> = sqlx::query_scalar(
        "SELECT quote_ident(CAST(table_name AS TEXT)) FROM information_schema.tables
         WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1",
    )
    .fetch_all(db)
    .await?;
    if !tabellen.is_empty() {
        db.execute(format!("VACUUM (ANALYZE) {}", tabellen.join(", ")).as_str())
            .await?;
    }
    Ok(())
}

/// What the administrator reads when the database cannot be reached: in Dutch, with what to
/// check, the address without its password, and the driver's own words last.
fn verbindingsfout(locatie: &Locatie, e: &sqlx::Error) -> anyhow::Error {
    // A refused server certificate reaches sqlx as an I/O error from the TLS stream.
    let tls = |io: &std::io::Error| {
        let t = io.to_string().to_lowercase();
        t.contains("certificate") || t.contains("tls") || t.contains("handshake")
    };
    let wat = match &e {
        sqlx::Error::Io(io) if tls(io) => {
            "de beveiligde verbinding (TLS) kwam niet tot stand: het certificaat van de server \
             wordt niet vertrouwd. Geef bij sslmode=verify-ca of verify-full in sslrootcert het \
             CA-certificaat van de server op"
        }
        sqlx::Error::Tls(_) => {
            "de beveiligde verbinding (TLS) kwam niet tot stand. Controleer sslmode en, bij \
             sslmode=verify-ca of verify-full, sslrootcert (het CA-certificaat van de server) \
             in het adres"
        }
        sqlx::Error::Io(_) => {
            "de server is niet bereikbaar. Controleer host en poort, en of de databaseserver draait"
        }
        // SQLite's own errors: the file cannot be opened or made, is not a database, or is
        // locked by another process.
        sqlx::Error::Database(d) if locatie.pad().is_some() => match d.code().as_deref() {
            Some("14") => {
                "het bestand kan niet worden geopend of gemaakt. Controleer of de map bestaat \
                 en of Voorop erin mag schrijven"
            }
            Some("26") => "dit bestand is geen SQLite-database",
            Some("5" | "6") => "de database is bezet door een ander proces. Probeer het zo opnieuw",
            Some("8") => "de database is alleen-lezen. Controleer de rechten op het bestand",
            _ => "de database kan niet worden geopend",
        },
        sqlx::Error::Database(_) => {
            "de server weigert de verbinding. Controleer gebruiker, wachtwoord en databasenaam"
        }
        sqlx::Error::PoolTimedOut => {
            "de server antwoordt niet op tijd. Controleer host en poort, en of de databaseserver draait"
        }
        sqlx::Error::Configuration(_) => "het adres is ongeldig",
        _ => "de verbinding mislukte",
    };
    anyhow::anyhow!("Database {locatie}: {wat}. (Melding van het stuurprogramma: {e})")
}

/// Runs the backend's migration set (`migrations/sqlite` or `migrations/postgres`: the same
/// versions, each in its dialect; `tests/integratie/migraties.rs` keeps them in step).
///
/// SQLite migrates on one connection with foreign keys off, checked afterwards when a migration
/// ran: a migration that rebuilds a table (0011) would otherwise fail on every database in
/// which rows refer to that table. (The check reads every row: a second on the national
/// dataset, so not on every open.) PostgreSQL checks its keys itself and takes an advisory
/// lock, so two instances starting together migrate once.
async fn migreren(pool: &Db, soort: Soort) -> anyhow::Result<()> {
    match soort {
        Soort::Sqlite => {
            let mut conn = pool.acquire().await?;
            let voor = toegepaste_migraties(&mut conn).await?;
            conn.execute("PRAGMA foreign_keys = OFF").await?;
            let uitkomst = sqlx::migrate!("./migrations/sqlite").run(&mut *conn).await;
            conn.execute("PRAGMA foreign_keys = ON").await?;
            uitkomst?;
            if toegepaste_migraties(&mut conn).await? == voor {
                return Ok(());
            }
            let fouten: Vec<String> =
                sqlx::query_scalar("SELECT \"table\" FROM pragma_foreign_key_check")
                    .fetch_all(&mut *conn)
                    .await?;
            if let Some(t) = fouten.first() {
                anyhow::bail!(
                    "Na de migraties verwijzen {} rij(en) naar niets (eerst in tabel {t}).",
                    fouten.len()
                );
            }
        }
        Soort::Postgres => sqlx::migrate!("./migrations/postgres").run(pool).await?,
    }
    Ok(())
}

/// How many migrations a SQLite database has applied (0 before the first).
async fn toegepaste_migraties(conn: &mut Conn) -> sqlx::Result<i64> {
    let tabel: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations'",
    )
    .fetch_one(&mut *conn)
    .await?;
    if tabel == 0 {
        return Ok(0);
    }
    sqlx::query_scalar("SELECT COUNT(*) FROM _sqlx_migrations WHERE success")
        .fetch_one(conn)
        .await
}

/// The backend of a pool.
pub fn soort(db: &Db) -> Soort {
    if db
        .connect_options()
        .database_url
        .scheme()
        .starts_with("postgres")
    {
        Soort::Postgres
    } else {
        Soort::Sqlite
    }
}

/// After rows were written with explicit ids (`voorop migreer`, the national demo): moves every
/// identity sequence past the largest id, so rows added later get fresh ids. PostgreSQL only;
/// SQLite takes the next rowid after the largest by itself.
pub async fn identiteiten_bijwerken(conn: &mut Conn) -> sqlx::Result<()> {
    if conn.backend_name() != "PostgreSQL" {
        return Ok(());
    }
    let kolommen: Vec<(String, String)> = sqlx::query_as(
        "SELECT CAST(table_name AS TEXT), CAST(column_name AS TEXT) FROM information_schema.columns
         WHERE table_schema = current_schema() AND is_identity = 'YES' ORDER BY 1, 2",
    )
    .fetch_all(&mut *conn)
    .await?;
    for (tabel, k) in kolommen {
        sqlx::query(&format!(
            "SELECT CAST(setval(pg_get_serial_sequence('{tabel}', '{k}'), \
             COALESCE(MAX({k}), 0) + 1, false) AS BIGINT) FROM {tabel}"
        ))
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Advisory lock key that serialises Voorop's write transactions on PostgreSQL ("VOOROP" in ASCII).
const SCHRIJFSLOT: i64 = 0x564F_4F52_4F50;

/// Starts a write transaction; write transactions run one at a time, as the audit chain (head
/// read, then head + 1), the login lockout and the "last beheerder" check rely on.
/// SQLite: `BEGIN IMMEDIATE` takes the write lock up front, so concurrent writers queue on the
/// busy timeout instead of failing with "database is locked" when a transaction that started
/// by reading tries to write after another one committed. PostgreSQL: a transaction-scoped
/// advisory lock taken first, which serialises writers across every instance on the database
/// and is released at commit or rollback; readers take no lock.
pub async fn begin(db: &Db) -> sqlx::Result<Tx<'static>> {
    match soort(db) {
        Soort::Sqlite => db.begin_with("BEGIN IMMEDIATE").await,
        Soort::Postgres => schrijfslot(db.begin().await?).await,
    }
}

/// [`begin`] on a connection the caller holds.
pub async fn begin_op(conn: &mut Conn) -> sqlx::Result<Tx<'_>> {
    use sqlx::Connection;
    if conn.backend_name() == "PostgreSQL" {
        schrijfslot(conn.begin().await?).await
    } else {
        conn.begin_with("BEGIN IMMEDIATE").await
    }
}

/// PostgreSQL: takes the writers' advisory lock in `tx` (see [`begin`]).
async fn schrijfslot(mut tx: Tx<'_>) -> sqlx::Result<Tx<'_>> {
    sqlx::query("SELECT pg_advisory_xact_lock($1)")
        .bind(SCHRIJFSLOT)
        .execute(&mut *tx)
        .await?;
    Ok(tx)
}

/// The moment `maanden` months before `nu` (`YYYY-MM-DDTHH:MM:SSZ`), clamping the day to the
/// length of the target month.
pub fn maanden_terug(nu: &str, maanden: u32) -> String {
    let jaar: i32 = nu[..4].parse().unwrap_or(2000);
    let maand: i32 = nu[5..7].parse().unwrap_or(1);
    let dag: u8 = nu[8..10].parse().unwrap_or(1);
    let totaal = jaar * 12 + (maand - 1) - i32::try_from(maanden).unwrap_or(i32::MAX / 2);
    let (j, m) = (totaal.div_euclid(12), totaal.rem_euclid(12) + 1);
    let maand = time::Month::try_from(u8::try_from(m).unwrap_or(1)).unwrap_or(time::Month::January);
    let dag = dag.min(maand.length(j));
    format!("{j:04}-{:02}-{dag:02}{}", u8::from(maand), &nu[10..])
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

/// The current calendar year (UTC), for pages that open on "this year".
pub fn dit_jaar() -> i32 {
    time::OffsetDateTime::now_utc().year()
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
