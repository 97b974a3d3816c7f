//! Use cases of the afstemmingsmomenten: every permission check (need-to-know) and every
//! audit entry happens here. Personal data is read only through `bekijken`, which audits the
//! read with its purpose in the same transaction.

use super::model::{
    self as regels, Afspraak, AfspraakSoort, AfspraakStatus, ContactSoort, Contactpunt, Deelnemer,
    DeelnemerRol, Frequentie, Lijstfilter, Moment, Overleg, Soort, Status, Vergadering,
};
use super::{pseudoniem, repo, velden};
use crate::audit::{self, Actor, AuditEvent};
use crate::auth::permissions::{CasusInzage, CasusRegistratie, Deelname};
use crate::auth::{Gebruiker, permissions};
use crate::config::Sleutel;
use crate::db::Db;
use crate::db::geheugen::Geheugen;
use crate::error::{AppError, AppResult, Veldfout};
use crate::gedeeld::RegioCode;
use crate::gedeeld::{MomentId, OrganisatieId};
use std::collections::BTreeMap;

mod afspraken;
mod contactpunten;
mod deelname;
mod lijsten;
mod overleg;
mod plan;
mod stappen;
mod veiligheid;
mod werk;

pub use afspraken::*;
pub use contactpunten::*;
pub use deelname::*;
pub use lijsten::*;
pub use overleg::*;
pub use plan::*;
pub use stappen::*;
pub use veiligheid::*;
pub use werk::*;

/// Raw input of a moment form or CSV row: field code → text, plus the case-level fields.
#[derive(Debug, Clone, Default)]
pub struct MomentInvoer {
    /// Existing case to add this moment to (empty: a new case).
    pub casus: String,
    pub tijdstip: String,
    /// Identifying data for the pseudonymous person key; never stored.
    pub persoon_naam: String,
    pub persoon_geboortedatum: String,
    pub velden: BTreeMap<String, String>,
    /// Extra participating organisations (ids) besides the registering one.
    pub deelnemers: Vec<String>,
    /// Actie-overleg only: the overleg (id) the aanmelding is for. May be empty when the
    /// region has exactly one.
    pub overleg: String,
    /// After being told that an open case of the same person exists ([`bestaande_casus`]):
    /// "ja" links the moment to it (`gevonden`), "nee" registers a new case; empty: not asked.
    pub koppelen: String,
    pub gevonden: String,
}

impl MomentInvoer {
    /// From form pairs: repeated keys (checkboxes) are joined with commas.
    pub fn uit_paren(paren: &[(String, String)]) -> Self {
        let mut i = MomentInvoer::default();
        for (k, v) in paren {
            match k.as_str() {
                "_csrf" => {}
                "casus" => i.casus = v.clone(),
                "tijdstip" => i.tijdstip = v.clone(),
                "persoon_naam" => i.persoon_naam = v.clone(),
                "persoon_geboortedatum" => i.persoon_geboortedatum = v.clone(),
                "deelnemers" => i.deelnemers.push(v.clone()),
                "overleg" => i.overleg = v.clone(),
                "koppelen" => i.koppelen = v.clone(),
                "gevonden" => i.gevonden = v.clone(),
                _ => {
                    let e = i.velden.entry(k.clone()).or_default();
                    if !e.is_empty() && !v.is_empty() {
                        e.push(',');
                    }
                    e.push_str(v);
                }
            }
        }
        i
    }
}

/// A validated registration, ready to store (used by the form and by the CSV import).
#[derive(Debug, Clone)]
pub struct Registratie {
    pub soort: Soort,
    pub casus: Option<crate::gedeeld::CasusId>,
    pub tijdstip: String,
    pub pseudoniem: Option<String>,
    pub waarden: velden::Waarden,
    pub deelnemers: Vec<OrganisatieId>,
    /// Actie-overleg: the overleg chosen on submission (`None`: the region's only one).
    pub overleg: Option<i64>,
}

