//! Zelfscan pages: thin handlers that extract, call the service and render.

use super::model::{Antwoord, Doel, RuwAntwoord, StandaardScore, Vragenlijst, Zichtbaarheid};
use super::repo;
use super::service::{self, NieuweRonde};
use crate::auth::AppState;
use crate::auth::prg;
use crate::auth::{Ingelogd, permissions};
use crate::error::{AppError, AppResult, Veldfout};
use crate::web::charts::{RadarReeks, ReeksStijl, radar_svg};
use crate::web::{Pagina, procent};
use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum_extra::extract::Form;
use serde::Deserialize;
use std::collections::HashMap;

/// The start page depends on the user's organisation: gemeenten start at the Zelfscan, the
/// network at the Werkset, the partners in zorg and straf at the afstemmingsmomenten; the
/// privacy officer at the organisation's audit log.
async fn startpagina(i: Ingelogd) -> Redirect {
    let g = &i.gebruiker;
    if g.rol == crate::auth::Rol::Privacyfunctionaris {
        return Redirect::to("/privacy/logboek");
    }
    Redirect::to(match g.organisatie_soort.as_str() {
        "gemeente" => "/zelfscan",
        "netwerk" => "/werkset",
        _ if permissions::ziet_casusproces(g, &g.regio_code) => "/casussen",
        _ => "/werkset",
    })
}

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(startpagina))
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
                                .map(|x| {
                                    format!(
                                        "{} ({} van {})",
                                        procent(x.percentage),
                                        x.op_orde,
                                        x.totaal
                                    )
                                })
                                .unwrap_or_default()
                        })
                        .collect(),
                )
            })
            .collect(),
    }
}

fn doel_label(code: &str) -> &'static str {
    Doel::parse(code).map(Doel::label).unwrap_or("")
}

#[derive(Template, WebTemplate)]
#[template(path = "zelfscan/overzicht.html")]
struct OverzichtPagina {
    p: Pagina,
    rondes: Vec<repo::Ronde>,
    mag_aanmaken: bool,
    gemeenten: Vec<crate::organisatie::model::Organisatie>,
}

impl OverzichtPagina {
    fn doel(&self, c: &str) -> &'static str {
        doel_label(c)
    }
    fn regio(&self, c: &str) -> &'static str {
        crate::organisatie::model::regio_naam(c)
    }
}

async fn overzicht(State(s): State<AppState>, i: Ingelogd) -> AppResult<OverzichtPagina> {
    let rondes = service::rondes(&s.db, &i.gebruiker, None).await?;
    let mag_aanmaken = permissions::beheert_regio(&i.gebruiker, &i.gebruiker.regio_code);
    let gemeenten = service::gemeenten(&s.db, &i.gebruiker.regio_code).await?;
    Ok(OverzichtPagina {
        p: i.pagina("Zelfscan Kwaliteitskader"),
        rondes,
        mag_aanmaken,
        gemeenten,
    })
}

#[derive(Template, WebTemplate)]
#[template(path = "zelfscan/nieuw.html")]
struct NieuwPagina {
    p: Pagina,
    fouten: Vec<Veldfout>,
    invoer: RondeInvoer,
    gemeenten: Vec<crate::organisatie::model::Organisatie>,
    vragenlijsten: Vec<crate::referentiedata::Versie>,
}

impl NieuwPagina {
    fn gekozen(&self, code: &str) -> bool {
        self.invoer.gemeente.iter().any(|g| g == code)
    }
    fn doelen(&self) -> [Doel; 3] {
        Doel::ALLE
    }
    fn zichtbaarheden(&self) -> [Zichtbaarheid; 3] {
        Zichtbaarheid::ALLE
    }
}

#[derive(Deserialize, Default)]
struct RondeInvoer {
    #[serde(default)]
    regio: String,
    #[serde(default)]
    titel: String,
    #[serde(default)]
    doel: String,
    #[serde(default)]
    datum: String,
    #[serde(default)]
    vragenlijst: String,
    #[serde(default)]
    gemeente: Vec<String>,
    #[serde(default)]
    zichtbaarheid: String,
}

