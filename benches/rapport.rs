//! `cargo bench --bench rapport`: timings of the Werkset report and comparison, printed (never
//! asserted). On a fresh database with the demo data (Oost-Brabant 2025: 40 efforts, 23 values):
//! the report's read model, its PDF (typst) and HTML (askama) renderings, and the national
//! comparison over the 10 regions.

use askama::Template;
use std::hint::black_box;
use std::time::{Duration, Instant};
use voorop::auth::Gebruiker;
use voorop::werkset::{routes::RapportHtml, service};

const KEER: u32 = 20;

fn toon(naam: &str, keer: u32, totaal: Duration) {
    println!("{naam:<55} {:>12.2?} per keer ({keer}×)", totaal / keer);
}

/// Times a synchronous step (one warm-up call first).
fn meet<T>(naam: &str, keer: u32, mut f: impl FnMut() -> T) {
    black_box(f());
    let start = Instant::now();
    for _ in 0..keer {
        black_box(f());
    }
    toon(naam, keer, start.elapsed());
}

fn main() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("tokio-runtime");
    let dir = tempfile::tempdir().expect("tijdelijke map");
    let db = rt.block_on(async {
        let db = voorop::db::open(&dir.path().join("bench.db"))
            .await
            .expect("database");
        voorop::referentiedata_laden(&db)
            .await
            .expect("referentiedata");
        voorop::demo::laad(&db, voorop::demo::PEILDATUM)
            .await
            .expect("demogegevens");
        db
    });
    let g = Gebruiker::opdrachtregel();

    let r = rt
        .block_on(voorop::werkset::rapport::rapport(
            &db,
            &g,
            &voorop::gedeeld::RegioCode::OOST_BRABANT,
            "2025",
        ))
        .expect("rapport");
    let start = Instant::now();
    for _ in 0..KEER {
        black_box(
            rt.block_on(voorop::werkset::rapport::rapport(
                &db,
                &g,
                &voorop::gedeeld::RegioCode::OOST_BRABANT,
                "2025",
            ))
            .expect("rapport"),
        );
    }
    toon(
        "leesmodel rapport Oost-Brabant 2025 (service::rapport)",
        KEER,
        start.elapsed(),
    );

    let start = Instant::now();
    let pdf = voorop::rapport::pdf::rapport_pdf(&r).expect("pdf");
    println!(
        "{:<55} {:>12.2?} ({} kB, incl. laden lettertypen)",
        "PDF eerste keer",
        start.elapsed(),
        pdf.len() / 1024
    );
    meet("PDF (typst)", KEER, || {
        voorop::rapport::pdf::rapport_pdf(&r).expect("pdf").len()
    });

    let html = RapportHtml {
        r: &r,
        ingebed_css: None,
    }
    .render()
    .expect("html");
    println!("HTML-rapport: {} kB", html.len() / 1024);
    meet("HTML (askama)", KEER, || {
        RapportHtml {
            r: &r,
            ingebed_css: None,
        }
        .render()
        .expect("html")
        .len()
    });

    black_box(
        rt.block_on(service::vergelijking(
            &db,
            &voorop::auth::Gebruiker::opdrachtregel(),
            "2025",
        ))
        .expect("vergelijking"),
    );
    let start = Instant::now();
    for _ in 0..KEER {
        black_box(
            rt.block_on(service::vergelijking(
                &db,
                &voorop::auth::Gebruiker::opdrachtregel(),
                "2025",
            ))
            .expect("vergelijking"),
        );
    }
    toon(
        "landelijke vergelijking 2025 (10 regio's)",
        KEER,
        start.elapsed(),
    );
}
