//! Paging of the API's collections: `?pagina=N&perPagina=M` in (lower camelCase, as the
//! NL GOV API Design Rules ask of query keys), one page of items out with a
//! `Link` header (RFC 8288: first, prev, next, last, keeping the other query parameters) and
//! `X-Total-Count`. The body stays a JSON array, so a client that ignores paging still reads
//! the first page as before.

use axum::http::{HeaderName, HeaderValue};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};

pub const STANDAARD_PER_PAGINA: usize = 50;
pub const MAX_PER_PAGINA: usize = 500;

/// The raw paging parameters (text, so a wrong value gets a Dutch message, not a rejection).
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PaginaParameters {
    /// Paginanummer, vanaf 1 (standaard 1).
    #[param(value_type = Option<u32>, minimum = 1, maximum = 1000000)]
    pub pagina: Option<String>,
    /// Aantal items per pagina, 1 tot en met 500 (standaard 50).
    #[serde(rename = "perPagina")]
    #[param(rename = "perPagina", value_type = Option<u32>, minimum = 1, maximum = 500)]
    pub per_pagina: Option<String>,
}

/// Valid paging: which page, how many per page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paginering {
    pub pagina: usize,
    pub per_pagina: usize,
}

impl Paginering {
    /// Checks the parameters; every refusal as (field, Dutch message).
    pub fn uit(p: &PaginaParameters) -> Result<Self, Vec<(&'static str, String)>> {
        let mut fouten = vec![];
        let mut getal = |veld: &'static str, waarde: &Option<String>, max: usize, std: usize| {
            let Some(w) = waarde.as_deref().map(str::trim) else {
                return std;
            };
            match w.parse::<usize>() {
                Ok(n) if (1..=max).contains(&n) => n,
                _ => {
                    fouten.push((
                        veld,
                        format!("{veld} moet een geheel getal van 1 tot en met {max} zijn."),
                    ));
                    std
                }
            }
        };
        let pagina = getal("pagina", &p.pagina, 1_000_000, 1);
        let per_pagina = getal(
            "perPagina",
            &p.per_pagina,
            MAX_PER_PAGINA,
            STANDAARD_PER_PAGINA,
        );
        if fouten.is_empty() {
            Ok(Self { pagina, per_pagina })
        } else {
            Err(fouten)
        }
    }

    /// Number of pages for `totaal` items (at least 1: an empty list has one, empty, page).
    pub fn aantal_paginas(&self, totaal: usize) -> usize {
        totaal.div_ceil(self.per_pagina).max(1)
    }

    /// This page of `items`, as a response with the paging headers. `pad` is the collection's
    /// address (`/api/v1/…`), `overige` its other query parameters (already encoded).
    pub fn deel<T: Serialize>(
        &self,
        items: Vec<T>,
        pad: &str,
        overige: &[(&str, String)],
    ) -> Gepagineerd<T> {
        let totaal = items.len();
        let start = (self.pagina - 1)
            .saturating_mul(self.per_pagina)
            .min(totaal);
        let pagina: Vec<T> = items
            .into_iter()
            .skip(start)
            .take(self.per_pagina)
            .collect();
        Gepagineerd {
            items: pagina,
            totaal,
            link: self.links(pad, overige, totaal),
        }
    }

    /// Where this page starts in the whole list (for a query with LIMIT and OFFSET).
    pub fn offset(&self) -> usize {
        (self.pagina - 1).saturating_mul(self.per_pagina)
    }

    /// A page the database already cut out (`items`, of `totaal` in all), as a response with
    /// the paging headers; see [`Self::deel`].
    pub fn gelezen<T: Serialize>(
        &self,
        items: Vec<T>,
        totaal: usize,
        pad: &str,
        overige: &[(&str, String)],
    ) -> Gepagineerd<T> {
        Gepagineerd {
            items,
            totaal,
            link: self.links(pad, overige, totaal),
        }
    }

    fn links(&self, pad: &str, overige: &[(&str, String)], totaal: usize) -> String {
        let laatste = self.aantal_paginas(totaal);
        let adres = |n: usize| {
            let mut q = serde_urlencoded::to_string(overige).unwrap_or_default();
            if !q.is_empty() {
                q.push('&');
            }
            format!("<{pad}?{q}pagina={n}&perPagina={}>", self.per_pagina)
        };
        let mut links = vec![format!("{}; rel=\"first\"", adres(1))];
        if self.pagina > 1 {
            links.push(format!(
                "{}; rel=\"prev\"",
                adres((self.pagina - 1).min(laatste))
            ));
        }
        if self.pagina < laatste {
            links.push(format!("{}; rel=\"next\"", adres(self.pagina + 1)));
        }
        links.push(format!("{}; rel=\"last\"", adres(laatste)));
        links.join(", ")
    }
}

/// One page of a collection: a JSON array with `Link` and `X-Total-Count`.
pub struct Gepagineerd<T> {
    pub items: Vec<T>,
    pub totaal: usize,
    link: String,
}

impl<T: Serialize> IntoResponse for Gepagineerd<T> {
    fn into_response(self) -> Response {
        let mut r = axum::Json(self.items).into_response();
        let h = r.headers_mut();
        if let Ok(v) = HeaderValue::from_str(&self.link) {
            h.insert(axum::http::header::LINK, v);
        }
        h.insert(
            HeaderName::from_static("x-total-count"),
            HeaderValue::from(self.totaal),
        );
        r
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(
        pagina: Option<&str>,
        per: Option<&str>,
    ) -> Result<Paginering, Vec<(&'static str, String)>> {
        Paginering::uit(&PaginaParameters {
            pagina: pagina.map(Into::into),
            per_pagina: per.map(Into::into),
        })
    }

    #[test]
    fn standaard_en_grenzen() {
        assert_eq!(
            p(None, None).unwrap(),
            Paginering {
                pagina: 1,
                per_pagina: 50
            }
        );
        assert_eq!(p(Some("3"), Some("500")).unwrap().per_pagina, 500);
        let fouten = p(Some("0"), Some("501")).unwrap_err();
        assert_eq!(
            fouten.iter().map(|f| f.0).collect::<Vec<_>>(),
            ["pagina", "perPagina"]
        );
        assert!(p(Some("x"), None).is_err());
        assert!(p(Some("-1"), None).is_err());
    }

    #[test]
    fn pagina_en_links() {
        let pg = p(Some("2"), Some("3")).unwrap();
        let g = pg.deel(
            (1..=8).collect(),
            "/api/v1/x",
            &[("regio", "oost-brabant".into())],
        );
        assert_eq!(g.items, [4, 5, 6]);
        assert_eq!(g.totaal, 8);
        assert_eq!(
            g.link,
            "</api/v1/x?regio=oost-brabant&pagina=1&perPagina=3>; rel=\"first\", \
             </api/v1/x?regio=oost-brabant&pagina=1&perPagina=3>; rel=\"prev\", \
             </api/v1/x?regio=oost-brabant&pagina=3&perPagina=3>; rel=\"next\", \
             </api/v1/x?regio=oost-brabant&pagina=3&perPagina=3>; rel=\"last\""
        );
        // Past the end: an empty page, links back into the list.
        let leeg = p(Some("9"), Some("3"))
            .unwrap()
            .deel((1..=8).collect::<Vec<i32>>(), "/x", &[]);
        assert!(leeg.items.is_empty());
        assert!(leeg.link.contains("pagina=3&perPagina=3>; rel=\"prev\""));
        assert!(!leeg.link.contains("rel=\"next\""));
    }
}
