//! The onderzoeks- en veiligheidsplan of a case (`casus::plan`): read and changed by the
//! organisations taking part in the case, each read and change audited.

use super::*;
use crate::casus::plan::{self as plan, PlanRegel, PlanVersie};
use crate::gedeeld::{CasusId, GebruikerId};

/// A case's plan as a participant sees it.
#[derive(Debug, Clone)]
pub struct PlanBeeld {
    pub casus: CasusId,
    pub casus_open: bool,
    /// Newest first; empty before the first save.
    pub versies: Vec<PlanVersie>,
    /// The afspraken of every moment of the case (free text only of moments the organisation
    /// takes part in).
    pub afspraken: Vec<Afspraak>,
    /// The region's partner organisations (id, name): who can do an activity.
    pub partners: Vec<(OrganisatieId, String)>,
    /// Who can be named as an activity's owner (user, organisation, name): the user's own
    /// colleagues, and the owners the current version names (kept when another organisation
    /// saves). Users of other organisations are not listed otherwise.
    pub eigenaren: Vec<(GebruikerId, OrganisatieId, String)>,
    pub mag_schrijven: bool,
}

impl PlanBeeld {
    pub fn huidige(&self) -> Option<&PlanVersie> {
        self.versies.first()
    }
    pub fn versie(&self) -> i64 {
        self.huidige().map_or(0, |v| v.versie)
    }
}

/// The user's participation scope and the case's region, for a user whose organisation takes
/// part in the case now; anyone else is refused (403), a case outside the region is not found.
async fn deelnemer_van_casus(
    tx: &mut crate::db::Conn,
    g: &Gebruiker,
    casus: CasusId,
) -> AppResult<(Deelname, CasusInzage, RegioCode, bool)> {
    let inzage = permissions::casus_inzage(g).ok_or(AppError::GeenToegang)?;
    let (regio, status) = repo::casus(tx, &inzage, casus)
        .await?
        .ok_or(AppError::NietGevonden("Deze casus"))?;
    let deelname = permissions::deelname(g).ok_or(AppError::GeenToegang)?;
    if !repo::neemt_deel_aan_casus(tx, &deelname, casus).await? {
        return Err(AppError::Geweigerd(
            "Het onderzoeks- en veiligheidsplan is alleen voor de organisaties die aan deze \
             casus deelnemen."
                .into(),
        ));
    }
    let regio = RegioCode::parse(&regio).map_err(|_| AppError::NietGevonden("Deze casus"))?;
    Ok((deelname, inzage, regio, status == "open"))
}

/// A case's plan with its versions and the afspraken of its moments. The read is audited.
pub async fn plan(db: &Db, g: &Gebruiker, casus: CasusId) -> AppResult<PlanBeeld> {
    let mut tx = crate::db::begin(db).await?;
    let (deelname, inzage, regio, open) = deelnemer_van_casus(&mut tx, g, casus).await?;
    let versies = repo::plan_versies(&mut tx, &deelname, casus).await?;
    let eigenaren = mogelijke_eigenaren(&mut tx, g, versies.first()).await?;
    audit::schrijf(
        &mut tx,
        &Actor::from(g),
        AuditEvent::VeiligheidsplanGelezen { casus },
    )
    .await?;
    let mut afspraken = vec![];
    for m in repo::momenten_van_casus(db, &inzage, casus).await? {
        let eigen = repo::is_actieve_deelnemer(&mut tx, &deelname, m.id).await?;
        for mut a in repo::afspraken_van_moment(db, &inzage, m.id).await? {
            if !eigen {
                a.verberg_vrije_tekst();
            }
            afspraken.push(a);
        }
    }
    tx.commit().await?;
    afspraken.sort_by(|a, b| (&a.deadline, a.id.0).cmp(&(&b.deadline, b.id.0)));
    Ok(PlanBeeld {
        casus,
        casus_open: open,
        versies,
        afspraken,
        partners: partners(db, &regio).await?,
        eigenaren,
        mag_schrijven: open && permissions::casus_registratie(g).is_some(),
    })
}

