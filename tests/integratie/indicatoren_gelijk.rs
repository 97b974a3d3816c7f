//! The indicators computed by the database (typed columns, aggregate SQL, the indexed
//! repeat-incident basis) equal the values the previous implementation (every moment read as
//! JSON into Rust maps, the region's whole history for the repeat flags) gave on the same
//! fixed-seed dataset, recorded in `tests/fixtures/indicatoren_referentie.json`: every field of
//! every indicator, suppression included, at thresholds 1, 3 and 5. And they stay equal after
//! retention erased the pseudonyms of the closed cases (the repeat flags are frozen first).
//!
//! `VOOROP_OPNEMEN=1 cargo test --test integratie indicatoren_gelijk::` rewrites the fixture (only from a
//! trusted implementation).

use crate::common;

use crate::common::landelijk;

use serde_json::{Value, json};
use voorop::indicatoren;

const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/indicatoren_referentie.json"
);

async fn alles(db: &voorop::db::Db) -> Value {
    let mut uit = serde_json::Map::new();
    for regio in landelijk::REGIOS.iter().take(4) {
        for jaar in 2022..=2026 {
            for drempel in [1, 3, 5] {
                let x = indicatoren::voor_regio(
                    db,
                    &voorop::gedeeld::RegioCode::parse(regio).unwrap(),
                    &jaar.to_string(),
                    drempel,
                    &voorop::werkset::service::themas(db).await.unwrap(),
                )
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
    let (db, _) =
        common::testdatabase(&dir.path().join("gelijk.db"), common::Vulling::Referentie).await;
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
    // The rows per referral criterion were recorded from this implementation: hold them to
    // the rule as plain SQL over the stored JSON (decided = every status after "ingediend").
    for regio in landelijk::REGIOS.iter().take(3) {
        let rijen = nu[format!("{regio} 2024 drempel 1")].as_array().unwrap();
        for (code, label) in voorop::casus::velden::CRITERIA {
            let (noemer, teller): (i64, i64) = sqlx::query_as(&format!(
                "SELECT COUNT(*), CAST(COALESCE(SUM(CASE WHEN status <> 'afgewezen' THEN 1 ELSE 0 END), 0) AS BIGINT)
                 FROM moment WHERE regio_code = '{regio}' AND soort = 'actieoverleg'
                   AND tijdstip >= '2024' AND tijdstip < '2025'
                   AND status NOT IN ('ingediend', 'open')
                   AND gegevens LIKE '%\"criterium\":\"{code}\"%'"
            ))
            .fetch_one(&db)
            .await
            .unwrap();
            let rij = rijen
                .iter()
                .find(|i| {
                    i[0] == "ao_aanvaard_per_criterium"
                        && i[1].as_str().is_some_and(|n| n.ends_with(label))
                })
                .unwrap_or_else(|| panic!("{regio}: geen rij voor {code}"));
            assert!(noemer > 5, "{regio} {code}: te weinig om iets te bewijzen");
            assert_eq!(
                (rij[5].as_i64(), rij[6].as_i64()),
                (Some(teller), Some(noemer)),
                "{regio} 2024 {code}"
            );
        }
    }
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
    let (db, _) = common::testdatabase(&dir.path().join("begin.db"), common::Vulling::Demo).await;
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
                &voorop::gedeeld::RegioCode::LIMBURG,
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

/// The region-years of the small dataset, as (regio, jaar).
fn regiojaren() -> Vec<(&'static str, String)> {
    landelijk::REGIOS
        .iter()
        .take(3)
        .flat_map(|r| (2023..=2026).map(move |j| (*r, j.to_string())))
        .collect()
}

/// Every region-year's indicators at threshold 1, as the application gives them (from the
/// counts kept in memory while their version is current) and counted afresh from the database.
async fn beide(db: &voorop::db::Db) -> (Value, Value) {
    let codes: Vec<voorop::gedeeld::RegioCode> = landelijk::REGIOS
        .iter()
        .take(3)
        .map(|r| voorop::gedeeld::RegioCode::parse(r).unwrap())
        .collect();
    let regios: Vec<&voorop::gedeeld::RegioCode> = codes.iter().collect();
    let themas: std::collections::BTreeMap<u8, String> =
        voorop::werkset::service::huidige_catalogus(db)
            .await
            .unwrap()
            .themas
            .into_iter()
            .map(|t| (t.nummer, t.naam))
            .collect();
    let (mut bewaard, mut vers) = (serde_json::Map::new(), serde_json::Map::new());
    for jaar in 2023..=2026 {
        let jaar = jaar.to_string();
        let alle = indicatoren::voor_regios(
            db,
            &regios,
            &jaar,
            1,
            &voorop::werkset::service::themas(db).await.unwrap(),
        )
        .await
        .unwrap();
        for (regio, x) in regios.iter().zip(alle) {
            bewaard.insert(format!("{regio} {jaar}"), json!(x));
            let grenzen = voorop::casus::service::periode_grenzen(&jaar).unwrap();
            let t = indicatoren::tellen(db, regio, &grenzen, &voorop::db::vandaag())
                .await
                .unwrap();
            let s = voorop::auth::permissions::voor_aggregaten();
            let overleggen = voorop::casus::repo::overleggen(db, &s, regio)
                .await
                .unwrap();
            let y = indicatoren::bouw(&t, &overleggen, &themas, 1);
            vers.insert(format!("{regio} {jaar}"), json!(y));
        }
    }
    (Value::Object(bewaard), Value::Object(vers))
}

/// Runs the statements of `q` (separated by `;`); together they must touch a row.
async fn sql(db: &voorop::db::Db, q: &str) {
    let mut n = 0;
    for deel in q.split(';') {
        n += sqlx::query(deel)
            .execute(db)
            .await
            .expect(deel)
            .rows_affected();
    }
    assert!(n > 0, "geen rij geraakt: {q}");
}

/// The counts kept in memory (`indicatoren::TELLINGEN`) follow every writer of what a region-year
/// counts, through the versions the triggers of migration 0016 bump: after each plain SQL write
/// below, what the application shows equals a fresh count, and the write changed what is shown
/// (else the step would prove nothing).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bewaarde_tellingen_volgen_elke_schrijver() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) =
        common::testdatabase(&dir.path().join("versie.db"), common::Vulling::Referentie).await;
    landelijk::vullen(
        &db,
        &landelijk::Omvang {
            regios: 3,
            jaren: 3,
            momenten_per_regio_jaar: 120,
            personen_per_100: 100,
            seed: 21,
        },
    )
    .await;
    assert_eq!(regiojaren().len(), 12);
    let (a, b, c) = (
        landelijk::REGIOS[0],
        landelijk::REGIOS[1],
        landelijk::REGIOS[2],
    );
    let een = |q: String| {
        let db = db.clone();
        async move {
            sqlx::query_scalar::<_, i64>(&q)
                .fetch_one(&db)
                .await
                .unwrap_or_else(|e| panic!("{q}: {e}"))
        }
    };
    // Two cases that share no pseudonym: the later one in region B, the earlier one in A.
    let later_b = een(format!(
        "SELECT c.id FROM casus c WHERE c.regio_code = '{b}' AND c.pseudoniem IS NOT NULL
           AND c.herhaling IS NULL AND substr(c.eerste_tijdstip, 1, 7) BETWEEN '2025-07' AND '2025-10'
           AND NOT EXISTS (SELECT 1 FROM casus p WHERE p.pseudoniem = c.pseudoniem AND p.id <> c.id)
         ORDER BY c.id LIMIT 1"
    ))
    .await;
    let eerder_a = een(format!(
        "SELECT c.id FROM casus c WHERE c.regio_code = '{a}' AND c.pseudoniem IS NOT NULL
           AND c.herhaling IS NULL AND substr(c.eerste_tijdstip, 1, 7) BETWEEN '2025-01' AND '2025-04'
           AND NOT EXISTS (SELECT 1 FROM casus p WHERE p.pseudoniem = c.pseudoniem AND p.id <> c.id)
         ORDER BY c.id LIMIT 1"
    ))
    .await;
    let acuut_a = een(format!(
        "SELECT MIN(m.id) FROM moment m WHERE m.regio_code = '{a}' AND m.soort = 'acuut'
           AND m.tijdstip LIKE '2024%' AND m.gegevens NOT LIKE '%ter_plaatse%'
           AND NOT EXISTS (SELECT 1 FROM afspraak x WHERE x.moment_id = m.id)"
    ))
    .await;
    let ao_c = een(format!(
        "SELECT MIN(m.id) FROM moment m WHERE m.regio_code = '{c}' AND m.soort = 'actieoverleg'
           AND m.tijdstip LIKE '2025%' AND EXISTS (SELECT 1 FROM afspraak x WHERE x.moment_id = m.id
             AND x.status = 'open' AND x.deadline < '2026-01-01')"
    ))
    .await;
    // An attendance of an organisation of B's overleg in 2024.
    let vergadering_b = een(format!(
        "SELECT MIN(v.id) FROM vergadering v JOIN overleg g ON g.id = v.overleg_id
         WHERE g.regio_code = '{b}' AND v.datum LIKE '2024-03%'
           AND EXISTS (SELECT 1 FROM vergadering_aanwezigheid w WHERE w.vergadering_id = v.id)"
    ))
    .await;
    let org = een(format!(
        "SELECT MIN(organisatie_id) FROM vergadering_aanwezigheid WHERE vergadering_id = {vergadering_b}"
    ))
    .await;

    let stappen: Vec<(&str, String)> = vec![
        (
            "procesgegevens van een moment",
            format!("UPDATE moment SET gegevens = '{{\"reactie\":\"ter_plaatse\"}}' WHERE id = {acuut_a}"),
        ),
        (
            "moment naar een ander jaar",
            format!("UPDATE moment SET tijdstip = '2026-03-01T10:00' WHERE id = {acuut_a}"),
        ),
        (
            "nieuw moment",
            format!(
                "INSERT INTO moment (casus_id, regio_code, soort, tijdstip, status, gegevens,
                   aangemaakt_door_organisatie, aangemaakt_op, gewijzigd_op)
                 SELECT casus_id, regio_code, 'ssk', '2023-05-05T09:00', 'open', '{{}}',
                   aangemaakt_door_organisatie, aangemaakt_op, gewijzigd_op
                 FROM moment WHERE id = {acuut_a}"
            ),
        ),
        (
            "moment verwijderd",
            format!("DELETE FROM moment WHERE id = {acuut_a}"),
        ),
        (
            "afspraak gereed",
            format!(
                "UPDATE afspraak SET status = 'gereed', gereed_op = '2025-01-01T12:00:00Z'
                 WHERE moment_id = {ao_c} AND status = 'open'"
            ),
        ),
        (
            "afspraak vervallen verwijderd",
            format!("DELETE FROM afspraak WHERE moment_id = {ao_c}"),
        ),
        (
            "aanwezigheid gewijzigd",
            format!(
                "UPDATE vergadering_aanwezigheid SET aanwezig = NOT aanwezig
                 WHERE vergadering_id = {vergadering_b} AND organisatie_id = {org}"
            ),
        ),
        (
            "aanwezigheid verwijderd",
            format!(
                "DELETE FROM vergadering_aanwezigheid
                 WHERE vergadering_id = {vergadering_b} AND organisatie_id = {org}"
            ),
        ),
        (
            "aanwezigheid vastgelegd",
            format!(
                "INSERT INTO vergadering_aanwezigheid (vergadering_id, organisatie_id, aanwezig)
                 VALUES ({vergadering_b}, {org}, TRUE)"
            ),
        ),
        (
            "vergadering naar een ander jaar",
            format!("UPDATE vergadering SET datum = '2023-03-02' WHERE id = {vergadering_b}"),
        ),
        (
            // B's later case becomes a repeat of A's earlier case: B's rate changes through a
            // write in region A.
            "pseudoniem in een andere regio",
            format!(
                "UPDATE casus SET pseudoniem = (SELECT pseudoniem FROM casus WHERE id = {later_b})
                 WHERE id = {eerder_a}"
            ),
        ),
        (
            "herhaling bevroren",
            format!("UPDATE casus SET herhaling = TRUE WHERE id = {eerder_a}"),
        ),
        (
            // Retention's order: the afspraken and moments go, then the case.
            "casus met momenten verwijderd",
            format!(
                "DELETE FROM afspraak WHERE moment_id IN (SELECT id FROM moment WHERE casus_id = {eerder_a});
                 DELETE FROM moment WHERE casus_id = {eerder_a};
                 DELETE FROM casus WHERE id = {eerder_a}"
            ),
        ),
    ];
    let (bewaard, mut vorig) = beide(&db).await;
    vergelijk(&bewaard, &vorig, "begin");
    for (wat, q) in &stappen {
        sql(&db, q).await;
        let (bewaard, vers) = beide(&db).await;
        assert!(vers != vorig, "{wat}: de stap veranderde niets zichtbaars");
        vergelijk(&bewaard, &vers, wat);
        vorig = vers;
    }
}

/// Every moment's typed columns (`k_*`) hold what `model::kenmerken` computes from its time and
/// process data: on SQLite the database generates them (so this holds its SQL equal to the Rust
/// rules), on PostgreSQL Voorop's writers give them and a trigger computes them for any other
/// writer (migration 0026).
async fn kenmerken_kloppen(db: &voorop::db::Db, wanneer: &str) -> usize {
    use sqlx::Row;
    use voorop::casus::model::{KENMERK_KOLOMMEN, Kenmerk, kenmerken};
    let rijen = sqlx::query(&format!(
        "SELECT id, tijdstip, gegevens, {} FROM moment ORDER BY id",
        KENMERK_KOLOMMEN.join(", ")
    ))
    .fetch_all(db)
    .await
    .expect("momenten");
    for r in &rijen {
        let id: i64 = r.get("id");
        let tijdstip: String = r.get("tijdstip");
        let gegevens: std::collections::BTreeMap<String, String> =
            serde_json::from_str(&r.get::<String, _>("gegevens")).expect("gegevens");
        let verwacht = kenmerken(&tijdstip, |c| gegevens.get(c).map(String::as_str));
        for (kolom, v) in KENMERK_KOLOMMEN.iter().zip(verwacht) {
            let opgeslagen = match v {
                Kenmerk::Tekst(_) => Kenmerk::Tekst(r.get(*kolom)),
                Kenmerk::Getal(_) => Kenmerk::Getal(r.get(*kolom)),
            };
            assert_eq!(opgeslagen, v, "{wanneer}: moment {id}, {kolom}");
        }
    }
    rijen.len()
}

#[tokio::test]
async fn kenmerken_kloppen_na_elke_schrijver() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) =
        common::testdatabase(&dir.path().join("kenmerken.db"), common::Vulling::Demo).await;
    // The demo registers and updates its moments through the application.
    let n = kenmerken_kloppen(&db, "demo").await;
    assert!(n > 100, "{n} momenten");
    // The CSV import (multi-row inserts).
    let sleutel = voorop::config::Sleutel::new(b"een-pseudoniemsleutel-voor-deze-test-0123");
    let voorbeeld = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/docs/voorbeeld-casus-import.csv"
    ))
    .unwrap();
    voorop::casus::import::importeren(
        &db,
        Some(&sleutel),
        &voorop::audit::Actor::cli(),
        &voorbeeld,
    )
    .await
    .expect("import");
    assert!(kenmerken_kloppen(&db, "import").await > n);
    // A writer that knows nothing of the columns: a plain INSERT of a copy, and a plain UPDATE
    // of time and process data.
    sql(
        &db,
        "INSERT INTO moment (casus_id, regio_code, soort, tijdstip, status, gegevens,
             aangemaakt_door_organisatie, aangemaakt_op, gewijzigd_op)
         SELECT casus_id, regio_code, soort, tijdstip, status, gegevens,
             aangemaakt_door_organisatie, aangemaakt_op, gewijzigd_op
         FROM moment WHERE soort = 'zsm' ORDER BY id LIMIT 3",
    )
    .await;
    sql(
        &db,
        "UPDATE moment SET tijdstip = '2025-03-08T22:15',
             gegevens = '{\"reactie\":\"ter_plaatse\",\"reactie_tijdstip\":\"2025-03-08T23:05\",\"besproken_op\":\"2025-03-20\",\"beslissing\":\"heenzenden\"}'
         WHERE id = (SELECT MIN(id) FROM moment WHERE soort = 'acuut')",
    )
    .await;
    kenmerken_kloppen(&db, "gewone schrijver").await;
    let (dagdeel, reactie, responstijd): (Option<String>, Option<String>, Option<i64>) =
        sqlx::query_as(
            "SELECT k_dagdeel, k_reactie, k_responstijd FROM moment
             WHERE id = (SELECT MIN(id) FROM moment WHERE soort = 'acuut')",
        )
        .fetch_one(&db)
        .await
        .unwrap();
    assert_eq!(
        (dagdeel.as_deref(), reactie.as_deref(), responstijd),
        (Some("weekend"), Some("ter_plaatse"), Some(50))
    );
}

