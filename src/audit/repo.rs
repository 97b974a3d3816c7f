use super::model::{
    Actor, Anker, AuditEvent, AuditFilter, AuditRegel, Doel, KetenRegel, OudeRegels, PER_PAGINA,
    VERSIE_HUIDIG, VERSIE_OUD, doel_van_moment,
};
use crate::db::Conn;
use crate::db::bulk::{Bulk, Cel};
use crate::gedeeld::{GebruikerId, OrganisatieId};

/// Appends one event in the caller's transaction (so the event and the change commit together),
/// keyed with the process-wide audit key (see [`super::service::sleutel`]).
pub async fn schrijf(conn: &mut Conn, actor: &Actor, event: AuditEvent) -> sqlx::Result<()> {
    schrijf_met(conn, super::service::sleutel().bytes(), actor, event).await
}

/// Appends one event with the given audit key. The row gets the next id (the chain covers
/// ids, so they run without gaps) and carries the previous row's hash; its own hash is an
/// HMAC over every column ([`super::model::hash_v2`]). The first keyed row after rows of the
/// old scheme also covers a digest of all of them (read here once, in batches).
pub async fn schrijf_met(
    conn: &mut Conn,
    sleutel: &[u8],
    actor: &Actor,
    event: AuditEvent,
) -> sqlx::Result<()> {
    let delen = event.parts();
    let onderwerp = betrokkene_en_doel(conn, &event, delen.1, &delen.2).await?;
    let vorige = keten_kop(conn).await?;
    let oude_regels = match &vorige {
        Some((_, _, VERSIE_OUD)) => {
            let mut oude = OudeRegels::nieuw(sleutel);
            let mut na = 0;
            loop {
                let partij = regels_na(conn, na, PARTIJ).await?;
                let Some(laatste) = partij.last() else { break };
                na = laatste.id;
                partij.iter().for_each(|r| oude.voeg_toe(r));
            }
            Some(oude.digest())
        }
        _ => None,
    };
    let (id, vorige_hash) = vorige.map_or((1, String::new()), |v| (v.0 + 1, v.1));
    let mut regel = nieuwe_regel(
        actor,
        &event,
        delen,
        id,
        crate::db::nu(),
        vorige_hash,
        onderwerp,
    );
    regel.hash = super::model::hash_v3(sleutel, &regel, oude_regels.as_deref());
    let mut rij = Bulk::new("audit_log", AUDIT_KOLOMMEN);
    rij.rij(cellen(regel));
    rij.schrijf(conn).await
}

/// The row of `event` (whose `parts` are given) at `id` after the row with hash `vorige_hash`,
/// without its own hash yet.
fn nieuwe_regel(
    actor: &Actor,
    event: &AuditEvent,
    (code, object_type, object_id, details): (&str, &str, String, String),
    id: i64,
    tijd: String,
    vorige_hash: String,
    (betrokkene, doel): (String, &str),
) -> KetenRegel {
    KetenRegel {
        id,
        tijd,
        gebruiker_id: actor.gebruiker_id,
        actor: actor.naam.clone(),
        organisatie_id: actor.organisatie_id,
        code: code.to_string(),
        object_type: object_type.to_string(),
        object_id,
        details,
        vorige_hash,
        hash: String::new(),
        keten_versie: VERSIE_HUIDIG,
        namens: actor.namens.clone(),
        betrokkene,
        doel: doel.to_string(),
        // The field declarations (src/casus/velden.rs) give no legal basis yet: empty until
        // they do (then it comes from the declaration of the moment's kind).
        grondslag: String::new(),
        uitkomst: event.uitkomst().to_string(),
    }
}

/// The head of the chain: the last row's id, hash and chain version, or, when retention
/// removed every row, its anchor's.
async fn keten_kop(conn: &mut Conn) -> sqlx::Result<Option<(i64, String, i64)>> {
    let vorige: Option<(i64, String, i64)> =
        sqlx::query_as("SELECT id, hash, keten_versie FROM audit_log ORDER BY id DESC LIMIT 1")
            .fetch_optional(&mut *conn)
            .await?;
    Ok(match vorige {
        Some(v) => Some(v),
        None => laatste_anker(conn)
            .await?
            .map(|a| (a.tot_id, a.tot_hash, a.tot_versie)),
    })
}

