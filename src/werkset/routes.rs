//! Werkset pages: overview, region registration page with its forms, report downloads, the
//! national comparison and the analysts' export.

use super::model::{
    self, Bewijs, BronSoort, Classificatie, Eenheid, Fase, InspanningInvoer, Sterkte, TekstInvoer,
    WaardeInvoer,
};
use super::service::{self, Registratieblad, ThemaInvoer};
use crate::auth::AppState;
use crate::auth::prg;
use crate::auth::{Ingelogd, permissions};
use crate::error::{AppError, AppResult, Veldfout};
use crate::gedeeld::RegioCode;
use crate::organisatie::model::{OrganisatieSoort, REGIOS, regio_naam};
use crate::web::Pagina;
use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum_extra::extract::Form;
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/werkset", get(overzicht))
        .route("/werkset/vergelijking", get(vergelijking))
        .route("/werkset/export.xlsx", get(export))
        .route("/werkset/{regio}/{periode}", get(regio_pagina))
        .route("/werkset/{regio}/{periode}/thema/{nummer}", post(thema))
        .route("/werkset/{regio}/{periode}/inspanningen", post(inspanning))
        .route("/werkset/{regio}/{periode}/waarden", post(waarde))
        .route("/werkset/{regio}/{periode}/citaten", post(citaat))
        .route("/werkset/{regio}/{periode}/praktijk", post(praktijk))
        .route("/werkset/{regio}/{periode}/bronnen", post(bron))
        .route(
            "/werkset/{regio}/{periode}/{soort}/{id}/verwijderen",
            post(verwijderen),
        )
        .route("/werkset/{regio}/{periode}/rapport.html", get(rapport_html))
        .route("/werkset/{regio}/{periode}/rapport.pdf", get(rapport_pdf))
}

#[derive(Deserialize, Default)]
struct PeriodeQuery {
    #[serde(default)]
    periode: String,
}

/// The region of an address; an unknown code is refused with the list of regions.
fn regio_uit(code: &str) -> AppResult<RegioCode> {
    RegioCode::parse(code).map_err(|m| AppError::validatie("regio", &m))
}

fn huidig_jaar() -> String {
    crate::db::dit_jaar().to_string()
}

async fn overzicht(State(s): State<AppState>, i: Ingelogd) -> AppResult<Redirect> {
    // The own region's page for the most recent registered period (or this year).
    let regio = i.gebruiker.regio_code;
    let periode = service::perioden(&s.db, &i.gebruiker, &regio)
        .await?
        .into_iter()
        .next()
        .unwrap_or_else(huidig_jaar);
    Ok(Redirect::to(&format!("/werkset/{regio}/{periode}")))
}

/// Input kept for re-rendering a rejected form on the region page.
#[derive(Default)]
pub struct Invoer {
    pub inspanning: InspanningInvoer,
    pub waarde: WaardeInvoer,
    pub citaat: TekstInvoer,
    pub praktijk: TekstInvoer,
    pub bron: TekstInvoer,
    pub thema: Option<(u8, ThemaInvoer)>,
}

#[derive(Template, WebTemplate)]
#[template(path = "werkset/regio.html")]
struct RegioPagina {
    p: Pagina,
    b: Registratieblad,
    regio_naam: &'static str,
    perioden: Vec<String>,
    invoer: Invoer,
    fouten: Vec<Veldfout>,
    /// Which form the errors belong to ("inspanning", "waarde", …, or "thema-N").
    fout_bij: String,
    regios: Vec<(&'static str, &'static str)>,
    /// Indicators computed from the afstemmingsmomenten (suppressed).
    berekend: Vec<crate::indicatoren::Indicator>,
    /// Whether anything was recorded for this region-year: without it every computed count is
    /// below the threshold, which would read as a small number ("geen gegevens" instead).
    met_gegevens: bool,
    drempel: u64,
}

