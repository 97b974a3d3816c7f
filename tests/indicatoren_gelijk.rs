//! The indicators computed by the database (typed columns, aggregate SQL, the indexed
//! repeat-incident basis) equal the values the previous implementation (every moment read as
//! JSON into Rust maps, the region's whole history for the repeat flags) gave on the same
//! fixed-seed dataset, recorded in `tests/fixtures/indicatoren_referentie.json`: every field of
//! every indicator, suppression included, at thresholds 1, 3 and 5. And they stay equal after
//! retention erased the pseudonyms of the closed cases (the repeat flags are frozen first).
//!
//! `VOOROP_OPNEMEN=1 cargo test --test indicatoren_gelijk` rewrites the fixture (only from a
//! trusted implementation).

#[path = "common/landelijk.rs"]
mod landelijk;

use serde_json::{Value, json};
use voorop::casus::indicatoren;

const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/indicatoren_referentie.json"
);

async fn alles(db: &voorop::db::Db) -> Value {
    let mut uit = serde_json::Map::new();
    for regio in landelijk::REGIOS.iter().take(4) {
        for jaar in 2022..=2026 {
            for drempel in [1, 3, 5] {
                let x = indicatoren::voor_regio(db, regio, &jaar.to_string(), drempel)
                    .await
                    .expect("indicatoren");
                // Every public field except the fixed texts (definitie, thema name).
                let x: Vec<Value> = x
                    .iter()
                    .map(|i| {
                        json!([
                            i.code,
                            i.indicator,
                            i.dagdeel,
                            i.organisatie,
                            i.organisatiesoort,
                            i.teller,
                            i.noemer,
                            i.waarde,
                            i.onderdrukt,
                            i.weergave,
                            i.teller_tekst,
                            i.noemer_tekst,
                            i.waarde_tekst
                        ])
                    })
                    .collect();
                uit.insert(format!("{regio} {jaar} drempel {drempel}"), json!(x));
            }
        }
    }
    Value::Object(uit)
}

fn vergelijk(gekregen: &Value, verwacht: &Value, wanneer: &str) {
    let (g, v) = (gekregen.as_object().unwrap(), verwacht.as_object().unwrap());
    assert_eq!(
        g.keys().collect::<Vec<_>>(),
        v.keys().collect::<Vec<_>>(),
        "{wanneer}"
    );
    for (sleutel, rijen) in v {
        let (gr, vr) = (g[sleutel].as_array().unwrap(), rijen.as_array().unwrap());
        assert_eq!(
            gr.len(),
            vr.len(),
            "{wanneer}: {sleutel}: aantal indicatoren"
        );
        for (a, b) in gr.iter().zip(vr) {
            assert_eq!(a, b, "{wanneer}: {sleutel}");
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn indicatoren_gelijk_aan_de_referentie_ook_na_retentie() {
    let dir = tempfile::tempdir().unwrap();
    let db = voorop::db::open(&dir.path().join("gelijk.db"))
        .await
        .unwrap();
    voorop::referentiedata_laden(&db).await.unwrap();
    landelijk::vullen(
        &db,
        &landelijk::Omvang {
            regios: 3,
            jaren: 3,
            momenten_per_regio_jaar: 450,
            personen_per_100: 12,
            seed: 8,
        },
    )
    .await;
    let nu = alles(&db).await;
    if std::env::var("VOOROP_OPNEMEN").is_ok() {
        let regels: Vec<String> = nu
            .as_object()
            .unwrap()
            .iter()
            .map(|(k, v)| format!("{}: {v}", json!(k)))
            .collect();
        std::fs::write(FIXTURE, format!("{{\n{}\n}}\n", regels.join(",\n"))).unwrap();
    }
    let verwacht: Value =
        serde_json::from_str(&std::fs::read_to_string(FIXTURE).expect("fixture")).unwrap();
    vergelijk(&nu, &verwacht, "voor retentie");
    // Some repeat rates must be shown at all, or the comparison proves little.
    assert!(
        nu.as_object().unwrap().values().any(|x| x
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i[0] == "herhaling" && i[5].as_u64().is_some_and(|t| t > 5))),
        "geen herhalingen in de dataset"
    );

    // Retention: cases closed before 2025-11-30 lose their pseudonym; the flags are frozen.
    let u = voorop::casus::retentie::uitvoeren(
        &db,
        &voorop::audit::Actor::systeem(),
        12,
        "2026-11-30T08:00:00Z",
    )
    .await
    .unwrap();
    assert!(u.casussen > 100, "{u:?}");
    vergelijk(&alles(&db).await, &verwacht, "na retentie");
}
