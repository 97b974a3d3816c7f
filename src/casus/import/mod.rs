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

mod opslag;

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

// ---- reading the file -----------------------------------------------------------------------

/// The file as text: without a UTF-8 byte order mark; bytes that are not UTF-8 are read as
/// Windows-1252 (what Excel writes for "CSV (gescheiden door lijstscheidingsteken)").
pub fn decodeer(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    veld_tekst(bytes)
}

/// One field as text: UTF-8 when it is, else Windows-1252 (one character per byte).
fn veld_tekst(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => bytes.iter().map(|b| windows_1252(*b)).collect(),
    }
}

fn windows_1252(b: u8) -> char {
    const HOOG: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9f => HOOG[usize::from(b - 0x80)],
        _ => char::from(b),
    }
}

/// The delimiter of the file: `;` when the header line has more semicolons than commas (Dutch
/// Excel), otherwise `,`. Quoted parts of the header are not counted.
pub fn scheidingsteken(tekst: &str) -> u8 {
    let kop = tekst.lines().next().unwrap_or("");
    let (mut komma, mut puntkomma, mut in_aanhaling) = (0, 0, false);
    for c in kop.chars() {
        match c {
            '"' => in_aanhaling = !in_aanhaling,
            ',' if !in_aanhaling => komma += 1,
            ';' if !in_aanhaling => puntkomma += 1,
            _ => {}
        }
    }
    if puntkomma > komma { b';' } else { b',' }
}

/// The state of the quote check between two bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Aanhaling {
    /// At the start of a field.
    Begin,
    /// In a field without quotes.
    Open,
    /// In a quoted field.
    Binnen,
    /// Just after a quote inside a quoted field: a closing quote or the first of `""`.
    NaQuote,
}

const NA_SLUITEN: &str = "ongeldige aanhalingstekens: na een sluitend aanhalingsteken hoort een scheidingsteken of het einde van de regel.";
const MIDDEN: &str = "ongeldige aanhalingstekens: een aanhalingsteken midden in een waarde. Zet de hele waarde tussen aanhalingstekens en verdubbel de aanhalingstekens erin (\"\"); Excel doet dat vanzelf.";
const NIET_GESLOTEN: &str = "ongeldige aanhalingstekens: een aanhalingsteken wordt niet gesloten, zodat de rest van het bestand één waarde zou worden.";

/// The file as the CSV reader sees it, checked on the way: the quoting rules of RFC 4180
/// (which the lenient `csv` crate does not enforce: it would merge the rest of a line or file
/// into one cell), the length of a row, and the SHA-256 of the bytes. Problems are kept as
/// byte offsets; the reader matches them to the record they fall in.
struct Bewaker<R> {
    binnen: R,
    scheiding: u8,
    toestand: Aanhaling,
    /// Offset of the next byte.
    offset: u64,
    /// Bytes since the current record began.
    rij_lengte: u64,
    /// Where the current quoted field began.
    aanhaling_start: u64,
    /// Quote problems not yet matched to a record: (offset, message).
    fouten: VecDeque<(u64, &'static str)>,
    /// Whether the current record already has a quote problem (one is enough).
    fout_in_rij: bool,
    /// The previous byte, and the offsets of line feeds that end a CR LF between records: the
    /// CSV reader starts the next record at that line feed but counts its line only after it,
    /// so a record's line is one too low there.
    vorige: u8,
    crlf: VecDeque<u64>,
    sha: Option<Sha256>,
}

/// The error a too long row gives the CSV reader (never shown as such).
#[derive(Debug)]
struct TeLangeRij;

impl std::fmt::Display for TeLangeRij {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("rij te lang")
    }
}

impl std::error::Error for TeLangeRij {}

impl<R> Bewaker<R> {
    fn new(binnen: R, scheiding: u8, hash: bool) -> Self {
        Self {
            binnen,
            scheiding,
            toestand: Aanhaling::Begin,
            offset: 0,
            rij_lengte: 0,
            aanhaling_start: 0,
            fouten: VecDeque::new(),
            fout_in_rij: false,
            vorige: 0,
            crlf: VecDeque::new(),
            sha: hash.then(Sha256::new),
        }
    }

    fn fout(&mut self, offset: u64, melding: &'static str) {
        // One per record, so the queue holds at most the records the CSV reader's buffer
        // reads ahead; the cap is a second bound.
        if !self.fout_in_rij && self.fouten.len() < 16 * 1024 {
            self.fouten.push_back((offset, melding));
        }
        self.fout_in_rij = true;
    }

    fn rij_einde(&mut self) {
        self.toestand = Aanhaling::Begin;
        self.rij_lengte = 0;
        self.fout_in_rij = false;
    }