impl RegioPagina {
    /// The computed indicators of a theme.
    fn berekend_voor(&self, nummer: &u8) -> Vec<&crate::indicatoren::Indicator> {
        self.berekend
            .iter()
            .filter(|x| x.thema_nummer == *nummer)
            .collect()
    }
    /// (name, definition) of each measure of a theme, once.
    /// Per computed measure of the theme: name, definition, and the catalogue's indicators it
    /// underpins ("2.u1 Crisismeldingen; …").
    fn definities(&self, nummer: &u8) -> Vec<(&'static str, &'static str, String)> {
        let mut uit: Vec<(&'static str, &'static str, String)> = vec![];
        for x in self.berekend_voor(nummer) {
            if !uit.iter().any(|(n, _, _)| *n == x.basisnaam) {
                let onderbouwt: Vec<String> = x
                    .werkset
                    .iter()
                    .map(|code| match self.b.catalogus.indicator(code) {
                        Some((_, _, i)) => format!("{code} {}", i.naam),
                        None => code.clone(),
                    })
                    .collect();
                uit.push((x.basisnaam, x.definitie, onderbouwt.join("; ")));
            }
        }
        uit
    }
    fn fasen(&self) -> &'static [Fase] {
        Fase::ALLE
    }
    fn partners(&self) -> &'static [OrganisatieSoort] {
        &OrganisatieSoort::ALLE
    }
    /// The region's active organisations (not gemeenten: they are chosen as a kind) that can
    /// be named as partners of an effort entry: (token, name).
    fn partner_organisaties(&self) -> Vec<(String, String)> {
        self.b
            .organisaties
            .iter()
            .filter(|o| o.actief && o.soort != "gemeente")
            .map(|o| (o.token(), o.naam.clone()))
            .collect()
    }
    fn classificaties(&self) -> &'static [Classificatie] {
        Classificatie::ALLE
    }
    fn eenheden(&self) -> &'static [Eenheid] {
        Eenheid::ALLE
    }
    fn bewijzen(&self) -> &'static [Bewijs] {
        Bewijs::ALLE
    }
    fn sterktes(&self) -> &'static [Sterkte] {
        Sterkte::ALLE
    }
    fn bronsoorten(&self) -> &'static [BronSoort] {
        BronSoort::ALLE
    }
    fn thema_invoer(&self, nummer: &u8) -> ThemaInvoer {
        let nummer = *nummer;
        match &self.invoer.thema {
            Some((n, t)) if *n == nummer => t.clone(),
            _ => ThemaInvoer {
                fase: self
                    .b
                    .fase(nummer)
                    .map(|f| f.code().to_string())
                    .unwrap_or_default(),
                kartrekkers: self.b.kartrekkers(nummer),
                verhaal_ontwikkel: self.b.verhaal(nummer, "ontwikkel"),
                verhaal_uitvoering: self.b.verhaal(nummer, "uitvoering"),
                verhaal_waarde: self.b.verhaal(nummer, "waarde"),
            },
        }
    }
    /// The errors of one form, with field ids as that form's inputs have them.
    fn fouten_voor(&self, formulier: &str) -> Vec<Veldfout> {
        if self.fout_bij != formulier {
            return vec![];
        }
        let prefix = match formulier {
            "waarde" => "w-",
            "citaat" => "c-",
            "praktijk" => "p-",
            "bron" => "b-",
            _ => "",
        };
        self.fouten
            .iter()
            .map(|f| Veldfout::new(format!("{prefix}{}", f.veld), f.melding.clone()))
            .collect()
    }
    fn indicator_naam(&self, code: &str) -> String {
        self.b
            .catalogus
            .indicator(code)
            .map_or_else(|| code.to_string(), |x| x.2.naam.clone())
    }
    fn label<'a>(&self, soort: &str, code: &'a str) -> &'a str {
        let l = match soort {
            "classificatie" => Classificatie::parse(code).map(Classificatie::label),
            "bewijs" => Bewijs::parse(code).map(Bewijs::label),
            "sterkte" => Sterkte::parse(code).map(Sterkte::label),
            "bron" => BronSoort::parse(code).map(BronSoort::label),
            _ => None,
        };
        l.unwrap_or(code)
    }
    fn partners_label(&self, codes: &str) -> String {
        codes
            .split(',')
            .filter(|c| !c.is_empty())
            .map(|t| model::partner_naam(t, &self.b.organisaties))
            .collect::<Vec<_>>()
            .join(", ")
    }
    fn hoeveelheid(&self, h: &Option<f64>, e: &Option<String>) -> String {
        h.zip(e.as_deref().and_then(Eenheid::parse))
            .map_or_else(|| "–".into(), |(h, e)| e.formatteer(h))
    }
}

