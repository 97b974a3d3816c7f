//! Beheer pages: the audit log viewer (filterable), the privacy officer's logboek and access
//! requests; loading reference data versions is in [`super::referentiedata`].

use crate::audit::model::{AuditFilter, AuditRegel, PER_PAGINA};
use crate::auth::AppState;
use crate::auth::{Ingelogd, permissions};
use crate::error::{AppError, AppResult, Veldfout};
use crate::web::Pagina;
use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Query, State};
use axum::response::{Redirect, Response};
use axum::routing::get;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/beheer",
            get(|| async { Redirect::to("/beheer/gebruikers") }),
        )
        .route("/beheer/audit", get(audit))
        .route("/beheer/audit.csv", get(audit_csv))
        .route(
            "/privacy",
            get(|| async { Redirect::to("/privacy/logboek") }),
        )
        .route("/privacy/logboek", get(logboek))
        .route("/privacy/logboek.csv", get(logboek_csv))
        .route("/privacy/inzage", get(inzage_form).post(inzage))
        .route("/privacy/inzage.pdf", axum::routing::post(inzage_pdf))
        .merge(super::referentiedata::router())
        .merge(super::teksten::router())
}

pub(super) fn alleen_beheerder(i: &Ingelogd) -> AppResult<()> {
    if permissions::is_beheerder(&i.gebruiker) {
        Ok(())
    } else {
        Err(AppError::GeenToegang)
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "beheer/audit.html")]
struct AuditPagina {
    p: Pagina,
    filter: AuditFilter,
    regels: Vec<AuditRegel>,
    pagina: u32,
    meer: bool,
    /// The first break of the chain or against the head file, in Dutch.
    keten_fout: Option<String>,
    /// Rows in the chain, and minutes since the whole chain was last checked.
    keten_aantal: u64,
    volledig_minuten_geleden: u64,
}

async fn audit(
    State(s): State<AppState>,
    i: Ingelogd,
    Query(filter): Query<AuditFilter>,
) -> AppResult<AuditPagina> {
    alleen_beheerder(&i)?;
    let regels = super::inzage::zoeken(&s.db, &i.gebruiker, &filter).await?;
    let sleutel = crate::audit::service::sleutel();
    let controle = crate::audit::service::controleren_voor_pagina(
        &s.db,
        sleutel.bytes(),
        &s.config.audit_kop,
        &s.auditcontrole,
    )
    .await?;
    let keten_fout = controle
        .breuk
        .as_ref()
        .map(std::string::ToString::to_string);
    Ok(AuditPagina {
        p: i.pagina("Auditlog"),
        pagina: filter.pagina.unwrap_or(1).max(1),
        meer: regels.len() == PER_PAGINA as usize,
        filter,
        regels,
        keten_fout,
        keten_aantal: controle.aantal,
        volledig_minuten_geleden: controle.volledig_minuten_geleden,
    })
}

#[derive(Template, WebTemplate)]
#[template(path = "privacy/logboek.html")]
struct LogboekPagina {
    p: Pagina,
    filter: AuditFilter,
    regels: Vec<AuditRegel>,
    pagina: u32,
    meer: bool,
}

async fn logboek(
    State(s): State<AppState>,
    i: Ingelogd,
    Query(filter): Query<AuditFilter>,
) -> AppResult<LogboekPagina> {
    let regels = super::inzage::logboek(&s.db, &i.gebruiker, &filter).await?;
    Ok(LogboekPagina {
        p: i.pagina("Auditlog van uw organisatie"),
        pagina: filter.pagina.unwrap_or(1).max(1),
        meer: regels.len() == PER_PAGINA as usize,
        filter,
        regels,
    })
}

#[derive(Template, WebTemplate)]
#[template(path = "privacy/inzage.html")]
struct InzagePagina {
    p: Pagina,
    fouten: Vec<Veldfout>,
    casus: String,
    /// None: nothing asked yet.
    regels: Option<Vec<AuditRegel>>,
}