    fn stap(&mut self, b: u8) {
        let einde = b == b'\n' || b == b'\r';
        if b == b'\n'
            && self.vorige == b'\r'
            && self.toestand != Aanhaling::Binnen
            && self.crlf.len() < 1024 * 1024
        {
            self.crlf.push_back(self.offset);
        }
        self.vorige = b;
        match self.toestand {
            Aanhaling::Begin | Aanhaling::Open if einde => self.rij_einde(),
            Aanhaling::Begin | Aanhaling::Open if b == self.scheiding => {
                self.toestand = Aanhaling::Begin;
            }
            Aanhaling::Begin if b == b'"' => {
                self.toestand = Aanhaling::Binnen;
                self.aanhaling_start = self.offset;
            }
            Aanhaling::Open if b == b'"' => self.fout(self.offset, MIDDEN),
            Aanhaling::Begin | Aanhaling::Open => self.toestand = Aanhaling::Open,
            Aanhaling::Binnen if b == b'"' => self.toestand = Aanhaling::NaQuote,
            Aanhaling::Binnen => {}
            Aanhaling::NaQuote if b == b'"' => self.toestand = Aanhaling::Binnen,
            Aanhaling::NaQuote if einde => self.rij_einde(),
            Aanhaling::NaQuote if b == self.scheiding => self.toestand = Aanhaling::Begin,
            Aanhaling::NaQuote => {
                // The csv crate keeps reading the field unquoted; so do we.
                self.fout(self.offset, NA_SLUITEN);
                self.toestand = Aanhaling::Open;
            }
        }
        self.offset += 1;
        self.rij_lengte += 1;
    }
}

impl<R: Read> Read for Bewaker<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.binnen.read(buf)?;
        if n == 0 && self.toestand == Aanhaling::Binnen {
            let start = self.aanhaling_start;
            self.fout(start, NIET_GESLOTEN);
            self.toestand = Aanhaling::Begin;
        }
        for &b in &buf[..n] {
            self.stap(b);
        }
        if let Some(sha) = &mut self.sha {
            sha.update(&buf[..n]);
        }
        if self.rij_lengte > MAX_RIJ_BYTES {
            return Err(std::io::Error::other(TeLangeRij));
        }
        Ok(n)
    }
}

impl<R: Seek> Seek for Bewaker<R> {
    fn seek(&mut self, pos: SeekFrom) -> std::io::Result<u64> {
        self.offset = self.binnen.seek(pos)?;
        self.rij_einde();
        self.fouten.clear();
        self.crlf.clear();
        self.vorige = 0;
        Ok(self.offset)
    }
}

/// What the reader gives for one record.
enum Record {
    /// A data row: its number (header = 1) and its cells.
    Rij(usize, Vec<String>),
    /// A row refused while reading (quotes, control characters); reading goes on.
    Geweigerd(Vec<Veldfout>),
}

/// A CSV file read record by record, with the checks of [`Bewaker`], cells decoded and
/// trimmed, control characters refused.
struct Lezer<R: Read> {
    csv: csv::Reader<Bewaker<R>>,
    record: csv::ByteRecord,
    /// Normalised column names (empty for a column without a name).
    kolommen: Vec<String>,
}

fn rij_regel(rij: usize, regel: u64, tekst: &str) -> String {
    format!("Rij {rij} (regel {regel} van het bestand): {tekst}")
}

/// The delimiter from the first line of a seekable source, which is then rewound.
fn scheiding_van<R: Read + Seek>(bron: &mut R) -> std::io::Result<u8> {
    let mut begin = vec![0u8; 64 * 1024];
    let mut n = 0;
    while n < begin.len() {
        let m = bron.read(&mut begin[n..])?;
        if m == 0 {
            break;
        }
        n += m;
        if begin[..n].contains(&b'\n') {
            break;
        }
    }
    bron.seek(SeekFrom::Start(0))?;
    Ok(scheidingsteken(&decodeer(&begin[..n])))
}

impl<R: Read> Lezer<R> {
    /// Opens the file and reads its header row. `hash`: keep the SHA-256 of what is read.
    fn open(bron: R, scheiding: u8, hash: bool) -> Result<Self, Vec<Veldfout>> {
        let csv = csv::ReaderBuilder::new()
            .delimiter(scheiding)
            .has_headers(false)
            .flexible(true)
            .from_reader(Bewaker::new(bron, scheiding, hash));
        let mut lezer = Lezer {
            csv,
            record: csv::ByteRecord::new(),
            kolommen: vec![],
        };
        let leeg = || {
            vec![Veldfout::new(
                "bestand",
                "Rij 1: het bestand is leeg; de eerste rij moet de kolomnamen bevatten (zie docs/casus-import.md).",
            )]
        };
        let kop = match lezer.volgende().map_err(|f| vec![f])? {
            None => return Err(leeg()),
            Some(Record::Geweigerd(f)) => return Err(f),
            Some(Record::Rij(_, kop)) => kop,
        };
        let kolommen: Vec<String> = kop.iter().map(|k| k.to_lowercase()).collect();
        if kolommen.iter().all(|k| k.is_empty()) {
            return Err(leeg());
        }
        lezer.kolommen = kolommen;
        Ok(lezer)
    }

