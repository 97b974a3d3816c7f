//! `POST /hulp/gezien`: put a page's help away and go back to the page.

use crate::auth::{AppState, Ingelogd};
use crate::error::AppResult;
use axum::Router;
use axum::extract::State;
use axum::response::Redirect;
use axum::routing::post;
use axum_extra::extract::Form;
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new().route("/hulp/gezien", post(gezien))
}

#[derive(Deserialize)]
struct GezienForm {
    #[serde(default)]
    pagina: String,
    /// The page to return to (a local path; anything else returns to the start page).
    #[serde(default)]
    terug: String,
}

async fn gezien(
    State(s): State<AppState>,
    i: Ingelogd,
    Form(f): Form<GezienForm>,
) -> AppResult<Redirect> {
    super::wegzetten(&s.db, &i.gebruiker, f.pagina.trim()).await?;
    Ok(Redirect::to(&crate::auth::routes::veilig_terug(&f.terug)))
}
