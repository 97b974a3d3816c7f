//! Extractors for the current user: `Ingelogd` for pages (redirects to the login page),
//! `ApiGebruiker` for the API (bearer token, 401 problem+json).

use super::AppState;
use super::model::Gebruiker;
use crate::error::{ApiError, AppError, AppResult, Veldfout};
use crate::gedeeld::GebruikerId;
use crate::web::{Kop, Pagina};
use axum::extract::{FromRef, FromRequestParts};
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use tower_sessions::Session;

pub const GEBRUIKER_SLEUTEL: &str = "gebruiker_id";
const INGELOGD_SLEUTEL: &str = "ingelogd_ms";

/// Binds the session to the user from moment `ms` (login, or after a password change).
pub async fn start_sessie(
    session: &Session,
    gebruiker_id: GebruikerId,
    ms: i64,
) -> Result<(), tower_sessions::session::Error> {
    session.insert(GEBRUIKER_SLEUTEL, gebruiker_id).await?;
    session.insert(INGELOGD_SLEUTEL, ms).await
}
const FLASH_SLEUTEL: &str = "flash";
/// When the session (and so its inactivity expiry) was last written by a page view.
const VERNIEUWD_SLEUTEL: &str = "vernieuwd_ms";

/// A logged-in user of the web pages, with their session.
pub struct Ingelogd {
    pub gebruiker: Gebruiker,
    pub session: Session,
    csrf: String,
    demo: bool,
    flash: Option<String>,
    /// The idle timeout, for the "nog N minuten" warning on pages.
    sessie_minuten: u64,
    /// Items on Mijn werk, counted for pages that are read (not for posted forms).
    werk: Option<i64>,
}

impl Ingelogd {
    /// The region a page or form asks for: the user's own when none is given; a code that is
    /// no region is a page that does not exist. (Whether the user may see it is the service's
    /// question.)
    pub fn gevraagde_regio(
        &self,
        gevraagd: &str,
    ) -> crate::error::AppResult<crate::gedeeld::RegioCode> {
        if gevraagd.trim().is_empty() {
            return Ok(self.gebruiker.regio_code);
        }
        crate::gedeeld::RegioCode::parse(gevraagd)
            .map_err(|_| crate::error::AppError::NietGevonden("Deze regio"))
    }
    /// The layout context for a page with this title.
    pub fn pagina(&self, titel: impl Into<String>) -> Pagina {
        Pagina {
            titel: titel.into(),
            gebruiker: Some(Kop {
                werk: self.werk,
                ..kop(&self.gebruiker)
            }),
            csrf: self.csrf.clone(),
            demo: self.demo,
            flash: self.flash.clone(),
            sessie_minuten: self.sessie_minuten,
            hulp: None,
        }
    }
    /// Stores a message shown once on the next page (Post/Redirect/Get).
    pub async fn flash(&self, melding: impl Into<String>) {
        let _ = self.session.insert(FLASH_SLEUTEL, melding.into()).await;
    }
}

/// What the layout shows of a signed-in user: name, organisation, role and which menu items
/// the role may see.
pub fn kop(g: &Gebruiker) -> Kop {
    Kop {
        naam: g.naam.clone(),
        organisatie_naam: g.organisatie_naam.clone(),
        rol_label: g.rol.label(),
        beheerder: super::permissions::is_beheerder(g),
        fg: g.rol == super::Rol::Privacyfunctionaris,
        coordinator: g.rol == super::Rol::Regiocoordinator,
        casussen: super::permissions::ziet_casusproces(g, &g.regio_code),
        werk: None,
    }
}

/// Post/Redirect/Get for a submitted form: on success a flash message and a redirect
/// (`succes` gives both from the result); a rejected form is rendered again with status 422
/// by `opnieuw`, which keeps the user's input; other errors pass through.
pub async fn prg<T, R: IntoResponse>(
    i: &Ingelogd,
    uitkomst: AppResult<T>,
    succes: impl FnOnce(T) -> (String, String),
    opnieuw: impl AsyncFnOnce(Vec<Veldfout>) -> AppResult<R>,
) -> AppResult<Response> {
    match uitkomst {
        Ok(t) => {
            let (melding, naar) = succes(t);
            i.flash(melding).await;
            Ok(Redirect::to(&naar).into_response())
        }
        Err(AppError::Validatie(fouten)) => {
            Ok((StatusCode::UNPROCESSABLE_ENTITY, opnieuw(fouten).await?).into_response())
        }
        Err(e) => Err(e),
    }
}

