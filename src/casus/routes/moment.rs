//! The moment page (process data for the region, personal data under need-to-know) and what is posted from it: steps, afspraken, participants, the case's status.

use super::*;
use crate::casus::gevolgen::{Gevolgen, Handeling};
use crate::gedeeld::OrganisatieId;
use axum::response::IntoResponse;

#[derive(Template, WebTemplate)]
#[template(path = "casus/moment.html")]
pub(super) struct MomentPagina {
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
    organisaties: Vec<(OrganisatieId, String, String)>,
    /// ZSM: (deadline shown, countdown text, overdue?) while no decision is recorded.
    termijn: Option<(String, String, bool)>,
    vandaag: String,
    /// The chair's upcoming meeting dates (to put the aanmelding on an agenda).
    vergaderdata: Vec<String>,
    /// The user's organisation.
    ik: OrganisatieId,
    /// Users of the own organisation an afspraak can be named to (participants who may write).
    collegas: Vec<(crate::gedeeld::GebruikerId, String)>,
    /// The result typed for an afspraak whose "Gereed" was rejected.
    resultaat: Option<(crate::gedeeld::AfspraakId, String)>,
    /// The case's veiligheidsinschattingen, newest first, and the form as typed.
    inschattingen: Vec<crate::casus::model::Inschatting>,
    inschatting: InschattingInvoer,
}

impl MomentPagina {
    fn veiligheden(&self) -> &'static [crate::casus::model::Veiligheid] {
        crate::casus::model::Veiligheid::ALLE
    }
    fn afspraaksoorten(&self) -> &'static [AfspraakSoort] {
        AfspraakSoort::ALLE
    }
    fn afwijzingsredenen(&self) -> &'static [(&'static str, &'static str)] {
        velden::AFWIJZINGSREDENEN
    }
    fn criteria(&self) -> &'static [(&'static str, &'static str)] {
        velden::CRITERIA
    }
    /// The criterion chosen in the voorbespreking form: as typed, or else the inbrenger's.
    fn criterium_gekozen(&self, code: &str) -> bool {
        if self.stap.criterium.is_empty() {
            self.b.moment.waarde("criterium") == code
        } else {
            self.stap.criterium == code
        }
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
    fn mag_beeindigen(&self, org: &OrganisatieId) -> bool {
        self.b.mag_beeindigen.contains(org)
    }
    /// The "Gereed" button of an afspraak: its owner and the chair only.
    fn mag_afspraak_zetten(&self, afspraak: &crate::gedeeld::AfspraakId) -> bool {
        self.b.mag_afspraak_zetten.contains(afspraak)
    }
    /// The "Toewijzen" form of an open afspraak: users of its owner organisation only.
    fn mag_toewijzen(&self, a: &crate::casus::model::Afspraak) -> bool {
        self.b.mag_schrijven
            && self.casus_open()
            && a.status == crate::casus::model::AfspraakStatus::Open
            && a.eigenaar_organisatie_id == self.ik
    }
    /// The result typed for this afspraak before a rejected "Gereed".
    fn resultaat_van(&self, a: &crate::gedeeld::AfspraakId) -> &str {
        match &self.resultaat {
            Some((id, r)) if id == a => r,
            _ => "",
        }
    }
    fn niet_deelnemend(&self) -> Vec<(OrganisatieId, String)> {
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
        dagdeel(&self.b.moment.tijdstip).map_or("", crate::casus::model::Dagdeel::label)
    }
}

