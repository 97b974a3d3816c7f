//! Plan van aanpak pages.

use super::{ActieInvoer, PdcaStatus, PlanInvoer, PlanStatus};
use crate::auth::AppState;
use crate::auth::prg;
use crate::auth::{Ingelogd, permissions};
use crate::error::{AppError, AppResult, Veldfout};
use crate::gedeeld::PlanId;
use crate::web::Pagina;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::response::{Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/plannen", get(overzicht).post(aanmaken))
        .route("/plannen/nieuw", get(nieuw))
        .route("/plannen/{id}", get(tonen).post(bijwerken))
        .route("/plannen/{id}/status", post(status))
        .route("/plannen/{id}/acties", post(actie_toevoegen))
        .route("/plannen/{id}/acties/{aid}", post(actie_bijwerken))
        .route(
            "/plannen/{id}/acties/{aid}/verwijderen",
            post(actie_verwijderen),
        )
}

#[derive(Template, WebTemplate)]
#[template(path = "zelfscan/plannen.html")]
struct OverzichtPagina {
    p: Pagina,
    plannen: Vec<super::Plan>,
    achterstallig: Vec<(super::Plan, super::Actie)>,
    mag_aanmaken: bool,
}

async fn overzicht(State(s): State<AppState>, i: Ingelogd) -> AppResult<OverzichtPagina> {
    let (plannen, achterstallig) = super::overzicht(&s.db, &i.gebruiker).await?;
    let g = &i.gebruiker;
    let mag_aanmaken = permissions::mag_plan_schrijven(g, &g.regio_code, Some(g.organisatie_id));
    Ok(OverzichtPagina {
        p: i.pagina("Plannen van aanpak"),
        plannen,
        achterstallig,
        mag_aanmaken,
    })
}

#[derive(Template, WebTemplate)]
#[template(path = "zelfscan/plan_nieuw.html")]
struct NieuwPagina {
    p: Pagina,
    invoer: PlanInvoer,
    fouten: Vec<Veldfout>,
    gemeenten: Vec<crate::organisatie::model::Organisatie>,
    alleen_eigen: bool,
}

async fn nieuw_pagina(
    s: &AppState,
    i: &Ingelogd,
    mut invoer: PlanInvoer,
    fouten: Vec<Veldfout>,
) -> AppResult<NieuwPagina> {
    let g = &i.gebruiker;
    let regio = i.gevraagde_regio(&invoer.regio)?;
    invoer.regio = regio.to_string();
    let alle = crate::zelfscan::service::gemeenten(&s.db, &regio).await?;
    let alleen_eigen = !permissions::beheert_regio(g, &regio);
    let gemeenten = alle
        .into_iter()
        .filter(|o| !alleen_eigen || o.id == g.organisatie_id)
        .collect();
    Ok(NieuwPagina {
        p: i.pagina("Nieuw plan van aanpak"),
        invoer,
        fouten,
        gemeenten,
        alleen_eigen,
    })
}

async fn nieuw(State(s): State<AppState>, i: Ingelogd) -> AppResult<NieuwPagina> {
    if !permissions::mag_plan_aanmaken(&i.gebruiker) {
        return Err(AppError::GeenToegang);
    }
    let invoer = PlanInvoer {
        periode: {
            let jaar = crate::db::dit_jaar();
            format!("{jaar}-{}", jaar + 1)
        },
        ..Default::default()
    };
    nieuw_pagina(&s, &i, invoer, vec![]).await
}

async fn aanmaken(
    State(s): State<AppState>,
    i: Ingelogd,
    Form(f): Form<PlanInvoer>,
) -> AppResult<Response> {
    let uitkomst = super::aanmaken(&s.db, &i.gebruiker, &f).await;
    prg(
        &i,
        uitkomst,
        |id| {
            (
                "Het plan van aanpak is aangemaakt als concept.".into(),
                format!("/plannen/{id}"),
            )
        },
        async |fouten| nieuw_pagina(&s, &i, f, fouten).await,
    )
    .await
}

pub struct Groep {
    pub code: String,
    pub titel: String,
    pub acties: Vec<super::Actie>,
}

#[derive(Template, WebTemplate)]
#[template(path = "zelfscan/plan.html")]
struct PlanPagina {
    p: Pagina,
    plan: super::Plan,
    invoer: PlanInvoer,
    groepen: Vec<Groep>,
    mag_schrijven: bool,
    fouten: Vec<Veldfout>,
    nieuwe_actie: ActieInvoer,
    vandaag: String,
}

impl PlanPagina {
    fn pdca(&self) -> [PdcaStatus; 4] {
        PdcaStatus::ALLE
    }
    fn volgende_status(&self) -> Option<PlanStatus> {
        PlanStatus::parse(&self.plan.status)
            .and_then(|h| PlanStatus::ALLE.into_iter().find(|n| h.mag_naar(*n)))
    }
    fn groep_opties(&self) -> Vec<(String, String)> {
        self.groepen
            .iter()
            .map(|g| (g.code.clone(), g.titel.clone()))
            .collect()
    }
}