const AUDIT_KOLOMMEN: &[&str] = &[
    "id",
    "tijd",
    "gebruiker_id",
    "actor",
    "organisatie_id",
    "code",
    "object_type",
    "object_id",
    "details",
    "vorige_hash",
    "hash",
    "keten_versie",
    "namens",
    "betrokkene",
    "doel",
    "grondslag",
    "uitkomst",
];

fn cellen(r: KetenRegel) -> Vec<Cel> {
    vec![
        Cel::I(r.id),
        Cel::T(r.tijd),
        Cel::OI(r.gebruiker_id.map(i64::from)),
        Cel::T(r.actor),
        Cel::OI(r.organisatie_id.map(i64::from)),
        Cel::T(r.code),
        Cel::T(r.object_type),
        Cel::T(r.object_id),
        Cel::T(r.details),
        Cel::T(r.vorige_hash),
        Cel::T(r.hash),
        Cel::I(r.keten_versie),
        Cel::T(r.namens),
        Cel::T(r.betrokkene),
        Cel::T(r.doel),
        Cel::T(r.grondslag),
        Cel::T(r.uitkomst),
    ]
}

/// What a bulk writer knows of an event's subject at the time of the event, so that nothing
/// is read back: the case's pseudonym and the moment's kind and status.
#[derive(Debug, Clone, Default)]
pub struct Onderwerp {
    pub pseudoniem: Option<String>,
    pub moment: Option<(&'static str, &'static str)>,
}

/// Appends events in order, exactly as [`schrijf_met`] would one at a time (the same rows and
/// hashes, keyed with the process-wide audit key), but with a thousand parameters per
/// statement and no read per event: the caller gives each event's [`Onderwerp`]. For bulk
/// writers such as the CSV import, which writes thousands of events per transaction.
pub async fn schrijf_reeks(
    conn: &mut Conn,
    actor: &Actor,
    events: Vec<(AuditEvent, Onderwerp)>,
) -> sqlx::Result<()> {
    let tijd = crate::db::nu();
    schrijf_historie(
        conn,
        events
            .into_iter()
            .map(|(event, onderwerp)| (actor, tijd.clone(), event, onderwerp)),
    )
    .await
}

/// Appends events as [`schrijf_reeks`] does, each with its own actor and time
/// (`YYYY-MM-DDTHH:MM:SSZ`, in the order given): for the national demo, whose log holds what
/// the organisations' staff did over the years it covers.
pub async fn schrijf_historie<'a>(
    conn: &mut Conn,
    events: impl IntoIterator<Item = (&'a Actor, String, AuditEvent, Onderwerp)>,
) -> sqlx::Result<()> {
    let sleutel = super::service::sleutel();
    let sleutel = sleutel.bytes();
    let mut events = events.into_iter().peekable();
    let mut vorige = keten_kop(conn).await?;
    // The first keyed row after the old scheme covers a digest of the old rows: that one row
    // goes the single way.
    while matches!(&vorige, Some((_, _, VERSIE_OUD)))
        && let Some((actor, _, event, _)) = events.next()
    {
        schrijf_met(conn, sleutel, actor, event).await?;
        vorige = keten_kop(conn).await?;
    }
    let (mut id, mut vorige_hash) = vorige.map_or((0, String::new()), |v| (v.0, v.1));
    let mut rijen = Bulk::new("audit_log", AUDIT_KOLOMMEN);
    for (actor, tijd, event, onderwerp) in events {
        let wie_waarom = betrokkene_en_doel_van(&event, onderwerp.pseudoniem, onderwerp.moment);
        id += 1;
        let vorige = std::mem::take(&mut vorige_hash);
        let delen = event.parts();
        let mut regel = nieuwe_regel(actor, &event, delen, id, tijd, vorige, wie_waarom);
        regel.hash = super::model::hash_v3(sleutel, &regel, None);
        vorige_hash.clone_from(&regel.hash);
        rijen.rij(cellen(regel));
    }
    rijen.schrijf(conn).await
}

