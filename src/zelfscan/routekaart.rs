//! Routekaart (5 phases with steps and beslismomenten, as a checklist per region) and the
//! Begrippenkader (Bijlage 6). Both are reference data from `data/zelfscan/`.

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
use std::sync::LazyLock;

#[derive(Debug, Deserialize)]
pub struct Routekaart {
    pub bron: String,
    pub fasen: Vec<Fase>,
}

#[derive(Debug, Deserialize)]
pub struct Fase {
    pub nummer: u8,
    pub titel: String,
    pub context: String,
    pub stappen: Vec<Item>,
    pub beslismomenten: Vec<Item>,
    #[serde(default)]
    pub tools: Vec<String>,
}

#[derive(Debug, Deserialize)]
pub struct Item {
    pub id: String,
    pub tekst: String,
}

#[derive(Debug, Deserialize)]
pub struct Begrippenkader {
    pub titel: String,
    pub bron: String,
    pub inleiding: String,
    pub begrippen: Vec<Begrip>,
}

#[derive(Debug, Deserialize)]
pub struct Begrip {
    pub term: String,
    pub omschrijving: Vec<String>,
    pub randvoorwaarden: Vec<String>,
}

pub static ROUTEKAART: LazyLock<Routekaart> = LazyLock::new(|| {
    serde_json::from_str(include_str!("../../data/zelfscan/routekaart.json"))
        .expect("data/zelfscan/routekaart.json is valid")
});
pub static BEGRIPPEN: LazyLock<Begrippenkader> = LazyLock::new(|| {
    serde_json::from_str(include_str!("../../data/zelfscan/begrippenkader.json"))
        .expect("data/zelfscan/begrippenkader.json is valid")
});

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
    let gereed = super::service::routekaart_gereed(&s.db, &i.gebruiker, &regio).await?;
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
    super::service::routekaart_zetten(
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

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn referentiedata_laadt() {
        assert_eq!(ROUTEKAART.fasen.len(), 5);
        assert!(
            ROUTEKAART
                .fasen
                .iter()
                .all(|f| !f.stappen.is_empty() && !f.beslismomenten.is_empty())
        );
        let mut ids: Vec<&str> = ROUTEKAART
            .fasen
            .iter()
            .flat_map(|f| f.stappen.iter().chain(&f.beslismomenten))
            .map(|i| i.id.as_str())
            .collect();
        let n = ids.len();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), n, "step ids are unique");
        assert_eq!(BEGRIPPEN.begrippen.len(), 3);
    }
}
