//! Pages of the afstemmingsmomenten: overview per region, registration forms per kind, the
//! moment page (process data for the region, personal data under need-to-know), the
//! Actie-overleg meetings, overdue afspraken and the contact directory. Handlers are thin:
//! every decision is in `service`.

use super::model::{
    AfspraakSoort, ContactSoort, Frequentie, Moment, Soort, Status, WEEKDAGEN, aftellen, dagdeel,
    nu_lokaal,
};
use super::service::{
    self, AfspraakInvoer, ContactInvoer, MomentBeeld, MomentInvoer, OverlegInvoer, PersoonZicht,
    StapInvoer,
};
use super::velden::{self, Veld};
use crate::auth::AppState;
use crate::auth::prg;
use crate::auth::{Ingelogd, permissions};
use crate::error::{AppError, AppResult, Veldfout};
use crate::organisatie::model::{REGIOS, regio_naam};
use crate::web::Pagina;
use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::{Redirect, Response};
use axum::routing::{get, post};
use axum_extra::extract::Form;
use serde::Deserialize;
use std::collections::BTreeMap;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/casussen", get(overzicht))
        .route("/casussen/nieuw/{soort}", get(nieuw).post(registreren))
        .route("/casussen/moment/{id}", get(moment).post(bijwerken))
        .route("/casussen/moment/{id}/stap", post(stap))
        .route("/casussen/moment/{id}/afspraken", post(afspraak))
        .route("/casussen/moment/{id}/deelnemers", post(deelnemer))
        .route("/casussen/moment/{id}/casus", post(casus_status))
        .route("/casussen/afspraak/{id}/status", post(afspraak_status))
        .route("/casussen/afspraken", get(te_laat))
        .route("/actieoverleg", get(actieoverleg).post(overleg_aanmaken))
        .route(
            "/actieoverleg/vergadering/{id}/aanwezigheid",
            post(aanwezigheid),
        )
        .route(
            "/casussen/contactpunten",
            get(contactpunten).post(contactpunt_toevoegen),
        )
        .route(
            "/casussen/contactpunten/{id}/verwijderen",
            post(contactpunt_verwijderen),
        )
}

fn soort_uit(s: &str) -> AppResult<Soort> {
    Soort::parse(s).ok_or(AppError::NietGevonden("Dit soort afstemmingsmoment"))
}

fn regio_van(i: &Ingelogd, gevraagd: &str) -> String {
    if !gevraagd.is_empty() && permissions::is_beheerder(&i.gebruiker) {
        gevraagd.to_string()
    } else if i.gebruiker.regio_code.is_empty() {
        "oost-brabant".into()
    } else {
        i.gebruiker.regio_code.clone()
    }
}

// ---- overview -----------------------------------------------------------------------------

/// This year and the four before it, newest first (the years offered for selection).
fn laatste_jaren() -> Vec<String> {
    let huidig: i32 = crate::db::vandaag()[..4].parse().unwrap_or(2026);
    (huidig - 4..=huidig).rev().map(|j| j.to_string()).collect()
}

/// The requested year, or else the most recent year with registrations (or this year).
async fn standaardjaar(
    s: &AppState,
    g: &crate::auth::Gebruiker,
    regio: &str,
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
struct OverzichtQuery {
    #[serde(default)]
    soort: String,
    #[serde(default)]
    jaar: String,
    #[serde(default)]
    regio: String,
    /// Page of the list, from 1 (anything unreadable is the first).
    #[serde(default)]
    pagina: String,
}

/// One row of the overview.
struct Rij {
    m: Moment,
    samenvatting: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "casus/overzicht.html")]
struct OverzichtPagina {
    p: Pagina,
    regio: String,
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
}

