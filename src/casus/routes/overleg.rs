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
    /// The signed-in user: which meetings they chair.
    ik: crate::auth::Gebruiker,
    invoer: OverlegInvoer,
    fouten: Vec<Veldfout>,
}

impl ActieoverlegPagina {
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
    fn is_voorzitter(&self, org: &OrganisatieId) -> bool {
        permissions::is_voorzitter(&self.ik, *org)
    }
    fn aanwezig(&self, v: &crate::casus::model::Vergadering, org: &OrganisatieId) -> Option<bool> {
        v.aanwezigheid
            .iter()
            .find(|(o, _)| o == org)
            .map(|(_, a)| *a)
    }
    fn heeft_eerdere(&self) -> bool {
        self.vergaderingen.iter().any(|r| !r.recent)
    }
    /// Names of the organisations present at a meeting.
    fn aanwezigen(&self, v: &crate::casus::model::Vergadering) -> String {
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
    fn overleg_van(&self, id: &i64) -> Option<&crate::casus::model::Overleg> {
        self.overleggen.iter().find(|o| o.id == *id)
    }
}

#[derive(Deserialize, Default)]
pub(super) struct JaarQuery {
    #[serde(default)]
    jaar: String,
}

pub(super) async fn actieoverleg_pagina(
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

pub(super) async fn actieoverleg(
    State(s): State<AppState>,
    i: Ingelogd,
    Query(q): Query<JaarQuery>,
) -> AppResult<ActieoverlegPagina> {
    let jaar = standaardjaar(&s, &i.gebruiker, &regio_van(&i, ""), &q.jaar).await?;
    actieoverleg_pagina(&s, &i, &jaar, OverlegInvoer::default(), vec![]).await
}

pub(super) async fn overleg_aanmaken(
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
    Ok(Redirect::to(&format!("/actieoverleg#vergadering-{id}")))
}