/// The data subject (pseudonym of the case, never a name; empty when the case has none or it
/// was erased) and the purpose of an event, from the moment or case it is about.
async fn betrokkene_en_doel(
    conn: &mut Conn,
    event: &AuditEvent,
    object_type: &str,
    object_id: &str,
) -> sqlx::Result<(String, &'static str)> {
    let id: Option<i64> = object_id.parse().ok();
    let (pseudoniem, moment) = match (object_type, id) {
        ("moment", Some(id)) => {
            let rij: Option<(Option<String>, String, String)> = sqlx::query_as(
                "SELECT c.pseudoniem, m.soort, m.status FROM moment m JOIN casus c ON c.id = m.casus_id WHERE m.id = $1",
            )
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?;
            if let Some((p, soort, status)) = rij {
                return Ok(betrokkene_en_doel_van(event, p, Some((&soort, &status))));
            }
            (None, None)
        }
        ("casus", Some(id)) => (
            sqlx::query_scalar::<_, Option<String>>("SELECT pseudoniem FROM casus WHERE id = $1")
                .bind(id)
                .fetch_optional(&mut *conn)
                .await?
                .flatten(),
            None,
        ),
        _ => (None, None),
    };
    Ok(betrokkene_en_doel_van(event, pseudoniem, moment))
}

/// The data subject and purpose of an event, given the pseudonym of its case and, for a
/// moment, its kind and status.
fn betrokkene_en_doel_van(
    event: &AuditEvent,
    pseudoniem: Option<String>,
    moment: Option<(&str, &str)>,
) -> (String, &'static str) {
    let betrokkene = event
        .betrokkene()
        .map(str::to_string)
        .or(pseudoniem)
        .unwrap_or_default();
    let doel = match event.doel() {
        Doel::Vast(d) => d,
        Doel::VanMoment => moment.map_or("", |(soort, status)| doel_van_moment(soort, status)),
    };
    (betrokkene, doel)
}

/// Whether `gebruiker` was refused on this object since `sinds` (the flood guard).
pub async fn recent_geweigerd(
    conn: &mut Conn,
    gebruiker: GebruikerId,
    object_type: &str,
    object_id: &str,
    sinds: &str,
) -> sqlx::Result<bool> {
    Ok(sqlx::query_scalar::<_, i64>(
        "SELECT 1 FROM audit_log WHERE uitkomst = 'geweigerd' AND gebruiker_id = $1
           AND object_type = $2 AND object_id = $3 AND tijd >= $4 LIMIT 1",
    )
    .bind(gebruiker)
    .bind(object_type)
    .bind(object_id)
    .bind(sinds)
    .fetch_optional(&mut *conn)
    .await?
    .is_some())
}

/// The moment an afspraak belongs to.
pub async fn moment_van_afspraak(
    conn: &mut Conn,
    afspraak: crate::gedeeld::AfspraakId,
) -> sqlx::Result<Option<crate::gedeeld::MomentId>> {
    sqlx::query_scalar("SELECT moment_id FROM afspraak WHERE id = $1")
        .bind(afspraak)
        .fetch_optional(&mut *conn)
        .await
}

/// The latest retention anchor, if retention ever removed rows.
pub async fn laatste_anker(conn: &mut Conn) -> sqlx::Result<Option<Anker>> {
    sqlx::query_as(
        "SELECT tijd, grens, tot_id, tot_hash, tot_versie, aantal, handtekening
         FROM audit_afkapping ORDER BY tot_id DESC LIMIT 1",
    )
    .fetch_optional(&mut *conn)
    .await
}

