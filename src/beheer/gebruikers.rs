//! Use cases of account administration (Beheer › Gebruikers): the beheerder for every region,
//! a regiocoördinator for the organisations of their own region. Accounts are never deleted
//! (the audit log keeps referring to them): they are deactivated. Every change is audited with
//! its old and new value.

use crate::audit::{self, Actor, AuditEvent};
use crate::auth::model::{Email, Gebruiker, Rol};
use crate::auth::permissions;
use crate::auth::repo::{self, Account};
use crate::auth::service::{self, NieuweGebruiker, Wachtwoordbeleid};
use crate::db::Db;
use crate::error::{AppError, AppResult, Veldfout};
use crate::gedeeld::{GebruikerId, OrganisatieId};
use crate::organisatie::model::Organisatie;

/// The accounts the administrator may manage.
pub async fn accounts(db: &Db, g: &Gebruiker) -> AppResult<Vec<Account>> {
    Ok(repo::accounts(db, &beheer(g)?).await?)
}

fn beheer(g: &Gebruiker) -> AppResult<permissions::GebruikersBeheer> {
    permissions::gebruikers_beheer(g).ok_or(AppError::GeenToegang)
}

/// One account, if the administrator may manage it (another region's is not found).
pub async fn account(db: &Db, g: &Gebruiker, id: GebruikerId) -> AppResult<Account> {
    repo::account(db, &beheer(g)?, id)
        .await?
        .ok_or(AppError::NietGevonden("De gebruiker"))
}

/// The organisations the administrator may put accounts in: active ones, plus the current
/// (possibly deactivated) organisation of the account being edited.
pub async fn organisaties(
    db: &Db,
    g: &Gebruiker,
    huidige: Option<&str>,
) -> AppResult<Vec<Organisatie>> {
    let alle = crate::organisatie::repo::alle(db).await?;
    Ok(alle
        .into_iter()
        .filter(|o| o.actief || Some(o.code.as_str()) == huidige)
        .filter(|o| permissions::beheert_gebruikers(g, &o.regio_code))
        .collect())
}

/// An account as typed in the form.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct AccountInvoer {
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub naam: String,
    #[serde(default)]
    pub organisatie: String,
    #[serde(default)]
    pub rol: String,
    /// "1" when active (a checkbox).
    #[serde(default)]
    pub actief: String,
}

/// Checks organisation and role against what the administrator may hand out.
/// A deactivated organisation is only accepted when it is the account's current one
/// (`huidige`), so an account there can still be edited or deactivated.
async fn toegestaan(
    db: &Db,
    g: &Gebruiker,
    invoer: &AccountInvoer,
    huidige: Option<OrganisatieId>,
) -> AppResult<(Option<Organisatie>, Option<Rol>, Vec<Veldfout>)> {
    let mut fouten = Vec::new();
    let org = crate::organisatie::repo::op_code(db, invoer.organisatie.trim()).await?;
    let org = match org {
        Some(o) if !o.actief && Some(o.id) != huidige => {
            fouten.push(Veldfout::new(
                "organisatie",
                "Deze organisatie is inactief; kies een actieve organisatie.",
            ));
            None
        }
        Some(o) if permissions::beheert_gebruikers(g, &o.regio_code) => Some(o),
        _ => {
            fouten.push(Veldfout::new(
                "organisatie",
                "Kies een organisatie uit de lijst (alleen organisaties in uw regio).",
            ));
            None
        }
    };
    let rol = match Rol::parse(&invoer.rol) {
        Some(r) if permissions::mag_rol_toekennen(g, r) => Some(r),
        Some(_) => {
            fouten.push(Veldfout::new(
                "rol",
                "Alleen een beheerder kan iemand beheerder maken.",
            ));
            None
        }
        None => {
            fouten.push(Veldfout::new("rol", "Kies een rol."));
            None
        }
    };
    if let Err(m) = crate::tekst::geen_stuurtekens(&invoer.naam) {
        fouten.push(Veldfout::new("naam", format!("De naam {m}")));
    }
    if invoer.naam.trim().chars().count() > 200 {
        fouten.push(Veldfout::new(
            "naam",
            "De naam is te lang (maximaal 200 tekens).",
        ));
    }
    Ok((org, rol, fouten))
}

