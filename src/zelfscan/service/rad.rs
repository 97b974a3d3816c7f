//! The wheel (rad) of a gemeente: its own scores per standard, with PDCA.

use super::*;

pub struct RadBlad {
    pub ronde: Ronde,
    pub gemeente: RondeGemeente,
    pub vragenlijst: Vragenlijst,
    pub antwoorden: BTreeMap<u8, String>,
    pub mag_schrijven: bool,
}

pub async fn rad(db: &Db, g: &Gebruiker, ronde_id: RondeId, code: &str) -> AppResult<RadBlad> {
    let blad = antwoordblad(db, g, ronde_id, code).await?;
    let scope = permissions::gemeente_lezen(g, self::blad(&blad.ronde, &blad.gemeente))
        .ok_or(AppError::GeenToegang)?;
    let antwoorden = repo::rad(db, &scope)
        .await?
        .into_iter()
        .map(|(n, t)| (u8::try_from(n).unwrap_or(0), t))
        .collect();
    Ok(RadBlad {
        ronde: blad.ronde,
        gemeente: blad.gemeente,
        vragenlijst: blad.vragenlijst,
        antwoorden,
        mag_schrijven: blad.mag_schrijven,
    })
}

pub async fn rad_opslaan(
    db: &Db,
    g: &Gebruiker,
    ronde_id: RondeId,
    code: &str,
    invoer: Vec<(u8, String)>,
) -> AppResult<()> {
    let (r, _, scope) = schrijfbare_gemeente(db, g, ronde_id, code).await?;
    let v = vragenlijst(db, &r.vragenlijst_versie).await?;
    let mut fouten = Vec::new();
    for (n, t) in &invoer {
        if !v.rad_van_fortuin.iter().any(|q| q.nummer == *n) {
            fouten.push(Veldfout::new(
                format!("rad_{n}"),
                format!("Procesvraag {n} bestaat niet."),
            ));
        }
        if let Err(m) = crate::tekst::geen_stuurtekens(t) {
            fouten.push(Veldfout::new(
                format!("rad_{n}"),
                format!("Het antwoord op procesvraag {n} {m}"),
            ));
        }
        if t.chars().count() > model::MAX_TOELICHTING {
            fouten.push(Veldfout::new(
                format!("rad_{n}"),
                format!(
                    "Het antwoord op procesvraag {n} is te lang (maximaal {} tekens).",
                    model::MAX_TOELICHTING
                ),
            ));
        }
    }
    if !fouten.is_empty() {
        return Err(AppError::Validatie(fouten));
    }
    let invoer: Vec<(u8, String)> = invoer
        .into_iter()
        .map(|(n, t)| (n, t.trim().to_string()))
        .collect();
    let mut tx = crate::db::begin(db).await?;
    repo::rad_opslaan(&mut tx, &scope, &invoer).await?;
    audit::schrijf(
        &mut tx,
        &Actor::from(g),
        AuditEvent::RadOpgeslagen {
            ronde: r.id,
            gemeente: code.into(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
