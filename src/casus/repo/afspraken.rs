//! Repository: afspraken.

use super::*;
use crate::gedeeld::RegioCode;

const AFSPRAAK_SELECT: &str = "SELECT a.id, a.moment_id, m.soort AS moment_soort, m.regio_code, a.eigenaar_organisatie_id,
        o.naam AS eigenaar_naam, a.soort, a.omschrijving, a.deadline, a.status, a.gereed_op, a.aangemaakt_op,
        a.eigenaar_gebruiker_id, eg.naam AS eigenaar_gebruiker_naam, a.resultaat
    FROM afspraak a JOIN moment m ON m.id = a.moment_id JOIN organisatie o ON o.id = a.eigenaar_organisatie_id
    LEFT JOIN gebruiker eg ON eg.id = a.eigenaar_gebruiker_id";

fn afspraak_uit(r: &crate::db::Rij) -> Afspraak {
    Afspraak {
        id: r.get("id"),
        moment_id: r.get("moment_id"),
        moment_soort: Soort::parse(r.get("moment_soort")).unwrap_or(Soort::Actieoverleg),
        regio_code: r.get("regio_code"),
        eigenaar_organisatie_id: r.get("eigenaar_organisatie_id"),
        eigenaar_naam: r.get("eigenaar_naam"),
        soort: AfspraakSoort::parse(r.get("soort")).unwrap_or(AfspraakSoort::Direct),
        omschrijving: r.get("omschrijving"),
        deadline: r.get("deadline"),
        status: AfspraakStatus::parse(r.get("status")).unwrap_or(AfspraakStatus::Open),
        gereed_op: r.get("gereed_op"),
        aangemaakt_op: r.get("aangemaakt_op"),
        eigenaar_gebruiker: r
            .get::<Option<crate::gedeeld::GebruikerId>, _>("eigenaar_gebruiker_id")
            .map(|id| {
                (
                    id,
                    r.get::<Option<String>, _>("eigenaar_gebruiker_naam")
                        .unwrap_or_default(),
                )
            }),
        resultaat: r.get("resultaat"),
    }
}

pub async fn afspraak_aanmaken(
    conn: &mut Conn,
    s: &Deelname,
    moment_id: MomentId,
    eigenaar: OrganisatieId,
    soort: AfspraakSoort,
    omschrijving: &str,
    deadline: &str,
) -> sqlx::Result<crate::gedeeld::AfspraakId> {
    sqlx::query_scalar(&format!(
        "INSERT INTO afspraak (moment_id, eigenaar_organisatie_id, soort, omschrijving, deadline, aangemaakt_op)
         SELECT $1, $2, $3, $4, $5, $6 WHERE {} RETURNING id",
        deelt("$1", 7)
    ))
    .bind(moment_id)
    .bind(eigenaar)
    .bind(soort.code())
    .bind(omschrijving)
    .bind(deadline)
    .bind(crate::db::nu())
    .bind(s.organisatie())
    .fetch_one(conn)
    .await
}

/// Sets the status; `resultaat` is what came of it (kept when `None`, cleared when reopened).
pub async fn afspraak_status(
    conn: &mut Conn,
    s: &Deelname,
    id: crate::gedeeld::AfspraakId,
    status: AfspraakStatus,
    (gereed_op, resultaat): (Option<&str>, Option<&str>),
) -> sqlx::Result<()> {
    een_rij(
        &sqlx::query(&format!(
            "UPDATE afspraak SET status = $2, gereed_op = $3,
               resultaat = CASE WHEN $2 = 'open' THEN NULL ELSE COALESCE($5, resultaat) END
             WHERE id = $1 AND {}",
            deelt("afspraak.moment_id", 4)
        ))
        .bind(id)
        .bind(status.code())
        .bind(gereed_op)
        .bind(s.organisatie())
        .bind(resultaat)
        .execute(conn)
        .await?,
    )
}

/// Names the owner of an afspraak (`None`: the whole organisation). The user must belong to the
/// owner organisation and be active; otherwise nothing changes (`RowNotFound`).
pub async fn afspraak_toewijzen(
    conn: &mut Conn,
    s: &Deelname,
    id: crate::gedeeld::AfspraakId,
    gebruiker: Option<crate::gedeeld::GebruikerId>,
) -> sqlx::Result<()> {
    een_rij(
        &sqlx::query(&format!(
            "UPDATE afspraak SET eigenaar_gebruiker_id = $2 WHERE id = $1
               AND ($2 IS NULL OR EXISTS (SELECT 1 FROM gebruiker u WHERE u.id = $2 AND u.actief = TRUE
                   AND u.organisatie_id = afspraak.eigenaar_organisatie_id))
               AND {}",
            deelt("afspraak.moment_id", 3)
        ))
        .bind(id)
        .bind(gebruiker)
        .bind(s.organisatie())
        .execute(conn)
        .await?,
    )
}

