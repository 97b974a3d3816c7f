//! Werkset API (`/api/v1/werkset/…`): catalogue, registrations (read and write), report and
//! export downloads, and the national comparison, with the same permission checks as the
//! pages (every handler calls the service the page calls). The doc comments on the `…Json`
//! types and the `utoipa::path` texts are the Dutch descriptions of the published OpenAPI
//! document (`crate::api`).

use super::model::{InspanningInvoer, WaardeInvoer};
use super::service::{self, ThemaInvoer};
use crate::auth::ApiGebruiker;
use crate::auth::AppState;
use crate::error::{ApiError, AppError};
use crate::gedeeld::RegioCode;
use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(catalogus))
        .routes(routes!(vergelijking))
        .routes(routes!(registratie))
        .routes(routes!(thema_opslaan))
        .routes(routes!(inspanning_toevoegen))
        .routes(routes!(waarde_toevoegen))
        .routes(routes!(rapport))
        .routes(routes!(export))
        .merge(crate::werkset::indicatoren_api::router())
}

#[utoipa::path(
    get,
    path = "/werkset/catalogus",
    tag = "Werkset",
    operation_id = "getWerksetCatalogus",
    summary = "De actuele indicatorcatalogus van de Werkset",
    description = "De actuele indicatorcatalogus: versie, titel en de vijf thema's met hun elementen (ontwikkeling, uitvoering, waarde) en indicatoren (code en naam).",
    responses((status = 200, description = "Catalogus", body = Object))
)]
async fn catalogus(
    State(s): State<AppState>,
    _g: ApiGebruiker,
) -> Result<Json<super::model::Catalogus>, ApiError> {
    Ok(Json(service::huidige_catalogus(&s.db).await?))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct PeriodeQuery {
    /// Jaartal, 2000 tot en met 2100.
    #[serde(default)]
    #[param(required = true, pattern = "^(20[0-9]{2}|2100)$", example = "2025")]
    periode: String,
}

#[utoipa::path(
    get,
    path = "/werkset/vergelijking",
    tag = "Werkset",
    operation_id = "getWerksetVergelijking",
    summary = "Landelijke vergelijking: 10 regio's × 5 thema's met fase, dekking, balans per partnertype en verandering",
    description = "Per regio en thema de fase, de dekking van de indicatoren met bewijs en de verandering tegen het vorige jaar, en de balans van meer- en minderwerk per partnertype.",
    params(PeriodeQuery),
    responses((status = 200, description = "Vergelijking", body = Object))
)]
async fn vergelijking(
    State(s): State<AppState>,
    g: ApiGebruiker,
    Query(q): Query<PeriodeQuery>,
) -> Result<Json<service::Vergelijking>, ApiError> {
    Ok(Json(service::vergelijking(&s.db, &g.0, &q.periode).await?))
}

/// The region and year of a registration in the path.
#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Path)]
struct RegioPeriode {
    /// Code van de regio.
    #[param(max_length = 64, example = "oost-brabant")]
    regio: String,
    /// Jaartal.
    #[param(pattern = "^(20[0-9]{2}|2100)$", example = "2025")]
    periode: String,
}

fn regio_uit(code: &str) -> Result<RegioCode, AppError> {
    RegioCode::parse(code).map_err(|_| AppError::NietGevonden("De regio"))
}

/// De Werkset-registratie van een regio over een jaar.
#[derive(Serialize, ToSchema)]
#[schema(as = WerksetRegistratie)]
struct RegistratieJson {
    regio: String,
    periode: String,
    /// Of er voor deze regio en dit jaar iets is vastgelegd.
    heeft_registraties: bool,
    /// Of u deze registratie mag wijzigen.
    mag_schrijven: bool,
    themas: Vec<ThemaJson>,
    inspanningen: Vec<InspanningJson>,
    waarden: Vec<WaardeJson>,
}

/// Fase, kartrekkers en verhaal van een thema (verbeteractie).
#[derive(Serialize, ToSchema)]
#[schema(as = WerksetThema)]
struct ThemaJson {
    #[schema(minimum = 1, maximum = 5)]
    thema: u8,
    /// Fase: niet_gestart, ontwikkeling, implementatie, monitoring of geborgd; null: niet vastgelegd.
    fase: Option<String>,
    /// Soorten organisaties die het thema trekken (veilig_thuis, politie, om, rvdk, 3ro, gemeente, netwerk).
    kartrekkers: Vec<String>,
    verhaal_ontwikkel: String,
    verhaal_uitvoering: String,
    verhaal_waarde: String,
}

