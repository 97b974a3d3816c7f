//! All SQL of the afstemmingsmomenten. Personal data is read only by `persoon`, which the
//! service calls after the need-to-know check and together with the audit entry.
//!
//! Every function that reads or writes case data takes a scope from `auth::permissions`
//! (`CasusInzage`, `Deelname`, `CasusRegistratie`, or `Systeem` for jobs without a user) and
//! filters with it in SQL: what lies outside the scope is not found, and a write outside it
//! changes nothing and fails with `RowNotFound`.

use super::model::{
    Afspraak, AfspraakSoort, AfspraakStatus, ContactSoort, Contactpunt, DeelnameEinde, Deelnemer,
    DeelnemerRol, Frequentie, KENMERK_KOLOMMEN, Kenmerk, Moment, Overleg, Soort, Status,
    Vergadering, kenmerken,
};
use crate::audit::Actor;
use crate::auth::permissions::{CasusInzage, CasusRegistratie, Deelname, Systeem};
use crate::db::Db;
use crate::db::bulk::{self, Bulk, Cel};
use crate::db::{Conn, Vlag};
use sqlx::Row;
use std::collections::{BTreeMap, HashMap};

fn json(m: &BTreeMap<String, String>) -> String {
    serde_json::to_string(m).unwrap_or_else(|_| "{}".into())
}

fn van_json(s: &str) -> BTreeMap<String, String> {
    serde_json::from_str(s).unwrap_or_default()
}

/// Whether the database stores the typed moment columns that Voorop computes
/// (`model::kenmerken`; PostgreSQL, migration 0026) instead of generating them (SQLite).
pub(crate) fn kenmerken_van_voorop(conn: &Conn) -> bool {
    conn.backend_name() == "PostgreSQL"
}

/// The typed columns of a moment for an INSERT: `, k_dagdeel, …` and `, $eerste, …`.
fn kenmerk_kolommen(eerste: usize) -> (String, String) {
    let mut kolommen = String::new();
    let mut waarden = String::new();
    for (i, k) in KENMERK_KOLOMMEN.iter().enumerate() {
        kolommen.push_str(&format!(", {k}"));
        waarden.push_str(&format!(", ${}", eerste + i));
    }
    (kolommen, waarden)
}

/// The typed columns of a moment for an UPDATE: `, k_dagdeel = $eerste, …`.
fn kenmerk_toekenningen(eerste: usize) -> String {
    KENMERK_KOLOMMEN
        .iter()
        .enumerate()
        .map(|(i, k)| format!(", {k} = ${}", eerste + i))
        .collect()
}

type Opdracht<'q> = sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>;

/// Binds the typed column values (none where the database generates them).
fn met_kenmerken(mut q: Opdracht<'_>, waarden: Option<[Kenmerk; 18]>) -> Opdracht<'_> {
    for k in waarden.into_iter().flatten() {
        q = match k {
            Kenmerk::Tekst(t) => q.bind(t),
            Kenmerk::Getal(g) => q.bind(g),
        };
    }
    q
}

/// The typed columns of a moment as cells of a multi-row insert.
pub(crate) fn kenmerk_cellen<'a>(
    tijdstip: &str,
    veld: impl Fn(&str) -> Option<&'a str>,
) -> impl Iterator<Item = Cel> {
    kenmerken(tijdstip, veld).into_iter().map(|k| match k {
        Kenmerk::Tekst(t) => Cel::OT(t),
        Kenmerk::Getal(g) => Cel::OI(g),
    })
}

/// A write that must change exactly one row; none means it lay outside the caller's scope.
fn een_rij(r: crate::db::Resultaat) -> sqlx::Result<()> {
    if r.rows_affected() == 0 {
        Err(sqlx::Error::RowNotFound)
    } else {
        Ok(())
    }
}

/// SQL condition: organisation `$n` takes part in moment `{moment}` now, or `$n` is NULL (a
/// system job). The need-to-know filter of every `Deelname` query.
fn deelt(moment: &str, n: u8) -> String {
    format!(
        "(${n} IS NULL OR EXISTS (SELECT 1 FROM moment_deelnemer dl WHERE dl.moment_id = {moment} \
           AND dl.organisatie_id = ${n} AND dl.tot IS NULL))"
    )
}

pub async fn casus_aanmaken(
    conn: &mut Conn,
    s: &CasusRegistratie,
    pseudoniem: Option<&str>,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO casus (regio_code, pseudoniem, aangemaakt_op) VALUES ($1, $2, $3) RETURNING id",
    )
    .bind(s.regio())
    .bind(pseudoniem)
    .bind(crate::db::nu())
    .fetch_one(conn)
    .await
}

/// (regio, status) of a case.
pub async fn casus(
    conn: &mut Conn,
    s: &CasusInzage,
    id: i64,
) -> sqlx::Result<Option<(String, String)>> {
    sqlx::query_as(
        "SELECT regio_code, status FROM casus WHERE id = $1 AND ($2 IS NULL OR regio_code = $2)",
    )
    .bind(id)
    .bind(s.regio())
    .fetch_optional(conn)
    .await
}

#[allow(clippy::too_many_arguments)]
pub async fn moment_aanmaken(
    conn: &mut Conn,
    s: &CasusRegistratie,
    casus_id: i64,
    soort: Soort,
    tijdstip: &str,
    status: Status,
    proces: &BTreeMap<String, String>,
    organisatie_id: i64,
    overleg_id: Option<i64>,
) -> sqlx::Result<i64> {
    let nu = crate::db::nu();
    let eigen = kenmerken_van_voorop(conn);
    let (k_kolommen, k_waarden) = if eigen {
        kenmerk_kolommen(10)
    } else {
        Default::default()
    };
    let sql = format!(
        "INSERT INTO moment (casus_id, regio_code, soort, tijdstip, status, gegevens, aangemaakt_door_organisatie, aangemaakt_op, gewijzigd_op, overleg_id{k_kolommen})
         SELECT $1, $2, $3, $4, $5, $6, $7, $8, $8, $9{k_waarden}
         WHERE EXISTS (SELECT 1 FROM casus WHERE id = $1 AND regio_code = $2) RETURNING id",
    );
    let q = sqlx::query(&sql)
        .bind(casus_id)
        .bind(s.regio())
        .bind(soort.code())
        .bind(tijdstip)
        .bind(status.code())
        .bind(json(proces))
        .bind(organisatie_id)
        .bind(nu)
        .bind(overleg_id);
    met_kenmerken(
        q,
        eigen.then(|| kenmerken(tijdstip, |c| proces.get(c).map(String::as_str))),
    )
    .fetch_one(conn)
    .await?
    .try_get(0)
}

pub async fn moment_bijwerken(
    conn: &mut Conn,
    s: &Deelname,
    id: i64,
    tijdstip: &str,
    status: Status,
    proces: &BTreeMap<String, String>,
    vergadering_id: Option<i64>,
) -> sqlx::Result<()> {
    let eigen = kenmerken_van_voorop(conn);
    let sql = format!(
        "UPDATE moment SET tijdstip = $2, status = $3, gegevens = $4, vergadering_id = $5, gewijzigd_op = $6{}
         WHERE id = $1 AND {}",
        if eigen {
            kenmerk_toekenningen(8)
        } else {
            String::new()
        },
        deelt("moment.id", 7)
    );
    let q = sqlx::query(&sql)
        .bind(id)
        .bind(tijdstip)
        .bind(status.code())
        .bind(json(proces))
        .bind(vergadering_id)
        .bind(crate::db::nu())
        .bind(s.organisatie());
    een_rij(
        met_kenmerken(
            q,
            eigen.then(|| kenmerken(tijdstip, |c| proces.get(c).map(String::as_str))),
        )
        .execute(conn)
        .await?,
    )
}

