//! Indicators computed from the afstemmingsmomenten over HTTP: `GET /api/v1/indicatoren` on a
//! hand-built year of registrations (teller, noemer and waarde worked out by hand), small-cell
//! suppression, authentication and Dutch validation errors; and the same figures on the
//! Werkset region page and in the regional report.

use crate::common::*;
use reqwest::StatusCode;
use serde_json::{Value, json};

/// A year the demo data does not use, so only this test's registrations count.
const JAAR: &str = "2011";
const REGIO: &str = "oost-brabant";

async fn casus(
    app: &TestApp,
    regio: &str,
    pseudoniem: Option<&str>,
    herhaling: Option<bool>,
) -> i64 {
    sqlx::query_scalar(
        "INSERT INTO casus (regio_code, pseudoniem, herhaling, aangemaakt_op) VALUES ($1, $2, $3, '2011-01-01T00:00:00Z') RETURNING id",
    )
    .bind(regio)
    .bind(pseudoniem)
    .bind(herhaling)
    .fetch_one(&app.db)
    .await
    .expect("casus")
}

async fn moment(
    app: &TestApp,
    casus: i64,
    regio: &str,
    soort: &str,
    tijdstip: &str,
    gegevens: Value,
    org: i64,
) {
    let status = if soort == "actieoverleg" {
        "ingediend"
    } else {
        "open"
    };
    sqlx::query(
        "INSERT INTO moment (casus_id, regio_code, soort, tijdstip, status, gegevens, aangemaakt_door_organisatie, aangemaakt_op, gewijzigd_op)
         VALUES ($1, $2, $3, $4, $5, $6, $7, '2011-01-01T00:00:00Z', '2011-01-01T00:00:00Z')",
    )
    .bind(casus)
    .bind(regio)
    .bind(soort)
    .bind(tijdstip)
    .bind(status)
    .bind(gegevens.to_string())
    .bind(org)
    .execute(&app.db)
    .await
    .expect("moment");
}

