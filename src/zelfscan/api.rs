//! JSON API of the Zelfscan (`/api/v1/zelfscan-rondes…`), same permission checks as the pages.

use super::model::{RuwAntwoord, StandaardScore};
use super::service;
use crate::auth::ApiGebruiker;
use crate::auth::AppState;
use crate::error::{ApiError, AppError};
use crate::gedeeld::RondeId;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use axum::routing::{get, put};
use axum::{Json, Router};
use serde::Serialize;
use serde_json::{Value, json};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/zelfscan-rondes", get(rondes))
        .route("/zelfscan-rondes/{id}/resultaten", get(resultaten))
        .route(
            "/zelfscan-rondes/{id}/gemeenten/{code}/antwoorden",
            put(antwoorden),
        )
        .route("/openapi.json", get(openapi))
}

#[derive(Serialize)]
struct RondeJson {
    id: RondeId,
    regio: String,
    titel: String,
    doel: String,
    datum: String,
    vragenlijst: String,
}

impl From<super::model::Ronde> for RondeJson {
    fn from(r: super::model::Ronde) -> Self {
        Self {
            id: r.id,
            regio: r.regio_code.to_string(),
            titel: r.titel,
            doel: r.doel,
            datum: r.datum,
            vragenlijst: r.vragenlijst_versie,
        }
    }
}

async fn rondes(
    State(s): State<AppState>,
    ApiGebruiker(g): ApiGebruiker,
) -> Result<Json<Vec<RondeJson>>, ApiError> {
    Ok(Json(
        service::rondes(&s.db, &g, None)
            .await?
            .into_iter()
            .map(Into::into)
            .collect(),
    ))
}

#[derive(Serialize)]
struct StandaardJson {
    nummer: u8,
    titel: String,
    tekst: String,
}

#[derive(Serialize)]
struct GemeenteJson {
    code: String,
    naam: String,
    zichtbaarheid: &'static str,
    beantwoord: usize,
    scores: Vec<StandaardScore>,
}

#[derive(Serialize)]
struct RegioJson {
    aantal_gemeenten: usize,
    scores: Vec<StandaardScore>,
    uitspraken: Vec<String>,
}

async fn resultaten(
    State(s): State<AppState>,
    ApiGebruiker(g): ApiGebruiker,
    Path(id): Path<RondeId>,
) -> Result<Json<Value>, ApiError> {
    let r = service::resultaten(&s.db, &g, id).await?;
    let standaarden: Vec<StandaardJson> = r
        .vragenlijst
        .standaarden
        .iter()
        .map(|s| StandaardJson {
            nummer: s.nummer,
            titel: s.titel.clone(),
            tekst: s.tekst.clone(),
        })
        .collect();
    let gemeenten: Vec<GemeenteJson> = r
        .gemeenten
        .into_iter()
        .map(|gr| GemeenteJson {
            code: gr.code,
            naam: gr.naam,
            zichtbaarheid: gr.zichtbaarheid.code(),
            beantwoord: gr.beantwoord,
            scores: gr.scores,
        })
        .collect();
    let regio = r.regio.map(|scores| RegioJson {
        aantal_gemeenten: r.aantal_in_regio,
        scores,
        uitspraken: r
            .uitspraken
            .into_iter()
            .map(|(n, t)| format!("Standaard {n}: {t}"))
            .collect(),
    });
    Ok(Json(json!({
        "ronde": RondeJson::from(r.ronde),
        "standaarden": standaarden,
        "gemeenten": gemeenten,
        "regio": regio,
    })))
}

async fn antwoorden(
    State(s): State<AppState>,
    ApiGebruiker(g): ApiGebruiker,
    Path((id, code)): Path<(RondeId, String)>,
    body: Result<Json<Vec<RuwAntwoord>>, JsonRejection>,
) -> Result<Json<Value>, ApiError> {
    let Json(invoer) = body.map_err(|e| {
        AppError::validatie(
            "body",
            &format!("Verwacht een JSON-lijst van {{\"vraag\": n, \"antwoord\": \"op_orde\" | \"niet_op_orde\", \"toelichting\": \"…\"}}: {}", e.body_text()),
        )
    })?;
    let n = service::antwoorden_opslaan(&s.db, &g, id, &code, &invoer).await?;
    Ok(Json(json!({ "opgeslagen": n })))
}

/// The OpenAPI document, without authentication and for every origin (NL GOV API Design Rules,
/// /core/publish-openapi: `Access-Control-Allow-Origin: *`).
async fn openapi() -> ([(axum::http::HeaderName, &'static str); 2], &'static str) {
    use axum::http::header;
    (
        [
            (header::CONTENT_TYPE, "application/json"),
            (header::ACCESS_CONTROL_ALLOW_ORIGIN, "*"),
        ],
        include_str!("../../data/openapi.json"),
    )
}