/// Stores (replaces) the personal data of a moment the scope's organisation takes part in; an
/// empty map removes the row.
pub async fn persoon_opslaan(
    conn: &mut Conn,
    s: &Deelname,
    moment_id: i64,
    persoon: &BTreeMap<String, String>,
) -> sqlx::Result<()> {
    if persoon.is_empty() {
        sqlx::query(&format!(
            "DELETE FROM moment_persoon WHERE moment_id = $1 AND {}",
            deelt("$1", 2)
        ))
        .bind(moment_id)
        .bind(s.organisatie())
        .execute(conn)
        .await?;
    } else {
        een_rij(
            sqlx::query(&format!(
                "INSERT INTO moment_persoon (moment_id, gegevens) SELECT $1, $2 WHERE {}
                 ON CONFLICT(moment_id) DO UPDATE SET gegevens = excluded.gegevens",
                deelt("$1", 3)
            ))
            .bind(moment_id)
            .bind(json(persoon))
            .bind(s.organisatie())
            .execute(conn)
            .await?,
        )?;
    }
    Ok(())
}

/// The personal data of a moment. Call only after the need-to-know check, in the transaction
/// that writes the audit entry.
pub async fn persoon(
    conn: &mut Conn,
    s: &Deelname,
    moment_id: i64,
) -> sqlx::Result<Option<BTreeMap<String, String>>> {
    let gegevens: Option<String> = sqlx::query_scalar(&format!(
        "SELECT gegevens FROM moment_persoon WHERE moment_id = $1 AND {}",
        deelt("$1", 2)
    ))
    .bind(moment_id)
    .bind(s.organisatie())
    .fetch_optional(conn)
    .await?;
    Ok(gegevens.map(|g| van_json(&g)))
}

const MOMENT_SELECT: &str = "SELECT m.id, m.casus_id, m.regio_code, m.soort, m.tijdstip, m.status, m.gegevens,
        c.pseudoniem IS NOT NULL AS heeft_pseudoniem, m.vergadering_id, v.datum AS vergadering_datum,
        c.status AS casus_status, c.gewist_op IS NOT NULL AS gewist, m.aangemaakt_door_organisatie, m.aangemaakt_op,
        m.overleg_id
    FROM moment m JOIN casus c ON c.id = m.casus_id LEFT JOIN vergadering v ON v.id = m.vergadering_id";

fn moment_uit(r: &crate::db::Rij) -> Moment {
    Moment {
        id: r.get("id"),
        casus_id: r.get("casus_id"),
        regio_code: r.get("regio_code"),
        soort: Soort::parse(r.get("soort")).unwrap_or(Soort::Acuut),
        tijdstip: r.get("tijdstip"),
        status: Status::parse(r.get("status")).unwrap_or(Status::Open),
        gegevens: van_json(r.get("gegevens")),
        heeft_pseudoniem: r.get::<Vlag, _>("heeft_pseudoniem").0,
        vergadering_id: r.get("vergadering_id"),
        vergadering_datum: r.get("vergadering_datum"),
        casus_status: r.get("casus_status"),
        gewist: r.get::<Vlag, _>("gewist").0,
        aangemaakt_door_organisatie: r.get("aangemaakt_door_organisatie"),
        aangemaakt_op: r.get("aangemaakt_op"),
        overleg_id: r.get("overleg_id"),
    }
}

pub async fn moment(conn: &mut Conn, s: &CasusInzage, id: i64) -> sqlx::Result<Option<Moment>> {
    Ok(sqlx::query(&format!(
        "{MOMENT_SELECT} WHERE m.id = $1 AND ($2 IS NULL OR m.regio_code = $2)"
    ))
    .bind(id)
    .bind(s.regio())
    .fetch_optional(conn)
    .await?
    .as_ref()
    .map(moment_uit))
}

/// Moments of a region, newest first; optionally of one kind and/or whose start lies in
/// `[van, tot)` (text comparison on local times).
pub async fn momenten(
    db: &Db,
    s: &CasusInzage,
    regio: &str,
    soort: Option<Soort>,
    van: &str,
    tot: &str,
) -> sqlx::Result<Vec<Moment>> {
    momenten_pagina(db, s, regio, soort, (van, tot), (i64::MAX, 0)).await
}

/// The moments of a region in a period as `momenten` (binds `$1`–`$5`).
const MOMENTEN_WAAR: &str =
    "WHERE m.regio_code = $1 AND ($5 IS NULL OR $5 = $1) AND ($2 IS NULL OR m.soort = $2)
           AND m.tijdstip >= $3 AND m.tijdstip < $4";

/// One page of `momenten`: `(limit, offset)`; `i64::MAX` for all (PostgreSQL refuses a negative limit).
pub async fn momenten_pagina(
    db: &Db,
    s: &CasusInzage,
    regio: &str,
    soort: Option<Soort>,
    (van, tot): (&str, &str),
    (limiet, offset): (i64, i64),
) -> sqlx::Result<Vec<Moment>> {
    Ok(sqlx::query(&format!(
        "{MOMENT_SELECT} {MOMENTEN_WAAR} ORDER BY m.tijdstip DESC, m.id DESC LIMIT $6 OFFSET $7"
    ))
    .bind(regio)
    .bind(soort.map(Soort::code))
    .bind(van)
    .bind(tot)
    .bind(s.regio())
    .bind(limiet)
    .bind(offset)
    .fetch_all(db)
    .await?
    .iter()
    .map(moment_uit)
    .collect())
}

/// How many moments `momenten` would give.
pub async fn aantal_momenten(
    db: &Db,
    s: &CasusInzage,
    regio: &str,
    soort: Option<Soort>,
    (van, tot): (&str, &str),
) -> sqlx::Result<i64> {
    sqlx::query_scalar(&format!("SELECT COUNT(*) FROM moment m {MOMENTEN_WAAR}"))
        .bind(regio)
        .bind(soort.map(Soort::code))
        .bind(van)
        .bind(tot)
        .bind(s.regio())
        .fetch_one(db)
        .await
}

/// The most recent year with a registered moment in the region (`JJJJ`).
pub async fn laatste_jaar(db: &Db, s: &CasusInzage, regio: &str) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar(
        "SELECT substr(MAX(tijdstip), 1, 4) FROM moment WHERE regio_code = $1 AND ($2 IS NULL OR $2 = $1)",
    )
    .bind(regio)
    .bind(s.regio())
        .fetch_one(db)
        .await
}

pub async fn momenten_van_casus(
    db: &Db,
    s: &CasusInzage,
    casus_id: i64,
) -> sqlx::Result<Vec<Moment>> {
    Ok(sqlx::query(&format!(
        "{MOMENT_SELECT} WHERE m.casus_id = $1 AND ($2 IS NULL OR m.regio_code = $2) ORDER BY m.tijdstip, m.id"
    ))
    .bind(casus_id)
    .bind(s.regio())
    .fetch_all(db)
    .await?
    .iter()
    .map(moment_uit)
    .collect())
}

/// Starts a participation period for an organisation that has no open one on the moment;
/// an organisation already taking part keeps its period and its role. Returns whether a period
/// was started. Periods are never reopened or changed (the table is append-only): an
/// organisation that takes part again gets a new period, so the gap stays in the history.
pub async fn deelname_starten(
    conn: &mut Conn,
    s: &CasusRegistratie,
    moment_id: i64,
    organisatie_id: i64,
    rol: DeelnemerRol,
    vanaf: &str,
    door: &Actor,
) -> sqlx::Result<bool> {
    Ok(sqlx::query(
        "INSERT INTO moment_deelnemer (moment_id, organisatie_id, rol, vanaf, gestart_door_gebruiker, gestart_door_organisatie)
         SELECT $1, $2, $3, $4, $5, $6
         WHERE NOT EXISTS (SELECT 1 FROM moment_deelnemer WHERE moment_id = $1 AND organisatie_id = $2 AND tot IS NULL)
           AND EXISTS (SELECT 1 FROM moment WHERE id = $1 AND regio_code = $7)
           AND EXISTS (SELECT 1 FROM organisatie WHERE id = $2 AND regio_code = $7)",
    )
    .bind(moment_id)
    .bind(organisatie_id)
    .bind(rol.code())
    .bind(vanaf)
    .bind(door.gebruiker_id)
    .bind(door.organisatie_id)
    .bind(s.regio())
    .execute(conn)
    .await?
    .rows_affected()
        == 1)
}

