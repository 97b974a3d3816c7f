//! The overview of a region's moments per year and kind.

use super::*;
use crate::gedeeld::RegioCode;

/// This year and the four before it, newest first (the years offered for selection).
pub(super) fn laatste_jaren() -> Vec<String> {
    let huidig = crate::db::dit_jaar();
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
        .unwrap_or_else(|| crate::db::dit_jaar().to_string()))
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
    #[serde(default)]
    status: String,
    /// An organisation taking part now (id).
    #[serde(default)]
    organisatie: String,
    /// "eigen": only moments the user's organisation takes part in now.
    #[serde(default)]
    deelname: String,
}

impl OverzichtQuery {
    /// The list's filter; "alleen waar ik deelneem" takes the user's organisation.
    fn filter(&self, i: &Ingelogd) -> Lijstfilter {
        Lijstfilter {
            soort: Soort::parse(&self.soort),
            status: Status::parse(&self.status),
            organisatie: if self.deelname == "eigen" {
                Some(i.gebruiker.organisatie_id)
            } else {
                self.organisatie.trim().parse().ok()
            },
        }
    }
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
    filter: Lijstfilter,
    eigen: bool,
    /// The region's partner organisations (id, name), to filter on.
    organisaties: Vec<(crate::gedeeld::OrganisatieId, String)>,
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
    fn statussen(&self) -> &'static [Status] {
        Status::ALLE
    }
    fn is_status(&self, s: &Status) -> bool {
        self.filter.status == Some(*s)
    }
    fn is_organisatie(&self, o: &crate::gedeeld::OrganisatieId) -> bool {
        !self.eigen && self.filter.organisatie == Some(*o)
    }
    /// The list's choices as query parameters (without the page).
    fn keuzes(&self) -> String {
        format!(
            "regio={}&soort={}&jaar={}&status={}&organisatie={}&deelname={}",
            crate::web::url_encode(self.regio.as_str()),
            self.soort.map_or("", Soort::code),
            crate::web::url_encode(&self.jaar),
            self.filter.status.map_or("", Status::code),
            match self.filter.organisatie {
                Some(o) if !self.eigen => o.to_string(),
                _ => String::new(),
            },
            if self.eigen { "eigen" } else { "" }
        )
    }
    /// The link to another page of the list with the same choices.
    fn pagina_url(&self, pagina: &u32) -> String {
        format!("/casussen?{}&pagina={pagina}", self.keuzes())
    }
    /// The list as the user sees it, as a CSV file.
    fn export_url(&self) -> String {
        format!("/casussen/export.csv?{}", self.keuzes())
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
    let filter = q.filter(&i);
    let gevraagd = q.pagina.trim().parse::<u32>().unwrap_or(1);
    let keuze = (&regio, &filter, q.jaar.trim());
    let service::Momentenlijst {
        jaar,
        lijst,
        te_laat,
    } = service::momentenlijst(&s.db, &i.gebruiker, keuze, gevraagd).await?;
    Ok(OverzichtPagina {
        p: crate::hulp::pagina(
            &s.db,
            &i,
            format!("Afstemmingsmomenten – {}", regio_naam(regio)),
            ("casussen", "/casussen"),
        )
        .await,
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
        organisaties: service::organisaties(&s.db, &regio)
            .await?
            .into_iter()
            .map(|(id, naam, _)| (id, naam))
            .collect(),
        regio,
        jaar,
        soort: filter.soort,
        filter,
        eigen: q.deelname == "eigen",
        nummer: q.nummer.trim().to_string(),
        zoekmelding,
    }
    .into_response())
}

/// The moment list as the user sees it (same choices, all pages) as CSV: process data only,
/// like the list (free text is replaced, personal data never included).
pub(super) async fn export(
    State(s): State<AppState>,
    i: Ingelogd,
    Query(q): Query<OverzichtQuery>,
) -> AppResult<axum::response::Response> {
    let regio = regio_van(&i, &q.regio);
    let filter = q.filter(&i);
    let jaar = standaardjaar(&s, &i.gebruiker, &regio, q.jaar.trim()).await?;
    let momenten = service::momenten_export(&s.db, &i.gebruiker, (&regio, &filter, &jaar)).await?;
    let mut w = csv::WriterBuilder::new()
        .delimiter(b';')
        .from_writer(Vec::from(*b"\xEF\xBB\xBF"));
    let fout = |e: csv::Error| AppError::Intern(e.into());
    w.write_record([
        "moment",
        "casus",
        "casus_status",
        "soort",
        "tijdstip",
        "status",
        "kern",
    ])
    .map_err(fout)?;
    for m in &momenten {
        w.write_record([
            m.id.to_string(),
            m.casus_id.to_string(),
            m.casus_status.clone(),
            m.soort.label().to_string(),
            velden::tijdstip_nl(&m.tijdstip),
            m.status.label().to_string(),
            samenvatting(m),
        ])
        .map_err(fout)?;
    }
    let inhoud = w
        .into_inner()
        .map_err(|e| AppError::Intern(anyhow::anyhow!("CSV: {}", e.error())))?;
    Ok(crate::web::download(
        "text/csv; charset=utf-8",
        &format!("afstemmingsmomenten-{}-{jaar}.csv", regio.as_str()),
        inhoud,
    ))
}
