//! Each instance's memory of values read from data that is read far more often than written:
//! the Werkset (catalogue, registrations), the organisation structure (regions, organisations,
//! overleggen) and the Zelfscan (questionnaires, rounds, answers of gemeenten).
//!
//! National pages read the same rows on every view (the national comparison read about 1,700
//! rows per view; with SQLite each row crosses a thread, so that cost more than the page itself).
//! Migration 0020 keeps a version per subject in `gegevens_versie`, bumped by triggers on every
//! write to a table of that subject, whoever writes (this server, another instance, a CLI
//! process). A page reads the versions in one small query, with the region-years' markers
//! of `indicator_versie` ([`stand`], [`regiojaren`]), and reuses a kept value only if it was
//! read at exactly the versions of the subjects it depends on; the value is read
//! *after* the versions, so a write in between makes the next reader read again rather than
//! trust it. [`Geheugen::bij_versies`] does the same with a change marker the caller reads (the
//! indicator counts and the moment list's count under `indicator_versie`). No personal data is
//! kept here: case data only as counts.

use super::Db;
use crate::gedeeld::RegioCode;
use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Arc, LazyLock, Mutex};

/// A subject of reference data with its own version (`gegevens_versie.onderwerp`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Onderwerp {
    Werkset,
    Organisaties,
    Zelfscan,
    /// Agenda versions, SWOT sessions, Uitvoeringsplannen and network years (migration 0045).
    Ontwikkelagenda,
}

impl Onderwerp {
    const ALLE: [Onderwerp; 4] = [
        Self::Werkset,
        Self::Organisaties,
        Self::Zelfscan,
        Self::Ontwikkelagenda,
    ];
    fn code(self) -> &'static str {
        match self {
            Self::Werkset => "werkset",
            Self::Organisaties => "organisaties",
            Self::Zelfscan => "zelfscan",
            Self::Ontwikkelagenda => "ontwikkelagenda",
        }
    }
}

/// The versions of the reference data of one database, read at one moment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stand {
    database: Arc<str>,
    versies: [i64; 4],
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
    /// The versions of `onderwerpen` in the order of [`Onderwerp::ALLE`] (unused places 0), to
    /// compare what a value depends on: a kind of value depends on at most three subjects
    /// ([`Geheugen::nieuw`] checks).
    fn van(&self, onderwerpen: &[Onderwerp]) -> [i64; 3] {
        let mut v = [0; 3];
        let gekozen = Onderwerp::ALLE
            .iter()
            .zip(self.versies)
            .filter(|(o, _)| onderwerpen.contains(o));
        for (plek, (_, versie)) in v.iter_mut().zip(gekozen) {
            *plek = versie;
        }
        v
    }
}

/// Every change marker of the database as one reading request read them: the reference
/// data's versions and each region-year's marker.
#[derive(Clone)]
struct Markers {
    stand: Stand,
    regiojaren: Arc<Vec<(RegioCode, String, i64)>>,
}

/// Reads every change marker in one statement (some tens of rows), once per reading request
/// ([`per_verzoek`]): on PostgreSQL each statement of a page costs a round trip and a wake-up
/// of the server process besides its own work, and a page that needs both kinds read them
/// apart (the Werkset region page, the moment list with its organisations).
async fn markers(db: &Db) -> sqlx::Result<Markers> {
    per_verzoek(db, "markers", async {
        let rijen: Vec<(i64, String, String, i64)> = sqlx::query_as(
            "SELECT CAST(0 AS BIGINT), onderwerp, '', versie FROM gegevens_versie
             UNION ALL
             SELECT CAST(1 AS BIGINT), regio_code, jaar, versie FROM indicator_versie",
        )
        .fetch_all(db)
        .await?;
        let versie = |o: Onderwerp| {
            rijen
                .iter()
                .find(|r| r.0 == 0 && r.1 == o.code())
                .map_or(0, |r| r.3)
        };
        let stand = Stand {
            database: super::sleutel(db).into(),
            versies: Onderwerp::ALLE.map(versie),
        };
        let regiojaren = rijen
            .iter()
            .filter(|r| r.0 == 1)
            .filter_map(|r| Some((RegioCode::parse(&r.1).ok()?, r.2.clone(), r.3)))
            .collect();
        Ok(Markers {
            stand,
            regiojaren: Arc::new(regiojaren),
        })
    })
    .await
}

/// Reads the current versions of the reference data (see [`markers`]).
pub async fn stand(db: &Db) -> sqlx::Result<Stand> {
    Ok(markers(db).await?.stand)
}

/// Each region-year's change marker (`indicator_versie`, migration 0016: bumped on every write
/// that can change what the region-year counts; a region-year without one was never written
/// to), as this reading request read them (see [`markers`]).
pub async fn regiojaren(db: &Db) -> sqlx::Result<Arc<Vec<(RegioCode, String, i64)>>> {
    Ok(markers(db).await?.regiojaren)
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
    /// Per key being read: the turn of its one reader (see [`Geheugen::bewaard`]).
    bezig: LazyLock<Mutex<Beurten<K>>>,
}

