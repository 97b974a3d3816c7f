//! Pages of the regional network's own year: the year page (werkplan, speerpunten and
//! thematrekkers, meetings, self-evaluation against last year) and a meeting's page (its
//! preparation, report and besluitenlijst).

use super::netwerk::{
    self, Aspect, BesluitInvoer, Bijeenkomst, BijeenkomstInvoer, BijeenkomstStatus, Speerpunt,
    Vergelijking, WerkplanStatus,
};
use super::netwerk_service::{self as service, Netwerkblad};
use super::netwerken::{AspectLandelijk, Netwerken};
use super::routes::adres;
use super::sessie::Paren;
use crate::auth::permissions::SwotSchrijven;
use crate::auth::{AppState, Ingelogd, prg};
use crate::error::{AppResult, Veldfout};
use crate::gedeeld::{OrganisatieId, REGIOS, RegioCode};
use crate::organisatie::model::regio_naam;
use crate::web::Pagina;
use crate::web::charts::{Deel, gestapeld_svg};
use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::{get, post};
use axum_extra::extract::Form;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/ontwikkelagenda/{jaar}/netwerken", get(netwerken))
        .route(
            "/ontwikkelagenda/{jaar}/{regio}/netwerk",
            get(netwerk_pagina),
        )
        .route(
            "/ontwikkelagenda/{jaar}/{regio}/netwerk/werkplan",
            post(werkplan),
        )
        .route(
            "/ontwikkelagenda/{jaar}/{regio}/netwerk/werkplan.pdf",
            get(werkplan_pdf),
        )
        .route(
            "/ontwikkelagenda/{jaar}/{regio}/netwerk/werkplan/status",
            post(werkplan_status),
        )
        .route(
            "/ontwikkelagenda/{jaar}/{regio}/netwerk/speerpunten",
            post(speerpunt_nieuw),
        )
        .route(
            "/ontwikkelagenda/{jaar}/{regio}/netwerk/speerpunten/{id}",
            post(speerpunt_wijzigen),
        )
        .route(
            "/ontwikkelagenda/{jaar}/{regio}/netwerk/bijeenkomsten",
            post(bijeenkomst_nieuw),
        )
        .route(
            "/ontwikkelagenda/{jaar}/{regio}/netwerk/bijeenkomsten/{id}",
            get(bijeenkomst_pagina).post(bijeenkomst_wijzigen),
        )
        .route(
            "/ontwikkelagenda/{jaar}/{regio}/netwerk/bijeenkomsten/{id}/besluiten",
            post(besluit),
        )
        .route(
            "/ontwikkelagenda/{jaar}/{regio}/netwerk/evaluatie",
            post(evaluatie),
        )
}

/// What was typed in one form of a page (to show again after a refusal), and its errors.
#[derive(Default)]
struct Getypt {
    formulier: String,
    paren: Paren,
    fouten: Vec<Veldfout>,
}

impl Getypt {
    fn van(formulier: impl Into<String>, paren: Paren) -> Self {
        Getypt {
            formulier: formulier.into(),
            paren,
            fouten: vec![],
        }
    }
    /// Field `naam` of form `formulier`: as typed if that form was sent, else `opgeslagen`.
    fn waarde(&self, formulier: &str, naam: &str, opgeslagen: &str) -> String {
        if self.formulier == formulier {
            sessie_waarde(&self.paren, naam)
        } else {
            opgeslagen.to_string()
        }
    }
    /// Whether checkbox `naam`=`waarde` of `formulier` is checked: as sent, or `opgeslagen`.
    fn aangevinkt(&self, formulier: &str, naam: &str, waarde: &str, opgeslagen: bool) -> bool {
        if self.formulier == formulier {
            self.paren.iter().any(|(n, w)| n == naam && w == waarde)
        } else {
            opgeslagen
        }
    }
    /// The errors of `formulier`, pointing at its inputs (ids `{formulier}-{veld}`).
    fn fouten_voor(&self, formulier: &str) -> Vec<Veldfout> {
        if self.formulier != formulier {
            return vec![];
        }
        self.fouten
            .iter()
            .map(|f| Veldfout::new(format!("{formulier}-{}", f.veld), f.melding.clone()))
            .collect()
    }
    fn fout(&self, formulier: &str, veld: &str) -> Option<String> {
        (self.formulier == formulier)
            .then(|| self.fouten.iter().find(|f| f.veld == veld))
            .flatten()
            .map(|f| f.melding.clone())
    }
}

