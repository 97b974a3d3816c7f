//! TOTP secrets at rest (issue 7): encrypted with a key kept outside the database. The base32
//! secret never reaches the database (not the column, not the session store, not the WAL);
//! sign-in with the code still works; plaintext secrets of an earlier version are encrypted at
//! start-up; a key that does not fit fails closed with a Dutch message.

use crate::common::*;
use reqwest::StatusCode;
use voorop::auth::tweestaps::{self, DEMO_GEHEIM, GeheimSleutel};

const VT: &str = "vt@demo.voorop.nl";

/// Every byte of the database files (main file and WAL), to search for a secret; on
/// PostgreSQL every row of every table as text.
async fn database_bytes(app: &TestApp) -> Vec<u8> {
    if op_postgres() {
        let mut bytes = vec![];
        for t in tabellen(&app.db).await {
            let rijen: Vec<String> =
                sqlx::query_scalar(&format!("SELECT CAST(t AS TEXT) FROM {t} t"))
                    .fetch_all(&app.db)
                    .await
                    .expect("rijen");
            for r in rijen {
                bytes.extend(r.into_bytes());
            }
        }
        return bytes;
    }
    let mut bytes = std::fs::read(&app.pad).unwrap();
    let mut wal = app.pad.clone().into_os_string();
    wal.push("-wal");
    if let Ok(w) = std::fs::read(wal) {
        bytes.extend(w);
    }
    bytes
}

fn bevat(hooiberg: &[u8], naald: &str) -> bool {
    hooiberg.windows(naald.len()).any(|w| w == naald.as_bytes())
}

fn geheim_van(html: &str) -> String {
    let begin = html
        .find(r#"<code class="geheim">"#)
        .expect("geheim op de pagina")
        + 21;
    let eind = html[begin..].find("</code>").expect("einde geheim");
    html[begin..begin + eind].replace(' ', "")
}

fn nu_s() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

async fn opgeslagen(app: &TestApp, email: &str) -> String {
    sqlx::query_scalar("SELECT totp_geheim FROM gebruiker WHERE email = $1")
        .bind(email)
        .fetch_one(&app.db)
        .await
        .unwrap()
}

#[tokio::test]
async fn geheim_staat_nergens_leesbaar_in_de_database_en_inloggen_werkt() {
    let app = start().await;
    // The demo accounts' published secret is stored encrypted too.
    let demo = opgeslagen(&app, VT).await;
    assert!(demo.starts_with(tweestaps::VERSLEUTELD), "{demo}");
    assert!(!bevat(&database_bytes(&app).await, DEMO_GEHEIM));

    // Enrolment of a new secret.
    voorop::auth::service::tweestaps_resetten(&app.db, &voorop::audit::Actor::cli(), VT)
        .await
        .expect("reset");
    let c = client();
    let (status, headers, _) = probeer_inloggen(&c, &app, VT, voorop::demo::WACHTWOORD).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location(&headers), "/inloggen/tweestaps");
    let pagina = pagina(&c, &app, "/inloggen/tweestaps").await;
    let geheim = geheim_van(&pagina);
    // Waiting in the session (stored in the same database): not readable there either.
    assert!(
        !bevat(&database_bytes(&app).await, &geheim),
        "secret in the session store"
    );
    let nu = nu_s();
    let code = tweestaps::code_op(&geheim, nu).unwrap();
    let (status, _, body) = post_form(
        &c,
        &app,
        "/inloggen/tweestaps",
        &[("_csrf", csrf(&pagina).as_str()), ("code", code.as_str())],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");

    let kolom = opgeslagen(&app, VT).await;
    assert!(kolom.starts_with(tweestaps::VERSLEUTELD), "{kolom}");
    assert!(!kolom.contains(&geheim));
    assert!(
        !bevat(&database_bytes(&app).await, &geheim),
        "the base32 secret is in the database files"
    );
    // The stored value is this secret, under this user.
    let id: voorop::gedeeld::GebruikerId =
        sqlx::query_scalar("SELECT id FROM gebruiker WHERE email = $1")
            .bind(VT)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(
        tweestaps::ontsleutel(&tweestaps::doel_gebruiker(id), &kolom),
        Ok(geheim.clone())
    );

    // Signing in with a code of the secret works (the next time step: the enrolment used
    // this one).
    let c = client();
    let (status, headers, _) = probeer_inloggen(&c, &app, VT, voorop::demo::WACHTWOORD).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location(&headers), "/inloggen/code");
    let volgende = tweestaps::code_op(&geheim, (nu / 30 + 1) * 30).unwrap();
    let (status, headers, body) = stuur_code(&c, &app, &volgende).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    assert_eq!(location(&headers), "/zelfscan");
    assert_eq!(get(&c, &app, "/casussen").await.0, StatusCode::OK);
}

