//! Many users at once: concurrent reads of personal data (each writes an audit entry) and
//! concurrent registrations must all succeed, none may get "database is locked".

use crate::common;

use voorop::auth::{Gebruiker, Rol};
use voorop::casus::{model::Soort, service};

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn gelijktijdige_inzage_en_registratie_slagen_allemaal() {
    let app = common::start().await;
    let db = app.db.clone();
    let (moment, org): (voorop::gedeeld::MomentId, voorop::gedeeld::OrganisatieId) = sqlx::query_as(
        "SELECT d.moment_id, d.organisatie_id FROM moment_deelnemer d JOIN organisatie o ON o.id = d.organisatie_id
         WHERE d.tot IS NULL AND o.soort = 'politie' LIMIT 1",
    )
    .fetch_one(&db)
    .await
    .expect("demo-moment");
    let g = Gebruiker {
        rol: Rol::Medewerker,
        organisatie_id: org,
        organisatie_soort: "politie".into(),
        regio_code: voorop::gedeeld::RegioCode::OOST_BRABANT,
        ..Gebruiker::opdrachtregel()
    };
    let voor: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_log")
        .fetch_one(&db)
        .await
        .unwrap();
    let mut taken = vec![];
    for n in 0..40 {
        let (db, g) = (db.clone(), g.clone());
        taken.push(tokio::spawn(async move {
            if n % 4 == 0 {
                let invoer = service::MomentInvoer {
                    tijdstip: "2025-05-05T10:00".into(),
                    velden: [
                        ("reactie".to_string(), "telefonisch".to_string()),
                        ("veiligheidsbeoordeling".to_string(), "ja".to_string()),
                    ]
                    .into_iter()
                    .collect(),
                    ..Default::default()
                };
                service::registreren(&db, None, &g, Soort::Acuut, &invoer)
                    .await
                    .map(|_| ())
            } else {
                service::bekijken(&db, &g, moment).await.map(|_| ())
            }
        }));
    }
    let mut fouten = vec![];
    for t in taken {
        if let Err(e) = t.await.expect("taak") {
            fouten.push(format!("{e:?}"));
        }
    }
    assert!(fouten.is_empty(), "{} mislukt: {fouten:?}", fouten.len());
    let na: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_log")
        .fetch_one(&db)
        .await
        .unwrap();
    // 30 reads (one entry each) and 10 registrations (one entry each, no personal data).
    assert_eq!(na - voor, 40);
    assert_eq!(
        voorop::audit::repo::verifieer(&db).await.expect("keten"),
        None
    );
}

/// A writer that waits for a long write (a batch of `voorop casus import` holds the lock about
/// 0.75 s) gets the lock in a short pause of the holder, as the import's 20 ms between batches.
/// SQLite's own busy handler tried only every 100 ms by then, so it missed such a pause and
/// waited for the next one; `db::begin` tries every 2 ms. On PostgreSQL the waiter queues for
/// the advisory lock and gets it at once. The pause here is 60 ms, placed between the tries of
/// SQLite's own handler (at 228 and 328 ms after it began to wait).
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn een_wachtende_schrijver_komt_in_een_korte_pauze_aan_de_beurt() {
    use std::time::{Duration, Instant};
    let app = common::start().await;
    let db = app.db.clone();
    let sqlite = matches!(voorop::db::soort(&db), voorop::db::Soort::Sqlite);
    let mut houder = voorop::db::begin(&db).await.unwrap();
    if sqlite {
        // The lock was free: taken at once, and the busy timeout is back as well.
        let ms: i64 = sqlx::query_scalar("PRAGMA busy_timeout")
            .fetch_one(&mut *houder)
            .await
            .unwrap();
        assert_eq!(ms, 10_000);
    }
    let (tx_start, rx_start) = tokio::sync::oneshot::channel::<Instant>();
    let wachter = {
        let db = db.clone();
        tokio::spawn(async move {
            let begon = rx_start.await.unwrap();
            let mut tx = voorop::db::begin(&db).await.expect("schrijfslot");
            let binnen = Instant::now();
            let busy: Option<i64> = if sqlite {
                Some(
                    sqlx::query_scalar("PRAGMA busy_timeout")
                        .fetch_one(&mut *tx)
                        .await
                        .unwrap(),
                )
            } else {
                None
            };
            tokio::time::sleep(Duration::from_millis(30)).await;
            tx.commit().await.unwrap();
            (binnen, binnen - begon, busy)
        })
    };
    tx_start.send(Instant::now()).unwrap();
    tokio::time::sleep(Duration::from_millis(260)).await;
    houder.commit().await.unwrap();
    tokio::time::sleep(Duration::from_millis(60)).await;
    let tweede = voorop::db::begin(&db).await.unwrap();
    let weer_binnen = Instant::now();
    tweede.commit().await.unwrap();
    let (binnen, gewacht, busy) = wachter.await.unwrap();
    assert!(
        binnen < weer_binnen,
        "the waiting writer got the lock only after the holder took it again ({gewacht:?} after it began to wait)"
    );
    if let Some(ms) = busy {
        assert_eq!(
            ms, 10_000,
            "the connection keeps its busy timeout for other statements"
        );
    }
}