fn sessie_waarde(paren: &[(String, String)], naam: &str) -> String {
    super::sessie::waarde(paren, naam).to_string()
}

/// What both pages share: the year, the forms' input, the organisations to choose from.
struct Basis {
    b: Netwerkblad,
    regio_naam: &'static str,
    g: Getypt,
}

impl Basis {
    fn mag_schrijven(&self) -> bool {
        self.b.schrijven.is_some()
    }
    fn coordinator(&self) -> bool {
        self.b
            .schrijven
            .as_ref()
            .is_some_and(SwotSchrijven::coordinator)
    }
    fn werkplan_bewerkbaar(&self) -> bool {
        self.mag_schrijven()
            && self
                .b
                .werkplan
                .as_ref()
                .is_none_or(|w| w.status == WerkplanStatus::Concept)
    }
    fn organisaties(&self) -> Vec<(OrganisatieId, &str)> {
        self.b
            .organisaties
            .iter()
            .map(|o| (o.id, o.naam.as_str()))
            .collect()
    }
    fn speerpunten(&self) -> &[Speerpunt] {
        self.b
            .werkplan
            .as_ref()
            .map_or(&[][..], |w| w.speerpunten.as_slice())
    }
    fn va_naam(&self, code: &str) -> String {
        self.b
            .agenda
            .verbeteractiviteiten
            .iter()
            .find(|v| v.code == code)
            .map_or_else(|| code.to_string(), |v| v.naam.clone())
    }
    fn bijeenkomsten_van(&self, speerpunt: &i64) -> usize {
        self.b
            .bijeenkomsten
            .iter()
            .filter(|m| m.speerpunt_id == *speerpunt)
            .count()
    }
    fn statussen(&self) -> &'static [BijeenkomstStatus] {
        BijeenkomstStatus::ALLE
    }
    fn waarde(&self, formulier: &str, naam: &str, opgeslagen: &str) -> String {
        self.g.waarde(formulier, naam, opgeslagen)
    }
    fn aangevinkt(&self, formulier: &str, naam: &str, waarde: &str, opgeslagen: bool) -> bool {
        self.g.aangevinkt(formulier, naam, waarde, opgeslagen)
    }
    fn fouten_voor(&self, formulier: &str) -> Vec<Veldfout> {
        self.g.fouten_voor(formulier)
    }
    fn fout(&self, formulier: &str, veld: &str) -> Option<String> {
        self.g.fout(formulier, veld)
    }
    fn casus_zonder_herleidbare_gegevens(&self) -> &'static str {
        netwerk::CASUS_ZONDER_HERLEIDBARE_GEGEVENS
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "ontwikkelagenda/netwerk.html")]
struct NetwerkPagina {
    p: Pagina,
    x: Basis,
}

