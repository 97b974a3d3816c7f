//! The Mijn werk page and the start page that leads to it.

use super::service::{self, MijnWerk};
use crate::auth::{AppState, Ingelogd};
use crate::error::AppResult;
use crate::web::Pagina;
use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::State;
use axum::response::Redirect;
use axum::routing::get;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(startpagina))
        .route("/mijn-werk", get(mijn_werk))
}

/// Everyone lands on Mijn werk; the privacy officer, who has no work there, on the audit log.
async fn startpagina(i: Ingelogd) -> Redirect {
    if i.gebruiker.rol == crate::auth::Rol::Privacyfunctionaris {
        return Redirect::to("/privacy/logboek");
    }
    Redirect::to("/mijn-werk")
}

#[derive(Template, WebTemplate)]
#[template(path = "mijnwerk/mijn_werk.html")]
struct MijnWerkPagina {
    p: Pagina,
    w: MijnWerk,
    vandaag: String,
    /// Where the user's own instruments start (for the empty page).
    ziet_casussen: bool,
    gemeente: bool,
    organisatie: String,
}

impl MijnWerkPagina {
    fn dagen_tekst(&self, dagen: &i64) -> String {
        match *dagen {
            d if d < -1 => format!("{} dagen te laat", -d),
            -1 => "1 dag te laat".into(),
            0 => "vandaag".into(),
            1 => "morgen".into(),
            d => format!("over {d} dagen"),
        }
    }
}

async fn mijn_werk(State(s): State<AppState>, i: Ingelogd) -> AppResult<MijnWerkPagina> {
    let w = service::mijn_werk(&s.db, &i.gebruiker).await?;
    let g = &i.gebruiker;
    Ok(MijnWerkPagina {
        p: crate::hulp::pagina(&s.db, &i, "Mijn werk", ("mijn-werk", "/mijn-werk")).await,
        vandaag: crate::db::vandaag(),
        ziet_casussen: crate::auth::permissions::ziet_casusproces(g, &g.regio_code),
        gemeente: g.organisatie_soort == "gemeente",
        organisatie: g.organisatie_naam.clone(),
        w,
    })
}
