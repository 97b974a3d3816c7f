//! `voorop casus import --formaat csv FILE`: bulk registration of afstemmingsmomenten, for
//! migrating existing registers. The format is documented in `docs/casus-import.md`.
//!
//! Two passes over the file, each streaming record by record (memory does not grow with the
//! file; only one entry per distinct `casus_ref` is kept during the check):
//!
//! 1. **Controle**: every row is read and validated; nothing is written. Any error (named by
//!    row as a spreadsheet shows it, header = row 1, and column) refuses the whole file, and
//!    nothing is stored. This is what an administrator expects of a migration: a file goes in
//!    whole or not at all when it is wrong.
//! 2. **Opslaan**: the rows are stored in batches (sized to the speed measured, at most
//!    `Instellingen::batch`), each in one short transaction with its progress record
//!    (`casus_import`) and one `casus.import` audit entry, with a pause between batches on
//!    SQLite so the server's writers get the write lock. One batch is stored while the next is
//!    read and checked.
//!    If storing stops half-way (a crash, a kill, a full disk), the committed batches stay and
//!    `casus_import` says which row was the last one committed; the same file can be resumed
//!    from there (`hervatten`). The same file is never imported twice.
//!
//! Messages never repeat what a cell holds: not what was typed in a personal-data column
//! (names, dates of birth, free text about people), and not in any other column either, since
//! a missing delimiter or a stray quote moves a name into any column. Control characters (NUL,
//! escape sequences, bidi overrides) are refused in every cell, naming row and column only.

mod controle;
mod documentatie;
mod lezen;
mod opslag;

pub use controle::*;
pub use documentatie::*;
pub use lezen::*;

use opslag::{Stand, batch_opslaan};

use super::model::{Soort, Status};
use super::{repo, service, velden};
use crate::audit::Actor;
use crate::auth::permissions;
use crate::config::Sleutel;
use crate::db::Db;
use crate::error::{AppError, AppResult, Veldfout};
use crate::organisatie::model::{REGIOS, RegioCode};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};
use std::io::{Read, Seek, SeekFrom};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The case-level columns; every other column is a field code of one or more kinds.
pub const BASISKOLOMMEN: [&str; 8] = [
    "soort",
    "regio",
    "organisatie",
    "tijdstip",
    "casus_ref",
    "persoon_naam",
    "persoon_geboortedatum",
    "status",
];

/// Columns every file must have.
pub const VERPLICHTE_KOLOMMEN: [&str; 4] = ["soort", "regio", "organisatie", "tijdstip"];

/// After this many errors validation stops (the user fixes these first).
pub const MAX_FOUTEN: usize = 50;

/// A record (row) longer than this is refused and reading stops: no field may hold more than
/// 5000 characters, so a longer row means a quote that is never closed, and the reader must
/// not swallow the rest of the file into memory.
pub const MAX_RIJ_BYTES: u64 = 2 * 1024 * 1024;

/// Default maximum of rows per stored batch.
pub const STANDAARD_BATCH: usize = 10_000;

/// The first batch (when the maximum allows): small, so the first measured speed comes soon.
const EERSTE_BATCH: usize = 2000;

/// How the import runs.
#[derive(Debug, Clone)]
pub struct Instellingen {
    /// At most this many rows per transaction.
    pub batch: usize,
    /// How long one batch may hold the write lock, about: each next batch is sized from the
    /// speed of the ones before (between 1 row and `batch`), so other writers never wait much
    /// longer than this, on a fast machine or a slow one.
    pub slot: Duration,
    /// Pause before each batch after the first, so writers waiting for the lock get it.
    /// SQLite's busy handler retries every 100 ms at most, so a pause of that length lets every
    /// waiting writer in. PostgreSQL needs none ([`Instellingen::voor`]): Voorop's writers queue for
    /// its advisory write lock (`db::begin`) and get it in turn, before the next batch.
    pub pauze: Duration,
    /// Continue an interrupted import of the same file after its last committed row.
    pub hervatten: bool,
    /// The audit head file of this process, brought up to date after each batch during the
    /// pause (when there is one): the check of the new audit rows, which the command does at
    /// its end anyway, then waits on nothing and is left only the last batch.
    pub audit_kop: Option<std::path::PathBuf>,
    /// How often progress is reported (besides the end of each pass).
    pub interval: Duration,
}