impl NetwerkPagina {
    fn hoofdstukken(&self) -> Vec<(&'static str, &'static str, &'static str, String)> {
        netwerk::HOOFDSTUKKEN
            .iter()
            .enumerate()
            .map(|(i, (code, titel, hint))| {
                let tekst = self
                    .x
                    .b
                    .werkplan
                    .as_ref()
                    .map(|w| w.hoofdstukken[i].clone())
                    .unwrap_or_default();
                (*code, *titel, *hint, tekst)
            })
            .collect()
    }
    fn voorzitter_id(&self) -> String {
        self.x
            .b
            .werkplan
            .as_ref()
            .and_then(|w| w.voorzitter.as_ref())
            .map(|(id, _)| id.to_string())
            .unwrap_or_default()
    }
    /// Whether organisation `org` is a thematrekker of speerpunt `sp` (stored).
    fn trekt(sp: Option<&Speerpunt>, org: &OrganisatieId) -> bool {
        sp.is_some_and(|s| s.trekkers.iter().any(|t| t.organisatie_id == *org))
    }
    fn titel(sp: Option<&Speerpunt>) -> String {
        sp.map(|s| s.titel.clone()).unwrap_or_default()
    }
    fn va_van(sp: Option<&Speerpunt>) -> String {
        sp.map(|s| s.verbeteractiviteit.clone()).unwrap_or_default()
    }
    fn functie(sp: Option<&Speerpunt>, org: &OrganisatieId) -> String {
        sp.and_then(|s| s.trekkers.iter().find(|t| t.organisatie_id == *org))
            .map(|t| t.functie.clone())
            .unwrap_or_default()
    }
    /// The forms of the speerpunten: (form key, the speerpunt or None for a new one).
    fn speerpuntformulieren(&self) -> Vec<(String, Option<&Speerpunt>)> {
        let mut v: Vec<(String, Option<&Speerpunt>)> = self
            .x
            .speerpunten()
            .iter()
            .map(|s| (format!("speerpunt-{}", s.id), Some(s)))
            .collect();
        v.push(("speerpunt-nieuw".into(), None));
        v
    }
    fn gehouden(&self) -> usize {
        self.x
            .b
            .bijeenkomsten
            .iter()
            .filter(|b| b.status == BijeenkomstStatus::Gehouden)
            .count()
    }
    fn bijeenkomsten_per_jaar(&self) -> usize {
        netwerk::BIJEENKOMSTEN_PER_JAAR
    }
    fn acties(b: &Bijeenkomst) -> usize {
        b.besluiten.iter().filter(|x| x.actie.is_some()).count()
    }
    fn aspecten(&self) -> &'static [Aspect] {
        Aspect::ALLE
    }
    fn scores(&self) -> &'static [(i64, &'static str)] {
        &netwerk::SCORES
    }
    fn vergelijking(&self) -> Vec<Vergelijking> {
        netwerk::vergelijken(
            self.x.b.evaluatie(self.x.b.jaar),
            self.x.b.evaluatie(self.x.b.jaar - 1),
        )
    }
    fn score_tekst(s: impl std::borrow::Borrow<Option<i64>>) -> String {
        s.borrow().map_or_else(|| "–".into(), |s| s.to_string())
    }
    /// The evaluation of this year (`terug` 0) or the year before (1).
    fn evaluatie_van(&self, terug: i64) -> Option<&netwerk::Evaluatie> {
        self.x.b.evaluatie(self.x.b.jaar - terug)
    }
    fn evaluatie_waarde(&self, naam: &str) -> String {
        let e = self.x.b.evaluatie(self.x.b.jaar);
        let opgeslagen = match (e, naam) {
            (Some(e), "datum") => e.datum.clone(),
            (Some(e), "conclusies") => e.conclusies.clone(),
            (Some(e), n) => Aspect::ALLE
                .iter()
                .find_map(|a| {
                    if n == format!("score-{}", a.code()) {
                        e.score(*a).map(|s| s.to_string())
                    } else if n == format!("toelichting-{}", a.code()) {
                        Some(e.toelichting(*a).to_string())
                    } else {
                        None
                    }
                })
                .unwrap_or_default(),
            (None, _) => String::new(),
        };
        self.x.waarde("evaluatie", naam, &opgeslagen)
    }
    /// Whether this year may be evaluated (it has begun).
    fn evalueerbaar(&self) -> bool {
        self.x.b.jaar <= i64::from(crate::db::dit_jaar())
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "ontwikkelagenda/bijeenkomst.html")]
struct BijeenkomstPagina {
    p: Pagina,
    x: Basis,
    m: Bijeenkomst,
}