/// The registrations of Oost-Brabant in 2011, with the expected figures:
///
/// Samen op in acuut, 6 contacts (cases with pseudonyms a–f), contact at 10:00:
/// - ter plaatse: a–e (5 of 6 = 83.3%); f telefonisch;
/// - response minutes 30, 20, 45, 60, 10, 5 → sorted 5 10 20 30 45 60 → median 25 (n=6);
/// - VT-melding: a, b, c (3 of 6) → teller suppressed.
///
/// Repeat rate: the 2011 cases with a pseudonym are a–f plus one erased case with frozen
/// flag "repeat" (7). Earlier cases: a 2010-06-01 (273 days before: repeat), b 2010-09-15 in
/// Limburg (repeat, any region counts), c 2009-01-01 (more than 12 months: no), d 2010-12-01
/// (repeat), e none, f 2010-11-01 (repeat). Teller a, b, d, f + frozen = 5 of 7 = 71.4%.
///
/// ZSM, 6 arrests without pseudonym: 5 on weekdays (Mon 2011-03-07), 1 on Saturday
/// 2011-03-12. VT aan tafel in 5 (4 weekday, the Saturday one), niet in 1: 5 of 6 = 83.3%.
/// The weekend count 1 is suppressed, so the weekday count 5 is hidden as well.
///
/// Actie-overleg meetings: 6 in 2011; Politie present at 6 of 6, OM at 4 of 6.
async fn vul(app: &TestApp) {
    let n: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM moment WHERE tijdstip >= '2009' AND tijdstip < '2012'",
    )
    .fetch_one(&app.db)
    .await
    .expect("tellen");
    assert_eq!(
        n, 0,
        "de demogegevens gebruiken {JAAR} al; kies een ander jaar voor deze test"
    );
    let politie = org_id(app, "politie-oost-brabant").await;
    let om = org_id(app, "om-oost-brabant").await;
    let vt = org_id(app, "vt-oost-brabant").await;
    let limburg = org_id(app, "netwerk-limburg").await;

    let acuut = [
        ("A", "ter_plaatse", "10:30", true),
        ("B", "ter_plaatse", "10:20", true),
        ("C", "ter_plaatse", "10:45", true),
        ("D", "ter_plaatse", "11:00", false),
        ("E", "ter_plaatse", "10:10", false),
        ("F", "telefonisch", "10:05", false),
    ];
    for (k, (p, reactie, om_tijd, melding)) in acuut.iter().enumerate() {
        let c = casus(app, REGIO, Some(&format!("test-{p}")), None).await;
        let dag = format!("2011-03-{:02}", k + 1);
        let mut g = json!({
            "reactie": reactie,
            "reactie_tijdstip": format!("{dag}T{om_tijd}"),
            "veiligheidsbeoordeling": "ja",
        });
        if *melding {
            g["vt_melding_datum"] = json!(dag);
        }
        moment(app, c, REGIO, "acuut", &format!("{dag}T10:00"), g, politie).await;
    }
    for (p, regio, tijdstip) in [
        ("A", REGIO, "2010-06-01T10:00"),
        ("B", "limburg", "2010-09-15T10:00"),
        ("C", REGIO, "2009-01-01T10:00"),
        ("D", REGIO, "2010-12-01T10:00"),
        ("F", REGIO, "2010-11-01T10:00"),
    ] {
        let c = casus(app, regio, Some(&format!("test-{p}")), None).await;
        let org = if regio == REGIO { politie } else { limburg };
        moment(
            app,
            c,
            regio,
            "acuut",
            tijdstip,
            json!({"reactie": "telefonisch"}),
            org,
        )
        .await;
    }
    let zsm = [
        ("2011-03-07T09:00", "aan_tafel", Some(true)),
        ("2011-03-07T11:00", "aan_tafel", None),
        ("2011-03-07T13:00", "aan_tafel", None),
        ("2011-03-07T15:00", "aan_tafel", None),
        ("2011-03-07T22:00", "niet", None),
        ("2011-03-12T14:00", "aan_tafel", None),
    ];
    for (tijdstip, vt_betrokkenheid, bevroren) in zsm {
        let c = casus(app, REGIO, None, bevroren).await;
        let g = json!({"vt_betrokkenheid": vt_betrokkenheid, "contact_verkregen": "ja", "veiligheidsbeoordeling": "ja", "vt_afdoeningsoverleg": "nee"});
        moment(app, c, REGIO, "zsm", tijdstip, g, politie).await;
    }
    let overleg: i64 = sqlx::query_scalar(
        "INSERT INTO overleg (regio_code, naam, weekdag, tijd, frequentie, voorzitter_organisatie_id)
         VALUES ($1, 'Actie-overleg (test)', 4, '13:00', 'wekelijks', $2) RETURNING id",
    )
    .bind(REGIO)
    .bind(om)
    .fetch_one(&app.db)
    .await
    .expect("overleg");
    for org in [politie, om, vt] {
        sqlx::query("INSERT INTO overleg_organisatie (overleg_id, organisatie_id, wijze) VALUES ($1, $2, 'vast')")
            .bind(overleg)
            .bind(org)
            .execute(&app.db)
            .await
            .expect("overleg_organisatie");
    }
    for k in 0..6 {
        let v: i64 = sqlx::query_scalar(
            "INSERT INTO vergadering (overleg_id, datum) VALUES ($1, $2) RETURNING id",
        )
        .bind(overleg)
        .bind(format!("2011-0{}-03", k + 2))
        .fetch_one(&app.db)
        .await
        .expect("vergadering");
        for (org, aanwezig) in [(politie, true), (om, k < 4)] {
            sqlx::query("INSERT INTO vergadering_aanwezigheid (vergadering_id, organisatie_id, aanwezig) VALUES ($1, $2, $3)")
                .bind(v)
                .bind(org)
                .bind(aanwezig)
                .execute(&app.db)
                .await
                .expect("aanwezigheid");
        }
    }
}

fn vind<'a>(json: &'a Value, code: &str, extra: Option<(&str, &str)>) -> &'a Value {
    json["indicatoren"]
        .as_array()
        .expect("indicatoren")
        .iter()
        .find(|i| i["code"] == code && extra.is_none_or(|(veld, waarde)| i[veld] == waarde))
        .unwrap_or_else(|| panic!("geen indicator {code} {extra:?} in {json}"))
}

/// (teller, noemer, waarde, onderdrukt) as JSON values.
fn cijfers(i: &Value) -> (Value, Value, Value, Value) {
    (
        i["teller"].clone(),
        i["noemer"].clone(),
        i["waarde"].clone(),
        i["onderdrukt"].clone(),
    )
}

