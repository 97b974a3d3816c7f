//! Werkset Indicatoren over HTTP: the versioned catalogue ("Werkset 2.0"), write permissions
//! and validation of the registration forms, the regional report (PDF, HTML and command line)
//! with the structure of seed 001, the national comparison on hand-computed data, and the
//! analysts' Excel export.

use crate::common::*;
use calamine::{Data, Reader, open_workbook_auto_from_rs};
use reqwest::StatusCode;
use serde_json::{Value, json};
use std::io::Cursor;
use std::process::Command;

const CATALOGUS: &str = include_str!("../../data/werkset/catalogus-2022-v1.json");
const DEMO: &str = include_str!("../../data/werkset/demo.json");
const ELEMENTEN: [&str; 3] = [
    "Ontwikkelinspanningen",
    "Uitvoeringsinspanningen: meer- en minderwerk",
    "Waarde",
];
const POLITIE: &str = "politie@demo.voorop.nl";

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

fn catalogus_json() -> Value {
    serde_json::from_str(CATALOGUS).expect("catalogus-JSON")
}

/// Indicator names of a catalogue (as JSON), per theme, per element.
fn indicatornamen(c: &Value) -> Vec<Vec<Vec<String>>> {
    c["themas"]
        .as_array()
        .expect("themas")
        .iter()
        .map(|t| {
            t["elementen"]
                .as_array()
                .expect("elementen")
                .iter()
                .map(|e| {
                    e["indicatoren"]
                        .as_array()
                        .expect("indicatoren")
                        .iter()
                        .map(|i| i["naam"].as_str().expect("naam").to_string())
                        .collect()
                })
                .collect()
        })
        .collect()
}

/// Effort entries stored for a region and period.
async fn inspanningen_in(app: &TestApp, regio: &str, periode: &str) -> i64 {
    sqlx::query_scalar(
        "SELECT count(*) FROM werkset_inspanning i JOIN werkset_registratie r ON r.id = i.registratie_id
         WHERE r.regio_code = $1 AND r.periode = $2",
    )
    .bind(regio)
    .bind(periode)
    .fetch_one(&app.db)
    .await
    .expect("inspanningen tellen")
}

/// A client logged in with an explicit password (for users the test creates).
async fn login_met(app: &TestApp, email: &str, wachtwoord: &str) -> reqwest::Client {
    let c = client();
    let (status, _, body) = probeer_inloggen(&c, app, email, wachtwoord).await;
    assert_eq!(
        status,
        StatusCode::SEE_OTHER,
        "inloggen als {email} mislukt:\n{body}"
    );
    c
}

type Velden = Vec<(String, String)>;

fn velden(csrf: &str, paren: &[(&str, &str)]) -> Velden {
    let mut v = vec![("_csrf".to_string(), csrf.to_string())];
    v.extend(paren.iter().map(|(k, w)| (k.to_string(), w.to_string())));
    v
}

/// The effort form as templates/werkset/regio.html posts it (partners repeated).
fn inspanning_form(
    csrf: &str,
    indicator: &str,
    partners: &[&str],
    classificatie: &str,
    hoeveelheid: &str,
    eenheid: &str,
    omschrijving: &str,
) -> Velden {
    let mut v = velden(csrf, &[("indicator", indicator)]);
    for p in partners {
        v.push(("partners".into(), (*p).into()));
    }
    v.extend(
        [
            ("classificatie", classificatie),
            ("hoeveelheid", hoeveelheid),
            ("eenheid", eenheid),
            ("omschrijving", omschrijving),
            ("bewijs", "werkplan"),
            ("bewijs_datum", "2031-03-01"),
        ]
        .map(|(k, w)| (k.to_string(), w.to_string())),
    );
    v
}

fn waarde_form(csrf: &str, indicator: &str, omschrijving: &str) -> Velden {
    velden(
        csrf,
        &[
            ("indicator", indicator),
            ("omschrijving", omschrijving),
            ("bewijs", "evaluatie"),
            ("bewijs_datum", "2031-06-01"),
            ("sterkte", "aangetoond"),
        ],
    )
}

fn thema_form(csrf: &str, fase: &str, kartrekkers: &[&str], verhaal: &str) -> Velden {
    let mut v = velden(csrf, &[("fase", fase)]);
    for k in kartrekkers {
        v.push(("kartrekkers".into(), (*k).into()));
    }
    v.extend(
        [
            ("verhaal_ontwikkel", verhaal),
            ("verhaal_uitvoering", ""),
            ("verhaal_waarde", ""),
        ]
        .map(|(k, w)| (k.to_string(), w.to_string())),
    );
    v
}

/// POSTs a form that must succeed with 303 back to the region page.
async fn schrijf(c: &reqwest::Client, app: &TestApp, pad: &str, form: &Velden) {
    let (status, headers, body) = post_form(c, app, pad, form).await;
    assert_eq!(
        status,
        StatusCode::SEE_OTHER,
        "POST {pad} gaf {status}:\n{body}"
    );
    assert!(
        location(&headers).starts_with("/werkset/"),
        "POST {pad}: onverwachte redirect {}",
        location(&headers)
    );
}

/// Uploads a catalogue file as the beheer page does (multipart field `bestand`, CSRF token in
/// the action URL). `token_pad` is a page of this user that carries a CSRF token.
async fn catalogus_uploaden(
    c: &reqwest::Client,
    app: &TestApp,
    token_pad: &str,
    inhoud: &str,
) -> (StatusCode, String) {
    let token = csrf_van(c, app, token_pad).await;
    let deel = reqwest::multipart::Part::bytes(inhoud.as_bytes().to_vec())
        .file_name("catalogus.json")
        .mime_str("application/json")
        .expect("mime");
    let r = c
        .post(app.url(&format!("/beheer/werkset-catalogus?_csrf={token}")))
        .multipart(reqwest::multipart::Form::new().part("bestand", deel))
        .send()
        .await
        .expect("POST catalogus");
    let status = r.status();
    (status, r.text().await.expect("body"))
}

/// One line of text: soft hyphens from hyphenation joined again, word joiners removed, every
/// run of whitespace (line breaks, page breaks, layout padding) one space.
fn normaliseer(s: &str) -> String {
    let mut uit = String::with_capacity(s.len());
    let mut tekens = s.chars().peekable();
    while let Some(c) = tekens.next() {
        match c {
            '\u{ad}' => {
                while tekens.peek().is_some_and(|c| c.is_whitespace()) {
                    tekens.next();
                }
            }
            '\u{2060}' => {}
            c => uit.push(c),
        }
    }
    uit.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The visible text of an HTML page: style and svg removed, tags become spaces, entities decoded.
fn html_tekst(html: &str) -> String {
    let mut s = html.to_string();
    for (open, sluit) in [("<style", "</style>"), ("<svg", "</svg>")] {
        while let Some(b) = s.find(open) {
            let e = s[b..].find(sluit).map_or(s.len(), |e| b + e + sluit.len());
            s.replace_range(b..e, " ");
        }
    }
    let mut tekst = String::with_capacity(s.len());
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                tekst.push(' ');
            }
            c if !in_tag => tekst.push(c),
            _ => {}
        }
    }
    normaliseer(&entiteiten(&tekst))
}

fn entiteiten(s: &str) -> String {
    let mut uit = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        uit.push_str(&rest[..i]);
        rest = &rest[i..];
        let eind = rest.find(';').filter(|e| *e <= 10);
        let teken = eind.and_then(|e| match &rest[1..e] {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some(' '),
            n if n.starts_with("#x") || n.starts_with("#X") => u32::from_str_radix(&n[2..], 16)
                .ok()
                .and_then(char::from_u32),
            n if n.starts_with('#') => n[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        });
        if let (Some(t), Some(e)) = (teken, eind) {
            uit.push(t);
            rest = &rest[e + 1..];
        } else {
            uit.push('&');
            rest = &rest[1..];
        }
    }
    uit.push_str(rest);
    uit
}

/// Asserts `koppen` occur in this order in `tekst` from byte `vanaf`; returns each one's start.
fn in_volgorde(tekst: &str, vanaf: usize, koppen: &[String], wat: &str) -> Vec<usize> {
    let mut pos = vanaf;
    koppen
        .iter()
        .map(|kop| match tekst[pos..].find(kop.as_str()) {
            Some(i) => {
                let begin = pos + i;
                pos = begin + kop.len();
                begin
            }
            None => panic!(
                "{wat}: {kop:?} niet (in volgorde) gevonden na positie {pos}; verder staat er:\n{}",
                tekst[pos..].chars().take(600).collect::<String>()
            ),
        })
        .collect()
}

/// Where the report body starts: the "Inleiding" heading followed by its first sentence (the
/// table of contents before it lists the same chapter titles).
fn begin_inleiding(tekst: &str, wat: &str) -> usize {
    tekst
        .find("Inleiding Deze rapportage laat zien")
        .unwrap_or_else(|| panic!("{wat}: geen 'Inleiding' gevolgd door de eerste zin"))
}