async fn nieuw_pagina(
    s: &AppState,
    i: &Ingelogd,
    invoer: RondeInvoer,
    fouten: Vec<Veldfout>,
) -> AppResult<NieuwPagina> {
    let regio = if invoer.regio.is_empty() {
        i.gebruiker.regio_code.clone()
    } else {
        invoer.regio.clone()
    };
    if !permissions::beheert_regio(&i.gebruiker, &regio) {
        return Err(AppError::GeenToegang);
    }
    Ok(NieuwPagina {
        p: i.pagina("Nieuwe scanronde"),
        fouten,
        gemeenten: service::gemeenten(&s.db, &regio).await?,
        vragenlijsten: service::vragenlijsten(&s.db).await?,
        invoer: RondeInvoer { regio, ..invoer },
    })
}

async fn nieuw(State(s): State<AppState>, i: Ingelogd) -> AppResult<NieuwPagina> {
    let invoer = RondeInvoer {
        doel: "evaluatie".into(),
        datum: crate::db::vandaag(),
        zichtbaarheid: "gemeente".into(),
        vragenlijst: service::vragenlijsten(&s.db)
            .await?
            .last()
            .map(|v| v.versie.clone())
            .unwrap_or_default(),
        ..Default::default()
    };
    nieuw_pagina(&s, &i, invoer, vec![]).await
}

async fn ronde_aanmaken(
    State(s): State<AppState>,
    i: Ingelogd,
    Form(f): Form<RondeInvoer>,
) -> AppResult<Response> {
    let n = NieuweRonde {
        regio: f.regio.clone(),
        titel: f.titel.clone(),
        doel: f.doel.clone(),
        datum: f.datum.clone(),
        vragenlijst: f.vragenlijst.clone(),
        gemeenten: f.gemeente.clone(),
        zichtbaarheid: f.zichtbaarheid.clone(),
    };
    let uitkomst = service::ronde_aanmaken(&s.db, &i.gebruiker, &n).await;
    prg(
        &i,
        uitkomst,
        |id| {
            (
                "De scanronde is aangemaakt.".into(),
                format!("/zelfscan/{id}"),
            )
        },
        async |fouten| nieuw_pagina(&s, &i, f, fouten).await,
    )
    .await
}

pub struct GemeenteRegel {
    pub code: String,
    pub naam: String,
    pub zichtbaarheid: Zichtbaarheid,
    pub beantwoord: i64,
    pub ziet_resultaten: bool,
    pub mag_schrijven: bool,
    pub mag_zichtbaarheid: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "zelfscan/ronde.html")]
struct RondePagina {
    p: Pagina,
    ronde: repo::Ronde,
    doel: &'static str,
    regio: &'static str,
    aantal_vragen: usize,
    gemeenten: Vec<GemeenteRegel>,
    andere_rondes: Vec<repo::Ronde>,
}

impl RondePagina {
    fn zichtbaarheden(&self) -> [Zichtbaarheid; 3] {
        Zichtbaarheid::ALLE
    }
    /// The upload is offered to whoever may change the answers of at least one gemeente
    /// (the same rule as `service::mag_importeren`).
    fn mag_importeren(&self) -> bool {
        self.gemeenten.iter().any(|g| g.mag_schrijven)
    }
}

async fn ronde(
    State(s): State<AppState>,
    i: Ingelogd,
    Path(id): Path<i64>,
) -> AppResult<RondePagina> {
    let g = &i.gebruiker;
    let r = service::ronde(&s.db, g, id).await?;
    let v = service::vragenlijst(&s.db, &r.vragenlijst_versie).await?;
    let scope = permissions::ZelfscanScope::voor(g, &r.regio_code);
    let gemeenten = service::ronde_gemeenten(&s.db, g, &r)
        .await?
        .into_iter()
        .map(|rg| GemeenteRegel {
            ziet_resultaten: scope.mag_zien(rg.gemeente_id, rg.zichtbaarheid()),
            mag_schrijven: permissions::mag_antwoorden_schrijven(
                g,
                &r.regio_code,
                rg.gemeente_id,
                rg.zichtbaarheid(),
            ),
            mag_zichtbaarheid: permissions::mag_zichtbaarheid_zetten(
                g,
                &r.regio_code,
                rg.gemeente_id,
                rg.zichtbaarheid(),
            ),
            zichtbaarheid: rg.zichtbaarheid(),
            beantwoord: rg.beantwoord,
            code: rg.code,
            naam: rg.naam,
        })
        .collect();
    let andere_rondes = service::rondes(&s.db, g, Some(&r.regio_code))
        .await?
        .into_iter()
        .filter(|x| x.id != r.id)
        .collect();
    Ok(RondePagina {
        p: i.pagina(r.titel.clone()),
        doel: doel_label(&r.doel),
        regio: crate::organisatie::model::regio_naam(&r.regio_code),
        aantal_vragen: v.vragen.len(),
        gemeenten,
        andere_rondes,
        ronde: r,
    })
}

