//! Use cases of organisations: adding one from the CLI, and Beheer › Organisaties in the web
//! interface (the beheerder for every region, a regiocoördinator for the own region).
//! Organisations are never deleted (audit rows and case history refer to them): they are
//! deactivated. Every change is audited with its old and new value.

use super::model::{Organisatie, OrganisatieSoort, RegioCode, code_parse};
use super::repo;
use crate::audit::{self, Actor, AuditEvent};
use crate::auth::model::Gebruiker;
use crate::auth::permissions;
use crate::db::Db;
use crate::error::{AppError, AppResult, Veldfout};
use crate::gedeeld::OrganisatieId;

/// Adds an organisation (CLI). Codes are lower-case letters, digits and hyphens.
pub async fn toevoegen(
    db: &Db,
    code: &str,
    naam: &str,
    soort: &str,
    regio: &str,
) -> AppResult<OrganisatieId> {
    let mut f = Vec::new();
    let code = code_parse(code)
        .map_err(|m| f.push(Veldfout::new("code", m)))
        .unwrap_or_default();
    if naam.trim().is_empty() {
        f.push(Veldfout::new("naam", "Vul de naam van de organisatie in."));
    }
    let soort = OrganisatieSoort::parse(soort);
    if soort.is_none() {
        f.push(Veldfout::new(
            "soort",
            "Onbekende soort. Kies uit: veilig_thuis, politie, om, rvdk, 3ro, gemeente, netwerk.",
        ));
    }
    let regio = RegioCode::parse(regio)
        .map_err(|m| f.push(Veldfout::new("regio", m)))
        .ok();
    let (Some(soort), Some(regio), true) = (soort, regio, f.is_empty()) else {
        return Err(AppError::Validatie(f));
    };
    Ok(repo::bewaar(db, &code, naam.trim(), soort.code(), &regio).await?)
}

// ---- Beheer › Organisaties -------------------------------------------------------------------

/// The organisations the administrator may manage (active and inactive).
pub async fn beheerbaar(db: &Db, g: &Gebruiker) -> AppResult<Vec<Organisatie>> {
    Ok(repo::beheerbare(db, &beheer(g)?).await?)
}

fn beheer(g: &Gebruiker) -> AppResult<permissions::OrganisatieBeheer> {
    permissions::organisatie_beheer(g).ok_or(AppError::GeenToegang)
}

/// One organisation, if the administrator may manage it (another region's is not found).
pub async fn beheerbare(db: &Db, g: &Gebruiker, id: OrganisatieId) -> AppResult<Organisatie> {
    repo::beheerbaar(db, &beheer(g)?, id)
        .await?
        .ok_or(AppError::NietGevonden("De organisatie"))
}

/// The regions the administrator may put an organisation in: (code, name).
pub fn regios(g: &Gebruiker) -> Vec<(&'static str, &'static str)> {
    RegioCode::alle()
        .filter(|r| permissions::beheert_organisaties(g, r))
        .map(|r| (r.as_str(), r.naam()))
        .collect()
}

/// Whether code and kind can still change (nothing refers to the organisation yet).
pub async fn wijzigbaar(db: &Db, o: &Organisatie) -> AppResult<bool> {
    Ok(!repo::in_gebruik(db, o.id, &o.code).await?)
}

/// An organisation as typed in the form.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct OrganisatieInvoer {
    #[serde(default)]
    pub code: String,
    #[serde(default)]
    pub naam: String,
    #[serde(default)]
    pub soort: String,
    #[serde(default)]
    pub regio: String,
    /// "1" when active (a checkbox).
    #[serde(default)]
    pub actief: String,
}

impl OrganisatieInvoer {
    pub fn van(o: &Organisatie) -> Self {
        Self {
            code: o.code.clone(),
            naam: o.naam.clone(),
            soort: o.soort.clone(),
            regio: o.regio_code.to_string(),
            actief: if o.actief { "1".into() } else { String::new() },
        }
    }
}

