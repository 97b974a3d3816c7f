//! Plan van aanpak: reading and changing plans and their actions, authorised and audited.

use super::model::*;
use super::repo;
use crate::audit::{self, Actor, AuditEvent};
use crate::auth::Gebruiker;
use crate::auth::permissions;
use crate::db::Db;
use crate::error::{AppError, AppResult, Veldfout};
use crate::gedeeld::PlanId;

/// The standard groups for a plan: from its round's questionnaire, or the default one.
pub async fn groepen_voor(db: &Db, p: &Plan) -> AppResult<Vec<(String, String)>> {
    let versie = match p.ronde_id {
        Some(r) => crate::zelfscan::repo::vragenlijst_van_ronde(db, r).await?,
        None => None,
    };
    let v = match versie {
        Some(versie) => crate::zelfscan::service::vragenlijst(db, &versie).await?,
        None => crate::zelfscan::service::standaard_vragenlijst(),
    };
    Ok(groepen(&v))
}

/// Plans the user may see, with the overdue actions among them.
pub async fn overzicht(db: &Db, g: &Gebruiker) -> AppResult<(Vec<Plan>, Vec<(Plan, Actie)>)> {
    let s = permissions::plan_inzage(g).ok_or(AppError::GeenToegang)?;
    let plannen: Vec<Plan> = repo::plannen(db, &s).await?;
    let achterstallig = met_plan(
        &plannen,
        repo::achterstallig(db, &s, &crate::db::vandaag()).await?,
    );
    Ok((plannen, achterstallig))
}

/// Each action with its plan (actions of a plan not in `plannen` are left out).
fn met_plan(plannen: &[Plan], acties: Vec<Actie>) -> Vec<(Plan, Actie)> {
    acties
        .into_iter()
        .filter_map(|a| {
            plannen
                .iter()
                .find(|p| p.id == a.plan_id)
                .map(|p| (p.clone(), a))
        })
        .collect()
}

/// The actions a user should act on (Mijn werk): not done, and due (planning or next check)
/// before `grens`. A gemeente sees those of its own plans, a coordinator those of the regional
/// plans; others none.
pub async fn acties_te_doen(db: &Db, g: &Gebruiker, grens: &str) -> AppResult<Vec<(Plan, Actie)>> {
    let gemeente = g.organisatie_soort == "gemeente";
    let coordinator =
        permissions::beheert_regio(g, &g.regio_code) && g.rol == crate::auth::Rol::Regiocoordinator;
    let Some(s) = permissions::plan_inzage(g).filter(|_| gemeente || coordinator) else {
        return Ok(vec![]);
    };
    let plannen: Vec<Plan> = repo::plannen(db, &s)
        .await?
        .into_iter()
        .filter(|p| {
            if gemeente {
                p.gemeente_id == Some(g.organisatie_id)
            } else {
                p.gemeente_id.is_none()
            }
        })
        .collect();
    Ok(met_plan(
        &plannen,
        repo::achterstallig(db, &s, grens).await?,
    ))
}

/// A plan the user may see (another is not found), its actions, and whether the user may
/// change it.
pub async fn plan(db: &Db, g: &Gebruiker, id: PlanId) -> AppResult<(Plan, Vec<Actie>, bool)> {
    let s = permissions::plan_inzage(g).ok_or(AppError::GeenToegang)?;
    let p = repo::plan(db, &s, id)
        .await?
        .ok_or(AppError::NietGevonden("Het plan van aanpak"))?;
    let acties = repo::acties(db, &s, id).await?;
    let mag = permissions::mag_plan_schrijven(g, &p.regio()?, p.gemeente_id);
    Ok((p, acties, mag))
}

async fn schrijfbaar(
    db: &Db,
    g: &Gebruiker,
    id: PlanId,
) -> AppResult<(Plan, permissions::PlanSchrijven)> {
    let (p, _, _) = plan(db, g, id).await?;
    let s = permissions::plan_schrijven(g, p.id, &p.regio()?, p.gemeente_id)
        .ok_or(AppError::GeenToegang)?;
    Ok((p, s))
}

