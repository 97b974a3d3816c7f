//! Repository: what waits for an organisation (Mijn werk). Each query starts from the region's
//! moments of one kind in the covering index `moment_kenmerken` (region, kind, time, status and
//! the typed columns) and keeps those the organisation takes part in now, so its cost follows
//! the region's open work, not the organisation's whole history.

use super::*;

/// What to look for: moments of `soort` in one of `statussen` whose start lies at or after
/// `sinds`, in which the organisation takes part now (as `rol`, when given), optionally with an
/// extra condition on the typed columns (a constant of this module, never user input).
pub struct Werkvraag<'a> {
    pub soort: Soort,
    pub statussen: &'a [Status],
    pub sinds: &'a str,
    pub rol: Option<DeelnemerRol>,
    pub voorwaarde: Voorwaarde,
}

/// Extra conditions on a moment's typed columns.
#[derive(Clone, Copy)]
pub enum Voorwaarde {
    Geen,
    /// ZSM: no decision time recorded yet (the 9-hour clock runs).
    GeenBeslissing,
    /// Actie-overleg: the referrer has not heard the outcome yet.
    GeenTerugkoppeling,
}

impl Voorwaarde {
    fn sql(self) -> &'static str {
        match self {
            Voorwaarde::Geen => "",
            Voorwaarde::GeenBeslissing => " AND COALESCE(m.k_beslissing_tijdstip, '') = ''",
            Voorwaarde::GeenTerugkoppeling => " AND COALESCE(m.k_terugkoppeling_op, '') = ''",
        }
    }
}

/// The moments of [`Werkvraag`] in the region, oldest first, at most `limiet`; with how many
/// there are in all.
pub async fn werk_momenten(
    db: &Db,
    s: &Deelname,
    regio: &RegioCode,
    v: &Werkvraag<'_>,
    limiet: i64,
) -> sqlx::Result<(Vec<Moment>, i64)> {
    let Some(organisatie) = s.organisatie() else {
        return Ok((vec![], 0));
    };
    // Status codes are the enum's own constants.
    let statussen = v
        .statussen
        .iter()
        .map(|st| format!("'{}'", st.code()))
        .collect::<Vec<_>>()
        .join(", ");
    let waar = format!(
        "WHERE m.regio_code = $1 AND m.soort = $2 AND m.tijdstip >= $3 AND m.status IN ({statussen}){}
           AND EXISTS (SELECT 1 FROM moment_deelnemer d WHERE d.moment_id = m.id
               AND d.organisatie_id = $4 AND d.tot IS NULL AND ($5 IS NULL OR d.rol = $5))",
        v.voorwaarde.sql()
    );
    let rol = v.rol.map(DeelnemerRol::code);
    let momenten = sqlx::query(&format!(
        "{MOMENT_SELECT} {waar} ORDER BY m.tijdstip, m.id LIMIT $6"
    ))
    .bind(regio)
    .bind(v.soort.code())
    .bind(v.sinds)
    .bind(organisatie)
    .bind(rol)
    .bind(limiet)
    .fetch_all(db)
    .await?
    .iter()
    .map(moment_uit)
    .collect::<Vec<_>>();
    let aantal = if (momenten.len() as i64) < limiet {
        momenten.len() as i64
    } else {
        sqlx::query_scalar(&format!("SELECT COUNT(*) FROM moment m {waar}"))
            .bind(regio)
            .bind(v.soort.code())
            .bind(v.sinds)
            .bind(organisatie)
            .bind(rol)
            .fetch_one(db)
            .await?
    };
    Ok((momenten, aantal))
}

