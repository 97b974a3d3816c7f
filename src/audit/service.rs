//! Use cases of the audit chain: the process-wide key, checking the chain (streaming, in
//! batches by id), the head file, and the checks of `serve` at start-up.
//!
//! Transition from the old chain (decision): rows written before migration 0008 keep chain
//! version 1 and are verified with the old scheme (plain SHA-256, which leaves out `id`,
//! `gebruiker_id` and `organisatie_id`). The first keyed row links to the last old row and its
//! HMAC also covers a keyed digest of every column of all old rows, so once it is written the
//! old rows are anchored under the key too. Before that moment the old rows are only as safe
//! as the old scheme was. Re-hashing the old rows instead would have meant rewriting an
//! append-only table, and trusting whatever it contained at that moment all the same.

use super::kop::{self, Kop};
use super::model::{
    Actor, Anker, AuditEvent, Breuk, BreukSoort, Controle, VERSIE_SLEUTEL, hash_met_sleutel,
};
use super::repo;
use crate::config::{DEMO_AUDIT_SLEUTEL, Sleutel};
use crate::db::Conn;
use crate::db::Db;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

static SLEUTEL: OnceLock<Sleutel> = OnceLock::new();

tokio::task_local! {
    /// A key for one task, over the process-wide one ([`met_sleutel`]).
    static TAAK_SLEUTEL: Sleutel;
}

/// Sets the process-wide audit key, once, at start-up (from the configuration), before
/// anything is written. Returns false if a different key had been set already.
pub fn sleutel_instellen(sleutel: &Sleutel) -> bool {
    SLEUTEL.get_or_init(|| sleutel.clone()).bytes() == sleutel.bytes()
}

/// The key `audit::schrijf` uses: the one of the running [`met_sleutel`] task, else the one set
/// at start-up or, when none was set (tests, benchmarks, library use), the published demo key.
pub fn sleutel() -> Sleutel {
    TAAK_SLEUTEL.try_with(Sleutel::clone).unwrap_or_else(|_| {
        SLEUTEL
            .get()
            .cloned()
            .unwrap_or_else(|| Sleutel::new(DEMO_AUDIT_SLEUTEL.as_bytes()))
    })
}

/// Runs `werk` with `sleutel` as the audit key of everything it writes in its own task, whatever
/// the process-wide key: for a process that signs databases with different keys side by side
/// (the integration tests, which share one process).
pub async fn met_sleutel<T>(sleutel: Sleutel, werk: impl Future<Output = T>) -> T {
    TAAK_SLEUTEL.scope(sleutel, werk).await
}

/// Feeds all rows after id `na` to the check, a batch at a time.
async fn doorlopen(
    conn: &mut Conn,
    controle: &mut Controle,
    mut na: i64,
) -> sqlx::Result<Result<(), Breuk>> {
    loop {
        let partij = repo::regels_na(conn, na, repo::PARTIJ).await?;
        let Some(laatste) = partij.last() else {
            return Ok(Ok(()));
        };
        na = laatste.id;
        for r in &partij {
            if let Err(b) = controle.volgende(r) {
                return Ok(Err(b));
            }
        }
    }
}

/// Checks the whole chain from the first row (not the head file). On success the check
/// holds the number of rows and the last link.
pub async fn keten_controleren(db: &Db, sleutel: &[u8]) -> sqlx::Result<Result<Controle, Breuk>> {
    let mut conn = db.acquire().await?;
    let (mut controle, start) = match begin_van_keten(&mut conn, sleutel).await? {
        Ok(b) => b,
        Err(breuk) => return Ok(Err(breuk)),
    };
    Ok(doorlopen(&mut conn, &mut controle, start)
        .await?
        .map(|()| controle))
}

/// Where checking starts: the first row, or after the latest retention anchor (whose
/// signature is checked first).
async fn begin_van_keten(
    conn: &mut Conn,
    sleutel: &[u8],
) -> sqlx::Result<Result<(Controle, i64), Breuk>> {
    let laatste_oude_id = repo::laatste_oude_id(conn).await?;
    Ok(match repo::laatste_anker(conn).await? {
        None => Ok((Controle::nieuw(sleutel, laatste_oude_id), 0)),
        Some(a) if a.is_geldig(sleutel) => {
            Ok((Controle::na_anker(sleutel, laatste_oude_id, &a), a.tot_id))
        }
        Some(a) => Err(Breuk {
            id: Some(a.tot_id),
            soort: BreukSoort::AnkerOngeldig { tot_id: a.tot_id },
        }),
    })
}

