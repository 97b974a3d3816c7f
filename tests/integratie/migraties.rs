//! The two migration sets stay in step (docs/ontwerp/postgresql.md §2): `migrations/sqlite`
//! and `migrations/postgres` have the same versions and descriptions, always checked. With a
//! PostgreSQL `VOOROP_TEST_DB` (`postgres://…` or `postgresql://…`) each test that needs a
//! server makes its own database there (dropped at the end) and checks that both sets build
//! the same schema (a normalised catalogue), carry existing rows over alike, and that the
//! triggers refuse the same statements on both backends.

use std::collections::{BTreeMap, BTreeSet};
use std::future::Future;
use std::str::FromStr;
use std::sync::atomic::{AtomicU32, Ordering};

use sqlx::error::ErrorKind;
use sqlx::migrate::Migrator;
use sqlx::postgres::{PgConnectOptions, PgConnection, PgPool, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqlitePool, SqlitePoolOptions};
use sqlx::{Connection, Row};

static SQLITE: Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES: Migrator = sqlx::migrate!("./migrations/postgres");

/// 0/1 flag columns: INTEGER on SQLite, BOOLEAN on PostgreSQL.
const VLAGGEN: &[(&str, &str)] = &[
    ("casus", "herhaling"),
    ("gebruiker", "actief"),
    ("gebruiker", "wachtwoord_wijzigen"),
    ("melding_voorkeur", "in_voorop"),
    ("melding_voorkeur", "per_email"),
    ("organisatie", "actief"),
    ("vergadering_aanwezigheid", "aanwezig"),
];

/// `INTEGER PRIMARY KEY` columns that are no identity on PostgreSQL: the application assigns
/// audit ids (last + 1), a moment's personal data is keyed by the moment's id, and a plan by
/// its year.
const GEEN_IDENTITEIT: &[(&str, &str)] = &[
    ("audit_log", "id"),
    ("moment_persoon", "moment_id"),
    ("uitvoeringsplan", "jaar"),
];

const OVERGESLAGEN: &str = "overgeslagen: VOOROP_TEST_DB is geen postgres-URL";

fn is_vlag(tabel: &str, kolom: &str) -> bool {
    VLAGGEN.contains(&(tabel, kolom))
}

// ---------------------------------------------------------------------------------------
// (a) Same versions and descriptions.

#[test]
fn zelfde_versies_en_beschrijvingen() {
    let lijst = |m: &Migrator| -> Vec<(i64, String, String)> {
        m.iter()
            .map(|m| {
                (
                    m.version,
                    m.description.to_string(),
                    format!("{:?}", m.migration_type),
                )
            })
            .collect()
    };
    let sqlite = lijst(&SQLITE);
    let postgres = lijst(&POSTGRES);
    assert!(sqlite.len() >= 14, "SQLite-migraties niet gevonden");
    assert_eq!(
        sqlite, postgres,
        "migrations/sqlite en migrations/postgres horen dezelfde versies en beschrijvingen te hebben"
    );
}

// ---------------------------------------------------------------------------------------
// Databases for one test.

fn postgres_url() -> Option<String> {
    let url = std::env::var("VOOROP_TEST_DB").ok()?;
    (url.starts_with("postgres://") || url.starts_with("postgresql://")).then_some(url)
}

/// Drops the test database when the test ends, also when it panics (then from `Drop`, on a
/// thread of its own with its own runtime; `WITH (FORCE)` ends the test's connections).
struct Opruimen {
    opties: PgConnectOptions,
    naam: String,
}

impl Drop for Opruimen {
    fn drop(&mut self) {
        let opties = self.opties.clone();
        let sql = format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.naam);
        let klaar = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("runtime");
            rt.block_on(async {
                let mut beheer = PgConnection::connect_with(&opties).await?;
                sqlx::raw_sql(&sql).execute(&mut beheer).await?;
                beheer.close().await
            })
        })
        .join();
        if !matches!(klaar, Ok(Ok(()))) && !std::thread::panicking() {
            panic!("testdatabase {} niet opgeruimd: {klaar:?}", self.naam);
        }
    }
}

/// A fresh database on the server of `url`, handed to `test`, dropped afterwards.
async fn met_pg_database<F, Fut>(url: &str, test: F)
where
    F: FnOnce(PgPool) -> Fut,
    Fut: Future<Output = ()>,
{
    static TELLER: AtomicU32 = AtomicU32::new(0);
    let opties = PgConnectOptions::from_str(url).expect("VOOROP_TEST_DB is geen geldige URL");
    let naam = format!(
        "voorop_migraties_{}_{}_{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_millis())
            .unwrap_or_default(),
        TELLER.fetch_add(1, Ordering::Relaxed)
    );
    let mut beheer = PgConnection::connect_with(&opties)
        .await
        .expect("verbinding met VOOROP_TEST_DB");
    sqlx::raw_sql(&format!(
        "CREATE DATABASE {naam} TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C'"
    ))
    .execute(&mut beheer)
    .await
    .expect("testdatabase aanmaken");
    beheer.close().await.ok();
    let _opruimen = Opruimen {
        opties: opties.clone(),
        naam: naam.clone(),
    };
    let pool = PgPoolOptions::new()
        .max_connections(2)
        .connect_with(opties.database(&naam))
        .await
        .expect("verbinding met de testdatabase");
    test(pool.clone()).await;
    pool.close().await;
}

async fn sqlite_database(dir: &tempfile::TempDir) -> SqlitePool {
    let opties = SqliteConnectOptions::new()
        .filename(dir.path().join("migraties.db"))
        .create_if_missing(true)
        .foreign_keys(true);
    SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(opties)
        .await
        .expect("SQLite-database")
}

// ---------------------------------------------------------------------------------------
// The normalised catalogue: one line per fact, comparable across both backends.

/// PostgreSQL prints `x IN ('a','b')` as `x = ANY (ARRAY['a'::text, 'b'::text])`.
fn normaliseer_voorwaarde(sql: &str) -> String {
    sql.to_lowercase()
        .replace("::text", "")
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '(' && *c != ')')
        .collect::<String>()
        .replace("=anyarray[", "in")
        .replace(']', "")
}

fn normaliseer_standaard(waarde: &str, vlag: bool) -> String {
    let w = waarde.trim().trim_end_matches("::text");
    match (vlag, w.to_lowercase().as_str()) {
        (true, "true" | "1") => "1".into(),
        (true, "false" | "0") => "0".into(),
        _ => w.to_string(),
    }
}

fn fk_actie(code: &str) -> &'static str {
    match code {
        "a" => "NO ACTION",
        "r" => "RESTRICT",
        "c" => "CASCADE",
        "n" => "SET NULL",
        "d" => "SET DEFAULT",
        _ => "?",
    }
}

/// INSERT triggers that PostgreSQL runs once per statement over its new rows (0024) where SQLite
/// runs the trigger of the same name per row; they keep the same values up to date.
const PER_STATEMENT_OP_POSTGRES: &[&str] = &[
    "indicator_moment_invoegen",
    "moment_eerste_invoegen",
    "indicator_casus_invoegen",
    "indicator_deelnemer_invoegen",
    "audit_zicht_regels",
    "audit_zicht_deelnemers",
];

/// Columns that SQLite generates and PostgreSQL stores as Voorop computes them (0026,
/// `casus::model::kenmerken`); `kenmerken_gelijk` in `indicatoren_gelijk` holds the values
/// equal. Listed as generated on both sides here, and checked to be plain on PostgreSQL.
const VAN_VOOROP_OP_POSTGRES: &[(&str, &str)] = &[
    ("moment", "k_dagdeel"),
    ("moment", "k_reactie"),
    ("moment", "k_veiligheidsbeoordeling"),
    ("moment", "k_vt_melding_datum"),
    ("moment", "k_terugkoppeling_op"),
    ("moment", "k_vt_betrokkenheid"),
    ("moment", "k_contact_verkregen"),
    ("moment", "k_vt_afdoeningsoverleg"),
    ("moment", "k_vt_geinformeerd"),
    ("moment", "k_beslissing"),
    ("moment", "k_beslissing_tijdstip"),
    ("moment", "k_veiligheidsvoorwaarden"),
    ("moment", "k_anoniem"),
    ("moment", "k_onderzoeksplan"),
    ("moment", "k_responstijd"),
    ("moment", "k_doorlooptijd"),
    ("moment", "k_beoordeling_voor"),
    ("moment", "k_consultatie"),
    ("moment", "k_contact_gezocht"),
    ("moment", "k_ophoud_minuten"),
    ("moment", "k_criterium"),
];

