//! JSON API of the Zelfscan (`/api/v1/zelfscan-…`), with the same permission checks as the
//! pages (every handler calls the service the page calls). The doc comments on the `…Json`
//! types and the `utoipa::path` texts are the Dutch descriptions of the published OpenAPI
//! document (`crate::api`).

use super::model::{RuwAntwoord, StandaardScore};
use super::service;
use crate::auth::AppState;
use crate::auth::{ApiGebruiker, ApiPaginering};
use crate::error::{ApiError, AppError};
use crate::gedeeld::{PlanId, RegioCode, RondeId};
use crate::web::paginering::Gepagineerd;
use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use axum::response::Response;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(rondes))
        .routes(routes!(ronde))
        .routes(routes!(vragenlijst))
        .routes(routes!(deelnemers))
        .routes(routes!(resultaten))
        .routes(routes!(antwoorden_lezen, antwoorden))
        .routes(routes!(export))
        .routes(routes!(plannen))
        .routes(routes!(plan))
        .routes(routes!(routekaart))
}

/// Een scanronde: één meting van de gemeenten van een regio met één versie van de vragenlijst.
#[derive(Serialize, ToSchema)]
#[schema(as = Ronde)]
struct RondeJson {
    #[schema(value_type = i64, minimum = 1)]
    id: RondeId,
    /// Code van de regio.
    #[schema(example = "oost-brabant")]
    regio: String,
    titel: String,
    /// Doel van de meting.
    #[schema(
        pattern = "^(nulmeting|evaluatie|toetsingsmoment)$",
        example = "nulmeting"
    )]
    doel: String,
    /// Datum van de meting (JJJJ-MM-DD).
    #[schema(format = Date)]
    datum: String,
    /// Versie van de vragenlijst.
    vragenlijst: String,
}

impl From<super::model::Ronde> for RondeJson {
    fn from(r: super::model::Ronde) -> Self {
        Self {
            id: r.id,
            regio: r.regio_code.to_string(),
            titel: r.titel,
            doel: r.doel,
            datum: r.datum,
            vragenlijst: r.vragenlijst_versie,
        }
    }
}

/// Score van één standaard voor een gemeente of, opgeteld, voor de regio.
#[derive(Serialize, ToSchema)]
#[schema(as = Score)]
struct ScoreJson {
    #[schema(minimum = 1, maximum = 10)]
    standaard: u8,
    /// Aantal vragen 'op orde'.
    op_orde: u32,
    /// Aantal vragen van de standaard in de vragenlijst.
    totaal: u32,
    /// Aantal beantwoorde vragen ('op orde' of 'niet op orde'): de noemer van percentage. 0 betekent: nog niet beantwoord (geen score).
    beantwoord: u32,
    /// Aandeel 'op orde' van de beantwoorde vragen (0 als er nog niets beantwoord is). Een onbeantwoorde vraag telt niet als 'niet op orde'.
    #[schema(minimum = 0, maximum = 100)]
    percentage: f64,
}

impl From<StandaardScore> for ScoreJson {
    fn from(s: StandaardScore) -> Self {
        Self {
            standaard: s.standaard,
            op_orde: s.op_orde,
            totaal: s.totaal,
            beantwoord: s.beantwoord,
            percentage: s.percentage,
        }
    }
}

fn scores(s: Vec<StandaardScore>) -> Vec<ScoreJson> {
    s.into_iter().map(Into::into).collect()
}

#[utoipa::path(
    get,
    path = "/zelfscan-rondes",
    tag = "Zelfscan",
    operation_id = "listZelfscanRondes",
    summary = "Scanrondes die u mag zien",
    description = "De scanrondes die u mag zien, nieuwste eerst, gepagineerd.",
    params(crate::web::paginering::PaginaParameters),
    responses((status = 200, description = "Lijst", body = Vec<RondeJson>,
        headers(("Link" = String, description = "Andere pagina's"), ("X-Total-Count" = u64, description = "Totaal aantal"))))
)]
async fn rondes(
    State(s): State<AppState>,
    ApiGebruiker(g): ApiGebruiker,
    ApiPaginering(p): ApiPaginering,
) -> Result<Gepagineerd<RondeJson>, ApiError> {
    let alle: Vec<RondeJson> = service::rondes(&s.db, &g, None)
        .await?
        .into_iter()
        .map(Into::into)
        .collect();
    Ok(p.deel(alle, "/api/v1/zelfscan-rondes", &[]))
}

