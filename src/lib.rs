//! Voorop: one crate, one binary. `build_app` assembles the whole HTTP application and is
//! reused by every integration test.

pub mod api;
pub mod audit;
pub mod auth;
pub mod beheer;
pub mod casus;
pub mod cli;
pub mod config;
pub mod db;
pub mod demo;
pub mod email;
pub mod error;
pub mod gedeeld;
pub mod hulp;
pub mod indicatoren;
#[cfg(test)]
mod lagen;
pub mod melding;
pub mod mijnwerk;
pub mod onderhoud;
pub mod ontwikkelagenda;
pub mod organisatie;
pub mod rapport;
pub mod referentiedata;
pub mod tekst;
pub mod terminal;
pub mod web;
pub mod werkset;
pub mod zelfscan;

pub use auth::AppState;
pub use beheer::referentiedata_laden;

use axum::Router;
use axum::http::{HeaderValue, header};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};

/// Builds the application: pages, API, static files, sessions, CSRF and security headers.
pub async fn build_app(mut state: AppState) -> anyhow::Result<Router> {
    // Every page's menu counts the work on Mijn werk.
    state.werkteller = Some(mijnwerk::service::teller);
    // E-mail of the meldingen, when an SMTP server is configured.
    if let Some(smtp) = state.config.smtp.clone() {
        melding::verzender::starten(state.db.clone(), smtp, state.config.basis_url.clone());
    }
    let store = db::Sessiestore::openen(&state.db).await?;
    // Expired sessions are removed hourly.
    tokio::spawn(
        tower_sessions::session_store::ExpiredDeletion::continuously_delete_expired(
            store.clone(),
            tokio::time::Duration::from_secs(3600),
        ),
    );
    // Behind HTTPS the cookie gets the `__Host-` prefix: Secure, path /, no domain, so no
    // other host or plain-HTTP page can set or overwrite it.
    let sessies = SessionManagerLayer::new(store)
        .with_name(if state.config.secure_cookies {
            "__Host-voorop_sessie"
        } else {
            "voorop_sessie"
        })
        .with_secure(state.config.secure_cookies)
        .with_http_only(true)
        .with_same_site(SameSite::Strict)
        .with_path("/")
        .with_expiry(Expiry::OnInactivity(
            time::Duration::try_from(state.config.sessie_inactief)
                .unwrap_or(time::Duration::minutes(30)),
        ));

    let pages = Router::new()
        .merge(auth::routes::router())
        .merge(beheer::gebruikers_routes::router())
        .merge(organisatie::routes::router())
        .merge(zelfscan::routes::router())
        .merge(beheer::routes::router())
        .merge(werkset::routes::router())
        .merge(ontwikkelagenda::routes::router())
        .merge(ontwikkelagenda::uitvoeringsplan::router())
        .merge(ontwikkelagenda::netwerk_routes::router())
        .merge(casus::routes::router())
        .merge(mijnwerk::routes::router())
        .merge(melding::routes::router())
        .merge(hulp::routes::router())
        .layer(axum::middleware::from_fn(auth::csrf::laag));
    let api = api::router();
    Ok(Router::new()
        .merge(pages)
        .nest("/api/v1", api)
        .route("/static/{bestand}", axum::routing::get(web::statisch::bestand))
        .fallback(niet_gevonden)
        .layer(axum::middleware::from_fn(lezend))
        .layer(axum::middleware::map_response(error::nederlandse_afwijzing))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            auth::weigeringen::laag,
        ))
        .layer(sessies)
        // Request spans carry method and path only (no bodies, no query strings with input).
        .layer(tower_http::trace::TraceLayer::new_for_http().make_span_with(
            |req: &axum::http::Request<axum::body::Body>| {
                tracing::info_span!("http", method = %req.method(), path = %req.uri().path())
            },
        ))
        .layer(axum::extract::DefaultBodyLimit::max(state.config.max_upload))
        .layer(axum::middleware::from_fn_with_state(
            state.config.secure_cookies,
            web::beveiligingskoppen,
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(
                "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
            ),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        ))
        .layer(axum::middleware::from_fn(web::api_versie))
        .with_state(state))
}

/// A GET or HEAD request reads each change marker once ([`db::geheugen::lezend_verzoek`]).
async fn lezend(
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use axum::http::Method;
    if matches!(*req.method(), Method::GET | Method::HEAD) {
        db::geheugen::lezend_verzoek(next.run(req)).await
    } else {
        next.run(req).await
    }
}

async fn niet_gevonden(uri: axum::http::Uri) -> axum::response::Response {
    if uri.path().starts_with("/api/") {
        use axum::response::IntoResponse;
        error::ApiError(error::AppError::NietGevonden("Deze API-route")).into_response()
    } else {
        use axum::response::IntoResponse;
        error::AppError::NietGevonden("Deze pagina").into_response()
    }
}
