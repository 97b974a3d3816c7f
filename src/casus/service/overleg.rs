//! Actie-overleg meetings: setting up an overleg and recording attendance.

use super::*;

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
            .filter_map(|s| s.trim().parse::<OrganisatieId>().ok())
            .collect::<Vec<_>>()
    };
    let mut organisaties: Vec<(OrganisatieId, bool)> =
        ids(&o.vast).into_iter().map(|i| (i, true)).collect();
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
    aanwezig: &[OrganisatieId],
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

/// One aanmelding on a meeting's agenda as one user may see it.
#[derive(Debug, Clone)]
pub struct Agendapunt {
    pub moment: Moment,
    /// The organisation that brought the case in.
    pub inbrenger: String,
    /// The user's organisation takes part in the case now: it reads the question (audited).
    pub deelnemer: bool,
    /// "Vraag aan het Actie-overleg" (a personal field): participants only.
    pub vraag: Option<String>,
    /// The afspraken made for it (free text for participants only): the besluitenlijst.
    pub afspraken: Vec<Afspraak>,
}

/// A meeting of an Actie-overleg: its overleg, attendance and agenda.
#[derive(Debug, Clone)]
pub struct VergaderingBeeld {
    pub vergadering: Vergadering,
    pub overleg: Overleg,
    pub agenda: Vec<Agendapunt>,
    /// The user's organisation chairs the overleg (records attendance).
    pub voorzitter: bool,
}

/// What a meeting is, for everyone with the region's case process in view: the agenda in
/// process data, and for each case whose participants include the user's organisation also
/// the question put to the overleg (its read audited, as on the moment) and the full text of
/// its afspraken. Nobody else reads a word of a case's content here.
pub async fn vergadering(db: &Db, g: &Gebruiker, id: i64) -> AppResult<VergaderingBeeld> {
    let inzage = permissions::casus_inzage(g).ok_or(AppError::GeenToegang)?;
    let mut tx = crate::db::begin(db).await?;
    let (vergadering, overleg, regio) =
        vergadering_en_overleg(db, &mut tx, (g, &inzage), id).await?;
    let namen = repo::organisaties_van_regio(db, &regio).await?;
    let deelname = permissions::deelname(g);
    let mut agenda = vec![];
    for mut m in repo::agenda(db, &inzage, id).await? {
        let deelnemer = match &deelname {
            Some(d) => repo::is_actieve_deelnemer(&mut tx, d, m.id).await?,
            None => false,
        };
        let mut vraag = None;
        match deelname.as_ref().filter(|_| deelnemer && !m.gewist) {
            Some(d) => {
                audit::schrijf(
                    &mut tx,
                    &Actor::from(g),
                    AuditEvent::PersoonsgegevensGelezen {
                        moment: m.id,
                        doel: "Actie-overleg: agenda en besluitenlijst",
                    },
                )
                .await?;
                vraag = repo::persoon(&mut tx, d, m.id)
                    .await?
                    .and_then(|p| p.get("vraag").cloned())
                    .filter(|v| !v.trim().is_empty());
            }
            None => m.verberg_vrije_tekst(),
        }
        let mut afspraken = repo::afspraken_van_moment(db, &inzage, m.id).await?;
        if !deelnemer {
            afspraken.iter_mut().for_each(Afspraak::verberg_vrije_tekst);
        }
        let inbrenger = namen
            .iter()
            .find(|(o, _, _)| *o == m.aangemaakt_door_organisatie)
            .map(|(_, n, _)| n.clone())
            .unwrap_or_default();
        agenda.push(Agendapunt {
            moment: m,
            inbrenger,
            deelnemer,
            vraag,
            afspraken,
        });
    }
    tx.commit().await?;
    Ok(VergaderingBeeld {
        voorzitter: permissions::is_voorzitter(g, overleg.voorzitter_organisatie_id),
        vergadering,
        overleg,
        agenda,
    })
}

/// A meeting and its overleg within the user's scope, and the overleg's region.
async fn vergadering_en_overleg(
    db: &Db,
    tx: &mut crate::db::Conn,
    (g, inzage): (&Gebruiker, &CasusInzage),
    id: i64,
) -> AppResult<(Vergadering, Overleg, RegioCode)> {
    let (_, overleg_id, regio, datum) = repo::vergadering_regio(tx, inzage, id)
        .await?
        .ok_or(AppError::NietGevonden("Deze vergadering"))?;
    let overleg = overleggen(db, g, &regio)
        .await?
        .into_iter()
        .find(|o| o.id == overleg_id)
        .ok_or(AppError::NietGevonden("Dit overleg"))?;
    let morgen = regels::plus_dagen(&datum, 1).unwrap_or_default();
    let vergadering = repo::vergaderingen(db, inzage, &regio, &datum, &morgen)
        .await?
        .into_iter()
        .find(|v| v.id == id)
        .ok_or(AppError::NietGevonden("Deze vergadering"))?;
    Ok((vergadering, overleg, regio))
}

/// A meeting without anything of its cases: date, overleg and the number of cases on the
/// agenda (for the calendar file). Reads no personal data.
pub async fn vergadering_kop(
    db: &Db,
    g: &Gebruiker,
    id: i64,
) -> AppResult<(Vergadering, Overleg, usize)> {
    let inzage = permissions::casus_inzage(g).ok_or(AppError::GeenToegang)?;
    let mut tx = crate::db::begin(db).await?;
    let (vergadering, overleg, _) = vergadering_en_overleg(db, &mut tx, (g, &inzage), id).await?;
    tx.commit().await?;
    let agenda = repo::agenda(db, &inzage, id).await?.len();
    Ok((vergadering, overleg, agenda))
}