/// The triggers that compute those columns on PostgreSQL for a writer that does not give them
/// (0026), where SQLite generates them.
const KENMERK_TRIGGERS_OP_POSTGRES: &[&str] =
    &["moment_kenmerken_invoegen", "moment_kenmerken_wijzigen"];

/// `BEFORE DELETE` and the like, from SQLite's trigger text.
fn sqlite_trigger_soort(sql: &str) -> String {
    let woorden: Vec<String> = sql.split_whitespace().map(str::to_uppercase).collect();
    // CREATE [TEMP] TRIGGER [IF NOT EXISTS] name
    let mut i = woorden
        .iter()
        .position(|w| w == "TRIGGER")
        .expect("CREATE TRIGGER")
        + 1;
    if woorden[i] == "IF" {
        i += 3;
    }
    i += 1;
    let (moment, i) = match woorden[i].as_str() {
        "BEFORE" => ("BEFORE", i + 1),
        "AFTER" => ("AFTER", i + 1),
        "INSTEAD" => ("INSTEAD OF", i + 2),
        _ => ("BEFORE", i),
    };
    format!("{moment} {}", woorden[i])
}

/// Column names per table (SQLite's, in order), for the row dumps.
struct Kolommen(BTreeMap<String, Vec<String>>);

struct Verwijzing {
    van: Vec<String>,
    tabel: String,
    naar: Vec<String>,
    bij_delete: String,
    bij_update: String,
}

async fn catalogus_sqlite(db: &SqlitePool) -> (BTreeSet<String>, Kolommen) {
    let mut regels = BTreeSet::new();
    let mut kolommen = BTreeMap::new();
    let tabellen: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table'
           AND substr(name, 1, 7) <> 'sqlite_' AND name <> '_sqlx_migrations' ORDER BY name",
    )
    .fetch_all(db)
    .await
    .expect("tabellen");
    let delete_triggers: BTreeSet<String> = sqlx::query_as::<_, (String, String)>(
        "SELECT tbl_name, sql FROM sqlite_master WHERE type = 'trigger'",
    )
    .fetch_all(db)
    .await
    .expect("triggers")
    .into_iter()
    .filter(|(_, sql)| sqlite_trigger_soort(sql) == "BEFORE DELETE")
    .map(|(t, _)| t)
    .collect();
    for t in &tabellen {
        regels.insert(format!("tabel {t}"));
        let rijen = sqlx::query(
            "SELECT name, type, \"notnull\", dflt_value, pk, hidden FROM pragma_table_xinfo($1) ORDER BY cid",
        )
        .bind(t)
        .fetch_all(db)
        .await
        .expect("kolommen");
        let pk_aantal = rijen.iter().filter(|r| r.get::<i64, _>("pk") > 0).count();
        let mut pk: Vec<(i64, String)> = Vec::new();
        let mut namen = Vec::new();
        for (i, r) in rijen.iter().enumerate() {
            let naam: String = r.get("name");
            let soort: String = r.get("type");
            let not_null: i64 = r.get("notnull");
            let standaard: Option<String> = r.get("dflt_value");
            let pk_nr: i64 = r.get("pk");
            // Generated columns (hidden 2: virtual, 3: stored): their expression is dialect.
            let gegenereerd = r.get::<i64, _>("hidden") >= 2;
            let standaard = if gegenereerd {
                Some("gegenereerd".to_string())
            } else {
                standaard
            };
            let vlag = is_vlag(t, &naam);
            let soort = match soort.to_uppercase().as_str() {
                "INTEGER" if vlag => "boolean".to_string(),
                "INTEGER" => "bigint".to_string(),
                "TEXT" => "text".to_string(),
                "REAL" => "double precision".to_string(),
                anders => format!("onbekend:{anders}"),
            };
            // A primary key column is NOT NULL on PostgreSQL; SQLite only enforces it for
            // INTEGER PRIMARY KEY (a legacy quirk), so count the key as NOT NULL here.
            let nn = if not_null != 0 || pk_nr > 0 {
                " NOT NULL"
            } else {
                ""
            };
            // A single INTEGER PRIMARY KEY is SQLite's rowid: numbered when left out, like an
            // identity on PostgreSQL.
            let auto = pk_nr > 0
                && pk_aantal == 1
                && soort == "bigint"
                && !GEEN_IDENTITEIT.contains(&(t.as_str(), naam.as_str()));
            regels.insert(format!(
                "kolom {t} #{i} {naam} {soort}{nn}{}{}",
                standaard
                    .map(|s| format!(" standaard={}", normaliseer_standaard(&s, vlag)))
                    .unwrap_or_default(),
                if auto { " automatisch" } else { "" }
            ));
            if pk_nr > 0 {
                pk.push((pk_nr, naam.clone()));
            }
            namen.push(naam);
        }
        pk.sort();
        if !pk.is_empty() {
            let pk: Vec<String> = pk.into_iter().map(|(_, n)| n).collect();
            regels.insert(format!("pk {t} ({})", pk.join(",")));
        }

        for r in sqlx::query(
            "SELECT name, \"unique\", origin, partial FROM pragma_index_list($1) ORDER BY name",
        )
        .bind(t)
        .fetch_all(db)
        .await
        .expect("indexen")
        {
            let naam: String = r.get("name");
            let uniek: i64 = r.get("unique");
            let herkomst: String = r.get("origin");
            let gedeeltelijk: i64 = r.get("partial");
            let cols: Vec<Option<String>> =
                sqlx::query_scalar("SELECT name FROM pragma_index_info($1) ORDER BY seqno")
                    .bind(&naam)
                    .fetch_all(db)
                    .await
                    .expect("indexkolommen");
            let cols: Vec<String> = cols
                .into_iter()
                .map(|c| c.unwrap_or_else(|| "?".into()))
                .collect();
            match herkomst.as_str() {
                "pk" => {}
                "u" => {
                    regels.insert(format!("uniek {t} ({})", cols.join(",")));
                }
                _ => {
                    let mut waar = String::new();
                    if gedeeltelijk != 0 {
                        let sql: String = sqlx::query_scalar(
                            "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = $1",
                        )
                        .bind(&naam)
                        .fetch_one(db)
                        .await
                        .expect("indextekst");
                        let sql = sql.split_whitespace().collect::<Vec<_>>().join(" ");
                        let plek = sql.to_lowercase().find(" where ").expect("WHERE");
                        waar = format!(" waar {}", normaliseer_voorwaarde(&sql[plek + 7..]));
                    }
                    regels.insert(format!(
                        "index {naam} op {t} ({}){}{waar}",
                        cols.join(","),
                        if uniek != 0 { " uniek" } else { "" }
                    ));
                }
            }
        }

        // One foreign key per id; its columns come one row each, in order.
        let mut fks: BTreeMap<i64, Verwijzing> = BTreeMap::new();
        for r in sqlx::query(
            "SELECT id, \"table\", \"from\", \"to\", on_update, on_delete
               FROM pragma_foreign_key_list($1) ORDER BY id, seq",
        )
        .bind(t)
        .fetch_all(db)
        .await
        .expect("verwijzingen")
        {
            let fk = fks.entry(r.get("id")).or_insert_with(|| Verwijzing {
                van: Vec::new(),
                tabel: r.get("table"),
                naar: Vec::new(),
                bij_delete: r.get("on_delete"),
                bij_update: r.get("on_update"),
            });
            fk.van.push(r.get("from"));
            fk.naar.push(
                r.get::<Option<String>, _>("to")
                    .unwrap_or_else(|| "?".into()),
            );
        }
        for fk in fks.into_values() {
            regels.insert(format!(
                "fk {t} ({}) -> {} ({}) on delete {} on update {}",
                fk.van.join(","),
                fk.tabel,
                fk.naar.join(","),
                fk.bij_delete,
                fk.bij_update
            ));
        }

        for (naam, sql) in sqlx::query_as::<_, (String, String)>(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = $1",
        )
        .bind(t)
        .fetch_all(db)
        .await
        .expect("triggers")
        {
            regels.insert(format!(
                "trigger {naam} op {t} {} per rij",
                sqlite_trigger_soort(&sql)
            ));
        }
        // SQLite has no TRUNCATE: a table whose deletes a trigger guards must refuse
        // TRUNCATE on PostgreSQL (where TRUNCATE fires no row trigger).
        if delete_triggers.contains(t) {
            regels.insert(format!("weigert truncate {t}"));
        }
        kolommen.insert(t.clone(), namen);
    }
    (regels, Kolommen(kolommen))
}

