//! `cargo bench`: timings of the Zelfscan's heavy parts, printed (never asserted).
//! Scoring all 342 Dutch gemeenten, and an Excel export and import of a large region
//! (40 gemeenten × 31 questions).

use std::hint::black_box;
use std::time::{Duration, Instant};
use voorop::zelfscan::excel::{ExportGemeente, ExportRonde, export_xlsx, import_xlsx};
use voorop::zelfscan::model::{Antwoord, VraagAntwoord, regio_scores, scores};
use voorop::zelfscan::service::standaard_vragenlijst;

fn meet<T>(naam: &str, keer: u32, mut f: impl FnMut() -> T) {
    black_box(f());
    let start = Instant::now();
    for _ in 0..keer {
        black_box(f());
    }
    let per: Duration = start.elapsed() / keer;
    println!("{naam:<55} {per:>12.2?} per keer ({keer}×)");
}

fn antwoorden(seed: usize, n: u16) -> Vec<VraagAntwoord> {
    (1..=n)
        .map(|q| VraagAntwoord {
            vraag: q,
            antwoord: Some(if (usize::from(q) * 7 + seed * 13) % 10 < 6 {
                Antwoord::OpOrde
            } else {
                Antwoord::NietOpOrde
            }),
            toelichting: if q % 5 == 0 {
                format!("Toelichting {seed}-{q} (fictief)")
            } else {
                String::new()
            },
        })
        .collect()
}

fn main() {
    let v = standaard_vragenlijst();
    let n = v.vragen.len() as u16;
    let land: Vec<Vec<VraagAntwoord>> = (0..342).map(|i| antwoorden(i, n)).collect();
    meet("scores per standaard, 342 gemeenten", 200, || {
        land.iter().map(|a| scores(&v, a)).collect::<Vec<_>>()
    });
    let sets: Vec<&[VraagAntwoord]> = land.iter().map(Vec::as_slice).collect();
    meet("regionaal gemiddelde over 342 gemeenten", 200, || {
        regio_scores(&v, &sets)
    });

    let gemeenten: Vec<ExportGemeente> = (0..40)
        .map(|i| ExportGemeente {
            code: format!("gemeente-{i}"),
            naam: format!("Gemeente {i} (fictief)"),
            antwoorden: antwoorden(i, n),
        })
        .collect();
    let ronde = ExportRonde {
        ronde_id: 1,
        titel: "Benchmark (fictief)".into(),
        regio_naam: "Oost-Brabant".into(),
        doel: "Evaluatie".into(),
        datum: "2026-03-12".into(),
        regio: regio_scores(
            &v,
            &gemeenten
                .iter()
                .map(|g| g.antwoorden.as_slice())
                .collect::<Vec<_>>(),
        ),
        regio_aantal_gemeenten: 40,
        vragenlijst: v.clone(),
        gemeenten,
    };
    let bytes = export_xlsx(&ronde).expect("export");
    println!("Excel-export 40 gemeenten: {} kB", bytes.len() / 1024);
    meet("Excel-export, 40 gemeenten", 10, || {
        export_xlsx(&ronde).expect("export").len()
    });
    let paren: Vec<(String, String)> = ronde
        .gemeenten
        .iter()
        .map(|g| (g.code.clone(), g.naam.clone()))
        .collect();
    meet("Excel-import (alles controleren), 40 gemeenten", 10, || {
        import_xlsx(&bytes, 1, &v, &paren).expect("import").len()
    });
}
