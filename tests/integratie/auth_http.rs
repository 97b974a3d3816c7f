//! Accounts over HTTP: logging in and out, sessions, CSRF, API tokens, password change, audit.

use crate::common::*;
use reqwest::StatusCode;
use reqwest::cookie::CookieStore;
use std::sync::Arc;

async fn naam_van(app: &TestApp, email: &str) -> String {
    sqlx::query_scalar("SELECT naam FROM gebruiker WHERE email = $1")
        .bind(email)
        .fetch_one(&app.db)
        .await
        .expect("naam")
}

#[tokio::test]
async fn inloggen_lukt_en_toont_de_naam() {
    let app = start().await;
    let c = client();
    let (status, headers, _) =
        probeer_inloggen(&c, &app, MEDEWERKER, voorop::demo::WACHTWOORD).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location(&headers), "/zelfscan");

    let body = pagina(&c, &app, "/zelfscan").await;
    let naam = naam_van(&app, MEDEWERKER).await;
    assert!(!naam.is_empty());
    assert!(
        body.contains(&naam),
        "de naam {naam} staat niet op /zelfscan"
    );
    assert!(body.contains("Uitloggen"));
}

#[tokio::test]
async fn terug_naar_externe_site_wordt_genegeerd() {
    let app = start().await;
    let c = client();
    let token = csrf_van(&c, &app, "/inloggen").await;
    let (status, headers, _) = post_form(
        &c,
        &app,
        "/inloggen",
        &[
            ("_csrf", token.as_str()),
            ("email", MEDEWERKER),
            ("wachtwoord", voorop::demo::WACHTWOORD),
            ("terug", "//evil.example/x"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location(&headers), "/");
}

#[tokio::test]
async fn verkeerd_wachtwoord_geeft_422_met_email_en_nederlandse_fout() {
    let app = start().await;
    let c = client();
    let (status, _, body) =
        probeer_inloggen(&c, &app, MEDEWERKER, "dit-is-niet-het-wachtwoord").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        body.contains(&format!(r#"value="{MEDEWERKER}""#)),
        "het getypte e-mailadres staat niet meer in het formulier:\n{body}"
    );
    assert!(
        body.contains("Het e-mailadres of het wachtwoord is onjuist"),
        "geen Nederlandse foutmelding:\n{body}"
    );
    // Still not logged in.
    let (status, headers, _) = get(&c, &app, "/zelfscan").await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert!(location(&headers).starts_with("/inloggen"));
    assert_eq!(audit_aantal(&app, "auth.inloggen_mislukt").await, 1);
    assert_eq!(audit_aantal(&app, "auth.ingelogd").await, 0);
}

#[tokio::test]
async fn onbekend_account_geeft_dezelfde_melding() {
    let app = start().await;
    let c = client();
    let (status, _, body) =
        probeer_inloggen(&c, &app, "niemand@demo.voorop.nl", "wat-dan-ook-12345").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.contains("Het e-mailadres of het wachtwoord is onjuist"));
    assert!(body.contains(r#"value="niemand@demo.voorop.nl""#));
}

#[tokio::test]
async fn pagina_zonder_inloggen_stuurt_naar_inloggen() {
    let app = start().await;
    let (status, headers, _) = get(&client(), &app, "/zelfscan").await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let loc = location(&headers);
    assert!(loc.starts_with("/inloggen"), "Location: {loc}");
    assert!(loc.contains("terug="), "Location zonder terug: {loc}");
}

#[tokio::test]
async fn api_zonder_token_geeft_401_problem_json() {
    let app = start().await;
    let r = client()
        .get(app.url("/api/v1/zelfscan-rondes"))
        .send()
        .await
        .expect("GET");
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    assert!(
        content_type(r.headers()).starts_with("application/problem+json"),
        "content-type: {}",
        content_type(r.headers())
    );
    assert_eq!(
        r.headers()
            .get(reqwest::header::WWW_AUTHENTICATE)
            .and_then(|v| v.to_str().ok()),
        Some("Bearer")
    );
    let json: serde_json::Value = r.json().await.expect("json");
    assert_eq!(json["status"], 401);
}

#[tokio::test]
async fn api_met_onzin_token_401_en_met_echt_token_200() {
    let app = start().await;
    let (status, headers, json) = api_get(&app, ONBEKEND_TOKEN, "/api/v1/zelfscan-rondes").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{json}");
    assert!(content_type(&headers).starts_with("application/problem+json"));

    let token = api_token(&app, MEDEWERKER).await;
    let (status, _, json) = api_get(&app, &token, "/api/v1/zelfscan-rondes").await;
    assert_eq!(status, StatusCode::OK, "{json}");
    let ids: Vec<i64> = json
        .as_array()
        .expect("lijst")
        .iter()
        .map(|r| r["id"].as_i64().expect("id"))
        .collect();
    assert!(
        ids.contains(&1) && ids.contains(&2),
        "rondes 1 en 2 ontbreken: {json}"
    );
    for r in json.as_array().expect("lijst") {
        assert_eq!(r["regio"], "oost-brabant", "{r}");
    }

    // A revoked token stops working.
    voorop::auth::service::token_intrekken(&app.db, MEDEWERKER, None)
        .await
        .expect("intrekken");
    let (status, _, _) = api_get(&app, &token, "/api/v1/zelfscan-rondes").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn post_zonder_csrf_geeft_403_en_verandert_niets() {
    let app = start().await;
    let c = login(&app, MEDEWERKER).await;

    // Logging out without a token: refused, still logged in, no audit row.
    let (status, _, body) = post_form(&c, &app, "/uitloggen", &[("x", "1")]).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    let (status, _, body) = post_form(&c, &app, "/uitloggen", &[("_csrf", "verkeerd-token")]).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    pagina(&c, &app, "/zelfscan").await;
    assert_eq!(audit_aantal(&app, "auth.uitgelogd").await, 0);

    // Saving answers without a token: refused, nothing stored.
    let voor = dump_antwoorden(&app, 2).await;
    let audit_voor = audit_aantal(&app, "zelfscan.antwoorden_opgeslagen").await;
    let mut velden = answers_form("", |_| ("op_orde", "zonder token".to_string()));
    velden.remove(0); // no _csrf at all
    let (status, _, _) = post_form(&c, &app, "/zelfscan/2/gemeenten/dommelstad", &velden).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let velden = answers_form("ongeldig", |_| ("op_orde", "fout token".to_string()));
    let (status, _, _) = post_form(&c, &app, "/zelfscan/2/gemeenten/dommelstad", &velden).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(dump_antwoorden(&app, 2).await, voor);
    assert_eq!(
        audit_aantal(&app, "zelfscan.antwoorden_opgeslagen").await,
        audit_voor
    );
}

#[tokio::test]
async fn inloggen_zonder_csrf_geeft_403() {
    let app = start().await;
    let c = client();
    // Fetch the login page so the session has a token, then post without it.
    csrf_van(&c, &app, "/inloggen").await;
    let (status, _, _) = post_form(
        &c,
        &app,
        "/inloggen",
        &[
            ("email", MEDEWERKER),
            ("wachtwoord", voorop::demo::WACHTWOORD),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(audit_aantal(&app, "auth.ingelogd").await, 0);
    let (status, _, _) = get(&c, &app, "/zelfscan").await;
    assert_eq!(status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn uitloggen_maakt_de_sessie_ongeldig() {
    let app = start().await;
    let jar = Arc::new(reqwest::cookie::Jar::default());
    let c = reqwest::Client::builder()
        .cookie_provider(jar.clone())
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let (status, _, _) = probeer_inloggen(&c, &app, MEDEWERKER, voorop::demo::WACHTWOORD).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let body = pagina(&c, &app, "/zelfscan").await;
    let url: reqwest::Url = app.adres.parse().expect("url");
    let oude_cookies = jar.cookies(&url).expect("sessiecookie");

    let (status, headers, _) =
        post_form(&c, &app, "/uitloggen", &[("_csrf", csrf(&body).as_str())]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location(&headers), "/inloggen");
    assert_eq!(audit_aantal(&app, "auth.uitgelogd").await, 1);

    let (status, headers, _) = get(&c, &app, "/zelfscan").await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert!(location(&headers).starts_with("/inloggen"));

    // Replaying the old session cookie does not work either: the session is gone server-side.
    let r = client()
        .get(app.url("/zelfscan"))
        .header(reqwest::header::COOKIE, oude_cookies)
        .send()
        .await
        .expect("GET");
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert!(location(r.headers()).starts_with("/inloggen"));
}

#[tokio::test]
async fn wachtwoord_wijzigen() {
    let app = start().await;
    let c = login(&app, LEZER).await;
    // A second session of the same user, e.g. on another computer.
    let ander = login(&app, LEZER).await;
    assert_eq!(get(&ander, &app, "/zelfscan").await.0, StatusCode::OK);
    let nieuw = "een-heel-nieuw-wachtwoord-2026";

    // Wrong current password: 422, nothing changed.
    let token = csrf_van(&c, &app, "/account/wachtwoord").await;
    let (status, _, body) = post_form(
        &c,
        &app,
        "/account/wachtwoord",
        &[
            ("_csrf", token.as_str()),
            ("huidig", "niet-het-huidige-wachtwoord"),
            ("nieuw", nieuw),
            ("herhaling", nieuw),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.contains("Het huidige wachtwoord is onjuist"), "{body}");

    // Repetition differs: 422.
    let (status, _, body) = post_form(
        &c,
        &app,
        "/account/wachtwoord",
        &[
            ("_csrf", token.as_str()),
            ("huidig", voorop::demo::WACHTWOORD),
            ("nieuw", nieuw),
            ("herhaling", "iets-heel-anders-2026"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.contains("niet gelijk"), "{body}");
    assert_eq!(audit_aantal(&app, "auth.wachtwoord_gewijzigd").await, 0);

    let (status, headers, body) = post_form(
        &c,
        &app,
        "/account/wachtwoord",
        &[
            ("_csrf", token.as_str()),
            ("huidig", voorop::demo::WACHTWOORD),
            ("nieuw", nieuw),
            ("herhaling", nieuw),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    assert_eq!(location(&headers), "/");
    assert_eq!(audit_aantal(&app, "auth.wachtwoord_gewijzigd").await, 1);

    // The session that changed the password goes on; the other session has ended.
    assert_eq!(get(&c, &app, "/zelfscan").await.0, StatusCode::OK);
    let (status, headers, _) = get(&ander, &app, "/zelfscan").await;
    assert_eq!(
        status,
        StatusCode::SEE_OTHER,
        "de andere sessie is nog geldig"
    );
    assert!(location(&headers).starts_with("/inloggen"));

    let (status, _, _) = probeer_inloggen(&client(), &app, LEZER, voorop::demo::WACHTWOORD).await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "het oude wachtwoord werkt nog"
    );
    let (status, _, _) = probeer_inloggen(&client(), &app, LEZER, nieuw).await;
    assert_eq!(
        status,
        StatusCode::SEE_OTHER,
        "het nieuwe wachtwoord werkt niet"
    );
}

#[tokio::test]
async fn inloggen_komt_in_het_auditlog() {
    let app = start().await;
    let voor = audit_aantal(&app, "auth.ingelogd").await;
    login(&app, MEDEWERKER).await;
    login(&app, COORDINATOR).await;
    assert_eq!(audit_aantal(&app, "auth.ingelogd").await, voor + 2);
    let actors: Vec<String> =
        sqlx::query_scalar("SELECT actor FROM audit_log WHERE code = 'auth.ingelogd' ORDER BY id")
            .fetch_all(&app.db)
            .await
            .expect("audit");
    assert!(actors.ends_with(&[MEDEWERKER.to_string(), COORDINATOR.to_string()]));
    assert_eq!(
        voorop::audit::repo::verifieer(&app.db)
            .await
            .expect("verify"),
        None,
        "de hashketen van het auditlog is verbroken"
    );
}

/// A client (cookies, no redirects) that connects from its own loopback address, so the
/// per-address brake of one test client does not slow another.
#[tokio::test]
async fn vijf_mislukte_pogingen_blokkeren_het_account_ook_voor_het_juiste_wachtwoord() {
    let app = start().await;
    // Each attempt from another address: this is the account lock, not the address brake.
    for i in 1..=5 {
        let c = client_van(&format!("127.0.1.{i}"));
        let (status, _, _) = probeer_inloggen(&c, &app, LEZER, "fout-wachtwoord-nummer").await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "poging {i}");
    }
    assert_eq!(audit_aantal(&app, "auth.inloggen_mislukt").await, 5);
    assert_eq!(audit_aantal(&app, "auth.account_geblokkeerd").await, 1);

    // Now even the right password is refused, with the same message as a wrong one, and the
    // answer for an unknown address is word for word the same.
    let c = client_van("127.0.1.6");
    let (status, _, geblokkeerd) =
        probeer_inloggen(&c, &app, LEZER, voorop::demo::WACHTWOORD).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(audit_aantal(&app, "auth.inloggen_geblokkeerd").await, 1);
    assert_eq!(audit_aantal(&app, "auth.ingelogd").await, 0);
    let (_, _, onbekend) = probeer_inloggen(
        &client_van("127.0.1.7"),
        &app,
        "niemand@demo.voorop.nl",
        voorop::demo::WACHTWOORD,
    )
    .await;
    let melding = |body: &str| {
        let begin = body.find("Het e-mailadres").expect("melding");
        body[begin..begin + 150].to_string()
    };
    assert_eq!(melding(&geblokkeerd), melding(&onbekend));
    assert!(
        !geblokkeerd.contains("geblokkeerd tot"),
        "verraadt de blokkade"
    );

    // The helpdesk lifts the lock (audited); then the right password works again.
    assert!(
        voorop::auth::service::ontgrendelen(&app.db, &voorop::audit::Actor::cli(), LEZER)
            .await
            .expect("ontgrendelen")
    );
    assert_eq!(audit_aantal(&app, "auth.account_ontgrendeld").await, 1);
    let (status, _, body) = probeer_inloggen(
        &client_van("127.0.1.8"),
        &app,
        LEZER,
        voorop::demo::WACHTWOORD,
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
}

#[tokio::test]
async fn verlopen_blokkade_wordt_opgeheven_en_gelogd() {
    let app = start().await;
    // A lock that ran out a minute ago.
    sqlx::query("UPDATE gebruiker SET geblokkeerd_tot_ms = $1 WHERE email = $2")
        .bind(voorop::db::nu_ms() - 60_000)
        .bind(MEDEWERKER)
        .execute(&app.db)
        .await
        .expect("blokkade");
    let (status, _, body) =
        probeer_inloggen(&client(), &app, MEDEWERKER, voorop::demo::WACHTWOORD).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    assert_eq!(audit_aantal(&app, "auth.account_ontgrendeld").await, 1);
    // And one that runs for another minute refuses the right password.
    sqlx::query("UPDATE gebruiker SET geblokkeerd_tot_ms = $1 WHERE email = $2")
        .bind(voorop::db::nu_ms() + 60_000)
        .bind(MEDEWERKER)
        .execute(&app.db)
        .await
        .expect("blokkade");
    let (status, _, _) =
        probeer_inloggen(&client(), &app, MEDEWERKER, voorop::demo::WACHTWOORD).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn herhaalde_mislukkingen_vanaf_een_adres_vertragen_dat_adres() {
    let app = start().await;
    let c = client_van("127.0.2.1");
    // Two free failures, then the third: from the fourth on, every attempt waits first.
    for _ in 0..3 {
        let (status, _, _) =
            probeer_inloggen(&c, &app, "niemand@demo.voorop.nl", "fout-wachtwoord-xx").await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    let begin = std::time::Instant::now();
    let (status, _, _) =
        probeer_inloggen(&c, &app, "niemand@demo.voorop.nl", "fout-wachtwoord-xx").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        begin.elapsed() >= std::time::Duration::from_millis(950),
        "geen vertraging na drie mislukte pogingen: {:?}",
        begin.elapsed()
    );
    // The brake is per address: another address signs in at once, and a success clears it.
    let (status, _, _) = probeer_inloggen(
        &client_van("127.0.2.2"),
        &app,
        MEDEWERKER,
        voorop::demo::WACHTWOORD,
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn anoniem_bezoek_aan_inloggen_bewaart_geen_sessies() {
    let app = start().await;
    for _ in 0..50 {
        let (status, headers, body) = get(&client(), &app, "/inloggen").await;
        assert_eq!(status, StatusCode::OK);
        assert!(body.contains(r#"name="_csrf""#));
        let cookies: Vec<&str> = headers
            .get_all(reqwest::header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .collect();
        assert!(
            cookies.iter().all(|c| !c.starts_with("voorop_sessie")),
            "{cookies:?}"
        );
    }
    let sessies: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sessie")
        .fetch_one(&app.db)
        .await
        .expect("sessies");
    assert_eq!(sessies, 0);
}

#[tokio::test]
async fn csrf_token_en_sessie_wisselen_bij_inloggen() {
    let app = start().await;
    let c = login(&app, LEZER).await;
    let voor = csrf_van(&c, &app, "/zelfscan").await;
    // Signing in again (as someone else) in the same browser: a new token; the old one no
    // longer works.
    let (status, _, _) = probeer_inloggen(&c, &app, MEDEWERKER, voorop::demo::WACHTWOORD).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let na = csrf_van(&c, &app, "/zelfscan").await;
    assert_ne!(voor, na);
    let (status, _, _) = post_form(&c, &app, "/uitloggen", &[("_csrf", voor.as_str())]).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _, _) = post_form(&c, &app, "/uitloggen", &[("_csrf", na.as_str())]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn uitloggen_beeindigt_ook_de_andere_sessies() {
    let app = start().await;
    let c = login(&app, COORDINATOR).await;
    let ander = login(&app, COORDINATOR).await;
    assert_eq!(get(&ander, &app, "/zelfscan").await.0, StatusCode::OK);
    let token = csrf_van(&c, &app, "/zelfscan").await;
    let (status, _, _) = post_form(&c, &app, "/uitloggen", &[("_csrf", token.as_str())]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (status, headers, _) = get(&ander, &app, "/zelfscan").await;
    assert_eq!(status, StatusCode::SEE_OTHER, "de andere sessie loopt nog");
    assert!(location(&headers).starts_with("/inloggen"));
}

#[tokio::test]
async fn sessie_eindigt_na_de_maximale_duur_ook_als_ze_actief_is() {
    // Absolute lifetime of one second instead of 12 hours; inactivity limit stays 30 minutes.
    let app = start_met(|c| c.sessie_max = std::time::Duration::from_secs(1)).await;
    let c = login(&app, LEZER).await;
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    let (status, headers, _) = get(&c, &app, "/zelfscan").await;
    assert_eq!(
        status,
        StatusCode::SEE_OTHER,
        "sessie ouder dan het maximum is nog geldig"
    );
    assert!(location(&headers).starts_with("/inloggen"));
    // A fresh sign-in works again.
    let c = login(&app, LEZER).await;
    assert_eq!(get(&c, &app, "/zelfscan").await.0, StatusCode::OK);
}

#[tokio::test]
async fn actieve_sessie_blijft_en_inactieve_verloopt() {
    // An inactivity limit of 3 seconds (renewed at most every 100 ms) instead of 30 minutes:
    // views without writes must still keep an active session alive.
    let app = start_met(|c| c.sessie_inactief = std::time::Duration::from_secs(3)).await;
    let c = login(&app, LEZER).await;
    for _ in 0..5 {
        tokio::time::sleep(std::time::Duration::from_secs(1)).await;
        assert_eq!(get(&c, &app, "/zelfscan").await.0, StatusCode::OK, "actief");
    }
    tokio::time::sleep(std::time::Duration::from_millis(4500)).await;
    let (status, headers, _) = get(&c, &app, "/zelfscan").await;
    assert_eq!(
        status,
        StatusCode::SEE_OTHER,
        "inactieve sessie is nog geldig"
    );
    assert!(location(&headers).starts_with("/inloggen"));
}

#[tokio::test]
async fn beveiligingskoppen_op_elk_soort_antwoord() {
    let app = start().await;
    let c = login(&app, MEDEWERKER).await;
    let token = api_token(&app, MEDEWERKER).await;
    let pagina = c.get(app.url("/zelfscan")).send().await.expect("pagina");
    let api = client()
        .get(app.url("/api/v1/zelfscan-rondes"))
        .bearer_auth(&token)
        .send()
        .await
        .expect("api");
    let fout = c.get(app.url("/bestaat-niet")).send().await.expect("404");
    let css = client()
        .get(app.url("/static/voorop.css"))
        .send()
        .await
        .expect("css");
    for (wat, r) in [
        ("pagina", &pagina),
        ("api", &api),
        ("fout", &fout),
        ("css", &css),
    ] {
        let h = r.headers();
        let kop = |k: &str| {
            h.get(k)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("")
                .to_string()
        };
        assert_eq!(kop("x-frame-options"), "DENY", "{wat}");
        assert_eq!(kop("cross-origin-opener-policy"), "same-origin", "{wat}");
        assert!(kop("permissions-policy").contains("camera=()"), "{wat}");
        assert!(
            kop("content-security-policy").contains("default-src 'self'"),
            "{wat}"
        );
        assert_eq!(kop("x-content-type-options"), "nosniff", "{wat}");
        if wat == "css" {
            assert!(kop("cache-control").starts_with("public"), "{wat}");
        } else {
            assert_eq!(kop("cache-control"), "no-store", "{wat}");
        }
    }
    assert_eq!(pagina.status(), StatusCode::OK);
    assert_eq!(api.status(), StatusCode::OK);
    assert_eq!(fout.status(), StatusCode::NOT_FOUND);
    // Static files: embedded, with an ETag that answers 304 when unchanged.
    assert_eq!(css.status(), StatusCode::OK);
    let etag = css.headers()["etag"].to_str().expect("etag").to_string();
    assert!(css.text().await.expect("css").contains("{"));
    let opnieuw = client()
        .get(app.url("/static/voorop.css"))
        .header("if-none-match", &etag)
        .send()
        .await
        .expect("css");
    assert_eq!(opnieuw.status(), StatusCode::NOT_MODIFIED);
    assert_eq!(
        client()
            .get(app.url("/static/../Cargo.toml"))
            .send()
            .await
            .expect("pad")
            .status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn api_token_heeft_een_bereik_en_verloopt() {
    use voorop::auth::model::TokenBereik;
    let app = start().await;
    let (lezen, _) =
        voorop::auth::service::token_maken(&app.db, COORDINATOR, TokenBereik::Lezen, 30)
            .await
            .expect("token");
    let pad = "/api/v1/zelfscan-rondes/2/gemeenten/dommelstad/antwoorden";
    let body = serde_json::json!({"antwoorden": [{"vraag": 1, "antwoord": "op_orde"}]});
    let voor = dump_antwoorden(&app, 2).await;
    // Reading works; changing is refused with 403, and nothing changes.
    let r = client()
        .get(app.url("/api/v1/zelfscan-rondes"))
        .bearer_auth(&lezen)
        .send()
        .await
        .expect("GET");
    assert_eq!(r.status(), StatusCode::OK);
    let (status, _, _) = api_put(&app, &lezen, pad, &body).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(dump_antwoorden(&app, 2).await, voor);

    // An expired token is no token.
    let schrijven = api_token(&app, COORDINATOR).await;
    sqlx::query("UPDATE api_token SET verloopt_op = '2020-01-01T00:00:00Z'")
        .execute(&app.db)
        .await
        .expect("verlopen");
    for token in [&lezen, &schrijven] {
        let r = client()
            .get(app.url("/api/v1/zelfscan-rondes"))
            .bearer_auth(token)
            .send()
            .await
            .expect("GET");
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    }
    // A lifetime outside 1..=366 days is refused.
    assert!(
        voorop::auth::service::token_maken(&app.db, COORDINATOR, TokenBereik::Lezen, 0)
            .await
            .is_err()
    );
}

const VT: &str = "vt@demo.voorop.nl";

#[tokio::test]
async fn tweede_stap_is_nodig_en_een_code_werkt_maar_een_keer() {
    let app = start().await;
    let c = client();
    let (status, headers, _) =
        probeer_inloggen(&c, &app, BEHEERDER, voorop::demo::WACHTWOORD).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location(&headers), "/inloggen/code");
    // Between the steps nothing is open, and no sign-in is audited yet.
    let (status, headers, _) = get(&c, &app, "/zelfscan").await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert!(location(&headers).starts_with("/inloggen"));
    assert_eq!(audit_aantal(&app, "auth.ingelogd").await, 0);

    // A wrong code: 422, audited, counted.
    let (status, _, body) = stuur_code(&c, &app, "000000").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.contains("De code is onjuist"), "{body}");
    assert_eq!(audit_aantal(&app, "auth.tweestaps_mislukt").await, 1);

    // The right code signs in.
    let code = demo_code(&app, BEHEERDER).await;
    let (status, headers, _) = stuur_code(&c, &app, &code).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location(&headers), "/zelfscan");
    assert_eq!(get(&c, &app, "/zelfscan").await.0, StatusCode::OK);
    assert_eq!(audit_aantal(&app, "auth.ingelogd").await, 1);

    // The same code in another sign-in (an observer replaying it): refused.
    let ander = client();
    let (status, _, _) = probeer_inloggen(&ander, &app, BEHEERDER, voorop::demo::WACHTWOORD).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (status, _, _) = stuur_code(&ander, &app, &code).await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "een code werd twee keer aanvaard"
    );
}

#[tokio::test]
async fn vijf_foute_codes_blokkeren_het_account() {
    let app = start().await;
    for i in 1..=5 {
        // Each attempt from its own address: this test is about the account lock.
        let c = client_van(&format!("127.0.3.{i}"));
        let (status, headers, _) = probeer_inloggen(&c, &app, VT, voorop::demo::WACHTWOORD).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        assert_eq!(location(&headers), "/inloggen/code");
        let (status, _, _) = stuur_code(&c, &app, "123456").await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    assert_eq!(audit_aantal(&app, "auth.account_geblokkeerd").await, 1);
    let (status, _, _) =
        probeer_inloggen(&client_van("127.0.3.9"), &app, VT, voorop::demo::WACHTWOORD).await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "geblokkeerd account kwam binnen"
    );
}

/// The code an authenticator app with `geheim` shows now.
fn huidige_code(geheim: &str) -> String {
    let nu = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    voorop::auth::tweestaps::code_op(geheim, nu).unwrap()
}

/// The secret shown on the enrolment page (grouped by four for reading).
fn geheim_van(html: &str) -> String {
    let begin = html
        .find(r#"<code class="geheim">"#)
        .expect("geheim op de pagina")
        + 21;
    let eind = html[begin..].find("</code>").expect("einde geheim");
    html[begin..begin + eind].replace(' ', "")
}

#[tokio::test]
async fn inrichten_na_reset_en_inloggen_met_een_herstelcode() {
    let app = start().await;
    voorop::auth::service::tweestaps_resetten(&app.db, &voorop::audit::Actor::cli(), VT)
        .await
        .expect("reset");
    assert_eq!(audit_aantal(&app, "auth.tweestaps_gereset").await, 1);
    let c = client();
    let (status, headers, _) = probeer_inloggen(&c, &app, VT, voorop::demo::WACHTWOORD).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location(&headers), "/inloggen/tweestaps");
    let pagina = pagina(&c, &app, "/inloggen/tweestaps").await;
    assert!(
        pagina.contains("<svg") && pagina.contains("QR-code"),
        "geen QR-code"
    );
    let geheim = geheim_van(&pagina);
    assert_ne!(geheim, voorop::auth::tweestaps::DEMO_GEHEIM);
    // Not signed in before enrolment is finished.
    assert_eq!(get(&c, &app, "/casussen").await.0, StatusCode::SEE_OTHER);

    // A wrong code keeps the same secret on the page.
    let token = csrf(&pagina);
    let (status, _, body) = post_form(
        &c,
        &app,
        "/inloggen/tweestaps",
        &[("_csrf", token.as_str()), ("code", "999999")],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(geheim_van(&body), geheim);

    let code = huidige_code(&geheim);
    let (status, _, body) = post_form(
        &c,
        &app,
        "/inloggen/tweestaps",
        &[("_csrf", token.as_str()), ("code", code.as_str())],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let codes: Vec<String> = body
        .split("<li><code>")
        .skip(1)
        .map(|d| d.split("</code>").next().unwrap().to_string())
        .collect();
    assert_eq!(codes.len(), 10, "{body}");
    assert_eq!(get(&c, &app, "/casussen").await.0, StatusCode::OK);
    assert_eq!(audit_aantal(&app, "auth.tweestaps_ingesteld").await, 1);
    // Only hashes are stored.
    let opgeslagen: Vec<String> = sqlx::query_scalar("SELECT hash FROM herstelcode")
        .fetch_all(&app.db)
        .await
        .unwrap();
    assert_eq!(opgeslagen.len(), 10);
    assert!(codes.iter().all(|c| !opgeslagen.contains(c)));

    // A recovery code signs in once.
    for (poging, verwacht) in [
        (1, StatusCode::SEE_OTHER),
        (2, StatusCode::UNPROCESSABLE_ENTITY),
    ] {
        let c = client();
        let (status, _, _) = probeer_inloggen(&c, &app, VT, voorop::demo::WACHTWOORD).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        let (status, _, body) = stuur_code(&c, &app, &codes[0].to_uppercase()).await;
        assert_eq!(status, verwacht, "poging {poging}: {body}");
    }
    assert_eq!(audit_aantal(&app, "auth.herstelcode_gebruikt").await, 1);
}

#[tokio::test]
async fn tweestaps_is_optioneel_voor_een_gemeente() {
    let app = start().await;
    // A gemeente medewerker signs in with the password alone …
    let c = login(&app, MEDEWERKER).await;
    // … and may switch it on.
    let pagina = pagina(&c, &app, "/account/tweestaps").await;
    let geheim = geheim_van(&pagina);
    let code = huidige_code(&geheim);
    let (status, _, body) = post_form(
        &c,
        &app,
        "/account/tweestaps",
        &[("_csrf", csrf(&pagina).as_str()), ("code", code.as_str())],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(body.contains("herstelcodes"), "{body}");
    let (status, headers, _) =
        probeer_inloggen(&client(), &app, MEDEWERKER, voorop::demo::WACHTWOORD).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location(&headers), "/inloggen/code");
}

/// The temporary password on the page shown after creating or resetting an account.
fn tijdelijk_wachtwoord(html: &str) -> String {
    let begin = html
        .find(r#"<code class="geheim">"#)
        .expect("tijdelijk wachtwoord")
        + 21;
    let eind = html[begin..].find("</code>").expect("einde");
    html[begin..begin + eind].to_string()
}

#[tokio::test]
async fn beheerder_maakt_een_gebruiker_die_eerst_zijn_wachtwoord_wijzigt() {
    let app = start().await;
    let c = login(&app, BEHEERDER).await;
    let token = csrf_van(&c, &app, "/beheer/gebruikers/nieuw").await;
    let nieuw = "nieuw.lid@dommelstad.example.nl";
    // A rejected form keeps what was typed.
    let (status, _, body) = post_form(
        &c,
        &app,
        "/beheer/gebruikers",
        &[
            ("_csrf", token.as_str()),
            ("email", "geen-email"),
            ("naam", "Nina Nieuw (fictief)"),
            ("organisatie", "dommelstad"),
            ("rol", "medewerker"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.contains("Nina Nieuw (fictief)"), "{body}");
    let (status, _, body) = post_form(
        &c,
        &app,
        "/beheer/gebruikers",
        &[
            ("_csrf", token.as_str()),
            ("email", nieuw),
            ("naam", "Nina Nieuw (fictief)"),
            ("organisatie", "dommelstad"),
            ("rol", "medewerker"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let tijdelijk = tijdelijk_wachtwoord(&body);
    assert_eq!(
        audit_aantal(&app, "gebruiker.aangemaakt").await,
        voorop::demo::GEBRUIKERS.len() as i64 + 1
    );
    // Only the hash is stored.
    let hash: String = sqlx::query_scalar("SELECT wachtwoord_hash FROM gebruiker WHERE email = $1")
        .bind(nieuw)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert!(!hash.contains(&tijdelijk));

    // The new user signs in and must change the password before anything else.
    let n = client();
    let (status, _, _) = probeer_inloggen(&n, &app, nieuw, &tijdelijk).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (status, headers, _) = get(&n, &app, "/zelfscan").await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location(&headers), "/account/wachtwoord");
    let token = csrf_van(&n, &app, "/account/wachtwoord").await;
    let eigen = "zomeravond-aan-de-dommel";
    let (status, _, body) = post_form(
        &n,
        &app,
        "/account/wachtwoord",
        &[
            ("_csrf", token.as_str()),
            ("huidig", tijdelijk.as_str()),
            ("nieuw", eigen),
            ("herhaling", eigen),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    assert_eq!(get(&n, &app, "/zelfscan").await.0, StatusCode::OK);
}

#[tokio::test]
async fn beheer_wijzigt_rol_en_deactiveert_met_audit_van_oud_en_nieuw() {
    let app = start().await;
    let lezer = login(&app, LEZER).await;
    let coord = login(&app, COORDINATOR).await;
    let id: i64 = sqlx::query_scalar("SELECT id FROM gebruiker WHERE email = $1")
        .bind(LEZER)
        .fetch_one(&app.db)
        .await
        .unwrap();
    let pad = format!("/beheer/gebruikers/{id}");
    let token = csrf_van(&coord, &app, &pad).await;
    let wijzig = |rol: &'static str, actief: &'static str| {
        let (app, coord, pad, token) = (&app, coord.clone(), pad.clone(), token.clone());
        async move {
            post_form(
                &coord,
                app,
                &pad,
                &[
                    ("_csrf", token.as_str()),
                    ("naam", "Lex Lezer (fictief)"),
                    ("organisatie", "peelrand"),
                    ("rol", rol),
                    ("actief", actief),
                ],
            )
            .await
        }
    };
    // A regiocoördinator cannot make anyone beheerder.
    let (status, _, body) = wijzig("beheerder", "1").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.contains("Alleen een beheerder"), "{body}");
    // Role change: audited with old and new value.
    let (status, _, _) = wijzig("medewerker", "1").await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let details: Vec<String> = sqlx::query_scalar(
        "SELECT details FROM audit_log WHERE code = 'beheer.gebruiker_gewijzigd' ORDER BY id",
    )
    .fetch_all(&app.db)
    .await
    .unwrap();
    assert_eq!(details, ["rol: lezer -> medewerker"]);
    // The role change ended the user's sessions.
    assert_eq!(
        get(&lezer, &app, "/zelfscan").await.0,
        StatusCode::SEE_OTHER
    );
    // Deactivated: no sign-in any more.
    let (status, _, _) = wijzig("medewerker", "").await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (status, _, _) = probeer_inloggen(&client(), &app, LEZER, voorop::demo::WACHTWOORD).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(audit_aantal(&app, "beheer.gebruiker_gewijzigd").await, 2);

    // Another region's coordinator and a reader cannot manage these accounts: for the first
    // the account lies outside the scope (not found), the second has no scope at all.
    let limburg = login(&app, COORDINATOR_LIMBURG).await;
    assert_eq!(get(&limburg, &app, &pad).await.0, StatusCode::NOT_FOUND);
    let medewerker = login(&app, MEDEWERKER).await;
    assert_eq!(
        get(&medewerker, &app, "/beheer/gebruikers").await.0,
        StatusCode::FORBIDDEN
    );
    let lijst = pagina(&limburg, &app, "/beheer/gebruikers").await;
    assert!(
        !lijst.contains(LEZER),
        "Limburg ziet Oost-Brabantse accounts"
    );
    // Roles by their label, never their stored code.
    assert!(lijst.contains("<td>Regiocoördinator</td>"), "{lijst}");
    assert!(!lijst.contains("<td>regiocoordinator</td>"), "{lijst}");
}

#[tokio::test]
async fn wachtwoord_reset_door_beheer_beeindigt_sessies_en_heft_blokkade_op() {
    let app = start().await;
    let slachtoffer = login(&app, MEDEWERKER).await;
    sqlx::query("UPDATE gebruiker SET geblokkeerd_tot_ms = $1 WHERE email = $2")
        .bind(voorop::db::nu_ms() + 600_000)
        .bind(MEDEWERKER)
        .execute(&app.db)
        .await
        .unwrap();
    let coord = login(&app, COORDINATOR).await;
    let id: i64 = sqlx::query_scalar("SELECT id FROM gebruiker WHERE email = $1")
        .bind(MEDEWERKER)
        .fetch_one(&app.db)
        .await
        .unwrap();
    let token = csrf_van(&coord, &app, &format!("/beheer/gebruikers/{id}")).await;
    let (status, _, body) = post_form(
        &coord,
        &app,
        &format!("/beheer/gebruikers/{id}/wachtwoord"),
        &[("_csrf", token.as_str())],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let tijdelijk = tijdelijk_wachtwoord(&body);
    assert_eq!(audit_aantal(&app, "beheer.wachtwoord_gereset").await, 1);
    assert_eq!(
        get(&slachtoffer, &app, "/zelfscan").await.0,
        StatusCode::SEE_OTHER
    );
    let (status, _, _) =
        probeer_inloggen(&client(), &app, MEDEWERKER, voorop::demo::WACHTWOORD).await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "oud wachtwoord werkt nog"
    );
    let (status, _, _) = probeer_inloggen(&client(), &app, MEDEWERKER, &tijdelijk).await;
    assert_eq!(
        status,
        StatusCode::SEE_OTHER,
        "blokkade niet opgeheven of tijdelijk wachtwoord werkt niet"
    );
}

const FG: &str = "fg@demo.voorop.nl";

#[tokio::test]
async fn privacyfunctionaris_ziet_alleen_het_auditlog_van_de_eigen_organisatie() {
    let app = start().await;
    // A moment Veilig Thuis takes part in and one it does not.
    let vt_org: i64 = org_id(&app, "vt-oost-brabant").await;
    let (moment_vt, casus_vt): (i64, i64) = sqlx::query_as(
        "SELECT m.id, m.casus_id FROM moment m JOIN moment_deelnemer d ON d.moment_id = m.id
         WHERE d.organisatie_id = $1 AND d.tot IS NULL ORDER BY m.id LIMIT 1",
    )
    .bind(vt_org)
    .fetch_one(&app.db)
    .await
    .expect("moment met VT");
    let moment_zonder: i64 = sqlx::query_scalar(
        "SELECT id FROM moment WHERE id NOT IN
           (SELECT moment_id FROM moment_deelnemer WHERE organisatie_id = $1) ORDER BY id LIMIT 1",
    )
    .bind(vt_org)
    .fetch_one(&app.db)
    .await
    .expect("moment zonder VT");
    // VT reads its moment's personal data.
    let vt = login(&app, VT).await;
    assert_eq!(
        get(&vt, &app, &format!("/casussen/moment/{moment_vt}"))
            .await
            .0,
        StatusCode::OK
    );

    let fg = login(&app, FG).await;
    let logboek = pagina(&fg, &app, "/privacy/logboek?code=casus.").await;
    assert!(
        logboek.contains(&format!("moment {moment_vt}")),
        "de inzage door VT ontbreekt"
    );
    assert!(
        !logboek.contains(&format!("moment {moment_zonder}<")),
        "FG ziet een moment zonder VT"
    );
    // Events by their Dutch label (the code on hover) and times in Dutch local time.
    assert!(
        logboek.contains(
            r#"<span title="casus.persoonsgegevens_gelezen">Persoonsgegevens ingezien</span>"#
        ),
        "{logboek}"
    );
    assert!(!logboek.contains("UTC"), "{logboek}");
    let eerste = logboek.split("<time datetime=\"").nth(1).expect("a time");
    let (utc, rest) = eerste.split_once("Z\">").unwrap();
    let lokaal = rest.split('<').next().unwrap();
    assert_eq!(Some(lokaal.to_string()), voorop::gedeeld::lokale_tijd(utc));
    assert_ne!(
        &utc[11..16],
        &lokaal[11..16],
        "shown in local time, not UTC"
    );
    // Nothing else: no Zelfscan, no cases, no beheer; others do not get the FG pages.
    for pad in [
        "/zelfscan",
        "/casussen",
        "/beheer/audit",
        "/beheer/gebruikers",
    ] {
        assert_eq!(get(&fg, &app, pad).await.0, StatusCode::FORBIDDEN, "{pad}");
    }
    assert_eq!(
        get(&vt, &app, "/privacy/logboek").await.0,
        StatusCode::FORBIDDEN
    );
    let beheerder = login(&app, BEHEERDER).await;
    assert_eq!(
        get(&beheerder, &app, "/privacy/inzage").await.0,
        StatusCode::FORBIDDEN
    );

    // Access request by case number, and by name and date of birth (through the pseudonym).
    let token = csrf_van(&fg, &app, "/privacy/inzage").await;
    let (status, _, body) = post_form(
        &fg,
        &app,
        "/privacy/inzage",
        &[("_csrf", token.as_str()), ("casus", &casus_vt.to_string())],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(body.contains("casus.persoonsgegevens_gelezen"), "{body}");
    assert!(body.contains(VT), "{body}");
    let sleutel = voorop::config::Sleutel::new(voorop::config::DEMO_SLEUTEL.as_bytes());
    let pseudoniem = voorop::casus::pseudoniem::maak(&sleutel, "Fenna Fictief", "2014-03-02")
        .expect("pseudoniem");
    sqlx::query("UPDATE casus SET pseudoniem = $1 WHERE id = $2")
        .bind(&pseudoniem)
        .bind(casus_vt)
        .execute(&app.db)
        .await
        .unwrap();
    let (status, _, body) = post_form(
        &fg,
        &app,
        "/privacy/inzage",
        &[
            ("_csrf", token.as_str()),
            ("naam", "fictief, fenna"),
            ("geboortedatum", "2014-03-02"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(body.contains(&format!("moment {moment_vt}")), "{body}");
    // The look-ups are audited, without the name.
    assert_eq!(audit_aantal(&app, "privacy.inzage_opgevraagd").await, 2);
    let details: Vec<String> = sqlx::query_scalar(
        "SELECT details || object_id FROM audit_log WHERE code = 'privacy.inzage_opgevraagd'",
    )
    .fetch_all(&app.db)
    .await
    .unwrap();
    assert!(details.iter().all(|d| !d.to_lowercase().contains("fenna")));
}

/// Reading pages does not write the session (issue 8: a write per view queued every reader on
/// SQLite's write lock). After the first view renews the inactivity expiry, views within the
/// renewal interval leave the stored session exactly as it was; a flash message is still shown
/// once and then removed.
#[tokio::test]
async fn pagina_lezen_schrijft_de_sessie_niet() {
    let app = start().await;
    let c = login(&app, COORDINATOR).await;
    pagina(&c, &app, "/zelfscan").await;
    let sessies = || async {
        sqlx::query_as::<_, (String, Vec<u8>, String)>(
            "SELECT id, data, CAST(expiry_date AS TEXT) FROM sessie ORDER BY id",
        )
        .fetch_all(&app.db)
        .await
        .unwrap()
    };
    let voor = sessies().await;
    assert_eq!(voor.len(), 1);
    // A second later: a write would move the expiry.
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    for pad in ["/zelfscan", "/plannen", "/routekaart", "/zelfscan"] {
        pagina(&c, &app, pad).await;
    }
    assert_eq!(sessies().await, voor, "reading pages wrote the session");

    // A flash message still shows once (its removal is a write).
    let token = csrf_van(&c, &app, "/routekaart").await;
    let (status, _, _) = post_form(
        &c,
        &app,
        "/routekaart",
        &[
            ("_csrf", token.as_str()),
            ("regio", "oost-brabant"),
            ("stap", "f1-s1"),
            ("gereed", "1"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let eerst = pagina(&c, &app, "/routekaart").await;
    assert!(eerst.contains("Stap afgevinkt."), "{eerst}");
    let daarna = pagina(&c, &app, "/routekaart").await;
    assert!(!daarna.contains("Stap afgevinkt."));
}

/// "Nog N minuten": signed-in pages carry the idle timeout and the script that warns before
/// the session ends (shown from five minutes before); the sign-in page does not.
#[tokio::test]
async fn paginas_waarschuwen_voor_het_verlopen_van_de_sessie() {
    let app = start_met(|c| c.sessie_inactief = std::time::Duration::from_secs(10 * 60)).await;
    let c = login(&app, LEZER).await;
    let html = pagina(&c, &app, "/zelfscan").await;
    assert!(html.contains("data-sessie-minuten=\"10\""), "{html}");
    assert!(html.contains("<script src=\"/static/sessie.js\" defer></script>"));
    assert!(html.contains("id=\"sessie-melding\""));
    let (status, _, body) = get(&client(), &app, "/static/sessie.js").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("Uw sessie verloopt over"));
    let inloggen = pagina(&client(), &app, "/inloggen").await;
    assert!(!inloggen.contains("sessie.js"));
    assert!(!inloggen.contains("data-sessie-minuten"));
}

/// Every page of a demo database says its data is fictional (the flag is read with the
/// session's user, in the same statement); a database without the demo data shows no banner.
#[tokio::test]
async fn demobanner_alleen_bij_demogegevens() {
    let app = start().await;
    let c = login(&app, COORDINATOR).await;
    let banner = "Demonstratieomgeving:";
    for pad in ["/casussen", "/werkset/vergelijking"] {
        assert!(pagina(&c, &app, pad).await.contains(banner), "{pad}");
    }
    sqlx::query("DELETE FROM instelling WHERE sleutel = 'demo_geladen'")
        .execute(&app.db)
        .await
        .expect("instelling");
    for pad in ["/casussen", "/werkset/vergelijking"] {
        let html = pagina(&c, &app, pad).await;
        assert!(!html.contains(banner), "{pad}: {html}");
    }
}

#[tokio::test]
async fn foutpagina_houdt_menu_en_gebruikersbalk() {
    let app = start().await;
    let c = login(&app, MEDEWERKER).await;
    // A page this role may not see: 403 within the user's own layout, not a dead end.
    let (status, _, body) = get(&c, &app, "/privacy/logboek").await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    assert!(body.contains("<h1>Geen toegang</h1>"), "{body}");
    assert!(
        body.contains(r#"<a href="/zelfscan">Zelfscan</a>"#),
        "menu: {body}"
    );
    assert!(body.contains(">Uitloggen</button>"), "user bar: {body}");
    let token = csrf(&body);
    assert!(!token.is_empty());
    // The sign-out form on the error page works.
    let (status, _, _) = post_form(&c, &app, "/uitloggen", &[("_csrf", token.as_str())]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    // Signed out, an unknown page has no menu.
    let (status, _, body) = get(&client(), &app, "/bestaat-niet").await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
    assert!(!body.contains(">Uitloggen</button>"), "{body}");
}
