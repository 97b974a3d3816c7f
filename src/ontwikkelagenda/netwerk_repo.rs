//! All SQL of the regional network's own year: werkplan, speerpunten with thematrekkers,
//! network meetings with their besluitenlijst, and the yearly self-evaluation. Reads take the
//! proof that the caller may read the agenda; writes take the region-scoped [`SwotSchrijven`]
//! and touch only rows of its region.

use super::netwerk::{
    Actie, Aspect, Besluit, Bijeenkomst, BijeenkomstStatus, Evaluatie, NieuwSpeerpunt,
    NieuweBijeenkomst, NieuweEvaluatie, Speerpunt, Trekker, Werkplan, WerkplanGegevens,
    WerkplanStatus,
};
use super::sessie::StapStatus;
use crate::auth::permissions::{OntwikkelagendaLezen, SwotSchrijven};
use crate::db::{Conn, Db};
use crate::gedeeld::{OrganisatieId, RegioCode};

type WerkplanRij = (
    i64,
    RegioCode,
    String,
    String,
    String,
    String,
    Option<i64>,
    Option<String>,
    String,
    String,
    String,
);

/// The werkplan of `regio` in `jaar`, with its speerpunten and their thematrekkers.
pub async fn werkplan(
    db: &Db,
    l: &OntwikkelagendaLezen,
    regio: &RegioCode,
    jaar: i64,
) -> sqlx::Result<Option<Werkplan>> {
    Ok(werkplannen(db, l, Some(regio), jaar).await?.pop())
}

/// The werkplannen of `jaar` (of every region, or of `regio`), by region, with their
/// speerpunten and thematrekkers: three statements however many regions.
pub async fn werkplannen(
    db: &Db,
    _: &OntwikkelagendaLezen,
    regio: Option<&RegioCode>,
    jaar: i64,
) -> sqlx::Result<Vec<Werkplan>> {
    let regio = regio.map(ToString::to_string).unwrap_or_default();
    let rijen: Vec<WerkplanRij> = sqlx::query_as(
        "SELECT w.id, w.regio_code, w.rol_taak, w.werkwijze, w.bestuur_veld,
                w.organisatie_voortgang, w.voorzitter_organisatie_id, o.naam, w.status,
                w.status_op, w.gewijzigd_op
         FROM netwerk_werkplan w LEFT JOIN organisatie o ON o.id = w.voorzitter_organisatie_id
         WHERE w.jaar = $1 AND ($2 = '' OR w.regio_code = $2) ORDER BY w.regio_code",
    )
    .bind(jaar)
    .bind(&regio)
    .fetch_all(db)
    .await?;
    if rijen.is_empty() {
        return Ok(Vec::new());
    }
    // The werkplannen chosen, for the tables that hang under them.
    const GEKOZEN: &str = "JOIN netwerk_werkplan w ON w.id = s.werkplan_id
         WHERE w.jaar = $1 AND ($2 = '' OR w.regio_code = $2)";
    let punten: Vec<(i64, i64, String, String)> = sqlx::query_as(&format!(
        "SELECT s.werkplan_id, s.id, s.titel, s.verbeteractiviteit FROM netwerk_speerpunt s
         {GEKOZEN} ORDER BY s.id"
    ))
    .bind(jaar)
    .bind(&regio)
    .fetch_all(db)
    .await?;
    let trekkers: Vec<(i64, OrganisatieId, String, String)> = sqlx::query_as(&format!(
        "SELECT t.speerpunt_id, t.organisatie_id, o.naam, t.functie
         FROM netwerk_thematrekker t JOIN organisatie o ON o.id = t.organisatie_id
         JOIN netwerk_speerpunt s ON s.id = t.speerpunt_id {GEKOZEN} ORDER BY o.naam"
    ))
    .bind(jaar)
    .bind(&regio)
    .fetch_all(db)
    .await?;
    Ok(rijen
        .into_iter()
        .map(|rij| {
            let (id, regio, h1, h2, h3, h4, vz, vz_naam, status, status_op, gewijzigd_op) = rij;
            Werkplan {
                id,
                regio,
                jaar,
                hoofdstukken: [h1, h2, h3, h4],
                voorzitter: vz.map(OrganisatieId).zip(vz_naam),
                // The CHECK constraint keeps the code known.
                status: WerkplanStatus::parse(&status).unwrap_or(WerkplanStatus::Concept),
                status_op,
                gewijzigd_op,
                speerpunten: punten
                    .iter()
                    .filter(|p| p.0 == id)
                    .map(|(_, sid, titel, verbeteractiviteit)| Speerpunt {
                        id: *sid,
                        titel: titel.clone(),
                        verbeteractiviteit: verbeteractiviteit.clone(),
                        trekkers: trekkers
                            .iter()
                            .filter(|t| t.0 == *sid)
                            .map(|(_, organisatie_id, organisatie, functie)| Trekker {
                                organisatie_id: *organisatie_id,
                                organisatie: organisatie.clone(),
                                functie: functie.clone(),
                            })
                            .collect(),
                    })
                    .collect(),
            }
        })
        .collect())
}

