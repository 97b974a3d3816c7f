//! Use cases of accounts: log in, change password, add users, API tokens.

use super::model::{Email, Gebruiker, Rol, controleer_wachtwoord};
use super::repo;
use crate::audit::{self, Actor, AuditEvent};
use crate::db::Db;
use crate::error::{AppError, AppResult};
use argon2::Argon2;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use sha2::{Digest, Sha256};

/// Hashes a password with argon2id (default parameters) off the async runtime.
pub async fn hash_wachtwoord(w: String) -> AppResult<String> {
    tokio::task::spawn_blocking(move || {
        Argon2::default()
            .hash_password(w.as_bytes())
            .map(|h| h.to_string())
            .map_err(|e| anyhow::anyhow!("argon2: {e}"))
    })
    .await
    .map_err(|e| anyhow::anyhow!(e))?
    .map_err(AppError::Intern)
}

async fn klopt(w: String, hash: String) -> bool {
    tokio::task::spawn_blocking(move || {
        Argon2::default()
            .verify_password(w.as_bytes(), hash.as_str())
            .is_ok()
    })
    .await
    .unwrap_or(false)
}

/// A fixed hash to verify against when the account does not exist, so timing does not reveal it.
const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$0FZL4y9OXwPFNN5DNfN5jD+yCA7F6aBlNT3h1uEF4cQ";

pub async fn inloggen(db: &Db, email: &str, wachtwoord: &str) -> AppResult<Gebruiker> {
    let fout = || AppError::validatie("email", "Het e-mailadres of het wachtwoord is onjuist.");
    let Ok(email) = Email::parse(email) else {
        return Err(fout());
    };
    match repo::voor_inloggen(db, email.as_str()).await? {
        Some((g, hash)) => {
            let gelukt = klopt(wachtwoord.to_string(), hash).await;
            let event = if gelukt {
                AuditEvent::Ingelogd
            } else {
                AuditEvent::InloggenMislukt
            };
            let mut tx = crate::db::begin(db).await?;
            audit::schrijf(&mut tx, &Actor::from(&g), event).await?;
            tx.commit().await?;
            if gelukt { Ok(g) } else { Err(fout()) }
        }
        None => {
            let _ = klopt(wachtwoord.to_string(), DUMMY_HASH.to_string()).await;
            Err(fout())
        }
    }
}

/// Changes the password; sessions started before the returned moment (ms) become invalid.
pub async fn wijzig_wachtwoord(
    db: &Db,
    g: &Gebruiker,
    huidig: &str,
    nieuw: &str,
    herhaling: &str,
) -> AppResult<i64> {
    let hash = repo::wachtwoord_hash(db, g.id).await?;
    if !klopt(huidig.to_string(), hash).await {
        return Err(AppError::validatie(
            "huidig",
            "Het huidige wachtwoord is onjuist.",
        ));
    }
    controleer_wachtwoord(nieuw).map_err(|m| AppError::validatie("nieuw", &m))?;
    if nieuw != herhaling {
        return Err(AppError::validatie(
            "herhaling",
            "De twee nieuwe wachtwoorden zijn niet gelijk.",
        ));
    }
    let nieuw_hash = hash_wachtwoord(nieuw.to_string()).await?;
    let mut tx = crate::db::begin(db).await?;
    let vanaf = crate::db::nu_ms();
    repo::zet_wachtwoord(&mut tx, g.id, &nieuw_hash, vanaf).await?;
    audit::schrijf(&mut tx, &Actor::from(g), AuditEvent::WachtwoordGewijzigd).await?;
    tx.commit().await?;
    Ok(vanaf)
}

/// Adds a user (CLI and demo). Validates every field with a Dutch message.
pub async fn gebruiker_toevoegen(
    db: &Db,
    actor: &Actor,
    email: &str,
    naam: &str,
    organisatie: &str,
    rol: &str,
    wachtwoord: &str,
) -> AppResult<i64> {
    let mut fouten = Vec::new();
    let email = Email::parse(email)
        .map_err(|m| fouten.push(crate::error::Veldfout::new("email", m)))
        .ok();
    if naam.trim().is_empty() {
        fouten.push(crate::error::Veldfout::new("naam", "Vul een naam in."));
    }
    let rol = Rol::parse(rol);
    if rol.is_none() {
        fouten.push(crate::error::Veldfout::new(
            "rol",
            "Onbekende rol. Kies uit: beheerder, regiocoördinator, medewerker, lezer.",
        ));
    }
    let org = crate::organisatie::repo::op_code(db, organisatie.trim()).await?;
    if org.is_none() {
        fouten.push(crate::error::Veldfout::new(
            "organisatie",
            format!("Onbekende organisatiecode '{}'.", organisatie.trim()),
        ));
    }
    if let Err(m) = controleer_wachtwoord(wachtwoord) {
        fouten.push(crate::error::Veldfout::new("wachtwoord", m));
    }
    let (Some(email), Some(rol), Some(org), true) = (email, rol, org, fouten.is_empty()) else {
        return Err(AppError::Validatie(fouten));
    };
    if repo::bestaat(db, email.as_str()).await? {
        return Err(AppError::Conflict(format!(
            "Er bestaat al een gebruiker met e-mailadres {}.",
            email.as_str()
        )));
    }
    let hash = hash_wachtwoord(wachtwoord.to_string()).await?;
    let mut tx = crate::db::begin(db).await?;
    let id = repo::voeg_toe(&mut tx, email.as_str(), naam.trim(), org.id, rol, &hash).await?;
    audit::schrijf(
        &mut tx,
        actor,
        AuditEvent::GebruikerAangemaakt {
            email: email.as_str().to_string(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

pub fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Creates a bearer token; only its hash is stored. Returns the token itself (shown once).
pub async fn token_maken(db: &Db, email: &str) -> AppResult<String> {
    let g = gebruiker_op_email(db, email).await?;
    let token = format!("vrp_{}", crate::web::willekeurig(32));
    let prefix: String = token.chars().take(10).collect();
    let mut tx = crate::db::begin(db).await?;
    repo::token_opslaan(&mut tx, g.id, &token_hash(&token), &prefix).await?;
    audit::schrijf(
        &mut tx,
        &Actor::cli(),
        AuditEvent::TokenAangemaakt { prefix },
    )
    .await?;
    tx.commit().await?;
    Ok(token)
}

pub async fn token_intrekken(db: &Db, email: &str, prefix: Option<&str>) -> AppResult<u64> {
    let g = gebruiker_op_email(db, email).await?;
    let mut tx = crate::db::begin(db).await?;
    let n = repo::tokens_intrekken(&mut tx, g.id, prefix).await?;
    audit::schrijf(
        &mut tx,
        &Actor::cli(),
        AuditEvent::TokenIngetrokken {
            prefix: prefix.unwrap_or("alle").to_string(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(n)
}

async fn gebruiker_op_email(db: &Db, email: &str) -> AppResult<Gebruiker> {
    let email = Email::parse(email).map_err(|m| AppError::validatie("email", &m))?;
    repo::voor_inloggen(db, email.as_str())
        .await?
        .map(|(g, _)| g)
        .ok_or(AppError::NietGevonden("De gebruiker"))
}
