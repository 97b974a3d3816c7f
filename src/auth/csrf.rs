//! CSRF protection: a synchronizer token per session, required on every state-changing
//! request outside the bearer-token API. Forms carry it as the hidden field `_csrf`;
//! multipart upload forms carry it in the action URL (`?_csrf=`); scripts may use the
//! `X-CSRF-Token` header. Session cookies are additionally `SameSite=Strict`.
//!
//! The sign-in form is the exception: an anonymous visitor gets no server-side session (a
//! flood of `GET /inloggen` must not fill the session table), so its token is a
//! double-submit cookie ([`INLOG_COOKIE`], `SameSite=Strict`, HttpOnly) that the form repeats.
//! A successful sign-in starts a new session with a new token (see `auth::routes`).

use axum::body::Body;
use axum::extract::Request;
use axum::http::{Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};
use tower_sessions::Session;

pub const SESSIE_SLEUTEL: &str = "csrf";
/// The sign-in form's double-submit cookie (plain HTTP / behind HTTPS).
pub const INLOG_COOKIE: &str = "voorop_inlog";
/// The forms posted before signing in, whose token is in the sign-in cookie.
const ZONDER_SESSIE: &[&str] = &[
    "/inloggen",
    "/wachtwoord-vergeten",
    "/wachtwoord-herstellen",
];
pub const INLOG_COOKIE_HTTPS: &str = "__Host-voorop_inlog";

/// A fresh token for the sign-in form and the `Set-Cookie` value that carries it.
pub fn inlog_token(https: bool) -> (String, String) {
    let t = crate::web::willekeurig(32);
    let cookie = if https {
        format!("{INLOG_COOKIE_HTTPS}={t}; Path=/; Max-Age=3600; HttpOnly; SameSite=Strict; Secure")
    } else {
        format!("{INLOG_COOKIE}={t}; Path=/; Max-Age=3600; HttpOnly; SameSite=Strict")
    };
    (t, cookie)
}

/// `Set-Cookie` that removes the sign-in cookie (after signing in).
pub fn inlog_cookie_weg(https: bool) -> String {
    if https {
        format!("{INLOG_COOKIE_HTTPS}=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict; Secure")
    } else {
        format!("{INLOG_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict")
    }
}

/// The sign-in cookie's value from the request's `Cookie` headers.
fn inlog_cookie(headers: &axum::http::HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|paar| paar.trim().split_once('='))
        .find(|(k, _)| *k == INLOG_COOKIE || *k == INLOG_COOKIE_HTTPS)
        .map(|(_, v)| v.to_string())
        .filter(|v| !v.is_empty())
}
const MAX_FORM: usize = 2 * 1024 * 1024;

/// The session's token, created on first use.
pub async fn token(session: &Session) -> String {
    if let Ok(Some(t)) = session.get::<String>(SESSIE_SLEUTEL).await {
        return t;
    }
    let t = crate::web::willekeurig(32);
    let _ = session.insert(SESSIE_SLEUTEL, &t).await;
    t
}

fn gelijk(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn uit_paren(bytes: &[u8]) -> Option<String> {
    serde_urlencoded::from_bytes::<Vec<(String, String)>>(bytes)
        .ok()?
        .into_iter()
        .find(|(k, _)| k == "_csrf")
        .map(|(_, v)| v)
}

pub async fn laag(session: Session, req: Request, next: Next) -> Response {
    let veilig = matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if veilig || req.uri().path().starts_with("/api/") {
        return next.run(req).await;
    }
    let (parts, body) = req.into_parts();
    let verwacht = if ZONDER_SESSIE.contains(&parts.uri.path()) {
        inlog_cookie(&parts.headers)
    } else {
        session.get::<String>(SESSIE_SLEUTEL).await.ok().flatten()
    };
    let mut gegeven = parts
        .headers
        .get("x-csrf-token")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
        .or_else(|| parts.uri.query().and_then(|q| uit_paren(q.as_bytes())));
    let is_form = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|c| c.starts_with("application/x-www-form-urlencoded"));
    let body = if is_form {
        let Ok(bytes) = axum::body::to_bytes(body, MAX_FORM).await else {
            return weiger(StatusCode::PAYLOAD_TOO_LARGE, "Het formulier is te groot.");
        };
        if gegeven.is_none() {
            gegeven = uit_paren(&bytes);
        }
        Body::from(bytes)
    } else {
        body
    };
    match (verwacht, gegeven) {
        (Some(v), Some(g)) if gelijk(v.as_bytes(), g.as_bytes()) => {
            next.run(Request::from_parts(parts, body)).await
        }
        _ => weiger(
            StatusCode::FORBIDDEN,
            "Dit formulier is verlopen of niet vanuit Voorop verstuurd. Ga terug, laad de pagina opnieuw en probeer het nog eens. Uw invoer is niet opgeslagen.",
        ),
    }
}

fn weiger(status: StatusCode, melding: &str) -> Response {
    (status, Html(crate::web::foutpagina(status, melding, ""))).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn vergelijking() {
        assert!(gelijk(b"abc", b"abc"));
        assert!(!gelijk(b"abc", b"abd"));
        assert!(!gelijk(b"abc", b"ab"));
    }
    #[test]
    fn inlogcookie_uit_koppen() {
        let mut h = axum::http::HeaderMap::new();
        h.insert(
            header::COOKIE,
            "a=1; voorop_inlog=abc; b=2".parse().unwrap(),
        );
        assert_eq!(inlog_cookie(&h).as_deref(), Some("abc"));
        h.insert(header::COOKIE, "voorop_inlog=".parse().unwrap());
        assert_eq!(inlog_cookie(&h), None);
    }
    #[test]
    fn token_uit_formulier() {
        assert_eq!(uit_paren(b"a=1&_csrf=xyz&b=2").as_deref(), Some("xyz"));
        assert_eq!(uit_paren(b"a=1"), None);
    }
}
