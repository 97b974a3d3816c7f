//! Afspraken of a moment: adding one, and changing its status.

use super::*;

#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct AfspraakInvoer {
    #[serde(default)]
    pub eigenaar: String,
    #[serde(default)]
    pub soort: String,
    #[serde(default)]
    pub omschrijving: String,
    #[serde(default)]
    pub deadline: String,
    /// Optional: the named owner (a user id of the user's own organisation, which must be the
    /// owner organisation).
    #[serde(default)]
    pub medewerker: String,
}

/// The longest result of an afspraak, in characters.
const MAX_RESULTAAT: usize = 500;

/// The named owner asked for: none, or a user of the user's own organisation, which must own
/// the afspraak (nobody names another organisation's staff).
fn medewerker_uit(
    g: &Gebruiker,
    eigenaar: Option<OrganisatieId>,
    tekst: &str,
) -> Result<Option<crate::gedeeld::GebruikerId>, Veldfout> {
    let t = tekst.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let id = t
        .parse::<crate::gedeeld::GebruikerId>()
        .map_err(|_| Veldfout::new("medewerker", "Kies een medewerker uit de lijst."))?;
    if eigenaar.is_some_and(|e| e != g.organisatie_id) {
        return Err(Veldfout::new(
            "medewerker",
            "U kunt alleen een medewerker van uw eigen organisatie aanwijzen; laat het veld leeg \
             als een andere organisatie eigenaar is.",
        ));
    }
    Ok(Some(id))
}

/// Records an afspraak with owner and deadline. The owner becomes a participant when it is not
/// one yet (it needs the case to act); an existing participant keeps its role. An Actie-overleg that was besproken moves on to "afspraken lopen".
pub async fn afspraak_toevoegen(
    db: &Db,
    g: &Gebruiker,
    id: MomentId,
    a: &AfspraakInvoer,
) -> AppResult<crate::gedeeld::AfspraakId> {
    let (mut tx, m, t) = schrijftoegang(db, g, id).await?;
    let mut fouten = vec![];
    let eigenaar = a.eigenaar.trim().parse::<OrganisatieId>().ok();
    if eigenaar.is_none() {
        fouten.push(Veldfout::new(
            "eigenaar",
            "Kies de organisatie die eigenaar is.",
        ));
    }
    let soort = AfspraakSoort::parse(&a.soort);
    if soort.is_none() {
        fouten.push(Veldfout::new("soort", "Kies het soort afspraak."));
    }
    let omschrijving = a.omschrijving.trim();
    if omschrijving.is_empty() {
        fouten.push(Veldfout::new("omschrijving", "Beschrijf de afspraak."));
    } else if omschrijving.chars().count() > 1000 {
        fouten.push(Veldfout::new(
            "omschrijving",
            "De omschrijving is te lang (maximaal 1000 tekens).",
        ));
    }
    let deadline = velden::datum(&a.deadline);
    match (&deadline, m.vergadering_datum.as_deref()) {
        (None, _) => fouten.push(Veldfout::new(
            "deadline",
            "Vul een geldige deadline in (JJJJ-MM-DD of DD-MM-JJJJ).",
        )),
        // An afspraak of an Actie-overleg is made at its meeting: not due before it.
        (Some(d), Some(overleg)) if d.as_str() < overleg => fouten.push(Veldfout::new(
            "deadline",
            format!(
                "De deadline ({}) ligt vóór het Actie-overleg waarop de afspraak is gemaakt ({}).",
                crate::web::datum_nl(d),
                crate::web::datum_nl(overleg)
            ),
        )),
        _ => {}
    }
    let medewerker = medewerker_uit(g, eigenaar, &a.medewerker)
        .map_err(|f| fouten.push(f))
        .ok()
        .flatten();
    if !fouten.is_empty() {
        return Err(AppError::Validatie(fouten));
    }
    let eigenaar = eigenaar.unwrap_or_default();
    ketenpartner_in_regio(&mut tx, eigenaar, &m.regio_code, "eigenaar").await?;
    let afspraak = repo::afspraak_aanmaken(
        &mut tx,
        &t.deelname,
        id,
        eigenaar,
        soort.unwrap_or(AfspraakSoort::Direct),
        omschrijving,
        &deadline.unwrap_or_default(),
    )
    .await?;
    if medewerker.is_some() {
        repo::afspraak_toewijzen(&mut tx, &t.deelname, afspraak, medewerker)
            .await
            .map_err(|e| geen_collega(e, "medewerker"))?;
        toegewezen(&mut tx, g, id, afspraak, medewerker).await?;
    }
    // The owner needs the case to act: an organisation not taking part yet joins as betrokken;
    // one that takes part keeps its role.
    repo::deelname_starten(
        &mut tx,
        &t.registratie,
        id,
        eigenaar,
        DeelnemerRol::Betrokken,
        &crate::db::nu(),
        &Actor::from(g),
    )
    .await?;
    if m.soort == Soort::Actieoverleg && m.status == Status::Besproken {
        repo::moment_bijwerken(
            &mut tx,
            &t.deelname,
            id,
            &m.tijdstip,
            Status::AfsprakenLopen,
            &m.gegevens,
            m.vergadering_id,
        )
        .await?;
    }
    vastleggen(
        tx,
        g,
        AuditEvent::AfspraakOpgeslagen {
            moment: id,
            afspraak,
            status: "open",
        },
    )
    .await?;
    Ok(afspraak)
}

