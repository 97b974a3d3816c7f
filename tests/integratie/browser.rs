//! Browser end-to-end test: a real (headless) Chromium, driven over WebDriver by chromedriver,
//! logs in, fills in part of the Zelfscan, looks at the results and a plan of action, and runs
//! the axe-core accessibility checks (WCAG 2.0/2.1 A and AA) on every page it visits.
//!
//! Needs `chromium` and `chromium-driver` (Debian: /usr/bin/chromium, /usr/bin/chromedriver)
//! and `node_modules/axe-core` (`npm ci`). Without them the test fails, unless
//! `VOOROP_SKIP_BROWSER=1` is set. With `VOOROP_AXE_RAPPORT=/some/file` the axe findings are
//! also written to that file.

use crate::common;

use fantoccini::elements::Element;
use fantoccini::wd::{Capabilities, TimeoutConfiguration};
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "chromedriver";
const AXE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/node_modules/axe-core/axe.min.js"
);
const RONDE: i64 = 2;
const GEMEENTE: &str = "dommelstad";
const REGIONAAL_PLAN: i64 = 1;
/// A page with one known WCAG violation (an image without alt text), to check axe itself.
const PROEFPAGINA: &str =
    "data:text/html,<!DOCTYPE html><html lang=nl><title>axe</title><main><img src=x.png></main>";

// ---------------------------------------------------------------------------------------------
// The browser: chromedriver as a child process, killed (with the browser) when dropped
// ---------------------------------------------------------------------------------------------

/// A running chromedriver in its own process group. Dropping it ends the whole group, so no
/// chromedriver or Chromium process outlives the test, also when the test fails.
struct Chromedriver {
    kind: Child,
    poort: u16,
    /// The browser profile (`--user-data-dir`); removed after the processes are gone.
    profiel: Option<tempfile::TempDir>,
}

impl Chromedriver {
    fn start() -> Chromedriver {
        let poort = vrije_poort();
        let profiel = tempfile::tempdir().expect("tijdelijke map voor het browserprofiel");
        let kind = {
            use std::os::unix::process::CommandExt;
            Command::new(CHROMEDRIVER)
                .arg(format!("--port={poort}"))
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::inherit())
                .process_group(0)
                .spawn()
                .unwrap_or_else(|e| panic!("chromedriver starten mislukt: {e}"))
        };
        Chromedriver {
            kind,
            poort,
            profiel: Some(profiel),
        }
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.poort)
    }

    fn profiel(&self) -> &Path {
        self.profiel.as_ref().expect("profielmap").path()
    }

    /// Waits until chromedriver answers `/status` with `ready: true`.
    async fn wacht_tot_klaar(&mut self) {
        let http = reqwest::Client::new();
        let begin = Instant::now();
        loop {
            if let Some(status) = self.kind.try_wait().expect("chromedriver-status") {
                panic!("chromedriver stopte meteen ({status})");
            }
            if let Ok(r) = http.get(format!("{}/status", self.url())).send().await
                && let Ok(v) = r.json::<Value>().await
                && v["value"]["ready"] == json!(true)
            {
                return;
            }
            assert!(
                begin.elapsed() < Duration::from_secs(30),
                "chromedriver was na 30 s nog niet bereikbaar op {}",
                self.url()
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

impl Drop for Chromedriver {
    fn drop(&mut self) {
        // The whole process group: chromedriver and the Chromium it started.
        let groep = format!("-{}", self.kind.id());
        for signaal in ["-TERM", "-KILL"] {
            let _ = Command::new("kill")
                .args([signaal, "--", &groep])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status();
            std::thread::sleep(Duration::from_millis(300));
        }
        let _ = self.kind.kill();
        let _ = self.kind.wait();
        drop(self.profiel.take());
    }
}

fn vrije_poort() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("vrije poort")
        .port()
}

fn chromedriver_aanwezig() -> bool {
    Command::new(CHROMEDRIVER)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// What is missing to run this test, if anything.
fn ontbrekend() -> Vec<String> {
    let mut mist = Vec::new();
    if !chromedriver_aanwezig() {
        mist.push(format!(
            "`{CHROMEDRIVER}` is niet gevonden (apt-get install chromium-driver)"
        ));
    }
    if !Path::new(CHROMIUM).exists() {
        mist.push(format!(
            "{CHROMIUM} is niet gevonden (apt-get install chromium)"
        ));
    }
    if !Path::new(AXE).exists() {
        mist.push(format!("{AXE} is niet gevonden (npm ci in de repository)"));
    }
    mist
}

fn capabilities(profiel: &Path) -> Capabilities {
    let mut caps = Capabilities::new();
    caps.insert("browserName".into(), json!("chrome"));
    caps.insert(
        "goog:chromeOptions".into(),
        json!({
            "binary": CHROMIUM,
            "args": [
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-dev-shm-usage",
                "--disable-component-update",
                "--disable-sync",
                "--window-size=1280,1024",
                format!("--user-data-dir={}", profiel.display()),
            ],
        }),
    );
    caps
}

// ---------------------------------------------------------------------------------------------
// axe-core
// ---------------------------------------------------------------------------------------------

/// Runs axe-core (WCAG 2.0/2.1 A and AA) on the current page; returns its violations, one
/// readable block each, and the ids of the rules axe could not decide ("incomplete": needs a
/// person to look, e.g. contrast on a background image).
async fn axe(c: &Client, axe_js: &str) -> (Vec<String>, Vec<String>) {
    c.execute(axe_js, vec![]).await.expect("axe-core laden");
    let geladen = c
        .execute("return typeof window.axe;", vec![])
        .await
        .expect("axe-core controleren");
    assert_eq!(geladen, json!("object"), "axe-core is niet geladen");
    let resultaat = c
        .execute_async(
            "const done = arguments[arguments.length - 1];
             axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})
                .then(r => done({violations: r.violations, incomplete: r.incomplete.map(i =>
                    i.id + ' op ' + i.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')
                    + ' (' + (i.nodes[0]?.any[0]?.message ?? '') + ')')}))
                .catch(e => done({fout: String(e)}));",
            vec![],
        )
        .await
        .expect("axe.run");
    if let Some(fout) = resultaat.get("fout") {
        panic!("axe.run mislukte: {fout}");
    }
    let onbeslist = resultaat["incomplete"]
        .as_array()
        .expect("axe-incomplete als lijst")
        .iter()
        .map(|i| i.as_str().unwrap_or("?").to_string())
        .collect();
    let overtredingen = resultaat["violations"]
        .as_array()
        .expect("axe-violations als lijst");
    let overtredingen = overtredingen
        .iter()
        .map(|v| {
            let knopen = v["nodes"].as_array().map(Vec::as_slice).unwrap_or_default();
            let mut regel = format!(
                "  [{}] impact {}: {} ({} element(en))\n    {}",
                v["id"].as_str().unwrap_or("?"),
                v["impact"].as_str().unwrap_or("?"),
                v["help"].as_str().unwrap_or("?"),
                knopen.len(),
                v["helpUrl"].as_str().unwrap_or(""),
            );
            for knoop in knopen.iter().take(5) {
                regel.push_str(&format!(
                    "\n    - {}\n      {}",
                    knoop["target"],
                    knoop["html"].as_str().unwrap_or("").replace('\n', " ")
                ));
                if let Some(s) = knoop["failureSummary"].as_str() {
                    regel.push_str(&format!("\n      {}", s.replace('\n', " | ")));
                }
            }
            regel
        })
        .collect();
    (overtredingen, onbeslist)
}

/// The axe findings of all visited pages.
#[derive(Default)]
struct AxeRapport {
    paginas: Vec<(String, Vec<String>)>,
}

impl AxeRapport {
    async fn controleer(&mut self, c: &Client, axe_js: &str, pagina: &str) {
        let (overtredingen, onbeslist) = axe(c, axe_js).await;
        println!(
            "axe {pagina}: {} overtreding(en); niet automatisch te beslissen: {onbeslist:?}",
            overtredingen.len()
        );
        self.paginas.push((pagina.to_string(), overtredingen));
    }

    fn tekst(&self) -> String {
        let mut t = String::new();
        for (pagina, overtredingen) in &self.paginas {
            if overtredingen.is_empty() {
                t.push_str(&format!("{pagina}: geen overtredingen\n"));
            } else {
                t.push_str(&format!("{pagina}:\n{}\n", overtredingen.join("\n")));
            }
        }
        t
    }

    fn aantal(&self) -> usize {
        self.paginas.iter().map(|(_, o)| o.len()).sum()
    }
}

// ---------------------------------------------------------------------------------------------
// Page helpers
// ---------------------------------------------------------------------------------------------

async fn open(c: &Client, app: &common::TestApp, pad: &str) {
    c.goto(&app.url(pad))
        .await
        .unwrap_or_else(|e| panic!("openen van {pad}: {e}"));
    let titel = c.title().await.expect("paginatitel");
    assert!(
        c.find(Locator::Css(".melding-fout")).await.is_err(),
        "{pad} toont een foutpagina: {titel}\n{}",
        c.source().await.unwrap_or_default()
    );
}

async fn element(c: &Client, css: &str) -> Element {
    match c
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css(css))
        .await
    {
        Ok(e) => e,
        Err(e) => {
            let waar = c.current_url().await.map(|u| u.to_string());
            panic!("element `{css}` niet gevonden op {waar:?}: {e}");
        }
    }
}

