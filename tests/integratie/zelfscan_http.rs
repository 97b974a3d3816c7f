//! The Zelfscan over HTTP: filling in, scores, the regional average, visibility rules,
//! the Excel round-trip, all-or-nothing imports, API validation and the audit log.

use crate::common::*;
use reqwest::StatusCode;
use std::collections::{BTreeMap, BTreeSet};

const RONDE: i64 = 2;
const VERSIE: &str = "kwaliteitskader-2019-v1";
const GEMEENTEN_RONDE_2: [&str; 9] = [
    "beekdal",
    "heidedorp",
    "kempenveld",
    "peelrand",
    "dommelstad",
    "aastrand",
    "maasweide",
    "groenvelde",
    "vennebroek",
];
/// Sheets of the export that are not a gemeente.
const VASTE_BLADEN: [&str; 3] = ["Toelichting", "Resultaten", "Regio"];

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/// The known fill-in pattern: questions 1–3 (standard 1), 4 (standard 2), 7 and 8 (standard 3)
/// and 15 (standard 4) op orde; 20 and 31 left empty; all others niet op orde.
fn patroon(n: u16) -> (&'static str, String) {
    let antwoord = match n {
        1..=4 | 7 | 8 | 15 => "op_orde",
        20 | 31 => "",
        _ => "niet_op_orde",
    };
    let toelichting = match n {
        1 => "Visie vastgesteld door de raad in 2025",
        2 => "Zie <notitie> van mei",
        _ => "",
    };
    (antwoord, toelichting.to_string())
}

/// The scores of [`patroon`], computed by hand from the questionnaire:
/// (standard, op_orde, totaal, percentage).
const PATROON_SCORES: [(u64, u64, u64, f64); 10] = [
    (1, 3, 3, 100.0), // vragen 1-3: all op orde
    (2, 1, 3, 33.3),  // vragen 4-6: only 4
    (3, 2, 5, 40.0),  // vragen 7-11: 7 and 8
    (4, 1, 2, 50.0),  // vragen 15-16: 15
    (5, 0, 1, 0.0),   // vraag 17
    (6, 0, 3, 0.0),   // vragen 12-14
    (7, 0, 4, 0.0),   // vragen 18-21 (20 empty)
    (8, 0, 4, 0.0),   // vragen 22-25
    (9, 0, 2, 0.0),   // vragen 26-27
    (10, 0, 4, 0.0),  // vragen 28-31 (31 empty)
];

fn percentage(deel: u64, totaal: u64) -> f64 {
    if totaal == 0 {
        0.0
    } else {
        (deel as f64 * 1000.0 / totaal as f64).round() / 10.0
    }
}

/// (standard, op_orde, totaal, percentage) from a JSON `scores` list.
fn scores(json: &serde_json::Value) -> Vec<(u64, u64, u64, f64)> {
    json.as_array()
        .unwrap_or_else(|| panic!("scores is geen lijst: {json}"))
        .iter()
        .map(|s| {
            (
                s["standaard"].as_u64().expect("standaard"),
                s["op_orde"].as_u64().expect("op_orde"),
                s["totaal"].as_u64().expect("totaal"),
                s["percentage"].as_f64().expect("percentage"),
            )
        })
        .collect()
}

fn assert_scores(gekregen: &[(u64, u64, u64, f64)], verwacht: &[(u64, u64, u64, f64)], wat: &str) {
    assert_eq!(gekregen.len(), verwacht.len(), "{wat}: {gekregen:?}");
    for (g, v) in gekregen.iter().zip(verwacht) {
        assert_eq!((g.0, g.1, g.2), (v.0, v.1, v.2), "{wat}: {gekregen:?}");
        assert!(
            (g.3 - v.3).abs() < 1e-9,
            "{wat}: standaard {} percentage {} in plaats van {}",
            g.0,
            g.3,
            v.3
        );
    }
}

/// The gemeente codes in the API `gemeenten` list.
fn api_gemeenten(json: &serde_json::Value) -> BTreeSet<String> {
    json["gemeenten"]
        .as_array()
        .unwrap_or_else(|| panic!("gemeenten ontbreekt: {json}"))
        .iter()
        .map(|g| g["code"].as_str().expect("code").to_string())
        .collect()
}

fn api_gemeente<'a>(json: &'a serde_json::Value, code: &str) -> &'a serde_json::Value {
    json["gemeenten"]
        .as_array()
        .expect("gemeenten")
        .iter()
        .find(|g| g["code"] == code)
        .unwrap_or_else(|| panic!("{code} ontbreekt in {json}"))
}

/// Whether `html` contains `tekst` as escaped text (askama writes `&#60;`, others `&lt;`).
fn bevat_html(html: &str, tekst: &str) -> bool {
    let numeriek = tekst
        .replace('&', "&#38;")
        .replace('<', "&#60;")
        .replace('>', "&#62;")
        .replace('"', "&#34;")
        .replace('\'', "&#39;");
    let benoemd = tekst
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;");
    html.contains(&numeriek) || html.contains(&benoemd)
}

/// All `<input>` tags of a page as attribute maps (attribute order does not matter).
fn inputs(html: &str) -> Vec<BTreeMap<String, String>> {
    let mut tags = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find("<input") {
        let tag = &rest[i + "<input".len()..];
        let eind = tag.find('>').unwrap_or(tag.len());
        tags.push(attributen(&tag[..eind]));
        rest = &tag[eind..];
    }
    tags
}

fn attributen(mut s: &str) -> BTreeMap<String, String> {
    let mut map = BTreeMap::new();
    loop {
        s = s.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
        if s.is_empty() {
            return map;
        }
        let eind = s
            .find(|c: char| c.is_whitespace() || c == '=' || c == '/')
            .unwrap_or(s.len());
        let naam = s[..eind].to_lowercase();
        s = s[eind..].trim_start();
        let mut waarde = String::new();
        if let Some(na) = s.strip_prefix('=') {
            let na = na.trim_start();
            if let Some(q) = na.chars().next().filter(|c| *c == '"' || *c == '\'') {
                let binnen = &na[1..];
                let e = binnen.find(q).unwrap_or(binnen.len());
                waarde = binnen[..e].to_string();
                s = binnen.get(e + 1..).unwrap_or("");
            } else {
                let e = na.find(char::is_whitespace).unwrap_or(na.len());
                waarde = na[..e].to_string();
                s = &na[e..];
            }
        }
        map.insert(naam, waarde);
    }
}

/// The checked radio buttons of a page: name → value.
fn gekozen(html: &str) -> BTreeMap<String, String> {
    inputs(html)
        .into_iter()
        .filter(|a| a.get("type").is_some_and(|t| t == "radio") && a.contains_key("checked"))
        .map(|a| {
            (
                a["name"].clone(),
                a.get("value").cloned().unwrap_or_default(),
            )
        })
        .collect()
}

/// Stored answers without empty rows (a row with no answer and no toelichting means the same
/// as no row at all).
async fn inhoud(app: &TestApp, ronde: i64) -> Vec<AntwoordRij> {
    antwoorden(app, ronde)
        .await
        .into_iter()
        .filter(|(_, _, a, t)| a.is_some() || !t.is_empty())
        .collect()
}

/// The expected regional aggregate, computed from the database: pooled op_orde / totaal per
/// standard over the gemeenten with at least one answer.
async fn regio_uit_db(app: &TestApp, ronde: i64) -> (u64, Vec<(u64, u64, u64, f64)>) {
    let rijen: Vec<(i64, i64, Option<String>)> = sqlx::query_as(
        "SELECT gemeente_id, vraag, antwoord FROM zelfscan_antwoord WHERE ronde_id = $1",
    )
    .bind(ronde)
    .fetch_all(&app.db)
    .await
    .expect("antwoorden");
    let vraag_standaard = vraag_standaard();
    let mut per_standaard: BTreeMap<u8, u64> = BTreeMap::new();
    for s in vraag_standaard.values() {
        *per_standaard.entry(*s).or_default() += 1;
    }
    let gemeenten: BTreeSet<i64> = rijen
        .iter()
        .filter(|(_, _, a)| a.is_some())
        .map(|(g, _, _)| *g)
        .collect();
    let n = gemeenten.len() as u64;
    let verwacht = per_standaard
        .iter()
        .map(|(s, vragen)| {
            let van_standaard = |g: &i64, v: &i64| {
                gemeenten.contains(g)
                    && u16::try_from(*v).ok().and_then(|v| vraag_standaard.get(&v)) == Some(s)
            };
            let op_orde = rijen
                .iter()
                .filter(|(g, v, a)| van_standaard(g, v) && a.as_deref() == Some("op_orde"))
                .count() as u64;
            // The noemer is the answered questions: an open one is not "niet op orde".
            let beantwoord = rijen
                .iter()
                .filter(|(g, v, a)| van_standaard(g, v) && a.is_some())
                .count() as u64;
            let totaal = vragen * n;
            (
                u64::from(*s),
                op_orde,
                totaal,
                percentage(op_orde, beantwoord),
            )
        })
        .collect();
    (n, verwacht)
}