/// The next meeting (on or after `vanaf`) of each Actie-overleg of the region the organisation
/// chairs or belongs to: (overleg id, overleg name, meeting id and date if a meeting exists).
pub async fn volgende_vergaderingen(
    db: &Db,
    s: &CasusInzage,
    regio: &RegioCode,
    organisatie: OrganisatieId,
    vanaf: &str,
) -> sqlx::Result<Vec<(i64, Option<(i64, String)>)>> {
    let rijen: Vec<(i64, Option<i64>, Option<String>)> = sqlx::query_as(
        "SELECT g.id,
                (SELECT v.id FROM vergadering v WHERE v.overleg_id = g.id AND v.datum >= $3
                 ORDER BY v.datum LIMIT 1),
                (SELECT MIN(v.datum) FROM vergadering v WHERE v.overleg_id = g.id AND v.datum >= $3)
         FROM overleg g
         WHERE g.regio_code = $1 AND ($4 IS NULL OR $4 = $1)
           AND (g.voorzitter_organisatie_id = $2 OR EXISTS (SELECT 1 FROM overleg_organisatie oo
                WHERE oo.overleg_id = g.id AND oo.organisatie_id = $2))
         ORDER BY g.id",
    )
    .bind(regio)
    .bind(organisatie)
    .bind(vanaf)
    .bind(s.regio())
    .fetch_all(db)
    .await?;
    Ok(rijen.into_iter().map(|(id, v, d)| (id, v.zip(d))).collect())
}

/// The agenda of a meeting: its moments (process data).
pub async fn agenda(db: &Db, s: &CasusInzage, vergadering: i64) -> sqlx::Result<Vec<Moment>> {
    Ok(sqlx::query(&format!(
        "{MOMENT_SELECT} WHERE m.vergadering_id = $1 AND ($2 IS NULL OR m.regio_code = $2)
         ORDER BY m.tijdstip, m.id"
    ))
    .bind(vergadering)
    .bind(s.regio())
    .fetch_all(db)
    .await?
    .iter()
    .map(moment_uit)
    .collect())
}

/// Open ZSM moments of a region since `sinds` with no decision time recorded (the clock may
/// still run): every organisation's, for the server's watch on the 9-hour clock.
pub async fn zsm_zonder_beslissing(
    db: &Db,
    _: Systeem,
    regio: &RegioCode,
    sinds: &str,
) -> sqlx::Result<Vec<Moment>> {
    Ok(sqlx::query(&format!(
        "{MOMENT_SELECT} WHERE m.regio_code = $1 AND m.soort = 'zsm' AND m.tijdstip >= $2
           AND m.status = 'open'{} ORDER BY m.tijdstip",
        Voorwaarde::GeenBeslissing.sql()
    ))
    .bind(regio)
    .bind(sinds)
    .fetch_all(db)
    .await?
    .iter()
    .map(moment_uit)
    .collect())
}

/// The organisations taking part in a moment now.
pub async fn actieve_organisaties(
    conn: &mut Conn,
    _: Systeem,
    moment: MomentId,
) -> sqlx::Result<Vec<OrganisatieId>> {
    sqlx::query_scalar(
        "SELECT organisatie_id FROM moment_deelnemer WHERE moment_id = $1 AND tot IS NULL ORDER BY organisatie_id",
    )
    .bind(moment)
    .fetch_all(conn)
    .await
}

/// Who owns open afspraken due before `grens`: the named users, and the organisations of those
/// without a named owner.
pub async fn eigenaren_van_open_afspraken(
    db: &Db,
    _: Systeem,
    grens: &str,
) -> sqlx::Result<(Vec<crate::gedeeld::GebruikerId>, Vec<OrganisatieId>)> {
    let gebruikers = sqlx::query_scalar(
        "SELECT DISTINCT eigenaar_gebruiker_id FROM afspraak
         WHERE status = 'open' AND deadline < $1 AND eigenaar_gebruiker_id IS NOT NULL",
    )
    .bind(grens)
    .fetch_all(db)
    .await?;
    let organisaties = sqlx::query_scalar(
        "SELECT DISTINCT eigenaar_organisatie_id FROM afspraak
         WHERE status = 'open' AND deadline < $1 AND eigenaar_gebruiker_id IS NULL",
    )
    .bind(grens)
    .fetch_all(db)
    .await?;
    Ok((gebruikers, organisaties))
}
