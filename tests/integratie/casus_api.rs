//! The case API (issue 11) round trip: a police system registers a ZSM case, reads it back,
//! changes one field, records an afspraak and marks it done, sets a step, and reads Mijn werk;
//! a retried POST with the same Idempotency-Key registers once; a partner that does not take
//! part sees process data only; a read-only token changes nothing.

use crate::common::*;
use reqwest::StatusCode;
use reqwest::header::HeaderMap;
use serde_json::{Value, json};

const POLITIE: &str = "politie@demo.voorop.nl";
const OM: &str = "om@demo.voorop.nl";

/// Sends a JSON body with a method to an API path: status, headers, JSON (or text) body.
async fn verstuur(
    app: &TestApp,
    token: &str,
    (methode, pad): (reqwest::Method, &str),
    body: &Value,
    sleutel: Option<&str>,
) -> (StatusCode, HeaderMap, Value) {
    let mut v = client()
        .request(methode, app.url(pad))
        .bearer_auth(token)
        .json(body);
    if let Some(s) = sleutel {
        v = v.header("Idempotency-Key", s);
    }
    let r = v.send().await.expect("API-verzoek");
    let status = r.status();
    let headers = r.headers().clone();
    let tekst = r.text().await.expect("body");
    let json = serde_json::from_str(&tekst).unwrap_or(Value::String(tekst));
    (status, headers, json)
}

async fn aantal_momenten(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM moment")
        .fetch_one(&app.db)
        .await
        .expect("tellen")
}

fn zsm(feiten: &str) -> Value {
    let aanhouding =
        voorop::casus::model::plus_minuten(&voorop::casus::model::nu_lokaal(), -90).unwrap();
    json!({
        "soort": "zsm",
        "tijdstip": aanhouding,
        "velden": {
            "vt_betrokkenheid": "telefonisch",
            "contact_verkregen": "ja",
            "veiligheidsbeoordeling": "nee",
            "vt_afdoeningsoverleg": "nee",
            "feiten": feiten
        }
    })
}

