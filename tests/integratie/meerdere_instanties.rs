//! Two instances of Voorop on one database (issue 8: several instances behind a load balancer
//! on one PostgreSQL; here on the test database of either backend): a session made at one is
//! valid at the other and ends at both, the rising delay per client address counts the
//! failures made at both, and a daily job runs once in total.

use crate::common::*;
use reqwest::StatusCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

#[tokio::test]
async fn sessie_van_de_ene_instantie_geldt_bij_de_andere() {
    let a = start().await;
    let b = tweede_instantie(&a).await;
    let c = login(&a, COORDINATOR).await;
    // The same cookie (the load balancer sends the next request elsewhere): signed in at B.
    let (status, _, html) = get(&c, &b, "/casussen").await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(html.contains("Uitloggen"), "niet ingelogd bij B");
    // Signing out at B ends the session at A too.
    let token = csrf_van(&c, &b, "/casussen").await;
    let (status, _, _) = post_form(&c, &b, "/uitloggen", &[("_csrf", token.as_str())]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (status, headers, _) = get(&c, &a, "/casussen").await;
    assert_eq!(status, StatusCode::SEE_OTHER, "A kent de sessie nog");
    assert!(location(&headers).starts_with("/inloggen"));
}

#[tokio::test]
async fn vertraging_per_adres_telt_bij_beide_instanties() {
    let a = start().await;
    let b = tweede_instantie(&a).await;
    let c = client_van("127.0.3.1");
    // Three failures, spread over both instances: from the fourth on, every attempt waits.
    for app in [&a, &b, &a] {
        let (status, _, _) =
            probeer_inloggen(&c, app, "niemand@demo.voorop.nl", "fout-wachtwoord-xx").await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    let begin = std::time::Instant::now();
    let (status, _, _) =
        probeer_inloggen(&c, &b, "niemand@demo.voorop.nl", "fout-wachtwoord-xx").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        begin.elapsed() >= std::time::Duration::from_millis(950),
        "B wachtte niet na drie mislukkingen (twee bij A): {:?}",
        begin.elapsed()
    );
    // The address is stored only as a keyed hash.
    let opgeslagen: Vec<String> = sqlx::query_scalar("SELECT sleutel FROM inlog_adres")
        .fetch_all(&a.db)
        .await
        .unwrap();
    assert_eq!(opgeslagen.len(), 1);
    assert!(!opgeslagen[0].contains("127.0"));
    // A success at A clears the count for B as well.
    let (status, _, _) = probeer_inloggen(&c, &a, MEDEWERKER, voorop::demo::WACHTWOORD).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM inlog_adres")
        .fetch_one(&b.db)
        .await
        .unwrap();
    assert_eq!(n, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dagelijkse_taak_draait_eenmaal_over_de_instanties() {
    let a = start().await;
    let b = tweede_instantie(&a).await;
    let keer = Arc::new(AtomicUsize::new(0));
    let werk = |keer: Arc<AtomicUsize>| async move {
        keer.fetch_add(1, Ordering::SeqCst);
        // Long enough for the other instance to try while this one runs.
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        Ok::<(), String>(())
    };
    // Both instances check at the same moment, five times over: one run in total.
    for _ in 0..5 {
        let (x, y) = tokio::join!(
            voorop::db::taak::eenmaal_vandaag(&a.db, "proef", || werk(keer.clone())),
            voorop::db::taak::eenmaal_vandaag(&b.db, "proef", || werk(keer.clone())),
        );
        assert!(x.is_ok() && y.is_ok(), "{x:?} {y:?}");
    }
    assert_eq!(keer.load(Ordering::SeqCst), 1);
    let klaar: Option<String> =
        sqlx::query_scalar("SELECT klaar_op FROM taak_uitvoering WHERE taak = 'proef'")
            .fetch_one(&a.db)
            .await
            .unwrap();
    assert!(klaar.is_some());

    // A failed run gives its claim back: the next check (at the other instance) runs it.
    let mislukt = voorop::db::taak::eenmaal_vandaag(&a.db, "fragiel", || async {
        Err::<(), String>("schijf vol".into())
    })
    .await
    .unwrap();
    assert!(!mislukt);
    let gelukt = voorop::db::taak::eenmaal_vandaag(&b.db, "fragiel", || werk(keer.clone()))
        .await
        .unwrap();
    assert!(gelukt);
    assert_eq!(keer.load(Ordering::SeqCst), 2);

    // An instance that died mid-run: its claim is taken over once it is old enough.
    let dag = voorop::db::vandaag();
    assert!(
        voorop::db::taak::claimen(&a.db, "gestrand", &dag, "a:1")
            .await
            .unwrap()
    );
    assert!(
        !voorop::db::taak::claimen(&b.db, "gestrand", &dag, "b:2")
            .await
            .unwrap(),
        "een lopende claim werd overgenomen"
    );
    sqlx::query(
        "UPDATE taak_uitvoering SET gestart_op = '2000-01-01T00:00:00Z' WHERE taak = 'gestrand'",
    )
    .execute(&a.db)
    .await
    .unwrap();
    assert!(
        voorop::db::taak::claimen(&b.db, "gestrand", &dag, "b:2")
            .await
            .unwrap()
    );
    let wie: String =
        sqlx::query_scalar("SELECT instantie FROM taak_uitvoering WHERE taak = 'gestrand'")
            .fetch_one(&a.db)
            .await
            .unwrap();
    assert_eq!(wie, "b:2");
}

/// PostgreSQL over TLS, as a managed PostgreSQL asks: with `sslmode=verify-full` and the
/// server's CA in `sslrootcert` the connection is encrypted and the server checked; without
/// that CA the connection is refused with a Dutch message that says what to check. Runs in the
/// PostgreSQL pass of `test.sh`, which starts the server with a certificate of a throwaway CA
/// (`VOOROP_TEST_PG_CA`).
#[tokio::test]
async fn postgres_via_tls_met_gecontroleerd_certificaat() {
    let Ok(ca) = std::env::var("VOOROP_TEST_PG_CA") else {
        eprintln!("alleen met VOOROP_TEST_DB=postgres://… en VOOROP_TEST_PG_CA (test.sh)");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let (_, locatie) = testdatabase(&dir.path().join("tls"), Vulling::Referentie).await;
    let voorop::db::Locatie::Postgres(url) = locatie else {
        panic!("VOOROP_TEST_PG_CA zonder PostgreSQL");
    };
    let met = |extra: &str| {
        let sep = if url.contains('?') { '&' } else { '?' };
        voorop::db::Locatie::Postgres(format!("{url}{sep}{extra}"))
    };
    let db = voorop::db::verbinden(&met(&format!("sslmode=verify-full&sslrootcert={ca}")))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let versleuteld: voorop::db::Vlag =
        sqlx::query_scalar("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
            .fetch_one(&db)
            .await
            .unwrap();
    assert!(versleuteld.0, "verbinding niet versleuteld");
    let regios: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM regio")
        .fetch_one(&db)
        .await
        .unwrap();
    assert_eq!(regios, 10);
    // Only the public roots: the test CA is not among them, so the server is not trusted.
    let fout = voorop::db::verbinden(&met("sslmode=verify-full"))
        .await
        .expect_err("verbinding met een onbekende CA werd aanvaard")
        .to_string();
    assert!(
        fout.contains("beveiligde verbinding (TLS)") && fout.contains("sslrootcert"),
        "{fout}"
    );
}
