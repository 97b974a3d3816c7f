//! Typed configuration: defaults, then `VOOROP_*` environment, then command-line flags.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

/// The limits of the sign-in protection (`auth::inlogbeveiliging`), configurable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Inloglimieten {
    pub max_pogingen: u32,
    pub venster: Duration,
    pub blokkade: Duration,
    pub max_vertraging: Duration,
}

impl Default for Inloglimieten {
    fn default() -> Self {
        Self {
            max_pogingen: 5,
            venster: Duration::from_secs(15 * 60),
            blokkade: Duration::from_secs(15 * 60),
            max_vertraging: Duration::from_secs(30),
        }
    }
}

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
    /// The database: an SQLite file or a PostgreSQL address.
    pub db: crate::db::Locatie,
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
    /// Key for the TOTP secrets at rest (`VOOROP_GEHEIM_SLEUTEL` or the file named by
    /// `VOOROP_GEHEIM_SLEUTEL_BESTAND`). `None`: a subkey of the audit key is used.
    pub geheim_sleutel: Option<Sleutel>,
    /// The audit log's head file (`VOOROP_AUDIT_KOP`, default the database path plus
    /// `.auditkop`); see `audit::kop`.
    pub audit_kop: PathBuf,
    /// Months after a case is closed before its personal data is erased
    /// (`VOOROP_BEWAARTERMIJN_MAANDEN`, default 24).
    pub bewaartermijn_maanden: u32,
    /// Years an audit row is kept before `voorop audit opschonen` (and `serve` daily) removes
    /// it (`VOOROP_AUDIT_BEWAARTERMIJN_JAREN`, default 5, NEN 7513).
    pub audit_bewaartermijn_jaren: u32,
    /// Counts below this are shown as "<N" and no percentage is derived from them
    /// (`VOOROP_ONDERDRUKKING`, default 5).
    pub onderdrukking: u64,
    /// Sign-in throttling: `VOOROP_INLOG_MAX_POGINGEN` (5), `VOOROP_INLOG_VENSTER_MINUTEN` (15),
    /// `VOOROP_INLOG_BLOKKADE_MINUTEN` (15), `VOOROP_INLOG_VERTRAGING_MAX_SECONDEN` (30).
    pub inlog: Inloglimieten,
    /// Take the client address for the sign-in brake from the last `X-Forwarded-For` entry
    /// (`VOOROP_VERTROUW_PROXY=1`, only behind a reverse proxy that sets it).
    pub vertrouw_proxy: bool,
    /// A session ends after this much inactivity (`VOOROP_SESSIE_INACTIEF_MINUTEN`, 30).
    pub sessie_inactief: Duration,
    /// A session ends this long after sign-in, active or not (`VOOROP_SESSIE_MAX_UREN`, 12).
    pub sessie_max: Duration,
    /// Folder for the daily verified backup of `serve` (`VOOROP_BACKUP_MAP`; none if unset).
    pub backup_map: Option<PathBuf>,
    /// How many daily backups are kept (`VOOROP_BACKUP_AANTAL`, default 14).
    pub backup_aantal: usize,
    /// The SMTP server for e-mail notifications (`VOOROP_SMTP_*`); `None`: notifications are
    /// shown in Voorop only.
    pub smtp: Option<Smtp>,
    /// The address users reach Voorop at, for the links in e-mails (`VOOROP_BASIS_URL`,
    /// default `http://127.0.0.1:8080`).
    pub basis_url: String,
}

