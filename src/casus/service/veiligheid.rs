//! The veiligheidsinschatting of a case: each participant records at a moment how safe the
//! situation was judged (acuut onveilig, structureel onveilig, veilig, niet ingeschat) and when;
//! the case keeps the history.

use super::*;
use regels::{Inschatting, Veiligheid};

#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct InschattingInvoer {
    #[serde(default)]
    pub inschatting: String,
    #[serde(default)]
    pub datum: String,
}

/// Records a veiligheidsinschatting at a moment (participants, while the case is open): a date
/// not in the future and not before the moment's day. Audited as a change of the moment.
pub async fn inschatting_vastleggen(
    db: &Db,
    g: &Gebruiker,
    id: MomentId,
    i: &InschattingInvoer,
) -> AppResult<i64> {
    let (mut tx, m, t) = schrijftoegang(db, g, id).await?;
    let mut fouten = vec![];
    let inschatting = Veiligheid::parse(i.inschatting.trim());
    if inschatting.is_none() {
        fouten.push(Veldfout::new(
            "inschatting",
            "Kies acuut onveilig, structureel onveilig, veilig of niet ingeschat.",
        ));
    }
    let datum = match stappen::datum_of_vandaag(&i.datum, "inschatting_datum") {
        Ok(d) if d.as_str() < &m.tijdstip[..10.min(m.tijdstip.len())] => {
            fouten.push(Veldfout::new(
                "inschatting_datum",
                format!(
                    "De inschatting kan niet vóór het moment zelf liggen ({}).",
                    crate::web::datum_nl(&m.tijdstip[..10.min(m.tijdstip.len())])
                ),
            ));
            None
        }
        Ok(d) => Some(d),
        Err(AppError::Validatie(f)) => {
            fouten.extend(f);
            None
        }
        Err(e) => return Err(e),
    };
    let (Some(inschatting), Some(datum), true) = (inschatting, datum, fouten.is_empty()) else {
        return Err(AppError::Validatie(fouten));
    };
    let nieuw = repo::inschatting_opslaan(&mut tx, &t.deelname, &m, inschatting, &datum).await?;
    vastleggen(
        tx,
        g,
        AuditEvent::MomentGewijzigd {
            moment: id,
            wat: "veiligheidsinschatting",
        },
    )
    .await?;
    Ok(nieuw)
}

/// The veiligheidsinschattingen of the case of a moment the user may see, newest first
/// (process data, like the moment's status).
pub async fn inschattingen(db: &Db, g: &Gebruiker, m: &Moment) -> AppResult<Vec<Inschatting>> {
    let inzage = permissions::casus_inzage(g).ok_or(AppError::GeenToegang)?;
    Ok(repo::inschattingen(db, &inzage, m.casus_id).await?)
}
