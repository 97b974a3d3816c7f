//! All SQL of the Zelfscan (rounds, answers, participants, Rad van Fortuin, routekaart).

use super::model::{Antwoord, Ronde, RondeGemeente, VraagAntwoord, Zichtbaarheid};
use crate::auth::permissions::{
    DeelnemersLezen, GemeenteLezen, GemeenteSchrijven, Gemeenteblad, RegioBeheer, RegioInzage,
    ZelfscanScope, ZichtbaarheidZetten,
};
use crate::db::Db;
use crate::db::{Conn, Vlag};
use crate::gedeeld::RegioCode;
use crate::gedeeld::{GebruikerId, OrganisatieId, RondeId};

/// The questionnaire version of a round (reference data: no region data).
pub async fn vragenlijst_van_ronde(db: &Db, ronde: RondeId) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar("SELECT vragenlijst_versie FROM zelfscan_ronde WHERE id = $1")
        .bind(ronde)
        .fetch_optional(db)
        .await
}

const RONDE: &str =
    "SELECT id, regio_code, titel, doel, datum, vragenlijst_versie FROM zelfscan_ronde";

/// SQL condition: round `{ronde}` lies in the region of a gemeente scope (`$n` NULL: the
/// command line) and has gemeente `$m` among its participants.
fn in_blad(ronde: &str, n: u8, m: u8) -> String {
    format!(
        "EXISTS (SELECT 1 FROM zelfscan_ronde zr JOIN ronde_gemeente zg ON zg.ronde_id = zr.id \
           WHERE zr.id = {ronde} AND zg.gemeente_id = ${m} AND (${n} IS NULL OR zr.regio_code = ${n}))"
    )
}

/// Rounds of the scope's region (or of all regions), optionally of one region, newest first.
pub async fn rondes(
    db: &Db,
    s: &RegioInzage,
    regio: Option<&RegioCode>,
) -> sqlx::Result<Vec<Ronde>> {
    sqlx::query_as(&format!(
        "{RONDE} WHERE ($1 IS NULL OR regio_code = $1) AND ($2 IS NULL OR regio_code = $2)
         ORDER BY datum DESC, id DESC"
    ))
    .bind(s.regio())
    .bind(regio)
    .fetch_all(db)
    .await
}

/// A round within the scope (another region's is not found).
pub async fn ronde(db: &Db, s: &RegioInzage, id: RondeId) -> sqlx::Result<Option<Ronde>> {
    sqlx::query_as(&format!(
        "{RONDE} WHERE id = $1 AND ($2 IS NULL OR regio_code = $2)"
    ))
    .bind(id)
    .bind(s.regio())
    .fetch_optional(db)
    .await
}

pub async fn ronde_aanmaken(
    conn: &mut Conn,
    s: &RegioBeheer,
    regio: &RegioCode,
    titel: &str,
    doel: &str,
    datum: &str,
    versie: &str,
) -> sqlx::Result<RondeId> {
    sqlx::query_scalar(
        "INSERT INTO zelfscan_ronde (regio_code, titel, doel, datum, vragenlijst_versie, aangemaakt_op)
         SELECT $1, $2, $3, $4, $5, $6 WHERE ($7 IS NULL OR $7 = $1) RETURNING id",
    )
    .bind(regio)
    .bind(titel)
    .bind(doel)
    .bind(datum)
    .bind(versie)
    .bind(crate::db::nu())
    .bind(s.regio())
    .fetch_one(conn)
    .await
}

/// Adds a gemeente of the round's region to a round in the scope.
pub async fn gemeente_toevoegen(
    conn: &mut Conn,
    s: &RegioBeheer,
    ronde: RondeId,
    gemeente: OrganisatieId,
    z: Zichtbaarheid,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO ronde_gemeente (ronde_id, gemeente_id, zichtbaarheid)
         SELECT $1, $2, $3 WHERE EXISTS (SELECT 1 FROM zelfscan_ronde r JOIN organisatie o
             ON o.regio_code = r.regio_code AND o.id = $2 AND o.soort = 'gemeente'
             WHERE r.id = $1 AND ($4 IS NULL OR r.regio_code = $4))
         ON CONFLICT DO NOTHING",
    )
    .bind(ronde)
    .bind(gemeente)
    .bind(z.code())
    .bind(s.regio())
    .execute(conn)
    .await?;
    Ok(())
}

/// The participating gemeenten with their visibility and number of answered questions.
/// This list (names, completeness) is visible to the whole region; answers are not.
pub async fn ronde_gemeenten(
    db: &Db,
    s: &RegioInzage,
    ronde: RondeId,
) -> sqlx::Result<Vec<RondeGemeente>> {
    sqlx::query_as(
        "SELECT rg.gemeente_id, o.code, o.naam, rg.zichtbaarheid,
                (SELECT count(*) FROM zelfscan_antwoord a
                  WHERE a.ronde_id = rg.ronde_id AND a.gemeente_id = rg.gemeente_id AND a.antwoord IS NOT NULL) AS beantwoord
         FROM ronde_gemeente rg JOIN organisatie o ON o.id = rg.gemeente_id
         JOIN zelfscan_ronde r ON r.id = rg.ronde_id
         WHERE rg.ronde_id = $1 AND ($2 IS NULL OR r.regio_code = $2) ORDER BY o.naam",
    )
    .bind(ronde)
    .bind(s.regio())
    .fetch_all(db)
    .await
}

