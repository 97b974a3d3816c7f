//! Each instance's memory of values read from data that is read far more often than written:
//! the Werkset (catalogue, registrations), the organisation structure (regions, organisations,
//! overleggen) and the Zelfscan (questionnaires, rounds, answers of gemeenten).
//!
//! National pages read the same rows on every view (the national comparison read about 1,700
//! rows per view; with SQLite each row crosses a thread, so that cost more than the page itself).
//! Migration 0020 keeps a version per subject in `gegevens_versie`, bumped by triggers on every
//! write to a table of that subject, whoever writes (this server, another instance, a CLI
//! process). A page reads the versions in one small query ([`stand`]) and reuses a kept value
//! only if it was read at exactly the versions of the subjects it depends on; the value is read
//! *after* the versions, so a write in between makes the next reader read again rather than
//! trust it. [`Geheugen::bij_versies`] does the same with a change marker the caller reads (the
//! indicator counts and the moment list's count under `indicator_versie`). No personal data is
//! kept here: case data only as counts.

use super::Db;
use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Arc, LazyLock, Mutex};

/// A subject of reference data with its own version (`gegevens_versie.onderwerp`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Onderwerp {
    Werkset,
    Organisaties,
    Zelfscan,
}

impl Onderwerp {
    const ALLE: [Onderwerp; 3] = [Self::Werkset, Self::Organisaties, Self::Zelfscan];
    fn code(self) -> &'static str {
        match self {
            Self::Werkset => "werkset",
            Self::Organisaties => "organisaties",
            Self::Zelfscan => "zelfscan",
        }
    }
}

/// The versions of the reference data of one database, read at one moment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stand {
    database: Arc<str>,
    versies: [i64; 3],
}

impl Stand {
    /// Only the versions of `onderwerpen` (the others as 0), to compare what a value depends on.
    fn van(&self, onderwerpen: &[Onderwerp]) -> [i64; 3] {
        let mut v = [0; 3];
        for (i, o) in Onderwerp::ALLE.iter().enumerate() {
            if onderwerpen.contains(o) {
                v[i] = self.versies[i];
            }
        }
        v
    }
}

/// Reads the current versions (one query of three rows).
pub async fn stand(db: &Db) -> sqlx::Result<Stand> {
    let rijen: Vec<(String, i64)> = sqlx::query_as("SELECT onderwerp, versie FROM gegevens_versie")
        .fetch_all(db)
        .await?;
    let versie = |o: Onderwerp| rijen.iter().find(|r| r.0 == o.code()).map_or(0, |r| r.1);
    Ok(Stand {
        database: super::sleutel(db).into(),
        versies: Onderwerp::ALLE.map(versie),
    })
}

/// At most this many values per kind are kept unless the kind says otherwise; more (many test
/// databases in one process, many scopes) starts that kind's memory afresh.
const HOOGSTENS: usize = 1_024;

type Kaart<K, V> = HashMap<(Arc<str>, K), ([i64; 3], Arc<V>)>;

/// The kept values of one kind, by key (for instance a period), read from the tables of some
/// subjects.
pub struct Geheugen<K, V> {
    onderwerpen: &'static [Onderwerp],
    hoogstens: usize,
    kaart: LazyLock<Mutex<Kaart<K, V>>>,
}

impl<K: Eq + Hash + Clone, V> Geheugen<K, V> {
    /// Values read from the tables of `onderwerpen` (and nothing else).
    pub const fn nieuw(onderwerpen: &'static [Onderwerp]) -> Self {
        Self {
            onderwerpen,
            hoogstens: HOOGSTENS,
            kaart: LazyLock::new(|| Mutex::new(HashMap::new())),
        }
    }

    /// At most `n` values (large values: memory stays bounded however many keys are read).
    pub const fn hoogstens(mut self, n: usize) -> Self {
        self.hoogstens = n;
        self
    }

    fn kaart(&self) -> std::sync::MutexGuard<'_, Kaart<K, V>> {
        // A panic elsewhere while holding the lock leaves a consistent map (inserts are atomic).
        self.kaart
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The value of `sleutel` as read at `stand`, or `lezen`'s value (kept for the next reader).
    pub async fn of_lezen<E>(
        &self,
        stand: &Stand,
        sleutel: &K,
        lezen: impl Future<Output = Result<V, E>>,
    ) -> Result<Arc<V>, E> {
        let versies = stand.van(self.onderwerpen);
        self.bewaard(&stand.database, versies, sleutel, lezen).await
    }

    /// As `of_lezen`, with versions the caller read itself, before `lezen` runs: for a kind with
    /// no subjects, kept under another change marker such as `indicator_versie`.
    pub async fn bij_versies<E>(
        &self,
        db: &Db,
        versies: [i64; 3],
        sleutel: &K,
        lezen: impl Future<Output = Result<V, E>>,
    ) -> Result<Arc<V>, E> {
        self.bewaard(&super::sleutel(db).into(), versies, sleutel, lezen)
            .await
    }

    async fn bewaard<E>(
        &self,
        database: &Arc<str>,
        versies: [i64; 3],
        sleutel: &K,
        lezen: impl Future<Output = Result<V, E>>,
    ) -> Result<Arc<V>, E> {
        let k = (database.clone(), sleutel.clone());
        if let Some((s, v)) = self.kaart().get(&k)
            && *s == versies
        {
            return Ok(v.clone());
        }
        let v = Arc::new(lezen.await?);
        let mut kaart = self.kaart();
        if kaart.len() >= self.hoogstens {
            kaart.clear();
        }
        kaart.insert(k, (versies, v.clone()));
        Ok(v)
    }
}
