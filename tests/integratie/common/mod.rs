//! Shared helpers for the HTTP integration tests: a fresh app with demo data on a random
//! port, a cookie-keeping client that does not follow redirects, login and CSRF helpers.
#![allow(dead_code)]

use reqwest::StatusCode;
use reqwest::header::HeaderMap;
use std::collections::BTreeMap;

pub const ONBEKEND_TOKEN: &str = "vrp_ditiszekergeengeldigtoken1234";

/// Demo accounts (see docs/http-contract.md).
pub const BEHEERDER: &str = "beheerder@demo.voorop.nl";
pub const COORDINATOR: &str = "coordinator@demo.voorop.nl";
pub const MEDEWERKER: &str = "medewerker@demo.voorop.nl"; // dommelstad
pub const LEZER: &str = "lezer@demo.voorop.nl"; // peelrand
pub const MEDEWERKER_BEEKDAL: &str = "medewerker.beekdal@demo.voorop.nl";
pub const COORDINATOR_LIMBURG: &str = "coordinator.limburg@demo.voorop.nl";

/// Number of questions in the standard questionnaire.
pub const AANTAL_VRAGEN: u16 = 31;

pub mod landelijk;
pub mod scenario;

pub struct TestApp {
    pub adres: String,
    pub db: voorop::db::Db,
    /// The database (for a CLI command run against the running app: `--db <locatie>`).
    pub locatie: voorop::db::Locatie,
    /// A file in the test's own temporary directory (the SQLite database when on SQLite).
    pub pad: std::path::PathBuf,
    _dir: tempfile::TempDir,
}

impl TestApp {
    pub fn url(&self, pad: &str) -> String {
        format!("{}{pad}", self.adres)
    }
}

/// Starts the whole application (with the fictional demo data) on a random local port.
pub async fn start() -> TestApp {
    start_met(|_| {}).await
}

/// As [`start`], with the default configuration changed by `aanpassen` first.
pub async fn start_met(aanpassen: impl FnOnce(&mut voorop::config::Config)) -> TestApp {
    // Server errors (a failing query behind a 500) show in the output of a failing test.
    let _ = tracing_subscriber::fmt()
        .with_env_filter("voorop=error")
        .with_test_writer()
        .try_init();
    let dir = tempfile::tempdir().expect("tijdelijke map");
    let pad = dir.path().join("test.db");
    let (db, locatie) = testdatabase(&pad, Vulling::Demo).await;
    let mut config = voorop::config::Config::new(locatie.clone());
    config.audit_kop = voorop::config::kop_naast(&pad);
    aanpassen(&mut config);
    let adres = serveer(db.clone(), config).await;
    TestApp {
        adres,
        db,
        locatie,
        pad,
        _dir: dir,
    }
}

/// Builds the application on `db` and serves it on a random local port; its address.
async fn serveer(db: voorop::db::Db, config: voorop::config::Config) -> String {
    let state = voorop::AppState::new(db, config);
    let app = voorop::build_app(state).await.expect("app bouwen");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("poort");
    let adres = format!("http://{}", listener.local_addr().expect("adres"));
    tokio::spawn(async move {
        axum::serve(
            listener,
            app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
        )
        .await
        .expect("server");
    });
    adres
}

/// A client like [`client`] whose requests come from `adres` (a loopback address such as
/// 127.0.2.1), for the per-address brake.
pub fn client_van(adres: &str) -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .local_address(adres.parse::<std::net::IpAddr>().expect("adres"))
        .build()
        .expect("client")
}

/// A second instance of the application on the database of `app`: its own pool, session store,
/// state and port, as a second server behind a load balancer would have.
pub async fn tweede_instantie(app: &TestApp) -> TestApp {
    let db = voorop::db::verbinden(&app.locatie)
        .await
        .expect("tweede instantie: database");
    let mut config = voorop::config::Config::new(app.locatie.clone());
    config.audit_kop = voorop::config::kop_naast(&app.pad.with_extension("tweede"));
    let adres = serveer(db.clone(), config).await;
    TestApp {
        adres,
        db,
        locatie: app.locatie.clone(),
        pad: app.pad.clone(),
        _dir: tempfile::tempdir().expect("tijdelijke map"),
    }
}