async fn pad(c: &Client) -> String {
    c.current_url()
        .await
        .expect("huidige URL")
        .path()
        .to_string()
}

/// `nummer titel` of every standard of the standard questionnaire, as the data table shows them.
fn standaarden() -> Vec<String> {
    let json: Value = serde_json::from_str(include_str!(
        "../../data/zelfscan/kwaliteitskader-2019-v1.json"
    ))
    .expect("vragenlijst-JSON");
    json["standaarden"]
        .as_array()
        .expect("standaarden")
        .iter()
        .map(|s| format!("{} {}", s["nummer"], s["titel"].as_str().expect("titel")))
        .collect()
}

// ---------------------------------------------------------------------------------------------
// The test
// ---------------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn browser_invullen_resultaten_en_toegankelijkheid() {
    if std::env::var("VOOROP_SKIP_BROWSER").is_ok_and(|v| v == "1") {
        // Straight to stderr, past the test harness's output capture, so it is always seen.
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n\
             !!! VOOROP_SKIP_BROWSER=1: de browsertest (tests/integratie/browser.rs) is OVERGESLAGEN.  !!!\n\
             !!! Er is NIETS in een browser of met axe-core gecontroleerd.                  !!!\n\
             !!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n"
        );
        return;
    }
    let mist = ontbrekend();
    assert!(
        mist.is_empty(),
        "De browsertest kan niet draaien:\n  - {}\n\
         Installeer: apt-get install chromium chromium-driver && npm ci\n\
         (of zet VOOROP_SKIP_BROWSER=1 om deze test bewust over te slaan).",
        mist.join("\n  - ")
    );
    let axe_js = std::fs::read_to_string(AXE).expect("axe.min.js lezen");

    let begin = Instant::now();
    let mut driver = Chromedriver::start();
    driver.wacht_tot_klaar().await;
    // A 6-minute idle timeout, so the "nog N minuten" warning shows on every page (from five
    // minutes before the end); axe checks it along with the rest.
    let app = common::start_met(|c| c.sessie_inactief = Duration::from_secs(6 * 60)).await;

    let client = ClientBuilder::new(HttpConnector::new())
        .capabilities(capabilities(driver.profiel()))
        .connect(&driver.url())
        .await
        .unwrap_or_else(|e| panic!("WebDriver-sessie starten mislukt: {e}"));
    client
        .update_timeouts(TimeoutConfiguration::new(
            Some(Duration::from_secs(120)),
            Some(Duration::from_secs(60)),
            Some(Duration::ZERO),
        ))
        .await
        .expect("time-outs");
    println!("browser gestart na {:?}", begin.elapsed());

    // The flow runs in its own task, so a failed assertion there still lets us close the
    // session (and the browser) here before the failure is passed on.
    let c = client.clone();
    let app = std::sync::Arc::new(app);
    let app2 = app.clone();
    // It gets at most five minutes (it normally takes seconds), so a hanging browser cannot
    // stall the whole test suite.
    let taak = tokio::spawn(async move { verloop(&c, &app2, &axe_js).await });
    let afbreken = taak.abort_handle();
    let uitkomst = tokio::time::timeout(Duration::from_secs(300), taak).await;
    afbreken.abort();
    let _ = tokio::time::timeout(Duration::from_secs(20), client.close()).await;
    drop(driver);
    let rapport = match uitkomst {
        Ok(Ok(rapport)) => rapport,
        Ok(Err(e)) if e.is_panic() => std::panic::resume_unwind(e.into_panic()),
        Ok(Err(e)) => panic!("browsertest afgebroken: {e}"),
        Err(_) => panic!("browsertest na 300 s afgebroken: de browser reageert niet (meer)"),
    };
    println!("browsertest klaar na {:?}", begin.elapsed());

    let tekst = rapport.tekst();
    println!("\naxe-core (wcag2a, wcag2aa, wcag21a, wcag21aa):\n{tekst}");
    if let Some(bestand) = std::env::var_os("VOOROP_AXE_RAPPORT").map(PathBuf::from) {
        std::fs::write(&bestand, &tekst)
            .unwrap_or_else(|e| panic!("{} schrijven: {e}", bestand.display()));
    }
    assert_eq!(
        rapport.aantal(),
        0,
        "axe-core vond {} toegankelijkheidsprobleem/-problemen:\n{tekst}",
        rapport.aantal()
    );
}