impl BijeenkomstPagina {
    fn speerpunt(&self) -> Option<&Speerpunt> {
        self.x
            .speerpunten()
            .iter()
            .find(|s| s.id == self.m.speerpunt_id)
    }
    fn veld(&self, naam: &str) -> String {
        let m = &self.m;
        let opgeslagen = match naam {
            "datum" => m.datum.clone(),
            "speerpunt" => m.speerpunt_id.to_string(),
            "status" => m.status.code().to_string(),
            "agenda" => m.agenda.clone(),
            "casus" => m.casus.clone(),
            "leereffecten" => m.leereffecten.clone(),
            "ontwikkelingen" => m.ontwikkelingen.clone(),
            _ => String::new(),
        };
        self.x.waarde("bijeenkomst", naam, &opgeslagen)
    }
    /// A field of the new besluit: as typed, else its default (an action's verbeteractiviteit
    /// is the speerpunt's).
    fn besluit(&self, naam: &str) -> String {
        let standaard = match naam {
            "verbeteractiviteit" => self
                .x
                .speerpunten()
                .iter()
                .find(|s| s.id == self.m.speerpunt_id)
                .map(|s| s.verbeteractiviteit.clone())
                .unwrap_or_default(),
            "soort" => "actie".into(),
            _ => String::new(),
        };
        self.x.waarde("besluit", naam, &standaard)
    }
}

type Plek = (i64, RegioCode);

async fn basis(s: &AppState, i: &Ingelogd, (jaar, regio): Plek, g: Getypt) -> AppResult<Basis> {
    Ok(Basis {
        b: service::netwerkblad(&s.db, &i.gebruiker, &regio, jaar).await?,
        regio_naam: regio_naam(regio),
        g,
    })
}

async fn jaarpagina(s: &AppState, i: &Ingelogd, plek: Plek, g: Getypt) -> AppResult<NetwerkPagina> {
    let x = basis(s, i, plek, g).await?;
    Ok(NetwerkPagina {
        p: i.pagina(format!("Netwerkjaar {} {}", x.regio_naam, plek.0)),
        x,
    })
}

async fn netwerk_pagina(
    State(s): State<AppState>,
    i: Ingelogd,
    Path((jaar, regio)): Path<(String, String)>,
) -> AppResult<NetwerkPagina> {
    jaarpagina(&s, &i, adres(&jaar, &regio)?, Getypt::default()).await
}

#[derive(Template, WebTemplate)]
#[template(path = "ontwikkelagenda/netwerken.html")]
struct NetwerkenPagina {
    p: Pagina,
    n: Netwerken,
    grafiek: String,
}

impl NetwerkenPagina {
    fn scores(&self) -> &'static [Aspect] {
        Aspect::ALLE
    }
    fn gemiddeld(&self, g: &Option<(usize, f64)>) -> String {
        AspectLandelijk::gemiddeld(*g)
    }
    fn aantal(&self, g: &Option<(usize, f64)>) -> usize {
        AspectLandelijk::aantal(*g)
    }
}

/// The national overview of the year's network years, for the national network.
async fn netwerken(
    State(s): State<AppState>,
    i: Ingelogd,
    Path(jaar): Path<String>,
) -> AppResult<NetwerkenPagina> {
    let (jaar, _) = adres(&jaar, i.gebruiker.regio_code.as_str())?;
    let n = service::netwerken(&s.db, &i.gebruiker, jaar).await?;
    let grafiek = gestapeld_svg(
        &format!("Speerpunten van de regionale netwerken, {jaar}"),
        &n.dekking.iter().map(|d| d.naam.clone()).collect::<Vec<_>>(),
        &[Deel {
            naam: "Speerpunt in het werkplan",
            letter: "S",
            kleur: "#01689b",
        }],
        &n.dekking
            .iter()
            .map(|d| vec![d.regios.len()])
            .collect::<Vec<_>>(),
        (
            REGIOS.len(),
            "regio's zonder dit speerpunt of zonder werkplan",
        ),
    );
    Ok(NetwerkenPagina {
        p: i.pagina(format!("Regionale netwerken {jaar}")),
        n,
        grafiek,
    })
}

/// The werkplan as PDF, to send to the bestuurlijk overleg and the partners.
async fn werkplan_pdf(
    State(s): State<AppState>,
    i: Ingelogd,
    Path((jaar, regio)): Path<(String, String)>,
) -> AppResult<Response> {
    let (jaar, regio) = adres(&jaar, &regio)?;
    let (naam, pdf) = service::werkplan_pdf(&s.db, &i.gebruiker, &regio, jaar).await?;
    Ok(crate::web::download("application/pdf", &naam, pdf))
}

