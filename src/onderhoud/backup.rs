//! Backups and restores of the SQLite database.
//!
//! A backup is made with `VACUUM INTO`: SQLite writes a consistent, compacted copy of the
//! database as it was at the start of the statement, from a read transaction, so the server
//! goes on serving (readers and writers are not blocked for long; WAL keeps writers going).
//! Every copy is verified before it counts: `PRAGMA integrity_check` and the audit chain.
//! A restore verifies the backup first, refuses to overwrite a database that holds data unless
//! forced, keeps the old file beside the new one, and swaps files with a rename.

use std::path::{Path, PathBuf};

/// What a verified copy holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Controle {
    pub bytes: u64,
    pub auditregels: i64,
}

/// Errors of backup and restore, in Dutch for the operator.
#[derive(Debug, thiserror::Error)]
pub enum BackupFout {
    #[error("{0}")]
    Invoer(String),
    #[error("De back-up {pad} is beschadigd: {wat}")]
    Beschadigd { pad: String, wat: String },
    #[error("Databasefout: {0}")]
    Database(#[from] sqlx::Error),
    #[error("Bestandsfout bij {pad}: {fout}")]
    Bestand { pad: String, fout: std::io::Error },
}

fn bestand(pad: &Path) -> impl FnOnce(std::io::Error) -> BackupFout + '_ {
    move |fout| BackupFout::Bestand {
        pad: pad.display().to_string(),
        fout,
    }
}

/// Writes a consistent copy of the open database to `doel` and verifies it.
pub async fn maak(db: &crate::db::Db, doel: &Path) -> Result<Controle, BackupFout> {
    if doel.exists() {
        return Err(BackupFout::Invoer(format!(
            "{} bestaat al; kies een nieuwe bestandsnaam (een back-up overschrijft niets).",
            doel.display()
        )));
    }
    if let Some(map) = doel.parent().filter(|m| !m.as_os_str().is_empty())
        && !map.is_dir()
    {
        return Err(BackupFout::Invoer(format!(
            "De map {} bestaat niet.",
            map.display()
        )));
    }
    let pad = doel.to_str().ok_or_else(|| {
        BackupFout::Invoer("Het pad van de back-up is geen geldige tekst.".into())
    })?;
    sqlx::query("VACUUM INTO $1").bind(pad).execute(db).await?;
    let uitkomst = match controleer(doel).await {
        // The copy gets its own signed audit head, so a backup whose last rows were removed
        // before a restore is recognised.
        Ok(c) => kop_schrijven(doel).await.map(|()| c),
        Err(e) => Err(e),
    };
    if uitkomst.is_err() {
        // A copy that fails its check is not a backup: do not leave it looking like one.
        let _ = std::fs::remove_file(doel);
        let _ = std::fs::remove_file(kop_van(doel));
    }
    uitkomst
}

/// The audit head file that belongs to a backup: `<backup>.auditkop`.
pub fn kop_van(backup: &Path) -> PathBuf {
    crate::config::kop_naast(backup)
}

async fn alleen_lezen(pad: &Path) -> Result<crate::db::Db, BackupFout> {
    Ok(crate::db::sqlite_zonder_migraties(pad, true, true).await?)
}

async fn kop_schrijven(backup: &Path) -> Result<(), BackupFout> {
    let pool = alleen_lezen(backup).await?;
    let sleutel = crate::audit::service::sleutel();
    let uitkomst =
        crate::audit::service::kop_bijwerken(&pool, sleutel.bytes(), &kop_van(backup)).await;
    pool.close().await;
    uitkomst.map(|_| ()).map_err(|wat| BackupFout::Beschadigd {
        pad: backup.display().to_string(),
        wat,
    })
}

/// Opens a copy read-only and checks it: SQLite's integrity check and the audit chain.
pub async fn controleer(pad: &Path) -> Result<Controle, BackupFout> {
    let meta = std::fs::metadata(pad).map_err(bestand(pad))?;
    let beschadigd = |wat: String| BackupFout::Beschadigd {
        pad: pad.display().to_string(),
        wat,
    };
    let pool = alleen_lezen(pad)
        .await
        .map_err(|e| beschadigd(format!("geen SQLite-database ({e})")))?;
    let uitkomst = async {
        let integriteit: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check")
            .fetch_all(&pool)
            .await
            .map_err(|e| beschadigd(format!("geen SQLite-database ({e})")))?;
        if integriteit != ["ok"] {
            return Err(beschadigd(format!(
                "integriteitscontrole: {}",
                integriteit.join("; ")
            )));
        }
        let auditregels: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_log")
            .fetch_one(&pool)
            .await
            .map_err(|_| beschadigd("geen auditlog: dit is geen Voorop-database".into()))?;
        // With the backup's own head file (written by `maak`) the end of the log is checked
        // too; a copy made otherwise is checked link by link only.
        let kop = kop_van(pad);
        if kop.exists() {
            let sleutel = crate::audit::service::sleutel();
            let r = crate::audit::service::controleren(&pool, sleutel.bytes(), &kop).await?;
            if let Some(b) = r.breuk {
                return Err(beschadigd(format!("het auditlog klopt niet: {b}")));
            }
        } else if let Some(id) = crate::audit::repo::verifieer(&pool).await? {
            return Err(beschadigd(format!(
                "de auditketen is verbroken bij regel {id}"
            )));
        }
        Ok(Controle {
            bytes: meta.len(),
            auditregels,
        })
    }
    .await;
    pool.close().await;
    uitkomst
}