async fn inzage_form(i: Ingelogd) -> AppResult<InzagePagina> {
    if i.gebruiker.rol != crate::auth::Rol::Privacyfunctionaris {
        return Err(AppError::GeenToegang);
    }
    Ok(InzagePagina {
        p: i.pagina("Wie heeft deze gegevens ingezien"),
        fouten: vec![],
        casus: String::new(),
        regels: None,
    })
}

/// A POST, so name and date of birth never appear in an address, a log or the history.
async fn inzage(
    State(s): State<AppState>,
    i: Ingelogd,
    axum::Form(vraag): axum::Form<super::inzage::InzageVraag>,
) -> AppResult<Response> {
    use axum::response::IntoResponse;
    let sleutel = s.config.pseudoniem_sleutel.as_ref();
    let casus = vraag.casus.clone();
    match super::inzage::inzage(&s.db, sleutel, &i.gebruiker, &vraag).await {
        Ok(regels) => Ok(InzagePagina {
            p: i.pagina("Wie heeft deze gegevens ingezien"),
            fouten: vec![],
            casus,
            regels: Some(regels),
        }
        .into_response()),
        // The name and date of birth are not shown again: the officer types them again.
        Err(AppError::Validatie(fouten)) => Ok((
            axum::http::StatusCode::UNPROCESSABLE_ENTITY,
            InzagePagina {
                p: i.pagina("Wie heeft deze gegevens ingezien"),
                fouten,
                casus,
                regels: None,
            },
        )
            .into_response()),
        Err(e) => Err(e),
    }
}

/// A CSV download (attachment; `web::beveiligingskoppen` sets no-store on every response).
fn csv_antwoord(bestand: &str, inhoud: Vec<u8>) -> Response {
    crate::web::download("text/csv; charset=utf-8", bestand, inhoud)
}

async fn audit_csv(
    State(s): State<AppState>,
    i: Ingelogd,
    Query(filter): Query<AuditFilter>,
) -> AppResult<Response> {
    csv(&s, &i, crate::beheer::inzage::CsvBereik::Alles, &filter).await
}

async fn logboek_csv(
    State(s): State<AppState>,
    i: Ingelogd,
    Query(filter): Query<AuditFilter>,
) -> AppResult<Response> {
    csv(
        &s,
        &i,
        crate::beheer::inzage::CsvBereik::Organisatie,
        &filter,
    )
    .await
}

/// The audit log (or the organisation's part) as a CSV download.
async fn csv(
    s: &AppState,
    i: &Ingelogd,
    bereik: super::inzage::CsvBereik,
    filter: &AuditFilter,
) -> AppResult<Response> {
    let (inhoud, _) = super::inzage::csv(&s.db, &i.gebruiker, bereik, filter).await?;
    let naam = match bereik {
        crate::beheer::inzage::CsvBereik::Alles => "auditlog",
        crate::beheer::inzage::CsvBereik::Organisatie => "auditlog-organisatie",
    };
    Ok(csv_antwoord(
        &format!("{naam}-{}.csv", crate::db::vandaag()),
        inhoud,
    ))
}

/// The access-request answer as a PDF. A POST like the page, so name and date of birth never
/// appear in an address; a rejected question shows the form again with its errors.
async fn inzage_pdf(
    State(s): State<AppState>,
    i: Ingelogd,
    axum::Form(vraag): axum::Form<super::inzage::InzageVraag>,
) -> AppResult<Response> {
    use axum::response::IntoResponse;
    let sleutel = s.config.pseudoniem_sleutel.as_ref();
    match super::inzage::inzage_pdf(&s.db, sleutel, &i.gebruiker, &vraag).await {
        Ok(pdf) => Ok(crate::web::download(
            "application/pdf",
            &format!("inzageverzoek-{}.pdf", crate::db::vandaag()),
            pdf,
        )),
        Err(AppError::Validatie(fouten)) => Ok((
            axum::http::StatusCode::UNPROCESSABLE_ENTITY,
            InzagePagina {
                p: i.pagina("Wie heeft deze gegevens ingezien"),
                fouten,
                casus: vraag.casus.clone(),
                regels: None,
            },
        )
            .into_response()),
        Err(e) => Err(e),
    }
}
