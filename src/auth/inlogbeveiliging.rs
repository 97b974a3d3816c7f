//! Throttling of sign-in attempts (OWASP ASVS 2.2.1, BIO 9.4.2).
//!
//! Two independent brakes:
//! - **per account** (stored in the database, so it holds across restarts): after
//!   `max_pogingen` failures within `venster` the account is locked for `blokkade`, also for
//!   the right password. The answer to the user stays the same generic message, so it does not
//!   reveal whether the e-mail address exists or is locked.
//! - **per client address** (in the database, so it holds for all instances on one database):
//!   from the third failure in the window every further attempt from that address waits 1, 2,
//!   4, … seconds, up to `max_vertraging`, before the password is even checked. A success from
//!   the address clears it. The address is stored only as a keyed hash (see [`Adresremming`]).
//!
//! Besides, argon2 runs for at most [`ARGON2_GELIJKTIJDIG`] attempts at once and at most
//! [`ARGON2_WACHTRIJ`] wait for their turn; further attempts are answered at once with "te
//! druk" (429). A flood of attempts therefore costs bounded memory (argon2 takes 19 MiB each).

use crate::db::Db;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::net::IpAddr;
use std::time::Duration;

/// Argon2 hashes computed at the same time.
pub const ARGON2_GELIJKTIJDIG: usize = 2;
/// Sign-ins that may wait for an argon2 slot; beyond this they are refused.
pub const ARGON2_WACHTRIJ: usize = 32;
/// Failures from one address before the delay starts.
const VRIJE_POGINGEN_PER_ADRES: u32 = 2;

pub use crate::config::Inloglimieten;

/// The stored failure state of one account (epoch milliseconds).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, sqlx::FromRow)]
pub struct Accountstatus {
    pub mislukte_pogingen: i64,
    pub eerste_mislukt_ms: i64,
    pub geblokkeerd_tot_ms: i64,
}

/// What a sign-in attempt does to an account's state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Uitkomst {
    /// The account is locked: refuse without looking at the password.
    Geblokkeerd,
    /// Password right (and not locked): clear the state.
    Gelukt,
    /// Password wrong: store the new state; `nu_geblokkeerd` when this failure locked it.
    Mislukt {
        nieuw: Accountstatus,
        nu_geblokkeerd: bool,
    },
}

impl Accountstatus {
    /// Locked at `nu`?
    pub fn geblokkeerd(&self, nu_ms: i64) -> bool {
        self.geblokkeerd_tot_ms > nu_ms
    }

    /// A lock that has run out (to be audited as an unlock and cleared).
    pub fn blokkade_verlopen(&self, nu_ms: i64) -> bool {
        self.geblokkeerd_tot_ms > 0 && self.geblokkeerd_tot_ms <= nu_ms
    }

    /// The rule: count failures within the window; the `max_pogingen`-th locks the account.
    pub fn poging(&self, wachtwoord_juist: bool, nu_ms: i64, l: &Inloglimieten) -> Uitkomst {
        if self.geblokkeerd(nu_ms) {
            return Uitkomst::Geblokkeerd;
        }
        if wachtwoord_juist {
            return Uitkomst::Gelukt;
        }
        let venster = ms(l.venster);
        let binnen_venster = self.mislukte_pogingen > 0 && nu_ms - self.eerste_mislukt_ms < venster;
        let (aantal, eerste) = if binnen_venster {
            (self.mislukte_pogingen + 1, self.eerste_mislukt_ms)
        } else {
            (1, nu_ms)
        };
        let nu_geblokkeerd = aantal >= i64::from(l.max_pogingen);
        Uitkomst::Mislukt {
            nieuw: if nu_geblokkeerd {
                Accountstatus {
                    mislukte_pogingen: 0,
                    eerste_mislukt_ms: 0,
                    geblokkeerd_tot_ms: nu_ms + ms(l.blokkade),
                }
            } else {
                Accountstatus {
                    mislukte_pogingen: aantal,
                    eerste_mislukt_ms: eerste,
                    geblokkeerd_tot_ms: 0,
                }
            },
            nu_geblokkeerd,
        }
    }
}

