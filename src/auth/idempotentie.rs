//! `Idempotency-Key` for the API's POST operations (draft-ietf-httpapi-idempotency-key-header):
//! a client that does not know whether its POST arrived sends it again with the same key and
//! gets the first answer back instead of a second registration.
//!
//! The key is claimed (a row with status 0) before the write, so a second request with the same
//! key while the first still runs gets a 409 rather than running twice; the answer (status, the
//! small JSON body with the new item's number, Location) is stored after the write. A write that
//! fails gives the key back. The same key with a different request (method, path or body) is a
//! 422. Keys belong to the user and are kept for a day. A crash between the write and storing its
//! answer leaves the key claimed: the retry then hears 409 and the client looks the item up.

use super::model::Gebruiker;
use crate::db::Db;
use crate::error::{ApiError, AppError};
use axum::Json;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::Value;
use sha2::{Digest, Sha256};

/// The request header.
pub const KOP: &str = "idempotency-key";
/// How long a key is kept, in milliseconds (a day).
const BEWAREN_MS: i64 = 86_400_000;
/// The longest key accepted.
const MAX_LENGTE: usize = 255;

/// A new item's answer: status, JSON body and its address.
pub struct Antwoord {
    pub status: StatusCode,
    pub body: Value,
    pub locatie: Option<String>,
}

impl IntoResponse for Antwoord {
    fn into_response(self) -> Response {
        let mut r = (self.status, Json(self.body)).into_response();
        if let Some(l) = self.locatie.and_then(|l| HeaderValue::from_str(&l).ok()) {
            r.headers_mut().insert(header::LOCATION, l);
        }
        r
    }
}

/// The key of a request, if it has one; a key that is empty, too long or not printable ASCII
/// is a 400 naming the header.
pub fn sleutel(koppen: &HeaderMap) -> Result<Option<String>, ApiError> {
    let Some(k) = koppen.get(KOP) else {
        return Ok(None);
    };
    let fout = || {
        ApiError(AppError::validatie(
            "Idempotency-Key",
            "Geef als Idempotency-Key 1 tot 255 zichtbare ASCII-tekens, bijvoorbeeld een UUID.",
        ))
    };
    let t = k.to_str().map_err(|_| fout())?.trim();
    if t.is_empty() || t.len() > MAX_LENGTE || !t.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(fout());
    }
    Ok(Some(t.to_string()))
}

/// Runs `actie` once per key: the first time it runs and its answer is kept; a repeat of the
/// same request (the POST to `pad` with the same body) gets that answer (with
/// `Idempotent-Replayed: true`). Without a key it just runs.
pub async fn eenmalig(
    db: &Db,
    g: &Gebruiker,
    (koppen, pad, body): (&HeaderMap, &str, &[u8]),
    actie: impl Future<Output = Result<Antwoord, ApiError>>,
) -> Result<Response, ApiError> {
    let Some(sleutel) = sleutel(koppen)? else {
        return Ok(actie.await?.into_response());
    };
    let mut h = Sha256::new();
    h.update(format!("POST {pad}\n").as_bytes());
    h.update(body);
    let vingerafdruk: String = h.finalize().iter().map(|b| format!("{b:02x}")).collect();
    let nu = crate::db::nu_ms();
    let nieuw =
        super::repo::idempotentie_claimen(db, g.id, &sleutel, &vingerafdruk, nu, BEWAREN_MS)
            .await?;
    if !nieuw {
        return herhalen(db, g, &sleutel, &vingerafdruk).await;
    }
    match actie.await {
        Ok(a) => {
            super::repo::idempotentie_vastleggen(
                db,
                g.id,
                &sleutel,
                (
                    i64::from(a.status.as_u16()),
                    &a.body.to_string(),
                    a.locatie.as_deref(),
                ),
            )
            .await?;
            Ok(a.into_response())
        }
        Err(e) => {
            super::repo::idempotentie_vrijgeven(db, g.id, &sleutel).await?;
            Err(e)
        }
    }
}

/// The answer to a key seen before.
async fn herhalen(
    db: &Db,
    g: &Gebruiker,
    sleutel: &str,
    vingerafdruk: &str,
) -> Result<Response, ApiError> {
    let Some((afdruk, status, body, locatie)) =
        super::repo::idempotentie_antwoord(db, g.id, sleutel).await?
    else {
        // Given back (the first attempt failed) between our claim and this read: try again.
        return Err(ApiError(AppError::Conflict(
            "Dit verzoek met deze Idempotency-Key werd net afgebroken; stuur het opnieuw.".into(),
        )));
    };
    if afdruk != vingerafdruk {
        return Err(ApiError(AppError::validatie(
            "Idempotency-Key",
            "Deze Idempotency-Key is al gebruikt voor een ander verzoek; kies een nieuwe sleutel.",
        )));
    }
    let status = u16::try_from(status)
        .ok()
        .and_then(|s| StatusCode::from_u16(s).ok())
        .filter(StatusCode::is_success);
    let Some(status) = status else {
        return Err(ApiError(AppError::Conflict(
            "Een verzoek met deze Idempotency-Key is nog bezig (of werd onderbroken); \
             zoek het resultaat op voordat u het opnieuw probeert."
                .into(),
        )));
    };
    let body = serde_json::from_str(&body).unwrap_or(Value::Null);
    let mut r = Antwoord {
        status,
        body,
        locatie,
    }
    .into_response();
    r.headers_mut()
        .insert("idempotent-replayed", HeaderValue::from_static("true"));
    Ok(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sleutel_wordt_gecontroleerd() {
        let mut k = HeaderMap::new();
        assert_eq!(sleutel(&k).ok(), Some(None));
        k.insert(KOP, HeaderValue::from_static("4f1c-aa"));
        assert_eq!(sleutel(&k).ok(), Some(Some("4f1c-aa".to_string())));
        for fout in ["", "met spatie", &"x".repeat(256)] {
            k.insert(KOP, HeaderValue::from_str(fout).unwrap());
            assert!(sleutel(&k).is_err(), "{fout:?}");
        }
    }
}