type Beurten<K> = HashMap<(Arc<str>, K), Arc<tokio::sync::Mutex<()>>>;

impl<K: Eq + Hash + Clone, V> Geheugen<K, V> {
    /// Values read from the tables of `onderwerpen` (and nothing else).
    pub const fn nieuw(onderwerpen: &'static [Onderwerp]) -> Self {
        assert!(onderwerpen.len() <= 3, "at most three subjects per kind");
        Self {
            onderwerpen,
            hoogstens: HOOGSTENS,
            kaart: LazyLock::new(|| Mutex::new(HashMap::new())),
            bezig: LazyLock::new(|| Mutex::new(HashMap::new())),
        }
    }

    /// At most `n` values (large values: memory stays bounded however many keys are read).
    pub const fn hoogstens(mut self, n: usize) -> Self {
        self.hoogstens = n;
        self
    }

    fn beurten(&self) -> std::sync::MutexGuard<'_, Beurten<K>> {
        // As for the map: a turn is taken or cleared in one step.
        self.bezig
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
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

    /// The kept value of `sleutel` if it was read at `versies`.
    fn bij(&self, k: &(Arc<str>, K), versies: [i64; 3]) -> Option<Arc<V>> {
        self.kaart()
            .get(k)
            .filter(|(s, _)| *s == versies)
            .map(|(_, v)| v.clone())
    }

    /// The kept value, or else `lezen`'s. Readers that miss the same key at the same time
    /// take turns: the first reads, the others then find its value instead of all reading at
    /// once (a page's count, missed by fifty requests together, was read fifty times at once
    /// and held them all up).
    async fn bewaard<E>(
        &self,
        database: &Arc<str>,
        versies: [i64; 3],
        sleutel: &K,
        lezen: impl Future<Output = Result<V, E>>,
    ) -> Result<Arc<V>, E> {
        let k = (database.clone(), sleutel.clone());
        if let Some(v) = self.bij(&k, versies) {
            return Ok(v);
        }
        let beurt = { self.beurten().entry(k.clone()).or_default().clone() };
        let uitkomst = {
            let _aan_de_beurt = beurt.lock().await;
            match self.bij(&k, versies) {
                Some(v) => Ok(v),
                None => match lezen.await {
                    Ok(v) => {
                        let v = Arc::new(v);
                        let mut kaart = self.kaart();
                        if kaart.len() >= self.hoogstens {
                            kaart.clear();
                        }
                        kaart.insert(k.clone(), (versies, v.clone()));
                        Ok(v)
                    }
                    Err(e) => Err(e),
                },
            }
        };
        // The last reader of this turn clears it: under the map's lock, where others take
        // their turns, only the map holding it means no one waits.
        let mut bezig = self.beurten();
        drop(beurt);
        if bezig.get(&k).is_some_and(|b| Arc::strong_count(b) == 1) {
            bezig.remove(&k);
        }
        uitkomst
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// Readers missing the same key together read it once; a reader at other versions reads
    /// again; a failed read is not kept and leaves no turn behind.
    #[tokio::test]
    async fn gelijktijdige_lezers_lezen_een_keer() {
        static WAARDEN: Geheugen<u8, usize> = Geheugen::nieuw(&[]);
        static GELEZEN: AtomicUsize = AtomicUsize::new(0);
        async fn lees() -> sqlx::Result<usize> {
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
            Ok(GELEZEN.fetch_add(1, Ordering::SeqCst))
        }
        let dir = tempfile::tempdir().unwrap();
        let db = crate::db::open(&dir.path().join("t.db")).await.unwrap();
        let mut lezers = tokio::task::JoinSet::new();
        for _ in 0..20 {
            let db = db.clone();
            lezers.spawn(async move {
                *WAARDEN
                    .bij_versies(&db, [1, 0, 0], &7, lees())
                    .await
                    .unwrap()
            });
        }
        let waarden = lezers.join_all().await;
        assert_eq!(waarden, vec![0; 20]);
        assert_eq!(
            GELEZEN.load(Ordering::SeqCst),
            1,
            "twintig lezers lazen meer dan eens"
        );
        let nieuw = WAARDEN
            .bij_versies(&db, [2, 0, 0], &7, lees())
            .await
            .unwrap();
        assert_eq!(*nieuw, 1);
        let fout = WAARDEN
            .bij_versies(&db, [3, 0, 0], &7, async {
                Err::<usize, _>(sqlx::Error::RowNotFound)
            })
            .await;
        assert!(fout.is_err());
        assert_eq!(
            *WAARDEN
                .bij_versies(&db, [3, 0, 0], &7, lees())
                .await
                .unwrap(),
            2
        );
        assert!(
            WAARDEN.bezig.lock().unwrap().is_empty(),
            "een beurt bleef achter"
        );
    }

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