fn ms(d: Duration) -> i64 {
    i64::try_from(d.as_millis()).unwrap_or(i64::MAX)
}

/// Failures per client address, counted in the database (`inlog_adres`) so that every instance
/// on one database sees the failures made at the others. An address is personal data: the table
/// holds a keyed hash of it (HMAC-SHA256 with a key derived from the audit key, so it cannot be
/// reversed by trying all IPv4 addresses without that key), and a count is removed once its
/// window has passed.
pub struct Adresremming {
    limieten: Inloglimieten,
    sleutel: Vec<u8>,
}

impl std::fmt::Debug for Adresremming {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Adresremming")
            .field("limieten", &self.limieten)
            .finish_non_exhaustive()
    }
}

impl Adresremming {
    /// `basis`: the audit key; the hashing key is derived from it, for this use only.
    pub fn new(limieten: Inloglimieten, basis: &[u8]) -> Self {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(basis).expect("HMAC: elke sleutel");
        mac.update(b"voorop inlog-adres v1");
        Self {
            limieten,
            sleutel: mac.finalize().into_bytes().to_vec(),
        }
    }

    /// The stored key of an address.
    fn adres_sleutel(&self, adres: IpAddr) -> String {
        let mut mac =
            <Hmac<Sha256> as Mac>::new_from_slice(&self.sleutel).expect("HMAC: elke sleutel");
        mac.update(adres.to_string().as_bytes());
        mac.finalize().into_bytes()[..16]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }

    fn verlopen_ms(&self, nu_ms: i64) -> i64 {
        nu_ms.saturating_sub(ms(self.limieten.venster))
    }

    /// How long an attempt from `adres` waits before it is handled. When the count cannot be
    /// read, the longest wait (fail closed).
    pub async fn vertraging(&self, db: &Db, adres: IpAddr) -> Duration {
        let sinds = self.verlopen_ms(crate::db::nu_ms());
        match super::repo::adres_mislukt_telling(db, &self.adres_sleutel(adres), sinds).await {
            Ok(n) => vertraging_na(
                u32::try_from(n).unwrap_or(u32::MAX),
                self.limieten.max_vertraging,
            ),
            Err(e) => {
                tracing::error!(fout = %e, "inlogremming: telling niet te lezen");
                self.limieten.max_vertraging
            }
        }
    }

    pub async fn mislukt(&self, db: &Db, adres: IpAddr) {
        let nu = crate::db::nu_ms();
        if let Err(e) =
            super::repo::adres_mislukt(db, &self.adres_sleutel(adres), nu, self.verlopen_ms(nu))
                .await
        {
            tracing::error!(fout = %e, "inlogremming: mislukte poging niet vastgelegd");
        }
    }

    pub async fn gelukt(&self, db: &Db, adres: IpAddr) {
        if let Err(e) = super::repo::adres_gelukt(db, &self.adres_sleutel(adres)).await {
            tracing::error!(fout = %e, "inlogremming: adres niet vergeten");
        }
    }
}

