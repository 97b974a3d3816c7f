//! Overdue afspraken and the Actie-overleg meetings (attendance).

use super::*;
use crate::gedeeld::OrganisatieId;

#[derive(Template, WebTemplate)]
#[template(path = "casus/afspraken.html")]
pub(super) struct AfsprakenPagina {
    p: Pagina,
    afspraken: Vec<crate::casus::model::Afspraak>,
    vandaag: String,
}

pub(super) async fn te_laat(State(s): State<AppState>, i: Ingelogd) -> AppResult<AfsprakenPagina> {
    Ok(AfsprakenPagina {
        p: i.pagina("Verlopen afspraken"),
        afspraken: service::te_laat(&s.db, &i.gebruiker).await?,
        vandaag: crate::db::vandaag(),
    })
}

// ---- Actie-overleg meetings ---------------------------------------------------------------

/// A meeting with its agenda (process data only).
pub(super) struct VergaderingRij {
    v: crate::casus::model::Vergadering,
    agenda: Vec<Moment>,
    /// Today or later.
    recent: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "casus/actieoverleg.html")]
pub(super) struct ActieoverlegPagina {
    p: Pagina,
    regio: RegioCode,
    jaar: String,
    jaren: Vec<String>,
    overleggen: Vec<crate::casus::model::Overleg>,
    vergaderingen: Vec<VergaderingRij>,
    /// Accepted aanmeldingen waiting for a meeting.
    wachtend: Vec<Moment>,
    organisaties: Vec<(OrganisatieId, String, String)>,
    mag_instellen: bool,
    invoer: OverlegInvoer,
    fouten: Vec<Veldfout>,
    /// The page of meetings held, and how many pages there are.
    pagina: usize,
    paginas: usize,
    /// Aanmeldingen of the year per referral criterion, and the suppression threshold.
    criteria: Vec<crate::casus::model::CriteriumTelling>,
    drempel: u64,
}

/// Meetings held shown per page of the Actie-overleg page.
const EERDERE_PER_PAGINA: usize = 20;

