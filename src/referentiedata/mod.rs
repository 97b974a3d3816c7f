//! Versioned reference data: JSON documents a beheerder loads without a code change (the
//! Zelfscan questionnaire, the Werkset indicator catalogue, later the Ontwikkelagenda's
//! verbeteractiviteiten). Each kind lives in its own table of versions (`versie` unique,
//! `titel`, `inhoud` as loaded, `geladen_op`); a version is never overwritten, because what was
//! recorded against it (a scan round, a registration) keeps referring to it. Loading checks the
//! document, stores it and writes the kind's audit event in one transaction. The shipped
//! version in `data/` is stored on start when absent.
//!
//! A domain describes its kind by implementing [`Soort`]; this module holds the one loader.

mod repo;

use crate::audit::{self, Actor, AuditEvent};
use crate::db::Db;
use crate::error::{AppError, AppResult, Veldfout};
use serde::de::DeserializeOwned;

/// One kind of versioned reference data.
pub trait Soort: DeserializeOwned {
    /// The table of its versions (a constant, never input).
    const TABEL: &'static str;
    /// What one version is called in messages (a "de" word): "vragenlijst".
    const NAAM: &'static str;
    /// The version shipped in `data/` (stored on start when absent).
    const STANDAARD: &'static str;
    fn versie(&self) -> &str;
    fn titel(&self) -> &str;
    /// What is wrong with the document's content, in Dutch (empty: nothing).
    fn fouten(&self) -> Vec<String>;
    /// The audit event of loading version `versie`.
    fn geladen(versie: String) -> AuditEvent;
}

/// A stored version, for the overview.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Versie {
    pub versie: String,
    pub titel: String,
    pub geladen_op: String,
}

/// The field every error of a load is shown at (the upload).
const VELD: &str = "bestand";

/// Reads, checks and stores a new version from a JSON document (beheerder or CLI); its
/// version name. An invalid document or an existing version name is a validation error.
pub async fn laden<S: Soort>(db: &Db, actor: &Actor, json: &str) -> AppResult<String> {
    let naam = S::NAAM;
    let document: S = serde_json::from_str(json).map_err(|e| {
        AppError::validatie(
            VELD,
            &format!("Het bestand is geen geldige {naam} (JSON): {e}"),
        )
    })?;
    let fouten = document.fouten();
    if !fouten.is_empty() {
        return Err(AppError::Validatie(
            fouten.into_iter().map(|m| Veldfout::new(VELD, m)).collect(),
        ));
    }
    let versie = document.versie().to_string();
    let mut tx = crate::db::begin(db).await?;
    if !repo::opslaan(&mut tx, S::TABEL, &versie, document.titel(), json).await? {
        return Err(AppError::validatie(
            VELD,
            &format!("Versie '{versie}' bestaat al; geef de nieuwe {naam} een eigen versienaam."),
        ));
    }
    audit::schrijf(&mut tx, actor, S::geladen(versie.clone())).await?;
    tx.commit().await?;
    Ok(versie)
}

/// The stored versions, oldest first (the last is the current one).
pub async fn versies<S: Soort>(db: &Db) -> AppResult<Vec<Versie>> {
    Ok(repo::versies(db, S::TABEL).await?)
}

/// Whether version `versie` is stored.
pub async fn bestaat<S: Soort>(db: &Db, versie: &str) -> AppResult<bool> {
    Ok(repo::bestaat(db, S::TABEL, versie).await?)
}

/// Version `versie` as stored, or `None` when there is no such version. A stored document that
/// no longer reads is an internal error (it was checked when loaded).
pub async fn lezen<S: Soort>(db: &Db, versie: &str) -> AppResult<Option<S>> {
    let Some(json) = repo::inhoud(db, S::TABEL, versie).await? else {
        return Ok(None);
    };
    serde_json::from_str(&json)
        .map(Some)
        .map_err(|e| AppError::Intern(anyhow::anyhow!("{} {versie}: {e}", S::TABEL)))
}

/// Stores the shipped version ([`Soort::STANDAARD`]) when it is not there yet (on start, and
/// for a fresh database); written without an audit event, as the migrations are.
pub async fn zorg_voor_standaard<S: Soort>(db: &Db) -> AppResult<()> {
    zorg_voor::<S>(db, S::STANDAARD).await
}

/// Stores a shipped version (JSON) when it is not there yet, as [`zorg_voor_standaard`] does
/// for the standard; for a kind that ships more than one version.
pub async fn zorg_voor<S: Soort>(db: &Db, json: &str) -> AppResult<()> {
    let document: S = serde_json::from_str(json)
        .map_err(|e| AppError::Intern(anyhow::anyhow!("{}: meegeleverde versie: {e}", S::TABEL)))?;
    if !repo::bestaat(db, S::TABEL, document.versie()).await? {
        let mut tx = crate::db::begin(db).await?;
        repo::opslaan(&mut tx, S::TABEL, document.versie(), document.titel(), json).await?;
        tx.commit().await?;
    }
    Ok(())
}