#[derive(Deserialize)]
struct ZichtbaarheidForm {
    gemeente: String,
    zichtbaarheid: String,
}

async fn zichtbaarheid(
    State(s): State<AppState>,
    i: Ingelogd,
    Path(id): Path<i64>,
    Form(f): Form<ZichtbaarheidForm>,
) -> AppResult<Redirect> {
    service::zichtbaarheid_zetten(&s.db, &i.gebruiker, id, &f.gemeente, &f.zichtbaarheid).await?;
    i.flash("De zichtbaarheid is gewijzigd.").await;
    Ok(Redirect::to(&format!("/zelfscan/{id}")))
}

pub struct VraagRegel {
    pub nummer: u16,
    pub standaard: String,
    pub tekst: String,
    pub antwoord: String,
    pub toelichting: String,
    pub fout: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "zelfscan/invullen.html")]
struct InvullenPagina {
    p: Pagina,
    ronde: repo::Ronde,
    gemeente: String,
    code: String,
    blokken: Vec<(String, Vec<VraagRegel>)>,
    beantwoord: usize,
    totaal: usize,
    mag_schrijven: bool,
    fouten: Vec<Veldfout>,
}

fn vraagregels(
    v: &Vragenlijst,
    waarde: impl Fn(u16) -> (String, String),
    fouten: &[Veldfout],
) -> Vec<(String, Vec<VraagRegel>)> {
    [
        (
            1u8,
            "Blok 1 – Gemeentelijke organisatie en alle professionals in lokale (wijk)teams",
        ),
        (
            2,
            "Blok 2 – Professionals aan wie Veilig Thuis casuïstiek overdraagt",
        ),
    ]
    .into_iter()
    .map(|(blok, titel)| {
        let regels = v
            .vragen
            .iter()
            .filter(|q| q.blok == blok)
            .map(|q| {
                let (antwoord, toelichting) = waarde(q.nummer);
                let st = v.standaarden.iter().find(|s| s.nummer == q.standaard);
                VraagRegel {
                    nummer: q.nummer,
                    standaard: st
                        .map(|s| format!("Standaard {} – {}", s.nummer, s.titel))
                        .unwrap_or_default(),
                    tekst: q.tekst.clone(),
                    antwoord,
                    toelichting,
                    fout: fouten
                        .iter()
                        .find(|f| {
                            f.veld == format!("antwoord_{}", q.nummer)
                                || f.veld == format!("toelichting_{}", q.nummer)
                        })
                        .map(|f| f.melding.clone()),
                }
            })
            .collect();
        (titel.to_string(), regels)
    })
    .collect()
}

/// The answer form, filled from `waarde` (stored answers, or the rejected input).
fn invullen_pagina(
    i: &Ingelogd,
    b: service::Antwoordblad,
    code: String,
    waarde: impl Fn(u16) -> (String, String),
    fouten: Vec<Veldfout>,
) -> InvullenPagina {
    InvullenPagina {
        p: i.pagina(format!("Zelfscan invullen – {}", b.gemeente.naam)),
        blokken: vraagregels(&b.vragenlijst, waarde, &fouten),
        beantwoord: b
            .antwoorden
            .values()
            .filter(|a| a.antwoord.is_some())
            .count(),
        totaal: b.vragenlijst.vragen.len(),
        ronde: b.ronde,
        gemeente: b.gemeente.naam,
        code,
        mag_schrijven: b.mag_schrijven,
        fouten,
    }
}

async fn invullen(
    State(s): State<AppState>,
    i: Ingelogd,
    Path((id, code)): Path<(i64, String)>,
) -> AppResult<InvullenPagina> {
    let b = service::antwoordblad(&s.db, &i.gebruiker, id, &code).await?;
    let opgeslagen: HashMap<u16, (String, String)> = b
        .antwoorden
        .values()
        .map(|a| {
            (
                a.vraag,
                (
                    a.antwoord.map(Antwoord::code).unwrap_or("").to_string(),
                    a.toelichting.clone(),
                ),
            )
        })
        .collect();
    Ok(invullen_pagina(
        &i,
        b,
        code,
        |n| opgeslagen.get(&n).cloned().unwrap_or_default(),
        vec![],
    ))
}

