use super::extract::start_sessie;
use super::{Ingelogd, service};
use crate::AppState;
use crate::audit::{self, Actor, AuditEvent};
use crate::error::{AppError, AppResult, Veldfout};
use crate::web::Pagina;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Form, Router};
use serde::Deserialize;
use tower_sessions::Session;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/inloggen", get(inloggen_form).post(inloggen))
        .route("/uitloggen", axum::routing::post(uitloggen))
        .route("/account/wachtwoord", get(wachtwoord_form).post(wachtwoord))
}

#[derive(Template, WebTemplate)]
#[template(path = "auth/inloggen.html")]
struct InloggenPagina {
    p: Pagina,
    fouten: Vec<Veldfout>,
    email: String,
    terug: String,
    demo_wachtwoord: &'static str,
    demo_gebruikers: &'static [(&'static str, &'static str, &'static str, &'static str)],
}

#[derive(Deserialize, Default)]
struct Terug {
    #[serde(default)]
    terug: String,
}

/// Only local paths are allowed as redirect targets after logging in.
fn veilig_terug(t: &str) -> String {
    let veilig = t.starts_with('/')
        && !t.starts_with("//")
        && t.chars()
            .all(|c| c.is_ascii_alphanumeric() || "/-_.~?=&%".contains(c));
    if veilig { t.to_string() } else { "/".into() }
}

async fn anonieme_pagina(state: &AppState, session: &Session, titel: &str) -> Pagina {
    Pagina {
        titel: titel.into(),
        csrf: super::csrf::token(session).await,
        demo: crate::demo::is_demo(&state.db).await,
        ..Default::default()
    }
}

async fn inloggen_form(
    State(state): State<AppState>,
    session: Session,
    Query(q): Query<Terug>,
) -> InloggenPagina {
    InloggenPagina {
        p: anonieme_pagina(&state, &session, "Inloggen").await,
        fouten: vec![],
        email: String::new(),
        terug: veilig_terug(&q.terug),
        demo_wachtwoord: crate::demo::WACHTWOORD,
        demo_gebruikers: &crate::demo::GEBRUIKERS,
    }
}

#[derive(Deserialize)]
struct InloggenForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    wachtwoord: String,
    #[serde(default)]
    terug: String,
}

async fn inloggen(
    State(state): State<AppState>,
    session: Session,
    Form(f): Form<InloggenForm>,
) -> AppResult<Response> {
    match service::inloggen(&state.db, &f.email, &f.wachtwoord).await {
        Ok(g) => {
            session
                .cycle_id()
                .await
                .map_err(|e| anyhow::anyhow!("sessie: {e}"))?;
            start_sessie(&session, g.id, crate::db::nu_ms())
                .await
                .map_err(|e| anyhow::anyhow!("sessie: {e}"))?;
            Ok(Redirect::to(&veilig_terug(&f.terug)).into_response())
        }
        Err(AppError::Validatie(fouten)) => Ok((
            axum::http::StatusCode::UNPROCESSABLE_ENTITY,
            InloggenPagina {
                p: anonieme_pagina(&state, &session, "Inloggen").await,
                fouten,
                email: f.email,
                terug: veilig_terug(&f.terug),
                demo_wachtwoord: crate::demo::WACHTWOORD,
                demo_gebruikers: &crate::demo::GEBRUIKERS,
            },
        )
            .into_response()),
        Err(e) => Err(e),
    }
}

async fn uitloggen(State(state): State<AppState>, ingelogd: Ingelogd) -> AppResult<Redirect> {
    let mut tx = crate::db::begin(&state.db).await?;
    audit::schrijf(
        &mut tx,
        &Actor::from(&ingelogd.gebruiker),
        AuditEvent::Uitgelogd,
    )
    .await?;
    tx.commit().await?;
    ingelogd
        .session
        .flush()
        .await
        .map_err(|e| anyhow::anyhow!("sessie: {e}"))?;
    Ok(Redirect::to("/inloggen"))
}

#[derive(Template, WebTemplate)]
#[template(path = "auth/wachtwoord.html")]
struct WachtwoordPagina {
    p: Pagina,
    fouten: Vec<Veldfout>,
}

async fn wachtwoord_form(ingelogd: Ingelogd) -> WachtwoordPagina {
    WachtwoordPagina {
        p: ingelogd.pagina("Wachtwoord wijzigen"),
        fouten: vec![],
    }
}

#[derive(Deserialize)]
struct WachtwoordForm {
    #[serde(default)]
    huidig: String,
    #[serde(default)]
    nieuw: String,
    #[serde(default)]
    herhaling: String,
}

async fn wachtwoord(
    State(state): State<AppState>,
    ingelogd: Ingelogd,
    Form(f): Form<WachtwoordForm>,
) -> AppResult<Response> {
    match service::wijzig_wachtwoord(
        &state.db,
        &ingelogd.gebruiker,
        &f.huidig,
        &f.nieuw,
        &f.herhaling,
    )
    .await
    {
        Ok(vanaf) => {
            // This session stays valid; all other sessions of the user end.
            start_sessie(&ingelogd.session, ingelogd.gebruiker.id, vanaf)
                .await
                .map_err(|e| anyhow::anyhow!("sessie: {e}"))?;
            ingelogd
                .session
                .cycle_id()
                .await
                .map_err(|e| anyhow::anyhow!("sessie: {e}"))?;
            ingelogd
                .flash("Uw wachtwoord is gewijzigd. Andere sessies van uw account zijn beëindigd.")
                .await;
            Ok(Redirect::to("/").into_response())
        }
        Err(AppError::Validatie(fouten)) => Ok((
            axum::http::StatusCode::UNPROCESSABLE_ENTITY,
            WachtwoordPagina {
                p: ingelogd.pagina("Wachtwoord wijzigen"),
                fouten,
            },
        )
            .into_response()),
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn terug_alleen_lokaal() {
        assert_eq!(super::veilig_terug("/zelfscan/1"), "/zelfscan/1");
        assert_eq!(super::veilig_terug("//evil.example"), "/");
        assert_eq!(super::veilig_terug("https://evil.example"), "/");
        assert_eq!(super::veilig_terug("/a\r\nSet-Cookie: x"), "/");
        assert_eq!(
            super::veilig_terug("/zelfscan?x=1&y=2"),
            "/zelfscan?x=1&y=2"
        );
    }
}
