//! `GET /api/v1/mijn-werk`: what Mijn werk shows, for a partner system's own task list. Only
//! numbers, kinds, dates and links: like the page, nothing about a case's content.

use super::service;
use crate::auth::{ApiGebruiker, AppState};
use crate::error::ApiError;
use axum::Json;
use axum::extract::State;
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(mijn_werk))
}

/// Een ZSM-zaak waarvan de termijn van negen uur loopt.
#[derive(Serialize, ToSchema)]
#[schema(as = LopendeKlok)]
struct KlokJson {
    moment: i64,
    /// Wanneer de eerste beslissing van de OvJ uiterlijk valt (lokale tijd).
    deadline: String,
    /// Minuten die resten (negatief: verstreken).
    minuten: i64,
}

/// Momenten van één soort werk: de eerste nummers (oudste eerst) en het aantal.
#[derive(Serialize, ToSchema)]
#[schema(as = Werklijst)]
struct WerklijstJson {
    momenten: Vec<i64>,
    aantal: i64,
}

/// Een open afspraak die binnen 7 dagen verloopt of verlopen is.
#[derive(Serialize, ToSchema)]
#[schema(as = TeDoenAfspraak)]
struct AfspraakJson {
    id: i64,
    moment: i64,
    #[schema(format = Date)]
    deadline: String,
    /// Aan u toegewezen.
    eigen: bool,
    /// Van een andere organisatie; de uwe zit het moment voor.
    als_voorzitter: bool,
    te_laat: bool,
    /// Dagen tot de deadline (negatief: verstreken).
    dagen: i64,
}

/// De volgende vergadering van een Actie-overleg.
#[derive(Serialize, ToSchema)]
#[schema(as = VolgendOverleg)]
struct OverlegJson {
    overleg: i64,
    naam: String,
    #[schema(format = Date)]
    datum: Option<String>,
    /// De aanmeldingen op de agenda (nummers van momenten).
    agenda: Vec<i64>,
    voorzitter: bool,
    /// De geplande vergadering (nummer; haar pagina is /actieoverleg/vergadering/{nummer}).
    vergadering: Option<i64>,
}

/// Een actie uit een plan van aanpak (Zelfscan) die binnenkort of al moest.
#[derive(Serialize, ToSchema)]
#[schema(as = PlanActie)]
struct ActieJson {
    plan: i64,
    actie: i64,
    verbeteractie: String,
    planning: Option<String>,
}

/// Een Werkset-registratie met thema's zonder fase.
#[derive(Serialize, ToSchema)]
#[schema(as = OpenWerksetRegistratie)]
struct WerksetJson {
    regio: String,
    periode: String,
    open_themas: Vec<u8>,
}

/// Een ongelezen melding: alleen de soort en een link.
#[derive(Serialize, ToSchema)]
#[schema(as = Melding)]
struct MeldingJson {
    id: i64,
    soort: String,
    link: String,
    aangemaakt_op: String,
}

/// Wat voor u klaarstaat, urgentste eerst.
#[derive(Serialize, ToSchema)]
#[schema(as = MijnWerk)]
struct MijnWerkJson {
    /// Het aantal dat actie vraagt (het getal in het menu).
    aantal: i64,
    klokken: Vec<KlokJson>,
    voorbespreking: WerklijstJson,
    agenderen: WerklijstJson,
    terugkoppeling: WerklijstJson,
    afspraken: Vec<AfspraakJson>,
    overleggen: Vec<OverlegJson>,
    acties: Vec<ActieJson>,
    werkset: Vec<WerksetJson>,
    ongelezen: i64,
    meldingen: Vec<MeldingJson>,
}

fn werklijst(w: &crate::casus::service::Werklijst) -> WerklijstJson {
    WerklijstJson {
        momenten: w.momenten.iter().map(|m| m.id.0).collect(),
        aantal: w.aantal,
    }
}

#[utoipa::path(
    get,
    path = "/mijn-werk",
    tag = "Mijn werk",
    operation_id = "getMijnWerk",
    summary = "Wat voor u klaarstaat",
    description = "Hetzelfde als de pagina Mijn werk: lopende 9-uurstermijnen, aanmeldingen voor voorbespreking en agenda, verschuldigde terugkoppeling, afspraken die verlopen, de volgende Actie-overleggen met hun agenda, acties uit plannen van aanpak, Werkset-registraties in concept en ongelezen meldingen. Alleen nummers, soorten, data en links.",
    responses((status = 200, description = "Mijn werk", body = MijnWerkJson))
)]
async fn mijn_werk(
    State(s): State<AppState>,
    ApiGebruiker(g): ApiGebruiker,
) -> Result<Json<MijnWerkJson>, ApiError> {
    let w = service::mijn_werk(&s.db, &g).await?;
    let c = &w.casus;
    Ok(Json(MijnWerkJson {
        aantal: w.aantal(),
        klokken: c
            .klokken
            .iter()
            .map(|k| KlokJson {
                moment: k.moment.id.0,
                deadline: k.deadline.clone(),
                minuten: k.minuten,
            })
            .collect(),
        voorbespreking: werklijst(&c.voorbespreking),
        agenderen: werklijst(&c.agenderen),
        terugkoppeling: werklijst(&c.terugkoppeling),
        afspraken: c
            .afspraken
            .iter()
            .map(|a| AfspraakJson {
                id: a.afspraak.id.0,
                moment: a.afspraak.moment_id.0,
                deadline: a.afspraak.deadline.clone(),
                eigen: a.eigen,
                als_voorzitter: a.als_voorzitter,
                te_laat: a.te_laat,
                dagen: a.dagen,
            })
            .collect(),
        overleggen: c
            .overleggen
            .iter()
            .map(|o| OverlegJson {
                overleg: o.overleg.id,
                naam: o.overleg.naam.clone(),
                datum: o.datum.clone(),
                agenda: o.agenda.iter().map(|m| m.id.0).collect(),
                voorzitter: o.voorzitter,
                vergadering: o.vergadering,
            })
            .collect(),
        acties: w
            .acties
            .iter()
            .map(|(p, a)| ActieJson {
                plan: p.id.0,
                actie: a.id,
                verbeteractie: a.verbeteractie.clone(),
                planning: a.planning.clone(),
            })
            .collect(),
        werkset: w
            .werkset
            .iter()
            .map(|r| WerksetJson {
                regio: r.regio.to_string(),
                periode: r.periode.clone(),
                open_themas: r.open_themas.iter().map(|t| t.0).collect(),
            })
            .collect(),
        ongelezen: w.ongelezen,
        meldingen: w
            .meldingen
            .iter()
            .map(|m| MeldingJson {
                id: m.id,
                soort: m.soort.code().into(),
                link: m.link.clone(),
                aangemaakt_op: m.aangemaakt_op.clone(),
            })
            .collect(),
    }))
}