/// The start time of a moment: a valid local date and time, not before 2000 and not in the
/// future (a day of slack for clock differences).
fn valideer_tijdstip(soort: Soort, invoer: &str) -> Result<String, Veldfout> {
    let label = soort.tijdstip_label();
    let t = velden::tijdstip(invoer).ok_or_else(|| {
        Veldfout::new(
            "tijdstip",
            format!("Vul '{label}' in als datum en tijd (JJJJ-MM-DD UU:MM)."),
        )
    })?;
    let morgen =
        super::model::plus_minuten(&super::model::nu_lokaal(), 24 * 60).unwrap_or_default();
    if t.as_str() < "2000-01-01" || t > morgen {
        return Err(Veldfout::new(
            "tijdstip",
            format!(
                "'{label}' moet tussen 2000 en nu liggen, niet {}.",
                velden::tijdstip_nl(&t)
            ),
        ));
    }
    Ok(t)
}

/// Validates a moment's input. Errors carry the form field names.
pub fn valideer(
    sleutel: Option<&Sleutel>,
    soort: Soort,
    invoer: &MomentInvoer,
) -> Result<Registratie, Vec<Veldfout>> {
    let mut fouten = vec![];
    let tijdstip = valideer_tijdstip(soort, &invoer.tijdstip)
        .map_err(|f| fouten.push(f))
        .ok();
    let casus = match invoer.casus.trim() {
        "" => None,
        c => match c.trim_start_matches('#').parse::<i64>() {
            Ok(n) if n > 0 => Some(crate::gedeeld::CasusId(n)),
            _ => {
                fouten.push(Veldfout::new(
                    "casus",
                    "Het casusnummer moet een positief geheel getal zijn.",
                ));
                None
            }
        },
    };
    let naam = invoer.persoon_naam.trim();
    let geboren = invoer.persoon_geboortedatum.trim();
    let pseudoniem = if naam.is_empty() && geboren.is_empty() {
        None
    } else {
        match sleutel {
            None => {
                fouten.push(Veldfout::new(
                    "persoon_naam",
                    "Pseudonimisering is niet ingesteld (VOOROP_PSEUDONIEM_SLEUTEL); laat naam en geboortedatum leeg of vraag de beheerder de sleutel in te stellen.",
                ));
                None
            }
            Some(k) => match pseudoniem::maak(k, naam, geboren) {
                Ok(p) => Some(p),
                Err(f) => {
                    fouten.extend(f);
                    None
                }
            },
        }
    };
    let mut deelnemers = vec![];
    for d in invoer.deelnemers.iter().filter(|d| !d.trim().is_empty()) {
        match d.trim().parse::<OrganisatieId>() {
            Ok(id) => deelnemers.push(id),
            Err(_) => fouten.push(Veldfout::new(
                "deelnemers",
                "Onbekende organisatie gekozen.",
            )),
        }
    }
    let overleg = match invoer.overleg.trim() {
        "" => None,
        o => match o.parse::<i64>() {
            Ok(id) if id > 0 => Some(id),
            _ => {
                fouten.push(Veldfout::new("overleg", "Kies een bestaand Actie-overleg."));
                None
            }
        },
    };
    let waarden = match velden::valideer(soort, &invoer.velden) {
        Ok(w) => Some(w),
        Err(f) => {
            fouten.extend(f);
            None
        }
    };
    if !fouten.is_empty() {
        return Err(fouten);
    }
    Ok(Registratie {
        soort,
        casus,
        tijdstip: tijdstip.unwrap_or_default(),
        pseudoniem,
        waarden: waarden.unwrap_or_default(),
        deelnemers,
        overleg: (soort == Soort::Actieoverleg).then_some(overleg).flatten(),
    })
}

/// Writes the audit entry of a change and commits it together with the change.
async fn vastleggen(mut tx: crate::db::Tx<'_>, g: &Gebruiker, event: AuditEvent) -> AppResult<()> {
    audit::schrijf(&mut tx, &Actor::from(g), event).await?;
    tx.commit().await?;
    Ok(())
}

/// As [`vastleggen`], for a chair acting on another organisation's participation or afspraak:
/// the audit row records on whose behalf (NEN 7513 "namens": the moment it chairs).
async fn vastleggen_als_voorzitter(
    mut tx: crate::db::Tx<'_>,
    g: &Gebruiker,
    moment: MomentId,
    event: AuditEvent,
) -> AppResult<()> {
    let actor = Actor::from(g).namens(format!("voorzitter:moment={moment}"));
    audit::schrijf(&mut tx, &actor, event).await?;
    tx.commit().await?;
    Ok(())
}

