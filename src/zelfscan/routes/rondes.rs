//! The scan rounds: overview, a new round, one round with its gemeenten, and its visibility.

use super::*;
use crate::gedeeld::RegioCode;
use crate::zelfscan::model::Ronde;

pub(super) fn doel_label(code: &str) -> &'static str {
    Doel::parse(code).map_or("", Doel::label)
}

#[derive(Template, WebTemplate)]
#[template(path = "zelfscan/overzicht.html")]
pub(super) struct OverzichtPagina {
    p: Pagina,
    rondes: Vec<Ronde>,
    mag_aanmaken: bool,
    gemeenten: Vec<crate::organisatie::model::Organisatie>,
}

impl OverzichtPagina {
    fn doel(&self, c: &str) -> &'static str {
        doel_label(c)
    }
    fn regio(&self, c: &RegioCode) -> &'static str {
        crate::organisatie::model::regio_naam(c)
    }
}

pub(super) async fn overzicht(
    State(s): State<AppState>,
    i: Ingelogd,
) -> AppResult<OverzichtPagina> {
    let rondes = service::rondes(&s.db, &i.gebruiker, None).await?;
    let mag_aanmaken = permissions::beheert_regio(&i.gebruiker, &i.gebruiker.regio_code);
    let gemeenten = service::gemeenten(&s.db, &i.gebruiker.regio_code).await?;
    Ok(OverzichtPagina {
        p: crate::hulp::pagina(
            &s.db,
            &i,
            "Zelfscan Kwaliteitskader",
            ("zelfscan", "/zelfscan"),
        )
        .await,
        rondes,
        mag_aanmaken,
        gemeenten,
    })
}

#[derive(Template, WebTemplate)]
#[template(path = "zelfscan/nieuw.html")]
pub(super) struct NieuwPagina {
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
pub(super) struct RondeInvoer {
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

pub(super) async fn nieuw_pagina(
    s: &AppState,
    i: &Ingelogd,
    invoer: RondeInvoer,
    fouten: Vec<Veldfout>,
) -> AppResult<NieuwPagina> {
    let regio = i.gevraagde_regio(&invoer.regio)?;
    if !permissions::beheert_regio(&i.gebruiker, &regio) {
        return Err(AppError::GeenToegang);
    }
    Ok(NieuwPagina {
        p: i.pagina("Nieuwe scanronde"),
        fouten,
        gemeenten: service::gemeenten(&s.db, &regio).await?,
        vragenlijsten: service::vragenlijsten(&s.db).await?,
        invoer: RondeInvoer {
            regio: regio.to_string(),
            ..invoer
        },
    })
}

pub(super) async fn nieuw(State(s): State<AppState>, i: Ingelogd) -> AppResult<NieuwPagina> {
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

pub(super) async fn ronde_aanmaken(
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
pub(super) struct RondePagina {
    p: Pagina,
    ronde: Ronde,
    doel: &'static str,
    regio: &'static str,
    aantal_vragen: usize,
    gemeenten: Vec<GemeenteRegel>,
    andere_rondes: Vec<Ronde>,
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

pub(super) async fn ronde(
    State(s): State<AppState>,
    i: Ingelogd,
    Path(id): Path<RondeId>,
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
        regio: crate::organisatie::model::regio_naam(r.regio_code),
        aantal_vragen: v.vragen.len(),
        gemeenten,
        andere_rondes,
        ronde: r,
    })
}

#[derive(Deserialize)]
pub(super) struct ZichtbaarheidForm {
    gemeente: String,
    zichtbaarheid: String,
}

pub(super) async fn zichtbaarheid(
    State(s): State<AppState>,
    i: Ingelogd,
    Path(id): Path<RondeId>,
    Form(f): Form<ZichtbaarheidForm>,
) -> AppResult<Redirect> {
    service::zichtbaarheid_zetten(&s.db, &i.gebruiker, id, &f.gemeente, &f.zichtbaarheid).await?;
    i.flash("De zichtbaarheid is gewijzigd.").await;
    Ok(Redirect::to(&format!("/zelfscan/{id}")))
}
