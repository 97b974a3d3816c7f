//! What the NL GOV API Design Rules ask of the running API (the document itself is linted by
//! Spectral in test.sh, tests/adr/): `API-Version` on every response under `/api/`, problem
//! details with `status`, `title` and `detail`, 400 for invalid input, and the OpenAPI document
//! for every origin without authentication.

use crate::common::*;
use reqwest::StatusCode;
use serde_json::Value;

/// `info.version` of the published document.
async fn documentversie(app: &TestApp) -> String {
    let r = client()
        .get(app.url("/api/v1/openapi.json"))
        .send()
        .await
        .expect("openapi.json");
    let doc: Value = r.json().await.expect("JSON");
    doc["info"]["version"]
        .as_str()
        .expect("info.version")
        .to_string()
}

fn api_versie(headers: &reqwest::header::HeaderMap) -> Option<&str> {
    headers.get("api-version").and_then(|v| v.to_str().ok())
}

/// A problem+json body with the members the rules require, and its title.
fn probleem(status: StatusCode, headers: &reqwest::header::HeaderMap, json: &Value) -> String {
    assert_eq!(
        headers
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok()),
        Some("application/problem+json"),
        "{json}"
    );
    assert_eq!(json["status"], status.as_u16(), "{json}");
    assert!(
        json["detail"].as_str().is_some_and(|d| !d.is_empty()),
        "detail: {json}"
    );
    json["title"].as_str().expect("title").to_string()
}

#[tokio::test]
async fn openapi_document_voor_elke_herkomst_zonder_inloggen() {
    let app = start().await;
    let r = client()
        .get(app.url("/api/v1/openapi.json"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(
        r.headers()
            .get("access-control-allow-origin")
            .and_then(|v| v.to_str().ok()),
        Some("*")
    );
    assert_eq!(
        api_versie(r.headers()),
        Some(voorop::web::API_VERSIE),
        "the header carries the document's version"
    );
    let doc: Value = r.json().await.unwrap();
    assert_eq!(doc["info"]["version"], voorop::web::API_VERSIE);
    // Only the OpenAPI document is open to every origin.
    let (_, headers, _) = api_get(&app, "onzin", "/api/v1/zelfscan-rondes").await;
    assert!(headers.get("access-control-allow-origin").is_none());
}

#[tokio::test]
async fn elke_api_response_draagt_de_versie() {
    let app = start().await;
    let versie = documentversie(&app).await;
    let token = api_token(&app, COORDINATOR).await;
    let gevallen = [
        ("/api/v1/zelfscan-rondes", StatusCode::OK),
        ("/api/v1/werkset/catalogus", StatusCode::OK),
        (
            "/api/v1/indicatoren?regio=oost-brabant&periode=2025",
            StatusCode::OK,
        ),
        // Unparsable id in the path (axum's own rejection, made Dutch afterwards).
        (
            "/api/v1/zelfscan-rondes/abc/resultaten",
            StatusCode::NOT_FOUND,
        ),
        // No such route: the fallback.
        ("/api/v1/bestaat-niet", StatusCode::NOT_FOUND),
        // Invalid input.
        (
            "/api/v1/werkset/vergelijking?periode=1999",
            StatusCode::BAD_REQUEST,
        ),
    ];
    for (pad, verwacht) in gevallen {
        let (status, headers, json) = api_get(&app, &token, pad).await;
        assert_eq!(status, verwacht, "{pad}: {json}");
        assert_eq!(api_versie(&headers), Some(versie.as_str()), "{pad}");
        if !status.is_success() {
            probleem(status, &headers, &json);
        }
    }
    // Without a token.
    let (status, headers, json) = api_get(&app, "", "/api/v1/zelfscan-rondes").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(api_versie(&headers), Some(versie.as_str()));
    assert_eq!(probleem(status, &headers, &json), "Niet geauthenticeerd");
    // A method the route does not have: a problem, not an empty body, and what is allowed.
    let r = client()
        .delete(app.url("/api/v1/zelfscan-rondes"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    let (status, headers) = (r.status(), r.headers().clone());
    let json: Value = r.json().await.expect("problem+json");
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(api_versie(&headers), Some(versie.as_str()));
    assert_eq!(probleem(status, &headers, &json), "Methode niet toegestaan");
    assert!(headers.get("allow").is_some(), "Allow names the methods");
    // Pages carry no API version.
    let r = client().get(app.url("/inloggen")).send().await.unwrap();
    assert!(api_versie(r.headers()).is_none());
}

#[tokio::test]
async fn ongeldige_invoer_is_400_met_alle_fouten_tegelijk() {
    let app = start().await;
    let token = api_token(&app, COORDINATOR).await;
    let (status, headers, json) = api_get(&app, &token, "/api/v1/indicatoren").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(probleem(status, &headers, &json), "Ongeldige invoer");
    let velden: Vec<&str> = json["invalid-params"]
        .as_array()
        .expect("invalid-params")
        .iter()
        .filter_map(|f| f["veld"].as_str())
        .collect();
    assert_eq!(velden, ["regio", "periode"], "{json}");
    // The detail says what is wrong, in Dutch, for people.
    assert!(
        json["detail"]
            .as_str()
            .unwrap()
            .contains("Geef een regio op"),
        "{json}"
    );
}
