use super::extract::{KlantAdres, start_sessie};
use super::{Ingelogd, service};
use crate::AppState;
use crate::error::{AppError, AppResult, Veldfout};
use axum::http::{StatusCode, header};
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

/// The sign-in page with a fresh double-submit token (no server-side session is created).
async fn inlogpagina(
    state: &AppState,
    status: StatusCode,
    fouten: Vec<Veldfout>,
    email: String,
    terug: &str,
) -> Response {
    let (token, cookie) = super::csrf::inlog_token(state.config.secure_cookies);
    let pagina = InloggenPagina {
        p: Pagina {
            titel: "Inloggen".into(),
            csrf: token,
            demo: crate::demo::is_demo(&state.db).await,
            ..Default::default()
        },
        fouten,
        email,
        terug: veilig_terug(terug),
        demo_wachtwoord: crate::demo::WACHTWOORD,
        demo_gebruikers: &crate::demo::GEBRUIKERS,
    };
    (status, [(header::SET_COOKIE, cookie)], pagina).into_response()
}

async fn inloggen_form(State(state): State<AppState>, Query(q): Query<Terug>) -> Response {
    inlogpagina(&state, StatusCode::OK, vec![], String::new(), &q.terug).await
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
    KlantAdres(adres): KlantAdres,
    session: Session,
    Form(f): Form<InloggenForm>,
) -> AppResult<Response> {
    // The rising delay per client address comes before the password is even looked at.
    if let Some(adres) = adres {
        let wacht = state.inlogremming.vertraging(adres);
        if !wacht.is_zero() {
            tokio::time::sleep(wacht).await;
        }
    }
    match service::inloggen(&state.db, &state.config.inlog, &f.email, &f.wachtwoord).await {
        Ok(g) => {
            if let Some(adres) = adres {
                state.inlogremming.gelukt(adres);
            }
            // New session id and a new CSRF token: nothing from before sign-in carries over.
            session
                .cycle_id()
                .await
                .map_err(|e| anyhow::anyhow!("sessie: {e}"))?;
            let _ = session.remove::<String>(super::csrf::SESSIE_SLEUTEL).await;
            start_sessie(&session, g.id, crate::db::nu_ms())
                .await
                .map_err(|e| anyhow::anyhow!("sessie: {e}"))?;
            let weg = super::csrf::inlog_cookie_weg(state.config.secure_cookies);
            Ok((
                [(header::SET_COOKIE, weg)],
                Redirect::to(&veilig_terug(&f.terug)),
            )
                .into_response())
        }
        Err(AppError::Validatie(fouten)) => {
            if let Some(adres) = adres {
                state.inlogremming.mislukt(adres);
            }
            Ok(inlogpagina(
                &state,
                StatusCode::UNPROCESSABLE_ENTITY,
                fouten,
                f.email,
                &f.terug,
            )
            .await)
        }
        Err(e) => Err(e),
    }
}

async fn uitloggen(State(state): State<AppState>, ingelogd: Ingelogd) -> AppResult<Redirect> {
    service::uitloggen(&state.db, &ingelogd.gebruiker).await?;
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
            StatusCode::UNPROCESSABLE_ENTITY,
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