impl Default for Instellingen {
    /// For SQLite. A batch holds the lock about 0.75 s, and a writer that waits polls at least
    /// every 100 ms: it waits well under a second.
    fn default() -> Self {
        Self {
            batch: STANDAARD_BATCH,
            slot: Duration::from_millis(750),
            pauze: Duration::from_millis(100),
            hervatten: false,
            audit_kop: None,
            interval: Duration::from_secs(2),
        }
    }
}

impl Instellingen {
    /// The defaults for the database `db` runs on.
    pub fn voor(db: &Db) -> Self {
        match crate::db::soort(db) {
            crate::db::Soort::Sqlite => Self::default(),
            crate::db::Soort::Postgres => Self {
                pauze: Duration::ZERO,
                ..Self::default()
            },
        }
    }
}

/// Which pass a progress report is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fase {
    Controle,
    Opslaan,
}

/// Progress, reported at intervals: counts only, never content.
#[derive(Debug, Clone)]
pub struct Voortgang {
    pub fase: Fase,
    /// Data rows read in this pass.
    pub gelezen: usize,
    /// Rows refused (check) so far.
    pub geweigerd: usize,
    /// Rows stored (including earlier runs of a resumed import).
    pub opgeslagen: usize,
    /// Data rows in the file (known after the check).
    pub totaal: usize,
    /// The last committed row (spreadsheet numbering; 1 = none yet).
    pub laatste_rij: usize,
    /// Rows per second in this pass.
    pub per_seconde: f64,
    /// The end of the pass.
    pub klaar: bool,
}

/// What an import stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Samenvatting {
    /// The `casus_import` row.
    pub import: i64,
    /// Moments per kind stored in this run, in the order of `Soort::ALLE` (kinds without rows
    /// included, with 0).
    pub per_soort: Vec<(Soort, usize)>,
    /// Moments and new cases of the whole import (a resumed one included).
    pub momenten: usize,
    pub casussen: usize,
    /// Batches committed in this run.
    pub batches: usize,
    /// Whether this run continued an interrupted import.
    pub hervat: bool,
}

/// Why an import did not complete.
#[derive(Debug)]
pub enum ImportFout {
    /// Refused before anything was stored: the file's errors (at most `MAX_FOUTEN` and a
    /// closing line), or why this file cannot be imported now.
    Afgekeurd(Vec<Veldfout>),
    /// Storing stopped after `laatste_rij`; the batches up to it are committed.
    Onderbroken {
        import: i64,
        laatste_rij: usize,
        momenten: usize,
        oorzaak: String,
    },
    /// Anything else (reading the file, the database) before storing began.
    Anders(AppError),
}

impl From<AppError> for ImportFout {
    fn from(e: AppError) -> Self {
        ImportFout::Anders(e)
    }
}

impl From<sqlx::Error> for ImportFout {
    fn from(e: sqlx::Error) -> Self {
        ImportFout::Anders(e.into())
    }
}

impl std::fmt::Display for ImportFout {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ImportFout::Afgekeurd(fouten) => {
                for (i, v) in fouten.iter().enumerate() {
                    if i > 0 {
                        f.write_str("\n")?;
                    }
                    f.write_str(&v.melding)?;
                }
                Ok(())
            }
            ImportFout::Onderbroken {
                import,
                laatste_rij,
                momenten,
                oorzaak,
            } => write!(
                f,
                "Import {import} is onderbroken: {oorzaak}\nOpgeslagen tot en met rij {laatste_rij} ({momenten} momenten); die blijven bewaard."
            ),
            ImportFout::Anders(e) => write!(f, "{e}"),
        }
    }
}

/// The statuses an import may set for a kind. `geagendeerd` is left out: it needs a meeting
/// of the Actie-overleg, which is planned in the application.
pub fn toegestane_statussen(soort: Soort) -> &'static [Status] {
    match soort {
        Soort::Actieoverleg => &[
            Status::Ingediend,
            Status::Geaccepteerd,
            Status::Afgewezen,
            Status::Besproken,
            Status::AfsprakenLopen,
            Status::Afgerond,
        ],
        _ => &[Status::Open, Status::Afgerond],
    }
}

