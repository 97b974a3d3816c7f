//! The overview of a region's moments per year and kind.

use super::*;
use crate::gedeeld::RegioCode;

/// This year and the four before it, newest first (the years offered for selection).
pub(super) fn laatste_jaren() -> Vec<String> {
    let huidig: i32 = crate::db::vandaag()[..4].parse().unwrap_or(2026);
    (huidig - 4..=huidig).rev().map(|j| j.to_string()).collect()
}

/// The requested year, or else the most recent year with registrations (or this year).
pub(super) async fn standaardjaar(
    s: &AppState,
    g: &crate::auth::Gebruiker,
    regio: &RegioCode,
    gevraagd: &str,
) -> AppResult<String> {
    if !gevraagd.is_empty() {
        return Ok(gevraagd.to_string());
    }
    Ok(service::laatste_jaar(&s.db, g, regio)
        .await?
        .unwrap_or_else(|| crate::db::vandaag()[..4].to_string()))
}

#[derive(Deserialize, Default)]
pub(super) struct OverzichtQuery {
    #[serde(default)]
    soort: String,
    #[serde(default)]
    jaar: String,
    #[serde(default)]
    regio: String,
    /// Page of the list, from 1 (anything unreadable is the first).
    #[serde(default)]
    pagina: String,
    /// Search: the number of a moment or case.
    #[serde(default)]
    nummer: String,
}

/// One row of the overview.
pub(super) struct Rij {
    m: Moment,
    samenvatting: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "casus/overzicht.html")]
pub(super) struct OverzichtPagina {
    p: Pagina,
    regio: RegioCode,
    regio_naam: &'static str,
    jaar: String,
    jaren: Vec<String>,
    soort: Option<Soort>,
    rijen: Vec<Rij>,
    /// Moments in the year (all pages), the page shown and the number of pages.
    totaal: i64,
    pagina: u32,
    paginas: u32,
    mag_registreren: bool,
    te_laat: i64,
    regios: Vec<(&'static str, &'static str)>,
    /// The number searched for, and why nothing was found.
    nummer: String,
    zoekmelding: Option<String>,
}

impl OverzichtPagina {
    fn soorten(&self) -> &'static [Soort] {
        Soort::ALLE
    }
    /// The link to another page of the list with the same choices.
    fn pagina_url(&self, pagina: &u32) -> String {
        format!(
            "/casussen?regio={}&soort={}&jaar={}&pagina={pagina}",
            crate::web::url_encode(self.regio.as_str()),
            self.soort.map_or("", Soort::code),
            crate::web::url_encode(&self.jaar)
        )
    }
    /// The numbers of the first and last moment on this page (1-based).
    fn van_tot(&self) -> (i64, i64) {
        let van = i64::from(self.pagina - 1) * service::PER_PAGINA + 1;
        (van, van + self.rijen.len() as i64 - 1)
    }
    fn is_soort(&self, s: &Soort) -> bool {
        self.soort == Some(*s)
    }
}

pub(super) fn samenvatting(m: &Moment) -> String {
    let toon = |code: &str| {
        velden::veld(m.soort, code)
            .map(|v| v.toon(m.waarde(code)))
            .unwrap_or_default()
    };
    match m.soort {
        Soort::Acuut => format!("Reactie VT: {}", toon("reactie")),
        Soort::Actieoverleg => format!("Werkgebied: {}", toon("werkgebied")),
        Soort::Zsm => {
            let termijn = match m.zsm_deadline() {
                Some(d) if m.waarde("beslissing_tijdstip").is_empty() => {
                    match aftellen(&nu_lokaal(), &d) {
                        Some((min, tekst)) if min > -24 * 60 => {
                            format!(" · 9-uurstermijn: {tekst}")
                        }
                        _ => " · geen beslissing vastgelegd".into(),
                    }
                }
                _ => String::new(),
            };
            format!(
                "VT: {} · beslissing: {}{termijn}",
                toon("vt_betrokkenheid"),
                toon("beslissing")
            )
        }
        Soort::Ssk => format!("Route: {}", toon("melding_aangifte")),
    }
}

pub(super) async fn overzicht(
    State(s): State<AppState>,
    i: Ingelogd,
    Query(q): Query<OverzichtQuery>,
) -> AppResult<axum::response::Response> {
    use axum::response::IntoResponse;
    let regio = regio_van(&i, &q.regio);
    // Search by number: straight to the moment; otherwise the list says why not.
    let mut zoekmelding = None;
    if !q.nummer.trim().is_empty() {
        match service::zoek_nummer(&s.db, &i.gebruiker, &regio, &q.nummer).await {
            Ok(Some(id)) => {
                return Ok(
                    axum::response::Redirect::to(&format!("/casussen/moment/{id}")).into_response(),
                );
            }
            Ok(None) => {
                zoekmelding = Some(format!(
                    "Niets gevonden voor '{}' in {}.",
                    q.nummer.trim(),
                    regio_naam(regio)
                ));
            }
            Err(AppError::Validatie(f)) => {
                zoekmelding = f.into_iter().next().map(|v| v.melding);
            }
            Err(e) => return Err(e),
        }
    }
    let soort = Soort::parse(&q.soort);
    let gevraagd = q.pagina.trim().parse::<u32>().unwrap_or(1);
    let keuze = (&regio, soort, q.jaar.trim());
    let service::Momentenlijst {
        jaar,
        lijst,
        te_laat,
    } = service::momentenlijst(&s.db, &i.gebruiker, keuze, gevraagd).await?;
    Ok(OverzichtPagina {
        p: i.pagina(format!("Afstemmingsmomenten – {}", regio_naam(regio))),
        regio_naam: regio_naam(regio),
        jaren: laatste_jaren(),
        rijen: lijst
            .momenten
            .into_iter()
            .map(|m| Rij {
                samenvatting: samenvatting(&m),
                m,
            })
            .collect(),
        totaal: lijst.totaal,
        pagina: lijst.pagina,
        paginas: lijst.paginas,
        mag_registreren: permissions::mag_casus_registreren(&i.gebruiker, &regio),
        te_laat,
        regios: if permissions::is_beheerder(&i.gebruiker) {
            REGIOS.to_vec()
        } else {
            vec![]
        },
        regio,
        jaar,
        soort,
        nummer: q.nummer.trim().to_string(),
        zoekmelding,
    }
    .into_response())
}