pub async fn zichtbaarheid_zetten(
    conn: &mut Conn,
    s: &ZichtbaarheidZetten,
    z: Zichtbaarheid,
) -> sqlx::Result<u64> {
    let r = sqlx::query(&format!(
        "UPDATE ronde_gemeente SET zichtbaarheid = $1 WHERE ronde_id = $2 AND gemeente_id = $3 AND {}",
        in_blad("$2", 4, 3)
    ))
    .bind(z.code())
    .bind(s.ronde())
    .bind(s.gemeente())
    .bind(s.regio())
    .execute(conn)
    .await?;
    Ok(r.rows_affected())
}

#[derive(sqlx::FromRow)]
struct AntwoordRij {
    gemeente_id: OrganisatieId,
    vraag: i64,
    antwoord: Option<String>,
    toelichting: String,
}

fn naar_antwoorden(rijen: Vec<AntwoordRij>) -> Vec<(OrganisatieId, VraagAntwoord)> {
    rijen
        .into_iter()
        .map(|r| {
            (
                r.gemeente_id,
                VraagAntwoord {
                    vraag: u16::try_from(r.vraag).unwrap_or(0),
                    antwoord: r.antwoord.as_deref().and_then(Antwoord::parse),
                    toelichting: r.toelichting,
                },
            )
        })
        .collect()
}

/// Answers of the gemeenten the scope may see individually. The visibility rule is applied
/// in SQL here, so no caller can forget it.
pub async fn antwoorden_zichtbaar(
    db: &Db,
    scope: &ZelfscanScope,
    ronde: RondeId,
) -> sqlx::Result<Vec<(OrganisatieId, VraagAntwoord)>> {
    let rijen: Vec<AntwoordRij> = sqlx::query_as(
        "SELECT a.gemeente_id, a.vraag, a.antwoord, a.toelichting
         FROM zelfscan_antwoord a JOIN ronde_gemeente rg ON rg.ronde_id = a.ronde_id AND rg.gemeente_id = a.gemeente_id
         JOIN zelfscan_ronde r ON r.id = a.ronde_id AND r.regio_code = $5
         WHERE a.ronde_id = $1
           AND (rg.gemeente_id = $2
                OR (rg.zichtbaarheid = 'regio' AND $3)
                OR (rg.zichtbaarheid = 'gemeente' AND $4))
         ORDER BY a.gemeente_id, a.vraag",
    )
    .bind(ronde)
    .bind(scope.organisatie())
    .bind(scope.ziet_regio())
    .bind(scope.ziet_gemeente())
    .bind(scope.regio())
    .fetch_all(db)
    .await?;
    Ok(naar_antwoorden(rijen))
}

/// Answers of all gemeenten WITHOUT toelichting: only for the regional aggregate and
/// "x van y" statements, never shown per gemeente.
pub async fn antwoorden_voor_aggregaat(
    db: &Db,
    s: &RegioInzage,
    ronde: RondeId,
) -> sqlx::Result<Vec<(OrganisatieId, VraagAntwoord)>> {
    let rijen: Vec<AntwoordRij> = sqlx::query_as(
        "SELECT a.gemeente_id, a.vraag, a.antwoord, '' AS toelichting FROM zelfscan_antwoord a
         JOIN zelfscan_ronde r ON r.id = a.ronde_id
         WHERE a.ronde_id = $1 AND ($2 IS NULL OR r.regio_code = $2) ORDER BY a.gemeente_id, a.vraag",
    )
    .bind(ronde)
    .bind(s.regio())
    .fetch_all(db)
    .await?;
    Ok(naar_antwoorden(rijen))
}