/// The partner organisations (VT, Politie, OM, RvdK, 3RO) of a region: (id, name, kind code).
/// Only they can take part in a moment. Reference data, kept per instance while the
/// organisations are unchanged (`db::geheugen`): the moment list and the forms show them on
/// every view.
pub async fn organisaties(
    db: &Db,
    regio: &RegioCode,
) -> AppResult<Vec<(OrganisatieId, String, String)>> {
    type Partners = Vec<(OrganisatieId, String, String)>;
    static PARTNERS: crate::db::geheugen::Geheugen<RegioCode, Partners> =
        crate::db::geheugen::Geheugen::nieuw(&[crate::db::geheugen::Onderwerp::Organisaties]);
    let stand = crate::db::geheugen::stand(db).await?;
    let partners = PARTNERS
        .of_lezen(&stand, regio, async {
            Ok::<Partners, sqlx::Error>(
                repo::organisaties_van_regio(db, regio)
                    .await?
                    .into_iter()
                    .filter(|(_, _, soort)| permissions::KETENPARTNERS.contains(&soort.as_str()))
                    .collect(),
            )
        })
        .await?;
    Ok(partners.as_ref().clone())
}

/// Stores one validated registration inside an open transaction. The registering
/// organisation becomes a participant; for an Actie-overleg the chair's organisation of the
/// overleg the aanmelding is for too.
pub async fn opslaan_in(
    tx: &mut crate::db::Conn,
    actor: &Actor,
    organisatie_id: OrganisatieId,
    toegang: (&CasusRegistratie, &Deelname),
    r: &Registratie,
) -> AppResult<MomentId> {
    opslaan_op(tx, actor, organisatie_id, toegang, r, &crate::db::nu()).await
}

/// The Actie-overleg an aanmelding is for: the chosen one, which must be of the region, or else
/// the region's only one. A region without any (possible in an import of an old register) gives
/// none: no chair, and nobody joins on acceptance; the form refuses that case (`registreren`).
async fn overleg_van_aanmelding(
    tx: &mut crate::db::Conn,
    reg: &CasusRegistratie,
    gekozen: Option<i64>,
) -> AppResult<Option<i64>> {
    let ids = repo::overleg_ids(tx, &reg.inzage(), reg.regio()).await?;
    let fout = |melding: &str| AppError::Validatie(vec![Veldfout::new("overleg", melding)]);
    match (gekozen, ids.as_slice()) {
        (Some(id), _) if ids.contains(&id) => Ok(Some(id)),
        (Some(_), _) => Err(fout("Kies een Actie-overleg van uw regio.")),
        (None, []) => Ok(None),
        (None, [enig]) => Ok(Some(*enig)),
        (None, _) => Err(fout("Kies het Actie-overleg waarvoor de aanmelding is.")),
    }
}

/// The Actie-overleg of an aanmelding (see [`overleg_van_aanmelding`]) and its chair's
/// organisation, which takes part from the start (it decides in the voorbespreking).
pub(super) async fn overleg_en_voorzitter(
    tx: &mut crate::db::Conn,
    reg: &CasusRegistratie,
    gekozen: Option<i64>,
) -> AppResult<(Option<i64>, Option<OrganisatieId>)> {
    let Some(overleg) = overleg_van_aanmelding(tx, reg, gekozen).await? else {
        return Ok((None, None));
    };
    let voorzitter = repo::overleg_kop(tx, &reg.inzage(), overleg)
        .await?
        .map(|(_, vz)| vz);
    Ok((Some(overleg), voorzitter))
}