#[utoipa::path(
    get,
    path = "/zelfscan-rondes/{id}",
    tag = "Zelfscan",
    operation_id = "getZelfscanRonde",
    summary = "Eén scanronde",
    params(("id" = i64, Path, minimum = 1, description = "Nummer van de scanronde")),
    responses((status = 200, description = "De scanronde", body = RondeJson), (status = 403, description = "Geen toegang"))
)]
async fn ronde(
    State(s): State<AppState>,
    ApiGebruiker(g): ApiGebruiker,
    Path(id): Path<RondeId>,
) -> Result<Json<RondeJson>, ApiError> {
    Ok(Json(service::ronde(&s.db, &g, id).await?.into()))
}

/// De vragenlijst van een scanronde: de tien standaarden en hun vragen.
#[derive(Serialize, ToSchema)]
#[schema(as = Vragenlijst)]
struct VragenlijstJson {
    versie: String,
    titel: String,
    /// Herkomst van de tekst.
    bron: String,
    /// Waar: de vragen zijn door Voorop afgeleid van de standaarden, geen officiële tekst.
    afgeleid: bool,
    standaarden: Vec<StandaardJson>,
    vragen: Vec<VraagJson>,
}

/// Een kwaliteitsstandaard.
#[derive(Serialize, ToSchema)]
#[schema(as = Standaard)]
struct StandaardJson {
    #[schema(minimum = 1, maximum = 10)]
    nummer: u8,
    /// Korte titel voor grafieken en tabellen.
    titel: String,
    /// Tekst van de standaard.
    tekst: String,
}

/// Een vraag van de vragenlijst.
#[derive(Serialize, ToSchema)]
#[schema(as = Vraag)]
struct VraagJson {
    #[schema(minimum = 1)]
    nummer: u16,
    /// Blok van het formulier (1 of 2).
    #[schema(minimum = 1, maximum = 2)]
    blok: u8,
    /// Nummer van de standaard waar de vraag bij hoort.
    #[schema(minimum = 1, maximum = 10)]
    standaard: u8,
    tekst: String,
}

fn standaarden(v: &super::model::Vragenlijst) -> Vec<StandaardJson> {
    v.standaarden
        .iter()
        .map(|s| StandaardJson {
            nummer: s.nummer,
            titel: s.titel.clone(),
            tekst: s.tekst.clone(),
        })
        .collect()
}

#[utoipa::path(
    get,
    path = "/zelfscan-rondes/{id}/vragenlijst",
    tag = "Zelfscan",
    operation_id = "getZelfscanVragenlijst",
    summary = "De vragenlijst van een scanronde",
    params(("id" = i64, Path, minimum = 1, description = "Nummer van de scanronde")),
    responses((status = 200, description = "Vragenlijst", body = VragenlijstJson), (status = 403, description = "Geen toegang"))
)]
async fn vragenlijst(
    State(s): State<AppState>,
    ApiGebruiker(g): ApiGebruiker,
    Path(id): Path<RondeId>,
) -> Result<Json<VragenlijstJson>, ApiError> {
    let r = service::ronde(&s.db, &g, id).await?;
    let v = service::vragenlijst(&s.db, &r.vragenlijst_versie).await?;
    Ok(Json(VragenlijstJson {
        standaarden: standaarden(&v),
        vragen: v
            .vragen
            .iter()
            .map(|q| VraagJson {
                nummer: q.nummer,
                blok: q.blok,
                standaard: q.standaard,
                tekst: q.tekst.clone(),
            })
            .collect(),
        versie: v.versie,
        titel: v.titel,
        bron: v.bron,
        afgeleid: v.afgeleid,
    }))
}

/// Een deelnemende gemeente van een scanronde.
#[derive(Serialize, ToSchema)]
#[schema(as = Deelnemer)]
struct DeelnemerJson {
    /// Code van de gemeente.
    code: String,
    naam: String,
    /// Wie de antwoorden van de gemeente mag zien.
    #[schema(pattern = "^(regio|gemeente|aggregaat)$")]
    zichtbaarheid: &'static str,
    /// Aantal beantwoorde vragen.
    beantwoord: i64,
    /// Aantal vragen van de vragenlijst.
    vragen: usize,
}

