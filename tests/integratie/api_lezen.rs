//! The complete API against its generated document: every documented operation answers with
//! a documented status and content type, collections page with `Link` and `X-Total-Count`,
//! and the new read and write operations keep the pages' permissions.

use crate::common::*;
use reqwest::StatusCode;
use serde_json::{Value, json};

async fn document(app: &TestApp) -> Value {
    client()
        .get(app.url("/api/v1/openapi.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

/// A documented path with its parameters filled from the demo data.
fn ingevuld(pad: &str) -> String {
    pad.replace("{id}", "1")
        .replace("{code}", "dommelstad")
        .replace("{regio}", "oost-brabant")
        .replace("{periode}", "2025")
        .replace("{thema}", "1")
}

/// Every operation in the document exists on the server (no 404 from the router, no 405) and
/// answers with a status the document lists, in the documented content type.
#[tokio::test]
async fn elke_gedocumenteerde_operatie_antwoordt_zoals_beschreven() {
    let app = start().await;
    let token = api_token(&app, COORDINATOR).await;
    let doc = document(&app).await;
    let mut aantal = 0;
    for (pad, item) in doc["paths"].as_object().unwrap() {
        for (methode, op) in item.as_object().unwrap() {
            let url = app.url(&format!("/api/v1{}", ingevuld(pad)));
            let verzoek = match methode.as_str() {
                "get" => client().get(&url),
                "put" => client().put(&url).json(&json!([])),
                "post" => client().post(&url).json(&json!({})),
                "patch" => client().patch(&url).json(&json!({})),
                m => panic!("onverwachte methode {m} voor {pad}"),
            };
            let r = verzoek.bearer_auth(&token).send().await.unwrap();
            let status = r.status();
            let soort = r
                .headers()
                .get("content-type")
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_string();
            let lichaam = r.bytes().await.unwrap();
            assert_ne!(status, StatusCode::METHOD_NOT_ALLOWED, "{methode} {pad}");
            let antwoorden = &op["responses"];
            assert!(
                antwoorden.get(status.as_str()).is_some(),
                "{methode} {pad}: status {status} staat niet in het document: {}",
                String::from_utf8_lossy(&lichaam)
            );
            if status.is_success() {
                let inhoud = &antwoorden[status.as_str()]["content"];
                if let Some(typen) = inhoud.as_object() {
                    assert!(
                        typen.keys().any(|t| soort.starts_with(t.as_str())),
                        "{methode} {pad}: {soort} niet in {typen:?}"
                    );
                }
                match soort.as_str() {
                    "application/pdf" => assert!(lichaam.starts_with(b"%PDF"), "{pad}"),
                    s if s.contains("spreadsheetml") => assert!(lichaam.starts_with(b"PK")),
                    s if s.starts_with("application/json") => {
                        serde_json::from_slice::<Value>(&lichaam).expect("JSON");
                    }
                    _ => {}
                }
            } else if status != StatusCode::NO_CONTENT {
                assert_eq!(soort, "application/problem+json", "{methode} {pad}");
            }
            aantal += 1;
        }
    }
    assert!(aantal >= 21, "{aantal} operaties");
}

/// The `rel` links of a `Link` header.
fn links(h: &reqwest::header::HeaderMap) -> Vec<(String, String)> {
    h.get("link")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .split(", ")
        .filter_map(|l| {
            let (adres, rel) = l.split_once(">; rel=\"")?;
            Some((
                rel.trim_end_matches('"').to_string(),
                adres.trim_start_matches('<').to_string(),
            ))
        })
        .collect()
}

/// Following `next` from the first page visits every organisation once, in order, and the
/// total header matches; the other query parameters stay in the links.
#[tokio::test]
async fn organisaties_pagineren_met_links() {
    let app = start().await;
    let token = api_token(&app, LEZER).await;
    let (status, _, alle) = api_get(
        &app,
        &token,
        "/api/v1/organisaties?regio=oost-brabant&perPagina=500",
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let alle: Vec<String> = alle
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["code"].as_str().unwrap().to_string())
        .collect();
    assert!(alle.len() > 7, "{alle:?}");
    let mut gezien = vec![];
    let mut pad = "/api/v1/organisaties?regio=oost-brabant&perPagina=3".to_string();
    let mut paginas = 0;
    loop {
        let (status, h, json) = api_get(&app, &token, &pad).await;
        assert_eq!(status, StatusCode::OK, "{pad}");
        assert_eq!(
            h.get("x-total-count").and_then(|v| v.to_str().ok()),
            Some(alle.len().to_string().as_str())
        );
        let pagina = json.as_array().unwrap();
        assert!(pagina.len() <= 3);
        assert!(pagina.iter().all(|o| o["regio"] == "oost-brabant"));
        gezien.extend(
            pagina
                .iter()
                .map(|o| o["code"].as_str().unwrap().to_string()),
        );
        let l = links(&h);
        assert!(l.iter().any(|(rel, _)| rel == "first") && l.iter().any(|(rel, _)| rel == "last"));
        paginas += 1;
        match l.into_iter().find(|(rel, _)| rel == "next") {
            Some((_, volgende)) => {
                assert!(volgende.contains("regio=oost-brabant"), "{volgende}");
                pad = volgende;
            }
            None => break,
        }
    }
    assert_eq!(gezien, alle);
    assert_eq!(paginas, alle.len().div_ceil(3));
    // Wrong paging and filters: one 400 naming the parameter.
    let (status, _, json) = api_get(&app, &token, "/api/v1/organisaties?perPagina=501").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(json["invalid-params"][0]["veld"], "perPagina", "{json}");
    let (status, _, json) = api_get(&app, &token, "/api/v1/organisaties?soort=bakker").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(json["invalid-params"][0]["veld"], "soort", "{json}");
    // A kind filter gives only that kind.
    let (_, _, vt) = api_get(&app, &token, "/api/v1/organisaties?soort=veilig_thuis").await;
    let vt = vt.as_array().unwrap();
    assert!(!vt.is_empty() && vt.iter().all(|o| o["soort"] == "veilig_thuis"));
}

/// GET of one gemeente's answers: every question once (unanswered as null), what a PUT wrote
/// is read back, and a gemeente the user may not see is refused as on the pages.
#[tokio::test]
async fn antwoorden_lezen_met_de_rechten_van_de_pagina() {
    let app = start().await;
    let medewerker = api_token(&app, MEDEWERKER).await; // dommelstad
    let pad = "/api/v1/zelfscan-rondes/2/gemeenten/dommelstad/antwoorden";
    let (status, _, vragenlijst) =
        api_get(&app, &medewerker, "/api/v1/zelfscan-rondes/2/vragenlijst").await;
    assert_eq!(status, StatusCode::OK);
    let vragen = vragenlijst["vragen"].as_array().unwrap().len();
    assert!(vragen > 0);
    let (status, _, put) = api_put(
        &app,
        &medewerker,
        pad,
        &json!([{"vraag": 2, "antwoord": "op_orde", "toelichting": "Via de API (fictief)."},
                {"vraag": 3, "antwoord": null}]),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{put}");
    let (status, _, blad) = api_get(&app, &medewerker, pad).await;
    assert_eq!(status, StatusCode::OK, "{blad}");
    let antwoorden = blad["antwoorden"].as_array().unwrap();
    assert_eq!(antwoorden.len(), vragen);
    let nummers: Vec<i64> = antwoorden
        .iter()
        .map(|a| a["vraag"].as_i64().unwrap())
        .collect();
    assert_eq!(nummers, (1..=vragen as i64).collect::<Vec<_>>());
    assert_eq!(antwoorden[1]["antwoord"], "op_orde");
    assert_eq!(antwoorden[1]["toelichting"], "Via de API (fictief).");
    assert_eq!(
        antwoorden[2]["antwoord"],
        Value::Null,
        "nog niet beantwoord"
    );
    assert_eq!(blad["mag_schrijven"], true);
    // Peelrand's reader sees Dommelstad's answers (shared with the region), without changing
    // them, but not Beekdal's (only in the regional aggregate), which Beekdal itself reads.
    let lezer = api_token(&app, LEZER).await;
    let (status, _, json) = api_get(&app, &lezer, pad).await;
    assert_eq!(
        (status, json["mag_schrijven"].as_bool()),
        (StatusCode::OK, Some(false))
    );
    let beekdal = "/api/v1/zelfscan-rondes/1/gemeenten/beekdal/antwoorden";
    let (status, _, json) = api_get(&app, &lezer, beekdal).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{json}");
    let eigen = api_token(&app, MEDEWERKER_BEEKDAL).await;
    let (status, _, json) = api_get(&app, &eigen, beekdal).await;
    assert_eq!(status, StatusCode::OK, "{json}");
    // Another region's coordinator does not find the round at all.
    let limburg = api_token(&app, COORDINATOR_LIMBURG).await;
    let (status, _, _) = api_get(&app, &limburg, pad).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _, _) = api_get(&app, &limburg, "/api/v1/zelfscan-rondes/2/gemeenten").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

/// Werkset registrations written through the API are read back through it; a read-only
/// token, another region's coordinator and invalid input are refused.
#[tokio::test]
async fn werkset_registratie_schrijven_en_lezen() {
    let app = start().await;
    let token = api_token(&app, COORDINATOR).await;
    let pad = "/api/v1/werkset/registraties/oost-brabant/2031";
    let inspanning = json!({
        "indicator": "3.u1", "partners": ["veilig_thuis", "politie"], "classificatie": "meerwerk",
        "hoeveelheid": "2,5", "eenheid": "uren_per_week", "omschrijving": "Voorbereiding Actie-overleg via de API",
        "bewijs": "werkplan", "bewijs_datum": "2031-03-01"
    });
    let r = client()
        .post(app.url(&format!("{pad}/inspanningen")))
        .bearer_auth(&token)
        .json(&inspanning)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    let id = r.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
    let r = client()
        .put(app.url(&format!("{pad}/themas/3")))
        .bearer_auth(&token)
        .json(&json!({"fase": "implementatie", "kartrekkers": ["veilig_thuis"], "verhaal_uitvoering": "Loopt (fictief)."}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    let (status, _, blad) = api_get(&app, &token, pad).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(blad["heeft_registraties"], true);
    let gelezen = blad["inspanningen"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == id)
        .expect("de nieuwe inspanning");
    assert_eq!(gelezen["partners"], json!(["veilig_thuis", "politie"]));
    assert_eq!(gelezen["hoeveelheid"], 2.5);
    let t3 = &blad["themas"][2];
    assert_eq!(
        (t3["thema"].as_i64(), t3["fase"].as_str()),
        (Some(3), Some("implementatie"))
    );
    assert_eq!(t3["verhaal_uitvoering"], "Loopt (fictief).");
    // Invalid input: 400 with the refused fields; nothing stored.
    let r = client()
        .post(app.url(&format!("{pad}/inspanningen")))
        .bearer_auth(&token)
        .json(&json!({"indicator": "9.x9", "classificatie": "veel"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let fout: Value = r.json().await.unwrap();
    assert!(
        fout["invalid-params"]
            .as_array()
            .is_some_and(|f| !f.is_empty()),
        "{fout}"
    );
    let (_, _, na) = api_get(&app, &token, pad).await;
    assert_eq!(na["inspanningen"], blad["inspanningen"]);
    // Limburg's coordinator reads Oost-Brabant (no personal data) but may not write it.
    let limburg = api_token(&app, COORDINATOR_LIMBURG).await;
    let (status, _, gelezen) = api_get(&app, &limburg, pad).await;
    assert_eq!(
        (status, gelezen["mag_schrijven"].as_bool()),
        (StatusCode::OK, Some(false))
    );
    let r = client()
        .post(app.url(&format!("{pad}/inspanningen")))
        .bearer_auth(&limburg)
        .json(&inspanning)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    // A read-only token may read, never write.
    let (lezen, _) = voorop::auth::service::token_maken(
        &app.db,
        COORDINATOR,
        voorop::auth::model::TokenBereik::Lezen,
        30,
    )
    .await
    .unwrap();
    let (status, _, _) = api_get(&app, &lezen, pad).await;
    assert_eq!(status, StatusCode::OK);
    let r = client()
        .post(app.url(&format!("{pad}/inspanningen")))
        .bearer_auth(&lezen)
        .json(&inspanning)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
}

/// Downloads through the API are the files the pages give, and the Excel export is audited.
#[tokio::test]
async fn downloads_zijn_echte_bestanden() {
    let app = start().await;
    let token = api_token(&app, COORDINATOR).await;
    let voor = audit_aantal(&app, "zelfscan.excel_geexporteerd").await;
    let r = client()
        .get(app.url("/api/v1/zelfscan-rondes/1/export"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(
        r.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains("zelfscan-ronde-1.xlsx")
    );
    let bytes = r.bytes().await.unwrap();
    let boek: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes.to_vec())).unwrap();
    assert!(!calamine::Reader::sheet_names(&boek).is_empty());
    assert_eq!(
        audit_aantal(&app, "zelfscan.excel_geexporteerd").await,
        voor + 1
    );
    let r = client()
        .get(app.url("/api/v1/werkset/rapporten/oost-brabant/2025"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.bytes().await.unwrap().starts_with(b"%PDF-"));
    let (status, _, json) = api_get(&app, &token, "/api/v1/werkset/export?periode=1999").await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{json}");
}

/// One entry shared by several partners appears once in the report, in the table of shared
/// entries with its partners, and in none of the single partners' tables.
#[tokio::test]
async fn gedeelde_post_een_keer_in_het_rapport() {
    let app = start().await;
    let token = api_token(&app, COORDINATOR).await;
    let omschrijving = "Gezamenlijke training door vijf partners (fictief)";
    let r = client()
        .post(app.url("/api/v1/werkset/registraties/oost-brabant/2032/inspanningen"))
        .bearer_auth(&token)
        .json(&json!({
            "indicator": "3.u1", "partners": ["veilig_thuis", "politie", "om", "rvdk", "3ro"],
            "classificatie": "meerwerk", "hoeveelheid": "14000", "eenheid": "euro",
            "omschrijving": omschrijving, "bewijs": "werkplan", "bewijs_datum": "2032-03-01"
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.status(),
        StatusCode::CREATED,
        "{}",
        r.text().await.unwrap()
    );
    let c = login(&app, COORDINATOR).await;
    let html = pagina(&c, &app, "/werkset/oost-brabant/2032/rapport.html").await;
    assert_eq!(
        html.matches(omschrijving).count(),
        1,
        "één keer in het rapport"
    );
    let tabel = html
        .split("<table")
        .find(|t| t.contains(omschrijving))
        .expect("tabel met de post");
    assert!(tabel.contains("Gedeeld door meerdere partners"), "{tabel}");
    for partner in ["Veilig Thuis", "Politie", "Openbaar Ministerie"] {
        assert!(
            tabel.contains(partner),
            "{partner} staat bij de post: {tabel}"
        );
    }
    assert!(tabel.contains("€ 14.000"), "{tabel}");
}
