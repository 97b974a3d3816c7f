//! Repository: the onderzoeks- en veiligheidsplan of a case, one row per version and its items.
//! Read only after the service checked that the reader's organisation takes part in the case.

use super::*;
use crate::casus::plan::{PlanItem, PlanSoort, PlanStatus, PlanVersie};
use crate::gedeeld::{CasusId, GebruikerId};

/// Every version of a case's plan, newest first, each with its items.
pub async fn plan_versies(
    conn: &mut Conn,
    s: &Deelname,
    casus: CasusId,
) -> sqlx::Result<Vec<PlanVersie>> {
    let koppen: Vec<(i64, i64, String, String, String, String)> = sqlx::query_as(&format!(
        "SELECT v.id, v.versie, o.naam, g.naam, v.gemaakt_op, v.toelichting
         FROM veiligheidsplan_versie v JOIN organisatie o ON o.id = v.organisatie_id
         JOIN gebruiker g ON g.id = v.gebruiker_id
         WHERE v.casus_id = $1 AND EXISTS (SELECT 1 FROM moment mc WHERE mc.casus_id = $1 AND {})
         ORDER BY v.versie DESC",
        deelt("mc.id", 2)
    ))
    .bind(casus)
    .bind(s.organisatie())
    .fetch_all(&mut *conn)
    .await?;
    let mut uit = Vec::with_capacity(koppen.len());
    for (id, versie, organisatie_naam, gebruiker_naam, gemaakt_op, toelichting) in koppen {
        type Rij = (
            String,
            OrganisatieId,
            Option<GebruikerId>,
            Option<String>,
            String,
            String,
            String,
            String,
        );
        let items: Vec<Rij> = sqlx::query_as(
            "SELECT i.veiligheid, i.partner_id, i.eigenaar_id, g.naam, i.soort, i.omschrijving,
                    i.datum, i.status
             FROM veiligheidsplan_item i LEFT JOIN gebruiker g ON g.id = i.eigenaar_id
             WHERE i.versie_id = $1 ORDER BY i.volgorde",
        )
        .bind(id)
        .fetch_all(&mut *conn)
        .await?;
        let mut eigenaren: Vec<(GebruikerId, String)> = vec![];
        for (_, _, e, naam, ..) in &items {
            if let (Some(e), Some(naam)) = (e, naam)
                && !eigenaren.iter().any(|(x, _)| x == e)
            {
                eigenaren.push((*e, naam.clone()));
            }
        }
        uit.push(PlanVersie {
            versie,
            organisatie_naam,
            gebruiker_naam,
            gemaakt_op,
            toelichting,
            eigenaren,
            items: items
                .into_iter()
                .map(
                    |(v, partner, eigenaar, _, soort, omschrijving, datum, status)| PlanItem {
                        veiligheid: AfspraakSoort::parse(&v).unwrap_or(AfspraakSoort::Direct),
                        partner,
                        eigenaar,
                        soort: PlanSoort::parse(&soort).unwrap_or(PlanSoort::Onderzoek),
                        omschrijving,
                        datum,
                        status: PlanStatus::parse(&status).unwrap_or(PlanStatus::Gepland),
                    },
                )
                .collect(),
        });
    }
    Ok(uit)
}

/// Stores version `versie` of a case's plan by a user of the scope's organisation (which takes
/// part in the case). `Ok(false)`: that version exists already (someone saved in between).
pub async fn plan_opslaan(
    conn: &mut Conn,
    s: &Deelname,
    (casus, versie): (CasusId, i64),
    gebruiker: crate::gedeeld::GebruikerId,
    toelichting: &str,
    items: &[PlanItem],
) -> sqlx::Result<bool> {
    let id: Option<i64> = sqlx::query_scalar(&format!(
        "INSERT INTO veiligheidsplan_versie (casus_id, versie, organisatie_id, gebruiker_id, gemaakt_op, toelichting)
         SELECT $1, $2, $3, $4, $5, $6
         WHERE EXISTS (SELECT 1 FROM moment mc WHERE mc.casus_id = $1 AND {})
         ON CONFLICT (casus_id, versie) DO NOTHING RETURNING id",
        deelt("mc.id", 3)
    ))
    .bind(casus)
    .bind(versie)
    .bind(s.organisatie())
    .bind(gebruiker)
    .bind(crate::db::nu())
    .bind(toelichting)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(id) = id else {
        return Ok(false);
    };
    for (n, i) in items.iter().enumerate() {
        sqlx::query(
            "INSERT INTO veiligheidsplan_item (versie_id, volgorde, veiligheid, partner_id, eigenaar_id, soort, omschrijving, datum, status)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(id)
        .bind(n as i64)
        .bind(i.veiligheid.code())
        .bind(i.partner)
        .bind(i.eigenaar)
        .bind(i.soort.code())
        .bind(&i.omschrijving)
        .bind(&i.datum)
        .bind(i.status.code())
        .execute(&mut *conn)
        .await?;
    }
    Ok(true)
}