/// Logs in on the open login page by typing into the form and, where the account has a second
/// factor, the demo code on the next page (checked by axe when `axe` is given); waits for the
/// logged-in page.
async fn inloggen(
    c: &Client,
    app: &common::TestApp,
    email: &str,
    axe: Option<(&mut AxeRapport, &str)>,
) {
    element(c, "#email")
        .await
        .send_keys(email)
        .await
        .expect("e-mailadres typen");
    element(c, "#wachtwoord")
        .await
        .send_keys(voorop::demo::WACHTWOORD)
        .await
        .expect("wachtwoord typen");
    element(c, "form[action='/inloggen'] button[type='submit']")
        .await
        .click()
        .await
        .expect("op Inloggen klikken");
    element(
        c,
        "form[action='/uitloggen'], form[action='/inloggen/code']",
    )
    .await;
    if pad(c).await == "/inloggen/code" {
        if let Some((rapport, axe_js)) = axe {
            rapport.controleer(c, axe_js, "/inloggen/code").await;
        }
        let code = common::demo_code(app, email).await;
        element(c, "#code")
            .await
            .send_keys(&code)
            .await
            .expect("code typen");
        element(c, "form[action='/inloggen/code'] button[type='submit']")
            .await
            .click()
            .await
            .expect("op Inloggen klikken (tweede stap)");
    }
    element(c, "form[action='/uitloggen']").await;
}