/// Whether a database file holds anything (a table).
async fn heeft_gegevens(pad: &Path) -> Result<bool, BackupFout> {
    if std::fs::metadata(pad).map_or(0, |m| m.len()) == 0 {
        return Ok(false);
    }
    let pool = crate::db::sqlite_zonder_migraties(pad, true, false).await?;
    let tabellen: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'")
            .fetch_one(&pool)
            .await?;
    pool.close().await;
    Ok(tabellen > 0)
}

/// The outcome of a restore.
#[derive(Debug)]
pub struct Hersteld {
    pub controle: Controle,
    /// Where the database that was replaced now is, if there was one.
    pub oud: Option<PathBuf>,
}

/// Puts a verified backup in place of the database at `doel`. Stop the server first.
pub async fn herstel(backup: &Path, doel: &Path, forceer: bool) -> Result<Hersteld, BackupFout> {
    if !backup.is_file() {
        return Err(BackupFout::Invoer(format!(
            "Het back-upbestand {} bestaat niet.",
            backup.display()
        )));
    }
    let controle = controleer(backup).await?;
    let bestaat = doel.exists();
    if bestaat && heeft_gegevens(doel).await? && !forceer {
        return Err(BackupFout::Invoer(format!(
            "{} bevat al gegevens; er is niets gewijzigd. Herstel over een bestaande database \
             alleen met --force (de oude database blijft ernaast bewaard). Stop eerst de server.",
            doel.display()
        )));
    }
    // Copy next to the target first, then rename: the target is never half written.
    let map = doel
        .parent()
        .filter(|m| !m.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let tijdelijk = map.join(format!(
        ".{}.herstel-{}",
        doel.file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("voorop.db"),
        std::process::id()
    ));
    std::fs::copy(backup, &tijdelijk).map_err(bestand(&tijdelijk))?;
    std::fs::File::open(&tijdelijk)
        .and_then(|f| f.sync_all())
        .map_err(bestand(&tijdelijk))?;
    let oud = if bestaat {
        let stempel = crate::db::nu().replace([':', '-'], "");
        let oud = PathBuf::from(format!("{}.voor-herstel-{stempel}", doel.display()));
        std::fs::rename(doel, &oud).map_err(bestand(doel))?;
        // The old database's WAL and shared-memory files belong to it, not to the backup.
        for achtervoegsel in ["-wal", "-shm"] {
            let bij = PathBuf::from(format!("{}{achtervoegsel}", doel.display()));
            if bij.exists() {
                let naar = PathBuf::from(format!("{}{achtervoegsel}", oud.display()));
                std::fs::rename(&bij, &naar).map_err(bestand(&bij))?;
            }
        }
        Some(oud)
    } else {
        None
    };
    std::fs::rename(&tijdelijk, doel).map_err(bestand(doel))?;
    Ok(Hersteld { controle, oud })
}

/// The daily backup of `serve` (`VOOROP_BACKUP_MAP`, `VOOROP_BACKUP_AANTAL`): a verified copy
/// `voorop-JJJJMMDD-UUMMSS.db` in the folder, keeping the newest `aantal`.
pub fn dagelijks(db: crate::db::Db, map: PathBuf, aantal: usize) {
    crate::db::taak::dagelijks(db, "backup", move |db| {
        let map = map.clone();
        async move {
            let stempel: String = crate::db::nu()
                .chars()
                .filter(char::is_ascii_digit)
                .collect();
            let naam = format!("voorop-{}-{}.db", &stempel[..8], &stempel[8..]);
            let c = maak(&db, &map.join(&naam))
                .await
                .map_err(|e| e.to_string())?;
            tracing::info!(bestand = %naam, bytes = c.bytes, auditregels = c.auditregels, "back-up gemaakt en gecontroleerd");
            opruimen(&map, aantal);
            Ok(())
        }
    });
}

/// Removes the oldest `voorop-*.db` backups beyond `aantal` (names sort by time).
fn opruimen(map: &Path, aantal: usize) {
    let Ok(lijst) = std::fs::read_dir(map) else {
        return;
    };
    let mut namen: Vec<PathBuf> = lijst
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("voorop-") && n.ends_with(".db"))
        })
        .collect();
    namen.sort();
    let teveel = namen.len().saturating_sub(aantal);
    for oud in &namen[..teveel] {
        if let Err(e) = std::fs::remove_file(oud) {
            tracing::warn!(fout = %e, "oude back-up niet verwijderd");
        }
        let _ = std::fs::remove_file(kop_van(oud));
    }
}
