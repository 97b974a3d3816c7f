//! All SQL of the Ontwikkelagenda's SWOT sessions and Uitvoeringsplan. Reads take the proof that the caller may read
//! the agenda; writes take the region-scoped [`SwotSchrijven`] and refuse a session of another
//! region.

use super::plan::{Kostenpost, NieuwPlan, Onderdeel, Plan, PlanActiviteit};
use super::sessie::{
    Deelnemer, Gegevens, Kwadrant, NieuweStap, Plaatsing, Reactie, Sessie, Stap, StapStatus,
    VerslagStatus,
};
use crate::auth::permissions::{OntwikkelagendaLezen, SwotSchrijven, UitvoeringsplanSchrijven};
use crate::db::{Conn, Db, Vlag};
use crate::gedeeld::{OrganisatieId, RegioCode};

#[derive(Debug, Clone, sqlx::FromRow)]
struct SessieRij {
    id: i64,
    regio_code: RegioCode,
    jaar: i64,
    agenda_versie: String,
    datum: String,
    samenvatting: String,
    verslag_status: String,
    status_op: String,
    bordversie: i64,
}

const SESSIE_KOLOMMEN: &str = "id, regio_code, jaar, agenda_versie, datum, samenvatting, verslag_status, status_op, bordversie";

/// The sessions of `jaar` (of every region, or of `regio`), by region, each with its
/// participants, placements, steps and reacties: five statements however many sessions.
async fn volledig(db: &Db, jaar: i64, regio: Option<&RegioCode>) -> sqlx::Result<Vec<Sessie>> {
    // The sessions chosen, for the tables that hang under them.
    const GEKOZEN: &str = "JOIN swot_sessie x ON x.id = t.sessie_id
         WHERE x.jaar = $1 AND ($2 = '' OR x.regio_code = $2)";
    let regio = regio.map(ToString::to_string).unwrap_or_default();
    let rijen: Vec<SessieRij> = sqlx::query_as(&format!(
        "SELECT {SESSIE_KOLOMMEN} FROM swot_sessie WHERE jaar = $1 AND ($2 = '' OR regio_code = $2)
         ORDER BY regio_code"
    ))
    .bind(jaar)
    .bind(&regio)
    .fetch_all(db)
    .await?;
    if rijen.is_empty() {
        return Ok(Vec::new());
    }
    let deelnemers: Vec<(i64, OrganisatieId, String, String)> = sqlx::query_as(&format!(
        "SELECT t.sessie_id, t.organisatie_id, o.naam, t.functies FROM swot_deelnemer t
         JOIN organisatie o ON o.id = t.organisatie_id {GEKOZEN} ORDER BY o.naam"
    ))
    .bind(jaar)
    .bind(&regio)
    .fetch_all(db)
    .await?;
    let plaatsingen: Vec<(i64, String, String, String)> = sqlx::query_as(&format!(
        "SELECT t.sessie_id, t.verbeteractiviteit, t.kwadrant, t.toelichting FROM swot_plaatsing t
         {GEKOZEN}"
    ))
    .bind(jaar)
    .bind(&regio)
    .fetch_all(db)
    .await?;
    type StapRij = (
        i64,
        i64,
        String,
        String,
        OrganisatieId,
        String,
        Option<String>,
        String,
        String,
        String,
    );
    let stappen: Vec<StapRij> = sqlx::query_as(&format!(
        "SELECT t.sessie_id, t.id, t.verbeteractiviteit, t.omschrijving, t.eigenaar_organisatie_id,
                o.naam, t.streefdatum, t.status, t.landelijke_activiteit, t.gewijzigd_op
         FROM swot_stap t JOIN organisatie o ON o.id = t.eigenaar_organisatie_id {GEKOZEN}
         ORDER BY t.id"
    ))
    .bind(jaar)
    .bind(&regio)
    .fetch_all(db)
    .await?;
    let reacties: Vec<(i64, String, String, String)> = sqlx::query_as(&format!(
        "SELECT t.sessie_id, o.naam, t.tekst, t.geplaatst_op FROM swot_reactie t
         JOIN organisatie o ON o.id = t.organisatie_id {GEKOZEN} ORDER BY t.id"
    ))
    .bind(jaar)
    .bind(&regio)
    .fetch_all(db)
    .await?;
    Ok(rijen
        .into_iter()
        .map(|r| Sessie {
            id: r.id,
            regio: r.regio_code,
            jaar: r.jaar,
            agenda_versie: r.agenda_versie,
            datum: r.datum,
            samenvatting: r.samenvatting,
            // The CHECK constraints keep these codes known.
            status: VerslagStatus::parse(&r.verslag_status).unwrap_or(VerslagStatus::Concept),
            status_op: r.status_op,
            bordversie: r.bordversie,
            deelnemers: deelnemers
                .iter()
                .filter(|d| d.0 == r.id)
                .map(|(_, organisatie_id, organisatie, functies)| Deelnemer {
                    organisatie_id: *organisatie_id,
                    organisatie: organisatie.clone(),
                    functies: functies.clone(),
                })
                .collect(),
            plaatsingen: plaatsingen
                .iter()
                .filter(|p| p.0 == r.id)
                .filter_map(|(_, v, k, t)| {
                    Some(Plaatsing {
                        verbeteractiviteit: v.clone(),
                        kwadrant: Kwadrant::parse(k)?,
                        toelichting: t.clone(),
                    })
                })
                .collect(),
            stappen: stappen
                .iter()
                .filter(|s| s.0 == r.id)
                .map(
                    |(_, id, va, omschrijving, eigenaar_id, eigenaar, sd, st, la, op)| Stap {
                        id: *id,
                        verbeteractiviteit: va.clone(),
                        omschrijving: omschrijving.clone(),
                        eigenaar_id: *eigenaar_id,
                        eigenaar: eigenaar.clone(),
                        streefdatum: sd.clone(),
                        status: StapStatus::parse(st).unwrap_or(StapStatus::Gepland),
                        landelijke_activiteit: la.clone(),
                        gewijzigd_op: op.clone(),
                    },
                )
                .collect(),
            reacties: reacties
                .iter()
                .filter(|x| x.0 == r.id)
                .map(|(_, organisatie, tekst, geplaatst_op)| Reactie {
                    organisatie: organisatie.clone(),
                    tekst: tekst.clone(),
                    geplaatst_op: geplaatst_op.clone(),
                })
                .collect(),
        })
        .collect())
}

