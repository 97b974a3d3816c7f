//! Refused requests (403, and 404 on a moment or afspraak outside the user's scope) on paths
//! with personal data go into the audit log with outcome
//! `geweigerd` (NEN 7513), without touching the handlers: this layer gives every request an
//! empty slot, the `Ingelogd`/`ApiGebruiker` extractors put the signed-in user in it, and when
//! the response is a 403 on a moment, the case pages, the audit log or the privacy officer's
//! pages, the refusal is written in its own transaction (after the handler's transaction has
//! ended, so the refused request writes nothing else). The flood guard of
//! [`crate::audit::service::WEIGERING_VENSTER_SECONDEN`] applies.

use super::{AppState, Gebruiker};
use crate::audit::Actor;
use crate::web::Pagina;
use axum::extract::{Request, State};
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use std::sync::{Arc, Mutex};

/// Who made the request, filled in by the authentication extractors: the actor for the audit
/// log and, for a signed-in page visitor, the layout (menu, user bar) an error page keeps.
#[derive(Clone, Default)]
pub struct Aanvrager(Arc<Mutex<(Option<Actor>, Option<Pagina>)>>);

impl Aanvrager {
    pub fn zet(&self, g: &Gebruiker) {
        if let Ok(mut a) = self.0.lock() {
            a.0 = Some(Actor::from(g));
        }
    }
    pub fn zet_pagina(&self, p: Pagina) {
        if let Ok(mut a) = self.0.lock() {
            a.1 = Some(p);
        }
    }
    fn actor(&self) -> Option<Actor> {
        self.0.lock().ok().and_then(|a| a.0.clone())
    }
    fn pagina(&self) -> Option<Pagina> {
        self.0.lock().ok().and_then(|a| a.1.clone())
    }
}

/// The layer (see the module documentation).
pub async fn laag(State(s): State<AppState>, mut req: Request, next: Next) -> Response {
    let aanvrager = Aanvrager::default();
    req.extensions_mut().insert(aanvrager.clone());
    let pad = req.uri().path().to_string();
    let lezen = matches!(*req.method(), Method::GET | Method::HEAD);
    let antwoord = next.run(req).await;
    let pad = pad.strip_prefix("/api/v1").unwrap_or(&pad);
    let geweigerd = match antwoord.status() {
        StatusCode::FORBIDDEN => true,
        // A moment or afspraak outside the user's scope (another region) is not found, so the
        // response reveals nothing; the attempt is a refused access all the same.
        StatusCode::NOT_FOUND => {
            pad.starts_with("/casussen/moment/") || pad.starts_with("/casussen/afspraak/")
        }
        _ => false,
    };
    let antwoord = met_menu(antwoord, &aanvrager);
    if geweigerd && let Some(actor) = aanvrager.actor() {
        let uitkomst = match crate::audit::service::weigering_voor_pad(&s.db, pad, lezen).await {
            Ok(Some(w)) => crate::audit::service::geweigerd(&s.db, &actor, w)
                .await
                .map(|_| ()),
            Ok(None) => Ok(()),
            Err(e) => Err(e),
        };
        if let Err(e) = uitkomst {
            tracing::error!(fout = %e, "geweigerd verzoek kon niet in het auditlog");
        }
    }
    antwoord
}

/// An error page (see `AppError`'s HTML rendering) for a signed-in user, rendered again within
/// the layout of their pages: the menu and user bar stay, so a 403 or 404 is not a dead end.
fn met_menu(antwoord: Response, aanvrager: &Aanvrager) -> Response {
    let (Some(fout), Some(p)) = (
        antwoord.extensions().get::<crate::web::FoutInhoud>(),
        aanvrager.pagina(),
    ) else {
        return antwoord;
    };
    let body = crate::web::foutpagina_in(p, antwoord.status(), fout);
    let (mut delen, _) = antwoord.into_parts();
    delen.headers.remove(axum::http::header::CONTENT_LENGTH);
    Response::from_parts(delen, axum::body::Body::from(body))
}
