//! `GET /api/v1/organisaties`: the directory of active organisations (names and kinds, no
//! personal data), which every authenticated user sees on the pages too (choice lists,
//! participants). The doc comments on [`OrganisatieJson`] are the Dutch descriptions of the
//! published OpenAPI document.

use super::model::{OrganisatieSoort, RegioCode};
use crate::auth::{ApiGebruiker, ApiPaginering, AppState};
use crate::error::{ApiError, AppError, Veldfout};
use crate::web::paginering::Gepagineerd;
use axum::extract::State;
use axum::extract::rejection::QueryRejection;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(organisaties))
}

/// Een organisatie in een regionaal netwerk.
#[derive(Serialize, ToSchema)]
#[schema(as = Organisatie)]
struct OrganisatieJson {
    /// Vaste code van de organisatie.
    #[schema(example = "vt-oost-brabant")]
    code: String,
    naam: String,
    /// Soort organisatie.
    #[schema(
        pattern = "^(veilig_thuis|politie|om|rvdk|3ro|gemeente|netwerk)$",
        example = "veilig_thuis"
    )]
    soort: String,
    /// Code van de regio.
    #[schema(example = "oost-brabant")]
    regio: String,
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct Filter {
    /// Alleen deze regio (code).
    #[param(max_length = 64, example = "oost-brabant")]
    regio: Option<String>,
    /// Alleen deze soort: veilig_thuis, politie, om, rvdk, 3ro, gemeente of netwerk.
    #[param(pattern = "^(veilig_thuis|politie|om|rvdk|3ro|gemeente|netwerk)$")]
    soort: Option<String>,
}

#[utoipa::path(
    get,
    path = "/organisaties",
    tag = "Organisaties",
    operation_id = "listOrganisaties",
    summary = "Actieve organisaties",
    description = "De actieve organisaties, per regio en soort gesorteerd, gepagineerd; filter met regio en soort.",
    params(Filter, crate::web::paginering::PaginaParameters),
    responses((status = 200, description = "Lijst", body = Vec<OrganisatieJson>,
        headers(("Link" = String, description = "Andere pagina's"), ("X-Total-Count" = u64, description = "Totaal aantal"))))
)]
async fn organisaties(
    State(s): State<AppState>,
    _g: ApiGebruiker,
    ApiPaginering(p): ApiPaginering,
    f: Result<axum::extract::Query<Filter>, QueryRejection>,
) -> Result<Gepagineerd<OrganisatieJson>, ApiError> {
    let axum::extract::Query(f) = f.map_err(|_| {
        AppError::validatie(
            "query",
            "De zoekparameters zijn ongeldig; gebruik ?regio=CODE&soort=SOORT.",
        )
    })?;
    let mut fouten = vec![];
    let regio = match f.regio.as_deref().map(str::trim).filter(|r| !r.is_empty()) {
        Some(r) => RegioCode::parse(r)
            .map_err(|m| fouten.push(Veldfout::new("regio", m)))
            .ok(),
        None => None,
    };
    let soort = f.soort.as_deref().map(str::trim).filter(|x| !x.is_empty());
    let soort = soort.and_then(|x| {
        let o = OrganisatieSoort::parse(x);
        if o.is_none() {
            fouten.push(Veldfout::new(
                "soort",
                format!("'{x}' is geen soort organisatie; kies veilig_thuis, politie, om, rvdk, 3ro, gemeente of netwerk."),
            ));
        }
        o.map(OrganisatieSoort::code)
    });
    if !fouten.is_empty() {
        return Err(AppError::Validatie(fouten).into());
    }
    let lijst: Vec<OrganisatieJson> = super::repo::actieve(&s.db, regio.as_ref(), soort)
        .await
        .map_err(AppError::from)?
        .into_iter()
        .map(|o| OrganisatieJson {
            regio: o.regio_code.to_string(),
            code: o.code,
            naam: o.naam,
            soort: o.soort,
        })
        .collect();
    let mut overige = vec![];
    if let Some(r) = &regio {
        overige.push(("regio", r.to_string()));
    }
    if let Some(x) = soort {
        overige.push(("soort", x.to_string()));
    }
    Ok(p.deel(lijst, "/api/v1/organisaties", &overige))
}
