//! The registration form of a moment, per kind (fields from `velden`).

use super::*;
use crate::gedeeld::OrganisatieId;

/// One field on a form with the user's input and its error.
pub struct VeldRij {
    pub veld: &'static Veld,
    pub waarde: String,
    pub fout: Option<String>,
    /// Heading to show before this field (first field of a group).
    pub groep: Option<&'static str>,
    /// A select's choices as (value, label): the field's own, or for a
    /// [`velden::Type::VtOrganisatie`] the region's Veilig Thuis organisations (and the stored
    /// value when it is none of them, so editing keeps it).
    pub opties: Vec<(String, String)>,
}

impl VeldRij {
    pub fn gekozen(&self, code: &&str) -> bool {
        self.waarde.split(',').any(|c| c == *code)
    }
}

/// The form's fields with `waarden` and `fouten`; `organisaties`: the region's partners as
/// (id, name, kind), whose Veilig Thuis organisations a [`velden::Type::VtOrganisatie`] offers.
pub(super) fn veldrijen(
    soort: Soort,
    waarden: &BTreeMap<String, String>,
    fouten: &[Veldfout],
    met_persoon: bool,
    organisaties: &[(OrganisatieId, String, String)],
) -> Vec<VeldRij> {
    let mut vorige = "";
    velden::velden(soort)
        .iter()
        .filter(|v| met_persoon || !v.is_persoonlijk())
        .map(|v| {
            let groep = (v.groep != vorige).then_some(v.groep);
            vorige = v.groep;
            let waarde = waarden.get(v.code).cloned().unwrap_or_default();
            let mut opties: Vec<(String, String)> = match v.type_ {
                velden::Type::VtOrganisatie => organisaties
                    .iter()
                    .filter(|(_, _, soort)| soort == "veilig_thuis")
                    .map(|(_, naam, _)| (naam.clone(), naam.clone()))
                    .collect(),
                _ => v
                    .keuzes()
                    .iter()
                    .map(|(c, l)| ((*c).to_string(), (*l).to_string()))
                    .collect(),
            };
            if v.type_ == velden::Type::VtOrganisatie
                && !waarde.is_empty()
                && !opties.iter().any(|(c, _)| *c == waarde)
            {
                opties.push((waarde.clone(), waarde.clone()));
            }
            VeldRij {
                veld: v,
                opties,
                waarde,
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
pub(super) struct NieuwPagina {
    p: Pagina,
    soort: Soort,
    invoer: MomentInvoer,
    rijen: Vec<VeldRij>,
    fouten: Vec<Veldfout>,
    organisaties: Vec<(OrganisatieId, String, String)>,
    eigen_organisatie: OrganisatieId,
    /// Actie-overleg: the region's overleggen to choose from.
    overleggen: Vec<crate::casus::model::Overleg>,
    /// An open case of the same person in the region, to link to (`service::bestaande_casus`).
    gevonden: Option<crate::gedeeld::CasusId>,
}

impl NieuwPagina {
    fn fout(&self, veld: &str) -> Option<String> {
        self.fouten
            .iter()
            .find(|f| f.veld == veld)
            .map(|f| f.melding.clone())
    }
    fn deelnemer_gekozen(&self, id: &OrganisatieId) -> bool {
        self.invoer.deelnemers.contains(&id.to_string())
    }
}

pub(super) async fn nieuw_pagina(
    s: &AppState,
    i: &Ingelogd,
    soort: Soort,
    invoer: MomentInvoer,
    fouten: Vec<Veldfout>,
) -> AppResult<NieuwPagina> {
    if !permissions::mag_casus_registreren(&i.gebruiker, &i.gebruiker.regio_code) {
        return Err(AppError::GeenToegang);
    }
    let organisaties = service::organisaties(&s.db, &i.gebruiker.regio_code).await?;
    Ok(NieuwPagina {
        p: i.pagina(format!("Nieuw: {}", soort.label())),
        rijen: veldrijen(soort, &invoer.velden, &fouten, true, &organisaties),
        organisaties,
        eigen_organisatie: i.gebruiker.organisatie_id,
        overleggen: if soort == Soort::Actieoverleg {
            service::overleggen(&s.db, &i.gebruiker, &i.gebruiker.regio_code).await?
        } else {
            vec![]
        },
        soort,
        invoer,
        fouten,
        gevonden: None,
    })
}

#[derive(Deserialize, Default)]
pub(super) struct NieuwQuery {
    #[serde(default)]
    casus: String,
}

pub(super) async fn nieuw(
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

pub(super) async fn registreren(
    State(s): State<AppState>,
    i: Ingelogd,
    Path(soort): Path<String>,
    Form(paren): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let soort = soort_uit(&soort)?;
    let invoer = MomentInvoer::uit_paren(&paren);
    let sleutel = s.config.pseudoniem_sleutel.as_ref();
    // An open case of the same person: ask first whether to link to it, keeping the input.
    if let Some(c) = service::bestaande_casus(&s.db, sleutel, &i.gebruiker, soort, &invoer).await? {
        let mut p = nieuw_pagina(&s, &i, soort, invoer, vec![]).await?;
        p.gevonden = Some(c);
        return Ok(p.into_response());
    }
    let uitkomst = service::registreren(&s.db, sleutel, &i.gebruiker, soort, &invoer).await;
    prg(
        &i,
        uitkomst,
        |id| {
            (
                format!("{} is vastgelegd.", soort.label()),
                format!("/casussen/moment/{id}"),
            )
        },
        async |fouten| {
            let gevonden = invoer.gevonden.trim().parse().ok();
            let mut p = nieuw_pagina(&s, &i, soort, invoer, fouten).await?;
            // A refused link keeps its question on the page.
            if p.fouten.iter().any(|f| f.veld == "koppelen") {
                p.gevonden = gevonden;
            }
            Ok(p)
        },
    )
    .await
}
