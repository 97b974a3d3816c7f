//! Pages of the national Uitvoeringsplan: the plan of a year with its Gantt planning, per
//! verbeteractiviteit the goal, what is going on, the supervisor, the activities with their
//! status and the cost items; the forms of the national network (the beheerder) to start a
//! plan (from the catalogue or last year's) and to keep it up to date.

use super::plan::{OnderdeelInvoer, PlanActiviteit, RegelInvoer, StandInvoer};
use super::service::{self, Planblad, RegionaleStap};
use super::sessie::StapStatus;
use super::weergave;
use crate::auth::{AppState, Ingelogd, prg};
use crate::error::{AppError, AppResult, Veldfout};
use crate::web::Pagina;
use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::{Redirect, Response};
use axum::routing::{get, post};
use axum_extra::extract::Form;
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/uitvoeringsplan", get(naar_dit_jaar))
        .route("/uitvoeringsplan/{jaar}", get(pagina_get).post(maken))
        .route("/uitvoeringsplan/{jaar}/plan.pdf", get(pdf))
        .route(
            "/uitvoeringsplan/{jaar}/activiteiten",
            post(activiteit_nieuw),
        )
        .route("/uitvoeringsplan/{jaar}/activiteiten/{id}", post(stand))
        .route("/uitvoeringsplan/{jaar}/kosten", post(kosten))
        .route("/uitvoeringsplan/{jaar}/onderdelen/{code}", post(onderdeel))
}

fn jaar_uit(jaar: &str) -> AppResult<i64> {
    jaar.parse::<i64>()
        .map_err(|_| AppError::validatie("jaar", "Het jaar in het adres is geen jaartal (JJJJ)."))
        .and_then(service::jaar_uit)
}

async fn naar_dit_jaar(_: Ingelogd) -> Redirect {
    Redirect::to(&format!("/uitvoeringsplan/{}", crate::db::dit_jaar()))
}

/// What a rejected form keeps.
#[derive(Default)]
struct Invoer {
    stand: Option<StandInvoer>,
    regel: Option<RegelInvoer>,
    onderdeel: Option<OnderdeelInvoer>,
}

#[derive(Template, WebTemplate)]
#[template(path = "ontwikkelagenda/uitvoeringsplan.html")]
struct PlanPagina {
    p: Pagina,
    b: Planblad,
    gantt: String,
    invoer: Invoer,
    fouten: Vec<Veldfout>,
    /// The form the errors belong to: "plan", "act-ID", "nieuw-CODE", "kosten-CODE",
    /// "onderdeel-CODE".
    fout_bij: String,
}

impl PlanPagina {
    fn statussen(&self) -> &'static [StapStatus] {
        StapStatus::ALLE
    }
    fn maanden(&self) -> Vec<(u8, &'static str)> {
        (1..=12).zip(weergave::MAANDEN).collect()
    }
    fn maanden_tekst(&self, m: &[u8]) -> String {
        weergave::maanden_tekst(m)
    }
    fn bedrag(&self, b: &Option<i64>) -> String {
        weergave::bedrag(*b)
    }
    fn totaal(&self, o: &super::plan::Onderdeel) -> String {
        weergave::totaal(o)
    }
    /// The errors of one form, with its field ids (`{form}-{field}`).
    fn fouten_voor(&self, formulier: &str) -> Vec<Veldfout> {
        if self.fout_bij != formulier {
            return vec![];
        }
        self.fouten
            .iter()
            .map(|f| Veldfout::new(format!("{formulier}-{}", f.veld), f.melding.clone()))
            .collect()
    }
    fn fout(&self, formulier: &str, veld: &str) -> Option<String> {
        (self.fout_bij == formulier)
            .then(|| self.fouten.iter().find(|f| f.veld == veld))
            .flatten()
            .map(|f| f.melding.clone())
    }
    /// An activity's form: as typed after a rejection, or as stored.
    fn stand_van(&self, a: &PlanActiviteit) -> StandInvoer {
        match &self.invoer.stand {
            Some(s) if self.fout_bij == format!("act-{}", a.id) => s.clone(),
            _ => StandInvoer {
                status: a.status.code().into(),
                stand: a.stand.clone(),
                maand: a.maanden.iter().map(u8::to_string).collect(),
            },
        }
    }
    fn regel(&self, formulier: &str) -> RegelInvoer {
        match &self.invoer.regel {
            Some(r) if self.fout_bij == formulier => r.clone(),
            _ => RegelInvoer::default(),
        }
    }
    fn onderdeel_van(&self, o: &super::plan::Onderdeel) -> OnderdeelInvoer {
        match &self.invoer.onderdeel {
            Some(i) if self.fout_bij == format!("onderdeel-{}", o.code) => i.clone(),
            _ => OnderdeelInvoer {
                doel: o.doel.clone(),
                gaande: o.gaande.clone(),
                supervisor: o.supervisor.clone(),
            },
        }
    }
    /// The regional steps that contribute to activity `code` of verbeteractiviteit `va`.
    fn regionaal(&self, va: &str, code: &str) -> Vec<&RegionaleStap> {
        self.b
            .regionaal
            .iter()
            .filter(|s| s.verbeteractiviteit == va && s.activiteit == code)
            .collect()
    }
}