/// Upserts answers (only the questions given; others stay as they are).
pub async fn antwoorden_opslaan(
    conn: &mut Conn,
    s: &GemeenteSchrijven,
    gebruiker: Option<GebruikerId>,
    antwoorden: &[VraagAntwoord],
) -> sqlx::Result<()> {
    blad_bestaat(conn, s).await?;
    let nu = crate::db::nu();
    for a in antwoorden {
        sqlx::query(
            "INSERT INTO zelfscan_antwoord (ronde_id, gemeente_id, vraag, antwoord, toelichting, gewijzigd_op, gewijzigd_door)
             VALUES ($1, $2, $3, $4, $5, $6, $7)
             ON CONFLICT(ronde_id, gemeente_id, vraag) DO UPDATE SET
               antwoord = excluded.antwoord, toelichting = excluded.toelichting,
               gewijzigd_op = excluded.gewijzigd_op, gewijzigd_door = excluded.gewijzigd_door",
        )
        .bind(s.ronde())
        .bind(s.gemeente())
        .bind(i64::from(a.vraag))
        .bind(a.antwoord.map(Antwoord::code))
        .bind(&a.toelichting)
        .bind(&nu)
        .bind(gebruiker)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Deelnemer {
    pub id: i64,
    pub rol: String,
    pub naam: Option<String>,
}

/// Fails with `RowNotFound` unless the scope's gemeente takes part in its round, within the
/// region the permission check saw.
async fn blad_bestaat(conn: &mut Conn, s: &Gemeenteblad) -> sqlx::Result<()> {
    let Vlag(ja) = sqlx::query_scalar(&format!("SELECT {}", in_blad("$1", 2, 3)))
        .bind(s.ronde())
        .bind(s.regio())
        .bind(s.gemeente())
        .fetch_one(conn)
        .await?;
    if ja {
        Ok(())
    } else {
        Err(sqlx::Error::RowNotFound)
    }
}

pub async fn deelnemers(db: &Db, s: &DeelnemersLezen) -> sqlx::Result<Vec<Deelnemer>> {
    sqlx::query_as(&format!(
        "SELECT id, rol, naam FROM ronde_deelnemer WHERE ronde_id = $1 AND gemeente_id = $3 AND {}
         ORDER BY rol, id",
        in_blad("$1", 2, 3)
    ))
    .bind(s.ronde())
    .bind(s.regio())
    .bind(s.gemeente())
    .fetch_all(db)
    .await
}

pub async fn deelnemer_toevoegen(
    conn: &mut Conn,
    s: &GemeenteSchrijven,
    rol: &str,
    naam: Option<&str>,
) -> sqlx::Result<()> {
    blad_bestaat(conn, s).await?;
    sqlx::query(
        "INSERT INTO ronde_deelnemer (ronde_id, gemeente_id, rol, naam) VALUES ($1, $2, $3, $4)",
    )
    .bind(s.ronde())
    .bind(s.gemeente())
    .bind(rol)
    .bind(naam)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn deelnemer_verwijderen(
    conn: &mut Conn,
    s: &GemeenteSchrijven,
    id: i64,
) -> sqlx::Result<u64> {
    blad_bestaat(conn, s).await?;
    let r = sqlx::query(
        "DELETE FROM ronde_deelnemer WHERE id = $1 AND ronde_id = $2 AND gemeente_id = $3",
    )
    .bind(id)
    .bind(s.ronde())
    .bind(s.gemeente())
    .execute(conn)
    .await?;
    Ok(r.rows_affected())
}

pub async fn rad(db: &Db, s: &GemeenteLezen) -> sqlx::Result<Vec<(i64, String)>> {
    sqlx::query_as(&format!(
        "SELECT vraag, tekst FROM rad_antwoord WHERE ronde_id = $1 AND gemeente_id = $3 AND {}
         ORDER BY vraag",
        in_blad("$1", 2, 3)
    ))
    .bind(s.ronde())
    .bind(s.regio())
    .bind(s.gemeente())
    .fetch_all(db)
    .await
}

pub async fn rad_opslaan(
    conn: &mut Conn,
    s: &GemeenteSchrijven,
    antwoorden: &[(u8, String)],
) -> sqlx::Result<()> {
    blad_bestaat(conn, s).await?;
    let (ronde, gemeente) = (s.ronde(), s.gemeente());
    for (vraag, tekst) in antwoorden {
        sqlx::query(
            "INSERT INTO rad_antwoord (ronde_id, gemeente_id, vraag, tekst) VALUES ($1, $2, $3, $4)
             ON CONFLICT(ronde_id, gemeente_id, vraag) DO UPDATE SET tekst = excluded.tekst",
        )
        .bind(ronde)
        .bind(gemeente)
        .bind(i64::from(*vraag))
        .bind(tekst)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

pub async fn routekaart_gereed(
    db: &Db,
    s: &RegioInzage,
    regio: &RegioCode,
) -> sqlx::Result<Vec<(String, String)>> {
    sqlx::query_as(
        "SELECT stap_id, gereed_op FROM routekaart_stap WHERE regio_code = $1 AND ($2 IS NULL OR $2 = $1)",
    )
    .bind(regio)
    .bind(s.regio())
    .fetch_all(db)
    .await
}

pub async fn routekaart_zetten(
    conn: &mut Conn,
    s: &RegioBeheer,
    regio: &RegioCode,
    stap: &str,
    gereed: bool,
    gebruiker: Option<GebruikerId>,
) -> sqlx::Result<()> {
    if !s.omvat(regio) {
        return Err(sqlx::Error::RowNotFound);
    }
    if gereed {
        sqlx::query(
            "INSERT INTO routekaart_stap (regio_code, stap_id, gereed_op, gereed_door) VALUES ($1, $2, $3, $4)
             ON CONFLICT(regio_code, stap_id) DO NOTHING",
        )
        .bind(regio)
        .bind(stap)
        .bind(crate::db::vandaag())
        .bind(gebruiker)
        .execute(conn)
        .await?;
    } else {
        sqlx::query("DELETE FROM routekaart_stap WHERE regio_code = $1 AND stap_id = $2")
            .bind(regio)
            .bind(stap)
            .execute(conn)
            .await?;
    }
    Ok(())
}