/// The user's journey. Returns the axe findings; fails directly on functional errors.
async fn verloop(c: &Client, app: &common::TestApp, axe_js: &str) -> AxeRapport {
    let mut rapport = AxeRapport::default();

    // First make sure axe really reports something on a page with a known problem, so that
    // "no violations" below means something.
    c.goto(PROEFPAGINA).await.expect("testpagina voor axe");
    let (proef, _) = axe(c, axe_js).await;
    assert!(
        proef.iter().any(|o| o.contains("[image-alt]")),
        "axe-core meldt een afbeelding zonder alt-tekst niet; werkt de controle wel?\n{proef:?}"
    );

    // The public texts behind the footer links.
    for pad in ["/over/toegankelijkheid", "/over/privacy", "/over/contact"] {
        open(c, app, pad).await;
        rapport.controleer(c, axe_js, pad).await;
    }

    // Log in by typing into the form.
    open(c, app, "/inloggen").await;
    rapport.controleer(c, axe_js, "/inloggen").await;
    // The demo accounts' table stays inside its frame and names organisations and roles, not
    // their codes.
    let buiten: Vec<String> = serde_json::from_value(
        c.execute(
            "const uit = [];
             for (const k of document.querySelectorAll('.kader')) {
               const rand = k.getBoundingClientRect().right;
               for (const e of k.querySelectorAll('*')) {
                 const r = e.getBoundingClientRect();
                 let geknipt = false;
                 for (let a = e.parentElement; a && a !== k; a = a.parentElement) {
                   if (getComputedStyle(a).overflowX !== 'visible') { geknipt = true; }
                 }
                 if (!geknipt && r.width > 0 && r.right > rand + 1) {
                   uit.push(e.tagName.toLowerCase() + ' tot ' + Math.round(r.right) + ', kader ' + Math.round(rand));
                 }
               }
             }
             return uit.slice(0, 5);",
            vec![],
        )
        .await
        .expect("kader meten"),
    )
    .expect("lijst");
    assert!(
        buiten.is_empty(),
        "buiten het kader op /inloggen: {buiten:?}"
    );
    let demo = element(c, ".kader .tabel")
        .await
        .text()
        .await
        .expect("demotabel");
    assert!(demo.contains("Regiocoördinator"), "{demo}");
    for code in [
        "regiocoordinator",
        "netwerk-oost-brabant",
        "vt-oost-brabant",
    ] {
        assert!(!demo.contains(code), "code {code} in de demotabel: {demo}");
    }
    inloggen(c, app, common::MEDEWERKER, None).await;
    assert_ne!(pad(c).await, "/inloggen", "na inloggen nog op /inloggen");

    // The round.
    let ronde = format!("/zelfscan/{RONDE}");
    open(c, app, &ronde).await;
    rapport.controleer(c, axe_js, &ronde).await;
    let h1 = element(c, "h1").await.text().await.expect("h1");
    assert!(!h1.trim().is_empty(), "{ronde} heeft een lege h1");
    // The session warning, written by static/sessie.js (counting from one minute early).
    let melding = element(c, "#sessie-melding").await;
    assert!(melding.is_displayed().await.expect("is_displayed"));
    let tekst = melding.text().await.expect("sessiemelding");
    assert!(
        tekst.contains("Uw sessie verloopt over 5 minuten"),
        "{tekst}"
    );

    // Fill in questions 1–3 as "Op orde" (clicking the labels) and 4 as "Niet op orde"
    // (clicking the radio itself), with a toelichting at question 1.
    let invullen = format!("/zelfscan/{RONDE}/gemeenten/{GEMEENTE}");
    open(c, app, &invullen).await;
    rapport.controleer(c, axe_js, &invullen).await;
    for n in 1..=3 {
        element(c, &format!("label[for='vraag-{n}-op_orde']"))
            .await
            .click()
            .await
            .unwrap_or_else(|e| panic!("label van vraag {n} aanklikken: {e}"));
        assert!(
            element(c, &format!("#vraag-{n}-op_orde"))
                .await
                .is_selected()
                .await
                .expect("is_selected"),
            "klik op het label van vraag {n} selecteerde 'Op orde' niet"
        );
    }
    element(c, "#vraag-4-niet_op_orde")
        .await
        .click()
        .await
        .expect("vraag 4 aanklikken");
    let toelichting = "Browsertest: visie besproken in het regionaal overleg <zorg & straf>";
    let veld = element(c, "#toelichting_1").await;
    veld.clear().await.expect("toelichting leegmaken");
    veld.send_keys(toelichting)
        .await
        .expect("toelichting typen");
    element(c, "form.vragenlijst button[type='submit']")
        .await
        .click()
        .await
        .expect("op Antwoorden opslaan klikken");

    let melding = element(c, ".melding-succes[role='status']")
        .await
        .text()
        .await
        .expect("flashmelding");
    assert!(
        melding.contains("antwoorden opgeslagen"),
        "onverwachte melding na opslaan: {melding:?}"
    );
    assert_eq!(
        pad(c).await,
        invullen,
        "na opslaan niet terug op het formulier"
    );

    // After a reload the choices are still there (and the flash message is gone).
    c.refresh().await.expect("herladen");
    element(c, "form.vragenlijst").await;
    assert!(
        c.find(Locator::Css(".melding-succes")).await.is_err(),
        "de flashmelding staat er na herladen nog"
    );
    for (id, keuze) in [
        ("vraag-1-op_orde", "Op orde"),
        ("vraag-2-op_orde", "Op orde"),
        ("vraag-3-op_orde", "Op orde"),
        ("vraag-4-niet_op_orde", "Niet op orde"),
    ] {
        assert!(
            element(c, &format!("#{id}"))
                .await
                .is_selected()
                .await
                .expect("is_selected"),
            "na herladen is {id} ({keuze}) niet meer gekozen"
        );
    }
    let opgeslagen = element(c, "#toelichting_1")
        .await
        .prop("value")
        .await
        .expect("toelichting lezen");
    assert_eq!(opgeslagen.as_deref(), Some(toelichting));
    let db = common::antwoorden_van(app, RONDE, GEMEENTE).await;
    for n in 1..=3 {
        assert_eq!(
            db[&n].0.as_deref(),
            Some("op_orde"),
            "vraag {n} in de database"
        );
    }
    assert_eq!(
        db[&4].0.as_deref(),
        Some("niet_op_orde"),
        "vraag 4 in de database"
    );
    assert_eq!(db[&1].1, toelichting, "toelichting in de database");

    // Results of the gemeente: the radar chart and its data table.
    let resultaten = format!("/zelfscan/{RONDE}/resultaten/{GEMEENTE}");
    open(c, app, &resultaten).await;
    assert!(
        element(c, "svg.radar")
            .await
            .is_displayed()
            .await
            .expect("is_displayed"),
        "de radargrafiek (svg.radar) is niet zichtbaar op {resultaten}"
    );
    let mut rijen = Vec::new();
    for th in c
        .find_all(Locator::Css(".grafiek table tbody tr th[scope='row']"))
        .await
        .expect("rijen van de gegevenstabel")
    {
        rijen.push(th.text().await.expect("rijkop").trim().to_string());
    }
    assert_eq!(
        rijen,
        standaarden(),
        "de tabel bij de grafiek heeft niet één rij per kwaliteitsstandaard"
    );
    let eerste_rij = element(c, ".grafiek table tbody tr td")
        .await
        .text()
        .await
        .expect("eerste cel");
    assert!(
        eerste_rij.contains('%') && eerste_rij.contains(" van "),
        "onverwachte cel in de gegevenstabel: {eerste_rij:?}"
    );
    rapport.controleer(c, axe_js, &resultaten).await;

    // The regional plan of action.
    let plan = format!("/plannen/{REGIONAAL_PLAN}");
    open(c, app, &plan).await;
    let h1 = element(c, "h1").await.text().await.expect("h1");
    assert!(!h1.trim().is_empty(), "{plan} heeft een lege h1");
    rapport.controleer(c, axe_js, &plan).await;

    // The Werkset: the region's registration page (with its forms), the HTML report and the
    // national comparison.
    for pagina in [
        "/werkset/oost-brabant/2025",
        "/werkset/oost-brabant/2025/rapport.html",
        "/werkset/vergelijking?periode=2025",
    ] {
        open(c, app, pagina).await;
        let h1 = element(c, "h1").await.text().await.expect("h1");
        assert!(!h1.trim().is_empty(), "{pagina} heeft een lege h1");
        rapport.controleer(c, axe_js, pagina).await;
    }

    // The afstemmingsmomenten, as the Veilig Thuis medewerker who chairs the Actie-overleg.
    uitloggen(c).await;
    open(c, app, "/inloggen").await;
    inloggen(c, app, "vt@demo.voorop.nl", Some((&mut rapport, axe_js))).await;
    let moment: i64 = sqlx::query_scalar(
        "SELECT m.id FROM moment m JOIN moment_deelnemer d ON d.moment_id = m.id
         JOIN organisatie o ON o.id = d.organisatie_id
         WHERE m.soort = 'actieoverleg' AND o.code = 'vt-oost-brabant' AND d.tot IS NULL
         ORDER BY m.tijdstip DESC LIMIT 1",
    )
    .fetch_one(&app.db)
    .await
    .expect("een Actie-overleg-aanmelding met VT als deelnemer in de demo");
    let momentpagina = format!("/casussen/moment/{moment}");
    let bevestigen = format!("{momentpagina}/bevestigen?handeling=sluiten");
    let vergadering: i64 = sqlx::query_scalar(
        "SELECT vergadering_id FROM moment WHERE vergadering_id IS NOT NULL ORDER BY tijdstip DESC LIMIT 1",
    )
    .fetch_one(&app.db)
    .await
    .expect("een geagendeerde aanmelding in de demo");
    let vergaderpagina = format!("/actieoverleg/vergadering/{vergadering}");
    let casus: i64 = sqlx::query_scalar("SELECT casus_id FROM moment WHERE id = $1")
        .bind(moment)
        .fetch_one(&app.db)
        .await
        .expect("casus");
    let planpagina = format!("/casussen/casus/{casus}/plan");
    for pagina in [
        "/casussen?jaar=2025",
        "/casussen/nieuw/actieoverleg",
        momentpagina.as_str(),
        bevestigen.as_str(),
        "/actieoverleg?jaar=2025",
        vergaderpagina.as_str(),
        planpagina.as_str(),
        "/casussen/afspraken",
        "/casussen/contactpunten",
    ] {
        open(c, app, pagina).await;
        let h1 = element(c, "h1").await.text().await.expect("h1");
        assert!(!h1.trim().is_empty(), "{pagina} heeft een lege h1");
        rapport.controleer(c, axe_js, pagina).await;
        let breed = zijwaarts(c).await;
        assert!(breed.is_empty(), "{pagina} scrolt zijwaarts: {breed:?}");
    }
    // Personal data is on the page of a moment VT takes part in.
    open(c, app, &momentpagina).await;
    assert!(
        element(c, ".persoonsgegevens").await.text().await.is_ok(),
        "VT ziet de persoonsgegevens van een moment waaraan zij deelneemt"
    );
    // "Organisatie toevoegen": the label above a select of normal height, the button beside it.
    let maat: Vec<f64> = serde_json::from_value(
        c.execute(
            "const l = document.querySelector('label[for=organisatie]').getBoundingClientRect();
             const s = document.getElementById('organisatie').getBoundingClientRect();
             const k = document.querySelector('form.toevoegen button[type=submit]').getBoundingClientRect();
             return [s.height, l.bottom - s.top, k.bottom - s.bottom, k.left - s.right];",
            vec![],
        )
        .await
        .expect("formulier meten"),
    )
    .expect("maten");
    assert!(maat[0] < 56.0, "keuzelijst is {} px hoog", maat[0]);
    assert!(
        maat[1] <= 1.0,
        "het label staat niet boven de keuzelijst: {maat:?}"
    );
    assert!(
        maat[2].abs() <= 4.0 && maat[3] >= 0.0,
        "knop niet naast de keuzelijst: {maat:?}"
    );
    // The moment page and the contactpunten at a phone's width (390 px) do not scroll sideways.
    let (breed_was, hoog_was) = c.get_window_size().await.expect("venstermaat");
    c.set_window_size(390, 900).await.expect("smal venster");
    for pagina in [momentpagina.as_str(), "/casussen/contactpunten"] {
        open(c, app, pagina).await;
        let breed = zijwaarts(c).await;
        assert!(
            breed.is_empty(),
            "{pagina} scrolt zijwaarts op 390 px: {breed:?}"
        );
    }
    c.set_window_size(
        u32::try_from(breed_was).unwrap_or(1280),
        u32::try_from(hoog_was).unwrap_or(900),
    )
    .await
    .expect("venster terug");
    // A rejected aanmelding shows the error summary, keeps what was typed, and stays accessible.
    open(c, app, "/casussen/nieuw/actieoverleg").await;
    // The OTS details show only once OTS is "ja"; a text field counts down its characters.
    let zichtbaar = async |c: &Client, id: &str| -> bool {
        element(c, &format!("#{id}"))
            .await
            .is_displayed()
            .await
            .expect("zichtbaarheid")
    };
    assert!(
        !zichtbaar(c, "ots_naam_kind").await,
        "OTS-gegevens verborgen zonder OTS"
    );
    element(c, "label[for='ots-ja']")
        .await
        .click()
        .await
        .expect("OTS ja");
    assert!(
        zichtbaar(c, "ots_naam_kind").await,
        "OTS-gegevens zichtbaar bij OTS ja"
    );
    element(c, "label[for='ots-nee']")
        .await
        .click()
        .await
        .expect("OTS nee");
    assert!(!zichtbaar(c, "ots_naam_kind").await);
    element(c, "#vraag")
        .await
        .send_keys("Fictief: wie pakt de regie?")
        .await
        .expect("vraag typen");
    let teller = element(c, "#vraag-teller")
        .await
        .text()
        .await
        .expect("teller");
    let max = voorop::casus::velden::velden(voorop::casus::model::Soort::Actieoverleg)
        .iter()
        .find(|v| v.code == "vraag")
        .and_then(voorop::casus::velden::Veld::max_tekens)
        .expect("max");
    let over = max - "Fictief: wie pakt de regie?".chars().count();
    assert_eq!(
        teller,
        format!("Nog {} tekens", voorop::web::getal_nl(over as f64, 0)),
        "teller"
    );
    element(
        c,
        "form[action='/casussen/nieuw/actieoverleg'] button[type='submit']",
    )
    .await
    .click()
    .await
    .expect("verzenden");
    let samenvatting = element(c, ".foutsamenvatting")
        .await
        .text()
        .await
        .expect("fouten");
    assert!(samenvatting.contains("Vul"), "{samenvatting}");
    let vraag = element(c, "#vraag")
        .await
        .prop("value")
        .await
        .expect("waarde");
    assert_eq!(vraag.as_deref(), Some("Fictief: wie pakt de regie?"));
    rapport
        .controleer(c, axe_js, "/casussen/nieuw/actieoverleg (met fouten)")
        .await;

    // Beheer › Organisaties, as the region's coordinator: the list, the form, and a rejected
    // form that keeps what was typed and names the field.
    uitloggen(c).await;
    open(c, app, "/inloggen").await;
    inloggen(c, app, common::COORDINATOR, None).await;
    for pagina in ["/beheer/organisaties", "/beheer/organisaties/nieuw"] {
        open(c, app, pagina).await;
        let h1 = element(c, "h1").await.text().await.expect("h1");
        assert!(!h1.trim().is_empty(), "{pagina} heeft een lege h1");
        rapport.controleer(c, axe_js, pagina).await;
    }
    element(c, "#code")
        .await
        .send_keys("vt-nieuw")
        .await
        .expect("code typen");
    element(
        c,
        "form[action='/beheer/organisaties'] button[type='submit']",
    )
    .await
    .click()
    .await
    .expect("verzenden");
    let samenvatting = element(c, ".foutsamenvatting")
        .await
        .text()
        .await
        .expect("fouten");
    assert!(samenvatting.contains("Vul de naam"), "{samenvatting}");
    let code = element(c, "#code").await.prop("value").await.expect("code");
    assert_eq!(code.as_deref(), Some("vt-nieuw"));
    rapport
        .controleer(c, axe_js, "/beheer/organisaties/nieuw (met fouten)")
        .await;

    ontwikkelagenda(c, app, axe_js, &mut rapport).await;

    // A phone's width (400 px): no page scrolls sideways; wide tables scroll within themselves.
    c.set_window_size(400, 900).await.expect("smal venster");
    let jaar = voorop::demo::PEILDATUM.year();
    let paginas = [
        "/".to_string(),
        "/zelfscan".into(),
        format!("/zelfscan/{RONDE}"),
        format!("/zelfscan/{RONDE}/gemeenten/{GEMEENTE}"),
        format!("/zelfscan/{RONDE}/resultaten/{GEMEENTE}"),
        "/plannen".into(),
        "/werkset".into(),
        format!("/werkset/oost-brabant/{jaar}"),
        "/werkset/vergelijking".into(),
        "/casussen".into(),
        "/routekaart".into(),
        "/begrippenkader".into(),
        "/beheer/gebruikers".into(),
        "/beheer/organisaties".into(),
        "/beheer/organisaties/nieuw".into(),
        format!("/ontwikkelagenda/{jaar}"),
        format!("/ontwikkelagenda/{jaar}/oost-brabant"),
        format!("/ontwikkelagenda/{jaar}/oost-brabant/verslag.html"),
        format!("/uitvoeringsplan/{jaar}"),
        format!("/ontwikkelagenda/{jaar}/verantwoording"),
        format!("/ontwikkelagenda/{jaar}/oost-brabant/netwerk"),
        format!("/ontwikkelagenda/{jaar}/netwerken"),
        "/over/toegankelijkheid".into(),
    ];
    // VOOROP_SCHERMAFDRUKKEN=MAP keeps a screenshot of each page at this width.
    let afdrukken = std::env::var_os("VOOROP_SCHERMAFDRUKKEN").map(PathBuf::from);
    for pagina in &paginas {
        open(c, app, pagina).await;
        let breed = zijwaarts(c).await;
        assert!(
            breed.is_empty(),
            "{pagina} scrolt zijwaarts op 400 px: {breed:?}"
        );
        if let Some(map) = &afdrukken {
            let png = c.screenshot().await.expect("schermafdruk");
            let naam: String = pagina
                .chars()
                .map(|t| if t.is_ascii_alphanumeric() { t } else { '_' })
                .collect();
            std::fs::write(map.join(format!("400px{naam}.png")), png).expect("png schrijven");
        }
    }
    uitloggen(c).await;
    open(c, app, "/inloggen").await;
    let breed = zijwaarts(c).await;
    assert!(
        breed.is_empty(),
        "/inloggen scrolt zijwaarts op 400 px: {breed:?}"
    );

    // Mijn werk, where each user lands after signing in: the Veilig Thuis chair, a police
    // officer and a gemeente, each checked by axe and at 400 px; the menu links to it.
    c.set_window_size(1280, 1000).await.expect("breed venster");
    for (email, naam) in [
        ("vt@demo.voorop.nl", "vt"),
        ("politie@demo.voorop.nl", "politie"),
        (common::MEDEWERKER, "gemeente"),
    ] {
        open(c, app, "/inloggen").await;
        inloggen(c, app, email, None).await;
        assert_eq!(pad(c).await, "/mijn-werk", "{email} landt op Mijn werk");
        let kop = element(c, "h1").await.text().await.expect("kop");
        assert_eq!(kop, "Mijn werk");
        element(c, "nav.hoofdmenu a[href='/mijn-werk']").await;
        rapport
            .controleer(c, axe_js, &format!("/mijn-werk ({naam})"))
            .await;
        if let Some(map) = &afdrukken {
            // Tall enough for the whole work list, not just the help above it.
            c.set_window_size(1280, 2600).await.expect("hoog venster");
            let png = c.screenshot().await.expect("schermafdruk");
            std::fs::write(map.join(format!("mijn-werk-{naam}.png")), png).expect("png schrijven");
        }
        c.set_window_size(400, 900).await.expect("smal venster");
        let breed = zijwaarts(c).await;
        assert!(breed.is_empty(), "/mijn-werk ({naam}) op 400 px: {breed:?}");
        c.set_window_size(1280, 1000).await.expect("breed venster");
        uitloggen(c).await;
    }

    rapport
}