/// How e-mail leaves Voorop: `VOOROP_SMTP_HOST` (required to send at all), `VOOROP_SMTP_POORT`
/// (default 587, or 465 with `tls`), `VOOROP_SMTP_BEVEILIGING` (`starttls` (default), `tls`,
/// or `geen` for a relay on the same machine or network only), `VOOROP_SMTP_GEBRUIKER` and
/// `VOOROP_SMTP_WACHTWOORD` (optional), `VOOROP_SMTP_AFZENDER` (required).
#[derive(Debug, Clone)]
pub struct Smtp {
    pub host: String,
    pub poort: u16,
    pub beveiliging: SmtpBeveiliging,
    pub gebruiker: Option<(String, String)>,
    pub afzender: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SmtpBeveiliging {
    Starttls,
    Tls,
    Geen,
}

impl Smtp {
    fn uit_omgeving() -> Result<Option<Self>, String> {
        let var = |n: &str| std::env::var(n).ok().filter(|v| !v.trim().is_empty());
        let Some(host) = var("VOOROP_SMTP_HOST") else {
            return Ok(None);
        };
        let beveiliging = match var("VOOROP_SMTP_BEVEILIGING").as_deref() {
            None | Some("starttls") => SmtpBeveiliging::Starttls,
            Some("tls") => SmtpBeveiliging::Tls,
            Some("geen") => SmtpBeveiliging::Geen,
            Some(v) => {
                return Err(format!(
                    "VOOROP_SMTP_BEVEILIGING moet starttls, tls of geen zijn, niet '{v}'."
                ));
            }
        };
        let poort = match var("VOOROP_SMTP_POORT") {
            None if beveiliging == SmtpBeveiliging::Tls => 465,
            None => 587,
            Some(p) => p
                .trim()
                .parse::<u16>()
                .ok()
                .filter(|p| *p > 0)
                .ok_or_else(|| {
                    format!("VOOROP_SMTP_POORT moet een poortnummer (1-65535) zijn, niet '{p}'.")
                })?,
        };
        let afzender = var("VOOROP_SMTP_AFZENDER").ok_or(
            "Stel VOOROP_SMTP_AFZENDER in (het afzendadres van de e-mails), of laat \
             VOOROP_SMTP_HOST leeg."
                .to_string(),
        )?;
        if !afzender.contains('@') {
            return Err(format!(
                "VOOROP_SMTP_AFZENDER moet een e-mailadres zijn, niet '{afzender}'."
            ));
        }
        let gebruiker = match (var("VOOROP_SMTP_GEBRUIKER"), var("VOOROP_SMTP_WACHTWOORD")) {
            (Some(g), Some(w)) => Some((g, w)),
            (None, None) => None,
            _ => {
                return Err(
                    "Stel VOOROP_SMTP_GEBRUIKER en VOOROP_SMTP_WACHTWOORD allebei in, of geen van beide."
                        .into(),
                );
            }
        };
        Ok(Some(Smtp {
            host: host.trim().to_string(),
            poort,
            beveiliging,
            gebruiker,
            afzender: afzender.trim().to_string(),
        }))
    }
}

impl Config {
    /// Defaults and environment. Errors are Dutch and name the variable.
    pub fn uit_omgeving(db: crate::db::Locatie) -> Result<Self, String> {
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
        let geheim_sleutel = lees_sleutel(
            "VOOROP_GEHEIM_SLEUTEL",
            "VOOROP_GEHEIM_SLEUTEL_BESTAND",
            "De geheimsleutel",
        )?;
        let audit_kop = match std::env::var_os("VOOROP_AUDIT_KOP") {
            Some(pad) if !pad.is_empty() => PathBuf::from(pad),
            _ => standaard_kop(&db).ok_or(
                "Stel VOOROP_AUDIT_KOP in bij PostgreSQL: het bestand waarin deze instantie de \
                 kop van de auditketen bewaart, buiten de database (één per instantie)."
                    .to_string(),
            )?,
        };
        let minuten = |naam: &str, standaard: u64| -> Result<Duration, String> {
            Ok(Duration::from_secs(
                getal(naam, standaard, 1)?.min(100_000) * 60,
            ))
        };
        let secure_cookies = match std::env::var("VOOROP_SECURE_COOKIES").as_deref() {
            Err(_) | Ok("1") => true,
            Ok("0") => false,
            Ok(v) => {
                return Err(format!(
                    "VOOROP_SECURE_COOKIES moet 1 of 0 zijn, niet '{v}'."
                ));
            }
        };
        Ok(Self {
            db,
            secure_cookies,
            inlog: Inloglimieten {
                max_pogingen: u32::try_from(getal("VOOROP_INLOG_MAX_POGINGEN", 5, 1)?.min(1000))
                    .unwrap_or(5),
                venster: minuten("VOOROP_INLOG_VENSTER_MINUTEN", 15)?,
                blokkade: minuten("VOOROP_INLOG_BLOKKADE_MINUTEN", 15)?,
                max_vertraging: Duration::from_secs(
                    getal("VOOROP_INLOG_VERTRAGING_MAX_SECONDEN", 30, 0)?.min(3600),
                ),
            },
            vertrouw_proxy: std::env::var("VOOROP_VERTROUW_PROXY").is_ok_and(|v| v == "1"),
            sessie_inactief: minuten("VOOROP_SESSIE_INACTIEF_MINUTEN", 30)?,
            sessie_max: minuten("VOOROP_SESSIE_MAX_UREN", 12)? * 60,
            backup_map: std::env::var_os("VOOROP_BACKUP_MAP").map(PathBuf::from),
            backup_aantal: usize::try_from(getal("VOOROP_BACKUP_AANTAL", 14, 1)?.min(10_000))
                .unwrap_or(14),
            max_upload: 10 * 1024 * 1024,
            pseudoniem_sleutel: sleutel.map(|s| Sleutel::new(&s)),
            audit_sleutel: audit_sleutel.map(|s| Sleutel::new(&s)),
            geheim_sleutel: geheim_sleutel.map(|s| Sleutel::new(&s)),
            audit_kop,
            bewaartermijn_maanden: u32::try_from(getal("VOOROP_BEWAARTERMIJN_MAANDEN", 24, 1)?)
                .map_err(|_| "VOOROP_BEWAARTERMIJN_MAANDEN is te groot.".to_string())?,
            audit_bewaartermijn_jaren: u32::try_from(
                getal("VOOROP_AUDIT_BEWAARTERMIJN_JAREN", 5, 1)?.min(1000),
            )
            .unwrap_or(5),
            onderdrukking: getal("VOOROP_ONDERDRUKKING", 5, 1)?,
            smtp: Smtp::uit_omgeving()?,
            basis_url: basis_url(std::env::var("VOOROP_BASIS_URL").ok())?,
        })
    }

