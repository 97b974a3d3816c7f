//! Pages of the afstemmingsmomenten: overview per region, registration forms per kind, the
//! moment page (process data for the region, personal data under need-to-know), the
//! Actie-overleg meetings, overdue afspraken and the contact directory. Handlers are thin:
//! every decision is in `service`.

use super::model::{
    AfspraakSoort, ContactSoort, Frequentie, Lijstfilter, Moment, Soort, Status, WEEKDAGEN,
    aftellen, dagdeel, nu_lokaal,
};
use super::service::{
    self, AfspraakInvoer, ContactInvoer, InschattingInvoer, MomentBeeld, MomentInvoer,
    OverlegInvoer, PersoonZicht, StapInvoer,
};
use super::velden::{self, Veld};
use crate::auth::AppState;
use crate::auth::prg;
use crate::auth::{Ingelogd, permissions};
use crate::error::{AppError, AppResult, Veldfout};
use crate::gedeeld::MomentId;
use crate::gedeeld::RegioCode;
use crate::organisatie::model::{REGIOS, regio_naam};
use crate::web::Pagina;
use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum_extra::extract::Form;
use serde::Deserialize;
use std::collections::BTreeMap;

mod contactpunten;
mod moment;
mod overleg;
mod overzicht;
mod plan;
mod registratie;

use contactpunten::*;
use moment::*;
use overleg::*;
use overzicht::*;
use plan::*;
use registratie::*;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/casussen", get(overzicht))
        .route("/casussen/export.csv", get(export))
        .route("/casussen/nieuw/{soort}", get(nieuw).post(registreren))
        .route("/casussen/moment/{id}", get(moment).post(bijwerken))
        .route("/casussen/moment/{id}/stap", post(stap))
        .route("/casussen/moment/{id}/afspraken", post(afspraak))
        .route("/casussen/moment/{id}/veiligheid", post(veiligheid))
        .route("/casussen/moment/{id}/deelnemers", post(deelnemer))
        .route("/casussen/moment/{id}/casus", post(casus_status))
        .route("/casussen/moment/{id}/bevestigen", get(bevestigen))
        .route("/casussen/afspraak/{id}/status", post(afspraak_status))
        .route("/casussen/afspraak/{id}/eigenaar", post(afspraak_toewijzen))
        .route("/casussen/afspraken", get(te_laat))
        .route(
            "/casussen/casus/{id}/plan",
            get(veiligheidsplan).post(veiligheidsplan_opslaan),
        )
        .route("/casussen/casus/{id}/plan.pdf", get(veiligheidsplan_pdf))
        .route("/actieoverleg", get(actieoverleg).post(overleg_aanmaken))
        .route("/actieoverleg/vergadering/{id}", get(vergadering))
        .route(
            "/actieoverleg/vergadering/{id}/aanwezigheid",
            post(aanwezigheid),
        )
        .route(
            "/actieoverleg/vergadering/{id}/agenda.ics",
            get(vergadering_ics),
        )
        .route(
            "/actieoverleg/vergadering/{id}/stukken.pdf",
            get(vergadering_pdf),
        )
        .route(
            "/casussen/contactpunten",
            get(contactpunten).post(contactpunt_toevoegen),
        )
        .route(
            "/casussen/contactpunten/{id}/verwijderen",
            post(contactpunt_verwijderen),
        )
}

fn soort_uit(s: &str) -> AppResult<Soort> {
    Soort::parse(s).ok_or(AppError::NietGevonden("Dit soort afstemmingsmoment"))
}

/// The region a page shows: the one asked for, for a beheerder (when it is a region), otherwise
/// the user's own.
fn regio_van(i: &Ingelogd, gevraagd: &str) -> RegioCode {
    match RegioCode::parse(gevraagd) {
        Ok(r) if permissions::is_beheerder(&i.gebruiker) => r,
        _ => i.gebruiker.regio_code,
    }
}