#[utoipa::path(
    get,
    path = "/zelfscan-rondes/{id}/gemeenten",
    tag = "Zelfscan",
    operation_id = "listZelfscanDeelnemers",
    summary = "Deelnemende gemeenten van een scanronde",
    description = "De deelnemende gemeenten met hun zichtbaarheid en voortgang (aantal beantwoorde vragen), gepagineerd.",
    params(("id" = i64, Path, minimum = 1, description = "Nummer van de scanronde"), crate::web::paginering::PaginaParameters),
    responses((status = 200, description = "Lijst", body = Vec<DeelnemerJson>,
        headers(("Link" = String, description = "Andere pagina's"), ("X-Total-Count" = u64, description = "Totaal aantal"))),
        (status = 403, description = "Geen toegang"))
)]
async fn deelnemers(
    State(s): State<AppState>,
    ApiGebruiker(g): ApiGebruiker,
    Path(id): Path<RondeId>,
    ApiPaginering(p): ApiPaginering,
) -> Result<Gepagineerd<DeelnemerJson>, ApiError> {
    let r = service::ronde(&s.db, &g, id).await?;
    let vragen = service::vragenlijst(&s.db, &r.vragenlijst_versie)
        .await?
        .vragen
        .len();
    let lijst: Vec<DeelnemerJson> = service::ronde_gemeenten(&s.db, &g, &r)
        .await?
        .into_iter()
        .map(|rg| DeelnemerJson {
            zichtbaarheid: rg.zichtbaarheid().code(),
            code: rg.code,
            naam: rg.naam,
            beantwoord: rg.beantwoord,
            vragen,
        })
        .collect();
    Ok(p.deel(
        lijst,
        &format!("/api/v1/zelfscan-rondes/{}/gemeenten", id.0),
        &[],
    ))
}

/// Resultaten van een gemeente, voor zover u die mag zien.
#[derive(Serialize, ToSchema)]
#[schema(as = Gemeenteresultaat)]
struct GemeenteJson {
    code: String,
    naam: String,
    /// Wie de antwoorden van de gemeente mag zien.
    zichtbaarheid: &'static str,
    /// Aantal beantwoorde vragen.
    beantwoord: usize,
    scores: Vec<ScoreJson>,
}

/// Het regionale beeld (alleen als er genoeg gemeenten zijn).
#[derive(Serialize, ToSchema)]
#[schema(as = Regioresultaat)]
struct RegioJson {
    aantal_gemeenten: usize,
    scores: Vec<ScoreJson>,
    /// Uitspraken over de regio per standaard.
    uitspraken: Vec<String>,
}

/// Resultaten van een scanronde.
#[derive(Serialize, ToSchema)]
#[schema(as = Resultaten)]
struct ResultatenJson {
    ronde: RondeJson,
    standaarden: Vec<StandaardJson>,
    /// De gemeenten waarvan u de resultaten mag zien.
    gemeenten: Vec<GemeenteJson>,
    /// Het regionale beeld; null als het niet getoond mag worden.
    regio: Option<RegioJson>,
}

#[utoipa::path(
    get,
    path = "/zelfscan-rondes/{id}/resultaten",
    tag = "Zelfscan",
    operation_id = "getZelfscanResultaten",
    summary = "Scores per gemeente en voor de regio",
    description = "Scores per standaard per gemeente (alleen gemeenten die u mag zien) en voor de regio.",
    params(("id" = i64, Path, minimum = 1, description = "Nummer van de scanronde")),
    responses((status = 200, description = "Resultaten", body = ResultatenJson), (status = 403, description = "Geen toegang"))
)]
async fn resultaten(
    State(s): State<AppState>,
    ApiGebruiker(g): ApiGebruiker,
    Path(id): Path<RondeId>,
) -> Result<Json<ResultatenJson>, ApiError> {
    let r = service::resultaten(&s.db, &g, id).await?;
    let regio = r.regio.map(|sc| RegioJson {
        aantal_gemeenten: r.aantal_in_regio,
        scores: scores(sc),
        uitspraken: r
            .uitspraken
            .into_iter()
            .map(|(n, t)| format!("Standaard {n}: {t}"))
            .collect(),
    });
    Ok(Json(ResultatenJson {
        standaarden: standaarden(&r.vragenlijst),
        gemeenten: r
            .gemeenten
            .into_iter()
            .map(|gr| GemeenteJson {
                code: gr.code,
                naam: gr.naam,
                zichtbaarheid: gr.zichtbaarheid.code(),
                beantwoord: gr.beantwoord,
                scores: scores(gr.scores),
            })
            .collect(),
        ronde: r.ronde.into(),
        regio,
    }))
}

