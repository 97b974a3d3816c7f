//! `voorop migreer`: moves a regional SQLite deployment into a (national) PostgreSQL database.
//!
//! Every table is copied with its ids, in foreign-key order, in one transaction on the target:
//! a failure leaves the target as it was. Rows are read as a stream and written in multi-row
//! INSERTs. Afterwards the row counts of both databases are compared table by table and the
//! audit chain is verified on the target. Sessions are not copied (users sign in again).

use crate::db::{Db, Soort};
use sqlx::any::AnyTypeInfoKind;
use sqlx::{Column, Row, ValueRef};
use std::collections::{BTreeMap, BTreeSet};

/// Tables that are not application data: migrations, sessions, and counts derived from the
/// moments (the target's markers differ; `serve` counts them again).
const OVERSLAAN: [&str; 3] = ["_sqlx_migrations", "sessie", "indicator_telling"];

/// At most this many bound values per INSERT (PostgreSQL allows 65,535).
const MAX_PARAMETERS: usize = 30_000;

#[derive(Debug, thiserror::Error)]
pub enum MigreerFout {
    #[error("de bron moet een SQLite-database zijn en het doel een PostgreSQL-database")]
    VerkeerdeRichting,
    #[error("de doeldatabase bevat al gegevens ({0}); migreer naar een nieuwe, lege database")]
    DoelNietLeeg(String),
    #[error("tabel {tabel}: kolom {kolom} ontbreekt in de doeldatabase (andere versie?)")]
    KolomOntbreekt { tabel: String, kolom: String },
    #[error("tabel {tabel}: kolom {kolom}: waarde past niet in type {soort}")]
    Waarde {
        tabel: String,
        kolom: String,
        soort: String,
    },
    #[error("na het kopiëren verschilt het aantal rijen van {tabel}: bron {bron}, doel {doel}")]
    Telling { tabel: String, bron: i64, doel: i64 },
    #[error("de auditketen in de doeldatabase is verbroken bij regel {0}")]
    Auditketen(i64),
    #[error("database: {0}")]
    Sql(#[from] sqlx::Error),
}

/// What was copied: rows per table, in copy order.
#[derive(Debug, Default)]
pub struct Verslag {
    pub tabellen: Vec<(String, i64)>,
}

impl Verslag {
    pub fn rijen(&self) -> i64 {
        self.tabellen.iter().map(|(_, n)| n).sum()
    }
}

/// A copied value, coerced to the target column's type.
enum Waarde {
    /// NULL, typed as the target column (PostgreSQL refuses a text NULL in a bigint column).
    Leeg(Leegsoort),
    Getal(i64),
    Kommagetal(f64),
    Vlag(bool),
    Tekst(String),
    Bytes(Vec<u8>),
}

#[derive(Clone, Copy)]
enum Leegsoort {
    Getal,
    Kommagetal,
    Vlag,
    Tekst,
    Bytes,
}

/// Copies every table of `van` (SQLite) into `naar` (PostgreSQL, migrated and empty), then
/// checks counts and the audit chain. `voortgang(tabel, gedaan, totaal)` is called per batch.
pub async fn migreren(
    van: &Db,
    naar: &Db,
    mut voortgang: impl FnMut(&str, u64, u64),
) -> Result<Verslag, MigreerFout> {
    if crate::db::soort(van) != Soort::Sqlite || crate::db::soort(naar) != Soort::Postgres {
        return Err(MigreerFout::VerkeerdeRichting);
    }
    let tabellen = tabellen_in_volgorde(van).await?;
    let mut tx = crate::db::begin(naar).await?;
    // Only reference rows the target's migrations inserted may be there.
    for t in ["gebruiker", "audit_log", "moment", "werkset_registratie"] {
        let n: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {t}"))
            .fetch_one(&mut *tx)
            .await?;
        if n > 0 {
            return Err(MigreerFout::DoelNietLeeg(format!("{n} rijen in {t}")));
        }
    }
    // The append-only triggers would refuse clearing the migrations' rows and the copy of
    // audit_overgang; they are off for this transaction only (this needs the table owner).
    for t in &tabellen {
        sqlx::query(&format!("ALTER TABLE {t} DISABLE TRIGGER USER"))
            .execute(&mut *tx)
            .await?;
    }
    for t in tabellen.iter().rev() {
        sqlx::query(&format!("DELETE FROM {t}"))
            .execute(&mut *tx)
            .await?;
    }
    let mut verslag = Verslag::default();
    for t in &tabellen {
        let n = tabel_kopieren(van, &mut tx, t, &mut voortgang).await?;
        verslag.tabellen.push((t.clone(), n));
    }
    crate::db::identiteiten_bijwerken(&mut tx).await?;
    for t in &tabellen {
        sqlx::query(&format!("ALTER TABLE {t} ENABLE TRIGGER USER"))
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    for (t, _) in &verslag.tabellen {
        let tel = format!("SELECT COUNT(*) FROM {t}");
        let bron: i64 = sqlx::query_scalar(&tel).fetch_one(van).await?;
        let doel: i64 = sqlx::query_scalar(&tel).fetch_one(naar).await?;
        if bron != doel {
            return Err(MigreerFout::Telling {
                tabel: t.clone(),
                bron,
                doel,
            });
        }
    }
    if let Some(id) = crate::audit::repo::verifieer(naar).await? {
        return Err(MigreerFout::Auditketen(id));
    }
    crate::db::na_bulklading(naar).await?;
    Ok(verslag)
}

/// The source's tables, each after the tables it refers to.
async fn tabellen_in_volgorde(van: &Db) -> sqlx::Result<Vec<String>> {
    let namen: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .fetch_all(van)
    .await?;
    let namen: Vec<String> = namen
        .into_iter()
        .filter(|n| !OVERSLAAN.contains(&n.as_str()))
        .collect();
    let mut afhankelijk: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for n in &namen {
        let verwijst: Vec<String> =
            sqlx::query_scalar("SELECT \"table\" FROM pragma_foreign_key_list($1)")
                .bind(n)
                .fetch_all(van)
                .await?;
        afhankelijk.insert(n.clone(), verwijst.into_iter().filter(|v| v != n).collect());
    }
    let mut volgorde = Vec::with_capacity(namen.len());
    let mut gedaan = BTreeSet::new();
    while volgorde.len() < namen.len() {
        let klaar: Vec<String> = namen
            .iter()
            .filter(|n| !gedaan.contains(*n))
            .filter(|n| afhankelijk[*n].iter().all(|v| gedaan.contains(v)))
            .cloned()
            .collect();
        if klaar.is_empty() {
            // A cycle would be a schema error; copy the rest as listed (one transaction,
            // constraints are checked per statement, so this fails loudly rather than silently).
            volgorde.extend(namen.iter().filter(|n| !gedaan.contains(*n)).cloned());
            break;
        }
        for n in klaar {
            gedaan.insert(n.clone());
            volgorde.push(n);
        }
    }
    Ok(volgorde)
}

/// Copies one table; returns the number of rows.
async fn tabel_kopieren(
    van: &Db,
    tx: &mut crate::db::Tx<'_>,
    tabel: &str,
    voortgang: &mut impl FnMut(&str, u64, u64),
) -> Result<i64, MigreerFout> {
    // Generated columns (0015) are computed by the target itself and cannot be written.
    let gegenereerd: BTreeSet<String> = sqlx::query_scalar(
        "SELECT CAST(column_name AS TEXT) FROM information_schema.columns
         WHERE table_schema = current_schema() AND table_name = $1 AND is_generated = 'ALWAYS'",
    )
    .bind(tabel)
    .fetch_all(&mut **tx)
    .await?
    .into_iter()
    .collect();
    let doeltypen: BTreeMap<String, String> = sqlx::query_as(
        "SELECT CAST(column_name AS TEXT), CAST(data_type AS TEXT) FROM information_schema.columns
         WHERE table_schema = current_schema() AND table_name = $1 AND is_generated = 'NEVER'",
    )
    .bind(tabel)
    .fetch_all(&mut **tx)
    .await?
    .into_iter()
    .collect();
    let totaal: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {tabel}"))
        .fetch_one(van)
        .await?;
    // Keyset pages on SQLite's rowid: bounded memory however large the table.
    // (index in the source row, name) of the columns to write.
    let mut kolommen: Vec<(usize, String)> = vec![];
    let mut batch: Vec<Vec<Waarde>> = vec![];
    let mut per_batch = 1;
    let mut n: i64 = 0;
    let mut vanaf = i64::MIN;
    loop {
        let pagina = sqlx::query(&format!(
            "SELECT rowid AS voorop_rowid, * FROM {tabel} WHERE rowid > $1 ORDER BY rowid LIMIT 5000"
        ))
        .bind(vanaf)
        .fetch_all(van)
        .await?;
        let Some(laatste) = pagina.last() else { break };
        vanaf = laatste.try_get("voorop_rowid")?;
        for rij in &pagina {
            if kolommen.is_empty() {
                kolommen = rij
                    .columns()
                    .iter()
                    .enumerate()
                    .skip(1)
                    .map(|(i, c)| (i, c.name().to_string()))
                    .filter(|(_, k)| !gegenereerd.contains(k))
                    .collect();
                for (_, k) in &kolommen {
                    if !doeltypen.contains_key(k) {
                        return Err(MigreerFout::KolomOntbreekt {
                            tabel: tabel.into(),
                            kolom: k.clone(),
                        });
                    }
                }
                per_batch = (MAX_PARAMETERS / kolommen.len().max(1)).clamp(1, 1000);
            }
            let mut waarden = Vec::with_capacity(kolommen.len());
            for (i, k) in &kolommen {
                waarden.push(waarde(rij, *i, &doeltypen[k]).ok_or_else(|| {
                    MigreerFout::Waarde {
                        tabel: tabel.into(),
                        kolom: k.clone(),
                        soort: doeltypen[k].clone(),
                    }
                })?);
            }
            batch.push(waarden);
            n += 1;
            if batch.len() >= per_batch {
                invoegen(tx, tabel, &kolommen, &mut batch).await?;
                voortgang(tabel, n as u64, totaal as u64);
            }
        }
    }
    invoegen(tx, tabel, &kolommen, &mut batch).await?;
    voortgang(tabel, n as u64, totaal as u64);
    Ok(n)
}

/// Value `i` of a source row for a target column of type `doel` (PostgreSQL's data_type);
/// `None` when it does not fit.
fn waarde(rij: &crate::db::Rij, i: usize, doel: &str) -> Option<Waarde> {
    let ruw = rij.try_get_raw(i).ok()?;
    if ruw.is_null() {
        return Some(Waarde::Leeg(match doel {
            "boolean" => Leegsoort::Vlag,
            "bigint" | "integer" | "smallint" => Leegsoort::Getal,
            "double precision" | "real" => Leegsoort::Kommagetal,
            "bytea" => Leegsoort::Bytes,
            _ => Leegsoort::Tekst,
        }));
    }
    let soort = ruw.type_info().kind();
    let getal = || rij.try_get::<i64, _>(i).ok();
    let tekst = || rij.try_get::<String, _>(i).ok();
    let kommagetal = || rij.try_get::<f64, _>(i).ok();
    Some(match (doel, soort) {
        ("boolean", _) => Waarde::Vlag(getal()? != 0),
        ("bigint" | "integer" | "smallint", AnyTypeInfoKind::Text) => {
            Waarde::Getal(tekst()?.trim().parse().ok()?)
        }
        ("bigint" | "integer" | "smallint", _) => Waarde::Getal(getal()?),
        ("double precision" | "real", AnyTypeInfoKind::Real | AnyTypeInfoKind::Double) => {
            Waarde::Kommagetal(kommagetal()?)
        }
        ("double precision" | "real", _) => Waarde::Kommagetal(getal()? as f64),
        ("bytea", _) => Waarde::Bytes(rij.try_get::<Vec<u8>, _>(i).ok()?),
        (_, AnyTypeInfoKind::Text) => Waarde::Tekst(tekst()?),
        (_, AnyTypeInfoKind::Real | AnyTypeInfoKind::Double) => {
            Waarde::Tekst(kommagetal()?.to_string())
        }
        (_, AnyTypeInfoKind::Blob) => {
            Waarde::Tekst(String::from_utf8(rij.try_get::<Vec<u8>, _>(i).ok()?).ok()?)
        }
        (_, _) => Waarde::Tekst(getal()?.to_string()),
    })
}

async fn invoegen(
    tx: &mut crate::db::Tx<'_>,
    tabel: &str,
    kolommen: &[(usize, String)],
    batch: &mut Vec<Vec<Waarde>>,
) -> sqlx::Result<()> {
    if batch.is_empty() {
        return Ok(());
    }
    let namen: Vec<&str> = kolommen.iter().map(|(_, k)| k.as_str()).collect();
    let mut sql = format!("INSERT INTO {tabel} ({}) VALUES ", namen.join(", "));
    let mut p = 0;
    for (r, rij) in batch.iter().enumerate() {
        sql.push_str(if r == 0 { "(" } else { ", (" });
        for c in 0..rij.len() {
            p += 1;
            if c > 0 {
                sql.push_str(", ");
            }
            sql.push_str(&format!("${p}"));
        }
        sql.push(')');
    }
    let mut q = sqlx::query(&sql);
    for w in batch.drain(..).flatten() {
        q = match w {
            Waarde::Leeg(Leegsoort::Getal) => q.bind(None::<i64>),
            Waarde::Leeg(Leegsoort::Kommagetal) => q.bind(crate::db::Kommagetal(None)),
            Waarde::Leeg(Leegsoort::Vlag) => q.bind(None::<bool>),
            Waarde::Leeg(Leegsoort::Tekst) => q.bind(None::<String>),
            Waarde::Leeg(Leegsoort::Bytes) => q.bind(None::<Vec<u8>>),
            Waarde::Getal(n) => q.bind(n),
            Waarde::Kommagetal(f) => q.bind(f),
            Waarde::Vlag(b) => q.bind(b),
            Waarde::Tekst(s) => q.bind(s),
            Waarde::Bytes(b) => q.bind(b),
        };
    }
    q.execute(&mut **tx).await?;
    Ok(())
}
