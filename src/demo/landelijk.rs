//! `voorop demo --schaal landelijk`: deterministic fictional data at national volume (issue 8):
//! all 10 regions, their Veilig Thuis organisations (26), police, OM, RvdK, 3RO and network,
//! 342 fictional gemeenten, Zelfscan rounds with answers, Werkset registrations per region and
//! year, process registrations of the four afstemmingsmomenten (about 85,000 moments a year
//! nationally, with participations, afspraken, Actie-overleg meetings and attendance), and the
//! audit log the staff's work on them leaves (`auditlog`: about five rows per moment).
//!
//! Everything is invented and marked so ("(demo)", "(fictief)", "Fictief: …"); pseudonyms are
//! made with the published demo key from invented names. The same seed gives the same database
//! content (apart from what the demo accounts' password hashes and the audit log's clock add).
//! Cases closed more than the default retention (24 months) before [`PEILDATUM`] are stored as
//! retention leaves them: no pseudonym, a frozen repeat flag, no personal data.
//!
//! Rows are written with multi-row `INSERT … VALUES (…), (…)` statements ([`Bulk`]) in one
//! transaction per region and year, with explicit ids from `max(id) + 1`. The SQL is portable
//! (SQLite and PostgreSQL): only integers, reals and text are bound; flags are literals.

mod aanmelding;
mod auditlog;
mod casus;
mod momenten;
mod organisaties;
mod teksten;
mod werkset;
mod zelfscan;

use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::terminal::Voortgang;
use std::time::{Duration, Instant};
use time::Date;

/// The demo world's "today", as in the small demo: nothing happens after it.
pub const PEILDATUM: Date = super::PEILDATUM;

/// Moments a year nationally at full volume in the reference year, per kind (earlier years 3%
/// a year fewer; the reference year runs to the peildatum): about 80,000–88,000 a year.
pub const LANDELIJK_PER_JAAR: [(crate::casus::model::Soort, u32); 4] = [
    (crate::casus::model::Soort::Acuut, 33_000),
    (crate::casus::model::Soort::Actieoverleg, 12_000),
    (crate::casus::model::Soort::Zsm, 35_000),
    (crate::casus::model::Soort::Ssk, 10_000),
];

/// What to generate.
#[derive(Debug, Clone)]
pub struct Opties {
    /// Years up to and including the reference year (1..=10).
    pub jaren: u32,
    pub seed: u64,
    /// Percentage of the national volume (100 = full; tests use 1).
    pub volume: u32,
    /// A progress bar on stderr.
    pub voortgang: bool,
}

impl Default for Opties {
    fn default() -> Self {
        Self {
            jaren: 5,
            seed: 2026,
            volume: 100,
            voortgang: true,
        }
    }
}

/// What was generated (row counts).
#[derive(Debug, Clone, Default)]
pub struct Samenvatting {
    pub organisaties: u64,
    pub gemeenten: u64,
    pub casussen: u64,
    pub momenten: u64,
    pub deelnemers: u64,
    pub afspraken: u64,
    pub vergaderingen: u64,
    pub aanwezigheid: u64,
    pub persoonsgegevens: u64,
    pub zelfscan_antwoorden: u64,
    pub werkset_regels: u64,
    /// Rows of the staff's work in the audit log (see `auditlog`).
    pub auditregels: u64,
    pub duur: Duration,
}

impl Samenvatting {
    /// Process events: moments, participations, afspraken, meetings and attendance.
    pub fn gebeurtenissen(&self) -> u64 {
        self.momenten + self.deelnemers + self.afspraken + self.vergaderingen + self.aanwezigheid
    }
}