async fn pagina(
    s: &AppState,
    i: &Ingelogd,
    jaar: i64,
    invoer: Invoer,
    fouten: Vec<Veldfout>,
    fout_bij: &str,
) -> AppResult<PlanPagina> {
    let b = service::planblad(&s.db, &i.gebruiker, jaar).await?;
    Ok(PlanPagina {
        p: i.pagina(format!("Uitvoeringsplan {}", b.jaar)),
        gantt: b.plan.as_ref().map(weergave::gantt).unwrap_or_default(),
        b,
        invoer,
        fouten,
        fout_bij: fout_bij.into(),
    })
}

async fn pagina_get(
    State(s): State<AppState>,
    i: Ingelogd,
    Path(jaar): Path<String>,
) -> AppResult<PlanPagina> {
    pagina(&s, &i, jaar_uit(&jaar)?, Invoer::default(), vec![], "").await
}

/// Post/Redirect/Get back to `anker`, or the page with the errors beside form `formulier`.
async fn na(
    (s, i): (&AppState, &Ingelogd),
    jaar: i64,
    uitkomst: AppResult<&'static str>,
    (anker, formulier): (&str, &str),
    invoer: Invoer,
) -> AppResult<Response> {
    prg(
        i,
        uitkomst,
        |m| (m.to_string(), format!("/uitvoeringsplan/{jaar}#{anker}")),
        async |fouten| pagina(s, i, jaar, invoer, fouten, formulier).await,
    )
    .await
}

#[derive(Deserialize, Default)]
struct BronInvoer {
    #[serde(default)]
    bron: String,
}

async fn maken(
    State(s): State<AppState>,
    i: Ingelogd,
    Path(jaar): Path<String>,
    Form(f): Form<BronInvoer>,
) -> AppResult<Response> {
    let jaar = jaar_uit(&jaar)?;
    let uitkomst = service::plan_maken(&s.db, &i.gebruiker, jaar, &f.bron)
        .await
        .map(|()| "Het uitvoeringsplan is aangemaakt.");
    na(
        (&s, &i),
        jaar,
        uitkomst,
        ("planning", "plan"),
        Invoer::default(),
    )
    .await
}

async fn stand(
    State(s): State<AppState>,
    i: Ingelogd,
    Path((jaar, id)): Path<(String, i64)>,
    Form(f): Form<StandInvoer>,
) -> AppResult<Response> {
    let jaar = jaar_uit(&jaar)?;
    let uitkomst = service::plan_stand(&s.db, &i.gebruiker, jaar, id, &f)
        .await
        .map(|()| "De activiteit is bijgewerkt.");
    let sleutel = format!("act-{id}");
    let invoer = Invoer {
        stand: Some(f),
        ..Default::default()
    };
    na((&s, &i), jaar, uitkomst, (&sleutel, &sleutel), invoer).await
}

/// After adding a line (an activity or a cost item, form `{soort}-CODE`) to a part: back to
/// the part, or the page again with the typed line.
async fn na_regel(
    (s, i): (&AppState, &Ingelogd),
    jaar: i64,
    uitkomst: AppResult<&'static str>,
    soort: &str,
    f: RegelInvoer,
) -> AppResult<Response> {
    let sleutel = format!("{soort}-{}", f.verbeteractiviteit);
    let anker = format!("va-{}", f.verbeteractiviteit);
    let invoer = Invoer {
        regel: Some(f),
        ..Default::default()
    };
    na((s, i), jaar, uitkomst, (&anker, &sleutel), invoer).await
}

async fn activiteit_nieuw(
    State(s): State<AppState>,
    i: Ingelogd,
    Path(jaar): Path<String>,
    Form(f): Form<RegelInvoer>,
) -> AppResult<Response> {
    let jaar = jaar_uit(&jaar)?;
    let uitkomst = service::plan_activiteit(&s.db, &i.gebruiker, jaar, &f)
        .await
        .map(|_| "De activiteit is toegevoegd; plan nu haar maanden.");
    na_regel((&s, &i), jaar, uitkomst, "nieuw", f).await
}

async fn kosten(
    State(s): State<AppState>,
    i: Ingelogd,
    Path(jaar): Path<String>,
    Form(f): Form<RegelInvoer>,
) -> AppResult<Response> {
    let jaar = jaar_uit(&jaar)?;
    let uitkomst = service::plan_kosten(&s.db, &i.gebruiker, jaar, &f)
        .await
        .map(|_| "De kostenpost is toegevoegd.");
    na_regel((&s, &i), jaar, uitkomst, "kosten", f).await
}

async fn onderdeel(
    State(s): State<AppState>,
    i: Ingelogd,
    Path((jaar, code)): Path<(String, String)>,
    Form(f): Form<OnderdeelInvoer>,
) -> AppResult<Response> {
    let jaar = jaar_uit(&jaar)?;
    let uitkomst = service::plan_onderdeel(&s.db, &i.gebruiker, jaar, &code, &f)
        .await
        .map(|()| "Doel, stand van zaken en supervisor zijn opgeslagen.");
    let sleutel = format!("onderdeel-{code}");
    let anker = format!("va-{code}");
    let invoer = Invoer {
        onderdeel: Some(f),
        ..Default::default()
    };
    na((&s, &i), jaar, uitkomst, (&anker, &sleutel), invoer).await
}

async fn pdf(
    State(s): State<AppState>,
    i: Ingelogd,
    Path(jaar): Path<String>,
) -> AppResult<Response> {
    let (naam, pdf) = weergave::pdf(&s.db, &i.gebruiker, jaar_uit(&jaar)?).await?;
    Ok(crate::web::download("application/pdf", &naam, pdf))
}