/// Chapter and section headings of the report in seed-001 order (from the catalogue file).
fn rapport_koppen() -> Vec<String> {
    let c = catalogus_json();
    let mut koppen = vec!["Inleiding".to_string()];
    for t in c["themas"].as_array().expect("themas") {
        let n = t["nummer"].as_u64().expect("nummer");
        koppen.push(format!("{n}. {}", t["naam"].as_str().expect("naam")));
        for (k, e) in ELEMENTEN.iter().enumerate() {
            koppen.push(format!("{n}.{} {e}", k + 1));
        }
    }
    koppen.extend(
        [
            "Bijlage 1: Landelijke context",
            "Bijlage 2: Overzicht indicatoren",
            "Bronnen",
        ]
        .map(String::from),
    );
    koppen
}

/// The demo data's registration of oost-brabant in a period.
fn demo_registratie(periode: &str) -> Value {
    let d: Value = serde_json::from_str(DEMO).expect("demo-JSON");
    d["regios"]["oost-brabant"][periode].clone()
}

/// Checks the structure every rendering of the oost-brabant 2025 report shares (normalised
/// text): chapter order after the contents, chapter 3's partner tables, quote, practice example.
fn controleer_rapport_2025(tekst: &str, wat: &str) {
    let start = begin_inleiding(tekst, wat);
    // The contents come before the body and list the chapters too.
    let inhoud = tekst[..start]
        .find("Inhoud")
        .unwrap_or_else(|| panic!("{wat}: geen inhoudsopgave vóór de inleiding"));
    in_volgorde(
        tekst,
        inhoud,
        &[
            "1. Samenhang, kennisontwikkeling en blijvend verbeteren".into(),
            "Bijlage 2: Overzicht indicatoren".into(),
        ],
        &format!("{wat} (inhoud)"),
    );
    let koppen = rapport_koppen();
    let pos = in_volgorde(tekst, start, &koppen, wat);
    let bij = |kop: &str| pos[koppen.iter().position(|k| k == kop).expect("kop")];
    let h3 = bij("3. Actie-overleg");
    let h4 = bij("4. Gezamenlijke aanpak huiselijk geweld door VT & ZSM");
    let hoofdstuk3 = &tekst[h3..h4];
    for partner in ["Veilig Thuis", "Politie"] {
        let tabel = format!("{partner} Indicator Omschrijving Soort Omvang Onderbouwing");
        assert!(
            hoofdstuk3.contains(&tabel),
            "{wat}: hoofdstuk 3 mist de partnertabel {partner:?}"
        );
    }
    let reg = demo_registratie("2025");
    let citaat = reg["citaten"]
        .as_array()
        .expect("citaten")
        .iter()
        .find(|c| c["thema"] == 3)
        .expect("citaat bij thema 3");
    let begin: String = normaliseer(citaat["tekst"].as_str().expect("tekst"))
        .split(' ')
        .take(10)
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        hoofdstuk3.contains(&begin),
        "{wat}: citaat {begin:?} niet in hoofdstuk 3"
    );
    let praktijk = reg["praktijk"]
        .as_array()
        .expect("praktijk")
        .iter()
        .find(|p| p["thema"] == 3)
        .expect("praktijk bij thema 3");
    let kop = format!(
        "Uit de praktijk 3.1: {}",
        praktijk["titel"].as_str().expect("titel")
    );
    assert!(
        hoofdstuk3.contains(&kop),
        "{wat}: {kop:?} niet in hoofdstuk 3"
    );
    // Bronnen is the last part and lists the region's sources.
    let bronnen = &tekst[bij("Bronnen")..];
    let bron = reg["bronnen"][0]["titel"].as_str().expect("bron");
    assert!(
        bronnen.contains(&normaliseer(bron)),
        "{wat}: bron {bron:?} niet onder Bronnen"
    );
    assert!(
        tekst.contains("2022, versie 1") && !tekst.contains("werkset-2022-v1"),
        "{wat}: catalogusversie ontbreekt of staat er als sleutel"
    );
}

/// Status, content type and bytes of a GET.
async fn download(c: &reqwest::Client, app: &TestApp, pad: &str) -> (StatusCode, String, Vec<u8>) {
    let r = c.get(app.url(pad)).send().await.expect("GET");
    let status = r.status();
    let ct = content_type(r.headers());
    (status, ct, r.bytes().await.expect("body").to_vec())
}

/// The text of the `<textarea id="{id}">` in a page.
fn textarea(html: &str, id: &str) -> String {
    let begin = html
        .find(&format!("<textarea id=\"{id}\""))
        .unwrap_or_else(|| panic!("geen textarea {id}"));
    let inhoud = begin + html[begin..].find('>').expect(">") + 1;
    let eind = inhoud + html[inhoud..].find("</textarea>").expect("</textarea>");
    html[inhoud..eind].to_string()
}

