//! Ontwikkelagenda pages: the overview of the years and regions, a region's SWOT session with
//! its forms (date and participants, the board, stappen vooruit, status, reacties), and the
//! opbrengstverslag as HTML and PDF.

use super::model::{Activiteit, Verbeteractiviteit};
use super::service::{self, Sessieblad};
use super::sessie::{
    self, BordInvoer, Kwadrant, Paren, Plaatsing, Sessie, StapInvoer, StapStatus, VerslagStatus,
};
use super::synthese::Synthese;
use crate::auth::permissions::SwotSchrijven;
use crate::auth::{AppState, Ingelogd, prg};
use crate::error::{AppError, AppResult, Veldfout};
use crate::gedeeld::{OrganisatieId, RegioCode};
use crate::organisatie::model::{REGIOS, regio_naam};
use crate::web::Pagina;
use crate::web::charts::{Deel, gestapeld_svg};
use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::{Redirect, Response};
use axum::routing::{get, post};
use axum_extra::extract::Form;
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/ontwikkelagenda", get(overzicht))
        .route("/ontwikkelagenda/{jaar}", get(synthese))
        .route("/ontwikkelagenda/{jaar}/thema/{nummer}", get(werkset_thema))
        .route(
            "/ontwikkelagenda/{jaar}/verantwoording",
            get(verantwoording),
        )
        .route(
            "/ontwikkelagenda/{jaar}/verantwoording.pdf",
            get(verantwoording_pdf),
        )
        .route(
            "/ontwikkelagenda/{jaar}/{regio}",
            get(sessie_pagina).post(openen),
        )
        .route("/ontwikkelagenda/{jaar}/{regio}/gegevens", post(gegevens))
        .route("/ontwikkelagenda/{jaar}/{regio}/bord", post(bord))
        .route("/ontwikkelagenda/{jaar}/{regio}/stappen", post(stap_nieuw))
        .route(
            "/ontwikkelagenda/{jaar}/{regio}/stappen/{id}",
            post(stap_wijzigen),
        )
        .route("/ontwikkelagenda/{jaar}/{regio}/status", post(status))
        .route("/ontwikkelagenda/{jaar}/{regio}/reacties", post(reactie))
        .route(
            "/ontwikkelagenda/{jaar}/{regio}/verslag.html",
            get(verslag_html),
        )
        .route(
            "/ontwikkelagenda/{jaar}/{regio}/verslag.pdf",
            get(verslag_pdf),
        )
}

fn huidig_jaar() -> i64 {
    i64::from(crate::db::dit_jaar())
}

/// The year and region of an address, checked.
pub(super) fn adres(jaar: &str, regio: &str) -> AppResult<(i64, RegioCode)> {
    let jaar = jaar
        .parse::<i64>()
        .map_err(|_| AppError::validatie("jaar", "Het jaar in het adres is geen jaartal (JJJJ)."))
        .and_then(service::jaar_uit)?;
    let regio = RegioCode::parse(regio).map_err(|m| AppError::validatie("regio", &m))?;
    Ok((jaar, regio))
}

/// `/ontwikkelagenda`: the synthesis of this year.
async fn overzicht(_: Ingelogd) -> Redirect {
    Redirect::to(&format!("/ontwikkelagenda/{}", huidig_jaar()))
}

/// The quadrants as parts of the synthesis chart: the letter in each segment tells them apart
/// without colour.
const DELEN: [Deel<'static>; 4] = [
    Deel {
        naam: "Sterkte",
        letter: "S",
        kleur: "#275937",
    },
    Deel {
        naam: "Zwakte",
        letter: "Z",
        kleur: "#ca005d",
    },
    Deel {
        naam: "Kans",
        letter: "K",
        kleur: "#01689b",
    },
    Deel {
        naam: "Bedreiging",
        letter: "B",
        kleur: "#6b4f00",
    },
];