    /// The next record, `None` at the end; an error stops reading (a row too long, a read
    /// error). Completely empty rows are skipped. Nothing of a record's content is ever part
    /// of a message.
    fn volgende(&mut self) -> Result<Option<Record>, Veldfout> {
        loop {
            let voor = self.csv.position().clone();
            let rij = usize::try_from(voor.record()).unwrap_or(usize::MAX - 1) + 1;
            match self.csv.read_byte_record(&mut self.record) {
                Ok(false) => return Ok(None),
                Ok(true) => {}
                Err(e) => {
                    let tekst = match e.kind() {
                        csv::ErrorKind::Io(io)
                            if io.get_ref().is_some_and(|e| e.is::<TeLangeRij>()) =>
                        {
                            format!(
                                "de rij is langer dan {} MB; waarschijnlijk wordt een aanhalingsteken niet gesloten. Het lezen is hier gestopt.",
                                MAX_RIJ_BYTES / 1024 / 1024
                            )
                        }
                        csv::ErrorKind::Io(io) => format!(
                            "het bestand kan hier niet verder worden gelezen ({}).",
                            io.kind()
                        ),
                        _ => "het bestand kan hier niet worden gelezen.".to_string(),
                    };
                    return Err(Veldfout::new(
                        "bestand",
                        rij_regel(rij, voor.line(), &tekst),
                    ));
                }
            }
            let (start, einde) = match self.record.position() {
                Some(p) => (p.byte(), self.csv.position().byte()),
                None => (voor.byte(), self.csv.position().byte()),
            };
            let mut regel = self.record.position().map_or(voor.line(), |p| p.line());
            let crlf = &mut self.csv.get_mut().crlf;
            while crlf.front().is_some_and(|o| *o < start) {
                crlf.pop_front();
            }
            if crlf.front() == Some(&start) {
                regel += 1;
            }
            // Quote problems of this record (earlier ones belonged to skipped empty lines).
            let mut aanhaling = None;
            let bewaker = self.csv.get_mut();
            while let Some((offset, melding)) = bewaker.fouten.front().copied() {
                if offset >= einde {
                    break;
                }
                bewaker.fouten.pop_front();
                if offset >= start && aanhaling.is_none() {
                    aanhaling = Some(melding);
                }
            }
            if let Some(melding) = aanhaling {
                return Ok(Some(Record::Geweigerd(vec![Veldfout::new(
                    "bestand",
                    rij_regel(rij, regel, melding),
                )])));
            }
            let mut cellen = Vec::with_capacity(self.record.len());
            for (i, veld) in self.record.iter().enumerate() {
                let veld = if rij == 1 && i == 0 {
                    veld.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(veld)
                } else {
                    veld
                };
                cellen.push(veld_tekst(veld).trim().to_string());
            }
            if cellen.iter().all(String::is_empty) {
                continue;
            }
            let mut fouten = vec![];
            for (i, cel) in cellen.iter().enumerate() {
                if let Err(m) = crate::tekst::geen_stuurtekens(cel) {
                    let kolom = match self.kolommen.get(i) {
                        Some(k) if !k.is_empty() => format!("kolom '{k}'"),
                        _ => format!("kolom {}", i + 1),
                    };
                    fouten.push(Veldfout::new(
                        self.kolommen.get(i).cloned().unwrap_or_default(),
                        format!("Rij {rij}, {kolom}: de waarde {m}"),
                    ));
                }
            }
            if !fouten.is_empty() {
                for f in &mut fouten {
                    if f.veld.is_empty() {
                        f.veld = "bestand".into();
                    }
                }
                return Ok(Some(Record::Geweigerd(fouten)));
            }
            return Ok(Some(Record::Rij(rij, cellen)));
        }
    }

    /// Where the next record starts (to resume there).
    fn positie(&self) -> csv::Position {
        self.csv.position().clone()
    }

    fn sha256(&mut self) -> Option<String> {
        self.csv.get_mut().sha.take().map(|s| hex(&s.finalize()))
    }
}