/// The size of the next batch: what fits in `slot` at the speed of the last one (`aantal` rows
/// in `duur`), at most four times the last size and at most `max`.
fn volgende_portie(
    portie: usize,
    aantal: usize,
    duur: Duration,
    slot: Duration,
    max: usize,
) -> usize {
    if aantal == 0 || duur.is_zero() {
        return portie;
    }
    let past = (slot.as_secs_f64() / duur.as_secs_f64() * aantal as f64) as usize;
    past.clamp(1, portie.saturating_mul(4).min(max).max(1))
}

/// Reports progress at most every `interval`, and always when `klaar`.
struct Melder<'f> {
    voortgang: &'f mut (dyn FnMut(&Voortgang) + Send),
    interval: Duration,
    start: Instant,
    laatst: Instant,
}

impl Melder<'_> {
    fn meld(&mut self, mut v: Voortgang, teller: usize) {
        let nu = Instant::now();
        if !v.klaar && nu.duration_since(self.laatst) < self.interval {
            return;
        }
        self.laatst = nu;
        let s = nu.duration_since(self.start).as_secs_f64();
        v.per_seconde = if s > 0.0 { teller as f64 / s } else { 0.0 };
        (self.voortgang)(&v);
    }
}

/// Imports a CSV file from memory (tests, small files) with the default settings.
pub async fn importeren(
    db: &Db,
    sleutel: Option<&Sleutel>,
    actor: &Actor,
    bytes: &[u8],
) -> Result<Samenvatting, ImportFout> {
    importeren_uit(
        db,
        sleutel,
        actor,
        std::io::Cursor::new(bytes),
        &Instellingen::default(),
        &mut |_| {},
    )
    .await
}

/// Imports a CSV file: checks all of it (streaming; nothing stored on any error), then stores
/// it in batches (see the module documentation). The source is read twice (rewound), record
/// by record. Reading is blocking file I/O: this runs in the CLI, not in the server.
pub async fn importeren_uit<R: Read + Seek + Send>(
    db: &Db,
    sleutel: Option<&Sleutel>,
    actor: &Actor,
    mut bron: R,
    inst: &Instellingen,
    voortgang: &mut (dyn FnMut(&Voortgang) + Send),
) -> Result<Samenvatting, ImportFout> {
    let scheiding = scheiding_van(&mut bron).map_err(|e| {
        ImportFout::Afgekeurd(vec![Veldfout::new(
            "bestand",
            format!("Het bestand kan niet worden gelezen ({}).", e.kind()),
        )])
    })?;
    let mut melder = Melder {
        voortgang,
        interval: inst.interval,
        start: Instant::now(),
        laatst: Instant::now(),
    };
    // 1. Check everything, write nothing.
    let gecontroleerd = controleren(db, sleutel, &mut bron, scheiding, &mut melder).await?;
    // 2. Store in batches. From here on an error leaves the committed batches in place.
    let (stand, verder) = stand_bepalen(db, &gecontroleerd, inst.hervatten).await?;
    let hervat = verder.is_some();
    bron.seek(SeekFrom::Start(0)).map_err(|e| {
        onderbroken(
            &stand,
            format!(
                "het bestand kan niet opnieuw worden gelezen ({}).",
                e.kind()
            ),
        )
    })?;
    let lezer = match Lezer::open(&mut bron, scheiding, false) {
        Ok(l) => l,
        Err(f) => return Err(onderbroken(&stand, veranderd(&f))),
    };
    melder.start = Instant::now();
    // SQLite's log is folded into the file beside the batches, not by each one (`db::wal`).
    let checkpointer = crate::db::wal::Checkpointer::starten(db).await;
    let opslag = Opslag {
        db,
        sleutel,
        actor,
        inst,
        totaal: gecontroleerd.totaal,
        checkpoints_uitstellen: checkpointer.is_some(),
    };
    let opgeslagen = opslag
        .batches(lezer, gecontroleerd.kolommen, stand, verder, &mut melder)
        .await;
    if let Some(c) = checkpointer {
        c.stoppen().await;
    }
    let (stand, per_soort, batches) = opgeslagen?;
    Ok(Samenvatting {
        import: stand.id,
        per_soort: Soort::ALLE
            .iter()
            .map(|s| (*s, per_soort.get(s.code()).copied().unwrap_or(0)))
            .collect(),
        momenten: stand.momenten,
        casussen: stand.casussen,
        batches,
        hervat,
    })
}

