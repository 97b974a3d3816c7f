//! Use cases of the afstemmingsmomenten: every permission check (need-to-know) and every
//! audit entry happens here. Personal data is read only through `bekijken`, which audits the
//! read with its purpose in the same transaction.

use super::model::{
    self as regels, Afspraak, AfspraakSoort, AfspraakStatus, ContactSoort, Contactpunt, Deelnemer,
    DeelnemerRol, Frequentie, Moment, Overleg, Soort, Status, Vergadering,
};
use super::{pseudoniem, repo, velden};
use crate::audit::{self, Actor, AuditEvent};
use crate::auth::permissions::{CasusInzage, CasusRegistratie, Deelname};
use crate::auth::{Gebruiker, permissions};
use crate::config::Sleutel;
use crate::db::Db;
use crate::db::geheugen::Geheugen;
use crate::error::{AppError, AppResult, Veldfout};
use std::collections::BTreeMap;

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
    pub casus: Option<i64>,
    pub tijdstip: String,
    pub pseudoniem: Option<String>,
    pub waarden: velden::Waarden,
    pub deelnemers: Vec<i64>,
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
            Ok(n) if n > 0 => Some(n),
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
        match d.trim().parse::<i64>() {
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
    moment: i64,
    event: AuditEvent,
) -> AppResult<()> {
    let actor = Actor::from(g).namens(format!("voorzitter:moment={moment}"));
    audit::schrijf(&mut tx, &actor, event).await?;
    tx.commit().await?;
    Ok(())
}

/// The partner organisations (VT, Politie, OM, RvdK, 3RO) of a region: (id, name, kind code).
/// Only they can take part in a moment.
pub async fn organisaties(db: &Db, regio: &str) -> AppResult<Vec<(i64, String, String)>> {
    Ok(repo::organisaties_van_regio(db, regio)
        .await?
        .into_iter()
        .filter(|(_, _, soort)| permissions::KETENPARTNERS.contains(&soort.as_str()))
        .collect())
}

