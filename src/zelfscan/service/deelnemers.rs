//! The participants of a gemeente in a round: who fills in the questionnaire.

use super::*;

pub struct Deelnemerslijst {
    pub ronde: Ronde,
    pub gemeente: RondeGemeente,
    pub deelnemers: Vec<repo::Deelnemer>,
    pub mag_schrijven: bool,
}

/// Participants (role required, name optional personal data): visible to those who may write
/// the gemeente's answers; every read is audited.
pub async fn deelnemers(
    db: &Db,
    g: &Gebruiker,
    ronde_id: RondeId,
    code: &str,
) -> AppResult<Deelnemerslijst> {
    let (r, rg) = ronde_en_gemeente(db, g, ronde_id, code).await?;
    let mag = permissions::gemeente_schrijven(g, blad(&r, &rg)).is_some();
    let scope = permissions::deelnemers_lezen(g, blad(&r, &rg)).ok_or(AppError::GeenToegang)?;
    let lijst = repo::deelnemers(db, &scope).await?;
    let mut tx = crate::db::begin(db).await?;
    audit::schrijf(
        &mut tx,
        &Actor::from(g),
        AuditEvent::DeelnemersGelezen {
            ronde: r.id,
            gemeente: code.into(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Deelnemerslijst {
        ronde: r,
        gemeente: rg,
        deelnemers: lijst,
        mag_schrijven: mag,
    })
}

pub async fn deelnemer_toevoegen(
    db: &Db,
    g: &Gebruiker,
    ronde_id: RondeId,
    code: &str,
    rol: &str,
    naam: &str,
) -> AppResult<()> {
    let (r, _, scope) = schrijfbare_gemeente(db, g, ronde_id, code).await?;
    let rol = rol.trim();
    if rol.is_empty() || rol.chars().count() > 200 {
        return Err(AppError::validatie(
            "rol",
            "Vul de rol of 'bloedgroep' van de deelnemer in (maximaal 200 tekens).",
        ));
    }
    for (veld, t) in [("rol", rol), ("naam", naam)] {
        if let Err(m) = crate::tekst::geen_stuurtekens(t) {
            return Err(AppError::validatie(veld, &format!("Dit veld {m}")));
        }
    }
    let naam = naam.trim();
    if naam.chars().count() > 200 {
        return Err(AppError::validatie(
            "naam",
            "De naam is te lang (maximaal 200 tekens).",
        ));
    }
    let mut tx = crate::db::begin(db).await?;
    repo::deelnemer_toevoegen(&mut tx, &scope, rol, (!naam.is_empty()).then_some(naam)).await?;
    audit::schrijf(
        &mut tx,
        &Actor::from(g),
        AuditEvent::DeelnemerToegevoegd {
            ronde: r.id,
            gemeente: code.into(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn deelnemer_verwijderen(
    db: &Db,
    g: &Gebruiker,
    ronde_id: RondeId,
    code: &str,
    id: i64,
) -> AppResult<()> {
    let (r, _, scope) = schrijfbare_gemeente(db, g, ronde_id, code).await?;
    let mut tx = crate::db::begin(db).await?;
    if repo::deelnemer_verwijderen(&mut tx, &scope, id).await? == 0 {
        return Err(AppError::NietGevonden("De deelnemer"));
    }
    audit::schrijf(
        &mut tx,
        &Actor::from(g),
        AuditEvent::DeelnemerVerwijderd {
            ronde: r.id,
            gemeente: code.into(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub(super) async fn schrijfbare_gemeente(
    db: &Db,
    g: &Gebruiker,
    ronde_id: RondeId,
    code: &str,
) -> AppResult<(Ronde, RondeGemeente, permissions::GemeenteSchrijven)> {
    let (r, rg) = ronde_en_gemeente(db, g, ronde_id, code).await?;
    let scope = permissions::gemeente_schrijven(g, blad(&r, &rg)).ok_or(AppError::GeenToegang)?;
    Ok((r, rg, scope))
}