async fn catalogus_postgres(db: &PgPool) -> BTreeSet<String> {
    let mut regels = BTreeSet::new();
    let tabellen: Vec<String> = sqlx::query_scalar(
        "SELECT c.relname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')
            AND c.relname <> '_sqlx_migrations' ORDER BY 1",
    )
    .fetch_all(db)
    .await
    .expect("tabellen");
    for t in &tabellen {
        regels.insert(format!("tabel {t}"));
        let rijen = sqlx::query(
            "SELECT a.attname::text AS naam, format_type(a.atttypid, a.atttypmod) AS soort,
                    a.attnotnull AS not_null, a.attidentity::text AS identiteit,
                    pg_get_expr(d.adbin, d.adrelid) AS standaard, a.attgenerated::text AS gegenereerd
               FROM pg_attribute a
               LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
              WHERE a.attrelid = to_regclass($1)::oid AND a.attnum > 0 AND NOT a.attisdropped
              ORDER BY a.attnum",
        )
        .bind(t)
        .fetch_all(db)
        .await
        .expect("kolommen");
        for (i, r) in rijen.iter().enumerate() {
            let naam: String = r.get("naam");
            let soort: String = r.get("soort");
            let not_null: bool = r.get("not_null");
            let identiteit: String = r.get("identiteit");
            let standaard: Option<String> = r.get("standaard");
            let gegenereerd = r.get::<String, _>("gegenereerd") == "s";
            let van_voorop = VAN_VOOROP_OP_POSTGRES.contains(&(t.as_str(), naam.as_str()));
            assert!(
                !(van_voorop && gegenereerd),
                "{t}.{naam} staat in VAN_VOOROP_OP_POSTGRES maar wordt door PostgreSQL berekend"
            );
            let standaard = if gegenereerd || van_voorop {
                Some("gegenereerd".to_string())
            } else {
                standaard
            };
            let vlag = soort == "boolean";
            regels.insert(format!(
                "kolom {t} #{i} {naam} {soort}{}{}{}",
                if not_null { " NOT NULL" } else { "" },
                standaard
                    .map(|s| format!(" standaard={}", normaliseer_standaard(&s, vlag)))
                    .unwrap_or_default(),
                match identiteit.as_str() {
                    "d" => " automatisch",
                    "a" => " automatisch(always)",
                    _ => "",
                }
            ));
        }

        for r in sqlx::query(
            "SELECT c.contype::text AS soort,
                    (SELECT string_agg(a.attname::text, ',' ORDER BY k.n)
                       FROM unnest(c.conkey) WITH ORDINALITY AS k(num, n)
                       JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.num) AS van,
                    (SELECT r.relname::text FROM pg_class r WHERE r.oid = c.confrelid) AS tabel,
                    (SELECT string_agg(a.attname::text, ',' ORDER BY k.n)
                       FROM unnest(c.confkey) WITH ORDINALITY AS k(num, n)
                       JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.num) AS naar,
                    c.confdeltype::text AS bij_delete, c.confupdtype::text AS bij_update
               FROM pg_constraint c
              WHERE c.conrelid = to_regclass($1)::oid AND c.contype IN ('p', 'u', 'f')",
        )
        .bind(t)
        .fetch_all(db)
        .await
        .expect("beperkingen")
        {
            let soort: String = r.get("soort");
            let van: String = r.get("van");
            match soort.as_str() {
                "p" => regels.insert(format!("pk {t} ({van})")),
                "u" => regels.insert(format!("uniek {t} ({van})")),
                _ => regels.insert(format!(
                    "fk {t} ({van}) -> {} ({}) on delete {} on update {}",
                    r.get::<String, _>("tabel"),
                    r.get::<String, _>("naar"),
                    fk_actie(&r.get::<String, _>("bij_delete")),
                    fk_actie(&r.get::<String, _>("bij_update")),
                )),
            };
        }

        for r in sqlx::query(
            "SELECT i.relname::text AS naam, x.indisunique AS uniek,
                    pg_get_expr(x.indpred, x.indrelid) AS waar,
                    (SELECT string_agg(COALESCE(a.attname::text, '?'), ',' ORDER BY k.n)
                       FROM unnest(x.indkey::int2[]) WITH ORDINALITY AS k(num, n)
                       LEFT JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.num)
                      AS kolommen
               FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
              WHERE x.indrelid = to_regclass($1)::oid
                AND NOT EXISTS (SELECT 1 FROM pg_constraint c
                                 WHERE c.conrelid = x.indrelid AND c.conindid = x.indexrelid
                                   AND c.contype IN ('p', 'u'))",
        )
        .bind(t)
        .fetch_all(db)
        .await
        .expect("indexen")
        {
            let naam: String = r.get("naam");
            let uniek: bool = r.get("uniek");
            let waar: Option<String> = r.get("waar");
            let kolommen: String = r.get("kolommen");
            regels.insert(format!(
                "index {naam} op {t} ({kolommen}){}{}",
                if uniek { " uniek" } else { "" },
                waar.map(|w| format!(" waar {}", normaliseer_voorwaarde(&w)))
                    .unwrap_or_default()
            ));
        }

        for (naam, soort) in sqlx::query_as::<_, (String, i32)>(
            "SELECT tgname::text, tgtype::int4 FROM pg_trigger
              WHERE tgrelid = to_regclass($1)::oid AND NOT tgisinternal",
        )
        .bind(t)
        .fetch_all(db)
        .await
        .expect("triggers")
        {
            // What SQLite's generated columns do (see VAN_VOOROP_OP_POSTGRES).
            if KENMERK_TRIGGERS_OP_POSTGRES.contains(&naam.as_str()) {
                continue;
            }
            // pg_trigger.tgtype: 1 row, 2 before, 4 insert, 8 delete, 16 update, 32 truncate,
            // 64 instead of.
            if soort & 32 != 0 {
                regels.insert(format!("weigert truncate {t}"));
                continue;
            }
            let moment = if soort & 64 != 0 {
                "INSTEAD OF"
            } else if soort & 2 != 0 {
                "BEFORE"
            } else {
                "AFTER"
            };
            let gebeurtenissen: Vec<&str> = [(4, "INSERT"), (8, "DELETE"), (16, "UPDATE")]
                .into_iter()
                .filter(|(bit, _)| soort & bit != 0)
                .map(|(_, g)| g)
                .collect();
            // SQLite has row triggers only; these do per statement what SQLite's do per row.
            let per_rij = soort & 1 != 0 || PER_STATEMENT_OP_POSTGRES.contains(&naam.as_str());
            regels.insert(format!(
                "trigger {naam} op {t} {moment} {}{}",
                gebeurtenissen.join(" OR "),
                if per_rij {
                    " per rij"
                } else {
                    " per statement"
                }
            ));
        }
    }
    regels
}