/// Whether the head file's row was removed by retention (covered by a valid anchor): then it
/// is not missing, and the check goes on from the anchor. When the anchor names exactly that
/// row, its hash must match.
async fn kop_door_anker_gedekt(
    conn: &mut Conn,
    sleutel: &[u8],
    kop_id: i64,
    kop_hash: &str,
) -> sqlx::Result<Option<bool>> {
    Ok(match repo::laatste_anker(conn).await? {
        Some(a) if a.is_geldig(sleutel) && kop_id <= a.tot_id => {
            Some(kop_id < a.tot_id || a.tot_hash == kop_hash)
        }
        _ => None,
    })
}

/// The outcome of `voorop audit verify`: the chain and the head file.
#[derive(Debug)]
pub struct Rapport {
    /// Rows checked (all of them when the chain is intact).
    pub aantal: u64,
    /// The head file, when it was read and valid.
    pub kop: Option<Kop>,
    /// The first break, in the chain or against the head file.
    pub breuk: Option<Breuk>,
}

/// Checks the chain and compares its end with the head file at `kop_pad`.
///
/// The head file is read before the chain: it only ever names committed rows, so every row it
/// names must be there when the chain is read afterwards, also while `serve` keeps writing.
pub async fn controleren(db: &Db, sleutel: &[u8], kop_pad: &Path) -> sqlx::Result<Rapport> {
    Ok(controleren_met_stand(db, sleutel, kop_pad).await?.0)
}

/// [`controleren`], also giving the state of the chain check at its end when the chain is
/// intact (to continue from, see [`controleren_voor_pagina`]).
async fn controleren_met_stand(
    db: &Db,
    sleutel: &[u8],
    kop_pad: &Path,
) -> sqlx::Result<(Rapport, Option<Controle>)> {
    let kop = kop::lees_bestand(kop_pad, sleutel);
    let controle = match keten_controleren(db, sleutel).await? {
        Ok(c) => c,
        Err(b) => {
            let rapport = Rapport {
                aantal: 0,
                kop: kop.ok().flatten(),
                breuk: Some(b),
            };
            return Ok((rapport, None));
        }
    };
    let aantal = controle.aantal();
    let laatste = controle.laatste().cloned();
    let breuk = |id, soort| Some(Breuk { id, soort });
    let (kop, breuk) = match kop {
        Err(reden) => (None, breuk(None, BreukSoort::KopOngeldig(reden))),
        Ok(None) if laatste.is_none() => (None, None),
        // Also when all rows are old-scheme: otherwise rewriting the whole log with the old,
        // keyless scheme and deleting the head file would pass.
        Ok(None) => (
            None,
            breuk(
                None,
                BreukSoort::KopOntbreekt(kop_pad.display().to_string()),
            ),
        ),
        Ok(Some(k)) => {
            let eind = laatste.as_ref().map_or(0, |l| l.id);
            let b = if k.laatste.id > eind {
                breuk(
                    Some(eind + 1),
                    BreukSoort::Afgekapt {
                        kop_id: k.laatste.id,
                        kop_aantal: k.aantal,
                    },
                )
            } else {
                let mut conn = db.acquire().await?;
                match repo::regel(&mut conn, k.laatste.id).await? {
                    Some(r) if r.hash == k.laatste.hash => None,
                    None if kop_door_anker_gedekt(
                        &mut conn,
                        sleutel,
                        k.laatste.id,
                        &k.laatste.hash,
                    )
                    .await?
                        == Some(true) =>
                    {
                        None
                    }
                    _ => breuk(Some(k.laatste.id), BreukSoort::AnderDanKop),
                }
            };
            (Some(k), b)
        }
    };
    let stand = breuk.is_none().then_some(controle);
    Ok((Rapport { aantal, kop, breuk }, stand))
}

/// How long the audit page trusts its last full check of the chain.
pub const PAGINA_VOLLEDIG_NA: std::time::Duration = std::time::Duration::from_secs(60 * 60);

/// The audit page's check of the chain, with when the whole chain was last checked.
#[derive(Debug)]
pub struct Paginacontrole {
    pub breuk: Option<Breuk>,
    pub aantal: u64,
    /// Minutes since the whole chain was last checked (0: by this view).
    pub volledig_minuten_geleden: u64,
}

/// The state after the page's last check: the chain check to continue, the last row it
/// covered, and when the whole chain was last checked.
struct Paginastand {
    controle: Controle,
    tot_id: i64,
    volledig: std::time::Instant,
}

