//! Defect 8 of issue 7: a bulk import and the server must not block each other. The built
//! binary imports a few thousand rows in small batches into the database of a running app,
//! while a signed-in user registers moments over HTTP: no request may fail ("database is
//! locked" was a 500 after the busy timeout), every row and every registration must arrive,
//! and the audit chain (written by both) must stay intact.

use crate::common::*;
use reqwest::StatusCode;
use std::fmt::Write as _;
use std::time::{Duration, Instant};

const POLITIE: &str = "politie@demo.voorop.nl";
const RIJEN: usize = 3000;

fn bestand(n: usize) -> String {
    let mut s = String::from(
        "soort;regio;organisatie;tijdstip;casus_ref;persoon_naam;persoon_geboortedatum;reactie;veiligheidsbeoordeling;maatregelen\n",
    );
    for i in 0..n {
        let (cref, naam, geboren) = if i % 3 == 0 {
            (format!("G-{}", i / 6), "Fictief Gelijktijdig", "1980-01-01")
        } else {
            (String::new(), "", "")
        };
        let _ = writeln!(
            s,
            "acuut;oost-brabant;politie-oost-brabant;2025-{:02}-{:02} {:02}:{:02};{cref};{naam};{geboren};telefonisch;ja;thv",
            1 + i % 12,
            1 + i % 28,
            i % 24,
            i % 60
        );
    }
    s
}

async fn aantal(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(&app.db).await.unwrap()
}