pub async fn aanmaken(db: &Db, g: &Gebruiker, i: &PlanInvoer) -> AppResult<PlanId> {
    let mut f = Vec::new();
    let regio = crate::organisatie::model::RegioCode::parse(&i.regio)
        .map_err(|m| f.push(Veldfout::new("regio", m)))
        .ok();
    let mut p = plan_uit_invoer(i, &mut f);
    if let Some(r) = &regio {
        p.regio_code = r.as_str().into();
        if !i.gemeente.is_empty() {
            let gem = crate::organisatie::repo::gemeenten_in_regio(db, r).await?;
            match gem.iter().find(|o| o.code == i.gemeente) {
                Some(o) => p.gemeente_id = Some(o.id),
                None => f.push(Veldfout::new(
                    "gemeente",
                    "Deze gemeente hoort niet bij de regio.",
                )),
            }
        }
    }
    let scope = match &regio {
        Some(r) => Some(permissions::nieuw_plan(g, r, p.gemeente_id).ok_or(AppError::GeenToegang)?),
        None => None,
    };
    let (Some(scope), true) = (scope, f.is_empty()) else {
        return Err(AppError::Validatie(f));
    };
    let mut tx = crate::db::begin(db).await?;
    let id = repo::aanmaken(&mut tx, &scope, &p).await?;
    audit::schrijf(
        &mut tx,
        &Actor::from(g),
        AuditEvent::PlanAangemaakt { plan: id },
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn teksten_bijwerken(
    db: &Db,
    g: &Gebruiker,
    id: PlanId,
    i: &PlanInvoer,
) -> AppResult<()> {
    let (bestaand, s) = schrijfbaar(db, g, id).await?;
    let mut f = Vec::new();
    let mut p = plan_uit_invoer(i, &mut f);
    if !f.is_empty() {
        return Err(AppError::Validatie(f));
    }
    p.id = bestaand.id;
    let mut tx = crate::db::begin(db).await?;
    repo::teksten_bijwerken(&mut tx, &s, &p).await?;
    audit::schrijf(
        &mut tx,
        &Actor::from(g),
        AuditEvent::PlanGewijzigd { plan: id },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn status_zetten(
    db: &Db,
    g: &Gebruiker,
    id: PlanId,
    status: &str,
    door: &str,
    op: &str,
) -> AppResult<()> {
    let (p, s) = schrijfbaar(db, g, id).await?;
    let huidig = PlanStatus::parse(&p.status).unwrap_or(PlanStatus::Concept);
    let nieuw = PlanStatus::parse(status)
        .ok_or_else(|| AppError::validatie("status", "Onbekende status."))?;
    if !huidig.mag_naar(nieuw) {
        return Err(AppError::validatie(
            "status",
            &format!(
                "Een plan met status '{}' kan niet naar '{}'.",
                huidig.label(),
                nieuw.label()
            ),
        ));
    }
    let (door, op) = if nieuw == PlanStatus::Vastgesteld {
        let mut f = Vec::new();
        if door.trim().is_empty() {
            f.push(Veldfout::new(
                "vastgesteld_door",
                "Vul in door wie het plan is vastgesteld (bijvoorbeeld het college van B&W).",
            ));
        }
        let datum = crate::zelfscan::service::parse_datum(op);
        if datum.is_none() {
            f.push(Veldfout::new(
                "vastgesteld_op",
                "Vul de datum van vaststelling in (jjjj-mm-dd).",
            ));
        }
        if !f.is_empty() {
            return Err(AppError::Validatie(f));
        }
        (Some(door.trim().to_string()), datum)
    } else {
        (None, None)
    };
    let mut tx = crate::db::begin(db).await?;
    repo::status_zetten(&mut tx, &s, nieuw.code(), door.as_deref(), op.as_deref()).await?;
    audit::schrijf(
        &mut tx,
        &Actor::from(g),
        AuditEvent::PlanStatus {
            plan: id,
            status: nieuw.code().into(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Adds (`actie_id == 0`) or updates an action row.
pub async fn actie_opslaan(
    db: &Db,
    g: &Gebruiker,
    plan_id: PlanId,
    actie_id: i64,
    i: &ActieInvoer,
) -> AppResult<i64> {
    let (p, s) = schrijfbaar(db, g, plan_id).await?;
    let mut a = valideer_actie(i, &groepen_voor(db, &p).await?).map_err(AppError::Validatie)?;
    a.id = actie_id;
    a.plan_id = plan_id;
    let mut tx = crate::db::begin(db).await?;
    let id = repo::actie_opslaan(&mut tx, &s, &a).await?;
    audit::schrijf(
        &mut tx,
        &Actor::from(g),
        AuditEvent::ActieOpgeslagen {
            plan: plan_id,
            actie: id,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn actie_verwijderen(
    db: &Db,
    g: &Gebruiker,
    plan_id: PlanId,
    actie_id: i64,
) -> AppResult<()> {
    let (_, s) = schrijfbaar(db, g, plan_id).await?;
    let mut tx = crate::db::begin(db).await?;
    if repo::actie_verwijderen(&mut tx, &s, actie_id).await? == 0 {
        return Err(AppError::NietGevonden("De actie"));
    }
    audit::schrijf(
        &mut tx,
        &Actor::from(g),
        AuditEvent::ActieVerwijderd {
            plan: plan_id,
            actie: actie_id,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
