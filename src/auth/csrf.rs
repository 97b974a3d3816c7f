//! CSRF protection: a synchronizer token per session, required on every state-changing
//! request outside the bearer-token API. Forms carry it as the hidden field `_csrf`;
//! multipart upload forms carry it in the action URL (`?_csrf=`); scripts may use the
//! `X-CSRF-Token` header. Session cookies are additionally `SameSite=Strict`.

use axum::body::Body;
use axum::extract::Request;
use axum::http::{Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};
use tower_sessions::Session;

pub const SESSIE_SLEUTEL: &str = "csrf";
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
    let verwacht = session.get::<String>(SESSIE_SLEUTEL).await.ok().flatten();
    let (parts, body) = req.into_parts();
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
    fn token_uit_formulier() {
        assert_eq!(uit_paren(b"a=1&_csrf=xyz&b=2").as_deref(), Some("xyz"));
        assert_eq!(uit_paren(b"a=1"), None);
    }
}