/// Every row of every table as text (flags as 0/1, NULL as `NULL`), with the same SQL text on
/// both backends, plus the row count per table. The value of an indicator version is left out:
/// only that it changes matters, and PostgreSQL bumps it once per transaction (0019) or statement
/// (0020) where SQLite bumps it once per trigger.
fn rij_sql(tabel: &str, kolommen: &[String]) -> String {
    let delen: Vec<String> = kolommen
        .iter()
        .filter(|k| {
            !(matches!(tabel, "indicator_versie" | "gegevens_versie") && k.as_str() == "versie")
        })
        .map(|k| {
            if is_vlag(tabel, k) {
                format!("COALESCE(CAST(CAST({k} AS INTEGER) AS TEXT), 'NULL')")
            } else {
                format!("COALESCE(CAST({k} AS TEXT), 'NULL')")
            }
        })
        .collect();
    format!("SELECT {} AS rij FROM {tabel}", delen.join(" || '|' || "))
}

async fn rijen_sqlite(db: &SqlitePool, kolommen: &Kolommen) -> BTreeSet<String> {
    let mut regels = BTreeSet::new();
    for (t, k) in &kolommen.0 {
        let rijen: Vec<String> = sqlx::query_scalar(&rij_sql(t, k))
            .fetch_all(db)
            .await
            .unwrap_or_else(|e| panic!("rijen van {t} (SQLite): {e}"));
        regels.insert(format!("rijen {t} {}", rijen.len()));
        regels.extend(rijen.into_iter().map(|r| format!("rij {t} {r}")));
    }
    regels
}

async fn rijen_postgres(db: &PgPool, kolommen: &Kolommen) -> BTreeSet<String> {
    let mut regels = BTreeSet::new();
    for (t, k) in &kolommen.0 {
        let rijen: Vec<String> = sqlx::query_scalar(&rij_sql(t, k))
            .fetch_all(db)
            .await
            .unwrap_or_else(|e| panic!("rijen van {t} (PostgreSQL): {e}"));
        regels.insert(format!("rijen {t} {}", rijen.len()));
        regels.extend(rijen.into_iter().map(|r| format!("rij {t} {r}")));
    }
    regels
}

fn zelfde(wat: &str, sqlite: &BTreeSet<String>, postgres: &BTreeSet<String>) {
    let alleen_sqlite: Vec<&String> = sqlite.difference(postgres).collect();
    let alleen_postgres: Vec<&String> = postgres.difference(sqlite).collect();
    assert!(
        alleen_sqlite.is_empty() && alleen_postgres.is_empty(),
        "{wat} verschilt tussen SQLite en PostgreSQL\n  alleen SQLite:\n    {}\n  alleen PostgreSQL:\n    {}",
        alleen_sqlite
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n    "),
        alleen_postgres
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n    ")
    );
}

// ---------------------------------------------------------------------------------------
// (b) Both sets build the same schema and the same reference rows.

#[tokio::test]
async fn zelfde_schema_op_sqlite_en_postgres() {
    let Some(url) = postgres_url() else {
        println!("{OVERGESLAGEN}");
        return;
    };
    met_pg_database(&url, |pg| async move {
        let dir = tempfile::tempdir().expect("tijdelijke map");
        let sqlite = sqlite_database(&dir).await;
        SQLITE.run(&sqlite).await.expect("SQLite-migraties");
        POSTGRES.run(&pg).await.expect("PostgreSQL-migraties");

        let (cat_sqlite, kolommen) = catalogus_sqlite(&sqlite).await;
        let cat_postgres = catalogus_postgres(&pg).await;
        // The normalisation must not reduce the catalogue to nothing.
        assert!(cat_sqlite.len() > 300, "catalogus te klein: {}", cat_sqlite.len());
        for regel in [
            "tabel audit_log",
            "kolom gebruiker #6 actief boolean NOT NULL standaard=1",
            "weigert truncate audit_log",
            "fk moment (vergadering_id) -> vergadering (id) on delete NO ACTION on update NO ACTION",
        ] {
            assert!(cat_sqlite.contains(regel), "verwacht in de catalogus: {regel}");
        }
        zelfde("De catalogus", &cat_sqlite, &cat_postgres);

        // Rows the migrations themselves insert (audit_overgang's one row).
        let rijen_s = rijen_sqlite(&sqlite, &kolommen).await;
        let rijen_p = rijen_postgres(&pg, &kolommen).await;
        assert!(rijen_s.contains("rij audit_overgang 0"), "{rijen_s:?}");
        zelfde("De inhoud na de migraties", &rijen_s, &rijen_p);
    })
    .await;
}

// ---------------------------------------------------------------------------------------
// Rows from before a data-carrying migration come out alike (0007's expiry date, 0008's last
// version-1 id, 0009's participation periods and overleg, 0011's rebuilt gebruiker).

/// Valid against the schema after 0006 on both backends (TRUE/FALSE are 1/0 on SQLite).
const OUDE_GEGEVENS: &str = "
INSERT INTO regio (code, naam) VALUES ('oost-brabant', 'Oost-Brabant'), ('limburg', 'Limburg');
INSERT INTO organisatie (id, code, naam, soort, regio_code) VALUES
  (1, 'vt', 'VT', 'veilig_thuis', 'oost-brabant'), (2, 'pol', 'Politie', 'politie', 'oost-brabant'),
  (3, 'om', 'OM', 'om', 'oost-brabant'), (4, 'vt-l', 'VT Limburg', 'veilig_thuis', 'limburg');
INSERT INTO gebruiker (id, email, naam, organisatie_id, rol, wachtwoord_hash, actief, aangemaakt_op,
    sessies_geldig_vanaf) VALUES
  (1, 'a@vt.nl', 'A', 1, 'beheerder', 'h1', TRUE, '2025-01-01T10:00:00Z', 5),
  (2, 'b@pol.nl', 'B', 2, 'lezer', 'h2', FALSE, '2025-02-28T23:30:00Z', 0);
INSERT INTO api_token (id, gebruiker_id, token_hash, prefix, aangemaakt_op, ingetrokken_op) VALUES
  (1, 1, 't1', 'p1', '2025-01-01T10:00:00Z', NULL),
  (2, 2, 't2', 'p2', '2024-12-15T23:59:59Z', NULL),
  (3, 1, 't3', 'p3', '2024-02-29T12:00:00Z', '2024-03-01T00:00:00Z'),
  (4, 1, 't4', 'p4', '2025-10-20T01:30:00Z', NULL);
INSERT INTO audit_log (id, tijd, actor, code, object_type, object_id, details, vorige_hash, hash) VALUES
  (1, '2025-01-01T10:00:00Z', 'a@vt.nl', 'X', 'o', '1', '', '', 'h1'),
  (2, '2025-01-01T10:00:01Z', 'a@vt.nl', 'X', 'o', '2', 'd', 'h1', 'h2'),
  (7, '2025-01-01T10:00:02Z', 'b@pol.nl', 'Y', 'o', '3', '', 'h2', 'h7');
INSERT INTO overleg (id, regio_code, naam, weekdag, tijd, frequentie, voorzitter_organisatie_id) VALUES
  (5, 'oost-brabant', 'AO', 4, '14:00', 'wekelijks', 1),
  (6, 'oost-brabant', 'AO Politie', 2, '10:00', 'maandelijks', 2),
  (8, 'limburg', 'AO Limburg', 1, '09:00', 'tweewekelijks', 4);
INSERT INTO vergadering (id, overleg_id, datum) VALUES (1, 6, '2025-01-09');
INSERT INTO vergadering_aanwezigheid (vergadering_id, organisatie_id, aanwezig) VALUES
  (1, 1, TRUE), (1, 2, FALSE);
INSERT INTO casus (id, regio_code, pseudoniem, status, gesloten_op, herhaling, aangemaakt_op) VALUES
  (1, 'oost-brabant', 'ps1', 'open', NULL, NULL, '2025-01-01T10:00:00Z'),
  (2, 'oost-brabant', NULL, 'gesloten', '2025-03-01T10:00:00Z', TRUE, '2025-01-01T10:00:00Z'),
  (3, 'limburg', NULL, 'gesloten', '2025-04-01T10:00:00Z', FALSE, '2025-02-01T10:00:00Z');