async fn opslaan(
    State(s): State<AppState>,
    i: Ingelogd,
    Path((id, code)): Path<(i64, String)>,
    Form(velden): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let velden: HashMap<String, String> = velden.into_iter().collect();
    let b = service::antwoordblad(&s.db, &i.gebruiker, id, &code).await?;
    let invoer: Vec<RuwAntwoord> = b
        .vragenlijst
        .vragen
        .iter()
        .filter(|q| {
            velden.contains_key(&format!("antwoord_{}", q.nummer))
                || velden.contains_key(&format!("toelichting_{}", q.nummer))
        })
        .map(|q| RuwAntwoord {
            vraag: i64::from(q.nummer),
            antwoord: velden.get(&format!("antwoord_{}", q.nummer)).cloned(),
            toelichting: velden.get(&format!("toelichting_{}", q.nummer)).cloned(),
        })
        .collect();
    let uitkomst = service::antwoorden_opslaan(&s.db, &i.gebruiker, id, &code, &invoer).await;
    let naar = format!("/zelfscan/{id}/gemeenten/{code}");
    prg(
        &i,
        uitkomst,
        |n| {
            (
                format!("{n} antwoorden opgeslagen. U kunt later verder gaan met invullen."),
                naar,
            )
        },
        async |fouten| {
            let ingevuld = |n: u16| {
                let veld = |naam: &str| {
                    velden
                        .get(&format!("{naam}_{n}"))
                        .cloned()
                        .unwrap_or_default()
                };
                (veld("antwoord"), veld("toelichting"))
            };
            Ok(invullen_pagina(&i, b, code, ingevuld, fouten))
        },
    )
    .await
}

#[derive(Template, WebTemplate)]
#[template(path = "zelfscan/resultaten.html")]
struct ResultatenPagina {
    p: Pagina,
    ronde: repo::Ronde,
    onderwerp: String,
    grafiek: Option<Grafiek>,
    uitspraken: Vec<(u8, String)>,
    gemeenten: Vec<(String, String)>,
    aantal_in_regio: usize,
    aantal_deelnemers: usize,
    toelichtingen: Vec<(String, String)>,
    gemeente_code: String,
    factsheet: bool,
}

#[derive(Deserialize, Default)]
struct Weergave {
    #[serde(default)]
    factsheet: bool,
}

async fn resultaten_regio(
    State(s): State<AppState>,
    i: Ingelogd,
    Path(id): Path<i64>,
    Query(w): Query<Weergave>,
) -> AppResult<ResultatenPagina> {
    let r = service::resultaten(&s.db, &i.gebruiker, id).await?;
    let regio = crate::organisatie::model::regio_naam(&r.ronde.regio_code);
    let grafiek = r.regio.as_ref().map(|sc| {
        grafiek(
            &format!("Regio {regio} – gemiddelde"),
            &r.vragenlijst,
            &[(
                "Regio gemiddelde".into(),
                sc.as_slice(),
                ReeksStijl::Primair,
            )],
        )
    });
    Ok(ResultatenPagina {
        p: i.pagina(format!("Resultaten regio – {}", r.ronde.titel)),
        onderwerp: format!("Regio {regio}"),
        grafiek,
        uitspraken: r.uitspraken,
        gemeenten: r
            .gemeenten
            .iter()
            .map(|g| (g.code.clone(), g.naam.clone()))
            .collect(),
        aantal_in_regio: r.aantal_in_regio,
        aantal_deelnemers: r.aantal_deelnemers,
        toelichtingen: vec![],
        gemeente_code: String::new(),
        factsheet: w.factsheet,
        ronde: r.ronde,
    })
}