/// Een vastgelegde inspanning (kosten of tijd) bij een indicator, gedeeld door één of meer partners.
#[derive(Serialize, ToSchema)]
#[schema(as = WerksetInspanning)]
struct InspanningJson {
    id: i64,
    thema: i64,
    element: String,
    /// Code van de indicator in de catalogus.
    indicator: String,
    /// De partners die de post delen: een soort (bijvoorbeeld politie) of één organisatie (org:CODE). Eén post, niet één per partner.
    partners: Vec<String>,
    /// meerwerk, minderwerk of verschuiving.
    classificatie: String,
    hoeveelheid: Option<f64>,
    eenheid: Option<String>,
    omschrijving: String,
    bewijs: String,
    #[schema(format = Date)]
    bewijs_datum: String,
}

/// Een vastgelegde opbrengst (waarde) bij een indicator.
#[derive(Serialize, ToSchema)]
#[schema(as = WerksetWaarde)]
struct WaardeJson {
    id: i64,
    thema: i64,
    indicator: String,
    omschrijving: String,
    bewijs: String,
    #[schema(format = Date)]
    bewijs_datum: String,
    sterkte: String,
}

#[utoipa::path(
    get,
    path = "/werkset/registraties/{regio}/{periode}",
    tag = "Werkset",
    operation_id = "getWerksetRegistratie",
    summary = "De Werkset-registratie van een regio over een jaar",
    description = "Fase, kartrekkers en verhalen per thema, inspanningen en waarden. Elke ingelogde gebruiker mag elke regio lezen (geen persoonsgegevens).",
    params(RegioPeriode),
    responses((status = 200, description = "Registratie", body = RegistratieJson), (status = 403, description = "Geen toegang"))
)]
async fn registratie(
    State(s): State<AppState>,
    ApiGebruiker(g): ApiGebruiker,
    Path(RegioPeriode { regio, periode }): Path<RegioPeriode>,
) -> Result<Json<RegistratieJson>, ApiError> {
    let regio = regio_uit(&regio)?;
    let b = service::registratieblad(&s.db, &g, &regio, &periode).await?;
    let themas = b
        .catalogus
        .themas
        .iter()
        .map(|t| ThemaJson {
            thema: t.nummer,
            fase: b.fase(t.nummer).map(|f| f.code().to_string()),
            kartrekkers: b.kartrekkers(t.nummer),
            verhaal_ontwikkel: b.verhaal(t.nummer, "ontwikkel"),
            verhaal_uitvoering: b.verhaal(t.nummer, "uitvoering"),
            verhaal_waarde: b.verhaal(t.nummer, "waarde"),
        })
        .collect();
    Ok(Json(RegistratieJson {
        regio: regio.to_string(),
        periode: b.periode.clone(),
        heeft_registraties: b.heeft_registraties(),
        mag_schrijven: b.mag_schrijven,
        themas,
        inspanningen: b
            .inspanningen
            .iter()
            .map(|i| InspanningJson {
                id: i.id,
                thema: i.thema,
                element: i.element.clone(),
                indicator: i.indicator.clone(),
                partners: i
                    .partners
                    .split(',')
                    .filter(|p| !p.is_empty())
                    .map(str::to_string)
                    .collect(),
                classificatie: i.classificatie.clone(),
                hoeveelheid: i.hoeveelheid,
                eenheid: i.eenheid.clone(),
                omschrijving: i.omschrijving.clone(),
                bewijs: i.bewijs.clone(),
                bewijs_datum: i.bewijs_datum.clone(),
            })
            .collect(),
        waarden: b
            .waarden
            .iter()
            .map(|w| WaardeJson {
                id: w.id,
                thema: w.thema,
                indicator: w.indicator.clone(),
                omschrijving: w.omschrijving.clone(),
                bewijs: w.bewijs.clone(),
                bewijs_datum: w.bewijs_datum.clone(),
                sterkte: w.sterkte.clone(),
            })
            .collect(),
    }))
}