/// Validated form: (code, name, kind, region) or the errors next to the fields.
fn valideer(
    g: &Gebruiker,
    i: &OrganisatieInvoer,
) -> Result<(String, String, OrganisatieSoort, RegioCode), Vec<Veldfout>> {
    let mut f = Vec::new();
    let code = code_parse(&i.code)
        .map_err(|m| f.push(Veldfout::new("code", m)))
        .ok();
    let naam = i.naam.trim();
    if naam.is_empty() {
        f.push(Veldfout::new("naam", "Vul de naam van de organisatie in."));
    } else if let Err(m) = crate::tekst::geen_stuurtekens(naam) {
        f.push(Veldfout::new("naam", format!("De naam {m}")));
    } else if naam.chars().count() > 200 {
        f.push(Veldfout::new(
            "naam",
            "De naam is te lang (maximaal 200 tekens).",
        ));
    }
    let soort = OrganisatieSoort::parse(&i.soort);
    if soort.is_none() {
        f.push(Veldfout::new("soort", "Kies de soort organisatie."));
    }
    let regio = match RegioCode::parse(&i.regio) {
        Ok(r) if permissions::beheert_organisaties(g, &r) => Some(r),
        Ok(_) => {
            f.push(Veldfout::new(
                "regio",
                "U kunt alleen organisaties in uw eigen regio beheren.",
            ));
            None
        }
        Err(_) => {
            f.push(Veldfout::new("regio", "Kies een regio uit de lijst."));
            None
        }
    };
    match (code, soort, regio, f.is_empty()) {
        (Some(c), Some(s), Some(r), true) => Ok((c, naam.to_string(), s, r)),
        _ => Err(f),
    }
}

/// Creates an organisation (active). A taken code is a form error.
pub async fn aanmaken(db: &Db, g: &Gebruiker, i: &OrganisatieInvoer) -> AppResult<OrganisatieId> {
    // Who may not manage organisations at all is refused before the form is looked at.
    let scope = beheer(g)?;
    let (code, naam, soort, regio) = valideer(g, i).map_err(AppError::Validatie)?;
    let mut tx = crate::db::begin(db).await?;
    // A code in use is refused by its unique constraint, as a field error (`error::UNIEK`).
    let id = repo::voeg_toe(&mut tx, &scope, &code, &naam, soort.code(), &regio).await?;
    audit::schrijf(
        &mut tx,
        &Actor::from(g),
        AuditEvent::OrganisatieAangemaakt {
            organisatie: id,
            code: code.clone(),
            soort: soort.code(),
            regio,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Changes name, kind, region, active flag and (while nothing refers to it) code. Nobody
/// changes the kind, region or active flag of their own organisation (no one locks
/// themselves out or widens their own access); only the beheerder moves an organisation
/// to another region (a regiocoördinator only chooses his own).
pub async fn wijzigen(
    db: &Db,
    g: &Gebruiker,
    id: OrganisatieId,
    i: &OrganisatieInvoer,
) -> AppResult<()> {
    let oud = beheerbare(db, g, id).await?;
    let (code, naam, soort, regio) = valideer(g, i).map_err(AppError::Validatie)?;
    let actief = i.actief == "1";
    let vast = !wijzigbaar(db, &oud).await?;
    let mut f = Vec::new();
    if vast && code != oud.code {
        f.push(Veldfout::new(
            "code",
            "De code staat vast: er wordt al naar deze organisatie verwezen.",
        ));
    }
    if vast && soort.code() != oud.soort {
        f.push(Veldfout::new(
            "soort",
            "De soort staat vast: er wordt al naar deze organisatie verwezen. Maak zo nodig een nieuwe organisatie aan en zet deze op inactief.",
        ));
    }
    if id == g.organisatie_id
        && (soort.code() != oud.soort || regio.as_str() != oud.regio_code || !actief)
    {
        f.push(Veldfout::new(
            "actief",
            "U kunt de soort, regio of actief-status van uw eigen organisatie niet wijzigen; vraag een beheerder.",
        ));
    }
    // A regiocoördinator cannot lock the beheerder out by deactivating or moving the
    // beheerder's organisation.
    if g.rol != crate::auth::model::Rol::Beheerder
        && (!actief || regio.as_str() != oud.regio_code)
        && oud.actief
        && repo::heeft_beheerder(db, id).await?
    {
        f.push(Veldfout::new(
            "actief",
            "Bij deze organisatie werkt een beheerder; alleen een beheerder kan haar deactiveren.",
        ));
    }
    if code != oud.code && repo::op_code(db, &code).await?.is_some() {
        f.push(Veldfout::new(
            "code",
            "Deze code is al in gebruik; kies een andere.",
        ));
    }
    if !f.is_empty() {
        return Err(AppError::Validatie(f));
    }
    let wijzigingen: Vec<(&'static str, String, String)> = [
        ("code", oud.code.clone(), code.clone()),
        ("naam", oud.naam.clone(), naam.clone()),
        ("soort", oud.soort.clone(), soort.code().to_string()),
        ("regio", oud.regio_code.to_string(), regio.to_string()),
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
    repo::bijwerken(
        &mut tx,
        &beheer(g)?,
        id,
        &code,
        &naam,
        soort.code(),
        &regio,
        actief,
    )
    .await?;
    for (wat, oud, nieuw) in wijzigingen {
        audit::schrijf(
            &mut tx,
            &actor,
            AuditEvent::OrganisatieGewijzigd {
                organisatie: id,
                wat,
                oud,
                nieuw,
            },
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}
