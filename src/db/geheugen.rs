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
    /// The version of one subject (for a value that also depends on other markers, kept with
    /// [`Geheugen::bij_versies`]).
    pub fn versie(&self, onderwerp: Onderwerp) -> i64 {
        Onderwerp::ALLE
            .iter()
            .position(|o| *o == onderwerp)
            .map_or(0, |i| self.versies[i])
    }
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

/// Reads the current versions (one query of three rows; once per reading request, see
/// [`per_verzoek`]).
pub async fn stand(db: &Db) -> sqlx::Result<Stand> {
    per_verzoek(db, "gegevens_versie", async {
        let rijen: Vec<(String, i64)> =
            sqlx::query_as("SELECT onderwerp, versie FROM gegevens_versie")
                .fetch_all(db)
                .await?;
        let versie = |o: Onderwerp| rijen.iter().find(|r| r.0 == o.code()).map_or(0, |r| r.1);
        Ok(Stand {
            database: super::sleutel(db).into(),
            versies: Onderwerp::ALLE.map(versie),
        })
    })
    .await
}

type Verzoekwaarden = HashMap<(String, &'static str), Arc<dyn std::any::Any + Send + Sync>>;

tokio::task_local! {
    /// The change markers a reading request read so far (see [`per_verzoek`]).
    static VERZOEK: Mutex<Verzoekwaarden>;
}

/// Runs `werk` (one request that only reads) with its own memory of change markers: each
/// marker [`per_verzoek`] reads is read once for the whole request, not once per part of the
/// page that depends on it (the menu's count and the moment list read the same markers).
/// Only for requests that write no case or reference data: a request that writes must see
/// its own write in the markers it reads afterwards.
pub async fn lezend_verzoek<F: Future>(werk: F) -> F::Output {
    VERZOEK.scope(Mutex::default(), werk).await
}

/// The value `naam` of `db` as this reading request read it before, else `lezen`'s (kept for
/// the rest of the request). Outside [`lezend_verzoek`] it always reads.
pub async fn per_verzoek<T, E>(
    db: &Db,
    naam: &'static str,
    lezen: impl Future<Output = Result<T, E>>,
) -> Result<T, E>
where
    T: Clone + Send + Sync + 'static,
{
    let sleutel = (super::sleutel(db), naam);
    let bewaard = VERZOEK.try_with(|v| {
        v.lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .get(&sleutel)
            .and_then(|w| w.downcast_ref::<T>().cloned())
    });
    match bewaard {
        Ok(Some(waarde)) => Ok(waarde),
        // Not in a reading request: nothing to keep.
        Err(_) => lezen.await,
        Ok(None) => {
            let waarde = lezen.await?;
            let _ = VERZOEK.try_with(|v| {
                v.lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner)
                    .insert(sleutel, Arc::new(waarde.clone()));
            });
            Ok(waarde)
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// Within a reading request a marker is read once and every later reader gets that read;
    /// another request, or code outside any request, reads again.
    #[tokio::test]
    async fn een_lezend_verzoek_leest_elke_markering_een_keer() {
        let dir = tempfile::tempdir().unwrap();
        let db = crate::db::open(&dir.path().join("t.db")).await.unwrap();
        let gelezen = AtomicUsize::new(0);
        let lees = || async {
            let n = gelezen.fetch_add(1, Ordering::SeqCst);
            Ok::<usize, sqlx::Error>(n)
        };
        let (a, b) = lezend_verzoek(async {
            let a = per_verzoek(&db, "proef", lees()).await.unwrap();
            let b = per_verzoek(&db, "proef", lees()).await.unwrap();
            (a, b)
        })
        .await;
        assert_eq!(
            (a, b),
            (0, 0),
            "het tweede lezen binnen het verzoek las opnieuw"
        );
        // A second request starts afresh.
        let c = lezend_verzoek(per_verzoek(&db, "proef", lees()))
            .await
            .unwrap();
        assert_eq!(c, 1);
        // Outside a request nothing is kept.
        let d = per_verzoek(&db, "proef", lees()).await.unwrap();
        let e = per_verzoek(&db, "proef", lees()).await.unwrap();
        assert_eq!((d, e), (2, 3));
        // A failed read is not kept: the next reader tries again.
        let (f, g) = lezend_verzoek(async {
            let f = per_verzoek(&db, "fout", async {
                Err::<usize, _>(sqlx::Error::RowNotFound)
            })
            .await;
            let g = per_verzoek(&db, "fout", lees()).await.unwrap();
            (f.is_err(), g)
        })
        .await;
        assert_eq!((f, g), (true, 4));
        // The versions of the reference data, read twice in a request, are one read: a write
        // in between is not seen until the next request.
        let voor = lezend_verzoek(async {
            let voor = stand(&db).await.unwrap();
            sqlx::query(
                "UPDATE gegevens_versie SET versie = versie + 1 WHERE onderwerp = 'werkset'",
            )
            .execute(&db)
            .await
            .unwrap();
            assert_eq!(stand(&db).await.unwrap(), voor);
            voor
        })
        .await;
        let na = lezend_verzoek(stand(&db)).await.unwrap();
        assert_eq!(
            na.versie(Onderwerp::Werkset),
            voor.versie(Onderwerp::Werkset) + 1
        );
    }
}
