//! All SQL of the afstemmingsmomenten. Personal data is read only by `persoon`, which the
//! service calls after the need-to-know check and together with the audit entry.
//!
//! Every function that reads or writes case data takes a scope from `auth::permissions`
//! (`CasusInzage`, `Deelname`, `CasusRegistratie`, or `Systeem` for jobs without a user) and
//! filters with it in SQL: what lies outside the scope is not found, and a write outside it
//! changes nothing and fails with `RowNotFound`.

use super::model::{
    Afspraak, AfspraakSoort, AfspraakStatus, ContactSoort, Contactpunt, DeelnameEinde, Deelnemer,
    DeelnemerRol, Frequentie, Inschatting, KENMERK_KOLOMMEN, Kenmerk, Lijstfilter, Moment, Overleg,
    Soort, Status, Veiligheid, Vergadering, kenmerken,
};
use crate::audit::Actor;
use crate::auth::permissions::{CasusInzage, CasusRegistratie, Deelname, Systeem};
use crate::db::Db;
use crate::db::bulk::{self, Bulk, Cel};
use crate::db::{Conn, Vlag};
use crate::gedeeld::RegioCode;
use crate::gedeeld::{MomentId, OrganisatieId};
use sqlx::Row;
use std::collections::{BTreeMap, HashMap};

mod afspraken;
mod casussen;
mod contactpunten;
mod import;
mod organisaties;
mod overleg;
mod plan;
mod tellingen;
mod terugdateren;
mod werk;

pub use afspraken::*;
pub use casussen::*;
pub use contactpunten::*;
pub use import::*;
pub use organisaties::*;
pub use overleg::*;
pub use plan::*;
pub use tellingen::*;
pub use terugdateren::*;
pub use werk::*;

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
fn met_kenmerken(mut q: Opdracht<'_>, waarden: Option<[Kenmerk; 21]>) -> Opdracht<'_> {
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
fn een_rij(r: &crate::db::Resultaat) -> sqlx::Result<()> {
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
) -> sqlx::Result<crate::gedeeld::CasusId> {
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
    id: crate::gedeeld::CasusId,
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
    casus_id: crate::gedeeld::CasusId,
    soort: Soort,
    tijdstip: &str,
    status: Status,
    proces: &BTreeMap<String, String>,
    organisatie_id: OrganisatieId,
    overleg_id: Option<i64>,
) -> sqlx::Result<MomentId> {
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
    id: MomentId,
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
        &met_kenmerken(
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
    moment_id: MomentId,
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
            &sqlx::query(&format!(
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
    moment_id: MomentId,
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

pub async fn moment(
    conn: &mut Conn,
    s: &CasusInzage,
    id: MomentId,
) -> sqlx::Result<Option<Moment>> {
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
    regio: &RegioCode,
    soort: Option<Soort>,
    van: &str,
    tot: &str,
) -> sqlx::Result<Vec<Moment>> {
    let filter = Lijstfilter {
        soort,
        ..Default::default()
    };
    momenten_pagina(db, s, regio, &filter, (van, tot), (i64::MAX, 0)).await
}

/// The moments of a region in a period as `momenten`, with the list's filter (binds `$1`–`$7`).
const MOMENTEN_WAAR: &str =
    "WHERE m.regio_code = $1 AND ($5 IS NULL OR $5 = $1) AND ($2 IS NULL OR m.soort = $2)
           AND m.tijdstip >= $3 AND m.tijdstip < $4 AND ($6 IS NULL OR m.status = $6)
           AND ($7 IS NULL OR EXISTS (SELECT 1 FROM moment_deelnemer f WHERE f.moment_id = m.id
                AND f.organisatie_id = $7 AND f.tot IS NULL))";

/// A query on [`MOMENTEN_WAAR`] with its parameters bound.
fn momenten_waar<'q>(
    sql: &'q str,
    s: &CasusInzage,
    regio: &RegioCode,
    filter: &Lijstfilter,
    (van, tot): (&'q str, &'q str),
) -> Opdracht<'q> {
    sqlx::query(sql)
        .bind(*regio)
        .bind(filter.soort.map(Soort::code))
        .bind(van)
        .bind(tot)
        .bind(s.regio().copied())
        .bind(filter.status.map(Status::code))
        .bind(filter.organisatie)
}

/// One page of `momenten`: `(limit, offset)`; `i64::MAX` for all (PostgreSQL refuses a negative limit).
pub async fn momenten_pagina(
    db: &Db,
    s: &CasusInzage,
    regio: &RegioCode,
    filter: &Lijstfilter,
    periode: (&str, &str),
    (limiet, offset): (i64, i64),
) -> sqlx::Result<Vec<Moment>> {
    let sql = format!(
        "{MOMENT_SELECT} {MOMENTEN_WAAR} ORDER BY m.tijdstip DESC, m.id DESC LIMIT $8 OFFSET $9"
    );
    Ok(momenten_waar(&sql, s, regio, filter, periode)
        .bind(limiet)
        .bind(offset)
        .fetch_all(db)
        .await?
        .iter()
        .map(moment_uit)
        .collect())
}

/// How many moments `momenten_pagina` would give in all.
pub async fn aantal_momenten(
    db: &Db,
    s: &CasusInzage,
    regio: &RegioCode,
    filter: &Lijstfilter,
    periode: (&str, &str),
) -> sqlx::Result<i64> {
    let sql = format!("SELECT COUNT(*) FROM moment m {MOMENTEN_WAAR}");
    let rij = momenten_waar(&sql, s, regio, filter, periode)
        .fetch_one(db)
        .await?;
    rij.try_get(0)
}

/// The most recent year with a registered moment in the region (`JJJJ`).
pub async fn laatste_jaar(
    db: &Db,
    s: &CasusInzage,
    regio: &RegioCode,
) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar(
        "SELECT substr(MAX(tijdstip), 1, 4) FROM moment WHERE regio_code = $1 AND ($2 IS NULL OR $2 = $1)",
    )
    .bind(regio)
    .bind(s.regio())
        .fetch_one(db)
        .await
}

/// The list's search by number in the region: the moment with this number (when `moment`),
/// else the earliest moment of the case with this number (when `casus`).
pub async fn moment_met_nummer(
    db: &Db,
    s: &CasusInzage,
    regio: &RegioCode,
    nummer: i64,
    (moment, casus): (bool, bool),
) -> sqlx::Result<Option<MomentId>> {
    sqlx::query_scalar(
        "SELECT id FROM moment WHERE regio_code = $1 AND ($3 IS NULL OR $3 = $1)
           AND (($4 AND id = $2) OR ($5 AND casus_id = $2))
         ORDER BY CASE WHEN $4 AND id = $2 THEN 0 ELSE 1 END, tijdstip, id LIMIT 1",
    )
    .bind(regio)
    .bind(nummer)
    .bind(s.regio())
    .bind(moment)
    .bind(casus)
    .fetch_optional(db)
    .await
}

pub async fn momenten_van_casus(
    db: &Db,
    s: &CasusInzage,
    casus_id: crate::gedeeld::CasusId,
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
    moment_id: MomentId,
    organisatie_id: OrganisatieId,
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
    moment_id: MomentId,
    organisatie_id: OrganisatieId,
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
    moment_id: MomentId,
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
    moment_id: MomentId,
) -> sqlx::Result<bool> {
    sqlx::query_scalar::<_, Vlag>(&format!("SELECT {}", deelt("$1", 2)))
        .bind(moment_id)
        .bind(s.organisatie())
        .fetch_one(conn)
        .await
        .map(bool::from)
}

#[cfg(test)]
mod tests;