pub struct NaarInloggen(String);

impl IntoResponse for NaarInloggen {
    fn into_response(self) -> Response {
        Redirect::to(&format!(
            "/inloggen?terug={}",
            crate::web::url_encode(&self.0)
        ))
        .into_response()
    }
}

impl<S> FromRequestParts<S> for Ingelogd
where
    S: Send + Sync,
    AppState: FromRef<S>,
{
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let state = AppState::from_ref(state);
        let terug = parts
            .uri
            .path_and_query()
            .map(|p| p.as_str().to_string())
            .unwrap_or_default();
        let session = Session::from_request_parts(parts, &state)
            .await
            .map_err(|_| NaarInloggen(terug.clone()).into_response())?;
        let id = session
            .get::<GebruikerId>(GEBRUIKER_SLEUTEL)
            .await
            .ok()
            .flatten();
        let Some(id) = id else {
            return Err(NaarInloggen(terug).into_response());
        };
        // The user, their session validity and the demo flag: one statement per page.
        let super::repo::Sessiegebruiker {
            gebruiker,
            geldig_vanaf,
            wachtwoord_wijzigen,
            demo,
        } = super::repo::voor_sessie(&state.db, id)
            .await
            .map_err(|e| AppError::from(e).into_response())?
            .ok_or_else(|| NaarInloggen(terug.clone()).into_response())?;
        let aanvrager = parts
            .extensions
            .get::<super::weigeringen::Aanvrager>()
            .cloned();
        if let Some(a) = &aanvrager {
            a.zet(&gebruiker);
        }
        let ingelogd = session
            .get::<i64>(INGELOGD_SLEUTEL)
            .await
            .ok()
            .flatten()
            .unwrap_or(0);
        // Sessions started before the last password change or sign-out are no longer valid;
        // nor is one older than the absolute lifetime, however active.
        let max_ms = i64::try_from(state.config.sessie_max.as_millis()).unwrap_or(i64::MAX);
        if ingelogd < geldig_vanaf || crate::db::nu_ms().saturating_sub(ingelogd) > max_ms {
            let _ = session.flush().await;
            return Err(NaarInloggen(terug).into_response());
        }
        let csrf = super::csrf::token(&session).await;
        let sessie_minuten = state.config.sessie_inactief.as_secs() / 60;
        // An error page of this request keeps the menu and user bar (`weigeringen::laag`).
        if let Some(a) = &aanvrager {
            a.zet_pagina(Pagina {
                titel: String::new(),
                gebruiker: Some(kop(&gebruiker)),
                csrf: csrf.clone(),
                demo,
                flash: None,
                sessie_minuten,
                hulp: None,
            });
        }
        // A password set by an administrator is changed before anything else.
        let pad = parts.uri.path();
        // The privacy officer reads the audit pages and nothing else (one gate for every page).
        if !super::permissions::fg_mag_pad(&gebruiker, pad) {
            return Err(AppError::GeenToegang.into_response());
        }
        if wachtwoord_wijzigen && pad != "/account/wachtwoord" && pad != "/uitloggen" {
            return Err(Redirect::to("/account/wachtwoord").into_response());
        }
        // Reading a page does not write the session (a write per view queued every reader on
        // SQLite's write lock): the flash message is removed only when there is one, and the
        // inactivity expiry is renewed at most once a minute (1/30 of the idle timeout when
        // that is shorter), which is all the idle timeout needs.
        let flash = match session.get::<String>(FLASH_SLEUTEL).await.ok().flatten() {
            Some(_) => session.remove::<String>(FLASH_SLEUTEL).await.ok().flatten(),
            None => None,
        };
        let nu = crate::db::nu_ms();
        let vernieuwd = session
            .get::<i64>(VERNIEUWD_SLEUTEL)
            .await
            .ok()
            .flatten()
            .unwrap_or(0);
        let interval = (state.config.sessie_inactief / 30).min(std::time::Duration::from_secs(60));
        if nu.saturating_sub(vernieuwd) >= i64::try_from(interval.as_millis()).unwrap_or(60_000) {
            let _ = session.insert(VERNIEUWD_SLEUTEL, nu).await;
        }
        let werk = match state.werkteller {
            Some(tel) if matches!(parts.method, axum::http::Method::GET) => {
                tel(state.db.clone(), gebruiker.clone()).await
            }
            _ => None,
        };
        Ok(Ingelogd {
            gebruiker,
            session,
            csrf,
            demo,
            flash,
            sessie_minuten,
            werk,
        })
    }
}