/// 0 for the first free failures, then 1 s, 2 s, 4 s, … up to `max`.
pub fn vertraging_na(mislukt: u32, max: Duration) -> Duration {
    if mislukt <= VRIJE_POGINGEN_PER_ADRES {
        return Duration::ZERO;
    }
    let stap = (mislukt - VRIJE_POGINGEN_PER_ADRES - 1).min(16);
    Duration::from_secs(1u64 << stap).min(max)
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIN: i64 = 60_000;

    #[test]
    fn vijfde_mislukking_binnen_het_venster_blokkeert() {
        let l = Inloglimieten::default();
        let mut s = Accountstatus::default();
        for i in 1..=5 {
            match s.poging(false, i * MIN, &l) {
                Uitkomst::Mislukt {
                    nieuw,
                    nu_geblokkeerd,
                } => {
                    assert_eq!(nu_geblokkeerd, i == 5, "poging {i}");
                    s = nieuw;
                }
                u => panic!("{u:?}"),
            }
        }
        assert_eq!(s.geblokkeerd_tot_ms, 5 * MIN + 15 * MIN);
        // Locked: even the right password is refused, until the lock has run out.
        assert_eq!(s.poging(true, 19 * MIN, &l), Uitkomst::Geblokkeerd);
        assert!(!s.blokkade_verlopen(19 * MIN));
        assert!(s.blokkade_verlopen(20 * MIN));
        assert_eq!(s.poging(true, 20 * MIN, &l), Uitkomst::Gelukt);
    }

    #[test]
    fn mislukkingen_buiten_het_venster_tellen_opnieuw() {
        let l = Inloglimieten::default();
        let s = Accountstatus {
            mislukte_pogingen: 4,
            eerste_mislukt_ms: 0,
            geblokkeerd_tot_ms: 0,
        };
        match s.poging(false, 16 * MIN, &l) {
            Uitkomst::Mislukt {
                nieuw,
                nu_geblokkeerd: false,
            } => assert_eq!(
                (nieuw.mislukte_pogingen, nieuw.eerste_mislukt_ms),
                (1, 16 * MIN)
            ),
            u => panic!("{u:?}"),
        }
        match s.poging(false, 14 * MIN, &l) {
            Uitkomst::Mislukt {
                nu_geblokkeerd: true,
                ..
            } => {}
            u => panic!("{u:?}"),
        }
    }

    #[test]
    fn vertraging_loopt_op_tot_het_maximum() {
        let max = Duration::from_secs(30);
        let reeks: Vec<u64> = (0..=9).map(|n| vertraging_na(n, max).as_secs()).collect();
        assert_eq!(reeks, [0, 0, 0, 1, 2, 4, 8, 16, 30, 30]);
        assert_eq!(vertraging_na(u32::MAX, max), max);
    }

    #[tokio::test]
    async fn adres_wordt_vergeten_na_succes() {
        let dir = tempfile::tempdir().unwrap();
        let db = crate::db::open(&dir.path().join("a.db")).await.unwrap();
        let r = Adresremming::new(Inloglimieten::default(), b"een-sleutel");
        let a: IpAddr = "192.0.2.7".parse().unwrap();
        let b: IpAddr = "192.0.2.8".parse().unwrap();
        for _ in 0..4 {
            r.mislukt(&db, a).await;
        }
        assert_eq!(r.vertraging(&db, a).await, Duration::from_secs(2));
        assert_eq!(r.vertraging(&db, b).await, Duration::ZERO);
        // Only keyed hashes are stored, never the address.
        let opgeslagen: Vec<String> = sqlx::query_scalar("SELECT sleutel FROM inlog_adres")
            .fetch_all(&db)
            .await
            .unwrap();
        assert_eq!(opgeslagen.len(), 1);
        assert!(!opgeslagen[0].contains("192.0.2"));
        assert_ne!(
            opgeslagen[0],
            Adresremming::new(Inloglimieten::default(), b"andere-sleutel").adres_sleutel(a)
        );
        r.gelukt(&db, a).await;
        assert_eq!(r.vertraging(&db, a).await, Duration::ZERO);
    }

    #[tokio::test]
    async fn telling_verloopt_na_het_venster() {
        let dir = tempfile::tempdir().unwrap();
        let db = crate::db::open(&dir.path().join("a.db")).await.unwrap();
        let r = Adresremming::new(Inloglimieten::default(), b"een-sleutel");
        let a: IpAddr = "2001:db8::7".parse().unwrap();
        for _ in 0..5 {
            r.mislukt(&db, a).await;
        }
        r.mislukt(&db, "2001:db8::8".parse().unwrap()).await;
        assert_eq!(r.vertraging(&db, a).await, Duration::from_secs(4));
        // The count began 16 minutes ago: outside the window of 15, it no longer counts, and
        // the next failure starts a new count and removes the other address's expired row.
        sqlx::query("UPDATE inlog_adres SET sinds_ms = sinds_ms - 16 * 60000")
            .execute(&db)
            .await
            .unwrap();
        assert_eq!(r.vertraging(&db, a).await, Duration::ZERO);
        r.mislukt(&db, a).await;
        let rijen: Vec<(i64,)> = sqlx::query_as("SELECT mislukt FROM inlog_adres")
            .fetch_all(&db)
            .await
            .unwrap();
        assert_eq!(rijen, vec![(1,)]);
    }
}
