//! Who takes part in a moment, and closing or reopening its case.

use super::*;

/// Adds an organisation to a moment (e.g. RvdK or 3RO op afroep) or ends its participation.
/// Any participant may add an organisation (a new period; one already taking part keeps its
/// role). Ending: an organisation may end its own participation, and the chair of an
/// Actie-overleg anyone's; nobody else (403, audited). The last participant cannot leave: the
/// moment would be orphaned (close the case instead).
pub async fn deelname(
    db: &Db,
    g: &Gebruiker,
    id: MomentId,
    organisatie: OrganisatieId,
    actief: bool,
) -> AppResult<()> {
    let (mut tx, m, t) = schrijftoegang(db, g, id).await?;
    let actor = Actor::from(g);
    if actief {
        ketenpartner_in_regio(&mut tx, organisatie, &m.regio_code, "organisatie").await?;
        let rol = if m.soort == Soort::Actieoverleg {
            DeelnemerRol::OpAfroep
        } else {
            DeelnemerRol::Betrokken
        };
        if !repo::deelname_starten(
            &mut tx,
            &t.registratie,
            id,
            organisatie,
            rol,
            &crate::db::nu(),
            &actor,
        )
        .await?
        {
            return Err(AppError::Validatie(vec![Veldfout::new(
                "organisatie",
                "Deze organisatie neemt al deel.",
            )]));
        }
    } else {
        let deelnemers = repo::deelnemers(&mut tx, &t.inzage, id).await?;
        if !deelnemers
            .iter()
            .any(|d| d.organisatie_id == organisatie && d.is_actief())
        {
            return Err(AppError::Validatie(vec![Veldfout::new(
                "organisatie",
                "Deze organisatie neemt niet (meer) deel.",
            )]));
        }
        if !regels::mag_deelname_beeindigen(&deelnemers, g.organisatie_id, organisatie) {
            return Err(weigeren(
                tx,
                g,
                id,
                "deelname_beeindigen",
                organisatie.0,
                AppError::Geweigerd(
                    "Alleen de organisatie zelf of de voorzitter van het Actie-overleg kan deze deelname beëindigen."
                        .into(),
                ),
            )
            .await);
        }
        if repo::aantal_actieve_deelnemers(&mut tx, &t.deelname, id).await? <= 1 {
            return Err(AppError::Conflict(
                "Uw organisatie is de laatste deelnemer van dit moment. Voeg eerst een andere organisatie toe of sluit de casus."
                    .into(),
            ));
        }
        repo::deelname_beeindigen(&mut tx, &t.deelname, id, organisatie, &actor).await?;
    }
    let event = AuditEvent::DeelnameGewijzigd {
        moment: id,
        organisatie,
        actief,
    };
    if actief || organisatie == g.organisatie_id {
        vastleggen(tx, g, event).await?;
    } else {
        vastleggen_als_voorzitter(tx, g, id, event).await?;
    }
    Ok(())
}

