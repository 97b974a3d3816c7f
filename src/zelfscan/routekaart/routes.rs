//! The routekaart and begrippenkader pages.

use super::{BEGRIPPEN, Begrippenkader, Fase, ROUTEKAART, Routekaart};
use crate::auth::AppState;
use crate::auth::{Ingelogd, permissions};
use crate::error::AppResult;
use crate::web::Pagina;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::response::Redirect;
use axum::routing::get;
use axum::{Form, Router};
use serde::Deserialize;
use std::collections::BTreeMap;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/routekaart", get(tonen).post(zetten))
        .route("/begrippenkader", get(begrippen))
}

#[derive(Template, WebTemplate)]
#[template(path = "zelfscan/routekaart.html")]
struct RoutekaartPagina {
    p: Pagina,
    kaart: &'static Routekaart,
    regio: crate::gedeeld::RegioCode,
    regio_naam: &'static str,
    gereed: BTreeMap<String, String>,
    mag_schrijven: bool,
    regios: Vec<(&'static str, &'static str)>,
}

impl RoutekaartPagina {
    /// This year, for the links to the region's Ontwikkelagenda.
    fn jaar(&self) -> String {
        crate::db::dit_jaar().to_string()
    }
    fn klaar(&self, id: &str) -> Option<String> {
        self.gereed.get(id).map(|d| crate::web::datum_nl(d))
    }
    fn voortgang(&self, f: &Fase) -> String {
        let totaal = f.stappen.len() + f.beslismomenten.len();
        let klaar = f
            .stappen
            .iter()
            .chain(&f.beslismomenten)
            .filter(|i| self.gereed.contains_key(&i.id))
            .count();
        format!("{klaar} van {totaal} afgerond")
    }
}

#[derive(Deserialize, Default)]
struct RegioQuery {
    #[serde(default)]
    regio: String,
}

async fn tonen(
    State(s): State<AppState>,
    i: Ingelogd,
    Query(q): Query<RegioQuery>,
) -> AppResult<RoutekaartPagina> {
    let regio = i.gevraagde_regio(&q.regio)?;
    let gereed = crate::zelfscan::service::routekaart_gereed(&s.db, &i.gebruiker, &regio).await?;
    Ok(RoutekaartPagina {
        p: i.pagina("Routekaart Kwaliteitskader"),
        kaart: &ROUTEKAART,
        regio_naam: crate::organisatie::model::regio_naam(regio),
        mag_schrijven: permissions::beheert_regio(&i.gebruiker, &regio),
        regios: if permissions::is_beheerder(&i.gebruiker) {
            crate::organisatie::model::REGIOS.to_vec()
        } else {
            vec![]
        },
        regio,
        gereed,
    })
}

#[derive(Deserialize)]
struct StapForm {
    regio: String,
    stap: String,
    #[serde(default)]
    gereed: String,
}

async fn zetten(
    State(s): State<AppState>,
    i: Ingelogd,
    Form(f): Form<StapForm>,
) -> AppResult<Redirect> {
    let bestaat = ROUTEKAART
        .fasen
        .iter()
        .flat_map(|f| f.stappen.iter().chain(&f.beslismomenten))
        .any(|x| x.id == f.stap);
    let gereed = f.gereed == "1";
    let stap = (f.stap.as_str(), bestaat);
    crate::zelfscan::service::routekaart_zetten(
        &s.db,
        &i.gebruiker,
        &i.gevraagde_regio(&f.regio)?,
        stap,
        gereed,
    )
    .await?;
    i.flash(if gereed {
        "Stap afgevinkt."
    } else {
        "Stap weer open gezet."
    })
    .await;
    Ok(Redirect::to(&format!(
        "/routekaart?regio={}#{}",
        f.regio, f.stap
    )))
}

#[derive(Template, WebTemplate)]
#[template(path = "zelfscan/begrippenkader.html")]
struct BegrippenPagina {
    p: Pagina,
    kader: &'static Begrippenkader,
}

async fn begrippen(i: Ingelogd) -> BegrippenPagina {
    BegrippenPagina {
        p: i.pagina("Begrippenkader"),
        kader: &BEGRIPPEN,
    }
}