/// The user's colleagues (when their organisation may take part in cases), then the owners
/// `huidige` names with the partner they were named for.
async fn mogelijke_eigenaren(
    tx: &mut crate::db::Conn,
    g: &Gebruiker,
    huidige: Option<&PlanVersie>,
) -> AppResult<Vec<(GebruikerId, OrganisatieId, String)>> {
    let mut uit: Vec<(GebruikerId, OrganisatieId, String)> = vec![];
    if permissions::deelname(g).is_some() {
        for (id, naam) in repo::mogelijke_eigenaren(tx, g.organisatie_id).await? {
            uit.push((id, g.organisatie_id, naam));
        }
    }
    if let Some(v) = huidige {
        for i in &v.items {
            let Some(e) = i.eigenaar else { continue };
            if !uit.iter().any(|(x, o, _)| *x == e && *o == i.partner) {
                let naam = v.eigenaren.iter().find(|(x, _)| *x == e);
                uit.push((e, i.partner, naam.map_or_else(String::new, |n| n.1.clone())));
            }
        }
    }
    Ok(uit)
}

async fn partners(db: &Db, regio: &RegioCode) -> AppResult<Vec<(OrganisatieId, String)>> {
    Ok(organisaties(db, regio)
        .await?
        .into_iter()
        .map(|(id, naam, _)| (id, naam))
        .collect())
}

/// Saves a new version of the plan from the form's rows. `basis` is the version the form showed:
/// when someone saved in between, nothing is stored and the user is told (409), keeping the
/// input. Audited with the new version number.
pub async fn plan_opslaan(
    db: &Db,
    g: &Gebruiker,
    casus: CasusId,
    (basis, toelichting): (i64, &str),
    regels: &[PlanRegel],
) -> AppResult<i64> {
    let mut tx = crate::db::begin(db).await?;
    let (deelname, _, regio, open) = deelnemer_van_casus(&mut tx, g, casus).await?;
    if permissions::casus_registratie(g).is_none() {
        return Err(AppError::GeenToegang);
    }
    if !open {
        return Err(AppError::Conflict(
            "Deze casus is gesloten; heropen hem om het plan te wijzigen.".into(),
        ));
    }
    let ids: Vec<OrganisatieId> = partners(db, &regio)
        .await?
        .into_iter()
        .map(|p| p.0)
        .collect();
    let huidige = repo::plan_versies(&mut tx, &deelname, casus).await?;
    let eigenaren: Vec<(GebruikerId, OrganisatieId)> =
        mogelijke_eigenaren(&mut tx, g, huidige.first())
            .await?
            .into_iter()
            .map(|(e, o, _)| (e, o))
            .collect();
    let mut fouten = vec![];
    let items = plan::items_uit(regels, &ids, &eigenaren)
        .map_err(|f| fouten.extend(f))
        .ok();
    let toelichting = toelichting.trim();
    if toelichting.chars().count() > plan::MAX_TOELICHTING {
        fouten.push(Veldfout::new(
            "toelichting",
            format!(
                "De toelichting is te lang (maximaal {} tekens).",
                plan::MAX_TOELICHTING
            ),
        ));
    }
    let Some(items) = items.filter(|_| fouten.is_empty()) else {
        return Err(AppError::Validatie(fouten));
    };
    let huidig = huidige.first().map_or(0, |v| v.versie);
    let versie = basis + 1;
    if huidig != basis
        || !repo::plan_opslaan(
            &mut tx,
            &deelname,
            (casus, versie),
            g.id,
            toelichting,
            &items,
        )
        .await?
    {
        return Err(AppError::Conflict(format!(
            "Iemand anders heeft het plan intussen opgeslagen (versie {huidig}). Uw invoer staat \
             hieronder; bekijk de nieuwe versie en sla daarna opnieuw op."
        )));
    }
    vastleggen(
        tx,
        g,
        AuditEvent::VeiligheidsplanGewijzigd { casus, versie },
    )
    .await?;
    Ok(versie)
}