/// Writes the chapters and chair of the scope region's werkplan of `jaar`, creating it as a
/// concept if there is none.
pub async fn werkplan_zetten(
    conn: &mut Conn,
    s: &SwotSchrijven,
    jaar: i64,
    g: &WerkplanGegevens,
) -> sqlx::Result<i64> {
    let [h1, h2, h3, h4] = &g.hoofdstukken;
    sqlx::query_scalar(
        "INSERT INTO netwerk_werkplan (regio_code, jaar, rol_taak, werkwijze, bestuur_veld,
             organisatie_voortgang, voorzitter_organisatie_id, status_op, gewijzigd_op)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)
         ON CONFLICT (regio_code, jaar) DO UPDATE SET rol_taak = excluded.rol_taak,
             werkwijze = excluded.werkwijze, bestuur_veld = excluded.bestuur_veld,
             organisatie_voortgang = excluded.organisatie_voortgang,
             voorzitter_organisatie_id = excluded.voorzitter_organisatie_id,
             gewijzigd_op = excluded.gewijzigd_op
         RETURNING id",
    )
    .bind(s.regio())
    .bind(jaar)
    .bind(h1)
    .bind(h2)
    .bind(h3)
    .bind(h4)
    .bind(g.voorzitter.map(|o| o.0))
    .bind(crate::db::nu())
    .fetch_one(&mut *conn)
    .await
}

/// Sets the status of the scope region's werkplan `id`.
pub async fn werkplan_status(
    conn: &mut Conn,
    s: &SwotSchrijven,
    id: i64,
    status: WerkplanStatus,
) -> sqlx::Result<()> {
    let n = sqlx::query(
        "UPDATE netwerk_werkplan SET status = $1, status_op = $2, gewijzigd_op = $2
         WHERE id = $3 AND regio_code = $4",
    )
    .bind(status.code())
    .bind(crate::db::nu())
    .bind(id)
    .bind(s.regio())
    .execute(&mut *conn)
    .await?
    .rows_affected();
    if n == 1 {
        Ok(())
    } else {
        Err(sqlx::Error::RowNotFound)
    }
}