/// The session of `regio` in `jaar`, if one was held.
pub async fn sessie(
    db: &Db,
    _: &OntwikkelagendaLezen,
    regio: &RegioCode,
    jaar: i64,
) -> sqlx::Result<Option<Sessie>> {
    Ok(volledig(db, jaar, Some(regio)).await?.pop())
}

/// The sessions of `jaar` (of every region, or of `regio`), by region.
pub async fn sessies(
    db: &Db,
    _: &OntwikkelagendaLezen,
    jaar: i64,
    regio: Option<&RegioCode>,
) -> sqlx::Result<Vec<Sessie>> {
    volledig(db, jaar, regio).await
}

/// The agenda version of each session of `jaar` (of every region), without the sessions.
pub async fn agenda_versies(
    db: &Db,
    _: &OntwikkelagendaLezen,
    jaar: i64,
) -> sqlx::Result<Vec<String>> {
    sqlx::query_scalar("SELECT agenda_versie FROM swot_sessie WHERE jaar = $1")
        .bind(jaar)
        .fetch_all(db)
        .await
}

/// Per year with sessions: (jaar, number of sessions, number vastgesteld), newest first.
pub async fn jaren(db: &Db, _: &OntwikkelagendaLezen) -> sqlx::Result<Vec<(i64, i64, i64)>> {
    sqlx::query_as(
        "SELECT jaar, COUNT(*), SUM(CASE WHEN verslag_status = 'vastgesteld' THEN 1 ELSE 0 END)
         FROM swot_sessie GROUP BY jaar ORDER BY jaar DESC",
    )
    .fetch_all(db)
    .await
}