/// Generates the national demo into an empty database (reference data may be there).
pub async fn genereer(db: &Db, o: &Opties) -> AppResult<Samenvatting> {
    if !(1..=10).contains(&o.jaren) || !(1..=100).contains(&o.volume) {
        return Err(AppError::Validatie(vec![crate::error::Veldfout::new(
            "jaren",
            "Kies 1 tot en met 10 jaren en een volume van 1 tot en met 100 procent.",
        )]));
    }
    let begin = Instant::now();
    let bestaand = crate::organisatie::repo::aantal(db).await?;
    if bestaand > 0 {
        return Err(AppError::Conflict(
            "De database bevat al organisaties. De landelijke demo vraagt een lege database \
             (kies een nieuw bestand met --db)."
                .into(),
        ));
    }
    crate::beheer::referentiedata_laden(db).await?;
    let mut s = Samenvatting::default();
    let eerste_jaar = PEILDATUM.year() - o.jaren as i32 + 1;

    let mut tx = crate::db::begin(db).await?;
    let net = organisaties::aanmaken(&mut tx, &mut s).await?;
    tx.commit().await?;
    // The demo accounts of the small demo (their organisations exist under the same codes).
    super::gebruikers_aanmaken(db).await?;

    let mut tx = crate::db::begin(db).await?;
    zelfscan::aanmaken(&mut tx, &net, o, eerste_jaar, &mut s).await?;
    werkset::aanmaken(&mut tx, &net, o, eerste_jaar, &mut s).await?;
    // The Ontwikkelagenda as in the small demo: sessions, plan and network years of all regions.
    let agenda = crate::ontwikkelagenda::service::huidige_agenda(db).await?;
    super::ontwikkelagenda(&mut tx, &agenda, i64::from(PEILDATUM.year())).await?;
    tx.commit().await?;

    let balk = o.voortgang.then(|| {
        Voortgang::balk(net.regios.len() as u64 * u64::from(o.jaren), "regio-jaren")
            .voor("Landelijke demo")
    });
    let mut gedaan = 0;
    let mut generator = casus::Generator::new(db, o, &net).await?;
    for r in 0..net.regios.len() {
        let mut tx = crate::db::begin(db).await?;
        generator
            .vergaderingen(&mut tx, r, eerste_jaar, &mut s)
            .await?;
        tx.commit().await?;
    }
    // Year by year over all regions, so the audit log can be written in time order.
    for jaar in eerste_jaar..=PEILDATUM.year() {
        for r in 0..net.regios.len() {
            let mut tx = crate::db::begin(db).await?;
            generator.regio_jaar(&mut tx, r, jaar, &mut s).await?;
            tx.commit().await?;
            gedaan += 1;
            if let Some(b) = &balk {
                b.zet(
                    gedaan,
                    format!("{} momenten  {} {jaar}", s.momenten, net.regios[r].naam),
                );
            }
        }
        if let Some(b) = &balk {
            b.zet(gedaan, format!("{} momenten  auditlog {jaar}", s.momenten));
        }
        // What happened up to the end of this year; later events wait for their year.
        let volgend_jaar = (jaar < PEILDATUM.year()).then(|| nieuwjaar(jaar + 1));
        generator.audit.schrijven(db, volgend_jaar).await?;
    }
    s.auditregels = generator.audit.geschreven;
    if let Some(b) = &balk {
        b.klaar();
    }

    let mut tx = crate::db::begin(db).await?;
    crate::db::demo_markeren(&mut tx).await?;
    let schaal = format!(
        "landelijk;jaren={};seed={};volume={}",
        o.jaren, o.seed, o.volume
    );
    crate::db::instelling_vastleggen(&mut tx, "demo_schaal", &schaal).await?;
    crate::audit::schrijf(
        &mut tx,
        &crate::audit::Actor::cli(),
        crate::audit::AuditEvent::DemoGeladen,
    )
    .await?;
    // Rows were written with explicit ids: what users add later needs ids after them.
    crate::db::identiteiten_bijwerken(&mut tx).await?;
    tx.commit().await?;
    // The tables grew from nothing: statistics (and PostgreSQL's visibility map) now, not at
    // the next start.
    crate::db::na_bulklading(db).await?;
    // Every region-year's indicator counts stored, so that a server started on this database
    // reads them instead of counting (see `indicatoren::opgeslagen_bijwerken`).
    crate::indicatoren::opgeslagen_bijwerken(db).await?;
    s.duur = begin.elapsed();
    Ok(s)
}

/// The first minute of `jaar` (UTC, as the audit log's times).
fn nieuwjaar(jaar: i32) -> momenten::Tijd {
    let dag = Date::from_calendar_date(jaar, time::Month::January, 1).expect("valid date");
    momenten::Tijd::new(dag, time::Time::MIDNIGHT)
}

/// `YYYY-MM-DD`
pub fn dag_tekst(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

// ---- deterministic randomness ---------------------------------------------------------------

/// SplitMix64: tiny and fast; seeded, so the output is fixed for a seed.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64, stroom: u64) -> Self {
        let mut r = Rng(seed ^ stroom.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        r.volgende();
        r
    }
    pub fn volgende(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// 0..n
    pub fn onder(&mut self, n: u64) -> u64 {
        self.volgende() % n.max(1)
    }
    /// a..=b
    pub fn tussen(&mut self, a: i64, b: i64) -> i64 {
        if b <= a {
            return a;
        }
        a + self.onder((b - a + 1) as u64) as i64
    }
    /// True with the given probability in percent (fractions allowed).
    pub fn kans(&mut self, procent: f64) -> bool {
        (self.volgende() >> 11) as f64 / (1u64 << 53) as f64 * 100.0 < procent
    }
    pub fn kies<T: Copy>(&mut self, uit: &[T]) -> T {
        uit[self.onder(uit.len() as u64) as usize]
    }
    pub fn gewogen<T: Copy>(&mut self, uit: &[(T, f64)]) -> T {
        let totaal: f64 = uit.iter().map(|(_, w)| w.max(0.0)).sum();
        let mut r = (self.volgende() >> 11) as f64 / (1u64 << 53) as f64 * totaal;
        for (x, w) in uit {
            if r < w.max(0.0) {
                return *x;
            }
            r -= w.max(0.0);
        }
        uit[uit.len() - 1].0
    }
}

/// Linear interpolation between a weak (`q = 0`) and a strong (`q = 1`) region.
pub fn tussen(q: f64, zwak: f64, sterk: f64) -> f64 {
    zwak + (sterk - zwak) * q.clamp(0.0, 1.0)
}
