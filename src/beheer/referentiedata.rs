//! The beheerder's pages for versioned reference data (`crate::referentiedata`): one overview
//! of the loaded versions and one upload form per kind, built from the same handlers and the
//! same template; what differs per kind is in its [`Scherm`].

use crate::audit::Actor;
use crate::auth::{AppState, Ingelogd, prg};
use crate::error::{AppError, AppResult, Veldfout};
use crate::ontwikkelagenda::model::Agenda;
use crate::referentiedata::{self, Soort, Versie};
use crate::web::Pagina;
use crate::werkset::model::Catalogus;
use crate::zelfscan::model::Vragenlijst;
use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Multipart, State};
use axum::response::Response;
use axum::routing::get;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/beheer/vragenlijsten",
            get(overzicht::<Vragenlijst>).post(laden::<Vragenlijst>),
        )
        .route(
            "/beheer/werkset-catalogus",
            get(overzicht::<Catalogus>).post(laden::<Catalogus>),
        )
        .route(
            "/beheer/ontwikkelagenda",
            get(overzicht::<Agenda>).post(laden::<Agenda>),
        )
}

/// What the beheer page of one kind of reference data says.
trait Scherm: Soort {
    const PAD: &'static str;
    const TITEL: &'static str;
    /// What a new version changes and what it leaves alone.
    const UITLEG: &'static str;
    /// The label of the upload, naming the shipped file as the example of the structure.
    const LABEL: &'static str;
    /// The confirmation after loading `versie`.
    fn melding(versie: &str) -> String;
}

impl Scherm for Vragenlijst {
    const PAD: &'static str = "/beheer/vragenlijsten";
    const TITEL: &'static str = "Vragenlijsten";
    const UITLEG: &'static str = "Elke scanronde is gekoppeld aan de vragenlijstversie waarmee hij is gemaakt. Een nieuwe versie laden verandert bestaande rondes niet.";
    const LABEL: &'static str =
        "Vragenlijst (JSON, zelfde opbouw als data/zelfscan/kwaliteitskader-2019-v1.json)";
    fn melding(versie: &str) -> String {
        format!("Vragenlijst {versie} is geladen en kan bij een nieuwe scanronde worden gekozen.")
    }
}

impl Scherm for Catalogus {
    const PAD: &'static str = "/beheer/werkset-catalogus";
    const TITEL: &'static str = "Indicatorcatalogus Werkset";
    const UITLEG: &'static str = "Registraties en rapportages blijven gekoppeld aan de catalogusversie waarmee ze zijn gemaakt. Nieuwe registraties gebruiken de laatst geladen versie (\u{201c}Werkset 2.0\u{201d}).";
    const LABEL: &'static str =
        "Catalogus (JSON, zelfde opbouw als data/werkset/catalogus-2022-v1.json)";
    fn melding(versie: &str) -> String {
        format!(
            "Indicatorcatalogus {versie} is geladen; nieuwe registraties gebruiken deze versie."
        )
    }
}

impl Scherm for Agenda {
    const PAD: &'static str = "/beheer/ontwikkelagenda";
    const TITEL: &'static str = "Ontwikkelagenda";
    const UITLEG: &'static str = "SWOT-sessies en uitvoeringsplannen blijven gekoppeld aan de agendaversie waarmee ze zijn gemaakt. Nieuwe sessies en plannen gebruiken de laatst geladen versie.";
    const LABEL: &'static str =
        "Ontwikkelagenda (JSON, zelfde opbouw als data/ontwikkelagenda/agenda-2021-v1.json)";
    fn melding(versie: &str) -> String {
        format!(
            "Ontwikkelagenda {versie} is geladen; nieuwe sessies en plannen gebruiken deze versie."
        )
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "beheer/referentiedata.html")]
struct VersiesPagina {
    p: Pagina,
    uitleg: &'static str,
    pad: &'static str,
    label: &'static str,
    versies: Vec<Versie>,
    fouten: Vec<Veldfout>,
}

async fn pagina<S: Scherm>(
    s: &AppState,
    i: &Ingelogd,
    fouten: Vec<Veldfout>,
) -> AppResult<VersiesPagina> {
    Ok(VersiesPagina {
        p: i.pagina(S::TITEL),
        uitleg: S::UITLEG,
        pad: S::PAD,
        label: S::LABEL,
        versies: referentiedata::versies::<S>(&s.db).await?,
        fouten,
    })
}

async fn overzicht<S: Scherm>(State(s): State<AppState>, i: Ingelogd) -> AppResult<VersiesPagina> {
    super::routes::alleen_beheerder(&i)?;
    pagina::<S>(&s, &i, vec![]).await
}

async fn laden<S: Scherm>(
    State(s): State<AppState>,
    i: Ingelogd,
    mut mp: Multipart,
) -> AppResult<Response> {
    super::routes::alleen_beheerder(&i)?;
    let resultaat = match bestand_tekst(&mut mp).await {
        Ok(json) => referentiedata::laden::<S>(&s.db, &Actor::from(&i.gebruiker), &json).await,
        Err(e) => Err(e),
    };
    prg(
        &i,
        resultaat,
        |versie| (S::melding(&versie), S::PAD.into()),
        async |fouten| pagina::<S>(&s, &i, fouten).await,
    )
    .await
}

/// Reads the uploaded file field `bestand` as UTF-8 text.
async fn bestand_tekst(mp: &mut Multipart) -> AppResult<String> {
    let mut inhoud = None;
    while let Ok(Some(veld)) = mp.next_field().await {
        if veld.name() == Some("bestand") {
            inhoud = veld.bytes().await.ok();
        }
    }
    match inhoud.as_deref().map(std::str::from_utf8) {
        Some(Ok(json)) if !json.trim().is_empty() => Ok(json.to_string()),
        Some(Err(_)) => Err(AppError::validatie(
            "bestand",
            "Het bestand is geen UTF-8-tekst (JSON).",
        )),
        _ => Err(AppError::validatie("bestand", "Kies een JSON-bestand.")),
    }
}