/// Fails with `RowNotFound` unless session `id` belongs to the scope's region.
async fn in_regio(conn: &mut Conn, s: &SwotSchrijven, id: i64) -> sqlx::Result<()> {
    let Vlag(ja) = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM swot_sessie WHERE id = $1 AND regio_code = $2)",
    )
    .bind(id)
    .bind(s.regio())
    .fetch_one(&mut *conn)
    .await?;
    if ja {
        Ok(())
    } else {
        Err(sqlx::Error::RowNotFound)
    }
}

async fn deelnemers_zetten(
    conn: &mut Conn,
    id: i64,
    deelnemers: &[(OrganisatieId, String)],
) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM swot_deelnemer WHERE sessie_id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    for (org, functies) in deelnemers {
        sqlx::query(
            "INSERT INTO swot_deelnemer (sessie_id, organisatie_id, functies) VALUES ($1, $2, $3)",
        )
        .bind(id)
        .bind(*org)
        .bind(functies)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Opens the scope region's session of `jaar` on agenda version `versie`.
pub async fn openen(
    conn: &mut Conn,
    s: &SwotSchrijven,
    jaar: i64,
    versie: &str,
    g: &Gegevens,
) -> sqlx::Result<i64> {
    let nu = crate::db::nu();
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO swot_sessie (regio_code, jaar, agenda_versie, datum, samenvatting, status_op, aangemaakt_op, gewijzigd_op)
         VALUES ($1, $2, $3, $4, $5, $6, $6, $6) RETURNING id",
    )
    .bind(s.regio())
    .bind(jaar)
    .bind(versie)
    .bind(&g.datum)
    .bind(&g.samenvatting)
    .bind(&nu)
    .fetch_one(&mut *conn)
    .await?;
    deelnemers_zetten(conn, id, &g.deelnemers).await?;
    Ok(id)
}

/// Replaces the date, summary and participants of session `id`.
pub async fn gegevens_zetten(
    conn: &mut Conn,
    s: &SwotSchrijven,
    id: i64,
    g: &Gegevens,
) -> sqlx::Result<()> {
    in_regio(conn, s, id).await?;
    sqlx::query(
        "UPDATE swot_sessie SET datum = $1, samenvatting = $2, gewijzigd_op = $3 WHERE id = $4",
    )
    .bind(&g.datum)
    .bind(&g.samenvatting)
    .bind(crate::db::nu())
    .bind(id)
    .execute(&mut *conn)
    .await?;
    deelnemers_zetten(conn, id, &g.deelnemers).await
}

/// Replaces the board of session `id` if it is still at `versie` (false: someone saved in
/// between, nothing changed).
pub async fn bord_zetten(
    conn: &mut Conn,
    s: &SwotSchrijven,
    id: i64,
    versie: i64,
    plaatsingen: &[Plaatsing],
) -> sqlx::Result<bool> {
    let bijgewerkt = sqlx::query(
        "UPDATE swot_sessie SET bordversie = bordversie + 1, gewijzigd_op = $1
         WHERE id = $2 AND regio_code = $3 AND bordversie = $4",
    )
    .bind(crate::db::nu())
    .bind(id)
    .bind(s.regio())
    .bind(versie)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    if bijgewerkt == 0 {
        return Ok(false);
    }
    sqlx::query("DELETE FROM swot_plaatsing WHERE sessie_id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    for p in plaatsingen {
        sqlx::query(
            "INSERT INTO swot_plaatsing (sessie_id, verbeteractiviteit, kwadrant, toelichting) VALUES ($1, $2, $3, $4)",
        )
        .bind(id)
        .bind(&p.verbeteractiviteit)
        .bind(p.kwadrant.code())
        .bind(&p.toelichting)
        .execute(&mut *conn)
        .await?;
    }
    Ok(true)
}

