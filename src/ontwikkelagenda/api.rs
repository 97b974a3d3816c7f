//! Ontwikkelagenda API: the catalogue of the current agenda (`/api/v1/verbeteractiviteiten`) and
//! the regions' SWOT sessions of a year (`/api/v1/swot-sessies`), with the same permissions as
//! the pages. Neither holds personal data.

use super::model::Verbeteractiviteit;
use crate::auth::{ApiGebruiker, AppState};
use crate::error::{ApiError, AppError};
use crate::gedeeld::{REGIOS, RegioCode};
use axum::Json;
use axum::extract::{Path, Query, State};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(verbeteractiviteiten))
        .routes(routes!(swot_sessies))
        .routes(routes!(uitvoeringsplan))
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

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct SessieQuery {
    /// Jaar van de sessies.
    #[serde(default)]
    #[param(required = true, pattern = "^20[0-9]{2}$", example = "2026")]
    jaar: String,
    /// Code van één regio (weglaten: alle regio's).
    #[serde(default)]
    #[param(max_length = 64, example = "oost-brabant")]
    regio: Option<String>,
}

/// De SWOT-sessies van een jaar.
#[derive(Serialize, ToSchema)]
#[schema(as = SwotSessies)]
struct SessiesAntwoord {
    #[schema(example = 2026)]
    jaar: i64,
    /// Per sessie: regio, agendaversie, datum (JJJJ-MM-DD), samenvatting, status van het opbrengstverslag (concept, ter_reactie, vastgesteld) met datum, de deelnemende organisaties met hun functies, per verbeteractiviteit het kwadrant (sterkte, zwakte, kans, bedreiging) met toelichting, de stappen vooruit (eigenaar, streefdatum, status, landelijke activiteit) en de reacties.
    #[schema(value_type = Vec<Object>)]
    sessies: Vec<super::sessie::Sessie>,
    /// De gevraagde regio's die dit jaar geen sessie hielden (nooit als nul geteld).
    regios_zonder_sessie: Vec<String>,
}

#[utoipa::path(
    get,
    path = "/swot-sessies",
    tag = "Ontwikkelagenda",
    operation_id = "getSwotSessies",
    summary = "De SWOT-sessies van de regionale netwerken in een jaar",
    description = "Per regio de SWOT-sessie van het jaar: deelnemers (organisaties en functies, geen namen), de plaatsing van elke verbeteractiviteit in sterkte, zwakte, kans of bedreiging met toelichting, de concrete stappen vooruit en de status van het opbrengstverslag. Regio's zonder sessie staan apart. Iedereen in het netwerk mag dit lezen, behalve de privacyfunctionaris.",
    params(SessieQuery),
    responses(
        (status = 200, description = "SWOT-sessies", body = SessiesAntwoord),
        (status = 400, description = "Ongeldig jaar of onbekende regio"),
        (status = 403, description = "Geen toegang")
    )
)]
async fn swot_sessies(
    State(s): State<AppState>,
    ApiGebruiker(g): ApiGebruiker,
    Query(q): Query<SessieQuery>,
) -> Result<Json<SessiesAntwoord>, ApiError> {
    let jaar = q
        .jaar
        .trim()
        .parse::<i64>()
        .map_err(|_| AppError::validatie("jaar", "Geef het jaar als JJJJ."))?;
    let regio = match q.regio.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(r) => Some(RegioCode::parse(r).map_err(|m| AppError::validatie("regio", &m))?),
    };
    let sessies = super::service::sessies(&s.db, &g, jaar, regio.as_ref()).await?;
    let regios_zonder_sessie = REGIOS
        .iter()
        .map(|(c, _)| *c)
        .filter(|c| regio.is_none_or(|r| r.as_str() == *c))
        .filter(|c| !sessies.iter().any(|x| x.regio.as_str() == *c))
        .map(String::from)
        .collect();
    Ok(Json(SessiesAntwoord {
        jaar,
        sessies,
        regios_zonder_sessie,
    }))
}

/// Het landelijke uitvoeringsplan van een jaar.
#[derive(Serialize, ToSchema)]
#[schema(as = Uitvoeringsplan)]
struct PlanAntwoord {
    #[schema(example = 2026)]
    jaar: i64,
    /// Versie van de agenda waarop het plan rust.
    agenda_versie: String,
    /// Het jaar van het plan waarop dit plan voortbouwt (null: opgesteld vanuit de catalogus).
    vorig_jaar: Option<i64>,
    /// Laatste wijziging (UTC, ISO 8601).
    gewijzigd_op: String,
    /// Per verbeteractiviteit: code, nummer, naam, doel, wat er al gaande is, supervisor, de activiteiten (code, naam, maanden 1–12, status gepland/loopt/gereed/vervallen, stand, laatst gewijzigd) en de kostenposten (omschrijving, bedrag in hele euro's of null, financier).
    #[schema(value_type = Vec<Object>)]
    onderdelen: Vec<super::plan::Onderdeel>,
    /// De stappen vooruit van de regio's in dit jaar die bijdragen aan een landelijke activiteit: regio, verbeteractiviteit, activiteit, omschrijving, status.
    #[schema(value_type = Vec<Object>)]
    regionale_stappen: Vec<super::service::RegionaleStap>,
}

#[utoipa::path(
    get,
    path = "/uitvoeringsplannen/{jaar}",
    tag = "Ontwikkelagenda",
    operation_id = "getUitvoeringsplan",
    summary = "Het landelijke uitvoeringsplan van een jaar",
    description = "Per verbeteractiviteit het doel, wat er al gaande is, de supervisor, de activiteiten met hun planning per maand en status, en de kostenposten; met de regionale stappen vooruit die aan de landelijke activiteiten bijdragen. Bevat geen persoonsgegevens; iedereen in het netwerk mag dit lezen, behalve de privacyfunctionaris.",
    params(("jaar" = String, Path, description = "Jaar van het plan.", pattern = "^20[0-9]{2}$", example = "2026")),
    responses(
        (status = 200, description = "Uitvoeringsplan", body = PlanAntwoord),
        (status = 400, description = "Ongeldig jaar"),
        (status = 403, description = "Geen toegang"),
        (status = 404, description = "Voor dit jaar is geen uitvoeringsplan")
    )
)]
async fn uitvoeringsplan(
    State(s): State<AppState>,
    ApiGebruiker(g): ApiGebruiker,
    Path(jaar): Path<String>,
) -> Result<Json<PlanAntwoord>, ApiError> {
    let jaar = jaar
        .trim()
        .parse::<i64>()
        .map_err(|_| AppError::validatie("jaar", "Geef het jaar als JJJJ."))?;
    let b = super::service::planblad(&s.db, &g, jaar).await?;
    let p = b
        .plan
        .ok_or(AppError::NietGevonden("Het uitvoeringsplan van dit jaar"))?;
    Ok(Json(PlanAntwoord {
        jaar: p.jaar,
        agenda_versie: p.agenda_versie,
        vorig_jaar: p.vorig_jaar,
        gewijzigd_op: p.gewijzigd_op,
        onderdelen: p.onderdelen,
        regionale_stappen: b.regionaal,
    }))
}