impl OverzichtPagina {
    fn soorten(&self) -> &'static [Soort] {
        Soort::ALLE
    }
    /// The link to another page of the list with the same choices.
    fn pagina_url(&self, pagina: &u32) -> String {
        format!(
            "/casussen?regio={}&soort={}&jaar={}&pagina={pagina}",
            crate::web::url_encode(&self.regio),
            self.soort.map(Soort::code).unwrap_or(""),
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

fn samenvatting(m: &Moment) -> String {
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

async fn overzicht(
    State(s): State<AppState>,
    i: Ingelogd,
    Query(q): Query<OverzichtQuery>,
) -> AppResult<OverzichtPagina> {
    let regio = regio_van(&i, &q.regio);
    let soort = Soort::parse(&q.soort);
    let gevraagd = q.pagina.trim().parse::<u32>().unwrap_or(1);
    let keuze = (regio.as_str(), soort, q.jaar.trim());
    let service::Momentenlijst {
        jaar,
        lijst,
        te_laat,
    } = service::momentenlijst(&s.db, &i.gebruiker, keuze, gevraagd).await?;
    Ok(OverzichtPagina {
        p: i.pagina(format!("Afstemmingsmomenten – {}", regio_naam(&regio))),
        regio_naam: regio_naam(&regio),
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
    })
}

// ---- registration form --------------------------------------------------------------------

/// One field on a form with the user's input and its error.
pub struct VeldRij {
    pub veld: &'static Veld,
    pub waarde: String,
    pub fout: Option<String>,
    /// Heading to show before this field (first field of a group).
    pub groep: Option<&'static str>,
}

impl VeldRij {
    pub fn gekozen(&self, code: &&str) -> bool {
        self.waarde.split(',').any(|c| c == *code)
    }
}

fn veldrijen(
    soort: Soort,
    waarden: &BTreeMap<String, String>,
    fouten: &[Veldfout],
    met_persoon: bool,
) -> Vec<VeldRij> {
    let mut vorige = "";
    velden::velden(soort)
        .iter()
        .filter(|v| met_persoon || !v.is_persoonlijk())
        .map(|v| {
            let groep = (v.groep != vorige).then_some(v.groep);
            vorige = v.groep;
            VeldRij {
                veld: v,
                waarde: waarden.get(v.code).cloned().unwrap_or_default(),
                fout: fouten
                    .iter()
                    .find(|f| f.veld == v.code)
                    .map(|f| f.melding.clone()),
                groep,
            }
        })
        .collect()
}

#[derive(Template, WebTemplate)]
#[template(path = "casus/nieuw.html")]
struct NieuwPagina {
    p: Pagina,
    soort: Soort,
    invoer: MomentInvoer,
    rijen: Vec<VeldRij>,
    fouten: Vec<Veldfout>,
    organisaties: Vec<(i64, String, String)>,
    eigen_organisatie: i64,
    /// Actie-overleg: the region's overleggen to choose from.
    overleggen: Vec<super::model::Overleg>,
}

impl NieuwPagina {
    fn fout(&self, veld: &str) -> Option<String> {
        self.fouten
            .iter()
            .find(|f| f.veld == veld)
            .map(|f| f.melding.clone())
    }
    fn deelnemer_gekozen(&self, id: &i64) -> bool {
        self.invoer.deelnemers.contains(&id.to_string())
    }
}

async fn nieuw_pagina(
    s: &AppState,
    i: &Ingelogd,
    soort: Soort,
    invoer: MomentInvoer,
    fouten: Vec<Veldfout>,
) -> AppResult<NieuwPagina> {
    if !permissions::mag_casus_registreren(&i.gebruiker, &i.gebruiker.regio_code) {
        return Err(AppError::GeenToegang);
    }
    Ok(NieuwPagina {
        p: i.pagina(format!("Nieuw: {}", soort.label())),
        rijen: veldrijen(soort, &invoer.velden, &fouten, true),
        organisaties: service::organisaties(&s.db, &i.gebruiker.regio_code).await?,
        eigen_organisatie: i.gebruiker.organisatie_id,
        overleggen: if soort == Soort::Actieoverleg {
            service::overleggen(&s.db, &i.gebruiker, &i.gebruiker.regio_code).await?
        } else {
            vec![]
        },
        soort,
        invoer,
        fouten,
    })
}

#[derive(Deserialize, Default)]
struct NieuwQuery {
    #[serde(default)]
    casus: String,
}

async fn nieuw(
    State(s): State<AppState>,
    i: Ingelogd,
    Path(soort): Path<String>,
    Query(q): Query<NieuwQuery>,
) -> AppResult<NieuwPagina> {
    let soort = soort_uit(&soort)?;
    let invoer = MomentInvoer {
        casus: q.casus,
        tijdstip: nu_lokaal(),
        ..Default::default()
    };
    nieuw_pagina(&s, &i, soort, invoer, vec![]).await
}

async fn registreren(
    State(s): State<AppState>,
    i: Ingelogd,
    Path(soort): Path<String>,
    Form(paren): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let soort = soort_uit(&soort)?;
    let invoer = MomentInvoer::uit_paren(&paren);
    let uitkomst = service::registreren(
        &s.db,
        s.config.pseudoniem_sleutel.as_ref(),
        &i.gebruiker,
        soort,
        &invoer,
    )
    .await;
    prg(
        &i,
        uitkomst,
        |id| {
            (
                format!("{} is vastgelegd.", soort.label()),
                format!("/casussen/moment/{id}"),
            )
        },
        async |fouten| nieuw_pagina(&s, &i, soort, invoer, fouten).await,
    )
    .await
}

// ---- moment page --------------------------------------------------------------------------

#[derive(Template, WebTemplate)]
#[template(path = "casus/moment.html")]
struct MomentPagina {
    p: Pagina,
    b: MomentBeeld,
    /// Process fields for display: (label, shown value).
    proces: Vec<(&'static str, String)>,
    /// Personal fields for display (only when visible).
    persoon: Vec<(&'static str, String)>,
    /// The edit form (participants only).
    rijen: Vec<VeldRij>,
    tijdstip_invoer: String,
    fouten: Vec<Veldfout>,
    fout_bij: String,
    afspraak: AfspraakInvoer,
    /// The flow step form as typed (after a rejected step).
    stap: StapInvoer,
    organisaties: Vec<(i64, String, String)>,
    /// ZSM: (deadline shown, countdown text, overdue?) while no decision is recorded.
    termijn: Option<(String, String, bool)>,
    vandaag: String,
    /// The chair's upcoming meeting dates (to put the aanmelding on an agenda).
    vergaderdata: Vec<String>,
}

impl MomentPagina {
    fn afspraaksoorten(&self) -> &'static [AfspraakSoort] {
        AfspraakSoort::ALLE
    }
    fn afwijzingsredenen(&self) -> &'static [(&'static str, &'static str)] {
        velden::AFWIJZINGSREDENEN
    }
    /// The errors of one form, with the field ids that form's inputs have.
    fn fouten_voor(&self, formulier: &str) -> Vec<Veldfout> {
        if self.fout_bij != formulier {
            return vec![];
        }
        let prefix = if formulier == "afspraak" { "a-" } else { "" };
        self.fouten
            .iter()
            .map(|f| Veldfout::new(format!("{prefix}{}", f.veld), f.melding.clone()))
            .collect()
    }
    fn fout(&self, formulier: &str, veld: &str) -> Option<String> {
        if self.fout_bij != formulier {
            return None;
        }
        self.fouten
            .iter()
            .find(|f| f.veld == veld)
            .map(|f| f.melding.clone())
    }
    fn status_is(&self, codes: &str) -> bool {
        codes.split(',').any(|c| c == self.b.moment.status.code())
    }
    fn is_actieoverleg(&self) -> bool {
        self.b.moment.soort == Soort::Actieoverleg
    }
    fn persoon_zichtbaar(&self) -> bool {
        matches!(self.b.persoon, PersoonZicht::Zichtbaar(_))
    }
    fn persoon_gewist(&self) -> bool {
        matches!(self.b.persoon, PersoonZicht::Gewist)
    }
    fn casus_open(&self) -> bool {
        self.b.moment.casus_status == "open"
    }
    /// Every moment of the case is finished, so the case may be closed.
    fn alles_afgerond(&self) -> bool {
        self.b.casus_momenten.iter().all(|m| m.status.is_eind())
    }
    fn mag_heropenen(&self) -> bool {
        self.b.mag_heropenen
    }
    /// The "Deelname beëindigen" button: only where the server allows it.
    fn mag_beeindigen(&self, org: &i64) -> bool {
        self.b.mag_beeindigen.contains(org)
    }
    /// The "Gereed" button of an afspraak: its owner and the chair only.
    fn mag_afspraak_zetten(&self, afspraak: &i64) -> bool {
        self.b.mag_afspraak_zetten.contains(afspraak)
    }
    fn niet_deelnemend(&self) -> Vec<(i64, String)> {
        self.organisaties
            .iter()
            .filter(|(id, _, _)| {
                !self
                    .b
                    .deelnemers
                    .iter()
                    .any(|d| d.organisatie_id == *id && d.tot.is_none())
            })
            .map(|(id, naam, _)| (*id, naam.clone()))
            .collect()
    }
    fn dagdeel(&self) -> &'static str {
        dagdeel(&self.b.moment.tijdstip)
            .map(|d| d.label())
            .unwrap_or("")
    }
}

fn proces_weergave(m: &Moment) -> Vec<(&'static str, String)> {
    let mut uit: Vec<(&'static str, String)> = velden::velden(m.soort)
        .iter()
        .filter(|v| !v.is_persoonlijk())
        .map(|v| (v.label, v.toon(m.waarde(v.code))))
        .collect();
    let datum = |code: &str| crate::web::datum_nl(m.waarde(code));
    if m.soort == Soort::Zsm {
        // The checklist's open points matter as much as the ticked ones.
        let open: Vec<&str> = velden::AANDACHTSPUNTEN
            .iter()
            .filter(|(c, _)| !m.bevat("aandachtspunten", c))
            .map(|(_, l)| *l)
            .collect();
        uit.push((
            "Aandachtspunten nog niet aan bod",
            if open.is_empty() {
                "Geen: alle aandachtspunten zijn besproken".into()
            } else {
                format!(
                    "{} van {}: {}",
                    open.len(),
                    velden::AANDACHTSPUNTEN.len(),
                    open.join("; ")
                )
            },
        ));
    }
    if m.soort == Soort::Actieoverleg {
        if !m.waarde("voorbespreking_op").is_empty() {
            uit.push(("Voorbespreking", datum("voorbespreking_op")));
        }
        if !m.waarde("afwijzingsreden").is_empty() {
            let reden = velden::AFWIJZINGSREDENEN
                .iter()
                .find(|(c, _)| *c == m.waarde("afwijzingsreden"))
                .map(|(_, l)| *l)
                .unwrap_or("");
            uit.push(("Reden van afwijzing", reden.to_string()));
            if !m.waarde("afwijzing_toelichting").is_empty() {
                uit.push((
                    "Toelichting afwijzing",
                    m.waarde("afwijzing_toelichting").to_string(),
                ));
            }
        }
        if let Some(d) = &m.vergadering_datum {
            uit.push(("Geagendeerd voor", crate::web::datum_nl(d)));
        }
        if !m.waarde("besproken_op").is_empty() {
            uit.push(("Besproken op", datum("besproken_op")));
            uit.push(("Stap 1: informatie gedeeld en geduid", "Ja".into()));
        }
        if !m.waarde("overdracht").is_empty() {
            uit.push((
                "Stap 3: overdragen en uitvoeren",
                m.waarde("overdracht").to_string(),
            ));
        }
        uit.push((
            "Terugkoppeling aan inbrenger",
            if m.waarde("terugkoppeling_op").is_empty() {
                "Nog niet".into()
            } else {
                datum("terugkoppeling_op")
            },
        ));
    }
    if !m.waarde("afgerond_op").is_empty() {
        uit.push(("Afgerond op", datum("afgerond_op")));
    }
    uit
}

/// What the user typed into one of the moment page's forms, kept when that form is rejected.
#[derive(Default)]
struct Herinvoer {
    gegevens: Option<MomentInvoer>,
    afspraak: AfspraakInvoer,
    stap: StapInvoer,
}

async fn moment_pagina(
    s: &AppState,
    i: &Ingelogd,
    id: i64,
    invoer: Herinvoer,
    fouten: Vec<Veldfout>,
    fout_bij: &str,
) -> AppResult<MomentPagina> {
    let b = service::bekijken(&s.db, &i.gebruiker, id).await?;
    let m = &b.moment;
    let persoon_waarden = match &b.persoon {
        PersoonZicht::Zichtbaar(w) => w.clone(),
        _ => BTreeMap::new(),
    };
    let persoon = velden::velden(m.soort)
        .iter()
        .filter(|v| v.is_persoonlijk())
        .map(|v| {
            (
                v.label,
                v.toon(
                    persoon_waarden
                        .get(v.code)
                        .map(String::as_str)
                        .unwrap_or(""),
                ),
            )
        })
        .collect();
    let (waarden, tijdstip_invoer) = match &invoer.gegevens {
        Some(inv) => (inv.velden.clone(), inv.tijdstip.clone()),
        None => {
            let mut w = m.gegevens.clone();
            w.extend(persoon_waarden.clone());
            (w, m.tijdstip.clone())
        }
    };
    let met_persoon = matches!(b.persoon, PersoonZicht::Zichtbaar(_));
    let termijn = m
        .zsm_deadline()
        .filter(|_| m.waarde("beslissing_tijdstip").is_empty())
        .and_then(|d| aftellen(&nu_lokaal(), &d).map(|(min, tekst)| (d.clone(), tekst, min < 0)));
    // The Actie-overleg this aanmelding is for; its chair gets the upcoming meeting dates.
    let overleg = match m.overleg_id {
        Some(id) => service::overleggen(&s.db, &i.gebruiker, &m.regio_code)
            .await?
            .into_iter()
            .find(|o| o.id == id),
        None => None,
    };
    let vergaderdata = match &overleg {
        Some(o) if b.is_voorzitter => o.volgende_data(&crate::db::vandaag(), 6),
        _ => vec![],
    };
    let mut proces = proces_weergave(m);
    if let Some(o) = &overleg {
        proces.insert(
            0,
            (
                "Actie-overleg",
                format!("{} (voorzitter: {})", o.naam, o.voorzitter_naam),
            ),
        );
    }
    Ok(MomentPagina {
        p: i.pagina(format!("{} #{}", m.soort.label(), m.id)),
        vergaderdata,
        proces,
        rijen: veldrijen(m.soort, &waarden, &fouten, met_persoon),
        organisaties: service::organisaties(&s.db, &m.regio_code).await?,
        tijdstip_invoer,
        persoon,
        termijn,
        vandaag: crate::db::vandaag(),
        afspraak: invoer.afspraak,
        stap: invoer.stap,
        fouten,
        fout_bij: fout_bij.into(),
        b,
    })
}

async fn moment(
    State(s): State<AppState>,
    i: Ingelogd,
    Path(id): Path<i64>,
) -> AppResult<MomentPagina> {
    moment_met_fouten(&s, &i, id, vec![], "").await
}

/// The moment page again after a rejected form that keeps no input of its own.
async fn moment_met_fouten(
    s: &AppState,
    i: &Ingelogd,
    id: i64,
    fouten: Vec<Veldfout>,
    fout_bij: &str,
) -> AppResult<MomentPagina> {
    moment_pagina(s, i, id, Herinvoer::default(), fouten, fout_bij).await
}

fn naar(id: i64, anker: &str) -> String {
    format!("/casussen/moment/{id}#{anker}")
}

async fn bijwerken(
    State(s): State<AppState>,
    i: Ingelogd,
    Path(id): Path<i64>,
    Form(paren): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let invoer = MomentInvoer::uit_paren(&paren);
    let uitkomst = service::bijwerken(&s.db, &i.gebruiker, id, &invoer).await;
    prg(
        &i,
        uitkomst,
        |()| ("De gegevens zijn opgeslagen.".into(), naar(id, "gegevens")),
        async |fouten| {
            let invoer = Herinvoer {
                gegevens: Some(invoer),
                ..Default::default()
            };
            moment_pagina(&s, &i, id, invoer, fouten, "gegevens").await
        },
    )
    .await
}

async fn stap(
    State(s): State<AppState>,
    i: Ingelogd,
    Path(id): Path<i64>,
    Form(f): Form<StapInvoer>,
) -> AppResult<Response> {
    let uitkomst = service::stap(&s.db, &i.gebruiker, id, &f).await;
    let formulier = format!("stap-{}", f.stap);
    prg(
        &i,
        uitkomst,
        |st: Status| (format!("Status: {}.", st.label()), naar(id, "verloop")),
        async |fouten| {
            let invoer = Herinvoer {
                stap: f,
                ..Default::default()
            };
            moment_pagina(&s, &i, id, invoer, fouten, &formulier).await
        },
    )
    .await
}

async fn afspraak(
    State(s): State<AppState>,
    i: Ingelogd,
    Path(id): Path<i64>,
    Form(f): Form<AfspraakInvoer>,
) -> AppResult<Response> {
    let uitkomst = service::afspraak_toevoegen(&s.db, &i.gebruiker, id, &f).await;
    prg(
        &i,
        uitkomst,
        |_| ("De afspraak is vastgelegd.".into(), naar(id, "afspraken")),
        async |fouten| {
            let invoer = Herinvoer {
                afspraak: f,
                ..Default::default()
            };
            moment_pagina(&s, &i, id, invoer, fouten, "afspraak").await
        },
    )
    .await
}

#[derive(Deserialize)]
struct StatusForm {
    #[serde(default)]
    status: String,
    #[serde(default)]
    terug: String,
}

async fn afspraak_status(
    State(s): State<AppState>,
    i: Ingelogd,
    Path(id): Path<i64>,
    Form(f): Form<StatusForm>,
) -> AppResult<Redirect> {
    let a = service::afspraak_status(&s.db, &i.gebruiker, id, &f.status).await?;
    i.flash("De status van de afspraak is bijgewerkt.").await;
    Ok(Redirect::to(&if f.terug == "overzicht" {
        "/casussen/afspraken".to_string()
    } else {
        naar(a.moment_id, "afspraken")
    }))
}

#[derive(Deserialize)]
struct DeelnemerForm {
    #[serde(default)]
    organisatie: String,
    #[serde(default)]
    actie: String,
}

async fn deelnemer(
    State(s): State<AppState>,
    i: Ingelogd,
    Path(id): Path<i64>,
    Form(f): Form<DeelnemerForm>,
) -> AppResult<Response> {
    let uitkomst = match f.organisatie.trim().parse::<i64>() {
        Ok(org) => service::deelname(&s.db, &i.gebruiker, id, org, f.actie != "beeindigen").await,
        Err(_) => Err(AppError::Validatie(vec![Veldfout::new(
            "organisatie",
            "Kies een organisatie.",
        )])),
    };
    prg(
        &i,
        uitkomst,
        |()| {
            (
                "De deelnemers zijn bijgewerkt.".into(),
                naar(id, "deelnemers"),
            )
        },
        async |fouten| moment_met_fouten(&s, &i, id, fouten, "deelnemers").await,
    )
    .await
}

#[derive(Deserialize)]
struct CasusForm {
    #[serde(default)]
    actie: String,
}

async fn casus_status(
    State(s): State<AppState>,
    i: Ingelogd,
    Path(id): Path<i64>,
    Form(f): Form<CasusForm>,
) -> AppResult<Redirect> {
    let open = f.actie == "heropenen";
    let casus = service::casus_sluiten(&s.db, &i.gebruiker, id, open).await?;
    i.flash(if open {
        format!("Casus {casus} is heropend.")
    } else {
        format!(
            "Casus {casus} is gesloten. Niemand ziet nog de persoonsgegevens; ze worden na de bewaartermijn gewist."
        )
    })
    .await;
    Ok(Redirect::to(&format!("/casussen/moment/{id}")))
}

// ---- overdue afspraken --------------------------------------------------------------------

#[derive(Template, WebTemplate)]
#[template(path = "casus/afspraken.html")]
struct AfsprakenPagina {
    p: Pagina,
    afspraken: Vec<super::model::Afspraak>,
    vandaag: String,
}

async fn te_laat(State(s): State<AppState>, i: Ingelogd) -> AppResult<AfsprakenPagina> {
    Ok(AfsprakenPagina {
        p: i.pagina("Verlopen afspraken"),
        afspraken: service::te_laat(&s.db, &i.gebruiker).await?,
        vandaag: crate::db::vandaag(),
    })
}

// ---- Actie-overleg meetings ---------------------------------------------------------------

/// A meeting with its agenda (process data only).
struct VergaderingRij {
    v: super::model::Vergadering,
    agenda: Vec<Moment>,
    recent: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "casus/actieoverleg.html")]
struct ActieoverlegPagina {
    p: Pagina,
    regio: String,
    jaar: String,
    jaren: Vec<String>,
    overleggen: Vec<super::model::Overleg>,
    vergaderingen: Vec<VergaderingRij>,
    /// Accepted aanmeldingen waiting for a meeting.
    wachtend: Vec<Moment>,
    organisaties: Vec<(i64, String, String)>,
    mag_instellen: bool,
    /// The signed-in user: which meetings they chair.
    ik: crate::auth::Gebruiker,
    invoer: OverlegInvoer,
    fouten: Vec<Veldfout>,
}

impl ActieoverlegPagina {
    /// Names of the overleg's fixed (`vast`) or on-call organisations.
    fn namen(&self, o: &super::model::Overleg, vast: bool) -> String {
        let namen: Vec<&str> = o
            .organisaties
            .iter()
            .filter(|(_, _, _, v)| *v == vast)
            .map(|(_, naam, _, _)| naam.as_str())
            .collect();
        if namen.is_empty() {
            "geen".into()
        } else {
            namen.join(", ")
        }
    }
    fn komende(&self, o: &super::model::Overleg) -> Vec<String> {
        o.volgende_data(&crate::db::vandaag(), 4)
            .iter()
            .map(|d| crate::web::datum_nl(d))
            .collect()
    }
    fn weekdagen(&self) -> Vec<(usize, &'static str)> {
        WEEKDAGEN
            .iter()
            .enumerate()
            .map(|(i, d)| (i + 1, *d))
            .collect()
    }
    fn frequenties(&self) -> &'static [Frequentie] {
        Frequentie::ALLE
    }
    fn is_voorzitter(&self, org: &i64) -> bool {
        permissions::is_voorzitter(&self.ik, *org)
    }
    fn aanwezig(&self, v: &super::model::Vergadering, org: &i64) -> Option<bool> {
        v.aanwezigheid
            .iter()
            .find(|(o, _)| o == org)
            .map(|(_, a)| *a)
    }
    fn heeft_eerdere(&self) -> bool {
        self.vergaderingen.iter().any(|r| !r.recent)
    }
    /// Names of the organisations present at a meeting.
    fn aanwezigen(&self, v: &super::model::Vergadering) -> String {
        let namen: Vec<&str> = self
            .overleg_van(&v.overleg_id)
            .map(|o| {
                o.organisaties
                    .iter()
                    .filter(|(id, _, _, _)| self.aanwezig(v, id) == Some(true))
                    .map(|(_, naam, _, _)| naam.as_str())
                    .collect()
            })
            .unwrap_or_default();
        if namen.is_empty() {
            "niet vastgelegd".into()
        } else {
            namen.join(", ")
        }
    }
    fn overleg_van(&self, id: &i64) -> Option<&super::model::Overleg> {
        self.overleggen.iter().find(|o| o.id == *id)
    }
}

#[derive(Deserialize, Default)]
struct JaarQuery {
    #[serde(default)]
    jaar: String,
}

async fn actieoverleg_pagina(
    s: &AppState,
    i: &Ingelogd,
    jaar: &str,
    invoer: OverlegInvoer,
    fouten: Vec<Veldfout>,
) -> AppResult<ActieoverlegPagina> {
    let regio = regio_van(i, "");
    let momenten =
        service::overzicht(&s.db, &i.gebruiker, &regio, Some(Soort::Actieoverleg), jaar).await?;
    let (van, tot) = service::periode_grenzen(jaar)?;
    let vandaag = crate::db::vandaag();
    let vergaderingen = service::vergaderingen(&s.db, &i.gebruiker, &regio, &van, &tot)
        .await?
        .into_iter()
        // Upcoming meetings and the last eight held are shown in full, older ones compactly.
        .scan(0, |gehouden, v| {
            if v.datum < vandaag {
                *gehouden += 1;
            }
            Some((*gehouden, v))
        })
        .map(|(n, v)| VergaderingRij {
            agenda: momenten
                .iter()
                .filter(|m| m.vergadering_id == Some(v.id))
                .cloned()
                .collect(),
            recent: n <= 8,
            v,
        })
        .collect();
    Ok(ActieoverlegPagina {
        p: i.pagina("Actie-overleg"),
        ik: i.gebruiker.clone(),
        jaar: jaar.to_string(),
        jaren: laatste_jaren(),
        overleggen: service::overleggen(&s.db, &i.gebruiker, &regio).await?,
        wachtend: momenten
            .iter()
            .filter(|m| matches!(m.status, Status::Ingediend | Status::Geaccepteerd))
            .cloned()
            .collect(),
        organisaties: service::organisaties(&s.db, &regio).await?,
        mag_instellen: permissions::mag_overleg_instellen(&i.gebruiker, &regio),
        vergaderingen,
        regio,
        invoer,
        fouten,
    })
}

async fn actieoverleg(
    State(s): State<AppState>,
    i: Ingelogd,
    Query(q): Query<JaarQuery>,
) -> AppResult<ActieoverlegPagina> {
    let jaar = standaardjaar(&s, &i.gebruiker, &regio_van(&i, ""), &q.jaar).await?;
    actieoverleg_pagina(&s, &i, &jaar, OverlegInvoer::default(), vec![]).await
}

async fn overleg_aanmaken(
    State(s): State<AppState>,
    i: Ingelogd,
    Form(f): Form<OverlegInvoer>,
) -> AppResult<Response> {
    let uitkomst = service::overleg_aanmaken(&s.db, &i.gebruiker, &f).await;
    let jaar = crate::db::vandaag()[..4].to_string();
    prg(
        &i,
        uitkomst,
        |_| {
            (
                "Het Actie-overleg is ingesteld.".into(),
                "/actieoverleg".into(),
            )
        },
        async |fouten| actieoverleg_pagina(&s, &i, &jaar, f, fouten).await,
    )
    .await
}

async fn aanwezigheid(
    State(s): State<AppState>,
    i: Ingelogd,
    Path(id): Path<i64>,
    Form(paren): Form<Vec<(String, String)>>,
) -> AppResult<Redirect> {
    let aanwezig: Vec<i64> = paren
        .iter()
        .filter(|(k, _)| k == "aanwezig")
        .filter_map(|(_, v)| v.parse().ok())
        .collect();
    service::aanwezigheid(&s.db, &i.gebruiker, id, &aanwezig).await?;
    i.flash("De aanwezigheid is opgeslagen.").await;
    Ok(Redirect::to(&format!("/actieoverleg#vergadering-{id}")))
}

// ---- contact directory --------------------------------------------------------------------

#[derive(Template, WebTemplate)]
#[template(path = "casus/contactpunten.html")]
struct ContactPagina {
    p: Pagina,
    regio_naam: &'static str,
    punten: Vec<super::model::Contactpunt>,
    mag_schrijven: bool,
    /// The user's organisation, and whether they coordinate the region: who may remove which
    /// contact point.
    eigen_organisatie: i64,
    coordinator: bool,
    invoer: ContactInvoer,
    fouten: Vec<Veldfout>,
}

impl ContactPagina {
    fn soorten(&self) -> &'static [ContactSoort] {
        ContactSoort::ALLE
    }
    fn mag_verwijderen(&self, org: &i64) -> bool {
        self.mag_schrijven && (self.eigen_organisatie == *org || self.coordinator)
    }
}

