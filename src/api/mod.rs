//! The JSON API under `/api/v1`: the domains' API routers (each an `OpenApiRouter`, so a route
//! exists only together with its description) merged into one, and the OpenAPI document
//! generated from them and served at `/api/v1/openapi.json`.
//!
//! What every operation shares is added here once, so no handler can forget it (NL GOV API
//! Design Rules): `info` with contact, the server, bearer security, the `API-Version` header on
//! every success, problem+json for 400 (operations with input), 401 (all but the document
//! itself) and 404 (operations with a path parameter), and a description for every
//! operation. utoipa writes OpenAPI 3.1; the document is published as 3.0.3 (ADR 2.1 asks for
//! 3.0, ADR 2.2 accepts both): [`naar_openapi_30`] rewrites the few 3.1 forms utoipa emits.
//!
//! `data/openapi.json` is a copy of the generated document for the linter (`test.sh` runs
//! Spectral on it); a test fails when it differs, `VOOROP_DOCS_BIJWERKEN=1` rewrites it.

use crate::auth::AppState;
use axum::Router;
use serde_json::{Value, json};
use std::sync::OnceLock;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The API's routes, to be nested under `/api/v1`.
pub fn router() -> Router<AppState> {
    onderdelen().0
}

/// The routes and their generated description, before the shared parts are added.
fn onderdelen() -> (Router<AppState>, utoipa::openapi::OpenApi) {
    OpenApiRouter::new()
        .merge(crate::zelfscan::api::router())
        .merge(crate::werkset::api::router())
        .merge(crate::organisatie::api::router())
        .merge(crate::casus::api::router())
        .merge(crate::mijnwerk::api::router())
        .merge(crate::ontwikkelagenda::api::router())
        .routes(routes!(openapi))
        .split_for_parts()
}

/// The published OpenAPI document (JSON text), built once.
pub fn document() -> &'static str {
    static DOCUMENT: OnceLock<String> = OnceLock::new();
    DOCUMENT.get_or_init(|| {
        let mut tekst = serde_json::to_string_pretty(&opbouwen()).unwrap_or_default();
        tekst.push('\n');
        tekst
    })
}