/// Adds a stap vooruit to session `id`, or changes step `stap` of it.
pub async fn stap_zetten(
    conn: &mut Conn,
    s: &SwotSchrijven,
    id: i64,
    stap: Option<i64>,
    n: &NieuweStap,
) -> sqlx::Result<i64> {
    in_regio(conn, s, id).await?;
    let q = match stap {
        None => sqlx::query_scalar(
            "INSERT INTO swot_stap (verbeteractiviteit, omschrijving, eigenaar_organisatie_id, streefdatum, status, landelijke_activiteit, gewijzigd_op, sessie_id)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        ),
        Some(_) => sqlx::query_scalar(
            "UPDATE swot_stap SET verbeteractiviteit = $1, omschrijving = $2, eigenaar_organisatie_id = $3,
                 streefdatum = $4, status = $5, landelijke_activiteit = $6, gewijzigd_op = $7
             WHERE sessie_id = $8 AND id = $9 RETURNING id",
        ),
    };
    let q = q
        .bind(&n.verbeteractiviteit)
        .bind(&n.omschrijving)
        .bind(n.eigenaar)
        .bind(&n.streefdatum)
        .bind(n.status.code())
        .bind(&n.landelijke_activiteit)
        .bind(crate::db::nu())
        .bind(id);
    match stap {
        Some(stap) => q.bind(stap),
        None => q,
    }
    .fetch_one(&mut *conn)
    .await
}

/// Sets the status of session `id`'s opbrengstverslag.
pub async fn status_zetten(
    conn: &mut Conn,
    s: &SwotSchrijven,
    id: i64,
    status: VerslagStatus,
) -> sqlx::Result<()> {
    in_regio(conn, s, id).await?;
    sqlx::query("UPDATE swot_sessie SET verslag_status = $1, status_op = $2, gewijzigd_op = $2 WHERE id = $3")
        .bind(status.code())
        .bind(crate::db::nu())
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Adds a reactie, signed with the writer's organisation.
pub async fn reactie_plaatsen(
    conn: &mut Conn,
    s: &SwotSchrijven,
    id: i64,
    tekst: &str,
) -> sqlx::Result<i64> {
    in_regio(conn, s, id).await?;
    sqlx::query_scalar(
        "INSERT INTO swot_reactie (sessie_id, organisatie_id, tekst, geplaatst_op) VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(id)
    .bind(s.organisatie())
    .bind(tekst)
    .bind(crate::db::nu())
    .fetch_one(&mut *conn)
    .await
}

// ---- Uitvoeringsplan ---------------------------------------------------------------------------

fn maanden_tekst(m: &[u8]) -> String {
    m.iter()
        .map(|m| format!("{m:02}"))
        .collect::<Vec<_>>()
        .join(",")
}

/// The plan of `jaar`, if there is one.
pub async fn plan(db: &Db, _: &OntwikkelagendaLezen, jaar: i64) -> sqlx::Result<Option<Plan>> {
    let kop: Option<(String, Option<i64>, String)> = sqlx::query_as(
        "SELECT agenda_versie, vorig_jaar, gewijzigd_op FROM uitvoeringsplan WHERE jaar = $1",
    )
    .bind(jaar)
    .fetch_optional(db)
    .await?;
    let Some((agenda_versie, vorig_jaar, gewijzigd_op)) = kop else {
        return Ok(None);
    };
    let onderdelen: Vec<(String, String, String, String, String, String)> = sqlx::query_as(
        "SELECT verbeteractiviteit, nummer, naam, doel, gaande, supervisor
         FROM uitvoeringsplan_onderdeel WHERE jaar = $1 ORDER BY volgorde",
    )
    .bind(jaar)
    .fetch_all(db)
    .await?;
    type ActRij = (i64, String, String, String, String, String, String, String);
    let activiteiten: Vec<ActRij> = sqlx::query_as(
        "SELECT id, verbeteractiviteit, code, naam, maanden, status, stand, gewijzigd_op
         FROM uitvoeringsplan_activiteit WHERE jaar = $1 ORDER BY id",
    )
    .bind(jaar)
    .fetch_all(db)
    .await?;
    let kosten: Vec<(i64, String, String, Option<i64>, String)> = sqlx::query_as(
        "SELECT id, verbeteractiviteit, omschrijving, bedrag_euro, financier
         FROM uitvoeringsplan_kosten WHERE jaar = $1 ORDER BY id",
    )
    .bind(jaar)
    .fetch_all(db)
    .await?;
    Ok(Some(Plan {
        jaar,
        agenda_versie,
        vorig_jaar,
        gewijzigd_op,
        onderdelen: onderdelen
            .into_iter()
            .map(|(code, nummer, naam, doel, gaande, supervisor)| Onderdeel {
                activiteiten: activiteiten
                    .iter()
                    .filter(|a| a.1 == code)
                    .map(|a| PlanActiviteit {
                        id: a.0,
                        code: a.2.clone(),
                        naam: a.3.clone(),
                        maanden: a.4.split(',').filter_map(|m| m.parse().ok()).collect(),
                        status: StapStatus::parse(&a.5).unwrap_or(StapStatus::Gepland),
                        stand: a.6.clone(),
                        gewijzigd_op: a.7.clone(),
                    })
                    .collect(),
                kosten: kosten
                    .iter()
                    .filter(|k| k.1 == code)
                    .map(|k| Kostenpost {
                        id: k.0,
                        omschrijving: k.2.clone(),
                        bedrag_euro: k.3,
                        financier: k.4.clone(),
                    })
                    .collect(),
                code,
                nummer,
                naam,
                doel,
                gaande,
                supervisor,
            })
            .collect(),
    }))
}

/// The years with a plan, newest first.
pub async fn planjaren(db: &Db, _: &OntwikkelagendaLezen) -> sqlx::Result<Vec<i64>> {
    sqlx::query_scalar("SELECT jaar FROM uitvoeringsplan ORDER BY jaar DESC")
        .fetch_all(db)
        .await
}

/// Stores a new plan with its parts, activities and cost items.
pub async fn plan_maken(
    conn: &mut Conn,
    _: &UitvoeringsplanSchrijven,
    p: &NieuwPlan,
) -> sqlx::Result<()> {
    let nu = crate::db::nu();
    sqlx::query(
        "INSERT INTO uitvoeringsplan (jaar, agenda_versie, vorig_jaar, aangemaakt_op, gewijzigd_op) VALUES ($1, $2, $3, $4, $4)",
    )
    .bind(p.jaar)
    .bind(&p.agenda_versie)
    .bind(p.vorig_jaar)
    .bind(&nu)
    .execute(&mut *conn)
    .await?;
    for (i, o) in p.onderdelen.iter().enumerate() {
        sqlx::query(
            "INSERT INTO uitvoeringsplan_onderdeel (jaar, verbeteractiviteit, volgorde, nummer, naam, doel, gaande, supervisor)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(p.jaar)
        .bind(&o.code)
        .bind(i as i64)
        .bind(&o.nummer)
        .bind(&o.naam)
        .bind(&o.doel)
        .bind(&o.gaande)
        .bind(&o.supervisor)
        .execute(&mut *conn)
        .await?;
        for a in &o.activiteiten {
            activiteit_toevoegen(conn, p.jaar, &o.code, a, &nu).await?;
        }
        for k in &o.kosten {
            kosten_toevoegen(conn, p.jaar, &o.code, k).await?;
        }
    }
    Ok(())
}

async fn activiteit_toevoegen(
    conn: &mut Conn,
    jaar: i64,
    va: &str,
    a: &PlanActiviteit,
    nu: &str,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO uitvoeringsplan_activiteit (jaar, verbeteractiviteit, code, naam, maanden, status, stand, gewijzigd_op)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(jaar)
    .bind(va)
    .bind(&a.code)
    .bind(&a.naam)
    .bind(maanden_tekst(&a.maanden))
    .bind(a.status.code())
    .bind(&a.stand)
    .bind(nu)
    .fetch_one(&mut *conn)
    .await
}

async fn kosten_toevoegen(
    conn: &mut Conn,
    jaar: i64,
    va: &str,
    k: &Kostenpost,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO uitvoeringsplan_kosten (jaar, verbeteractiviteit, omschrijving, bedrag_euro, financier)
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(jaar)
    .bind(va)
    .bind(&k.omschrijving)
    .bind(k.bedrag_euro)
    .bind(&k.financier)
    .fetch_one(&mut *conn)
    .await
}

async fn plan_aangeraakt(conn: &mut Conn, jaar: i64) -> sqlx::Result<()> {
    sqlx::query("UPDATE uitvoeringsplan SET gewijzigd_op = $1 WHERE jaar = $2")
        .bind(crate::db::nu())
        .bind(jaar)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Adds an activity to part `va` of the plan of `jaar`.
pub async fn plan_activiteit_toevoegen(
    conn: &mut Conn,
    _: &UitvoeringsplanSchrijven,
    jaar: i64,
    va: &str,
    a: &PlanActiviteit,
) -> sqlx::Result<i64> {
    plan_aangeraakt(conn, jaar).await?;
    activiteit_toevoegen(conn, jaar, va, a, &crate::db::nu()).await
}

/// Adds a cost item to part `va` of the plan of `jaar`.
pub async fn plan_kosten_toevoegen(
    conn: &mut Conn,
    _: &UitvoeringsplanSchrijven,
    jaar: i64,
    va: &str,
    k: &Kostenpost,
) -> sqlx::Result<i64> {
    plan_aangeraakt(conn, jaar).await?;
    kosten_toevoegen(conn, jaar, va, k).await
}

/// Sets the status, last update and months of activity `id` of the plan of `jaar` (false: no
/// such activity in that plan).
pub async fn plan_stand_zetten(
    conn: &mut Conn,
    _: &UitvoeringsplanSchrijven,
    (jaar, id): (i64, i64),
    (status, stand, maanden): (StapStatus, &str, &[u8]),
) -> sqlx::Result<bool> {
    let n = sqlx::query(
        "UPDATE uitvoeringsplan_activiteit SET status = $1, stand = $2, maanden = $3, gewijzigd_op = $4
         WHERE jaar = $5 AND id = $6",
    )
    .bind(status.code())
    .bind(stand)
    .bind(maanden_tekst(maanden))
    .bind(crate::db::nu())
    .bind(jaar)
    .bind(id)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    if n > 0 {
        plan_aangeraakt(conn, jaar).await?;
    }
    Ok(n > 0)
}

/// Sets the goal, what is going on and the supervisor of part `va` of the plan of `jaar`.
pub async fn plan_onderdeel_zetten(
    conn: &mut Conn,
    _: &UitvoeringsplanSchrijven,
    (jaar, va): (i64, &str),
    (doel, gaande, supervisor): (&str, &str, &str),
) -> sqlx::Result<bool> {
    let n = sqlx::query(
        "UPDATE uitvoeringsplan_onderdeel SET doel = $1, gaande = $2, supervisor = $3
         WHERE jaar = $4 AND verbeteractiviteit = $5",
    )
    .bind(doel)
    .bind(gaande)
    .bind(supervisor)
    .bind(jaar)
    .bind(va)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    if n > 0 {
        plan_aangeraakt(conn, jaar).await?;
    }
    Ok(n > 0)
}
