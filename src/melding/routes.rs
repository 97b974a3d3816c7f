//! Marking meldingen read, and each user's settings.

use super::model::{MeldingSoort, Voorkeur};
use super::service;
use crate::auth::{AppState, Ingelogd};
use crate::error::AppResult;
use crate::web::Pagina;
use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::State;
use axum::response::Redirect;
use axum::routing::{get, post};
use axum_extra::extract::Form;
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/meldingen/gelezen", post(gelezen))
        .route(
            "/meldingen/instellingen",
            get(instellingen).post(instellingen_opslaan),
        )
}

#[derive(Deserialize)]
struct GelezenForm {
    /// The newest melding the page showed.
    #[serde(default)]
    tot: String,
}

async fn gelezen(
    State(s): State<AppState>,
    i: Ingelogd,
    Form(f): Form<GelezenForm>,
) -> AppResult<Redirect> {
    let tot = f.tot.trim().parse::<i64>().unwrap_or(0);
    service::gelezen(&s.db, &i.gebruiker, tot).await?;
    i.flash("De meldingen zijn als gelezen gemarkeerd.").await;
    Ok(Redirect::to("/mijn-werk"))
}

#[derive(Template, WebTemplate)]
#[template(path = "melding/instellingen.html")]
struct InstellingenPagina {
    p: Pagina,
    voorkeuren: Vec<(MeldingSoort, Voorkeur)>,
    smtp: bool,
}

async fn instellingen(State(s): State<AppState>, i: Ingelogd) -> AppResult<InstellingenPagina> {
    Ok(InstellingenPagina {
        p: i.pagina("Meldingen instellen"),
        voorkeuren: service::voorkeuren(&s.db, &i.gebruiker).await?,
        smtp: s.config.smtp.is_some(),
    })
}

#[derive(Deserialize, Default)]
struct InstellingenForm {
    #[serde(default)]
    in_voorop: Vec<String>,
    #[serde(default)]
    per_email: Vec<String>,
}

async fn instellingen_opslaan(
    State(s): State<AppState>,
    i: Ingelogd,
    Form(f): Form<InstellingenForm>,
) -> AppResult<Redirect> {
    service::voorkeuren_opslaan(&s.db, &i.gebruiker, &f.in_voorop, &f.per_email).await?;
    i.flash("Uw instellingen voor meldingen zijn opgeslagen.")
        .await;
    Ok(Redirect::to("/meldingen/instellingen"))
}