INSERT INTO moment (id, casus_id, regio_code, soort, tijdstip, status, vergadering_id,
    aangemaakt_door_organisatie, aangemaakt_op, gewijzigd_op) VALUES
  (1, 1, 'oost-brabant', 'actieoverleg', '2025-01-01T10:00', 'ingediend', NULL, 2, '2025-01-01T10:00:00Z', '2025-01-01T10:00:00Z'),
  (2, 2, 'oost-brabant', 'acuut', '2025-01-01T10:00', 'afgerond', NULL, 3, '2025-01-01T10:00:00Z', '2025-01-01T10:00:00Z'),
  (3, 1, 'oost-brabant', 'actieoverleg', '2025-01-08T10:00', 'ingepland', 1, 2, '2025-01-08T10:00:00Z', '2025-01-08T10:00:00Z'),
  (4, 2, 'oost-brabant', 'actieoverleg', '2025-01-02T10:00', 'ingediend', NULL, 3, '2025-01-02T10:00:00Z', '2025-01-02T10:00:00Z'),
  (5, 3, 'limburg', 'actieoverleg', '2025-02-02T10:00', 'ingediend', NULL, 4, '2025-02-02T10:00:00Z', '2025-02-02T10:00:00Z');
INSERT INTO moment_persoon (moment_id, gegevens) VALUES (1, '{\"naam\":\"X\"}');
INSERT INTO moment_deelnemer (moment_id, organisatie_id, rol, vanaf, tot) VALUES
  (1, 1, 'voorzitter', '2025-01-01T10:00:00Z', NULL),
  (1, 2, 'inbrenger', '2025-01-01T10:00:00Z', '2025-01-05T10:00:00Z'),
  (2, 3, 'inbrenger', '2025-01-01T10:00:00Z', '2025-03-01T10:00:00Z'),
  (2, 1, 'betrokken', '2025-01-01T10:00:00Z', '2025-02-01T10:00:00Z'),
  (3, 2, 'voorzitter', '2025-01-08T10:00:00Z', NULL),
  (4, 3, 'inbrenger', '2025-01-02T10:00:00Z', '2025-03-02T10:00:00Z'),
  (5, 4, 'inbrenger', '2025-02-02T10:00:00Z', NULL);
INSERT INTO werkset_catalogus (versie, titel, inhoud, geladen_op) VALUES ('1', 'W', '{}', '2025-01-01T10:00:00Z');
INSERT INTO werkset_registratie (id, regio_code, periode, catalogus_versie, aangemaakt_op) VALUES
  (1, 'oost-brabant', '2025', '1', '2025-01-01T10:00:00Z');
INSERT INTO werkset_inspanning (id, registratie_id, thema, element, indicator, partners, classificatie,
    hoeveelheid, eenheid, omschrijving, bewijs, bewijs_datum, aangemaakt_door, aangemaakt_op) VALUES
  (1, 1, 2, 'ontwikkel', 'i', 'politie', 'meerwerk', 1.5, 'uur', 'o', 'werkplan', '2025-01-01', NULL, '2025-01-01T10:00:00Z');
";

async fn migreer_tot(sqlite: &SqlitePool, pg: &PgPool, van: i64, tot: i64) {
    for (s, p) in SQLITE.iter().zip(POSTGRES.iter()) {
        if s.version < van || s.version >= tot {
            continue;
        }
        let mut tx = sqlite.begin().await.expect("begin");
        sqlx::raw_sql(&s.sql)
            .execute(&mut *tx)
            .await
            .unwrap_or_else(|e| panic!("SQLite {}: {e}", s.version));
        tx.commit()
            .await
            .unwrap_or_else(|e| panic!("SQLite {} (commit): {e}", s.version));
        let mut tx = pg.begin().await.expect("begin");
        sqlx::raw_sql(&p.sql)
            .execute(&mut *tx)
            .await
            .unwrap_or_else(|e| panic!("PostgreSQL {}: {e}", p.version));
        tx.commit()
            .await
            .unwrap_or_else(|e| panic!("PostgreSQL {} (commit): {e}", p.version));
    }
}

#[tokio::test]
async fn bestaande_rijen_gaan_gelijk_mee() {
    let Some(url) = postgres_url() else {
        println!("{OVERGESLAGEN}");
        return;
    };
    met_pg_database(&url, |pg| async move {
        let dir = tempfile::tempdir().expect("tijdelijke map");
        let sqlite = sqlite_database(&dir).await;
        migreer_tot(&sqlite, &pg, 0, 7).await;
        sqlx::raw_sql(OUDE_GEGEVENS)
            .execute(&sqlite)
            .await
            .expect("oude gegevens (SQLite)");
        sqlx::raw_sql(OUDE_GEGEVENS)
            .execute(&pg)
            .await
            .expect("oude gegevens (PostgreSQL)");
        migreer_tot(&sqlite, &pg, 7, 11).await;

        let (_, kolommen) = catalogus_sqlite(&sqlite).await;
        let rijen_s = rijen_sqlite(&sqlite, &kolommen).await;
        let rijen_p = rijen_postgres(&pg, &kolommen).await;
        // 0007 set the expiry 90 days on (across a leap day and a year end).
        for regel in [
            "rij api_token 2|2|t2|p2|2024-12-15T23:59:59Z|NULL|schrijven|2025-03-15T23:59:59Z",
            "rij api_token 3|1|t3|p3|2024-02-29T12:00:00Z|2024-03-01T00:00:00Z|schrijven|2024-05-29T12:00:00Z",
        ] {
            assert!(rijen_s.contains(regel), "verwacht op SQLite: {regel}\n{rijen_s:#?}");
        }
        zelfde("De inhoud na 0010", &rijen_s, &rijen_p);

        // SQLite's 0011 fails on a database where a row refers to a gebruiker: its DROP TABLE
        // counts every referring row as a deferred foreign key violation, and the renamed new
        // table does not undo that count, so the commit fails. The landed migration cannot
        // change (checksums); until db::open works around it, test 0011 on the users alone.
        for sql in ["DELETE FROM api_token"] {
            sqlx::raw_sql(sql).execute(&sqlite).await.expect(sql);
            sqlx::raw_sql(sql).execute(&pg).await.expect(sql);
        }
        migreer_tot(&sqlite, &pg, 11, i64::MAX).await;

        let (_, kolommen) = catalogus_sqlite(&sqlite).await;
        let rijen_s = rijen_sqlite(&sqlite, &kolommen).await;
        let rijen_p = rijen_postgres(&pg, &kolommen).await;
        // The data migrations did something (the last old audit id, the periods carried over,
        // the overleg chosen by meeting, chair and region; the users through 0011).
        for regel in [
            "rij gebruiker 2|b@pol.nl|B|2|lezer|h2|0|2025-02-28T23:30:00Z|0|0|0|0|0|NULL|0",
            "rij audit_overgang 7",
            "rijen moment_deelnemer 7",
            "rij moment 3|1|oost-brabant|actieoverleg|2025-01-08T10:00|ingepland|{}|1|2|2025-01-08T10:00:00Z|2025-01-08T10:00:00Z|6|werkdag|NULL|NULL|NULL|NULL|NULL|NULL|NULL|NULL|NULL|NULL|NULL|NULL|NULL|NULL|NULL|NULL|NULL|NULL|NULL|NULL",
        ] {
            assert!(rijen_s.contains(regel), "verwacht op SQLite: {regel}\n{rijen_s:#?}");
        }
        zelfde("De inhoud na de migraties", &rijen_s, &rijen_p);
    })
    .await;
}

// ---------------------------------------------------------------------------------------
// (c) The triggers refuse the same statements on both backends.

enum Verwacht {
    Gelukt,
    /// Refused by a trigger whose message contains this text.
    Trigger(&'static str),
    Check,
    Uniek,
    Verwijzing,
}

struct Stap {
    sql: &'static str,
    verwacht: Verwacht,
    /// The triggers this statement exercises (all of them must be covered).
    triggers: &'static [&'static str],
    /// TRUNCATE exists on PostgreSQL only.
    alleen_postgres: bool,
}