async fn plan_pagina(
    s: &AppState,
    i: &Ingelogd,
    id: PlanId,
    invoer: Option<PlanInvoer>,
    nieuwe_actie: ActieInvoer,
    fouten: Vec<Veldfout>,
) -> AppResult<PlanPagina> {
    let (plan, acties, mag_schrijven) = super::plan(&s.db, &i.gebruiker, id).await?;
    let groepen = super::groepen_voor(&s.db, &plan)
        .await?
        .into_iter()
        .map(|(code, titel)| Groep {
            acties: acties.iter().filter(|a| a.groep == code).cloned().collect(),
            code,
            titel,
        })
        .collect();
    let invoer = invoer.unwrap_or_else(|| PlanInvoer {
        titel: plan.titel.clone(),
        periode: plan.periode.clone(),
        inleiding: plan.inleiding.clone(),
        context: plan.context.clone(),
        samenvatting: plan.samenvatting.clone(),
        monitoring: plan.monitoring.clone(),
        ..Default::default()
    });
    Ok(PlanPagina {
        p: i.pagina(plan.titel.clone()),
        plan,
        invoer,
        groepen,
        mag_schrijven,
        fouten,
        nieuwe_actie,
        vandaag: crate::db::vandaag(),
    })
}

async fn tonen(
    State(s): State<AppState>,
    i: Ingelogd,
    Path(id): Path<PlanId>,
) -> AppResult<PlanPagina> {
    plan_pagina(&s, &i, id, None, ActieInvoer::default(), vec![]).await
}

async fn bijwerken(
    State(s): State<AppState>,
    i: Ingelogd,
    Path(id): Path<PlanId>,
    Form(f): Form<PlanInvoer>,
) -> AppResult<Response> {
    let uitkomst = super::teksten_bijwerken(&s.db, &i.gebruiker, id, &f).await;
    prg(
        &i,
        uitkomst,
        |()| ("Het plan is opgeslagen.".into(), format!("/plannen/{id}")),
        async |fouten| plan_pagina(&s, &i, id, Some(f), ActieInvoer::default(), fouten).await,
    )
    .await
}

#[derive(Deserialize)]
struct StatusForm {
    #[serde(default)]
    status: String,
    #[serde(default)]
    vastgesteld_door: String,
    #[serde(default)]
    vastgesteld_op: String,
}

async fn status(
    State(s): State<AppState>,
    i: Ingelogd,
    Path(id): Path<PlanId>,
    Form(f): Form<StatusForm>,
) -> AppResult<Response> {
    let uitkomst = super::status_zetten(
        &s.db,
        &i.gebruiker,
        id,
        &f.status,
        &f.vastgesteld_door,
        &f.vastgesteld_op,
    )
    .await;
    prg(
        &i,
        uitkomst,
        |()| {
            (
                "De status van het plan is gewijzigd.".into(),
                format!("/plannen/{id}"),
            )
        },
        async |fouten| plan_pagina(&s, &i, id, None, ActieInvoer::default(), fouten).await,
    )
    .await
}

async fn actie_opslaan(
    s: &AppState,
    i: &Ingelogd,
    id: PlanId,
    aid: i64,
    f: ActieInvoer,
) -> AppResult<Response> {
    let uitkomst = super::actie_opslaan(&s.db, &i.gebruiker, id, aid, &f).await;
    prg(
        i,
        uitkomst,
        |_| {
            (
                "De actie is opgeslagen.".into(),
                format!("/plannen/{id}#acties"),
            )
        },
        async |fouten: Vec<Veldfout>| {
            // Errors of an existing row point at that row's form; a new row keeps its input.
            let fouten = fouten
                .into_iter()
                .map(|mut f| {
                    if aid != 0 {
                        f.melding = format!("Actie {aid}: {}", f.melding);
                        f.veld = format!("actie-{aid}");
                    }
                    f
                })
                .collect();
            let invoer = if aid == 0 { f } else { ActieInvoer::default() };
            plan_pagina(s, i, id, None, invoer, fouten).await
        },
    )
    .await
}

async fn actie_toevoegen(
    State(s): State<AppState>,
    i: Ingelogd,
    Path(id): Path<PlanId>,
    Form(f): Form<ActieInvoer>,
) -> AppResult<Response> {
    actie_opslaan(&s, &i, id, 0, f).await
}

async fn actie_bijwerken(
    State(s): State<AppState>,
    i: Ingelogd,
    Path((id, aid)): Path<(PlanId, i64)>,
    Form(f): Form<ActieInvoer>,
) -> AppResult<Response> {
    actie_opslaan(&s, &i, id, aid, f).await
}

async fn actie_verwijderen(
    State(s): State<AppState>,
    i: Ingelogd,
    Path((id, aid)): Path<(PlanId, i64)>,
) -> AppResult<Redirect> {
    super::actie_verwijderen(&s.db, &i.gebruiker, id, aid).await?;
    i.flash("De actie is verwijderd.").await;
    Ok(Redirect::to(&format!("/plannen/{id}#acties")))
}