impl<R: Read + Seek> Lezer<R> {
    fn naar(&mut self, pos: &csv::Position) -> std::io::Result<()> {
        self.csv.seek(pos.clone()).map_err(|e| match e.into_kind() {
            csv::ErrorKind::Io(io) => io,
            _ => std::io::Error::other("zoeken in het bestand mislukt"),
        })
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A parsed file: normalised column names (empty for a column without a name) and the data
/// rows with their spreadsheet row number. Completely empty rows are left out.
#[derive(Debug, Clone, PartialEq)]
pub struct Tabel {
    pub kolommen: Vec<String>,
    pub rijen: Vec<(usize, Vec<String>)>,
}

/// The whole (small) file in memory, with the same checks as the import's reader: for tests
/// and property tests; the import itself streams.
pub fn lees(bytes: &[u8]) -> Result<Tabel, Vec<Veldfout>> {
    let mut bron = std::io::Cursor::new(bytes);
    let scheiding = scheiding_van(&mut bron).map_err(|_| {
        vec![Veldfout::new(
            "bestand",
            "Rij 1: het bestand kan niet worden gelezen.",
        )]
    })?;
    let mut lezer = Lezer::open(bron, scheiding, false)?;
    let mut rijen = vec![];
    let mut fouten = vec![];
    loop {
        match lezer.volgende() {
            Ok(None) => break,
            Ok(Some(Record::Rij(n, cellen))) => rijen.push((n, cellen)),
            Ok(Some(Record::Geweigerd(f))) => fouten.extend(f),
            Err(f) => {
                fouten.push(f);
                break;
            }
        }
    }
    if fouten.is_empty() {
        Ok(Tabel {
            kolommen: lezer.kolommen,
            rijen,
        })
    } else {
        Err(fouten)
    }
}

// ---- validation -----------------------------------------------------------------------------

/// "Rij 7, kolom 'reactie': kies een van …". A field label at the start of a message from the
/// field validation ("'Reactie van Veilig Thuis': …") is dropped: the column already says it.
pub fn melding(rij: usize, kolom: Option<&str>, tekst: &str) -> String {
    let mut tekst = tekst.trim();
    if let Some(rest) = tekst.strip_prefix('\'')
        && let Some(eind) = rest.find('\'')
        && let Some(na) = rest[eind + 1..].strip_prefix(": ")
    {
        tekst = na;
    }
    let mut tekens = tekst.chars();
    let tekst = match (tekens.next(), tekens.next()) {
        (Some(eerste), Some(tweede)) if eerste.is_uppercase() && tweede.is_lowercase() => {
            eerste.to_lowercase().chain(tekst.chars().skip(1)).collect()
        }
        _ => tekst.to_string(),
    };
    match kolom {
        Some(k) => format!("Rij {rij}, kolom '{k}': {tekst}"),
        None => format!("Rij {rij}: {tekst}"),
    }
}

/// A message of the shared field validation without the values of the row: a quoted part
/// that repeats (part of) a cell becomes `'…'`, and "(niet '…')" or ", niet …" is dropped.
/// The form shows the user's own input back; an import message goes to a terminal or a log.
pub fn zonder_waarden(tekst: &str, cellen: &[String]) -> String {
    let herhaalt = |citaat: &str| {
        let c = citaat.trim().to_lowercase();
        !c.is_empty() && cellen.iter().any(|w| w.to_lowercase().contains(&c))
    };
    let mut uit = String::with_capacity(tekst.len());
    let mut rest = tekst;
    while let Some(i) = rest.find('\'') {
        let na = &rest[i + 1..];
        let Some(j) = na.find('\'') else {
            break;
        };
        uit.push_str(&rest[..i]);
        if herhaalt(&na[..j]) {
            uit.push_str("'…'");
        } else {
            uit.push('\'');
            uit.push_str(&na[..j]);
            uit.push('\'');
        }
        rest = &na[j + 1..];
    }
    uit.push_str(rest);
    let mut uit = uit.replace(" (niet '…')", "").replace(", niet '…'", "");
    // "… moet tussen 2000 en nu liggen, niet 1 januari 1990 00:00." names a value unquoted.
    if let Some(i) = uit.find(", niet ") {
        uit.truncate(i);
        uit.push('.');
    }
    uit
}

/// A column name as it may be repeated in a message: only when it looks like a column code
/// (a file without its header row has a name or a date of birth in its first row).
fn kolomnaam_tonen(k: &str) -> bool {
    !k.is_empty()
        && k.len() <= 40
        && k.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// A validated row, ready to store.
#[derive(Debug, Clone)]
struct Rij {
    /// Row number in the file (for errors found while storing).
    nummer: usize,
    registratie: service::Registratie,
    organisatie_id: i64,
    regio: String,
    casus_ref: Option<String>,
    status: Option<Status>,
}

/// Which kinds have a field with this code.
fn soorten_met_veld(code: &str) -> Vec<Soort> {
    Soort::ALLE
        .iter()
        .copied()
        .filter(|s| velden::veld(*s, code).is_some())
        .collect()
}

fn codes<T: Copy>(lijst: &[T], code: impl Fn(T) -> &'static str) -> String {
    lijst
        .iter()
        .map(|x| code(*x))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Checks the header: unknown, duplicate and missing columns.
fn kop_controleren(kolommen: &[String]) -> Vec<Veldfout> {
    let mut fouten = vec![];
    let mut gezien = BTreeSet::new();
    for (i, k) in kolommen.iter().enumerate().filter(|(_, k)| !k.is_empty()) {
        if !BASISKOLOMMEN.contains(&k.as_str()) && soorten_met_veld(k).is_empty() {
            let naam = if kolomnaam_tonen(k) {
                format!("'{k}'")
            } else {
                format!("in kolom {}", i + 1)
            };
            fouten.push(Veldfout::new(
                "bestand",
                melding(
                    1,
                    None,
                    &format!(
                        "onbekende kolom {naam}. Gebruik {} en de veldcodes uit docs/casus-import.md.",
                        BASISKOLOMMEN.join(", ")
                    ),
                ),
            ));
        } else if !gezien.insert(k.as_str()) {
            fouten.push(Veldfout::new(
                k.clone(),
                melding(
                    1,
                    None,
                    &format!("de kolom '{k}' staat er meer dan één keer in."),
                ),
            ));
        }
    }
    for k in VERPLICHTE_KOLOMMEN {
        if !gezien.contains(k) {
            fouten.push(Veldfout::new(
                k,
                melding(1, None, &format!("de kolom '{k}' ontbreekt.")),
            ));
        }
    }
    fouten
}

/// What the check remembers of the first row with a `casus_ref`: compact, since a file may
/// hold a million references: a 128-bit hash of the reference as key, the row, the region as
/// an index and the pseudonym as a number.
type RefStand = HashMap<u128, (u32, u8, Option<u128>)>;

fn ref_sleutel(r: &str) -> u128 {
    let h = Sha256::digest(r.as_bytes());
    let mut b = [0u8; 16];
    b.copy_from_slice(&h[..16]);
    u128::from_be_bytes(b)
}

/// Validates rows one at a time, with what it needs from the database cached (organisations,
/// the number of Actie-overleggen per region) and, in the check, the references seen.
struct Controleur<'a> {
    db: &'a Db,
    sleutel: Option<&'a Sleutel>,
    kolommen: std::sync::Arc<Vec<String>>,
    organisaties: HashMap<String, Option<(i64, String, bool)>>,
    overleggen: HashMap<String, usize>,
    /// `None` when storing: the check already compared the references.
    refs: Option<RefStand>,
    sleutel_gemeld: bool,
}

impl<'a> Controleur<'a> {
    fn new(db: &'a Db, sleutel: Option<&'a Sleutel>, kolommen: Vec<String>, refs: bool) -> Self {
        Self {
            db,
            sleutel,
            kolommen: std::sync::Arc::new(kolommen),
            organisaties: HashMap::new(),
            overleggen: HashMap::new(),
            refs: refs.then(HashMap::new),
            sleutel_gemeld: false,
        }
    }

    /// (id, regio, actief) of an organisation code.
    async fn organisatie(&mut self, code: &str) -> AppResult<Option<(i64, String, bool)>> {
        if let Some(o) = self.organisaties.get(code) {
            return Ok(o.clone());
        }
        let o = crate::organisatie::repo::op_code(self.db, code)
            .await?
            .map(|o| (o.id, o.regio_code, o.actief));
        // Bounded: a hostile file full of invented codes does not grow the cache.
        if self.organisaties.len() > 10_000 {
            self.organisaties.clear();
        }
        self.organisaties.insert(code.to_string(), o.clone());
        Ok(o)
    }

    async fn aantal_overleggen(&mut self, regio: &str) -> AppResult<usize> {
        if let Some(n) = self.overleggen.get(regio) {
            return Ok(*n);
        }
        let mut conn = self.db.acquire().await?;
        let n = repo::overleg_ids(&mut conn, &permissions::systeem().inzage(), regio)
            .await?
            .len();
        self.overleggen.insert(regio.to_string(), n);
        Ok(n)
    }

    /// Validates one row; its errors are added to `fouten` (never with a cell's value).
    async fn rij(
        &mut self,
        rij: usize,
        waarden: &[String],
        fouten: &mut Vec<Veldfout>,
    ) -> AppResult<Option<Rij>> {
        let mut eigen: Vec<Veldfout> = vec![];
        let kolommen = self.kolommen.clone();
        let mut cel: BTreeMap<&str, &str> = BTreeMap::new();
        for (i, waarde) in waarden.iter().enumerate() {
            match kolommen.get(i).map(String::as_str) {
                Some(k) if !k.is_empty() => {
                    cel.insert(k, waarde);
                }
                _ if waarde.is_empty() => {}
                _ => eigen.push(Veldfout::new(
                    "bestand",
                    melding(
                        rij,
                        None,
                        &format!(
                            "kolom {} heeft geen naam in de eerste rij maar is wel ingevuld; geef de kolom een naam of maak haar leeg.",
                            i + 1
                        ),
                    ),
                )),
            }
        }
        let waarde = |k: &str| cel.get(k).copied().unwrap_or("");
        let fout = |eigen: &mut Vec<Veldfout>, kolom: &str, tekst: &str| {
            eigen.push(Veldfout::new(kolom, melding(rij, Some(kolom), tekst)));
        };

        let soort = Soort::parse(&waarde("soort").to_lowercase());
        if soort.is_none() {
            fout(
                &mut eigen,
                "soort",
                &if waarde("soort").is_empty() {
                    format!("vul de soort in ({}).", codes(Soort::ALLE, Soort::code))
                } else {
                    format!("kies een van {}.", codes(Soort::ALLE, Soort::code))
                },
            );
        }
        let regio = match RegioCode::parse(&waarde("regio").to_lowercase()) {
            Ok(r) => Some(r.as_str().to_string()),
            Err(_) if waarde("regio").is_empty() => {
                fout(
                    &mut eigen,
                    "regio",
                    "vul de regiocode in, bijvoorbeeld oost-brabant.",
                );
                None
            }
            Err(_) => {
                fout(
                    &mut eigen,
                    "regio",
                    &format!(
                        "onbekende regiocode; kies uit: {}.",
                        REGIOS.map(|r| r.0).join(", ")
                    ),
                );
                None
            }
        };
        let org_code = waarde("organisatie").to_lowercase();
        let organisatie = if org_code.is_empty() {
            fout(
                &mut eigen,
                "organisatie",
                "vul de code van de registrerende organisatie in.",
            );
            None
        } else {
            match (self.organisatie(&org_code).await?, &regio) {
                (None, _) => {
                    fout(
                        &mut eigen,
                        "organisatie",
                        "onbekende organisatiecode; voeg de organisatie eerst toe met 'voorop organisatie add' (zie 'voorop organisatie list').",
                    );
                    None
                }
                (Some((_, _, false)), _) => {
                    fout(
                        &mut eigen,
                        "organisatie",
                        &format!(
                            "organisatie '{org_code}' is inactief (Beheer › Organisaties); zij kan geen nieuwe momenten registreren."
                        ),
                    );
                    None
                }
                // Both are codes that exist (an organisation, a region): safe to name.
                (Some((_, o_regio, _)), Some(r)) if o_regio != *r => {
                    fout(
                        &mut eigen,
                        "organisatie",
                        &format!(
                            "organisatie '{org_code}' hoort bij regio '{o_regio}', niet bij '{r}'."
                        ),
                    );
                    None
                }
                (Some((id, _, _)), _) => Some(id),
            }
        };
        let Some(soort) = soort else {
            fouten.extend(eigen);
            return Ok(None);
        };
        // Columns of other kinds must be empty for this row.
        for (k, w) in &cel {
            if !w.is_empty() && !BASISKOLOMMEN.contains(k) && velden::veld(soort, k).is_none() {
                fout(
                    &mut eigen,
                    k,
                    &format!(
                        "deze kolom hoort niet bij soort '{}'; laat haar leeg.",
                        soort.code()
                    ),
                );
            }
        }
        let status = match waarde("status").to_lowercase().as_str() {
            "" => None,
            s => match Status::parse(s).filter(|s| toegestane_statussen(soort).contains(s)) {
                Some(s) => Some(s),
                None => {
                    fout(
                        &mut eigen,
                        "status",
                        &format!(
                            "kies voor soort '{}' een van {}.",
                            soort.code(),
                            codes(toegestane_statussen(soort), Status::code)
                        ),
                    );
                    None
                }
            },
        };
        if soort == Soort::Actieoverleg
            && let Some(r) = &regio
            && self.aantal_overleggen(r).await? > 1
        {
            fout(
                &mut eigen,
                "regio",
                "deze regio heeft meer dan één Actie-overleg, en een import kan niet kiezen voor welk de aanmelding is. Registreer deze aanmelding in de applicatie.",
            );
        }
        let mut invoer = service::MomentInvoer {
            tijdstip: waarde("tijdstip").to_string(),
            persoon_naam: waarde("persoon_naam").to_string(),
            persoon_geboortedatum: waarde("persoon_geboortedatum").to_string(),
            velden: velden::velden(soort)
                .iter()
                .filter_map(|v| {
                    let w = waarde(v.code);
                    (!w.is_empty()).then(|| (v.code.to_string(), w.replace('|', ",")))
                })
                .collect(),
            ..Default::default()
        };
        if self.sleutel.is_none()
            && !(invoer.persoon_naam.is_empty() && invoer.persoon_geboortedatum.is_empty())
        {
            // Reported once: the remedy is the same for every row.
            if !self.sleutel_gemeld {
                self.sleutel_gemeld = true;
                fout(
                    &mut eigen,
                    if invoer.persoon_naam.is_empty() {
                        "persoon_geboortedatum"
                    } else {
                        "persoon_naam"
                    },
                    "naam en geboortedatum worden alleen gebruikt voor een pseudoniem, en daarvoor is geen sleutel ingesteld. Stel VOOROP_PSEUDONIEM_SLEUTEL in (minstens 32 tekens) of laat persoon_naam en persoon_geboortedatum in alle rijen leeg.",
                );
            }
            invoer.persoon_naam.clear();
            invoer.persoon_geboortedatum.clear();
        }
        let registratie = match service::valideer(self.sleutel, soort, &invoer) {
            Ok(r) => Some(r),
            Err(f) => {
                for f in f {
                    let tekst = zonder_waarden(&f.melding, waarden);
                    fout(&mut eigen, &f.veld, &tekst);
                }
                None
            }
        };
        let casus_ref = Some(waarde("casus_ref").to_string()).filter(|r| !r.is_empty());
        if let (Some(refs), Some(cref), Some(r), Some(reg)) =
            (&mut self.refs, &casus_ref, &regio, &registratie)
        {
            let sleutel = ref_sleutel(cref);
            let regio_i = REGIOS
                .iter()
                .position(|(c, _)| c == r)
                .and_then(|i| u8::try_from(i).ok())
                .unwrap_or(u8::MAX);
            let pseudoniem = reg
                .pseudoniem
                .as_deref()
                .and_then(|p| u128::from_str_radix(p, 16).ok());
            match refs.get(&sleutel).copied() {
                None => {
                    refs.insert(
                        sleutel,
                        (u32::try_from(rij).unwrap_or(u32::MAX), regio_i, pseudoniem),
                    );
                }
                Some((eerste, eerste_regio, _)) if eerste_regio != regio_i => fout(
                    &mut eigen,
                    "casus_ref",
                    &format!(
                        "dezelfde casus_ref als rij {eerste}, maar een andere regio; één casus hoort bij één regio."
                    ),
                ),
                Some((eerste, _, Some(p))) if pseudoniem.is_some_and(|q| q != p) => fout(
                    &mut eigen,
                    "persoon_naam",
                    &format!(
                        "dezelfde casus_ref als rij {eerste}, maar naam of geboortedatum geeft een andere persoon."
                    ),
                ),
                Some((eerste, _, None)) if pseudoniem.is_some() => {
                    // The case gets the pseudonym of the first row that has one.
                    refs.insert(sleutel, (eerste, regio_i, pseudoniem));
                }
                Some(_) => {}
            }
        }
        let klaar = eigen.is_empty();
        fouten.extend(eigen);
        Ok(match (registratie, organisatie, regio) {
            (Some(registratie), Some(organisatie_id), Some(regio)) if klaar => Some(Rij {
                nummer: rij,
                registratie,
                organisatie_id,
                regio,
                casus_ref,
                status,
            }),
            _ => None,
        })
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
    let batch = inst.batch.max(1);
    let lees_fout = |e: std::io::Error| {
        ImportFout::Afgekeurd(vec![Veldfout::new(
            "bestand",
            format!("Het bestand kan niet worden gelezen ({}).", e.kind()),
        )])
    };
    let scheiding = scheiding_van(&mut bron).map_err(lees_fout)?;
    let mut melder = Melder {
        voortgang,
        interval: inst.interval,
        start: Instant::now(),
        laatst: Instant::now(),
    };

    // 1. Check everything, write nothing.
    let mut lezer = Lezer::open(&mut bron, scheiding, true).map_err(ImportFout::Afgekeurd)?;
    let kolommen = lezer.kolommen.clone();
    let mut fouten = kop_controleren(&kolommen);
    if !fouten.is_empty() {
        return Err(ImportFout::Afgekeurd(fouten));
    }
    let mut controleur = Controleur::new(db, sleutel, kolommen.clone(), true);
    let (mut gelezen, mut geweigerd) = (0usize, 0usize);
    loop {
        if fouten.len() >= MAX_FOUTEN {
            break;
        }
        let record = match lezer.volgende() {
            Ok(Some(r)) => r,
            Ok(None) => break,
            Err(f) => {
                fouten.push(f);
                break;
            }
        };
        gelezen += 1;
        match record {
            Record::Geweigerd(f) => {
                geweigerd += 1;
                fouten.extend(f);
            }
            Record::Rij(n, cellen) => {
                let voor = fouten.len();
                controleur.rij(n, &cellen, &mut fouten).await?;
                if fouten.len() > voor {
                    geweigerd += 1;
                }
            }
        }
        let v = Voortgang {
            fase: Fase::Controle,
            gelezen,
            geweigerd,
            opgeslagen: 0,
            totaal: 0,
            laatste_rij: 1,
            per_seconde: 0.0,
            klaar: false,
        };
        melder.meld(v, gelezen);
    }
    melder.meld(
        Voortgang {
            fase: Fase::Controle,
            gelezen,
            geweigerd,
            opgeslagen: 0,
            totaal: gelezen,
            laatste_rij: 1,
            per_seconde: 0.0,
            klaar: true,
        },
        gelezen,
    );
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
    let sha = lezer.sha256().unwrap_or_default();
    let totaal = gelezen;
    drop(controleur);
    drop(lezer);

    // The same file: complete already, or interrupted (resume only when asked).
    let eerder = repo::import_van_bestand(db, &sha).await?;
    let weiger = |tekst: String| Err(ImportFout::Afgekeurd(vec![Veldfout::new("bestand", tekst)]));
    let (mut stand, verder) = match (eerder, inst.hervatten) {
        (Some(i), _) if i.voltooid => {
            return weiger(format!(
                "Dit bestand is al geïmporteerd (import {}, {} momenten, op {}); een tweede keer zou elke rij dubbel opslaan. Er is niets opgeslagen.",
                i.id, i.momenten, i.gestart_op
            ));
        }
        (Some(i), false) => {
            return weiger(format!(
                "Dit bestand is eerder voor een deel geïmporteerd (import {}, gestart op {}): opgeslagen tot en met rij {} ({} momenten). Gebruik --hervatten om verder te gaan na rij {}. Er is nu niets opgeslagen.",
                i.id, i.gestart_op, i.laatste_rij, i.momenten, i.laatste_rij
            ));
        }
        (None, true) => {
            return weiger(
                "Er is geen onderbroken import van dit bestand om te hervatten; laat --hervatten weg om het te importeren.".to_string(),
            );
        }
        (Some(i), true) => {
            let mut pos = csv::Position::new();
            pos.set_byte(i.verder_byte)
                .set_line(i.verder_regel)
                .set_record(i.verder_record);
            let stand = Stand {
                id: i.id,
                sha: sha.clone(),
                laatste_rij: i.laatste_rij,
                momenten: i.momenten,
                casussen: i.casussen,
            };
            (stand, (i.verder_byte > 0).then_some(pos))
        }
        (None, false) => {
            let id = repo::import_beginnen(db, &sha, totaal, &crate::db::nu()).await?;
            (
                Stand {
                    id,
                    sha: sha.clone(),
                    laatste_rij: 1,
                    momenten: 0,
                    casussen: 0,
                },
                None,
            )
        }
    };
    let hervat = verder.is_some();

    // 2. Store in batches. From here on an error leaves the committed batches in place.
    bron.seek(SeekFrom::Start(0)).map_err(|e| {
        onderbroken(
            &stand,
            format!(
                "het bestand kan niet opnieuw worden gelezen ({}).",
                e.kind()
            ),
        )
    })?;
    let mut lezer = match Lezer::open(&mut bron, scheiding, false) {
        Ok(l) => l,
        Err(f) => return Err(onderbroken(&stand, veranderd(&f))),
    };
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
    melder.start = Instant::now();
    let mut controleur = Controleur::new(db, sleutel, kolommen, false);
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
            let mut f = vec![];
            let rij = match record {
                Record::Geweigerd(g) => {
                    f = g;
                    None
                }
                Record::Rij(n, cellen) => match controleur.rij(n, &cellen, &mut f).await {
                    Ok(rij) => rij,
                    Err(e) => return Err(afbreken(lopend, &mut stand, oorzaak(&e)).await),
                },
            };
            match rij {
                Some(rij) if f.is_empty() => rijen.push(rij),
                _ => return Err(afbreken(lopend, &mut stand, veranderd(&f)).await),
            }
        }
        // At the end always: the last batch also marks the import complete.
        if rijen.len() >= portie || einde {
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
            // A pause before every batch with rows after the first; the closing one of an import
            // that ended on a batch boundary stores only the completion, at once.
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
                actor,
                &stand,
                deze,
                lezer.positie(),
                einde,
                vooraf,
            ));
        }
        if einde {
            break;
        }
    }
    if let Some(l) = lopend {
        deze_run += l.afwachten(&mut stand, &mut per_soort).await?.aantal;
    }
    melder.meld(opslaan_voortgang(&stand, deze_run, totaal, true), deze_run);
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
    fn starten(
        db: &Db,
        actor: &Actor,
        stand: &Stand,
        rijen: Vec<Rij>,
        verder: csv::Position,
        laatste: bool,
        vooraf: Vooraf,
    ) -> Lopend {
        let (db, actor, mut na) = (db.clone(), actor.clone(), stand.clone());
        let aantal = rijen.len();
        let taak = tokio::spawn(async move {
            vooraf.wachten(&db).await;
            let begin = Instant::now();
            let mut per_soort = BTreeMap::new();
            let r = batch_opslaan(
                &db,
                &actor,
                &mut na,
                rijen,
                &verder,
                laatste,
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

// ---- documentation --------------------------------------------------------------------------

/// The per-kind column tables of `docs/casus-import.md`, generated from the field declarations
/// (a unit test keeps the document in step with `velden.rs`).
pub fn veldentabel() -> String {
    let mut uit = String::new();
    for soort in Soort::ALLE.iter().copied() {
        uit.push_str(&format!(
            "### `{}`: {}\n\nBetekenis van de kolom `tijdstip`: {}.\n\n| Kolom | Betekenis | Verplicht | Invoer | Gegevens |\n|---|---|---|---|---|\n",
            soort.code(),
            soort.label(),
            soort.tijdstip_label(),
        ));
        for v in velden::velden(soort) {
            let invoer = match v.type_ {
                velden::Type::Tekst => "tekst (max. 300 tekens)".to_string(),
                velden::Type::Lang => "tekst (max. 5000 tekens)".to_string(),
                velden::Type::JaNee => "`ja` of `nee`".to_string(),
                velden::Type::Datum => "datum: `JJJJ-MM-DD` of `DD-MM-JJJJ`".to_string(),
                velden::Type::Tijdstip => "tijdstip: `JJJJ-MM-DD UU:MM`".to_string(),
                velden::Type::Keuze(k) => format!("één van: {}", keuzecodes(k)),
                velden::Type::Meerkeuze(k) => {
                    format!("één of meer, gescheiden door `\\|`: {}", keuzecodes(k))
                }
            };
            uit.push_str(&format!(
                "| `{}` | {} | {} | {} | {} |\n",
                v.code,
                v.label.replace('|', "\\|"),
                if v.verplicht { "ja" } else { "nee" },
                invoer,
                if v.is_persoonlijk() {
                    "persoonsgegevens"
                } else {
                    "proces"
                },
            ));
        }
        let statussen = codes(toegestane_statussen(soort), Status::code);
        uit.push_str(&format!(
            "\nKolom `status` (optioneel): {statussen}. Leeg: `{}`.\n\n",
            soort.begin_status().code()
        ));
    }
    uit.trim_end().to_string() + "\n"
}

fn keuzecodes(k: &[(&str, &str)]) -> String {
    k.iter()
        .map(|(c, l)| format!("`{c}` ({l})"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests;