async fn zichtbaarheid_in_db(app: &TestApp, ronde: i64, code: &str) -> String {
    sqlx::query_scalar(
        "SELECT rg.zichtbaarheid FROM ronde_gemeente rg JOIN organisatie o ON o.id = rg.gemeente_id
         WHERE rg.ronde_id = $1 AND o.code = $2",
    )
    .bind(ronde)
    .bind(code)
    .fetch_one(&app.db)
    .await
    .expect("zichtbaarheid")
}

/// Sets a gemeente's visibility through the coordinator's form.
async fn zet_zichtbaarheid(app: &TestApp, coordinator: &reqwest::Client, code: &str, z: &str) {
    let token = csrf_van(coordinator, app, &format!("/zelfscan/{RONDE}")).await;
    let (status, _, body) = post_form(
        coordinator,
        app,
        &format!("/zelfscan/{RONDE}/zichtbaarheid"),
        &[
            ("_csrf", token.as_str()),
            ("gemeente", code),
            ("zichtbaarheid", z),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "zichtbaarheid {z}: {body}");
    assert_eq!(zichtbaarheid_in_db(app, RONDE, code).await, z);
}

async fn download_export(app: &TestApp, c: &reqwest::Client, ronde: i64) -> (StatusCode, Vec<u8>) {
    let r = c
        .get(app.url(&format!("/zelfscan/{ronde}/export.xlsx")))
        .send()
        .await
        .expect("export");
    let status = r.status();
    if status == StatusCode::OK {
        let ct = content_type(r.headers());
        assert!(
            ct.contains("spreadsheetml") || ct.contains("octet-stream"),
            "content-type van de export: {ct}"
        );
    }
    (status, r.bytes().await.expect("bytes").to_vec())
}

/// Sheet name → gemeente code (cell B3) of every gemeente sheet in an xlsx.
fn export_bladen(bytes: &[u8]) -> BTreeMap<String, String> {
    use calamine::Reader;
    let mut werkmap =
        calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes.to_vec())).expect("xlsx");
    let mut bladen = BTreeMap::new();
    for naam in werkmap.sheet_names() {
        if VASTE_BLADEN.contains(&naam.as_str()) {
            continue;
        }
        let bereik = werkmap.worksheet_range(&naam).expect("blad");
        let code = bereik
            .get_value((2, 1))
            .map(std::string::ToString::to_string)
            .unwrap_or_default();
        bladen.insert(naam, code);
    }
    bladen
}

fn blad_van(bytes: &[u8], code: &str) -> String {
    export_bladen(bytes)
        .into_iter()
        .find(|(_, c)| c == code)
        .map_or_else(
            || panic!("geen blad voor {code} in de export"),
            |(naam, _)| naam,
        )
}

/// Copies an xlsx cell by cell with rust_xlsxwriter, replacing some cells:
/// (sheet, 0-based row, 0-based column) → new text.
fn herschrijf_xlsx(bytes: &[u8], wijzigingen: &BTreeMap<(String, u32, u16), String>) -> Vec<u8> {
    use calamine::{Data, Reader};
    let mut bron =
        calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes.to_vec())).expect("xlsx");
    let mut doel = rust_xlsxwriter::Workbook::new();
    for naam in bron.sheet_names() {
        let bereik = bron.worksheet_range(&naam).expect("blad");
        let blad = doel.add_worksheet();
        blad.set_name(&naam).expect("bladnaam");
        let (r0, k0) = bereik.start().unwrap_or((0, 0));
        for (r, k, data) in bereik.cells() {
            let rij = r0 + u32::try_from(r).expect("rij");
            let kol = u16::try_from(k0 as usize + k).expect("kolom");
            if wijzigingen.contains_key(&(naam.clone(), rij, kol)) {
                continue;
            }
            match data {
                Data::Empty => continue,
                Data::String(s) => blad.write_string(rij, kol, s),
                Data::Float(f) => blad.write_number(rij, kol, *f),
                Data::Int(i) => blad.write_number(rij, kol, *i as f64),
                Data::Bool(b) => blad.write_boolean(rij, kol, *b),
                other => blad.write_string(rij, kol, other.to_string()),
            }
            .expect("cel schrijven");
        }
        for ((b, rij, kol), tekst) in wijzigingen {
            if *b == naam {
                blad.write_string(*rij, *kol, tekst).expect("cel wijzigen");
            }
        }
    }
    doel.save_to_buffer().expect("xlsx opslaan")
}

/// Excel row (1-based) of question `n` on a gemeente sheet (questions start on row 7).
fn excel_rij(n: u32) -> u32 {
    6 + n
}