const fn stap(sql: &'static str, verwacht: Verwacht, triggers: &'static [&'static str]) -> Stap {
    Stap {
        sql,
        verwacht,
        triggers,
        alleen_postgres: false,
    }
}

const fn pg_stap(sql: &'static str, verwacht: Verwacht, triggers: &'static [&'static str]) -> Stap {
    Stap {
        sql,
        verwacht,
        triggers,
        alleen_postgres: true,
    }
}

const AUDIT: &str = "audit_log is append-only";
const AFKAPPING: &str = "audit_afkapping is append-only";
const VOORUIT: &str = "audit_afkapping gaat alleen vooruit";
const OVERGANG_EEN: &str = "audit_overgang heeft precies een regel";
const OVERGANG_VAST: &str = "audit_overgang is vast";
const DEELNAME_DELETE: &str =
    "moment_deelnemer is append-only: beëindig een deelname, verwijder haar niet";
const DEELNAME_UPDATE: &str =
    "moment_deelnemer is append-only: alleen een lopende deelname kan worden beëindigd";

/// The prefix of the triggers of migration 0020 (a version per reference-data subject, one per
/// table and operation); they maintain a value like `ONDERHOUDEND`, and
/// tests/integratie/geheugen.rs checks what they maintain on both backends.
const GEGEVENS_VERSIE: &str = "gegevens_versie_";

/// Triggers that maintain a value instead of refusing a change (0015: the first moment of a
/// case; 0016: the indicator versions; 0026, PostgreSQL: the typed moment columns for a writer
/// that does not give them; 0047: the privacy officer's part of the audit log). They refuse
/// nothing, so no step here; tests/integratie/indicatoren_gelijk.rs checks what the first
/// three maintain on both backends, tests/integratie/audit_nen.rs the last.
const ONDERHOUDEND: &[&str] = &[
    "audit_zicht_regels",
    "audit_zicht_deelnemers",
    "moment_kenmerken_invoegen",
    "moment_kenmerken_wijzigen",
    "moment_eerste_invoegen",
    "moment_eerste_wijzigen",
    "moment_eerste_verwijderen",
    "indicator_moment_invoegen",
    "indicator_moment_wijzigen",
    "indicator_moment_verwijderen",
    "indicator_afspraak_invoegen",
    "indicator_afspraak_wijzigen",
    "indicator_afspraak_verwijderen",
    "indicator_aanwezigheid_invoegen",
    "indicator_aanwezigheid_wijzigen",
    "indicator_aanwezigheid_verwijderen",
    "indicator_vergadering_wijzigen",
    "indicator_overleg_wijzigen",
    "indicator_casus_invoegen",
    "indicator_casus_wijzigen",
    "indicator_casus_verwijderen",
    "indicator_deelnemer_invoegen",
    "indicator_deelnemer_wijzigen",
    "indicator_deelnemer_verwijderen",
];

const STAPPEN: &[Stap] = &[
    // Setup.
    stap("INSERT INTO regio (code, naam) VALUES ('r1', 'Regio')", Verwacht::Gelukt, &[]),
    stap(
        "INSERT INTO organisatie (id, code, naam, soort, regio_code)
         VALUES (1, 'vt', 'VT', 'veilig_thuis', 'r1'), (2, 'pol', 'Politie', 'politie', 'r1')",
        Verwacht::Gelukt,
        &[],
    ),
    stap(
        "INSERT INTO casus (id, regio_code, status, aangemaakt_op) VALUES (1, 'r1', 'open', '2026-01-01T10:00:00Z')",
        Verwacht::Gelukt,
        &[],
    ),
    stap(
        "INSERT INTO moment (id, casus_id, regio_code, soort, tijdstip, status, aangemaakt_door_organisatie,
             aangemaakt_op, gewijzigd_op)
         VALUES (1, 1, 'r1', 'acuut', '2026-01-01T10:00', 'ingediend', 1, '2026-01-01T10:00:00Z', '2026-01-01T10:00:00Z')",
        Verwacht::Gelukt,
        &[],
    ),
    stap(
        "INSERT INTO moment_deelnemer (id, moment_id, organisatie_id, rol, vanaf)
         VALUES (1, 1, 1, 'inbrenger', '2026-01-01T10:00:00Z')",
        Verwacht::Gelukt,
        &[],
    ),
    stap(
        "INSERT INTO moment_deelnemer (id, moment_id, organisatie_id, rol, vanaf, tot, einde)
         VALUES (2, 1, 2, 'betrokken', '2026-01-01T10:00:00Z', '2026-01-02T10:00:00Z', 'beeindigd')",
        Verwacht::Gelukt,
        &[],
    ),
    stap(
        "INSERT INTO audit_log (id, tijd, actor, code, object_type, object_id, vorige_hash, hash) VALUES
           (1, '2026-01-01T10:00:00Z', 'a', 'X', 'o', '1', '', 'h1'),
           (2, '2026-01-01T10:00:01Z', 'a', 'X', 'o', '2', 'h1', 'h2'),
           (3, '2026-01-01T10:00:02Z', 'a', 'X', 'o', '3', 'h2', 'h3')",
        Verwacht::Gelukt,
        &[],
    ),
    // The forward foreign key of 0005 exists.
    stap(
        "INSERT INTO moment (id, casus_id, regio_code, soort, tijdstip, status, vergadering_id,
             aangemaakt_door_organisatie, aangemaakt_op, gewijzigd_op)
         VALUES (2, 1, 'r1', 'acuut', '2026-01-01T10:00', 'ingediend', 99, 1, '2026-01-01T10:00:00Z', '2026-01-01T10:00:00Z')",
        Verwacht::Verwijzing,
        &[],
    ),
    // moment_deelnemer (0009): append-only, only an open period can be ended.
    stap(
        "INSERT INTO moment_deelnemer (id, moment_id, organisatie_id, rol, vanaf)
         VALUES (3, 1, 1, 'vast', '2026-01-03T10:00:00Z')",
        Verwacht::Uniek,
        &[],
    ),
    stap(
        "INSERT INTO moment_deelnemer (id, moment_id, organisatie_id, rol, vanaf, tot)
         VALUES (3, 1, 2, 'vast', '2026-01-03T10:00:00Z', '2026-01-04T10:00:00Z')",
        Verwacht::Check,
        &[],
    ),
    stap(
        "DELETE FROM moment_deelnemer WHERE id = 2",
        Verwacht::Trigger(DEELNAME_DELETE),
        &["moment_deelnemer_geen_delete"],
    ),
    stap(
        "DELETE FROM moment_deelnemer",
        Verwacht::Trigger(DEELNAME_DELETE),
        &["moment_deelnemer_geen_delete"],
    ),
    pg_stap(
        "TRUNCATE moment_deelnemer",
        Verwacht::Trigger(DEELNAME_DELETE),
        &["moment_deelnemer_geen_truncate"],
    ),
    pg_stap(
        "TRUNCATE moment CASCADE",
        Verwacht::Trigger(DEELNAME_DELETE),
        &["moment_deelnemer_geen_truncate"],
    ),
    stap(
        "UPDATE moment_deelnemer SET id = 10 WHERE id = 1",
        Verwacht::Trigger(DEELNAME_UPDATE),
        &["moment_deelnemer_alleen_beeindigen"],
    ),
    stap(
        "UPDATE moment_deelnemer SET organisatie_id = 2 WHERE id = 1",
        Verwacht::Trigger(DEELNAME_UPDATE),
        &["moment_deelnemer_alleen_beeindigen"],
    ),
    stap(
        "UPDATE moment_deelnemer SET rol = 'vast' WHERE id = 1",
        Verwacht::Trigger(DEELNAME_UPDATE),
        &["moment_deelnemer_alleen_beeindigen"],
    ),
    stap(
        "UPDATE moment_deelnemer SET vanaf = '2025-12-31T10:00:00Z' WHERE id = 1",
        Verwacht::Trigger(DEELNAME_UPDATE),
        &["moment_deelnemer_alleen_beeindigen"],
    ),
    // NULL -> value: `IS NOT` on SQLite, `IS DISTINCT FROM` on PostgreSQL (`<>` would pass).
    stap(
        "UPDATE moment_deelnemer SET gestart_door_gebruiker = 7 WHERE id = 1",
        Verwacht::Trigger(DEELNAME_UPDATE),
        &["moment_deelnemer_alleen_beeindigen"],
    ),
    stap(
        "UPDATE moment_deelnemer SET gestart_door_organisatie = 2 WHERE id = 1",
        Verwacht::Trigger(DEELNAME_UPDATE),
        &["moment_deelnemer_alleen_beeindigen"],
    ),
    stap(
        "UPDATE moment_deelnemer SET beeindigd_door_gebruiker = 7 WHERE id = 2",
        Verwacht::Trigger(DEELNAME_UPDATE),
        &["moment_deelnemer_alleen_beeindigen"],
    ),
    stap(
        "UPDATE moment_deelnemer SET rol = rol, tot = '2026-01-05T10:00:00Z', einde = 'beeindigd',
             beeindigd_door_gebruiker = 7, beeindigd_door_organisatie = 1
         WHERE id = 1",
        Verwacht::Gelukt,
        &[],
    ),
    stap(
        "UPDATE moment_deelnemer SET tot = NULL, einde = NULL WHERE id = 1",
        Verwacht::Trigger(DEELNAME_UPDATE),
        &["moment_deelnemer_alleen_beeindigen"],
    ),
    // audit_log (0001, 0012): no update; no delete beyond the latest anchor; no truncate.
    stap(
        "UPDATE audit_log SET actor = 'b' WHERE id = 1",
        Verwacht::Trigger(AUDIT),
        &["audit_log_geen_update"],
    ),
    stap(
        "DELETE FROM audit_log WHERE id = 1",
        Verwacht::Trigger(AUDIT),
        &["audit_log_geen_delete"],
    ),
    pg_stap(
        "TRUNCATE audit_log",
        Verwacht::Trigger(AUDIT),
        &["audit_log_geen_truncate"],
    ),
    // audit_afkapping (0012): append-only, every anchor beyond the previous one.
    stap(
        "INSERT INTO audit_afkapping (id, tijd, grens, tot_id, tot_hash, tot_versie, aantal, handtekening)
         VALUES (1, 't', 'g', 0, 'h0', 2, 0, 's')",
        Verwacht::Trigger(VOORUIT),
        &["audit_afkapping_vooruit"],
    ),
    stap(
        "INSERT INTO audit_afkapping (id, tijd, grens, tot_id, tot_hash, tot_versie, aantal, handtekening)
         VALUES (1, 't', 'g', 1, 'h1', 2, 1, 's')",
        Verwacht::Gelukt,
        &[],
    ),
    stap(
        "INSERT INTO audit_afkapping (id, tijd, grens, tot_id, tot_hash, tot_versie, aantal, handtekening)
         VALUES (2, 't', 'g', 1, 'h1', 2, 1, 's')",
        Verwacht::Trigger(VOORUIT),
        &["audit_afkapping_vooruit"],
    ),
    // Within one statement a row sees the rows before it; the statement leaves nothing behind.
    stap(
        "INSERT INTO audit_afkapping (id, tijd, grens, tot_id, tot_hash, tot_versie, aantal, handtekening)
         VALUES (2, 't', 'g', 3, 'h3', 2, 3, 's'), (3, 't', 'g', 2, 'h2', 2, 2, 's')",
        Verwacht::Trigger(VOORUIT),
        &["audit_afkapping_vooruit"],
    ),
    stap(
        "INSERT INTO audit_afkapping (id, tijd, grens, tot_id, tot_hash, tot_versie, aantal, handtekening)
         VALUES (2, 't', 'g', 2, 'h2', 2, 2, 's')",
        Verwacht::Gelukt,
        &[],
    ),
    stap(
        "UPDATE audit_afkapping SET aantal = 9",
        Verwacht::Trigger(AFKAPPING),
        &["audit_afkapping_geen_update"],
    ),
    stap(
        "DELETE FROM audit_afkapping WHERE id = 1",
        Verwacht::Trigger(AFKAPPING),
        &["audit_afkapping_geen_delete"],
    ),
    pg_stap(
        "TRUNCATE audit_afkapping",
        Verwacht::Trigger(AFKAPPING),
        &["audit_afkapping_geen_truncate"],
    ),
    // With anchors up to id 2: those rows may go, row 3 may not.
    stap(
        "DELETE FROM audit_log WHERE id = 3",
        Verwacht::Trigger(AUDIT),
        &["audit_log_geen_delete"],
    ),
    stap("DELETE FROM audit_log WHERE id <= 2", Verwacht::Gelukt, &[]),
    stap(
        "DELETE FROM audit_log",
        Verwacht::Trigger(AUDIT),
        &["audit_log_geen_delete"],
    ),
    stap(
        "UPDATE audit_log SET actor = 'b' WHERE id = 3",
        Verwacht::Trigger(AUDIT),
        &["audit_log_geen_update"],
    ),
    pg_stap(
        "TRUNCATE audit_log",
        Verwacht::Trigger(AUDIT),
        &["audit_log_geen_truncate"],
    ),
    // audit_overgang (0008): exactly one fixed row.
    stap(
        "INSERT INTO audit_overgang (laatste_v1_id) VALUES (5)",
        Verwacht::Trigger(OVERGANG_EEN),
        &["audit_overgang_een_regel"],
    ),
    stap(
        "UPDATE audit_overgang SET laatste_v1_id = 5",
        Verwacht::Trigger(OVERGANG_VAST),
        &["audit_overgang_geen_update"],
    ),
    stap(
        "DELETE FROM audit_overgang",
        Verwacht::Trigger(OVERGANG_VAST),
        &["audit_overgang_geen_delete"],
    ),
    pg_stap(
        "TRUNCATE audit_overgang",
        Verwacht::Trigger(OVERGANG_VAST),
        &["audit_overgang_geen_truncate"],
    ),
    // A few CHECKs, among them the one 0011 replaced.
    stap(
        "INSERT INTO gebruiker (id, email, naam, organisatie_id, rol, wachtwoord_hash, aangemaakt_op)
         VALUES (1, 'fg@vt.nl', 'FG', 1, 'privacyfunctionaris', 'h', '2026-01-01T10:00:00Z')",
        Verwacht::Gelukt,
        &[],
    ),
    stap(
        "INSERT INTO gebruiker (id, email, naam, organisatie_id, rol, wachtwoord_hash, aangemaakt_op)
         VALUES (2, 'x@vt.nl', 'X', 1, 'directeur', 'h', '2026-01-01T10:00:00Z')",
        Verwacht::Check,
        &[],
    ),
    stap(
        "INSERT INTO api_token (id, gebruiker_id, token_hash, prefix, aangemaakt_op, bereik)
         VALUES (1, 1, 'th', 'p', '2026-01-01T10:00:00Z', 'alles')",
        Verwacht::Check,
        &[],
    ),
    stap(
        "INSERT INTO overleg (id, regio_code, naam, weekdag, tijd, frequentie, voorzitter_organisatie_id)
         VALUES (1, 'r1', 'AO', 8, '14:00', 'wekelijks', 1)",
        Verwacht::Check,
        &[],
    ),
];