fn jaaradres((jaar, regio): Plek, anker: &str) -> String {
    format!("/ontwikkelagenda/{jaar}/{regio}/netwerk#{anker}")
}

/// Post/Redirect/Get to section `anker` of the year page, or the page again with the errors
/// beside the form that was sent and what was typed in it.
async fn na(
    (s, i): (&AppState, &Ingelogd),
    plek: Plek,
    uitkomst: AppResult<String>,
    anker: &str,
    mut g: Getypt,
) -> AppResult<Response> {
    prg(
        i,
        uitkomst,
        |melding| (melding, jaaradres(plek, anker)),
        async |fouten| {
            g.fouten = fouten;
            jaarpagina(s, i, plek, g).await
        },
    )
    .await
}

async fn werkplan(
    State(s): State<AppState>,
    i: Ingelogd,
    Path((jaar, regio)): Path<(String, String)>,
    Form(f): Form<Paren>,
) -> AppResult<Response> {
    let plek = adres(&jaar, &regio)?;
    let uitkomst = service::werkplan_opslaan(&s.db, &i.gebruiker, &plek.1, plek.0, &f)
        .await
        .map(|_| "Het werkplan is opgeslagen.".into());
    na(
        (&s, &i),
        plek,
        uitkomst,
        "werkplan",
        Getypt::van("werkplan", f),
    )
    .await
}

async fn werkplan_status(
    State(s): State<AppState>,
    i: Ingelogd,
    Path((jaar, regio)): Path<(String, String)>,
    Form(f): Form<Paren>,
) -> AppResult<Response> {
    let plek = adres(&jaar, &regio)?;
    let naar = sessie_waarde(&f, "status");
    let uitkomst = service::werkplan_status(&s.db, &i.gebruiker, &plek.1, plek.0, &naar)
        .await
        .map(|st| format!("Het werkplan is nu '{}'.", st.label().to_lowercase()));
    na(
        (&s, &i),
        plek,
        uitkomst,
        "werkplan",
        Getypt::van("werkplan-status", f),
    )
    .await
}

async fn speerpunt_nieuw(
    State(s): State<AppState>,
    i: Ingelogd,
    Path((jaar, regio)): Path<(String, String)>,
    Form(f): Form<Paren>,
) -> AppResult<Response> {
    let plek = adres(&jaar, &regio)?;
    let uitkomst = service::speerpunt_opslaan(&s.db, &i.gebruiker, &plek.1, plek.0, None, &f)
        .await
        .map(|_| "Het speerpunt is toegevoegd.".into());
    let g = Getypt::van("speerpunt-nieuw", f);
    na((&s, &i), plek, uitkomst, "speerpunten", g).await
}

async fn speerpunt_wijzigen(
    State(s): State<AppState>,
    i: Ingelogd,
    Path((jaar, regio, id)): Path<(String, String, i64)>,
    Form(f): Form<Paren>,
) -> AppResult<Response> {
    let plek = adres(&jaar, &regio)?;
    let uitkomst = service::speerpunt_opslaan(&s.db, &i.gebruiker, &plek.1, plek.0, Some(id), &f)
        .await
        .map(|_| "Het speerpunt is bijgewerkt.".into());
    let g = Getypt::van(format!("speerpunt-{id}"), f);
    na((&s, &i), plek, uitkomst, "speerpunten", g).await
}

async fn bijeenkomst_nieuw(
    State(s): State<AppState>,
    i: Ingelogd,
    Path((jaar, regio)): Path<(String, String)>,
    Form(f): Form<Paren>,
) -> AppResult<Response> {
    let plek = adres(&jaar, &regio)?;
    let uitkomst = service::bijeenkomst_opslaan(
        &s.db,
        &i.gebruiker,
        &plek.1,
        plek.0,
        None,
        &BijeenkomstInvoer::uit(&f),
    )
    .await;
    prg(
        &i,
        uitkomst,
        |id| {
            (
                "De bijeenkomst is gepland. Bereid hier de agenda en de casus voor.".into(),
                format!(
                    "/ontwikkelagenda/{}/{}/netwerk/bijeenkomsten/{id}",
                    plek.0, plek.1
                ),
            )
        },
        async |fouten| {
            let mut g = Getypt::van("bijeenkomst-nieuw", f);
            g.fouten = fouten;
            jaarpagina(&s, &i, plek, g).await
        },
    )
    .await
}