#[tokio::test]
async fn klare_geheimen_van_een_oude_versie_worden_versleuteld() {
    let app = start().await;
    // As migration 0010 stored it: the base32 secret itself.
    sqlx::query("UPDATE gebruiker SET totp_geheim = $1 WHERE email = $2")
        .bind(DEMO_GEHEIM)
        .bind(VT)
        .execute(&app.db)
        .await
        .unwrap();
    let n = voorop::auth::service::tweestaps_versleutelen(&app.db)
        .await
        .unwrap();
    assert_eq!(n, 1);
    let kolom = opgeslagen(&app, VT).await;
    assert!(kolom.starts_with(tweestaps::VERSLEUTELD) && kolom != DEMO_GEHEIM);
    assert_eq!(
        voorop::auth::service::tweestaps_versleutelen(&app.db)
            .await
            .unwrap(),
        0,
        "once"
    );
    // Sign-in with the demo code still works.
    let c = login(&app, VT).await;
    assert_eq!(get(&c, &app, "/casussen").await.0, StatusCode::OK);
}

#[tokio::test]
async fn een_sleutel_die_niet_past_faalt_veilig() {
    let app = start().await;
    let ander = GeheimSleutel::afleiden(b"een-andere-sleutel-dan-die-van-deze-server!");
    let ids: Vec<voorop::gedeeld::GebruikerId> =
        sqlx::query_scalar("SELECT id FROM gebruiker WHERE totp_geheim IS NOT NULL")
            .fetch_all(&app.db)
            .await
            .unwrap();
    for id in ids {
        sqlx::query("UPDATE gebruiker SET totp_geheim = $1 WHERE id = $2")
            .bind(tweestaps::versleutel_met(
                &ander,
                &tweestaps::doel_gebruiker(id),
                DEMO_GEHEIM,
            ))
            .bind(id)
            .execute(&app.db)
            .await
            .unwrap();
    }
    let m = voorop::auth::service::tweestaps_sleutel_controleren(&app.db)
        .await
        .unwrap()
        .unwrap_err();
    assert!(
        m.contains("andere sleutel") && m.contains("VOOROP_GEHEIM_SLEUTEL"),
        "{m}"
    );

    // The second step refuses with a Dutch message, signs nobody in, counts no failure.
    let c = client();
    let (status, headers, _) = probeer_inloggen(&c, &app, VT, voorop::demo::WACHTWOORD).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location(&headers), "/inloggen/code");
    let code = demo_code(&app, VT).await;
    let (status, _, body) = stuur_code(&c, &app, &code).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.contains("past niet bij deze database"), "{body}");
    assert_ne!(get(&c, &app, "/casussen").await.0, StatusCode::OK);
    assert_eq!(audit_aantal(&app, "auth.tweestaps_mislukt").await, 0);
    assert_eq!(audit_aantal(&app, "auth.ingelogd").await, 0);

    // `serve` with that database and its own key refuses to start, in Dutch.
    let mut kind = std::process::Command::new(env!("CARGO_BIN_EXE_voorop"))
        .arg("--db")
        .arg(app.locatie.als_argument())
        .args(["serve", "--demo", "--addr", "127.0.0.1:0"])
        .env("VOOROP_AUDIT_KOP", app.pad.with_extension("auditkop"))
        .env_remove("VOOROP_GEHEIM_SLEUTEL_BESTAND")
        .env_remove("VOOROP_AUDIT_SLEUTEL")
        .env_remove("VOOROP_AUDIT_SLEUTEL_BESTAND")
        .env(
            "VOOROP_GEHEIM_SLEUTEL",
            "nog-een-sleutel-van-minstens-32-tekens-lang",
        )
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let start = std::time::Instant::now();
    while kind.try_wait().unwrap().is_none() {
        if start.elapsed() > std::time::Duration::from_secs(60) {
            kind.kill().unwrap();
            panic!("serve started with a key that does not fit");
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let uit = kind.wait_with_output().unwrap();
    assert!(!uit.status.success());
    let stderr = String::from_utf8_lossy(&uit.stderr);
    assert!(
        stderr.contains("met een andere sleutel versleuteld"),
        "{stderr}"
    );
}