/// `opslaan_in` with the time the participations start (the demo back-dates it).
pub async fn opslaan_op(
    tx: &mut crate::db::Conn,
    actor: &Actor,
    organisatie_id: OrganisatieId,
    (reg, deelname): (&CasusRegistratie, &Deelname),
    r: &Registratie,
    op: &str,
) -> AppResult<MomentId> {
    let inzage = reg.inzage();
    let casus_id = match r.casus {
        Some(id) => {
            let (_, status) = repo::casus(tx, &inzage, id)
                .await?
                .ok_or(AppError::NietGevonden("Deze casus"))?;
            if status != "open" {
                return Err(AppError::Validatie(vec![Veldfout::new(
                    "casus",
                    format!("Casus {id} is gesloten; heropen hem eerst."),
                )]));
            }
            if let Some(p) = &r.pseudoniem {
                repo::pseudoniem_aanvullen(tx, reg, id, p).await?;
            }
            id
        }
        None => repo::casus_aanmaken(tx, reg, r.pseudoniem.as_deref()).await?,
    };
    let (overleg, voorzitter) = match r.soort {
        Soort::Actieoverleg => overleg_en_voorzitter(tx, reg, r.overleg).await?,
        _ => (None, None),
    };
    let id = repo::moment_aanmaken(
        tx,
        reg,
        casus_id,
        r.soort,
        &r.tijdstip,
        r.soort.begin_status(),
        &r.waarden.proces,
        organisatie_id,
        overleg,
    )
    .await?;
    for (org, rol) in eerste_deelnemers(r, organisatie_id, voorzitter) {
        if rol == DeelnemerRol::Betrokken {
            ketenpartner_in_regio(tx, org, reg.regio(), "deelnemers").await?;
        }
        repo::deelname_starten(tx, reg, id, org, rol, op, actor).await?;
    }
    // The registering organisation takes part now, so its need-to-know scope covers the moment.
    repo::persoon_opslaan(tx, deelname, id, &r.waarden.persoon).await?;
    for event in registratie_events(id, r) {
        audit::schrijf(tx, actor, event).await?;
    }
    Ok(id)
}

/// Who takes part in a new moment from its registration, in the order they join: the chair of
/// its Actie-overleg (it decides in the voorbespreking), the registering organisation (unless
/// it is the chair, which keeps that role), then the chosen partners; each organisation once.
pub fn eerste_deelnemers(
    r: &Registratie,
    organisatie_id: OrganisatieId,
    voorzitter: Option<OrganisatieId>,
) -> Vec<(OrganisatieId, DeelnemerRol)> {
    let mut deelnemers: Vec<(OrganisatieId, DeelnemerRol)> =
        Vec::with_capacity(2 + r.deelnemers.len());
    let kandidaten = voorzitter
        .map(|vz| (vz, DeelnemerRol::Voorzitter))
        .into_iter()
        .chain([(organisatie_id, DeelnemerRol::Inbrenger)])
        .chain(r.deelnemers.iter().map(|o| (*o, DeelnemerRol::Betrokken)));
    for (org, rol) in kandidaten {
        if !deelnemers.iter().any(|(o, _)| *o == org) {
            deelnemers.push((org, rol));
        }
    }
    deelnemers
}

/// The audit events of registering moment `id`.
pub fn registratie_events(id: MomentId, r: &Registratie) -> Vec<AuditEvent> {
    let mut events = vec![AuditEvent::MomentGeregistreerd {
        moment: id,
        soort: r.soort.code(),
    }];
    if !r.waarden.persoon.is_empty() {
        events.push(AuditEvent::PersoonsgegevensGewijzigd { moment: id });
    }
    events
}

/// Checks that an organisation is a partner organisation (VT, Politie, OM, RvdK, 3RO) of the
/// region: only those can take part in a moment.
pub(super) async fn ketenpartner_in_regio(
    tx: &mut crate::db::Conn,
    org: OrganisatieId,
    regio: &RegioCode,
    veld: &str,
) -> AppResult<()> {
    let soort = repo::organisatie_soort_in_regio(tx, org, regio).await?;
    if soort.is_some_and(|s| permissions::KETENPARTNERS.contains(&s.as_str())) {
        Ok(())
    } else {
        Err(AppError::Validatie(vec![Veldfout::new(
            veld,
            "Kies een ketenpartner uit deze regio (Veilig Thuis, Politie, OM, Raad voor de Kinderbescherming of 3RO).",
        )]))
    }
}