/// Ends one organisation's open participation period. Returns whether one was open.
pub async fn deelname_beeindigen(
    conn: &mut Conn,
    s: &Deelname,
    moment_id: i64,
    organisatie_id: i64,
    door: &Actor,
) -> sqlx::Result<bool> {
    Ok(sqlx::query(&format!(
        "UPDATE moment_deelnemer SET tot = $3, einde = 'beeindigd', beeindigd_door_gebruiker = $4,
           beeindigd_door_organisatie = $5
         WHERE moment_id = $1 AND organisatie_id = $2 AND tot IS NULL AND {}",
        deelt("$1", 6)
    ))
    .bind(moment_id)
    .bind(organisatie_id)
    .bind(crate::db::nu())
    .bind(door.gebruiker_id)
    .bind(door.organisatie_id)
    .bind(s.organisatie())
    .execute(conn)
    .await?
    .rows_affected()
        == 1)
}

/// Every participation period of a moment (the history), oldest first.
pub async fn deelnemers(
    conn: &mut Conn,
    s: &CasusInzage,
    moment_id: i64,
) -> sqlx::Result<Vec<Deelnemer>> {
    let rijen = sqlx::query(
        "SELECT d.organisatie_id, o.naam, o.soort, d.rol, d.vanaf, d.tot, d.einde, b.naam AS beeindigd_door
         FROM moment_deelnemer d JOIN organisatie o ON o.id = d.organisatie_id
         JOIN moment m ON m.id = d.moment_id
         LEFT JOIN organisatie b ON b.id = d.beeindigd_door_organisatie
         WHERE d.moment_id = $1 AND ($2 IS NULL OR m.regio_code = $2) ORDER BY d.vanaf, d.id",
    )
    .bind(moment_id)
    .bind(s.regio())
    .fetch_all(conn)
    .await?;
    Ok(rijen
        .iter()
        .map(|r| Deelnemer {
            organisatie_id: r.get("organisatie_id"),
            organisatie_naam: r.get("naam"),
            organisatie_soort: r.get("soort"),
            rol: DeelnemerRol::parse(r.get("rol")).unwrap_or(DeelnemerRol::Betrokken),
            vanaf: r.get("vanaf"),
            tot: r.get("tot"),
            einde: r
                .get::<Option<String>, _>("einde")
                .as_deref()
                .and_then(DeelnameEinde::parse),
            beeindigd_door: r.get("beeindigd_door"),
        })
        .collect())
}

/// Whether the scope's organisation takes part in the moment now (a system scope: always).
pub async fn is_actieve_deelnemer(
    conn: &mut Conn,
    s: &Deelname,
    moment_id: i64,
) -> sqlx::Result<bool> {
    sqlx::query_scalar::<_, Vlag>(&format!("SELECT {}", deelt("$1", 2)))
        .bind(moment_id)
        .bind(s.organisatie())
        .fetch_one(conn)
        .await
        .map(bool::from)
}

// ---- afspraken ----------------------------------------------------------------------------

const AFSPRAAK_SELECT: &str = "SELECT a.id, a.moment_id, m.soort AS moment_soort, m.regio_code, a.eigenaar_organisatie_id,
        o.naam AS eigenaar_naam, a.soort, a.omschrijving, a.deadline, a.status, a.gereed_op, a.aangemaakt_op
    FROM afspraak a JOIN moment m ON m.id = a.moment_id JOIN organisatie o ON o.id = a.eigenaar_organisatie_id";

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
    }
}