/// Stores one validated registration inside an open transaction. The registering
/// organisation becomes a participant; for an Actie-overleg the chair's organisation of the
/// overleg the aanmelding is for too.
pub async fn opslaan_in(
    tx: &mut crate::db::Conn,
    actor: &Actor,
    organisatie_id: i64,
    toegang: (&CasusRegistratie, &Deelname),
    r: &Registratie,
) -> AppResult<i64> {
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
) -> AppResult<(Option<i64>, Option<i64>)> {
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
    organisatie_id: i64,
    (reg, deelname): (&CasusRegistratie, &Deelname),
    r: &Registratie,
    op: &str,
) -> AppResult<i64> {
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
    organisatie_id: i64,
    voorzitter: Option<i64>,
) -> Vec<(i64, DeelnemerRol)> {
    let mut deelnemers: Vec<(i64, DeelnemerRol)> = Vec::with_capacity(2 + r.deelnemers.len());
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
pub fn registratie_events(id: i64, r: &Registratie) -> Vec<AuditEvent> {
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
    org: i64,
    regio: &str,
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
) -> AppResult<i64> {
    let (Some(reg), Some(deelname)) = (permissions::casus_registratie(g), permissions::deelname(g))
    else {
        return Err(AppError::GeenToegang);
    };
    let r = valideer(sleutel, soort, invoer).map_err(AppError::Validatie)?;
    let mut tx = crate::db::begin(db).await?;
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
    if let Some(c) = r.casus {
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
    tx.commit().await?;
    Ok(id)
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
    pub mag_beeindigen: Vec<i64>,
    /// The afspraken whose status this user may change (owner or chair).
    pub mag_afspraak_zetten: Vec<i64>,
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
    id: i64,
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
    id: i64,
) -> AppResult<bool> {
    Ok(match deelname {
        Some(d) => repo::is_actieve_deelnemer(tx, d, id).await?,
        None => false,
    })
}

/// Loads a moment for a user. Personal data is included only under need-to-know, and its
/// read is written to the audit log (with the moment as purpose) in the same transaction.
pub async fn bekijken(db: &Db, g: &Gebruiker, id: i64) -> AppResult<MomentBeeld> {
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
    moment: i64,
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
    id: i64,
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
pub async fn bijwerken(db: &Db, g: &Gebruiker, id: i64, invoer: &MomentInvoer) -> AppResult<()> {
    let (mut tx, m, t) = schrijftoegang(db, g, id).await?;
    let waarden = velden::valideer(m.soort, &invoer.velden);
    let mut fouten = waarden.clone().err().unwrap_or_default();
    let tijdstip = valideer_tijdstip(m.soort, &invoer.tijdstip)
        .map_err(|f| fouten.push(f))
        .ok();
    if !fouten.is_empty() {
        return Err(AppError::Validatie(fouten));
    }
    let w = waarden.unwrap_or_default();
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

/// Input of a flow step of the Actie-overleg (voorbespreking, agenda, bespreking,
/// terugkoppeling, afronden) or closing a moment of another kind.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct StapInvoer {
    #[serde(default)]
    pub stap: String,
    #[serde(default)]
    pub besluit: String,
    #[serde(default)]
    pub reden: String,
    #[serde(default)]
    pub toelichting: String,
    #[serde(default)]
    pub datum: String,
    #[serde(default)]
    pub overdracht: String,
}

fn datum_of_vandaag(s: &str, veld: &str) -> Result<String, Veldfout> {
    if s.trim().is_empty() {
        Ok(crate::db::vandaag())
    } else {
        velden::datum(s).ok_or_else(|| {
            Veldfout::new(veld, "Vul een geldige datum in (JJJJ-MM-DD of DD-MM-JJJJ).")
        })
    }
}

/// Applies one flow step. The chair decides the voorbespreking and the agenda; participants
/// record the bespreking, the terugkoppeling to the referrer and the end.
pub async fn stap(db: &Db, g: &Gebruiker, id: i64, s: &StapInvoer) -> AppResult<Status> {
    let (mut tx, m, t) = schrijftoegang(db, g, id).await?;
    let deelnemers = repo::deelnemers(&mut tx, &t.inzage, id).await?;
    let voorzitter = deelnemers.iter().any(|d| {
        d.rol == DeelnemerRol::Voorzitter
            && d.tot.is_none()
            && permissions::is_voorzitter(g, d.organisatie_id)
    });
    let mut proces = m.gegevens.clone();
    let mut vergadering = m.vergadering_id;
    let fout = |veld: &str, melding: &str| AppError::Validatie(vec![Veldfout::new(veld, melding)]);
    let ongeldig = || {
        AppError::Conflict(format!(
            "Deze stap kan niet bij de status '{}'.",
            m.status.label()
        ))
    };
    let nieuw = match (m.soort, s.stap.as_str()) {
        (Soort::Actieoverleg, "voorbespreking") => {
            if !voorzitter {
                return Err(AppError::GeenToegang);
            }
            if m.status != Status::Ingediend {
                return Err(ongeldig());
            }
            let datum =
                datum_of_vandaag(&s.datum, "datum").map_err(|f| AppError::Validatie(vec![f]))?;
            proces.insert("voorbespreking_op".into(), datum);
            match s.besluit.as_str() {
                "geaccepteerd" => {
                    // The question matters to Politie, OM and VT: the fixed members of the overleg
                    // this aanmelding is for join (no other overleg's). Organisations already
                    // taking part keep their role.
                    if let Some(overleg) = m.overleg_id {
                        let actor = Actor::from(g);
                        let nu = crate::db::nu();
                        for org in repo::vaste_organisaties(&mut tx, &t.inzage, overleg).await? {
                            repo::deelname_starten(
                                &mut tx,
                                &t.registratie,
                                id,
                                org,
                                DeelnemerRol::Vast,
                                &nu,
                                &actor,
                            )
                            .await?;
                        }
                    }
                    Status::Geaccepteerd
                }
                "afgewezen" => {
                    if !velden::AFWIJZINGSREDENEN.iter().any(|(c, _)| *c == s.reden) {
                        return Err(fout("reden", "Kies de reden van afwijzing."));
                    }
                    if s.toelichting.chars().count() > 1000 {
                        return Err(fout(
                            "toelichting",
                            "De toelichting is te lang (maximaal 1000 tekens).",
                        ));
                    }
                    proces.insert("afwijzingsreden".into(), s.reden.clone());
                    proces.insert("afwijzing_toelichting".into(), s.toelichting.trim().into());
                    Status::Afgewezen
                }
                _ => return Err(fout("besluit", "Kies geaccepteerd of afgewezen.")),
            }
        }
        (Soort::Actieoverleg, "agenderen") => {
            if !voorzitter {
                return Err(AppError::GeenToegang);
            }
            if !matches!(m.status, Status::Geaccepteerd | Status::Geagendeerd) {
                return Err(ongeldig());
            }
            let datum = velden::datum(&s.datum)
                .ok_or_else(|| fout("datum", "Kies de datum van het Actie-overleg."))?;
            // On a meeting of the overleg the aanmelding is for, which this user's organisation
            // must chair.
            let overleg = m.overleg_id.ok_or_else(|| {
                fout(
                    "datum",
                    "Deze aanmelding hoort bij geen Actie-overleg; agenderen kan niet.",
                )
            })?;
            let (regio, vz) = repo::overleg_kop(&mut tx, &t.inzage, overleg)
                .await?
                .ok_or(AppError::NietGevonden("Dit overleg"))?;
            if !permissions::beheert_overleg(g, &regio, vz) {
                return Err(AppError::GeenToegang);
            }
            vergadering =
                Some(repo::vergadering_zorg(&mut tx, &t.registratie, overleg, &datum).await?);
            Status::Geagendeerd
        }
        (Soort::Actieoverleg, "bespreking") => {
            if m.status != Status::Geagendeerd {
                return Err(ongeldig());
            }
            let datum = match &m.vergadering_datum {
                Some(d) if s.datum.trim().is_empty() => d.clone(),
                _ => {
                    datum_of_vandaag(&s.datum, "datum").map_err(|f| AppError::Validatie(vec![f]))?
                }
            };
            proces.insert("besproken_op".into(), datum);
            proces.insert("stap1_gedeeld".into(), "ja".into());
            if !s.overdracht.trim().is_empty() {
                if s.overdracht.chars().count() > 1000 {
                    return Err(fout(
                        "overdracht",
                        "De overdracht is te lang (maximaal 1000 tekens).",
                    ));
                }
                proces.insert("overdracht".into(), s.overdracht.trim().into());
            }
            Status::Besproken
        }
        (Soort::Actieoverleg, "terugkoppeling") => {
            if !matches!(
                m.status,
                Status::Afgewezen | Status::Besproken | Status::AfsprakenLopen | Status::Afgerond
            ) {
                return Err(ongeldig());
            }
            let datum =
                datum_of_vandaag(&s.datum, "datum").map_err(|f| AppError::Validatie(vec![f]))?;
            proces.insert("terugkoppeling_op".into(), datum);
            m.status
        }
        (_, "afronden") => {
            if m.soort == Soort::Actieoverleg
                && !matches!(m.status, Status::Besproken | Status::AfsprakenLopen)
            {
                return Err(ongeldig());
            }
            if m.status.is_eind() {
                return Err(ongeldig());
            }
            proces.insert("afgerond_op".into(), crate::db::vandaag());
            Status::Afgerond
        }
        (_, "heropenen") => {
            if m.status != Status::Afgerond {
                return Err(ongeldig());
            }
            proces.remove("afgerond_op");
            if m.soort == Soort::Actieoverleg {
                Status::AfsprakenLopen
            } else {
                Status::Open
            }
        }
        _ => return Err(fout("stap", "Onbekende stap.")),
    };
    repo::moment_bijwerken(
        &mut tx,
        &t.deelname,
        id,
        &m.tijdstip,
        nieuw,
        &proces,
        vergadering,
    )
    .await?;
    vastleggen(
        tx,
        g,
        AuditEvent::MomentGewijzigd {
            moment: id,
            wat: nieuw.code(),
        },
    )
    .await?;
    Ok(nieuw)
}

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
}

/// Records an afspraak with owner and deadline. The owner becomes a participant when it is not
/// one yet (it needs the case to act); an existing participant keeps its role. An Actie-overleg that was besproken moves on to "afspraken lopen".
pub async fn afspraak_toevoegen(
    db: &Db,
    g: &Gebruiker,
    id: i64,
    a: &AfspraakInvoer,
) -> AppResult<i64> {
    let (mut tx, m, t) = schrijftoegang(db, g, id).await?;
    let mut fouten = vec![];
    let eigenaar = a.eigenaar.trim().parse::<i64>().ok();
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
    if deadline.is_none() {
        fouten.push(Veldfout::new(
            "deadline",
            "Vul een geldige deadline in (JJJJ-MM-DD of DD-MM-JJJJ).",
        ));
    }
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

/// Marks an afspraak done (or open again, or lapsed). Only its owner organisation and the
/// chair of the moment may; anyone else who sees the moment is refused (403, audited).
pub async fn afspraak_status(
    db: &Db,
    g: &Gebruiker,
    afspraak_id: i64,
    status: &str,
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
    let deelnemers = repo::deelnemers(&mut tx, &inzage, a.moment_id).await?;
    if !mag_afspraak_zetten(g, &deelnemers, &a) {
        return Err(weigeren(
            tx,
            g,
            a.moment_id,
            "afspraak_status",
            afspraak_id,
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
    repo::afspraak_status(&mut tx, &deelname, afspraak_id, status, gereed.as_deref()).await?;
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

/// Adds an organisation to a moment (e.g. RvdK or 3RO op afroep) or ends its participation.
/// Any participant may add an organisation (a new period; one already taking part keeps its
/// role). Ending: an organisation may end its own participation, and the chair of an
/// Actie-overleg anyone's; nobody else (403, audited). The last participant cannot leave: the
/// moment would be orphaned (close the case instead).
pub async fn deelname(
    db: &Db,
    g: &Gebruiker,
    id: i64,
    organisatie: i64,
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
                organisatie,
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
pub async fn casus_sluiten(db: &Db, g: &Gebruiker, moment_id: i64, open: bool) -> AppResult<i64> {
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
            return Err(weigeren(tx, g, moment_id, "casus_heropenen", m.casus_id, fout).await);
        }
        let laatste = repo::laatste_einde(&mut tx, &inzage, moment_id, g.organisatie_id).await?;
        let reg = permissions::casus_registratie(g).filter(|r| {
            r.regio() == m.regio_code
                && regels::mag_casus_heropenen(
                    m.aangemaakt_door_organisatie,
                    g.organisatie_id,
                    laatste,
                )
        });
        let Some(reg) = reg else {
            let fout = AppError::GeenToegang;
            return Err(weigeren(tx, g, moment_id, "casus_heropenen", m.casus_id, fout).await);
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
                    format!(
                        "{} #{id}",
                        Soort::parse(soort).map(Soort::label).unwrap_or("")
                    )
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

/// Moments of a region in a year (process data), for lists.
pub async fn overzicht(
    db: &Db,
    g: &Gebruiker,
    regio: &str,
    soort: Option<Soort>,
    jaar: &str,
) -> AppResult<Vec<Moment>> {
    let inzage = inzage_van_regio(g, regio)?;
    let (van, tot) = periode_grenzen(jaar)?;
    let mut momenten = repo::momenten(db, &inzage, regio, soort, &van, &tot).await?;
    // Lists show process data only; free text is read (and audited) on the moment itself.
    momenten.iter_mut().for_each(Moment::verberg_vrije_tekst);
    Ok(momenten)
}

/// Moments on one page of the moment list.
pub const PER_PAGINA: i64 = 50;

/// One page of the moment list and where it lies.
#[derive(Debug)]
pub struct Momentpagina {
    pub momenten: Vec<Moment>,
    /// Moments in the year, all pages.
    pub totaal: i64,
    /// The page shown (from 1; a page past the end gives the last) and the number of pages.
    pub pagina: u32,
    pub paginas: u32,
}

/// The moment list of a region as one view shows it: the year (the one asked for, or else the
/// most recent year with registrations, or this year), one page of its moments, and how many
/// afspraken of the user's organisation are overdue.
#[derive(Debug)]
pub struct Momentenlijst {
    pub jaar: String,
    pub lijst: Momentpagina,
    pub te_laat: i64,
}

/// The moment list (see [`Momentenlijst`]). The change markers of all region-years are read once
/// and serve the three counts kept per instance (the year's default, the number of moments and
/// the overdue afspraken): on PostgreSQL each statement is a round trip and a ping when its
/// connection goes back to the pool, and the markers were read three times per view.
pub async fn momentenlijst(
    db: &Db,
    g: &Gebruiker,
    (regio, soort, gevraagd_jaar): (&str, Option<Soort>, &str),
    gevraagd: u32,
) -> AppResult<Momentenlijst> {
    let inzage = inzage_van_regio(g, regio)?;
    let markers = Markeringen(repo::indicator_versies_alle(db).await?);
    let jaar = match gevraagd_jaar {
        "" => laatste_jaar_bij(db, &inzage, regio, &markers)
            .await?
            .unwrap_or_else(|| crate::db::vandaag()[..4].to_string()),
        j => j.to_string(),
    };
    let lijst = overzicht_pagina(db, &inzage, (regio, soort, &jaar), gevraagd, &markers).await?;
    let te_laat = aantal_te_laat(db, g, markers.samen()).await?;
    Ok(Momentenlijst {
        jaar,
        lijst,
        te_laat,
    })
}

/// The change markers of every region-year (`indicator_versie`, a row per region and year:
/// some tens of rows), bumped by the triggers of migration 0016 on every write that can change
/// what a region-year counts; versions only grow.
struct Markeringen(Vec<(String, String, i64)>);

impl Markeringen {
    /// One region-year's marker (0 when nothing was ever written to it).
    fn regiojaar(&self, regio: &str, jaar: &str) -> i64 {
        self.0
            .iter()
            .find(|(r, j, _)| r == regio && j == jaar)
            .map_or(0, |m| m.2)
    }
    /// A marker that changes with every write to any year of the region (their sum).
    fn regio(&self, regio: &str) -> i64 {
        self.0.iter().filter(|m| m.0 == regio).map(|m| m.2).sum()
    }
    /// A marker that changes with every write anywhere.
    fn samen(&self) -> i64 {
        self.0.iter().map(|m| m.2).sum()
    }
}

/// The most recent year with a registered moment in the region, kept per instance while no
/// moment of the region changed (every insert, update or delete of a moment bumps the markers
/// of its old and new year).
async fn laatste_jaar_bij(
    db: &Db,
    inzage: &CasusInzage,
    regio: &str,
    markers: &Markeringen,
) -> AppResult<Option<String>> {
    static JAREN: Geheugen<(String, Option<String>), Option<String>> = Geheugen::nieuw(&[]);
    let sleutel = (regio.to_string(), inzage.regio().map(str::to_string));
    let jaar = JAREN
        .bij_versies(db, [markers.regio(regio), 0, 0], &sleutel, async {
            repo::laatste_jaar(db, inzage, regio).await
        })
        .await?;
    Ok((*jaar).clone())
}

/// One page of the moments of a region in a year, newest first: the list stays small however
/// many moments a region registers.
async fn overzicht_pagina(
    db: &Db,
    inzage: &CasusInzage,
    (regio, soort, jaar): (&str, Option<Soort>, &str),
    gevraagd: u32,
    markers: &Markeringen,
) -> AppResult<Momentpagina> {
    let (van, tot) = periode_grenzen(jaar)?;
    let periode = (van.as_str(), tot.as_str());
    // Counting a region-year's moments reads its whole index range (0.6 ms at 40,000 moments,
    // the largest part of a list view): kept per instance while the region-year's change
    // marker (which every insert, update or delete of its moments bumps) is unchanged.
    type Sleutel = (String, Option<Soort>, String, Option<String>);
    static AANTALLEN: Geheugen<Sleutel, i64> = Geheugen::nieuw(&[]);
    // The year as the marker keeps it (`periode_grenzen` also takes " 2025").
    let jaar = &van[..4];
    let versie = markers.regiojaar(regio, jaar);
    let sleutel = (
        regio.to_string(),
        soort,
        jaar.to_string(),
        inzage.regio().map(str::to_string),
    );
    let totaal = *AANTALLEN
        .bij_versies(db, [versie, 0, 0], &sleutel, async {
            repo::aantal_momenten(db, inzage, regio, soort, periode).await
        })
        .await?;
    let paginas = u32::try_from((totaal - 1).max(0) / PER_PAGINA + 1).unwrap_or(u32::MAX);
    let pagina = gevraagd.clamp(1, paginas);
    let offset = i64::from(pagina - 1) * PER_PAGINA;
    let mut momenten =
        repo::momenten_pagina(db, inzage, regio, soort, periode, (PER_PAGINA, offset)).await?;
    momenten.iter_mut().for_each(Moment::verberg_vrije_tekst);
    Ok(Momentpagina {
        momenten,
        totaal,
        pagina,
        paginas,
    })
}

/// The user's case-process scope, if it covers `regio`.
fn inzage_van_regio(g: &Gebruiker, regio: &str) -> AppResult<CasusInzage> {
    permissions::casus_inzage(g)
        .filter(|i| i.omvat(regio))
        .ok_or(AppError::GeenToegang)
}

/// The most recent year with a registered moment in the region (kept per instance as
/// [`laatste_jaar_bij`] does for the moment list).
pub async fn laatste_jaar(db: &Db, g: &Gebruiker, regio: &str) -> AppResult<Option<String>> {
    let inzage = inzage_van_regio(g, regio)?;
    let markers = Markeringen(repo::indicator_versies_alle(db).await?);
    laatste_jaar_bij(db, &inzage, regio, &markers).await
}

/// The region's Actie-overleggen with their active members (a deactivated organisation no
/// longer attends; its past attendance stays in the indicators).
pub async fn overleggen(db: &Db, g: &Gebruiker, regio: &str) -> AppResult<Vec<Overleg>> {
    let mut overleggen = repo::overleggen(db, &inzage_van_regio(g, regio)?, regio).await?;
    zonder_inactieve_leden(db, regio, &mut overleggen).await?;
    Ok(overleggen)
}

async fn zonder_inactieve_leden(db: &Db, regio: &str, overleggen: &mut [Overleg]) -> AppResult<()> {
    let actief: Vec<i64> = crate::organisatie::repo::van_regio(db, regio)
        .await?
        .into_iter()
        .filter(|o| o.actief)
        .map(|o| o.id)
        .collect();
    for o in overleggen {
        o.organisaties.retain(|(id, ..)| actief.contains(id));
    }
    Ok(())
}

/// The region's meetings with `datum` in `[van, tot)`, with attendance.
pub async fn vergaderingen(
    db: &Db,
    g: &Gebruiker,
    regio: &str,
    van: &str,
    tot: &str,
) -> AppResult<Vec<Vergadering>> {
    Ok(repo::vergaderingen(db, &inzage_van_regio(g, regio)?, regio, van, tot).await?)
}

/// The region's directory of contact persons and bureaudiensten.
pub async fn contactpunten(db: &Db, g: &Gebruiker, regio: &str) -> AppResult<Vec<Contactpunt>> {
    Ok(repo::contactpunten(db, &inzage_van_regio(g, regio)?, regio).await?)
}

/// `[van, tot)` of a period: a year `JJJJ`.
pub fn periode_grenzen(periode: &str) -> AppResult<(String, String)> {
    let jaar: i32 = periode
        .trim()
        .parse()
        .ok()
        .filter(|j| (2000..=2100).contains(j))
        .ok_or_else(|| {
            AppError::Validatie(vec![Veldfout::new(
                "periode",
                format!("'{periode}' is geen geldig jaar (bijvoorbeeld 2025)."),
            )])
        })?;
    Ok((format!("{jaar}-01-01"), format!("{}-01-01", jaar + 1)))
}

/// How many afspraken [`te_laat`] lists, without reading them; `marker` changes with every
/// write anywhere ([`Markeringen::samen`]).
async fn aantal_te_laat(db: &Db, g: &Gebruiker, marker: i64) -> AppResult<i64> {
    inzage_van_regio(g, &g.regio_code)?;
    let Some(d) = permissions::deelname(g) else {
        return Ok(0);
    };
    // On every list view, and 2 ms of PostgreSQL time for a Veilig Thuis organisation chairing
    // hundreds of moments: kept per organisation and day while no afspraak or participation
    // anywhere changed (their triggers bump `indicator_versie`: 0016, 0022).
    static AANTALLEN: Geheugen<(Option<i64>, String), i64> = Geheugen::nieuw(&[]);
    let vandaag = crate::db::vandaag();
    let aantal = AANTALLEN
        .bij_versies(
            db,
            [marker, 0, 0],
            &(d.organisatie(), vandaag.clone()),
            repo::aantal_afspraken_te_laat(db, &d, &vandaag),
        )
        .await?;
    Ok(*aantal)
}

/// Open afspraken past their deadline for the user's organisation (as owner or chair).
pub async fn te_laat(db: &Db, g: &Gebruiker) -> AppResult<Vec<Afspraak>> {
    inzage_van_regio(g, &g.regio_code)?;
    // Only a partner organisation owns afspraken or chairs; the network sees none of its own.
    let Some(d) = permissions::deelname(g) else {
        return Ok(vec![]);
    };
    let mut afspraken = repo::afspraken_te_laat(db, &d, &crate::db::vandaag()).await?;
    // The list shows no free text; it is read (and audited) on the moment itself.
    afspraken.iter_mut().for_each(Afspraak::verberg_vrije_tekst);
    Ok(afspraken)
}

// ---- Actie-overleg meetings ---------------------------------------------------------------

#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct OverlegInvoer {
    #[serde(default)]
    pub naam: String,
    #[serde(default)]
    pub weekdag: String,
    #[serde(default)]
    pub tijd: String,
    #[serde(default)]
    pub frequentie: String,
    #[serde(default)]
    pub vast: Vec<String>,
    #[serde(default)]
    pub op_afroep: Vec<String>,
}

/// Sets up a recurring Actie-overleg in the user's region, chaired by the user's own
/// organisation. Only a medewerker or coordinator of a partner organisation may
/// (`permissions::mag_overleg_instellen`): the overleg decides who sees client data.
pub async fn overleg_aanmaken(db: &Db, g: &Gebruiker, o: &OverlegInvoer) -> AppResult<i64> {
    let reg = permissions::casus_registratie(g)
        .filter(|_| permissions::mag_overleg_instellen(g, &g.regio_code))
        .ok_or(AppError::GeenToegang)?;
    let voorzitter = g.organisatie_id;
    let mut fouten = vec![];
    let naam = o.naam.trim();
    if naam.is_empty() || naam.chars().count() > 100 {
        fouten.push(Veldfout::new(
            "naam",
            "Geef het overleg een naam (maximaal 100 tekens).",
        ));
    }
    let weekdag = o
        .weekdag
        .trim()
        .parse::<u8>()
        .ok()
        .filter(|d| (1..=7).contains(d));
    if weekdag.is_none() {
        fouten.push(Veldfout::new("weekdag", "Kies een weekdag."));
    }
    let tijd = velden::tijdstip(&format!("2000-01-01 {}", o.tijd.trim()));
    if tijd.is_none() {
        fouten.push(Veldfout::new("tijd", "Vul een tijd in als UU:MM."));
    }
    let frequentie = Frequentie::parse(&o.frequentie);
    if frequentie.is_none() {
        fouten.push(Veldfout::new("frequentie", "Kies de frequentie."));
    }
    let ids = |v: &[String]| {
        v.iter()
            .filter_map(|s| s.trim().parse::<i64>().ok())
            .collect::<Vec<_>>()
    };
    let mut organisaties: Vec<(i64, bool)> = ids(&o.vast).into_iter().map(|i| (i, true)).collect();
    for i in ids(&o.op_afroep) {
        if !organisaties.iter().any(|(x, _)| *x == i) {
            organisaties.push((i, false));
        }
    }
    if !organisaties.iter().any(|(_, vast)| *vast) {
        fouten.push(Veldfout::new(
            "vast",
            "Kies de vaste deelnemers (Politie, OM en VT).",
        ));
    }
    if !fouten.is_empty() {
        return Err(AppError::Validatie(fouten));
    }
    let mut tx = crate::db::begin(db).await?;
    for (org, vast) in &organisaties {
        let veld = if *vast { "vast" } else { "op_afroep" };
        ketenpartner_in_regio(&mut tx, *org, reg.regio(), veld).await?;
    }
    let id = repo::overleg_opslaan(
        &mut tx,
        &reg,
        naam,
        weekdag.unwrap_or(4),
        &tijd.unwrap_or_default()[11..],
        frequentie.unwrap_or(Frequentie::Wekelijks),
        voorzitter,
        &organisaties,
    )
    .await?;
    vastleggen(
        tx,
        g,
        AuditEvent::OverlegGewijzigd {
            overleg: id,
            wat: "aangemaakt",
        },
    )
    .await?;
    Ok(id)
}

/// Records attendance of a meeting: `aanwezig` are the organisation ids present; every
/// organisation of the overleg not listed is recorded as absent. Chair only.
pub async fn aanwezigheid(
    db: &Db,
    g: &Gebruiker,
    vergadering_id: i64,
    aanwezig: &[i64],
) -> AppResult<()> {
    let mut tx = crate::db::begin(db).await?;
    let inzage = permissions::casus_inzage(g).ok_or(AppError::GeenToegang)?;
    let (_, overleg_id, regio, _) = repo::vergadering_regio(&mut tx, &inzage, vergadering_id)
        .await?
        .ok_or(AppError::NietGevonden("Deze vergadering"))?;
    let mut overleggen = repo::overleggen(db, &inzage, &regio).await?;
    zonder_inactieve_leden(db, &regio, &mut overleggen).await?;
    let overleg = overleggen
        .into_iter()
        .find(|o| o.id == overleg_id)
        .ok_or(AppError::NietGevonden("Dit overleg"))?;
    let reg = permissions::casus_registratie(g)
        .filter(|_| permissions::beheert_overleg(g, &regio, overleg.voorzitter_organisatie_id))
        .ok_or(AppError::GeenToegang)?;
    for (org, _, _, _) in &overleg.organisaties {
        let aanwezig = aanwezig.contains(org);
        repo::aanwezigheid_opslaan(&mut tx, &reg, vergadering_id, *org, aanwezig).await?;
    }
    vastleggen(
        tx,
        g,
        AuditEvent::OverlegGewijzigd {
            overleg: overleg_id,
            wat: "aanwezigheid",
        },
    )
    .await?;
    Ok(())
}

// ---- contact directory --------------------------------------------------------------------

#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct ContactInvoer {
    #[serde(default)]
    pub soort: String,
    #[serde(default)]
    pub functie: String,
    #[serde(default)]
    pub naam: String,
    #[serde(default)]
    pub telefoon: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub bereikbaarheid: String,
}

/// Adds a contact point of the user's own organisation to the region's directory.
pub async fn contactpunt_toevoegen(db: &Db, g: &Gebruiker, c: &ContactInvoer) -> AppResult<i64> {
    let reg = permissions::casus_registratie(g).ok_or(AppError::GeenToegang)?;
    let mut fouten = vec![];
    let soort = ContactSoort::parse(&c.soort);
    if soort.is_none() {
        fouten.push(Veldfout::new(
            "soort",
            "Kies contactpersoon of bureaudienst.",
        ));
    }
    let kort = |v: &str, veld: &str, naam: &str, verplicht: bool, fouten: &mut Vec<Veldfout>| {
        let v = v.trim();
        if verplicht && v.is_empty() {
            fouten.push(Veldfout::new(veld, format!("Vul {naam} in.")));
        } else if v.chars().count() > 200 {
            fouten.push(Veldfout::new(
                veld,
                format!("{naam} is te lang (maximaal 200 tekens)."),
            ));
        }
        v.to_string()
    };
    let functie = kort(
        &c.functie,
        "functie",
        "de functie of het team",
        true,
        &mut fouten,
    );
    let naam = kort(&c.naam, "naam", "de naam", false, &mut fouten);
    let telefoon = kort(
        &c.telefoon,
        "telefoon",
        "het telefoonnummer",
        true,
        &mut fouten,
    );
    if !telefoon.is_empty()
        && !telefoon
            .chars()
            .all(|ch| ch.is_ascii_digit() || " +-()".contains(ch))
    {
        fouten.push(Veldfout::new(
            "telefoon",
            "Een telefoonnummer bevat alleen cijfers, spaties, +, - en haakjes.",
        ));
    }
    let email = kort(&c.email, "email", "het e-mailadres", false, &mut fouten);
    if !email.is_empty() && crate::auth::model::Email::parse(&email).is_err() {
        fouten.push(Veldfout::new("email", "Dit is geen geldig e-mailadres."));
    }
    let bereikbaarheid = kort(
        &c.bereikbaarheid,
        "bereikbaarheid",
        "de bereikbaarheid",
        false,
        &mut fouten,
    );
    if !fouten.is_empty() {
        return Err(AppError::Validatie(fouten));
    }
    let mut tx = crate::db::begin(db).await?;
    let id = repo::contactpunt_opslaan(
        &mut tx,
        &reg,
        &Contactpunt {
            id: 0,
            regio_code: g.regio_code.clone(),
            organisatie_id: g.organisatie_id,
            organisatie_naam: String::new(),
            soort: soort.unwrap_or(ContactSoort::Contactpersoon),
            functie,
            naam,
            telefoon,
            email,
            bereikbaarheid,
        },
    )
    .await?;
    vastleggen(
        tx,
        g,
        AuditEvent::ContactpuntGewijzigd {
            regio: g.regio_code.clone(),
            id,
        },
    )
    .await?;
    Ok(id)
}

pub async fn contactpunt_verwijderen(db: &Db, g: &Gebruiker, id: i64) -> AppResult<()> {
    let reg = permissions::casus_registratie(g).ok_or(AppError::GeenToegang)?;
    let mut tx = crate::db::begin(db).await?;
    let org = repo::contactpunt_organisatie(&mut tx, &reg, id)
        .await?
        .ok_or(AppError::NietGevonden("Dit contactpunt"))?;
    if !(org == g.organisatie_id || g.rol == crate::auth::Rol::Regiocoordinator) {
        return Err(AppError::GeenToegang);
    }
    repo::contactpunt_verwijderen(&mut tx, &reg, id).await?;
    vastleggen(
        tx,
        g,
        AuditEvent::ContactpuntGewijzigd {
            regio: g.regio_code.clone(),
            id,
        },
    )
    .await?;
    Ok(())
}
