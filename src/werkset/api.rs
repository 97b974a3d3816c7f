//! Werkset API: `/api/v1/werkset/catalogus` and `/api/v1/werkset/vergelijking?periode=JAAR`.

use super::model::Catalogus;
use super::service;
use crate::auth::ApiGebruiker;
use crate::auth::AppState;
use crate::error::ApiError;
use axum::extract::{Query, State};
use axum::routing::get;
use axum::{Json, Router};
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/werkset/catalogus", get(catalogus))
        .route("/werkset/vergelijking", get(vergelijking))
        .merge(crate::werkset::indicatoren_api::router())
}

async fn catalogus(
    State(s): State<AppState>,
    _g: ApiGebruiker,
) -> Result<Json<Catalogus>, ApiError> {
    Ok(Json(service::huidige_catalogus(&s.db).await?))
}

#[derive(Deserialize)]
struct PeriodeQuery {
    #[serde(default)]
    periode: String,
}

async fn vergelijking(
    State(s): State<AppState>,
    g: ApiGebruiker,
    Query(q): Query<PeriodeQuery>,
) -> Result<Json<service::Vergelijking>, ApiError> {
    Ok(Json(service::vergelijking(&s.db, &g.0, &q.periode).await?))
}