#[derive(Template, WebTemplate)]
#[template(path = "ontwikkelagenda/synthese.html")]
struct SynthesePagina {
    p: Pagina,
    s: Synthese,
    grafiek: String,
    eigen_regio: RegioCode,
}

impl SynthesePagina {
    fn kwadranten(&self) -> &'static [Kwadrant] {
        Kwadrant::ALLE
    }
    fn verdeling_tekst(&self, v: &[usize; 4]) -> String {
        DELEN
            .iter()
            .zip(v)
            .map(|(d, n)| format!("{} {n}", d.naam.to_lowercase()))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

async fn synthese(
    State(s): State<AppState>,
    i: Ingelogd,
    Path(jaar): Path<String>,
) -> AppResult<SynthesePagina> {
    let (jaar, _) = adres(&jaar, i.gebruiker.regio_code.as_str())?;
    let syn = service::synthese(&s.db, &i.gebruiker, jaar).await?;
    let grafiek = gestapeld_svg(
        &format!("Verdeling van de regio's over de SWOT, {jaar}"),
        &syn.activiteiten
            .iter()
            .map(|a| a.naam.clone())
            .collect::<Vec<_>>(),
        &DELEN,
        &syn.activiteiten
            .iter()
            .map(|a| a.verdeling.to_vec())
            .collect::<Vec<_>>(),
        (REGIOS.len(), "regio's zonder sessie of plaatsing"),
    );
    Ok(SynthesePagina {
        p: i.pagina(format!("Ontwikkelagenda {jaar}")),
        s: syn,
        grafiek,
        eigen_regio: i.gebruiker.regio_code,
    })
}

/// From a Werkset theme to the verbeteractiviteit it measures, in that year's synthesis.
async fn werkset_thema(
    State(s): State<AppState>,
    i: Ingelogd,
    Path((jaar, nummer)): Path<(String, u8)>,
) -> AppResult<Redirect> {
    let (jaar, _) = adres(&jaar, i.gebruiker.regio_code.as_str())?;
    let syn = service::synthese(&s.db, &i.gebruiker, jaar).await?;
    let va = syn
        .activiteiten
        .iter()
        .find(|a| a.werkset_thema == Some(nummer))
        .ok_or(AppError::NietGevonden(
            "Een verbeteractiviteit bij dit Werkset-thema in de agenda van dit jaar",
        ))?;
    Ok(Redirect::to(&format!(
        "/ontwikkelagenda/{jaar}#va-{}",
        va.code
    )))
}

#[derive(Template, WebTemplate)]
#[template(path = "ontwikkelagenda/verantwoording.html")]
struct VerantwoordingPagina {
    p: Pagina,
    v: super::verantwoording::Verantwoording,
}

/// The yearly verantwoording for the bestuurlijk overleg.
async fn verantwoording(
    State(s): State<AppState>,
    i: Ingelogd,
    Path(jaar): Path<String>,
) -> AppResult<VerantwoordingPagina> {
    let (jaar, _) = adres(&jaar, i.gebruiker.regio_code.as_str())?;
    let v = service::verantwoording(&s.db, &i.gebruiker, jaar).await?;
    Ok(VerantwoordingPagina {
        p: i.pagina(format!("Verantwoording ontwikkelagenda {jaar}")),
        v,
    })
}

/// The verantwoording as PDF (typst), for the bestuurlijk overleg.
async fn verantwoording_pdf(
    State(s): State<AppState>,
    i: Ingelogd,
    Path(jaar): Path<String>,
) -> AppResult<Response> {
    let (jaar, _) = adres(&jaar, i.gebruiker.regio_code.as_str())?;
    let model = service::verantwoording(&s.db, &i.gebruiker, jaar)
        .await?
        .pdf_model();
    let pdf = crate::rapport::pdf::op_achtergrond(move || {
        crate::rapport::pdf::verantwoording_pdf(&model)
    })
    .await?;
    Ok(crate::web::download(
        "application/pdf",
        &format!("verantwoording-ontwikkelagenda-{jaar}.pdf"),
        pdf,
    ))
}

/// Input kept for re-rendering a rejected form.
#[derive(Default)]
struct Invoer {
    gegevens: Option<Paren>,
    bord: Option<BordInvoer>,
    /// The step form that was sent (`None`: the new step) and what was typed in it.
    stap: Option<(Option<i64>, StapInvoer)>,
    reactie: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "ontwikkelagenda/sessie.html")]