async fn resultaten_gemeente(
    State(s): State<AppState>,
    i: Ingelogd,
    Path((id, code)): Path<(i64, String)>,
    Query(w): Query<Weergave>,
) -> AppResult<ResultatenPagina> {
    let r = service::resultaten(&s.db, &i.gebruiker, id).await?;
    let Some(gr) = r.gemeenten.iter().find(|g| g.code == code) else {
        // Either not taking part or hidden from this user.
        let deelnemers = service::ronde_gemeenten(&s.db, &i.gebruiker, &r.ronde).await?;
        if !deelnemers.iter().any(|rg| rg.code == code) {
            return Err(AppError::NietGevonden("Deze gemeente in de scanronde"));
        }
        return Err(AppError::GeenToegang);
    };
    let mut reeksen = vec![(gr.naam.clone(), gr.scores.as_slice(), ReeksStijl::Primair)];
    if let Some(regio) = &r.regio {
        reeksen.push((
            "Regio gemiddelde".into(),
            regio.as_slice(),
            ReeksStijl::Secundair,
        ));
    }
    let toelichtingen = gr
        .antwoorden
        .iter()
        .filter(|a| !a.toelichting.is_empty())
        .map(|a| (format!("Vraag {}", a.vraag), a.toelichting.clone()))
        .collect();
    Ok(ResultatenPagina {
        p: i.pagina(format!("Resultaten {} – {}", gr.naam, r.ronde.titel)),
        onderwerp: gr.naam.clone(),
        grafiek: Some(grafiek(
            &format!("{} en regio gemiddelde", gr.naam),
            &r.vragenlijst,
            &reeksen,
        )),
        uitspraken: vec![],
        gemeenten: vec![],
        aantal_in_regio: r.aantal_in_regio,
        aantal_deelnemers: r.aantal_deelnemers,
        toelichtingen,
        gemeente_code: gr.code.clone(),
        factsheet: w.factsheet,
        ronde: r.ronde,
    })
}

async fn export(
    State(s): State<AppState>,
    i: Ingelogd,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let (naam, bytes) = service::excel_export(&s.db, &i.gebruiker, id).await?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_string(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{naam}\""),
            ),
        ],
        bytes,
    )
        .into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "zelfscan/import.html")]
struct ImportPagina {
    p: Pagina,
    ronde: repo::Ronde,
    fouten: Vec<Veldfout>,
    bestandsnaam: String,
}

async fn import_form(
    State(s): State<AppState>,
    i: Ingelogd,
    Path(id): Path<i64>,
) -> AppResult<ImportPagina> {
    let ronde = service::mag_importeren(&s.db, &i.gebruiker, id).await?;
    Ok(ImportPagina {
        p: i.pagina("Antwoorden importeren uit Excel"),
        ronde,
        fouten: vec![],
        bestandsnaam: String::new(),
    })
}

async fn import(
    State(s): State<AppState>,
    i: Ingelogd,
    Path(id): Path<i64>,
    mut mp: Multipart,
) -> AppResult<Response> {
    // The permission check comes before the upload is read or parsed.
    let ronde = service::mag_importeren(&s.db, &i.gebruiker, id).await?;
    let mut bestand = None;
    while let Ok(Some(veld)) = mp.next_field().await {
        if veld.name() == Some("bestand") {
            let naam = veld.file_name().unwrap_or("").to_string();
            let bytes = veld.bytes().await.map_err(|_| {
                AppError::validatie(
                    "bestand",
                    "Het bestand kon niet worden ontvangen (te groot?).",
                )
            })?;
            bestand = Some((naam, bytes));
        }
    }
    let fout = |fouten, bestandsnaam| ImportPagina {
        p: i.pagina("Antwoorden importeren uit Excel"),
        ronde: ronde.clone(),
        fouten,
        bestandsnaam,
    };
    let Some((naam, bytes)) = bestand.filter(|(_, b)| !b.is_empty()) else {
        return Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            fout(
                vec![Veldfout::new("bestand", "Kies een Excel-bestand (.xlsx).")],
                String::new(),
            ),
        )
            .into_response());
    };
    match service::excel_voorstel(&s.db, Some(&i.gebruiker), id, bytes.to_vec()).await {
        // Checked; shown for confirmation, kept in the session until then.
        Ok(voorstel) => {
            i.session
                .insert(IMPORT_VOORSTEL, &voorstel)
                .await
                .map_err(|e| anyhow::anyhow!("sessie: {e}"))?;
            Ok(ImportVoorstelPagina {
                p: i.pagina("Import controleren"),
                ronde,
                bestandsnaam: naam,
                voorstel,
            }
            .into_response())
        }
        Err(AppError::Validatie(fouten)) => {
            Ok((StatusCode::UNPROCESSABLE_ENTITY, fout(fouten, naam)).into_response())
        }
        Err(e) => Err(e),
    }
}

