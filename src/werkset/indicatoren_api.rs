//! `GET /api/v1/indicatoren?regio=CODE&periode=JAAR`: the
//! computed indicators of a region and year. They are suppressed aggregates without personal
//! data, so every authenticated user may read them.

use crate::auth::ApiGebruiker;
use crate::auth::AppState;
use crate::error::{ApiError, AppError, Veldfout};
use crate::indicatoren::Indicator;
use crate::organisatie::model::{RegioCode, regio_naam};
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::routing::get;
use axum::{Json, Router};
use serde::{Deserialize, Serialize};

pub fn router() -> Router<AppState> {
    Router::new().route("/indicatoren", get(indicatoren))
}

#[derive(Deserialize)]
struct IndicatorQuery {
    #[serde(default)]
    regio: String,
    #[serde(default)]
    periode: String,
}

#[derive(Serialize)]
struct Antwoord {
    regio: String,
    regio_naam: &'static str,
    periode: String,
    /// Counts below this are suppressed (null, shown as "<drempel").
    drempel: u64,
    /// False when nothing was recorded for the region in this year: every count is null then
    /// and every `weergave` says "geen gegevens", not "<drempel".
    met_gegevens: bool,
    indicatoren: Vec<Indicator>,
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