/// The active users of an organisation who may own an afspraak (medewerkers and coordinators),
/// by name.
pub async fn mogelijke_eigenaren(
    conn: &mut Conn,
    organisatie: OrganisatieId,
) -> sqlx::Result<Vec<(crate::gedeeld::GebruikerId, String)>> {
    sqlx::query_as(
        "SELECT id, naam FROM gebruiker WHERE organisatie_id = $1 AND actief = TRUE
           AND rol IN ('medewerker', 'regiocoordinator') ORDER BY naam, id",
    )
    .bind(organisatie)
    .fetch_all(conn)
    .await
}

pub async fn afspraak(
    conn: &mut Conn,
    s: &CasusInzage,
    id: crate::gedeeld::AfspraakId,
) -> sqlx::Result<Option<Afspraak>> {
    Ok(sqlx::query(&format!(
        "{AFSPRAAK_SELECT} WHERE a.id = $1 AND ($2 IS NULL OR m.regio_code = $2)"
    ))
    .bind(id)
    .bind(s.regio())
    .fetch_optional(conn)
    .await?
    .as_ref()
    .map(afspraak_uit))
}

pub async fn afspraken_van_moment(
    db: &Db,
    s: &CasusInzage,
    moment_id: MomentId,
) -> sqlx::Result<Vec<Afspraak>> {
    Ok(sqlx::query(&format!(
        "{AFSPRAAK_SELECT} WHERE a.moment_id = $1 AND ($2 IS NULL OR m.regio_code = $2) ORDER BY a.deadline, a.id"
    ))
    .bind(moment_id)
    .bind(s.regio())
    .fetch_all(db)
    .await?
    .iter()
    .map(afspraak_uit)
    .collect())
}

/// Afspraken of the region's moments whose start lies in `[van, tot)`.
pub async fn afspraken_van_regio(
    db: &Db,
    s: &CasusInzage,
    regio: &RegioCode,
    van: &str,
    tot: &str,
) -> sqlx::Result<Vec<Afspraak>> {
    Ok(sqlx::query(&format!(
        "{AFSPRAAK_SELECT} WHERE m.regio_code = $1 AND ($4 IS NULL OR $4 = $1)
           AND m.tijdstip >= $2 AND m.tijdstip < $3 ORDER BY a.deadline, a.id"
    ))
    .bind(regio)
    .bind(van)
    .bind(tot)
    .bind(s.regio())
    .fetch_all(db)
    .await?
    .iter()
    .map(afspraak_uit)
    .collect())
}

/// Ids of open afspraken due before `$1`: every one (the command line, no organisation) ...
const TE_LAAT_ALLE: &str =
    "SELECT a.id FROM afspraak a WHERE a.status = 'open' AND a.deadline < $1";
/// ... or those organisation `$2` owns or, as the current chair, may change: two index ranges
/// joined by UNION (`afspraak_eigenaar`; `moment_deelnemer_voorzitter` with the partial
/// `afspraak_open`), not an OR that makes the database read every afspraak of the country.
/// (A named owner belongs to the owner organisation, so its afspraken are among these.)
const TE_LAAT_VAN: &str = "SELECT a.id FROM afspraak a
        WHERE a.eigenaar_organisatie_id = $2 AND a.status = 'open' AND a.deadline < $1
    UNION SELECT a.id FROM moment_deelnemer d JOIN afspraak a ON a.moment_id = d.moment_id
        WHERE d.organisatie_id = $2 AND d.rol = 'voorzitter' AND d.tot IS NULL
          AND a.status = 'open' AND a.deadline < $1";

/// A query built on [`te_laat_ids`]`(s)` with its parameters bound: `$1` today, and `$2` the
/// organisation when there is one.
fn te_laat<'q>(
    sql: &'q str,
    s: &Deelname,
    vandaag: &'q str,
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>> {
    let q = sqlx::query(sql).bind(vandaag);
    match s.organisatie() {
        Some(o) => q.bind(o),
        None => q,
    }
}

fn te_laat_ids(s: &Deelname) -> &'static str {
    if s.organisatie().is_some() {
        TE_LAAT_VAN
    } else {
        TE_LAAT_ALLE
    }
}