pub async fn afspraak_aanmaken(
    conn: &mut Conn,
    s: &Deelname,
    moment_id: i64,
    eigenaar: i64,
    soort: AfspraakSoort,
    omschrijving: &str,
    deadline: &str,
) -> sqlx::Result<i64> {
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

pub async fn afspraak_status(
    conn: &mut Conn,
    s: &Deelname,
    id: i64,
    status: AfspraakStatus,
    gereed_op: Option<&str>,
) -> sqlx::Result<()> {
    een_rij(
        sqlx::query(&format!(
            "UPDATE afspraak SET status = $2, gereed_op = $3 WHERE id = $1 AND {}",
            deelt("afspraak.moment_id", 4)
        ))
        .bind(id)
        .bind(status.code())
        .bind(gereed_op)
        .bind(s.organisatie())
        .execute(conn)
        .await?,
    )
}

pub async fn afspraak(conn: &mut Conn, s: &CasusInzage, id: i64) -> sqlx::Result<Option<Afspraak>> {
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
    moment_id: i64,
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
    regio: &str,
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

/// Ids of open afspraken past their deadline (`$1`): every one (the command line, no
/// organisation) ...
const TE_LAAT_ALLE: &str =
    "SELECT a.id FROM afspraak a WHERE a.status = 'open' AND a.deadline < $1";
/// ... or those organisation `$2` owns or, as the current chair, may change: two index ranges
/// joined by UNION (`afspraak_eigenaar`; `moment_deelnemer_voorzitter` with the partial
/// `afspraak_open`), not an OR that makes the database read every afspraak of the country.
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

/// Open afspraken past their deadline that an organisation owns, or (as chair) of moments
/// chaired by that organisation now: exactly those whose status it may change.
pub async fn afspraken_te_laat(
    db: &Db,
    s: &Deelname,
    vandaag: &str,
) -> sqlx::Result<Vec<Afspraak>> {
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

// ---- Actie-overleg meetings ---------------------------------------------------------------

/// (id, regio, naam, weekdag, tijd, frequentie, voorzitter id, voorzitter naam)
type OverlegRij = (i64, String, String, i64, String, String, i64, String);

pub async fn overleggen(db: &Db, s: &CasusInzage, regio: &str) -> sqlx::Result<Vec<Overleg>> {
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
        let organisaties = sqlx::query_as::<_, (i64, String, String, Vlag)>(
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
    voorzitter: i64,
    organisaties: &[(i64, bool)],
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
) -> sqlx::Result<Option<(i64, i64, String, String)>> {
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
    organisatie_id: i64,
    aanwezig: bool,
) -> sqlx::Result<()> {
    een_rij(
        sqlx::query(
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
    regio: &str,
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
        let aanwezigheid = sqlx::query_as::<_, (i64, Vlag)>(
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

// ---- contact directory --------------------------------------------------------------------

pub async fn contactpunten(
    db: &Db,
    s: &CasusInzage,
    regio: &str,
) -> sqlx::Result<Vec<Contactpunt>> {
    let rijen = sqlx::query(
        "SELECT c.*, o.naam AS organisatie_naam FROM contactpunt c JOIN organisatie o ON o.id = c.organisatie_id
         WHERE c.regio_code = $1 AND ($2 IS NULL OR $2 = $1) ORDER BY o.soort, o.naam, c.soort, c.functie",
    )
    .bind(regio)
    .bind(s.regio())
    .fetch_all(db)
    .await?;
    Ok(rijen
        .iter()
        .map(|r| Contactpunt {
            id: r.get("id"),
            regio_code: r.get("regio_code"),
            organisatie_id: r.get("organisatie_id"),
            organisatie_naam: r.get("organisatie_naam"),
            soort: ContactSoort::parse(r.get("soort")).unwrap_or(ContactSoort::Contactpersoon),
            functie: r.get("functie"),
            naam: r.get("naam"),
            telefoon: r.get("telefoon"),
            email: r.get("email"),
            bereikbaarheid: r.get("bereikbaarheid"),
        })
        .collect())
}

/// Adds an entry to the directory of the scope's region (`c.regio_code` is not used).
pub async fn contactpunt_opslaan(
    conn: &mut Conn,
    s: &CasusRegistratie,
    c: &Contactpunt,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO contactpunt (regio_code, organisatie_id, soort, functie, naam, telefoon, email, bereikbaarheid)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(s.regio())
    .bind(c.organisatie_id)
    .bind(c.soort.code())
    .bind(&c.functie)
    .bind(&c.naam)
    .bind(&c.telefoon)
    .bind(&c.email)
    .bind(&c.bereikbaarheid)
    .fetch_one(conn)
    .await
}

pub async fn contactpunt_verwijderen(
    conn: &mut Conn,
    s: &CasusRegistratie,
    id: i64,
) -> sqlx::Result<bool> {
    Ok(
        sqlx::query("DELETE FROM contactpunt WHERE id = $1 AND regio_code = $2")
            .bind(id)
            .bind(s.regio())
            .execute(conn)
            .await?
            .rows_affected()
            == 1,
    )
}

// ---- cases, repeat incidents and retention ------------------------------------------------

/// Every case with a start time: (casus id, regio, start, pseudonym, frozen repeat flag).
pub async fn herhaal_basis(db: &Db, _: Systeem) -> sqlx::Result<Vec<HerhaalRij>> {
    type Ruw = (i64, String, String, Option<String>, Option<Vlag>);
    let rijen: Vec<Ruw> = sqlx::query_as(
        "SELECT c.id, c.regio_code, MIN(m.tijdstip), c.pseudoniem, c.herhaling FROM casus c
         JOIN moment m ON m.casus_id = c.id GROUP BY c.id",
    )
    .fetch_all(db)
    .await?;
    Ok(rijen
        .into_iter()
        .map(|(id, regio, start, pseudoniem, herhaling)| {
            (id, regio, start, pseudoniem, herhaling.map(bool::from))
        })
        .collect())
}

/// Closes a case at `op` and ends every open participation period of its moments (reason:
/// the case was closed).
pub async fn casus_sluiten(
    conn: &mut Conn,
    s: &Deelname,
    id: i64,
    op: &str,
    door: &Actor,
) -> sqlx::Result<()> {
    een_rij(
        sqlx::query(&format!(
            "UPDATE casus SET status = 'gesloten', gesloten_op = $2 WHERE id = $1
               AND ($3 IS NULL OR EXISTS (SELECT 1 FROM moment mc WHERE mc.casus_id = $1 AND {}))",
            deelt("mc.id", 3)
        ))
        .bind(id)
        .bind(op)
        .bind(s.organisatie())
        .execute(&mut *conn)
        .await?,
    )?;
    sqlx::query(
        "UPDATE moment_deelnemer SET tot = $2, einde = 'casus_gesloten', beeindigd_door_gebruiker = $3,
           beeindigd_door_organisatie = $4
         WHERE tot IS NULL AND moment_id IN (SELECT id FROM moment WHERE casus_id = $1)",
    )
    .bind(id)
    .bind(op)
    .bind(door.gebruiker_id)
    .bind(door.organisatie_id)
    .execute(conn)
    .await?;
    Ok(())
}

/// How an organisation's most recent participation period in a moment ended (`None`: it never
/// took part, or it takes part now).
pub async fn laatste_einde(
    conn: &mut Conn,
    s: &CasusInzage,
    moment_id: i64,
    organisatie_id: i64,
) -> sqlx::Result<Option<DeelnameEinde>> {
    let einde: Option<Option<String>> = sqlx::query_scalar(
        "SELECT d.einde FROM moment_deelnemer d JOIN moment m ON m.id = d.moment_id
         WHERE d.moment_id = $1 AND d.organisatie_id = $2 AND ($3 IS NULL OR m.regio_code = $3)
         ORDER BY d.vanaf DESC, d.id DESC LIMIT 1",
    )
    .bind(moment_id)
    .bind(organisatie_id)
    .bind(s.regio())
    .fetch_optional(conn)
    .await?;
    Ok(einde.flatten().as_deref().and_then(DeelnameEinde::parse))
}

/// Number of organisations taking part in a moment now.
pub async fn aantal_actieve_deelnemers(
    conn: &mut Conn,
    s: &Deelname,
    moment_id: i64,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(&format!(
        "SELECT COUNT(*) FROM moment_deelnemer WHERE moment_id = $1 AND tot IS NULL AND {}",
        deelt("$1", 2)
    ))
    .bind(moment_id)
    .bind(s.organisatie())
    .fetch_one(conn)
    .await
}

pub async fn casus_heropenen(conn: &mut Conn, s: &CasusRegistratie, id: i64) -> sqlx::Result<()> {
    een_rij(
        sqlx::query(
            "UPDATE casus SET status = 'open', gesloten_op = NULL
             WHERE id = $1 AND gewist_op IS NULL AND regio_code = $2",
        )
        .bind(id)
        .bind(s.regio())
        .execute(conn)
        .await?,
    )
}

/// Closed cases whose personal data is still present and that were closed before `grens`.
pub async fn te_wissen(db: &Db, _: Systeem, grens: &str) -> sqlx::Result<Vec<i64>> {
    sqlx::query_scalar(
        "SELECT id FROM casus WHERE status = 'gesloten' AND gewist_op IS NULL AND gesloten_op < $1 ORDER BY id",
    )
    .bind(grens)
    .fetch_all(db)
    .await
}

/// What an erased afspraak description reads.
pub const GEWIST: &str = "(omschrijving gewist na de bewaartermijn)";

/// Freezes the repeat flags of every case sharing this case's pseudonym (they depend on it),
/// then erases the case's personal data, the free text of its process data and afspraken, and
/// its pseudonym. Returns the number of personal-data
/// records deleted.
pub async fn wissen(
    conn: &mut Conn,
    _: Systeem,
    casus_id: i64,
    bevroren: &[(i64, bool)],
) -> sqlx::Result<u64> {
    for (id, h) in bevroren {
        sqlx::query("UPDATE casus SET herhaling = $2 WHERE id = $1 AND herhaling IS NULL")
            .bind(id)
            .bind(h)
            .execute(&mut *conn)
            .await?;
    }
    let n = sqlx::query(
        "DELETE FROM moment_persoon WHERE moment_id IN (SELECT id FROM moment WHERE casus_id = $1)",
    )
    .bind(casus_id)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    // Free text in process data may contain personal data despite the form's advice. Removed
    // here rather than with a JSON function of one dialect; a case has few moments.
    let vrij = super::velden::vrije_tekst_proces();
    let momenten: Vec<(i64, String, String)> =
        sqlx::query_as("SELECT id, tijdstip, gegevens FROM moment WHERE casus_id = $1")
            .bind(casus_id)
            .fetch_all(&mut *conn)
            .await?;
    let eigen = kenmerken_van_voorop(conn);
    for (id, tijdstip, gegevens) in momenten {
        // Data that is no JSON object cannot be checked field by field: it goes as a whole.
        let (mut velden, gelezen) =
            match serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(&gegevens) {
                Ok(v) => (v, true),
                Err(_) => (Default::default(), false),
            };
        if gelezen && vrij.iter().filter(|c| velden.remove(**c).is_some()).count() == 0 {
            continue;
        }
        let gegevens = serde_json::Value::Object(velden).to_string();
        let sql = format!(
            "UPDATE moment SET gegevens = $2{} WHERE id = $1",
            if eigen {
                kenmerk_toekenningen(3)
            } else {
                String::new()
            }
        );
        let q = sqlx::query(&sql).bind(id).bind(&gegevens);
        let velden = van_json(&gegevens);
        let waarden = eigen.then(|| kenmerken(&tijdstip, |c| velden.get(c).map(String::as_str)));
        met_kenmerken(q, waarden).execute(&mut *conn).await?;
    }
    sqlx::query(
        "UPDATE afspraak SET omschrijving = $2 WHERE moment_id IN (SELECT id FROM moment WHERE casus_id = $1)",
    )
    .bind(casus_id)
    .bind(GEWIST)
    .execute(&mut *conn)
    .await?;
    sqlx::query("UPDATE casus SET pseudoniem = NULL, gewist_op = $2 WHERE id = $1")
        .bind(casus_id)
        .bind(crate::db::nu())
        .execute(conn)
        .await?;
    Ok(n)
}

/// (casus id, regio, start = first moment, pseudonym, frozen repeat flag).
pub type HerhaalRij = (i64, String, String, Option<String>, Option<bool>);

/// Every (region, year) with at least one registered moment, in order.
pub async fn regio_jaren(db: &Db, s: &CasusInzage) -> sqlx::Result<Vec<(String, String)>> {
    sqlx::query_as(
        "SELECT DISTINCT regio_code, substr(tijdstip, 1, 4) FROM moment
         WHERE ($1 IS NULL OR regio_code = $1) ORDER BY 1, 2",
    )
    .bind(s.regio())
    .fetch_all(db)
    .await
}

/// (casus id, start, pseudonym) of every case with this pseudonym: what retention needs to
/// freeze the repeat flags that depend on it.
pub async fn herhaal_basis_van_pseudoniem(
    conn: &mut Conn,
    _: Systeem,
    pseudoniem: &str,
) -> sqlx::Result<Vec<(i64, String, Option<String>)>> {
    sqlx::query_as(
        "SELECT c.id, MIN(m.tijdstip), c.pseudoniem FROM casus c JOIN moment m ON m.casus_id = c.id
         WHERE c.pseudoniem = $1 GROUP BY c.id",
    )
    .bind(pseudoniem)
    .fetch_all(conn)
    .await
}

/// Sets the pseudonym of an existing case that has none yet.
pub async fn pseudoniem_aanvullen(
    conn: &mut Conn,
    s: &CasusRegistratie,
    casus_id: i64,
    pseudoniem: &str,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE casus SET pseudoniem = COALESCE(pseudoniem, $2) WHERE id = $1 AND regio_code = $3",
    )
    .bind(casus_id)
    .bind(pseudoniem)
    .bind(s.regio())
    .execute(conn)
    .await?;
    Ok(())
}

/// Whether an organisation takes part (now) in any moment of a case.
pub async fn neemt_deel_aan_casus(
    conn: &mut Conn,
    s: &Deelname,
    casus_id: i64,
) -> sqlx::Result<bool> {
    sqlx::query_scalar::<_, Vlag>(&format!(
        "SELECT EXISTS(SELECT 1 FROM moment mc WHERE mc.casus_id = $1 AND {})",
        deelt("mc.id", 2)
    ))
    .bind(casus_id)
    .bind(s.organisatie())
    .fetch_one(conn)
    .await
    .map(bool::from)
}

/// (id, soort) of the moments of a case that are not finished.
pub async fn lopende_momenten(
    conn: &mut Conn,
    s: &CasusInzage,
    casus_id: i64,
) -> sqlx::Result<Vec<(i64, String)>> {
    sqlx::query_as(
        "SELECT id, soort FROM moment WHERE casus_id = $1 AND status NOT IN ('afgerond','afgewezen')
           AND ($2 IS NULL OR regio_code = $2) ORDER BY id",
    )
    .bind(casus_id)
    .bind(s.regio())
    .fetch_all(conn)
    .await
}

// ---- organisations -------------------------------------------------------------------------

/// Every active organisation of a region: (id, name, kind code). Deactivated organisations
/// cannot be chosen for anything new.
pub async fn organisaties_van_regio(
    db: &Db,
    regio: &str,
) -> sqlx::Result<Vec<(i64, String, String)>> {
    sqlx::query_as(
        "SELECT id, naam, soort FROM organisatie WHERE regio_code = $1 AND actief = TRUE
         ORDER BY soort, naam",
    )
    .bind(regio)
    .fetch_all(db)
    .await
}

/// The kind of an organisation, if it belongs to the region and is active.
pub async fn organisatie_soort_in_regio(
    conn: &mut Conn,
    organisatie_id: i64,
    regio: &str,
) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar(
        "SELECT soort FROM organisatie WHERE id = $1 AND regio_code = $2 AND actief = TRUE",
    )
    .bind(organisatie_id)
    .bind(regio)
    .fetch_optional(conn)
    .await
}

/// The ids of a region's Actie-overleggen, oldest first.
pub async fn overleg_ids(conn: &mut Conn, s: &CasusInzage, regio: &str) -> sqlx::Result<Vec<i64>> {
    sqlx::query_scalar(
        "SELECT id FROM overleg WHERE regio_code = $1 AND ($2 IS NULL OR $2 = $1) ORDER BY id",
    )
    .bind(regio)
    .bind(s.regio())
    .fetch_all(conn)
    .await
}

/// (regio, chair's organisation) of an Actie-overleg.
pub async fn overleg_kop(
    conn: &mut Conn,
    s: &CasusInzage,
    overleg_id: i64,
) -> sqlx::Result<Option<(String, i64)>> {
    sqlx::query_as(
        "SELECT regio_code, voorzitter_organisatie_id FROM overleg WHERE id = $1 AND ($2 IS NULL OR regio_code = $2)",
    )
    .bind(overleg_id)
    .bind(s.regio())
        .fetch_optional(conn)
        .await
}

/// The active fixed members (vaste gezichten) of one Actie-overleg.
pub async fn vaste_organisaties(
    conn: &mut Conn,
    s: &CasusInzage,
    overleg_id: i64,
) -> sqlx::Result<Vec<i64>> {
    sqlx::query_scalar(
        "SELECT w.organisatie_id FROM overleg_organisatie w JOIN overleg g ON g.id = w.overleg_id
         JOIN organisatie o ON o.id = w.organisatie_id
         WHERE w.overleg_id = $1 AND w.wijze = 'vast' AND o.actief = TRUE AND ($2 IS NULL OR g.regio_code = $2)
         ORDER BY w.organisatie_id",
    )
    .bind(overleg_id)
    .bind(s.regio())
    .fetch_all(conn)
    .await
}

/// The organisation a directory entry of the region belongs to.
pub async fn contactpunt_organisatie(
    conn: &mut Conn,
    s: &CasusRegistratie,
    id: i64,
) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar("SELECT organisatie_id FROM contactpunt WHERE id = $1 AND regio_code = $2")
        .bind(id)
        .bind(s.regio())
        .fetch_optional(conn)
        .await
}

/// The pseudonym of a case (only the retention job and the repeat computation use it).
pub async fn pseudoniem(
    conn: &mut Conn,
    _: Systeem,
    casus_id: i64,
) -> sqlx::Result<Option<String>> {
    Ok(
        sqlx::query_scalar::<_, Option<String>>("SELECT pseudoniem FROM casus WHERE id = $1")
            .bind(casus_id)
            .fetch_optional(conn)
            .await?
            .flatten(),
    )
}

// ---- bulk import (casus_import) -------------------------------------------------------------

/// An import of a file as recorded in `casus_import`.
#[derive(Debug, Clone)]
pub struct Import {
    pub id: i64,
    pub voltooid: bool,
    pub gestart_op: String,
    pub laatste_rij: usize,
    pub momenten: usize,
    pub casussen: usize,
    pub verder_byte: u64,
    pub verder_regel: u64,
    pub verder_record: u64,
}

fn als_usize(n: i64) -> usize {
    usize::try_from(n).unwrap_or(0)
}

fn als_u64(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

/// The latest import of the file with this SHA-256, if any.
pub async fn import_van_bestand(db: &Db, sha: &str) -> sqlx::Result<Option<Import>> {
    let rij = sqlx::query(
        "SELECT id, status, gestart_op, laatste_rij, momenten, casussen, verder_byte, verder_regel, verder_record \
         FROM casus_import WHERE bestand_sha256 = $1 ORDER BY id DESC LIMIT 1",
    )
    .bind(sha)
    .fetch_optional(db)
    .await?;
    Ok(rij.map(|r| Import {
        id: r.get("id"),
        voltooid: r.get::<String, _>("status") == "voltooid",
        gestart_op: r.get("gestart_op"),
        laatste_rij: als_usize(r.get("laatste_rij")),
        momenten: als_usize(r.get("momenten")),
        casussen: als_usize(r.get("casussen")),
        verder_byte: als_u64(r.get("verder_byte")),
        verder_regel: als_u64(r.get("verder_regel")),
        verder_record: als_u64(r.get("verder_record")),
    }))
}

/// Records the start of an import (nothing stored yet).
pub async fn import_beginnen(db: &Db, sha: &str, rijen: usize, op: &str) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO casus_import (bestand_sha256, status, gestart_op, bijgewerkt_op, rijen) \
         VALUES ($1, 'bezig', $2, $2, $3) RETURNING id",
    )
    .bind(sha)
    .bind(op)
    .bind(i64::try_from(rijen).unwrap_or(i64::MAX))
    .fetch_one(db)
    .await
}

/// The progress of an import after a committed batch.
#[derive(Debug, Clone)]
pub struct ImportVoortgang {
    pub id: i64,
    pub laatste_rij: usize,
    pub momenten: usize,
    pub casussen: usize,
    pub verder_byte: u64,
    pub verder_regel: u64,
    pub verder_record: u64,
    pub voltooid: bool,
    pub op: String,
}

/// Saves the progress of an import in the batch's transaction; when it is complete, its
/// reference hashes are deleted.
pub async fn import_voortgang(conn: &mut Conn, v: &ImportVoortgang) -> sqlx::Result<()> {
    let getal = |n: u64| i64::try_from(n).unwrap_or(i64::MAX);
    sqlx::query(
        "UPDATE casus_import SET laatste_rij = $2, momenten = $3, casussen = $4, verder_byte = $5, \
         verder_regel = $6, verder_record = $7, status = $8, bijgewerkt_op = $9 WHERE id = $1",
    )
    .bind(v.id)
    .bind(getal(v.laatste_rij as u64))
    .bind(getal(v.momenten as u64))
    .bind(getal(v.casussen as u64))
    .bind(getal(v.verder_byte))
    .bind(getal(v.verder_regel))
    .bind(getal(v.verder_record))
    .bind(if v.voltooid { "voltooid" } else { "bezig" })
    .bind(&v.op)
    .execute(&mut *conn)
    .await?;
    if v.voltooid {
        sqlx::query("DELETE FROM casus_import_ref WHERE import_id = $1")
            .bind(v.id)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// The cases that earlier batches of an import made of these references: hash → (case, its
/// status, its pseudonym).
pub async fn import_refs(
    conn: &mut Conn,
    _s: &Systeem,
    import: i64,
    hashes: &[&str],
) -> sqlx::Result<HashMap<String, (i64, String, Option<String>)>> {
    let mut gevonden = HashMap::new();
    let genummerd = bulk::genummerd(conn);
    // PostgreSQL takes the hashes as one array parameter; SQLite one parameter each.
    let per_statement = if genummerd { 10_000 } else { 900 };
    for deel in hashes.chunks(per_statement) {
        // On PostgreSQL the hashes are a joined set, so each is looked up in the key: as
        // `ref_hash = ANY(…)` the planner, misled by the small table's statistics from before
        // the import, filtered every reference of the import against the whole array.
        let sql = if genummerd {
            "SELECT r.ref_hash, c.id, c.status, c.pseudoniem
             FROM unnest(CAST($2 AS TEXT[])) AS h(ref_hash)
             JOIN casus_import_ref r ON r.import_id = $1 AND r.ref_hash = h.ref_hash
             JOIN casus c ON c.id = r.casus_id"
                .to_string()
        } else {
            format!(
                "SELECT r.ref_hash, c.id, c.status, c.pseudoniem
                 FROM casus_import_ref r JOIN casus c ON c.id = r.casus_id
                 WHERE r.import_id = ? AND r.ref_hash IN ({})",
                vec!["?"; deel.len()].join(", ")
            )
        };
        let mut q = sqlx::query_as::<_, (String, i64, String, Option<String>)>(&sql).bind(import);
        if genummerd {
            q = q.bind(bulk::tekst_array(deel));
        } else {
            for h in deel {
                q = q.bind(*h);
            }
        }
        for (hash, id, status, pseudoniem) in q.fetch_all(&mut *conn).await? {
            gevonden.insert(hash, (id, status, pseudoniem));
        }
    }
    Ok(gevonden)
}

/// A case made by a bulk writer, with its id allocated ahead (`db::bulk::nieuwe_ids`) and the
/// start of its first moment: what the trigger `moment_eerste_invoegen` would set when its
/// moments are inserted, written with the case so that no case is updated per moment.
#[derive(Debug, Clone)]
pub struct NieuweCasus {
    pub id: i64,
    pub regio: String,
    pub pseudoniem: Option<String>,
    pub eerste_tijdstip: String,
}

/// A moment made by a bulk writer, with its participations (id, organisation, role).
#[derive(Debug, Clone)]
pub struct NieuwMoment {
    pub id: i64,
    pub casus_id: i64,
    pub regio: String,
    pub soort: Soort,
    pub tijdstip: String,
    pub status: Status,
    pub proces: BTreeMap<String, String>,
    pub persoon: BTreeMap<String, String>,
    pub organisatie_id: i64,
    pub overleg_id: Option<i64>,
    pub deelnames: Vec<(i64, i64, DeelnemerRol)>,
}

/// What a batch of the CSV import writes: new cases, new moments, and the references of the
/// file that became a case (hash, case).
#[derive(Debug, Clone, Default)]
pub struct NieuweMomenten {
    pub casussen: Vec<NieuweCasus>,
    pub momenten: Vec<NieuwMoment>,
    pub refs: Vec<(String, i64)>,
}

/// Writes a batch with multi-row inserts, for a system job that checked every row beforehand
/// (organisations active and of the region, cases open and of the region): rows are written
/// as given, with their ids. Participations start at `op`, started by `door`.
pub async fn nieuw_opslaan(
    conn: &mut Conn,
    _s: &Systeem,
    import: i64,
    rijen: &NieuweMomenten,
    door: &Actor,
    op: &str,
) -> sqlx::Result<()> {
    let mut casussen = Bulk::new(
        "casus",
        &[
            "id",
            "regio_code",
            "pseudoniem",
            "aangemaakt_op",
            "eerste_tijdstip",
        ],
    );
    for c in &rijen.casussen {
        casussen.rij(vec![
            Cel::I(c.id),
            c.regio.as_str().into(),
            Cel::OT(c.pseudoniem.clone()),
            op.into(),
            c.eerste_tijdstip.as_str().into(),
        ]);
    }
    let mut momenten = Bulk::new(
        "moment",
        &[
            "id",
            "casus_id",
            "regio_code",
            "soort",
            "tijdstip",
            "status",
            "gegevens",
            "aangemaakt_door_organisatie",
            "aangemaakt_op",
            "gewijzigd_op",
            "overleg_id",
        ],
    );
    let eigen = kenmerken_van_voorop(conn);
    if eigen {
        momenten = momenten.met_kolommen(&KENMERK_KOLOMMEN);
    }
    let mut personen = Bulk::new("moment_persoon", &["moment_id", "gegevens"]);
    let mut deelnames = Bulk::new(
        "moment_deelnemer",
        &[
            "id",
            "moment_id",
            "organisatie_id",
            "rol",
            "vanaf",
            "gestart_door_gebruiker",
            "gestart_door_organisatie",
        ],
    );
    for m in &rijen.momenten {
        let mut rij = vec![
            Cel::I(m.id),
            Cel::I(m.casus_id),
            m.regio.as_str().into(),
            m.soort.code().into(),
            m.tijdstip.as_str().into(),
            m.status.code().into(),
            json(&m.proces).into(),
            Cel::I(m.organisatie_id),
            op.into(),
            op.into(),
            Cel::OI(m.overleg_id),
        ];
        if eigen {
            rij.extend(kenmerk_cellen(&m.tijdstip, |c| {
                m.proces.get(c).map(String::as_str)
            }));
        }
        momenten.rij(rij);
        if !m.persoon.is_empty() {
            personen.rij(vec![Cel::I(m.id), json(&m.persoon).into()]);
        }
        for (id, org, rol) in &m.deelnames {
            deelnames.rij(vec![
                Cel::I(*id),
                Cel::I(m.id),
                Cel::I(*org),
                rol.code().into(),
                op.into(),
                Cel::OI(door.gebruiker_id),
                Cel::OI(door.organisatie_id),
            ]);
        }
    }
    let mut refs = Bulk::new("casus_import_ref", &["import_id", "ref_hash", "casus_id"]);
    for (hash, casus) in &rijen.refs {
        refs.rij(vec![Cel::I(import), hash.as_str().into(), Cel::I(*casus)]);
    }
    for b in [
        &mut casussen,
        &mut momenten,
        &mut personen,
        &mut deelnames,
        &mut refs,
    ] {
        b.schrijf(conn).await?;
    }
    Ok(())
}

// ---- indicators, computed by the database (issue 8) ---------------------------------------
//
// The typed columns `moment.k_*` are generated from `gegevens` (migration 0015), stored in the
// covering index `moment_kenmerken`; `casus.eerste_tijdstip` is kept by triggers. So every
// query below reads one index range of the region-year, however long the history is.

/// The moments of a region-year (binds `$1` regio, `$2`/`$3` period, `$4` the scope's region).
const KENMERK_WAAR: &str = "WHERE m.regio_code = $1 AND ($4 IS NULL OR $4 = $1)
           AND m.tijdstip >= $2 AND m.tijdstip < $3";

/// Counts of the region's moments that started in `[van, tot)`, per kind, status and (for ZSM)
/// part of the week: one row per group, each column a count (see `indicatoren::Tellingen`).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct KenmerkTelling {
    pub soort: String,
    pub status: String,
    pub dagdeel: Option<String>,
    pub aantal: i64,
    pub reactie_gevuld: i64,
    pub ter_plaatse: i64,
    pub beoordeeld: i64,
    pub vt_gemeld: i64,
    pub teruggekoppeld: i64,
    pub betrokken: i64,
    pub betrokken_gevuld: i64,
    pub contact: i64,
    pub contact_gevuld: i64,
    pub afdoening: i64,
    pub afdoening_gevuld: i64,
    pub geinformeerd: i64,
    pub beslissing_gevuld: i64,
    pub voor_beslissing: i64,
    pub beslissing_tijdstip_gevuld: i64,
    pub heenzending_voorwaarden: i64,
    pub heenzending: i64,
    pub anoniem: i64,
    pub anoniem_gevuld: i64,
    pub onderzoeksplan: i64,
}

pub async fn kenmerk_tellingen(
    db: &Db,
    s: &CasusInzage,
    regio: &str,
    van: &str,
    tot: &str,
) -> sqlx::Result<Vec<KenmerkTelling>> {
    // (column, kind it is counted for, condition). Each kind reads only its own index range
    // (`moment_kenmerken` starts with regio, soort, tijdstip) and evaluates only its own columns.
    const MATEN: &[(&str, &str, &str)] = &[
        ("reactie_gevuld", "acuut", "m.k_reactie <> ''"),
        ("ter_plaatse", "acuut", "m.k_reactie = 'ter_plaatse'"),
        ("beoordeeld", "acuut", "m.k_veiligheidsbeoordeling = 'ja'"),
        ("vt_gemeld", "acuut", "m.k_vt_melding_datum <> ''"),
        ("teruggekoppeld", "actieoverleg", "m.k_terugkoppeling_op <> ''"),
        (
            "betrokken",
            "zsm",
            "m.k_vt_betrokkenheid IN ('aan_tafel', 'telefonisch')",
        ),
        ("betrokken_gevuld", "zsm", "m.k_vt_betrokkenheid <> ''"),
        ("contact", "zsm", "m.k_contact_verkregen = 'ja'"),
        ("contact_gevuld", "zsm", "m.k_contact_verkregen <> ''"),
        ("afdoening", "zsm", "m.k_vt_afdoeningsoverleg = 'ja'"),
        ("afdoening_gevuld", "zsm", "m.k_vt_afdoeningsoverleg <> ''"),
        (
            "geinformeerd",
            "zsm",
            "m.k_vt_geinformeerd = 'ja' AND m.k_beslissing <> ''",
        ),
        ("beslissing_gevuld", "zsm", "m.k_beslissing <> ''"),
        (
            "voor_beslissing",
            "zsm",
            "m.k_beslissing_tijdstip <> '' AND m.k_veiligheidsbeoordeling = 'ja' AND m.k_beoordeling_voor >= 0",
        ),
        ("beslissing_tijdstip_gevuld", "zsm", "m.k_beslissing_tijdstip <> ''"),
        (
            "heenzending_voorwaarden",
            "zsm",
            "m.k_beslissing IN ('heenzenden', 'heenzenden_voorwaarden')
               AND (m.k_beslissing = 'heenzenden_voorwaarden' OR m.k_veiligheidsvoorwaarden = 'ja')",
        ),
        (
            "heenzending",
            "zsm",
            "m.k_beslissing IN ('heenzenden', 'heenzenden_voorwaarden')",
        ),
        ("anoniem", "ssk", "m.k_anoniem = 'ja'"),
        ("anoniem_gevuld", "ssk", "m.k_anoniem <> ''"),
        ("onderzoeksplan", "ssk", "m.k_onderzoeksplan = 'ja'"),
    ];
    // (kind, status column, dagdeel column, GROUP BY)
    let delen = [
        ("acuut", "''", "CAST(NULL AS TEXT)", ""),
        (
            "actieoverleg",
            "m.status",
            "CAST(NULL AS TEXT)",
            "GROUP BY m.status",
        ),
        ("zsm", "''", "m.k_dagdeel", "GROUP BY m.k_dagdeel"),
        ("ssk", "''", "CAST(NULL AS TEXT)", ""),
    ];
    let sql: Vec<String> = delen
        .iter()
        .map(|(soort, status, dagdeel, groep)| {
            let kolommen: Vec<String> = MATEN
                .iter()
                .map(|(naam, voor, voorwaarde)| {
                    if voor == soort {
                        format!(
                            "CAST(COALESCE(SUM(CASE WHEN {voorwaarde} THEN 1 ELSE 0 END), 0) AS BIGINT) AS {naam}"
                        )
                    } else {
                        format!("CAST(0 AS BIGINT) AS {naam}")
                    }
                })
                .collect();
            format!(
                "SELECT '{soort}' AS soort, {status} AS status, {dagdeel} AS dagdeel, COUNT(*) AS aantal, {}
                 FROM moment m {KENMERK_WAAR} AND m.soort = '{soort}' {groep}",
                kolommen.join(", ")
            )
        })
        .collect();
    sqlx::query_as(&sql.join(" UNION ALL "))
        .bind(regio)
        .bind(van)
        .bind(tot)
        .bind(s.regio())
        .fetch_all(db)
        .await
}

/// The durations behind the medians of a region-year as (maat, waarde, aantal): `acuut`
/// response minutes, `actieoverleg` days from aanmelding to bespreking, `ssk` minutes to the
/// first OM consultation; negative durations are left out.
pub async fn kenmerk_duren(
    db: &Db,
    s: &CasusInzage,
    regio: &str,
    van: &str,
    tot: &str,
) -> sqlx::Result<Vec<(String, i64, i64)>> {
    let deel = |soort: &str, kolom: &str| {
        format!(
            "SELECT m.soort, m.{kolom}, COUNT(*) FROM moment m {KENMERK_WAAR}
               AND m.soort = '{soort}' AND m.{kolom} >= 0 GROUP BY m.soort, m.{kolom}"
        )
    };
    sqlx::query_as(&format!(
        "{} UNION ALL {} UNION ALL {}",
        deel("acuut", "k_responstijd"),
        deel("actieoverleg", "k_doorlooptijd"),
        deel("ssk", "k_consultatie")
    ))
    .bind(regio)
    .bind(van)
    .bind(tot)
    .bind(s.regio())
    .fetch_all(db)
    .await
}

/// Afspraken of the region's Actie-overleg aanmeldingen in `[van, tot)`, not vervallen, that are
/// gereed or whose deadline is `vandaag` or earlier: (how many, how many gereed on or before the
/// deadline).
pub async fn afspraken_telling(
    db: &Db,
    s: &CasusInzage,
    regio: &str,
    (van, tot): (&str, &str),
    vandaag: &str,
) -> sqlx::Result<(i64, i64)> {
    sqlx::query_as(&format!(
        "SELECT COUNT(*), CAST(COALESCE(SUM(CASE WHEN a.status = 'gereed' AND a.gereed_op IS NOT NULL
                 AND substr(a.gereed_op, 1, 10) <= a.deadline THEN 1 ELSE 0 END), 0) AS BIGINT)
         FROM moment m JOIN afspraak a ON a.moment_id = m.id {KENMERK_WAAR}
           AND m.soort = 'actieoverleg' AND a.status <> 'vervallen'
           AND (a.status = 'gereed' OR a.deadline <= $5)"
    ))
    .bind(regio)
    .bind(van)
    .bind(tot)
    .bind(s.regio())
    .bind(vandaag)
    .fetch_one(db)
    .await
}

/// Attendance at the region's meetings in `[van, tot)` per organisation: (organisatie id,
/// meetings with her attendance recorded, meetings she attended).
pub async fn aanwezigheid_telling(
    db: &Db,
    s: &CasusInzage,
    regio: &str,
    van: &str,
    tot: &str,
) -> sqlx::Result<Vec<(i64, i64, i64)>> {
    sqlx::query_as(
        "SELECT w.organisatie_id, COUNT(*), CAST(SUM(CASE WHEN w.aanwezig THEN 1 ELSE 0 END) AS BIGINT)
         FROM overleg g JOIN vergadering v ON v.overleg_id = g.id
         JOIN vergadering_aanwezigheid w ON w.vergadering_id = v.id
         WHERE g.regio_code = $1 AND ($4 IS NULL OR $4 = $1) AND v.datum >= $2 AND v.datum < $3
         GROUP BY w.organisatie_id",
    )
    .bind(regio)
    .bind(van)
    .bind(tot)
    .bind(s.regio())
    .fetch_all(db)
    .await
}

/// The repeat rate's (noemer, teller) for the region's cases that started in `[van, tot)`:
/// cases with a pseudonym or a frozen flag; repeated when the frozen flag says so or, without
/// one, when another case of the same pseudonym (any region) started before it (by start, then
/// id) at most 365 days earlier, as `model::herhalingen` decides. One index probe per case.
pub async fn herhaling_telling(
    db: &Db,
    s: &CasusInzage,
    regio: &str,
    van: &str,
    tot: &str,
) -> sqlx::Result<(i64, i64)> {
    sqlx::query_as(
        "SELECT COUNT(*), CAST(COALESCE(SUM(CASE
             WHEN c.herhaling IS NOT NULL THEN (CASE WHEN c.herhaling THEN 1 ELSE 0 END)
             WHEN EXISTS (SELECT 1 FROM casus p WHERE p.pseudoniem = c.pseudoniem
                   AND p.eerste_dag >= c.eerste_dag - 365
                   AND (p.eerste_tijdstip < c.eerste_tijdstip
                        OR (p.eerste_tijdstip = c.eerste_tijdstip AND p.id < c.id))) THEN 1
             ELSE 0 END), 0) AS BIGINT)
         FROM casus c
         WHERE c.regio_code = $1 AND ($4 IS NULL OR $4 = $1)
           AND c.eerste_tijdstip >= $2 AND c.eerste_tijdstip < $3
           AND (c.pseudoniem IS NOT NULL OR c.herhaling IS NOT NULL)",
    )
    .bind(regio)
    .bind(van)
    .bind(tot)
    .bind(s.regio())
    .fetch_one(db)
    .await
}