/// A JSON body for a write to a region's registration, or a problem: 403 when the user may not
/// write there at all (the permission comes before anything about the body), else 400 saying
/// what was expected.
fn lichaam<T>(
    g: &crate::auth::Gebruiker,
    regio: &RegioCode,
    body: Result<Json<T>, JsonRejection>,
    verwacht: &str,
) -> Result<T, AppError> {
    body.map(|Json(t)| t).map_err(|e| {
        if crate::auth::permissions::mag_werkset_schrijven(g, regio) {
            AppError::validatie("body", &format!("Verwacht {verwacht}: {}", e.body_text()))
        } else {
            AppError::GeenToegang
        }
    })
}

/// Fase, kartrekkers en verhalen van een thema.
#[derive(ToSchema)]
#[schema(as = WerksetThemaInvoer)]
#[allow(dead_code)]
struct ThemaInvoerSchema {
    /// niet_gestart, ontwikkeling, implementatie, monitoring of geborgd.
    fase: String,
    /// Soorten organisaties: veilig_thuis, politie, om, rvdk, 3ro, gemeente of netwerk.
    kartrekkers: Vec<String>,
    #[schema(max_length = 8000)]
    verhaal_ontwikkel: String,
    #[schema(max_length = 8000)]
    verhaal_uitvoering: String,
    #[schema(max_length = 8000)]
    verhaal_waarde: String,
}

#[utoipa::path(
    put,
    path = "/werkset/registraties/{regio}/{periode}/themas/{thema}",
    tag = "Werkset",
    operation_id = "putWerksetThema",
    summary = "Fase, kartrekkers en verhalen van een thema vastleggen",
    description = "Vervangt fase, kartrekkers en verhalen van het thema; alleen voor wie de registratie van de regio mag wijzigen. Vastgelegd in het auditlog.",
    params(RegioPeriode, ("thema" = u8, Path, minimum = 1, maximum = 5, description = "Nummer van het thema")),
    request_body(content = ThemaInvoerSchema),
    responses((status = 204, description = "Opgeslagen"), (status = 403, description = "Geen toegang"))
)]
async fn thema_opslaan(
    State(s): State<AppState>,
    ApiGebruiker(g): ApiGebruiker,
    Path((regio, periode, thema)): Path<(String, String, u8)>,
    body: Result<Json<ThemaInvoer>, JsonRejection>,
) -> Result<StatusCode, ApiError> {
    let regio = regio_uit(&regio)?;
    let i = lichaam(
        &g,
        &regio,
        body,
        "een JSON-object met fase, kartrekkers en verhalen",
    )?;
    service::thema_opslaan(&s.db, &g, &regio, &periode, thema, &i).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Een nieuwe inspanning.
#[derive(ToSchema)]
#[schema(as = WerksetInspanningInvoer)]
#[allow(dead_code)]
struct InspanningInvoerSchema {
    /// Code van de indicator in de catalogus (element uitvoering of ontwikkeling).
    indicator: String,
    /// De partners die de post delen: een soort (bijvoorbeeld politie) of één actieve organisatie uit de regio (org:CODE).
    partners: Vec<String>,
    /// meerwerk, minderwerk of verschuiving.
    classificatie: String,
    /// Getal (met komma of punt); leeg als er geen hoeveelheid is.
    hoeveelheid: String,
    /// Eenheid van de hoeveelheid, bijvoorbeeld uren of euro.
    eenheid: String,
    #[schema(max_length = 4000)]
    omschrijving: String,
    bewijs: String,
    /// JJJJ-MM-DD.
    #[schema(format = Date)]
    bewijs_datum: String,
}

/// Nummer van het nieuwe item.
#[derive(Serialize, ToSchema)]
#[schema(as = Nieuw)]
struct NieuwJson {
    id: i64,
}

#[utoipa::path(
    post,
    path = "/werkset/registraties/{regio}/{periode}/inspanningen",
    tag = "Werkset",
    operation_id = "postWerksetInspanning",
    summary = "Een inspanning vastleggen",
    description = "Legt een inspanning vast bij een indicator, met de partners die de post delen; alleen voor wie de registratie van de regio mag wijzigen. Vastgelegd in het auditlog.",
    params(RegioPeriode),
    request_body(content = InspanningInvoerSchema),
    responses((status = 201, description = "Vastgelegd", body = NieuwJson), (status = 403, description = "Geen toegang"))
)]
async fn inspanning_toevoegen(
    State(s): State<AppState>,
    ApiGebruiker(g): ApiGebruiker,
    Path(RegioPeriode { regio, periode }): Path<RegioPeriode>,
    body: Result<Json<InspanningInvoer>, JsonRejection>,
) -> Result<(StatusCode, Json<NieuwJson>), ApiError> {
    let regio = regio_uit(&regio)?;
    let i = lichaam(&g, &regio, body, "een JSON-object met een inspanning")?;
    let id = service::inspanning_toevoegen(&s.db, &g, &regio, &periode, &i).await?;
    Ok((StatusCode::CREATED, Json(NieuwJson { id })))
}

