//! Beheer › Gebruikers: pages over `beheer::gebruikers`.

use super::gebruikers::{self as beheer, AccountInvoer};
use crate::auth::repo::Account;
use crate::auth::{AppState, Ingelogd};
use crate::error::{AppError, AppResult, Veldfout};
use crate::gedeeld::GebruikerId;
use crate::organisatie::model::Organisatie;
use crate::web::Pagina;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/beheer/gebruikers", get(lijst).post(aanmaken))
        .route("/beheer/gebruikers/nieuw", get(nieuw))
        .route("/beheer/gebruikers/{id}", get(bewerken).post(wijzigen))
        .route("/beheer/gebruikers/{id}/wachtwoord", post(wachtwoord))
        .route("/beheer/gebruikers/{id}/tweestaps", post(tweestaps))
}

#[derive(Template, WebTemplate)]
#[template(path = "beheer/gebruikers.html")]
struct LijstPagina {
    p: Pagina,
    accounts: Vec<Account>,
    nu_ms: i64,
}

async fn lijst(State(s): State<AppState>, i: Ingelogd) -> AppResult<LijstPagina> {
    Ok(LijstPagina {
        accounts: beheer::accounts(&s.db, &i.gebruiker).await?,
        p: i.pagina("Gebruikers"),
        nu_ms: crate::db::nu_ms(),
    })
}

#[derive(Template, WebTemplate)]
#[template(path = "beheer/gebruiker.html")]
struct AccountPagina {
    p: Pagina,
    /// None: a new account.
    id: Option<GebruikerId>,
    invoer: AccountInvoer,
    organisaties: Vec<Organisatie>,
    rollen: Vec<(&'static str, &'static str)>,
    tweestaps: bool,
    fouten: Vec<Veldfout>,
}

async fn pagina(
    s: &AppState,
    i: &Ingelogd,
    id: Option<GebruikerId>,
    invoer: AccountInvoer,
    tweestaps: bool,
    fouten: Vec<Veldfout>,
) -> AppResult<AccountPagina> {
    let huidige = match id {
        Some(id) => Some(
            beheer::account(&s.db, &i.gebruiker, id)
                .await?
                .organisatie_code,
        ),
        None => None,
    };
    let rollen = crate::auth::Rol::ALLE
        .into_iter()
        .filter(|r| crate::auth::permissions::mag_rol_toekennen(&i.gebruiker, *r))
        .map(|r| (r.code(), r.label()))
        .collect();
    Ok(AccountPagina {
        p: i.pagina(if id.is_some() {
            "Gebruiker wijzigen"
        } else {
            "Nieuwe gebruiker"
        }),
        id,
        invoer,
        organisaties: beheer::organisaties(&s.db, &i.gebruiker, huidige.as_deref()).await?,
        rollen,
        tweestaps,
        fouten,
    })
}

async fn nieuw(State(s): State<AppState>, i: Ingelogd) -> AppResult<AccountPagina> {
    beheer::accounts(&s.db, &i.gebruiker).await?;
    let invoer = AccountInvoer {
        actief: "1".into(),
        ..Default::default()
    };
    pagina(&s, &i, None, invoer, false, vec![]).await
}

#[derive(Template, WebTemplate)]
#[template(path = "beheer/tijdelijk_wachtwoord.html")]
struct TijdelijkPagina {
    p: Pagina,
    email: String,
    wachtwoord: String,
}

async fn aanmaken(
    State(s): State<AppState>,
    i: Ingelogd,
    Form(invoer): Form<AccountInvoer>,
) -> AppResult<Response> {
    match beheer::aanmaken(&s.db, &i.gebruiker, &invoer).await {
        Ok((_, wachtwoord)) => Ok(TijdelijkPagina {
            p: i.pagina("Gebruiker aangemaakt"),
            email: invoer.email.trim().to_lowercase(),
            wachtwoord,
        }
        .into_response()),
        Err(AppError::Validatie(fouten)) => Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            pagina(&s, &i, None, invoer, false, fouten).await?,
        )
            .into_response()),
        Err(e) => Err(e),
    }
}

async fn bewerken(
    State(s): State<AppState>,
    i: Ingelogd,
    Path(id): Path<GebruikerId>,
) -> AppResult<AccountPagina> {
    let a = beheer::account(&s.db, &i.gebruiker, id).await?;
    let invoer = AccountInvoer {
        email: a.email,
        naam: a.naam,
        organisatie: a.organisatie_code,
        rol: a.rol,
        actief: if a.actief { "1".into() } else { String::new() },
    };
    pagina(&s, &i, Some(id), invoer, a.tweestaps, vec![]).await
}

async fn wijzigen(
    State(s): State<AppState>,
    i: Ingelogd,
    Path(id): Path<GebruikerId>,
    Form(invoer): Form<AccountInvoer>,
) -> AppResult<Response> {
    match beheer::wijzigen(&s.db, &i.gebruiker, id, &invoer).await {
        Ok(()) => {
            i.flash("De gebruiker is bijgewerkt.").await;
            Ok(Redirect::to("/beheer/gebruikers").into_response())
        }
        Err(AppError::Validatie(fouten)) => {
            let a = beheer::account(&s.db, &i.gebruiker, id).await?;
            let invoer = AccountInvoer {
                email: a.email,
                ..invoer
            };
            Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                pagina(&s, &i, Some(id), invoer, a.tweestaps, fouten).await?,
            )
                .into_response())
        }
        Err(e) => Err(e),
    }
}

async fn wachtwoord(
    State(s): State<AppState>,
    i: Ingelogd,
    Path(id): Path<GebruikerId>,
) -> AppResult<TijdelijkPagina> {
    let wachtwoord = beheer::wachtwoord_resetten(&s.db, &i.gebruiker, id).await?;
    let a = beheer::account(&s.db, &i.gebruiker, id).await?;
    Ok(TijdelijkPagina {
        p: i.pagina("Tijdelijk wachtwoord"),
        email: a.email,
        wachtwoord,
    })
}

async fn tweestaps(
    State(s): State<AppState>,
    i: Ingelogd,
    Path(id): Path<GebruikerId>,
) -> AppResult<Redirect> {
    beheer::tweestaps_resetten(&s.db, &i.gebruiker, id).await?;
    i.flash("De tweestapsverificatie is teruggezet; de gebruiker stelt haar bij de volgende inlog opnieuw in.")
        .await;
    Ok(Redirect::to(&format!("/beheer/gebruikers/{id}")))
}
