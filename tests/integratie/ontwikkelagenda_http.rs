//! Issue 12, the Ontwikkelagenda's catalogue: both shipped versions are stored, the newest is
//! served by `GET /api/v1/verbeteractiviteiten` to every signed-in user, and a beheerder loads a
//! new version (audited) that becomes current, while an invalid one is refused with Dutch
//! messages and nothing stored.

use crate::common::*;
use reqwest::StatusCode;
use serde_json::Value;

async fn uploaden(c: &reqwest::Client, app: &TestApp, inhoud: &str) -> (StatusCode, String) {
    let token = csrf_van(c, app, "/beheer/ontwikkelagenda").await;
    let deel = reqwest::multipart::Part::bytes(inhoud.as_bytes().to_vec())
        .file_name("agenda.json")
        .mime_str("application/json")
        .expect("mime");
    let r = c
        .post(app.url(&format!("/beheer/ontwikkelagenda?_csrf={token}")))
        .multipart(reqwest::multipart::Form::new().part("bestand", deel))
        .send()
        .await
        .expect("POST agenda");
    let status = r.status();
    (status, r.text().await.expect("body"))
}

#[tokio::test]
async fn catalogus_van_de_ontwikkelagenda() {
    let app = start().await;
    let versies = "SELECT COUNT(*) FROM ontwikkelagenda_versie";
    assert_eq!(tel(&app, versies).await, 2, "both shipped versions");

    // Any signed-in user reads the current agenda: the newest shipped one.
    let token = api_token(&app, MEDEWERKER).await;
    let (status, _, a) = api_get(&app, &token, "/api/v1/verbeteractiviteiten").await;
    assert_eq!(status, StatusCode::OK, "{a}");
    assert_eq!(a["versie"], "2021-v1");
    let lijst = a["verbeteractiviteiten"].as_array().expect("lijst");
    assert!(lijst.len() >= 4, "{a}");
    assert!(
        lijst
            .iter()
            .all(|v| v["code"].as_str().is_some_and(|c| !c.is_empty()))
    );

    // A new version from the beheerder, based on the shipped one, becomes current.
    let beheerder = login(&app, BEHEERDER).await;
    let mut nieuw: Value =
        serde_json::from_str(voorop::ontwikkelagenda::MEEGELEVERD[1].1).expect("json");
    nieuw["versie"] = "2023-test".into();
    nieuw["verbeteractiviteiten"][0]["naam"] = "Fictief: hernoemde verbeteractiviteit".into();
    let audit_voor = audit_aantal(&app, "ontwikkelagenda.catalogus_geladen").await;
    let (status, body) = uploaden(&beheerder, &app, &nieuw.to_string()).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    assert_eq!(tel(&app, versies).await, 3);
    assert_eq!(
        audit_aantal(&app, "ontwikkelagenda.catalogus_geladen").await,
        audit_voor + 1
    );
    let (_, _, a) = api_get(&app, &token, "/api/v1/verbeteractiviteiten").await;
    assert_eq!(a["versie"], "2023-test");
    assert_eq!(
        a["verbeteractiviteiten"][0]["naam"],
        "Fictief: hernoemde verbeteractiviteit"
    );
    let overzicht = pagina(&beheerder, &app, "/beheer/ontwikkelagenda").await;
    assert!(overzicht.contains("2023-test"), "{overzicht}");

    // Invalid: the same version again, a quadrant missing, no JSON at all.
    let (status, body) = uploaden(&beheerder, &app, &nieuw.to_string()).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(
        body.contains("Versie &#39;2023-test&#39; bestaat al"),
        "{body}"
    );
    nieuw["versie"] = "2023-kapot".into();
    nieuw["swot"]["kwadranten"].as_array_mut().unwrap().pop();
    let (status, body) = uploaden(&beheerder, &app, &nieuw.to_string()).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(body.contains("De SWOT moet de kwadranten"), "{body}");
    let (status, body) = uploaden(&beheerder, &app, "{ geen json").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(body.contains("geen geldige ontwikkelagenda"), "{body}");
    assert_eq!(tel(&app, versies).await, 3, "nothing stored");

    // Only the beheerder loads versions.
    let coordinator = login(&app, COORDINATOR).await;
    let (status, _, _) = get(&coordinator, &app, "/beheer/ontwikkelagenda").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}