#[tokio::test]
async fn registreren_lezen_wijzigen_en_afspraken_via_de_api() {
    let app = start().await;
    let politie = api_token(&app, POLITIE).await;
    let post = reqwest::Method::POST;
    let patch = reqwest::Method::PATCH;

    // Registered once, however often the same request is retried with its key.
    let voor = aantal_momenten(&app).await;
    let lichaam = zsm("Geheim-feit-XQ7");
    let (status, headers, json) = verstuur(
        &app,
        &politie,
        (post.clone(), "/api/v1/afstemmingsmomenten"),
        &lichaam,
        Some("zsm-4f1c"),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{json}");
    let id = json["id"].as_i64().expect("id");
    assert_eq!(
        location(&headers),
        format!("/api/v1/afstemmingsmomenten/{id}")
    );
    let (status, headers, nog_eens) = verstuur(
        &app,
        &politie,
        (post.clone(), "/api/v1/afstemmingsmomenten"),
        &lichaam,
        Some("zsm-4f1c"),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{nog_eens}");
    assert_eq!(nog_eens["id"].as_i64(), Some(id));
    assert_eq!(
        headers
            .get("idempotent-replayed")
            .and_then(|v| v.to_str().ok()),
        Some("true")
    );
    assert_eq!(aantal_momenten(&app).await, voor + 1);
    // The same key with another request is refused, and registers nothing.
    let (status, _, fout) = verstuur(
        &app,
        &politie,
        (post.clone(), "/api/v1/afstemmingsmomenten"),
        &zsm("Ander feit"),
        Some("zsm-4f1c"),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{fout}");
    assert!(fout.to_string().contains("Idempotency-Key"), "{fout}");
    assert_eq!(aantal_momenten(&app).await, voor + 1);
    // Without a key every POST registers; a rejected one registers nothing and says why.
    let mut fout_lichaam = zsm("x");
    fout_lichaam["tijdstip"] = json!("morgen");
    let (status, _, fout) = verstuur(
        &app,
        &politie,
        (post.clone(), "/api/v1/afstemmingsmomenten"),
        &fout_lichaam,
        None,
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{fout}");
    assert_eq!(fout["invalid-params"][0]["veld"], "tijdstip", "{fout}");
    assert_eq!(aantal_momenten(&app).await, voor + 1);

    // The participant reads the personal data, audited.
    let gelezen = audit_aantal(&app, "casus.persoonsgegevens_gelezen").await;
    let pad = format!("/api/v1/afstemmingsmomenten/{id}");
    let (status, _, m) = api_get(&app, &politie, &pad).await;
    assert_eq!(status, StatusCode::OK, "{m}");
    assert_eq!(m["soort"], "zsm");
    assert_eq!(m["persoonsgegevens"], "zichtbaar");
    assert_eq!(m["persoon"]["feiten"], "Geheim-feit-XQ7");
    assert_eq!(m["velden"]["vt_betrokkenheid"], "telefonisch");
    assert!(m["zsm_deadline"].is_string(), "{m}");
    assert_eq!(
        audit_aantal(&app, "casus.persoonsgegevens_gelezen").await,
        gelezen + 1
    );
    let politie_org = m["deelnemers"][0]["organisatie"]
        .as_i64()
        .expect("deelnemer");

    // Another partner of the region sees process data only, and may not change it.
    let om = api_token(&app, OM).await;
    let (status, _, m_om) = api_get(&app, &om, &pad).await;
    assert_eq!(status, StatusCode::OK, "{m_om}");
    assert_eq!(m_om["persoonsgegevens"], "geen_toegang");
    assert!(m_om["persoon"].is_null());
    assert!(!m_om.to_string().contains("Geheim-feit-XQ7"), "{m_om}");
    let (status, _, _) = verstuur(
        &app,
        &om,
        (patch.clone(), &pad),
        &json!({"velden": {"feiten": "overschreven"}}),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    // PATCH changes what is sent and keeps the rest.
    let (status, _, w) = verstuur(
        &app,
        &politie,
        (patch.clone(), &pad),
        &json!({"velden": {"feiten": "Nieuw-feit-Z9"}}),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{w}");
    let (_, _, m) = api_get(&app, &politie, &pad).await;
    assert_eq!(m["persoon"]["feiten"], "Nieuw-feit-Z9");
    assert_eq!(m["velden"]["vt_betrokkenheid"], "telefonisch");
    assert_eq!(m["velden"]["contact_verkregen"], "ja");

    // The list: filtered, paged, without free text or personal data.
    let (status, headers, lijst) = api_get(
        &app,
        &politie,
        "/api/v1/afstemmingsmomenten?soort=zsm&deelname=eigen&perPagina=5",
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{lijst}");
    let ids: Vec<i64> = lijst
        .as_array()
        .expect("lijst")
        .iter()
        .map(|m| m["id"].as_i64().unwrap())
        .collect();
    assert!(ids.contains(&id), "{ids:?}");
    assert!(ids.len() <= 5);
    assert!(
        lijst
            .as_array()
            .unwrap()
            .iter()
            .all(|m| m["soort"] == "zsm")
    );
    assert!(!lijst.to_string().contains("Nieuw-feit-Z9"));
    let totaal: usize = headers["x-total-count"].to_str().unwrap().parse().unwrap();
    assert!(totaal >= ids.len());
    let (status, _, fout) =
        api_get(&app, &politie, "/api/v1/afstemmingsmomenten?soort=onzin").await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{fout}");
    assert_eq!(fout["invalid-params"][0]["veld"], "soort");

    // An afspraak: recorded once with its key, listed without its text, marked done.
    let deadline = voorop::casus::model::plus_dagen(&voorop::db::vandaag(), 3).unwrap();
    let afspraak = json!({
        "moment": id, "eigenaar": politie_org, "soort": "direct",
        "omschrijving": "Tekst-van-afspraak-K3", "deadline": deadline
    });
    let (status, headers, a) = verstuur(
        &app,
        &politie,
        (post.clone(), "/api/v1/afspraken"),
        &afspraak,
        Some("afspraak-1"),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{a}");
    assert_eq!(location(&headers), pad);
    let afspraak_id = a["id"].as_i64().unwrap();
    let (_, _, a2) = verstuur(
        &app,
        &politie,
        (post.clone(), "/api/v1/afspraken"),
        &afspraak,
        Some("afspraak-1"),
    )
    .await;
    assert_eq!(a2["id"].as_i64(), Some(afspraak_id));
    let (_, _, m) = api_get(&app, &politie, &pad).await;
    assert_eq!(m["afspraken"].as_array().unwrap().len(), 1, "{m}");
    assert_eq!(m["afspraken"][0]["omschrijving"], "Tekst-van-afspraak-K3");

    let (status, _, open) = api_get(&app, &politie, "/api/v1/afspraken?status=open").await;
    assert_eq!(status, StatusCode::OK, "{open}");
    let rij = open
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"].as_i64() == Some(afspraak_id))
        .expect("de nieuwe afspraak staat in de lijst");
    assert_eq!(rij["moment"].as_i64(), Some(id));
    assert!(!open.to_string().contains("Tekst-van-afspraak-K3"));

    // Mijn werk shows the running clock and the afspraak due, by number only.
    let (status, _, werk) = api_get(&app, &politie, "/api/v1/mijn-werk").await;
    assert_eq!(status, StatusCode::OK, "{werk}");
    assert!(
        werk["klokken"]
            .as_array()
            .unwrap()
            .iter()
            .any(|k| k["moment"].as_i64() == Some(id)),
        "{werk}"
    );
    assert!(
        werk["afspraken"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["id"].as_i64() == Some(afspraak_id)),
        "{werk}"
    );
    assert!(!werk.to_string().contains("Nieuw-feit-Z9"));

    // OM may not mark the police's afspraak done; the police may.
    let afspraak_pad = format!("/api/v1/afspraken/{afspraak_id}");
    let gereed = json!({"status": "gereed", "resultaat": "Gesprek gevoerd"});
    let (status, _, _) = verstuur(&app, &om, (patch.clone(), &afspraak_pad), &gereed, None).await;
    assert!(
        status == StatusCode::FORBIDDEN || status == StatusCode::NOT_FOUND,
        "{status}"
    );
    let (status, _, w) = verstuur(
        &app,
        &politie,
        (patch.clone(), &afspraak_pad),
        &gereed,
        None,
    )
    .await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{w}");
    let (_, _, m) = api_get(&app, &politie, &pad).await;
    assert_eq!(m["afspraken"][0]["status"], "gereed");
    assert_eq!(m["afspraken"][0]["resultaat"], "Gesprek gevoerd");

    // A step: closing the ZSM moment (no open afspraken left, so no confirmation needed).
    let (status, _, s) = verstuur(
        &app,
        &politie,
        (post.clone(), &format!("{pad}/stappen")),
        &json!({"stap": "afronden"}),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{s}");
    assert_eq!(s["status"], "afgerond");
    let (_, _, m) = api_get(&app, &politie, &pad).await;
    assert_eq!(m["status"], "afgerond");
}

#[tokio::test]
async fn afronden_met_open_afspraken_vraagt_bevestiging() {
    let app = start().await;
    let politie = api_token(&app, POLITIE).await;
    let (_, _, json) = verstuur(
        &app,
        &politie,
        (reqwest::Method::POST, "/api/v1/afstemmingsmomenten"),
        &zsm("f"),
        None,
    )
    .await;
    let id = json["id"].as_i64().expect("id");
    let pad = format!("/api/v1/afstemmingsmomenten/{id}");
    let (_, _, m) = api_get(&app, &politie, &pad).await;
    let org = m["deelnemers"][0]["organisatie"].as_i64().unwrap();
    let deadline = voorop::casus::model::plus_dagen(&voorop::db::vandaag(), 3).unwrap();
    let (status, _, a) = verstuur(
        &app,
        &politie,
        (reqwest::Method::POST, "/api/v1/afspraken"),
        &json!({"moment": id, "eigenaar": org, "soort": "direct", "omschrijving": "x", "deadline": deadline}),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{a}");
    let stappen = format!("{pad}/stappen");
    let (status, _, fout) = verstuur(
        &app,
        &politie,
        (reqwest::Method::POST, &stappen),
        &json!({"stap": "afronden"}),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT, "{fout}");
    assert!(
        fout["detail"].as_str().unwrap().contains("bevestigd=ja"),
        "{fout}"
    );
    let (_, _, m) = api_get(&app, &politie, &pad).await;
    assert_eq!(m["status"], "open");
    let (status, _, s) = verstuur(
        &app,
        &politie,
        (reqwest::Method::POST, &stappen),
        &json!({"stap": "afronden", "bevestigd": "ja"}),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{s}");
    assert_eq!(s["status"], "afgerond");
}

#[tokio::test]
async fn een_leestoken_of_een_gemeente_schrijft_niets() {
    let app = start().await;
    let voor = aantal_momenten(&app).await;
    let (lees, _) = voorop::auth::service::token_maken(
        &app.db,
        POLITIE,
        voorop::auth::model::TokenBereik::Lezen,
        30,
    )
    .await
    .expect("token");
    let (status, _, _) = verstuur(
        &app,
        &lees,
        (reqwest::Method::POST, "/api/v1/afstemmingsmomenten"),
        &zsm("f"),
        Some("k1"),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _, lijst) = api_get(&app, &lees, "/api/v1/afstemmingsmomenten").await;
    assert_eq!(status, StatusCode::OK, "{lijst}");
    // A gemeente has no case process: refused before its body is read (even a broken one).
    let gemeente = api_token(&app, MEDEWERKER).await;
    let r = client()
        .post(app.url("/api/v1/afstemmingsmomenten"))
        .bearer_auth(&gemeente)
        .header("content-type", "application/json")
        .body("{kapot")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let (status, _, _) = api_get(&app, &gemeente, "/api/v1/afstemmingsmomenten").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(aantal_momenten(&app).await, voor);
}

/// A registration for a person with an open case in the region answers 409 with the case's
/// number; "koppelen": "ja" with that number links to it, "nee" makes a new case.
#[tokio::test]
async fn een_lopende_casus_van_dezelfde_persoon() {
    let app = start().await;
    let politie = api_token(&app, POLITIE).await;
    let om = api_token(&app, OM).await;
    let mut lichaam = zsm("f");
    lichaam["persoon_naam"] = json!("Fictieve API Persoon");
    lichaam["persoon_geboortedatum"] = json!("1979-05-06");
    let post = |t: &str, b: Value| {
        let t = t.to_string();
        let app = &app;
        async move {
            verstuur(
                app,
                &t,
                (reqwest::Method::POST, "/api/v1/afstemmingsmomenten"),
                &b,
                None,
            )
            .await
        }
    };
    let (status, _, eerste) = post(&politie, lichaam.clone()).await;
    assert_eq!(status, StatusCode::CREATED, "{eerste}");
    let casus: i64 = sqlx::query_scalar("SELECT casus_id FROM moment WHERE id = $1")
        .bind(eerste["id"].as_i64().unwrap())
        .fetch_one(&app.db)
        .await
        .unwrap();
    let voor = aantal_momenten(&app).await;
    let (status, _, fout) = post(&om, lichaam.clone()).await;
    assert_eq!(status, StatusCode::CONFLICT, "{fout}");
    assert!(
        fout["detail"]
            .as_str()
            .unwrap()
            .contains(&format!("casus {casus}")),
        "{fout}"
    );
    assert_eq!(aantal_momenten(&app).await, voor);
    let mut koppelen = lichaam.clone();
    koppelen["koppelen"] = json!("ja");
    koppelen["gevonden"] = json!(casus);
    let (status, _, tweede) = post(&om, koppelen).await;
    assert_eq!(status, StatusCode::CREATED, "{tweede}");
    let (_, _, m) = api_get(
        &app,
        &om,
        &format!("/api/v1/afstemmingsmomenten/{}", tweede["id"]),
    )
    .await;
    assert_eq!(m["casus"].as_i64(), Some(casus));
    let mut nieuw = lichaam;
    nieuw["koppelen"] = json!("nee");
    let (status, _, derde) = post(&om, nieuw).await;
    assert_eq!(status, StatusCode::CREATED, "{derde}");
    let (_, _, m) = api_get(
        &app,
        &om,
        &format!("/api/v1/afstemmingsmomenten/{}", derde["id"]),
    )
    .await;
    assert_ne!(m["casus"].as_i64(), Some(casus));
}