/// The Ontwikkelagenda as the region's coordinator (signed in): the SWOT session with its
/// board, where one verbeteractiviteit is moved to another quadrant with the keyboard alone
/// (summary, arrow keys in the radio group, typing, Enter on the button; no mouse and no
/// script needed), then the national synthesis with its chart and the verslag, all checked by
/// axe.
async fn ontwikkelagenda(
    c: &Client,
    app: &common::TestApp,
    axe_js: &str,
    rapport: &mut AxeRapport,
) {
    use fantoccini::key::Key;
    let toets = |k: Key| char::from(k).to_string();
    let jaar = voorop::demo::PEILDATUM.year();
    let sessie = format!("/ontwikkelagenda/{jaar}/oost-brabant");
    open(c, app, &sessie).await;
    rapport.controleer(c, axe_js, &sessie).await;
    let regel = element(c, "#bord-formulier fieldset.bordregel").await;
    let id = regel.attr("id").await.expect("id").expect("fieldset-id");
    let code = id
        .strip_prefix("kwadrant-")
        .expect("kwadrant-CODE")
        .to_string();
    let gekozen = element(c, &format!("input[name='{id}']:checked")).await;
    let was = gekozen
        .prop("value")
        .await
        .expect("waarde")
        .unwrap_or_default();
    // Open the board's form from its summary with Enter.
    element(c, "#bord details > summary")
        .await
        .send_keys(&toets(Key::Enter))
        .await
        .expect("Enter op de samenvatting");
    // The arrow key moves the choice within the radio group (in document order, wrapping);
    // twice when once would land on "nog niet geplaatst".
    let volgorde = ["sterkte", "zwakte", "kans", "bedreiging", ""];
    let i = volgorde
        .iter()
        .position(|k| *k == was)
        .expect("bekend kwadrant");
    let stappen = if volgorde[(i + 1) % 5].is_empty() {
        2
    } else {
        1
    };
    let nieuw = volgorde[(i + stappen) % 5];
    gekozen
        .send_keys(&toets(Key::Right).repeat(stappen))
        .await
        .expect("pijltjestoets");
    let nu = element(c, &format!("input[name='{id}']:checked"))
        .await
        .prop("value")
        .await
        .expect("waarde");
    assert_eq!(
        nu.as_deref(),
        Some(nieuw),
        "de pijltjestoets verplaatst de keuze"
    );
    let toelichting = element(c, &format!("#toelichting-{code}")).await;
    toelichting.clear().await.expect("leegmaken");
    toelichting
        .send_keys("Fictief: met het toetsenbord verplaatst")
        .await
        .expect("toelichting typen");
    element(c, "#bord-formulier button[type='submit']")
        .await
        .send_keys(&toets(Key::Enter))
        .await
        .expect("Enter op Bord opslaan");
    let melding = element(c, ".melding-succes")
        .await
        .text()
        .await
        .expect("melding");
    assert!(melding.contains("Het bord is opgeslagen"), "{melding}");
    let opgeslagen = common::tel(
        app,
        &format!(
            "SELECT COUNT(*) FROM swot_plaatsing p JOIN swot_sessie s ON s.id = p.sessie_id
             WHERE s.regio_code = 'oost-brabant' AND s.jaar = {jaar} AND p.verbeteractiviteit = '{code}'
               AND p.kwadrant = '{nieuw}' AND p.toelichting = 'Fictief: met het toetsenbord verplaatst'"
        ),
    )
    .await;
    assert_eq!(opgeslagen, 1, "{code} staat nu in {nieuw}");
    rapport
        .controleer(c, axe_js, &format!("{sessie} (na opslaan)"))
        .await;
    // With a mouse the same choice can be dragged (the script sets the form's radio button and
    // says it is not saved yet); simulated with the browser's own drag events.
    let verplaatst = c
        .execute(
            "const li = document.querySelector('.swot-bord li[data-code]');
             const code = li.getAttribute('data-code');
             const naar = Array.from(document.querySelectorAll('.swot-bord [data-kwadrant]'))
               .find(v => v.getAttribute('data-kwadrant') && !v.contains(li));
             const dt = new DataTransfer();
             li.dispatchEvent(new DragEvent('dragstart', {bubbles: true, dataTransfer: dt}));
             naar.dispatchEvent(new DragEvent('dragover', {bubbles: true, cancelable: true, dataTransfer: dt}));
             naar.dispatchEvent(new DragEvent('drop', {bubbles: true, cancelable: true, dataTransfer: dt}));
             li.dispatchEvent(new DragEvent('dragend', {bubbles: true, dataTransfer: dt}));
             const k = naar.getAttribute('data-kwadrant');
             return [document.getElementById('kw-' + code + '-' + k).checked, naar.contains(li),
                     document.getElementById('bord-sleepstatus').textContent];",
            vec![],
        )
        .await
        .expect("slepen");
    assert_eq!(
        verplaatst[0],
        json!(true),
        "the drop sets the form's choice: {verplaatst:?}"
    );
    assert_eq!(
        verplaatst[1],
        json!(true),
        "and moves the item: {verplaatst:?}"
    );
    assert!(
        verplaatst[2]
            .as_str()
            .is_some_and(|t| t.contains("Nog niet opgeslagen")),
        "{verplaatst:?}"
    );

    let synthese = format!("/ontwikkelagenda/{jaar}");
    open(c, app, &synthese).await;
    let grafiek = element(c, "figure svg[role='img'] title").await;
    assert!(!grafiek.html(true).await.expect("titel").is_empty());
    rapport.controleer(c, axe_js, &synthese).await;
    let verslag = format!("{sessie}/verslag.html");
    open(c, app, &verslag).await;
    rapport.controleer(c, axe_js, &verslag).await;
    let verantwoording = format!("/ontwikkelagenda/{jaar}/verantwoording");
    open(c, app, &verantwoording).await;
    rapport.controleer(c, axe_js, &verantwoording).await;
    let plan = format!("/uitvoeringsplan/{jaar}");
    open(c, app, &plan).await;
    element(c, "figure svg[role='img'] title").await;
    rapport.controleer(c, axe_js, &plan).await;
    // The region's network year (the demo's werkplan of this year is a concept) and one of its
    // meetings with the besluitenlijst.
    let netwerk = format!("{sessie}/netwerk");
    open(c, app, &netwerk).await;
    rapport.controleer(c, axe_js, &netwerk).await;
    let bijeenkomst = element(c, "#bijeenkomsten table a")
        .await
        .attr("href")
        .await
        .expect("href")
        .expect("link naar een bijeenkomst");
    open(c, app, &bijeenkomst).await;
    assert!(
        element(c, "#besluitenlijst table")
            .await
            .text()
            .await
            .expect("besluitenlijst")
            .contains("Fictief"),
    );
    rapport.controleer(c, axe_js, &bijeenkomst).await;
    // The national overview of the network years, with its chart.
    let netwerken = format!("/ontwikkelagenda/{jaar}/netwerken");
    open(c, app, &netwerken).await;
    element(c, "figure svg[role='img'] title").await;
    rapport.controleer(c, axe_js, &netwerken).await;
    // Last year's, with the demo's self-evaluations beside the year before.
    let netwerken_vorig = format!("/ontwikkelagenda/{}/netwerken", jaar - 1);
    open(c, app, &netwerken_vorig).await;
    rapport.controleer(c, axe_js, &netwerken_vorig).await;
    if let Some(map) = std::env::var_os("VOOROP_SCHERMAFDRUKKEN").map(PathBuf::from) {
        for (pagina, naam) in [
            (&netwerk, "netwerkjaar"),
            (&bijeenkomst, "netwerkbijeenkomst"),
            (&netwerken, "netwerken"),
            (&netwerken_vorig, "netwerken-vorig-jaar"),
            (&sessie, "swot-sessie"),
            (&synthese, "synthese"),
            (&plan, "uitvoeringsplan"),
        ] {
            open(c, app, pagina).await;
            c.set_window_size(1280, 4000).await.expect("hoog venster");
            let png = c.screenshot().await.expect("schermafdruk");
            std::fs::write(map.join(format!("ontwikkelagenda-{naam}.png")), png).expect("png");
        }
        c.set_window_size(1280, 1000).await.expect("breed venster");
    }
}