pub(super) fn proces_weergave(m: &Moment) -> Vec<(&'static str, String)> {
    let mut uit: Vec<(&'static str, String)> = velden::velden(m.soort)
        .iter()
        .filter(|v| !v.is_persoonlijk())
        .map(|v| (v.label, v.toon(m.waarde(v.code))))
        .collect();
    let datum = |code: &str| crate::web::datum_nl(m.waarde(code));
    if m.soort == Soort::Zsm {
        // The checklist's open points matter as much as the ticked ones; "kinderen in beeld"
        // does not apply to a case recorded without children.
        let van_toepassing: Vec<&(&str, &str)> = velden::AANDACHTSPUNTEN
            .iter()
            .filter(|(c, _)| !(*c == "kinderen" && m.waarde("kinderen") == "nee"))
            .collect();
        let open: Vec<&str> = van_toepassing
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
                    van_toepassing.len(),
                    open.join("; ")
                )
            },
        ));
    }
    if let Some(binnen) = m.beslissing_binnen_termijn() {
        uit.push((
            "Eerste beslissing binnen de termijn van ophouden voor onderzoek",
            if binnen {
                "Ja"
            } else {
                "Nee, na het einde van de termijn"
            }
            .into(),
        ));
    }
    if m.soort == Soort::Actieoverleg {
        if !m.waarde("voorbespreking_op").is_empty() {
            uit.push(("Voorbespreking", datum("voorbespreking_op")));
        }
        if let Some((_, l)) = velden::CRITERIA
            .iter()
            .find(|(c, _)| *c == m.waarde("criterium_vastgesteld"))
        {
            uit.push(("Criterium vastgesteld door de voorzitter", l.to_string()));
        }
        if !m.waarde("afwijzingsreden").is_empty() {
            let reden = velden::AFWIJZINGSREDENEN
                .iter()
                .find(|(c, _)| *c == m.waarde("afwijzingsreden"))
                .map_or("", |(_, l)| *l);
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
pub(super) struct Herinvoer {
    gegevens: Option<MomentInvoer>,
    afspraak: AfspraakInvoer,
    stap: StapInvoer,
    resultaat: Option<(crate::gedeeld::AfspraakId, String)>,
    inschatting: InschattingInvoer,
}

pub(super) async fn moment_pagina(
    s: &AppState,
    i: &Ingelogd,
    id: MomentId,
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
                v.toon(persoon_waarden.get(v.code).map_or("", String::as_str)),
            )
        })
        .collect();
    let (waarden, tijdstip_invoer) = if let Some(inv) = &invoer.gegevens {
        (inv.velden.clone(), inv.tijdstip.clone())
    } else {
        let mut w = m.gegevens.clone();
        w.extend(persoon_waarden.clone());
        (w, m.tijdstip.clone())
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
    let organisaties = service::organisaties(&s.db, &m.regio_code).await?;
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
    let collegas = if b.mag_schrijven {
        service::collegas(&s.db, &i.gebruiker).await?
    } else {
        vec![]
    };
    let inschattingen = service::inschattingen(&s.db, &i.gebruiker, m).await?;
    Ok(MomentPagina {
        p: crate::hulp::pagina(
            &s.db,
            i,
            format!("{} #{}", m.soort.label(), m.id),
            ("moment", &format!("/casussen/moment/{}", m.id)),
        )
        .await,
        inschattingen,
        inschatting: invoer.inschatting,
        vergaderdata,
        collegas,
        ik: i.gebruiker.organisatie_id,
        resultaat: invoer.resultaat,
        proces,
        rijen: veldrijen(m.soort, &waarden, &fouten, met_persoon, &organisaties),
        organisaties,
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

pub(super) async fn moment(
    State(s): State<AppState>,
    i: Ingelogd,
    Path(id): Path<MomentId>,
) -> AppResult<MomentPagina> {
    moment_met_fouten(&s, &i, id, vec![], "").await
}

/// The moment page again after a rejected form that keeps no input of its own.
pub(super) async fn moment_met_fouten(
    s: &AppState,
    i: &Ingelogd,
    id: MomentId,
    fouten: Vec<Veldfout>,
    fout_bij: &str,
) -> AppResult<MomentPagina> {
    moment_pagina(s, i, id, Herinvoer::default(), fouten, fout_bij).await
}

pub(super) fn naar(id: MomentId, anker: &str) -> String {
    format!("/casussen/moment/{id}#{anker}")
}

pub(super) async fn bijwerken(
    State(s): State<AppState>,
    i: Ingelogd,
    Path(id): Path<MomentId>,
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

pub(super) async fn stap(
    State(s): State<AppState>,
    i: Ingelogd,
    Path(id): Path<MomentId>,
    Form(f): Form<StapInvoer>,
) -> AppResult<Response> {
    if f.stap == "afronden" && !f.bevestigd() {
        let gevolgen = service::gevolgen(
            &s.db,
            &i.gebruiker,
            id,
            Handeling::Afronden,
            s.config.bewaartermijn_maanden,
        )
        .await?;
        if gevolgen.nodig {
            return Ok(bevestigen_naar(id, Handeling::Afronden).into_response());
        }
    }
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

pub(super) async fn afspraak(
    State(s): State<AppState>,
    i: Ingelogd,
    Path(id): Path<MomentId>,
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

pub(super) async fn veiligheid(
    State(s): State<AppState>,
    i: Ingelogd,
    Path(id): Path<MomentId>,
    Form(f): Form<InschattingInvoer>,
) -> AppResult<Response> {
    let uitkomst = service::inschatting_vastleggen(&s.db, &i.gebruiker, id, &f).await;
    prg(
        &i,
        uitkomst,
        |_| {
            (
                "De veiligheidsinschatting is vastgelegd.".into(),
                naar(id, "veiligheid"),
            )
        },
        async |fouten| {
            let invoer = Herinvoer {
                inschatting: f,
                ..Default::default()
            };
            moment_pagina(&s, &i, id, invoer, fouten, "veiligheid").await
        },
    )
    .await
}

#[derive(Deserialize)]
pub(super) struct StatusForm {
    #[serde(default)]
    status: String,
    #[serde(default)]
    resultaat: String,
    /// Where to go back to: "overzicht" (overdue afspraken), "mijn-werk", or the moment.
    #[serde(default)]
    terug: String,
    /// The moment the form is on: only to show its page again after a rejected result.
    #[serde(default)]
    moment: String,
}

/// Where a form about an afspraak returns to.
fn terug_naar(terug: &str, moment: MomentId) -> String {
    match terug {
        "overzicht" => "/casussen/afspraken".into(),
        "mijn-werk" => "/mijn-werk#afspraken".into(),
        _ => naar(moment, "afspraken"),
    }
}

pub(super) async fn afspraak_status(
    State(s): State<AppState>,
    i: Ingelogd,
    Path(id): Path<crate::gedeeld::AfspraakId>,
    Form(f): Form<StatusForm>,
) -> AppResult<Response> {
    let uitkomst = service::afspraak_status(&s.db, &i.gebruiker, id, &f.status, &f.resultaat).await;
    let moment = f.moment.trim().parse::<MomentId>().ok();
    match (uitkomst, moment) {
        (Err(AppError::Validatie(fouten)), Some(m)) => {
            let invoer = Herinvoer {
                resultaat: Some((id, f.resultaat.clone())),
                ..Default::default()
            };
            prg(
                &i,
                Err::<(), _>(AppError::Validatie(fouten)),
                |_| (String::new(), String::new()),
                async |fouten| moment_pagina(&s, &i, m, invoer, fouten, "resultaat").await,
            )
            .await
        }
        (uitkomst, _) => {
            let a = uitkomst?;
            i.flash("De status van de afspraak is bijgewerkt.").await;
            Ok(Redirect::to(&terug_naar(&f.terug, a.moment_id)).into_response())
        }
    }
}

#[derive(Deserialize)]
pub(super) struct ToewijzenForm {
    #[serde(default)]
    medewerker: String,
    #[serde(default)]
    terug: String,
}

pub(super) async fn afspraak_toewijzen(
    State(s): State<AppState>,
    i: Ingelogd,
    Path(id): Path<crate::gedeeld::AfspraakId>,
    Form(f): Form<ToewijzenForm>,
) -> AppResult<Redirect> {
    let a = service::afspraak_toewijzen(&s.db, &i.gebruiker, id, &f.medewerker).await?;
    i.flash(if f.medewerker.trim().is_empty() {
        "De afspraak ligt weer bij de hele organisatie."
    } else {
        "De afspraak is toegewezen."
    })
    .await;
    Ok(Redirect::to(&terug_naar(&f.terug, a.moment_id)))
}

#[derive(Deserialize)]
pub(super) struct DeelnemerForm {
    #[serde(default)]
    organisatie: String,
    #[serde(default)]
    actie: String,
    #[serde(default)]
    bevestigd: String,
}

pub(super) async fn deelnemer(
    State(s): State<AppState>,
    i: Ingelogd,
    Path(id): Path<MomentId>,
    Form(f): Form<DeelnemerForm>,
) -> AppResult<Response> {
    let organisatie = f.organisatie.trim().parse::<OrganisatieId>();
    if let (Ok(org), "beeindigen", false) = (&organisatie, f.actie.as_str(), f.bevestigd == "ja") {
        return Ok(bevestigen_naar(id, Handeling::DeelnameBeeindigen(*org)).into_response());
    }
    let uitkomst = match organisatie {
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
pub(super) struct CasusForm {
    #[serde(default)]
    actie: String,
    #[serde(default)]
    bevestigd: String,
}

pub(super) async fn casus_status(
    State(s): State<AppState>,
    i: Ingelogd,
    Path(id): Path<MomentId>,
    Form(f): Form<CasusForm>,
) -> AppResult<Redirect> {
    let open = f.actie == "heropenen";
    if !open && f.bevestigd != "ja" {
        return Ok(bevestigen_naar(id, Handeling::CasusSluiten));
    }
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

/// The confirmation page of an action on a moment.
fn bevestigen_naar(id: MomentId, h: Handeling) -> Redirect {
    Redirect::to(&format!("/casussen/moment/{id}/bevestigen?{}", h.query()))
}

#[derive(Template, WebTemplate)]
#[template(path = "casus/bevestigen.html")]
pub(super) struct BevestigenPagina {
    p: Pagina,
    moment: MomentId,
    g: Gevolgen,
    /// Where the confirmed form goes, and its fields besides the token and `bevestigd`.
    actie: String,
    velden: Vec<(&'static str, String)>,
}

#[derive(Deserialize)]
pub(super) struct BevestigenQuery {
    #[serde(default)]
    handeling: String,
    organisatie: Option<String>,
}

/// `GET /casussen/moment/{id}/bevestigen`: what the action does, to whom, before it is done.
pub(super) async fn bevestigen(
    State(s): State<AppState>,
    i: Ingelogd,
    Path(id): Path<MomentId>,
    Query(q): Query<BevestigenQuery>,
) -> AppResult<BevestigenPagina> {
    let h = Handeling::parse(&q.handeling, q.organisatie.as_deref())
        .ok_or(AppError::NietGevonden("Deze handeling"))?;
    let g = service::gevolgen(&s.db, &i.gebruiker, id, h, s.config.bewaartermijn_maanden).await?;
    let (actie, velden) = match h {
        Handeling::Afronden => ("stap", vec![("stap", "afronden".to_string())]),
        Handeling::CasusSluiten => ("casus", vec![("actie", "sluiten".to_string())]),
        Handeling::DeelnameBeeindigen(org) => (
            "deelnemers",
            vec![
                ("organisatie", org.to_string()),
                ("actie", "beeindigen".to_string()),
            ],
        ),
    };
    Ok(BevestigenPagina {
        p: i.pagina(g.titel.clone()),
        moment: id,
        actie: format!("/casussen/moment/{id}/{actie}"),
        velden,
        g,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zsm(gegevens: &[(&str, &str)]) -> Moment {
        Moment::voorbeeld(
            1,
            Soort::Zsm,
            "2025-03-15T12:00",
            crate::casus::model::Status::Open,
            gegevens,
        )
    }

    fn open_punten(m: &Moment) -> String {
        proces_weergave(m)
            .into_iter()
            .find(|(l, _)| *l == "Aandachtspunten nog niet aan bod")
            .expect("aandachtspunten")
            .1
    }

    /// "Kinderen in beeld" is not an open point of a case without children, and does not count
    /// in the total; with children (or not recorded) it is.
    #[test]
    fn kinderen_geen_aandachtspunt_zonder_kinderen() {
        let alle_behalve_kinderen = velden::AANDACHTSPUNTEN
            .iter()
            .map(|(c, _)| *c)
            .filter(|c| *c != "kinderen")
            .collect::<Vec<_>>()
            .join(",");
        let zonder = zsm(&[
            ("kinderen", "nee"),
            ("aandachtspunten", &alle_behalve_kinderen),
        ]);
        assert_eq!(
            open_punten(&zonder),
            "Geen: alle aandachtspunten zijn besproken"
        );
        let met = zsm(&[
            ("kinderen", "ja"),
            ("aandachtspunten", &alle_behalve_kinderen),
        ]);
        let n = velden::AANDACHTSPUNTEN.len();
        assert_eq!(
            open_punten(&met),
            format!("1 van {n}: Kinderen in beeld; RvdK betrokken waar nodig")
        );
        let niets = zsm(&[("kinderen", "nee")]);
        assert!(open_punten(&niets).starts_with(&format!("{} van {}:", n - 1, n - 1)));
    }
}