async fn pagina(
    s: &AppState,
    i: &Ingelogd,
    regio: &RegioCode,
    periode: &str,
    invoer: Invoer,
    fouten: Vec<Veldfout>,
    fout_bij: &str,
) -> AppResult<RegioPagina> {
    let b = service::registratieblad(&s.db, &i.gebruiker, regio, periode).await?;
    let mut perioden = service::perioden(&s.db, &i.gebruiker, &b.regio).await?;
    for p in [huidig_jaar(), b.periode.clone()] {
        if !perioden.contains(&p) {
            perioden.push(p);
        }
    }
    perioden.sort_unstable_by(|a, b| b.cmp(a));
    let drempel = s.config.onderdrukking;
    let berekend = service::berekend_voor(&s.db, &b.regio, &b.periode, drempel).await?;
    let met_gegevens = crate::indicatoren::regios_met_gegevens(&s.db, &b.periode)
        .await?
        .contains(&b.regio);
    Ok(RegioPagina {
        p: i.pagina(format!(
            "Werkset Indicatoren – {} {}",
            regio_naam(b.regio),
            b.periode
        )),
        regio_naam: regio_naam(b.regio),
        regios: if permissions::is_beheerder(&i.gebruiker) {
            REGIOS.to_vec()
        } else {
            vec![]
        },
        b,
        perioden,
        invoer,
        fouten,
        fout_bij: fout_bij.into(),
        berekend,
        met_gegevens,
        drempel,
    })
}

async fn regio_pagina(
    State(s): State<AppState>,
    i: Ingelogd,
    Path((regio, periode)): Path<(String, String)>,
) -> AppResult<RegioPagina> {
    let regio = regio_uit(&regio)?;
    pagina(&s, &i, &regio, &periode, Invoer::default(), vec![], "").await
}

fn terug(regio: &RegioCode, periode: &str, anker: &str) -> String {
    format!("/werkset/{regio}/{periode}#{anker}")
}

async fn thema(
    State(s): State<AppState>,
    i: Ingelogd,
    Path((regio, periode, nummer)): Path<(String, String, u8)>,
    Form(f): Form<ThemaInvoer>,
) -> AppResult<Response> {
    let regio = regio_uit(&regio)?;
    let uitkomst = service::thema_opslaan(&s.db, &i.gebruiker, &regio, &periode, nummer, &f).await;
    let naar = terug(&regio, &periode, &format!("thema-{nummer}"));
    prg(
        &i,
        uitkomst,
        |()| (format!("Thema {nummer} is opgeslagen."), naar),
        async |fouten| {
            pagina(
                &s,
                &i,
                &regio,
                &periode,
                Invoer {
                    thema: Some((nummer, f)),
                    ..Default::default()
                },
                fouten,
                &format!("thema-{nummer}"),
            )
            .await
        },
    )
    .await
}

/// After adding an entry: Post/Redirect/Get back to its section, or the page again with the
/// errors next to the form `formulier` and the user's input kept.
async fn na_toevoegen(
    (s, i): (&AppState, &Ingelogd),
    (regio, periode): (&RegioCode, &str),
    uitkomst: AppResult<i64>,
    (melding, anker, formulier): (&str, &str, &str),
    invoer: Invoer,
) -> AppResult<Response> {
    prg(
        i,
        uitkomst,
        |_| (melding.into(), terug(regio, periode, anker)),
        async |fouten| pagina(s, i, regio, periode, invoer, fouten, formulier).await,
    )
    .await
}