/// One registration through the page, as a user does it; returns the status and how long the
/// server took.
async fn registreer(
    app: &TestApp,
    c: &reqwest::Client,
    i: usize,
) -> (StatusCode, Duration, String) {
    let token = csrf_van(c, app, "/casussen/nieuw/acuut").await;
    let start = Instant::now();
    let situatie = format!("Gelijktijdig met de import, nummer {i}");
    let (status, _, body) = post_form(
        c,
        app,
        "/casussen/nieuw/acuut",
        &[
            ("_csrf", token.as_str()),
            ("tijdstip", "2025-06-14T23:10"),
            ("reactie", "telefonisch"),
            ("veiligheidsbeoordeling", "ja"),
            ("situatie", situatie.as_str()),
        ],
    )
    .await;
    (status, start.elapsed(), body)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn import_in_porties_laat_de_server_schrijven() {
    let app = start().await;
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("groot.csv");
    std::fs::write(&csv, bestand(RIJEN)).unwrap();
    let c = login(&app, POLITIE).await;
    let momenten_voor = aantal(&app, "SELECT COUNT(*) FROM moment").await;

    let mut kind = std::process::Command::new(env!("CARGO_BIN_EXE_voorop"))
        .arg("--db")
        .arg(app.locatie.als_argument())
        .env("VOOROP_AUDIT_KOP", voorop::config::kop_naast(&app.pad))
        .args(["casus", "import", "--batch", "100"])
        .arg(&csv)
        .env_remove("VOOROP_AUDIT_SLEUTEL")
        .env_remove("VOOROP_AUDIT_SLEUTEL_BESTAND")
        .env_remove("VOOROP_PSEUDONIEM_SLEUTEL_BESTAND")
        .env("VOOROP_PSEUDONIEM_SLEUTEL", voorop::config::DEMO_SLEUTEL)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("voorop starten");

    // Register moments over HTTP until the import has stored everything.
    let mut geregistreerd = 0usize;
    let mut tijdens_import = 0usize;
    let mut langste = Duration::ZERO;
    let mut fouten = vec![];
    let uitvoer = loop {
        if let Some(_status) = kind.try_wait().unwrap() {
            break kind.wait_with_output().unwrap();
        }
        let bezig = aantal(
            &app,
            "SELECT COUNT(*) FROM casus_import WHERE status = 'bezig'",
        )
        .await
            > 0;
        let (status, duur, body) = registreer(&app, &c, geregistreerd).await;
        if status == StatusCode::SEE_OTHER {
            geregistreerd += 1;
            if bezig {
                tijdens_import += 1;
            }
        } else {
            fouten.push(format!(
                "{status}: {}",
                body.chars().take(300).collect::<String>()
            ));
        }
        langste = langste.max(duur);
    };
    let stdout = String::from_utf8_lossy(&uitvoer.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&uitvoer.stderr).into_owned();
    assert!(uitvoer.status.success(), "{stderr}");
    assert!(
        fouten.is_empty(),
        "{} requests failed: {fouten:?}",
        fouten.len()
    );
    println!(
        "{RIJEN} rijen in porties van 100; {geregistreerd} registraties via HTTP, {tijdens_import} terwijl de import liep; langste registratie {langste:?}"
    );
    assert!(
        tijdens_import >= 5,
        "the writer must have written while the import ran: {tijdens_import}"
    );
    assert!(stdout.contains(&format!("{RIJEN} momenten")), "{stdout}");
    // Progress on stderr: counts, never a name.
    assert!(
        stderr.contains("Controle klaar: 3000 rijen gelezen, 0 geweigerd"),
        "{stderr}"
    );
    assert!(
        stderr
            .contains("Opslaan klaar: 3000 van 3000 rijen opgeslagen, laatste opgeslagen rij 3001"),
        "{stderr}"
    );
    assert!(!stderr.contains("Fictief") && !stdout.contains("Fictief"));

    // Every row and every registration arrived, each once.
    let na = aantal(&app, "SELECT COUNT(*) FROM moment").await;
    assert_eq!(
        na - momenten_voor,
        i64::try_from(RIJEN + geregistreerd).unwrap()
    );
    assert_eq!(
        aantal(
            &app,
            "SELECT COUNT(*) FROM audit_log WHERE code = 'casus.import'"
        )
        .await,
        30,
        "one audit entry per batch"
    );
    // Interleaved, not queued behind the import: registrations over HTTP sit between the
    // import's batches in the audit log.
    let ertussen = aantal(
        &app,
        "SELECT COUNT(*) FROM audit_log WHERE code = 'casus.moment_geregistreerd' AND gebruiker_id IS NOT NULL \
         AND id > (SELECT MIN(id) FROM audit_log WHERE code = 'casus.import') \
         AND id < (SELECT MAX(id) FROM audit_log WHERE code = 'casus.import')",
    )
    .await;
    println!("{ertussen} registraties via HTTP tussen de eerste en de laatste portie");
    assert!(ertussen >= 5, "{ertussen}");
    assert_eq!(
        voorop::audit::repo::verifieer(&app.db)
            .await
            .expect("keten"),
        None,
        "audit chain intact with both writers"
    );
}

fn import_opdracht(app: &TestApp, csv: &std::path::Path, extra: &[&str]) -> std::process::Command {
    let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_voorop"));
    c.arg("--db")
        .arg(app.locatie.als_argument())
        .env("VOOROP_AUDIT_KOP", voorop::config::kop_naast(&app.pad))
        .args(["casus", "import", "--batch", "100"])
        .args(extra)
        .arg(csv)
        .env_remove("VOOROP_AUDIT_SLEUTEL")
        .env_remove("VOOROP_AUDIT_SLEUTEL_BESTAND")
        .env_remove("VOOROP_PSEUDONIEM_SLEUTEL_BESTAND")
        .env("VOOROP_PSEUDONIEM_SLEUTEL", voorop::config::DEMO_SLEUTEL)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    c
}

/// An import killed half-way (SIGKILL: no chance to clean up) keeps its committed batches,
/// says which row was the last one committed, refuses a plain second run and, with
/// `--hervatten`, stores every remaining row exactly once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn afgebroken_import_hervat_met_elke_rij_eenmaal() {
    let app = start().await;
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("groot.csv");
    std::fs::write(&csv, bestand(RIJEN)).unwrap();
    let voor = aantal(&app, "SELECT COUNT(*) FROM moment").await;

    let mut kind = import_opdracht(&app, &csv, &[]).spawn().unwrap();
    let start = Instant::now();
    loop {
        let rij: Option<i64> =
            sqlx::query_scalar("SELECT laatste_rij FROM casus_import WHERE status = 'bezig'")
                .fetch_optional(&app.db)
                .await
                .unwrap();
        if rij.is_some_and(|r| r > 500) {
            break;
        }
        assert!(kind.try_wait().unwrap().is_none(), "import ended too early");
        assert!(start.elapsed() < Duration::from_secs(300));
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    kind.kill().unwrap();
    kind.wait().unwrap();

    let (laatste, momenten): (i64, i64) =
        sqlx::query_as("SELECT laatste_rij, momenten FROM casus_import")
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert!(laatste > 500 && laatste < 3001, "{laatste}");
    assert_eq!(momenten, laatste - 1, "whole batches only");
    assert_eq!(
        aantal(&app, "SELECT COUNT(*) FROM moment").await - voor,
        momenten
    );

    // A plain second run: refused, naming the last committed row; nothing changes.
    let o = import_opdracht(&app, &csv, &[]).output().unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success());
    assert!(
        stderr.contains(&format!("tot en met rij {laatste}")) && stderr.contains("--hervatten"),
        "{stderr}"
    );
    assert_eq!(
        aantal(&app, "SELECT COUNT(*) FROM moment").await - voor,
        momenten
    );

    // Resumed: the rest, once.
    let o = import_opdracht(&app, &csv, &["--hervatten"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    // 1000 rows with a reference (two rows per reference) and 2000 without.
    assert!(
        stdout.contains("3000 momenten in 2500 casussen") && stdout.contains("hervat"),
        "{stdout}"
    );
    assert_eq!(
        aantal(&app, "SELECT COUNT(*) FROM moment").await - voor,
        i64::try_from(RIJEN).unwrap()
    );
    assert_eq!(
        aantal(&app, "SELECT COUNT(*) FROM casus_import_ref").await,
        0
    );
    assert_eq!(
        voorop::audit::repo::verifieer(&app.db)
            .await
            .expect("keten"),
        None
    );
}