/// Signs out with the button in the user bar.
async fn uitloggen(c: &Client) {
    element(c, "form[action='/uitloggen'] button")
        .await
        .click()
        .await
        .expect("uitloggen");
}

/// What sticks out to the right of a narrow window: empty when the page does not scroll
/// sideways; otherwise the widest elements (tag, class, right edge) and the page width.
async fn zijwaarts(c: &Client) -> Vec<String> {
    let uit = c
        .execute(
            "const w = document.documentElement.clientWidth;
             const sw = document.documentElement.scrollWidth;
             if (sw <= w) { return []; }
             const uit = [];
             const geknipt = (e) => {
               for (let a = e.parentElement; a; a = a.parentElement) {
                 const o = getComputedStyle(a).overflowX;
                 if (o === 'auto' || o === 'scroll' || o === 'hidden') { return true; }
               }
               return false;
             };
             for (const e of document.querySelectorAll('body *')) {
               const r = e.getBoundingClientRect();
               if (r.right > w + 1 && r.width > 0 && !geknipt(e)) {
                 uit.push(e.tagName.toLowerCase() + '.' + e.className + ' tot ' + Math.round(r.right));
               }
             }
             return uit.slice(0, 8).concat(['pagina ' + sw + ' px breed, venster ' + w]);",
            vec![],
        )
        .await
        .expect("breedte meten");
    serde_json::from_value(uit).expect("lijst")
}