/// The audit page's state between views, one per application (database).
#[derive(Clone, Default)]
pub struct Paginacontroles(std::sync::Arc<tokio::sync::Mutex<Option<Paginastand>>>);

/// Checks the chain for the audit page without reading every row on every view: at national
/// scale that is millions of rows and tens of seconds. A view checks only the rows written
/// since the previous view, continuing its verified state; the whole chain (with the head file)
/// is checked again when the last full check is older than [`PAGINA_VOLLEDIG_NA`] or found a
/// break. `serve` checks everything at start-up and `voorop audit verify` always does.
pub async fn controleren_voor_pagina(
    db: &Db,
    sleutel: &[u8],
    kop_pad: &Path,
    vorige: &Paginacontroles,
) -> sqlx::Result<Paginacontrole> {
    let mut stand = vorige.0.lock().await;
    if let Some(s) = stand.as_mut()
        && s.volledig.elapsed() < PAGINA_VOLLEDIG_NA
    {
        let mut conn = db.acquire().await?;
        let uitkomst = doorlopen(&mut conn, &mut s.controle, s.tot_id).await?;
        let controle = Paginacontrole {
            breuk: uitkomst.err(),
            aantal: s.controle.aantal(),
            volledig_minuten_geleden: s.volledig.elapsed().as_secs() / 60,
        };
        match (&controle.breuk, s.controle.laatste()) {
            (None, Some(l)) => s.tot_id = l.id,
            (None, None) => {}
            (Some(_), _) => *stand = None,
        }
        return Ok(controle);
    }
    let (rapport, controle) = controleren_met_stand(db, sleutel, kop_pad).await?;
    *stand = controle.map(|controle| Paginastand {
        tot_id: controle.laatste().map_or(0, |l| l.id),
        controle,
        volledig: std::time::Instant::now(),
    });
    Ok(Paginacontrole {
        breuk: rapport.breuk,
        aantal: rapport.aantal,
        volledig_minuten_geleden: 0,
    })
}

/// What [`kop_bijwerken`] did.
#[derive(Debug, PartialEq, Eq)]
pub enum KopBijgewerkt {
    /// The head file already names the last row (or the log is empty).
    Ongewijzigd,
    /// There was no head file; it now names the last row.
    Aangemaakt(Kop),
    Bijgewerkt(Kop),
}

/// Moves the head file forward to the last row of the log, after checking the rows since the
/// current head (all rows when there is no head file yet, or it lies in the old part). Refuses
/// (with a Dutch message, leaving the file as evidence) when the head file is invalid, when its
/// row is gone or has another hash, or when the rows after it break the chain.
pub async fn kop_bijwerken(db: &Db, sleutel: &[u8], pad: &Path) -> Result<KopBijgewerkt, String> {
    let niet = "Het kopbestand wordt niet bijgewerkt.";
    let oud = kop::lees_bestand(pad, sleutel)
        .map_err(|r| format!("Het kopbestand {} is ongeldig: {r} {niet}", pad.display()))?;
    let db_fout = |e: sqlx::Error| format!("Het auditlog kan niet worden gelezen: {e}");
    let mut conn = db.acquire().await.map_err(db_fout)?;
    let laatste_oude_id = repo::laatste_oude_id(&mut conn).await.map_err(db_fout)?;
    // The head file's row was removed by audit retention: go on from the anchor.
    let mut na_anker = false;
    if let Some(k) = &oud {
        match repo::regel(&mut conn, k.laatste.id)
            .await
            .map_err(db_fout)?
        {
            Some(r) if r.hash == k.laatste.hash => {}
            None if kop_door_anker_gedekt(&mut conn, sleutel, k.laatste.id, &k.laatste.hash)
                .await
                .map_err(db_fout)?
                == Some(true) =>
            {
                na_anker = true;
            }
            Some(_) => {
                let b = Breuk {
                    id: Some(k.laatste.id),
                    soort: BreukSoort::AnderDanKop,
                };
                return Err(format!("Auditlog verbroken: {b} {niet}"));
            }
            None => {
                return Err(format!(
                    "Auditlog verbroken: het kopbestand noemt regel {} maar die staat niet (meer) \
                     in de database; de laatste regels zijn verwijderd. {niet}",
                    k.laatste.id
                ));
            }
        }
    }
    let mut controle = match &oud {
        Some(k) if !na_anker && k.laatste.versie >= VERSIE_SLEUTEL => {
            Controle::vanaf(sleutel, laatste_oude_id, k.laatste.clone(), k.aantal)
        }
        _ => match begin_van_keten(&mut conn, sleutel).await.map_err(db_fout)? {
            Ok((c, _)) => c,
            Err(b) => return Err(format!("Auditlog verbroken: {b} {niet}")),
        },
    };
    let start = controle.laatste().map_or(0, |s| s.id);
    if let Err(b) = doorlopen(&mut conn, &mut controle, start)
        .await
        .map_err(db_fout)?
    {
        return Err(format!("Auditlog verbroken: {b} {niet}"));
    }
    let Some(laatste) = controle.laatste() else {
        return Ok(KopBijgewerkt::Ongewijzigd);
    };
    if oud.as_ref().is_some_and(|k| k.laatste == *laatste) {
        return Ok(KopBijgewerkt::Ongewijzigd);
    }
    let nieuw = Kop {
        aantal: controle.aantal(),
        laatste: laatste.clone(),
        tijd: crate::db::nu(),
    };
    kop::schrijf_bestand(pad, &nieuw, sleutel)
        .map_err(|e| format!("Kan het kopbestand {} niet schrijven: {e}", pad.display()))?;
    Ok(if oud.is_some() {
        KopBijgewerkt::Bijgewerkt(nieuw)
    } else {
        KopBijgewerkt::Aangemaakt(nieuw)
    })
}

