//! Typed configuration: defaults, then `VOOROP_*` environment, then command-line flags.

use std::path::PathBuf;
use std::sync::Arc;

/// The key for pseudonymous person keys. Kept out of the database and out of `Debug` output.
#[derive(Clone)]
pub struct Sleutel(Arc<[u8]>);

impl Sleutel {
    pub fn new(bytes: &[u8]) -> Self {
        Self(bytes.into())
    }
    pub fn bytes(&self) -> &[u8] {
        &self.0
    }
}

impl std::fmt::Debug for Sleutel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Sleutel(***)")
    }
}

/// The published key for fictional demo data only. A real installation sets its own key.
pub const DEMO_SLEUTEL: &str = "voorop-demo-sleutel-alleen-voor-fictieve-gegevens";

/// The published audit key for fictional demo data and tests only. A real installation sets
/// its own key (`VOOROP_AUDIT_SLEUTEL`); `serve` without `--demo` refuses to start without one.
pub const DEMO_AUDIT_SLEUTEL: &str = "voorop-demo-auditsleutel-alleen-voor-fictieve-gegevens";

/// Minimum key length in bytes.
pub const MIN_SLEUTEL: usize = 32;

#[derive(Clone)]
pub struct Config {
    /// Path of the SQLite database file.
    pub db: PathBuf,
    /// Whether the session cookie gets the `Secure` flag (set behind HTTPS).
    pub secure_cookies: bool,
    /// Maximum upload size in bytes (Excel files, questionnaire files).
    pub max_upload: usize,
    /// Key of the pseudonymous person key (`VOOROP_PSEUDONIEM_SLEUTEL` or the file named by
    /// `VOOROP_PSEUDONIEM_SLEUTEL_BESTAND`). Without it no person key can be made.
    pub pseudoniem_sleutel: Option<Sleutel>,
    /// Key of the audit log's hash chain (`VOOROP_AUDIT_SLEUTEL` or the file named by
    /// `VOOROP_AUDIT_SLEUTEL_BESTAND`), kept outside the database. `None` when not configured.
    pub audit_sleutel: Option<Sleutel>,
    /// The audit log's head file (`VOOROP_AUDIT_KOP`, default the database path plus
    /// `.auditkop`); see `audit::kop`.
    pub audit_kop: PathBuf,
    /// Months after a case is closed before its personal data is erased
    /// (`VOOROP_BEWAARTERMIJN_MAANDEN`, default 24).
    pub bewaartermijn_maanden: u32,
    /// Counts below this are shown as "<N" and no percentage is derived from them
    /// (`VOOROP_ONDERDRUKKING`, default 5).
    pub onderdrukking: u64,
}

impl Config {
    /// Defaults and environment. Errors are Dutch and name the variable.
    pub fn uit_omgeving(db: PathBuf) -> Result<Self, String> {
        let getal = |naam: &str, standaard: u64, min: u64| -> Result<u64, String> {
            match std::env::var(naam) {
                Ok(v) => v
                    .trim()
                    .parse::<u64>()
                    .ok()
                    .filter(|n| *n >= min)
                    .ok_or_else(|| {
                        format!("{naam} moet een geheel getal van minstens {min} zijn, niet '{v}'.")
                    }),
                Err(_) => Ok(standaard),
            }
        };
        let sleutel = lees_sleutel(
            "VOOROP_PSEUDONIEM_SLEUTEL",
            "VOOROP_PSEUDONIEM_SLEUTEL_BESTAND",
            "De pseudoniemsleutel",
        )?;
        let audit_sleutel = lees_sleutel(
            "VOOROP_AUDIT_SLEUTEL",
            "VOOROP_AUDIT_SLEUTEL_BESTAND",
            "De auditsleutel",
        )?;
        let audit_kop = match std::env::var_os("VOOROP_AUDIT_KOP") {
            Some(pad) if !pad.is_empty() => PathBuf::from(pad),
            _ => standaard_kop(&db),
        };
        Ok(Self {
            db,
            secure_cookies: std::env::var("VOOROP_SECURE_COOKIES").is_ok_and(|v| v == "1"),
            max_upload: 10 * 1024 * 1024,
            pseudoniem_sleutel: sleutel.map(|s| Sleutel::new(&s)),
            audit_sleutel: audit_sleutel.map(|s| Sleutel::new(&s)),
            audit_kop,
            bewaartermijn_maanden: u32::try_from(getal("VOOROP_BEWAARTERMIJN_MAANDEN", 24, 1)?)
                .map_err(|_| "VOOROP_BEWAARTERMIJN_MAANDEN is te groot.".to_string())?,
            onderdrukking: getal("VOOROP_ONDERDRUKKING", 5, 1)?,
        })
    }

    /// Defaults only (tests, benchmarks): demo keys, 24 months, threshold 5.
    pub fn new(db: PathBuf) -> Self {
        Self {
            audit_sleutel: Some(Sleutel::new(DEMO_AUDIT_SLEUTEL.as_bytes())),
            audit_kop: standaard_kop(&db),
            db,
            secure_cookies: false,
            max_upload: 10 * 1024 * 1024,
            pseudoniem_sleutel: Some(Sleutel::new(DEMO_SLEUTEL.as_bytes())),
            bewaartermijn_maanden: 24,
            onderdrukking: 5,
        }
    }

    /// The demo keys (pseudonym and audit) where none is configured (only for `--demo`:
    /// fictional data).
    pub fn met_demo_sleutel(mut self) -> Self {
        if self.pseudoniem_sleutel.is_none() {
            self.pseudoniem_sleutel = Some(Sleutel::new(DEMO_SLEUTEL.as_bytes()));
        }
        if self.audit_sleutel.is_none() {
            self.audit_sleutel = Some(Sleutel::new(DEMO_AUDIT_SLEUTEL.as_bytes()));
        }
        self
    }
}

/// The head file next to the database: `<db>.auditkop`.
pub fn standaard_kop(db: &std::path::Path) -> PathBuf {
    let mut pad = db.as_os_str().to_owned();
    pad.push(".auditkop");
    PathBuf::from(pad)
}

/// A key from the variable `naam`, or from the file named by `bestand` (trimmed); at least
/// [`MIN_SLEUTEL`] bytes. `wat` names the key in the Dutch error message.
fn lees_sleutel(naam: &str, bestand: &str, wat: &str) -> Result<Option<Vec<u8>>, String> {
    let sleutel = match (std::env::var(naam), std::env::var(bestand)) {
        (Ok(s), _) => Some(s.into_bytes()),
        (_, Ok(pad)) => Some(
            std::fs::read(&pad)
                .map_err(|e| format!("Kan sleutelbestand {pad} niet lezen: {e}"))?
                .trim_ascii()
                .to_vec(),
        ),
        _ => None,
    };
    match sleutel {
        Some(s) if s.len() < MIN_SLEUTEL => Err(format!(
            "{wat} moet minstens {MIN_SLEUTEL} tekens lang zijn ({naam})."
        )),
        s => Ok(s),
    }
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("db", &self.db)
            .field("secure_cookies", &self.secure_cookies)
            .field("bewaartermijn_maanden", &self.bewaartermijn_maanden)
            .field("onderdrukking", &self.onderdrukking)
            .field("audit_kop", &self.audit_kop)
            .finish_non_exhaustive()
    }
}
