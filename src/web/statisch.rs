//! Static files (CSS, JS), embedded in the binary at build time: one binary plus its
//! configuration is a deployment, and nothing is read from the source tree at run time.
//! Served with an `ETag` (a hash of the content) and a short public cache lifetime, so a browser
//! revalidates after an upgrade without re-downloading unchanged files.

use axum::extract::Path;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};
use std::sync::OnceLock;

/// Name, content type and content of every static file.
const BESTANDEN: [(&str, &str, &[u8]); 7] = [
    (
        "voorop.css",
        "text/css; charset=utf-8",
        include_bytes!("../../static/voorop.css"),
    ),
    (
        "print.css",
        "text/css; charset=utf-8",
        include_bytes!("../../static/print.css"),
    ),
    (
        "rapport.css",
        "text/css; charset=utf-8",
        include_bytes!("../../static/rapport.css"),
    ),
    (
        "aftellen.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../static/aftellen.js"),
    ),
    (
        "formulier.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../static/formulier.js"),
    ),
    (
        "sessie.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../static/sessie.js"),
    ),
    (
        "swot-bord.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../static/swot-bord.js"),
    ),
];

/// Cache lifetime of static files: revalidated hourly (ETag), so an upgrade shows within the hour.
pub const CACHE: &str = "public, max-age=3600";

fn etags() -> &'static [String] {
    static ETAGS: OnceLock<Vec<String>> = OnceLock::new();
    ETAGS.get_or_init(|| {
        BESTANDEN
            .iter()
            .map(|(_, _, inhoud)| {
                let hash = Sha256::digest(inhoud);
                let hex: String = hash[..12].iter().map(|b| format!("{b:02x}")).collect();
                format!("\"{hex}\"")
            })
            .collect()
    })
}

/// `GET /static/{bestand}`.
pub async fn bestand(Path(naam): Path<String>, koppen: HeaderMap) -> Response {
    let Some(i) = BESTANDEN.iter().position(|(n, _, _)| *n == naam) else {
        let pagina = super::foutpagina(StatusCode::NOT_FOUND, "Dit bestand is niet gevonden.", "");
        return (StatusCode::NOT_FOUND, axum::response::Html(pagina)).into_response();
    };
    let (_, soort, inhoud) = BESTANDEN[i];
    let etag = &etags()[i];
    let cache = [
        (header::ETAG, HeaderValue::from_str(etag).ok()),
        (header::CACHE_CONTROL, Some(HeaderValue::from_static(CACHE))),
    ]
    .into_iter()
    .filter_map(|(k, v)| v.map(|v| (k, v)));
    let mut koppen_uit = HeaderMap::new();
    koppen_uit.extend(cache);
    let ongewijzigd = koppen
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag || t.trim() == "*"));
    if ongewijzigd {
        return (StatusCode::NOT_MODIFIED, koppen_uit).into_response();
    }
    koppen_uit.insert(header::CONTENT_TYPE, HeaderValue::from_static(soort));
    (koppen_uit, inhoud).into_response()
}

#[cfg(test)]
mod tests {
    #[test]
    fn alle_bestanden_in_static_zijn_ingebouwd() {
        let map = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("static");
        let mut op_schijf: Vec<String> = std::fs::read_dir(map)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        op_schijf.sort();
        let mut ingebouwd: Vec<String> = super::BESTANDEN
            .iter()
            .map(|(n, _, _)| n.to_string())
            .collect();
        ingebouwd.sort();
        assert_eq!(op_schijf, ingebouwd);
    }
}
