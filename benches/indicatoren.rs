//! `cargo bench --bench indicatoren`: the indicators at national scale, printed (never asserted).
//!
//! Builds once, into a cached file under `target/`, a national-size database: all 10 regions,
//! about 85,000 moments a year (8,500 per region-year, about 8% of the cases with a second
//! moment, 40% of the cases with a pseudonym drawn from a pool so that persons recur across
//! cases and regions, some cases erased by retention with a frozen repeat flag), Actie-overleg
//! afspraken and weekly meetings with attendance. `VOOROP_BENCH_JAREN` (default 5) sets the
//! number of years (ending in 2025): run it with 1 and with 5 to see whether cost grows with
//! history. Rows are written directly with plain `INSERT`s of the existing columns (as any bulk
//! writer would), not through the service. Then it times: one region-year's indicators, all
//! regions × all years (the first time: counted by the database), the Werkset region page's
//! service calls and the national comparison's (repeated: counts reused from memory), and the
//! national comparison after a write in one region and in all regions (counted again).
//!
//! `VOOROP_BENCH_DB` overrides the database file (e.g. a copy kept from an older schema).

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Instant;
use voorop::indicatoren;

#[path = "../tests/integratie/common/landelijk.rs"]
mod landelijk;
use voorop::gedeeld::RegioCode;

/// The region the single-region measurements use.
const OB: &RegioCode = &RegioCode::OOST_BRABANT;

/// The ten regions, in the order of `REGIOS`.
static ALLE: std::sync::LazyLock<Vec<RegioCode>> =
    std::sync::LazyLock::new(|| RegioCode::alle().collect());

const MOMENTEN_PER_REGIO_JAAR: usize = 8_540;

fn bestand(jaren: i32) -> PathBuf {
    if let Ok(p) = std::env::var("VOOROP_BENCH_DB") {
        return PathBuf::from(p);
    }
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("target")
        .join(format!("bench-landelijk-{jaren}j.db"))
}