async fn evaluatie(
    State(s): State<AppState>,
    i: Ingelogd,
    Path((jaar, regio)): Path<(String, String)>,
    Form(f): Form<Paren>,
) -> AppResult<Response> {
    let plek = adres(&jaar, &regio)?;
    let uitkomst = service::evaluatie_opslaan(&s.db, &i.gebruiker, &plek.1, plek.0, &f)
        .await
        .map(|_| "De zelfevaluatie is opgeslagen.".into());
    na(
        (&s, &i),
        plek,
        uitkomst,
        "evaluatie",
        Getypt::van("evaluatie", f),
    )
    .await
}

async fn vergaderpagina(
    s: &AppState,
    i: &Ingelogd,
    plek: Plek,
    id: i64,
    g: Getypt,
) -> AppResult<BijeenkomstPagina> {
    let (b, m) = service::bijeenkomst(&s.db, &i.gebruiker, &plek.1, plek.0, id).await?;
    let x = Basis {
        b,
        regio_naam: regio_naam(plek.1),
        g,
    };
    Ok(BijeenkomstPagina {
        p: i.pagina(format!(
            "Netwerkbijeenkomst {} {}",
            x.regio_naam,
            crate::web::datum_nl(&m.datum)
        )),
        x,
        m,
    })
}

async fn bijeenkomst_pagina(
    State(s): State<AppState>,
    i: Ingelogd,
    Path((jaar, regio, id)): Path<(String, String, i64)>,
) -> AppResult<BijeenkomstPagina> {
    vergaderpagina(&s, &i, adres(&jaar, &regio)?, id, Getypt::default()).await
}

/// Post/Redirect/Get back to the meeting's section `anker`, or its page with the errors.
async fn na_bijeenkomst(
    (s, i): (&AppState, &Ingelogd),
    (plek, id): (Plek, i64),
    uitkomst: AppResult<String>,
    anker: &str,
    mut g: Getypt,
) -> AppResult<Response> {
    prg(
        i,
        uitkomst,
        |melding| {
            (
                melding,
                format!(
                    "/ontwikkelagenda/{}/{}/netwerk/bijeenkomsten/{id}#{anker}",
                    plek.0, plek.1
                ),
            )
        },
        async |fouten| {
            g.fouten = fouten;
            vergaderpagina(s, i, plek, id, g).await
        },
    )
    .await
}

async fn bijeenkomst_wijzigen(
    State(s): State<AppState>,
    i: Ingelogd,
    Path((jaar, regio, id)): Path<(String, String, i64)>,
    Form(f): Form<Paren>,
) -> AppResult<Response> {
    let plek = adres(&jaar, &regio)?;
    let uitkomst = service::bijeenkomst_opslaan(
        &s.db,
        &i.gebruiker,
        &plek.1,
        plek.0,
        Some(id),
        &BijeenkomstInvoer::uit(&f),
    )
    .await
    .map(|_| "De bijeenkomst is opgeslagen.".into());
    let g = Getypt::van("bijeenkomst", f);
    na_bijeenkomst((&s, &i), (plek, id), uitkomst, "voorbereiding", g).await
}

async fn besluit(
    State(s): State<AppState>,
    i: Ingelogd,
    Path((jaar, regio, id)): Path<(String, String, i64)>,
    Form(f): Form<Paren>,
) -> AppResult<Response> {
    let plek = adres(&jaar, &regio)?;
    let uitkomst = service::besluit_toevoegen(
        &s.db,
        &i.gebruiker,
        &plek.1,
        plek.0,
        id,
        &BesluitInvoer::uit(&f),
    )
    .await
    .map(|stap| match stap {
        Some(_) => {
            "De actie staat op de besluitenlijst en als stap vooruit in de SWOT-sessie.".into()
        }
        None => "Het besluit staat op de besluitenlijst.".into(),
    });
    let g = Getypt::van("besluit", f);
    na_bijeenkomst((&s, &i), (plek, id), uitkomst, "besluitenlijst", g).await
}