struct SessiePagina {
    p: Pagina,
    b: Sessieblad,
    regio_naam: &'static str,
    invoer: Invoer,
    fouten: Vec<Veldfout>,
    /// Which form the errors belong to: "gegevens", "bord", "stap-nieuw", "stap-ID", "status",
    /// "reactie".
    fout_bij: String,
    geen_persoonsgegevens: &'static str,
}

impl SessiePagina {
    fn kwadranten(&self) -> &'static [Kwadrant] {
        Kwadrant::ALLE
    }
    fn stapstatussen(&self) -> &'static [StapStatus] {
        StapStatus::ALLE
    }
    fn agenda(&self) -> &[Verbeteractiviteit] {
        &self.b.agenda.verbeteractiviteiten
    }
    fn mag_schrijven(&self) -> bool {
        self.b.schrijven.is_some()
    }
    fn bewerkbaar(&self) -> bool {
        self.mag_schrijven() && self.b.sessie.as_ref().is_some_and(Sessie::bewerkbaar)
    }
    /// The board as the form shows it: what was typed, or what is stored.
    fn bord(&self) -> BordInvoer {
        match (&self.invoer.bord, &self.b.sessie) {
            (Some(b), _) => b.clone(),
            (None, Some(s)) => BordInvoer::van(s, self.agenda()),
            (None, None) => BordInvoer::default(),
        }
    }
    /// A field of the date-and-participants form: as typed, or as stored.
    fn gegevens(&self, naam: &str) -> String {
        if let Some(p) = &self.invoer.gegevens {
            return p
                .iter()
                .find(|(n, _)| n == naam)
                .map(|(_, w)| w.clone())
                .unwrap_or_default();
        }
        match (&self.b.sessie, naam) {
            (Some(s), "datum") => s.datum.clone(),
            (Some(s), "samenvatting") => s.samenvatting.clone(),
            (Some(s), _) => naam
                .strip_prefix("functies-")
                .and_then(|id| {
                    s.deelnemers
                        .iter()
                        .find(|d| d.organisatie_id.to_string() == id)
                })
                .map(|d| d.functies.clone())
                .unwrap_or_default(),
            (None, _) => String::new(),
        }
    }
    fn deelnemer(&self, id: &OrganisatieId) -> bool {
        match (&self.invoer.gegevens, &self.b.sessie) {
            (Some(p), _) => p
                .iter()
                .any(|(n, w)| n == "deelnemer" && w.trim() == id.to_string()),
            (None, Some(s)) => s.deelnemers.iter().any(|d| d.organisatie_id == *id),
            (None, None) => false,
        }
    }
    /// The step form `sleutel` ("nieuw" or the step's id): as typed, or as stored.
    fn stap(&self, stap: Option<&sessie::Stap>) -> StapInvoer {
        let id = stap.map(|s| s.id);
        if let Some((i, invoer)) = &self.invoer.stap
            && *i == id
        {
            return invoer.clone();
        }
        stap.map(|s| StapInvoer {
            verbeteractiviteit: s.verbeteractiviteit.clone(),
            omschrijving: s.omschrijving.clone(),
            eigenaar: s.eigenaar_id.to_string(),
            streefdatum: s.streefdatum.clone().unwrap_or_default(),
            status: s.status.code().into(),
            landelijke_activiteit: s.landelijke_activiteit.clone(),
        })
        .unwrap_or_default()
    }
    /// The errors of one form, with field ids as that form's inputs have them: a step form's
    /// `stap-x` becomes `stap-{sleutel}-x`.
    fn fouten_voor(&self, formulier: &str) -> Vec<Veldfout> {
        if self.fout_bij != formulier {
            return vec![];
        }
        self.fouten
            .iter()
            .map(|f| {
                match (
                    formulier.strip_prefix("stap-"),
                    f.veld.strip_prefix("stap-"),
                ) {
                    (Some(sleutel), Some(veld)) => {
                        Veldfout::new(format!("stap-{sleutel}-{veld}"), f.melding.clone())
                    }
                    _ => f.clone(),
                }
            })
            .collect()
    }
    /// The message of field `veld` of form `formulier`, to show beside it.
    fn fout(&self, formulier: &str, veld: &str) -> Option<String> {
        self.fouten_voor(formulier)
            .into_iter()
            .find(|f| f.veld == veld)
            .map(|f| f.melding)
    }
    /// The statuses the verslag can move to from here, for the buttons.
    fn overgangen(&self) -> Vec<VerslagStatus> {
        let Some(s) = &self.b.sessie else {
            return vec![];
        };
        let coordinator = self
            .b
            .schrijven
            .as_ref()
            .is_some_and(SwotSchrijven::coordinator);
        VerslagStatus::ALLE
            .iter()
            .copied()
            .filter(|n| sessie::overgang(s.status, *n, 0, coordinator).is_ok())
            .collect()
    }
    fn ongeplaatst(&self) -> Vec<&Verbeteractiviteit> {
        self.b
            .sessie
            .as_ref()
            .map(|s| s.ongeplaatst(self.agenda()))
            .unwrap_or_default()
    }
    /// The verbeteractiviteiten placed in `k`, with their placement.
    fn in_kwadrant(&self, k: &Kwadrant) -> Vec<(&Verbeteractiviteit, &Plaatsing)> {
        let Some(s) = &self.b.sessie else {
            return vec![];
        };
        self.agenda()
            .iter()
            .filter_map(|v| s.plaatsing(&v.code).map(|p| (v, p)))
            .filter(|(_, p)| p.kwadrant == *k)
            .collect()
    }
    /// Where the region placed `code` the year before, when that differs from now: "vorig jaar:
    /// zwakte", or "nieuw" when it was not on last year's board; empty when unchanged or when
    /// there was no session last year.
    fn vorig_jaar(&self, code: &str, nu: &Kwadrant) -> String {
        let Some(v) = &self.b.vorig else {
            return String::new();
        };
        match v.plaatsing(code) {
            Some(p) if p.kwadrant == *nu => String::new(),
            Some(p) => format!("vorig jaar: {}", p.kwadrant.label().to_lowercase()),
            None => "vorig jaar niet geplaatst".into(),
        }
    }
    fn va_naam(&self, code: &str) -> String {
        self.agenda()
            .iter()
            .find(|v| v.code == code)
            .map_or_else(|| code.to_string(), |v| v.naam.clone())
    }
    /// The national activities a step can contribute to: (verbeteractiviteit, activity).
    fn landelijke_activiteiten(&self) -> Vec<(&Verbeteractiviteit, &Activiteit)> {
        self.agenda()
            .iter()
            .flat_map(|v| v.activiteiten.iter().map(move |a| (v, a)))
            .collect()
    }
    fn activiteit_naam(&self, va: &str, code: &str) -> String {
        self.agenda()
            .iter()
            .find(|v| v.code == va)
            .and_then(|v| v.activiteiten.iter().find(|a| a.code == code))
            .map_or_else(|| code.to_string(), |a| a.naam.clone())
    }
    fn organisaties(&self) -> Vec<(OrganisatieId, &str)> {
        self.b
            .organisaties
            .iter()
            .map(|o| (o.id, o.naam.as_str()))
            .collect()
    }
}