/// The application's tables (not sqlx's migration table), by name, on either backend.
/// The indicators of Oost-Brabant in 2025 as the application computes them now (threshold 5,
/// the demo's Werkset themes): what pages and exports must show.
pub async fn indicatoren_oost_brabant_2025(app: &TestApp) -> Vec<voorop::indicatoren::Indicator> {
    voorop::indicatoren::voor_regio(
        &app.db,
        &voorop::gedeeld::RegioCode::OOST_BRABANT,
        "2025",
        5,
        &voorop::werkset::service::themas(&app.db).await.unwrap(),
    )
    .await
    .expect("indicatoren")
}

pub async fn tabellen(db: &voorop::db::Db) -> Vec<String> {
    let sql = match voorop::db::soort(db) {
        voorop::db::Soort::Sqlite => {
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
             AND name <> '_sqlx_migrations' ORDER BY name"
        }
        voorop::db::Soort::Postgres => {
            "SELECT CAST(table_name AS TEXT) FROM information_schema.tables \
             WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' \
             AND table_name <> '_sqlx_migrations' ORDER BY table_name"
        }
    };
    sqlx::query_scalar(sql)
        .fetch_all(db)
        .await
        .expect("tabellen")
}

/// The columns of a table in order, on either backend.
pub async fn kolommen(db: &voorop::db::Db, tabel: &str) -> Vec<String> {
    let sql = match voorop::db::soort(db) {
        voorop::db::Soort::Sqlite => "SELECT name FROM pragma_table_info($1) ORDER BY cid",
        voorop::db::Soort::Postgres => {
            "SELECT CAST(column_name AS TEXT) FROM information_schema.columns \
             WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position"
        }
    };
    sqlx::query_scalar(sql)
        .bind(tabel)
        .fetch_all(db)
        .await
        .expect("kolommen")
}

/// What a fresh test database holds besides the schema.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Vulling {
    /// Only the schema (as `db::open` leaves a new file).
    Leeg,
    /// Reference data (regions, questionnaire, catalogue).
    Referentie,
    /// Reference data and the fictional demo data.
    Demo,
}

/// The PostgreSQL server the integration tests run against, when `VOOROP_TEST_DB` names one
/// (`postgres://…`); otherwise every test gets its own SQLite file.
pub fn postgres_server() -> Option<String> {
    std::env::var("VOOROP_TEST_DB")
        .ok()
        .filter(|u| u.starts_with("postgres://") || u.starts_with("postgresql://"))
}

/// Whether this run of the test binary is against PostgreSQL.
pub fn op_postgres() -> bool {
    postgres_server().is_some()
}

/// A fresh, migrated database for one test: the SQLite file `pad`, or on PostgreSQL a new
/// database cloned from a template built once per test binary (migrations, reference data
/// and, for [`Vulling::Demo`], the demo data), so each test starts from the same state.
pub async fn testdatabase(
    pad: &std::path::Path,
    vulling: Vulling,
) -> (voorop::db::Db, voorop::db::Locatie) {
    let Some(server) = postgres_server() else {
        let db = voorop::db::open(pad).await.expect("database openen");
        vullen(&db, vulling).await;
        return (db, voorop::db::Locatie::Sqlite(pad.to_path_buf()));
    };
    static SJABLONEN: tokio::sync::Mutex<[bool; 3]> = tokio::sync::Mutex::const_new([false; 3]);
    static VOLGNUMMER: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let pid = std::process::id();
    let sjabloon = format!("voorop_sjabloon_{pid}_{}", vulling as usize);
    {
        let mut klaar = SJABLONEN.lock().await;
        if !klaar[vulling as usize] {
            sql_op(&server, &format!("CREATE DATABASE {sjabloon}")).await;
            let db = voorop::db::verbinden(&voorop::db::Locatie::Postgres(met_database(
                &server, &sjabloon,
            )))
            .await
            .expect("sjabloon migreren");
            vullen(&db, vulling).await;
            db.close().await;
            klaar[vulling as usize] = true;
        }
    }
    let n = VOLGNUMMER.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    let naam = format!("voorop_test_{pid}_{n}");
    sql_op(
        &server,
        &format!("CREATE DATABASE {naam} TEMPLATE {sjabloon}"),
    )
    .await;
    let locatie = voorop::db::Locatie::Postgres(met_database(&server, &naam));
    let db = voorop::db::verbinden(&locatie)
        .await
        .expect("testdatabase openen");
    (db, locatie)
}