fn beoordeel(backend: &str, stap: &Stap, uitkomst: &Result<(), sqlx::Error>) -> Option<String> {
    let goed = match (&stap.verwacht, &uitkomst) {
        (Verwacht::Gelukt, Ok(())) => true,
        (Verwacht::Trigger(tekst), Err(sqlx::Error::Database(e))) => e.message().contains(tekst),
        (Verwacht::Check, Err(sqlx::Error::Database(e))) => e.kind() == ErrorKind::CheckViolation,
        (Verwacht::Uniek, Err(sqlx::Error::Database(e))) => e.kind() == ErrorKind::UniqueViolation,
        (Verwacht::Verwijzing, Err(sqlx::Error::Database(e))) => {
            e.kind() == ErrorKind::ForeignKeyViolation
        }
        _ => false,
    };
    let verwacht = match stap.verwacht {
        Verwacht::Gelukt => "gelukt".to_string(),
        Verwacht::Trigger(t) => format!("geweigerd met '{t}'"),
        Verwacht::Check => "CHECK-fout".to_string(),
        Verwacht::Uniek => "unieke-sleutelfout".to_string(),
        Verwacht::Verwijzing => "verwijzingsfout".to_string(),
    };
    (!goed).then(|| {
        format!(
            "{backend}: `{}`\n    verwacht: {verwacht}\n    kreeg: {uitkomst:?}",
            stap.sql.split_whitespace().collect::<Vec<_>>().join(" ")
        )
    })
}