/// The first row (after id `na`) written at or after `grens`, if any.
pub async fn eerste_vanaf(conn: &mut Conn, na: i64, grens: &str) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar("SELECT id FROM audit_log WHERE id > $1 AND tijd >= $2 ORDER BY id LIMIT 1")
        .bind(na)
        .bind(grens)
        .fetch_optional(&mut *conn)
        .await
}

/// The highest id in the log.
pub async fn hoogste_id(conn: &mut Conn) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar("SELECT MAX(id) FROM audit_log")
        .fetch_one(&mut *conn)
        .await
}

/// Writes the anchor, then removes the rows it covers (the delete trigger allows exactly
/// those). Returns the number of rows removed. Call in the retention's transaction.
pub async fn afkappen(conn: &mut Conn, anker: &Anker) -> sqlx::Result<u64> {
    sqlx::query(
        "INSERT INTO audit_afkapping (tijd, grens, tot_id, tot_hash, tot_versie, aantal, handtekening)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(&anker.tijd)
    .bind(&anker.grens)
    .bind(anker.tot_id)
    .bind(&anker.tot_hash)
    .bind(anker.tot_versie)
    .bind(anker.aantal)
    .bind(&anker.handtekening)
    .execute(&mut *conn)
    .await?;
    sqlx::query("DELETE FROM audit_zicht WHERE audit_id <= $1")
        .bind(anker.tot_id)
        .execute(&mut *conn)
        .await?;
    Ok(sqlx::query("DELETE FROM audit_log WHERE id <= $1")
        .bind(anker.tot_id)
        .execute(&mut *conn)
        .await?
        .rows_affected())
}

/// Rows read at a time when checking the chain (the log is never loaded whole).
pub const PARTIJ: i64 = 1000;

const KOLOMMEN: &str = "id, tijd, gebruiker_id, actor, organisatie_id, code, object_type, object_id, details, vorige_hash, hash, keten_versie, namens, betrokkene, doel, grondslag, uitkomst";

/// The next `limiet` rows after id `na`, every column, in id order.
///
/// SQLite hands them over as one JSON array of rows (each an array of `KOLOMMEN`, the field
/// order of `KetenRegel`) instead of row by row: the driver passes every row from its SQLite
/// thread to the caller's separately, and that hand-over was most of the time `audit verify`
/// took (about 10 of 20 µs per row). Text and whole numbers come back as stored; a value
/// changed on the way would show as a break, never hide one. PostgreSQL's rows arrive over the
/// socket without that cost, and building the JSON there was slower than sending the rows.
pub async fn regels_na(conn: &mut Conn, na: i64, limiet: i64) -> sqlx::Result<Vec<KetenRegel>> {
    let volgende = format!("SELECT {KOLOMMEN} FROM audit_log WHERE id > $1 ORDER BY id LIMIT $2");
    if conn.backend_name() == "PostgreSQL" {
        return sqlx::query_as(&volgende)
            .bind(na)
            .bind(limiet)
            .fetch_all(&mut *conn)
            .await;
    }
    let json: String = sqlx::query_scalar(&format!(
        "SELECT json_group_array(json_array({KOLOMMEN})) FROM ({volgende}) r"
    ))
    .bind(na)
    .bind(limiet)
    .fetch_one(&mut *conn)
    .await?;
    let mut regels: Vec<KetenRegel> =
        serde_json::from_str(&json).map_err(|e| sqlx::Error::Decode(Box::new(e)))?;
    // The aggregate keeps the order of its subquery in practice, but SQL does not promise it
    // (an ORDER BY inside the aggregate cost a sort); already in order this is one pass.
    regels.sort_by_key(|r| r.id);
    Ok(regels)
}

/// One row by id.
pub async fn regel(conn: &mut Conn, id: i64) -> sqlx::Result<Option<KetenRegel>> {
    sqlx::query_as(&format!("SELECT {KOLOMMEN} FROM audit_log WHERE id = $1"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await
}

/// The last `n` rows, newest first.
pub async fn laatste(conn: &mut Conn, n: i64) -> sqlx::Result<Vec<KetenRegel>> {
    sqlx::query_as(&format!(
        "SELECT {KOLOMMEN} FROM audit_log ORDER BY id DESC LIMIT $1"
    ))
    .bind(n)
    .fetch_all(&mut *conn)
    .await
}

/// The highest id an old-scheme row may have: the last row before migration 0008.
pub async fn laatste_oude_id(conn: &mut Conn) -> sqlx::Result<i64> {
    Ok(
        sqlx::query_scalar::<_, i64>("SELECT laatste_v1_id FROM audit_overgang LIMIT 1")
            .fetch_optional(&mut *conn)
            .await?
            .unwrap_or(0),
    )
}

/// The columns of an [`AuditRegel`], from `audit_log a`, with the organisation's name and the
/// two hashes as given (see [`Lezen`]).
macro_rules! kolommen {
    ($naam:literal, $hashes:literal) => {
        concat!(
            "SELECT a.id, a.tijd, a.actor, ",
            $naam,
            " AS organisatie, a.code, a.object_type, a.object_id, a.details, ",
            $hashes,
            ", a.namens, a.betrokkene, a.doel, a.grondslag, a.uitkomst"
        )
    };
}
/// [`kolommen!`] from every row of the log (with the two hashes as given).
macro_rules! regel {
    () => {
        regel!("a.vorige_hash, a.hash")
    };
    ($hashes:literal) => {
        concat!(
            kolommen!("o.naam", $hashes),
            " FROM audit_log a LEFT JOIN organisatie o ON o.id = a.organisatie_id"
        )
    };
}
const REGEL: &str = regel!();

/// The filter of the audit pages on `$2`..`$5`, and the ids `$6` <= id < `$7`.
macro_rules! filter {
    () => {
        "($2 = '' OR a.code LIKE $2 || '%')
           AND ($3 = '' OR a.actor LIKE '%' || $3 || '%')
           AND ($4 = '' OR a.tijd >= $4)
           AND ($5 = '' OR a.tijd < $5 || 'T23:59:60')
           AND a.id >= $6 AND a.id < $7"
    };
}

/// One page of the rows in the scope that match the filter, newest first.
pub async fn zoek(
    db: &crate::db::Db,
    organisatie: Option<OrganisatieId>,
    f: &AuditFilter,
) -> sqlx::Result<Vec<AuditRegel>> {
    let offset = i64::from(f.pagina.unwrap_or(1).max(1) - 1) * i64::from(PER_PAGINA);
    zoek_partij(
        db,
        organisatie,
        f,
        None,
        i64::from(PER_PAGINA),
        offset,
        Lezen::Pagina,
    )
    .await
}

/// What rows of the log are read for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lezen {
    /// To show on a page: without the two hashes, which no page shows (`vorige_hash` and `hash`
    /// of each [`AuditRegel`] are empty). A fifth less to read and convert per row.
    Pagina,
    /// Every column, hashes included (the CSV export).
    Export,
}

/// Rows matching the filter, newest first, within the scope the caller was granted
/// (`auth::permissions::AuditInzage`): all of them (`organisatie` `None`, the beheerder) or
/// the privacy officer's part: what the organisation's own users did, and everything done to
/// moments the organisation took part in (at any time); only rows with an id below
/// `voor_id` when given (the CSV export reads the log in batches this way).
///
/// Both are read backwards along a key and stop at the page's last row: the beheerder's along
/// the log's own, the privacy officer's along `audit_zicht (organisatie_id, audit_id)`, the
/// organisation's part written down by triggers (migration 0047). A filter is tested on each
/// row of the scope on the way, so a filter that matches rarely reads the scope, never more.
pub async fn zoek_partij(
    db: &crate::db::Db,
    organisatie: Option<OrganisatieId>,
    f: &AuditFilter,
    voor_id: Option<i64>,
    limiet: i64,
    offset: i64,
    lezen: Lezen,
) -> sqlx::Result<Vec<AuditRegel>> {
    let postgres = crate::db::soort(db) == crate::db::Soort::Postgres;
    macro_rules! sql {
        ($hashes:literal) => {
            match (organisatie, postgres) {
                (None, _) => concat!(
                    regel!($hashes),
                    " WHERE $1 IS NULL AND ",
                    filter!(),
                    " ORDER BY a.id DESC LIMIT $8 OFFSET $9"
                ),
                // SQLite keeps the order of a CROSS JOIN: the organisation's key first, then
                // each row.
                (Some(_), false) => concat!(
                    kolommen!("o.naam", $hashes),
                    " FROM audit_zicht z CROSS JOIN audit_log a
                     LEFT JOIN organisatie o ON o.id = a.organisatie_id
                     WHERE z.organisatie_id = $1 AND z.audit_id >= $6 AND z.audit_id < $7
                       AND a.id = z.audit_id AND ",
                    filter!(),
                    " ORDER BY z.audit_id DESC LIMIT $8 OFFSET $9"
                ),
                // PostgreSQL: the part row by row, a nested loop that stops at the page's last
                // row. Left to itself the planner preferred a merge join that walks the whole
                // log backwards alongside the part: quick only while the part is dense among
                // the newest rows, up to the whole log for an organisation whose rows are few
                // or old. `OFFSET 0` keeps the lateral subquery from being merged into a join
                // it could plan that way, and the organisation's name is looked up per row
                // shown rather than joined (a hash join would lose the order). The plan is
                // the same for any values, so it needs no settings and no transaction, and a
                // generic plan spares planning each view.
                (Some(_), true) => concat!(
                    kolommen!(
                        "(SELECT o.naam FROM organisatie o WHERE o.id = a.organisatie_id)",
                        $hashes
                    ),
                    " FROM audit_zicht z CROSS JOIN LATERAL (
                         SELECT * FROM audit_log a WHERE a.id = z.audit_id AND ",
                    filter!(),
                    " OFFSET 0) a
                     WHERE z.organisatie_id = $1 AND z.audit_id >= $6 AND z.audit_id < $7
                     ORDER BY z.audit_id DESC LIMIT $8 OFFSET $9"
                ),
            }
        };
    }
    let sql = match lezen {
        Lezen::Pagina => sql!("'' AS vorige_hash, '' AS hash"),
        Lezen::Export => sql!("a.vorige_hash, a.hash"),
    };
    let tot = voor_id.unwrap_or(i64::MAX);
    let query = met_filter(sql, organisatie, f, (i64::MIN, tot), limiet).bind(offset);
    if organisatie.is_some() || !postgres {
        return query.fetch_all(db).await;
    }
    // The beheerder's rows on PostgreSQL, in a transaction of their own for these settings:
    // - a plan for the values at hand: after five runs of a prepared statement PostgreSQL may
    //   keep a generic plan, which for these id ranges was a bitmap scan of the whole range,
    //   sorted (0.2-0.8 s), instead of a walk that stops at the page's last row;
    // - no JIT or parallel workers for a bounded walk that needs neither.
    let mut tx = db.begin().await?;
    sqlx::Executor::execute(
        &mut *tx,
        "SET LOCAL plan_cache_mode = force_custom_plan; SET LOCAL jit = off;
         SET LOCAL max_parallel_workers_per_gather = 0",
    )
    .await?;
    let rijen = query.fetch_all(&mut *tx).await?;
    tx.commit().await?;
    Ok(rijen)
}

type RegelQuery<'q> = sqlx::query::QueryAs<'q, sqlx::Any, AuditRegel, sqlx::any::AnyArguments<'q>>;

/// Binds `$1`..`$8` of a query with [`FILTER`]: the organisation, the filter, the id range
/// and the limit.
fn met_filter<'q>(
    sql: &'q str,
    organisatie: Option<OrganisatieId>,
    f: &'q AuditFilter,
    ids: (i64, i64),
    limiet: i64,
) -> RegelQuery<'q> {
    sqlx::query_as(sql)
        .bind(organisatie)
        .bind(f.code.trim())
        .bind(f.actor.trim())
        .bind(f.van.trim())
        .bind(f.tot.trim())
        .bind(ids.0)
        .bind(ids.1)
        .bind(limiet)
}