/// Het antwoord op één vraag.
#[derive(Serialize, Deserialize, ToSchema)]
#[schema(as = Antwoord)]
struct AntwoordJson {
    #[schema(minimum = 1, maximum = 65535)]
    vraag: i64,
    /// 'op_orde' of 'niet_op_orde'; null of weggelaten: nog niet beantwoord.
    #[schema(pattern = "^(op_orde|niet_op_orde)$")]
    antwoord: Option<String>,
    #[schema(max_length = 4000)]
    toelichting: Option<String>,
}

/// De antwoorden van een gemeente.
#[derive(Serialize, ToSchema)]
#[schema(as = Antwoordblad)]
struct AntwoordbladJson {
    gemeente: String,
    gemeente_naam: String,
    /// Of u deze antwoorden mag wijzigen.
    mag_schrijven: bool,
    /// Alle vragen van de vragenlijst; antwoord null: nog niet beantwoord.
    antwoorden: Vec<AntwoordJson>,
}

#[utoipa::path(
    get,
    path = "/zelfscan-rondes/{id}/gemeenten/{code}/antwoorden",
    tag = "Zelfscan",
    operation_id = "getZelfscanAntwoorden",
    summary = "Antwoorden van een gemeente per vraag",
    description = "Het antwoord en de toelichting op elke vraag, als u de antwoorden van deze gemeente mag zien.",
    params(("id" = i64, Path, minimum = 1, description = "Nummer van de scanronde"), ("code" = String, Path, max_length = 64, description = "Code van de gemeente")),
    responses((status = 200, description = "Antwoorden", body = AntwoordbladJson), (status = 403, description = "Geen toegang"))
)]
async fn antwoorden_lezen(
    State(s): State<AppState>,
    ApiGebruiker(g): ApiGebruiker,
    Path((id, code)): Path<(RondeId, String)>,
) -> Result<Json<AntwoordbladJson>, ApiError> {
    let blad = service::antwoordblad(&s.db, &g, id, &code).await?;
    let antwoorden = blad
        .vragenlijst
        .vragen
        .iter()
        .map(|v| {
            let a = blad.antwoorden.get(&v.nummer);
            AntwoordJson {
                vraag: i64::from(v.nummer),
                antwoord: a.and_then(|a| a.antwoord).map(|x| x.code().to_string()),
                toelichting: a.map(|a| a.toelichting.clone()).filter(|t| !t.is_empty()),
            }
        })
        .collect();
    Ok(Json(AntwoordbladJson {
        gemeente: blad.gemeente.code,
        gemeente_naam: blad.gemeente.naam,
        mag_schrijven: blad.mag_schrijven,
        antwoorden,
    }))
}

/// Aantal opgeslagen antwoorden.
#[derive(Serialize, ToSchema)]
#[schema(as = Opgeslagen)]
struct OpgeslagenJson {
    opgeslagen: usize,
}

#[utoipa::path(
    put,
    path = "/zelfscan-rondes/{id}/gemeenten/{code}/antwoorden",
    tag = "Zelfscan",
    operation_id = "putZelfscanAntwoorden",
    summary = "Antwoorden van een gemeente opslaan (alleen de meegegeven vragen; alles of niets)",
    params(("id" = i64, Path, minimum = 1, description = "Nummer van de scanronde"), ("code" = String, Path, max_length = 64, description = "Code van de gemeente")),
    request_body(content = Vec<AntwoordJson>, description = "Antwoorden per vraag"),
    responses((status = 200, description = "Opgeslagen", body = OpgeslagenJson), (status = 403, description = "Geen toegang"))
)]
async fn antwoorden(
    State(s): State<AppState>,
    ApiGebruiker(g): ApiGebruiker,
    Path((id, code)): Path<(RondeId, String)>,
    body: Result<Json<Vec<RuwAntwoord>>, JsonRejection>,
) -> Result<Json<OpgeslagenJson>, ApiError> {
    let Json(invoer) = body.map_err(|e| {
        AppError::validatie(
            "body",
            &format!("Verwacht een JSON-lijst van {{\"vraag\": n, \"antwoord\": \"op_orde\" | \"niet_op_orde\", \"toelichting\": \"…\"}}: {}", e.body_text()),
        )
    })?;
    let opgeslagen = service::antwoorden_opslaan(&s.db, &g, id, &code, &invoer).await?;
    Ok(Json(OpgeslagenJson { opgeslagen }))
}