/// Registers a new moment from a form.
pub async fn registreren(
    db: &Db,
    sleutel: Option<&Sleutel>,
    g: &Gebruiker,
    soort: Soort,
    invoer: &MomentInvoer,
) -> AppResult<MomentId> {
    let (Some(reg), Some(deelname)) = (permissions::casus_registratie(g), permissions::deelname(g))
    else {
        return Err(AppError::GeenToegang);
    };
    let mut r = valideer(sleutel, soort, invoer).map_err(AppError::Validatie)?;
    let mut tx = crate::db::begin(db).await?;
    werkgebied_controleren(
        &mut tx,
        reg.regio(),
        soort,
        &mut r.waarden.proces,
        &BTreeMap::new(),
    )
    .await?;
    if soort == Soort::Actieoverleg
        && repo::overleg_ids(&mut tx, &reg.inzage(), reg.regio())
            .await?
            .is_empty()
    {
        return Err(AppError::Validatie(vec![Veldfout::new(
            "overleg",
            "In uw regio is nog geen Actie-overleg ingesteld; een aanmelding kan pas als er een is.",
        )]));
    }
    // Linking to the open case of the same person the registrant was told of: allowed without
    // taking part in it, but only to that case (the key is checked again here).
    let gekoppeld = match (invoer.koppelen.as_str(), &r.pseudoniem) {
        ("ja", Some(p)) if r.casus.is_none() => {
            let gevonden = repo::open_casus_van_persoon(&mut tx, &reg, p).await?;
            match gevonden.filter(|c| c.to_string() == invoer.gevonden.trim()) {
                Some(c) => {
                    r.casus = Some(c);
                    Some(c)
                }
                None => {
                    return Err(AppError::validatie(
                        "koppelen",
                        "Deze casus kan niet (meer) worden gekoppeld: er is geen lopende casus \
                         met dezelfde persoonsgegevens. Kies 'nieuwe casus'.",
                    ));
                }
            }
        }
        _ => None,
    };
    if let Some(c) = r.casus.filter(|_| gekoppeld.is_none()) {
        // Adding to an existing case requires taking part in it already.
        if !repo::neemt_deel_aan_casus(&mut tx, &deelname, c).await? {
            return Err(AppError::Validatie(vec![Veldfout::new(
                "casus",
                format!(
                    "Uw organisatie neemt geen deel aan casus {c}; laat het veld leeg voor een nieuwe casus."
                ),
            )]));
        }
    }
    let id = opslaan_in(
        &mut tx,
        &Actor::from(g),
        g.organisatie_id,
        (&reg, &deelname),
        &r,
    )
    .await?;
    melden_bij_registratie(&mut tx, g, &reg, id, &r).await?;
    if let Some(c) = gekoppeld {
        koppeling_melden(&mut tx, g, &reg, c, id).await?;
    }
    tx.commit().await?;
    Ok(id)
}

