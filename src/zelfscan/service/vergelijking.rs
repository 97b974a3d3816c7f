//! Comparison of two rounds of a region, per standard, for the region or one gemeente.

use super::*;

/// Comparison of two rounds (same region): per standard the change, for the region or one gemeente.
pub struct Vergelijking {
    pub a: Ronde,
    pub b: Ronde,
    pub vragenlijst: Vragenlijst,
    pub onderwerp: String,
    pub scores_a: Option<Vec<StandaardScore>>,
    pub scores_b: Option<Vec<StandaardScore>>,
}

pub async fn vergelijk(
    db: &Db,
    g: &Gebruiker,
    a: RondeId,
    b: RondeId,
    gemeente: Option<&str>,
) -> AppResult<Vergelijking> {
    let ra = resultaten(db, g, a).await?;
    let rb = resultaten(db, g, b).await?;
    if ra.ronde.regio_code != rb.ronde.regio_code {
        return Err(AppError::validatie(
            "b",
            "Vergelijk alleen rondes uit dezelfde regio.",
        ));
    }
    // A gemeente the user may not see individually yields "no data", exactly like a gemeente
    // that did not take part, so the comparison reveals nothing about hidden results.
    let kies = |r: &Resultaten| match gemeente {
        None => r.regio.clone(),
        Some(code) => r
            .gemeenten
            .iter()
            .find(|x| x.code == code)
            .map(|x| x.scores.clone()),
    };
    let scores_a = kies(&ra);
    let scores_b = kies(&rb);
    let onderwerp = match gemeente {
        None => format!(
            "Regio {}",
            crate::organisatie::model::regio_naam(ra.ronde.regio_code)
        ),
        Some(code) => ra
            .gemeenten
            .iter()
            .chain(rb.gemeenten.iter())
            .find(|x| x.code == code)
            .map_or_else(|| code.to_string(), |x| x.naam.clone()),
    };
    Ok(Vergelijking {
        vragenlijst: rb.vragenlijst.clone(),
        a: ra.ronde,
        b: rb.ronde,
        onderwerp,
        scores_a,
        scores_b,
    })
}