/// The client's address, for the sign-in brake: the peer address, or behind a trusted reverse
/// proxy (`VOOROP_VERTROUW_PROXY=1`) the last `X-Forwarded-For` entry, which that proxy added.
/// `None` when neither is known (in-process tests).
pub struct KlantAdres(pub Option<std::net::IpAddr>);

impl<S> FromRequestParts<S> for KlantAdres
where
    S: Send + Sync,
    AppState: FromRef<S>,
{
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let state = AppState::from_ref(state);
        let via_proxy = || {
            parts
                .headers
                .get_all("x-forwarded-for")
                .iter()
                .filter_map(|v| v.to_str().ok())
                .flat_map(|v| v.split(','))
                .next_back()
                .and_then(|a| a.trim().parse().ok())
        };
        let direct = || {
            parts
                .extensions
                .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
                .map(|c| c.0.ip())
        };
        Ok(KlantAdres(if state.config.vertrouw_proxy {
            via_proxy().or_else(direct)
        } else {
            direct()
        }))
    }
}

/// A caller of the JSON API, authenticated by `Authorization: Bearer <token>`.
pub struct ApiGebruiker(pub Gebruiker);

impl<S> FromRequestParts<S> for ApiGebruiker
where
    S: Send + Sync,
    AppState: FromRef<S>,
{
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let state = AppState::from_ref(state);
        let token = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim);
        let onbevoegd = || {
            let mut r = ApiError(AppError::NietIngelogd).into_response();
            r.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                header::HeaderValue::from_static("Bearer"),
            );
            *r.status_mut() = StatusCode::UNAUTHORIZED;
            r
        };
        let Some(token) = token else {
            return Err(onbevoegd());
        };
        let (g, bereik) = super::repo::op_token_hash(&state.db, &super::service::token_hash(token))
            .await
            .map_err(|e| ApiError::from(e).into_response())?
            .ok_or_else(onbevoegd)?;
        if let Some(a) = parts.extensions.get::<super::weigeringen::Aanvrager>() {
            a.zet(&g);
        }
        // A read-only token may read, never change.
        let lezend = matches!(
            parts.method,
            axum::http::Method::GET | axum::http::Method::HEAD | axum::http::Method::OPTIONS
        );
        if bereik == super::model::TokenBereik::Lezen && !lezend {
            return Err(ApiError(AppError::GeenToegang).into_response());
        }
        // The privacy officer has no API: the audit pages are the whole of the role.
        if !super::permissions::fg_mag_pad(&g, parts.uri.path()) {
            return Err(ApiError(AppError::GeenToegang).into_response());
        }
        Ok(ApiGebruiker(g))
    }
}

/// The paging of an API collection from the query (`pagina`, `per_pagina`); a wrong value is a
/// 400 problem naming the parameter.
pub struct ApiPaginering(pub crate::web::paginering::Paginering);

impl<S: Send + Sync> FromRequestParts<S> for ApiPaginering {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        use crate::web::paginering::{PaginaParameters, Paginering};
        let p: PaginaParameters =
            serde_urlencoded::from_str(parts.uri.query().unwrap_or_default()).unwrap_or_default();
        Paginering::uit(&p).map(ApiPaginering).map_err(|fouten| {
            ApiError(AppError::Validatie(
                fouten
                    .into_iter()
                    .map(|(v, m)| Veldfout::new(v, m))
                    .collect(),
            ))
        })
    }
}
