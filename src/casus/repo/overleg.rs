//! Repository: Actie-overleg meetings.

use super::*;
use crate::gedeeld::OrganisatieId;
use crate::gedeeld::RegioCode;

/// (id, regio, naam, weekdag, tijd, frequentie, voorzitter id, voorzitter naam)
type OverlegRij = (
    i64,
    RegioCode,
    String,
    i64,
    String,
    String,
    OrganisatieId,
    String,
);

pub async fn overleggen(db: &Db, s: &CasusInzage, regio: &RegioCode) -> sqlx::Result<Vec<Overleg>> {
    let rijen: Vec<OverlegRij> = sqlx::query_as(
        "SELECT g.id, g.regio_code, g.naam, g.weekdag, g.tijd, g.frequentie, g.voorzitter_organisatie_id, o.naam
         FROM overleg g JOIN organisatie o ON o.id = g.voorzitter_organisatie_id
         WHERE g.regio_code = $1 AND ($2 IS NULL OR $2 = $1) ORDER BY g.id",
    )
    .bind(regio)
    .bind(s.regio())
    .fetch_all(db)
    .await?;
    let mut uit = vec![];
    for (id, regio_code, naam, weekdag, tijd, frequentie, vz, vz_naam) in rijen {
        let organisaties = sqlx::query_as::<_, (OrganisatieId, String, String, Vlag)>(
            "SELECT o.id, o.naam, o.soort, w.wijze = 'vast' FROM overleg_organisatie w JOIN organisatie o ON o.id = w.organisatie_id
             WHERE w.overleg_id = $1 ORDER BY w.wijze, o.naam",
        )
        .bind(id)
        .fetch_all(db)
        .await?
        .into_iter()
        .map(|(id, naam, soort, vast)| (id, naam, soort, vast.0))
        .collect();
        uit.push(Overleg {
            id,
            regio_code,
            naam,
            weekdag: u8::try_from(weekdag).unwrap_or(1),
            tijd,
            frequentie: Frequentie::parse(&frequentie).unwrap_or(Frequentie::Wekelijks),
            voorzitter_organisatie_id: vz,
            voorzitter_naam: vz_naam,
            organisaties,
        });
    }
    Ok(uit)
}

#[allow(clippy::too_many_arguments)]
pub async fn overleg_opslaan(
    conn: &mut Conn,
    s: &CasusRegistratie,
    naam: &str,
    weekdag: u8,
    tijd: &str,
    frequentie: Frequentie,
    voorzitter: OrganisatieId,
    organisaties: &[(OrganisatieId, bool)],
) -> sqlx::Result<i64> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO overleg (regio_code, naam, weekdag, tijd, frequentie, voorzitter_organisatie_id)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(s.regio())
    .bind(naam)
    .bind(i64::from(weekdag))
    .bind(tijd)
    .bind(frequentie.code())
    .bind(voorzitter)
    .fetch_one(&mut *conn)
    .await?;
    for (org, vast) in organisaties {
        sqlx::query(
            "INSERT INTO overleg_organisatie (overleg_id, organisatie_id, wijze) VALUES ($1, $2, $3)",
        )
        .bind(id)
        .bind(org)
        .bind(if *vast { "vast" } else { "op_afroep" })
        .execute(&mut *conn)
        .await?;
    }
    Ok(id)
}

/// Creates the meeting of an overleg on a date, or returns the existing one.
pub async fn vergadering_zorg(
    conn: &mut Conn,
    s: &CasusRegistratie,
    overleg_id: i64,
    datum: &str,
) -> sqlx::Result<i64> {
    sqlx::query(
        "INSERT INTO vergadering (overleg_id, datum)
         SELECT $1, $2 WHERE EXISTS (SELECT 1 FROM overleg WHERE id = $1 AND regio_code = $3)
         ON CONFLICT(overleg_id, datum) DO NOTHING",
    )
    .bind(overleg_id)
    .bind(datum)
    .bind(s.regio())
    .execute(&mut *conn)
    .await?;
    sqlx::query_scalar(
        "SELECT v.id FROM vergadering v JOIN overleg g ON g.id = v.overleg_id
         WHERE v.overleg_id = $1 AND v.datum = $2 AND g.regio_code = $3",
    )
    .bind(overleg_id)
    .bind(datum)
    .bind(s.regio())
    .fetch_one(conn)
    .await
}

/// (id, overleg_id, regio) of a meeting.
pub async fn vergadering_regio(
    conn: &mut Conn,
    s: &CasusInzage,
    id: i64,
) -> sqlx::Result<Option<(i64, i64, RegioCode, String)>> {
    sqlx::query_as(
        "SELECT v.id, v.overleg_id, g.regio_code, v.datum FROM vergadering v JOIN overleg g ON g.id = v.overleg_id
         WHERE v.id = $1 AND ($2 IS NULL OR g.regio_code = $2)",
    )
    .bind(id)
    .bind(s.regio())
    .fetch_optional(conn)
    .await
}

pub async fn aanwezigheid_opslaan(
    conn: &mut Conn,
    s: &CasusRegistratie,
    vergadering_id: i64,
    organisatie_id: OrganisatieId,
    aanwezig: bool,
) -> sqlx::Result<()> {
    een_rij(
        &sqlx::query(
            "INSERT INTO vergadering_aanwezigheid (vergadering_id, organisatie_id, aanwezig)
             SELECT $1, $2, $3 WHERE EXISTS (SELECT 1 FROM vergadering v JOIN overleg g ON g.id = v.overleg_id
                 WHERE v.id = $1 AND g.regio_code = $4)
             ON CONFLICT(vergadering_id, organisatie_id) DO UPDATE SET aanwezig = excluded.aanwezig",
        )
        .bind(vergadering_id)
        .bind(organisatie_id)
        .bind(aanwezig)
        .bind(s.regio())
        .execute(conn)
        .await?,
    )
}

/// Meetings of a region with `datum` in `[van, tot)`, newest first, with attendance.
pub async fn vergaderingen(
    db: &Db,
    s: &CasusInzage,
    regio: &RegioCode,
    van: &str,
    tot: &str,
) -> sqlx::Result<Vec<Vergadering>> {
    let rijen: Vec<(i64, i64, String)> = sqlx::query_as(
        "SELECT v.id, v.overleg_id, v.datum FROM vergadering v JOIN overleg g ON g.id = v.overleg_id
         WHERE g.regio_code = $1 AND ($4 IS NULL OR $4 = $1) AND v.datum >= $2 AND v.datum < $3
         ORDER BY v.datum DESC",
    )
    .bind(regio)
    .bind(van)
    .bind(tot)
    .bind(s.regio())
    .fetch_all(db)
    .await?;
    let mut uit = Vec::with_capacity(rijen.len());
    for (id, overleg_id, datum) in rijen {
        let aanwezigheid = sqlx::query_as::<_, (OrganisatieId, Vlag)>(
            "SELECT organisatie_id, aanwezig FROM vergadering_aanwezigheid WHERE vergadering_id = $1",
        )
        .bind(id)
        .fetch_all(db)
        .await?
        .into_iter()
        .map(|(org, aanwezig)| (org, aanwezig.0))
        .collect();
        uit.push(Vergadering {
            id,
            overleg_id,
            datum,
            aanwezigheid,
        });
    }
    Ok(uit)
}