/// Every region-year's change marker (see [`indicator_versies`]): some tens of rows.
pub async fn indicator_versies_alle(db: &Db) -> sqlx::Result<Vec<(String, String, i64)>> {
    sqlx::query_as("SELECT regio_code, jaar, versie FROM indicator_versie")
        .fetch_all(db)
        .await
}

/// A region-year's stored counts (`indicator_telling`, JSON) if they were counted at this
/// (marker, day, shape).
pub async fn opgeslagen_telling(
    db: &Db,
    regio: &str,
    jaar: &str,
    (versie, dag, formaat): (i64, i64, i64),
) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar(
        "SELECT tellingen FROM indicator_telling
         WHERE regio_code = $1 AND jaar = $2 AND versie = $3 AND dag = $4 AND formaat = $5",
    )
    .bind(regio)
    .bind(jaar)
    .bind(versie)
    .bind(dag)
    .bind(formaat)
    .fetch_optional(db)
    .await
}

/// The region-years (regio, jaar, current marker) whose stored counts are missing or were
/// counted at another marker, day or shape.
pub async fn verouderde_tellingen(
    db: &Db,
    dag: i64,
    formaat: i64,
) -> sqlx::Result<Vec<(String, String, i64)>> {
    sqlx::query_as(
        "SELECT v.regio_code, v.jaar, v.versie FROM indicator_versie v
         LEFT JOIN indicator_telling t ON t.regio_code = v.regio_code AND t.jaar = v.jaar
         WHERE t.versie IS NULL OR t.versie <> v.versie OR t.dag <> $1 OR t.formaat <> $2
         ORDER BY v.jaar DESC, v.regio_code",
    )
    .bind(dag)
    .bind(formaat)
    .fetch_all(db)
    .await
}

