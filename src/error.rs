//! One error type for the whole application, mapped to a response in one place:
//! HTML pages get a Dutch error page, the API gets `application/problem+json`.

use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use serde::Serialize;

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Veldfout {
    pub veld: String,
    pub melding: String,
}

impl Veldfout {
    pub fn new(veld: impl Into<String>, melding: impl Into<String>) -> Self {
        Self {
            veld: veld.into(),
            melding: melding.into(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("Niet ingelogd")]
    NietIngelogd,
    #[error("U heeft geen toegang tot deze gegevens.")]
    GeenToegang,
    #[error("{0} is niet gevonden.")]
    NietGevonden(&'static str),
    #[error("De invoer is niet geldig.")]
    Validatie(Vec<Veldfout>),
    #[error("{0}")]
    Conflict(String),
    #[error("Het is op dit moment te druk. Probeer het over een minuut opnieuw.")]
    TeDruk,
    #[error("Er ging intern iets mis. Probeer het later opnieuw.")]
    Intern(#[from] anyhow::Error),
    /// Forbidden (403) with a message saying who may do it instead.
    #[error("{0}")]
    Geweigerd(String),
}

/// A unique constraint a user can run into, and where the form shows it: the field and the
/// Dutch message. The one place where a violated constraint becomes a field error; a service
/// that checks first still needs it for two requests at once.
struct Uniek {
    /// PostgreSQL's name of the constraint or unique index.
    postgres: &'static str,
    /// SQLite's description of it: the table's columns after "UNIQUE constraint failed: ".
    sqlite: &'static str,
    veld: &'static str,
    melding: &'static str,
}

const UNIEK: &[Uniek] = &[
    Uniek {
        postgres: "organisatie_code_key",
        sqlite: "organisatie.code",
        veld: "code",
        melding: "Deze code is al in gebruik; kies een andere.",
    },
    Uniek {
        postgres: "gebruiker_email_key",
        sqlite: "gebruiker.email",
        veld: "email",
        melding: "Er bestaat al een gebruiker met dit e-mailadres.",
    },
    Uniek {
        postgres: "moment_deelnemer_open",
        sqlite: "moment_deelnemer.moment_id, moment_deelnemer.organisatie_id",
        veld: "organisatie",
        melding: "Deze organisatie neemt al deel.",
    },
    Uniek {
        postgres: "swot_sessie_regio_code_jaar_key",
        sqlite: "swot_sessie.regio_code, swot_sessie.jaar",
        veld: "datum",
        melding: "Deze regio heeft al een SWOT-sessie voor dit jaar; open die om verder te werken.",
    },
];

/// The field error for a violated unique constraint, if [`UNIEK`] knows it.
fn uniek_veldfout(db: &dyn sqlx::error::DatabaseError) -> Option<Veldfout> {
    let sqlite = db
        .message()
        .strip_prefix("UNIQUE constraint failed: ")
        .map(str::trim);
    UNIEK
        .iter()
        .find(|u| db.constraint() == Some(u.postgres) || sqlite == Some(u.sqlite))
        .map(|u| Veldfout::new(u.veld, u.melding))
}

impl From<sqlx::Error> for AppError {
    fn from(e: sqlx::Error) -> Self {
        if let sqlx::Error::Database(db) = &e
            && db.is_unique_violation()
        {
            return match uniek_veldfout(db.as_ref()) {
                Some(f) => AppError::Validatie(vec![f]),
                None => AppError::Conflict("Deze gegevens bestaan al.".into()),
            };
        }
        AppError::Intern(e.into())
    }
}

pub type AppResult<T> = Result<T, AppError>;

impl AppError {
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::NietIngelogd => StatusCode::UNAUTHORIZED,
            AppError::GeenToegang | AppError::Geweigerd(_) => StatusCode::FORBIDDEN,
            AppError::NietGevonden(_) => StatusCode::NOT_FOUND,
            AppError::Validatie(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Conflict(_) => StatusCode::CONFLICT,
            AppError::TeDruk => StatusCode::TOO_MANY_REQUESTS,
            AppError::Intern(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn log(&self) {
        if let AppError::Intern(e) = self {
            // Internal causes are logged once, here; they never contain form input.
            tracing::error!(error = %e, "interne fout");
        }
    }

    pub fn validatie(veld: &str, melding: &str) -> Self {
        AppError::Validatie(vec![Veldfout::new(veld, melding)])
    }
}

/// HTML rendering of errors (pages).
impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        self.log();
        let status = self.status();
        if matches!(self, AppError::NietIngelogd) {
            return (StatusCode::SEE_OTHER, [(header::LOCATION, "/inloggen")]).into_response();
        }
        let details = match &self {
            AppError::Validatie(fouten) => fouten
                .iter()
                .map(|f| format!("<li>{}</li>", crate::web::escape(&f.melding)))
                .collect::<String>(),
            _ => String::new(),
        };
        let melding = self.to_string();
        let body = crate::web::foutpagina(status, &melding, &details);
        let mut antwoord = (status, Html(body)).into_response();
        antwoord
            .extensions_mut()
            .insert(crate::web::FoutInhoud { melding, details });
        antwoord
    }
}

/// API rendering of errors: RFC 9457 problem details.
pub struct ApiError(pub AppError);

impl<E: Into<AppError>> From<E> for ApiError {
    fn from(e: E) -> Self {
        ApiError(e.into())
    }
}

/// RFC 9457 problem details as the NL GOV API Design Rules ask (/core/error-handling): `status`,
/// a short `title` per kind of error and a `detail` for this case; `invalid-params` names every
/// field that was refused, all at once.
#[derive(Serialize)]
struct Problem<'a> {
    #[serde(rename = "type")]
    typ: &'a str,
    title: &'static str,
    status: u16,
    detail: String,
    #[serde(skip_serializing_if = "Vec::is_empty", rename = "invalid-params")]
    invalid_params: Vec<Veldfout>,
}

impl ApiError {
    /// The API's status: invalid input is 400 (/core/error-handling/invalid-input; the pages
    /// keep 422), everything else as the pages have it.
    pub fn status(&self) -> StatusCode {
        match &self.0 {
            AppError::Validatie(_) => StatusCode::BAD_REQUEST,
            e => e.status(),
        }
    }
}

/// The short, fixed title of a problem per status.
fn titel(status: StatusCode) -> &'static str {
    match status {
        StatusCode::BAD_REQUEST => "Ongeldige invoer",
        StatusCode::UNAUTHORIZED => "Niet geauthenticeerd",
        StatusCode::FORBIDDEN => "Geen toegang",
        StatusCode::NOT_FOUND => "Niet gevonden",
        StatusCode::METHOD_NOT_ALLOWED => "Methode niet toegestaan",
        StatusCode::CONFLICT => "Conflict",
        StatusCode::PAYLOAD_TOO_LARGE => "Verzoek te groot",
        StatusCode::TOO_MANY_REQUESTS => "Te veel verzoeken",
        _ => "Interne fout",
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        self.0.log();
        let status = self.status();
        let (detail, invalid_params) = match &self.0 {
            AppError::Validatie(f) => (
                f.iter()
                    .map(|v| v.melding.as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
                f.clone(),
            ),
            e => (e.to_string(), Vec::new()),
        };
        probleem(status, detail, invalid_params)
    }
}

/// A problem+json response.
fn probleem(status: StatusCode, detail: String, invalid_params: Vec<Veldfout>) -> Response {
    let problem = Problem {
        typ: "about:blank",
        title: titel(status),
        status: status.as_u16(),
        detail,
        invalid_params,
    };
    let body = serde_json::to_string(&problem).unwrap_or_default();
    (
        status,
        [(header::CONTENT_TYPE, "application/problem+json")],
        body,
    )
        .into_response()
}

/// The address one level up (`/casussen/moment/5/afspraken` → `/casussen/moment/5`), always a
/// local path: a form's result address without a page of its own leads back to the form's page
/// (and, when that only takes a form too, one level further).
fn bovenliggend(pad: &str) -> String {
    let pad = pad.trim_end_matches('/');
    match pad.rfind('/') {
        Some(i) if i > 0 && !pad.starts_with("//") => pad[..i].to_string(),
        _ => "/".into(),
    }
}

/// Turns axum's own English plain-text rejections (an unparsable id in a URL, a malformed form
/// or query) into the same Dutch errors as everything else: a page, or problem+json under
/// `/api/`. An id that cannot be parsed means the page does not exist (404).
pub async fn nederlandse_afwijzing(
    methode: axum::http::Method,
    uri: axum::http::Uri,
    response: Response,
) -> Response {
    let status = response.status();
    // A page address that only takes a form (where a rejected form was shown, then reloaded,
    // bookmarked or typed): back to the page the form is on, never a bare 405.
    if status == StatusCode::METHOD_NOT_ALLOWED
        && !uri.path().starts_with("/api/")
        && (methode == axum::http::Method::GET || methode == axum::http::Method::HEAD)
    {
        return axum::response::Redirect::to(&bovenliggend(uri.path())).into_response();
    }
    // axum answers a method a route does not have with an empty 405; the API says why.
    if status == StatusCode::METHOD_NOT_ALLOWED && uri.path().starts_with("/api/") {
        let allow = response.headers().get(header::ALLOW).cloned();
        let mut r = probleem(
            status,
            "Deze methode is op dit adres niet toegestaan.".into(),
            Vec::new(),
        );
        if let Some(a) = allow {
            r.headers_mut().insert(header::ALLOW, a);
        }
        return r;
    }
    let platte_tekst = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/plain"));
    if !platte_tekst || !(status.is_client_error()) {
        return response;
    }
    let tekst = match axum::body::to_bytes(response.into_body(), 64 * 1024).await {
        Ok(b) => String::from_utf8_lossy(&b).into_owned(),
        Err(_) => String::new(),
    };
    let fout = if tekst.starts_with("Invalid URL") {
        AppError::NietGevonden("Deze pagina")
    } else if status == StatusCode::PAYLOAD_TOO_LARGE {
        AppError::validatie("bestand", "Het bestand is te groot.")
    } else {
        AppError::validatie(
            "verzoek",
            "Het verzoek kon niet worden gelezen. Ga terug, vernieuw de pagina en probeer het opnieuw.",
        )
    };
    if uri.path().starts_with("/api/") {
        ApiError(fout).into_response()
    } else {
        fout.into_response()
    }
}

#[cfg(test)]
mod adres_tests {
    use super::bovenliggend;

    #[test]
    fn bovenliggend_adres() {
        assert_eq!(
            bovenliggend("/casussen/moment/5/afspraken"),
            "/casussen/moment/5"
        );
        assert_eq!(
            bovenliggend("/werkset/oost-brabant/2025/inspanningen/"),
            "/werkset/oost-brabant/2025"
        );
        assert_eq!(bovenliggend("/uitloggen"), "/");
        assert_eq!(bovenliggend("/"), "/");
        assert_eq!(bovenliggend("//elders.example/x"), "/");
    }
}
