//! Zelfscan pages: thin handlers that extract, call the service and render.

use super::model::{Antwoord, Doel, RuwAntwoord, StandaardScore, Vragenlijst, Zichtbaarheid};
use super::service::{self, NieuweRonde};
use crate::auth::AppState;
use crate::auth::prg;
use crate::auth::{Ingelogd, permissions};
use crate::error::{AppError, AppResult, Veldfout};
use crate::gedeeld::RondeId;
use crate::web::charts::{RadarReeks, ReeksStijl, radar_svg};
use crate::web::{Pagina, procent};
use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum_extra::extract::Form;
use serde::Deserialize;
use std::collections::HashMap;

mod deelnemers;
mod import;
mod invullen;
mod rad;
mod resultaten;
mod rondes;
mod vergelijk;

use deelnemers::*;
use import::*;
use invullen::*;
use rad::*;
use resultaten::*;
use rondes::*;
use vergelijk::*;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/zelfscan", get(overzicht).post(ronde_aanmaken))
        .route("/zelfscan/nieuw", get(nieuw))
        .route("/zelfscan/vergelijk", get(vergelijk))
        .route("/zelfscan/{id}", get(ronde))
        .route("/zelfscan/{id}/zichtbaarheid", post(zichtbaarheid))
        .route(
            "/zelfscan/{id}/gemeenten/{code}",
            get(invullen).post(opslaan),
        )
        .route(
            "/zelfscan/{id}/gemeenten/{code}/rad",
            get(rad).post(rad_opslaan),
        )
        .route(
            "/zelfscan/{id}/gemeenten/{code}/deelnemers",
            get(deelnemers).post(deelnemer_toevoegen),
        )
        .route(
            "/zelfscan/{id}/gemeenten/{code}/deelnemers/{did}/verwijderen",
            post(deelnemer_verwijderen),
        )
        .route("/zelfscan/{id}/resultaten", get(resultaten_regio))
        .route("/zelfscan/{id}/resultaten/{code}", get(resultaten_gemeente))
        .route("/zelfscan/{id}/export.xlsx", get(export))
        .route("/zelfscan/{id}/import", get(import_form).post(import))
        .route("/zelfscan/{id}/import/bevestigen", post(import_bevestigen))
        .merge(super::plan::routes::router())
        .merge(super::routekaart::router())
}

/// Radar chart of scores (axes = standards) with a data table rendered beside it.
pub struct Grafiek {
    pub svg: String,
    pub kolommen: Vec<String>,
    pub rijen: Vec<(String, Vec<String>)>,
}

pub fn grafiek(
    titel: &str,
    v: &Vragenlijst,
    reeksen: &[(String, &[StandaardScore], ReeksStijl)],
) -> Grafiek {
    let assen: Vec<String> = v.standaarden.iter().map(|s| s.titel.clone()).collect();
    let waarden: Vec<Vec<f64>> = reeksen
        .iter()
        .map(|(_, s, _)| s.iter().map(|x| x.percentage).collect())
        .collect();
    let rr: Vec<RadarReeks<'_>> = reeksen
        .iter()
        .zip(&waarden)
        .map(|((naam, _, stijl), w)| RadarReeks {
            naam,
            waarden: w,
            stijl: *stijl,
        })
        .collect();
    Grafiek {
        svg: radar_svg(titel, &assen, &rr),
        kolommen: reeksen.iter().map(|(n, _, _)| n.clone()).collect(),
        rijen: v
            .standaarden
            .iter()
            .enumerate()
            .map(|(i, s)| {
                (
                    format!("{} {}", s.nummer, s.titel),
                    reeksen
                        .iter()
                        .map(|(_, sc, _)| {
                            sc.get(i)
                                .map(StandaardScore::omschrijving)
                                .unwrap_or_default()
                        })
                        .collect(),
                )
            })
            .collect(),
    }
}
