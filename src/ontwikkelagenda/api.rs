//! Ontwikkelagenda API (`/api/v1/verbeteractiviteiten`): the catalogue of the current agenda,
//! with the same permission as its pages (everyone signed in; it holds no personal data).

use super::model::Verbeteractiviteit;
use crate::auth::{ApiGebruiker, AppState};
use crate::error::ApiError;
use axum::Json;
use axum::extract::State;
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(verbeteractiviteiten))
}

/// De verbeteractiviteiten van de actuele ontwikkelagenda.
#[derive(Serialize, ToSchema)]
#[schema(as = Verbeteractiviteiten)]
struct Antwoord {
    /// Versie van de agenda.
    #[schema(example = "2021-v1")]
    versie: String,
    titel: String,
    /// Bron van de agenda (seed en paragraaf).
    bron: String,
    /// Eerste jaar van de agendaperiode.
    #[schema(example = "2021")]
    van: String,
    /// Laatste jaar van de agendaperiode.
    #[schema(example = "2022")]
    tot: String,
    /// Per verbeteractiviteit: code, naam, doel, wat er al gaande is, het SWOT-beeld uit de bron, de activiteiten met hun maanden (JJJJ-MM), de kostenposten en de supervisor.
    #[schema(value_type = Vec<Object>)]
    verbeteractiviteiten: Vec<Verbeteractiviteit>,
}

#[utoipa::path(
    get,
    path = "/verbeteractiviteiten",
    tag = "Ontwikkelagenda",
    operation_id = "getVerbeteractiviteiten",
    summary = "De verbeteractiviteiten van de actuele ontwikkelagenda",
    description = "De catalogus van de actuele ontwikkelagenda (laatst geladen versie): per verbeteractiviteit het doel, wat er al gaande is, het SWOT-beeld uit de bron, de activiteiten met hun planning per maand, de kostenposten en de supervisor uit het landelijk netwerk. Bevat geen persoonsgegevens; elke ingelogde gebruiker mag dit lezen.",
    responses((status = 200, description = "Verbeteractiviteiten", body = Antwoord))
)]
async fn verbeteractiviteiten(
    State(s): State<AppState>,
    _g: ApiGebruiker,
) -> Result<Json<Antwoord>, ApiError> {
    let a = super::service::huidige_agenda(&s.db).await?;
    Ok(Json(Antwoord {
        versie: a.versie,
        titel: a.titel,
        bron: a.bron,
        van: a.periode.van,
        tot: a.periode.tot,
        verbeteractiviteiten: a.verbeteractiviteiten,
    }))
}