impl ActieoverlegPagina {
    fn getal(&self, n: &usize) -> String {
        crate::casus::model::CriteriumTelling::getal(*n, self.drempel)
    }
    fn heeft_criteria(&self) -> bool {
        self.criteria.iter().any(|c| c.aangemeld > 0)
    }
    /// Names of the overleg's fixed (`vast`) or on-call organisations.
    fn namen(&self, o: &crate::casus::model::Overleg, vast: bool) -> String {
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
    fn komende(&self, o: &crate::casus::model::Overleg) -> Vec<String> {
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
    fn heeft_eerdere(&self) -> bool {
        self.vergaderingen.iter().any(|r| !r.recent)
    }
    /// Names of the organisations present at a meeting.
    fn aanwezigen(&self, v: &crate::casus::model::Vergadering) -> String {
        self.overleg_van(&v.overleg_id)
            .map_or_else(|| "niet vastgelegd".into(), |o| v.aanwezigen(o))
    }
    fn overleg_van(&self, id: &i64) -> Option<&crate::casus::model::Overleg> {
        self.overleggen.iter().find(|o| o.id == *id)
    }
}

#[derive(Deserialize, Default)]
pub(super) struct JaarQuery {
    #[serde(default)]
    jaar: String,
    /// The page of meetings held (anything unreadable is the first).
    #[serde(default)]
    pagina: String,
}

pub(super) async fn actieoverleg_pagina(
    s: &AppState,
    i: &Ingelogd,
    jaar: &str,
    (invoer, fouten): (OverlegInvoer, Vec<Veldfout>),
    pagina: usize,
) -> AppResult<ActieoverlegPagina> {
    let regio = regio_van(i, "");
    let momenten =
        service::overzicht(&s.db, &i.gebruiker, &regio, Some(Soort::Actieoverleg), jaar).await?;
    let (van, tot) = service::periode_grenzen(jaar)?;
    let vandaag = crate::db::vandaag();
    // Upcoming meetings come first, with their agendas (soonest first); those held follow as
    // a compact table, a page at a time (newest first).
    let (mut komend, gehouden): (Vec<VergaderingRij>, Vec<VergaderingRij>) =
        service::vergaderingen(&s.db, &i.gebruiker, &regio, &van, &tot)
            .await?
            .into_iter()
            .map(|v| VergaderingRij {
                agenda: momenten
                    .iter()
                    .filter(|m| m.vergadering_id == Some(v.id))
                    .cloned()
                    .collect(),
                recent: v.datum >= vandaag,
                v,
            })
            .partition(|r| r.recent);
    komend.reverse();
    let paginas = gehouden.len().div_ceil(EERDERE_PER_PAGINA).max(1);
    let pagina = pagina.clamp(1, paginas);
    let vergaderingen = komend
        .into_iter()
        .chain(
            gehouden
                .into_iter()
                .skip((pagina - 1) * EERDERE_PER_PAGINA)
                .take(EERDERE_PER_PAGINA),
        )
        .collect();
    Ok(ActieoverlegPagina {
        p: crate::hulp::pagina(&s.db, i, "Actie-overleg", ("actieoverleg", "/actieoverleg")).await,
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
        pagina,
        paginas,
        criteria: crate::casus::model::criteria_telling(&momenten),
        drempel: s.config.onderdrukking,
    })
}

pub(super) async fn actieoverleg(
    State(s): State<AppState>,
    i: Ingelogd,
    Query(q): Query<JaarQuery>,
) -> AppResult<ActieoverlegPagina> {
    let jaar = standaardjaar(&s, &i.gebruiker, &regio_van(&i, ""), &q.jaar).await?;
    let pagina = q.pagina.trim().parse().unwrap_or(1);
    actieoverleg_pagina(&s, &i, &jaar, (OverlegInvoer::default(), vec![]), pagina).await
}

pub(super) async fn overleg_aanmaken(
    State(s): State<AppState>,
    i: Ingelogd,
    Form(f): Form<OverlegInvoer>,
) -> AppResult<Response> {
    let uitkomst = service::overleg_aanmaken(&s.db, &i.gebruiker, &f).await;
    let jaar = crate::db::dit_jaar().to_string();
    prg(
        &i,
        uitkomst,
        |_| {
            (
                "Het Actie-overleg is ingesteld.".into(),
                "/actieoverleg".into(),
            )
        },
        async |fouten| actieoverleg_pagina(&s, &i, &jaar, (f, fouten), 1).await,
    )
    .await
}

pub(super) async fn aanwezigheid(
    State(s): State<AppState>,
    i: Ingelogd,
    Path(id): Path<i64>,
    Form(paren): Form<Vec<(String, String)>>,
) -> AppResult<Redirect> {
    let aanwezig: Vec<OrganisatieId> = paren
        .iter()
        .filter(|(k, _)| k == "aanwezig")
        .filter_map(|(_, v)| v.parse().ok())
        .collect();
    service::aanwezigheid(&s.db, &i.gebruiker, id, &aanwezig).await?;
    i.flash("De aanwezigheid is opgeslagen.").await;
    Ok(Redirect::to(&format!(
        "/actieoverleg/vergadering/{id}#aanwezigheid"
    )))
}

// ---- one meeting: agenda, attendance, besluitenlijst, calendar file and PDF ---------------

#[derive(Template, WebTemplate)]
#[template(path = "casus/vergadering.html")]
pub(super) struct VergaderingPagina {
    p: Pagina,
    b: service::VergaderingBeeld,
    /// The meeting has been held (today or before): the besluitenlijst is its result.
    gehouden: bool,
}

impl VergaderingPagina {
    fn aanwezig(&self, org: &OrganisatieId) -> Option<bool> {
        self.b.vergadering.aanwezig(org)
    }
    /// Names of the organisations recorded present, or that none were.
    fn aanwezigen(&self) -> String {
        self.b.vergadering.aanwezigen(&self.b.overleg)
    }
}

pub(super) async fn vergadering(
    State(s): State<AppState>,
    i: Ingelogd,
    Path(id): Path<i64>,
) -> AppResult<VergaderingPagina> {
    let b = service::vergadering(&s.db, &i.gebruiker, id).await?;
    Ok(VergaderingPagina {
        p: i.pagina(format!(
            "Actie-overleg {}",
            crate::web::datum_nl(&b.vergadering.datum)
        )),
        gehouden: b.vergadering.datum <= crate::db::vandaag(),
        b,
    })
}

/// The meeting for the participants' calendars: no case content (`casus::ics`).
pub(super) async fn vergadering_ics(
    State(s): State<AppState>,
    i: Ingelogd,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let (vergadering, overleg, agenda) = service::vergadering_kop(&s.db, &i.gebruiker, id).await?;
    let link = format!(
        "{}/actieoverleg/vergadering/{id}",
        s.config.basis_url.trim_end_matches('/')
    );
    let ics =
        crate::casus::ics::vergadering(&vergadering, &overleg, agenda, &link, &crate::db::nu());
    Ok(crate::web::download(
        "text/calendar; charset=utf-8",
        &format!("actieoverleg-{}.ics", vergadering.datum),
        ics.into_bytes(),
    ))
}

/// Agenda and besluitenlijst as a PDF for the user's organisation: each case's question and
/// afspraken in full only where that organisation takes part (as on the page).
pub(super) async fn vergadering_pdf(
    State(s): State<AppState>,
    i: Ingelogd,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    use crate::rapport::pdf::{Agendaregel, BesluitRegel, Vergaderstuk};
    let b = service::vergadering(&s.db, &i.gebruiker, id).await?;
    let verborgen = "(alleen voor de deelnemers aan deze casus)";
    let stuk = Vergaderstuk {
        overleg: b.overleg.naam.clone(),
        datum: crate::web::datum_nl(&b.vergadering.datum),
        tijd: b.overleg.tijd.clone(),
        voorzitter: b.overleg.voorzitter_naam.clone(),
        aanwezig: b.vergadering.aanwezigen(&b.overleg),
        voor: i.gebruiker.organisatie_naam.clone(),
        punten: b
            .agenda
            .iter()
            .map(|a| Agendaregel {
                nummer: format!("#{}", a.moment.id),
                ingediend: velden::tijdstip_nl(&a.moment.tijdstip),
                inbrenger: a.inbrenger.clone(),
                status: a.moment.status.label().into(),
                vraag: match (&a.vraag, a.deelnemer) {
                    (Some(v), _) => v.clone(),
                    (None, true) => "–".into(),
                    (None, false) => verborgen.into(),
                },
                afspraken: a
                    .afspraken
                    .iter()
                    .map(|x| BesluitRegel {
                        eigenaar: match &x.eigenaar_gebruiker {
                            Some((_, naam)) if a.deelnemer => {
                                format!("{} ({naam})", x.eigenaar_naam)
                            }
                            _ => x.eigenaar_naam.clone(),
                        },
                        soort: x.soort.label().into(),
                        omschrijving: x.omschrijving.clone(),
                        deadline: crate::web::datum_nl(&x.deadline),
                        status: x.status.label().into(),
                    })
                    .collect(),
            })
            .collect(),
        voetnoot: format!(
            "Gemaakt in Voorop op {} voor {}. Vertrouwelijk: alleen voor de deelnemers aan het \
             Actie-overleg; niet doorsturen. Wie dit stuk maakte, staat in het auditlog.",
            crate::web::datum_nl(&crate::db::vandaag()),
            i.gebruiker.organisatie_naam
        ),
    };
    let pdf =
        crate::rapport::pdf::op_achtergrond(move || crate::rapport::pdf::vergadering_pdf(&stuk))
            .await?;
    Ok(crate::web::download(
        "application/pdf",
        &format!("actieoverleg-{}.pdf", b.vergadering.datum),
        pdf,
    ))
}