/// Open afspraken due before `grens` (today: those past their deadline) that an organisation
/// owns, or (as chair) of moments chaired by that organisation now: exactly those whose status
/// it may change.
pub async fn afspraken_te_laat(db: &Db, s: &Deelname, grens: &str) -> sqlx::Result<Vec<Afspraak>> {
    let vandaag = grens;
    let sql = format!(
        "{AFSPRAAK_SELECT} WHERE a.id IN ({}) ORDER BY a.deadline, a.id",
        te_laat_ids(s)
    );
    Ok(te_laat(&sql, s, vandaag)
        .fetch_all(db)
        .await?
        .iter()
        .map(afspraak_uit)
        .collect())
}

/// How many [`afspraken_te_laat`] there are (the count in the navigation).
pub async fn aantal_afspraken_te_laat(db: &Db, s: &Deelname, vandaag: &str) -> sqlx::Result<i64> {
    let sql = format!("SELECT COUNT(*) FROM ({}) x", te_laat_ids(s));
    let rij = te_laat(&sql, s, vandaag).fetch_one(db).await?;
    sqlx::Row::try_get(&rij, 0)
}

/// Afspraken an organisation owns, optionally of one status and named to one user, by deadline:
/// `(limiet, offset)` of them and how many in all (the index `afspraak_eigenaar`).
pub async fn afspraken_van_organisatie(
    db: &Db,
    s: &Deelname,
    (status, gebruiker): (Option<AfspraakStatus>, Option<crate::gedeeld::GebruikerId>),
    (limiet, offset): (i64, i64),
) -> sqlx::Result<(Vec<Afspraak>, i64)> {
    let Some(organisatie) = s.organisatie() else {
        return Ok((vec![], 0));
    };
    let waar = "WHERE a.eigenaar_organisatie_id = $1 AND ($2 IS NULL OR a.status = $2)
           AND ($3 IS NULL OR a.eigenaar_gebruiker_id = $3)";
    let status = status.map(AfspraakStatus::code);
    let rij = sqlx::query(&format!("SELECT COUNT(*) FROM afspraak a {waar}"))
        .bind(organisatie)
        .bind(status)
        .bind(gebruiker)
        .fetch_one(db)
        .await?;
    let totaal: i64 = sqlx::Row::try_get(&rij, 0)?;
    let lijst = sqlx::query(&format!(
        "{AFSPRAAK_SELECT} {waar} ORDER BY a.deadline, a.id LIMIT $4 OFFSET $5"
    ))
    .bind(organisatie)
    .bind(status)
    .bind(gebruiker)
    .bind(limiet)
    .bind(offset)
    .fetch_all(db)
    .await?
    .iter()
    .map(afspraak_uit)
    .collect();
    Ok((lijst, totaal))
}

/// Records a veiligheidsinschatting at a moment the scope's organisation takes part in.
pub async fn inschatting_opslaan(
    conn: &mut Conn,
    s: &Deelname,
    m: &Moment,
    inschatting: Veiligheid,
    datum: &str,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(&format!(
        "INSERT INTO veiligheidsinschatting (moment_id, casus_id, inschatting, datum, organisatie_id, aangemaakt_op)
         SELECT $1, $2, $3, $4, $5, $6 WHERE {} RETURNING id",
        deelt("$1", 7)
    ))
    .bind(m.id)
    .bind(m.casus_id)
    .bind(inschatting.code())
    .bind(datum)
    .bind(s.organisatie())
    .bind(crate::db::nu())
    .bind(s.organisatie())
    .fetch_one(conn)
    .await
}

/// The veiligheidsinschattingen of a case, newest first.
pub async fn inschattingen(
    db: &Db,
    s: &CasusInzage,
    casus: crate::gedeeld::CasusId,
) -> sqlx::Result<Vec<Inschatting>> {
    let rijen = sqlx::query(
        "SELECT v.id, v.moment_id, m.soort, v.inschatting, v.datum, o.naam, v.aangemaakt_op
         FROM veiligheidsinschatting v JOIN moment m ON m.id = v.moment_id
         JOIN organisatie o ON o.id = v.organisatie_id
         WHERE v.casus_id = $1 AND ($2 IS NULL OR m.regio_code = $2)
         ORDER BY v.datum DESC, v.id DESC",
    )
    .bind(casus)
    .bind(s.regio())
    .fetch_all(db)
    .await?;
    Ok(rijen
        .iter()
        .map(|r| Inschatting {
            id: r.get(0),
            moment_id: r.get(1),
            moment_soort: Soort::parse(r.get(2)).unwrap_or(Soort::Acuut),
            inschatting: Veiligheid::parse(r.get(3)).unwrap_or(Veiligheid::NietIngeschat),
            datum: r.get(4),
            organisatie_naam: r.get(5),
            aangemaakt_op: r.get(6),
        })
        .collect())
}