#[tokio::test]
async fn triggers_weigeren_hetzelfde() {
    let Some(url) = postgres_url() else {
        println!("{OVERGESLAGEN}");
        return;
    };
    met_pg_database(&url, |pg| async move {
        let dir = tempfile::tempdir().expect("tijdelijke map");
        let sqlite = sqlite_database(&dir).await;
        SQLITE.run(&sqlite).await.expect("SQLite-migraties");
        POSTGRES.run(&pg).await.expect("PostgreSQL-migraties");

        // Every trigger of either set is exercised by some step.
        let gedekt: BTreeSet<&str> = STAPPEN
            .iter()
            .filter(|s| matches!(s.verwacht, Verwacht::Trigger(_)))
            .flat_map(|s| s.triggers.iter().copied())
            .collect();
        let sqlite_triggers: Vec<String> =
            sqlx::query_scalar("SELECT name FROM sqlite_master WHERE type = 'trigger'")
                .fetch_all(&sqlite)
                .await
                .expect("triggers");
        let pg_triggers: Vec<String> = sqlx::query_scalar(
            "SELECT t.tgname::text FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
               JOIN pg_namespace n ON n.oid = c.relnamespace
              WHERE n.nspname = current_schema() AND NOT t.tgisinternal",
        )
        .fetch_all(&pg)
        .await
        .expect("triggers");
        assert!(sqlite_triggers.len() >= 10, "{sqlite_triggers:?}");
        let niet_gedekt: Vec<&String> = sqlite_triggers
            .iter()
            .chain(pg_triggers.iter())
            .filter(|t| {
                !gedekt.contains(t.as_str())
                    && !ONDERHOUDEND.contains(&t.as_str())
                    && !t.starts_with(GEGEVENS_VERSIE)
            })
            .collect();
        assert!(
            niet_gedekt.is_empty(),
            "triggers zonder stap in STAPPEN (voeg een weigering toe): {niet_gedekt:?}"
        );

        let mut fouten = Vec::new();
        for stap in STAPPEN {
            if !stap.alleen_postgres {
                let uitkomst = sqlx::raw_sql(stap.sql).execute(&sqlite).await.map(|_| ());
                fouten.extend(beoordeel("SQLite", stap, &uitkomst));
            }
            let uitkomst = sqlx::raw_sql(stap.sql).execute(&pg).await.map(|_| ());
            fouten.extend(beoordeel("PostgreSQL", stap, &uitkomst));
        }
        assert!(fouten.is_empty(), "{}", fouten.join("\n"));

        // What was allowed did the same on both.
        let (_, kolommen) = catalogus_sqlite(&sqlite).await;
        zelfde(
            "De inhoud na de stappen",
            &rijen_sqlite(&sqlite, &kolommen).await,
            &rijen_postgres(&pg, &kolommen).await,
        );
    })
    .await;
}

// ---------------------------------------------------------------------------------------
// `voorop migreer`: a regional SQLite database (with the demo data) into PostgreSQL.

#[tokio::test]
async fn migreer_zet_de_demo_over_naar_postgres() {
    let Some(url) = postgres_url() else {
        println!("{OVERGESLAGEN}");
        return;
    };
    let dir = tempfile::tempdir().expect("map");
    let bron = voorop::db::open(&dir.path().join("regio.db"))
        .await
        .expect("bron");
    voorop::referentiedata_laden(&bron)
        .await
        .expect("referentiedata");
    voorop::demo::laad(&bron, voorop::demo::PEILDATUM)
        .await
        .expect("demo");
    let opties = PgConnectOptions::from_str(&url).expect("url");
    let naam = format!("voorop_migreer_{}", std::process::id());
    let mut beheer = PgConnection::connect_with(&opties).await.expect("beheer");
    sqlx::raw_sql(&format!(
        "CREATE DATABASE {naam} TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C'"
    ))
    .execute(&mut beheer)
    .await
    .expect("doel aanmaken");
    beheer.close().await.ok();
    let _opruimen = Opruimen {
        opties,
        naam: naam.clone(),
    };
    let (basis, _) = url.split_once('?').unwrap_or((url.as_str(), ""));
    let basis = basis.rsplit_once('/').map_or(basis, |(b, _)| b);
    let doel = voorop::db::verbinden(&voorop::db::Locatie::Postgres(format!("{basis}/{naam}")))
        .await
        .expect("doel migreren");

    let mut tabellen_gezien = vec![];
    let verslag = voorop::onderhoud::migreer::migreren(&bron, &doel, |t, _, _| {
        if tabellen_gezien.last().map(String::as_str) != Some(t) {
            tabellen_gezien.push(t.to_string());
        }
    })
    .await
    .expect("migreren");
    // Every table with rows came over with the same count (checked independently here).
    assert!(verslag.rijen() > 1000, "{verslag:?}");
    for (t, n) in &verslag.tabellen {
        let tel = format!("SELECT COUNT(*) FROM {t}");
        let b: i64 = sqlx::query_scalar(&tel)
            .fetch_one(&bron)
            .await
            .expect("bron");
        let d: i64 = sqlx::query_scalar(&tel)
            .fetch_one(&doel)
            .await
            .expect("doel");
        assert_eq!((b, d), (*n, *n), "tabel {t}");
    }
    assert!(tabellen_gezien.contains(&"moment".to_string()));
    // Referenced tables come first.
    let plek = |t: &str| verslag.tabellen.iter().position(|(n, _)| n == t).expect(t);
    assert!(plek("regio") < plek("organisatie") && plek("organisatie") < plek("gebruiker"));
    assert!(plek("casus") < plek("moment") && plek("moment") < plek("moment_deelnemer"));
    // Flags arrive as booleans with their values; text and ids unchanged.
    let vlaggen = "SELECT code || ':' || CASE WHEN actief THEN 'ja' ELSE 'nee' END FROM organisatie ORDER BY id";
    let b: Vec<String> = sqlx::query_scalar(vlaggen)
        .fetch_all(&bron)
        .await
        .expect("bron");
    let d: Vec<String> = sqlx::query_scalar(vlaggen)
        .fetch_all(&doel)
        .await
        .expect("doel");
    assert_eq!(b, d);
    let inhoud = "SELECT CAST(id AS TEXT) || gegevens || tijdstip FROM moment ORDER BY id";
    let b: Vec<String> = sqlx::query_scalar(inhoud)
        .fetch_all(&bron)
        .await
        .expect("bron");
    let d: Vec<String> = sqlx::query_scalar(inhoud)
        .fetch_all(&doel)
        .await
        .expect("doel");
    assert_eq!(b, d);
    // The audit chain verifies on the target, and identities continue after the copied ids.
    assert_eq!(
        voorop::audit::repo::verifieer(&doel).await.expect("keten"),
        None
    );
    let hoogste: i64 = sqlx::query_scalar("SELECT MAX(id) FROM organisatie")
        .fetch_one(&doel)
        .await
        .expect("max");
    let nieuw: i64 = sqlx::query_scalar(
        "INSERT INTO organisatie (code, naam, soort, regio_code) VALUES ('nieuw', 'Nieuw', 'netwerk', 'limburg') RETURNING id",
    )
    .fetch_one(&doel)
    .await
    .expect("nieuwe organisatie");
    assert!(nieuw > hoogste);
    // A second run refuses: the target is no longer empty, and nothing changes.
    let fout = voorop::onderhoud::migreer::migreren(&bron, &doel, |_, _, _| {})
        .await
        .expect_err("tweede keer");
    assert!(fout.to_string().contains("bevat al gegevens"), "{fout}");
    doel.close().await;
}