async fn vullen(db: &voorop::db::Db, vulling: Vulling) {
    if vulling == Vulling::Leeg {
        return;
    }
    voorop::referentiedata_laden(db)
        .await
        .expect("referentiedata");
    if vulling == Vulling::Demo {
        voorop::demo::laad(db, voorop::demo::PEILDATUM)
            .await
            .expect("demogegevens");
    }
}

/// One statement on the server's own database (CREATE DATABASE cannot run in a transaction).
async fn sql_op(server: &str, sql: &str) {
    use sqlx::Connection;
    let mut c = sqlx::PgConnection::connect(server)
        .await
        .expect("verbinding met de PostgreSQL-testserver");
    sqlx::raw_sql(sql)
        .execute(&mut c)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
    let _ = c.close().await;
}

/// `url` with its database name replaced by `naam`.
fn met_database(url: &str, naam: &str) -> String {
    let (zonder_query, query) = match url.split_once('?') {
        Some((a, q)) => (a, format!("?{q}")),
        None => (url, String::new()),
    };
    let na_schema = zonder_query.find("://").map_or(0, |i| i + 3);
    let basis = match zonder_query[na_schema..].find('/') {
        Some(i) => &zonder_query[..na_schema + i],
        None => zonder_query,
    };
    format!("{basis}/{naam}{query}")
}

/// A browser-like client: keeps cookies, does not follow redirects (so tests see the 303s).
pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
}

/// The value of the hidden `_csrf` field in a page.
pub fn csrf(html: &str) -> String {
    let begin = r#"name="_csrf" value=""#;
    let start = html
        .find(begin)
        .unwrap_or_else(|| panic!("geen _csrf-veld in de pagina:\n{html}"))
        + begin.len();
    let eind = html[start..].find('"').expect("einde van de _csrf-waarde");
    html[start..start + eind].to_string()
}

/// GET a page: status, headers and body.
pub async fn get(c: &reqwest::Client, app: &TestApp, pad: &str) -> (StatusCode, HeaderMap, String) {
    let r = c.get(app.url(pad)).send().await.expect("GET");
    let status = r.status();
    let headers = r.headers().clone();
    (status, headers, r.text().await.expect("body"))
}

/// GET a page that must be 200; returns the body.
pub async fn pagina(c: &reqwest::Client, app: &TestApp, pad: &str) -> String {
    let (status, _, body) = get(c, app, pad).await;
    assert_eq!(status, StatusCode::OK, "GET {pad} gaf {status}:\n{body}");
    body
}

/// The CSRF token as found on the given page.
pub async fn csrf_van(c: &reqwest::Client, app: &TestApp, pad: &str) -> String {
    csrf(&pagina(c, app, pad).await)
}

/// POST a url-encoded form: status, headers and body.
pub async fn post_form<T: serde::Serialize + ?Sized>(
    c: &reqwest::Client,
    app: &TestApp,
    pad: &str,
    form: &T,
) -> (StatusCode, HeaderMap, String) {
    let r = c.post(app.url(pad)).form(form).send().await.expect("POST");
    let status = r.status();
    let headers = r.headers().clone();
    (status, headers, r.text().await.expect("body"))
}

/// POSTs a form of (name, value) pairs with the CSRF token of page `pagina_pad`.
pub async fn posten(
    c: &reqwest::Client,
    app: &TestApp,
    pagina_pad: &str,
    pad: &str,
    velden: &[(&str, String)],
) -> (StatusCode, String) {
    let mut form = vec![("_csrf".to_string(), csrf_van(c, app, pagina_pad).await)];
    form.extend(velden.iter().map(|(n, w)| (n.to_string(), w.clone())));
    let (status, _, body) = post_form(c, app, pad, &form).await;
    (status, body)
}