/// A named owner that is no active user of the organisation changes nothing: a field error.
fn geen_collega(e: sqlx::Error, veld: &str) -> AppError {
    match e {
        sqlx::Error::RowNotFound => AppError::validatie(
            veld,
            "Deze medewerker hoort niet (meer) bij de organisatie die eigenaar is.",
        ),
        e => e.into(),
    }
}

/// Marks an afspraak done (or open again, or lapsed), with what came of it (optional, at most
/// 500 characters). Only its owner organisation and the chair of the moment may; anyone else
/// who sees the moment is refused (403, audited).
pub async fn afspraak_status(
    db: &Db,
    g: &Gebruiker,
    afspraak_id: crate::gedeeld::AfspraakId,
    status: &str,
    resultaat: &str,
) -> AppResult<Afspraak> {
    let resultaat = resultaat.trim();
    if resultaat.chars().count() > MAX_RESULTAAT {
        return Err(AppError::validatie(
            "resultaat",
            "Het resultaat is te lang (maximaal 500 tekens).",
        ));
    }
    let mut tx = crate::db::begin(db).await?;
    let inzage = permissions::casus_inzage(g).ok_or(AppError::GeenToegang)?;
    let a = repo::afspraak(&mut tx, &inzage, afspraak_id)
        .await?
        .ok_or(AppError::NietGevonden("Deze afspraak"))?;
    let (m, _) = laad_moment(&mut tx, g, a.moment_id).await?;
    let deelname = match permissions::deelname(g) {
        Some(d) if permissions::mag_casus_registreren(g, &a.regio_code) => d,
        _ => return Err(AppError::GeenToegang),
    };
    let deelnemers = repo::deelnemers(&mut tx, &inzage, a.moment_id).await?;
    if !mag_afspraak_zetten(g, &deelnemers, &a) {
        return Err(weigeren(
            tx,
            g,
            a.moment_id,
            "afspraak_status",
            afspraak_id.0,
            AppError::Geweigerd(format!(
                "Alleen de eigenaar van deze afspraak ({}) of de voorzitter kan de status wijzigen.",
                a.eigenaar_naam
            )),
        )
        .await);
    }
    // Like every other change of a moment: not once its case is closed (closing ended all
    // participation; the owner's status change went through on a closed case before).
    if m.casus_status != "open" {
        return Err(AppError::Conflict(
            "Deze casus is gesloten; heropen hem om iets te wijzigen.".into(),
        ));
    }
    let status = AfspraakStatus::parse(status).ok_or_else(|| {
        AppError::Validatie(vec![Veldfout::new(
            "status",
            "Kies open, gereed of vervallen.",
        )])
    })?;
    let gereed = (status == AfspraakStatus::Gereed).then(crate::db::vandaag);
    let resultaat = (!resultaat.is_empty()).then_some(resultaat);
    repo::afspraak_status(
        &mut tx,
        &deelname,
        afspraak_id,
        status,
        (gereed.as_deref(), resultaat),
    )
    .await?;
    let event = AuditEvent::AfspraakOpgeslagen {
        moment: a.moment_id,
        afspraak: afspraak_id,
        status: status.code(),
    };
    if a.eigenaar_organisatie_id == g.organisatie_id {
        vastleggen(tx, g, event).await?;
    } else {
        vastleggen_als_voorzitter(tx, g, a.moment_id, event).await?;
    }
    Ok(a)
}