async fn pagina(
    s: &AppState,
    i: &Ingelogd,
    (jaar, regio): (i64, RegioCode),
    invoer: Invoer,
    fouten: Vec<Veldfout>,
    fout_bij: &str,
) -> AppResult<SessiePagina> {
    let b = service::sessieblad(&s.db, &i.gebruiker, &regio, jaar).await?;
    Ok(SessiePagina {
        p: i.pagina(format!("SWOT-sessie {} {jaar}", regio_naam(regio))),
        regio_naam: regio_naam(regio),
        b,
        invoer,
        fouten,
        fout_bij: fout_bij.into(),
        geen_persoonsgegevens: sessie::GEEN_PERSOONSGEGEVENS,
    })
}

async fn sessie_pagina(
    State(s): State<AppState>,
    i: Ingelogd,
    Path((jaar, regio)): Path<(String, String)>,
) -> AppResult<SessiePagina> {
    pagina(&s, &i, adres(&jaar, &regio)?, Invoer::default(), vec![], "").await
}

fn terug((jaar, regio): (i64, RegioCode), anker: &str) -> String {
    format!("/ontwikkelagenda/{jaar}/{regio}#{anker}")
}

/// Post/Redirect/Get back to section `anker`, or the page again with the errors beside form
/// `formulier` and the input kept.
async fn na(
    (s, i): (&AppState, &Ingelogd),
    plek: (i64, RegioCode),
    uitkomst: AppResult<String>,
    (anker, formulier): (&str, &str),
    invoer: Invoer,
) -> AppResult<Response> {
    prg(
        i,
        uitkomst,
        |melding| (melding, terug(plek, anker)),
        async |fouten| pagina(s, i, plek, invoer, fouten, formulier).await,
    )
    .await
}