/// Adds a speerpunt to the scope region's werkplan `werkplan`, or changes its speerpunt
/// `speerpunt`, with its thematrekkers.
pub async fn speerpunt_zetten(
    conn: &mut Conn,
    s: &SwotSchrijven,
    werkplan: i64,
    speerpunt: Option<i64>,
    n: &NieuwSpeerpunt,
) -> sqlx::Result<i64> {
    let van_regio: Option<i64> =
        sqlx::query_scalar("SELECT id FROM netwerk_werkplan WHERE id = $1 AND regio_code = $2")
            .bind(werkplan)
            .bind(s.regio())
            .fetch_optional(&mut *conn)
            .await?;
    if van_regio.is_none() {
        return Err(sqlx::Error::RowNotFound);
    }
    let id = match speerpunt {
        None => sqlx::query_scalar(
            "INSERT INTO netwerk_speerpunt (titel, verbeteractiviteit, werkplan_id) VALUES ($1, $2, $3) RETURNING id",
        ),
        Some(_) => sqlx::query_scalar(
            "UPDATE netwerk_speerpunt SET titel = $1, verbeteractiviteit = $2
             WHERE werkplan_id = $3 AND id = $4 RETURNING id",
        ),
    }
    .bind(&n.titel)
    .bind(&n.verbeteractiviteit)
    .bind(werkplan);
    let id: i64 = match speerpunt {
        Some(sp) => id.bind(sp),
        None => id,
    }
    .fetch_one(&mut *conn)
    .await?;
    sqlx::query("DELETE FROM netwerk_thematrekker WHERE speerpunt_id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    for (org, functie) in &n.trekkers {
        sqlx::query(
            "INSERT INTO netwerk_thematrekker (speerpunt_id, organisatie_id, functie) VALUES ($1, $2, $3)",
        )
        .bind(id)
        .bind(org)
        .bind(functie)
        .execute(&mut *conn)
        .await?;
    }
    Ok(id)
}

type BijeenkomstRij = (
    i64,
    RegioCode,
    i64,
    String,
    i64,
    String,
    String,
    String,
    String,
    String,
    String,
    String,
);

const BIJEENKOMST_SELECT: &str =
    "SELECT b.id, b.regio_code, b.jaar, b.datum, b.speerpunt_id, s.titel, b.status, b.agenda,
        b.casus, b.leereffecten, b.ontwikkelingen, b.gewijzigd_op
    FROM netwerk_bijeenkomst b JOIN netwerk_speerpunt s ON s.id = b.speerpunt_id";

type BesluitRij = (
    i64,
    i64,
    String,
    Option<i64>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
);

/// The besluiten of the meetings in `jaar` (of every region, or of `regio` when not empty),
/// with the steps their actions became as they stand.
async fn besluiten(db: &Db, regio: &str, jaar: i64) -> sqlx::Result<Vec<BesluitRij>> {
    sqlx::query_as(
        "SELECT l.id, l.bijeenkomst_id, l.tekst, l.stap_id, o.naam, st.streefdatum, st.status,
                st.verbeteractiviteit
         FROM netwerk_besluit l JOIN netwerk_bijeenkomst b ON b.id = l.bijeenkomst_id
         LEFT JOIN swot_stap st ON st.id = l.stap_id
         LEFT JOIN organisatie o ON o.id = st.eigenaar_organisatie_id
         WHERE b.jaar = $1 AND ($2 = '' OR b.regio_code = $2) ORDER BY l.id",
    )
    .bind(jaar)
    .bind(regio)
    .fetch_all(db)
    .await
}

fn bijeenkomst_van(r: BijeenkomstRij, besluiten: &[BesluitRij]) -> Bijeenkomst {
    let (id, regio, jaar, datum, speerpunt_id, speerpunt, status, agenda, casus, le, ow, op) = r;
    Bijeenkomst {
        id,
        regio,
        jaar,
        datum,
        speerpunt_id,
        speerpunt,
        status: BijeenkomstStatus::parse(&status).unwrap_or(BijeenkomstStatus::Gepland),
        agenda,
        casus,
        leereffecten: le,
        ontwikkelingen: ow,
        gewijzigd_op: op,
        besluiten: besluiten
            .iter()
            .filter(|b| b.1 == id)
            .map(|(bid, _, tekst, stap, eigenaar, sd, st, va)| Besluit {
                id: *bid,
                tekst: tekst.clone(),
                actie: stap.map(|stap_id| Actie {
                    stap_id,
                    eigenaar: eigenaar.clone().unwrap_or_default(),
                    streefdatum: sd.clone(),
                    status: st
                        .as_deref()
                        .and_then(StapStatus::parse)
                        .unwrap_or(StapStatus::Gepland),
                    verbeteractiviteit: va.clone().unwrap_or_default(),
                }),
            })
            .collect(),
    }
}

/// The network meetings of `regio` in `jaar`, by date, with their besluitenlijst.
pub async fn bijeenkomsten(
    db: &Db,
    l: &OntwikkelagendaLezen,
    regio: &RegioCode,
    jaar: i64,
) -> sqlx::Result<Vec<Bijeenkomst>> {
    bijeenkomsten_van(db, l, Some(regio), jaar).await
}