/// The OpenAPI document of this API, without authentication and for every origin
/// (/core/publish-openapi: `Access-Control-Allow-Origin: *`).
#[utoipa::path(
    get,
    path = "/openapi.json",
    tag = "Documentatie",
    operation_id = "getOpenapi",
    summary = "Deze OpenAPI-beschrijving",
    description = "De OpenAPI-beschrijving van deze API, zonder authenticatie op te halen.",
    responses((status = 200, description = "OpenAPI-document", body = Object))
)]
async fn openapi() -> ([(axum::http::HeaderName, &'static str); 2], &'static str) {
    use axum::http::header;
    (
        [
            (header::CONTENT_TYPE, "application/json"),
            (header::ACCESS_CONTROL_ALLOW_ORIGIN, "*"),
        ],
        document(),
    )
}

const DOCUMENTATIE_PAD: &str = "/openapi.json";

/// The generated document with the shared parts added, as OpenAPI 3.0.3.
fn opbouwen() -> Value {
    let (_, gegenereerd) = onderdelen();
    let mut doc = serde_json::to_value(&gegenereerd).unwrap_or_default();
    doc["openapi"] = json!("3.0.3");
    doc["info"] = json!({
        "title": "Voorop API",
        "version": crate::web::API_VERSIE,
        "description": "API van Voorop: Zelfscan Kwaliteitskader, Werkset Indicatoren, afstemmingsmomenten en afspraken, Mijn werk en organisaties. Authenticatie met een bearer-token (voorop token create --email E). Dezelfde autorisatie als de webpagina's: wat u op de pagina's niet mag zien, geeft de API ook niet (resultaten van gemeenten die u niet mag zien, worden weggelaten). Lijsten zijn gepagineerd met ?pagina=N&perPagina=M; de Link-header geeft de adressen van de eerste, vorige, volgende en laatste pagina, X-Total-Count het totaal.",
        "contact": {
            "name": "Beheer Voorop API",
            "url": "https://voorop.example.nl/contact",
            "email": "api-beheer@voorop.example.nl"
        }
    });
    doc["servers"] = json!([{
        "url": "https://{host}/api/v1",
        "variables": {"host": {"default": "voorop.example.nl", "description": "Host van de installatie"}}
    }]);
    doc["security"] = json!([{"bearer": []}]);
    doc["tags"] = json!([
        {"name": "Zelfscan", "description": "Zelfscan Kwaliteitskader: scanrondes, vragenlijst, antwoorden en resultaten per gemeente."},
        {"name": "Werkset", "description": "Werkset Indicatoren Kwaliteit & Impact: catalogus, registraties, rapport en landelijke vergelijking."},
        {"name": "Indicatoren", "description": "Procescijfers van de afstemmingsmomenten, onderdrukt onder de drempel."},
        {"name": "Afstemming", "description": "De afstemmingsmomenten van een casus en hun afspraken: dezelfde velden, controles, rechten en auditlog als de pagina's; persoonsgegevens alleen voor deelnemers. Een POST met een Idempotency-Key-header wordt één keer uitgevoerd."},
        {"name": "Mijn werk", "description": "Wat voor u en uw organisatie klaarstaat, zonder persoonsgegevens."},
        {"name": "Organisaties", "description": "De organisaties van de netwerken (geen persoonsgegevens)."},
        {"name": "Ontwikkelagenda", "description": "De verbeteractiviteiten van de ontwikkelagenda (geen persoonsgegevens)."},
        {"name": "Documentatie", "description": "Deze beschrijving."}
    ]);
    let componenten = doc
        .as_object_mut()
        .map(|d| d.entry("components").or_insert_with(|| json!({})));
    if let Some(c) = componenten {
        c["securitySchemes"] = json!({"bearer": {"type": "http", "scheme": "bearer"}});
        c["headers"] = json!({
            "API-Version": {
                "description": "Volledig versienummer van de API (gelijk aan info.version).",
                "schema": {"type": "string", "example": crate::web::API_VERSIE}
            },
            "Link": {
                "description": "Adressen van andere pagina's van deze lijst (RFC 8288): rel=\"first\", \"prev\", \"next\" en \"last\", met dezelfde zoekparameters.",
                "schema": {"type": "string", "example": "</api/v1/organisaties?pagina=2&perPagina=50>; rel=\"next\""}
            },
            "X-Total-Count": {
                "description": "Aantal items in de hele lijst (alle pagina's).",
                "schema": {"type": "integer", "minimum": 0}
            }
        });
        c["responses"] = json!({"Problem": {
            "description": "Fout (RFC 9457 problem details)",
            "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}},
            "headers": {"API-Version": {"$ref": "#/components/headers/API-Version"}}
        }});
        let schemas = c
            .as_object_mut()
            .map(|c| c.entry("schemas").or_insert_with(|| json!({})));
        if let Some(s) = schemas {
            s["Problem"] = json!({
                "type": "object",
                "required": ["status", "title", "detail"],
                "properties": {
                    "type": {"type": "string", "description": "Altijd about:blank."},
                    "title": {"type": "string", "description": "Korte, vaste omschrijving per soort fout."},
                    "status": {"type": "integer", "minimum": 400, "maximum": 599},
                    "detail": {"type": "string", "description": "Uitleg voor mensen, specifiek voor dit geval."},
                    "invalid-params": {
                        "type": "array",
                        "description": "Elk geweigerd veld met de reden, alle tegelijk.",
                        "items": {"type": "object", "required": ["veld", "melding"], "properties": {
                            "veld": {"type": "string"},
                            "melding": {"type": "string"}
                        }}
                    }
                }
            });
        }
    }
    if let Some(paden) = doc["paths"].as_object_mut() {
        for (pad, item) in paden.iter_mut() {
            let Some(operaties) = item.as_object_mut() else {
                continue;
            };
            for operatie in operaties.values_mut() {
                aanvullen(pad, operatie);
            }
        }
    }
    naar_openapi_30(&mut doc);
    doc
}

/// Adds what every operation shares: a description, `API-Version` on each success, and the
/// problem responses its input makes possible.
fn aanvullen(pad: &str, operatie: &mut Value) {
    if operatie.get("description").is_none() {
        operatie["description"] = operatie["summary"].clone();
    }
    let parameters = operatie["parameters"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let met_invoer = !parameters.is_empty() || operatie.get("requestBody").is_some();
    let met_padparameter = parameters.iter().any(|p| p["in"] == "path");
    let openbaar = pad == DOCUMENTATIE_PAD;
    if openbaar {
        operatie["security"] = json!([]);
    }
    let Some(antwoorden) = operatie["responses"].as_object_mut() else {
        return;
    };
    for (status, antwoord) in antwoorden.iter_mut() {
        if status.starts_with('2') || status.starts_with('3') {
            let koppen = antwoord
                .as_object_mut()
                .map(|a| a.entry("headers").or_insert_with(|| json!({})));
            if let Some(k) = koppen {
                k["API-Version"] = json!({"$ref": "#/components/headers/API-Version"});
                for gedeeld in ["Link", "X-Total-Count"] {
                    if k.get(gedeeld).is_some() {
                        k[gedeeld] = json!({"$ref": format!("#/components/headers/{gedeeld}")});
                    }
                }
                if openbaar {
                    k["access-control-allow-origin"] = json!({
                        "description": "Altijd `*`",
                        "schema": {"type": "string", "enum": ["*"]}
                    });
                }
            }
        } else {
            *antwoord = json!({"$ref": "#/components/responses/Problem"});
        }
    }
    let mut erbij = |status: &str| {
        antwoorden
            .entry(status)
            .or_insert_with(|| json!({"$ref": "#/components/responses/Problem"}));
    };
    if met_invoer {
        erbij("400");
    }
    if !openbaar {
        erbij("401");
    }
    if met_padparameter {
        erbij("404");
    }
}

/// Rewrites the OpenAPI 3.1 forms utoipa emits into 3.0.3: `type: [T, "null"]` becomes
/// `type: T, nullable: true`, and `oneOf: [{type: null}, X]` (an optional reference) becomes
/// `allOf: [X], nullable: true`.
pub(crate) fn naar_openapi_30(v: &mut Value) {
    match v {
        Value::Object(o) => {
            // A map's key schema (`propertyNames`, from `BTreeMap<String, _>`) is 3.1 only.
            if o.contains_key("additionalProperties") {
                o.remove("propertyNames");
            }
            if let Some(Value::Array(typen)) = o.get("type") {
                let zonder_null: Vec<Value> =
                    typen.iter().filter(|t| *t != "null").cloned().collect();
                if zonder_null.len() < typen.len() {
                    o.insert("nullable".into(), Value::Bool(true));
                }
                if let [enkel] = zonder_null.as_slice() {
                    o.insert("type".into(), enkel.clone());
                }
            }
            if let Some(Value::Array(varianten)) = o.get("oneOf") {
                let null = json!({"type": "null"});
                if varianten.contains(&null) {
                    let mut rest: Vec<Value> =
                        varianten.iter().filter(|x| **x != null).cloned().collect();
                    o.remove("oneOf");
                    // A `$ref` has no siblings in 3.0: its description moves up.
                    for x in &mut rest {
                        if let Some(r) = x.as_object_mut().filter(|r| r.contains_key("$ref")) {
                            let naast: Vec<String> =
                                r.keys().filter(|k| *k != "$ref").cloned().collect();
                            for k in naast {
                                if let Some(w) = r.remove(&k) {
                                    o.insert(k, w);
                                }
                            }
                        }
                    }
                    o.insert("nullable".into(), Value::Bool(true));
                    o.insert(
                        if rest.len() == 1 { "allOf" } else { "oneOf" }.into(),
                        Value::Array(rest),
                    );
                }
            }
            for w in o.values_mut() {
                naar_openapi_30(w);
            }
        }
        Value::Array(a) => a.iter_mut().for_each(naar_openapi_30),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `data/openapi.json` (what Spectral lints in `test.sh`) is the generated document.
    #[test]
    fn bestand_is_het_gegenereerde_document() {
        let pad = concat!(env!("CARGO_MANIFEST_DIR"), "/data/openapi.json");
        if std::env::var_os("VOOROP_DOCS_BIJWERKEN").is_some() {
            std::fs::write(pad, document()).unwrap();
        }
        let bestand = std::fs::read_to_string(pad).unwrap();
        assert!(
            bestand == document(),
            "data/openapi.json wijkt af van het gegenereerde document; \
             VOOROP_DOCS_BIJWERKEN=1 cargo test --lib -- api:: schrijft het opnieuw"
        );
    }

    /// Every operation has an id, a tag, a Dutch description, API-Version on its successes
    /// and the problems its input allows; no 3.1 form is left.
    #[test]
    fn elke_operatie_volgt_de_regels() {
        let doc: Value = serde_json::from_str(document()).unwrap();
        assert_eq!(doc["openapi"], "3.0.3");
        let paden = doc["paths"].as_object().unwrap();
        assert!(paden.len() >= 7, "{:?}", paden.keys());
        let mut ids = std::collections::BTreeSet::new();
        for (pad, item) in paden {
            for (methode, op) in item.as_object().unwrap() {
                let id = op["operationId"].as_str().unwrap_or_default();
                assert!(
                    !id.is_empty() && ids.insert(id.to_string()),
                    "{methode} {pad}: {id}"
                );
                assert!(op["tags"].as_array().is_some_and(|t| t.len() == 1), "{pad}");
                assert!(op["description"].as_str().is_some_and(|d| !d.is_empty()));
                let antwoorden = op["responses"].as_object().unwrap();
                for (status, a) in antwoorden {
                    if status.starts_with('2') {
                        assert_eq!(
                            a["headers"]["API-Version"]["$ref"], "#/components/headers/API-Version",
                            "{methode} {pad} {status}"
                        );
                    }
                }
                let heeft = |s: &str| antwoorden.contains_key(s);
                assert_eq!(heeft("401"), pad != DOCUMENTATIE_PAD, "{pad}");
                if pad.contains('{') {
                    assert!(heeft("404") && heeft("400"), "{methode} {pad}");
                }
            }
        }
        let tekst = document();
        assert!(!tekst.contains("\"null\""), "3.1-vorm over");
    }

    #[test]
    fn openapi_31_wordt_30() {
        let mut v = json!({"a": {"type": ["string", "null"]}, "b": {"oneOf": [{"type": "null"}, {"$ref": "#/x", "description": "d"}]}, "c": {"type": "integer"}});
        naar_openapi_30(&mut v);
        assert_eq!(v["a"], json!({"type": "string", "nullable": true}));
        assert_eq!(
            v["b"],
            json!({"allOf": [{"$ref": "#/x"}], "nullable": true, "description": "d"})
        );
        assert_eq!(v["c"], json!({"type": "integer"}));
    }
}
