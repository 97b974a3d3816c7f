//! `GET /api/v1/indicatoren?regio=CODE&periode=JAAR`: the
//! computed indicators of a region and year. They are suppressed aggregates without personal
//! data, so every authenticated user may read them.

use crate::auth::ApiGebruiker;
use crate::auth::AppState;
use crate::error::{ApiError, AppError, Veldfout};
use crate::indicatoren::Indicator;
use crate::organisatie::model::{RegioCode, regio_naam};
use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<crate::auth::AppState> {
    OpenApiRouter::new().routes(routes!(indicatoren))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct IndicatorQuery {
    /// Code van de regio.
    #[serde(default)]
    #[param(
        required = true,
        pattern = "^(noord-nederland|oost-nederland|midden-nederland|noord-holland|amsterdam|den-haag|rotterdam|zeeland-west-brabant|oost-brabant|limburg)$",
        example = "oost-brabant"
    )]
    regio: String,
    /// Jaartal, 2000 tot en met 2100.
    #[serde(default)]
    #[param(required = true, pattern = "^(20[0-9]{2}|2100)$", example = "2025")]
    periode: String,
}

/// Berekende indicatoren van een regio over een jaar.
#[derive(Serialize, ToSchema)]
#[schema(as = Indicatoren)]
struct Antwoord {
    #[schema(example = "oost-brabant")]
    regio: String,
    regio_naam: &'static str,
    #[schema(example = "2025")]
    periode: String,
    /// Aantallen onder deze drempel zijn onderdrukt.
    drempel: u64,
    /// Onwaar als voor deze regio in dit jaar niets is geregistreerd: alle aantallen zijn dan null en elke weergave zegt 'geen gegevens', niet 'minder dan de drempel'.
    met_gegevens: bool,
    #[schema(value_type = Vec<IndicatorSchema>)]
    indicatoren: Vec<Indicator>,
}

/// Eén berekende indicator. Betekenis per soort: aantal (teller = aantal, noemer = null, waarde = aantal), aandeel (teller en noemer, waarde = percentage 0-100), mediaan (teller = null, noemer = aantal waarnemingen, waarde = mediaan in de eenheid). Een teller of noemer onder de drempel is null, onderdrukt is dan true en er is geen waarde.
#[derive(ToSchema)]
#[schema(as = Indicator)]
#[allow(dead_code)]
struct IndicatorSchema {
    /// Naam van het thema van de Werkset.
    #[schema(example = "Actie-overleg")]
    thema: String,
    /// Nummer van het thema: 1 herhaling, 2-5 de vier afstemmingsmomenten.
    #[schema(minimum = 1, maximum = 5)]
    thema_nummer: u8,
    /// Vaste code van de maat (niet uniek per rij: uitsplitsingen delen hun code).
    #[schema(example = "ao_afgewezen")]
    code: String,
    /// Naam zoals getoond, met de uitsplitsing.
    #[schema(example = "Afgewezen in de voorbespreking")]
    indicator: String,
    /// Bij ZSM: totaal, werkdag of weekend (naar het moment van aanhouding).
    #[schema(pattern = "^(totaal|werkdag|weekend)$")]
    dagdeel: Option<String>,
    /// Bij aanwezigheid: de naam van de organisatie.
    organisatie: Option<String>,
    /// Bij aanwezigheid per soort: de code van de soort.
    organisatiesoort: Option<String>,
    /// Bij aanvaard per criterium: de code van het verwijscriterium.
    #[schema(example = "vroegtijdig_afstemmen")]
    criterium: Option<String>,
    /// aantal, aandeel of mediaan.
    #[schema(pattern = "^(aantal|aandeel|mediaan)$")]
    soort: String,
    /// Eenheid van waarde: % bij aandelen, een tijdseenheid bij medianen.
    eenheid: String,
    /// uitvoering of waarde (element van de Werkset).
    #[schema(pattern = "^(uitvoering|waarde)$")]
    element: String,
    /// Definitie van teller, noemer en waarde.
    definitie: String,
    /// Codes van de indicatoren van de Werkset-catalogus waar deze maat bewijs voor geeft.
    werkset: Vec<String>,
    #[schema(minimum = 0)]
    teller: Option<u64>,
    #[schema(minimum = 0)]
    noemer: Option<u64>,
    waarde: Option<f64>,
    onderdrukt: bool,
    /// Weergave, bijvoorbeeld "12 van 40 (30%)", "<5", "afgeschermd" of "geen gegevens".
    weergave: String,
}

/// Validates the query: a known region code and a year 2000–2100, with Dutch messages.
fn valideer(q: &IndicatorQuery) -> Result<(RegioCode, String), AppError> {
    let mut fouten = vec![];
    let regio = match q.regio.trim() {
        "" => {
            fouten.push(Veldfout::new(
                "regio",
                "Geef een regio op, bijvoorbeeld regio=oost-brabant.",
            ));
            None
        }
        r => RegioCode::parse(r)
            .map_err(|m| fouten.push(Veldfout::new("regio", m)))
            .ok(),
    };
    let periode = q.periode.trim();
    let geldig = periode.len() == 4
        && periode.bytes().all(|b| b.is_ascii_digit())
        && crate::casus::service::periode_grenzen(periode).is_ok();
    if periode.is_empty() {
        fouten.push(Veldfout::new(
            "periode",
            "Geef een periode op: een jaartal, bijvoorbeeld periode=2025.",
        ));
    } else if !geldig {
        fouten.push(Veldfout::new(
            "periode",
            format!("'{periode}' is geen geldige periode; gebruik een jaartal, bijvoorbeeld 2025."),
        ));
    }
    match regio {
        Some(r) if fouten.is_empty() => Ok((r, periode.to_string())),
        _ => Err(AppError::Validatie(fouten)),
    }
}

#[utoipa::path(
    get,
    path = "/indicatoren",
    tag = "Indicatoren",
    operation_id = "getIndicatoren",
    summary = "Indicatoren berekend uit de registraties van de afstemmingsmomenten, per regio en jaar, met onderdrukking van kleine aantallen",
    description = "Per thema van de Werkset: aantallen, aandelen en medianen. Een teller of noemer onder de drempel (standaard 5) is null, onderdrukt is dan true en er is geen waarde; weergave toont '<5'. Bij de ZSM-uitsplitsing naar werkdag en weekend wordt een deel ook verborgen ('afgeschermd') als het anders een onderdrukt aantal zou verraden. Elke ingelogde gebruiker mag dit lezen: het zijn onderdrukte totalen zonder persoonsgegevens.",
    params(IndicatorQuery),
    responses((status = 200, description = "Berekende indicatoren", body = Antwoord))
)]
async fn indicatoren(
    State(s): State<AppState>,
    _g: ApiGebruiker,
    q: Result<Query<IndicatorQuery>, QueryRejection>,
) -> Result<Json<Antwoord>, ApiError> {
    let Query(q) = q.map_err(|_| {
        AppError::validatie(
            "query",
            "De zoekparameters zijn ongeldig; gebruik ?regio=CODE&periode=JAAR.",
        )
    })?;
    let (regio, periode) = valideer(&q)?;
    let drempel = s.config.onderdrukking;
    let indicatoren = super::service::berekend_voor(&s.db, &regio, &periode, drempel).await?;
    let met_gegevens = crate::indicatoren::regios_met_gegevens(&s.db, &periode)
        .await?
        .contains(&regio);
    Ok(Json(Antwoord {
        met_gegevens,
        regio_naam: regio_naam(regio.as_str()),
        regio: regio.as_str().into(),
        periode,
        drempel,
        indicatoren,
    }))
}