pub fn location(headers: &HeaderMap) -> String {
    headers
        .get(reqwest::header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string()
}

pub fn content_type(headers: &HeaderMap) -> String {
    headers
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string()
}

/// Tries to log in with the given password on a fresh session of `c`.
pub async fn probeer_inloggen(
    c: &reqwest::Client,
    app: &TestApp,
    email: &str,
    wachtwoord: &str,
) -> (StatusCode, HeaderMap, String) {
    let token = csrf_van(c, app, "/inloggen").await;
    post_form(
        c,
        app,
        "/inloggen",
        &[
            ("_csrf", token.as_str()),
            ("email", email),
            ("wachtwoord", wachtwoord),
            ("terug", "/zelfscan"),
        ],
    )
    .await
}

/// A TOTP code of the demo secret that the server has not accepted for `email` yet: each time
/// step is accepted once, so a test that signs in the same account again may have to wait for
/// the next step.
pub async fn demo_code(app: &TestApp, email: &str) -> String {
    use voorop::auth::tweestaps::{DEMO_GEHEIM, code_op};
    loop {
        let laatste: i64 =
            sqlx::query_scalar("SELECT totp_laatste_stap FROM gebruiker WHERE email = $1")
                .bind(email)
                .fetch_one(&app.db)
                .await
                .expect("laatste stap");
        let nu = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .expect("tijd")
            .as_secs();
        let stap = i64::try_from(nu / 30).expect("stap");
        // The current step first, then the next (within the server's skew); the previous one
        // last, since a step boundary may pass before the server checks it.
        if let Some(s) = [stap, stap + 1, stap - 1]
            .into_iter()
            .find(|s| *s > laatste)
        {
            return code_op(DEMO_GEHEIM, u64::try_from(s).expect("stap") * 30).expect("code");
        }
        tokio::time::sleep(std::time::Duration::from_secs(30 - nu % 30 + 1)).await;
    }
}

/// Sends `code` on the second sign-in step of `c`'s session.
pub async fn stuur_code(
    c: &reqwest::Client,
    app: &TestApp,
    code: &str,
) -> (StatusCode, HeaderMap, String) {
    let token = csrf_van(c, app, "/inloggen/code").await;
    post_form(
        c,
        app,
        "/inloggen/code",
        &[("_csrf", token.as_str()), ("code", code)],
    )
    .await
}

/// The second sign-in step with a fresh demo code.
pub async fn tweede_stap(
    c: &reqwest::Client,
    app: &TestApp,
    email: &str,
) -> (StatusCode, HeaderMap, String) {
    let code = demo_code(app, email).await;
    stuur_code(c, app, &code).await
}

/// Logs `c` in as `email` with the demo password and, where the account has one, the demo
/// second factor.
pub async fn login_op(c: &reqwest::Client, app: &TestApp, email: &str) {
    let (status, mut headers, mut body) =
        probeer_inloggen(c, app, email, voorop::demo::WACHTWOORD).await;
    assert_eq!(
        status,
        StatusCode::SEE_OTHER,
        "inloggen als {email} mislukt:\n{body}"
    );
    if location(&headers) == "/inloggen/code" {
        let (status, h, b) = tweede_stap(c, app, email).await;
        assert_eq!(
            status,
            StatusCode::SEE_OTHER,
            "tweede stap voor {email}:\n{b}"
        );
        (headers, body) = (h, b);
    }
    assert_eq!(location(&headers), "/zelfscan", "{body}");
}

/// A client logged in as `email` with the demo password (and second factor).
pub async fn login(app: &TestApp, email: &str) -> reqwest::Client {
    let c = client();
    login_op(&c, app, email).await;
    c
}

/// A bearer token for the API, made the way `voorop token create` makes it.
pub async fn api_token(app: &TestApp, email: &str) -> String {
    voorop::auth::service::token_maken(
        &app.db,
        email,
        voorop::auth::model::TokenBereik::Schrijven,
        90,
    )
    .await
    .expect("token maken")
    .0
}

/// GET an API path with a bearer token: status, headers and JSON body.
pub async fn api_get(
    app: &TestApp,
    token: &str,
    pad: &str,
) -> (StatusCode, HeaderMap, serde_json::Value) {
    let r = client()
        .get(app.url(pad))
        .bearer_auth(token)
        .send()
        .await
        .expect("API GET");
    let status = r.status();
    let headers = r.headers().clone();
    let tekst = r.text().await.expect("body");
    let json = serde_json::from_str(&tekst)
        .unwrap_or_else(|e| panic!("GET {pad} gaf geen JSON ({e}), status {status}:\n{tekst}"));
    (status, headers, json)
}

/// PUT a JSON body to an API path with a bearer token.
pub async fn api_put(
    app: &TestApp,
    token: &str,
    pad: &str,
    body: &serde_json::Value,
) -> (StatusCode, HeaderMap, serde_json::Value) {
    let r = client()
        .put(app.url(pad))
        .bearer_auth(token)
        .json(body)
        .send()
        .await
        .expect("API PUT");
    let status = r.status();
    let headers = r.headers().clone();
    let tekst = r.text().await.expect("body");
    let json = serde_json::from_str(&tekst).unwrap_or(serde_json::Value::String(tekst));
    (status, headers, json)
}

/// The round's results as the API returns them to `token`'s user.
pub async fn resultaten(app: &TestApp, token: &str, ronde: i64) -> serde_json::Value {
    let pad = format!("/api/v1/zelfscan-rondes/{ronde}/resultaten");
    let (status, _, json) = api_get(app, token, &pad).await;
    assert_eq!(status, StatusCode::OK, "GET {pad}: {json}");
    json
}

/// The answer form's fields: `_csrf` plus `antwoord_{n}` / `toelichting_{n}` for n = 1..=31.
/// `invulling(n)` gives the answer code (`op_orde`, `niet_op_orde` or `""`) and the toelichting.
pub fn answers_form(
    csrf: &str,
    invulling: impl Fn(u16) -> (&'static str, String),
) -> Vec<(String, String)> {
    let mut velden = vec![("_csrf".to_string(), csrf.to_string())];
    for n in 1..=AANTAL_VRAGEN {
        let (antwoord, toelichting) = invulling(n);
        velden.push((format!("antwoord_{n}"), antwoord.to_string()));
        velden.push((format!("toelichting_{n}"), toelichting));
    }
    velden
}

/// Question number → standard number, from the questionnaire file itself.
pub fn vraag_standaard() -> BTreeMap<u16, u8> {
    let json: serde_json::Value = serde_json::from_str(include_str!(
        "../../../data/zelfscan/kwaliteitskader-2019-v1.json"
    ))
    .expect("vragenlijst-JSON");
    json["vragen"]
        .as_array()
        .expect("vragen")
        .iter()
        .map(|v| {
            (
                u16::try_from(v["nummer"].as_u64().expect("nummer")).expect("u16"),
                u8::try_from(v["standaard"].as_u64().expect("standaard")).expect("u8"),
            )
        })
        .collect()
}

/// The organisation id of a code.
pub async fn org_id(app: &TestApp, code: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM organisatie WHERE code = $1")
        .bind(code)
        .fetch_one(&app.db)
        .await
        .unwrap_or_else(|e| panic!("organisatie {code}: {e}"))
}

/// One stored answer row: (gemeente code, vraag, antwoord, toelichting).
pub type AntwoordRij = (String, i64, Option<String>, String);

/// The answers of a round as stored (without the change timestamps).
pub async fn antwoorden(app: &TestApp, ronde: i64) -> Vec<AntwoordRij> {
    sqlx::query_as(
        "SELECT o.code, a.vraag, a.antwoord, a.toelichting
         FROM zelfscan_antwoord a JOIN organisatie o ON o.id = a.gemeente_id
         WHERE a.ronde_id = $1 ORDER BY o.code, a.vraag",
    )
    .bind(ronde)
    .fetch_all(&app.db)
    .await
    .expect("antwoorden lezen")
}

/// The answers of one gemeente in a round: vraag → (antwoord, toelichting).
pub async fn antwoorden_van(
    app: &TestApp,
    ronde: i64,
    gemeente: &str,
) -> BTreeMap<i64, (Option<String>, String)> {
    antwoorden(app, ronde)
        .await
        .into_iter()
        .filter(|(code, ..)| code == gemeente)
        .map(|(_, vraag, antwoord, toelichting)| (vraag, (antwoord, toelichting)))
        .collect()
}

/// A full `zelfscan_antwoord` row: ronde, gemeente, vraag, antwoord, toelichting,
/// gewijzigd_op, gewijzigd_door.
type VolledigeRij = (i64, i64, i64, Option<String>, String, String, Option<i64>);

/// Everything stored for a round's answers, every column, as text: to compare before/after.
pub async fn dump_antwoorden(app: &TestApp, ronde: i64) -> Vec<String> {
    let rijen: Vec<VolledigeRij> = sqlx::query_as(
        "SELECT ronde_id, gemeente_id, vraag, antwoord, toelichting, gewijzigd_op, gewijzigd_door
         FROM zelfscan_antwoord WHERE ronde_id = $1 ORDER BY gemeente_id, vraag",
    )
    .bind(ronde)
    .fetch_all(&app.db)
    .await
    .expect("dump");
    rijen.into_iter().map(|r| format!("{r:?}")).collect()
}

/// The one number a counting query gives (`SELECT COUNT(*) …`).
pub async fn tel(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql)
        .fetch_one(&app.db)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

/// Number of audit rows with this code.
pub async fn audit_aantal(app: &TestApp, code: &str) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM audit_log WHERE code = $1")
        .bind(code)
        .fetch_one(&app.db)
        .await
        .expect("audit tellen")
}

/// The built `voorop` binary on `db`, keeping its audit head file at `kop` (the default next to
/// an SQLite file; PostgreSQL needs it set). The environment is cleared of the `VOOROP_*`
/// settings a developer may have set (database, keys, retention), so each test sets what it
/// checks; the small demo is dated as designed ([`voorop::demo::PEILDATUM`]), as in the
/// tests that load it in-process.
pub fn voorop_cmd(
    db: &voorop::db::Locatie,
    kop: &std::path::Path,
    args: &[&str],
) -> std::process::Command {
    let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_voorop"));
    c.arg("--db")
        .arg(db.als_argument())
        .args(args)
        .stdin(std::process::Stdio::null())
        .env("VOOROP_AUDIT_KOP", kop)
        .env("VOOROP_DEMO_PEILDATUM", voorop::demo::PEILDATUM.to_string());
    for k in [
        "VOOROP_DB",
        "VOOROP_AUDIT_SLEUTEL",
        "VOOROP_AUDIT_SLEUTEL_BESTAND",
        "VOOROP_PSEUDONIEM_SLEUTEL",
        "VOOROP_PSEUDONIEM_SLEUTEL_BESTAND",
        "VOOROP_BEWAARTERMIJN_MAANDEN",
    ] {
        c.env_remove(k);
    }
    c
}

/// What a command printed, stdout then stderr.
pub fn uitvoer(o: &std::process::Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// Asserts that every one of `delen` occurs in `tekst`, strictly in this order (the first
/// occurrence of each).
pub fn in_volgorde<S: AsRef<str>>(tekst: &str, delen: &[S]) {
    let posities: Vec<usize> = delen
        .iter()
        .map(|k| {
            tekst
                .find(k.as_ref())
                .unwrap_or_else(|| panic!("{} in\n{tekst}", k.as_ref()))
        })
        .collect();
    assert!(
        posities.windows(2).all(|w| w[0] < w[1]),
        "{posities:?}\n{tekst}"
    );
}

/// The text of a PDF via `pdftotext -layout` (Debian package poppler-utils).
pub fn pdf_tekst(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().expect("tijdelijke map");
    let pad = dir.path().join("document.pdf");
    std::fs::write(&pad, pdf).expect("pdf schrijven");
    pdf_bestand_tekst(&pad)
}

/// The text of a PDF file via `pdftotext -layout`.
pub fn pdf_bestand_tekst(pad: &std::path::Path) -> String {
    let uit = match std::process::Command::new("pdftotext")
        .arg("-layout")
        .arg(pad)
        .arg("-")
        .output()
    {
        Ok(uit) => uit,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => panic!(
            "pdftotext niet gevonden: installeer poppler-utils (apt-get install poppler-utils)"
        ),
        Err(e) => panic!("pdftotext kon niet starten: {e}"),
    };
    assert!(
        uit.status.success(),
        "pdftotext faalde: {}",
        String::from_utf8_lossy(&uit.stderr)
    );
    String::from_utf8(uit.stdout).expect("pdftotext gaf geen UTF-8")
}