    /// Defaults only (tests, benchmarks): demo keys, 24 months, threshold 5, no `Secure`
    /// cookie (the tests talk plain HTTP to 127.0.0.1).
    /// On PostgreSQL the head file goes to the temporary directory unless set afterwards.
    pub fn new(db: impl Into<crate::db::Locatie>) -> Self {
        let db = db.into();
        Self {
            audit_sleutel: Some(Sleutel::new(DEMO_AUDIT_SLEUTEL.as_bytes())),
            geheim_sleutel: None,
            audit_kop: standaard_kop(&db).unwrap_or_else(|| {
                std::env::temp_dir().join(format!("voorop-{}.auditkop", std::process::id()))
            }),
            db,
            secure_cookies: false,
            inlog: Inloglimieten::default(),
            vertrouw_proxy: false,
            sessie_inactief: Duration::from_secs(30 * 60),
            sessie_max: Duration::from_secs(12 * 3600),
            backup_map: None,
            backup_aantal: 14,
            max_upload: 10 * 1024 * 1024,
            pseudoniem_sleutel: Some(Sleutel::new(DEMO_SLEUTEL.as_bytes())),
            bewaartermijn_maanden: 24,
            audit_bewaartermijn_jaren: 5,
            onderdrukking: 5,
            smtp: None,
            basis_url: STANDAARD_BASIS_URL.into(),
        }
    }

    /// For `serve --demo` (fictional data): the demo keys (pseudonym and audit) where none is
    /// configured, and plain HTTP cookies on the local demo unless `VOOROP_SECURE_COOKIES` says
    /// otherwise.
    pub fn met_demo_sleutel(mut self) -> Self {
        if self.pseudoniem_sleutel.is_none() {
            self.pseudoniem_sleutel = Some(Sleutel::new(DEMO_SLEUTEL.as_bytes()));
        }
        if self.audit_sleutel.is_none() {
            self.audit_sleutel = Some(Sleutel::new(DEMO_AUDIT_SLEUTEL.as_bytes()));
        }
        if std::env::var("VOOROP_SECURE_COOKIES").is_err() {
            self.secure_cookies = false;
        }
        self
    }
}

const STANDAARD_BASIS_URL: &str = "http://127.0.0.1:8080";

/// `VOOROP_BASIS_URL` without a trailing slash; an http(s) address.
fn basis_url(v: Option<String>) -> Result<String, String> {
    let Some(v) = v.filter(|v| !v.trim().is_empty()) else {
        return Ok(STANDAARD_BASIS_URL.into());
    };
    let v = v.trim().trim_end_matches('/');
    if (v.starts_with("https://") || v.starts_with("http://")) && !v.contains(char::is_whitespace) {
        Ok(v.to_string())
    } else {
        Err(format!(
            "VOOROP_BASIS_URL moet beginnen met https:// of http://, niet '{v}'."
        ))
    }
}

/// The head file next to an SQLite database: `<db>.auditkop`. PostgreSQL has no file to sit
/// next to: there `VOOROP_AUDIT_KOP` names it.
pub fn standaard_kop(db: &crate::db::Locatie) -> Option<PathBuf> {
    db.pad().map(kop_naast)
}

/// `<pad>.auditkop`.
pub fn kop_naast(pad: &std::path::Path) -> PathBuf {
    let mut pad = pad.as_os_str().to_owned();
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
            .field("audit_bewaartermijn_jaren", &self.audit_bewaartermijn_jaren)
            .field("onderdrukking", &self.onderdrukking)
            .field("inlog", &self.inlog)
            .field("vertrouw_proxy", &self.vertrouw_proxy)
            .field("sessie_inactief", &self.sessie_inactief)
            .field("sessie_max", &self.sessie_max)
            .field("backup_map", &self.backup_map)
            .field("backup_aantal", &self.backup_aantal)
            .field("audit_kop", &self.audit_kop)
            .finish_non_exhaustive()
    }
}