/// Updates the head file and logs what happened; a refusal is logged once until it changes.
async fn kop_bijwerken_en_melden(
    db: &Db,
    sleutel: &[u8],
    pad: &Path,
    vorige_fout: &mut Option<String>,
) {
    match kop_bijwerken(db, sleutel, pad).await {
        Ok(uitkomst) => {
            *vorige_fout = None;
            if let KopBijgewerkt::Aangemaakt(k) = uitkomst {
                tracing::warn!(
                    pad = %pad.display(),
                    regels = k.aantal,
                    "Het kopbestand van het auditlog ontbrak en is aangemaakt; afkappen van \
                     het auditlog vóór dit moment is niet uit te sluiten."
                );
            }
        }
        Err(fout) => {
            if vorige_fout.as_deref() != Some(fout.as_str()) {
                tracing::error!("{fout}");
            }
            *vorige_fout = Some(fout);
        }
    }
}

/// The check of `serve` at start-up: the whole chain and the head file, logged (info with the
/// number of rows when intact, error otherwise), then the head file brought up to date.
///
/// A broken chain does not stop the server (decision): Voorop supports urgent safety work, and
/// refusing to start would stop that work while adding no protection; the evidence stays
/// (the head file is not moved past a truncation or a break after it, and `voorop audit
/// verify` and the beheer page keep reporting the first break). Returns the report.
pub async fn bij_start(db: &Db, sleutel: &[u8], pad: &Path) -> sqlx::Result<Rapport> {
    let rapport = controleren(db, sleutel, pad).await?;
    match &rapport.breuk {
        None => tracing::info!(
            regels = rapport.aantal,
            "Auditlog gecontroleerd: de hashketen van {} regels is intact.",
            rapport.aantal
        ),
        // Normal at the first start after the upgrade, or of a new database: made below.
        Some(
            b @ Breuk {
                soort: BreukSoort::KopOntbreekt(_),
                ..
            },
        ) => tracing::warn!(
            regels = rapport.aantal,
            "Auditlog: de hashketen van {} regels is intact, maar {b}",
            rapport.aantal
        ),
        Some(b) => tracing::error!(
            "AUDITLOG VERBROKEN: {b} Onderzoek dit (voorop audit verify); de server start wel."
        ),
    }
    kop_bijwerken_en_melden(db, sleutel, pad, &mut None).await;
    Ok(rapport)
}

/// For `serve`: first the start-up check ([`bij_start`]), then keeps the head file up to date
/// while the server runs: every second it checks the rows written since the head and moves the
/// head forward (see `audit::kop` for the guarantee). The start-up check runs in this
/// background task, so a log of millions of rows does not delay serving; its outcome is in
/// the log either way.
pub fn kop_bijhouden(db: Db, sleutel: Sleutel, pad: PathBuf) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        if let Err(e) = bij_start(&db, sleutel.bytes(), &pad).await {
            tracing::error!("Het auditlog kan bij het starten niet worden gecontroleerd: {e}");
        }
        let mut vorige_fout = None;
        let mut tik = tokio::time::interval(std::time::Duration::from_secs(1));
        tik.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
        loop {
            tik.tick().await;
            kop_bijwerken_en_melden(&db, sleutel.bytes(), &pad, &mut vorige_fout).await;
        }
    })
}