/// Closes (`open` false) or reopens a case. Closing is possible once every moment of the case
/// is afgerond (or afgewezen), by a participant; it ends every participation (reason: case
/// closed), so nobody sees its personal data any more, and starts the retention period.
///
/// Reopening is possible only for a closed case that retention has not erased, and only for
/// the organisation that registered this moment (the inbrenger) and whose own participation
/// lasted until the closing: an organisation whose participation was ended earlier (by itself
/// or by the chair) cannot return this way. Reopening restores no ended participation: the
/// inbrenger gets a new period (the history keeps the gap) and adds the others explicitly if
/// they are still needed.
pub async fn casus_sluiten(
    db: &Db,
    g: &Gebruiker,
    moment_id: MomentId,
    open: bool,
) -> AppResult<crate::gedeeld::CasusId> {
    let mut tx = crate::db::begin(db).await?;
    let (m, inzage) = laad_moment(&mut tx, g, moment_id).await?;
    if m.gewist {
        return Err(AppError::Conflict(
            "De persoonsgegevens van deze casus zijn gewist; hij kan niet meer worden heropend."
                .into(),
        ));
    }
    if open {
        // Refusals are audited: "reopening" is how an ended participation used to return.
        if m.casus_status == "open" {
            let fout = AppError::Conflict(format!(
                "Casus {} is niet gesloten; er is niets te heropenen.",
                m.casus_id
            ));
            return Err(weigeren(tx, g, moment_id, "casus_heropenen", m.casus_id.0, fout).await);
        }
        let laatste = repo::laatste_einde(&mut tx, &inzage, moment_id, g.organisatie_id).await?;
        let reg = permissions::casus_registratie(g).filter(|r| {
            *r.regio() == m.regio_code
                && regels::mag_casus_heropenen(
                    m.aangemaakt_door_organisatie,
                    g.organisatie_id,
                    laatste,
                )
        });
        let Some(reg) = reg else {
            let fout = AppError::GeenToegang;
            return Err(weigeren(tx, g, moment_id, "casus_heropenen", m.casus_id.0, fout).await);
        };
        repo::casus_heropenen(&mut tx, &reg, m.casus_id).await?;
        repo::deelname_starten(
            &mut tx,
            &reg,
            moment_id,
            g.organisatie_id,
            DeelnemerRol::Inbrenger,
            &crate::db::nu(),
            &Actor::from(g),
        )
        .await?;
    } else {
        if m.casus_status != "open" {
            return Err(AppError::Conflict(format!(
                "Casus {} is al gesloten.",
                m.casus_id
            )));
        }
        let deelname = permissions::deelname(g).ok_or(AppError::GeenToegang)?;
        if !repo::is_actieve_deelnemer(&mut tx, &deelname, moment_id).await? {
            return Err(AppError::GeenToegang);
        }
        // Closing ends everyone's access: only when every moment of the case is finished, so
        // nobody is cut off from a moment still running.
        let lopend = repo::lopende_momenten(&mut tx, &inzage, m.casus_id).await?;
        if !lopend.is_empty() {
            let namen: Vec<String> = lopend
                .iter()
                .map(|(id, soort)| {
                    format!("{} #{id}", Soort::parse(soort).map_or("", Soort::label))
                })
                .collect();
            return Err(AppError::Conflict(format!(
                "Casus {} kan pas worden gesloten als alle momenten zijn afgerond. Nog lopend: {}.",
                m.casus_id,
                namen.join(", ")
            )));
        }
        let nu = crate::db::nu();
        repo::casus_sluiten(&mut tx, &deelname, m.casus_id, &nu, &Actor::from(g)).await?;
    }
    vastleggen(
        tx,
        g,
        AuditEvent::CasusGesloten {
            casus: m.casus_id,
            open,
        },
    )
    .await?;
    Ok(m.casus_id)
}

/// What a closing or destructive action would do (the confirmation page): within the user's
/// case-process scope, process data only (who takes part, how many afspraken are open), so
/// nothing is audited; the action itself checks its permissions again when confirmed.
pub async fn gevolgen(
    db: &Db,
    g: &Gebruiker,
    id: MomentId,
    handeling: crate::casus::gevolgen::Handeling,
    bewaartermijn_maanden: u32,
) -> AppResult<crate::casus::gevolgen::Gevolgen> {
    use crate::casus::gevolgen::{self, Handeling, Invoer};
    let mut tx = crate::db::begin(db).await?;
    let (m, inzage) = laad_moment(&mut tx, g, id).await?;
    let deelnemers = repo::deelnemers(&mut tx, &inzage, id).await?;
    let sluiten = handeling == Handeling::CasusSluiten;
    let lopend = if sluiten {
        repo::lopende_momenten(&mut tx, &inzage, m.casus_id).await?
    } else {
        Vec::new()
    };
    tx.commit().await?;
    let (mut alle_deelnemers, mut afspraken) = (Vec::new(), Vec::new());
    if sluiten {
        let momenten = repo::momenten_van_casus(db, &inzage, m.casus_id).await?;
        let mut tx = crate::db::begin(db).await?;
        for ander in &momenten {
            alle_deelnemers.extend(repo::deelnemers(&mut tx, &inzage, ander.id).await?);
        }
        tx.commit().await?;
        for ander in &momenten {
            afspraken.extend(repo::afspraken_van_moment(db, &inzage, ander.id).await?);
        }
    } else {
        afspraken = repo::afspraken_van_moment(db, &inzage, id).await?;
    }
    let vandaag = crate::db::vandaag();
    Ok(gevolgen::gevolgen(
        handeling,
        &Invoer {
            moment: &m,
            deelnemers: &deelnemers,
            alle_deelnemers: if alle_deelnemers.is_empty() {
                &deelnemers
            } else {
                &alle_deelnemers
            },
            afspraken: &afspraken,
            lopend: &lopend,
            eigen: g.organisatie_id,
            vandaag: &vandaag,
            bewaartermijn_maanden,
        },
    ))
}
