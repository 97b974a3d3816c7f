//! Web layer shared by all domains: layout context, escaping, error page, charts. A leaf:
//! it uses no other module of the crate and receives what it shows as values.

pub mod charts;
pub mod paginering;
pub mod statisch;

use askama::Template;
use axum::http::StatusCode;

/// Who is signed in, as the layout shows it (the menu, the name line), given by `auth`.
#[derive(Debug, Clone, Default)]
pub struct Kop {
    pub naam: String,
    pub organisatie_naam: String,
    pub rol_label: &'static str,
    /// Beheer in the menu.
    pub beheerder: bool,
    /// The privacy officer: sees the audit pages only.
    pub fg: bool,
    /// A regiocoördinator: manages the accounts of the own region.
    pub coordinator: bool,
    /// Whether the afstemmingsmomenten belong in the user's menu.
    pub casussen: bool,
    /// How many items wait on Mijn werk (shown in the menu; `None`: not counted).
    pub werk: Option<i64>,
}

/// Context every page's layout needs.
#[derive(Debug, Clone, Default)]
pub struct Pagina {
    pub titel: String,
    pub gebruiker: Option<Kop>,
    pub csrf: String,
    pub demo: bool,
    pub flash: Option<String>,
    /// Minutes of inactivity after which the session ends (0: no session, no warning).
    pub sessie_minuten: u64,
    /// Help on the page's first visit (`crate::hulp`), until the user puts it away.
    pub hulp: Option<Hulp>,
}

/// Help shown at the top of a page: what it is for, and what the user may see there and why.
#[derive(Debug, Clone, Default)]
pub struct Hulp {
    pub pagina: &'static str,
    pub titel: String,
    pub alineas: Vec<String>,
    /// Where "Begrepen" returns to.
    pub terug: String,
}

impl Pagina {
    pub fn is_beheerder(&self) -> bool {
        self.gebruiker.as_ref().is_some_and(|g| g.beheerder)
    }
    pub fn is_fg(&self) -> bool {
        self.gebruiker.as_ref().is_some_and(|g| g.fg)
    }
    pub fn is_coordinator(&self) -> bool {
        self.gebruiker.as_ref().is_some_and(|g| g.coordinator)
    }
    pub fn ziet_casussen(&self) -> bool {
        self.gebruiker.as_ref().is_some_and(|g| g.casussen)
    }
    /// The count behind "Mijn werk" in the menu, when there is work.
    pub fn werk(&self) -> Option<i64> {
        self.gebruiker
            .as_ref()
            .and_then(|g| g.werk)
            .filter(|n| *n > 0)
    }
    pub fn rol_label(&self) -> &'static str {
        self.gebruiker.as_ref().map_or("", |g| g.rol_label)
    }
}

#[derive(Template)]
#[template(path = "fout.html")]
struct FoutPagina<'a> {
    p: Pagina,
    status: u16,
    melding: &'a str,
    details: &'a str,
}

/// What an error page says, attached to the response so that a layer that knows the
/// signed-in user can render it again within their layout (`auth::weigeringen`).
#[derive(Clone, Debug)]
pub struct FoutInhoud {
    pub melding: String,
    /// Already-escaped HTML list items.
    pub details: String,
}

/// A standalone error page (no user context needed). `details` is already-escaped HTML.
pub fn foutpagina(status: StatusCode, melding: &str, details: &str) -> String {
    let fout = FoutInhoud {
        melding: melding.to_string(),
        details: details.to_string(),
    };
    foutpagina_in(Pagina::default(), status, &fout)
}

/// An error page within the layout `p` (its title is set here).
pub fn foutpagina_in(p: Pagina, status: StatusCode, fout: &FoutInhoud) -> String {
    let titel = match status {
        StatusCode::NOT_FOUND => "Pagina niet gevonden",
        StatusCode::FORBIDDEN => "Geen toegang",
        StatusCode::UNPROCESSABLE_ENTITY | StatusCode::BAD_REQUEST => "Ongeldige invoer",
        _ if status.is_server_error() => "Er ging iets mis",
        _ => "Melding",
    };
    FoutPagina {
        p: Pagina {
            titel: titel.into(),
            ..p
        },
        status: status.as_u16(),
        melding: &fout.melding,
        details: &fout.details,
    }
    .render()
    .unwrap_or_else(|_| escape(&fout.melding))
}