/// Names the owner of an afspraak among the users of its owner organisation, or none (`""`):
/// only a medewerker or coordinator of that organisation, while it takes part in the moment, may
/// (the chair plans the afspraak, the organisation decides who does it). Audited.
pub async fn afspraak_toewijzen(
    db: &Db,
    g: &Gebruiker,
    afspraak_id: crate::gedeeld::AfspraakId,
    medewerker: &str,
) -> AppResult<Afspraak> {
    let mut tx = crate::db::begin(db).await?;
    let inzage = permissions::casus_inzage(g).ok_or(AppError::GeenToegang)?;
    let a = repo::afspraak(&mut tx, &inzage, afspraak_id)
        .await?
        .ok_or(AppError::NietGevonden("Deze afspraak"))?;
    let (m, _) = laad_moment(&mut tx, g, a.moment_id).await?;
    let deelname = match permissions::deelname(g) {
        Some(d) if permissions::mag_casus_registreren(g, &a.regio_code) => d,
        _ => return Err(AppError::GeenToegang),
    };
    let neemt_deel = repo::is_actieve_deelnemer(&mut tx, &deelname, a.moment_id).await?;
    if !neemt_deel || a.eigenaar_organisatie_id != g.organisatie_id {
        return Err(weigeren(
            tx,
            g,
            a.moment_id,
            "afspraak_toewijzen",
            afspraak_id.0,
            AppError::Geweigerd(format!(
                "Alleen {} (eigenaar van deze afspraak) wijst een medewerker aan.",
                a.eigenaar_naam
            )),
        )
        .await);
    }
    if m.casus_status != "open" {
        return Err(AppError::Conflict(
            "Deze casus is gesloten; heropen hem om iets te wijzigen.".into(),
        ));
    }
    if a.status != AfspraakStatus::Open {
        return Err(AppError::Conflict(
            "Deze afspraak is niet meer open; zet haar eerst weer open.".into(),
        ));
    }
    let gebruiker =
        medewerker_uit(g, None, medewerker).map_err(|f| AppError::Validatie(vec![f]))?;
    repo::afspraak_toewijzen(&mut tx, &deelname, afspraak_id, gebruiker)
        .await
        .map_err(|e| geen_collega(e, "medewerker"))?;
    toegewezen(&mut tx, g, a.moment_id, afspraak_id, gebruiker).await?;
    tx.commit().await?;
    Ok(a)
}

/// An afspraak was named to a medewerker (or back to the organisation): audited, and the
/// medewerker hears of it (not when they named themselves).
async fn toegewezen(
    tx: &mut crate::db::Conn,
    g: &Gebruiker,
    moment: MomentId,
    afspraak: crate::gedeeld::AfspraakId,
    gebruiker: Option<crate::gedeeld::GebruikerId>,
) -> AppResult<()> {
    use crate::melding::{model::MeldingSoort, service as melding};
    audit::schrijf(
        tx,
        &Actor::from(g),
        AuditEvent::AfspraakToegewezen {
            moment,
            afspraak,
            gebruiker,
        },
    )
    .await?;
    if let Some(wie) = gebruiker {
        melding::melden(
            tx,
            &Actor::from(g),
            melding::Ontvangers::Gebruikers(vec![wie]),
            (
                MeldingSoort::AfspraakToegewezen,
                &format!("afspraak:{afspraak}"),
                &format!("/casussen/moment/{moment}#afspraken"),
            ),
        )
        .await?;
    }
    Ok(())
}

/// The users of the own organisation an afspraak can be named to (medewerkers and
/// coordinators).
pub async fn collegas(
    db: &Db,
    g: &Gebruiker,
) -> AppResult<Vec<(crate::gedeeld::GebruikerId, String)>> {
    if permissions::deelname(g).is_none() {
        return Ok(vec![]);
    }
    let mut conn = db.acquire().await?;
    Ok(repo::mogelijke_eigenaren(&mut conn, g.organisatie_id).await?)
}