/// Stores a region-year's counts, unless a count at a newer marker or day is stored already
/// (another instance that counted later).
pub async fn telling_opslaan(
    db: &Db,
    regio: &str,
    jaar: &str,
    (versie, dag, formaat): (i64, i64, i64),
    tellingen: &str,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO indicator_telling (regio_code, jaar, versie, dag, formaat, tellingen)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (regio_code, jaar) DO UPDATE
            SET versie = excluded.versie, dag = excluded.dag, formaat = excluded.formaat,
                tellingen = excluded.tellingen
          WHERE excluded.versie > indicator_telling.versie
             OR (excluded.versie = indicator_telling.versie AND excluded.dag >= indicator_telling.dag)",
    )
    .bind(regio)
    .bind(jaar)
    .bind(versie)
    .bind(dag)
    .bind(formaat)
    .bind(tellingen)
    .execute(db)
    .await?;
    Ok(())
}

/// Deletes every stored count.
pub async fn tellingen_vergeten(db: &Db) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM indicator_telling")
        .execute(db)
        .await?;
    Ok(())
}

/// The version of each region's indicator input in the year `jaar` (`JJJJ`), bumped by the
/// triggers of migration 0016 on every write that can change what the region-year counts; a
/// region without a row has never been written to in that year (version 0).
pub async fn indicator_versies(
    db: &Db,
    jaar: &str,
) -> sqlx::Result<std::collections::HashMap<String, i64>> {
    let rijen: Vec<(String, i64)> =
        sqlx::query_as("SELECT regio_code, versie FROM indicator_versie WHERE jaar = $1")
            .bind(jaar)
            .fetch_all(db)
            .await?;
    Ok(rijen.into_iter().collect())
}

#[cfg(test)]
mod tests;
