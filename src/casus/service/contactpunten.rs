//! The contact directory of a region: contact persons and duty desks.

use super::*;

#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct ContactInvoer {
    #[serde(default)]
    pub soort: String,
    #[serde(default)]
    pub functie: String,
    #[serde(default)]
    pub naam: String,
    #[serde(default)]
    pub telefoon: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub bereikbaarheid: String,
}

/// Adds a contact point of the user's own organisation to the region's directory.
pub async fn contactpunt_toevoegen(db: &Db, g: &Gebruiker, c: &ContactInvoer) -> AppResult<i64> {
    let reg = permissions::casus_registratie(g).ok_or(AppError::GeenToegang)?;
    let mut fouten = vec![];
    let soort = ContactSoort::parse(&c.soort);
    if soort.is_none() {
        fouten.push(Veldfout::new(
            "soort",
            "Kies contactpersoon of bureaudienst.",
        ));
    }
    let kort = |v: &str, veld: &str, naam: &str, verplicht: bool, fouten: &mut Vec<Veldfout>| {
        let v = v.trim();
        if verplicht && v.is_empty() {
            fouten.push(Veldfout::new(veld, format!("Vul {naam} in.")));
        } else if v.chars().count() > 200 {
            fouten.push(Veldfout::new(
                veld,
                format!("{naam} is te lang (maximaal 200 tekens)."),
            ));
        }
        v.to_string()
    };
    let functie = kort(
        &c.functie,
        "functie",
        "de functie of het team",
        true,
        &mut fouten,
    );
    let naam = kort(&c.naam, "naam", "de naam", false, &mut fouten);
    let telefoon = kort(
        &c.telefoon,
        "telefoon",
        "het telefoonnummer",
        true,
        &mut fouten,
    );
    if !telefoon.is_empty()
        && !telefoon
            .chars()
            .all(|ch| ch.is_ascii_digit() || " +-()".contains(ch))
    {
        fouten.push(Veldfout::new(
            "telefoon",
            "Een telefoonnummer bevat alleen cijfers, spaties, +, - en haakjes.",
        ));
    }
    let email = kort(&c.email, "email", "het e-mailadres", false, &mut fouten);
    if !email.is_empty() && crate::auth::model::Email::parse(&email).is_err() {
        fouten.push(Veldfout::new("email", "Dit is geen geldig e-mailadres."));
    }
    let bereikbaarheid = kort(
        &c.bereikbaarheid,
        "bereikbaarheid",
        "de bereikbaarheid",
        false,
        &mut fouten,
    );
    if !fouten.is_empty() {
        return Err(AppError::Validatie(fouten));
    }
    let mut tx = crate::db::begin(db).await?;
    let id = repo::contactpunt_opslaan(
        &mut tx,
        &reg,
        &Contactpunt {
            id: 0,
            regio_code: g.regio_code,
            organisatie_id: g.organisatie_id,
            organisatie_naam: String::new(),
            soort: soort.unwrap_or(ContactSoort::Contactpersoon),
            functie,
            naam,
            telefoon,
            email,
            bereikbaarheid,
        },
    )
    .await?;
    vastleggen(
        tx,
        g,
        AuditEvent::ContactpuntGewijzigd {
            regio: g.regio_code,
            id,
        },
    )
    .await?;
    Ok(id)
}

pub async fn contactpunt_verwijderen(db: &Db, g: &Gebruiker, id: i64) -> AppResult<()> {
    let reg = permissions::casus_registratie(g).ok_or(AppError::GeenToegang)?;
    let mut tx = crate::db::begin(db).await?;
    let org = repo::contactpunt_organisatie(&mut tx, &reg, id)
        .await?
        .ok_or(AppError::NietGevonden("Dit contactpunt"))?;
    if !(org == g.organisatie_id || g.rol == crate::auth::Rol::Regiocoordinator) {
        return Err(AppError::GeenToegang);
    }
    repo::contactpunt_verwijderen(&mut tx, &reg, id).await?;
    vastleggen(
        tx,
        g,
        AuditEvent::ContactpuntGewijzigd {
            regio: g.regio_code,
            id,
        },
    )
    .await?;
    Ok(())
}