async fn inspanning(
    State(s): State<AppState>,
    i: Ingelogd,
    Path((regio, periode)): Path<(String, String)>,
    Form(f): Form<InspanningInvoer>,
) -> AppResult<Response> {
    let regio = regio_uit(&regio)?;
    let uitkomst = service::inspanning_toevoegen(&s.db, &i.gebruiker, &regio, &periode, &f).await;
    let tekst = ("De inspanning is vastgelegd.", "inspanningen", "inspanning");
    let invoer = Invoer {
        inspanning: f,
        ..Default::default()
    };
    na_toevoegen((&s, &i), (&regio, &periode), uitkomst, tekst, invoer).await
}

async fn waarde(
    State(s): State<AppState>,
    i: Ingelogd,
    Path((regio, periode)): Path<(String, String)>,
    Form(f): Form<WaardeInvoer>,
) -> AppResult<Response> {
    let regio = regio_uit(&regio)?;
    let uitkomst = service::waarde_toevoegen(&s.db, &i.gebruiker, &regio, &periode, &f).await;
    let tekst = ("De waarde is vastgelegd.", "waarden", "waarde");
    let invoer = Invoer {
        waarde: f,
        ..Default::default()
    };
    na_toevoegen((&s, &i), (&regio, &periode), uitkomst, tekst, invoer).await
}

async fn citaat(
    State(s): State<AppState>,
    i: Ingelogd,
    Path((regio, periode)): Path<(String, String)>,
    Form(f): Form<TekstInvoer>,
) -> AppResult<Response> {
    let regio = regio_uit(&regio)?;
    let uitkomst = service::citaat_toevoegen(&s.db, &i.gebruiker, &regio, &periode, &f).await;
    let tekst = ("Het citaat is vastgelegd.", "citaten", "citaat");
    let invoer = Invoer {
        citaat: f,
        ..Default::default()
    };
    na_toevoegen((&s, &i), (&regio, &periode), uitkomst, tekst, invoer).await
}

async fn praktijk(
    State(s): State<AppState>,
    i: Ingelogd,
    Path((regio, periode)): Path<(String, String)>,
    Form(f): Form<TekstInvoer>,
) -> AppResult<Response> {
    let regio = regio_uit(&regio)?;
    let uitkomst = service::praktijk_toevoegen(&s.db, &i.gebruiker, &regio, &periode, &f).await;
    let tekst = (
        "Het praktijkvoorbeeld is vastgelegd.",
        "praktijk",
        "praktijk",
    );
    let invoer = Invoer {
        praktijk: f,
        ..Default::default()
    };
    na_toevoegen((&s, &i), (&regio, &periode), uitkomst, tekst, invoer).await
}

async fn bron(
    State(s): State<AppState>,
    i: Ingelogd,
    Path((regio, periode)): Path<(String, String)>,
    Form(f): Form<TekstInvoer>,
) -> AppResult<Response> {
    let regio = regio_uit(&regio)?;
    let uitkomst = service::bron_toevoegen(&s.db, &i.gebruiker, &regio, &periode, &f).await;
    let tekst = ("De bron is vastgelegd.", "bronnen", "bron");
    let invoer = Invoer {
        bron: f,
        ..Default::default()
    };
    na_toevoegen((&s, &i), (&regio, &periode), uitkomst, tekst, invoer).await
}

async fn verwijderen(
    State(s): State<AppState>,
    i: Ingelogd,
    Path((regio, periode, soort, id)): Path<(String, String, String, i64)>,
) -> AppResult<Redirect> {
    let regio = regio_uit(&regio)?;
    service::verwijderen(&s.db, &i.gebruiker, &regio, &periode, &soort, id).await?;
    i.flash("Het gegeven is verwijderd.").await;
    Ok(Redirect::to(&format!("/werkset/{regio}/{periode}")))
}

#[derive(Template)]
#[template(path = "werkset/rapport.html")]
pub struct RapportHtml<'a> {
    pub r: &'a crate::rapport::model::Rapport,
    /// CSS to embed for a standalone file (CLI); None in the app (linked stylesheet, strict CSP).
    pub ingebed_css: Option<&'static str>,
}