/// The session key of the import waiting for confirmation.
const IMPORT_VOORSTEL: &str = "zelfscan_import_voorstel";

#[derive(Template, WebTemplate)]
#[template(path = "zelfscan/import_voorstel.html")]
struct ImportVoorstelPagina {
    p: Pagina,
    ronde: repo::Ronde,
    bestandsnaam: String,
    voorstel: service::ImportVoorstel,
}

async fn import_bevestigen(
    State(s): State<AppState>,
    i: Ingelogd,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    // The permission check comes first, as on the upload: without it everyone got the same
    // redirect, whether they may import into this round or not.
    service::mag_importeren(&s.db, &i.gebruiker, id).await?;
    let voorstel = i
        .session
        .remove::<service::ImportVoorstel>(IMPORT_VOORSTEL)
        .await
        .ok()
        .flatten()
        .filter(|v| v.ronde_id == id);
    let Some(voorstel) = voorstel else {
        i.flash("Er stond geen import klaar om te bevestigen (of de sessie is verlopen). Upload het bestand opnieuw.")
            .await;
        return Ok(Redirect::to(&format!("/zelfscan/{id}/import")).into_response());
    };
    let n = service::excel_toepassen(&s.db, Some(&i.gebruiker), &voorstel).await?;
    i.flash(format!(
        "Import geslaagd: antwoorden van {n} gemeente(n) opgeslagen."
    ))
    .await;
    Ok(Redirect::to(&format!("/zelfscan/{id}")).into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "zelfscan/rad.html")]
struct RadPagina {
    p: Pagina,
    ronde: repo::Ronde,
    gemeente: String,
    code: String,
    vragen: Vec<(u8, String, String)>,
    mag_schrijven: bool,
    fouten: Vec<Veldfout>,
}

fn rad_pagina(
    i: &Ingelogd,
    b: service::RadBlad,
    code: String,
    waarde: impl Fn(u8) -> String,
    fouten: Vec<Veldfout>,
) -> RadPagina {
    RadPagina {
        p: i.pagina(format!("Rad van Fortuin – {}", b.gemeente.naam)),
        vragen: b
            .vragenlijst
            .rad_van_fortuin
            .iter()
            .map(|q| (q.nummer, q.tekst.clone(), waarde(q.nummer)))
            .collect(),
        ronde: b.ronde,
        gemeente: b.gemeente.naam,
        code,
        mag_schrijven: b.mag_schrijven,
        fouten,
    }
}

async fn rad(
    State(s): State<AppState>,
    i: Ingelogd,
    Path((id, code)): Path<(i64, String)>,
) -> AppResult<RadPagina> {
    let b = service::rad(&s.db, &i.gebruiker, id, &code).await?;
    let opgeslagen = b.antwoorden.clone();
    Ok(rad_pagina(
        &i,
        b,
        code,
        |n| opgeslagen.get(&n).cloned().unwrap_or_default(),
        vec![],
    ))
}

async fn rad_opslaan(
    State(s): State<AppState>,
    i: Ingelogd,
    Path((id, code)): Path<(i64, String)>,
    Form(velden): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let invoer: Vec<(u8, String)> = velden
        .iter()
        .filter_map(|(k, v)| {
            k.strip_prefix("rad_")
                .and_then(|n| n.parse().ok())
                .map(|n| (n, v.clone()))
        })
        .collect();
    let uitkomst = service::rad_opslaan(&s.db, &i.gebruiker, id, &code, invoer.clone()).await;
    let naar = format!("/zelfscan/{id}/gemeenten/{code}/rad");
    prg(
        &i,
        uitkomst,
        |()| {
            (
                "De antwoorden op de procesvragen zijn opgeslagen.".into(),
                naar,
            )
        },
        async |fouten| {
            let b = service::rad(&s.db, &i.gebruiker, id, &code).await?;
            let ingevuld = |n: u8| {
                invoer
                    .iter()
                    .find(|(x, _)| *x == n)
                    .map(|x| x.1.clone())
                    .unwrap_or_default()
            };
            Ok(rad_pagina(&i, b, code, ingevuld, fouten))
        },
    )
    .await
}

#[derive(Template, WebTemplate)]
#[template(path = "zelfscan/deelnemers.html")]
struct DeelnemersPagina {
    p: Pagina,
    lijst: service::Deelnemerslijst,
    fouten: Vec<Veldfout>,
    rol: String,
    naam: String,
}

