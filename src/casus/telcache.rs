//! Each instance's memory of counted indicator input ([`Tellingen`]) per region-year.
//!
//! Counting one region-year takes tens of milliseconds of database work; the national comparison
//! needs ten of them. Migration 0016 keeps a version per (regio, jaar) in `indicator_versie`,
//! bumped by triggers on every write that can change what that region-year counts (moments,
//! afspraken, attendance, the repeat basis of cases), whoever writes: this server, another
//! instance, a CLI import. A count is reused only while the version it was counted at is still
//! current and it was counted today (the afspraken measure depends on the date), so a cached
//! count is never older than the data. The key includes the database, so several databases in
//! one process (tests) never share counts. Only counts are kept, no personal data.

use super::indicatoren::Tellingen;
use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex};

/// At most this many region-years are kept; more (many test databases in one process) starts
/// the memory afresh.
const HOOGSTENS: usize = 4_096;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Sleutel {
    database: String,
    regio: String,
    periode: String,
}

struct Bewaard {
    versie: i64,
    vandaag: String,
    tellingen: Arc<Tellingen>,
}

static GEHEUGEN: LazyLock<Mutex<HashMap<Sleutel, Bewaard>>> = LazyLock::new(Default::default);

fn geheugen() -> std::sync::MutexGuard<'static, HashMap<Sleutel, Bewaard>> {
    // A panic elsewhere while holding the lock leaves a consistent map (inserts are atomic).
    GEHEUGEN.lock().unwrap_or_else(|e| e.into_inner())
}

/// The counts of `regio` in `periode` if they were counted at `versie` on `vandaag`.
pub fn zoek(
    database: &str,
    regio: &str,
    periode: &str,
    versie: i64,
    vandaag: &str,
) -> Option<Arc<Tellingen>> {
    let sleutel = Sleutel {
        database: database.to_string(),
        regio: regio.to_string(),
        periode: periode.to_string(),
    };
    geheugen()
        .get(&sleutel)
        .filter(|b| b.versie == versie && b.vandaag == vandaag)
        .map(|b| b.tellingen.clone())
}

/// Keeps counts made after `versie` was read on `vandaag`. Counted after the version was read,
/// they are at least as new as that version; a write in between bumps the version, so the next
/// reader counts again rather than trusting these.
pub fn bewaar(
    database: &str,
    regio: &str,
    periode: &str,
    versie: i64,
    vandaag: &str,
    tellingen: Arc<Tellingen>,
) {
    let mut g = geheugen();
    if g.len() >= HOOGSTENS {
        g.clear();
    }
    g.insert(
        Sleutel {
            database: database.to_string(),
            regio: regio.to_string(),
            periode: periode.to_string(),
        },
        Bewaard {
            versie,
            vandaag: vandaag.to_string(),
            tellingen,
        },
    );
}