#[utoipa::path(
    get,
    path = "/zelfscan-rondes/{id}/export",
    tag = "Zelfscan",
    operation_id = "getZelfscanExport",
    summary = "Excel-bestand van een scanronde",
    description = "Het Excel-bestand van de scanronde met wat u mag zien (hetzelfde als de knop op de resultatenpagina); vastgelegd in het auditlog.",
    params(("id" = i64, Path, minimum = 1, description = "Nummer van de scanronde")),
    responses((status = 200, description = "Excel-bestand", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body = crate::web::Binair), (status = 403, description = "Geen toegang"))
)]
async fn export(
    State(s): State<AppState>,
    ApiGebruiker(g): ApiGebruiker,
    Path(id): Path<RondeId>,
) -> Result<Response, ApiError> {
    let (naam, bytes) = service::excel_export(&s.db, &g, id).await?;
    Ok(crate::web::download(crate::web::XLSX, &naam, bytes))
}

/// Een plan van aanpak (regionaal of van één gemeente).
#[derive(Serialize, ToSchema)]
#[schema(as = Plan)]
struct PlanJson {
    #[schema(value_type = i64, minimum = 1)]
    id: PlanId,
    regio: String,
    /// Code van de gemeente; null bij een regionaal plan.
    gemeente: Option<String>,
    /// Nummer van de scanronde waar het plan op volgt.
    #[schema(value_type = Option<i64>)]
    ronde: Option<RondeId>,
    titel: String,
    periode: String,
    #[schema(pattern = "^(concept|besproken|vastgesteld)$")]
    status: String,
    inleiding: String,
    context: String,
    samenvatting: String,
    monitoring: String,
    /// Verbeteracties (alleen bij één plan).
    #[serde(skip_serializing_if = "Option::is_none")]
    acties: Option<Vec<ActieJson>>,
}

/// Een verbeteractie van een plan van aanpak, met haar PDCA-stand.
#[derive(Serialize, ToSchema)]
#[schema(as = Verbeteractie)]
struct ActieJson {
    id: i64,
    /// Groep van standaarden (bijvoorbeeld 1-2).
    groep: String,
    maatregel: String,
    huidige_stand: String,
    verbeteractie: String,
    beoogd_resultaat: String,
    wie: String,
    /// Gepland gereed (JJJJ-MM-DD).
    #[schema(format = Date)]
    planning: Option<String>,
    kosten: String,
    /// PDCA-stand.
    #[schema(pattern = "^(plan|do|check|act|gereed)$")]
    pdca_status: String,
    /// Volgende controle (JJJJ-MM-DD).
    #[schema(format = Date)]
    volgende_check: Option<String>,
}

impl From<super::plan::model::Plan> for PlanJson {
    fn from(p: super::plan::model::Plan) -> Self {
        Self {
            id: p.id,
            regio: p.regio_code,
            gemeente: p.gemeente_code,
            ronde: p.ronde_id,
            titel: p.titel,
            periode: p.periode,
            status: p.status,
            inleiding: p.inleiding,
            context: p.context,
            samenvatting: p.samenvatting,
            monitoring: p.monitoring,
            acties: None,
        }
    }
}

#[utoipa::path(
    get,
    path = "/zelfscan-plannen",
    tag = "Zelfscan",
    operation_id = "listZelfscanPlannen",
    summary = "Plannen van aanpak die u mag zien",
    description = "De plannen van aanpak die u mag zien, zonder hun acties (die staan bij één plan), gepagineerd.",
    params(crate::web::paginering::PaginaParameters),
    responses((status = 200, description = "Lijst", body = Vec<PlanJson>,
        headers(("Link" = String, description = "Andere pagina's"), ("X-Total-Count" = u64, description = "Totaal aantal"))),
        (status = 403, description = "Geen toegang"))
)]
async fn plannen(
    State(s): State<AppState>,
    ApiGebruiker(g): ApiGebruiker,
    ApiPaginering(p): ApiPaginering,
) -> Result<Gepagineerd<PlanJson>, ApiError> {
    let (plannen, _) = super::plan::overzicht(&s.db, &g).await?;
    let lijst: Vec<PlanJson> = plannen.into_iter().map(Into::into).collect();
    Ok(p.deel(lijst, "/api/v1/zelfscan-plannen", &[]))
}