fn main() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("tokio-runtime");
    let jaren: i32 = std::env::var("VOOROP_BENCH_JAREN")
        .ok()
        .and_then(|j| j.parse().ok())
        .unwrap_or(5);
    let pad = bestand(jaren);
    rt.block_on(async {
        let nieuw = !pad.exists();
        let start = Instant::now();
        let db = voorop::db::open(&pad).await.expect("database");
        voorop::referentiedata_laden(&db)
            .await
            .expect("referentiedata");
        if nieuw {
            landelijk::vullen(
                &db,
                &landelijk::Omvang {
                    regios: 10,
                    jaren,
                    momenten_per_regio_jaar: MOMENTEN_PER_REGIO_JAAR,
                    personen_per_100: 25,
                    seed: 20_251_130,
                },
            )
            .await;
            println!(
                "{:<62} {:>12.2?}",
                format!("Landelijke dataset opgebouwd ({jaren} jaar)"),
                start.elapsed()
            );
        } else {
            println!(
                "{:<62} {:>12.2?}",
                "Database geopend (en gemigreerd)",
                start.elapsed()
            );
        }
        let (momenten, casussen): (i64, i64) =
            sqlx::query_as("SELECT (SELECT COUNT(*) FROM moment), (SELECT COUNT(*) FROM casus)")
                .fetch_one(&db)
                .await
                .expect("tellen");
        println!("{pad:?}: {momenten} momenten, {casussen} casussen, {jaren} jaar");

        let db = &db;
        let keer: u32 = std::env::var("VOOROP_BENCH_KEER")
            .ok()
            .and_then(|k| k.parse().ok())
            .unwrap_or(5);
        let start = Instant::now();
        black_box(
            indicatoren::voor_regio(
                db,
                OB,
                "2025",
                5,
                &voorop::werkset::service::themas(db).await.unwrap(),
            )
            .await
            .expect("indicatoren"),
        );
        println!(
            "{:<62} {:>12.2?}",
            "Indicatoren één regio-jaar (eerste keer)",
            start.elapsed()
        );
        let start = Instant::now();
        for _ in 0..keer {
            black_box(
                indicatoren::voor_regio(
                    db,
                    OB,
                    "2025",
                    5,
                    &voorop::werkset::service::themas(db).await.unwrap(),
                )
                .await
                .expect("indicatoren"),
            );
        }
        println!(
            "{:<62} {:>12.2?} per keer ({keer}×)",
            "Indicatoren één regio-jaar (Oost-Brabant 2025)",
            start.elapsed() / keer
        );

        // Where the time of one region-year goes (after the change: the database's counts).
        if std::env::var("VOOROP_BENCH_DETAILS").is_ok() {
            let s = &voorop::auth::permissions::voor_aggregaten();
            let (van, tot) = ("2025-01-01", "2026-01-01");
            let stap = |naam: &str, start: Instant| {
                println!("{:<62} {:>12.2?}", format!("  {naam}"), start.elapsed());
            };
            let t = Instant::now();
            black_box(
                voorop::casus::repo::kenmerk_tellingen(db, s, OB, van, tot)
                    .await
                    .unwrap(),
            );
            stap("kenmerk_tellingen", t);
            let t = Instant::now();
            black_box(
                voorop::casus::repo::kenmerk_duren(db, s, OB, van, tot)
                    .await
                    .unwrap(),
            );
            stap("kenmerk_duren", t);
            let t = Instant::now();
            black_box(
                voorop::casus::repo::herhaling_telling(db, s, OB, van, tot)
                    .await
                    .unwrap(),
            );
            stap("herhaling_telling", t);
            let t = Instant::now();
            black_box(
                voorop::casus::repo::afspraken_telling(db, s, OB, (van, tot), "2026-11-30")
                    .await
                    .unwrap(),
            );
            stap("afspraken_telling", t);
            let t = Instant::now();
            black_box(
                voorop::casus::repo::aanwezigheid_telling(db, s, OB, van, tot)
                    .await
                    .unwrap(),
            );
            stap("aanwezigheid_telling", t);
            let t = Instant::now();
            black_box(voorop::casus::repo::overleggen(db, s, OB).await.unwrap());
            stap("overleggen", t);
            let t = Instant::now();
            black_box(
                voorop::werkset::service::huidige_catalogus(db)
                    .await
                    .unwrap(),
            );
            stap("huidige_catalogus", t);
        }

        let start = Instant::now();
        let mut n = 0;
        for regio in ALLE.iter() {
            for jaar in (2026 - jaren)..2026 {
                black_box(
                    indicatoren::voor_regio(
                        db,
                        regio,
                        &jaar.to_string(),
                        5,
                        &voorop::werkset::service::themas(db).await.unwrap(),
                    )
                    .await
                    .expect("indicatoren"),
                );
                n += 1;
            }
        }
        println!(
            "{:<62} {:>12.2?}",
            format!("Indicatoren alle regio's × jaren ({n} regio-jaren)"),
            start.elapsed()
        );

        let g = voorop::auth::Gebruiker::opdrachtregel();
        let start = Instant::now();
        for _ in 0..keer {
            // What the Werkset region page's handler calls (src/werkset/routes.rs).
            let b = voorop::werkset::service::registratieblad(db, &g, OB, "2025")
                .await
                .expect("registratieblad");
            black_box(
                voorop::werkset::service::perioden(db, &g, &b.regio)
                    .await
                    .expect("perioden"),
            );
            black_box(
                indicatoren::voor_regio(
                    db,
                    &b.regio,
                    &b.periode,
                    5,
                    &voorop::werkset::service::themas(db).await.unwrap(),
                )
                .await
                .expect("indicatoren"),
            );
            black_box(b);
        }
        println!(
            "{:<62} {:>12.2?} per keer ({keer}×)",
            "Werkset regiopagina (service-aanroepen)",
            start.elapsed() / keer
        );

        let start = Instant::now();
        for _ in 0..keer {
            // What the national comparison's handler calls.
            let v = voorop::werkset::service::vergelijking(db, &g, "2025")
                .await
                .expect("vergelijking");
            let kern: Vec<_> = indicatoren::voor_regios(
                db,
                &ALLE.iter().collect::<Vec<_>>(),
                &v.periode,
                5,
                &voorop::werkset::service::themas(db).await.unwrap(),
            )
            .await
            .expect("indicatoren")
            .iter()
            .map(|x| indicatoren::kern(x))
            .collect();
            black_box((v, kern));
        }
        println!(
            "{:<62} {:>12.2?} per keer ({keer}×)",
            "Landelijke vergelijking 2025 (service-aanroepen)",
            start.elapsed() / keer
        );

        // The same after writes: the triggers of migration 0016 bump a region-year's version on
        // every write that changes what it counts; here the versions are bumped directly, as one
        // write in one region (the usual case between two page views) or in all ten would.
        for (wat, waar) in [
            (
                "één regio gewijzigd",
                "regio_code = 'oost-brabant' AND jaar = '2025'",
            ),
            ("alle regio's gewijzigd", "jaar = '2025'"),
        ] {
            let mut totaal = std::time::Duration::ZERO;
            for _ in 0..keer {
                sqlx::query(&format!(
                    "UPDATE indicator_versie SET versie = versie + 1 WHERE {waar}"
                ))
                .execute(db)
                .await
                .expect("versie");
                let start = Instant::now();
                let v = voorop::werkset::service::vergelijking(db, &g, "2025")
                    .await
                    .expect("vergelijking");
                black_box((
                    v,
                    indicatoren::voor_regios(
                        db,
                        &ALLE.iter().collect::<Vec<_>>(),
                        "2025",
                        5,
                        &voorop::werkset::service::themas(db).await.unwrap(),
                    )
                    .await
                    .expect("indicatoren"),
                ));
                totaal += start.elapsed();
            }
            println!(
                "{:<62} {:>12.2?} per keer ({keer}×)",
                format!("Landelijke vergelijking 2025, {wat}"),
                totaal / keer
            );
        }
    });
}