/// The stored counts (`indicator_telling`, migration 0027): `opgeslagen_bijwerken` stores every
/// region-year exactly as counted afresh and then has nothing left to do; a started instance
/// reads a stored count instead of counting (shown here by a stored value no count could give);
/// a write to the region-year makes the stored count stale, so the next view counts again and
/// the next refresh stores only that region-year.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn opgeslagen_tellingen_worden_gelezen_en_bijgehouden() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = common::testdatabase(
        &dir.path().join("opgeslagen.db"),
        common::Vulling::Referentie,
    )
    .await;
    landelijk::vullen(
        &db,
        &landelijk::Omvang {
            regios: 2,
            jaren: 2,
            momenten_per_regio_jaar: 80,
            personen_per_100: 20,
            seed: 5,
        },
    )
    .await;
    let regio = landelijk::REGIOS[0];
    let vandaag = voorop::db::vandaag();
    let regiojaren: Vec<(String, String)> =
        sqlx::query_as("SELECT regio_code, jaar FROM indicator_versie ORDER BY regio_code, jaar")
            .fetch_all(&db)
            .await
            .unwrap();
    assert!(regiojaren.len() >= 4, "{regiojaren:?}");

    assert_eq!(
        indicatoren::opgeslagen_bijwerken(&db).await.unwrap(),
        regiojaren.len(),
        "every region-year with a marker is counted and stored"
    );
    assert_eq!(indicatoren::opgeslagen_bijwerken(&db).await.unwrap(), 0);
    let opgeslagen = |r: String, j: String| {
        let db = db.clone();
        async move {
            let json: String = sqlx::query_scalar(
                "SELECT tellingen FROM indicator_telling WHERE regio_code = $1 AND jaar = $2",
            )
            .bind(&r)
            .bind(&j)
            .fetch_one(&db)
            .await
            .unwrap();
            serde_json::from_str::<Value>(&json).unwrap()
        }
    };
    for (r, j) in &regiojaren {
        let grenzen = voorop::casus::service::periode_grenzen(j).unwrap();
        let vers = indicatoren::tellen(
            &db,
            &voorop::gedeeld::RegioCode::parse(r).unwrap(),
            &grenzen,
            &vandaag,
        )
        .await
        .unwrap();
        assert_eq!(
            opgeslagen(r.clone(), j.clone()).await,
            serde_json::to_value(&vers).unwrap(),
            "{r} {j}"
        );
    }

    // A stored count no database count gives: the first view of this instance shows it.
    let jaar = "2025".to_string();
    let mut t = opgeslagen(regio.to_string(), jaar.clone()).await;
    let echt = t["acuut"].as_u64().unwrap();
    assert!(echt > 0);
    t["acuut"] = json!(987_654);
    sqlx::query("UPDATE indicator_telling SET tellingen = $1 WHERE regio_code = $2 AND jaar = $3")
        .bind(t.to_string())
        .bind(regio)
        .bind(&jaar)
        .execute(&db)
        .await
        .unwrap();
    let acuut = |x: Vec<indicatoren::Indicator>| {
        x.into_iter()
            .find(|i| i.code == "acuut_aantal")
            .and_then(|i| i.teller)
            .unwrap()
    };
    let getoond = acuut(
        indicatoren::voor_regio(
            &db,
            &voorop::gedeeld::RegioCode::parse(regio).unwrap(),
            &jaar,
            1,
            &voorop::werkset::service::themas(&db).await.unwrap(),
        )
        .await
        .unwrap(),
    );
    assert_eq!(getoond, 987_654, "the stored count is read");

    // Any write to the region-year: the stored count is stale, the view counts again.
    sql(
        &db,
        &format!(
            "UPDATE moment SET status = status WHERE id = (SELECT MIN(id) FROM moment
              WHERE regio_code = '{regio}' AND substr(tijdstip, 1, 4) = '2025')"
        ),
    )
    .await;
    let getoond = acuut(
        indicatoren::voor_regio(
            &db,
            &voorop::gedeeld::RegioCode::parse(regio).unwrap(),
            &jaar,
            1,
            &voorop::werkset::service::themas(&db).await.unwrap(),
        )
        .await
        .unwrap(),
    );
    assert_eq!(getoond, echt, "counted again after the write");
    assert_eq!(indicatoren::opgeslagen_bijwerken(&db).await.unwrap(), 1);
    assert_eq!(
        opgeslagen(regio.to_string(), jaar.clone()).await["acuut"],
        json!(echt)
    );

    // A row of another shape is not trusted: counted and stored again.
    sql(
        &db,
        "UPDATE indicator_telling SET formaat = 0 WHERE jaar = '2025'",
    )
    .await;
    assert_eq!(
        indicatoren::opgeslagen_bijwerken(&db).await.unwrap(),
        regiojaren.iter().filter(|(_, j)| j == "2025").count()
    );
}