/// What the check of the whole file found: its columns, its hash and its number of records.
struct Gecontroleerd {
    kolommen: Vec<String>,
    sha: String,
    totaal: usize,
}

/// Checks every record of the file (at most [`MAX_FOUTEN`] errors are collected), writing
/// nothing; any error rejects the whole file.
async fn controleren<R: Read + Seek + Send>(
    db: &Db,
    sleutel: Option<&Sleutel>,
    bron: &mut R,
    scheiding: u8,
    melder: &mut Melder<'_>,
) -> Result<Gecontroleerd, ImportFout> {
    let mut lezer = Lezer::open(bron, scheiding, true).map_err(ImportFout::Afgekeurd)?;
    let kolommen = lezer.kolommen.clone();
    let mut fouten = kop_controleren(&kolommen);
    if !fouten.is_empty() {
        return Err(ImportFout::Afgekeurd(fouten));
    }
    let mut controleur = Controleur::new(db, sleutel, kolommen.clone(), true);
    let (mut gelezen, mut geweigerd) = (0usize, 0usize);
    let voortgang = |gelezen, geweigerd, klaar| Voortgang {
        fase: Fase::Controle,
        gelezen,
        geweigerd,
        opgeslagen: 0,
        totaal: if klaar { gelezen } else { 0 },
        laatste_rij: 1,
        per_seconde: 0.0,
        klaar,
    };
    while fouten.len() < MAX_FOUTEN {
        let record = match lezer.volgende() {
            Ok(Some(r)) => r,
            Ok(None) => break,
            Err(f) => {
                fouten.push(f);
                break;
            }
        };
        gelezen += 1;
        let voor = fouten.len();
        match record {
            Record::Geweigerd(f) => fouten.extend(f),
            Record::Rij(n, cellen) => {
                controleur.rij(n, &cellen, &mut fouten).await?;
            }
        }
        if fouten.len() > voor {
            geweigerd += 1;
        }
        melder.meld(voortgang(gelezen, geweigerd, false), gelezen);
    }
    melder.meld(voortgang(gelezen, geweigerd, true), gelezen);
    if fouten.len() >= MAX_FOUTEN {
        fouten.truncate(MAX_FOUTEN);
        fouten.push(Veldfout::new(
            "bestand",
            format!(
                "Na {MAX_FOUTEN} fouten is de controle gestopt; verbeter deze en importeer opnieuw."
            ),
        ));
    }
    if gelezen == 0 && fouten.is_empty() {
        fouten.push(Veldfout::new(
            "bestand",
            "Het bestand bevat geen rijen onder de kolomnamen; er is niets te importeren.",
        ));
    }
    if !fouten.is_empty() {
        return Err(ImportFout::Afgekeurd(fouten));
    }
    Ok(Gecontroleerd {
        kolommen,
        sha: lezer.sha256().unwrap_or_default(),
        totaal: gelezen,
    })
}

