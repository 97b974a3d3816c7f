//! Beheer › Organisaties: pages over `organisatie::service`.

use super::model::{Organisatie, OrganisatieSoort};
use super::service::{self, OrganisatieInvoer};
use crate::auth::AppState;
use crate::auth::Ingelogd;
use crate::error::{AppError, AppResult, Veldfout};
use crate::gedeeld::OrganisatieId;
use crate::web::Pagina;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Form, Router};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/beheer/organisaties", get(lijst).post(aanmaken))
        .route("/beheer/organisaties/nieuw", get(nieuw))
        .route("/beheer/organisaties/{id}", get(bewerken).post(wijzigen))
}

#[derive(Template, WebTemplate)]
#[template(path = "beheer/organisaties.html")]
struct LijstPagina {
    p: Pagina,
    organisaties: Vec<Organisatie>,
}

async fn lijst(State(s): State<AppState>, i: Ingelogd) -> AppResult<LijstPagina> {
    Ok(LijstPagina {
        organisaties: service::beheerbaar(&s.db, &i.gebruiker).await?,
        p: i.pagina("Organisaties"),
    })
}

#[derive(Template, WebTemplate)]
#[template(path = "beheer/organisatie.html")]
struct OrganisatiePagina {
    p: Pagina,
    /// None: a new organisation.
    id: Option<OrganisatieId>,
    invoer: OrganisatieInvoer,
    /// Code and kind can still change (nothing refers to the organisation yet).
    wijzigbaar: bool,
    soorten: Vec<(&'static str, &'static str)>,
    regios: Vec<(&'static str, &'static str)>,
    fouten: Vec<Veldfout>,
}

impl OrganisatiePagina {
    fn fout(&self, veld: &str) -> Option<&str> {
        self.fouten
            .iter()
            .find(|f| f.veld == veld)
            .map(|f| f.melding.as_str())
    }
}

fn pagina(
    i: &Ingelogd,
    id: Option<OrganisatieId>,
    invoer: OrganisatieInvoer,
    wijzigbaar: bool,
    fouten: Vec<Veldfout>,
) -> OrganisatiePagina {
    OrganisatiePagina {
        p: i.pagina(if id.is_some() {
            "Organisatie wijzigen"
        } else {
            "Nieuwe organisatie"
        }),
        id,
        invoer,
        wijzigbaar,
        soorten: OrganisatieSoort::ALLE
            .into_iter()
            .map(|s| (s.code(), s.label()))
            .collect(),
        regios: service::regios(&i.gebruiker),
        fouten,
    }
}

async fn nieuw(State(s): State<AppState>, i: Ingelogd) -> AppResult<OrganisatiePagina> {
    service::beheerbaar(&s.db, &i.gebruiker).await?;
    let invoer = OrganisatieInvoer {
        regio: i.gebruiker.regio_code.to_string(),
        actief: "1".into(),
        ..Default::default()
    };
    Ok(pagina(&i, None, invoer, true, vec![]))
}

async fn aanmaken(
    State(s): State<AppState>,
    i: Ingelogd,
    Form(invoer): Form<OrganisatieInvoer>,
) -> AppResult<Response> {
    match service::aanmaken(&s.db, &i.gebruiker, &invoer).await {
        Ok(_) => {
            i.flash("De organisatie is aangemaakt.").await;
            Ok(Redirect::to("/beheer/organisaties").into_response())
        }
        Err(AppError::Validatie(fouten)) => Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            pagina(&i, None, invoer, true, fouten),
        )
            .into_response()),
        Err(e) => Err(e),
    }
}

async fn bewerken(
    State(s): State<AppState>,
    i: Ingelogd,
    Path(id): Path<OrganisatieId>,
) -> AppResult<OrganisatiePagina> {
    let o = service::beheerbare(&s.db, &i.gebruiker, id).await?;
    let wijzigbaar = service::wijzigbaar(&s.db, &o).await?;
    Ok(pagina(
        &i,
        Some(id),
        OrganisatieInvoer::van(&o),
        wijzigbaar,
        vec![],
    ))
}

async fn wijzigen(
    State(s): State<AppState>,
    i: Ingelogd,
    Path(id): Path<OrganisatieId>,
    Form(invoer): Form<OrganisatieInvoer>,
) -> AppResult<Response> {
    match service::wijzigen(&s.db, &i.gebruiker, id, &invoer).await {
        Ok(()) => {
            i.flash("De organisatie is bijgewerkt.").await;
            Ok(Redirect::to("/beheer/organisaties").into_response())
        }
        Err(AppError::Validatie(fouten)) => {
            let o = service::beheerbare(&s.db, &i.gebruiker, id).await?;
            let wijzigbaar = service::wijzigbaar(&s.db, &o).await?;
            Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                pagina(&i, Some(id), invoer, wijzigbaar, fouten),
            )
                .into_response())
        }
        Err(e) => Err(e),
    }
}