/// Een nieuwe waarde (opbrengst).
#[derive(ToSchema)]
#[schema(as = WerksetWaardeInvoer)]
#[allow(dead_code)]
struct WaardeInvoerSchema {
    /// Code van de indicator in de catalogus (element waarde).
    indicator: String,
    #[schema(max_length = 4000)]
    omschrijving: String,
    bewijs: String,
    /// JJJJ-MM-DD.
    #[schema(format = Date)]
    bewijs_datum: String,
    /// Sterkte van het bewijs.
    sterkte: String,
}

#[utoipa::path(
    post,
    path = "/werkset/registraties/{regio}/{periode}/waarden",
    tag = "Werkset",
    operation_id = "postWerksetWaarde",
    summary = "Een waarde (opbrengst) vastleggen",
    description = "Legt een opbrengst vast bij een indicator; alleen voor wie de registratie van de regio mag wijzigen. Vastgelegd in het auditlog.",
    params(RegioPeriode),
    request_body(content = WaardeInvoerSchema),
    responses((status = 201, description = "Vastgelegd", body = NieuwJson), (status = 403, description = "Geen toegang"))
)]
async fn waarde_toevoegen(
    State(s): State<AppState>,
    ApiGebruiker(g): ApiGebruiker,
    Path(RegioPeriode { regio, periode }): Path<RegioPeriode>,
    body: Result<Json<WaardeInvoer>, JsonRejection>,
) -> Result<(StatusCode, Json<NieuwJson>), ApiError> {
    let regio = regio_uit(&regio)?;
    let i = lichaam(&g, &regio, body, "een JSON-object met een waarde")?;
    let id = service::waarde_toevoegen(&s.db, &g, &regio, &periode, &i).await?;
    Ok((StatusCode::CREATED, Json(NieuwJson { id })))
}

#[utoipa::path(
    get,
    path = "/werkset/rapporten/{regio}/{periode}",
    tag = "Werkset",
    operation_id = "getWerksetRapport",
    summary = "Het regionale rapport als PDF",
    description = "Het rapport van de regio over het jaar als getagde PDF, hetzelfde als de download op de rapportpagina.",
    params(RegioPeriode),
    responses((status = 200, description = "PDF", content_type = "application/pdf", body = crate::web::Binair), (status = 403, description = "Geen toegang"))
)]
async fn rapport(
    State(s): State<AppState>,
    ApiGebruiker(g): ApiGebruiker,
    Path(RegioPeriode { regio, periode }): Path<RegioPeriode>,
) -> Result<Response, ApiError> {
    let regio = regio_uit(&regio)?;
    let (naam, pdf) =
        super::rapport::rapport_pdf(&s.db, &g, &regio, &periode, s.config.onderdrukking).await?;
    Ok(crate::web::download("application/pdf", &naam, pdf))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct ExportQuery {
    /// Jaartal; weggelaten: alle jaren.
    #[param(pattern = "^(20[0-9]{2}|2100)$", example = "2025")]
    periode: Option<String>,
}

#[utoipa::path(
    get,
    path = "/werkset/export",
    tag = "Werkset",
    operation_id = "getWerksetExport",
    summary = "Excel-export van de Werkset",
    description = "Alle registraties en berekende indicatoren als Excel-bestand, van één jaar of alle jaren; vastgelegd in het auditlog.",
    params(ExportQuery),
    responses((status = 200, description = "Excel-bestand", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body = crate::web::Binair), (status = 403, description = "Geen toegang"))
)]
async fn export(
    State(s): State<AppState>,
    ApiGebruiker(g): ApiGebruiker,
    Query(q): Query<ExportQuery>,
) -> Result<Response, ApiError> {
    let periode = q
        .periode
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty());
    let bytes = service::export(&s.db, &g, periode, s.config.onderdrukking).await?;
    let naam = format!("werkset-{}.xlsx", periode.unwrap_or("alle-perioden"));
    Ok(crate::web::download(crate::web::XLSX, &naam, bytes))
}