/// Whether an open case of the same person (the same pseudonymous key) exists in the region,
/// for a registration that starts a new case and was not asked yet: its number, to tell the
/// registrant that it exists and that the moment may be linked to it. The registrant sees
/// nothing of that case unless its organisation joins it. The match is audited. Input that
/// does not validate gives none (the registration itself then reports the errors).
pub async fn bestaande_casus(
    db: &Db,
    sleutel: Option<&Sleutel>,
    g: &Gebruiker,
    soort: Soort,
    invoer: &MomentInvoer,
) -> AppResult<Option<crate::gedeeld::CasusId>> {
    let reg = permissions::casus_registratie(g).ok_or(AppError::GeenToegang)?;
    if !invoer.casus.trim().is_empty() || !invoer.koppelen.is_empty() {
        return Ok(None);
    }
    let Ok(Registratie {
        pseudoniem: Some(p),
        ..
    }) = valideer(sleutel, soort, invoer)
    else {
        return Ok(None);
    };
    let mut tx = crate::db::begin(db).await?;
    let Some(c) = repo::open_casus_van_persoon(&mut tx, &reg, &p).await? else {
        return Ok(None);
    };
    audit::schrijf(
        &mut tx,
        &Actor::from(g),
        AuditEvent::CasusOvereenkomst {
            casus: c,
            gekoppeld: false,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Some(c))
}

/// A moment was linked to a running case of the same person: audited, and the organisations
/// taking part in the case hear of it (the melding says only that, with a link).
async fn koppeling_melden(
    tx: &mut crate::db::Conn,
    g: &Gebruiker,
    reg: &CasusRegistratie,
    casus: crate::gedeeld::CasusId,
    id: MomentId,
) -> AppResult<()> {
    use crate::melding::{model::MeldingSoort, service as melding};
    audit::schrijf(
        tx,
        &Actor::from(g),
        AuditEvent::CasusOvereenkomst {
            casus,
            gekoppeld: true,
        },
    )
    .await?;
    let sleutel = format!("moment:{id}");
    let link = format!("/casussen/moment/{id}");
    for org in repo::deelnemers_van_casus(tx, reg, casus).await? {
        if org == g.organisatie_id {
            continue;
        }
        melding::melden(
            tx,
            &Actor::from(g),
            melding::Ontvangers::Organisatie(org),
            (MeldingSoort::CasusGekoppeld, &sleutel, &link),
        )
        .await?;
    }
    Ok(())
}

/// Who hears of a new registration: the chair's organisation of an aanmelding (the
/// voorbespreking waits for it), and Veilig Thuis of the region when a ZSM case was registered
/// without it (the duty desk may want to step in). The melding says only that, with a link.
async fn melden_bij_registratie(
    tx: &mut crate::db::Conn,
    g: &Gebruiker,
    reg: &CasusRegistratie,
    id: MomentId,
    r: &Registratie,
) -> AppResult<()> {
    use crate::melding::{model::MeldingSoort, service as melding};
    let sleutel = format!("moment:{id}");
    match r.soort {
        Soort::Actieoverleg => {
            let overleg = repo::moment(tx, &reg.inzage(), id)
                .await?
                .and_then(|m| m.overleg_id);
            if let Some(overleg) = overleg
                && let Some((_, voorzitter)) = repo::overleg_kop(tx, &reg.inzage(), overleg).await?
            {
                let link = format!("/casussen/moment/{id}#verloop");
                melding::melden(
                    tx,
                    &Actor::from(g),
                    melding::Ontvangers::Organisatie(voorzitter),
                    (MeldingSoort::Aanmelding, &sleutel, &link),
                )
                .await?;
            }
        }
        Soort::Zsm
            if r.waarden.proces.get("vt_betrokkenheid").map(String::as_str) == Some("niet") =>
        {
            let link = format!("/casussen/moment/{id}");
            melding::melden(
                tx,
                &Actor::from(g),
                melding::Ontvangers::Soort(reg.regio(), "veilig_thuis"),
                (MeldingSoort::ZsmZonderVt, &sleutel, &link),
            )
            .await?;
        }
        _ => {}
    }
    Ok(())
}

/// Checks (and normalises to the organisation's name) the fields that choose one of the
/// region's Veilig Thuis organisations; `vorige`: the values stored before, which may stay.
pub async fn werkgebied_controleren(
    conn: &mut crate::db::Conn,
    regio: &RegioCode,
    soort: Soort,
    proces: &mut BTreeMap<String, String>,
    vorige: &BTreeMap<String, String>,
) -> AppResult<()> {
    let heeft_keuze = velden::velden(soort)
        .iter()
        .any(|v| v.type_ == velden::Type::VtOrganisatie && proces.contains_key(v.code));
    if !heeft_keuze {
        return Ok(());
    }
    let keuzes = repo::vt_organisaties(conn, regio).await?;
    velden::vt_werkgebied(soort, proces, &keuzes, vorige).map_err(AppError::Validatie)
}

/// What a user may see of a moment's personal data.
#[derive(Debug, Clone)]
pub enum PersoonZicht {
    Zichtbaar(BTreeMap<String, String>),
    /// Erased by retention.
    Gewist,
    /// Not a participant (or not a role that needs it): process data only.
    GeenToegang,
}

/// A moment as one user may see it.
#[derive(Debug, Clone)]
pub struct MomentBeeld {
    pub moment: Moment,
    pub deelnemers: Vec<Deelnemer>,
    pub afspraken: Vec<Afspraak>,
    pub persoon: PersoonZicht,
    pub actieve_deelnemer: bool,
    pub mag_schrijven: bool,
    pub is_voorzitter: bool,
    /// The organisations whose participation this user may end (its own; the chair: all).
    pub mag_beeindigen: Vec<OrganisatieId>,
    /// The afspraken whose status this user may change (owner or chair).
    pub mag_afspraak_zetten: Vec<crate::gedeeld::AfspraakId>,
    /// May reopen the (closed) case from this moment.
    pub mag_heropenen: bool,
    /// The other moments of the same case (process data).
    pub casus_momenten: Vec<Moment>,
}

/// Loads a moment within the user's case-process scope: a user without one is refused, a moment
/// outside it (another region) is not found.
async fn laad_moment(
    tx: &mut crate::db::Conn,
    g: &Gebruiker,
    id: MomentId,
) -> AppResult<(Moment, CasusInzage)> {
    let inzage = permissions::casus_inzage(g).ok_or(AppError::GeenToegang)?;
    let m = repo::moment(tx, &inzage, id)
        .await?
        .ok_or(AppError::NietGevonden("Dit moment"))?;
    Ok((m, inzage))
}

/// Whether the user's organisation takes part in the moment now (no need-to-know scope: no).
async fn neemt_deel(
    tx: &mut crate::db::Conn,
    deelname: Option<&Deelname>,
    id: MomentId,
) -> AppResult<bool> {
    Ok(match deelname {
        Some(d) => repo::is_actieve_deelnemer(tx, d, id).await?,
        None => false,
    })
}

/// Loads a moment for a user. Personal data is included only under need-to-know, and its
/// read is written to the audit log (with the moment as purpose) in the same transaction.
pub async fn bekijken(db: &Db, g: &Gebruiker, id: MomentId) -> AppResult<MomentBeeld> {
    let mut tx = crate::db::begin(db).await?;
    let (moment, inzage) = laad_moment(&mut tx, g, id).await?;
    let deelname = permissions::deelname(g);
    let actief = neemt_deel(&mut tx, deelname.as_ref(), id).await?;
    let deelnemers = repo::deelnemers(&mut tx, &inzage, id).await?;
    let mut moment = moment;
    let persoon = match deelname.as_ref().filter(|_| actief) {
        _ if moment.gewist => PersoonZicht::Gewist,
        Some(d) => {
            audit::schrijf(
                &mut tx,
                &Actor::from(g),
                AuditEvent::PersoonsgegevensGelezen {
                    moment: id,
                    doel: moment.soort.label(),
                },
            )
            .await?;
            PersoonZicht::Zichtbaar(repo::persoon(&mut tx, d, id).await?.unwrap_or_default())
        }
        None => {
            // NEN 7513: the refused read is logged too (in this transaction, which writes
            // nothing else; at most one row a minute per user and moment).
            audit::service::weigering_vastleggen(
                &mut tx,
                &Actor::from(g),
                audit::service::Weigering::Moment {
                    moment: id,
                    wat: "bekijken",
                },
            )
            .await?;
            PersoonZicht::GeenToegang
        }
    };
    let laatste_einde = repo::laatste_einde(&mut tx, &inzage, id, g.organisatie_id).await?;
    tx.commit().await?;
    let is_voorzitter = deelnemers.iter().any(|d| {
        d.rol == DeelnemerRol::Voorzitter
            && d.tot.is_none()
            && permissions::is_voorzitter(g, d.organisatie_id)
    });
    let open = moment.casus_status == "open";
    let mag_schrijven = permissions::mag_moment_schrijven(g, actief);
    let mut afspraken = repo::afspraken_van_moment(db, &inzage, id).await?;
    let mut casus_momenten = repo::momenten_van_casus(db, &inzage, moment.casus_id).await?;
    // Free text is personal data: shown (and audited above) only with the personal data.
    // After retention it is erased already (and says so).
    if matches!(persoon, PersoonZicht::GeenToegang) {
        moment.verberg_vrije_tekst();
        afspraken.iter_mut().for_each(Afspraak::verberg_vrije_tekst);
    }
    // The other moments of the case: their free text belongs to their own participants.
    casus_momenten
        .iter_mut()
        .for_each(Moment::verberg_vrije_tekst);
    Ok(MomentBeeld {
        mag_beeindigen: deelnemers
            .iter()
            .filter(|d| {
                open && d.is_actief()
                    && mag_schrijven
                    && regels::mag_deelname_beeindigen(
                        &deelnemers,
                        g.organisatie_id,
                        d.organisatie_id,
                    )
            })
            .map(|d| d.organisatie_id)
            .collect(),
        mag_afspraak_zetten: afspraken
            .iter()
            .filter(|a| mag_afspraak_zetten(g, &deelnemers, a))
            .map(|a| a.id)
            .collect(),
        mag_heropenen: !open
            && !moment.gewist
            && permissions::mag_casus_registreren(g, &moment.regio_code)
            && regels::mag_casus_heropenen(
                moment.aangemaakt_door_organisatie,
                g.organisatie_id,
                laatste_einde,
            ),
        afspraken,
        casus_momenten,
        mag_schrijven,
        actieve_deelnemer: actief,
        is_voorzitter,
        deelnemers,
        persoon,
        moment,
    })
}

/// May change an afspraak's status: a medewerker or coordinator of a partner organisation that
/// owns it or chairs the moment.
fn mag_afspraak_zetten(g: &Gebruiker, deelnemers: &[Deelnemer], a: &Afspraak) -> bool {
    permissions::mag_casus_registreren(g, &a.regio_code)
        && regels::mag_afspraak_status_zetten(
            deelnemers,
            g.organisatie_id,
            a.eigenaar_organisatie_id,
        )
}

/// Refuses a change the rules do not allow: the attempt goes into the audit log (committed on
/// its own; nothing else was written in `tx`) and the user gets `fout` (a 403 with the reason,
/// or a 409 when the change makes no sense in the current state).
async fn weigeren(
    tx: crate::db::Tx<'_>,
    g: &Gebruiker,
    moment: MomentId,
    wat: &'static str,
    object: i64,
    fout: AppError,
) -> AppError {
    let event = AuditEvent::CasusWijzigingGeweigerd {
        moment,
        wat,
        object,
    };
    match vastleggen(tx, g, event).await {
        Ok(()) => fout,
        Err(e) => e,
    }
}

/// The scopes a write on a moment runs under.
struct Schrijftoegang {
    inzage: CasusInzage,
    deelname: Deelname,
    registratie: CasusRegistratie,
}

/// Opens a write on a moment: loads it and checks that the user's organisation takes part.
async fn schrijftoegang<'a>(
    db: &'a Db,
    g: &Gebruiker,
    id: MomentId,
) -> AppResult<(crate::db::Tx<'a>, Moment, Schrijftoegang)> {
    let mut tx = crate::db::begin(db).await?;
    let (m, inzage) = laad_moment(&mut tx, g, id).await?;
    let (Some(deelname), Some(registratie)) =
        (permissions::deelname(g), permissions::casus_registratie(g))
    else {
        return Err(AppError::GeenToegang);
    };
    if !repo::is_actieve_deelnemer(&mut tx, &deelname, id).await? {
        return Err(AppError::GeenToegang);
    }
    if m.casus_status != "open" {
        return Err(AppError::Conflict(
            "Deze casus is gesloten; heropen hem om iets te wijzigen.".into(),
        ));
    }
    let t = Schrijftoegang {
        inzage,
        deelname,
        registratie,
    };
    Ok((tx, m, t))
}