async fn contact_pagina(
    s: &AppState,
    i: &Ingelogd,
    invoer: ContactInvoer,
    fouten: Vec<Veldfout>,
) -> AppResult<ContactPagina> {
    let regio = regio_van(i, "");
    Ok(ContactPagina {
        p: i.pagina("Contactpersonen en bureaudiensten"),
        regio_naam: regio_naam(&regio),
        punten: service::contactpunten(&s.db, &i.gebruiker, &regio).await?,
        mag_schrijven: permissions::mag_casus_registreren(&i.gebruiker, &regio),
        eigen_organisatie: i.gebruiker.organisatie_id,
        coordinator: i.gebruiker.rol == crate::auth::Rol::Regiocoordinator,
        invoer,
        fouten,
    })
}

async fn contactpunten(State(s): State<AppState>, i: Ingelogd) -> AppResult<ContactPagina> {
    contact_pagina(&s, &i, ContactInvoer::default(), vec![]).await
}

async fn contactpunt_toevoegen(
    State(s): State<AppState>,
    i: Ingelogd,
    Form(f): Form<ContactInvoer>,
) -> AppResult<Response> {
    let uitkomst = service::contactpunt_toevoegen(&s.db, &i.gebruiker, &f).await;
    prg(
        &i,
        uitkomst,
        |_| {
            (
                "Het contactpunt is toegevoegd.".into(),
                "/casussen/contactpunten".into(),
            )
        },
        async |fouten| contact_pagina(&s, &i, f, fouten).await,
    )
    .await
}

async fn contactpunt_verwijderen(
    State(s): State<AppState>,
    i: Ingelogd,
    Path(id): Path<i64>,
) -> AppResult<Redirect> {
    service::contactpunt_verwijderen(&s.db, &i.gebruiker, id).await?;
    i.flash("Het contactpunt is verwijderd.").await;
    Ok(Redirect::to("/casussen/contactpunten"))
}