#[utoipa::path(
    get,
    path = "/zelfscan-plannen/{id}",
    tag = "Zelfscan",
    operation_id = "getZelfscanPlan",
    summary = "Eén plan van aanpak met zijn verbeteracties",
    params(("id" = i64, Path, minimum = 1, description = "Nummer van het plan")),
    responses((status = 200, description = "Het plan", body = PlanJson), (status = 403, description = "Geen toegang"))
)]
async fn plan(
    State(s): State<AppState>,
    ApiGebruiker(g): ApiGebruiker,
    Path(id): Path<PlanId>,
) -> Result<Json<PlanJson>, ApiError> {
    let (p, acties, _) = super::plan::plan(&s.db, &g, id).await?;
    let mut json = PlanJson::from(p);
    json.acties = Some(
        acties
            .into_iter()
            .map(|a| ActieJson {
                id: a.id,
                groep: a.groep,
                maatregel: a.maatregel,
                huidige_stand: a.huidige_stand,
                verbeteractie: a.verbeteractie,
                beoogd_resultaat: a.beoogd_resultaat,
                wie: a.wie,
                planning: a.planning,
                kosten: a.kosten,
                pdca_status: a.pdca_status,
                volgende_check: a.volgende_check,
            })
            .collect(),
    );
    Ok(Json(json))
}

/// De routekaart van een regio: vijf fasen met stappen en beslismomenten, en wat gereed is.
#[derive(Serialize, ToSchema)]
#[schema(as = Routekaart)]
struct RoutekaartJson {
    regio: String,
    /// Herkomst van de routekaart.
    bron: String,
    fasen: Vec<FaseJson>,
}

/// Een fase van de routekaart.
#[derive(Serialize, ToSchema)]
#[schema(as = Fase)]
struct FaseJson {
    #[schema(minimum = 1, maximum = 5)]
    nummer: u8,
    titel: String,
    stappen: Vec<StapJson>,
    beslismomenten: Vec<StapJson>,
}

/// Een stap of beslismoment, met de datum waarop de regio het gereed meldde.
#[derive(Serialize, ToSchema)]
#[schema(as = Routekaartstap)]
struct StapJson {
    id: String,
    tekst: String,
    /// Datum gereed (JJJJ-MM-DD); null: nog niet gereed.
    #[schema(format = Date)]
    gereed: Option<String>,
}

#[utoipa::path(
    get,
    path = "/zelfscan-routekaart/{regio}",
    tag = "Zelfscan",
    operation_id = "getZelfscanRoutekaart",
    summary = "De routekaart van een regio met de gereedgemelde stappen",
    params(("regio" = String, Path, max_length = 64, description = "Code van de regio", example = "oost-brabant")),
    responses((status = 200, description = "Routekaart", body = RoutekaartJson), (status = 403, description = "Geen toegang"))
)]
async fn routekaart(
    State(s): State<AppState>,
    ApiGebruiker(g): ApiGebruiker,
    Path(regio): Path<String>,
) -> Result<Json<RoutekaartJson>, ApiError> {
    let regio = RegioCode::parse(&regio).map_err(|_| AppError::NietGevonden("De regio"))?;
    let gereed = service::routekaart_gereed(&s.db, &g, &regio).await?;
    let kaart = &*super::routekaart::ROUTEKAART;
    let stappen = |items: &[super::routekaart::Item]| -> Vec<StapJson> {
        items
            .iter()
            .map(|i| StapJson {
                id: i.id.clone(),
                tekst: i.tekst.clone(),
                gereed: gereed.get(&i.id).cloned(),
            })
            .collect()
    };
    Ok(Json(RoutekaartJson {
        regio: regio.to_string(),
        bron: kaart.bron.clone(),
        fasen: kaart
            .fasen
            .iter()
            .map(|f| FaseJson {
                nummer: f.nummer,
                titel: f.titel.clone(),
                stappen: stappen(&f.stappen),
                beslismomenten: stappen(&f.beslismomenten),
            })
            .collect(),
    }))
}