async fn openen(
    State(s): State<AppState>,
    i: Ingelogd,
    Path((jaar, regio)): Path<(String, String)>,
    Form(f): Form<Paren>,
) -> AppResult<Response> {
    let plek = adres(&jaar, &regio)?;
    let uitkomst = service::openen(&s.db, &i.gebruiker, &plek.1, plek.0, &f)
        .await
        .map(|_| {
            "De SWOT-sessie is geopend. Plaats nu de verbeteractiviteiten op het bord.".into()
        });
    let invoer = Invoer {
        gegevens: Some(f),
        ..Default::default()
    };
    na((&s, &i), plek, uitkomst, ("bord", "gegevens"), invoer).await
}

async fn gegevens(
    State(s): State<AppState>,
    i: Ingelogd,
    Path((jaar, regio)): Path<(String, String)>,
    Form(f): Form<Paren>,
) -> AppResult<Response> {
    let plek = adres(&jaar, &regio)?;
    let uitkomst = service::gegevens_opslaan(&s.db, &i.gebruiker, &plek.1, plek.0, &f)
        .await
        .map(|()| "De gegevens van de sessie zijn opgeslagen.".into());
    let invoer = Invoer {
        gegevens: Some(f),
        ..Default::default()
    };
    na((&s, &i), plek, uitkomst, ("gegevens", "gegevens"), invoer).await
}

async fn bord(
    State(s): State<AppState>,
    i: Ingelogd,
    Path((jaar, regio)): Path<(String, String)>,
    Form(f): Form<Paren>,
) -> AppResult<Response> {
    let plek = adres(&jaar, &regio)?;
    let uitkomst = service::bord_opslaan(&s.db, &i.gebruiker, &plek.1, plek.0, &f)
        .await
        .map(|n| {
            format!(
                "Het bord is opgeslagen: {n} verbeteractiviteit{} geplaatst.",
                if n == 1 { "" } else { "en" }
            )
        });
    let invoer = Invoer {
        bord: Some(BordInvoer::getypt(&f)),
        ..Default::default()
    };
    na((&s, &i), plek, uitkomst, ("bord", "bord"), invoer).await
}