/// The network meetings of `jaar` (of every region, or of `regio`), by region and date, with
/// their besluitenlijst: two statements however many regions.
pub async fn bijeenkomsten_van(
    db: &Db,
    _: &OntwikkelagendaLezen,
    regio: Option<&RegioCode>,
    jaar: i64,
) -> sqlx::Result<Vec<Bijeenkomst>> {
    let regio = regio.map(ToString::to_string).unwrap_or_default();
    let rijen: Vec<BijeenkomstRij> = sqlx::query_as(&format!(
        "{BIJEENKOMST_SELECT} WHERE b.jaar = $1 AND ($2 = '' OR b.regio_code = $2)
         ORDER BY b.regio_code, b.datum, b.id"
    ))
    .bind(jaar)
    .bind(&regio)
    .fetch_all(db)
    .await?;
    let besluiten = besluiten(db, &regio, jaar).await?;
    Ok(rijen
        .into_iter()
        .map(|r| bijeenkomst_van(r, &besluiten))
        .collect())
}

/// Meeting `id` of `regio` in `jaar`.
pub async fn bijeenkomst(
    db: &Db,
    l: &OntwikkelagendaLezen,
    regio: &RegioCode,
    jaar: i64,
    id: i64,
) -> sqlx::Result<Option<Bijeenkomst>> {
    Ok(bijeenkomsten(db, l, regio, jaar)
        .await?
        .into_iter()
        .find(|b| b.id == id))
}

/// Plans a meeting of the scope region in `jaar`, or changes its meeting `id`.
pub async fn bijeenkomst_zetten(
    conn: &mut Conn,
    s: &SwotSchrijven,
    jaar: i64,
    id: Option<i64>,
    n: &NieuweBijeenkomst,
) -> sqlx::Result<i64> {
    let q = match id {
        None => sqlx::query_scalar(
            "INSERT INTO netwerk_bijeenkomst (datum, speerpunt_id, status, agenda, casus, leereffecten,
                 ontwikkelingen, gewijzigd_op, regio_code, jaar)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
        ),
        Some(_) => sqlx::query_scalar(
            "UPDATE netwerk_bijeenkomst SET datum = $1, speerpunt_id = $2, status = $3, agenda = $4,
                 casus = $5, leereffecten = $6, ontwikkelingen = $7, gewijzigd_op = $8
             WHERE regio_code = $9 AND jaar = $10 AND id = $11 RETURNING id",
        ),
    }
    .bind(&n.datum)
    .bind(n.speerpunt)
    .bind(n.status.code())
    .bind(&n.agenda)
    .bind(&n.casus)
    .bind(&n.leereffecten)
    .bind(&n.ontwikkelingen)
    .bind(crate::db::nu())
    .bind(s.regio())
    .bind(jaar);
    match id {
        Some(id) => q.bind(id),
        None => q,
    }
    .fetch_one(&mut *conn)
    .await
}

/// Adds a line to the besluitenlijst of meeting `bijeenkomst` (checked by the caller to be of
/// the scope's region): a decision, or an action that became step `stap`.
pub async fn besluit_toevoegen(
    conn: &mut Conn,
    _: &SwotSchrijven,
    bijeenkomst: i64,
    tekst: &str,
    stap: Option<i64>,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO netwerk_besluit (bijeenkomst_id, tekst, stap_id, vastgelegd_op) VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(bijeenkomst)
    .bind(tekst)
    .bind(stap)
    .bind(crate::db::nu())
    .fetch_one(&mut *conn)
    .await
}

/// The self-evaluations of `regio`, all years, oldest first.
pub async fn evaluaties(
    db: &Db,
    l: &OntwikkelagendaLezen,
    regio: &RegioCode,
) -> sqlx::Result<Vec<Evaluatie>> {
    evaluaties_van(db, l, Some(regio), 0).await
}