/// Where storing starts: a new import, or (with `hervatten`) after the last stored row of an
/// interrupted import of the same file. A complete import of the same file is refused, as is
/// resuming without an interrupted import.
async fn stand_bepalen(
    db: &Db,
    g: &Gecontroleerd,
    hervatten: bool,
) -> Result<(Stand, Option<csv::Position>), ImportFout> {
    let eerder = repo::import_van_bestand(db, &g.sha).await?;
    let weiger = |tekst: String| Err(ImportFout::Afgekeurd(vec![Veldfout::new("bestand", tekst)]));
    match (eerder, hervatten) {
        (Some(i), _) if i.voltooid => weiger(format!(
            "Dit bestand is al geïmporteerd (import {}, {} momenten, op {}); een tweede keer zou elke rij dubbel opslaan. Er is niets opgeslagen.",
            i.id, i.momenten, i.gestart_op
        )),
        (Some(i), false) => weiger(format!(
            "Dit bestand is eerder voor een deel geïmporteerd (import {}, gestart op {}): opgeslagen tot en met rij {} ({} momenten). Gebruik --hervatten om verder te gaan na rij {}. Er is nu niets opgeslagen.",
            i.id, i.gestart_op, i.laatste_rij, i.momenten, i.laatste_rij
        )),
        (None, true) => weiger(
            "Er is geen onderbroken import van dit bestand om te hervatten; laat --hervatten weg om het te importeren.".to_string(),
        ),
        (Some(i), true) => {
            let mut pos = csv::Position::new();
            pos.set_byte(i.verder_byte)
                .set_line(i.verder_regel)
                .set_record(i.verder_record);
            let stand = Stand {
                id: i.id,
                sha: g.sha.clone(),
                laatste_rij: i.laatste_rij,
                momenten: i.momenten,
                casussen: i.casussen,
            };
            Ok((stand, (i.verder_byte > 0).then_some(pos)))
        }
        (None, false) => {
            let id = repo::import_beginnen(db, &g.sha, g.totaal, &crate::db::nu()).await?;
            let stand = Stand {
                id,
                sha: g.sha.clone(),
                laatste_rij: 1,
                momenten: 0,
                casussen: 0,
            };
            Ok((stand, None))
        }
    }
}

/// The storing phase's fixed inputs.
struct Opslag<'a> {
    db: &'a Db,
    sleutel: Option<&'a Sleutel>,
    actor: &'a Actor,
    inst: &'a Instellingen,
    /// Records in the file.
    totaal: usize,
    /// A [`crate::db::wal::Checkpointer`] runs: the batches put their own checkpoints off.
    checkpoints_uitstellen: bool,
}

impl Opslag<'_> {
    /// Reads the file again from `verder` (or the start), checks each row again (the file
    /// may have changed since) and stores the rows in batches whose size follows what the
    /// last batch took. The stand at the end, the moments per kind and the number of batches.
    async fn batches<R: Read + Seek + Send>(
        &self,
        mut lezer: Lezer<&mut R>,
        kolommen: Vec<String>,
        mut stand: Stand,
        verder: Option<csv::Position>,
        melder: &mut Melder<'_>,
    ) -> Result<(Stand, BTreeMap<&'static str, usize>, usize), ImportFout> {
        let (db, inst, totaal) = (self.db, self.inst, self.totaal);
        if let Some(pos) = &verder {
            lezer.naar(pos).map_err(|e| {
                onderbroken(
                    &stand,
                    format!(
                        "het bestand kan niet opnieuw worden gelezen ({}).",
                        e.kind()
                    ),
                )
            })?;
        }
        // One connection of its own stores every batch, one at a time.
        let schrijver = crate::db::wal::eigen_schrijver(db, self.checkpoints_uitstellen)
            .await
            .map_err(|e| onderbroken(&stand, oorzaak(&e.into())))?;
        let schrijver = Arc::new(tokio::sync::Mutex::new(schrijver));
        let batch = inst.batch.max(1);
        let mut controleur = Controleur::new(db, self.sleutel, kolommen, false);
        let mut per_soort: BTreeMap<&'static str, usize> = BTreeMap::new();
        let mut portie = batch.min(EERSTE_BATCH);
        let mut rijen: Vec<Rij> = Vec::with_capacity(portie);
        let (mut batches, mut deze_run) = (0usize, 0usize);
        // One batch is stored (after its pause) in a task of its own while the next one is read
        // and checked here: reading and checking no longer add to the time the import takes.
        let mut lopend: Option<Lopend> = None;
        loop {
            let gelezen = match lezer.volgende() {
                Ok(record) => record,
                Err(f) => return Err(afbreken(lopend, &mut stand, veranderd(&[f])).await),
            };
            let einde = gelezen.is_none();
            if let Some(record) = gelezen {
                match opnieuw_gecontroleerd(&mut controleur, record).await {
                    Ok(rij) => rijen.push(rij),
                    Err(reden) => return Err(afbreken(lopend, &mut stand, reden).await),
                }
            }
            // At the end always: the last batch also marks the import complete.
            if rijen.len() < portie && !einde {
                continue;
            }
            if let Some(l) = lopend.take() {
                let klaar = l.afwachten(&mut stand, &mut per_soort).await?;
                portie = volgende_portie(portie, klaar.aantal, klaar.duur, inst.slot, batch);
                deze_run += klaar.aantal;
                melder.meld(opslaan_voortgang(&stand, deze_run, totaal, false), deze_run);
                if rijen.len() < portie && !einde {
                    // What the last batch measured allows a larger one: read on.
                    continue;
                }
            }
            let aantal = rijen.len();
            if aantal > 0 {
                batches += 1;
            }
            let deze = std::mem::replace(&mut rijen, Vec::with_capacity(portie));
            // A pause before every batch with rows after the first; the closing one of an
            // import that ended on a batch boundary stores only the completion, at once.
            let pauze = if batches > 1 && aantal > 0 {
                inst.pauze
            } else {
                Duration::ZERO
            };
            let vooraf = Vooraf {
                pauze,
                audit_kop: inst.audit_kop.clone(),
            };
            lopend = Some(Lopend::starten(
                db,
                &schrijver,
                self.actor,
                &stand,
                deze,
                (lezer.positie(), einde),
                vooraf,
            ));
            if einde {
                break;
            }
        }
        if let Some(l) = lopend {
            deze_run += l.afwachten(&mut stand, &mut per_soort).await?.aantal;
        }
        if let Ok(s) = Arc::try_unwrap(schrijver) {
            sqlx::Connection::close(s.into_inner()).await.ok();
        }
        melder.meld(opslaan_voortgang(&stand, deze_run, totaal, true), deze_run);
        Ok((stand, per_soort, batches))
    }
}