#[tokio::test]
async fn indicatoren_api_met_onderdrukking() {
    let app = start().await;
    vul(&app).await;
    let token = api_token(&app, MEDEWERKER).await;
    let (status, headers, json) = api_get(
        &app,
        &token,
        &format!("/api/v1/indicatoren?regio={REGIO}&periode={JAAR}"),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{json}");
    assert_eq!(content_type(&headers), "application/json");
    assert_eq!(json["regio"], REGIO);
    assert_eq!(json["periode"], JAAR);
    assert_eq!(json["drempel"], 5);

    // Every indicator carries the contract fields.
    for i in json["indicatoren"].as_array().expect("indicatoren") {
        for veld in [
            "thema",
            "indicator",
            "teller",
            "noemer",
            "waarde",
            "onderdrukt",
        ] {
            assert!(i.get(veld).is_some(), "{veld} ontbreekt in {i}");
        }
        // No number below the threshold is ever returned.
        for veld in ["teller", "noemer"] {
            if let Some(n) = i[veld].as_u64() {
                assert!(n >= 5, "{veld} = {n} in {i}");
            }
        }
    }

    let a = vind(&json, "acuut_aantal", None);
    assert_eq!(
        cijfers(a),
        (json!(6), Value::Null, json!(6.0), json!(false))
    );
    assert_eq!(a["thema"], "Samen op in acuut");
    assert_eq!(a["soort"], "aantal");
    // The Werkset indicator it underpins, from data/indicatoren/.
    assert_eq!(a["werkset"], json!(["2.u1"]));
    assert_eq!(
        cijfers(vind(&json, "acuut_ter_plaatse", None)),
        (json!(5), json!(6), json!(83.3), json!(false))
    );
    let r = vind(&json, "acuut_responstijd", None);
    assert_eq!(
        cijfers(r),
        (Value::Null, json!(6), json!(25.0), json!(false))
    );
    assert_eq!(r["weergave"], "mediaan 25 minuten (n=6)");
    // 3 of 6: the small teller is null and no percentage is given.
    let m = vind(&json, "acuut_vt_melding", None);
    assert_eq!(
        cijfers(m),
        (Value::Null, json!(6), Value::Null, json!(true))
    );
    assert_eq!(m["weergave"], "<5 van 6");

    let h = vind(&json, "herhaling", None);
    assert_eq!(cijfers(h), (json!(5), json!(7), json!(71.4), json!(false)));
    assert_eq!(
        h["thema"],
        "Samenhang, kennisontwikkeling en blijvend verbeteren"
    );
    assert_eq!(h["thema_nummer"], 1);

    let z = |dagdeel| vind(&json, "zsm_aantal", Some(("dagdeel", dagdeel)));
    assert_eq!(
        cijfers(z("totaal")),
        (json!(6), Value::Null, json!(6.0), json!(false))
    );
    assert_eq!(
        cijfers(z("weekend")),
        (Value::Null, Value::Null, Value::Null, json!(true))
    );
    assert_eq!(z("weekend")["weergave"], "<5");
    // 6 − 1: the weekday count would reveal the weekend count, so it is hidden too.
    assert_eq!(
        cijfers(z("werkdag")),
        (Value::Null, Value::Null, Value::Null, json!(true))
    );
    assert_eq!(z("werkdag")["weergave"], "afgeschermd");
    let v = vind(&json, "zsm_vt_betrokken", Some(("dagdeel", "totaal")));
    assert_eq!(cijfers(v), (json!(5), json!(6), json!(83.3), json!(false)));
    assert_eq!(
        v["thema"],
        "Gezamenlijke aanpak huiselijk geweld door VT & ZSM"
    );

    let p = vind(
        &json,
        "ao_aanwezigheid",
        Some(("organisatie", "Politie eenheid Oost-Brabant (demo)")),
    );
    assert_eq!(cijfers(p), (json!(6), json!(6), json!(100.0), json!(false)));
    let o = vind(
        &json,
        "ao_aanwezigheid",
        Some(("organisatie", "OM arrondissement Oost-Brabant (demo)")),
    );
    assert_eq!(
        cijfers(o),
        (Value::Null, json!(6), Value::Null, json!(true))
    );

    // Nothing registered: the count 0 is below the threshold too.
    let s = vind(&json, "ssk_aantal", None);
    assert_eq!(
        cijfers(s),
        (Value::Null, Value::Null, Value::Null, json!(true))
    );
    assert_eq!(s["weergave"], "<5");
    assert_eq!(json["met_gegevens"], true);

    // A region-year in which nothing was recorded: the same nulls, but said as "geen gegevens".
    let (status, _, leeg) = api_get(
        &app,
        &token,
        &format!("/api/v1/indicatoren?regio=limburg&periode={JAAR}"),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{leeg}");
    assert_eq!(leeg["met_gegevens"], false);
    let indicatoren = leeg["indicatoren"].as_array().expect("indicatoren");
    assert!(!indicatoren.is_empty());
    for i in indicatoren {
        assert_eq!(i["weergave"], "geen gegevens", "{i}");
        assert!(i["teller"].is_null(), "{i}");
    }
}

#[tokio::test]
async fn indicatoren_api_vraagt_token_en_geldige_invoer() {
    let app = start().await;
    let pad = format!("/api/v1/indicatoren?regio={REGIO}&periode={JAAR}");
    let r = client().get(app.url(&pad)).send().await.expect("GET");
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    let r = client()
        .get(app.url(&pad))
        .bearer_auth(ONBEKEND_TOKEN)
        .send()
        .await
        .expect("GET");
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);

    let token = api_token(&app, LEZER).await;
    let fout = |json: &Value, veld: &str| -> String {
        json["invalid-params"]
            .as_array()
            .expect("invalid-params")
            .iter()
            .find(|f| f["veld"] == veld)
            .unwrap_or_else(|| panic!("geen fout bij {veld}: {json}"))["melding"]
            .as_str()
            .expect("melding")
            .to_string()
    };
    let (status, headers, json) = api_get(
        &app,
        &token,
        &format!("/api/v1/indicatoren?regio={REGIO}&periode=20x1"),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(content_type(&headers), "application/problem+json");
    assert_eq!(json["title"], "Ongeldige invoer");
    assert_eq!(
        fout(&json, "periode"),
        "'20x1' is geen geldige periode; gebruik een jaartal, bijvoorbeeld 2025."
    );

    let (status, _, json) = api_get(
        &app,
        &token,
        "/api/v1/indicatoren?regio=atlantis&periode=2025",
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        fout(&json, "regio").starts_with("Onbekende regio 'atlantis'."),
        "{json}"
    );

    let (status, _, json) = api_get(&app, &token, "/api/v1/indicatoren").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        fout(&json, "regio"),
        "Geef een regio op, bijvoorbeeld regio=oost-brabant."
    );
    assert_eq!(
        fout(&json, "periode"),
        "Geef een periode op: een jaartal, bijvoorbeeld periode=2025."
    );

    // Any authenticated user may read them, also for another region (suppressed aggregates).
    let (status, _, json) = api_get(
        &app,
        &token,
        "/api/v1/indicatoren?regio=limburg&periode=2025",
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{json}");
    assert_eq!(json["regio"], "limburg");

    // The path is in the OpenAPI document.
    let (status, _, openapi) = api_get(&app, &token, "/api/v1/openapi.json").await;
    assert_eq!(status, StatusCode::OK);
    assert!(openapi["paths"]["/indicatoren"]["get"].is_object());
}

#[tokio::test]
async fn werkset_pagina_en_rapport_tonen_de_berekende_indicatoren() {
    let app = start().await;
    vul(&app).await;
    let c = login(&app, COORDINATOR).await;
    // askama escapes "<" as "&#60;"; compare in one spelling.
    let html = pagina(&c, &app, &format!("/werkset/{REGIO}/{JAAR}"))
        .await
        .replace("&#60;", "&lt;");
    assert!(
        html.contains("Berekend uit de registraties"),
        "geen sectie met berekende indicatoren"
    );
    // Repeat rate under theme 1: teller 5, noemer 7, 71,4%.
    let thema1 = &html[html.find("id=\"thema-1\"").expect("thema 1")
        ..html.find("id=\"thema-2\"").expect("thema 2")];
    assert!(
        thema1.contains("Herhaald incident binnen 12 maanden"),
        "{thema1}"
    );
    assert!(
        thema1.contains("<td>5</td><td>7</td><td>71,4%</td>"),
        "{thema1}"
    );
    // VT-melding: the suppressed teller shows as "<5", without percentage.
    let thema2 = &html[html.find("id=\"thema-2\"").expect("thema 2")
        ..html.find("id=\"thema-3\"").expect("thema 3")];
    assert!(
        thema2.contains(
            "Gevolgd door een VT-melding</th><td>&lt;5</td><td>6</td><td>niet getoond</td>"
        ),
        "{thema2}"
    );
    // Each definition names the Werkset indicators the measure underpins.
    assert!(
        thema2.contains("Onderbouwt in de Werkset: 2.u1 Crisismeldingen."),
        "{thema2}"
    );

    let rapport = pagina(&c, &app, &format!("/werkset/{REGIO}/{JAAR}/rapport.html"))
        .await
        .replace("&#60;", "&lt;");
    assert!(rapport.contains("Kengetallen"));
    // Section 1.3 (Waarde) holds the repeat rate; 2.3 the suppressed VT-melding share.
    let s13 = &rapport
        [rapport.find("id=\"s1.3\"").expect("1.3")..rapport.find("id=\"s2.1\"").expect("2.1")];
    assert!(s13.contains("5 van 7 (71,4%)"), "{s13}");
    let s23 = &rapport
        [rapport.find("id=\"s2.3\"").expect("2.3")..rapport.find("id=\"s3.1\"").expect("3.1")];
    assert!(s23.contains("&lt;5 van 6"), "{s23}");
    // Section 2.2 (Uitvoeringsinspanningen) holds the count and the response time.
    let s22 = &rapport
        [rapport.find("id=\"s2.2\"").expect("2.2")..rapport.find("id=\"s2.3\"").expect("2.3")];
    assert!(s22.contains("mediaan 25 minuten (n=6)"), "{s22}");
}