pub const RAPPORT_CSS: &str = include_str!("../../static/rapport.css");

async fn rapport_html(
    State(s): State<AppState>,
    i: Ingelogd,
    Path((regio, periode)): Path<(String, String)>,
) -> AppResult<Response> {
    let regio = regio_uit(&regio)?;
    let r = super::rapport::rapport_met_kengetallen(
        &s.db,
        &i.gebruiker,
        &regio,
        &periode,
        s.config.onderdrukking,
    )
    .await?;
    let html = RapportHtml {
        r: &r,
        ingebed_css: None,
    }
    .render()
    .map_err(|e| AppError::Intern(anyhow::anyhow!(e)))?;
    Ok(([(header::CONTENT_TYPE, "text/html; charset=utf-8")], html).into_response())
}

async fn rapport_pdf(
    State(s): State<AppState>,
    i: Ingelogd,
    Path((regio, periode)): Path<(String, String)>,
) -> AppResult<Response> {
    let regio = regio_uit(&regio)?;
    let (naam, pdf) = super::rapport::rapport_pdf(
        &s.db,
        &i.gebruiker,
        &regio,
        &periode,
        s.config.onderdrukking,
    )
    .await?;
    Ok(crate::web::download("application/pdf", &naam, pdf))
}

#[derive(Template, WebTemplate)]
#[template(path = "werkset/vergelijking.html")]
struct VergelijkingPagina {
    p: Pagina,
    /// The content, the same for every reader (`service::vergelijking_getoond`).
    inhoud: std::sync::Arc<String>,
}

#[derive(Template)]
#[template(path = "werkset/vergelijking_inhoud.html")]
struct VergelijkingInhoud<'a> {
    b: &'a service::Vergelijkingsblad,
    balans: crate::rapport::model::Balans,
    drempel: u64,
}

impl VergelijkingInhoud<'_> {
    fn kern_koppen(&self) -> &'static [(&'static str, &'static str)] {
        crate::indicatoren::KERNINDICATOREN
    }
    fn verandering(&self, c: &service::ThemaCel) -> String {
        match c.fase_verandering {
            Some(0) => "gelijk".into(),
            Some(d) if d > 0 => format!("+{d} fase"),
            Some(d) => format!("−{} fase", d.abs()),
            None => "–".into(),
        }
    }
    fn fase(&self, f: &Option<Fase>) -> &'static str {
        f.map_or("Niet vastgelegd", Fase::label)
    }
}

async fn vergelijking(
    State(s): State<AppState>,
    i: Ingelogd,
    Query(q): Query<PeriodeQuery>,
) -> AppResult<VergelijkingPagina> {
    let periode = if q.periode.is_empty() {
        service::laatste_periode(&s.db, &i.gebruiker)
            .await?
            .unwrap_or_else(huidig_jaar)
    } else {
        q.periode
    };
    let drempel = s.config.onderdrukking;
    let inhoud = service::vergelijking_getoond(&s.db, &i.gebruiker, &periode, drempel, |b| {
        VergelijkingInhoud {
            b,
            balans: super::rapport::balans("Landelijk", b.v.balans.clone()),
            drempel,
        }
        .render()
        .map_err(|e| AppError::Intern(e.into()))
    })
    .await?;
    Ok(VergelijkingPagina {
        p: i.pagina(format!("Landelijke vergelijking {}", periode.trim())),
        inhoud,
    })
}

async fn export(
    State(s): State<AppState>,
    i: Ingelogd,
    Query(q): Query<PeriodeQuery>,
) -> AppResult<Response> {
    let periode = (!q.periode.is_empty()).then_some(q.periode.as_str());
    let bytes = service::export(&s.db, &i.gebruiker, periode, s.config.onderdrukking).await?;
    let naam = format!("werkset-{}.xlsx", periode.unwrap_or("alle-perioden"));
    Ok(crate::web::download(crate::web::XLSX, &naam, bytes))
}