/// A record of the second reading, checked again; why the import stops when it no longer
/// passes (the file changed between the readings) or the check failed.
async fn opnieuw_gecontroleerd(
    controleur: &mut Controleur<'_>,
    record: Record,
) -> Result<Rij, String> {
    let mut f = vec![];
    let rij = match record {
        Record::Geweigerd(g) => {
            f = g;
            None
        }
        Record::Rij(n, cellen) => controleur
            .rij(n, &cellen, &mut f)
            .await
            .map_err(|e| oorzaak(&e))?,
    };
    match rij {
        Some(rij) if f.is_empty() => Ok(rij),
        _ => Err(veranderd(&f)),
    }
}

/// A batch being stored in a task of its own (after a pause, so waiting writers get the lock
/// first), while the next batch is read and checked.
struct Lopend {
    taak: tokio::task::JoinHandle<(AppResult<Stand>, BTreeMap<&'static str, usize>, Duration)>,
    /// The stand before this batch: where the import stands if it fails.
    voor: Stand,
    aantal: usize,
}

/// What a stored batch did.
struct Klaar {
    aantal: usize,
    /// How long it held the database (without the pause before it).
    duur: Duration,
}

/// What comes before a batch is stored.
struct Vooraf {
    /// The pause after the batch before (see [`Instellingen::pauze`]).
    pauze: Duration,
    audit_kop: Option<std::path::PathBuf>,
}

impl Vooraf {
    /// The pause, spent first on bringing the audit head file up to date with the batches
    /// before (see [`Instellingen::audit_kop`]); without a pause the command's own check at the
    /// end does it.
    async fn wachten(self, db: &Db) {
        if self.pauze.is_zero() {
            return;
        }
        let begin = Instant::now();
        if let Some(pad) = &self.audit_kop {
            // A failure is reported by that check at the end.
            let sleutel = crate::audit::service::sleutel();
            let _ = crate::audit::service::kop_bijwerken(db, sleutel.bytes(), pad).await;
        }
        tokio::time::sleep(self.pauze.saturating_sub(begin.elapsed())).await;
    }
}

impl Lopend {
    /// `(verder, laatste)`: where the file goes on after these rows, and whether it ends there.
    fn starten(
        db: &Db,
        schrijver: &Arc<tokio::sync::Mutex<sqlx::AnyConnection>>,
        actor: &Actor,
        stand: &Stand,
        rijen: Vec<Rij>,
        (verder, laatste): (csv::Position, bool),
        vooraf: Vooraf,
    ) -> Lopend {
        let (db, actor, mut na) = (db.clone(), actor.clone(), stand.clone());
        let schrijver = schrijver.clone();
        let aantal = rijen.len();
        let taak = tokio::spawn(async move {
            vooraf.wachten(&db).await;
            let mut conn = schrijver.lock().await;
            let begin = Instant::now();
            let mut per_soort = BTreeMap::new();
            let r = batch_opslaan(
                &mut conn,
                &actor,
                &mut na,
                rijen,
                (&verder, laatste),
                &mut per_soort,
            )
            .await;
            (r.map(|()| na), per_soort, begin.elapsed())
        });
        Lopend {
            taak,
            voor: stand.clone(),
            aantal,
        }
    }

