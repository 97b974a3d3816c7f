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

/// `casus.eerste_tijdstip` follows any writer of `moment` (triggers of migration 0015), and the
/// repeat rate follows it: a plain `INSERT`/`UPDATE`/`DELETE` needs to know nothing about it.
#[tokio::test]
async fn begin_van_de_casus_volgt_elke_schrijver() {
    let dir = tempfile::tempdir().unwrap();
    let db = voorop::db::open(&dir.path().join("begin.db"))
        .await
        .unwrap();
    voorop::demo::laad(&db).await.unwrap();
    let org: i64 = sqlx::query_scalar("SELECT MIN(id) FROM organisatie")
        .fetch_one(&db)
        .await
        .unwrap();
    let casus = |p: &'static str| {
        let db = db.clone();
        async move {
            sqlx::query_scalar::<_, i64>(
                "INSERT INTO casus (regio_code, pseudoniem, aangemaakt_op) VALUES ('limburg', $1, 'x') RETURNING id",
            )
            .bind(p)
            .fetch_one(&db)
            .await
            .unwrap()
        }
    };
    let moment = |c: i64, t: &'static str| {
        let db = db.clone();
        async move {
            sqlx::query_scalar::<_, i64>(
                "INSERT INTO moment (casus_id, regio_code, soort, tijdstip, status, gegevens,
                   aangemaakt_door_organisatie, aangemaakt_op, gewijzigd_op)
                 VALUES ($1, 'limburg', 'zsm', $2, 'open', '{}', $3, 'x', 'x') RETURNING id",
            )
            .bind(c)
            .bind(t)
            .bind(org)
            .fetch_one(&db)
            .await
            .unwrap()
        }
    };
    let eerste = |c: i64| {
        let db = db.clone();
        async move {
            sqlx::query_scalar::<_, Option<String>>(
                "SELECT eerste_tijdstip FROM casus WHERE id = $1",
            )
            .bind(c)
            .fetch_one(&db)
            .await
            .unwrap()
        }
    };
    let herhaling = || {
        let db = db.clone();
        async move {
            voorop::casus::repo::herhaling_telling(
                &db,
                &voorop::auth::permissions::voor_aggregaten(),
                "limburg",
                "2025-01-01",
                "2026-01-01",
            )
            .await
            .unwrap()
        }
    };
    let a = casus("persoon-test").await;
    let b = casus("persoon-test").await;
    let a1 = moment(a, "2024-12-01T10:00").await;
    assert_eq!(eerste(a).await.as_deref(), Some("2024-12-01T10:00"));
    let b1 = moment(b, "2025-06-01T10:00").await;
    moment(b, "2025-08-01T10:00").await;
    assert_eq!(eerste(b).await.as_deref(), Some("2025-06-01T10:00"));
    // B started 182 days after A: a repeat.
    assert_eq!(herhaling().await, (1, 1));
    // A moved to more than 365 days before B: no longer a repeat.
    sqlx::query("UPDATE moment SET tijdstip = '2024-05-01T10:00' WHERE id = $1")
        .bind(a1)
        .execute(&db)
        .await
        .unwrap();
    assert_eq!(eerste(a).await.as_deref(), Some("2024-05-01T10:00"));
    assert_eq!(herhaling().await, (1, 0));
    // B's first moment goes: B now starts on 2025-08-01.
    sqlx::query("DELETE FROM moment WHERE id = $1")
        .bind(b1)
        .execute(&db)
        .await
        .unwrap();
    assert_eq!(eerste(b).await.as_deref(), Some("2025-08-01T10:00"));
    // A moment of A later than its start leaves the start alone.
    moment(a, "2025-01-01T10:00").await;
    assert_eq!(eerste(a).await.as_deref(), Some("2024-05-01T10:00"));
}
