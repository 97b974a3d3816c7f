//! The onderzoeks- en veiligheidsplan of a case: the page (current version by kind of safety,
//! the afspraken of the case's moments, the form for a new version, the history) and its PDF.

use super::*;
use crate::casus::model::AfspraakSoort;
use crate::casus::plan::{self as plan, PlanItem, PlanRegel, PlanSoort, PlanStatus};
use crate::gedeeld::{CasusId, OrganisatieId};

#[derive(Template, WebTemplate)]
#[template(path = "casus/plan.html")]
pub(super) struct PlanPagina {
    p: Pagina,
    b: service::PlanBeeld,
    /// The form's rows: the current items and empty ones, or what was typed.
    regels: Vec<PlanRegel>,
    toelichting: String,
    /// The version the form is based on.
    basis: i64,
    fouten: Vec<Veldfout>,
}

impl PlanPagina {
    fn veiligheden(&self) -> &'static [AfspraakSoort] {
        AfspraakSoort::ALLE
    }
    fn soorten(&self) -> &'static [PlanSoort] {
        PlanSoort::ALLE
    }
    fn statussen(&self) -> &'static [PlanStatus] {
        PlanStatus::ALLE
    }
    fn partner_naam(&self, id: &OrganisatieId) -> String {
        self.b
            .partners
            .iter()
            .find(|(p, _)| p == id)
            .map_or_else(|| format!("organisatie {id}"), |(_, n)| n.clone())
    }
    /// The partner, with the named owner if any.
    fn uitvoerder(&self, i: &PlanItem) -> String {
        let partner = self.partner_naam(&i.partner);
        match self.b.huidige() {
            Some(h) => h.uitvoerder(i, &partner),
            None => partner,
        }
    }
    fn items(&self, v: &AfspraakSoort) -> Vec<&PlanItem> {
        self.b
            .huidige()
            .map(|h| h.items.iter().filter(|i| i.veiligheid == *v).collect())
            .unwrap_or_default()
    }
    fn afspraken(&self, v: &AfspraakSoort) -> Vec<&crate::casus::model::Afspraak> {
        self.b.afspraken.iter().filter(|a| a.soort == *v).collect()
    }
    /// Each version with what changed against the one before.
    fn geschiedenis(&self) -> Vec<(&plan::PlanVersie, String)> {
        let v = &self.b.versies;
        v.iter()
            .enumerate()
            .map(|(i, x)| {
                let vorige = v.get(i + 1).map_or(&[][..], |p| p.items.as_slice());
                (x, plan::verschil(vorige, &x.items).tekst())
            })
            .collect()
    }
    fn fout(&self, veld: &str) -> Option<String> {
        self.fouten
            .iter()
            .find(|f| f.veld == veld)
            .map(|f| f.melding.clone())
    }
    fn max_omschrijving(&self) -> usize {
        plan::MAX_OMSCHRIJVING
    }
}

/// The form's rows for a plan: its items, then empty rows.
fn regels_van(b: &service::PlanBeeld) -> Vec<PlanRegel> {
    let mut r: Vec<PlanRegel> = b
        .huidige()
        .map(|h| h.items.iter().map(PlanRegel::van).collect())
        .unwrap_or_default();
    r.extend(std::iter::repeat_n(
        PlanRegel::default(),
        plan::NIEUWE_REGELS,
    ));
    r
}

async fn plan_pagina(
    s: &AppState,
    i: &Ingelogd,
    casus: CasusId,
    invoer: Option<(Vec<PlanRegel>, String, i64)>,
    fouten: Vec<Veldfout>,
) -> AppResult<PlanPagina> {
    let b = service::plan(&s.db, &i.gebruiker, casus).await?;
    let (regels, toelichting, basis) = match invoer {
        // After a save in between, the next save builds on the newer version.
        Some((r, t, _)) if fouten.iter().any(|f| f.veld == "basis") => (r, t, b.versie()),
        Some(x) => x,
        None => (regels_van(&b), String::new(), b.versie()),
    };
    Ok(PlanPagina {
        p: i.pagina(format!("Onderzoeks- en veiligheidsplan – casus {casus}")),
        b,
        regels,
        toelichting,
        basis,
        fouten,
    })
}