/// Once more, at shutdown.
pub async fn kop_bij_afsluiten(db: &Db, sleutel: &[u8], pad: &Path) {
    kop_bijwerken_en_melden(db, sleutel, pad, &mut None).await;
}

/// Whether the last row of the log was written with this key, as far as can be told cheaply
/// (`true` when the log is empty, or its last row is old-scheme or the first keyed one). Used
/// to refuse commands that would otherwise write with the demo key into a log kept with a
/// real key.
pub async fn sleutel_past(db: &Db, sleutel: &[u8]) -> sqlx::Result<bool> {
    let mut conn = db.acquire().await?;
    let rijen = repo::laatste(&mut conn, 2).await?;
    Ok(match rijen.as_slice() {
        [r, rest @ ..]
            if r.keten_versie >= VERSIE_SLEUTEL
                && rest.iter().all(|v| v.keten_versie >= VERSIE_SLEUTEL) =>
        {
            hash_met_sleutel(sleutel, r, None) == r.hash
        }
        _ => true,
    })
}

// ---------------------------------------------------------------------------------------------
// Refused attempts (NEN 7513: "ook geweigerde pogingen").
// ---------------------------------------------------------------------------------------------

/// A refused attempt on personal data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weigering {
    /// On a moment's personal data (read or change); the row carries the case's pseudonym.
    Moment {
        moment: crate::gedeeld::MomentId,
        wat: &'static str,
    },
    /// On another page with personal data (audit log, inzage, case pages).
    Pagina {
        pagina: &'static str,
        wat: &'static str,
    },
}

impl Weigering {
    fn event(self) -> AuditEvent {
        match self {
            Weigering::Moment { moment, wat } => {
                AuditEvent::PersoonsgegevensGeweigerd { moment, wat }
            }
            Weigering::Pagina { pagina, wat } => AuditEvent::ToegangGeweigerd { pagina, wat },
        }
    }
}

/// The flood guard (decision): at most one refused row per user and object (moment or page)
/// per this many seconds. A user who hammers a refused page leaves one row a minute, which
/// still shows the attempt, its start and its duration, while the log cannot be flooded. The
/// check is a query on the log itself (a partial index), so it holds across restarts and
/// processes. Refusals the casus rules write themselves (`casus.wijziging_geweigerd`) count
/// too, so a refused change is not logged twice.
pub const WEIGERING_VENSTER_SECONDEN: i64 = 60;

/// `nu` minus `seconden`, in the log's time format.
fn eerder(seconden: i64) -> String {
    let t = time::OffsetDateTime::now_utc() - time::Duration::seconds(seconden);
    t.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
        .chars()
        .take(19)
        .collect::<String>()
        + "Z"
}

/// Writes a refused attempt with outcome `geweigerd` in the caller's transaction (which must
/// write nothing else), unless the flood guard holds it back. Returns whether a row was written.
pub async fn weigering_vastleggen(
    conn: &mut Conn,
    actor: &Actor,
    weigering: Weigering,
) -> sqlx::Result<bool> {
    let event = weigering.event();
    let (_, object_type, object_id, _) = event.parts();
    if let Some(g) = actor.gebruiker_id {
        let sinds = eerder(WEIGERING_VENSTER_SECONDEN);
        if repo::recent_geweigerd(conn, g, object_type, &object_id, &sinds).await? {
            return Ok(false);
        }
    }
    repo::schrijf(conn, actor, event).await?;
    Ok(true)
}

/// [`weigering_vastleggen`] in its own transaction.
pub async fn geweigerd(db: &Db, actor: &Actor, weigering: Weigering) -> sqlx::Result<bool> {
    let mut tx = crate::db::begin(db).await?;
    let geschreven = weigering_vastleggen(&mut tx, actor, weigering).await?;
    tx.commit().await?;
    Ok(geschreven)
}