/// Creates an account with a temporary password, returned once to hand over; the user must
/// change it at the first sign-in.
pub async fn aanmaken(
    db: &Db,
    g: &Gebruiker,
    invoer: &AccountInvoer,
) -> AppResult<(GebruikerId, String)> {
    // Who may not manage accounts at all is refused before the form is looked at (as on the
    // form page), not told that the chosen organisation is not theirs.
    if !permissions::beheert_gebruikers(g, &g.regio_code) {
        return Err(AppError::GeenToegang);
    }
    let (_, _, mut fouten) = toegestaan(db, g, invoer, None).await?;
    if let Err(m) = Email::parse(&invoer.email) {
        fouten.push(Veldfout::new("email", m));
    }
    if !fouten.is_empty() {
        return Err(AppError::Validatie(fouten));
    }
    let tijdelijk = crate::web::willekeurig(16);
    let id = service::gebruiker_toevoegen(
        db,
        &Actor::from(g),
        NieuweGebruiker {
            email: &invoer.email,
            naam: &invoer.naam,
            organisatie: &invoer.organisatie,
            rol: &invoer.rol,
            wachtwoord: &tijdelijk,
            beleid: Wachtwoordbeleid::Toepassen,
            eerst_wijzigen: true,
        },
    )
    .await
    .map_err(|e| match e {
        AppError::Conflict(m) => AppError::validatie("email", &m),
        e => e,
    })?;
    Ok((id, tijdelijk))
}

/// Changes name, organisation, role and active flag. Nobody changes their own role,
/// organisation or active flag (no one locks themselves out or promotes themselves).
pub async fn wijzigen(
    db: &Db,
    g: &Gebruiker,
    id: GebruikerId,
    invoer: &AccountInvoer,
) -> AppResult<()> {
    let oud = account(db, g, id).await?;
    let (org, rol, mut fouten) = toegestaan(db, g, invoer, Some(oud.organisatie_id)).await?;
    let actief = invoer.actief == "1";
    let naam = invoer.naam.trim();
    if naam.is_empty() {
        fouten.push(Veldfout::new("naam", "Vul een naam in."));
    }
    let (Some(org), Some(rol), true) = (org, rol, fouten.is_empty()) else {
        return Err(AppError::Validatie(fouten));
    };
    if id == g.id && (rol.code() != oud.rol || org.id != oud.organisatie_id || !actief) {
        return Err(AppError::validatie(
            "rol",
            "U kunt uw eigen rol, organisatie of actief-status niet wijzigen; vraag een andere beheerder.",
        ));
    }
    let wijzigingen: Vec<(&'static str, String, String)> = [
        ("naam", oud.naam.clone(), naam.to_string()),
        (
            "organisatie",
            oud.organisatie_code.clone(),
            org.code.clone(),
        ),
        ("rol", oud.rol.clone(), rol.code().to_string()),
        ("actief", oud.actief.to_string(), actief.to_string()),
    ]
    .into_iter()
    .filter(|(_, o, n)| o != n)
    .collect();
    if wijzigingen.is_empty() {
        return Ok(());
    }
    let actor = Actor::from(g);
    let mut tx = crate::db::begin(db).await?;
    repo::account_bijwerken(&mut tx, &beheer(g)?, id, naam, org.id, rol, actief).await?;
    for (wat, oud, nieuw) in wijzigingen {
        let event = AuditEvent::GebruikerGewijzigd {
            gebruiker: id,
            wat,
            oud,
            nieuw,
        };
        audit::schrijf(&mut tx, &actor, event).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Sets a new temporary password (returned once) and ends the user's sessions.
pub async fn wachtwoord_resetten(db: &Db, g: &Gebruiker, id: GebruikerId) -> AppResult<String> {
    let a = account(db, g, id).await?;
    let tijdelijk = crate::web::willekeurig(16);
    let hash = service::hash_wachtwoord(tijdelijk.clone()).await?;
    let mut tx = crate::db::begin(db).await?;
    repo::tijdelijk_wachtwoord(&mut tx, &beheer(g)?, a.id, &hash).await?;
    audit::schrijf(
        &mut tx,
        &Actor::from(g),
        AuditEvent::WachtwoordGereset { gebruiker: a.id },
    )
    .await?;
    tx.commit().await?;
    Ok(tijdelijk)
}

/// Removes the second factor; the user enrols again at the next sign-in.
pub async fn tweestaps_resetten(db: &Db, g: &Gebruiker, id: GebruikerId) -> AppResult<()> {
    let a = account(db, g, id).await?;
    service::tweestaps_resetten(db, &Actor::from(g), &a.email).await
}
