//! Reading the file: encoding, separator, quoting, and a guard on the length of a row.

use super::*;

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
    pub(super) fn new(binnen: R, scheiding: u8, hash: bool) -> Self {
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

    pub(super) fn fout(&mut self, offset: u64, melding: &'static str) {
        // One per record, so the queue holds at most the records the CSV reader's buffer
        // reads ahead; the cap is a second bound.
        if !self.fout_in_rij && self.fouten.len() < 16 * 1024 {
            self.fouten.push_back((offset, melding));
        }
        self.fout_in_rij = true;
    }

    pub(super) fn rij_einde(&mut self) {
        self.toestand = Aanhaling::Begin;
        self.rij_lengte = 0;
        self.fout_in_rij = false;
    }

    pub(super) fn stap(&mut self, b: u8) {
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
pub(super) enum Record {
    /// A data row: its number (header = 1) and its cells.
    Rij(usize, Vec<String>),
    /// A row refused while reading (quotes, control characters); reading goes on.
    Geweigerd(Vec<Veldfout>),
}

/// A CSV file read record by record, with the checks of [`Bewaker`], cells decoded and
/// trimmed, control characters refused.
pub(super) struct Lezer<R: Read> {
    csv: csv::Reader<Bewaker<R>>,
    record: csv::ByteRecord,
    /// Normalised column names (empty for a column without a name).
    pub(super) kolommen: Vec<String>,
}

fn rij_regel(rij: usize, regel: u64, tekst: &str) -> String {
    format!("Rij {rij} (regel {regel} van het bestand): {tekst}")
}

/// The delimiter from the first line of a seekable source, which is then rewound.
pub(super) fn scheiding_van<R: Read + Seek>(bron: &mut R) -> std::io::Result<u8> {
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
    pub(super) fn open(bron: R, scheiding: u8, hash: bool) -> Result<Self, Vec<Veldfout>> {
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
        if kolommen.iter().all(std::string::String::is_empty) {
            return Err(leeg());
        }
        lezer.kolommen = kolommen;
        Ok(lezer)
    }

    /// The next record, `None` at the end; an error stops reading (a row too long, a read
    /// error). Completely empty rows are skipped. Nothing of a record's content is ever part
    /// of a message.
    pub(super) fn volgende(&mut self) -> Result<Option<Record>, Veldfout> {
        loop {
            let voor = self.csv.position().clone();
            let rij = usize::try_from(voor.record()).unwrap_or(usize::MAX - 1) + 1;
            match self.csv.read_byte_record(&mut self.record) {
                Ok(false) => return Ok(None),
                Ok(true) => {}
                Err(e) => {
                    let tekst = match e.kind() {
                        csv::ErrorKind::Io(io) if matches!(io.get_ref(), Some(e) if e.is::<TeLangeRij>()) =>
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
            let mut regel = self
                .record
                .position()
                .map_or(voor.line(), csv::Position::line);
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
    pub(super) fn positie(&self) -> csv::Position {
        self.csv.position().clone()
    }

    pub(super) fn sha256(&mut self) -> Option<String> {
        self.csv.get_mut().sha.take().map(|s| hex(&s.finalize()))
    }
}

impl<R: Read + Seek> Lezer<R> {
    pub(super) fn naar(&mut self, pos: &csv::Position) -> std::io::Result<()> {
        self.csv.seek(pos.clone()).map_err(|e| match e.into_kind() {
            csv::ErrorKind::Io(io) => io,
            _ => std::io::Error::other("zoeken in het bestand mislukt"),
        })
    }
}

pub(super) fn hex(bytes: &[u8]) -> String {
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