/// The refusal behind a 403 on a path with personal data, if it is one: a moment (or an
/// afspraak of one), the case pages, the audit log and the privacy officer's pages. Other
/// 403s (Zelfscan, Werkset, beheer of accounts) hold no personal data and are not logged here.
pub async fn weigering_voor_pad(
    db: &Db,
    pad: &str,
    lezen: bool,
) -> sqlx::Result<Option<Weigering>> {
    let wat = if lezen { "bekijken" } else { "wijzigen" };
    let delen: Vec<&str> = pad.trim_matches('/').split('/').collect();
    Ok(match delen.as_slice() {
        ["casussen", "moment", id, ..] | ["momenten", id, ..] => id
            .parse()
            .ok()
            .map(|moment| Weigering::Moment { moment, wat }),
        ["casussen", "afspraak", id, ..] => match id.parse::<crate::gedeeld::AfspraakId>() {
            Ok(a) => {
                let mut conn = db.acquire().await?;
                repo::moment_van_afspraak(&mut conn, a)
                    .await?
                    .map(|moment| Weigering::Moment { moment, wat })
            }
            Err(_) => None,
        },
        ["casussen", ..] => Some(Weigering::Pagina {
            pagina: "casussen",
            wat,
        }),
        ["actieoverleg", ..] => Some(Weigering::Pagina {
            pagina: "actieoverleg",
            wat,
        }),
        ["privacy", "inzage" | "inzage.pdf", ..] => Some(Weigering::Pagina {
            pagina: "privacy.inzage",
            wat,
        }),
        ["privacy", ..] => Some(Weigering::Pagina {
            pagina: "privacy.logboek",
            wat,
        }),
        ["beheer", "audit" | "audit.csv", ..] => Some(Weigering::Pagina {
            pagina: "beheer.audit",
            wat,
        }),
        _ => None,
    })
}

// ---------------------------------------------------------------------------------------------
// Audit retention.
// ---------------------------------------------------------------------------------------------

/// Rows removed per transaction (a large backlog is removed in several, each with its anchor
/// and audit row, so the write lock is never held for long).
pub const OPSCHONEN_PARTIJ: i64 = 10_000;

/// What [`opschonen`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Opschoning {
    /// Rows older than this (UTC) were removed.
    pub grens: String,
    pub verwijderd: u64,
    /// The last removed row (the latest anchor).
    pub tot_id: Option<i64>,
}

/// Removes audit rows older than `jaren` years (NEN 7513: default 5) from the start of the log.
///
/// Design: the log stays a verifiable chain. In one transaction per batch, an anchor is
/// written to `audit_afkapping` (id, hash and chain version of the last removed row, signed
/// with the audit key), the rows up to it are deleted (the delete trigger of migration 0012
/// allows exactly the rows an anchor covers, nothing else), and an `audit.opgeschoond` row is
/// appended. Verification starts from the latest anchor: the first remaining row must link to
/// its hash. Only a prefix is removed (rows before the first row inside the term); the rows of
/// the old keyless scheme go only together with the first keyed row, whose hash covers them.
pub async fn opschonen(db: &Db, actor: &Actor, jaren: u32, nu: &str) -> sqlx::Result<Opschoning> {
    let sleutel = sleutel();
    let grens = crate::db::maanden_terug(nu, jaren.saturating_mul(12));
    let mut uitkomst = Opschoning {
        grens: grens.clone(),
        ..Default::default()
    };
    // Never the rows this run writes itself (the removal's own audit rows).
    let eind = {
        let mut conn = db.acquire().await?;
        repo::hoogste_id(&mut conn).await?.unwrap_or(0)
    };
    loop {
        let mut tx = crate::db::begin(db).await?;
        let na = repo::laatste_anker(&mut tx).await?.map_or(0, |a| a.tot_id);
        let tot = match repo::eerste_vanaf(&mut tx, na, &grens).await? {
            Some(id) => id - 1,
            None => repo::hoogste_id(&mut tx).await?.unwrap_or(na),
        };
        let mut tot = tot.min(na + OPSCHONEN_PARTIJ).min(eind);
        let laatste_oude = repo::laatste_oude_id(&mut tx).await?;
        if laatste_oude > na && tot <= laatste_oude {
            // Old rows stay until the first keyed row (which anchors them) may go too.
            tot = na;
        }
        if tot <= na {
            break;
        }
        let Some(r) = repo::regel(&mut tx, tot).await? else {
            break;
        };
        let mut anker = Anker {
            tijd: nu.to_string(),
            grens: grens.clone(),
            tot_id: tot,
            tot_hash: r.hash,
            tot_versie: r.keten_versie,
            aantal: tot - na,
            handtekening: String::new(),
        };
        anker.handtekening = anker.bereken_handtekening(sleutel.bytes());
        let verwijderd = repo::afkappen(&mut tx, &anker).await?;
        repo::schrijf(
            &mut tx,
            actor,
            AuditEvent::AuditlogOpgeschoond {
                tot_id: tot,
                aantal: verwijderd,
                jaren,
            },
        )
        .await?;
        tx.commit().await?;
        uitkomst.verwijderd += verwijderd;
        uitkomst.tot_id = Some(tot);
    }
    Ok(uitkomst)
}