    /// Waits for the batch: on success `stand` and `per_soort` include it; on failure the
    /// import is interrupted at the stand before it.
    async fn afwachten(
        self,
        stand: &mut Stand,
        per_soort: &mut BTreeMap<&'static str, usize>,
    ) -> Result<Klaar, ImportFout> {
        let (uitkomst, soorten, duur) = match self.taak.await {
            Ok(u) => u,
            // Not the task's own message: a panic's text could hold a value from a row.
            Err(_) => (
                Err(AppError::Intern(anyhow::anyhow!(
                    "het opslaan van een portie is onverwacht afgebroken"
                ))),
                BTreeMap::new(),
                Duration::ZERO,
            ),
        };
        match uitkomst {
            Ok(na) => {
                *stand = na;
                for (soort, n) in soorten {
                    *per_soort.entry(soort).or_default() += n;
                }
                Ok(Klaar {
                    aantal: self.aantal,
                    duur,
                })
            }
            Err(e) => Err(onderbroken(&self.voor, oorzaak(&e))),
        }
    }
}

/// Stops storing at a row that cannot be stored (`oorzaak`): the batch still being stored is
/// awaited first, so the interruption names the last row really committed.
async fn afbreken(lopend: Option<Lopend>, stand: &mut Stand, oorzaak: String) -> ImportFout {
    if let Some(l) = lopend
        && let Err(fout) = l.afwachten(stand, &mut BTreeMap::new()).await
    {
        return fout;
    }
    onderbroken(stand, oorzaak)
}

/// An import interrupted after the committed batches of `stand`.
fn onderbroken(stand: &Stand, oorzaak: String) -> ImportFout {
    ImportFout::Onderbroken {
        import: stand.id,
        laatste_rij: stand.laatste_rij,
        momenten: stand.momenten,
        oorzaak,
    }
}

/// Progress of the storing pass: `deze_run` rows stored by this run (of `totaal`).
fn opslaan_voortgang(stand: &Stand, deze_run: usize, totaal: usize, klaar: bool) -> Voortgang {
    Voortgang {
        fase: Fase::Opslaan,
        gelezen: deze_run,
        geweigerd: 0,
        opgeslagen: stand.momenten,
        totaal,
        laatste_rij: stand.laatste_rij,
        per_seconde: 0.0,
        klaar,
    }
}

/// Why storing stopped, for the administrator at the terminal: validation messages (which
/// never hold a value) or the database's own error (SQLite's messages hold no bound values),
/// not the generic page text.
fn oorzaak(e: &AppError) -> String {
    match e {
        AppError::Validatie(f) => f
            .iter()
            .map(|f| f.melding.as_str())
            .collect::<Vec<_>>()
            .join(" "),
        AppError::Intern(e) => format!("fout van de database: {e}."),
        e => e.to_string(),
    }
}

/// The cause when a row that passed the check fails while storing: the file changed between
/// the two passes.
fn veranderd(fouten: &[Veldfout]) -> String {
    let mut tekst = "het bestand is veranderd sinds de controle".to_string();
    if let Some(f) = fouten.first() {
        tekst.push_str(&format!(" ({})", f.melding));
    }
    tekst.push('.');
    tekst
}

#[cfg(test)]
mod tests;