async fn importeer(
    app: &TestApp,
    c: &reqwest::Client,
    ronde: i64,
    bytes: Vec<u8>,
) -> (StatusCode, String, String) {
    let token = csrf_van(c, app, &format!("/zelfscan/{ronde}/import")).await;
    let deel = reqwest::multipart::Part::bytes(bytes)
        .file_name("zelfscan.xlsx")
        .mime_str("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        .expect("mime");
    let r = c
        .post(app.url(&format!("/zelfscan/{ronde}/import?_csrf={token}")))
        .multipart(reqwest::multipart::Form::new().part("bestand", deel))
        .send()
        .await
        .expect("import");
    let status = r.status();
    let loc = location(r.headers());
    let body = r.text().await.expect("body");
    if status != StatusCode::OK || !body.contains("/import/bevestigen") {
        return (status, loc, body);
    }
    // A checked file is shown first; nothing is stored until it is confirmed.
    let token = csrf(&body);
    let r = c
        .post(app.url(&format!("/zelfscan/{ronde}/import/bevestigen")))
        .form(&[("_csrf", token.as_str())])
        .send()
        .await
        .expect("bevestigen");
    let status = r.status();
    let loc = location(r.headers());
    (status, loc, r.text().await.expect("body"))
}

/// Uploads without confirming: status and the preview page.
async fn upload_zonder_bevestigen(
    app: &TestApp,
    c: &reqwest::Client,
    ronde: i64,
    bytes: Vec<u8>,
) -> (StatusCode, String) {
    let token = csrf_van(c, app, &format!("/zelfscan/{ronde}/import")).await;
    let deel = reqwest::multipart::Part::bytes(bytes).file_name("zelfscan.xlsx");
    let r = c
        .post(app.url(&format!("/zelfscan/{ronde}/import?_csrf={token}")))
        .multipart(reqwest::multipart::Form::new().part("bestand", deel))
        .send()
        .await
        .expect("import");
    (r.status(), r.text().await.expect("body"))
}

// ---------------------------------------------------------------------------------------------
// Filling in a scan
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn invullen_geeft_de_juiste_scores_en_toont_de_antwoorden() {
    let app = start().await;

    // The hand-computed expectation agrees with the questionnaire file.
    let vs = vraag_standaard();
    for (s, op, tot, _) in PATROON_SCORES {
        let vragen: Vec<u16> = vs
            .iter()
            .filter(|(_, st)| u64::from(**st) == s)
            .map(|(v, _)| *v)
            .collect();
        assert_eq!(vragen.len() as u64, tot, "standaard {s}");
        let op_orde = vragen
            .iter()
            .filter(|v| patroon(**v).0 == "op_orde")
            .count();
        assert_eq!(op_orde as u64, op, "standaard {s}");
    }

    let c = login(&app, MEDEWERKER).await;
    let pad = format!("/zelfscan/{RONDE}/gemeenten/dommelstad");
    // The shipped questions are Voorop's own wording, and the form says so.
    let formulier = pagina(&c, &app, &pad).await;
    assert!(
        formulier.contains("Afgeleid, geen officiële tekst."),
        "{formulier}"
    );
    let token = csrf_van(&c, &app, &pad).await;
    let audit_voor = audit_aantal(&app, "zelfscan.antwoorden_opgeslagen").await;
    let (status, headers, body) = post_form(&c, &app, &pad, &answers_form(&token, patroon)).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    assert!(
        location(&headers).starts_with(&pad),
        "Location: {}",
        location(&headers)
    );
    assert_eq!(
        audit_aantal(&app, "zelfscan.antwoorden_opgeslagen").await,
        audit_voor + 1
    );

    // Stored as posted.
    let opgeslagen = antwoorden_van(&app, RONDE, "dommelstad").await;
    for n in 1..=AANTAL_VRAGEN {
        let (a, t) = patroon(n);
        let rij = opgeslagen.get(&i64::from(n));
        let (sa, st) = rij.cloned().unwrap_or((None, String::new()));
        assert_eq!(sa.as_deref().unwrap_or(""), a, "vraag {n}");
        assert_eq!(st, t, "vraag {n}");
    }

    // Scores through the API.
    let api = api_token(&app, MEDEWERKER).await;
    let json = resultaten(&app, &api, RONDE).await;
    assert_eq!(json["ronde"]["id"], RONDE, "{json}");
    let standaarden = json["standaarden"].as_array().expect("standaarden");
    assert_eq!(standaarden.len(), 10);
    assert_eq!(standaarden[0]["nummer"], 1);
    assert_eq!(standaarden[0]["titel"], "Integrale visie");
    let dommelstad = api_gemeente(&json, "dommelstad");
    assert_scores(
        &scores(&dommelstad["scores"]),
        &PATROON_SCORES,
        "dommelstad",
    );

    // The form shows what was saved: checked radios, toelichting (escaped), the flash.
    let body = pagina(&c, &app, &pad).await;
    assert!(
        body.contains("antwoorden opgeslagen"),
        "geen bevestiging na opslaan"
    );
    let radios = gekozen(&body);
    for n in 1..=AANTAL_VRAGEN {
        let (a, _) = patroon(n);
        let naam = format!("antwoord_{n}");
        match a {
            "" => assert!(
                radios.get(&naam).is_none_or(std::string::String::is_empty),
                "vraag {n} hoort leeg te zijn: {:?}",
                radios.get(&naam)
            ),
            _ => assert_eq!(radios.get(&naam).map(String::as_str), Some(a), "vraag {n}"),
        }
    }
    assert!(body.contains("Visie vastgesteld door de raad in 2025"));
    assert!(
        bevat_html(&body, "Zie <notitie> van mei"),
        "toelichting niet (veilig) getoond"
    );
    assert!(!body.contains("<notitie>"), "toelichting niet ge-escaped");

    // The gemeente's result page: radar overlaid with the regional average, table in Dutch
    // notation, the toelichting.
    let res = pagina(
        &c,
        &app,
        &format!("/zelfscan/{RONDE}/resultaten/dommelstad"),
    )
    .await;
    assert!(
        res.contains(r#"class="radar""#),
        "geen radar op de resultatenpagina"
    );
    assert!(
        res.contains("Regio gemiddelde"),
        "regiogemiddelde ontbreekt"
    );
    // Question 20 is open: standard 7 is scored over its 3 answered questions and says so.
    for cel in [
        "100% (3 van 3 vragen)",
        "33,3% (1 van 3 vragen)",
        "40% (2 van 5 vragen)",
        "50% (1 van 2 vragen)",
        "0% (0 van 3 beantwoorde vragen; 1 nog niet beantwoord)",
    ] {
        assert!(res.contains(cel), "{cel} ontbreekt op de resultatenpagina");
    }
    assert!(res.contains("Visie vastgesteld door de raad in 2025"));

    // Completeness: 29 of 31 questions answered.
    let overzicht = pagina(&c, &app, &format!("/zelfscan/{RONDE}")).await;
    assert!(
        overzicht.contains("29 van 31") || overzicht.contains("29/31"),
        "volledigheid (29 van 31) niet op /zelfscan/{RONDE}"
    );
}

#[tokio::test]
async fn invullen_in_meerdere_keren_behoudt_eerdere_antwoorden() {
    let app = start().await;
    let c = login(&app, MEDEWERKER).await;
    let pad = format!("/zelfscan/{RONDE}/gemeenten/dommelstad");
    let token = csrf_van(&c, &app, &pad).await;
    let (status, _, body) = post_form(&c, &app, &pad, &answers_form(&token, patroon)).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let eerst = antwoorden_van(&app, RONDE, "dommelstad").await;

    // Second sitting through the API: only questions 5, 20 and 31.
    let api = api_token(&app, MEDEWERKER).await;
    let audit_voor = audit_aantal(&app, "zelfscan.antwoorden_opgeslagen").await;
    let (status, _, json) = api_put(
        &app,
        &api,
        &format!("/api/v1/zelfscan-rondes/{RONDE}/gemeenten/dommelstad/antwoorden"),
        &serde_json::json!([
            {"vraag": 5, "antwoord": "op_orde", "toelichting": "Nu wel vastgelegd"},
            {"vraag": 20, "antwoord": "niet_op_orde", "toelichting": ""},
            {"vraag": 31, "antwoord": "op_orde", "toelichting": "Convenant getekend"}
        ]),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{json}");
    assert_eq!(json["opgeslagen"], 3, "{json}");
    assert_eq!(
        audit_aantal(&app, "zelfscan.antwoorden_opgeslagen").await,
        audit_voor + 1
    );

    let daarna = antwoorden_van(&app, RONDE, "dommelstad").await;
    for n in 1..=i64::from(AANTAL_VRAGEN) {
        match n {
            5 => assert_eq!(
                daarna[&5],
                (Some("op_orde".into()), "Nu wel vastgelegd".into())
            ),
            20 => assert_eq!(daarna[&20], (Some("niet_op_orde".into()), String::new())),
            31 => assert_eq!(
                daarna[&31],
                (Some("op_orde".into()), "Convenant getekend".into())
            ),
            _ => assert_eq!(daarna.get(&n), eerst.get(&n), "vraag {n} is veranderd"),
        }
    }

    // Scores follow: standard 2 now has 4 and 5 op orde, standard 10 has 31.
    let json = resultaten(&app, &api, RONDE).await;
    let s = scores(&api_gemeente(&json, "dommelstad")["scores"]);
    assert_eq!((s[1].1, s[1].2), (2, 3), "standaard 2: {s:?}");
    assert!((s[1].3 - 66.7).abs() < 1e-9, "standaard 2: {s:?}");
    assert_eq!((s[9].1, s[9].2), (1, 4), "standaard 10: {s:?}");

    // The form shows both sittings together.
    let radios = gekozen(&pagina(&c, &app, &pad).await);
    assert_eq!(radios["antwoord_1"], "op_orde");
    assert_eq!(radios["antwoord_5"], "op_orde");
    assert_eq!(radios["antwoord_6"], "niet_op_orde");
    assert_eq!(radios["antwoord_20"], "niet_op_orde");
}

// ---------------------------------------------------------------------------------------------
// Scores and the regional average
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn regiogemiddelde_is_gepoold_over_gemeenten_met_antwoorden() {
    let app = start().await;
    // Make dommelstad's answers known and different from the demo data.
    let c = login(&app, MEDEWERKER).await;
    let pad = format!("/zelfscan/{RONDE}/gemeenten/dommelstad");
    let token = csrf_van(&c, &app, &pad).await;
    let (status, _, _) = post_form(&c, &app, &pad, &answers_form(&token, patroon)).await;
    assert_eq!(status, StatusCode::SEE_OTHER);

    let (n, verwacht) = regio_uit_db(&app, RONDE).await;
    assert!(n >= 1);
    for email in [MEDEWERKER, LEZER, COORDINATOR] {
        let api = api_token(&app, email).await;
        let json = resultaten(&app, &api, RONDE).await;
        let regio = &json["regio"];
        assert_eq!(
            regio["aantal_gemeenten"].as_u64(),
            Some(n),
            "{email}: {regio}"
        );
        assert_scores(&scores(&regio["scores"]), &verwacht, email);
    }
}

#[tokio::test]
async fn regiogemiddelde_van_nieuwe_ronde_telt_alleen_gemeenten_met_antwoorden() {
    let app = start().await;
    let coord = login(&app, COORDINATOR).await;
    let token = csrf_van(&coord, &app, "/zelfscan/nieuw").await;
    let (status, headers, body) = post_form(
        &coord,
        &app,
        "/zelfscan",
        &[
            ("_csrf", token.as_str()),
            ("regio", "oost-brabant"),
            ("titel", "Toetsingsmoment testronde"),
            ("doel", "toetsingsmoment"),
            ("datum", "2026-06-01"),
            ("vragenlijst", VERSIE),
            ("gemeente", "beekdal"),
            ("gemeente", "heidedorp"),
            ("gemeente", "kempenveld"),
            ("zichtbaarheid", "regio"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let loc = location(&headers);
    let id: i64 = loc
        .strip_prefix("/zelfscan/")
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("Location {loc}"));
    assert!(id > 2);

    let api = api_token(&app, COORDINATOR).await;
    let put = |code: &'static str, body: serde_json::Value| {
        let app = &app;
        let api = api.clone();
        async move {
            let (status, _, json) = api_put(
                app,
                &api,
                &format!("/api/v1/zelfscan-rondes/{id}/gemeenten/{code}/antwoorden"),
                &body,
            )
            .await;
            assert_eq!(status, StatusCode::OK, "{code}: {json}");
        }
    };
    // beekdal: everything op orde; heidedorp: only questions 1-3 answered (op orde);
    // kempenveld: nothing.
    let alles: Vec<serde_json::Value> = (1..=AANTAL_VRAGEN)
        .map(|n| serde_json::json!({"vraag": n, "antwoord": "op_orde", "toelichting": ""}))
        .collect();
    put("beekdal", serde_json::Value::Array(alles)).await;
    put(
        "heidedorp",
        serde_json::json!([
            {"vraag": 1, "antwoord": "op_orde", "toelichting": ""},
            {"vraag": 2, "antwoord": "op_orde", "toelichting": ""},
            {"vraag": 3, "antwoord": "op_orde", "toelichting": ""}
        ]),
    )
    .await;

    let json = resultaten(&app, &api, id).await;
    let regio = &json["regio"];
    assert_eq!(regio["aantal_gemeenten"], 2, "{regio}");
    // Pooled over beekdal and heidedorp: standard 1 6 of 6; every other standard only
    // beekdal's answers count, all op orde: heidedorp's open questions are "nog niet
    // beantwoord", not "niet op orde", and do not pull the region down.
    let verwacht: Vec<(u64, u64, u64, f64)> = [3u64, 3, 5, 2, 1, 3, 4, 4, 2, 4]
        .iter()
        .enumerate()
        .map(|(i, &vragen)| {
            let s = i as u64 + 1;
            let op = if s == 1 { 6 } else { vragen };
            (s, op, 2 * vragen, 100.0)
        })
        .collect();
    assert_scores(&scores(&regio["scores"]), &verwacht, "regio");
    assert_eq!(regio_uit_db(&app, id).await, (2, verwacht));

    let heidedorp_json = &api_gemeente(&json, "heidedorp")["scores"];
    let heidedorp = scores(heidedorp_json);
    assert_eq!(heidedorp[0], (1, 3, 3, 100.0));
    assert_eq!(heidedorp[1], (2, 0, 3, 0.0));
    assert_eq!(heidedorp_json[0]["beantwoord"], 3);
    assert_eq!(
        heidedorp_json[1]["beantwoord"], 0,
        "standard 2 has no score yet"
    );
    // The page says so instead of 0%.
    let pagina_heidedorp = pagina(
        &coord,
        &app,
        &format!("/zelfscan/{id}/resultaten/heidedorp"),
    )
    .await;
    assert!(
        pagina_heidedorp.contains("nog niet beantwoord"),
        "{pagina_heidedorp}"
    );
}

// ---------------------------------------------------------------------------------------------
// Visibility
// ---------------------------------------------------------------------------------------------

struct Kijker {
    email: &'static str,
    client: reqwest::Client,
    token: String,
}

impl Kijker {
    async fn new(app: &TestApp, email: &'static str) -> Self {
        Self {
            email,
            client: login(app, email).await,
            token: api_token(app, email).await,
        }
    }

    /// (in the API `gemeenten` list, status of the gemeente's result page, sheet in the export)
    async fn ziet(&self, app: &TestApp, code: &str) -> (bool, StatusCode, bool) {
        let pad = format!("/api/v1/zelfscan-rondes/{RONDE}/resultaten");
        let (status, _, json) = api_get(app, &self.token, &pad).await;
        let in_api = status == StatusCode::OK && api_gemeenten(&json).contains(code);
        let (pagina_status, _, _) = get(
            &self.client,
            app,
            &format!("/zelfscan/{RONDE}/resultaten/{code}"),
        )
        .await;
        let (status, bytes) = download_export(app, &self.client, RONDE).await;
        let in_export =
            status == StatusCode::OK && export_bladen(&bytes).values().any(|c| c == code);
        (in_api, pagina_status, in_export)
    }

    async fn aantal_in_regio(&self, app: &TestApp) -> serde_json::Value {
        resultaten(app, &self.token, RONDE).await["regio"]["aantal_gemeenten"].clone()
    }
}

fn zichtbaar(ja: bool) -> (bool, StatusCode, bool) {
    if ja {
        (true, StatusCode::OK, true)
    } else {
        (false, StatusCode::FORBIDDEN, false)
    }
}

/// What a viewer gets: another region's round lies outside their scope and is not found at
/// all (404); within the region a hidden gemeente is refused (403).
fn zichtbaar_voor(kijker: &Kijker, ja: bool) -> (bool, StatusCode, bool) {
    match zichtbaar(ja) {
        (a, StatusCode::FORBIDDEN, e) if kijker.email == COORDINATOR_LIMBURG => {
            (a, StatusCode::NOT_FOUND, e)
        }
        z => z,
    }
}

#[tokio::test]
async fn zichtbaarheid_per_instelling() {
    let app = start().await;
    let coordinator = Kijker::new(&app, COORDINATOR).await;
    let andere_gemeente = Kijker::new(&app, LEZER).await; // peelrand
    let eigen_gemeente = Kijker::new(&app, MEDEWERKER).await; // dommelstad
    let andere_regio = Kijker::new(&app, COORDINATOR_LIMBURG).await;

    // Make sure dommelstad has answers, so it counts in the aggregate.
    let pad = format!("/zelfscan/{RONDE}/gemeenten/dommelstad");
    let token = csrf_van(&eigen_gemeente.client, &app, &pad).await;
    let (status, _, _) = post_form(
        &eigen_gemeente.client,
        &app,
        &pad,
        &answers_form(&token, patroon),
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);

    let audit_voor = audit_aantal(&app, "zelfscan.zichtbaarheid_gewijzigd").await;
    let mut aantal_in_regio = None;
    for (instelling, verwacht) in [
        // (other gemeente in the region, coordinator, own gemeente, other region)
        ("regio", [true, true, true, false]),
        ("gemeente", [false, true, true, false]),
        ("aggregaat", [false, false, true, false]),
        ("regio", [true, true, true, false]),
    ] {
        // Only the gemeente itself can lift "aggregaat"; the coordinator is refused.
        let wie = if zichtbaarheid_in_db(&app, RONDE, "dommelstad").await == "aggregaat" {
            let token = csrf_van(&coordinator.client, &app, &format!("/zelfscan/{RONDE}")).await;
            let (status, _, _) = post_form(
                &coordinator.client,
                &app,
                &format!("/zelfscan/{RONDE}/zichtbaarheid"),
                &[
                    ("_csrf", token.as_str()),
                    ("gemeente", "dommelstad"),
                    ("zichtbaarheid", instelling),
                ],
            )
            .await;
            assert_eq!(
                status,
                StatusCode::FORBIDDEN,
                "coördinator heft 'aggregaat' op"
            );
            assert_eq!(
                zichtbaarheid_in_db(&app, RONDE, "dommelstad").await,
                "aggregaat"
            );
            &eigen_gemeente.client
        } else {
            &coordinator.client
        };
        zet_zichtbaarheid(&app, wie, "dommelstad", instelling).await;
        for (kijker, ja) in [
            &andere_gemeente,
            &coordinator,
            &eigen_gemeente,
            &andere_regio,
        ]
        .into_iter()
        .zip(verwacht)
        {
            let gezien = kijker.ziet(&app, "dommelstad").await;
            assert_eq!(
                gezien,
                zichtbaar_voor(kijker, ja),
                "dommelstad op '{instelling}', gezien door {}: (API, pagina, export)",
                kijker.email
            );
        }
        // Hidden or not, dommelstad still counts in the regional aggregate.
        for kijker in [&andere_gemeente, &coordinator, &eigen_gemeente] {
            let n = kijker.aantal_in_regio(&app).await;
            assert!(n.as_u64().is_some_and(|n| n >= 1), "{n}");
            match &aantal_in_regio {
                None => aantal_in_regio = Some(n),
                Some(eerder) => assert_eq!(
                    &n, eerder,
                    "aantal gemeenten in de regio veranderd bij '{instelling}' ({})",
                    kijker.email
                ),
            }
        }
    }
    assert_eq!(
        audit_aantal(&app, "zelfscan.zichtbaarheid_gewijzigd").await,
        audit_voor + 4
    );

    // The demo settings: peelrand = gemeente, beekdal (like heidedorp and maasweide) =
    // aggregaat.
    assert_eq!(
        andere_gemeente.ziet(&app, "peelrand").await,
        zichtbaar(true),
        "peelrand ziet zichzelf"
    );
    assert_eq!(
        eigen_gemeente.ziet(&app, "peelrand").await,
        zichtbaar(false)
    );
    assert_eq!(coordinator.ziet(&app, "peelrand").await, zichtbaar(true));
    assert_eq!(coordinator.ziet(&app, "beekdal").await, zichtbaar(false));
    let beekdal = Kijker::new(&app, MEDEWERKER_BEEKDAL).await;
    assert_eq!(beekdal.ziet(&app, "beekdal").await, zichtbaar(true));
}

#[tokio::test]
async fn regionale_resultatenpagina_toont_alleen_zichtbare_gemeenten() {
    let app = start().await;
    let c = login(&app, MEDEWERKER).await;
    let body = pagina(&c, &app, &format!("/zelfscan/{RONDE}/resultaten")).await;
    assert!(body.contains(r#"class="radar""#), "geen radar");
    // All 9 gemeenten have answers in the demo round; the aggregate says so without names.
    assert!(
        body.contains("9 van 9"),
        "aantal gemeenten in het regiogemiddelde"
    );
    assert!(
        body.contains("van 9 gemeenten"),
        "geen 'x van y'-uitspraken"
    );
    let link = |code: &str| format!(r#"href="/zelfscan/{RONDE}/resultaten/{code}""#);
    for zichtbaar in ["dommelstad", "aastrand", "vennebroek"] {
        assert!(
            body.contains(&link(zichtbaar)),
            "link naar {zichtbaar} ontbreekt"
        );
    }
    for verborgen in ["peelrand", "beekdal", "heidedorp", "maasweide"] {
        assert!(
            !body.contains(&link(verborgen)),
            "link naar {verborgen} zichtbaar"
        );
    }
}

#[tokio::test]
async fn zichtbaarheid_zetten_zonder_recht_geeft_403() {
    let app = start().await;
    let audit_voor = audit_aantal(&app, "zelfscan.zichtbaarheid_gewijzigd").await;
    // A medewerker of another gemeente, the gemeente's own lezer, a coordinator of another
    // region: none of them may change peelrand's visibility.
    for email in [MEDEWERKER, LEZER, COORDINATOR_LIMBURG] {
        let c = login(&app, email).await;
        let token = csrf_van(&c, &app, "/zelfscan").await;
        let (status, _, _) = post_form(
            &c,
            &app,
            &format!("/zelfscan/{RONDE}/zichtbaarheid"),
            &[
                ("_csrf", token.as_str()),
                ("gemeente", "peelrand"),
                ("zichtbaarheid", "regio"),
            ],
        )
        .await;
        let verwacht = if email == COORDINATOR_LIMBURG {
            StatusCode::NOT_FOUND
        } else {
            StatusCode::FORBIDDEN
        };
        assert_eq!(status, verwacht, "{email}");
        assert_eq!(
            zichtbaarheid_in_db(&app, RONDE, "peelrand").await,
            "gemeente",
            "{email}"
        );
    }
    assert_eq!(
        audit_aantal(&app, "zelfscan.zichtbaarheid_gewijzigd").await,
        audit_voor
    );
}

// ---------------------------------------------------------------------------------------------
// Excel export and import
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn export_en_import_heen_en_terug() {
    let app = start().await;
    let coord = login(&app, COORDINATOR).await;
    let (status, export) = download_export(&app, &coord, RONDE).await;
    assert_eq!(status, StatusCode::OK);
    let bladen = export_bladen(&export);
    let codes: BTreeSet<&str> = bladen.values().map(String::as_str).collect();
    // The coordinator sees every gemeente except the three "aggregaat" ones.
    let verwacht: BTreeSet<&str> = GEMEENTEN_RONDE_2
        .iter()
        .copied()
        .filter(|c| !["beekdal", "heidedorp", "maasweide"].contains(c))
        .collect();
    assert_eq!(codes, verwacht);

    // Import the export unchanged: accepted, and the check says it changes nothing.
    let voor = inhoud(&app, RONDE).await;
    assert!(!voor.is_empty(), "de demo heeft antwoorden in ronde 2");
    let audit_voor = audit_aantal(&app, "zelfscan.excel_geimporteerd").await;
    let (status, _, body) = importeer(&app, &coord, RONDE, export.clone()).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(body.contains("verandert niets"), "{body}");
    assert_eq!(inhoud(&app, RONDE).await, voor);
    assert_eq!(
        audit_aantal(&app, "zelfscan.excel_geimporteerd").await,
        audit_voor
    );

    // Change answers through the API, then re-import the older export: restored.
    let api = api_token(&app, COORDINATOR).await;
    let (status, _, json) = api_put(
        &app,
        &api,
        &format!("/api/v1/zelfscan-rondes/{RONDE}/gemeenten/dommelstad/antwoorden"),
        &serde_json::json!([
            {"vraag": 1, "antwoord": "niet_op_orde", "toelichting": "Gewijzigd na de export"},
            {"vraag": 2, "antwoord": null, "toelichting": ""},
            {"vraag": 30, "antwoord": "op_orde", "toelichting": "Ook gewijzigd"}
        ]),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{json}");
    let gewijzigd = inhoud(&app, RONDE).await;
    assert_ne!(gewijzigd, voor);

    let (status, loc, body) = importeer(&app, &coord, RONDE, export).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    assert!(
        loc.starts_with(&format!("/zelfscan/{RONDE}")),
        "Location {loc}"
    );
    assert_eq!(
        inhoud(&app, RONDE).await,
        voor,
        "de import zette de antwoorden niet terug"
    );
    assert_eq!(
        audit_aantal(&app, "zelfscan.excel_geimporteerd").await,
        audit_voor + 1
    );
}

#[tokio::test]
async fn ongeldige_import_slaat_niets_op() {
    let app = start().await;
    let coord = login(&app, COORDINATOR).await;
    let (status, export) = download_export(&app, &coord, RONDE).await;
    assert_eq!(status, StatusCode::OK);
    let blad_dommelstad = blad_van(&export, "dommelstad");
    let blad_peelrand = blad_van(&export, "peelrand");

    // One valid change (peelrand, vraag 1) and one invalid answer (dommelstad, vraag 3: "ja").
    let huidig_peelrand_1 = antwoorden_van(&app, RONDE, "peelrand")
        .await
        .get(&1)
        .and_then(|(a, _)| a.clone());
    let nieuw_peelrand_1 = if huidig_peelrand_1.as_deref() == Some("op_orde") {
        "Niet op orde"
    } else {
        "Op orde"
    };
    let mut wijzigingen = BTreeMap::new();
    wijzigingen.insert(
        (blad_peelrand.clone(), excel_rij(1) - 1, 4),
        nieuw_peelrand_1.to_string(),
    );
    wijzigingen.insert(
        (blad_peelrand.clone(), excel_rij(1) - 1, 5),
        "Nieuwe toelichting uit Excel".to_string(),
    );
    wijzigingen.insert(
        (blad_dommelstad.clone(), excel_rij(3) - 1, 4),
        "ja".to_string(),
    );
    let ongeldig = herschrijf_xlsx(&export, &wijzigingen);

    // The rewritten file without the invalid cell imports fine (so the copy itself is valid).
    let voor = dump_antwoorden(&app, RONDE).await;
    let audit_voor = audit_aantal(&app, "zelfscan.excel_geimporteerd").await;
    let (status, _, body) = importeer(&app, &coord, RONDE, ongeldig).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(
        bevat_html(&body, &blad_dommelstad),
        "de bladnaam {blad_dommelstad} staat niet in de foutmelding:\n{body}"
    );
    assert!(
        body.contains(&format!("rij {}", excel_rij(3))),
        "het rijnummer {} staat niet in de foutmelding:\n{body}",
        excel_rij(3)
    );
    assert!(body.contains("ja"));
    assert_eq!(
        dump_antwoorden(&app, RONDE).await,
        voor,
        "er is toch iets opgeslagen"
    );
    assert_eq!(
        audit_aantal(&app, "zelfscan.excel_geimporteerd").await,
        audit_voor
    );

    // Control: the same file without the invalid cell is accepted and stores the valid change.
    wijzigingen.remove(&(blad_dommelstad.clone(), excel_rij(3) - 1, 4));
    let geldig = herschrijf_xlsx(&export, &wijzigingen);
    let (status, _, body) = importeer(&app, &coord, RONDE, geldig).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let peelrand_1 = antwoorden_van(&app, RONDE, "peelrand").await[&1].clone();
    let verwacht = if nieuw_peelrand_1 == "Op orde" {
        "op_orde"
    } else {
        "niet_op_orde"
    };
    assert_eq!(
        peelrand_1,
        (
            Some(verwacht.to_string()),
            "Nieuwe toelichting uit Excel".to_string()
        )
    );
}

/// A gemeente's medewerker downloads the export (which also holds the sheets of the other
/// gemeenten visible to the region), fills in the own sheet and uploads it again. Today the
/// whole file is refused because the other (unchanged) sheets are not writable for this user.
#[tokio::test]
async fn medewerker_importeert_de_eigen_export() {
    let app = start().await;
    let c = login(&app, MEDEWERKER).await;
    let (status, export) = download_export(&app, &c, RONDE).await;
    assert_eq!(status, StatusCode::OK);
    let blad = blad_van(&export, "dommelstad");
    let wijzigingen =
        BTreeMap::from([((blad, excel_rij(5) - 1, 5), "Ingevuld in Excel".to_string())]);
    let (status, _, body) =
        importeer(&app, &c, RONDE, herschrijf_xlsx(&export, &wijzigingen)).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    assert_eq!(
        antwoorden_van(&app, RONDE, "dommelstad").await[&5].1,
        "Ingevuld in Excel"
    );
}

#[tokio::test]
async fn import_van_geen_excel_geeft_422() {
    let app = start().await;
    let coord = login(&app, COORDINATOR).await;
    let voor = dump_antwoorden(&app, RONDE).await;
    let (status, _, body) =
        importeer(&app, &coord, RONDE, b"dit is geen excel-bestand".to_vec()).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(body.contains("geen geldig Excel-bestand"), "{body}");
    assert_eq!(dump_antwoorden(&app, RONDE).await, voor);
}

#[tokio::test]
async fn import_zonder_csrf_geeft_403() {
    let app = start().await;
    let coord = login(&app, COORDINATOR).await;
    let (_, export) = download_export(&app, &coord, RONDE).await;
    let audit_voor = audit_aantal(&app, "zelfscan.excel_geimporteerd").await;
    let voor = dump_antwoorden(&app, RONDE).await;
    let deel = reqwest::multipart::Part::bytes(export).file_name("zelfscan.xlsx");
    let r = coord
        .post(app.url(&format!("/zelfscan/{RONDE}/import")))
        .multipart(reqwest::multipart::Form::new().part("bestand", deel))
        .send()
        .await
        .expect("import");
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        audit_aantal(&app, "zelfscan.excel_geimporteerd").await,
        audit_voor
    );
    assert_eq!(dump_antwoorden(&app, RONDE).await, voor);
}

// ---------------------------------------------------------------------------------------------
// API validation and permissions
// ---------------------------------------------------------------------------------------------

async fn assert_400_problem(app: &TestApp, token: &str, body: serde_json::Value) {
    let voor = dump_antwoorden(app, RONDE).await;
    let (status, headers, json) = api_put(
        app,
        token,
        &format!("/api/v1/zelfscan-rondes/{RONDE}/gemeenten/dommelstad/antwoorden"),
        &body,
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body} → {json}");
    assert!(
        content_type(&headers).starts_with("application/problem+json"),
        "{body} → content-type {}",
        content_type(&headers)
    );
    let params = json["invalid-params"]
        .as_array()
        .unwrap_or_else(|| panic!("{body} → geen invalid-params: {json}"));
    assert!(!params.is_empty(), "{json}");
    assert_eq!(json["status"], 400, "{json}");
    assert_eq!(
        dump_antwoorden(app, RONDE).await,
        voor,
        "{body} sloeg toch iets op"
    );
}

#[tokio::test]
async fn api_ongeldige_invoer_geeft_400_en_slaat_niets_op() {
    let app = start().await;
    let api = api_token(&app, MEDEWERKER).await;
    let audit_voor = audit_aantal(&app, "zelfscan.antwoorden_opgeslagen").await;
    assert_400_problem(
        &app,
        &api,
        serde_json::json!([{"vraag": 1, "antwoord": "misschien", "toelichting": ""}]),
    )
    .await;
    assert_400_problem(
        &app,
        &api,
        serde_json::json!([{"vraag": 99, "antwoord": "op_orde", "toelichting": ""}]),
    )
    .await;
    assert_400_problem(
        &app,
        &api,
        serde_json::json!([{"vraag": 0, "antwoord": "op_orde", "toelichting": ""}]),
    )
    .await;
    // One invalid item spoils the whole request.
    assert_400_problem(
        &app,
        &api,
        serde_json::json!([
            {"vraag": 1, "antwoord": "op_orde", "toelichting": "geldig"},
            {"vraag": 2, "antwoord": "misschien", "toelichting": ""}
        ]),
    )
    .await;
    assert_eq!(
        audit_aantal(&app, "zelfscan.antwoorden_opgeslagen").await,
        audit_voor
    );
}

#[tokio::test]
async fn api_onbekende_ronde_of_gemeente_geeft_404() {
    let app = start().await;
    let api = api_token(&app, COORDINATOR).await;
    let (status, headers, json) =
        api_get(&app, &api, "/api/v1/zelfscan-rondes/999/resultaten").await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{json}");
    assert!(content_type(&headers).starts_with("application/problem+json"));
    let voor = dump_antwoorden(&app, RONDE).await;
    let (status, _, json) = api_put(
        &app,
        &api,
        &format!("/api/v1/zelfscan-rondes/{RONDE}/gemeenten/bestaatniet/antwoorden"),
        &serde_json::json!([{"vraag": 1, "antwoord": "op_orde", "toelichting": ""}]),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{json}");
    assert_eq!(dump_antwoorden(&app, RONDE).await, voor);
}

#[tokio::test]
async fn api_schrijven_zonder_recht_geeft_403() {
    let app = start().await;
    let voor = dump_antwoorden(&app, RONDE).await;
    let audit_voor = audit_aantal(&app, "zelfscan.antwoorden_opgeslagen").await;
    let body = serde_json::json!([{"vraag": 1, "antwoord": "op_orde", "toelichting": "mag niet"}]);
    for (email, gemeente) in [
        (LEZER, "peelrand"),      // a lezer may not write, not even the own gemeente
        (MEDEWERKER, "peelrand"), // medewerker of another gemeente
        (MEDEWERKER_BEEKDAL, "dommelstad"),
        (COORDINATOR_LIMBURG, "dommelstad"), // coordinator of another region
    ] {
        let api = api_token(&app, email).await;
        let (status, headers, json) = api_put(
            &app,
            &api,
            &format!("/api/v1/zelfscan-rondes/{RONDE}/gemeenten/{gemeente}/antwoorden"),
            &body,
        )
        .await;
        // Another region's round is outside the caller's scope: not found.
        let verwacht = if email == COORDINATOR_LIMBURG {
            StatusCode::NOT_FOUND
        } else {
            StatusCode::FORBIDDEN
        };
        assert_eq!(status, verwacht, "{email} → {gemeente}: {json}");
        assert!(content_type(&headers).starts_with("application/problem+json"));
    }
    // Without a token: 401.
    let (status, _, _) = api_put(
        &app,
        "",
        &format!("/api/v1/zelfscan-rondes/{RONDE}/gemeenten/dommelstad/antwoorden"),
        &body,
    )
    .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(dump_antwoorden(&app, RONDE).await, voor);
    assert_eq!(
        audit_aantal(&app, "zelfscan.antwoorden_opgeslagen").await,
        audit_voor
    );
}

#[tokio::test]
async fn formulier_schrijven_zonder_recht_geeft_403() {
    let app = start().await;
    let voor = dump_antwoorden(&app, RONDE).await;
    for (email, gemeente) in [(LEZER, "peelrand"), (MEDEWERKER, "peelrand")] {
        let c = login(&app, email).await;
        let token = csrf_van(&c, &app, "/zelfscan").await;
        let (status, _, _) = post_form(
            &c,
            &app,
            &format!("/zelfscan/{RONDE}/gemeenten/{gemeente}"),
            &answers_form(&token, patroon),
        )
        .await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{email} → {gemeente}");
    }
    assert_eq!(dump_antwoorden(&app, RONDE).await, voor);
}

#[tokio::test]
async fn elke_schrijfactie_komt_in_het_auditlog() {
    let app = start().await;
    let c = login(&app, MEDEWERKER).await;
    let pad = format!("/zelfscan/{RONDE}/gemeenten/dommelstad");
    let code = "zelfscan.antwoorden_opgeslagen";
    let n0 = audit_aantal(&app, code).await;

    let token = csrf_van(&c, &app, &pad).await;
    let (status, _, _) = post_form(&c, &app, &pad, &answers_form(&token, patroon)).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(audit_aantal(&app, code).await, n0 + 1);

    let api = api_token(&app, MEDEWERKER).await;
    let (status, _, _) = api_put(
        &app,
        &api,
        &format!("/api/v1/zelfscan-rondes/{RONDE}/gemeenten/dommelstad/antwoorden"),
        &serde_json::json!([{"vraag": 9, "antwoord": "op_orde", "toelichting": ""}]),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(audit_aantal(&app, code).await, n0 + 2);

    let (actor, object_id, details): (String, String, String) = sqlx::query_as(
        "SELECT actor, object_id, details FROM audit_log WHERE code = $1 ORDER BY id DESC LIMIT 1",
    )
    .bind(code)
    .fetch_one(&app.db)
    .await
    .expect("audit");
    assert_eq!(actor, MEDEWERKER);
    assert_eq!(object_id, RONDE.to_string());
    assert!(details.contains("gemeente=dommelstad"), "{details}");
    // Free text typed by users never ends up in the audit log.
    let lekken: i64 =
        sqlx::query_scalar("SELECT count(*) FROM audit_log WHERE details LIKE '%notitie%'")
            .fetch_one(&app.db)
            .await
            .expect("audit");
    assert_eq!(lekken, 0);
    assert_eq!(
        voorop::audit::repo::verifieer(&app.db)
            .await
            .expect("verify"),
        None
    );
}

// ---------------------------------------------------------------------------------------------
// Hostile uploads (issue 7, defect 1) and imports into the wrong round
// ---------------------------------------------------------------------------------------------

/// The probe's file: a real XLSX whose only cells are A1 and XFD1048576. calamine would build
/// a 16,384 × 1,048,576 grid (512 GiB) for it and abort the process.
fn verre_cel_xlsx() -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "a").expect("A1");
    ws.write_string(1_048_575, 16_383, "b").expect("XFD1048576");
    wb.save_to_buffer().expect("xlsx")
}

/// An XLSX whose shared strings inflate to 200 MB from a small upload.
fn opgeblazen_xlsx() -> Vec<u8> {
    use std::io::Write;
    let mut uit = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opties = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    uit.start_file("xl/sharedStrings.xml", opties)
        .expect("deel");
    let blok = vec![b'a'; 1024 * 1024];
    for _ in 0..200 {
        uit.write_all(&blok).expect("schrijven");
    }
    uit.finish().expect("zip").into_inner()
}

#[tokio::test]
async fn upload_van_een_lezer_wordt_geweigerd_voordat_hij_gelezen_wordt() {
    let app = start().await;
    let lezer = login(&app, LEZER).await;
    let voor = dump_antwoorden(&app, RONDE).await;
    // The import form is not offered to a reader either.
    assert_eq!(
        get(&lezer, &app, &format!("/zelfscan/{RONDE}/import"))
            .await
            .0,
        StatusCode::FORBIDDEN
    );
    let token = csrf_van(&lezer, &app, "/zelfscan").await;
    for bytes in [verre_cel_xlsx(), opgeblazen_xlsx()] {
        let deel = reqwest::multipart::Part::bytes(bytes).file_name("bom.xlsx");
        let r = lezer
            .post(app.url(&format!("/zelfscan/{RONDE}/import?_csrf={token}")))
            .multipart(reqwest::multipart::Form::new().part("bestand", deel))
            .send()
            .await
            .expect("upload");
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
    }
    assert_eq!(dump_antwoorden(&app, RONDE).await, voor);
}

#[tokio::test]
async fn kwaadaardige_xlsx_geeft_een_nederlandse_fout_en_de_server_blijft_draaien() {
    let app = start().await;
    let coord = login(&app, COORDINATOR).await;
    let voor = dump_antwoorden(&app, RONDE).await;
    let bom = opgeblazen_xlsx();
    assert!(bom.len() < 1024 * 1024, "de bom is {} bytes", bom.len());
    for (bytes, melding) in [
        (verre_cel_xlsx(), "buiten het bereik"),
        (bom, "uitgepakt te groot"),
    ] {
        let (status, _, body) = importeer(&app, &coord, RONDE, bytes).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert!(body.contains(melding), "'{melding}' ontbreekt:\n{body}");
    }
    // Three bombs at once: each refused, nothing stored, the server still answers.
    let (a, b, c) = tokio::join!(
        importeer(&app, &coord, RONDE, opgeblazen_xlsx()),
        importeer(&app, &coord, RONDE, opgeblazen_xlsx()),
        importeer(&app, &coord, RONDE, opgeblazen_xlsx()),
    );
    for (status, _, body) in [a, b, c] {
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    }
    assert_eq!(get(&coord, &app, "/zelfscan").await.0, StatusCode::OK);
    assert_eq!(dump_antwoorden(&app, RONDE).await, voor);
}

#[tokio::test]
async fn export_van_een_andere_ronde_overschrijft_niets() {
    let app = start().await;
    let coord = login(&app, COORDINATOR).await;
    let (status, export_2) = download_export(&app, &coord, RONDE).await;
    assert_eq!(status, StatusCode::OK);
    let ronde_1 = dump_antwoorden(&app, 1).await;
    assert!(!ronde_1.is_empty());
    let (status, _, body) = importeer(&app, &coord, 1, export_2.clone()).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(
        body.contains("scanronde 2, niet van scanronde 1"),
        "geen duidelijke melding:\n{body}"
    );
    assert_eq!(dump_antwoorden(&app, 1).await, ronde_1);
    // The same file into its own round is accepted (it changes nothing there).
    let (status, _, body) = importeer(&app, &coord, RONDE, export_2).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(body.contains("verandert niets"), "{body}");
}

/// Issue 7, defect 5: with one "aggregaat" gemeente hidden, the regional total minus the
/// visible gemeenten gave its exact figures. The total is now withheld from any viewer who has
/// one or two gemeenten hidden, and shown again from three on.
#[tokio::test]
async fn regiototaal_verraadt_geen_verborgen_gemeente_door_aftrekken() {
    let app = start().await;
    let coord = login(&app, COORDINATOR).await;
    let token = csrf_van(&coord, &app, "/zelfscan/nieuw").await;
    let mut form = vec![
        ("_csrf", token.as_str()),
        ("regio", "oost-brabant"),
        ("titel", "Aftrektest"),
        ("doel", "evaluatie"),
        ("datum", "2026-09-01"),
        ("vragenlijst", VERSIE),
        ("zichtbaarheid", "regio"),
    ];
    let gemeenten = [
        "beekdal",
        "dommelstad",
        "aastrand",
        "vennebroek",
        "kempenveld",
    ];
    form.extend(gemeenten.iter().map(|g| ("gemeente", *g)));
    let (status, headers, body) = post_form(&coord, &app, "/zelfscan", &form).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let id: i64 = location(&headers)
        .strip_prefix("/zelfscan/")
        .and_then(|s| s.parse().ok())
        .expect("id");
    let api = api_token(&app, COORDINATOR).await;
    for (i, g) in gemeenten.iter().enumerate() {
        let antwoorden: Vec<serde_json::Value> = (1..=AANTAL_VRAGEN)
            .map(|n| {
                let op = (usize::from(n) + i) % 3 != 0;
                serde_json::json!({"vraag": n, "antwoord": if op { "op_orde" } else { "niet_op_orde" }})
            })
            .collect();
        let (status, _, json) = api_put(
            &app,
            &api,
            &format!("/api/v1/zelfscan-rondes/{id}/gemeenten/{g}/antwoorden"),
            &serde_json::Value::Array(antwoorden),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{g}: {json}");
    }
    let beekdal = login(&app, MEDEWERKER_BEEKDAL).await;
    let zet = |wie: &reqwest::Client, code: &'static str, z: &'static str| {
        let (app, wie) = (&app, wie.clone());
        async move {
            let token = csrf_van(&wie, app, &format!("/zelfscan/{id}")).await;
            let (status, _, _) = post_form(
                &wie,
                app,
                &format!("/zelfscan/{id}/zichtbaarheid"),
                &[
                    ("_csrf", token.as_str()),
                    ("gemeente", code),
                    ("zichtbaarheid", z),
                ],
            )
            .await;
            assert_eq!(status, StatusCode::SEE_OTHER, "{code} → {z}");
        }
    };
    let regio_voor = |email: &'static str| {
        let app = &app;
        async move {
            let token = api_token(app, email).await;
            resultaten(app, &token, id).await["regio"].clone()
        }
    };
    // All visible: everyone gets the total.
    assert!(regio_voor(COORDINATOR).await.is_object());
    // beekdal alone in the aggregate: the coordinator, a reader and another gemeente get no
    // total; beekdal itself (which hides nothing from itself) does.
    zet(&beekdal, "beekdal", "aggregaat").await;
    for email in [COORDINATOR, LEZER, MEDEWERKER] {
        assert!(
            regio_voor(email).await.is_null(),
            "{email} krijgt het totaal met 1 verborgen"
        );
    }
    assert!(regio_voor(MEDEWERKER_BEEKDAL).await.is_object());
    let pagina = pagina(&coord, &app, &format!("/zelfscan/{id}/resultaten")).await;
    assert!(
        pagina.contains("Het regionale beeld wordt niet getoond"),
        "{pagina}"
    );
    // Two hidden: still withheld. Three: shown again.
    zet(&coord, "aastrand", "gemeente").await;
    let lezer_regio = regio_voor(LEZER).await;
    assert!(
        lezer_regio.is_null(),
        "lezer met 2 verborgen: {lezer_regio}"
    );
    zet(&coord, "vennebroek", "gemeente").await;
    assert!(regio_voor(LEZER).await.is_object(), "lezer met 3 verborgen");
    assert!(
        regio_voor(COORDINATOR).await.is_null(),
        "coördinator ziet 'gemeente' wel: 1 verborgen"
    );
}

#[tokio::test]
async fn stuurtekens_in_een_toelichting_worden_geweigerd() {
    let app = start().await;
    let api = api_token(&app, COORDINATOR).await;
    let voor = dump_antwoorden(&app, RONDE).await;
    for slecht in ["nul\u{0}teken", "kleur\u{1b}[31m", "omgekeerd\u{202E}tekst"] {
        let (status, _, json) = api_put(
            &app,
            &api,
            &format!("/api/v1/zelfscan-rondes/{RONDE}/gemeenten/dommelstad/antwoorden"),
            &serde_json::json!([{"vraag": 1, "antwoord": "op_orde", "toelichting": slecht}]),
        )
        .await;
        assert!(status.is_client_error(), "{slecht:?}: {status}");
        assert!(json.to_string().contains("stuurteken"), "{json}");
    }
    assert_eq!(dump_antwoorden(&app, RONDE).await, voor);
}

#[tokio::test]
async fn import_toont_eerst_wat_er_verandert_en_slaat_pas_na_bevestigen_op() {
    let app = start().await;
    let c = login(&app, MEDEWERKER).await;
    let (_, export) = download_export(&app, &c, RONDE).await;
    let blad = blad_van(&export, "dommelstad");
    let wijzigingen = BTreeMap::from([
        (
            (blad.clone(), excel_rij(5) - 1, 5),
            "Nieuwe toelichting".to_string(),
        ),
        ((blad, excel_rij(6) - 1, 4), String::new()),
    ]);
    let bestand = herschrijf_xlsx(&export, &wijzigingen);
    let voor = dump_antwoorden(&app, RONDE).await;
    let (status, body) = upload_zonder_bevestigen(&app, &c, RONDE, bestand.clone()).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(body.contains("Er is nog niets opgeslagen"), "{body}");
    assert!(body.contains("Dommelstad"), "{body}");
    // Nothing stored yet.
    assert_eq!(dump_antwoorden(&app, RONDE).await, voor);
    assert_eq!(audit_aantal(&app, "zelfscan.excel_geimporteerd").await, 0);
    // Confirming stores it.
    let token = csrf(&body);
    let (status, headers, _) = post_form(
        &c,
        &app,
        &format!("/zelfscan/{RONDE}/import/bevestigen"),
        &[("_csrf", token.as_str())],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location(&headers), format!("/zelfscan/{RONDE}"));
    assert_eq!(
        antwoorden_van(&app, RONDE, "dommelstad").await[&5].1,
        "Nieuwe toelichting"
    );
    // A second confirmation has nothing left to apply.
    let (status, headers, _) = post_form(
        &c,
        &app,
        &format!("/zelfscan/{RONDE}/import/bevestigen"),
        &[("_csrf", token.as_str())],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location(&headers), format!("/zelfscan/{RONDE}/import"));
    assert_eq!(audit_aantal(&app, "zelfscan.excel_geimporteerd").await, 1);
    // The unchanged export changes nothing: no confirmation offered.
    let (_, export) = download_export(&app, &c, RONDE).await;
    let (status, body) = upload_zonder_bevestigen(&app, &c, RONDE, export).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("verandert niets"), "{body}");
    assert!(!body.contains("/import/bevestigen"), "{body}");
}

/// Issue 11: the long form saves per block. "Blok 2 opslaan" stores only block 2's questions
/// (what was typed in block 1 is not stored, so two people can fill in different blocks) and
/// returns to the block.
#[tokio::test]
async fn een_blok_apart_opslaan() {
    let app = start().await;
    let c = login(&app, MEDEWERKER).await;
    let pad = format!("/zelfscan/{RONDE}/gemeenten/dommelstad");
    let formulier = pagina(&c, &app, &pad).await;
    assert!(
        formulier.contains(r#"name="blok" value="1""#),
        "{formulier}"
    );
    assert!(formulier.contains(r#"name="blok" value="2""#));
    let voor = antwoorden_van(&app, RONDE, "dommelstad").await;
    let token = csrf_van(&c, &app, &pad).await;
    let mut form = answers_form(&token, |n| ("niet_op_orde", format!("bloktest {n}")));
    form.push(("blok".into(), "2".into()));
    let (status, headers, body) = post_form(&c, &app, &pad, &form).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    assert_eq!(location(&headers), format!("{pad}#blok-2"));
    let na = antwoorden_van(&app, RONDE, "dommelstad").await;
    for n in 1..=AANTAL_VRAGEN {
        let n = i64::from(n);
        if n >= 15 {
            let (a, t) = na.get(&n).cloned().expect("beantwoord");
            assert_eq!(a.as_deref(), Some("niet_op_orde"), "vraag {n}");
            assert_eq!(t, format!("bloktest {n}"));
        } else {
            assert_eq!(na.get(&n), voor.get(&n), "vraag {n} (blok 1) bleef gelijk");
        }
    }
    let body = pagina(&c, &app, &pad).await;
    assert!(body.contains("Blok 2: 17 antwoorden opgeslagen"), "{body}");
}