async fn stap_nieuw(
    State(s): State<AppState>,
    i: Ingelogd,
    Path((jaar, regio)): Path<(String, String)>,
    Form(f): Form<StapInvoer>,
) -> AppResult<Response> {
    let plek = adres(&jaar, &regio)?;
    let uitkomst = service::stap_opslaan(&s.db, &i.gebruiker, &plek.1, plek.0, None, &f)
        .await
        .map(|_| "De stap vooruit is vastgelegd.".into());
    let invoer = Invoer {
        stap: Some((None, f)),
        ..Default::default()
    };
    na((&s, &i), plek, uitkomst, ("stappen", "stap-nieuw"), invoer).await
}

async fn stap_wijzigen(
    State(s): State<AppState>,
    i: Ingelogd,
    Path((jaar, regio, id)): Path<(String, String, i64)>,
    Form(f): Form<StapInvoer>,
) -> AppResult<Response> {
    let plek = adres(&jaar, &regio)?;
    let uitkomst = service::stap_opslaan(&s.db, &i.gebruiker, &plek.1, plek.0, Some(id), &f)
        .await
        .map(|_| "De stap vooruit is bijgewerkt.".into());
    let invoer = Invoer {
        stap: Some((Some(id), f)),
        ..Default::default()
    };
    let anker = format!("stap-{id}");
    na((&s, &i), plek, uitkomst, (&anker, &anker), invoer).await
}

#[derive(Deserialize, Default)]
struct StatusInvoer {
    #[serde(default)]
    status: String,
}

async fn status(
    State(s): State<AppState>,
    i: Ingelogd,
    Path((jaar, regio)): Path<(String, String)>,
    Form(f): Form<StatusInvoer>,
) -> AppResult<Response> {
    let plek = adres(&jaar, &regio)?;
    let uitkomst = service::status_zetten(&s.db, &i.gebruiker, &plek.1, plek.0, &f.status)
        .await
        .map(|st| {
            format!(
                "Het opbrengstverslag is nu '{}'.",
                st.label().to_lowercase()
            )
        });
    na(
        (&s, &i),
        plek,
        uitkomst,
        ("status", "status"),
        Invoer::default(),
    )
    .await
}

#[derive(Deserialize, Default)]
struct ReactieInvoer {
    #[serde(default)]
    reactie: String,
}

async fn reactie(
    State(s): State<AppState>,
    i: Ingelogd,
    Path((jaar, regio)): Path<(String, String)>,
    Form(f): Form<ReactieInvoer>,
) -> AppResult<Response> {
    let plek = adres(&jaar, &regio)?;
    let uitkomst = service::reactie_plaatsen(&s.db, &i.gebruiker, &plek.1, plek.0, &f.reactie)
        .await
        .map(|()| "Uw reactie op het verslag is geplaatst.".into());
    let invoer = Invoer {
        reactie: f.reactie,
        ..Default::default()
    };
    na((&s, &i), plek, uitkomst, ("reacties", "reactie"), invoer).await
}

#[derive(Template, WebTemplate)]
#[template(path = "ontwikkelagenda/verslag.html")]
struct VerslagPagina {
    p: Pagina,
    v: super::verslag::Verslag,
}

async fn verslag_html(
    State(s): State<AppState>,
    i: Ingelogd,
    Path((jaar, regio)): Path<(String, String)>,
) -> AppResult<VerslagPagina> {
    let (jaar, regio) = adres(&jaar, &regio)?;
    let v = super::verslag::verslag(&s.db, &i.gebruiker, &regio, jaar).await?;
    Ok(VerslagPagina {
        p: i.pagina(v.titel.clone()),
        v,
    })
}

async fn verslag_pdf(
    State(s): State<AppState>,
    i: Ingelogd,
    Path((jaar, regio)): Path<(String, String)>,
) -> AppResult<Response> {
    let (jaar, regio) = adres(&jaar, &regio)?;
    let (naam, pdf) = super::verslag::pdf(&s.db, &i.gebruiker, &regio, jaar).await?;
    Ok(crate::web::download("application/pdf", &naam, pdf))
}