/// The self-evaluations of every region (or of `regio`) from year `vanaf` on, by region and
/// year: two statements however many regions.
pub async fn evaluaties_van(
    db: &Db,
    _: &OntwikkelagendaLezen,
    regio: Option<&RegioCode>,
    vanaf: i64,
) -> sqlx::Result<Vec<Evaluatie>> {
    let regio = regio.map(ToString::to_string).unwrap_or_default();
    let rijen: Vec<(i64, RegioCode, i64, String, String)> = sqlx::query_as(
        "SELECT id, regio_code, jaar, datum, conclusies FROM netwerk_evaluatie
         WHERE ($1 = '' OR regio_code = $1) AND jaar >= $2 ORDER BY regio_code, jaar",
    )
    .bind(&regio)
    .bind(vanaf)
    .fetch_all(db)
    .await?;
    let aspecten: Vec<(i64, String, i64, String)> = sqlx::query_as(
        "SELECT a.evaluatie_id, a.aspect, a.score, a.toelichting FROM netwerk_evaluatie_aspect a
         JOIN netwerk_evaluatie e ON e.id = a.evaluatie_id
         WHERE ($1 = '' OR e.regio_code = $1) AND e.jaar >= $2",
    )
    .bind(&regio)
    .bind(vanaf)
    .fetch_all(db)
    .await?;
    Ok(rijen
        .into_iter()
        .map(|(id, regio, jaar, datum, conclusies)| Evaluatie {
            id,
            regio,
            jaar,
            datum,
            conclusies,
            aspecten: Aspect::ALLE
                .iter()
                .filter_map(|a| {
                    aspecten
                        .iter()
                        .find(|x| x.0 == id && x.1 == a.code())
                        .map(|x| (*a, x.2, x.3.clone()))
                })
                .collect(),
        })
        .collect())
}

/// Writes the scope region's self-evaluation of `jaar`, replacing an earlier one.
pub async fn evaluatie_zetten(
    conn: &mut Conn,
    s: &SwotSchrijven,
    jaar: i64,
    e: &NieuweEvaluatie,
) -> sqlx::Result<i64> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO netwerk_evaluatie (regio_code, jaar, datum, conclusies, gewijzigd_op)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (regio_code, jaar) DO UPDATE SET datum = excluded.datum,
             conclusies = excluded.conclusies, gewijzigd_op = excluded.gewijzigd_op
         RETURNING id",
    )
    .bind(s.regio())
    .bind(jaar)
    .bind(&e.datum)
    .bind(&e.conclusies)
    .bind(crate::db::nu())
    .fetch_one(&mut *conn)
    .await?;
    sqlx::query("DELETE FROM netwerk_evaluatie_aspect WHERE evaluatie_id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    for (a, score, toelichting) in &e.aspecten {
        sqlx::query(
            "INSERT INTO netwerk_evaluatie_aspect (evaluatie_id, aspect, score, toelichting) VALUES ($1, $2, $3, $4)",
        )
        .bind(id)
        .bind(a.code())
        .bind(score)
        .bind(toelichting)
        .execute(&mut *conn)
        .await?;
    }
    Ok(id)
}

/// Per region: (werkplan status or None, meetings held, actions) in `jaar`, for the overview
/// and the verantwoording.
pub async fn netwerkjaren(
    db: &Db,
    _: &OntwikkelagendaLezen,
    jaar: i64,
) -> sqlx::Result<Vec<(RegioCode, Option<String>, i64, i64)>> {
    sqlx::query_as(
        "SELECT r.code, w.status,
             (SELECT COUNT(*) FROM netwerk_bijeenkomst b WHERE b.regio_code = r.code AND b.jaar = $1 AND b.status = 'gehouden'),
             (SELECT COUNT(*) FROM netwerk_besluit l JOIN netwerk_bijeenkomst b ON b.id = l.bijeenkomst_id
                WHERE b.regio_code = r.code AND b.jaar = $1 AND l.stap_id IS NOT NULL)
         FROM regio r LEFT JOIN netwerk_werkplan w ON w.regio_code = r.code AND w.jaar = $1
         ORDER BY r.code",
    )
    .bind(jaar)
    .fetch_all(db)
    .await
}