/// Changes the registered fields of a moment (participants only). Personal fields are
/// replaced by what was submitted.
pub async fn bijwerken(
    db: &Db,
    g: &Gebruiker,
    id: MomentId,
    invoer: &MomentInvoer,
) -> AppResult<()> {
    let (mut tx, m, t) = schrijftoegang(db, g, id).await?;
    let waarden = velden::valideer(m.soort, &invoer.velden);
    let mut fouten = waarden.clone().err().unwrap_or_default();
    let tijdstip = valideer_tijdstip(m.soort, &invoer.tijdstip)
        .map_err(|f| fouten.push(f))
        .ok();
    if !fouten.is_empty() {
        return Err(AppError::Validatie(fouten));
    }
    let mut w = waarden.unwrap_or_default();
    werkgebied_controleren(&mut tx, &m.regio_code, m.soort, &mut w.proces, &m.gegevens).await?;
    // Keep the flow fields (voorbespreking, terugkoppeling, …) that are not on the form.
    let mut proces = m.gegevens.clone();
    for v in velden::velden(m.soort)
        .iter()
        .filter(|v| !v.is_persoonlijk())
    {
        match w.proces.get(v.code) {
            Some(x) => proces.insert(v.code.into(), x.clone()),
            None => proces.remove(v.code),
        };
    }
    repo::moment_bijwerken(
        &mut tx,
        &t.deelname,
        id,
        &tijdstip.unwrap_or_default(),
        m.status,
        &proces,
        m.vergadering_id,
    )
    .await?;
    let actor = Actor::from(g);
    audit::schrijf(
        &mut tx,
        &actor,
        AuditEvent::MomentGewijzigd {
            moment: id,
            wat: "gegevens",
        },
    )
    .await?;
    if !m.gewist {
        repo::persoon_opslaan(&mut tx, &t.deelname, id, &w.persoon).await?;
        audit::schrijf(
            &mut tx,
            &actor,
            AuditEvent::PersoonsgegevensGewijzigd { moment: id },
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}