pub(super) async fn veiligheidsplan(
    State(s): State<AppState>,
    i: Ingelogd,
    Path(casus): Path<CasusId>,
) -> AppResult<PlanPagina> {
    plan_pagina(&s, &i, casus, None, vec![]).await
}

pub(super) async fn veiligheidsplan_opslaan(
    State(s): State<AppState>,
    i: Ingelogd,
    Path(casus): Path<CasusId>,
    Form(paren): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let waarde = |k: &str| {
        paren
            .iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let basis = waarde("basis").trim().parse::<i64>().unwrap_or(-1);
    let toelichting = waarde("toelichting");
    let regels = plan::regels_uit(&paren);
    let uitkomst =
        service::plan_opslaan(&s.db, &i.gebruiker, casus, (basis, &toelichting), &regels).await;
    let pad = format!("/casussen/casus/{casus}/plan");
    // A save in between keeps the input on the page too, with the newer version to compare.
    let uitkomst = match uitkomst {
        Err(AppError::Conflict(melding)) => Err(AppError::validatie("basis", &melding)),
        x => x,
    };
    prg(
        &i,
        uitkomst,
        |v| (format!("Versie {v} van het plan is opgeslagen."), pad),
        async |fouten| {
            let mut regels = regels;
            regels.push(PlanRegel::default());
            plan_pagina(&s, &i, casus, Some((regels, toelichting, basis)), fouten).await
        },
    )
    .await
}

/// The current version as a PDF for the participants.
pub(super) async fn veiligheidsplan_pdf(
    State(s): State<AppState>,
    i: Ingelogd,
    Path(casus): Path<CasusId>,
) -> AppResult<Response> {
    use crate::rapport::pdf::{PlanRegelPdf, VeiligheidsplanPdf};
    let b = service::plan(&s.db, &i.gebruiker, casus).await?;
    let naam = |id: &OrganisatieId| {
        b.partners
            .iter()
            .find(|(p, _)| p == id)
            .map_or_else(String::new, |(_, n)| n.clone())
    };
    let mut regels: Vec<PlanRegelPdf> = vec![];
    if let Some(h) = b.huidige() {
        regels.extend(h.items.iter().map(|x| PlanRegelPdf {
            veiligheid: x.veiligheid.label().into(),
            partner: h.uitvoerder(x, &naam(&x.partner)),
            soort: x.soort.label().into(),
            omschrijving: x.omschrijving.clone(),
            datum: crate::web::datum_nl(&x.datum),
            status: x.status.label().into(),
        }));
    }
    regels.extend(b.afspraken.iter().map(|a| PlanRegelPdf {
        veiligheid: a.soort.label().into(),
        partner: a.eigenaar_naam.clone(),
        soort: format!("Afspraak ({} #{})", a.moment_soort.label(), a.moment_id),
        omschrijving: a.omschrijving.clone(),
        datum: crate::web::datum_nl(&a.deadline),
        status: a.status.label().into(),
    }));
    let stuk = VeiligheidsplanPdf {
        casus: casus.to_string(),
        versie: b.huidige().map_or_else(
            || "nog geen versie opgeslagen".into(),
            |h| {
                format!(
                    "versie {}, {} door {} ({})",
                    h.versie,
                    crate::web::datum_nl(&h.gemaakt_op[..10.min(h.gemaakt_op.len())]),
                    h.gebruiker_naam,
                    h.organisatie_naam
                )
            },
        ),
        voor: i.gebruiker.organisatie_naam.clone(),
        regels,
        voetnoot: format!(
            "Gemaakt in Voorop op {} voor {}. Vertrouwelijk: alleen voor de organisaties die aan \
             casus {casus} deelnemen; niet doorsturen. Het inzien staat in het auditlog.",
            crate::web::datum_nl(&crate::db::vandaag()),
            i.gebruiker.organisatie_naam
        ),
    };
    let pdf = crate::rapport::pdf::op_achtergrond(move || {
        crate::rapport::pdf::veiligheidsplan_pdf(&stuk)
    })
    .await?;
    Ok(crate::web::download(
        "application/pdf",
        &format!("veiligheidsplan-casus-{casus}.pdf"),
        pdf,
    ))
}