pub fn escape(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            _ => o.push(c),
        }
    }
    o
}

pub fn url_encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// A random URL-safe string of `n` alphanumeric characters (tokens, CSRF).
pub fn willekeurig(n: usize) -> String {
    use rand::Rng;
    const TEKENS: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    let mut rng = rand::thread_rng();
    (0..n)
        .map(|_| TEKENS[rng.gen_range(0..TEKENS.len())] as char)
        .collect()
}

/// The one Dutch number format of pages, charts, reports and exports: a decimal comma, dots
/// between thousands, `decimalen` decimals (rounded half away from zero), never "-0"; "–" for
/// what is not a number. With `vast` the decimals are always shown ("1.234,0", for aligned
/// columns), otherwise trailing zeros go ("1.234", "12,5").
fn getal_opmaak(x: f64, decimalen: usize, vast: bool) -> String {
    if !x.is_finite() {
        return "–".into();
    }
    let factor = 10f64.powi(i32::try_from(decimalen).unwrap_or(6).min(6));
    let afgerond = (x.abs() * factor).round() / factor;
    let s = format!("{afgerond:.decimalen$}");
    let (geheel, decimaal) = s.split_once('.').unwrap_or((&s, ""));
    let mut uit = String::with_capacity(s.len() + s.len() / 3 + 1);
    if x < 0.0 && afgerond > 0.0 {
        uit.push('-');
    }
    for (i, c) in geheel.chars().enumerate() {
        if i > 0 && (geheel.len() - i) % 3 == 0 {
            uit.push('.');
        }
        uit.push(c);
    }
    let decimaal = if vast {
        decimaal
    } else {
        decimaal.trim_end_matches('0')
    };
    if !decimaal.is_empty() {
        uit.push(',');
        uit.push_str(decimaal);
    }
    uit
}

/// A number with at most `decimalen` decimals ("14.000", "2,5").
pub fn getal_nl(x: f64, decimalen: usize) -> String {
    getal_opmaak(x, decimalen, false)
}

/// A number with exactly `decimalen` decimals ("1.234,0").
pub fn getal_vast(x: f64, decimalen: usize) -> String {
    getal_opmaak(x, decimalen, true)
}

/// Formats a percentage the Dutch way ("66,7%").
pub fn procent(p: impl std::borrow::Borrow<f64>) -> String {
    format!("{}%", getal_nl(*p.borrow(), 1))
}

/// Formats a number the Dutch way with at most one decimal ("12,5", "3", "1.250").
pub fn getal(x: impl std::borrow::Borrow<f64>) -> String {
    getal_nl(*x.borrow(), 1)
}

/// Formats an ISO date `YYYY-MM-DD` as `12-03-2026`.
pub fn datum_nl(d: &str) -> String {
    let d = d.get(..10).unwrap_or(d);
    let parts: Vec<&str> = d.split('-').collect();
    if parts.len() == 3 {
        format!("{}-{}-{}", parts[2], parts[1], parts[0])
    } else {
        d.to_string()
    }
}

/// Defines a closed set of values with a stable storage code and a Dutch label:
/// `ALLE`, `parse(code)`, `code()`, `label()`; (de)serialised as the code.
#[macro_export]
macro_rules! code_enum {
    ($(#[$m:meta])* $naam:ident { $($variant:ident => ($code:literal, $label:literal)),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $naam { $($variant),+ }
        /// Serialised as its stable code.
        impl serde::Serialize for $naam {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.code())
            }
        }
        /// Read from its stable code; any other text is an error naming it.
        impl<'de> serde::Deserialize<'de> for $naam {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
                Self::parse(&s).ok_or_else(|| serde::de::Error::custom(format!("onbekende code '{s}'")))
            }
        }
        impl $naam {
            pub const ALLE: &'static [$naam] = &[$($naam::$variant),+];
            pub fn parse(s: &str) -> Option<Self> {
                match s.trim() { $($code => Some($naam::$variant),)+ _ => None }
            }
            pub fn code(self) -> &'static str {
                match self { $($naam::$variant => $code),+ }
            }
            pub fn label(self) -> &'static str {
                match self { $($naam::$variant => $label),+ }
            }
        }
    };
}

pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// A file to download: its type, `attachment` with the file name, and the bytes.
pub fn download(soort: &'static str, naam: &str, bytes: Vec<u8>) -> axum::response::Response {
    use axum::http::header;
    use axum::response::IntoResponse;
    (
        [
            (header::CONTENT_TYPE, soort.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{naam}\""),
            ),
        ],
        bytes,
    )
        .into_response()
}

/// The schema of a downloaded file in the OpenAPI document (a binary string).
#[derive(utoipa::ToSchema)]
#[schema(value_type = String, format = Binary)]
pub struct Binair(pub Vec<u8>);

/// The full version of the API: `info.version` of `data/openapi.json` (a test holds them equal).
pub const API_VERSIE: &str = "1.0.0";

/// `API-Version` on every response under `/api/`: answers, problems, the fallback 404 and what
/// is refused before a handler runs (NL GOV API Design Rules, /core/version-header).
pub async fn api_versie(
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use axum::http::{HeaderValue, header::HeaderName};
    let api = req.uri().path().starts_with("/api/");
    let mut r = next.run(req).await;
    if api {
        r.headers_mut().insert(
            HeaderName::from_static("api-version"),
            HeaderValue::from_static(API_VERSIE),
        );
    }
    r
}

/// Security headers on every response (pages, API, static files, errors). Everything but the
/// static files is `Cache-Control: no-store`: pages, exports and API answers can hold personal
/// or case data and must not stay in a browser or proxy cache. The CSP, `nosniff` and
/// `Referrer-Policy` are set in `build_app`.
pub async fn beveiligingskoppen(
    axum::extract::State(https): axum::extract::State<bool>,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use axum::http::{HeaderValue, header};
    let statisch = req.uri().path().starts_with("/static/");
    let mut r = next.run(req).await;
    let h = r.headers_mut();
    if !statisch {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::HeaderName::from_static("permissions-policy"),
        HeaderValue::from_static(
            "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
        ),
    );
    h.insert(
        header::HeaderName::from_static("cross-origin-opener-policy"),
        HeaderValue::from_static("same-origin"),
    );
    if https {
        h.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn opmaak() {
        assert_eq!(procent(66.66), "66,7%");
        assert_eq!(procent(50.0), "50%");
        // One format for every number users read.
        assert_eq!(getal_nl(14000.0, 2), "14.000");
        assert_eq!(getal_nl(1234567.891, 2), "1.234.567,89");
        assert_eq!(getal_nl(2.5, 2), "2,5");
        assert_eq!(getal_nl(12.25, 1), "12,3", "half away from zero");
        assert_eq!(getal_nl(-0.01, 1), "0", "never -0");
        assert_eq!(getal_nl(-1500.0, 0), "-1.500");
        assert_eq!(getal_nl(f64::NAN, 1), "–");
        assert_eq!(getal_vast(1234567.0, 1), "1.234.567,0");
        assert_eq!(getal_vast(0.0, 1), "0,0");
        assert_eq!(getal(10.1), "10,1");
        assert_eq!(getal(12.46), "12,5");
        assert_eq!(getal(3.0), "3");
        assert_eq!(datum_nl("2026-03-12"), "12-03-2026");
        assert_eq!(datum_nl("2025-03-09"), "09-03-2025");
        assert_eq!(datum_nl("gisteren"), "gisteren");
        assert_eq!(
            escape("<a href=\"x\">&"),
            "&lt;a href=&quot;x&quot;&gt;&amp;"
        );
        assert_eq!(url_encode("/a b?c=1"), "/a%20b%3Fc%3D1");
        assert_eq!(willekeurig(20).len(), 20);
    }
}