async fn deelnemers(
    State(s): State<AppState>,
    i: Ingelogd,
    Path((id, code)): Path<(i64, String)>,
) -> AppResult<DeelnemersPagina> {
    let lijst = service::deelnemers(&s.db, &i.gebruiker, id, &code).await?;
    Ok(DeelnemersPagina {
        p: i.pagina(format!("Deelnemers – {}", lijst.gemeente.naam)),
        lijst,
        fouten: vec![],
        rol: String::new(),
        naam: String::new(),
    })
}

#[derive(Deserialize)]
struct DeelnemerForm {
    #[serde(default)]
    rol: String,
    #[serde(default)]
    naam: String,
}

async fn deelnemer_toevoegen(
    State(s): State<AppState>,
    i: Ingelogd,
    Path((id, code)): Path<(i64, String)>,
    Form(f): Form<DeelnemerForm>,
) -> AppResult<Response> {
    let uitkomst =
        service::deelnemer_toevoegen(&s.db, &i.gebruiker, id, &code, &f.rol, &f.naam).await;
    let naar = format!("/zelfscan/{id}/gemeenten/{code}/deelnemers");
    prg(
        &i,
        uitkomst,
        |()| ("De deelnemer is toegevoegd.".into(), naar),
        async |fouten| {
            let lijst = service::deelnemers(&s.db, &i.gebruiker, id, &code).await?;
            Ok(DeelnemersPagina {
                p: i.pagina(format!("Deelnemers – {}", lijst.gemeente.naam)),
                lijst,
                fouten,
                rol: f.rol,
                naam: f.naam,
            })
        },
    )
    .await
}

async fn deelnemer_verwijderen(
    State(s): State<AppState>,
    i: Ingelogd,
    Path((id, code, did)): Path<(i64, String, i64)>,
) -> AppResult<Redirect> {
    service::deelnemer_verwijderen(&s.db, &i.gebruiker, id, &code, did).await?;
    i.flash("De deelnemer is verwijderd.").await;
    Ok(Redirect::to(&format!(
        "/zelfscan/{id}/gemeenten/{code}/deelnemers"
    )))
}

#[derive(Deserialize)]
struct VergelijkQuery {
    a: i64,
    b: i64,
    #[serde(default)]
    gemeente: String,
}

pub struct VerschilRegel {
    pub standaard: String,
    pub a: String,
    pub b: String,
    pub verschil: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "zelfscan/vergelijk.html")]
struct VergelijkPagina {
    p: Pagina,
    v: service::Vergelijking,
    grafiek: Option<Grafiek>,
    regels: Vec<VerschilRegel>,
}

async fn vergelijk(
    State(s): State<AppState>,
    i: Ingelogd,
    Query(q): Query<VergelijkQuery>,
) -> AppResult<VergelijkPagina> {
    let gemeente = (!q.gemeente.is_empty()).then_some(q.gemeente.as_str());
    let v = service::vergelijk(&s.db, &i.gebruiker, q.a, q.b, gemeente).await?;
    let (grafiek, regels) = match (&v.scores_a, &v.scores_b) {
        (Some(a), Some(b)) => {
            let g = grafiek(
                &format!("{}: {} en {}", v.onderwerp, v.a.titel, v.b.titel),
                &v.vragenlijst,
                &[
                    (v.a.titel.clone(), a.as_slice(), ReeksStijl::Secundair),
                    (v.b.titel.clone(), b.as_slice(), ReeksStijl::Primair),
                ],
            );
            let regels = v
                .vragenlijst
                .standaarden
                .iter()
                .zip(a.iter().zip(b))
                .map(|(st, (x, y))| {
                    let d = y.percentage - x.percentage;
                    VerschilRegel {
                        standaard: format!("{} {}", st.nummer, st.titel),
                        a: procent(x.percentage),
                        b: procent(y.percentage),
                        verschil: if d.abs() < 0.05 {
                            "gelijk".into()
                        } else {
                            format!(
                                "{}{} procentpunt",
                                if d > 0.0 { "+" } else { "−" },
                                procent(d.abs()).trim_end_matches('%')
                            )
                        },
                    }
                })
                .collect();
            (Some(g), regels)
        }
        _ => (None, vec![]),
    };
    Ok(VergelijkPagina {
        p: i.pagina("Rondes vergelijken"),
        v,
        grafiek,
        regels,
    })
}