// ---------------------------------------------------------------------------------------------
// 1. Catalogue
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn catalogus_api_geeft_themas_elementen_en_indicatoren_uit_het_bestand() {
    let app = start().await;
    let token = api_token(&app, COORDINATOR).await;
    let (status, _, c) = api_get(&app, &token, "/api/v1/werkset/catalogus").await;
    assert_eq!(status, StatusCode::OK, "{c}");
    assert_eq!(c["versie"], "werkset-2022-v1");
    let themas = c["themas"].as_array().expect("themas");
    assert_eq!(themas.len(), 5);
    for t in themas {
        assert!(t["naam"].as_str().is_some_and(|n| !n.is_empty()), "{t}");
        let namen: Vec<&str> = t["elementen"]
            .as_array()
            .expect("elementen")
            .iter()
            .map(|e| e["naam"].as_str().expect("naam"))
            .collect();
        assert_eq!(namen, ELEMENTEN, "thema {}", t["nummer"]);
        for e in t["elementen"].as_array().expect("elementen") {
            let ind = e["indicatoren"].as_array().expect("indicatoren");
            assert!(!ind.is_empty(), "{e}");
            assert!(ind.iter().all(|i| i["naam"].is_string()), "{e}");
        }
    }
    assert_eq!(indicatornamen(&c), indicatornamen(&catalogus_json()));

    // Without a token the API refuses.
    let r = client()
        .get(app.url("/api/v1/werkset/catalogus"))
        .send()
        .await
        .expect("GET");
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn nieuwe_catalogusversie_geldt_voor_nieuwe_registraties_en_oude_blijven_hun_versie_houden() {
    let app = start().await;
    let beheerder = login(&app, BEHEERDER).await;
    let token = api_token(&app, COORDINATOR).await;
    let oude_naam = "Frequentie";
    let nieuwe_naam = "Frequentie van het Actie-overleg (hernoemd in v2)";

    let mut v2 = catalogus_json();
    v2["versie"] = json!("werkset-test-v2");
    let ind = v2["themas"][2]["elementen"][1]["indicatoren"][0].as_object_mut();
    let ind = ind.expect("indicator 3.u1");
    assert_eq!(ind["code"], "3.u1");
    assert_eq!(ind["naam"], oude_naam);
    ind.insert("naam".into(), json!(nieuwe_naam));

    let catalogi = "SELECT count(*) FROM werkset_catalogus";
    assert_eq!(tel(&app, catalogi).await, 1);
    let audit_voor = audit_aantal(&app, "werkset.catalogus_geladen").await;
    let (status, body) = catalogus_uploaden(
        &beheerder,
        &app,
        "/beheer/werkset-catalogus",
        &v2.to_string(),
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    assert_eq!(tel(&app, catalogi).await, 2);
    assert_eq!(
        audit_aantal(&app, "werkset.catalogus_geladen").await,
        audit_voor + 1
    );
    let overzicht = pagina(&beheerder, &app, "/beheer/werkset-catalogus").await;
    assert!(overzicht.contains("werkset-test-v2"), "{overzicht}");

    // The API serves the new version.
    let (_, _, c) = api_get(&app, &token, "/api/v1/werkset/catalogus").await;
    assert_eq!(c["versie"], "werkset-test-v2");
    assert_eq!(
        c["themas"][2]["elementen"][1]["indicatoren"][0]["naam"],
        nieuwe_naam
    );

    // The existing registration keeps its version: page and report show the old one.
    let coordinator = login(&app, COORDINATOR).await;
    let regio = pagina(&coordinator, &app, "/werkset/oost-brabant/2025").await;
    assert!(regio.contains("(2022, versie 1)</p>"), "{regio}");
    assert!(
        !regio.contains("werkset-2022-v1"),
        "no version key on the page"
    );
    let oud = html_tekst(
        &pagina(
            &coordinator,
            &app,
            "/werkset/oost-brabant/2025/rapport.html",
        )
        .await,
    );
    assert!(oud.contains("catalogus 2022, versie 1"), "{oud}");
    assert!(!oud.contains("catalogus versie 2"));
    assert!(
        oud.contains(&format!("{oude_naam} – ")),
        "oude indicatornaam niet in bijlage 2"
    );
    assert!(!oud.contains(nieuwe_naam));

    // A new registration (created by its first entry) uses the new version.
    let limburg = login(&app, COORDINATOR_LIMBURG).await;
    let token_l = csrf_van(&limburg, &app, "/werkset/limburg/2031").await;
    schrijf(
        &limburg,
        &app,
        "/werkset/limburg/2031/inspanningen",
        &inspanning_form(
            &token_l,
            "3.u1",
            &["veilig_thuis"],
            "meerwerk",
            "2",
            "uren_per_week",
            "Wekelijks Actie-overleg in Limburg",
        ),
    )
    .await;
    let versie: String = sqlx::query_scalar(
        "SELECT catalogus_versie FROM werkset_registratie WHERE regio_code = 'limburg' AND periode = '2031'",
    )
    .fetch_one(&app.db)
    .await
    .expect("registratie limburg 2031");
    assert_eq!(versie, "werkset-test-v2");
    let nieuw = html_tekst(&pagina(&limburg, &app, "/werkset/limburg/2031/rapport.html").await);
    assert!(nieuw.contains("catalogus versie 2"), "{nieuw}");
    assert!(
        nieuw.contains(&format!("{nieuwe_naam} Wekelijks Actie-overleg in Limburg")),
        "de inspanning staat niet met de nieuwe indicatornaam in het rapport"
    );
    assert!(nieuw.contains(&format!("{nieuwe_naam} – ✓ onderbouwd")));
    // The old registration still reports with the old version after the new one was made.
    let pdf = download(&coordinator, &app, "/werkset/oost-brabant/2025/rapport.pdf").await;
    assert_eq!(pdf.0, StatusCode::OK);
    let oud_pdf = normaliseer(&pdf_tekst(&pdf.2));
    assert!(oud_pdf.contains("Catalogusversie 2022, versie 1"));
    assert!(!oud_pdf.contains("hernoemd in v2"));
}

#[tokio::test]
async fn ongeldige_catalogus_wordt_geweigerd_en_niets_opgeslagen() {
    let app = start().await;
    let beheerder = login(&app, BEHEERDER).await;
    let catalogi = "SELECT count(*) FROM werkset_catalogus";

    let mut zonder_element = catalogus_json();
    zonder_element["versie"] = json!("werkset-test-v3");
    zonder_element["themas"][1]["elementen"]
        .as_array_mut()
        .expect("elementen")
        .pop();
    let mut dubbel = catalogus_json();
    dubbel["themas"][0]["titel"] = json!("Andere inhoud, bestaande versie");
    let gevallen = [
        (
            "geen JSON",
            "{ \"versie\": \"werkset-kapot\", dit is geen json".to_string(),
            "geen geldige indicatorcatalogus",
        ),
        (
            "element ontbreekt",
            zonder_element.to_string(),
            "Thema 2 moet precies de elementen ontwikkel, uitvoering en waarde hebben",
        ),
        (
            "bestaande versie",
            dubbel.to_string(),
            "bestaat al; geef de nieuwe indicatorcatalogus een eigen versienaam",
        ),
    ];
    for (wat, inhoud, melding) in gevallen {
        let (status, body) =
            catalogus_uploaden(&beheerder, &app, "/beheer/werkset-catalogus", &inhoud).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{wat}:\n{body}");
        assert!(
            html_tekst(&body).contains(melding),
            "{wat}: melding {melding:?} ontbreekt:\n{body}"
        );
        assert!(body.contains("foutsamenvatting"), "{wat}");
        assert_eq!(tel(&app, catalogi).await, 1, "{wat}: toch opgeslagen");
    }
    assert_eq!(audit_aantal(&app, "werkset.catalogus_geladen").await, 0);
    let token = api_token(&app, COORDINATOR).await;
    let (_, _, c) = api_get(&app, &token, "/api/v1/werkset/catalogus").await;
    assert_eq!(c["versie"], "werkset-2022-v1");

    // Only a beheerder may load a catalogue.
    let mut v9 = catalogus_json();
    v9["versie"] = json!("werkset-test-v9");
    for email in [COORDINATOR, LEZER] {
        let c = login(&app, email).await;
        let (status, _) =
            catalogus_uploaden(&c, &app, "/werkset/oost-brabant/2025", &v9.to_string()).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{email}");
        let (status, _, _) = get(&c, &app, "/beheer/werkset-catalogus").await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{email}");
    }
    assert_eq!(tel(&app, catalogi).await, 1);
}

// ---------------------------------------------------------------------------------------------
// 2. Permissions and form validation
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn alleen_de_eigen_regio_schrijft_en_elke_wijziging_staat_in_het_auditlog() {
    let app = start().await;
    let pad = "/werkset/oost-brabant/2031/inspanningen";
    let laatste_audit = async || -> (String, String, String) {
        sqlx::query_as(
            "SELECT actor, object_id, details FROM audit_log WHERE code = 'werkset.gewijzigd' ORDER BY id DESC LIMIT 1",
        )
        .fetch_one(&app.db)
        .await
        .expect("auditregel")
    };

    // A medewerker of a partner organisation in the region.
    let politie = login(&app, POLITIE).await;
    let token = csrf_van(&politie, &app, "/werkset/oost-brabant/2031").await;
    let audit_voor = audit_aantal(&app, "werkset.gewijzigd").await;
    schrijf(
        &politie,
        &app,
        pad,
        &inspanning_form(
            &token,
            "3.u1",
            &["politie", "veilig_thuis"],
            "meerwerk",
            "2,5",
            "uren_per_week",
            "Voorbereiding Actie-overleg door de politie",
        ),
    )
    .await;
    type Rij = (
        String,
        String,
        String,
        Option<f64>,
        Option<String>,
        String,
        String,
        String,
        Option<i64>,
    );
    let rij: Rij = sqlx::query_as(
        "SELECT i.indicator, i.partners, i.classificatie, i.hoeveelheid, i.eenheid, i.omschrijving, i.bewijs, i.bewijs_datum, i.aangemaakt_door
         FROM werkset_inspanning i JOIN werkset_registratie r ON r.id = i.registratie_id
         WHERE r.regio_code = 'oost-brabant' AND r.periode = '2031'",
    )
    .fetch_one(&app.db)
    .await
    .expect("opgeslagen inspanning");
    let politie_id: i64 = sqlx::query_scalar("SELECT id FROM gebruiker WHERE email = $1")
        .bind(POLITIE)
        .fetch_one(&app.db)
        .await
        .expect("gebruiker");
    assert_eq!(
        rij,
        (
            "3.u1".into(),
            "politie,veilig_thuis".into(),
            "meerwerk".into(),
            Some(2.5),
            Some("uren_per_week".into()),
            "Voorbereiding Actie-overleg door de politie".into(),
            "werkplan".into(),
            "2031-03-01".into(),
            Some(politie_id)
        )
    );
    assert_eq!(
        audit_aantal(&app, "werkset.gewijzigd").await,
        audit_voor + 1
    );
    let (actor, object, details) = laatste_audit().await;
    assert_eq!(actor, POLITIE);
    assert_eq!(object, "oost-brabant/2031");
    assert!(details.starts_with("inspanning="), "{details}");
    // The page shows the entry.
    let regio = pagina(&politie, &app, "/werkset/oost-brabant/2031").await;
    assert!(regio.contains("Voorbereiding Actie-overleg door de politie"));

    // Other writes by the coordinator: theme, value, quote; each audited with its e-mail.
    let coordinator = login(&app, COORDINATOR).await;
    let token_c = csrf_van(&coordinator, &app, "/werkset/oost-brabant/2031").await;
    let schrijfacties: [(&str, Velden); 3] = [
        (
            "/werkset/oost-brabant/2031/thema/3",
            thema_form(
                &token_c,
                "implementatie",
                &["veilig_thuis", "om"],
                "Verhaal 2031.",
            ),
        ),
        (
            "/werkset/oost-brabant/2031/waarden",
            waarde_form(&token_c, "3.w1", "Eerder informatie gedeeld"),
        ),
        (
            "/werkset/oost-brabant/2031/citaten",
            velden(
                &token_c,
                &[
                    ("thema", "3"),
                    ("tekst", "We zien elkaar vaker."),
                    ("bron", "Teamleider Veilig Thuis"),
                ],
            ),
        ),
    ];
    for (n, (pad, form)) in schrijfacties.iter().enumerate() {
        schrijf(&coordinator, &app, pad, form).await;
        assert_eq!(
            audit_aantal(&app, "werkset.gewijzigd").await,
            audit_voor + 2 + n as i64,
            "{pad}"
        );
        let (actor, object, _) = laatste_audit().await;
        assert_eq!(
            (actor.as_str(), object.as_str()),
            (COORDINATOR, "oost-brabant/2031")
        );
    }
    assert_eq!(
        tel(&app, "SELECT count(*) FROM werkset_waarde w JOIN werkset_registratie r ON r.id = w.registratie_id WHERE r.periode = '2031'").await,
        1
    );

    // Another region's coordinator and a reader may not write.
    let audit_na = audit_aantal(&app, "werkset.gewijzigd").await;
    for email in [COORDINATOR_LIMBURG, LEZER] {
        let c = login(&app, email).await;
        let token = csrf_van(&c, &app, "/werkset/oost-brabant/2031").await;
        let (status, _, body) = post_form(
            &c,
            &app,
            pad,
            &inspanning_form(
                &token,
                "3.u2",
                &["veilig_thuis"],
                "minderwerk",
                "1",
                "uren_per_week",
                "Mag niet",
            ),
        )
        .await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{email}:\n{body}");
        let (status, _, _) = post_form(
            &c,
            &app,
            "/werkset/oost-brabant/2031/thema/1",
            &thema_form(&token, "geborgd", &[], ""),
        )
        .await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{email}");
        // Reading is allowed, but the page offers no forms.
        let regio = pagina(&c, &app, "/werkset/oost-brabant/2031").await;
        assert!(!regio.contains("Inspanning vastleggen"), "{email}");
    }
    assert_eq!(inspanningen_in(&app, "oost-brabant", "2031").await, 1);
    assert_eq!(audit_aantal(&app, "werkset.gewijzigd").await, audit_na);
    let fase: String = sqlx::query_scalar(
        "SELECT t.fase FROM werkset_thema t JOIN werkset_registratie r ON r.id = t.registratie_id
         WHERE r.regio_code = 'oost-brabant' AND r.periode = '2031' AND t.thema = 3",
    )
    .fetch_one(&app.db)
    .await
    .expect("fase");
    assert_eq!(fase, "implementatie");
    assert_eq!(
        tel(&app, "SELECT count(*) FROM werkset_thema t JOIN werkset_registratie r ON r.id = t.registratie_id WHERE r.periode = '2031'").await,
        1,
        "het thema van een andere regio/lezer is toch opgeslagen"
    );
}

#[tokio::test]
async fn ongeldige_inspanning_geeft_422_met_de_invoer_en_nederlandse_fouten() {
    let app = start().await;
    let politie = login(&app, POLITIE).await;
    let token = csrf_van(&politie, &app, "/werkset/oost-brabant/2031").await;
    let pad = "/werkset/oost-brabant/2031/inspanningen";
    // One valid entry first, so the registration exists.
    schrijf(
        &politie,
        &app,
        pad,
        &inspanning_form(
            &token,
            "3.u1",
            &["politie"],
            "regulier",
            "",
            "",
            "Geldige inspanning",
        ),
    )
    .await;
    let audit_voor = audit_aantal(&app, "werkset.gewijzigd").await;

    let geldig = |omschrijving: &str| {
        inspanning_form(
            &token,
            "3.u2",
            &["politie"],
            "meerwerk",
            "4",
            "uren_per_week",
            omschrijving,
        )
    };
    let zet = |mut v: Velden, veld: &str, waarde: &str| {
        for (k, w) in &mut v {
            if k == veld {
                *w = waarde.to_string();
            }
        }
        v
    };
    let gevallen: Vec<(&str, Velden, &str)> = vec![
        (
            "onbekende indicator",
            zet(geldig("Typtekst een"), "indicator", "9.u9"),
            "Kies een indicator uit de catalogus.",
        ),
        (
            "waarde-indicator als inspanning",
            zet(geldig("Typtekst twee"), "indicator", "3.w1"),
            "Dit is een waarde-indicator; leg die vast als waarde, niet als inspanning.",
        ),
        (
            "hoeveelheid geen getal",
            zet(geldig("Typtekst drie"), "hoeveelheid", "veel"),
            "Vul een getal van 0 of meer in",
        ),
        (
            "geen partners",
            geldig("Typtekst vier")
                .into_iter()
                .filter(|(k, _)| k != "partners")
                .collect(),
            "Kies ten minste één partnerorganisatie.",
        ),
        (
            "ongeldige datum",
            zet(geldig("Typtekst vijf"), "bewijs_datum", "2031-02-30"),
            "Vul een geldige datum in (jjjj-mm-dd).",
        ),
    ];
    for (wat, form, melding) in gevallen {
        let omschrijving = form
            .iter()
            .find(|(k, _)| k == "omschrijving")
            .map(|(_, w)| w.clone())
            .expect("omschrijving");
        let (status, _, body) = post_form(&politie, &app, pad, &form).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{wat}:\n{body}");
        assert!(
            body.contains("foutsamenvatting"),
            "{wat}: geen foutsamenvatting"
        );
        assert!(
            html_tekst(&body).contains(melding),
            "{wat}: melding {melding:?} ontbreekt"
        );
        assert_eq!(textarea(&body, "omschrijving"), omschrijving, "{wat}");
        if wat == "hoeveelheid geen getal" {
            assert!(
                body.contains(r#"value="veel""#),
                "{wat}: hoeveelheid niet behouden"
            );
        }
        if wat == "ongeldige datum" {
            assert!(
                body.contains(r#"value="2031-02-30""#),
                "{wat}: datum niet behouden"
            );
        }
        assert_eq!(
            inspanningen_in(&app, "oost-brabant", "2031").await,
            1,
            "{wat}: toch opgeslagen"
        );
        assert_eq!(
            audit_aantal(&app, "werkset.gewijzigd").await,
            audit_voor,
            "{wat}: toch geaudit"
        );
    }
    // Invalid region or period.
    let (status, _, _) = post_form(
        &politie,
        &app,
        "/werkset/oost-brabant/20x1/inspanningen",
        &geldig("Periode fout"),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        tel(
            &app,
            "SELECT count(*) FROM werkset_registratie WHERE periode = '20x1'"
        )
        .await,
        0
    );

    // A rejected entry for a period without a registration leaves no registration behind.
    let (status, _, _) = post_form(
        &politie,
        &app,
        "/werkset/oost-brabant/2032/inspanningen",
        &zet(geldig("Geen partners"), "partners", ""),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        tel(
            &app,
            "SELECT count(*) FROM werkset_registratie WHERE periode = '2032'"
        )
        .await,
        0,
        "een geweigerde invoer heeft een lege registratie achtergelaten"
    );
}

// ---------------------------------------------------------------------------------------------
// 3. Report structure
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn rapport_pdf_heeft_de_structuur_van_seed_001() {
    let app = start().await;
    let c = login(&app, COORDINATOR).await;
    let (status, ct, pdf) = download(&c, &app, "/werkset/oost-brabant/2025/rapport.pdf").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(ct, "application/pdf");
    assert!(pdf.starts_with(b"%PDF"), "geen PDF");
    let ruw = pdf_tekst(&pdf);
    let tekst = normaliseer(&ruw);
    controleer_rapport_2025(&tekst, "PDF");
    assert!(tekst.contains("Fictief"), "geen kopregel 'Fictief'");
    assert!(tekst.contains("Pagina 2 van"), "geen paginanummering");
    assert!(tekst.contains("Regio Oost-Brabant – 2025"));
    // The contents page lists page numbers: the Inleiding line ends in a number.
    let inleiding_regel = ruw
        .lines()
        .find(|l| l.starts_with("Inleiding ."))
        .expect("inhoudsregel Inleiding");
    assert!(
        inleiding_regel
            .trim_end()
            .ends_with(|c: char| c.is_ascii_digit()),
        "{inleiding_regel}"
    );
}

#[tokio::test]
async fn rapport_html_heeft_dezelfde_structuur() {
    let app = start().await;
    let c = login(&app, COORDINATOR).await;
    let (status, headers, html) = get(&c, &app, "/werkset/oost-brabant/2025/rapport.html").await;
    assert_eq!(status, StatusCode::OK);
    assert!(content_type(&headers).starts_with("text/html"));
    let tekst = html_tekst(&html);
    controleer_rapport_2025(&tekst, "HTML");
    assert!(tekst.contains("Fictieve demonstratiegegevens"));
    // In the app the stylesheet is linked (strict CSP), not embedded.
    assert!(html.contains(r#"href="/static/rapport.css""#));
    assert!(!html.contains("<style"));

    // Not logged in: no report.
    let (status, _, _) = get(&client(), &app, "/werkset/oost-brabant/2025/rapport.html").await;
    assert_ne!(status, StatusCode::OK);
    // Unknown region: a Dutch validation error, not a report.
    let (status, _, body) = get(&c, &app, "/werkset/atlantis/2025/rapport.html").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
}

#[test]
fn rapport_via_de_opdrachtregel_als_pdf_en_html_en_weigert_andere_extensies() {
    let bin = env!("CARGO_BIN_EXE_voorop");
    let dir = tempfile::tempdir().expect("tijdelijke map");
    let db = dir.path().join("cli.db");
    let voorop = |args: &[&str]| {
        Command::new(bin)
            .arg("--db")
            .arg(&db)
            .args(args)
            .env_remove("VOOROP_DB")
            .env("VOOROP_DEMO_PEILDATUM", voorop::demo::PEILDATUM.to_string())
            .output()
            .expect("voorop starten")
    };
    let uit = voorop(&["demo"]);
    assert!(
        uit.status.success(),
        "voorop demo: {}",
        String::from_utf8_lossy(&uit.stderr)
    );
    let pdf = dir.path().join("rapport.pdf");
    let html = dir.path().join("rapport.html");
    for out in [&pdf, &html] {
        let out = out.to_str().expect("pad");
        let uit = voorop(&[
            "werkset",
            "rapport",
            "--regio",
            "oost-brabant",
            "--periode",
            "2025",
            "--out",
            out,
        ]);
        assert!(
            uit.status.success(),
            "rapport {out}: {}",
            String::from_utf8_lossy(&uit.stderr)
        );
    }
    let pdf_bytes = std::fs::read(&pdf).expect("pdf gemaakt");
    assert!(pdf_bytes.starts_with(b"%PDF"));
    controleer_rapport_2025(&normaliseer(&pdf_bestand_tekst(&pdf)), "CLI-PDF");
    let html_bron = std::fs::read_to_string(&html).expect("html gemaakt");
    controleer_rapport_2025(&html_tekst(&html_bron), "CLI-HTML");
    // The standalone file embeds its stylesheet.
    assert!(html_bron.contains("<style>"));
    assert!(!html_bron.contains("/static/rapport.css"));

    let doc = dir.path().join("rapport.doc");
    let uit = voorop(&[
        "werkset",
        "rapport",
        "--regio",
        "oost-brabant",
        "--periode",
        "2025",
        "--out",
        doc.to_str().expect("pad"),
    ]);
    assert!(!uit.status.success(), "--out .doc werd geaccepteerd");
    let stderr = String::from_utf8_lossy(&uit.stderr);
    assert!(
        stderr.contains("Kies een bestandsnaam die eindigt op .pdf of .html"),
        "{stderr}"
    );
    assert!(!doc.exists());
}

// ---------------------------------------------------------------------------------------------
// 4. National comparison on hand-computed data
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn landelijke_vergelijking_met_de_hand_berekend() {
    let app = start().await;
    // A third region with its own network organisation and coordinator.
    voorop::organisatie::repo::bewaar(
        &app.db,
        "netwerk-zeeland-west-brabant-test",
        "Netwerk Zeeland-West-Brabant (fictief)",
        "netwerk",
        &voorop::gedeeld::RegioCode::parse("zeeland-west-brabant").unwrap(),
    )
    .await
    .expect("organisatie");
    voorop::auth::service::gebruiker_toevoegen(
        &app.db,
        &voorop::audit::Actor::cli(),
        voorop::auth::service::NieuweGebruiker {
            email: "coordinator.zwb@demo.voorop.nl",
            naam: "Zeeland Coördinator (fictief)",
            organisatie: "netwerk-zeeland-west-brabant-test",
            rol: "regiocoordinator",
            wachtwoord: "een-lang-wachtwoord-1",
            beleid: voorop::auth::service::Wachtwoordbeleid::Toepassen,
            eerst_wijzigen: false,
        },
    )
    .await
    .expect("gebruiker");
    let ob = login(&app, COORDINATOR).await;
    let li = login(&app, COORDINATOR_LIMBURG).await;
    let zwb = login_met(
        &app,
        "coordinator.zwb@demo.voorop.nl",
        "een-lang-wachtwoord-1",
    )
    .await;
    let t_ob = csrf_van(&ob, &app, "/werkset/oost-brabant/2031").await;
    let t_li = csrf_van(&li, &app, "/werkset/limburg/2031").await;
    let t_zwb = csrf_van(&zwb, &app, "/werkset/zeeland-west-brabant/2031").await;

    // Phases. 2030: OB thema 2 ontwikkeling (rang 1), thema 3 implementatie (rang 2);
    // Limburg thema 3 monitoring (rang 3).
    // 2031: OB thema 1 ontwikkeling (no 2030 phase → no change), thema 2 monitoring (3 − 1 = +2),
    // thema 3 implementatie (2 − 2 = 0); Limburg thema 3 implementatie (2 − 3 = −1), thema 4
    // geborgd (no 2030 phase); ZWB thema 5 niet_gestart (no 2030 phase).
    let fasen: [(&reqwest::Client, &str, &str, &str, u8, &str); 8] = [
        (&ob, &t_ob, "oost-brabant", "2030", 2, "ontwikkeling"),
        (&ob, &t_ob, "oost-brabant", "2030", 3, "implementatie"),
        (&li, &t_li, "limburg", "2030", 3, "monitoring"),
        (&ob, &t_ob, "oost-brabant", "2031", 1, "ontwikkeling"),
        (&ob, &t_ob, "oost-brabant", "2031", 2, "monitoring"),
        (&ob, &t_ob, "oost-brabant", "2031", 3, "implementatie"),
        (&li, &t_li, "limburg", "2031", 3, "implementatie"),
        (&li, &t_li, "limburg", "2031", 4, "geborgd"),
    ];
    for (c, t, regio, periode, thema, fase) in fasen {
        schrijf(
            c,
            &app,
            &format!("/werkset/{regio}/{periode}/thema/{thema}"),
            &thema_form(
                t,
                fase,
                &["veilig_thuis", "politie"],
                &format!("Verhaal {regio} {periode} thema {thema}."),
            ),
        )
        .await;
    }
    schrijf(
        &zwb,
        &app,
        "/werkset/zeeland-west-brabant/2031/thema/5",
        &thema_form(&t_zwb, "niet_gestart", &[], ""),
    )
    .await;

    // Efforts. 2030: OB one entry (3.u1) → OB thema 3 dekking 2030 = 1/25 = 4,0%.
    let inspanning =
        |c: &'static str, t: &str, ind: &str, p: &[&str], k: &str, h: &str, e: &str| {
            (
                c,
                inspanning_form(t, ind, p, k, h, e, &format!("Inspanning {ind} {k} {h} {e}")),
            )
        };
    schrijf(
        &ob,
        &app,
        "/werkset/oost-brabant/2030/inspanningen",
        &inspanning(
            "ob",
            &t_ob,
            "3.u1",
            &["veilig_thuis"],
            "meerwerk",
            "2",
            "uren_per_week",
        )
        .1,
    )
    .await;
    let posten_2031 = [
        // OB a: VT meerwerk 4 uur/week.
        inspanning(
            "ob",
            &t_ob,
            "3.u1",
            &["veilig_thuis"],
            "meerwerk",
            "4",
            "uren_per_week",
        ),
        // OB b: VT minderwerk 0,5 fte = 0.5 × 36 = 18 uur/week.
        inspanning(
            "ob",
            &t_ob,
            "3.u2",
            &["veilig_thuis"],
            "minderwerk",
            "0,5",
            "fte",
        ),
        // OB c: politie verschuiving 26 uur/maand = 26 × 12 / 52 = 6 uur/week.
        inspanning(
            "ob",
            &t_ob,
            "3.u1",
            &["politie"],
            "verschuiving",
            "26",
            "uren_per_maand",
        ),
        // OB d: politie meerwerk € 15000: not convertible → 1 overige post for politie.
        inspanning(
            "ob",
            &t_ob,
            "3.o1",
            &["politie"],
            "meerwerk",
            "15000",
            "euro",
        ),
        // OB e: meerwerk 2,5 uur/week for VT, politie and OM each.
        inspanning(
            "ob",
            &t_ob,
            "3.u4",
            &["veilig_thuis", "politie", "om"],
            "meerwerk",
            "2,5",
            "uren_per_week",
        ),
        // OB f: OM regulier 3 uur/week: evidence for 1.o1, not in the balance.
        inspanning(
            "ob",
            &t_ob,
            "1.o1",
            &["om"],
            "regulier",
            "3",
            "uren_per_week",
        ),
        // Limburg g: VT meerwerk 1 fte = 36 uur/week.
        inspanning(
            "li",
            &t_li,
            "2.u1",
            &["veilig_thuis"],
            "meerwerk",
            "1",
            "fte",
        ),
        // Limburg h: VT regulier 10 uur/week on the same indicator: not in the balance.
        inspanning(
            "li",
            &t_li,
            "2.u1",
            &["veilig_thuis"],
            "regulier",
            "10",
            "uren_per_week",
        ),
        // Limburg i: OM minderwerk 13 uur/maand = 13 × 12 / 52 = 3 uur/week.
        inspanning(
            "li",
            &t_li,
            "4.u1",
            &["om"],
            "minderwerk",
            "13",
            "uren_per_maand",
        ),
        // Limburg j: politie meerwerk 3 keer (aantal): not convertible → 1 overige post.
        inspanning("li", &t_li, "4.o5", &["politie"], "meerwerk", "3", "aantal"),
    ];
    for (wie, form) in &posten_2031 {
        let (c, regio) = if *wie == "ob" {
            (&ob, "oost-brabant")
        } else {
            (&li, "limburg")
        };
        schrijf(
            c,
            &app,
            &format!("/werkset/{regio}/2031/inspanningen"),
            form,
        )
        .await;
    }
    // Values: OB 3.w1 and 3.w3; Limburg 2.w2; ZWB 5.w1.
    for (c, t, regio, ind) in [
        (&ob, &t_ob, "oost-brabant", "3.w1"),
        (&ob, &t_ob, "oost-brabant", "3.w3"),
        (&li, &t_li, "limburg", "2.w2"),
        (&zwb, &t_zwb, "zeeland-west-brabant", "5.w1"),
    ] {
        schrijf(
            c,
            &app,
            &format!("/werkset/{regio}/2031/waarden"),
            &waarde_form(t, ind, &format!("Waarde {ind}")),
        )
        .await;
    }

    let token = api_token(&app, LEZER).await;
    let (status, _, v) = api_get(&app, &token, "/api/v1/werkset/vergelijking?periode=2031").await;
    assert_eq!(status, StatusCode::OK, "{v}");
    assert_eq!(v["periode"], "2031");
    assert_eq!(v["vorige_periode"], "2030");
    // Indicators per theme (catalogue): 2+5+3 = 10, 3+7+11 = 21, 4+9+12 = 25, 6+5+14 = 25,
    // 5+8+10 = 23.
    let aantallen: Vec<u64> = v["themas"]
        .as_array()
        .expect("themas")
        .iter()
        .map(|t| t["aantal_indicatoren"].as_u64().expect("aantal"))
        .collect();
    assert_eq!(aantallen, [10, 21, 25, 25, 23]);

    let regios = v["regios"].as_array().expect("regios");
    assert_eq!(regios.len(), 10);
    // (regio, thema) → (fase, fase_vorige, fase_verandering, indicatoren_met_bewijs, dekking, dekking_vorige)
    //   OB thema 1: {1.o1} = 1 of 10 → 10,0%.
    //   OB thema 3: {3.u1, 3.u2, 3.o1, 3.u4, 3.w1, 3.w3} = 6 of 25 → 24,0%; 2030: {3.u1} → 4,0%.
    //   Limburg thema 2: {2.u1, 2.w2} = 2 of 21 = 9,52…% → 9,5%.
    //   Limburg thema 4: {4.u1, 4.o5} = 2 of 25 → 8,0%.
    //   ZWB thema 5: {5.w1} = 1 of 23 = 4,347…% → 4,3%.
    type Cel = (Value, Value, Value, u64, f64, f64);
    let verwacht = |regio: &str, thema: u64| -> Cel {
        let n = Value::Null;
        let f = |s: &str| json!(s);
        match (regio, thema) {
            ("oost-brabant", 1) => (f("ontwikkeling"), n.clone(), n, 1, 10.0, 0.0),
            ("oost-brabant", 2) => (f("monitoring"), f("ontwikkeling"), json!(2), 0, 0.0, 0.0),
            ("oost-brabant", 3) => (
                f("implementatie"),
                f("implementatie"),
                json!(0),
                6,
                24.0,
                4.0,
            ),
            ("limburg", 2) => (n.clone(), n.clone(), n, 2, 9.5, 0.0),
            ("limburg", 3) => (f("implementatie"), f("monitoring"), json!(-1), 0, 0.0, 0.0),
            ("limburg", 4) => (f("geborgd"), n.clone(), n, 2, 8.0, 0.0),
            ("zeeland-west-brabant", 5) => (f("niet_gestart"), n.clone(), n, 1, 4.3, 0.0),
            _ => (n.clone(), n.clone(), n, 0, 0.0, 0.0),
        }
    };
    for r in regios {
        let regio = r["regio"].as_str().expect("regio");
        let themas = r["themas"].as_array().expect("themas");
        assert_eq!(themas.len(), 5, "{regio}");
        for cel in themas {
            let thema = cel["thema"].as_u64().expect("thema");
            let gekregen: Cel = (
                cel["fase"].clone(),
                cel["fase_vorige"].clone(),
                cel["fase_verandering"].clone(),
                cel["indicatoren_met_bewijs"].as_u64().expect("aantal"),
                cel["dekking"].as_f64().expect("dekking"),
                cel["dekking_vorige"].as_f64().expect("dekking_vorige"),
            );
            assert_eq!(gekregen, verwacht(regio, thema), "{regio} thema {thema}");
        }
    }

    // National balance 2031 (hours per week; regulier does not count):
    //   VT:      meerwerk 4 (a) + 2,5 (e) + 36 (g) = 42,5; minderwerk 18 (b); verschuiving 0.
    //   Politie: meerwerk 2,5 (e); verschuiving 6 (c); overige posten 2 (d euro, j aantal).
    //   OM:      meerwerk 2,5 (e); minderwerk 3 (i).
    // The 2030 entry does not count. Order: the partner types' order (VT, Politie, OM).
    let balans: Vec<(String, f64, f64, f64, u64)> = v["balans"]
        .as_array()
        .expect("balans")
        .iter()
        .map(|b| {
            (
                b["partner"].as_str().expect("partner").to_string(),
                b["meerwerk"].as_f64().expect("meerwerk"),
                b["minderwerk"].as_f64().expect("minderwerk"),
                b["verschuiving"].as_f64().expect("verschuiving"),
                b["overige_posten"].as_u64().expect("overige"),
            )
        })
        .collect();
    let verwacht_balans = [
        ("Veilig Thuis", 42.5, 18.0, 0.0, 0),
        ("Politie", 2.5, 0.0, 6.0, 2),
        ("Openbaar Ministerie", 2.5, 3.0, 0.0, 0),
    ];
    assert_eq!(balans.len(), verwacht_balans.len(), "{balans:?}");
    for (b, (p, meer, minder, versch, overig)) in balans.iter().zip(verwacht_balans) {
        assert_eq!(b.0, p);
        for (x, y) in [(b.1, meer), (b.2, minder), (b.3, versch)] {
            assert!((x - y).abs() < 1e-9, "{p}: {x} ≠ {y} in {balans:?}");
        }
        assert_eq!(b.4, overig, "{p}");
    }
    assert_eq!(v["balans_eenheid"], "uur per week (omgerekend)");

    // The comparison page shows the same. Without a period it opens on the most recent one
    // with registrations (here 2031), not on an empty current year.
    let c = login(&app, LEZER).await;
    let zonder = pagina(&c, &app, "/werkset/vergelijking").await;
    assert!(zonder.contains("Landelijke vergelijking 2031"), "{zonder}");
    let html = pagina(&c, &app, "/werkset/vergelijking?periode=2031").await;
    let tekst = html_tekst(&html);
    for (_, naam) in voorop::organisatie::model::REGIOS {
        assert!(tekst.contains(naam), "regio {naam} ontbreekt");
    }
    for s in [
        "Landelijke vergelijking 2031",
        "Monitoring en verbetering +2 fase",
        "Implementatie gelijk",
        "Implementatie −1 fase",
        "Geborgd –",
        "Niet gestart –",
        "24% (4%)",
        "9,5% (0%)",
        "Veilig Thuis 42,5 18 0 0",
        "Politie 2,5 0 6 2",
        "Openbaar Ministerie 2,5 3 0 0",
    ] {
        assert!(
            tekst.contains(s),
            "vergelijkingspagina mist {s:?}:\n{tekst}"
        );
    }
    // Oost-Brabant's row: thema 1–5 phases in order.
    let ob_rij = &tekst[tekst
        .find("Oost-Brabant Ontwikkeling")
        .expect("rij Oost-Brabant")..];
    assert!(
        ob_rij.starts_with(
            "Oost-Brabant Ontwikkeling – Monitoring en verbetering +2 fase Implementatie gelijk Niet vastgelegd – Niet vastgelegd –"
        ),
        "{}",
        &ob_rij[..200.min(ob_rij.len())]
    );

    // The region's report tells the theme's story and shows the phase.
    let rapport = html_tekst(&pagina(&ob, &app, "/werkset/oost-brabant/2031/rapport.html").await);
    assert!(rapport.contains("Fase: Implementatie · Kartrekker(s): Veilig Thuis, Politie"));
    assert!(rapport.contains("Verhaal oost-brabant 2031 thema 3."));

    // Invalid period.
    let (status, _, body) = get(&c, &app, "/werkset/vergelijking?periode=20x1").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(html_tekst(&body).contains("geen geldige periode"), "{body}");
    let (status, _, json) =
        api_get(&app, &token, "/api/v1/werkset/vergelijking?periode=20x1").await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{json}");
}

// ---------------------------------------------------------------------------------------------
// 5. Export
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn export_xlsx_heeft_alle_bladen_en_een_rij_per_inspanning() {
    let app = start().await;
    let c = login(&app, COORDINATOR).await;
    let (status, ct, bytes) = download(&c, &app, "/werkset/export.xlsx?periode=2025").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        ct,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    );
    let mut wb = open_workbook_auto_from_rs(Cursor::new(bytes.clone())).expect("xlsx lezen");
    assert_eq!(
        wb.sheet_names(),
        [
            "Fasen",
            "Inspanningen",
            "Waarden",
            "Citaten",
            "Praktijkvoorbeelden",
            "Bronnen",
            "Berekende indicatoren"
        ]
    );
    let verwacht = tel(
        &app,
        "SELECT count(*) FROM werkset_inspanning i JOIN werkset_registratie r ON r.id = i.registratie_id WHERE r.periode = '2025'",
    )
    .await;
    assert!(verwacht > 0, "geen demo-inspanningen in 2025");
    let blad = wb
        .worksheet_range("Inspanningen")
        .expect("blad Inspanningen");
    let rijen: Vec<&[Data]> = blad.rows().collect();
    assert_eq!(rijen[0][0], Data::String("regio".into()));
    let data = &rijen[1..];
    assert_eq!(data.len() as i64, verwacht);
    assert!(
        data.iter().all(|r| r[1] == Data::Float(2025.0)),
        "een rij uit een andere periode"
    );
    // Partners as stored (kinds and `org:<code>` tokens) and by name in the last column.
    let kop: Vec<String> = rijen[0]
        .iter()
        .map(std::string::ToString::to_string)
        .collect();
    let (tokens, namen) = (
        kop.iter().position(|k| k == "partners").unwrap(),
        kop.iter().position(|k| k == "partner_namen").unwrap(),
    );
    let org = data
        .iter()
        .find(|r| r[tokens].to_string().contains("org:vt-zuidoost-brabant"))
        .expect("de demo noemt Veilig Thuis Zuidoost-Brabant als partner");
    assert!(
        org[namen]
            .to_string()
            .contains("Veilig Thuis Zuidoost-Brabant"),
        "{:?}",
        org[namen]
    );
    assert!(!org[namen].to_string().contains("org:"));
    // The computed indicators: the same rows as on screen and in the API, suppressed the same.
    let berekend = indicatoren_oost_brabant_2025(&app).await;
    let blad = wb
        .worksheet_range("Berekende indicatoren")
        .expect("blad Berekende indicatoren");
    let kop: Vec<String> = blad
        .rows()
        .next()
        .expect("kopregel")
        .iter()
        .map(std::string::ToString::to_string)
        .collect();
    let kolom = |naam: &str| kop.iter().position(|k| k == naam).expect(naam);
    let (teller, noemer, waarde, status) = (
        kolom("teller"),
        kolom("noemer"),
        kolom("waarde"),
        kolom("status"),
    );
    let rijen: Vec<&[Data]> = blad.rows().skip(1).collect();
    assert_eq!(rijen.len(), berekend.len());
    for (rij, x) in rijen.iter().zip(&berekend) {
        assert_eq!(rij[0], Data::String("oost-brabant".into()));
        assert_eq!(rij[5], Data::String(x.indicator.clone()));
        // Numbers only where they may be shown; a suppressed cell is empty (never "<5" or
        // "–" in a numeric column) and the status says why.
        for (k, getal) in [(teller, x.teller), (noemer, x.noemer)] {
            match getal {
                Some(n) => assert_eq!(rij[k], Data::Float(n as f64), "{}", x.indicator),
                None => assert_eq!(rij[k], Data::Empty, "{} kolom {k}", x.indicator),
            }
        }
        match x.waarde {
            Some(w) => assert_eq!(rij[waarde], Data::Float(w), "{}", x.indicator),
            None => assert_eq!(rij[waarde], Data::Empty, "{}", x.indicator),
        }
        let s = rij[status].to_string();
        if x.teller_tekst.starts_with('<') {
            assert_eq!(
                s,
                format!("onder drempel ({})", x.teller_tekst),
                "{}",
                x.indicator
            );
        } else if x.noemer_tekst.starts_with('<') {
            assert_eq!(
                s,
                format!("onder drempel ({})", x.noemer_tekst),
                "{}",
                x.indicator
            );
        } else if x.onderdrukt {
            assert_eq!(s, "afgeschermd", "{}", x.indicator);
        } else if x.waarde.is_some() {
            assert_eq!(s, "berekend", "{}", x.indicator);
        }
    }
    assert!(
        rijen
            .iter()
            .any(|r| r[teller] == Data::Empty
                && r[status] == Data::String("onder drempel (<5)".into())),
        "de demo heeft kleine cellen: leeg in de export, met de status 'onder drempel (<5)'"
    );
    assert!(
        rijen
            .iter()
            .any(|r| r[status] == Data::String("berekend".into())),
        "de demo heeft ook getoonde cellen"
    );
    // No text in any numeric column of any sheet; dates are dates.
    for (naam, getallen, datums) in [
        (
            "Inspanningen",
            &["periode", "thema", "hoeveelheid"][..],
            &["bewijs_datum"][..],
        ),
        ("Waarden", &["periode", "thema"][..], &["bewijs_datum"][..]),
        ("Fasen", &["periode", "thema"][..], &[][..]),
        ("Bronnen", &["periode", "jaar"][..], &[][..]),
        (
            "Berekende indicatoren",
            &["periode", "thema", "teller", "noemer", "waarde"][..],
            &[][..],
        ),
    ] {
        let blad = wb.worksheet_range(naam).expect(naam);
        let mut rijen = blad.rows();
        let kop: Vec<String> = rijen
            .next()
            .expect("kop")
            .iter()
            .map(std::string::ToString::to_string)
            .collect();
        let data: Vec<&[Data]> = rijen.collect();
        for k in getallen {
            let i = kop.iter().position(|x| x == k).expect(k);
            for r in &data {
                assert!(
                    matches!(r[i], Data::Float(_) | Data::Int(_) | Data::Empty),
                    "{naam}.{k}: {:?}",
                    r[i]
                );
            }
        }
        for k in datums {
            let i = kop.iter().position(|x| x == k).expect(k);
            assert!(!data.is_empty());
            for r in &data {
                assert!(matches!(r[i], Data::DateTime(_)), "{naam}.{k}: {:?}", r[i]);
            }
        }
    }
    // The dates are the stored ones.
    let mut opgeslagen: Vec<f64> = sqlx::query_scalar::<_, String>(
        "SELECT i.bewijs_datum FROM werkset_inspanning i JOIN werkset_registratie r ON r.id = i.registratie_id WHERE r.periode = '2025'",
    )
    .fetch_all(&app.db)
    .await
    .expect("datums")
    .iter()
    .map(|d| rust_xlsxwriter::ExcelDateTime::parse_from_str(d).expect(d).to_excel())
    .collect();
    let blad = wb.worksheet_range("Inspanningen").expect("Inspanningen");
    let i = blad
        .rows()
        .next()
        .unwrap()
        .iter()
        .position(|d| *d == Data::String("bewijs_datum".into()))
        .unwrap();
    let mut geexporteerd: Vec<f64> = blad
        .rows()
        .skip(1)
        .map(|r| match &r[i] {
            Data::DateTime(d) => d.as_f64(),
            x => panic!("{x:?}"),
        })
        .collect();
    opgeslagen.sort_by(f64::total_cmp);
    geexporteerd.sort_by(f64::total_cmp);
    assert_eq!(geexporteerd, opgeslagen);
    // Fasen: the demo has a phase for every region and theme in 2025 (10 × 5).
    let fasen = wb.worksheet_range("Fasen").expect("blad Fasen");
    assert_eq!(fasen.rows().count() - 1, 50);
    assert_eq!(audit_aantal(&app, "werkset.geexporteerd").await, 1);

    xlsx_voor_analisten(&bytes, &wb.sheet_names());

    let (status, _, _) = download(&c, &app, "/werkset/export.xlsx?periode=20x1").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
}

/// The parts of an xlsx (XML and relationships) by name.
fn xlsx_delen(bytes: &[u8]) -> std::collections::BTreeMap<String, String> {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("zip");
    (0..zip.len())
        .filter_map(|i| {
            let mut deel = zip.by_index(i).expect("deel");
            let naam = deel.name().expect("naam").to_string();
            let mut tekst = String::new();
            (naam.ends_with(".xml") || naam.ends_with(".rels"))
                .then(|| deel.read_to_string(&mut tekst).map(|_| (naam, tekst)).ok())
                .flatten()
        })
        .collect()
}

/// Issue 10, "Excel for analysts", in the file itself: every sheet an Excel table with
/// autofilter over its header and rows, the header frozen and printed on every page,
/// landscape one page wide, column widths from the content (8–60 characters), and the
/// document properties.
fn xlsx_voor_analisten(bytes: &[u8], bladen: &[String]) {
    let delen = xlsx_delen(bytes);
    let kern = &delen["docProps/core.xml"];
    for verwacht in [
        "<dc:title>Werkset Indicatoren 2025",
        "<dc:creator>Voorop</dc:creator>",
        "<cp:keywords>",
        "<dcterms:created",
    ] {
        assert!(kern.contains(verwacht), "core.xml mist {verwacht}: {kern}");
    }
    assert!(
        delen["docProps/app.xml"].contains("<Company>Voorop"),
        "organisatie"
    );
    let werkmap = &delen["xl/workbook.xml"];
    for (nr, naam) in (1..).zip(bladen) {
        let blad = &delen[&format!("xl/worksheets/sheet{nr}.xml")];
        assert!(
            werkmap.contains(&format!("name=\"{naam}\" sheetId=\"{nr}\"")),
            "{naam}"
        );
        assert!(
            blad.contains("<pane ySplit=\"1\" topLeftCell=\"A2\""),
            "{naam}: kopregel niet vast"
        );
        assert!(
            blad.contains("orientation=\"landscape\""),
            "{naam}: niet liggend"
        );
        assert!(
            blad.contains("<pageSetUpPr fitToPage=\"1\"/>") && blad.contains("fitToHeight=\"0\""),
            "{naam}: niet één pagina breed"
        );
        let titel = if naam.contains(' ') {
            format!("'{naam}'!$1:$1")
        } else {
            format!("{naam}!$1:$1")
        };
        assert!(
            werkmap.contains(&format!(">{titel}</definedName>")),
            "{naam}: kopregel niet op elke pagina"
        );
        assert!(blad.contains("<tablePart r:id="), "{naam}: geen tabel");
        let rels = &delen[&format!("xl/worksheets/_rels/sheet{nr}.xml.rels")];
        let doel = rels
            .split("Target=\"../")
            .nth(1)
            .and_then(|t| t.split('"').next())
            .expect("tabel");
        let tabel = &delen[&format!("xl/{doel}")];
        let bereik = tabel
            .split(" ref=\"")
            .nth(1)
            .and_then(|t| t.split('"').next())
            .expect("ref");
        assert!(
            tabel.contains(&format!("<autoFilter ref=\"{bereik}\"/>")),
            "{naam}: geen filter over {bereik}"
        );
        let dimensie = blad
            .split("<dimension ref=\"")
            .nth(1)
            .and_then(|t| t.split('"').next())
            .expect("dimensie");
        // An empty sheet has one empty table row (Excel needs one).
        assert!(
            bereik == dimensie || dimensie == "A1" || bereik.ends_with('2'),
            "{naam}: tabel {bereik}, blad {dimensie}"
        );
        let breedtes: Vec<f64> = blad
            .split("<col ")
            .skip(1)
            .map(|c| {
                c.split("width=\"")
                    .nth(1)
                    .and_then(|w| w.split('"').next())
                    .unwrap()
                    .parse()
                    .unwrap()
            })
            .collect();
        assert!(!breedtes.is_empty(), "{naam}: geen kolombreedtes");
        assert!(
            breedtes.iter().all(|b| (8.0..=61.0).contains(b)),
            "{naam}: {breedtes:?}"
        );
    }
}

/// Issue 7: Oost-Brabant has two Veilig Thuis organisations. Effort entries can name either
/// one (or the kind); the regional report's balance shows each organisation apart and the
/// kind's total, the national comparison sums per kind, and a deactivated organisation or one
/// of another region cannot be named.
#[tokio::test]
async fn balans_per_organisatie_en_per_soort_met_twee_veilig_thuis_organisaties() {
    let app = start().await;
    let ob = login(&app, COORDINATOR).await;
    let pad = "/werkset/oost-brabant/2032";
    let t = csrf_van(&ob, &app, pad).await;
    // The form offers both VT organisations by name.
    let formulier = pagina(&ob, &app, pad).await;
    for o in ["org:vt-oost-brabant", "org:vt-zuidoost-brabant"] {
        assert!(formulier.contains(&format!("value=\"{o}\"")), "{o}");
    }
    let inspanningen = format!("{pad}/inspanningen");
    for (partners, classificatie, uren) in [
        (&["org:vt-oost-brabant"][..], "meerwerk", "4"),
        (&["org:vt-zuidoost-brabant", "politie"][..], "meerwerk", "6"),
        (&["veilig_thuis"][..], "minderwerk", "2"),
    ] {
        let form = inspanning_form(
            &t,
            "3.u2",
            partners,
            classificatie,
            uren,
            "uren_per_week",
            "Voorbereiding Actie-overleg (fictief)",
        );
        schrijf(&ob, &app, &inspanningen, &form).await;
    }
    // Stored as tokens: kinds stay kinds, organisations are org:<code>.
    let opgeslagen: Vec<String> = sqlx::query_scalar(
        "SELECT i.partners FROM werkset_inspanning i JOIN werkset_registratie r
           ON r.id = i.registratie_id WHERE r.periode = '2032' ORDER BY i.id",
    )
    .fetch_all(&app.db)
    .await
    .unwrap();
    assert_eq!(
        opgeslagen,
        [
            "org:vt-oost-brabant",
            "org:vt-zuidoost-brabant,politie",
            "veilig_thuis"
        ]
    );

    let rapport = html_tekst(&pagina(&ob, &app, &format!("{pad}/rapport.html")).await);
    for rij in [
        "Veilig Thuis (geen organisatie gekozen) 0 2 0 0",
        "Veilig Thuis Brabant-Noordoost (demo) 4 0 0 0",
        "Veilig Thuis Zuidoost-Brabant (demo) 6 0 0 0",
        "Veilig Thuis totaal 10 2 0 0",
        "Politie 6 0 0 0",
    ] {
        assert!(rapport.contains(rij), "rapport mist {rij:?}:\n{rapport}");
    }
    // An organisation's own entry is in its own partner table; the entry it shares with the
    // police is listed once, in the table of shared entries, with both partners.
    assert!(
        rapport.contains("Veilig Thuis Brabant-Noordoost (demo) Indicator Omschrijving"),
        "{rapport}"
    );
    assert!(
        !rapport.contains("Veilig Thuis Zuidoost-Brabant (demo) Indicator Omschrijving"),
        "{rapport}"
    );
    assert!(
        rapport.contains(
            "Gedeeld door meerdere partners (elke post één keer) Indicator Omschrijving Partners"
        ),
        "{rapport}"
    );
    assert!(
        rapport.contains("Veilig Thuis Zuidoost-Brabant (demo), Politie Meerwerk 6 uur per week"),
        "{rapport}"
    );
    // The national comparison sums the organisations per kind.
    let vergelijking = html_tekst(&pagina(&ob, &app, "/werkset/vergelijking?periode=2032").await);
    assert!(
        vergelijking.contains("Veilig Thuis 10 2 0 0"),
        "{vergelijking}"
    );
    assert!(!vergelijking.contains("Zuidoost-Brabant (demo) 6"));

    // Limburg's network and a deactivated VT cannot be named.
    sqlx::query("UPDATE organisatie SET actief = FALSE WHERE code = 'vt-zuidoost-brabant'")
        .execute(&app.db)
        .await
        .unwrap();
    for o in ["org:netwerk-limburg", "org:vt-zuidoost-brabant"] {
        let form = inspanning_form(&t, "3.u2", &[o], "meerwerk", "1", "uren_per_week", "x");
        let (status, _, body) = post_form(&ob, &app, &inspanningen, &form).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{o}");
        assert!(
            html_tekst(&body).contains("Kies een actieve organisatie uit deze regio"),
            "{o}: {body}"
        );
    }
    // ... and is no longer offered, while the report still names it for the old entries.
    let formulier = pagina(&ob, &app, pad).await;
    assert!(!formulier.contains("value=\"org:vt-zuidoost-brabant\""));
    let rapport = html_tekst(&pagina(&ob, &app, &format!("{pad}/rapport.html")).await);
    assert!(rapport.contains("Veilig Thuis Zuidoost-Brabant (demo) 6 0 0 0"));
}

/// An optional `hoeveelheid` binds as `db::Kommagetal`: on one connection (a cached prepared
/// statement) first an empty then a filled value, and the other way round, on either backend.
/// With a plain `Option<f64>` the second statement fails on PostgreSQL (sqlx's Any driver
/// prepares the NULL as `float4`).
#[tokio::test]
async fn kommagetal_leeg_en_gevuld_op_een_verbinding() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = testdatabase(&dir.path().join("k.db"), Vulling::Referentie).await;
    let mut conn = db.acquire().await.unwrap();
    sqlx::query("CREATE TEMPORARY TABLE proef (x DOUBLE PRECISION)")
        .execute(&mut *conn)
        .await
        .unwrap();
    for x in [None, Some(1.5), None, Some(2.25)] {
        sqlx::query("INSERT INTO proef (x) VALUES ($1)")
            .bind(voorop::db::Kommagetal(x))
            .execute(&mut *conn)
            .await
            .unwrap_or_else(|e| panic!("{x:?}: {e}"));
    }
    let som: f64 = sqlx::query_scalar("SELECT SUM(x) FROM proef")
        .fetch_one(&mut *conn)
        .await
        .unwrap();
    assert_eq!(som, 3.75);
}

#[tokio::test]
async fn vergelijking_zegt_geen_gegevens_voor_een_regio_zonder_momenten() {
    let app = start().await;
    let c = login(&app, LEZER).await;
    // The small demo records moments in Oost-Brabant only.
    let jaar = voorop::demo::PEILDATUM.year();
    let html = pagina(&c, &app, &format!("/werkset/vergelijking?periode={jaar}")).await;
    let zin = format!("geen gegevens voor {jaar}");
    // The rows of the table of key figures, per region.
    let tabel = &html[html.find("Kengetallen berekend").expect("kengetallen")..];
    let rij = |regio: &str| -> String {
        let begin = tabel
            .find(&format!(r#"<th scope="row">{regio}</th>"#))
            .unwrap_or_else(|| panic!("geen rij {regio}"));
        tabel[begin..]
            .split("</tr>")
            .next()
            .unwrap_or("")
            .to_string()
    };
    let zonder: Vec<&str> = voorop::organisatie::model::REGIOS
        .iter()
        .map(|(_, naam)| *naam)
        .filter(|naam| rij(naam).contains(&zin))
        .collect();
    assert_eq!(zonder.len(), 9, "{zonder:?}");
    assert!(!zonder.contains(&"Oost-Brabant"), "{zonder:?}");
    assert!(
        rij("Oost-Brabant").contains("<td>"),
        "Oost-Brabant has its figures"
    );
    // A year nothing was recorded in: every region.
    let leeg = pagina(&c, &app, "/werkset/vergelijking?periode=2040").await;
    assert_eq!(leeg.matches("geen gegevens voor 2040").count(), 10);

    // The region page says the same instead of a table of "<5" cells; with data it has them.
    let c = login(&app, COORDINATOR).await;
    let leeg = pagina(&c, &app, "/werkset/oost-brabant/2040").await;
    assert!(
        leeg.contains("Geen gegevens: voor Oost-Brabant zijn in 2040 nog geen afstemmingsmomenten geregistreerd."),
        "{leeg}"
    );
    assert!(!leeg.contains("<th scope=\"col\">Teller</th>"), "{leeg}");
    let vol = pagina(&c, &app, &format!("/werkset/oost-brabant/{jaar}")).await;
    assert!(!vol.contains("Geen gegevens: voor"), "{vol}");
    assert!(vol.contains("<th scope=\"col\">Teller</th>"));

    // The report of such a period says so instead of chapters of empty tables and charts.
    let leeg = html_tekst(&pagina(&c, &app, "/werkset/oost-brabant/2040/rapport.html").await);
    assert!(
        leeg.contains("Geen registraties voor deze periode. Voor Oost-Brabant is over 2040 nog niets vastgelegd"),
        "{leeg}"
    );
    assert!(!leeg.contains("Fase:"), "{leeg}");
    assert!(!leeg.contains("hoofdstukken 2 tot en met 5"), "{leeg}");
    let vol = html_tekst(
        &pagina(
            &c,
            &app,
            &format!("/werkset/oost-brabant/{jaar}/rapport.html"),
        )
        .await,
    );
    assert!(!vol.contains("Geen registraties voor deze periode"));
    assert!(vol.contains("Fase:"));
}