/// Runs audit retention once a day, at one instance (started by `serve`; see `db::taak`).
pub fn dagelijks(db: Db, jaren: u32) {
    crate::db::taak::dagelijks(db, "audit_bewaartermijn", move |db| async move {
        let o = opschonen(&db, &Actor::systeem(), jaren, &crate::db::nu())
            .await
            .map_err(|e| e.to_string())?;
        if o.verwijderd > 0 {
            tracing::info!(
                regels = o.verwijderd,
                "bewaartermijn auditlog: regels van vóór {} verwijderd",
                o.grens
            );
        }
        Ok(())
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::{Actor, AuditEvent};

    const SLEUTEL: &[u8] = b"een-testsleutel-van-minstens-32-tekens-lang";

    async fn log(n: usize) -> (tempfile::TempDir, Db, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let pad = dir.path().join("a.db");
        let db = crate::db::open(&pad).await.unwrap();
        let mut tx = crate::db::begin(&db).await.unwrap();
        for i in 0..n {
            repo::schrijf_met(
                &mut tx,
                SLEUTEL,
                &Actor::cli(),
                AuditEvent::PlanGewijzigd {
                    plan: crate::gedeeld::PlanId(i as i64),
                },
            )
            .await
            .unwrap();
        }
        tx.commit().await.unwrap();
        (dir, db, pad.with_extension("auditkop"))
    }

    async fn sql(db: &Db, q: &str) {
        sqlx::query("DROP TRIGGER IF EXISTS audit_log_geen_update")
            .execute(db)
            .await
            .unwrap();
        sqlx::query("DROP TRIGGER IF EXISTS audit_log_geen_delete")
            .execute(db)
            .await
            .unwrap();
        sqlx::query(q).execute(db).await.unwrap();
    }

    #[tokio::test]
    async fn controle_leest_in_partijen_en_vindt_een_breuk_voorbij_de_eerste() {
        let n = 2 * repo::PARTIJ as usize + 50;
        let (_dir, db, _) = log(n).await;
        let c = keten_controleren(&db, SLEUTEL).await.unwrap().unwrap();
        assert_eq!(c.aantal(), n as u64);
        sql(
            &db,
            "UPDATE audit_log SET organisatie_id = 1 WHERE id = 2040",
        )
        .await;
        let b = keten_controleren(&db, SLEUTEL).await.unwrap().unwrap_err();
        assert_eq!((b.id, b.soort), (Some(2040), BreukSoort::Gewijzigd));
    }

    /// The audit page checks the whole chain once, then only the rows written after its last
    /// view: a forged new row is found at once; an edit of an already checked row waits for the
    /// next full check (which `controleren`, i.e. `voorop audit verify`, always does).
    #[tokio::test]
    async fn pagina_controleert_daarna_alleen_nieuwe_regels() {
        let (_dir, db, kop) = log(20).await;
        kop_bijwerken(&db, SLEUTEL, &kop).await.unwrap();
        let stand = Paginacontroles::default();
        let eerst = controleren_voor_pagina(&db, SLEUTEL, &kop, &stand)
            .await
            .unwrap();
        assert!(eerst.breuk.is_none(), "{:?}", eerst.breuk);
        assert_eq!((eerst.aantal, eerst.volledig_minuten_geleden), (20, 0));

        // New rows: checked by the next view, counted on.
        let mut tx = crate::db::begin(&db).await.unwrap();
        for plan in 0..3 {
            let e = AuditEvent::PlanGewijzigd {
                plan: crate::gedeeld::PlanId(plan),
            };
            repo::schrijf_met(&mut tx, SLEUTEL, &Actor::cli(), e)
                .await
                .unwrap();
        }
        tx.commit().await.unwrap();
        let daarna = controleren_voor_pagina(&db, SLEUTEL, &kop, &stand)
            .await
            .unwrap();
        assert!(daarna.breuk.is_none());
        assert_eq!(daarna.aantal, 23);

        // An edit of a checked row: the view trusts its last full check, the full check finds it.
        sql(&db, "UPDATE audit_log SET details = 'x' WHERE id = 5").await;
        let vertrouwd = controleren_voor_pagina(&db, SLEUTEL, &kop, &stand)
            .await
            .unwrap();
        assert!(vertrouwd.breuk.is_none());
        let volledig = controleren(&db, SLEUTEL, &kop).await.unwrap();
        assert_eq!(volledig.breuk.and_then(|b| b.id), Some(5));

        // A forged new row is found by the next view, which then drops its state: the view
        // after it checks everything again and finds the edit as well.
        sql(
            &db,
            "INSERT INTO audit_log (tijd, actor, code, object_type, object_id, details, vorige_hash, hash, keten_versie)
             SELECT tijd, actor, code, object_type, object_id, details, hash, hash, keten_versie
             FROM audit_log WHERE id = 23",
        )
        .await;
        let vals = controleren_voor_pagina(&db, SLEUTEL, &kop, &stand)
            .await
            .unwrap();
        assert_eq!(vals.breuk.and_then(|b| b.id), Some(24));
        let opnieuw = controleren_voor_pagina(&db, SLEUTEL, &kop, &stand)
            .await
            .unwrap();
        assert_eq!(opnieuw.breuk.and_then(|b| b.id), Some(5));
        assert_eq!(opnieuw.volledig_minuten_geleden, 0);
    }

    #[tokio::test]
    async fn kopbestand_gaat_alleen_vooruit() {
        let (_dir, db, kop) = log(5).await;
        assert!(matches!(
            kop_bijwerken(&db, SLEUTEL, &kop).await,
            Ok(KopBijgewerkt::Aangemaakt(k)) if k.aantal == 5
        ));
        assert_eq!(
            kop_bijwerken(&db, SLEUTEL, &kop).await,
            Ok(KopBijgewerkt::Ongewijzigd)
        );
        let mut conn = db.acquire().await.unwrap();
        repo::schrijf_met(&mut conn, SLEUTEL, &Actor::cli(), AuditEvent::DemoGeladen)
            .await
            .unwrap();
        drop(conn);
        assert!(matches!(
            kop_bijwerken(&db, SLEUTEL, &kop).await,
            Ok(KopBijgewerkt::Bijgewerkt(k)) if k.laatste.id == 6
        ));
        // Truncation: the head file stays as evidence, and verify names the first missing row.
        sql(&db, "DELETE FROM audit_log WHERE id >= 5").await;
        let fout = kop_bijwerken(&db, SLEUTEL, &kop).await.unwrap_err();
        assert!(fout.contains("regel 6"), "{fout}");
        let r = controleren(&db, SLEUTEL, &kop).await.unwrap();
        assert_eq!(
            r.breuk.map(|b| (b.id, b.soort)),
            Some((
                Some(5),
                BreukSoort::Afgekapt {
                    kop_id: 6,
                    kop_aantal: 6
                }
            ))
        );
    }

    #[tokio::test]
    async fn weigeringen_naar_pad() {
        let (_dir, db, _) = log(0).await;
        let w = |pad: &'static str, lezen| {
            let db = db.clone();
            async move { weigering_voor_pad(&db, pad, lezen).await.unwrap() }
        };
        assert_eq!(
            w("/casussen/moment/12/stap", false).await,
            Some(Weigering::Moment {
                moment: crate::gedeeld::MomentId(12),
                wat: "wijzigen"
            })
        );
        assert_eq!(
            w("/momenten/7", true).await,
            Some(Weigering::Moment {
                moment: crate::gedeeld::MomentId(7),
                wat: "bekijken"
            })
        );
        assert_eq!(
            w("/privacy/inzage.pdf", false).await,
            Some(Weigering::Pagina {
                pagina: "privacy.inzage",
                wat: "wijzigen"
            })
        );
        assert_eq!(
            w("/beheer/audit.csv", true).await,
            Some(Weigering::Pagina {
                pagina: "beheer.audit",
                wat: "bekijken"
            })
        );
        // An afspraak that does not exist, and pages without personal data.
        assert_eq!(w("/casussen/afspraak/999/status", false).await, None);
        assert_eq!(w("/zelfscan/3", true).await, None);
        assert_eq!(w("/beheer/gebruikers", true).await, None);
    }

    #[tokio::test]
    async fn ids_lopen_door_en_de_sleutel_telt() {
        let (_dir, db, _) = log(3).await;
        let ids: Vec<i64> = sqlx::query_scalar("SELECT id FROM audit_log ORDER BY id")
            .fetch_all(&db)
            .await
            .unwrap();
        assert_eq!(ids, [1, 2, 3]);
        assert!(sleutel_past(&db, SLEUTEL).await.unwrap());
        assert!(
            !sleutel_past(&db, DEMO_AUDIT_SLEUTEL.as_bytes())
                .await
                .unwrap()
        );
        let b = keten_controleren(&db, DEMO_AUDIT_SLEUTEL.as_bytes())
            .await
            .unwrap()
            .unwrap_err();
        assert_eq!(b.id, Some(1));
    }
}