/// Checks the whole chain with the process-wide key (not the head file); returns the id of
/// the first broken row, if any. See [`super::service::keten_controleren`] for the details.
pub async fn verifieer(db: &crate::db::Db) -> sqlx::Result<Option<i64>> {
    let sleutel = super::service::sleutel();
    Ok(super::service::keten_controleren(db, sleutel.bytes())
        .await?
        .err()
        .map(|b| b.id.unwrap_or_default()))
}

/// The rows per part of the audit log's data-subject index (`audit_log_betrokkene`, migration
/// 0048), which is ordered by `id / BETROKKENE_VAK` first so new rows go to its newest part.
const BETROKKENE_VAK: i64 = 16384;

/// Every entry about the cases of one data subject (by pseudonym) or one case, limited to the
/// moments the organisation took part in and to those cases: who read or changed what, when,
/// and why. Oldest first, as an answer to an access request reads.
pub async fn inzage_betrokkene(
    db: &crate::db::Db,
    organisatie: Option<OrganisatieId>,
    pseudoniem: Option<&str>,
    casus: Option<crate::gedeeld::CasusId>,
) -> sqlx::Result<Vec<AuditRegel>> {
    sqlx::query_as(&format!(
        // Three index lookups joined by UNION (`audit_log_object`, `audit_log_betrokkene`), not
        // an OR over the whole log: at 143,000 audit rows the OR read them all (105 ms for a
        // person with no rows), growing with the log.
        "{REGEL}
         WHERE a.id IN (
             SELECT x.id FROM audit_log x WHERE x.object_type = 'moment' AND x.object_id IN (
                 SELECT CAST(m.id AS TEXT) FROM moment m JOIN casus c ON c.id = m.casus_id
                 WHERE (c.pseudoniem = $2 OR c.id = $3)
                   AND EXISTS (SELECT 1 FROM moment_deelnemer d
                               WHERE d.moment_id = m.id AND d.organisatie_id = $1))
             UNION
             SELECT x.id FROM audit_log x WHERE x.object_type = 'casus' AND x.object_id IN (
                 SELECT CAST(c.id AS TEXT) FROM casus c
                 WHERE (c.pseudoniem = $2 OR c.id = $3)
                   AND EXISTS (SELECT 1 FROM moment m JOIN moment_deelnemer d ON d.moment_id = m.id
                               WHERE m.casus_id = c.id AND d.organisatie_id = $1))
             -- Also after retention erased the pseudonym from the case: the audit rows keep
             -- it (NEN 7513), limited to the organisation's moments and its own users.
             -- One lookup per part of `audit_log_betrokkene` (migration 0048).
             UNION
             SELECT x.id FROM audit_log x
             WHERE x.id / {BETROKKENE_VAK} IN (
                       WITH RECURSIVE vak(n) AS (
                           SELECT CAST(0 AS BIGINT) UNION ALL SELECT n + 1 FROM vak
                           WHERE n < (SELECT max(id) FROM audit_log) / {BETROKKENE_VAK})
                       SELECT n FROM vak)
                 AND x.betrokkene <> '' AND x.betrokkene = $2
                 AND (x.organisatie_id = $1
                      OR EXISTS (SELECT 1 FROM moment_deelnemer d
                                 WHERE d.organisatie_id = $1 AND d.moment_id = CAST(
                                     CASE WHEN x.object_type = 'moment' THEN x.object_id END
                                     AS BIGINT)))
         )
         ORDER BY a.id LIMIT 5000"
    ))
    .bind(organisatie)
    .bind(pseudoniem)
    .bind(casus)
    .fetch_all(db)
    .await
}

/// The name of an organisation (for the access-request answer).
pub async fn organisatie_naam(
    db: &crate::db::Db,
    id: OrganisatieId,
) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar("SELECT naam FROM organisatie WHERE id = $1")
        .bind(id)
        .fetch_optional(db)
        .await
}
